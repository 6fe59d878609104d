//! The indicator catalogue: development goals, indicators and their målvärden.
//!
//! Kept in `indikatorer.toml`, or in a workbook `indikatorer.xlsx` with the sheets `Mål`,
//! `Indikatorer` and `Målvärden` whose header rows carry the same keys.

use serde::Deserialize;

use crate::diag::{Diagnostic, Location};
use crate::domain::{
    Area, Direction, ForvaltningId, Frequency, GoalId, IndicatorId, Measure, Period, Perspective,
    ReportedBy, Rollup, TertialRule, UnitId,
};
use crate::model::derived::{DENOMINATOR_KEY, FORMULA_KEY, Formula, NUMERATOR_KEY};
use crate::toml_check::Source;
use crate::tx;
use crate::workspace::locate::{Locator, Locs, TomlEntry};

pub use crate::model::{
    Catalogue, Definition, Derivation, FoundTarget, Goal, Indicator, Level, Target, TargetBasis,
    TargetValue, Tolerance, Verdict, resolve_target,
};

/// `definition = { numerator, denominator, source, owner }` as written.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Hur indikatorn räknas, så att alla räknar likadant.")]
pub(crate) struct RawDefinition {
    #[serde(default)]
    #[schemars(description = "Täljaren.", example = "Antal sjuktimmar")]
    pub(crate) numerator: String,
    #[serde(default)]
    #[schemars(description = "Nämnaren.", example = "Avtalad arbetstid i timmar")]
    pub(crate) denominator: String,
    #[serde(default)]
    #[schemars(description = "Var uppgiften hämtas.", example = &"Personalsystemet")]
    pub(crate) source: String,
    #[serde(default)]
    #[schemars(description = "Vem som äger definitionen.", example = "HR-avdelningen")]
    pub(crate) owner: String,
}

/// `ratio = { numerator, denominator, scale }` as written.
#[derive(Debug, Clone, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRatio {
    #[schemars(description = "Täljaren: en formel över indikatorer och ekonomins fält.", example = &"sjukfranvaro-timmar")]
    numerator: String,
    #[schemars(description = "Nämnaren: en formel över indikatorer och ekonomins fält.", example = &"arbetad-tid")]
    denominator: String,
    #[serde(default = "default_scale")]
    #[schemars(
        description = "Kvoten gånger detta tal, till exempel 100 för procent.",
        example = 100
    )]
    scale: f64,
}

fn default_scale() -> f64 {
    1.0
}

