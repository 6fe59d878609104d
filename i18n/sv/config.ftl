# The checks of styr.toml, the indicator catalogue (toml and xlsx), the sources and the form
# definitions. Keys: config-<what>, or the C-code (C051, C051-hint).
