# The checks of styr.toml, the indicator catalogue (toml and xlsx), the sources and the form
# definitions. Keys: config-<what>, or the C-code (C051, C051-hint).

## Formen på en TOML-fil (styr.toml, indikatorer.toml, blankettdefinitionerna)

config-syntax = TOML-filen går inte att läsa här
config-syntax-duplicate = TOML-filen går inte att läsa här: nyckeln står redan tidigare i samma tabell
config-syntax-string = TOML-filen går inte att läsa här: en text saknar sitt avslutande citattecken
config-syntax-equals = TOML-filen går inte att läsa här: ett = saknas mellan nyckeln och värdet
config-syntax-header = TOML-filen går inte att läsa här: tabellens rubrik är ofullständig
config-syntax-hint = skriv en nyckel per rad: nyckel = "text", nyckel = 12.5, nyckel = 2026-05-08 eller nyckel = ["a", "b"]; text står inom raka citattecken
config-place-top = överst i filen
config-place-in = i { $place }
config-in = i
config-or = eller
config-kind-text = texten "{ $text }"
config-kind-integer = heltalet { $n }
config-kind-number = talet { $n }
config-kind-date = datumet { $date }
config-kind-list = en lista
config-kind-table = en tabell
config-form-one-of = ett av värdena { $list }
config-form-date = ett datum utan citattecken
config-form-id = ett id inom citattecken (a–z, A–Z, 0–9, '-', '_' och '.', utan å, ä, ö)
config-form-period = en period inom citattecken (2026-03, 2026-T1, 2026 eller 2027-plan)
config-form-text = en text inom citattecken
config-form-integer = ett heltal utan citattecken
config-form-number = ett tal utan citattecken, med decimalpunkt
config-form-boolean = true eller false
config-form-list-of = en lista inom hakparenteser, av { $form }
config-form-list = en lista inom hakparenteser
config-form-table = en tabell
config-form-value = ett värde
config-example = till exempel { $example }
config-explain = { $key }: { $form }, till exempel { $example }
config-list-length = `{ $key }` { $place } har { $len } värden, men ska ha { $want }
config-missing-key = `{ $key }` saknas { $place }
config-unknown-key = okänd nyckel `{ $key }` { $place }
config-did-you-mean-keys = menade du { $keys }?
config-known-keys = nycklarna här är { $keys }
config-enum-not-text = `{ $key }` { $place } ska vara ett av värdena inom citattecken, inte { $kind }
config-enum-value = `{ $key } = "{ $value }"` { $place } är inget av de tillåtna värdena
config-write-one-of = skriv ett av { $list }
config-wrong-type = `{ $key }` { $place } ska vara { $form }, men är { $kind }
config-wrong-type-date = ett datum skrivs utan citattecken i TOML
config-wrong-type-number = ett tal skrivs utan citattecken, med punkt som decimaltecken
config-wrong-type-text = text skrivs inom citattecken
config-bad-id = `{ $key } = "{ $value }"` { $place } är inget giltigt id
config-bad-id-hint = ett id har 1–40 tecken: bokstäverna a–z och A–Z (utan å, ä, ö och mellanslag), siffror, '-', '_' och '.', och börjar med en bokstav eller siffra; det står i filnamn och i blanketternas dolda nycklar
config-bad-period = `{ $key } = "{ $value }"` { $place } är ingen period
config-period-month = månaden ska vara 01–12
config-period-tertial = det finns två tertial, T1 (jan–apr) och T2 (jan–aug); det tredje är årsredovisningen, som skrivs med året ensamt
config-period-year = året ska vara 1900–2999
config-period-syntax = skriv 2026-03 (månad), 2026-T1 eller 2026-T2 (tertial), 2026 (år) eller 2027-plan (planering)
config-finite-number = ett ändligt tal
config-out-of-range = `{ $key } = { $value }` { $place } ligger utanför { $range }
config-unknown-key-here = okänd nyckel `{ $key }`
config-unknown-key-hint = ta bort nyckeln eller rätta stavningen; README beskriver filens nycklar
config-missing-key-here = `{ $key }` saknas
config-missing-key-hint = varje post i tabellen behöver den nyckeln
config-unknown-value = okänt värde "{ $value }"
config-invalid-type = värdet har fel slag här
config-invalid-type-hint = kontrollera citattecknen: text skrivs "inom citattecken", tal och datum utan
config-unreadable = filen går inte att läsa här

