//! The input frames: stored values found by their field's role, earlier outcomes, the units and
//! the indicators.

use polars::prelude::*;

use crate::analysis::store::Store;
use crate::domain::{FormKind, Frequency, Period, ReportedBy};
use crate::form::FieldRole;
use crate::workspace::Workspace;
use crate::workspace::catalogue::{Indicator, Level};
use crate::workspace::config::Unit;

/// The roles `check` reads, with the key they have in frames.
pub(super) const ROLES: &[(FieldRole, &str)] = &[
    (FieldRole::Outcome, "outcome"),
    (FieldRole::Spent, "spent"),
    (FieldRole::Forecast, "forecast"),
    (FieldRole::ActivityStatus, "activity_status"),
    (FieldRole::Goal, "goal"),
    (FieldRole::Assessment, "assessment"),
    (FieldRole::Perspective, "perspective"),
];

pub(super) fn null_str() -> Expr {
    lit(NULL).cast(DataType::String)
}

pub(super) fn null_f64() -> Expr {
    lit(NULL).cast(DataType::Float64)
}

pub(super) fn null_u32() -> Expr {
    lit(NULL).cast(DataType::UInt32)
}

/// `col(name) == a or col(name) == b ...` (without the `is_in` feature).
pub(super) fn one_of(name: &str, values: &[String]) -> Expr {
    values
        .iter()
        .map(|v| col(name).eq(lit(v.clone())))
        .reduce(|a, b| a.or(b))
        .unwrap_or(lit(false))
}

/// (form_version, section, field, role) of every field of every known version of the
/// uppföljning form whose role `check` reads.
fn roles_frame(ws: &Workspace) -> PolarsResult<DataFrame> {
    let (mut v, mut s, mut f, mut r) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for version in ws.forms.versions(FormKind::Uppfoljning) {
        let Some(def) = ws.forms.version(FormKind::Uppfoljning, version) else {
            continue;
        };
        for (role, key) in ROLES {
            for (sec, field) in def.with_role(*role) {
                v.push(version);
                s.push(sec.id.clone());
                f.push(field.id.clone());
                r.push(*key);
            }
        }
    }
    df!("form_version" => v, "section" => s, "field" => f, "role" => r)
}

/// Stored values of the uppföljning form for `periods`, with the role of their field:
/// `role`, `period`, `unit`, `section`, `key`, `number`, `text`, `file`, `sha256`, `sheet`, `cell`.
/// Values of fields without one of [`ROLES`] are left out.
pub(super) fn stored(ws: &Workspace, store: &Store, periods: &[Period]) -> PolarsResult<LazyFrame> {
    let periods: Vec<String> = periods.iter().map(ToString::to_string).collect();
    let roles = roles_frame(ws)?.lazy();
    let keys = [col("form_version"), col("section"), col("field")];
    Ok(store
        .frame()?
        .lazy()
        .filter(
            col("form")
                .eq(lit(FormKind::Uppfoljning.key()))
                .and(one_of("period", &periods)),
        )
        .join(roles, keys.clone(), keys, JoinArgs::new(JoinType::Inner))
        .select([
            col("role"),
            col("period"),
            col("unit"),
            col("section"),
            col("key"),
            col("number"),
            col("text"),
            col("file"),
            col("sha256"),
            col("sheet"),
            col("cell"),
        ]))
}

/// Outcomes of `periods`, one per (level, id, indicator, period): `level` (`enhet`,
/// `forvaltning`, `kommun`), `id` ("" for the kommun), `indicator`, `period`, `value`, `kind`
/// (`cell` for the store, `history` for historik.csv) and the provenance `file`, `sha256`,
/// `sheet`, `cell`, `line`. A value in the store wins over the same value in the history.
pub(super) fn outcomes(
    ws: &Workspace,
    stored: LazyFrame,
    periods: &[Period],
) -> PolarsResult<LazyFrame> {
    let from_store = stored.filter(col("role").eq(lit("outcome"))).select([
        lit("enhet").alias("level"),
        col("unit").alias("id"),
        col("key").alias("indicator"),
        col("period"),
        col("number").alias("value"),
        lit("cell").alias("kind"),
        col("file"),
        col("sha256"),
        col("sheet"),
        col("cell"),
        null_u32().alias("line"),
    ]);
    let hist: Vec<_> = ws
        .history
        .iter()
        .filter(|o| periods.contains(&o.period))
        .collect();
    let (mut level, mut id, mut ind, mut per, mut val, mut file, mut line) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for o in hist {
        let (l, i) = super::targets::level_key(&o.level);
        level.push(l);
        id.push(i.to_string());
        ind.push(o.indicator.as_str().to_string());
        per.push(o.period.to_string());
        val.push(o.value);
        file.push(o.at.file().display().to_string());
        line.push(match &o.at {
            crate::diag::Location::Text { line, .. } => u32::try_from(*line).ok(),
            _ => None,
        });
    }
    let from_history = df!(
        "level" => level,
        "id" => id,
        "indicator" => ind,
        "period" => per,
        "value" => val,
        "file" => file,
        "line" => line,
    )?
    .lazy()
    .select([
        col("level"),
        col("id"),
        col("indicator"),
        col("period"),
        col("value").cast(DataType::Float64),
        lit("history").alias("kind"),
        col("file"),
        null_str().alias("sha256"),
        null_str().alias("sheet"),
        null_str().alias("cell"),
        col("line").cast(DataType::UInt32),
    ]);
    Ok(concat([from_store, from_history], UnionArgs::default())?.unique_stable_generic(
        Some(vec![
            col("level"),
            col("id"),
            col("indicator"),
            col("period"),
        ]),
        UniqueKeepStrategy::First,
    ))
}

