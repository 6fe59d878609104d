//! A new workspace for the controller's own kommun (`styr init DIR --blank`, `--from-excel`):
//! the text of `styr.toml` and `indikatorer.toml`, every key explained in a Swedish comment, the
//! `#:schema` line that lets an editor complete and check keys. No I/O here.

use std::collections::BTreeSet;

use crate::workspace::schema::{CATALOGUE_SCHEMA, CONFIG_SCHEMA, SCHEMA_DIR};

/// The kommun as the controller names it on the command line.
#[derive(Debug, Clone)]
pub struct KommunInfo {
    pub name: String,
    pub kolada_id: Option<String>,
    pub year: u16,
}

/// A förvaltning of the organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgForvaltning {
    pub id: String,
    pub name: String,
    pub chef: String,
    pub email: String,
}

/// A unit of the organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgUnit {
    pub id: String,
    pub name: String,
    pub forvaltning: String,
    pub category: String,
    pub chef: String,
    pub email: String,
    pub budget_tkr: Option<f64>,
    pub codes: Vec<String>,
}

/// The organisation a new workspace starts from.
#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    pub forvaltningar: Vec<OrgForvaltning>,
    pub units: Vec<OrgUnit>,
}

impl Organisation {
    /// One förvaltning with one unit, to be renamed: the smallest valid organisation.
    pub fn minimal() -> Self {
        Self {
            forvaltningar: vec![OrgForvaltning {
                id: "KSF".into(),
                name: "Kommunstyrelseförvaltningen".into(),
                chef: String::new(),
                email: String::new(),
            }],
            units: vec![OrgUnit {
                id: "ksf-ekonomi".into(),
                name: "Ekonomiavdelningen".into(),
                forvaltning: "KSF".into(),
                category: "stöd".into(),
                chef: String::new(),
                email: String::new(),
                budget_tkr: None,
                codes: Vec::new(),
            }],
        }
    }

    /// The categories the units use, sorted.
    pub fn categories(&self) -> Vec<String> {
        let set: BTreeSet<&str> = self.units.iter().map(|u| u.category.as_str()).collect();
        set.into_iter().map(String::from).collect()
    }
}

/// The files of a new workspace: (path relative to the workspace, content).
pub fn files(
    kommun: &KommunInfo,
    org: &Organisation,
    standard_indicators: bool,
) -> Vec<(String, String)> {
    let mut out = vec![
        (
            crate::workspace::CONFIG_FILE.to_string(),
            config(kommun, org),
        ),
        (
            crate::workspace::CATALOGUE_FILE.to_string(),
            catalogue(kommun.year, standard_indicators),
        ),
        (".taplo.toml".to_string(), TAPLO.to_string()),
    ];
    for (name, text) in crate::workspace::schema::files() {
        out.push((format!("{SCHEMA_DIR}/{name}"), text));
    }
    out
}

/// Editors that read `.taplo.toml` (Taplo, Even Better TOML) take the form definitions'
/// schema from here; `styr.toml` and `indikatorer.toml` name theirs on their first line.
const TAPLO: &str = concat!(
    "# Scheman för editorer med TOML-stöd (Taplo, Even Better TOML i VS Code).\n",
    "[[rule]]\n",
    "include = [\"templates/*.toml\"]\n",
    "schema = { path = \"./schema/formular.schema.json\" }\n",
);

fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// `styr.toml` for `org`.
pub fn config(kommun: &KommunInfo, org: &Organisation) -> String {
    let y = kommun.year;
    let next = y + 1;
    let mut s = String::new();
    s.push_str(&format!("#:schema ./{SCHEMA_DIR}/{CONFIG_SCHEMA}\n"));
    s.push_str(&format!(
        "# styr.toml: arbetsytans inställningar för {}.
#
# Filen säger vilka som deltar i styrmodellens planering och uppföljning: kommunen, dess
# förvaltningar och enheter (som fyller i blanketterna), kategorierna som avgör vilka
# indikatorer en enhet rapporterar, och årshjulet. Raden överst pekar på filens schema, så att
# en editor med TOML-stöd (VS Code med Even Better TOML, eller Taplo) föreslår nycklarna och
# varnar för fel medan du skriver. Kontrollera allt med `styr validate`.
#
# TOML skrivs nyckel = värde, en per rad: text \"inom citattecken\", tal utan (12.5, med
# punkt), datum utan citattecken (2026-05-08) och listor inom hakparenteser ([\"a\", \"b\"]).

# Budgetåret som arbetsytan följer upp.
year = {y}

# Enhetskategorierna, deklarerade: varje enhets `category` (och varje indikators `categories` i
# indikatorer.toml) måste stå här, så att ett stavfel blir ett fel i stället för en enhet som
# tyst inte rapporterar något. Ta bort listan för att låta kategorierna vara fri text.
categories = [{}]

[kommun]
name = {}   # kommunens namn, som det står i blanketter och rapporter
",
        kommun.name,
        org.categories()
            .iter()
            .map(|c| q(c))
            .collect::<Vec<_>>()
            .join(", "),
        q(&kommun.name),
    ));
    match &kommun.kolada_id {
        Some(k) => s.push_str(&format!(
            "kolada_id = {}   # kommunens id i Kolada: fyra siffror, som text\n",
            q(k)
        )),
        None => {
            s.push_str("# kolada_id = \"1452\"   # kommunens id i Kolada: fyra siffror, som text\n")
        }
    }
    s.push_str(
        "# population = 12000   # antal invånare (valfritt)

[folders]
outgoing = \"utskick\"    # blanketterna som skickas till enheterna
incoming = \"inkommet\"   # ifyllda blanketter som kommer tillbaka
data = \"data\"           # kontrollerade och sammanställda värden
reports = \"rapporter\"   # rapporter till nämnder och förvaltningar

[sending]
contact = \"\"            # adressen som enheterna skickar sina svar till
password = \"styr\"       # bladskyddets lösenord: det hindrar misstag, inte människor
correction_days = 10    # dagar som en enhet har på sig att skicka ett rättat svar (1–90)

# Rapporterna: indikatorerna som Översikt visar i diagram per förvaltning efter ekonomin, i den
# ordningen (högst fyra). Utan nyckeln väljer styr en personal- och en kompetensindikator: en med
# målvärde först, en andel eller ett medelvärde före en summa, sedan den med utfall från flest
# förvaltningar.
# [report]
# overview_charts = [\"sjukfranvaro\", \"kompetensutveckling-dagar\"]

# ---------------------------------------------------------------------------------------------
# Förvaltningar: en [[forvaltning]] per förvaltning.
#   id     kort och unikt: bokstäverna a–z och A–Z (utan å, ä, ö), siffror, '-', '_' och '.'
#   name   förvaltningens namn
#   chef   förvaltningschefens namn; email hennes eller hans e-post (får en blankett per
#          förvaltning, till exempel översynen av målvärden)
# ---------------------------------------------------------------------------------------------
",
    );
    for f in &org.forvaltningar {
        s.push_str(&format!(
            "\n[[forvaltning]]\nid = {}\nname = {}\nchef = {}\nemail = {}\n",
            q(&f.id),
            q(&f.name),
            q(&f.chef),
            q(&f.email)
        ));
    }
    s.push_str(
        "
# ---------------------------------------------------------------------------------------------
# Enheter: en [[enhet]] per enhet som fyller i blanketterna.
#   id           unikt i kommunen (samma tecken som ovan); det står i blanketternas filnamn
#   name         enhetens namn
#   forvaltning  id för förvaltningen som enheten hör till
#   category     en av `categories` överst: avgör vilka indikatorer enheten rapporterar
#   chef, email  enhetschefen och hennes eller hans e-post: dit går blanketten
#   budget_tkr   årsbudget (nettokostnad) i tkr, förifylld i varje uppföljning (valfri)
#   codes        ekonomins ansvarskoder (ansvar, kostnadsställe) som hör till enheten (valfri)
# ---------------------------------------------------------------------------------------------
",
    );
    for u in &org.units {
        s.push_str(&format!(
            "\n[[enhet]]\nid = {}\nname = {}\nforvaltning = {}\ncategory = {}\nchef = {}\nemail = {}\n",
            q(&u.id),
            q(&u.name),
            q(&u.forvaltning),
            q(&u.category),
            q(&u.chef),
            q(&u.email)
        ));
        match u.budget_tkr {
            Some(b) => s.push_str(&format!("budget_tkr = {}\n", number(b))),
            None => s.push_str("# budget_tkr = 12500\n"),
        }
        if u.codes.is_empty() {
            s.push_str("# codes = [\"1110\"]\n");
        } else {
            s.push_str(&format!(
                "codes = [{}]\n",
                u.codes.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    s.push_str(&format!(
        "
# ---------------------------------------------------------------------------------------------
# Årshjulet: en [[arshjul]] per blankett och period.
#   period    {y}-03 (månad), {y}-T1 eller {y}-T2 (tertial), {y} (året), {next}-plan (planering)
#   form      uppfoljning, verksamhetsplan, malvarden (per förvaltning) eller internkontroll
#   sent      dagen då blanketten skickas ut; deadline sista svarsdag (datum utan citattecken)
#   forum     var resultatet redovisas (valfritt)
# ---------------------------------------------------------------------------------------------

[[arshjul]]
period = \"{y}-T1\"
form = \"uppfoljning\"
sent = {y}-05-04
deadline = {y}-05-15
forum = \"Kommunstyrelsen\"

[[arshjul]]
period = \"{y}-T2\"
form = \"uppfoljning\"
sent = {y}-09-01
deadline = {y}-09-15
forum = \"Kommunfullmäktige, delårsrapport\"

[[arshjul]]
period = \"{y}\"
form = \"uppfoljning\"
sent = {next}-01-08
deadline = {next}-01-29
forum = \"Kommunfullmäktige, årsredovisning\"

[[arshjul]]
period = \"{next}-plan\"
form = \"verksamhetsplan\"
sent = {y}-10-01
deadline = {y}-11-13
forum = \"Nämnderna\"
"
    ));
    s
}

/// `indikatorer.toml`: every key explained, and the standard set of common indicators when
/// asked for (else the same entries as comments to copy).
pub fn catalogue(year: u16, standard: bool) -> String {
    let mut s = String::new();
    s.push_str(&format!("#:schema ./{SCHEMA_DIR}/{CATALOGUE_SCHEMA}\n"));
    s.push_str(
        "# indikatorer.toml: kommunens indikatorkatalog.
#
# Tre slags poster:
#   [[goal]]       utvecklingsmålen: id, name, perspective (Målgrupp, Medarbetare, Verksamhet,
#                  Ekonomi) och en description;
#   [[indicator]]  indikatorerna (nyckeltalen) som mäter målen:
#                    id, name, perspective    som för målen
#                    area                     ekonomi, personal, kompetens, verksamhet, malgrupp
#                    measure                  %, kr, tkr, mnkr, dagar, antal, index, kvot, timmar
#                    direction                higher (högre är bättre), lower, interval
#                    tolerance                det gula bandets bredd i indikatorns enhet, eller
#                    tolerance_pct            bredden i procent av målvärdet (inte båda)
#                    rollup                   sum, mean, weighted_mean (med weight = \"<id>\"),
#                                             median, none: hur enheternas värden läggs ihop
#                    tertial_rule             annual, pro_rata, not_judged: hur en månad eller ett
#                                             tertial bedöms mot helårets målvärde (annual)
#                    frequency                month, tertial, year (tertial)
#                    reported_by              unit (enheten) eller central (unit)
#                    definition               { numerator, denominator, source, owner }
#                    goals                    målen som indikatorn mäter, [\"M1\"]
#                    categories               enhetskategorierna (styr.toml) som rapporterar den;
#                                             utan den rapporterar alla enheter
#                    min, max                 rimligt intervall, kontrolleras vid inmatning
#                    decimals                 decimaler som visas (1)
#                    kolada                   Kolada-id för ett jämförbart nationellt nyckeltal
#   [[target]]     målvärdena: indicator, period (\"2026\", \"2026-T1\"...), level (kommun om inget
#                  anges, \"forvaltning\" eller \"enhet\" med id) och value, eller min och max för en
#                  intervallindikator. Det mest specifika målvärdet gäller.
#
# Obligatoriska nycklar: för ett mål id, name, perspective; för en indikator id, name,
# perspective, area, measure, direction, rollup; för ett målvärde indicator, period och value
# (eller min och max). `styr validate` visar allt som saknas på en gång.
",
    );
    let body = standard_set(year);
    if standard {
        s.push_str(
            "\n# Standarduppsättningen av vanliga indikatorer; ändra, ta bort och lägg till.\n",
        );
        s.push_str(&body);
    } else {
        s.push_str(
            "\n# Inga indikatorer ännu. Ett exempel att utgå från (ta bort # framför raderna), eller\n# skapa arbetsytan med `styr init DIR --blank --standard-indicators`:\n",
        );
        for line in body.lines() {
            if line.is_empty() {
                s.push_str("#\n");
            } else {
                s.push_str(&format!("# {line}\n"));
            }
        }
    }
    s
}

/// Indicators almost every kommun follows, reported by every unit.
fn standard_set(year: u16) -> String {
    format!(
        "[[goal]]
id = \"M1\"
name = \"Attraktiv arbetsgivare med friska medarbetare\"
perspective = \"Medarbetare\"

[[goal]]
id = \"M2\"
name = \"En ekonomi i balans\"
perspective = \"Ekonomi\"

[[goal]]
id = \"M3\"
name = \"Nöjda invånare och brukare\"
perspective = \"Målgrupp\"

[[indicator]]
id = \"sjukfranvaro\"
name = \"Sjukfrånvaro\"
perspective = \"Medarbetare\"
area = \"personal\"
measure = \"%\"
direction = \"lower\"
tolerance = 0.5
rollup = \"mean\"
goals = [\"M1\"]
min = 0
max = 100
definition = {{ numerator = \"Sjukfrånvarotimmar\", denominator = \"Avtalad arbetstid i timmar\", source = \"Personalsystemet\", owner = \"HR-avdelningen\" }}

[[indicator]]
id = \"personalomsattning\"
name = \"Personalomsättning\"
perspective = \"Medarbetare\"
area = \"personal\"
measure = \"%\"
direction = \"lower\"
tolerance = 1
rollup = \"mean\"
frequency = \"year\"
goals = [\"M1\"]
min = 0
max = 100

[[indicator]]
id = \"heltidsandel\"
name = \"Andel tillsvidareanställda som arbetar heltid\"
perspective = \"Medarbetare\"
area = \"personal\"
measure = \"%\"
direction = \"higher\"
tolerance = 2
rollup = \"mean\"
goals = [\"M1\"]
min = 0
max = 100

[[indicator]]
id = \"budgetavvikelse\"
name = \"Prognostiserad avvikelse mot budget\"
perspective = \"Ekonomi\"
area = \"ekonomi\"
measure = \"tkr\"
direction = \"higher\"
tolerance = 100
rollup = \"sum\"
goals = [\"M2\"]

[[indicator]]
id = \"nojdhet\"
name = \"Nöjda brukare\"
perspective = \"Målgrupp\"
area = \"malgrupp\"
measure = \"%\"
direction = \"higher\"
tolerance_pct = 5
rollup = \"mean\"
frequency = \"year\"
goals = [\"M3\"]
min = 0
max = 100

[[target]]
indicator = \"sjukfranvaro\"
period = \"{year}\"
value = 6.5

[[target]]
indicator = \"personalomsattning\"
period = \"{year}\"
value = 10

[[target]]
indicator = \"heltidsandel\"
period = \"{year}\"
value = 80

[[target]]
indicator = \"budgetavvikelse\"
period = \"{year}\"
value = 0

[[target]]
indicator = \"nojdhet\"
period = \"{year}\"
value = 85
"
    )
}
