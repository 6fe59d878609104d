# The checks of styr.toml, the indicator catalogue (toml and xlsx), the sources and the form
# definitions. Keys: config-<what>, or the C-code (C051, C051-hint).

## The shape of a TOML file (styr.toml, indikatorer.toml, the form definitions)

config-syntax = the TOML file cannot be read here
config-syntax-duplicate = the TOML file cannot be read here: the key is already given earlier in the same table
config-syntax-string = the TOML file cannot be read here: a text lacks its closing quote
config-syntax-equals = the TOML file cannot be read here: an = is missing between the key and the value
config-syntax-header = the TOML file cannot be read here: the table's header is incomplete
config-syntax-hint = write one key per line: key = "text", key = 12.5, key = 2026-05-08 or key = ["a", "b"]; text goes in straight quotes
config-place-top = at the top of the file
config-place-in = in { $place }
config-in = in
config-or = or
config-kind-text = the text "{ $text }"
config-kind-integer = the whole number { $n }
config-kind-number = the number { $n }
config-kind-date = the date { $date }
config-kind-list = a list
config-kind-table = a table
config-form-one-of = one of the values { $list }
config-form-date = a date without quotes
config-form-id = an id in quotes (a–z, A–Z, 0–9, '-', '_' and '.', no å, ä, ö)
config-form-period = a period in quotes (2026-03, 2026-T1, 2026 or 2027-plan)
config-form-text = a text in quotes
config-form-integer = a whole number without quotes
config-form-number = a number without quotes, with a decimal point
config-form-boolean = true or false
config-form-list-of = a list in square brackets, of { $form }
config-form-list = a list in square brackets
config-form-table = a table
config-form-value = a value
config-example = for example { $example }
config-explain = { $key }: { $form }, for example { $example }
config-list-length = `{ $key }` { $place } has { $len } values, but should have { $want }
config-missing-key = `{ $key }` is missing { $place }
config-unknown-key = unknown key `{ $key }` { $place }
config-did-you-mean-keys = did you mean { $keys }?
config-known-keys = the keys here are { $keys }
config-enum-not-text = `{ $key }` { $place } should be one of the values in quotes, not { $kind }
config-enum-value = `{ $key } = "{ $value }"` { $place } is none of the allowed values
config-write-one-of = write one of { $list }
config-wrong-type = `{ $key }` { $place } should be { $form }, but is { $kind }
config-wrong-type-date = a date is written without quotes in TOML
config-wrong-type-number = a number is written without quotes, with a point as the decimal separator
config-wrong-type-text = text is written in quotes
config-bad-id = `{ $key } = "{ $value }"` { $place } is not a valid id
config-bad-id-hint = an id has 1–40 characters: the letters a–z and A–Z (no å, ä, ö and no spaces), digits, '-', '_' and '.', and starts with a letter or a digit; it is part of file names and of the forms' hidden keys
config-bad-period = `{ $key } = "{ $value }"` { $place } is not a period
config-period-month = the month is 01–12
config-period-tertial = there are two tertials, T1 (Jan–Apr) and T2 (Jan–Aug); the third is the annual report, written as the year alone
config-period-year = the year is 1900–2999
config-period-syntax = write 2026-03 (month), 2026-T1 or 2026-T2 (tertial), 2026 (year) or 2027-plan (planning)
config-finite-number = a finite number
config-out-of-range = `{ $key } = { $value }` { $place } is outside { $range }
config-unknown-key-here = unknown key `{ $key }`
config-unknown-key-hint = remove the key or correct its spelling; the README describes the file's keys
config-missing-key-here = `{ $key }` is missing
config-missing-key-hint = every entry of the table needs that key
config-unknown-value = unknown value "{ $value }"
config-invalid-type = the value is of the wrong kind here
config-invalid-type-hint = check the quotes: text is written "in quotes", numbers and dates without
config-unreadable = the file cannot be read here

## styr.toml

