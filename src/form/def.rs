//! Form definitions: what a template asks, declared once in `templates/<kind>.toml`.
//!
//! The writer lays a workbook out from a definition, the reader finds every input cell from the
//! same definition, and collect validates each value against the field's constraints.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::{Area, FieldType, FormKind};

/// Which follow-up periods a section appears in.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Tertial,
    Year,
    Plan,
}

impl PeriodKind {
    pub fn of(p: crate::domain::Period) -> Self {
        use crate::domain::Period;
        match p {
            Period::Month { .. } => PeriodKind::Month,
            Period::Tertial { .. } => PeriodKind::Tertial,
            Period::Year(_) => PeriodKind::Year,
            Period::Plan(_) => PeriodKind::Plan,
        }
    }
}

/// How a section repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Repeat {
    /// One set of fields, laid out as label / value rows.
    Once,
    /// One row per indicator the unit (or förvaltning) reports.
    Indicator,
    /// One row per perspective (Målgrupp, Medarbetare, Verksamhet, Ekonomi).
    Perspective,
    /// One row per municipal development goal.
    Goal,
    /// One row per control point of the internal control plan.
    Control,
    /// Free rows, numbered, up to `rows`.
    Rows,
}

/// A read-only value shown beside the inputs, filled in by styr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ContextSource {
    #[serde(rename = "row.number")]
    RowNumber,
    #[serde(rename = "unit.name")]
    UnitName,
    #[serde(rename = "unit.budget")]
    UnitBudget,
    #[serde(rename = "indicator.id")]
    IndicatorId,
    #[serde(rename = "indicator.name")]
    IndicatorName,
    #[serde(rename = "indicator.measure")]
    IndicatorMeasure,
    #[serde(rename = "indicator.area")]
    IndicatorArea,
    #[serde(rename = "indicator.perspective")]
    IndicatorPerspective,
    #[serde(rename = "indicator.goals")]
    IndicatorGoals,
    #[serde(rename = "indicator.rule")]
    IndicatorRule,
    /// The målvärde for the period (number, or `min–max` text for an interval).
    #[serde(rename = "indicator.target")]
    IndicatorTarget,
    /// The målvärde for the year before a planning period (the target under review).
    #[serde(rename = "indicator.current_target")]
    IndicatorCurrentTarget,
    /// Outcome of the period before.
    #[serde(rename = "indicator.previous")]
    IndicatorPrevious,
    /// Outcome of the same period last year.
    #[serde(rename = "indicator.last_year")]
    IndicatorLastYear,
    /// Annual outcomes one, two and three years before the period's year.
    #[serde(rename = "indicator.year_minus_1")]
    IndicatorYearMinus1,
    #[serde(rename = "indicator.year_minus_2")]
    IndicatorYearMinus2,
    #[serde(rename = "indicator.year_minus_3")]
    IndicatorYearMinus3,
    #[serde(rename = "perspective.name")]
    PerspectiveName,
    #[serde(rename = "goal.id")]
    GoalId,
    #[serde(rename = "goal.name")]
    GoalName,
    #[serde(rename = "control.id")]
    ControlId,
    #[serde(rename = "control.name")]
    ControlName,
    #[serde(rename = "control.risk")]
    ControlRisk,
    #[serde(rename = "control.method")]
    ControlMethod,
    #[serde(rename = "control.responsible")]
    ControlResponsible,
}

impl ContextSource {
    /// The repeat kind whose items provide this value (`None`: available everywhere).
    pub fn repeat(self) -> Option<Repeat> {
        use ContextSource as C;
        match self {
            C::UnitName | C::UnitBudget => None,
            C::RowNumber => Some(Repeat::Rows),
            C::PerspectiveName => Some(Repeat::Perspective),
            C::GoalId | C::GoalName => Some(Repeat::Goal),
            C::ControlId
            | C::ControlName
            | C::ControlRisk
            | C::ControlMethod
            | C::ControlResponsible => Some(Repeat::Control),
            _ => Some(Repeat::Indicator),
        }
    }

