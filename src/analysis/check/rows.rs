//! From the polars frames to typed rows, in a stable order: förvaltningar and units as in
//! styr.toml, indicators and goals as in the catalogue.

use std::collections::{BTreeMap, HashMap};

use polars::prelude::*;

use super::frames::{
    DERIVED, ENHET, FORVALTNING, FROM_HISTORY, FROM_STORE, FxBuild, KOMMUN, ROLLED_UP,
};
use super::rules::{self, GOAL_GREEN_PCT, Reason, Status, Trend};
use super::targets::{TargetBasis, TargetSource, source};
use super::{
    ActivityRow, CellSource, ChoiceCounts, Comparison, EconomyRow, GoalRow, IndicatorRow, Levels,
    Provenance, QualityRow, StatusCounts,
};
use crate::analysis::store::Store;
use crate::domain::{ForvaltningId, Period, Perspective};
use crate::model::{Level, Limits, TargetValue, Tolerance, TrendBasis};
use crate::workspace::Workspace;

fn s<'a>(df: &'a DataFrame, name: &str) -> PolarsResult<&'a StringChunked> {
    df.column(name)?.str()
}

fn f<'a>(df: &'a DataFrame, name: &str) -> PolarsResult<&'a Float64Chunked> {
    df.column(name)?.f64()
}

fn u<'a>(df: &'a DataFrame, name: &str) -> PolarsResult<&'a UInt32Chunked> {
    df.column(name)?.u32()
}

fn bad(msg: String) -> PolarsError {
    PolarsError::ComputeError(msg.into())
}

fn at(i: u32) -> usize {
    usize::try_from(i).unwrap_or(usize::MAX)
}

/// The level, name and förvaltning of (lvl, id) codes.
struct Who<'a> {
    ws: &'a Workspace,
}

impl<'a> Who<'a> {
    fn level(&self, lvl: Option<u32>, id: Option<u32>) -> PolarsResult<Level> {
        let (Some(lvl), Some(id)) = (lvl, id) else {
            return Err(bad("a row without a level".into()));
        };
        super::frames::level_of(self.ws, lvl, id)
            .ok_or_else(|| bad(format!("no level ({lvl}, {id})")))
    }

    fn name(&self, lvl: u32, id: u32) -> String {
        let c = &self.ws.config;
        match lvl {
            FORVALTNING => c.forvaltningar.get(at(id)).map(|f| f.name.clone()),
            ENHET => c.units.get(at(id)).map(|u| u.name.clone()),
            _ => Some(c.kommun.name.clone()),
        }
        .unwrap_or_default()
    }

    fn forvaltning(&self, lvl: u32, id: u32) -> Option<&'a ForvaltningId> {
        let c = &self.ws.config;
        match lvl {
            FORVALTNING => c.forvaltningar.get(at(id)).map(|f| &f.id),
            ENHET => c.units.get(at(id)).map(|u| &u.forvaltning),
            _ => None,
        }
    }
}

fn cell_source(store: &Store, src: Option<u32>) -> Option<CellSource> {
    let v = store.values.get(at(src?))?;
    Some(CellSource {
        file: v.file.clone(),
        sha256: v.sha256.clone(),
        sheet: v.sheet.clone(),
        cell: v.cell.clone(),
    })
}

/// Why a unit's outcome is missing, from the store: the units that sent a return for the
/// period, and the (unit, indicator) outcomes whose cell was refused.
struct Missing<'a> {
    returned: std::collections::HashSet<&'a str>,
    refused: std::collections::HashSet<(&'a str, &'a str)>,
}

impl<'a> Missing<'a> {
    fn new(ws: &Workspace, store: &'a Store, period: Period) -> Self {
        let form = crate::domain::FormKind::Uppfoljning;
        let returned = store
            .values
            .iter()
            .filter(|v| v.period == period && v.form == form)
            .map(|v| v.unit.as_str())
            .collect();
        let refused = store
            .refused(period, form)
            .filter(|v| {
                ws.forms
                    .version(v.form, v.form_version)
                    .and_then(|d| d.section(&v.section))
                    .and_then(|s| s.field(&v.field))
                    .is_some_and(|f| f.role == Some(crate::form::FieldRole::Outcome))
            })
            .map(|v| (v.unit.as_str(), v.key.as_str()))
            .collect();
        Self { returned, refused }
    }