C002 = { $date } is not a date
C002-time = '{ $date }' is not a plain date
C002-hint = write a date without time, for example 2026-05-08
C024 = correction_days = { $value } is not a number of days from 1 to { $max }
C024-hint = the days a unit has to send a corrected return, for example { $days }
C060-unencrypted = security = "none" to '{ $host }': mail would cross the network unencrypted
C060-unencrypted-hint = use security = "starttls" (port 587) or "tls" (port 465); "none" is for localhost only
C060-unknown-placeholder = [sending.mail] { $key }: unknown placeholder { $name }
C060-open-brace = [sending.mail] { $key }: a '{"{"}' without its '{"}"}'
C060-close-brace = [sending.mail] { $key }: a '{"}"}' without its '{"{"}' (write '{"}"}{"}"}' for a brace)
C060-mail = [sending.mail] { $key }: the text cannot be read
C060-placeholders = the placeholders are { $list }

## The indicator catalogue

C020 = indicator '{ $id }' has a negative tolerance ({ $value })
C020-hint = the yellow band's width is zero or more
C020-both = indicator '{ $id }' has both `tolerance` and `tolerance_pct`
C020-both-hint = keep one: `tolerance` in the indicator's unit, or `tolerance_pct` in percent of the målvärde
C021-needs-id = a målvärde at level '{ $level }' needs `id`, the id of the förvaltning or unit it is for
C021-kommun-id = a målvärde for the kommun has no `id`
C021-kommun-id-hint = remove `id`, or set `level` to "forvaltning" or "enhet"
C021-bad-id = `id = "{ $id }"` is not a valid id
C021-level = unknown level '{ $level }'
C021-level-hint = write "kommun", "forvaltning" or "enhet"
C022 = the målvärde for '{ $id }' { $period } needs either `value` or both `min` and `max`
C022-hint = `value = 95` when higher or lower is better, `min = 2` and `max = 4` for an interval
C022-finite = a målvärde must be a finite number
C023 = indicator '{ $id }' has plausible_change = { $value }, which is not a positive number
C023-hint = the largest believable change from one period to the next, in the indicator's unit, for example 5 for 5 percentage points
C070-parse = the formula of '{ $id }' cannot be read: { $why }
C070-parse-hint = write + - * / and ( ) between indicator ids, budget, spent, forecast, months and numbers, for example "budget - forecast"
C070-both = indicator '{ $id }' has both `formula` and `ratio`
C070-both-hint = keep one: `formula` for a value rolled up by `rollup`, `ratio` for the sum of the numerators over the sum of the denominators
C070-scale = the ratio of '{ $id }' has scale = { $scale }, which is not a positive number
C070-scale-hint = scale = 100 for a percentage, 1 (the default) for a plain quotient
C070-ratio-rollup = the ratio indicator '{ $id }' rolls up as the sum of the numerators over the sum of the denominators, not as { $rollup }
C070-ratio-rollup-hint = write rollup = "ratio"
C070-no-ratio = indicator '{ $id }' rolls up as a ratio but has no `ratio`
C070-no-ratio-hint = add `ratio = {"{"} numerator = "...", denominator = "...", scale = 100 {"}"}`

## The formulas of derived and ratio indicators

config-formula-number = '{ $text }' is not a number
config-formula-char = '{ $char }' cannot stand in a formula
config-formula-ends = the formula ends where a name or a number is expected
config-formula-open = a '(' is not closed
config-formula-operator = '{ $op }' where a name or a number is expected
config-formula-close-early = ')' where a name or a number is expected
config-formula-close = a ')' without its '('
config-formula-no-operator = '{ $name }' follows without an operator between
config-formula-operator-expected = an operator is expected here
config-formula-plain-number = a plain number
config-formula-mismatch = '{ $op }' between { $left } and { $right }
C071 = unknown name '{ $name }' in the formula of '{ $id }'
C071-hint = a formula names indicator ids and { $names }
C071-hint-dash = a formula names indicator ids and { $names }; to subtract, write spaces around '-' ('{ $spaced }')
C072 = the formula of '{ $id }' depends on itself: { $chain }
C072-hint = a derived indicator is computed from reported values; break the cycle
C073 = the formula of '{ $id }' mixes units: { $why }
C073-hint = add and subtract only values in the same unit (tkr with tkr, % with %)
C073-measure = the formula of '{ $id }' gives { $gives }, but the indicator is measured in { $measure }
C073-measure-hint = change `measure`, or the formula (a percentage is a quotient × 100)

## The workspace's files

C051 = both { $toml } and { $xlsx } exist; there may be only one indicator catalogue
C051-hint = keep the catalogue that holds and move the other out of the workspace; styr does not read { $xlsx } when { $toml } exists
config-no-catalogue = the workspace has no { $toml } (or { $xlsx })