// ---- raw entries, shared by the TOML and the Excel form ----
// Each is also the JSON Schema that editors complete from and that the validator explains a
// finding with (`workspace::shape`); the Swedish `description`s are what a controller reads.

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGoal {
    #[schemars(description = "Målets id, kort och unikt.", example = &"M1")]
    id: GoalId,
    #[schemars(
        description = "Målets namn.",
        example = "Barn och unga lyckas i skolan"
    )]
    name: String,
    #[schemars(description = "Perspektivet som målet hör till.", example = &"Målgrupp")]
    perspective: Perspective,
    #[serde(default)]
    #[schemars(description = "En längre beskrivning av målet.")]
    description: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIndicator {
    #[schemars(description = "Indikatorns id, kort och unikt.", example = &"sjukfranvaro")]
    id: IndicatorId,
    #[schemars(description = "Indikatorns namn som det visas i blanketter och rapporter.", example = &"Sjukfrånvaro")]
    name: String,
    #[schemars(description = "Perspektivet som indikatorn hör till.", example = &"Medarbetare")]
    perspective: Perspective,
    #[schemars(description = "Området som målvärdena ses över i.", example = &"personal")]
    area: Area,
    #[schemars(description = "Måttenheten.", example = "%")]
    measure: Measure,
    #[schemars(description = "Vilket håll som är bättre: higher (högre), lower (lägre) eller interval (inom ett intervall).", example = &"lower")]
    direction: Direction,
    #[schemars(
        description = "Det gula bandets bredd i indikatorns enhet (procentenheter för %). Ange den eller tolerance_pct, inte båda.",
        example = 0.5
    )]
    tolerance: Option<f64>,
    #[schemars(
        description = "Det gula bandets bredd i procent av målvärdet. Ange den eller tolerance, inte båda.",
        example = 5
    )]
    tolerance_pct: Option<f64>,
    #[schemars(
        description = "Hur enheternas värden läggs ihop till förvaltning och kommun; en kvotindikator (ratio) läggs ihop som \"ratio\".",
        example = &"mean"
    )]
    rollup: Rollup,
    #[schemars(description = "För rollup = \"weighted_mean\": indikatorn vars värden väger.", example = &"arsarbetare")]
    weight: Option<IndicatorId>,
    #[serde(default = "default_tertial_rule")]
    #[schemars(description = "Hur en månad eller ett tertial bedöms mot helårets målvärde.", example = &"annual")]
    tertial_rule: TertialRule,
    #[serde(default = "default_frequency")]
    #[schemars(description = "Hur ofta indikatorn rapporteras.", example = &"tertial")]
    frequency: Frequency,
    #[serde(default = "default_reported_by")]
    #[schemars(description = "Vem som rapporterar: enheten (unit) eller centralt (central).", example = &"unit")]
    reported_by: ReportedBy,
    #[serde(default)]
    definition: RawDefinition,
    #[schemars(description = "Nyckeltalets id i Kolada, där ett jämförbart nationellt mått finns.", example = &"N00090")]
    kolada: Option<String>,
    #[serde(default)]
    #[schemars(description = "Utvecklingsmålen som indikatorn mäter.", example = ["M1", "M2"])]
    goals: Vec<GoalId>,
    #[serde(default)]
    #[schemars(description = "Enhetskategorierna som rapporterar indikatorn; utan den gör alla enheter det.", example = ["förskola"])]
    categories: Vec<String>,
    #[schemars(
        description = "Lägsta rimliga utfall, kontrolleras vid inmatning.",
        example = 0
    )]
    min: Option<f64>,
    #[schemars(
        description = "Högsta rimliga utfall, kontrolleras vid inmatning.",
        example = 100
    )]
    max: Option<f64>,
    #[serde(default = "default_decimals")]
    #[schemars(description = "Antal decimaler som visas.", example = 1)]
    decimals: u8,
    #[serde(default)]
    #[schemars(
        description = "En förändring mindre än så räknas som oförändrad i trender.",
        example = 0.5
    )]
    unchanged: f64,
    #[schemars(
        description = "Den största trovärdiga förändringen från enhetens senaste utfall, i indikatorns enhet.",
        example = 5
    )]
    plausible_change: Option<f64>,
    /// A derived indicator: its formula over other indicators and field roles.
    #[schemars(
        description = "En härledd indikator: en formel över andra indikatorer och ekonomins fält (budget, spent, forecast, months). Den frågas aldrig av en enhet.",
        example = &"budget - forecast"
    )]
    formula: Option<String>,
    /// A ratio indicator: numerator and denominator (formulas), rolled up as Σ/Σ.
    #[schemars(
        description = "En kvotindikator: täljare och nämnare, som läggs ihop som summan av täljarna genom summan av nämnarna."
    )]
    ratio: Option<RawRatio>,
}

