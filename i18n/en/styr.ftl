# styr's messages in English. One entry per message; a diagnostic's message and hint are keyed
# by its code (R203, R203-hint), variants by a suffix (R203-date). Keep the same keys and the
# same { $variables } as i18n/sv/styr.ftl: a test checks both.

## Labels of the lines a person reads

label-error = error:
label-warning = warning:
label-hint = hint:
did-you-mean = did you mean '{ $name }'?

## Values of a cell (collect)

range-between = between { $min } and { $max }
range-at-least = at least { $min }
range-at-most = at most { $max }
R202 = { $shown } is out of range: the value must be { $range }
R202-hint = check the unit: percentages as 6,5 (not 0,065), amounts in tkr
R203 = text in a number cell: "{ $text }"
R203-hint = type only the number, e.g. 5 or 5,5 (no "ca", units or words)
R203-hint-missing = leave the cell empty when the value is missing, and say why in the analysis
R203-bool = a true/false value ({ $value }) in a number cell
R203-bool-hint = type the number
R203-date = a date ({ $date }) in a number cell
R203-date-hint = type the number itself; a date is never read as a number (14/3 becomes a date: type 14,3)
R204 = the cell holds the error value { $value }
R204-hint = type the value itself instead of a formula, or leave the cell empty
R205 = the number "{ $text }" was typed as text; read as { $value }
R205-comma = the number "{ $text }" was typed as text with a decimal comma; read as { $value }
R205-hint = type numbers in number cells without spaces or units
R206 = "{ $text }" is not in the list
R206-hint = choose one of: { $list }
R206-hint-near = did you mean '{ $name }'? The list is: { $list }
R207 = the text is { $n } characters long; at most { $max } fit
R207-hint = shorten the text; put details in an attachment
R208 = { $text } is not a date
R208-range = { $value } is not a date between 2000 and 2100
R208-bool = a true/false value in a date cell
R208-hint = type a date as ÅÅÅÅ-MM-DD, e.g. 2026-05-08
R209 = the number is not finite (too large)
R209-hint = type an ordinary number
R212 = a true/false value read as { $value }
R212-hint = choose Ja or Nej in the list
R213 = the date "{ $text }" was typed as text; read as { $date }
R216 = { $shown } is a fraction, not a percentage: { $pct } % fits { $rule }, { $shown } does not
R216-hint = if { $pct } % is meant, type { $pct }
R216-range = the indicator's range { $range }
R217 = a percentage ({ $pct } %) in a cell that is not a percentage
R217-hint = type the number itself, without %

## Sheets, rows and cells of a return (collect)

no-target = no målvärde
R107 = the målvärde of '{ $id }' changed since the workbook was made: it showed { $shown }, the catalogue now says { $now }; the åtgärd rule uses what the workbook showed
R107-hint = generate the workbook again if the unit should judge by the new målvärde
R110 = no sheet '{ $sheet }': the section "{ $title }" is missing
R110-hint = sheets are: { $sheets }; the unit deleted the sheet: ask for a new return
R110-hint-near = a sheet is named '{ $name }': rename it back to '{ $sheet }'
R111 = the sheet '{ $sheet }' was renamed to '{ $name }'; read from there
R111-hint = rename it back to '{ $sheet }' next time
R112 = the row of '{ $key }' is missing
R112-hint = rows were deleted or overwritten; ask the unit to fill in a fresh copy of the row
R113 = the row of '{ $key }' was moved from row { $from } to row { $to }; read from its new place
R114 = a row was added below the form (row { $row }); read as row { $n }
R120 = { $n } cell(s) far outside the form are ignored (first: { $first })
R120-hint = styr reads only the form's cells; move anything important into the form
R121 = the sheet could not be read completely: { $error }
R121-hint = save the file again in Excel or LibreOffice; if that does not help, ask the unit for a new return
R122 = the hidden sheet '{ $sheet }' is missing; the rows of each table are taken from the workspace and found by their keys
R122-hint = the workbook was copied sheet by sheet or the sheet deleted; send a fresh copy next time
R123 = the cell is hidden by the merged cells { $range }; its value "{ $text }" is not shown and not read
R123-hint = unmerge the cells and check the value, or ask the unit for a fresh copy
R201 = "{ $label }" is required but empty
R201-row = "{ $label }" is required when the row is used but empty
R201-hint = fill in the cell
R210 = the outcome { $value } does not reach the målvärde ({ $target }): "{ $label }" is required
R210-hint = describe what the unit does to reach the målvärde, and when
R215 = { $shown } looks like a fraction, not a percentage
R216-target = the målvärde { $target }
R216-history = the unit's outcome { $value } for { $period }

