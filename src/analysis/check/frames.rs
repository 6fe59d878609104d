//! The input frames. Units, förvaltningar and indicators travel through polars as integer
//! codes (their position in styr.toml and in the catalogue), which keeps the joins cheap; a
//! value's provenance travels as its position in the store (or in historik.csv) and is looked up
//! again for the rows that are shown.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use polars::prelude::*;

use crate::analysis::store::Store;
use crate::domain::{FormKind, Period, ReportedBy, TertialRule};
use crate::form::FieldRole;
use crate::workspace::Workspace;
use crate::workspace::catalogue::{Indicator, Level};
use crate::workspace::config::Unit;

/// Level codes of the `lvl` column.
pub(super) const KOMMUN: u32 = 0;
pub(super) const FORVALTNING: u32 = 1;
pub(super) const ENHET: u32 = 2;

/// Kind codes of the `kind` column: where a value came from.
pub(super) const FROM_STORE: u32 = 0;
pub(super) const FROM_HISTORY: u32 = 1;
pub(super) const ROLLED_UP: u32 = 2;
/// Computed by a derived indicator's formula (`src` is its position in `Loaded::derived`).
pub(super) const DERIVED: u32 = 3;

/// The text roles `check` counts, with the key they have in frames.
const TEXT_ROLES: &[(FieldRole, &str)] = &[
    (FieldRole::ActivityStatus, "activity_status"),
    (FieldRole::Goal, "goal"),
    (FieldRole::Assessment, "assessment"),
    (FieldRole::Perspective, "perspective"),
];

#[derive(Clone, Copy)]
enum Role {
    Outcome,
    Spent,
    Forecast,
    Text(&'static str),
}

/// |x| (polars' own `abs` needs a crate feature).
pub(super) fn abs(x: Expr) -> Expr {
    when(x.clone().lt(lit(0.0)))
        .then(lit(0.0) - x.clone())
        .otherwise(x)
}

/// A u32 literal (a bare integer literal would become an i32 column).
pub(super) fn u32_lit(c: u32) -> Expr {
    lit(c).cast(DataType::UInt32)
}

pub(super) fn null_str() -> Expr {
    lit(NULL).cast(DataType::String)
}

pub(super) fn null_f64() -> Expr {
    lit(NULL).cast(DataType::Float64)
}

pub(super) fn null_u32() -> Expr {
    lit(NULL).cast(DataType::UInt32)
}

pub(super) fn code(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// FxHash (as rustc uses): a fast hasher for the short keys of the load loop, which runs once
/// per stored value. The keys come from the workspace's own files.
#[derive(Default, Clone, Copy)]
pub(super) struct Fx(u64);

impl Fx {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type FxBuild = BuildHasherDefault<Fx>;

/// Codes of the workspace's units, förvaltningar and indicators.
pub(super) struct Codes<'a> {
    pub units: HashMap<&'a str, u32, FxBuild>,
    pub forvaltningar: HashMap<&'a str, u32, FxBuild>,
    pub indicators: HashMap<&'a str, u32, FxBuild>,
}

impl<'a> Codes<'a> {
    pub fn new(ws: &'a Workspace) -> Self {
        let index = |ids: Vec<&'a str>| {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id, code(i)))
                .collect()
        };
        Self {
            units: index(ws.config.units.iter().map(|u| u.id.as_str()).collect()),
            forvaltningar: index(
                ws.config
                    .forvaltningar
                    .iter()
                    .map(|f| f.id.as_str())
                    .collect(),
            ),
            indicators: index(
                ws.catalogue
                    .indicators
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect(),
            ),
        }
    }

    /// (lvl, id) of a level, if the workspace knows it.
    pub fn level(&self, l: &Level) -> Option<(u32, u32)> {
        match l {
            Level::Kommun => Some((KOMMUN, 0)),
            Level::Forvaltning(f) => self
                .forvaltningar
                .get(f.as_str())
                .map(|c| (FORVALTNING, *c)),
            Level::Unit(u) => self.units.get(u.as_str()).map(|c| (ENHET, *c)),
        }
    }
}

/// What the store and the history hold for the check, as frames.
pub(super) struct Loaded<'a> {
    /// Outcomes of the periods: `lvl`, `id`, `ind`, `per` (position in the periods given),
    /// `value`, `kind` (store or history) and `src` (position in `Store::values` or in
    /// `Workspace::history`). One row per (lvl, id, ind, per): the store wins.
    pub outcomes: DataFrame,
    /// Economy figures of the first period: `id` (unit), `role` (`spent` | `forecast`),
    /// `number`, `src`.
    pub economy: DataFrame,
    /// Texts of the first period in fields with a counted role: `role`, `unit`, `section`,
    /// `key`, `text`.
    pub texts: DataFrame,
    /// Values left out, for the notes.
    pub unknown_units: BTreeSet<&'a str>,
    pub unknown_indicators: BTreeSet<&'a str>,
    pub unknown_versions: BTreeMap<u32, usize>,
    /// Whether the store holds any value of the uppföljning form for the first period.
    pub any_returns: bool,
    /// Lines of historik.csv for the first period of indicators the units report, left out.
    pub history_left_out: usize,
    /// The provenance of each derived value (`kind` = [`DERIVED`], `src` its position).
    pub derived: Vec<super::Derived>,
}

