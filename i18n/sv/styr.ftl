# styrs meddelanden på svenska. Ett meddelande per post; en diagnos meddelande och tips har
# dess kod som nyckel (R203, R203-hint), varianter ett tillägg (R203-date). Samma nycklar och
# samma { $variabler } som i18n/en/styr.ftl: ett test kontrollerar båda.

## Etiketter på raderna man läser

label-error = fel:
label-warning = varning:
label-hint = tips:
did-you-mean = menade du '{ $name }'?

## Värden i en cell (collect)

range-between = mellan { $min } och { $max }
range-at-least = minst { $min }
range-at-most = högst { $max }
R202 = { $shown } ligger utanför det tillåtna intervallet: värdet ska vara { $range }
R202-hint = kontrollera enheten: procent skrivs 6,5 (inte 0,065), belopp i tkr
R203 = text i en talcell: "{ $text }"
R203-hint = skriv bara talet, till exempel 5 eller 5,5 (utan "ca", enheter eller ord)
R203-hint-missing = lämna cellen tom när värdet saknas, och förklara varför i analysen
R203-bool = ett sanningsvärde ({ $value }) i en talcell
R203-bool-hint = skriv talet
R203-date = ett datum ({ $date }) i en talcell
R203-date-hint = skriv själva talet; ett datum läses aldrig som ett tal (14/3 blir ett datum: skriv 14,3)
R204 = cellen innehåller felvärdet { $value }
R204-hint = skriv värdet i stället för en formel, eller lämna cellen tom
R205 = talet "{ $text }" var skrivet som text; lästes som { $value }
R205-comma = talet "{ $text }" var skrivet som text med decimalkomma; lästes som { $value }
R205-hint = skriv tal i talceller utan mellanslag eller enheter
R206 = "{ $text }" finns inte i listan
R206-hint = välj ett av: { $list }
R206-hint-near = menade du '{ $name }'? Listan är: { $list }
R207 = texten är { $n } tecken lång; högst { $max } får plats
R207-hint = korta texten; lägg detaljer i en bilaga
R208 = { $text } är inte ett datum
R208-range = { $value } är inte ett datum mellan 2000 och 2100
R208-bool = ett sanningsvärde i en datumcell
R208-hint = skriv datum som ÅÅÅÅ-MM-DD, till exempel 2026-05-08
R209 = talet är inte ändligt (för stort)
R209-hint = skriv ett vanligt tal
R212 = ett sanningsvärde lästes som { $value }
R212-hint = välj Ja eller Nej i listan
R213 = datumet "{ $text }" var skrivet som text; lästes som { $date }
R216 = { $shown } är en andel, inte procent: { $pct } % passar { $rule }, { $shown } gör det inte
R216-hint = menas { $pct } %, skriv { $pct }
R216-range = indikatorns intervall { $range }
R217 = en procentsats ({ $pct } %) i en cell som inte är procent
R217-hint = skriv bara talet, utan %

## Blad, rader och celler i en retur (collect)

no-target = inget målvärde
R107 = målvärdet för '{ $id }' har ändrats sedan arbetsboken skapades: den visade { $shown }, katalogen säger nu { $now }; regeln om åtgärd följer det arbetsboken visade
R107-hint = skapa arbetsboken igen om enheten ska bedömas mot det nya målvärdet
R110 = bladet '{ $sheet }' saknas: avsnittet "{ $title }" finns inte
R110-hint = bladen är: { $sheets }; enheten har tagit bort bladet: be om en ny retur
R110-hint-near = ett blad heter '{ $name }': byt tillbaka namnet till '{ $sheet }'
R111 = bladet '{ $sheet }' har bytt namn till '{ $name }'; lästes därifrån
R111-hint = byt tillbaka namnet till '{ $sheet }' nästa gång
R112 = raden för '{ $key }' saknas
R112-hint = rader har tagits bort eller skrivits över; be enheten fylla i raden i en ny kopia
R113 = raden för '{ $key }' har flyttats från rad { $from } till rad { $to }; lästes på sin nya plats
R114 = en rad har lagts till under formuläret (rad { $row }); lästes som rad { $n }
R120 = { $n } cell(er) långt utanför formuläret läses inte (först: { $first })
R120-hint = styr läser bara formulärets celler; flytta det som är viktigt in i formuläret
R121 = bladet kunde inte läsas helt: { $error }
R121-hint = spara filen igen i Excel eller LibreOffice; hjälper inte det, be enheten om en ny retur
R122 = det dolda bladet '{ $sheet }' saknas; varje tabells rader hämtas från arbetsytan och hittas med sina nycklar
R122-hint = arbetsboken har kopierats blad för blad eller bladet tagits bort; skicka en ny kopia nästa gång
R123 = cellen döljs av de sammanfogade cellerna { $range }; dess värde "{ $text }" syns inte och läses inte
R123-hint = dela upp cellerna och kontrollera värdet, eller be enheten om en ny kopia
R201 = "{ $label }" är obligatorisk men tom
R201-row = "{ $label }" är obligatorisk när raden används men tom
R201-hint = fyll i cellen
R210 = utfallet { $value } når inte målvärdet ({ $target }): "{ $label }" måste fyllas i
R210-hint = beskriv vad enheten gör för att nå målvärdet, och när
R215 = { $shown } ser ut som en andel, inte procent
R216-target = målvärdet { $target }
R216-history = enhetens utfall { $value } för { $period }