fn default_tertial_rule() -> TertialRule {
    TertialRule::Annual
}
fn default_frequency() -> Frequency {
    Frequency::Tertial
}
fn default_reported_by() -> ReportedBy {
    ReportedBy::Unit
}
fn default_decimals() -> u8 {
    1
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTarget {
    #[schemars(description = "Indikatorn som målvärdet gäller.", example = &"sjukfranvaro")]
    indicator: IndicatorId,
    #[schemars(description = "Perioden som målvärdet gäller.", example = "2026")]
    period: Period,
    #[serde(default = "default_level")]
    #[schemars(description = "Nivån: kommun (standard), forvaltning eller enhet (de två senare med `id`).", example = &"kommun")]
    level: String,
    #[schemars(description = "Förvaltningens eller enhetens id, för level = \"forvaltning\" eller \"enhet\".", example = &"BUF")]
    id: Option<String>,
    #[schemars(description = "Målvärdet, för higher och lower.", example = 95)]
    value: Option<f64>,
    #[schemars(description = "Intervallets nedre gräns, för interval.", example = 2)]
    min: Option<f64>,
    #[schemars(description = "Intervallets övre gräns, för interval.", example = 4)]
    max: Option<f64>,
}

fn default_level() -> String {
    "kommun".into()
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "indikatorer.toml",
    description = "Indikatorkatalogen: utvecklingsmål, indikatorer och målvärden."
)]
pub(crate) struct RawCatalogue {
    #[serde(default)]
    #[schemars(
        with = "Vec<RawGoal>",
        description = "Utvecklingsmålen, ett [[goal]] per mål."
    )]
    goal: Vec<toml::Spanned<RawGoal>>,
    #[serde(default)]
    #[schemars(
        with = "Vec<RawIndicator>",
        description = "Indikatorerna, en [[indicator]] per indikator."
    )]
    indicator: Vec<toml::Spanned<RawIndicator>>,
    #[serde(default)]
    #[schemars(
        with = "Vec<RawTarget>",
        description = "Målvärdena, ett [[target]] per indikator, nivå och period."
    )]
    target: Vec<toml::Spanned<RawTarget>>,
}

pub(crate) const INDICATOR_KEYS: &[&str] = &[
    "id",
    "rollup",
    "weight",
    "tolerance",
    "tolerance_pct",
    "goals",
    "categories",
    "min",
    "max",
    "direction",
    "frequency",
    "plausible_change",
    "formula",
    "ratio",
];
pub(crate) const TARGET_KEYS: &[&str] =
    &["indicator", "period", "level", "id", "value", "min", "max"];

impl RawGoal {
    pub(crate) fn into_model(self, loc: &dyn Locator) -> Goal {
        Goal {
            id: self.id,
            name: self.name,
            perspective: self.perspective,
            description: self.description,
            locs: Locs::new(loc, &["id"]),
        }
    }
}

impl RawIndicator {
    /// # Errors
    /// `C020` when both `tolerance` and `tolerance_pct` are given or either is negative;
    /// `C023` when `plausible_change` is not a positive number; `C001` without `rollup`;
    /// `C070` for a formula that does not parse, or a derivation that does not fit the rest.
    pub(crate) fn into_model(self, loc: &dyn Locator) -> Result<Indicator, Diagnostic> {
        let (derived, rollup) = self.derivation(loc)?;
        if let Some(c) = self.plausible_change
            && !(c.is_finite() && c > 0.0)
        {
            return Err(Diagnostic::error(
                "C023",
                loc.key("plausible_change"),
                tx!("C023", "id" => self.id.to_string(), "value" => c.to_string()),
            )
            .hint(tx!("C023-hint")));
        }
        let tolerance = match (self.tolerance, self.tolerance_pct) {
            (Some(_), Some(_)) => {
                return Err(Diagnostic::error(
                    "C020",
                    loc.key("tolerance_pct"),
                    tx!("C020-both", "id" => self.id.to_string()),
                )
                .hint(tx!("C020-both-hint")));
            }
            (Some(t), None) | (None, Some(t)) if !(t.is_finite() && t >= 0.0) => {
                let key = if self.tolerance.is_some() {
                    "tolerance"
                } else {
                    "tolerance_pct"
                };
                return Err(Diagnostic::error(
                    "C020",
                    loc.key(key),
                    tx!("C020", "id" => self.id.to_string(), "value" => t.to_string()),
                )
                .hint(tx!("C020-hint")));
            }
            (Some(t), None) => Tolerance::Absolute(t),
            (None, Some(p)) => Tolerance::Relative(p),
            (None, None) => Tolerance::None,
        };
        Ok(Indicator {
            id: self.id,
            name: self.name,
            perspective: self.perspective,
            area: self.area,
            measure: self.measure,
            direction: self.direction,
            tolerance,
            rollup,
            weight: self.weight,
            tertial_rule: self.tertial_rule,
            frequency: self.frequency,
            reported_by: self.reported_by,
            definition: Definition {
                numerator: self.definition.numerator,
                denominator: self.definition.denominator,
                source: self.definition.source,
                owner: self.definition.owner,
            },
            kolada: self.kolada.filter(|k| !k.trim().is_empty()),
            goals: self.goals,
            categories: self.categories,
            min: self.min,
            max: self.max,
            decimals: self.decimals,
            unchanged: self.unchanged,
            plausible_change: self.plausible_change,
            derived,
            locs: indicator_locs(loc),
        })
    }