    /// Whether the value is a number (right-aligned, number format).
    pub fn is_numeric(self) -> bool {
        use ContextSource as C;
        matches!(
            self,
            C::UnitBudget
                | C::RowNumber
                | C::IndicatorTarget
                | C::IndicatorCurrentTarget
                | C::IndicatorPrevious
                | C::IndicatorLastYear
                | C::IndicatorYearMinus1
                | C::IndicatorYearMinus2
                | C::IndicatorYearMinus3
        )
    }
}

/// A read-only column (or row, in a `once` section).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    pub id: String,
    pub label: String,
    pub source: ContextSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
}

/// When a field that is not always required becomes required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequiredWhen {
    /// The row's outcome does not reach the row's målvärde.
    TargetMissed,
    /// Another field of the row (named by `required_field`) has a value.
    RowUsed,
}

/// Where a number field's allowed range comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Bounds {
    /// `min` and `max` of the field.
    Field,
    /// `min` and `max` of the row's indicator in the catalogue.
    Indicator,
}

/// What a field means to the checks and reports. The definition declares it, so that no code
/// has to know a field by its id.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FieldRole {
    /// The outcome (utfall) of the row's indicator.
    Outcome,
    /// Analysis text of an outcome.
    Analysis,
    /// Action (åtgärd) when a target is missed.
    Action,
    /// Economy: net cost so far this year (tkr).
    Spent,
    /// Economy: full-year forecast (tkr).
    Forecast,
    /// Economy: comment on the forecast.
    EconomyComment,
    /// Economy: actions for a budget in balance.
    EconomyAction,
    /// Name of a development goal.
    Goal,
    /// Number of the goal an activity belongs to.
    GoalNumber,
    /// Description of a development goal.
    GoalDescription,
    /// Indicators measuring a goal (free text).
    GoalIndicators,
    /// An activity.
    Activity,
    /// Who is responsible.
    Owner,
    /// When an activity is due.
    Due,
    /// Status of an activity.
    ActivityStatus,
    /// A perspective (Målgrupp, Medarbetare, Verksamhet, Ekonomi).
    Perspective,
    /// A quality factor.
    Factor,
    /// How a factor is evaluated, what is done when reached / not reached.
    FactorEvaluation,
    FactorIfReached,
    FactorIfNotReached,
    /// The assessment of a quality factor (Uppnådd, Delvis uppnådd, Ej uppnådd).
    Assessment,
    /// A comment.
    Comment,
    /// Summary analysis of the period.
    Summary,
    /// Important events.
    Events,
    /// Planned actions for the period.
    PlannedActions,
    /// Who filled in the workbook, and when.
    FilledBy,
    FilledOn,
    /// Target review: proposed målvärde (or interval minimum), interval maximum, motivation,
    /// whether to keep the indicator.
    ProposedTarget,
    ProposedTargetMax,
    Motivation,
    KeepIndicator,
    /// Internal control: done?, result, observations, action, action due.
    ControlDone,
    ControlResult,
    Observations,
    /// Nulägesanalys texts and SWOT.
    Mission,
    Partners,
    Vision,
    SteeringDocuments,
    Priorities,
    Strengths,
    Weaknesses,
    Opportunities,
    Threats,
    /// Free comment on a whole form.
    GeneralComment,
    /// Proposed new indicators.
    NewIndicators,
}

impl FieldRole {
    /// The roles whose choice values the reports colour: their lists need `[meanings]`.
    pub const COLOURED: [FieldRole; 3] = [
        FieldRole::Assessment,
        FieldRole::ActivityStatus,
        FieldRole::ControlResult,
    ];

    /// Whether the reports colour this role's values by their meaning.
    pub fn colours_in_reports(self) -> bool {
        Self::COLOURED.contains(&self)
    }
}

/// An input field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub help: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// What the field means to checks and reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<FieldRole>,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<RequiredWhen>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default = "default_bounds")]
    pub bounds: Bounds,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_len: Option<u32>,
    /// For `choice`: the name of a list in `[lists]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    /// For a `forecast` or `spent` amount: the plausible range as factors of the unit's budget
    /// (`spent` against the budget pro rata for the period), `[min, max]`; outside it the value
    /// is an error (R220). Default [`DEFAULT_BUDGET_FACTOR`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_factor: Option<[f64; 2]>,
    /// For a `forecast`: a deviation from the budget above this many percent asks for the
    /// economy comment (R221, a warning). Default [`DEFAULT_BUDGET_WARNING_PCT`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_warning_pct: Option<f64>,
    /// Pre-filled from a stored value (a system import, `styr import`): when the data store
    /// holds a number for the unit, period, row and field that no return of this form typed,
    /// the cell shows it read-only with its source and date; otherwise it is an input.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(
        description = "Förifylls från en systemimport (styr import): finns ett importerat värde visas det skrivskyddat med källa och datum, annars är cellen en inmatning."
    )]
    pub from_import: bool,
}