## styr.toml

C002 = { $date } är inget datum
C002-time = '{ $date }' är inget rent datum
C002-hint = skriv ett datum utan klockslag, till exempel 2026-05-08
C024 = correction_days = { $value } är inget antal dagar mellan 1 och { $max }
C024-hint = dagarna som en enhet har på sig att skicka ett rättat svar, till exempel { $days }
C060-unencrypted = security = "none" till '{ $host }': e-posten skulle gå okrypterad över nätet
C060-unencrypted-hint = skriv security = "starttls" (port 587) eller "tls" (port 465); "none" är bara för localhost
C060-unknown-placeholder = [sending.mail] { $key }: okänd platshållare { $name }
C060-open-brace = [sending.mail] { $key }: en '{"{"}' utan sin '{"}"}'
C060-close-brace = [sending.mail] { $key }: en '{"}"}' utan sin '{"{"}' (skriv '{"}"}{"}"}' för en klammer)
C060-mail = [sending.mail] { $key }: texten går inte att läsa
C060-placeholders = platshållarna är { $list }

## Indikatorkatalogen

C020 = indikatorn '{ $id }' har en negativ tolerans ({ $value })
C020-hint = det gula bandets bredd är noll eller mer
C020-both = indikatorn '{ $id }' har både `tolerance` och `tolerance_pct`
C020-both-hint = behåll en av dem: `tolerance` i indikatorns enhet, eller `tolerance_pct` i procent av målvärdet
C021-needs-id = ett målvärde på nivån '{ $level }' behöver `id`, id för den förvaltning eller enhet det gäller
C021-kommun-id = ett målvärde för kommunen har inget `id`
C021-kommun-id-hint = ta bort `id`, eller sätt `level` till "forvaltning" eller "enhet"
C021-bad-id = `id = "{ $id }"` är inget giltigt id
C021-level = okänd nivå '{ $level }'
C021-level-hint = skriv "kommun", "forvaltning" eller "enhet"
C022 = målvärdet för '{ $id }' { $period } behöver antingen `value` eller både `min` och `max`
C022-hint = `value = 95` när högre eller lägre är bättre, `min = 2` och `max = 4` för ett intervall
C022-finite = ett målvärde måste vara ett ändligt tal
C023 = indikatorn '{ $id }' har plausible_change = { $value }, som inte är ett positivt tal
C023-hint = den största trovärdiga förändringen från en period till nästa, i indikatorns enhet, till exempel 5 för 5 procentenheter
C070-parse = formeln för '{ $id }' går inte att läsa: { $why }
C070-parse-hint = skriv + - * / och ( ) mellan indikatorernas id, budget, spent, forecast, months och tal, till exempel "budget - forecast"
C070-both = indikatorn '{ $id }' har både `formula` och `ratio`
C070-both-hint = behåll en av dem: `formula` för ett värde som läggs ihop enligt `rollup`, `ratio` för summan av täljarna genom summan av nämnarna
C070-scale = kvoten för '{ $id }' har scale = { $scale }, som inte är ett positivt tal
C070-scale-hint = scale = 100 för procent, 1 (standard) för en ren kvot
C070-ratio-rollup = kvotindikatorn '{ $id }' läggs ihop som summan av täljarna genom summan av nämnarna, inte som { $rollup }
C070-ratio-rollup-hint = skriv rollup = "ratio"
C070-no-ratio = indikatorn '{ $id }' läggs ihop som en kvot men har ingen `ratio`
C070-no-ratio-hint = lägg till `ratio = {"{"} numerator = "...", denominator = "...", scale = 100 {"}"}`

