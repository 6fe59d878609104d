# The commands' own messages and tables (init, import, generate, check, report, send, status,
# targets, remind, export, demo). Keys: <command>-<what>.

## styr demo

demo-step-init = init: exempelarbetsytan (Ekebo kommun, påhittad)
demo-not-demo = { $dir } innehåller en arbetsyta som inte är demons
demo-not-demo-hint = styr demo ändrar aldrig en riktig arbetsyta: välj en annan mapp med --out
demo-reusing = återanvänder { $dir }
demo-created = skapade { $dir }
demo-step-import = import: ekonomisystemets huvudbok och HR-systemets statistik för { $period }, Kolada för kommunen och jämförelsekommunerna
demo-export-fails = exemplets export går inte att importera: { $finding }
demo-imported = { $values } värden för { $units } enheter från { $file }
demo-step-generate = generate: arbetsböckerna som enheterna fyller i (importerade siffror förifyllda)
demo-generated = { $n } arbetsböcker i { $dir }
demo-drafts = { $n } e-postutkast i { $dir }
demo-step-returns = returerna kommer in: uppföljningarna för { $period } (några med fel, som returer brukar vara), planerna och målvärdesförslagen för { $plan }
demo-returns = { $n } filer i { $dir }
demo-step-collect = collect: identifiera, granska varje cell, registrera, lagra, rättelser
demo-collected = { $period }: { $files } filer, { $findings } fynd; register { $register }
demo-reminders = { $n } påminnelseutkast (styr remind): { $list }
demo-collected-plan = { $period }: { $files } filer; register { $register }
demo-step-check = check: varje utfall mot sitt målvärde
demo-checked = kommunen: { $met } uppfyllda, { $partly } delvis, { $missed } ej uppfyllda, { $unjudged } ej bedömda indikatorer
demo-step-report = report: till KS och budgetutskottet (tertialet och månadsrapporten för mars), planerna, målvärdesförslaget, varje enhet
demo-unit-reports = { $n } återkopplingsarbetsböcker till enheterna i { $dir }
demo-exported = { $n } Parquet-filer för BI-verktyg i { $dir }
demo-done = Klart. Titta på:
demo-look-report = börja med bladet Översikt: rapporten till KS
demo-look-review = målvärdesförslaget till budgetutskottet
demo-look-outgoing = arbetsböckerna som enheterna fyller i
demo-look-register = inlämningsregistret
demo-look-store = varje lagrat värde med sin källcell
demo-see-all = Kör `styr -C { $dir } collect --period { $period }` för att se alla fynd.

## styr send, styr remind

send-nothing-generated = inga arbetsböcker för { $period } i { $dir }
send-nothing-generated-hint = skriv dem först med `styr generate TYP --period { $period }`
send-no-workbook = ingen arbetsbok { $file }: kör `styr generate { $form } --period { $period }`
send-remind-problem = { $status } men { $reason }
send-bad-from = [sending] from = "{ $value }" är ingen adress: { $error }
send-no-contact = styr.toml har ingen [sending] contact att skicka från
send-no-contact-hint = ange [sending] contact (eller from) i styr.toml: controllerns adress
send-bad-contact = [sending] contact = "{ $value }" är ingen adress: { $error }
send-no-address = ingen e-postadress i styr.toml
send-bad-address = '{ $value }' är ingen e-postadress: { $error }
send-unencrypted = vägrar en okrypterad anslutning till '{ $host }'; använd security = "starttls" eller "tls"
send-no-password = SMTP-lösenordet för '{ $user }' finns inte i miljövariabeln { $var }
smtp-timeout = tidsgränsen överskreds
smtp-refused = avvisat av servern
smtp-refused-for-now = tillfälligt avvisat av servern
smtp-tls = TLS misslyckades
smtp-failed = anslutningen misslyckades
send-no-smtp = styr.toml har ingen [sending.smtp]-server
send-no-smtp-hint = lägg till [sending.smtp] med host, port, security och user (se README)
send-sent-word = skickat
send-log-unwritable = kan inte skriva utskicksloggen { $error }
send-summary-smtp = skickade { $done } av { $total } { $reminders ->
        [yes] påminnelser
       *[no] meddelanden
    } via { $server }{ $failed ->
        [0] {""}
       *[other] ; { $failed } misslyckades
    }
