# The commands' own messages and tables (init, import, generate, check, report, send, status,
# targets, remind, export, demo). Keys: <command>-<what>.