## The sources ([[source]]) and the units' codes in styr.toml

C010-source = the source '{ $id }' is given twice
C010-source-hint = every [[source]] needs its own id
C080-one-char = { $key } = "{ $value }" is not one character
C080-one-char-hint = write one character, for example delimiter = ";", decimal = ","
C080-ascii = the delimiter '{ $char }' is not an ASCII character
C080-ascii-hint = write ; , | or \t
C080-decimal = source '{ $id }': the decimal separator is also the delimiter or the thousands separator
C080-decimal-hint = a CSV with decimal commas is usually separated by semicolons: delimiter = ";", decimal = ","
C080-header-row = header_row = { $value } is not a row number
C080-header-row-hint = the row of the column names, counted from 1
C080-factor = { $key } = { $value } is not a usable factor
C080-factor-hint = scale = 0.001 turns kr into tkr; sign = -1 turns the sign round
C081 = the code '{ $code }' already belongs to the unit '{ $unit }'
C081-hint = a code can belong to one unit only; the first is at { $first }
C081-empty = an empty code
C081-empty-hint = the codes are ansvar or kostnadsställen, for example codes = ["3410"]
C082-kind = a [[source.target]] needs either indicator or role
C082-kind-hint = indicator = "sjukfranvaro" for an outcome, role = "spent" for a field of the Ekonomi sheet
C082-value = value = "{ $value }" names no column
C082-value-hint = a column name, or names joined by + and -, for example "Budget - Utfall"
C082-no-target = source '{ $id }' has no [[source.target]]
C082-no-target-hint = add [[source.target]] with value = "<column>" and indicator or role
C083-unknown = source '{ $id }': unknown indicator '{ $indicator }'
C083-unknown-hint = name an indicator of the catalogue
C083-derived = source '{ $id }': '{ $indicator }' is a derived indicator, computed by check from its inputs
C083-derived-hint = import the inputs its formula names instead (for example role = "spent")
C083-role = source '{ $id }': no field of the follow-up form has the role '{ $role }'
C083-role-hint = the Ekonomi sheet's roles are spent and forecast

## The indicator catalogue as a workbook (indikatorer.xlsx)

C050-open = the catalogue workbook cannot be read
C050-no-sheet = the sheet '{ $sheet }' is missing
C050-no-sheet-hint = the sheets are: { $list }
C050-sheet = the sheet cannot be read
C010-column = the column `{ $key }` is given twice
C010-column-hint = the first is in { $first }
config-missing-column = the column `{ $key }` is missing from the sheet '{ $sheet }'
config-missing-column-hint = every row needs `{ $key }`: write `{ $key }` in the header row and the value on every row
config-row-of = the row in '{ $sheet }'
config-row-unreadable = the row cannot be read
config-unknown-header = unknown column header `{ $key }` in the sheet '{ $sheet }'; the column is not read
config-known-headers = the headers here are { $keys }

## The organisation file (styr init --from-excel)

C090-open = the organisation file cannot be read
C090-open-hint = save it as .xlsx or .ods and try again
C090-no-sheets = the workbook has no sheets
C090-sheet = the sheet cannot be read
C090-no-header = no header row with the columns Förvaltning and Enhet among the first ten rows
C090-no-header-hint = the headers can be Förvaltning, Förvaltnings-id, Enhet, Enhets-id, Kategori, Chef, E-post, Budget (tkr) and Ansvar, one per column
C090-no-units = the sheet has no units below the header row
C091 = the column "{ $header }" is not read
C091-hint = styr reads the columns Förvaltning, Förvaltnings-id, Enhet, Enhets-id, Kategori, Chef, E-post, Budget (tkr) and Ansvar
C092-no-forvaltning = the unit has no förvaltning
C092-no-forvaltning-hint = write the förvaltning's name on every row
C092-bad-id = "{ $id }" is not a valid id
C092-bad-id-hint = an id has 1–40 characters: the letters a–z and A–Z (no å, ä, ö and no spaces), digits, '-', '_' and '.'
C093 = the budget "{ $text }" is not an amount in tkr of zero or more
C093-hint = write only the amount in tkr, for example 12500 or 12 500,5
C094 = "{ $text }" is not an e-mail address
C094-hint = write the address as name@kommun.se, one per cell
C095 = the unit "{ $name }" gets the same id '{ $id }' as the unit at { $first }
C095-hint = give the units different names, or write their ids in a column Enhets-id

