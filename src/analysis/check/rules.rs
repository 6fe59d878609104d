//! The declared rules of `styr check`: the verdicts, their colours and the texts that say
//! which rule a verdict used. The computations themselves run in polars (see `pipeline`); this
//! file holds what a reader needs to understand them.

use std::fmt;

use crate::model::Verdict;

pub use crate::model::EDGE_EPSILON;

/// Economy: a forecast deficit (budget − prognos < 0) of at most this many percent of the budget
/// is yellow; a larger one is red; no deficit is green.
pub const ECONOMY_YELLOW_PCT: f64 = 1.0;

/// Goals: the share of judged indicators (in percent) that must be green, with none red, for
/// a municipal goal to be Uppfyllt.
pub const GOAL_GREEN_PCT: f64 = 75.0;

/// How an outcome is judged against its målvärde.
pub const STATUS_RULE: &str = "Uppfyllt (grönt) när utfallet når målvärdet: högre är bättre: utfall ≥ mål; \
lägre är bättre: utfall ≤ mål; intervall: min ≤ utfall ≤ max. Delvis uppfyllt (gult) när utfallet \
ligger inom indikatorns toleransband utanför målvärdet (tolerance i indikatorns enhet, tolerance_pct \
i procent av målvärdet, för ett intervall i procent av varje gräns). Ej uppfyllt (rött) annars. Ej bedömt (grått) utan utfall, utan målvärde, \
för indikatorer som inte summeras (rollup = none), under året för indikatorer som bedöms först \
vid årets slut (tertial_rule = not_judged) och för en summa där någon enhet saknar utfall. Ett \
värde på en gräns (inom 10⁻⁹ relativt gränsen) räknas till den bättre sidan. Samma gränser färgar \
cellen i arbetsboken och står i regeltexten.";

/// Which målvärde applies.
pub const TARGET_RULE: &str = "Målvärdet söks på radens egen nivå, sedan förvaltningens, sedan \
kommunens; på varje nivå först ett målvärde för perioden själv, sedan årets målvärde enligt \
indikatorns tertial_rule: annual = årets värde som det är, pro_rata = årets värde (och en \
tolerans i indikatorns enhet) gånger periodens andel av året (T1 4/12, T2 8/12, månad m/12), \
not_judged = bedöms inte under året. Den första nivån som har något målvärde avgör.";

/// How unit values roll up.
pub const ROLLUP_RULE: &str = "Förvaltningens och kommunens värden räknas fram ur enheternas \
enligt indikatorns rollup: sum (bara när alla enheter har utfall: en summa av några enheter är \
ingen helhet, så nivån bedöms inte), mean, median, weighted_mean (vägt med vikt-indikatorns värde \
för samma enhet och period; enheter utan vikt räknas inte med men räknas upp) eller none (inget \
sammanvägt värde). Ett medelvärde, en median eller ett vägt medelvärde av de enheter som har utfall \
bedöms som delvis underlag och raden säger hur många enheter det gäller (\"3 av 5 enheter\"). \
Samma regel gäller ekonomin och målen. Kommunens värde räknas direkt ur alla enheter. Ett värde som \
historik.csv (eller datalagret) anger för en förvaltning eller för kommunen används som det är i \
stället; för perioden själv ger historik.csv bara centralt rapporterade indikatorer.";

/// How trends are judged.
pub const TREND_RULE: &str = "Trend mot föregående period och mot samma period i fjol: Bättre eller \
Sämre i indikatorns riktning (för intervall: närmare eller längre från intervallet; tröskeln gäller \
förändringen av avståndet till intervallet), Oförändrad när förändringen är mindre än indikatorns \
tröskel `unchanged`; — när ett av värdena saknas. En ackumulerad indikator (tertial_rule = \
pro_rata) jämförs lika med lika: ett tidigare värde över ett annat antal månader räknas om till \
periodens längd (värdet per månad jämförs), och raden säger det.";

/// How the economy lights are set.
pub const ECONOMY_RULE: &str = "Avvikelse = budget − prognos (tkr, positivt = överskott). Grönt om \
avvikelsen ≥ 0, gult om underskottet är högst 1 % av budgeten, rött annars, grått utan prognos \
eller budget. Förvaltning och kommun: summan av enheternas budget och prognos; saknar någon enhet \
prognos (eller budget) är summan ingen helhet och nivån bedöms inte (grått, \"3 av 5 enheter\"), \
samma regel som för en indikator som summeras.";

/// How a municipal goal is assessed from its indicators.
pub const GOAL_RULE: &str = "Ett utvecklingsmål bedöms ur kommunnivåns status för dess \
indikatorer: Uppfyllt om minst 75 % av de bedömda indikatorerna är gröna och ingen är röd, Ej \
uppfyllt om mer än hälften är röda, annars Delvis uppfyllt; Ej bedömt om ingen indikator är bedömd. \
Är bara några av indikatorerna bedömda säger raden hur många (\"3 av 5 indikatorer bedömda\").";

/// The verdict on an outcome (and on economy rows and goals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Uppfyllt,
    Delvis,
    EjUppfyllt,
    EjBedomt,
}

/// The light a status is shown with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Colour {
    Green,
    Yellow,
    Red,
    Grey,
}