/// The outcome rows as columns, filled by [`load`] (and `derived::derive`).
#[derive(Default)]
pub(super) struct OutcomeCols {
    pub lvl: Vec<u32>,
    pub id: Vec<u32>,
    pub ind: Vec<u32>,
    pub per: Vec<u32>,
    pub value: Vec<Option<f64>>,
    pub kind: Vec<u32>,
    pub src: Vec<u32>,
    /// A ratio indicator's numerator and denominator (what rolls up).
    pub num: Vec<Option<f64>>,
    pub den: Vec<Option<f64>>,
}

impl OutcomeCols {
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        lvl: u32,
        id: u32,
        ind: u32,
        per: u32,
        value: Option<f64>,
        kind: u32,
        src: usize,
    ) {
        self.lvl.push(lvl);
        self.id.push(id);
        self.ind.push(ind);
        self.per.push(per);
        self.value.push(value);
        self.kind.push(kind);
        self.src.push(code(src));
        self.num.push(None);
        self.den.push(None);
    }
}

/// Reads the store's values of the uppföljning form for `periods` (found by the role of their
/// field in the definition of the version they were collected with) and the history's outcomes
/// for `periods`. The first period is the one checked: its outcomes come from the store only,
/// except for centrally reported indicators (`reported_by = "central"`), which no return
/// carries and whose values historik.csv gives.
pub(super) fn load<'a>(
    ws: &'a Workspace,
    store: &'a Store,
    codes: &Codes<'a>,
    periods: &[Period],
) -> PolarsResult<Loaded<'a>> {
    let mut roles: HashMap<(u32, &str, &str), Role, FxBuild> = HashMap::default();
    let versions = ws.forms.versions(FormKind::Uppfoljning);
    for version in &versions {
        let Some(def) = ws.forms.version(FormKind::Uppfoljning, *version) else {
            continue;
        };
        let mut add = |r: FieldRole, role: Role| {
            for (sec, field) in def.with_role(r) {
                roles.insert((*version, sec.id.as_str(), field.id.as_str()), role);
            }
        };
        add(FieldRole::Outcome, Role::Outcome);
        add(FieldRole::Spent, Role::Spent);
        add(FieldRole::Forecast, Role::Forecast);
        for (r, key) in TEXT_ROLES {
            add(*r, Role::Text(key));
        }
    }
    let mut out = OutcomeCols::default();
    let (mut e_id, mut e_role, mut e_num, mut e_src) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut t_role, mut t_unit, mut t_sec, mut t_key, mut t_text) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut loaded = Loaded {
        outcomes: DataFrame::empty(),
        economy: DataFrame::empty(),
        texts: DataFrame::empty(),
        unknown_units: BTreeSet::new(),
        unknown_indicators: BTreeSet::new(),
        unknown_versions: BTreeMap::new(),
        any_returns: false,
        history_left_out: 0,
        derived: Vec::new(),
    };
    // Spent and forecast of every unit and period, for derived indicators: (unit, per, is
    // spent) → position in the store.
    let mut economy: HashMap<(u32, u32, bool), usize, FxBuild> = HashMap::default();
    let mut last_unit: Option<(&str, Option<u32>)> = None;
    // One outcome per (lvl, id, ind, per): the first wins, the store before the history.
    let mut seen: HashSet<(u32, u32, u32, u32), FxBuild> = HashSet::default();
    for (n, v) in store.values.iter().enumerate() {
        if v.form != FormKind::Uppfoljning || !v.is_value() {
            continue;
        }
        let Some(per) = periods.iter().position(|p| *p == v.period) else {
            continue;
        };
        let now = per == 0;
        loaded.any_returns |= now;
        let Some(role) = roles
            .get(&(v.form_version, v.section.as_str(), v.field.as_str()))
            .copied()
        else {
            if now && !versions.contains(&v.form_version) {
                *loaded.unknown_versions.entry(v.form_version).or_default() += 1;
            }
            continue;
        };
        let unit = match last_unit {
            Some((u, c)) if u == v.unit => c,
            _ => {
                let c = codes.units.get(v.unit.as_str()).copied();
                last_unit = Some((v.unit.as_str(), c));
                c
            }
        };
        let Some(unit) = unit else {
            if now && matches!(role, Role::Outcome) {
                loaded.unknown_units.insert(&v.unit);
            }
            continue;
        };
        if matches!(role, Role::Spent | Role::Forecast) && v.number.is_some() {
            economy
                .entry((unit, code(per), matches!(role, Role::Spent)))
                .or_insert(n);
        }
        match role {
            Role::Outcome => match codes.indicators.get(v.key.as_str()) {
                Some(ind) if seen.insert((ENHET, unit, *ind, code(per))) => {
                    out.push(ENHET, unit, *ind, code(per), v.number, FROM_STORE, n);
                }
                Some(_) => {}
                None if now => {
                    loaded.unknown_indicators.insert(&v.key);
                }
                None => {}
            },
            Role::Spent | Role::Forecast if now => {
                e_id.push(unit);
                e_role.push(if matches!(role, Role::Spent) {
                    "spent"
                } else {
                    "forecast"
                });
                e_num.push(v.number);
                e_src.push(code(n));
            }
            Role::Text(key) if now => {
                t_role.push(key);
                t_unit.push(unit);
                t_sec.push(v.section.as_str());
                t_key.push(v.key.as_str());
                t_text.push(v.text.as_deref());
            }
            _ => {}
        }
    }
    for (n, o) in ws.history.iter().enumerate() {
        let Some(per) = periods.iter().position(|p| *p == o.period) else {
            continue;
        };
        let (Some((lvl, id)), Some(ind)) = (
            codes.level(&o.level),
            codes.indicators.get(o.indicator.as_str()),
        ) else {
            continue;
        };
        // The period checked comes from what was collected for it: historik.csv gives earlier
        // periods, and the period itself only for indicators no return carries (reported
        // centrally).
        let central = ws
            .catalogue
            .indicators
            .get(usize::try_from(*ind).unwrap_or(usize::MAX))
            .is_some_and(|i| i.reported_by == ReportedBy::Central);
        if per == 0 && !central {
            loaded.history_left_out += 1;
            continue;
        }
        if seen.insert((lvl, id, *ind, code(per))) {
            out.push(lvl, id, *ind, code(per), Some(o.value), FROM_HISTORY, n);
        }
    }
    super::derived::derive(ws, store, periods, &economy, &mut out, &mut loaded.derived);
    loaded.outcomes = df!(
        "lvl" => out.lvl,
        "id" => out.id,
        "ind" => out.ind,
        "per" => out.per,
        "value" => out.value,
        "kind" => out.kind,
        "src" => out.src,
        "num" => out.num,
        "den" => out.den,
    )?;
    loaded.economy = df!("id" => e_id, "role" => e_role, "number" => e_num, "src" => e_src)?;
    loaded.texts = df!(
        "role" => t_role,
        "unit" => t_unit,
        "section" => t_sec,
        "key" => t_key,
        "text" => t_text,
    )?;
    Ok(loaded)
}