## Formlerna för härledda indikatorer och kvotindikatorer

config-formula-number = '{ $text }' är inget tal
config-formula-char = '{ $char }' kan inte stå i en formel
config-formula-ends = formeln slutar där ett namn eller ett tal ska stå
config-formula-open = en '(' stängs aldrig
config-formula-operator = '{ $op }' där ett namn eller ett tal ska stå
config-formula-close-early = ')' där ett namn eller ett tal ska stå
config-formula-close = en ')' utan sin '('
config-formula-no-operator = '{ $name }' följer utan ett räknetecken emellan
config-formula-operator-expected = här ska ett räknetecken stå
config-formula-plain-number = ett rent tal
config-formula-mismatch = '{ $op }' mellan { $left } och { $right }
C071 = okänt namn '{ $name }' i formeln för '{ $id }'
C071-hint = en formel namnger indikatorernas id och { $names }
C071-hint-dash = en formel namnger indikatorernas id och { $names }; skriv mellanslag runt '-' för att dra ifrån ('{ $spaced }')
C072 = formeln för '{ $id }' beror på sig själv: { $chain }
C072-hint = en härledd indikator räknas fram ur rapporterade värden; bryt cirkeln
C073 = formeln för '{ $id }' blandar enheter: { $why }
C073-hint = lägg bara ihop och dra ifrån värden i samma enhet (tkr med tkr, % med %)
C073-measure = formeln för '{ $id }' ger { $gives }, men indikatorn mäts i { $measure }
C073-measure-hint = ändra `measure`, eller formeln (en procentsats är en kvot × 100)

## Arbetsytans filer

C051 = både { $toml } och { $xlsx } finns; det får bara finnas en indikatorkatalog
C051-hint = behåll den katalog som gäller och flytta den andra ut ur arbetsytan; styr läser inte { $xlsx } när { $toml } finns
config-no-catalogue = arbetsytan har ingen { $toml } (eller { $xlsx })

## Källorna ([[source]]) och enheternas koder i styr.toml

C010-source = källan '{ $id }' finns två gånger
C010-source-hint = varje [[source]] behöver ett eget id
C080-one-char = { $key } = "{ $value }" är inte ett tecken
C080-one-char-hint = skriv ett tecken, till exempel delimiter = ";", decimal = ","
C080-ascii = avgränsaren '{ $char }' är inget ASCII-tecken
C080-ascii-hint = skriv ; , | eller \t
C080-decimal = källan '{ $id }': decimaltecknet är också avgränsaren eller tusentalsavgränsaren
C080-decimal-hint = en CSV med decimalkomma avgränsas oftast med semikolon: delimiter = ";", decimal = ","
C080-header-row = header_row = { $value } är inget radnummer
C080-header-row-hint = raden med kolumnnamnen, räknat från 1
C080-factor = { $key } = { $value } är ingen användbar faktor
C080-factor-hint = scale = 0.001 gör kr till tkr; sign = -1 vänder tecknet
C081 = koden '{ $code }' hör redan till enheten '{ $unit }'
C081-hint = en kod kan bara höra till en enhet; den första står på { $first }
C081-empty = en tom kod
C081-empty-hint = koderna är ansvar eller kostnadsställen, till exempel codes = ["3410"]
C082-kind = en [[source.target]] behöver antingen indicator eller role
C082-kind-hint = indicator = "sjukfranvaro" för ett utfall, role = "spent" för ett fält på bladet Ekonomi
C082-value = value = "{ $value }" namnger ingen kolumn
C082-value-hint = ett kolumnnamn, eller namn förenade med + och -, till exempel "Budget - Utfall"
C082-no-target = källan '{ $id }' har ingen [[source.target]]
C082-no-target-hint = lägg till [[source.target]] med value = "<kolumn>" och indicator eller role
C083-unknown = källan '{ $id }': okänd indikator '{ $indicator }'
C083-unknown-hint = namnge en indikator i katalogen
C083-derived = källan '{ $id }': '{ $indicator }' är en härledd indikator, som check räknar fram ur det som formeln namnger
C083-derived-hint = importera i stället formelns indata (till exempel role = "spent")
C083-role = källan '{ $id }': inget fält i uppföljningsblanketten har rollen '{ $role }'
C083-role-hint = rollerna på bladet Ekonomi är spent och forecast

