//! Which målvärde applies to a row: inheritance between levels and the period rule
//! ([`super::rules::TARGET_RULE`]).

use polars::prelude::*;

use crate::domain::{ForvaltningId, Period};
use crate::model::{Level, Limits, Target, Tolerance};
use crate::workspace::Workspace;

pub use crate::model::TargetBasis;
pub(super) use crate::model::TargetIndex;

/// Where a row's målvärde came from.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetSource {
    /// The level of the målvärde used (the row's own, its förvaltning's or the kommun's).
    pub level: Level,
    /// The period of the målvärde used (the row's period, or its year).
    pub period: Period,
    pub basis: TargetBasis,
    /// Where the målvärde is defined (`indikatorer.toml:1211:1`).
    pub defined_at: String,
}

impl TargetSource {
    /// Swedish text: "kommunen 2026, pro rata 4/12".
    pub fn swedish(&self) -> String {
        format!(
            "{} {}{}",
            self.level.swedish(),
            self.period,
            self.basis.swedish_suffix()
        )
    }
}

/// "kommunen", "förvaltning BUF", "enhet buf-fsk-solrosen".
pub fn level_text(l: &Level) -> String {
    l.swedish()
}

/// Where a row's målvärde came from.
pub(super) fn source(t: &Target, basis: TargetBasis) -> TargetSource {
    TargetSource {
        level: t.level.clone(),
        period: t.period,
        basis,
        defined_at: t.locs.entry().to_string(),
    }
}

/// The levels searched for a row, its own first; `forvaltning` is a unit's förvaltning.
pub(super) fn chain(level: &Level, forvaltning: Option<&ForvaltningId>) -> Vec<Level> {
    level.chain(forvaltning)
}

/// The frame key of a level: (`enhet` | `forvaltning` | `kommun`, id or "").
pub(super) fn level_key(l: &Level) -> (&'static str, &str) {
    (l.kind_key(), l.id())
}

/// The effective målvärden of every unit, förvaltning and the kommun for every indicator, as a
/// frame keyed by the codes `lvl`, `id`, `ind`, with `t_min`, `t_max` (a point is min = max),
/// `tol_abs`, `tol_pct`, `judged`, `target_basis`, `target_ref` (the målvärde's position in
/// the catalogue) and the thresholds the status compares with, `g_lo`, `g_hi`, `y_lo`, `y_hi`
/// ([`Limits::thresholds`]: the model's limits with the edge tolerance, infinite on an open
/// side). The pipeline works out no band itself.
pub(super) fn frame(
    ws: &Workspace,
    idx: &TargetIndex<'_>,
    period: Period,
) -> PolarsResult<DataFrame> {
    use super::frames::{ENHET, FORVALTNING, KOMMUN};
    let code = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let mut levels: Vec<(u32, u32, Level, Option<&ForvaltningId>)> =
        vec![(KOMMUN, 0, Level::Kommun, None)];
    levels.extend(
        ws.config
            .forvaltningar
            .iter()
            .enumerate()
            .map(|(n, f)| (FORVALTNING, code(n), Level::Forvaltning(f.id.clone()), None)),
    );
    levels.extend(ws.config.units.iter().enumerate().map(|(n, u)| {
        (
            ENHET,
            code(n),
            Level::Unit(u.id.clone()),
            Some(&u.forvaltning),
        )
    }));
    let mut c = Cols::default();
    let mut thresholds = std::collections::HashMap::new();
    for (lvl, id, level, forv) in &levels {
        let ch = chain(level, *forv);
        for (i, ind) in ws.catalogue.indicators.iter().enumerate() {
            let Some(r) = idx.resolve(ind, &ch, period) else {
                continue;
            };
            let (lo, hi) = r.value.bounds();
            // Many rows share a målvärde: its thresholds are made once.
            let th = *thresholds
                .entry((r.index, i, r.basis.key()))
                .or_insert_with(|| Limits::new(ind.direction, r.value, r.tolerance).thresholds());
            let (abs, pct) = match r.tolerance {
                Tolerance::None => (0.0, 0.0),
                Tolerance::Absolute(w) => (w, 0.0),
                Tolerance::Relative(p) => (0.0, p),
            };
            c.lvl.push(*lvl);
            c.id.push(*id);
            c.ind.push(code(i));
            c.t_min.push(lo);
            c.t_max.push(hi);
            c.tol_abs.push(abs);
            c.tol_pct.push(pct);
            c.judged.push(r.judged);
            c.basis.push(r.basis.key());
            c.target_ref.push(code(r.index));
            c.g_lo.push(th.green_lo);
            c.g_hi.push(th.green_hi);
            c.y_lo.push(th.yellow_lo);
            c.y_hi.push(th.yellow_hi);
        }
    }
    df!(
        "lvl" => c.lvl,
        "id" => c.id,
        "ind" => c.ind,
        "t_min" => c.t_min,
        "t_max" => c.t_max,
        "tol_abs" => c.tol_abs,
        "tol_pct" => c.tol_pct,
        "judged" => c.judged,
        "target_basis" => c.basis,
        "target_ref" => c.target_ref,
        "g_lo" => c.g_lo,
        "g_hi" => c.g_hi,
        "y_lo" => c.y_lo,
        "y_hi" => c.y_hi,
    )
}

#[derive(Default)]
struct Cols {
    lvl: Vec<u32>,
    id: Vec<u32>,
    ind: Vec<u32>,
    t_min: Vec<f64>,
    t_max: Vec<f64>,
    tol_abs: Vec<f64>,
    tol_pct: Vec<f64>,
    judged: Vec<bool>,
    basis: Vec<&'static str>,
    target_ref: Vec<u32>,
    g_lo: Vec<f64>,
    g_hi: Vec<f64>,
    y_lo: Vec<f64>,
    y_hi: Vec<f64>,
}