pub(super) use crate::model::reported_in;

/// Whether a unit has a row of an indicator for a period, reported or derived
/// ([`crate::model::category_has_row`]).
pub(super) fn unit_reports(unit: &Unit, ind: &Indicator, period: Period) -> bool {
    crate::model::category_has_row(ind, &unit.category, period)
}

/// (id, forv, ind) of every indicator every unit reports (or has derived) for the period.
pub(super) fn expected(
    ws: &Workspace,
    codes: &Codes<'_>,
    period: Period,
) -> PolarsResult<DataFrame> {
    let (mut id, mut forv, mut ind) = (Vec::new(), Vec::new(), Vec::new());
    for (u, unit) in ws.config.units.iter().enumerate() {
        let f = codes
            .forvaltningar
            .get(unit.forvaltning.as_str())
            .copied()
            .unwrap_or(u32::MAX);
        for (i, indicator) in ws.catalogue.indicators.iter().enumerate() {
            if unit_reports(unit, indicator, period) {
                id.push(code(u));
                forv.push(f);
                ind.push(code(i));
            }
        }
    }
    df!("id" => id, "forv" => forv, "ind" => ind)
}

/// The units: `id`, `forv`, `budget`.
pub(super) fn units(ws: &Workspace, codes: &Codes<'_>) -> PolarsResult<DataFrame> {
    let u = &ws.config.units;
    df!(
        "id" => (0..u.len()).map(code).collect::<Vec<_>>(),
        "forv" => u
            .iter()
            .map(|u| codes.forvaltningar.get(u.forvaltning.as_str()).copied().unwrap_or(u32::MAX))
            .collect::<Vec<_>>(),
        "budget" => u.iter().map(|u| u.budget_tkr).collect::<Vec<_>>(),
    )
}

