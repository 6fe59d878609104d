# The commands' own messages and tables (init, import, generate, check, report, send, status,
# targets, remind, export, demo). Keys: <command>-<what>.

## styr demo

demo-step-init = init: the example workspace (Ekebo kommun, fictional)
demo-not-demo = { $dir } holds a workspace that is not the demo's
demo-not-demo-hint = styr demo never changes a real workspace: choose another folder with --out
demo-reusing = reusing { $dir }
demo-created = created { $dir }
demo-step-import = import: the finance system's general ledger and the HR system's statistics for { $period }, Kolada for the kommun and its peers
demo-export-fails = the example's export does not import: { $finding }
demo-imported = { $values } values for { $units } units from { $file }
demo-step-generate = generate: the workbooks units fill in (imported figures pre-filled)
demo-generated = { $n } workbooks in { $dir }
demo-drafts = { $n } e-mail drafts in { $dir }
demo-step-returns = the returns arrive: the { $period } follow-ups (a few faulty, as returns are), the plans and target reviews for { $plan }
demo-returns = { $n } files in { $dir }
demo-step-collect = collect: identify, validate every cell, register, store, corrections
demo-collected = { $period }: { $files } files, { $findings } findings; register { $register }
demo-reminders = { $n } reminder drafts (styr remind): { $list }
demo-collected-plan = { $period }: { $files } files; register { $register }
demo-step-check = check: every outcome against its målvärde
demo-checked = the kommun: { $met } met, { $partly } partly met, { $missed } not met, { $unjudged } not judged indicators
demo-step-report = report: for KS and the budget committee (the tertial and the March monthly report), the plans, the target review, every unit
demo-unit-reports = { $n } unit feedback workbooks in { $dir }
demo-exported = { $n } Parquet files for BI tools in { $dir }
demo-done = Done. Look at:
demo-look-report = the Översikt sheet first: the report for KS
demo-look-review = the target review for the budget committee
demo-look-outgoing = the workbooks units fill in
demo-look-register = the returns register
demo-look-store = every stored value with its source cell
demo-see-all = Run `styr -C { $dir } collect --period { $period }` to see every finding.

## styr send, styr remind

send-nothing-generated = no workbooks for { $period } in { $dir }
send-nothing-generated-hint = write them first with `styr generate KIND --period { $period }`
send-no-workbook = no workbook { $file }: run `styr generate { $form } --period { $period }`
send-remind-problem = { $status } but { $reason }
send-bad-from = [sending] from = "{ $value }" is not an address: { $error }
send-no-contact = styr.toml has no [sending] contact to send from
send-no-contact-hint = set [sending] contact (or from) in styr.toml to the controller's address
send-bad-contact = [sending] contact = "{ $value }" is not an address: { $error }
send-no-address = no e-mail address in styr.toml
send-bad-address = '{ $value }' is not an e-mail address: { $error }
send-unencrypted = refusing an unencrypted connection to '{ $host }'; use security = "starttls" or "tls"
send-no-password = the SMTP password of '{ $user }' is not in the environment variable { $var }
smtp-timeout = timed out
smtp-refused = refused by the server
smtp-refused-for-now = refused for now by the server
smtp-tls = TLS failed
smtp-failed = connection failed
send-no-smtp = styr.toml has no [sending.smtp] server
send-no-smtp-hint = add [sending.smtp] with host, port, security and user (see the README)
send-sent-word = sent
send-log-unwritable = cannot write the send log { $error }
send-summary-smtp = sent { $done } of { $total } { $reminders ->
        [yes] reminders
       *[no] messages
    } via { $server }{ $failed ->
        [0] {""}
       *[other] ; { $failed } failed
    }
send-already = { $n } already sent according to the send log (--again sends them again)
send-summary-drafts = wrote { $done } { $reminders ->
        [yes] reminders
       *[no] messages
    } as drafts to { $dir }{ $failed ->
        [0] {""}
       *[other] ; { $failed } of { $total } failed
    }
send-log-path = send log: { $path }
send-log-sent = sent { $n } ({ $at })
send-log-reminded = reminded { $n } ({ $at })
send-log-drafts = drafts { $n }
send-log-reminder-drafts = reminder drafts { $n }
remind-nobody = nobody to remind for { $period }: every return is in without errors
remind-word = remind

## styr generate, styr report, styr export