    /// A unit row's reason told apart: no return, a refused cell, an input of a derived
    /// indicator missing, or an empty cell.
    fn refine(
        &self,
        reason: Option<Reason>,
        level: &Level,
        indicator: &str,
        derived: bool,
    ) -> Option<Reason> {
        match (reason, level) {
            (Some(Reason::NoValue), Level::Unit(u)) if !self.returned.contains(u.as_str()) => {
                Some(Reason::NoReturn)
            }
            (Some(Reason::NoValue), Level::Unit(_)) if derived => Some(Reason::NoInput),
            (Some(Reason::NoValue), Level::Unit(u))
                if self.refused.contains(&(u.as_str(), indicator)) =>
            {
                Some(Reason::CellError)
            }
            (r, _) => r,
        }
    }
}

/// The indicator rows of the pipeline's frame, split by level and ordered.
pub(super) fn indicator_rows(
    ws: &Workspace,
    store: &Store,
    df: &DataFrame,
    period: Period,
    derived: &[super::Derived],
) -> PolarsResult<Levels<IndicatorRow>> {
    let (lvl, id, ind) = (u(df, "lvl")?, u(df, "id")?, u(df, "ind")?);
    let (value, kind, src) = (f(df, "value")?, u(df, "kind")?, u(df, "src")?);
    let (n_missing, n_no_weight) = (u(df, "n_missing")?, u(df, "n_no_weight")?);
    let from = df.column("from")?.list()?;
    let (status, reason) = (s(df, "status")?, s(df, "reason")?);
    let (dev, dev_pct) = (f(df, "deviation")?, f(df, "deviation_pct")?);
    let (pv, pc, pt) = (
        f(df, "prev_value")?,
        f(df, "prev_change")?,
        s(df, "prev_trend")?,
    );
    let (lv, lc, lt) = (f(df, "ly_value")?, f(df, "ly_change")?, s(df, "ly_trend")?);
    let (pcmp, lcmp) = (f(df, "prev_cmp")?, f(df, "ly_cmp")?);
    let (t_min, t_max) = (f(df, "t_min")?, f(df, "t_max")?);
    let (tol_abs, tol_pct) = (f(df, "tol_abs")?, f(df, "tol_pct")?);
    let (basis, tref) = (s(df, "target_basis")?, u(df, "target_ref")?);
    let who = Who { ws };
    let missing = Missing::new(ws, store, period);
    // Many rows share a målvärde: its source and rule text are made once.
    let mut sources: HashMap<(u32, &str), TargetSource, FxBuild> = HashMap::default();
    let mut rule_texts: HashMap<(u32, &str), String, FxBuild> = HashMap::default();
    let mut rows: Vec<(u32, u32, u32, IndicatorRow)> = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (lc_, idc) = (lvl.get(i).unwrap_or(KOMMUN), id.get(i).unwrap_or(0));
        let l = who.level(lvl.get(i), id.get(i))?;
        let indc = ind.get(i).unwrap_or(u32::MAX);
        let Some(indicator) = ws.catalogue.indicators.get(at(indc)) else {
            return Err(bad(format!("row {i}: no indicator {indc}")));
        };
        let forvaltning = who.forvaltning(lc_, idc);
        // The effective målvärde as the pipeline judged it.
        let found = match (tref.get(i), basis.get(i), t_min.get(i), t_max.get(i)) {
            (Some(k), Some(b), Some(lo), Some(hi)) => {
                let t = ws
                    .catalogue
                    .targets
                    .get(at(k))
                    .ok_or_else(|| bad(format!("row {i}: no målvärde {k}")))?;
                let value = match t.value {
                    TargetValue::Point(_) => TargetValue::Point(lo),
                    TargetValue::Interval { .. } => TargetValue::Interval { min: lo, max: hi },
                };
                let tolerance = match indicator.tolerance {
                    Tolerance::None => Tolerance::None,
                    Tolerance::Absolute(_) => Tolerance::Absolute(tol_abs.get(i).unwrap_or(0.0)),
                    Tolerance::Relative(_) => Tolerance::Relative(tol_pct.get(i).unwrap_or(0.0)),
                };
                Some((k, b, t, value, tolerance))
            }
            _ => None,
        };
        let rule = match &found {
            Some((k, b, _, value, tolerance)) => rule_texts
                .entry((*k, *b))
                .or_insert_with(|| {
                    Limits::new(indicator.direction, *value, *tolerance)
                        .rule_text(indicator.measure, indicator.decimals)
                })
                .clone(),
            None => rules::rule_without_target(indicator.direction),
        };
        let target_source = match &found {
            Some((k, b, t, _, _)) => {
                let basis = TargetBasis::parse(b, period)
                    .ok_or_else(|| bad(format!("row {i}: basis '{b}'")))?;
                Some(
                    sources
                        .entry((*k, *b))
                        .or_insert_with(|| source(t, basis))
                        .clone(),
                )
            }
            None => None,
        };
        let provenance = match kind.get(i) {
            Some(FROM_STORE) => {
                cell_source(store, src.get(i)).map_or(Provenance::None, Provenance::Cell)
            }
            Some(FROM_HISTORY) => match src.get(i).and_then(|n| ws.history.get(at(n))) {
                Some(o) => Provenance::History {
                    file: o.at.file().display().to_string(),
                    line: match &o.at {
                        crate::diag::Location::Text { line, .. } => u32::try_from(*line).ok(),
                        _ => None,
                    },
                },
                None => Provenance::None,
            },
            Some(ROLLED_UP) => {
                let units = from
                    .get_as_series(i)
                    .map(|s| -> PolarsResult<Vec<_>> {
                        Ok(s.u32()?
                            .iter()
                            .flatten()
                            .filter_map(|c| ws.config.units.get(at(c)).map(|u| u.id.clone()))
                            .collect())
                    })
                    .transpose()?
                    .unwrap_or_default();
                Provenance::Rollup {
                    rollup: indicator.rollup,
                    from: units,
                    missing: n_missing.get(i).unwrap_or(0),
                    without_weight: n_no_weight.get(i).unwrap_or(0),
                }
            }
            Some(DERIVED) => src
                .get(i)
                .and_then(|n| derived.get(at(n)))
                .map_or(Provenance::None, |d| Provenance::Derived(d.clone())),
            _ => Provenance::None,
        };
        let why = missing.refine(
            reason.get(i).and_then(Reason::parse),
            &l,
            indicator.id.as_str(),
            indicator.derived.is_some(),
        );
        let row = IndicatorRow {
            name: who.name(lc_, idc),
            forvaltning: forvaltning.cloned(),
            level: l,
            indicator: indicator.id.clone(),
            indicator_name: indicator.name.clone(),
            area: indicator.area,
            perspective: indicator.perspective,
            measure: indicator.measure,
            direction: indicator.direction,
            decimals: indicator.decimals,
            period,
            value: value.get(i),
            target: found.as_ref().map(|x| x.3),
            tolerance: found.as_ref().map(|x| x.4),
            target_source,
            status: status
                .get(i)
                .and_then(Status::parse)
                .unwrap_or(Status::EjBedomt),
            reason: why,
            deviation: dev.get(i),
            deviation_pct: dev_pct.get(i),
            rule,
            previous: Comparison {
                period: period.previous(),
                value: pv.get(i),
                basis: TrendBasis::of(indicator, period, period.previous()),
                compared: pcmp.get(i),
                change: pc.get(i),
                trend: pt.get(i).and_then(Trend::parse),
            },
            last_year: Comparison {
                period: period.same_last_year(),
                value: lv.get(i),
                basis: TrendBasis::of(indicator, period, period.same_last_year()),
                compared: lcmp.get(i),
                change: lc.get(i),
                trend: lt.get(i).and_then(Trend::parse),
            },
            provenance,
        };
        rows.push((lc_, idc, indc, row));
    }
    rows.sort_by_key(|r| (r.0, r.1, r.2));
    let mut out = Levels::default();
    for (_, _, _, r) in rows {
        match r.level {
            Level::Kommun => out.kommun.push(r),
            Level::Forvaltning(_) => out.forvaltningar.push(r),
            Level::Unit(_) => out.units.push(r),
        }
    }
    Ok(out)
}