/// Whether an indicator is reported for a period of this kind.
pub(super) fn reported_in(ind: &Indicator, period: Period) -> bool {
    match (ind.frequency, period) {
        (_, Period::Plan(_)) => false,
        (Frequency::Month, _) => true,
        (Frequency::Tertial, Period::Tertial { .. } | Period::Year(_)) => true,
        (Frequency::Year, Period::Year(_)) => true,
        _ => false,
    }
}

/// Whether a unit reports an indicator for a period: the indicator is reported by the units,
/// for this kind of period, and for the unit's category (or every category).
pub(super) fn unit_reports(unit: &Unit, ind: &Indicator, period: Period) -> bool {
    ind.reported_by == ReportedBy::Unit
        && reported_in(ind, period)
        && (ind.categories.is_empty() || ind.categories.iter().any(|c| c == &unit.category))
}

/// (unit, forvaltning, indicator) of every indicator every unit reports for the period.
pub(super) fn expected(ws: &Workspace, period: Period) -> PolarsResult<DataFrame> {
    let (mut id, mut forv, mut ind) = (Vec::new(), Vec::new(), Vec::new());
    for u in &ws.config.units {
        for i in &ws.catalogue.indicators {
            if unit_reports(u, i, period) {
                id.push(u.id.as_str());
                forv.push(u.forvaltning.as_str());
                ind.push(i.id.as_str());
            }
        }
    }
    df!("id" => id, "forvaltning" => forv, "indicator" => ind)
}

/// The units: `id`, `forvaltning`, `budget`.
pub(super) fn units(ws: &Workspace) -> PolarsResult<DataFrame> {
    let u = &ws.config.units;
    df!(
        "id" => u.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        "forvaltning" => u.iter().map(|u| u.forvaltning.as_str()).collect::<Vec<_>>(),
        "budget" => u.iter().map(|u| u.budget_tkr).collect::<Vec<_>>(),
    )
}

/// The förvaltningar: `id`.
pub(super) fn forvaltningar(ws: &Workspace) -> PolarsResult<DataFrame> {
    df!("id" => ws.config.forvaltningar.iter().map(|f| f.id.as_str()).collect::<Vec<_>>())
}

/// The indicators: `indicator`, `direction`, `rollup`, `weight`, `unchanged`, `reported`
/// (whether reported for the period at all).
pub(super) fn indicators(ws: &Workspace, period: Period) -> PolarsResult<DataFrame> {
    let i = &ws.catalogue.indicators;
    df!(
        "indicator" => i.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        "direction" => i.iter().map(|i| i.direction.key()).collect::<Vec<_>>(),
        "rollup" => i.iter().map(|i| i.rollup.key()).collect::<Vec<_>>(),
        "weight" => i.iter().map(|i| i.weight.as_ref().map(|w| w.as_str())).collect::<Vec<_>>(),
        "unchanged" => i.iter().map(|i| i.unchanged).collect::<Vec<_>>(),
        "reported" => i.iter().map(|i| reported_in(i, period)).collect::<Vec<_>>(),
    )
}

/// The level of a frame row.
pub(super) fn level_of(level: &str, id: &str) -> Option<Level> {
    match level {
        "kommun" => Some(Level::Kommun),
        "forvaltning" => crate::domain::ForvaltningId::new(id)
            .ok()
            .map(Level::Forvaltning),
        "enhet" => crate::domain::UnitId::new(id).ok().map(Level::Unit),
        _ => None,
    }
}