## Filer och deras identitet (collect)

none = inga
the-unit = enheten
row-n = rad { $n }
R010-read = arbetsboken är lösenordsskyddad
R010-hint = ta bort lösenordet (Arkiv > Info > Skydda arbetsbok) och skicka filen igen
R014 = { $what }: styr läser returer i .xlsx och .ods
R014-hint = öppna filen och spara den som Excel-arbetsbok (.xlsx), och skicka den sedan igen
R015 = ett sparat e-postmeddelande utan bifogad arbetsbok, inte heller i ett vidarebefordrat meddelande
R015-hint = be enheten skicka meddelandet igen med arbetsboken bifogad, eller spara själva arbetsboken i mappen för inkomna returer
R033 = delen '{ $part }' är skadad ({ $detail }) och utelämnades; den innehåller inga värden
R033-hint = inget att rätta; resten av arbetsboken lästes och kontrollerades
R043-caught = läsaren fallerade på den här filen (fångat)
R043-hint = spara arbetsboken igen i Excel eller LibreOffice och skicka en ny kopia
R044-garbage = läsprocessen svarade obegripligt: { $error }
R050 = arbetsboken kan inte läsas
R050-hint = spara den igen som .xlsx i Excel eller LibreOffice och skicka en ny kopia
R050-corrupt = filen är skadad eller avkortad
R050-corrupt-hint = spara arbetsboken igen och skicka en ny kopia
R101 = inte en arbetsbok från styr: { $what }
R101-foreign = ett kalkylark utan styrs identitet (blad: { $sheets })
R101-hint = skicka enheten den arbetsbok styr skapade åt den, eller samla bara in mappen med returer
R102-disagree = arbetsbokens märkningar stämmer inte överens: dokumentegenskapen säger { $key } = '{ $a }', bladet { $sheet } säger '{ $b }'
R102-disagree-hint = filen har troligen satts ihop av två arbetsböcker; be enheten om originalfilen
R102-lacks = arbetsbokens identitet saknar '{ $key }'
R102-lacks-hint = filens egenskaper eller dolda blad har ändrats; be enheten om originalfilen
R102-kind = okänd formulärtyp '{ $kind }'
R102-version = formulärversionen '{ $version }' är inte ett tal
R102-period = arbetsbokens period: { $error }
R103 = arbetsboken skapades från version { $version } av formuläret '{ $kind }', som arbetsytan inte längre har (den har { $have })
R103-hint = spara den gamla definitionen som templates/{ $kind }.v{ $version }.toml för att läsa den, eller skicka enheten det aktuella formuläret
R104 = formuläret '{ $kind }' version { $version } har ändrats sedan arbetsboken skapades
R104-hint = ändra `version` i formulärdefinitionen varje gång dess fält ändras; filen läses med den aktuella definitionen
R105 = arbetsboken gäller '{ $id }', som inte är en enhet eller förvaltning i arbetsytan
R105-hint = har enheten bytt namn eller lagts ner? Kontrollera styr.toml
R106 = arbetsboken gäller { $period } ({ $name }), inte { $expected }
R106-hint = enheten skickade en gammal eller framtida fil; be om den som skapades för den här perioden

## Rader och kolumner som hittas med sin etikett (collect)