send-already = { $n } redan skickade enligt utskicksloggen (--again skickar dem igen)
send-summary-drafts = skrev { $done } { $reminders ->
        [yes] påminnelser
       *[no] meddelanden
    } som utkast i { $dir }{ $failed ->
        [0] {""}
       *[other] ; { $failed } av { $total } misslyckades
    }
send-log-path = utskickslogg: { $path }
send-log-sent = skickat { $n } ({ $at })
send-log-reminded = påmint { $n } ({ $at })
send-log-drafts = utkast { $n }
send-log-reminder-drafts = påminnelseutkast { $n }
remind-nobody = ingen att påminna för { $period }: alla returer har kommit in utan fel
remind-word = påminn

## styr generate, styr report, styr export

generate-unknown-kind = okänd formulärtyp '{ $kind }'; typerna är: { $list }
generate-no-deadline = { $form } för { $period } finns inte i årshjulet i styr.toml: arbetsböckerna får inget sista datum
generate-unchanged = alla { $n } arbetsböcker i { $dir } är oförändrade
generate-wrote = skrev { $n } arbetsböcker i { $dir }{ $unchanged ->
        [0] {""}
       *[other] {" "}({ $unchanged } oförändrade)
    }
generate-list = sändlista: { $path }
report-follow-up-period = { $period } är en uppföljningsperiod; planer och målvärden görs för en planeringsperiod
report-follow-up-period-hint = använd --period { $year }-plan
report-planning-period = { $period } är en planeringsperiod: det finns inga utfall att rapportera
report-planning-period-hint = använd en uppföljningsperiod, till exempel --period { $year }-T1
report-unit-only-enhet = --unit gäller bara `styr report enhet`
report-no-unit = ingen enhet '{ $id }' i styr.toml
report-no-unit-hint = `styr status` listar enheterna
report-wrote = skrev { $path }
report-next-malforslag = nästa steg: budgetutskottet skriver sina beslut i den gula kolumnen, sedan visar `styr targets accept FIL` skillnaderna mot katalogen (--apply skriver in dem)
report-no-returns = inga returer är insamlade för { $period } ({ $forms }): rapporten skrevs utan enheternas uppgifter; kör styr collect --period { $period } först
report-missing-form-uppfoljning = uppföljning
report-missing-form-verksamhetsplan = verksamhetsplan
report-missing-form-malvarden = översyn av målvärden
report-missing-form-internkontroll = uppföljning av intern kontroll
export-empty-hint = samla in returer först: styr collect --period P
export-wrote = skrev { $path } ({ $rows } rader)

## styr init, styr import