## The form definitions (templates/*.toml)

C040 = the form '{ $form }' has no definition
C040-read = the file cannot be read
C010-form = a second definition of { $form } version { $version }
C010-section = the section '{ $id }' is given twice
C010-sheet = two sections use the sheet '{ $sheet }'
C010-field = the id '{ $id }' is given twice in the section '{ $section }'
C017-field = field '{ $id }': min { $min } is above max { $max }
C041-empty = the list '{ $list }' has no values
C041-empty-hint = give the choices: name = ["Ja", "Nej"]
C041-twice = the list '{ $list }' has '{ $value }' twice
C042-no-list = the choice field '{ $id }' names no list
C042-no-list-hint = add list = "<name of a list in [lists]>"
C042-not-choice = field '{ $id }' has a list but is of type '{ $type }'
C043 = field '{ $id }' uses the unknown list '{ $list }'
C043-hint = the lists: { $list }
C044-column = column '{ $id }' shows a value of each '{ $rows }' row, but the section repeats per '{ $repeat }'
C044-bounds = field '{ $id }' takes its bounds from the row's indicator, but the section does not repeat per indicator
C044-required = field '{ $id }' is required when a målvärde is missed, but the section has no målvärden
C045-empty = the sheet name is empty
C045-long = the sheet name '{ $sheet }' is longer than 31 characters
C045-char = the sheet name '{ $sheet }' contains a character Excel does not allow
C045-apostrophe = the sheet name '{ $sheet }' starts or ends with an apostrophe
C045-underscore = the sheet name '{ $sheet }' starts with '_', which styr keeps for its own sheets
C045-hint = Excel allows up to 31 characters and none of [ ] : * ? / \
C046 = the computed field '{ $id }' must name two numeric fields or columns of its section
C046-hint = of = ["budget", "prognos"] gives budget minus prognos
C047 = section '{ $id }': `rows` goes with repeat = "rows", and only there
C047-hint = free rows need a count: rows = 10
C048 = '{ $id }' is not a valid section or field id
C048-hint = use lowercase a–z, digits and _, starting with a letter (it becomes part of a defined name)
C049-factor = field '{ $id }': budget_factor = { $range } is not a plausible range of a forecast or spent amount
C049-factor-hint = give [min, max] with 0 ≤ min < max, for example [0.5, 2.0], on a field with role = "forecast" or "spent"
C049-warning = field '{ $id }': budget_warning_pct = { $value } is not a percentage for a forecast
C049-warning-hint = give a percentage of 0 or more, for example 10, on a field with role = "forecast"
C049-import = field '{ $id }' is pre-filled from an import (from_import), but is of type '{ $type }'
C049-import-hint = imports carry numbers: mark a number, percent or amount field, or remove from_import

## The history (historik.csv)

C030 = the header is '{ $header }'
C030-hint = the first line must be '{ $header }'
C030-unreadable = the header cannot be read
C031-unreadable = the line cannot be read
C031-bad-id = '{ $id }' is not a valid id
C031-kommun-id = the kommun level has no id
C031-level-hint = write kommun, forvaltning or enhet
C031-period = '{ $period }' is not a period

## More TOML syntax errors

config-syntax-list = the TOML file cannot be read here: a list lacks a comma between its values or its closing ]
config-syntax-value = the TOML file cannot be read here: a value is missing after =
config-syntax-kind = the TOML file cannot be read here: the value is neither a text in quotes, a number, a date nor true/false

# [meanings] of a form definition
C041-meaning-unknown = [meanings.{ $list }] gives a meaning to '{ $value }', which is not in the list '{ $list }'
C041-meaning-values = the list's values: { $values }
C041-meaning-missing = the list '{ $list }' (field '{ $field }') gives no meaning to { $values }: the reports colour its values by it
C041-meaning-missing-hint = give every value a meaning, e.g. [meanings.{ $list }] "{ $value }" = "met"; the meanings are { $keys }
C043-meanings = [meanings.{ $list }] is for a list that does not exist
C043-meanings-hint = the lists: { $lists }