R115 = rad { $row } har lagts till i tabellen men hör inte till någon känd rad; den läses inte: { $cells }
R115-hint = styr läser bara formulärets rader; en ny indikator läggs till av controllern i katalogen
R115-more = ytterligare { $n } rader i tabellen hör inte till någon känd rad och läses inte
R116 = rad { $row } upprepar "{ $item }", som läses från en annan rad; dess värden läses inte: { $cells }
R116-hint = ha en rad per post: flytta värdena till postens egen rad och ta bort kopian
R117 = ett värde utanför formulärets celler läses inte: "{ $text }"
R117-hint = styr läser bara formulärets celler: skriv kommentarer i formulärets kommentars- eller analysfält
R117-more = ytterligare { $n } celler utanför formuläret läses inte
R118 = en rad har lagts till eller flyttats; lästes med sin etikett: { $moved }
R118-hint = styr hittar varje rad med sin etikett; lägg inte till rader i formuläret nästa gång
R118-column = en kolumn har lagts till eller flyttats; lästes med sin etikett: { $moved }
R118-column-hint = styr hittar varje kolumn med sin etikett; lägg inte till kolumner i formuläret nästa gång
R119 = raden "{ $label }" hittas inte: andra rader har lagts till eller flyttats, och ingen rad har etiketten "{ $label }"; dess värden läses inte
R119-hint = sätt tillbaka etiketten "{ $label }" på sin rad, eller be enheten fylla i en ny kopia
R119-column = kolumnen "{ $label }" hittas inte: andra kolumner har lagts till eller flyttats, och ingen kolumn har etiketten "{ $label }"; dess värden läses inte
R119-column-hint = sätt tillbaka etiketten "{ $label }" på sin kolumn, eller be enheten fylla i en ny kopia
R124-formula = formeln ={ $formula } har inget beräknat värde i filen; styr kan inte veta vad cellen visar
R124-string = cellens text saknas i filen (delad sträng { $n } finns inte i strängtabellen); filen är skadad
R124-hint = öppna filen i Excel eller LibreOffice, skriv värdet i stället för formeln, spara och skicka den igen

## Rimlighet (collect)

R130 = { $reasons }: kan vara en annan enhets siffror
R130-hint = fråga { $who } om det här är siffrorna för { $name } innan de används
R130-other-chef = "Ifylld av" är '{ $name }', chef för '{ $other }', inte för den här enheten ('{ $chef }')
R130-not-chef = "Ifylld av" är '{ $name }', inte enhetens chef '{ $chef }'
R130-file-name = filnamnet nämner enheten '{ $other }', men arbetsboken gäller '{ $unit }'
R220 = { $what } { $value } är { $share } av { $of }, utanför { $low }–{ $high } av den
R220-forecast = prognosen
R220-spent = utfallet hittills i år
R220-pro-rata = budgeten för perioden ({ $part } av { $budget })
R220-budget = enhetens budget ({ $budget })
R220-hint = kontrollera att siffrorna är enhetens och i tkr (tusentals kronor); intervallet är fältets budget_factor
R221 = prognosen { $value } avviker { $deviation } från budgeten { $budget } (mer än { $limit }), och "{ $label }" är tom
R221-hint = be enheten förklara avvikelsen i ekonomikommentaren
R222 = utfallet { $value } för '{ $id }' ändrades med { $change } från { $before } i { $when }, mer än dess plausible_change { $limit }
R222-hint = kontrollera siffran med enheten; gränsen är indikatorns plausible_change i indikatorer.toml

## Vad en fil är (kontrollerna innan en fil läses)