## Indikatorkatalogen som arbetsbok (indikatorer.xlsx)

C050-open = katalogens arbetsbok går inte att läsa
C050-no-sheet = bladet '{ $sheet }' saknas
C050-no-sheet-hint = bladen är: { $list }
C050-sheet = bladet går inte att läsa
C010-column = kolumnen `{ $key }` finns två gånger
C010-column-hint = den första står i { $first }
config-missing-column = kolumnen `{ $key }` saknas i bladet '{ $sheet }'
config-missing-column-hint = varje rad behöver `{ $key }`: skriv `{ $key }` i rubrikraden och värdet på varje rad
config-row-of = raden i '{ $sheet }'
config-row-unreadable = raden går inte att läsa
config-unknown-header = okänd kolumnrubrik `{ $key }` i bladet '{ $sheet }'; kolumnen läses inte
config-known-headers = rubrikerna här är { $keys }

## Organisationsfilen (styr init --from-excel)

C090-open = organisationsfilen går inte att läsa
C090-open-hint = spara den som .xlsx eller .ods och försök igen
C090-no-sheets = arbetsboken har inga blad
C090-sheet = bladet går inte att läsa
C090-no-header = ingen rubrikrad med kolumnerna Förvaltning och Enhet bland de tio första raderna
C090-no-header-hint = rubrikerna kan vara Förvaltning, Förvaltnings-id, Enhet, Enhets-id, Kategori, Chef, E-post, Budget (tkr) och Ansvar, en per kolumn
C090-no-units = bladet har inga enheter under rubrikraden
C091 = kolumnen "{ $header }" läses inte
C091-hint = styr läser kolumnerna Förvaltning, Förvaltnings-id, Enhet, Enhets-id, Kategori, Chef, E-post, Budget (tkr) och Ansvar
C092-no-forvaltning = enheten saknar förvaltning
C092-no-forvaltning-hint = skriv förvaltningens namn på varje rad
C092-bad-id = "{ $id }" är inget giltigt id
C092-bad-id-hint = ett id har 1–40 tecken: bokstäverna a–z och A–Z (utan å, ä, ö och mellanslag), siffror, '-', '_' och '.'
C093 = budgeten "{ $text }" är inget belopp i tkr som är noll eller mer
C093-hint = skriv bara beloppet i tkr, till exempel 12500 eller 12 500,5
C094 = "{ $text }" är ingen e-postadress
C094-hint = skriv adressen som namn@kommun.se, en per cell
C095 = enheten "{ $name }" får samma id '{ $id }' som enheten på { $first }
C095-hint = ge enheterna olika namn, eller skriv deras id i en kolumn Enhets-id

## Blankettdefinitionerna (templates/*.toml)