/// The indicators: `ind`, `direction`, `rollup`, `weight` (the weight indicator's code),
/// `unchanged`, `reported` (whether reported for the period at all), `pro_rata` (a cumulative
/// indicator: trends over unequal spans compare per month).
pub(super) fn indicators(
    ws: &Workspace,
    codes: &Codes<'_>,
    period: Period,
) -> PolarsResult<DataFrame> {
    let i = &ws.catalogue.indicators;
    df!(
        "ind" => (0..i.len()).map(code).collect::<Vec<_>>(),
        "direction" => i.iter().map(|i| i.direction.key()).collect::<Vec<_>>(),
        "rollup" => i.iter().map(|i| i.rollup.key()).collect::<Vec<_>>(),
        "weight" => i
            .iter()
            .map(|i| i.weight.as_ref().and_then(|w| codes.indicators.get(w.as_str()).copied()))
            .collect::<Vec<_>>(),
        "unchanged" => i.iter().map(|i| i.unchanged).collect::<Vec<_>>(),
        "reported" => i.iter().map(|i| reported_in(i, period)).collect::<Vec<_>>(),
        "pro_rata" => i.iter().map(|i| i.tertial_rule == TertialRule::ProRata).collect::<Vec<_>>(),
        "scale" => i
            .iter()
            .map(|i| match &i.derived {
                Some(crate::model::Derivation::Ratio { scale, .. }) => *scale,
                _ => 1.0,
            })
            .collect::<Vec<_>>(),
    )
}

/// Readable keys for the result frame: (`lvl`, `id`) → `level`, `id_text`, and `ind` →
/// `indicator`.
pub(super) fn key_names(ws: &Workspace) -> PolarsResult<(DataFrame, DataFrame)> {
    let mut lvl = vec![KOMMUN];
    let mut id = vec![0u32];
    let mut level = vec!["kommun"];
    let mut text = vec![""];
    for (n, f) in ws.config.forvaltningar.iter().enumerate() {
        lvl.push(FORVALTNING);
        id.push(code(n));
        level.push("forvaltning");
        text.push(f.id.as_str());
    }
    for (n, u) in ws.config.units.iter().enumerate() {
        lvl.push(ENHET);
        id.push(code(n));
        level.push("enhet");
        text.push(u.id.as_str());
    }
    let levels = df!("lvl" => lvl, "id" => id, "level" => level, "id_text" => text)?;
    let inds = df!(
        "ind" => (0..ws.catalogue.indicators.len()).map(code).collect::<Vec<_>>(),
        "indicator" => ws.catalogue.indicators.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
    )?;
    Ok((levels, inds))
}

/// The level of a (lvl, id) code pair.
pub(super) fn level_of(ws: &Workspace, lvl: u32, id: u32) -> Option<Level> {
    let i = usize::try_from(id).ok()?;
    match lvl {
        KOMMUN => Some(Level::Kommun),
        FORVALTNING => ws
            .config
            .forvaltningar
            .get(i)
            .map(|f| Level::Forvaltning(f.id.clone())),
        ENHET => ws.config.units.get(i).map(|u| Level::Unit(u.id.clone())),
        _ => None,
    }
}