/// Economy rows of [`super::economy::frame`].
pub(super) fn economy_rows(
    ws: &Workspace,
    store: &Store,
    df: &DataFrame,
) -> PolarsResult<Levels<EconomyRow>> {
    let who = Who { ws };
    let (lvl, id) = (u(df, "lvl")?, u(df, "id")?);
    let (budget, spent, forecast) = (f(df, "budget")?, f(df, "spent")?, f(df, "forecast")?);
    let (dev, pct, status) = (
        f(df, "deviation")?,
        f(df, "deviation_pct")?,
        s(df, "status")?,
    );
    let (n, miss) = (u(df, "n_units")?, u(df, "n_missing")?);
    let (ssrc, fsrc) = (u(df, "spent_src")?, u(df, "forecast_src")?);
    let mut rows = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (lc, idc) = (lvl.get(i).unwrap_or(KOMMUN), id.get(i).unwrap_or(0));
        rows.push((
            lc,
            idc,
            EconomyRow {
                level: who.level(lvl.get(i), id.get(i))?,
                name: who.name(lc, idc),
                forvaltning: who.forvaltning(lc, idc).cloned(),
                budget_tkr: budget.get(i),
                spent_tkr: spent.get(i),
                forecast_tkr: forecast.get(i),
                deviation_tkr: dev.get(i),
                deviation_pct: pct.get(i),
                status: status
                    .get(i)
                    .and_then(Status::parse)
                    .unwrap_or(Status::EjBedomt),
                units: n.get(i).unwrap_or(0),
                missing: miss.get(i).unwrap_or(0),
                forecast_source: cell_source(store, fsrc.get(i)),
                spent_source: cell_source(store, ssrc.get(i)),
            },
        ));
    }
    rows.sort_by_key(|r| (r.0, r.1));
    let mut out = Levels::default();
    for (_, _, r) in rows {
        match r.level {
            Level::Kommun => out.kommun.push(r),
            Level::Forvaltning(_) => out.forvaltningar.push(r),
            Level::Unit(_) => out.units.push(r),
        }
    }
    Ok(out)
}