/// A choice value's light follows what the form says it means (`[meanings]`).
impl From<crate::form::Meaning> for Status {
    fn from(m: crate::form::Meaning) -> Self {
        use crate::form::Meaning;
        match m {
            Meaning::Met => Status::Uppfyllt,
            Meaning::Partly => Status::Delvis,
            Meaning::NotMet => Status::EjUppfyllt,
            Meaning::Open => Status::EjBedomt,
        }
    }
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Uppfyllt,
        Status::Delvis,
        Status::EjUppfyllt,
        Status::EjBedomt,
    ];

    /// The key used in frames, JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            Status::Uppfyllt => "uppfyllt",
            Status::Delvis => "delvis",
            Status::EjUppfyllt => "ej_uppfyllt",
            Status::EjBedomt => "ej_bedomt",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn swedish(self) -> &'static str {
        match self {
            Status::Uppfyllt => "Uppfyllt",
            Status::Delvis => "Delvis uppfyllt",
            Status::EjUppfyllt => "Ej uppfyllt",
            Status::EjBedomt => "Ej bedömt",
        }
    }

    /// The status as the terminal table shows it, in the language of the run (reports and
    /// workbooks use [`Status::swedish`]).
    pub fn shown(self) -> String {
        match self {
            Status::Uppfyllt => crate::tx!("check-status-uppfyllt"),
            Status::Delvis => crate::tx!("check-status-delvis"),
            Status::EjUppfyllt => crate::tx!("check-status-ej-uppfyllt"),
            Status::EjBedomt => crate::tx!("check-status-ej-bedomt"),
        }
    }

    pub fn colour(self) -> Colour {
        match self {
            Status::Uppfyllt => Colour::Green,
            Status::Delvis => Colour::Yellow,
            Status::EjUppfyllt => Colour::Red,
            Status::EjBedomt => Colour::Grey,
        }
    }
}

impl From<Verdict> for Status {
    fn from(v: Verdict) -> Self {
        match v {
            Verdict::Reached => Status::Uppfyllt,
            Verdict::Near => Status::Delvis,
            Verdict::Missed => Status::EjUppfyllt,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.swedish())
    }
}

impl Colour {
    pub fn key(self) -> &'static str {
        match self {
            Colour::Green => "green",
            Colour::Yellow => "yellow",
            Colour::Red => "red",
            Colour::Grey => "grey",
        }
    }
}

/// Why a row is Ej bedömt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// The indicator has rollup = none and no value was given for the level.
    NotRolledUp,
    /// A sum with units missing: no total.
    Incomplete,
    /// No outcome: the unit's return has the cell empty.
    NoValue,
    /// No outcome: the unit sent no return for the period.
    NoReturn,
    /// No outcome: the cell had an error, a correction is asked for.
    CellError,
    /// No målvärde at any level.
    NoTarget,
    /// The indicator is judged at the end of the year only.
    NotJudged,
    /// A derived indicator: an input of its formula has no value (the unit did return).
    NoInput,
}

impl Reason {
    pub const ALL: [Reason; 8] = [
        Reason::NotRolledUp,
        Reason::Incomplete,
        Reason::NoValue,
        Reason::NoReturn,
        Reason::CellError,
        Reason::NoTarget,
        Reason::NotJudged,
        Reason::NoInput,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Reason::NotRolledUp => "not_rolled_up",
            Reason::Incomplete => "incomplete",
            Reason::NoValue => "no_value",
            Reason::NoReturn => "no_return",
            Reason::CellError => "cell_error",
            Reason::NoTarget => "no_target",
            Reason::NotJudged => "not_judged",
            Reason::NoInput => "no_input",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Reason::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn swedish(self) -> &'static str {
        match self {
            Reason::NotRolledUp => "summeras inte",
            Reason::Incomplete => "ofullständig summa: enheter saknar utfall",
            Reason::NoValue => "inget utfall",
            Reason::NoReturn => "ingen retur",
            Reason::CellError => "cellen hade fel, rättelse begärd",
            Reason::NoTarget => "inget målvärde",
            Reason::NotJudged => "bedöms inte under året",
            Reason::NoInput => "härledd: ett värde i formeln saknas",
        }
    }

    /// Why, as the terminal table shows it, in the language of the run.
    pub fn shown(self) -> String {
        match self {
            Reason::NotRolledUp => crate::tx!("check-reason-not-rolled-up"),
            Reason::Incomplete => crate::tx!("check-reason-incomplete"),
            Reason::NoValue => crate::tx!("check-reason-no-value"),
            Reason::NoReturn => crate::tx!("check-reason-no-return"),
            Reason::CellError => crate::tx!("check-reason-cell-error"),
            Reason::NoTarget => crate::tx!("check-reason-no-target"),
            Reason::NotJudged => crate::tx!("check-reason-not-judged"),
            Reason::NoInput => crate::tx!("check-reason-no-input"),
        }
    }
}

/// A trend against an earlier period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Trend {
    Battre,
    Oforandrad,
    Samre,
}

impl Trend {
    pub const ALL: [Trend; 3] = [Trend::Battre, Trend::Oforandrad, Trend::Samre];

    pub fn key(self) -> &'static str {
        match self {
            Trend::Battre => "battre",
            Trend::Oforandrad => "oforandrad",
            Trend::Samre => "samre",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Trend::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn swedish(self) -> &'static str {
        match self {
            Trend::Battre => "Bättre",
            Trend::Oforandrad => "Oförändrad",
            Trend::Samre => "Sämre",
        }
    }

    /// The Swedish text of a trend that may be missing ("—").
    pub fn text(t: Option<Trend>) -> &'static str {
        t.map_or("—", Trend::swedish)
    }
}

pub use crate::model::{rule_without_target, suffix, sv_number};
