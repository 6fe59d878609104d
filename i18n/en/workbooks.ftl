# The fixed texts styr writes into workbooks: the forms' instructions, correction workbooks,
# e-mail drafts and the reports. Keys: <workbook>-<what> (form-, correction-, mail-, report-).