/// Goals assessed from the kommun rows of the indicator frame by [`rules::GOAL_RULE`].
pub(super) fn goal_rows(ws: &Workspace, frame: &DataFrame) -> PolarsResult<Vec<GoalRow>> {
    let (mut g, mut i) = (Vec::new(), Vec::new());
    for (n, ind) in ws.catalogue.indicators.iter().enumerate() {
        for goal in &ind.goals {
            g.push(goal.as_str());
            i.push(u32::try_from(n).unwrap_or(u32::MAX));
        }
    }
    let map = df!("goal" => g, "ind" => i)?;
    let is = |k: &str| {
        col("status")
            .eq(lit(k.to_string()))
            .sum()
            .cast(DataType::UInt32)
    };
    let judged = || (col("g") + col("y") + col("r")).cast(DataType::Float64);
    let counted = map
        .lazy()
        .join(
            frame
                .clone()
                .lazy()
                .filter(col("lvl").eq(lit(KOMMUN)))
                .select([col("ind"), col("status")]),
            [col("ind")],
            [col("ind")],
            JoinArgs::new(JoinType::Inner),
        )
        .group_by([col("goal")])
        .agg([
            is("uppfyllt").alias("g"),
            is("delvis").alias("y"),
            is("ej_uppfyllt").alias("r"),
            is("ej_bedomt").alias("grey"),
        ])
        .with_column(
            when(judged().eq(lit(0.0)))
                .then(lit("ej_bedomt"))
                .when((col("r").cast(DataType::Float64) * lit(2.0)).gt(judged()))
                .then(lit("ej_uppfyllt"))
                .when(
                    col("r").eq(lit(0u32)).and(
                        (col("g").cast(DataType::Float64) * lit(100.0))
                            .gt_eq(judged() * lit(GOAL_GREEN_PCT)),
                    ),
                )
                .then(lit("uppfyllt"))
                .otherwise(lit("delvis"))
                .alias("status"),
        )
        .collect()?;
    let goal = s(&counted, "goal")?;
    let (gc, yc, rc, nc) = (
        u(&counted, "g")?,
        u(&counted, "y")?,
        u(&counted, "r")?,
        u(&counted, "grey")?,
    );
    let status = s(&counted, "status")?;
    let mut by_goal: HashMap<&str, (StatusCounts, Status)> = HashMap::new();
    for k in 0..counted.height() {
        let Some(id) = goal.get(k) else { continue };
        by_goal.insert(
            id,
            (
                StatusCounts {
                    uppfyllt: gc.get(k).unwrap_or(0),
                    delvis: yc.get(k).unwrap_or(0),
                    ej_uppfyllt: rc.get(k).unwrap_or(0),
                    ej_bedomt: nc.get(k).unwrap_or(0),
                },
                status
                    .get(k)
                    .and_then(Status::parse)
                    .unwrap_or(Status::EjBedomt),
            ),
        );
    }
    Ok(ws
        .catalogue
        .goals
        .iter()
        .map(|gl| {
            let (counts, status) = by_goal
                .get(gl.id.as_str())
                .copied()
                .unwrap_or((StatusCounts::default(), Status::EjBedomt));
            GoalRow {
                goal: gl.id.clone(),
                name: gl.name.clone(),
                perspective: gl.perspective,
                indicators: ws
                    .catalogue
                    .indicators
                    .iter()
                    .filter(|i| i.goals.contains(&gl.id))
                    .map(|i| i.id.clone())
                    .collect(),
                counts,
                status,
            }
        })
        .collect())
}