## Files and their identity (collect)

none = none
the-unit = the unit
row-n = row { $n }
R010-read = the workbook is password protected
R010-hint = remove the password (File > Info > Protect Workbook) and send the file again
R014 = { $what }: styr reads .xlsx and .ods returns
R014-hint = open the file and save it as Excel-arbetsbok (.xlsx), then send it again
R015 = a saved e-mail with no workbook attached, nor in a mail forwarded inside it
R015-hint = ask the unit to send the mail again with its workbook attached, or save the workbook itself in the incoming folder
R033 = part '{ $part }' is damaged ({ $detail }) and was left out; it holds no values
R033-hint = nothing to correct; the rest of the workbook was read and checked
R043-caught = the reader failed on this file (caught)
R043-hint = save the workbook again in Excel or LibreOffice and send a new copy
R044-garbage = the reader process answered garbage: { $error }
R050 = the workbook cannot be read
R050-hint = save it again as .xlsx in Excel or LibreOffice and send a new copy
R050-corrupt = the file is corrupt or truncated
R050-corrupt-hint = save the workbook again and send a new copy
R101 = not a styr workbook: { $what }
R101-foreign = a spreadsheet without styr's identity (sheets: { $sheets })
R101-hint = send the unit the workbook styr generated for it, or collect only the returns folder
R102-disagree = the workbook's markers disagree: document property says { $key } = '{ $a }', the { $sheet } sheet says '{ $b }'
R102-disagree-hint = the file was probably assembled from two workbooks; ask the unit for the original file
R102-lacks = the workbook's identity lacks '{ $key }'
R102-lacks-hint = the file's properties or hidden sheet were edited; ask the unit for the original file
R102-kind = unknown form kind '{ $kind }'
R102-version = form version '{ $version }' is not a number
R102-period = the workbook's period: { $error }
R103 = the workbook was made from version { $version } of the form '{ $kind }', which the workspace no longer has (it has { $have })
R103-hint = keep the old definition as templates/{ $kind }.v{ $version }.toml to read it, or send the unit the current form
R104 = the form '{ $kind }' version { $version } has changed since this workbook was made
R104-hint = change `version` in the form definition whenever its fields change; the file is read with the current definition
R105 = the workbook is for '{ $id }', which is not a unit or förvaltning of the workspace
R105-hint = was the unit renamed or closed? Check styr.toml
R106 = the workbook is for { $period } ({ $name }), not { $expected }
R106-hint = the unit sent an old or future file; ask for the one generated for this period

## Rows and columns found by label (collect)

R115 = row { $row } was added to the table but belongs to no known row; it is not read: { $cells }
R115-hint = styr reads only the form's rows; a new indicator is added by the controller in the catalogue
R115-more = { $n } more rows in the table belong to no known row and are not read
R116 = row { $row } repeats "{ $item }", which is read from another row; its values are not read: { $cells }
R116-hint = keep one row per item: move the values into the item's own row and delete the copy
R117 = a value outside the form's cells is not read: "{ $text }"
R117-hint = styr reads only the form's cells: write comments in the form's comment or analysis fields
R117-more = { $n } more cells outside the form are not read
R118 = a row was inserted or moved; read by label: { $moved }
R118-hint = styr finds each row by its label; do not insert rows in the form next time
R118-column = a column was inserted or moved; read by label: { $moved }
R118-column-hint = styr finds each column by its label; do not insert columns in the form next time
R119 = the row "{ $label }" is not found: other rows were inserted or moved, and no row is labelled "{ $label }"; its values are not read
R119-hint = put the label "{ $label }" back over its row, or ask the unit to fill in a fresh copy
R119-column = the column "{ $label }" is not found: other columns were inserted or moved, and no column is labelled "{ $label }"; its values are not read
R119-column-hint = put the label "{ $label }" back over its column, or ask the unit to fill in a fresh copy
R124-formula = the formula ={ $formula } has no computed value in the file; styr cannot know what the cell shows
R124-string = the cell's text is missing from the file (shared string { $n } is not in its string table); the file is damaged
R124-hint = open the file in Excel or LibreOffice, type the value instead of the formula, save and send it again

## Plausibility (collect)