C040 = blanketten '{ $form }' har ingen definition
C040-read = filen går inte att läsa
C010-form = en andra definition av { $form } version { $version }
C010-section = avsnittet '{ $id }' finns två gånger
C010-sheet = två avsnitt använder bladet '{ $sheet }'
C010-field = id '{ $id }' finns två gånger i avsnittet '{ $section }'
C017-field = fältet '{ $id }': min { $min } är större än max { $max }
C041-empty = listan '{ $list }' har inga värden
C041-empty-hint = skriv valen: namn = ["Ja", "Nej"]
C041-twice = listan '{ $list }' har '{ $value }' två gånger
C042-no-list = valfältet '{ $id }' namnger ingen lista
C042-no-list-hint = lägg till list = "<namnet på en lista i [lists]>"
C042-not-choice = fältet '{ $id }' har en lista men är av typen '{ $type }'
C043 = fältet '{ $id }' använder den okända listan '{ $list }'
C043-hint = listorna: { $list }
C044-column = kolumnen '{ $id }' visar ett värde per rad av slaget '{ $rows }', men avsnittet upprepas per '{ $repeat }'
C044-bounds = fältet '{ $id }' tar sina gränser från radens indikator, men avsnittet upprepas inte per indikator
C044-required = fältet '{ $id }' krävs när ett målvärde inte nås, men avsnittet har inga målvärden
C045-empty = bladets namn är tomt
C045-long = bladnamnet '{ $sheet }' är längre än 31 tecken
C045-char = bladnamnet '{ $sheet }' innehåller ett tecken som Excel inte tillåter
C045-apostrophe = bladnamnet '{ $sheet }' börjar eller slutar med en apostrof
C045-underscore = bladnamnet '{ $sheet }' börjar med '_', som styr håller för sina egna blad
C045-hint = Excel tillåter högst 31 tecken och inget av [ ] : * ? / \
C046 = det beräknade fältet '{ $id }' måste namnge två numeriska fält eller kolumner i sitt avsnitt
C046-hint = of = ["budget", "prognos"] ger budget minus prognos
C047 = avsnittet '{ $id }': `rows` hör ihop med repeat = "rows", och bara där
C047-hint = fria rader behöver ett antal: rows = 10
C048 = '{ $id }' är inget giltigt id för ett avsnitt eller fält
C048-hint = skriv små bokstäver a–z, siffror och _, och börja med en bokstav (id blir en del av ett definierat namn)
C049-factor = fältet '{ $id }': budget_factor = { $range } är inget rimligt intervall för en prognos eller ett utfall
C049-factor-hint = skriv [min, max] med 0 ≤ min < max, till exempel [0.5, 2.0], på ett fält med role = "forecast" eller "spent"
C049-warning = fältet '{ $id }': budget_warning_pct = { $value } är ingen procentsats för en prognos
C049-warning-hint = skriv en procentsats som är 0 eller mer, till exempel 10, på ett fält med role = "forecast"
C049-import = fältet '{ $id }' fylls i från en import (from_import), men är av typen '{ $type }'
C049-import-hint = en import för in tal: markera ett tal-, procent- eller beloppsfält, eller ta bort from_import

## Historiken (historik.csv)

C030 = rubrikraden är '{ $header }'
C030-hint = första raden ska vara '{ $header }'
C030-unreadable = rubrikraden går inte att läsa
C031-unreadable = raden går inte att läsa
C031-bad-id = '{ $id }' är inget giltigt id
C031-kommun-id = kommunnivån har inget id
C031-level-hint = skriv kommun, forvaltning eller enhet
C031-period = '{ $period }' är ingen period

## Fler fel i TOML-syntaxen

config-syntax-list = TOML-filen går inte att läsa här: en lista saknar ett kommatecken mellan värdena eller sin avslutande ]
config-syntax-value = TOML-filen går inte att läsa här: ett värde saknas efter =
config-syntax-kind = TOML-filen går inte att läsa här: värdet är varken en text inom citattecken, ett tal, ett datum eller true/false

# [meanings] of a form definition
C041-meaning-unknown = [meanings.{ $list }] ger en betydelse åt '{ $value }', som inte finns i listan '{ $list }'
C041-meaning-values = listans värden: { $values }
C041-meaning-missing = listan '{ $list }' (fältet '{ $field }') saknar betydelse för { $values }: rapporterna färgar värdena efter den
C041-meaning-missing-hint = ge varje värde en betydelse, till exempel [meanings.{ $list }] "{ $value }" = "met"; betydelserna är { $keys }
C043-meanings = [meanings.{ $list }] gäller en lista som inte finns
C043-meanings-hint = listorna: { $lists }