file-xlsx = en Excel-arbetsbok (.xlsx)
file-xlsm = en Excel-arbetsbok med makron (.xlsm)
file-xlsb = en binär Excel-arbetsbok (.xlsb)
file-ods = ett OpenDocument-kalkylark (.ods)
file-xls = en äldre Excel-arbetsbok (.xls)
not-spreadsheet = inte ett kalkylark: { $what }
R010 = arbetsboken är lösenordsskyddad
R010-sniff-hint = ta bort lösenordet (Arkiv > Info > Skydda arbetsbok > Kryptera med lösenord, töm det) och skicka filen igen
R011 = hoppades över: { $reason }
R011-lock-hint = stäng arbetsboken i kalkylprogrammet; då försvinner låsfilen
skip-excel-lock = en låsfil från Excel (~$...), kvar efter en arbetsbok som är öppen i Excel
skip-libreoffice-lock = en låsfil från LibreOffice (.~lock...#), kvar efter en arbetsbok som är öppen i LibreOffice
skip-hidden = en dold fil (namnet börjar med '.')
skip-temporary = en tillfällig fil
skip-directory = en mapp
skip-not-regular = inte en vanlig fil
R012-sniff = filen kan inte läsas: { $error }
R012-sniff-hint = kontrollera filens behörigheter och att den fortfarande finns
R013 = filen är avkortad eller dess Office-behållare är skadad ({ $detail })
R020-sniff = filen är avkortad eller inte en hel zip ({ $detail })
R020-sniff-hint = filen blev troligen avbruten när den sparades eller skickades; öppna den i Excel, spara den igen och skicka den nya filen
kind-empty = filen är tom (0 byte)
kind-html = ser ut som en HTML-sida sparad som .xls
kind-xml-2003 = en XML-kalkylbladsfil 2003, inte en arbetsbok
kind-xml = en XML-fil, inte en arbetsbok
kind-csv = text med fält åtskilda av { $delimiter }: en CSV-fil
kind-text = en vanlig textfil
kind-pdf = ett PDF-dokument
kind-image = en bild i formatet { $format }
kind-docx = ett Word-dokument (.docx)
kind-pptx = en PowerPoint-presentation (.pptx)
kind-odt = ett OpenDocument-textdokument (.odt)
kind-odp = en OpenDocument-presentation (.odp)
kind-odg = en OpenDocument-teckning (.odg)
kind-opendocument = en OpenDocument-fil av typen '{ $mimetype }'
kind-zip = ett zip-arkiv med { $n } delar och ingen arbetsbok i
kind-doc = ett Word-dokument (.doc)
kind-ppt = en PowerPoint-presentation (.ppt)
kind-msg = ett e-postmeddelande från Outlook (.msg)
kind-cfb = en Office-behållare utan arbetsbok i
kind-binary = binära data av okänt slag
delimiter-semicolon = semikolon
delimiter-comma = kommatecken
delimiter-tab = tabbar
delimiter-bar = lodstreck
delimiter-other = ett avgränsningstecken
R001-hint = filen har inget innehåll; spara arbetsboken igen och skicka den igen
R002-hint = filen är exporterad från ett webbsystem; öppna den i Excel och spara som .xlsx (Arkiv > Spara som > Excel-arbetsbok)
R004-hint = öppna den i Excel och spara som .xlsx (Arkiv > Spara som > Excel-arbetsbok), eller fyll i mallen som skickades ut
R005-hint = en utskrift eller bild av formuläret kan inte läsas; skicka själva Excel-filen
R007-hint = fel fil skickades; skicka den ifyllda Excel-mallen i stället
R009-hint = filen är inte en arbetsbok eller är svårt skadad; skicka den ifyllda Excel-mallen igen

## Arbetsbokens zip (kontroll före läsning)

R012 = filen kan inte läsas: { $error }
R012-hint = kontrollera filens behörigheter och att den fortfarande finns
R020 = filen är avkortad eller inte en hel zip ({ $detail })
R020-hint = filen skadades eller avbröts när den sparades eller skickades; öppna den i Excel, spara den igen och skicka den nya filen
R021 = filen är { $size }, mer än de { $limit } som tillåts
R021-hint = en retur är normalt långt under 1 MB; ta bort bilder och rader eller kolumner utanför formuläret (Ctrl+End visar sista använda cellen), spara och skicka igen
R022 = arbetsboken har { $count } delar, fler än de { $limit } som tillåts
R022-hint = så skriver inte Excel eller LibreOffice en arbetsbok; öppna filen i Excel, spara den som .xlsx och skicka den nya filen
R023 = arbetsbokens delar packas upp till { $total }, mer än de { $limit } som tillåts
R024 = delen '{ $name }' packas upp till { $size }, mer än de { $limit } som tillåts
R025 = delen '{ $name }' packas upp från { $compressed } till { $size } (kvot { $ratio }:1, gräns { $limit }:1): en dekomprimeringsbomb
R026 = delen '{ $name }' finns två gånger; läsare är oense om vilken kopia som gäller
R026-unnamed = en del finns två gånger; läsare är oense om vilken kopia som gäller
R027 = delarna '{ $first }' och '{ $second }' skiljer sig bara i versaler och gemener; läsare är oense om vilken som gäller
R028 = delen '{ $name }' är komprimerad med metod { $method } ({ $method_name }), som kalkylprogram inte kan läsa
R029 = delen '{ $name }' är krypterad i zip-filen
R029-hint = ta bort lösenordet (Arkiv > Info > Skydda arbetsbok) och skicka filen igen
R030 = delnamnet '{ $name }' pekar utanför arkivet ('..' eller en absolut sökväg)
R031 = flera delar delar samma komprimerade data: ett konstruerat arkiv
R032 = delen '{ $name }' är skadad: { $detail }
R032-crc = dess CRC stämmer inte med dess data
R032-damaged = dess komprimerade data är skadade
R032-cut = dess komprimerade data tar slut för tidigt
R032-too-large = den packas upp till mer än { $limit }
R032-no-header = dess lokala rubrik går inte att läsa
R032-past-end = dess data går förbi filens slut

## Läsprocessen

R040 = läsningen av filen tog längre tid än { $seconds } s och stoppades
R040-hint = filen kan vara skadad eller innehålla mycket mer än formuläret: öppna den i Excel, tryck Ctrl+End för att hitta sista använda cellen, ta bort rader och kolumner utanför formuläret, spara och skicka igen
R041 = läsningen av filen behövde mer än de { $limit } minne som tillåts och stoppades
R041-unlimited = läsningen av filen fick slut på minne och stoppades
R042 = läsaren kraschade på den här filen ({ $exit })
R042-hint = filen är troligen skadad; öppna den i Excel, spara den som .xlsx och skicka den nya filen; hjälper inte det, rapportera det som ett fel i styr och bifoga filen
R043 = läsaren fallerade på den här filen med ett internt fel
R044 = läsprocessen betedde sig fel: { $error }
R045 = läsprocessen kan inte startas: { $error }
R045-hint = det här är ett problem med installationen av styr, inte med filen

## styr collect

cli-no-executable = programfilen för styr hittas inte: { $error }
cli-no-workers = läsprocesserna kan inte startas: { $error }
collect-no-folder = mappen för returer { $dir } finns inte
collect-no-folder-hint = lägg de inkomna arbetsböckerna för { $period } där, eller ange filer eller mappar: styr collect FIL...
collect-archived = { $n } rättningsarbetsböcker arkiverade i { $dir } (deras enheters giltiga returer är insamlade)
collect-hidden = ({ $findings } fynd i { $files } ersatta filer visas inte: --format json listar dem)
col-status = status
col-id = id
col-name = namn
col-file = fil
other-unit = kan vara en annan enhets siffror
collect-summary = { $files } filer: { $ok } utan fel, { $errors } med fel, { $rejected } avvisade, { $skipped } överhoppade, { $replaced } ersatta; { $missing } returer saknas
collect-register = register: { $path }
collect-store = datalager: { $path } ({ $changed } returer tillagda eller ersatta)
collect-corrections = { $n } rättningsarbetsböcker i { $dir }
status-inkommen = inkommen
status-inkommen-med-fel = inkommen med fel
status-sen = sen
status-saknas = saknas
status-dubblett = dubblett
status-ersatt-av-nyare = ersatt av nyare
status-ersatt-av-aldre = med fel, äldre utan fel gäller
status-ersatt-samma-tid = ersatt, sparad samtidigt
status-fel-period = fel period
status-fel-version = fel version
status-okand-enhet = okänd enhet
status-avvisad = avvisad
status-hoppad = hoppad över

## Kommandoraden

cli-no-workspace-hint = kör `styr init MAPP` för att skapa en arbetsyta, eller peka ut en med -C MAPP
cli-invalid-workspace = arbetsytan är ogiltig ({ $n } fel)
cli-bad-epoch = SOURCE_DATE_EPOCH är inte ett antal sekunder sedan 1970: "{ $value }"
cli-bad-epoch-hint = sätt den till till exempel 1778572800 (2026-05-12T08:00:00Z), eller ta bort den
cli-cannot-write = utdata kan inte skrivas: { $error }
label-note = obs:
validate-ok = { $kommun }: giltig: { $forvaltningar } förvaltningar, { $units } enheter, { $indicators } indikatorer, { $targets } målvärden, { $history } tidigare utfall, { $arshjul } poster i årshjulet
check-period-hint = till exempel styr check --period 2026-T1
check-plan-period = { $period } är en planeringsperiod: det finns inga utfall att bedöma
check-plan-period-hint = bedöm en uppföljningsperiod för { $year }, till exempel --period { $year }-T1 eller --period { $year }
check-no-forvaltning = förvaltningen '{ $id }' finns inte i styr.toml
check-forvaltningar = förvaltningar: { $list }
check-bad-store-hint = flytta undan filen och samla in returerna igen, eller återställ { $file } från en säkerhetskopia

## Arbetsytan som helhet (validate)

did-you-mean-quoted = menade du "{ $name }"?
what-forvaltning = förvaltning
what-unit = enhet
what-control = kontrollpunkt
what-goal = mål
what-indicator = indikator
what-category = enhetskategori
what-chart = diagram på Översikt
C025 = `[report] overview_charts` har { $n } indikatorer; Översikt har plats för { $max } diagram efter ekonomin
C025-hint = välj de viktigaste; de andra indikatorerna finns på områdesbladen
C010 = id för { $what } finns två gånger: '{ $id }'
C010-hint = '{ $id }' definieras först vid { $first }; id måste vara unika
C010-both = '{ $id }' är id för både en förvaltning och en enhet
C010-arshjul = { $form } för { $period } finns två gånger i årshjulet
C010-target = ett andra målvärde för '{ $id }' { $period } på samma nivå
C010-target-hint = det första finns vid { $first }
C011 = okänt id för { $what }: '{ $id }'
C011-known = kända: { $list }
C011-many = det måste vara ett av de { $n } id för { $what } som finns i arbetsytan
C011-category = kategorin "{ $category }" finns inte bland de deklarerade `categories`
C011-category-hint = kategorierna deklareras vid { $at }: { $list }; lägg till den där, eller ta bort listan så att kategorierna är fria
C012 = enheten '{ $id }' har en negativ budget
C013 = perioden { $period } ligger utanför året { $year }
C013-hint = årshjulet innehåller perioderna för { $year } och planeringsperioden { $next }-plan; `year` sätts vid { $at }
C013-target = ett målvärde hör till en uppföljningsperiod, inte { $period }
C013-target-hint = målvärdet för året { $year } skrivs period = "{ $year }"
C014 = sista dag { $deadline } ligger före utskicket { $sent }
C015 = indikatorn '{ $id }' läggs ihop som ett vägt medelvärde men anger ingen vikt
C015-hint = lägg till `weight = "<indikatorns id>"`, till exempel antalet årsarbetare, eller använd rollup = "mean"
C015-self = indikatorn '{ $id }' kan inte vara sin egen vikt
C016 = indikatorn '{ $id }' anger en vikt men läggs ihop som { $rollup }
C016-hint = vikten används bara med rollup = "weighted_mean"
C017 = indikatorn '{ $id }': min { $min } är större än max { $max }
C017-target = målvärdet för '{ $id }' { $period }: min { $min } är större än max { $max }
C017-hint = byt plats på de två värdena
C018 = '{ $id }' är en indikator med riktning '{ $direction }'; dess målvärde är ett `value`
C018-hint = ersätt `min`/`max` med `value`, eller ange direction = "interval"
C018-interval = '{ $id }' är en intervallindikator; dess målvärde behöver `min` och `max`
C018-interval-hint = ersätt `value` med `min = ...` och `max = ...`
C019 = historik för '{ $id }', som inte finns i styr.toml
C019-hint = en enhet som lagts ner eller bytt namn behåller sin historik; byt id i historik.csv om den flyttat

## Perioder

period-syntax = '{ $text }' är inte en period; skriv 2026-03 (månad), 2026-T1 eller 2026-T2 (tertial), 2026 (år) eller 2027-plan (planeringsår)
period-month = '{ $text }': månaden ska vara 01–12
period-tertial = '{ $text }': det finns två tertialrapporter, T1 (jan–apr) och T2 (jan–aug); det tredje tertialet är årsredovisningen, som skrivs med bara året
period-year = '{ $text }': året ska vara mellan 1900 och 2999

# The rule of an outcome, with its limits (model::Limits::rule_text); { $s } is the measure's suffix (" %").
rule-higher-band = ≥ { $green }{ $s }, gult från { $yellow }{ $s }
rule-higher = ≥ { $green }{ $s }
rule-lower-band = ≤ { $green }{ $s }, gult till { $yellow }{ $s }
rule-lower = ≤ { $green }{ $s }
rule-interval-band = { $min }–{ $max }{ $s }, gult { $ymin }–{ $ymax }{ $s }
rule-interval = { $min }–{ $max }{ $s }
rule-none-higher = Högre är bättre, inget målvärde
rule-none-lower = Lägre är bättre, inget målvärde
rule-none-interval = Inom intervall, inget målvärde

# Where a derived value comes from (the source column of check and the reports).
derived-source = härledd: { $formula }
derived-source-inputs = härledd: { $formula } ({ $inputs })