/// A forecast outside 0,5–2 × the budget is an error unless the form says otherwise.
pub const DEFAULT_BUDGET_FACTOR: [f64; 2] = [0.5, 2.0];
/// A forecast deviating more than 10 % from the budget asks for the economy comment.
pub const DEFAULT_BUDGET_WARNING_PCT: f64 = 10.0;

impl FieldDef {
    /// The plausible range of a forecast or spent amount as factors of the budget.
    pub fn budget_factor(&self) -> [f64; 2] {
        self.budget_factor.unwrap_or(DEFAULT_BUDGET_FACTOR)
    }

    /// The deviation from the budget (percent) that asks for the economy comment.
    pub fn budget_warning_pct(&self) -> f64 {
        self.budget_warning_pct
            .unwrap_or(DEFAULT_BUDGET_WARNING_PCT)
    }
}

fn default_bounds() -> Bounds {
    Bounds::Field
}

/// A value computed from other cells and shown as a formula with its cached result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComputedDef {
    pub id: String,
    pub label: String,
    /// `difference`: the first id minus the second.
    pub op: ComputeOp,
    pub of: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComputeOp {
    Difference,
}

/// A section: one sheet of the workbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub id: String,
    pub sheet: String,
    pub title: String,
    #[serde(default)]
    pub help: String,
    /// For `rows`: the help shown instead of `help` when styr has nothing to pre-fill the rows
    /// with (no plan to carry over), so that a form never says rows are pre-filled when they are
    /// empty. Wording only: it is left out of the definition's fingerprint.
    #[serde(default, skip_serializing)]
    #[schemars(
        description = "Hjälptexten som visas i stället för help när styr inte har något att förifylla raderna med (ingen plan att föra över)."
    )]
    pub help_unfilled: Option<String>,
    pub repeat: Repeat,
    /// For `rows`: how many rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<u32>,
    /// Periods the section is in; empty means every period the form is sent for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<PeriodKind>,
    /// For `indicator`: only indicators of these areas (empty: all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<Area>,
    #[serde(default, rename = "column", skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<ColumnDef>,
    #[serde(default, rename = "field")]
    pub fields: Vec<FieldDef>,
    #[serde(default, rename = "computed", skip_serializing_if = "Vec::is_empty")]
    pub computed: Vec<ComputedDef>,
}

impl SectionDef {
    /// Whether the section appears in a workbook for this kind of period.
    pub fn in_period(&self, p: PeriodKind) -> bool {
        self.periods.is_empty() || self.periods.contains(&p)
    }

    pub fn field(&self, id: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.id == id)
    }

    pub fn is_table(&self) -> bool {
        self.repeat != Repeat::Once
    }
}

/// A whole form definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    pub kind: FormKind,
    pub version: u32,
    pub title: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub instructions: Vec<String>,
    /// Periods the form is sent for.
    pub periods: Vec<PeriodKind>,
    /// One workbook per unit, or per förvaltning.
    #[serde(default)]
    pub per_forvaltning: bool,
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
    /// `[meanings.<list>]`: what each value of a list means in the reports (the light it gets,
    /// whether an activity is done). Required for the lists of fields whose role the reports
    /// colour ([`FieldRole::colours_in_reports`]). Reports only: left out of the fingerprint.
    #[serde(default, skip_serializing)]
    pub meanings: BTreeMap<String, BTreeMap<String, Meaning>>,
    #[serde(rename = "section")]
    pub sections: Vec<SectionDef>,
}

/// What a value of a choice list means in the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Meaning {
    /// Reached, done, no remarks: green; a done activity leaves a unit's list of open ones.
    Met,
    /// Partly reached, under way, minor shortcomings: yellow.
    Partly,
    /// Not reached, delayed, cancelled, serious shortcomings: red.
    NotMet,
    /// Not started, or nothing to judge yet: grey.
    Open,
}