generate-unknown-kind = unknown template kind '{ $kind }'; kinds are: { $list }
generate-no-deadline = { $form } for { $period } is not in the årshjul of styr.toml: the workbooks carry no deadline
generate-unchanged = all { $n } workbooks in { $dir } are unchanged
generate-wrote = wrote { $n } workbooks to { $dir }{ $unchanged ->
        [0] {""}
       *[other] {" "}({ $unchanged } unchanged)
    }
generate-list = distribution list: { $path }
report-follow-up-period = { $period } is a follow-up period; plans and målvärden are made for a planning period
report-follow-up-period-hint = use --period { $year }-plan
report-planning-period = { $period } is a planning period: there are no outcomes to report
report-planning-period-hint = use a follow-up period, e.g. --period { $year }-T1
report-unit-only-enhet = --unit is for `styr report enhet`
report-no-unit = no unit '{ $id }' in styr.toml
report-no-unit-hint = `styr status` lists the units
report-wrote = wrote { $path }
report-next-malforslag = next: the budget committee types its decisions in the yellow column, then `styr targets accept FILE` shows the differences against the catalogue (--apply writes them)
report-no-returns = no returns are collected for { $period } ({ $forms }): the report was written without the units' figures; run styr collect --period { $period } first
report-missing-form-uppfoljning = follow-up
report-missing-form-verksamhetsplan = operational plan
report-missing-form-malvarden = target review
report-missing-form-internkontroll = internal control follow-up
export-empty-hint = collect returns first: styr collect --period P
export-wrote = wrote { $path } ({ $rows } rows)

## styr init, styr import

init-exists = { $path } already exists
init-exists-hint = styr never overwrites a workspace: choose an empty or new folder
init-bad-kolada-id = --kolada-id "{ $id }" is not a Kolada id of a kommun
init-bad-kolada-id-hint = the kommun's id in Kolada is four digits, e.g. 1452
init-bad-year = --year { $year } is not a year between 1900 and 2999
init-bad-organisation = the organisation file has { $n } error(s); no workspace was written
init-bad-organisation-hint = correct the cells in the workbook and run the command again
init-created = created the workspace of { $kommun } in { $dir }: { $forvaltningar } förvaltningar, { $units } units, { $indicators } indicators
init-next = next: edit { $dir }/styr.toml and { $dir }/indikatorer.toml, then styr -C { $dir } validate
init-example = created the example workspace in { $dir } ({ $n } files)
init-example-next = next: styr -C { $dir } validate
import-no-period = --period is required
import-no-period-hint = the follow-up period the values are for, e.g. --period 2026-T1
import-no-file = no file to import for '{ $source }'
import-no-match = no file to import for '{ $source }' (nothing matches '{ $pattern }')
import-no-file-hint = name the exported files: styr import SOURCE FILE... --period P
import-unknown-source = unknown source '{ $id }'
import-unknown-source-hint = declare it as [[source]] in styr.toml (see the README's Sources)
import-sources = the sources of styr.toml are: { $list }
import-file = { $file }: { $rows } rows, { $used } within { $period }
import-errors = { $n } error(s): nothing imported from '{ $source }' for { $period }
import-done = { $values } values for { $units } units from '{ $source }' for { $period }{ $changed ->
        [yes] {" "}imported
       *[no] : already imported, nothing changed
    }
import-no-kolada-file = no Kolada file to import
import-no-kolada-file-hint = save the JSON of Kolada's API and name it: styr import kolada FILE.json
import-kolada-file = { $file }: { $rows } records, { $used } for the kommun, its peers and the units
import-kolada-errors = { $n } error(s): nothing imported from Kolada
import-kolada-done = { $values } values from Kolada{ $changed ->
        [yes] {" "}imported
       *[no] : already imported, nothing changed
    }

## styr status, styr targets

status-not-in-arshjul = { $period } is not in the årshjul
status-not-in-arshjul-hint = the årshjul is the [[arshjul]] list in styr.toml
status-overdue = OVERDUE
status-col-period = period
status-col-form = form
status-col-sent = sent
status-col-deadline = deadline
status-col-sent-out = sent out
status-col-returned = returned
status-col-due = due
status-col-forum = forum
status-missing = no valid { $form } return for { $period } yet from: { $list }
status-overdue-warning = { $form } { $period } was due { $deadline } ({ $days } { $days ->
        [one] day
       *[other] days
    } ago); { $missing } of { $expected } returns are missing
status-imports = imports:
status-import-values = { $n } values
status-bad-send-log = the send log of { $period } cannot be read
status-mail = e-mail:
targets-invalid = the catalogue would become invalid; nothing was written
targets-added = added
targets-changed = changed
targets-unchanged = unchanged
targets-summary = { $file }: { $n } decided målvärden for { $year }: { $added } added, { $changed } changed, { $unchanged } unchanged against { $catalogue }{ $errors ->
        [0] {""}
       *[other] ; { $errors } error(s)
    }
targets-not-written = nothing written: correct the { $n } error(s) in { $file } first
targets-wrote = wrote { $path } ({ $n } målvärden)
targets-apply = run again with --apply to write them into { $catalogue }

## styr check: the table

check-status-uppfyllt = Met
check-status-delvis = Partly met
check-status-ej-uppfyllt = Not met
check-status-ej-bedomt = Not judged
check-reason-not-rolled-up = not rolled up
check-reason-incomplete = incomplete sum: units lack an outcome
check-reason-no-value = no outcome
check-reason-no-return = no return
check-reason-cell-error = the cell had an error, correction asked for
check-reason-no-target = no målvärde
check-reason-not-judged = not judged during the year
check-reason-no-input = derived: a value of the formula is missing
check-area-ekonomi = Finance
check-area-personal = Staff
check-area-kompetens = Skills
check-area-verksamhet = Operations
check-area-malgrupp = Service users
check-table-title = { $kommun }: follow-up { $period }
check-table-period-month = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }
check-table-period-tertial = tertial { $tertial } { $year } ({ $tertial ->
        [1] January-April
       *[2] January-August
    })