R130 = { $reasons }: may be another unit's figures
R130-hint = ask { $who } whether these are the figures of { $name } before they are used
R130-other-chef = "Ifylld av" is '{ $name }', the chef of '{ $other }', not of this unit ('{ $chef }')
R130-not-chef = "Ifylld av" is '{ $name }', not the unit's chef '{ $chef }'
R130-file-name = the file name names the unit '{ $other }', but the workbook is for '{ $unit }'
R220 = the { $what } { $value } is { $share } of { $of }, outside { $low }–{ $high } of it
R220-forecast = forecast
R220-spent = amount spent so far
R220-pro-rata = the budget pro rata ({ $part } of { $budget })
R220-budget = the unit's budget ({ $budget })
R220-hint = check that the figures are this unit's and in tkr (thousands of kronor); the range is the field's budget_factor
R221 = the forecast { $value } deviates { $deviation } from the budget { $budget } (more than { $limit }), and "{ $label }" is empty
R221-hint = ask the unit to explain the deviation in the economy comment
R222 = the outcome { $value } of '{ $id }' changed by { $change } from { $before } in { $when }, more than its plausible_change { $limit }
R222-hint = check the figure with the unit; the limit is the indicator's plausible_change in indikatorer.toml

## What a file is (the guards before a file is read)