    /// The derivation (formula or ratio) and the rollup it implies.
    fn derivation(&self, loc: &dyn Locator) -> Result<(Option<Derivation>, Rollup), Diagnostic> {
        let c070 = |at: Location, msg: String| Diagnostic::error("C070", at, msg);
        let parse = |key: &str, text: &str| {
            Formula::parse(text).map_err(|e| {
                let chars = text.get(..e.at).map_or(0, |s| s.chars().count());
                c070(
                    loc.value(key).shifted(chars),
                    tx!("C070-parse", "id" => self.id.to_string(), "why" => e.message),
                )
                .hint(tx!("C070-parse-hint"))
            })
        };
        let derived = match (&self.formula, &self.ratio) {
            (Some(_), Some(_)) => {
                return Err(c070(
                    loc.key("ratio"),
                    tx!("C070-both", "id" => self.id.to_string()),
                )
                .hint(tx!("C070-both-hint")));
            }
            (Some(f), None) => Some(Derivation::Formula(parse(FORMULA_KEY, f)?)),
            (None, Some(r)) => {
                if !(r.scale.is_finite() && r.scale > 0.0) {
                    return Err(c070(
                        loc.value("ratio.numerator"),
                        tx!("C070-scale", "id" => self.id.to_string(), "scale" => r.scale.to_string()),
                    )
                    .hint(tx!("C070-scale-hint")));
                }
                Some(Derivation::Ratio {
                    numerator: parse(NUMERATOR_KEY, &r.numerator)?,
                    denominator: parse(DENOMINATOR_KEY, &r.denominator)?,
                    scale: r.scale,
                })
            }
            (None, None) => None,
        };
        let rollup = match (&derived, self.rollup) {
            (Some(Derivation::Ratio { .. }), Rollup::Ratio) => Rollup::Ratio,
            (Some(Derivation::Ratio { .. }), r) => {
                return Err(c070(
                    loc.key("rollup"),
                    tx!("C070-ratio-rollup", "id" => self.id.to_string(), "rollup" => r.key()),
                )
                .hint(tx!("C070-ratio-rollup-hint")));
            }
            (_, Rollup::Ratio) => {
                return Err(c070(
                    loc.key("rollup"),
                    tx!("C070-no-ratio", "id" => self.id.to_string()),
                )
                .hint(tx!("C070-no-ratio-hint")));
            }
            (_, r) => r,
        };
        Ok((derived, rollup))
    }
}

/// `C021`: a målvärde's `id` that is no id.
fn bad_id(loc: &dyn Locator, id: &str, e: &crate::domain::IdError) -> Diagnostic {
    Diagnostic::error("C021", loc.key("id"), tx!("C021-bad-id", "id" => id))
        .hint(tx!("config-bad-id-hint"))
        .detail(e.to_string())
}