check-table-period-year = full year { $year }
check-table-period-plan = planning for { $year }
check-table-trends = Trends against { $previous } (the previous period) and { $last_year } (the same period last year)
check-table-only = Only förvaltning { $id }
check-table-units-heading = Indicators, the units' outcomes
check-table-kommun-heading = The kommun, rolled up
check-table-all-indicators = All indicators
check-table-kommunen = Kommun
check-table-forvaltningarna = Förvaltningar
check-table-enheterna = Units
check-table-why-grey = Not judged, why (number of rows in brackets)
check-table-economy = Finance (tkr)
check-table-budget = Budget
check-table-forecast = Forecast
check-table-deviation = Deviation
check-table-economy-coverage = { $n } of { $of } units; the others lack a budget or forecast
check-table-goals = The kommun's development goals
check-table-goal-counts = { $green } green, { $yellow } yellow, { $red } red, { $grey } not judged
check-table-no-red = No red rows.
check-table-red = Red rows ({ $n })
check-table-level = Level
check-table-indicator = Indicator
check-table-outcome = Outcome
check-table-target = Målvärde
check-table-points = pp
check-table-days = days
check-table-hours = hours
check-table-rule-higher = ≥ { $green }, yellow from { $yellow }
check-table-rule-lower = ≤ { $green }, yellow up to { $yellow }
check-table-rule-interval = { $green }, yellow { $yellow }
check-peer-title = Comparison with similar kommuner (Kolada; does not change the verdicts)
check-peer-median = Median
check-peer-place = Place
check-peer-quartile = Quartile
check-peer-year = Year
check-peer-rank = { $rank } of { $of }
check-peer-best = best quartile
check-peer-middle = middle half
check-peer-worst = worst quartile
check-peer-final = final
check-peer-preliminary = preliminary
check-peer-no-values = no values from Kolada for { $kpi } (styr import kolada)
check-peer-group-without-peers = the peer group { $group } is named but not its kommuner: list them in [kolada] peers
check-peer-no-peers = no peers declared ([kolada] peers in styr.toml)
check-peer-no-own-value = the kommun has no value in Kolada
check-peer-too-few = too few peers with a value ({ $n }, at least { $min } needed)
check-peer-some-missing = { $n } of { $of } peers have a value
check-peer-interval = judged within an interval: no place or quartile
check-note-no-returns = the data store holds no returns of the uppföljning form for { $period }; the rows of indicators the units report are Not judged until the returns are collected (historik.csv gives earlier periods only)
check-note-history-left-out = { $n } line(s) of historik.csv for { $period } were left out: a period's outcomes of indicators the units report come from the returns collected for it
check-note-unknown-version = { $n } value(s) from version { $version } of the uppföljning form were left out: the workspace has no definition of that version
check-note-unknown-unit = outcomes of '{ $id }' were left out: no such unit in styr.toml
check-note-unknown-indicator = outcomes for '{ $id }' were left out: no such indicator in the catalogue