init-exists = { $path } finns redan
init-exists-hint = styr skriver aldrig över en arbetsyta: välj en tom eller ny mapp
init-bad-kolada-id = --kolada-id "{ $id }" är inget Kolada-id för en kommun
init-bad-kolada-id-hint = kommunens id i Kolada är fyra siffror, till exempel 1452
init-bad-year = --year { $year } är inget år mellan 1900 och 2999
init-bad-organisation = organisationsfilen har { $n } fel; ingen arbetsyta skrevs
init-bad-organisation-hint = rätta cellerna i arbetsboken och kör kommandot igen
init-created = skapade arbetsytan för { $kommun } i { $dir }: { $forvaltningar } förvaltningar, { $units } enheter, { $indicators } indikatorer
init-next = nästa steg: redigera { $dir }/styr.toml och { $dir }/indikatorer.toml, sedan styr -C { $dir } validate
init-example = skapade exempelarbetsytan i { $dir } ({ $n } filer)
init-example-next = nästa steg: styr -C { $dir } validate
import-no-period = --period måste anges
import-no-period-hint = uppföljningsperioden som värdena gäller, till exempel --period 2026-T1
import-no-file = ingen fil att importera för '{ $source }'
import-no-match = ingen fil att importera för '{ $source }' (inget matchar '{ $pattern }')
import-no-file-hint = ange de exporterade filerna: styr import KÄLLA FIL... --period P
import-unknown-source = okänd källa '{ $id }'
import-unknown-source-hint = deklarera den som [[source]] i styr.toml (se avsnittet Sources i README)
import-sources = källorna i styr.toml är: { $list }
import-file = { $file }: { $rows } rader, { $used } inom { $period }
import-errors = { $n } fel: inget importerat från '{ $source }' för { $period }
import-done = { $values } värden för { $units } enheter från '{ $source }' för { $period }{ $changed ->
        [yes] {" "}importerade
       *[no] : redan importerade, inget ändrat
    }
import-no-kolada-file = ingen Kolada-fil att importera
import-no-kolada-file-hint = spara JSON från Koladas API och ange filen: styr import kolada FIL.json
import-kolada-file = { $file }: { $rows } poster, { $used } för kommunen, jämförelsekommunerna och enheterna
import-kolada-errors = { $n } fel: inget importerat från Kolada
import-kolada-done = { $values } värden från Kolada{ $changed ->
        [yes] {" "}importerade
       *[no] : redan importerade, inget ändrat
    }

## styr status, styr targets

status-not-in-arshjul = { $period } finns inte i årshjulet
status-not-in-arshjul-hint = årshjulet är listan [[arshjul]] i styr.toml
status-overdue = FÖRSENAD
status-col-period = period
status-col-form = formulär
status-col-sent = utskick
status-col-deadline = sista dag
status-col-sent-out = skickade
status-col-returned = inkommet
status-col-due = försenad
status-col-forum = forum
status-missing = ännu ingen giltig retur av { $form } för { $period } från: { $list }
status-overdue-warning = { $form } { $period } skulle vara inne { $deadline } (för { $days } { $days ->
        [one] dag
       *[other] dagar
    } sedan); { $missing } av { $expected } returer saknas
status-imports = importer:
status-import-values = { $n } värden
status-bad-send-log = utskicksloggen för { $period } går inte att läsa
status-mail = e-post:
targets-invalid = katalogen skulle bli ogiltig; inget skrevs
targets-added = nytt
targets-changed = ändrat
targets-unchanged = oförändrat
targets-summary = { $file }: { $n } beslutade målvärden för { $year }: { $added } nya, { $changed } ändrade, { $unchanged } oförändrade mot { $catalogue }{ $errors ->
        [0] {""}
       *[other] ; { $errors } fel
    }
targets-not-written = inget skrevs: rätta först de { $n } felen i { $file }
targets-wrote = skrev { $path } ({ $n } målvärden)
targets-apply = kör igen med --apply för att skriva in dem i { $catalogue }

## styr check: tabellen

check-status-uppfyllt = Uppfyllt
check-status-delvis = Delvis uppfyllt
check-status-ej-uppfyllt = Ej uppfyllt
check-status-ej-bedomt = Ej bedömt
check-reason-not-rolled-up = summeras inte
check-reason-incomplete = ofullständig summa: enheter saknar utfall
check-reason-no-value = inget utfall
check-reason-no-return = ingen retur
check-reason-cell-error = cellen hade fel, rättelse begärd
check-reason-no-target = inget målvärde
check-reason-not-judged = bedöms inte under året
check-reason-no-input = härledd: ett värde i formeln saknas
check-area-ekonomi = Ekonomi
check-area-personal = Personal
check-area-kompetens = Kompetens
check-area-verksamhet = Verksamhet
check-area-malgrupp = Målgrupp
check-table-title = { $kommun }: uppföljning { $period }
check-table-period-month = { $month ->
        [1] januari
        [2] februari
        [3] mars
        [4] april
        [5] maj
        [6] juni
        [7] juli
        [8] augusti
        [9] september
        [10] oktober
        [11] november
       *[12] december
    } { $year }