/// Counts in the order of `list`, then values outside it (sorted).
fn ordered(list: &[String], mut found: BTreeMap<String, u32>) -> ChoiceCounts {
    let mut out: ChoiceCounts = list
        .iter()
        .map(|v| (v.clone(), found.remove(v).unwrap_or(0)))
        .collect();
    out.extend(found);
    out
}

/// Activity rows from [`super::qualitative::activities`].
pub(super) fn activity_rows(
    ws: &Workspace,
    df: &DataFrame,
    list: &[String],
) -> PolarsResult<Vec<ActivityRow>> {
    let (unit, by, main) = (u(df, "unit")?, s(df, "by")?, s(df, "main")?);
    let n = u(df, "n")?;
    let mut groups: BTreeMap<(u32, String), BTreeMap<String, u32>> = BTreeMap::new();
    for i in 0..df.height() {
        let (Some(uc), Some(goal), Some(st)) = (unit.get(i), by.get(i), main.get(i)) else {
            continue;
        };
        *groups
            .entry((uc, goal.to_string()))
            .or_default()
            .entry(st.to_string())
            .or_default() += n.get(i).unwrap_or(0);
    }
    Ok(groups
        .into_iter()
        .filter_map(|((uc, goal), counts)| {
            let unit = ws.config.units.get(at(uc))?;
            Some(ActivityRow {
                unit: unit.id.clone(),
                name: unit.name.clone(),
                forvaltning: unit.forvaltning.clone(),
                goal,
                counts: ordered(list, counts),
            })
        })
        .collect())
}

/// Quality rows from [`super::qualitative::quality`].
pub(super) fn quality_rows(
    ws: &Workspace,
    df: &DataFrame,
    list: &[String],
) -> PolarsResult<Levels<QualityRow>> {
    let who = Who { ws };
    let (lvl, id, by, main) = (u(df, "lvl")?, u(df, "id")?, s(df, "by")?, s(df, "main")?);
    let n = u(df, "n")?;
    type Key = (u32, u32, Option<Perspective>);
    let mut groups: BTreeMap<Key, BTreeMap<String, u32>> = BTreeMap::new();
    for i in 0..df.height() {
        let (Some(lc), Some(idc), Some(p), Some(a)) =
            (lvl.get(i), id.get(i), by.get(i), main.get(i))
        else {
            continue;
        };
        *groups
            .entry((lc, idc, Perspective::parse(p)))
            .or_default()
            .entry(a.to_string())
            .or_default() += n.get(i).unwrap_or(0);
    }
    let mut out = Levels::default();
    for ((lc, idc, perspective), counts) in groups {
        let row = QualityRow {
            level: who.level(Some(lc), Some(idc))?,
            name: who.name(lc, idc),
            forvaltning: who.forvaltning(lc, idc).cloned(),
            perspective,
            counts: ordered(list, counts),
        };
        match lc {
            KOMMUN => out.kommun.push(row),
            FORVALTNING => out.forvaltningar.push(row),
            _ => out.units.push(row),
        }
    }
    Ok(out)
}