file-xlsx = an Excel workbook (.xlsx)
file-xlsm = an Excel workbook with macros (.xlsm)
file-xlsb = an Excel binary workbook (.xlsb)
file-ods = an OpenDocument spreadsheet (.ods)
file-xls = a legacy Excel workbook (.xls)
not-spreadsheet = not a spreadsheet: { $what }
R010 = the workbook is password protected
R010-sniff-hint = remove the password (File > Info > Protect workbook > Encrypt with password, clear it) and send the file again
R011 = skipped: { $reason }
R011-lock-hint = close the workbook in the spreadsheet program; the lock file then disappears
skip-excel-lock = an Excel lock file (~$...), left by a workbook open in Excel
skip-libreoffice-lock = a LibreOffice lock file (.~lock...#), left by a workbook open in LibreOffice
skip-hidden = a hidden file (the name starts with '.')
skip-temporary = a temporary file
skip-directory = a directory
skip-not-regular = not a regular file
R012-sniff = cannot read the file: { $error }
R012-sniff-hint = check the file's permissions and that it still exists
R013 = the file is truncated or its Office container is damaged ({ $detail })
R020-sniff = the file is truncated or not a complete zip ({ $detail })
R020-sniff-hint = the file was probably cut off while being saved or sent; open it in Excel, save it again and send the new file
kind-empty = the file is empty (0 bytes)
kind-html = looks like an HTML page saved as .xls
kind-xml-2003 = an XML Spreadsheet 2003 file, not a workbook
kind-xml = an XML file, not a workbook
kind-csv = text with fields separated by { $delimiter }: a CSV file
kind-text = a plain text file
kind-pdf = a PDF document
kind-image = a { $format } image
kind-docx = a Word document (.docx)
kind-pptx = a PowerPoint presentation (.pptx)
kind-odt = an OpenDocument text document (.odt)
kind-odp = an OpenDocument presentation (.odp)
kind-odg = an OpenDocument drawing (.odg)
kind-opendocument = an OpenDocument file of type '{ $mimetype }'
kind-zip = a zip archive with { $n } entries and no workbook in it
kind-doc = a Word document (.doc)
kind-ppt = a PowerPoint presentation (.ppt)
kind-msg = an Outlook e-mail message (.msg)
kind-cfb = an Office container with no workbook in it
kind-binary = binary data of an unknown kind
delimiter-semicolon = semicolons
delimiter-comma = commas
delimiter-tab = tabs
delimiter-bar = vertical bars
delimiter-other = a delimiter
R001-hint = the file has no content; save the workbook again and send it again
R002-hint = the file was exported from a web system; open it in Excel and save as .xlsx (File > Save As > Excel Workbook)
R004-hint = open it in Excel and save as .xlsx (File > Save As > Excel Workbook), or fill in the template that was sent out
R005-hint = a printout or picture of the form cannot be read; send the Excel file itself
R007-hint = the wrong file was sent; send the filled-in Excel template instead
R009-hint = the file is not a workbook or is badly damaged; send the filled-in Excel template again

## The zip of a workbook (pre-flight)

R012 = cannot read the file: { $error }
R012-hint = check the file's permissions and that it still exists
R020 = the file is truncated or not a complete zip ({ $detail })
R020-hint = the file was damaged or cut off while being saved or sent; open it in Excel, save it again and send the new file
R021 = the file is { $size }, more than the { $limit } allowed
R021-hint = a return is normally well under 1 MB; remove pictures and rows or columns beyond the form (Ctrl+End shows the last used cell), save and send again
R022 = the workbook has { $count } parts, more than the { $limit } allowed
R022-hint = this is not how Excel or LibreOffice write a workbook; open the file in Excel, save it as .xlsx and send the new file
R023 = the workbook's parts unpack to { $total }, more than the { $limit } allowed
R024 = part '{ $name }' unpacks to { $size }, more than the { $limit } allowed
R025 = part '{ $name }' unpacks from { $compressed } to { $size } (ratio { $ratio }:1, limit { $limit }:1): a decompression bomb
R026 = part '{ $name }' appears twice; readers disagree on which copy counts
R026-unnamed = a part appears twice; readers disagree on which copy counts
R027 = parts '{ $first }' and '{ $second }' differ only in letter case; readers disagree on which one counts
R028 = part '{ $name }' is compressed with method { $method } ({ $method_name }), which spreadsheet readers do not support
R029 = part '{ $name }' is encrypted inside the zip
R029-hint = remove the password (File > Info > Protect workbook) and send the file again
R030 = part name '{ $name }' points outside the archive ('..' or an absolute path)
R031 = several parts share the same compressed data: a crafted archive
R032 = part '{ $name }' is damaged: { $detail }
R032-crc = its CRC does not match its data
R032-damaged = its compressed data is damaged
R032-cut = its compressed data ends early
R032-too-large = it inflates to more than { $limit }
R032-no-header = its local header cannot be read
R032-past-end = its data runs past the end of the file

## The reader process

R040 = reading the file took longer than { $seconds } s and was stopped
R040-hint = the file may be damaged or hold far more than the form: open it in Excel, press Ctrl+End to find the last used cell, delete rows and columns beyond the form, save and send again
R041 = reading the file needed more than the { $limit } of memory allowed and was stopped
R041-unlimited = reading the file ran out of memory and was stopped
R042 = the reader crashed on this file ({ $exit })
R042-hint = the file is probably damaged; open it in Excel, save it as .xlsx and send the new file; if that does not help, report this as a bug in styr with the file
R043 = the reader failed on this file with an internal error
R044 = the reader process misbehaved: { $error }
R045 = cannot start the reader process: { $error }
R045-hint = this is a problem with the styr installation, not with the file

## styr collect

cli-no-executable = cannot find the styr executable: { $error }
cli-no-workers = cannot start the reader workers: { $error }
collect-no-folder = no returns folder { $dir }
collect-no-folder-hint = put the returned workbooks of { $period } there, or name files or folders: styr collect FILE...
collect-archived = { $n } correction workbooks archived in { $dir } (their units' valid returns are collected)
collect-hidden = ({ $findings } finding(s) in { $files } replaced file(s) not shown: --format json lists them)
col-status = status
col-id = id
col-name = name
col-file = file
other-unit = may be another unit's figures
collect-summary = { $files } files: { $ok } ok, { $errors } with errors, { $rejected } rejected, { $skipped } skipped, { $replaced } replaced; { $missing } returns missing
collect-register = register: { $path }
collect-store = store: { $path } ({ $changed } returns added or replaced)
collect-corrections = { $n } correction workbooks in { $dir }
status-inkommen = received
status-inkommen-med-fel = received with errors
status-sen = late
status-saknas = missing
status-dubblett = duplicate
status-ersatt-av-nyare = replaced by newer
status-ersatt-av-aldre = with errors, older without errors counts
status-ersatt-samma-tid = replaced, saved at the same time
status-fel-period = wrong period
status-fel-version = wrong version
status-okand-enhet = unknown unit
status-avvisad = rejected
status-hoppad = skipped

## The command line

cli-no-workspace-hint = run `styr init DIR` to create a workspace, or point at one with -C DIR
cli-invalid-workspace = the workspace is invalid ({ $n } error(s))
cli-bad-epoch = SOURCE_DATE_EPOCH is not a number of seconds since 1970: "{ $value }"
cli-bad-epoch-hint = set it to e.g. 1778572800 (2026-05-12T08:00:00Z), or unset it
cli-cannot-write = cannot write the output: { $error }
label-note = note:
validate-ok = { $kommun }: valid: { $forvaltningar } förvaltningar, { $units } units, { $indicators } indicators, { $targets } målvärden, { $history } earlier outcomes, { $arshjul } årshjul entries
check-period-hint = e.g. styr check --period 2026-T1
check-plan-period = { $period } is a planning period: there are no outcomes to check
check-plan-period-hint = check a follow-up period of { $year }, e.g. --period { $year }-T1 or --period { $year }
check-no-forvaltning = no förvaltning '{ $id }' in styr.toml
check-forvaltningar = förvaltningar: { $list }
check-bad-store-hint = move the file away and collect the returns again, or restore { $file } from a backup

## The workspace as a whole (validate)

did-you-mean-quoted = did you mean "{ $name }"?
what-forvaltning = förvaltning
what-unit = unit
what-control = control point
what-goal = goal
what-indicator = indicator
what-category = unit category
what-chart = Översikt chart
C025 = `[report] overview_charts` names { $n } indicators; Översikt has room for { $max } charts after the economy
C025-hint = choose the most important ones; the other indicators are on the area sheets
C010 = duplicate { $what } id '{ $id }'
C010-hint = '{ $id }' is first defined at { $first }; ids must be unique
C010-both = '{ $id }' is both a förvaltning and a unit id
C010-arshjul = { $form } for { $period } is in the årshjul twice
C010-target = a second målvärde for '{ $id }' { $period } at the same level
C010-target-hint = the first is at { $first }
C011 = unknown { $what } '{ $id }'
C011-known = known: { $list }
C011-many = it must be one of the { $n } { $what } ids defined in the workspace
C011-category = the category "{ $category }" is not among the declared `categories`
C011-category-hint = the categories are declared at { $at }: { $list }; add it there, or remove the list so that categories are free
C012 = unit '{ $id }' has a negative budget
C013 = period { $period } is outside the year { $year }
C013-hint = the årshjul holds the periods of { $year } and the planning period { $next }-plan; `year` is set at { $at }
C013-target = a målvärde belongs to a follow-up period, not { $period }
C013-target-hint = the målvärde for the year { $year } is written period = "{ $year }"
C014 = the deadline { $deadline } is before the send-out date { $sent }
C015 = indicator '{ $id }' rolls up as a weighted mean but names no weight
C015-hint = add `weight = "<indicator id>"`, e.g. the number of årsarbetare, or use rollup = "mean"
C015-self = indicator '{ $id }' cannot weigh itself
C016 = indicator '{ $id }' names a weight but rolls up as { $rollup }
C016-hint = the weight is used only with rollup = "weighted_mean"
C017 = indicator '{ $id }': min { $min } is above max { $max }
C017-target = målvärde for '{ $id }' { $period }: min { $min } is above max { $max }
C017-hint = swap the two values
C018 = '{ $id }' is a '{ $direction }' indicator; its målvärde is one `value`
C018-hint = replace `min`/`max` by `value`, or declare direction = "interval"
C018-interval = '{ $id }' is an interval indicator; its målvärde needs `min` and `max`
C018-interval-hint = replace `value` by `min = ...` and `max = ...`
C019 = history for '{ $id }', which is not in styr.toml
C019-hint = a unit that has been closed or renamed keeps its history; rename the id in historik.csv if it moved

## Periods

period-syntax = '{ $text }' is not a period; write 2026-03 (month), 2026-T1 or 2026-T2 (tertial), 2026 (year) or 2027-plan (planning year)
period-month = '{ $text }': month must be 01-12
period-tertial = '{ $text }': there are two tertial reports, T1 (Jan-Apr) and T2 (Jan-Aug); the third tertial is the annual report, written as the year alone
period-year = '{ $text }': year must be between 1900 and 2999

# The rule of an outcome, with its limits (model::Limits::rule_text); { $s } is the measure's suffix (" %").
rule-higher-band = ≥ { $green }{ $s }, yellow from { $yellow }{ $s }
rule-higher = ≥ { $green }{ $s }
rule-lower-band = ≤ { $green }{ $s }, yellow up to { $yellow }{ $s }
rule-lower = ≤ { $green }{ $s }
rule-interval-band = { $min }–{ $max }{ $s }, yellow { $ymin }–{ $ymax }{ $s }
rule-interval = { $min }–{ $max }{ $s }
rule-none-higher = Higher is better, no målvärde
rule-none-lower = Lower is better, no målvärde
rule-none-interval = Within an interval, no målvärde

# Where a derived value comes from (the source column of check and the reports).
derived-source = derived: { $formula }
derived-source-inputs = derived: { $formula } ({ $inputs })