check-table-period-tertial = tertial { $tertial } { $year } ({ $tertial ->
        [1] januari-april
       *[2] januari-augusti
    })
check-table-period-year = helår { $year }
check-table-period-plan = planering inför { $year }
check-table-trends = Trender mot { $previous } (föregående period) och { $last_year } (samma period i fjol)
check-table-only = Endast förvaltning { $id }
check-table-units-heading = Indikatorer, enheternas utfall
check-table-kommun-heading = Kommunen, sammanvägt
check-table-all-indicators = Alla indikatorer
check-table-kommunen = Kommunen
check-table-forvaltningarna = Förvaltningarna
check-table-enheterna = Enheterna
check-table-why-grey = Ej bedömt, varför (antal rader inom parentes)
check-table-economy = Ekonomi (tkr)
check-table-budget = Budget
check-table-forecast = Prognos
check-table-deviation = Avvikelse
check-table-economy-coverage = { $n } av { $of } enheter; övriga saknar budget eller prognos
check-table-goals = Kommunens utvecklingsmål
check-table-goal-counts = { $green } gröna, { $yellow } gula, { $red } röda, { $grey } ej bedömda
check-table-no-red = Inga röda rader.
check-table-red = Röda rader ({ $n })
check-table-level = Nivå
check-table-indicator = Indikator
check-table-outcome = Utfall
check-table-target = Målvärde
check-table-points = p.e.
check-table-days = dagar
check-table-hours = timmar
check-table-rule-higher = ≥ { $green }, gult från { $yellow }
check-table-rule-lower = ≤ { $green }, gult till { $yellow }
check-table-rule-interval = { $green }, gult { $yellow }
check-peer-title = Jämförelse med liknande kommuner (Kolada; påverkar inte måluppfyllelsen)
check-peer-median = Median
check-peer-place = Plats
check-peer-quartile = Kvartil
check-peer-year = År
check-peer-rank = { $rank } av { $of }
check-peer-best = bästa kvartilen
check-peer-middle = mellersta hälften
check-peer-worst = sämsta kvartilen
check-peer-final = slutligt
check-peer-preliminary = preliminär
check-peer-no-values = inga värden från Kolada för { $kpi } (styr import kolada)
check-peer-group-without-peers = jämförelsegruppen { $group } är angiven men inte dess kommuner: ange dem i [kolada] peers
check-peer-no-peers = inga jämförelsekommuner angivna ([kolada] peers i styr.toml)
check-peer-no-own-value = kommunen saknar värde i Kolada
check-peer-too-few = för få jämförelsekommuner med värde ({ $n }, minst { $min } behövs)
check-peer-some-missing = { $n } av { $of } jämförelsekommuner har värde
check-peer-interval = bedöms inom ett intervall: ingen plats eller kvartil
check-note-no-returns = datalagret har inga returer av uppföljningsformuläret för { $period }; raderna för indikatorer som enheterna rapporterar är Ej bedömt tills returerna är insamlade (historik.csv ger bara tidigare perioder)
check-note-history-left-out = { $n } rader i historik.csv för { $period } utelämnades: en periods utfall för indikatorer som enheterna rapporterar kommer från returerna som samlats in för den
check-note-unknown-version = { $n } värden från version { $version } av uppföljningsformuläret utelämnades: arbetsytan har ingen definition av den versionen
check-note-unknown-unit = utfall för '{ $id }' utelämnades: ingen sådan enhet i styr.toml
check-note-unknown-indicator = utfall för '{ $id }' utelämnades: ingen sådan indikator i katalogen