/// The locations of an indicator's keys, and of its formulas' first characters.
fn indicator_locs(loc: &dyn Locator) -> Locs {
    let mut keys: std::collections::BTreeMap<&'static str, Location> =
        INDICATOR_KEYS.iter().map(|k| (*k, loc.key(k))).collect();
    for k in [FORMULA_KEY, NUMERATOR_KEY, DENOMINATOR_KEY] {
        keys.insert(k, loc.value(k));
    }
    Locs::from_parts(loc.entry(), keys)
}

impl RawTarget {
    /// # Errors
    /// `C021` for a bad level, `C022` for a value that is neither a point nor an interval.
    pub(crate) fn into_model(self, loc: &dyn Locator) -> Result<Target, Diagnostic> {
        let need_id = |what: &str| {
            Diagnostic::error(
                "C021",
                loc.key("level"),
                tx!("C021-needs-id", "level" => what),
            )
        };
        let level = match (self.level.as_str(), &self.id) {
            ("kommun", None) => Level::Kommun,
            ("kommun", Some(_)) => {
                return Err(
                    Diagnostic::error("C021", loc.key("id"), tx!("C021-kommun-id"))
                        .hint(tx!("C021-kommun-id-hint")),
                );
            }
            ("forvaltning", Some(id)) => Level::Forvaltning(
                ForvaltningId::new(id.as_str()).map_err(|e| bad_id(loc, id, &e))?,
            ),
            ("enhet", Some(id)) => {
                Level::Unit(UnitId::new(id.as_str()).map_err(|e| bad_id(loc, id, &e))?)
            }
            ("forvaltning" | "enhet", None) => return Err(need_id(&self.level)),
            (other, _) => {
                return Err(Diagnostic::error(
                    "C021",
                    loc.key("level"),
                    tx!("C021-level", "level" => other),
                )
                .hint(tx!("C021-level-hint")));
            }
        };
        let value = match (self.value, self.min, self.max) {
            (Some(v), None, None) => TargetValue::Point(v),
            (None, Some(min), Some(max)) => TargetValue::Interval { min, max },
            _ => {
                return Err(Diagnostic::error(
                    "C022",
                    loc.entry(),
                    tx!(
                        "C022",
                        "id" => self.indicator.to_string(),
                        "period" => self.period.to_string()
                    ),
                )
                .hint(tx!("C022-hint")));
            }
        };
        let bad = match value {
            TargetValue::Point(v) => !v.is_finite(),
            TargetValue::Interval { min, max } => !(min.is_finite() && max.is_finite()),
        };
        if bad {
            return Err(Diagnostic::error("C022", loc.entry(), tx!("C022-finite")));
        }
        Ok(Target {
            indicator: self.indicator,
            level,
            period: self.period,
            value,
            locs: Locs::new(loc, TARGET_KEYS),
        })
    }
}

/// Parses `indikatorer.toml`.
///
/// # Errors
/// Every shape error found.
pub fn parse(src: &Source) -> Result<Catalogue, Vec<Diagnostic>> {
    let raw: RawCatalogue = src.parse_toml_checked(crate::workspace::schema::catalogue())?;
    let mut errors = Vec::new();
    let mut cat = Catalogue::default();
    let entry = |span: std::ops::Range<usize>| TomlEntry { src, span };
    for g in raw.goal {
        let loc = entry(g.span());
        cat.goals.push(g.into_inner().into_model(&loc));
    }
    for i in raw.indicator {
        let loc = entry(i.span());
        match i.into_inner().into_model(&loc) {
            Ok(i) => cat.indicators.push(i),
            Err(e) => errors.push(e),
        }
    }
    for t in raw.target {
        let loc = entry(t.span());
        match t.into_inner().into_model(&loc) {
            Ok(t) => cat.targets.push(t),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(cat)
    } else {
        Err(errors)
    }
}