impl Meaning {
    pub const ALL: [Meaning; 4] = [
        Meaning::Met,
        Meaning::Partly,
        Meaning::NotMet,
        Meaning::Open,
    ];

    /// The key written in `[meanings]`.
    pub fn key(self) -> &'static str {
        match self {
            Meaning::Met => "met",
            Meaning::Partly => "partly",
            Meaning::NotMet => "not_met",
            Meaning::Open => "open",
        }
    }
}

impl FormDef {
    pub fn section(&self, id: &str) -> Option<&SectionDef> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Every (section, field) with the given role, in definition order.
    pub fn with_role(&self, role: FieldRole) -> Vec<(&SectionDef, &FieldDef)> {
        self.sections
            .iter()
            .flat_map(|s| s.fields.iter().map(move |f| (s, f)))
            .filter(|(_, f)| f.role == Some(role))
            .collect()
    }

    /// The list of the first choice field with `role`, by name.
    fn list_of(&self, role: FieldRole) -> Option<&str> {
        self.with_role(role)
            .into_iter()
            .find_map(|(_, f)| f.list.as_deref())
    }

    /// What `value` of the first choice field with `role` means, from `[meanings]`; `None` for
    /// an empty cell or a value outside the list (collect has refused such a value).
    pub fn meaning(&self, role: FieldRole, value: &str) -> Option<Meaning> {
        let list = self.list_of(role)?;
        self.meanings.get(list)?.get(value.trim()).copied()
    }

    /// The values of the first choice field with `role` that mean `m`, in the list's order.
    pub fn values_meaning(&self, role: FieldRole, m: Meaning) -> Vec<&str> {
        let Some(list) = self.list_of(role) else {
            return Vec::new();
        };
        let meanings = self.meanings.get(list);
        self.lists
            .get(list)
            .into_iter()
            .flatten()
            .filter(|v| meanings.and_then(|ms| ms.get(v.as_str())) == Some(&m))
            .map(String::as_str)
            .collect()
    }

    /// The values of a choice field: its list, or Ja/Nej.
    pub fn choices(&self, field: &FieldDef) -> Vec<String> {
        match field.kind {
            FieldType::YesNo => vec!["Ja".into(), "Nej".into()],
            FieldType::Choice => field
                .list
                .as_ref()
                .and_then(|l| self.lists.get(l))
                .cloned()
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// A short, stable hash of the definition's content: changes whenever anything a workbook
    /// shows or a reader expects changes.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let canonical = serde_json::to_string(self).unwrap_or_default();
        let digest = Sha256::digest(canonical.as_bytes());
        digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uppfoljning() -> FormDef {
        toml::from_str(include_str!("../../templates/uppfoljning.toml")).unwrap()
    }

    #[test]
    fn a_value_means_what_the_forms_meanings_say() {
        let mut def = uppfoljning();
        assert_eq!(
            def.meaning(FieldRole::ActivityStatus, "Pågår"),
            Some(Meaning::Partly)
        );
        assert_eq!(
            def.meaning(FieldRole::Assessment, " Uppnådd "),
            Some(Meaning::Met)
        );
        assert_eq!(def.meaning(FieldRole::ActivityStatus, ""), None);
        // The words are the kommun's: a value is judged by its declared meaning only.
        def.meanings
            .get_mut("status")
            .unwrap()
            .insert("Pågår".into(), Meaning::NotMet);
        assert_eq!(
            def.meaning(FieldRole::ActivityStatus, "Pågår"),
            Some(Meaning::NotMet)
        );
        assert_eq!(
            def.values_meaning(FieldRole::ActivityStatus, Meaning::NotMet),
            ["Pågår", "Senarelagd", "Avbruten"]
        );
        assert_eq!(
            def.values_meaning(FieldRole::ActivityStatus, Meaning::Met),
            ["Klar"]
        );
    }

    #[test]
    fn meanings_are_left_out_of_the_fingerprint() {
        let mut def = uppfoljning();
        let before = def.fingerprint();
        def.meanings.clear();
        assert_eq!(def.fingerprint(), before);
        def.lists.get_mut("status").unwrap().push("Ny".into());
        assert_ne!(def.fingerprint(), before);
    }
}
