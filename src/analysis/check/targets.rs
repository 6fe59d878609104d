//! Which målvärde applies to a row: inheritance between levels and the period rule
//! ([`super::rules::TARGET_RULE`]).

use std::collections::HashMap;

use polars::prelude::*;

use crate::domain::{Period, TertialRule};
use crate::workspace::Workspace;
use crate::workspace::catalogue::{Catalogue, Indicator, Level, Target, TargetValue, Tolerance};

/// How a row's målvärde follows from the målvärde found in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetBasis {
    /// A målvärde for the period itself.
    Own,
    /// The year's målvärde, as it is (tertial_rule = annual).
    Annual,
    /// The year's målvärde times `months`/12 (tertial_rule = pro_rata).
    ProRata { months: u8 },
    /// The year's målvärde exists but the indicator is judged at the end of the year only
    /// (tertial_rule = not_judged).
    NotJudged,
}

impl TargetBasis {
    /// The key used in frames and JSON.
    pub fn key(self) -> &'static str {
        match self {
            TargetBasis::Own => "own",
            TargetBasis::Annual => "annual",
            TargetBasis::ProRata { .. } => "pro_rata",
            TargetBasis::NotJudged => "not_judged",
        }
    }
}

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
        let level = level_text(&self.level);
        let basis = match self.basis {
            TargetBasis::Own => String::new(),
            TargetBasis::Annual => ", helårets målvärde".into(),
            TargetBasis::ProRata { months } => format!(", pro rata {months}/12"),
            TargetBasis::NotJudged => ", bedöms inte under året".into(),
        };
        format!("{level} {}{basis}", self.period)
    }
}

/// "kommunen", "förvaltning BUF", "enhet buf-fsk-solrosen".
pub fn level_text(l: &Level) -> String {
    match l {
        Level::Kommun => "kommunen".into(),
        Level::Forvaltning(f) => format!("förvaltning {f}"),
        Level::Unit(u) => format!("enhet {u}"),
    }
}

/// The målvärde that applies to a row, made effective for the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The effective målvärde (pro rata already applied); for a row that is not judged, the
    /// year's målvärde for information.
    pub value: TargetValue,
    /// The effective tolerance (an absolute band is scaled with a pro-rata målvärde).
    pub tolerance: Tolerance,
    pub judged: bool,
    pub source: TargetSource,
}

/// The catalogue's målvärden by indicator, level and period.
pub(super) struct TargetIndex<'a> {
    map: HashMap<(&'a str, &'a Level, Period), &'a Target>,
}

impl<'a> TargetIndex<'a> {
    pub fn new(cat: &'a Catalogue) -> Self {
        let mut map = HashMap::new();
        for t in &cat.targets {
            map.entry((t.indicator.as_str(), &t.level, t.period))
                .or_insert(t);
        }
        Self { map }
    }

    /// The målvärde for `ind` at the first level of `chain` (the row's level first) that has
    /// one, for `period`.
    pub fn resolve(&self, ind: &Indicator, chain: &[Level], period: Period) -> Option<Resolved> {
        let year = Period::Year(period.year());
        for level in chain {
            let key = |p: Period| (ind.id.as_str(), level, p);
            if let Some(t) = self.map.get(&key(period)) {
                return Some(Resolved {
                    value: t.value,
                    tolerance: ind.tolerance,
                    judged: true,
                    source: source(t, TargetBasis::Own),
                });
            }
            if period == year {
                continue;
            }
            let Some(t) = self.map.get(&key(year)) else {
                continue;
            };
            return Some(match ind.tertial_rule {
                TertialRule::Annual => Resolved {
                    value: t.value,
                    tolerance: ind.tolerance,
                    judged: true,
                    source: source(t, TargetBasis::Annual),
                },
                TertialRule::ProRata => {
                    let months = period.months().unwrap_or(12);
                    let f = f64::from(months) / 12.0;
                    let value = match t.value {
                        TargetValue::Point(v) => TargetValue::Point(v * f),
                        TargetValue::Interval { min, max } => TargetValue::Interval {
                            min: min * f,
                            max: max * f,
                        },
                    };
                    let tolerance = match ind.tolerance {
                        Tolerance::Absolute(w) => Tolerance::Absolute(w * f),
                        other => other,
                    };
                    Resolved {
                        value,
                        tolerance,
                        judged: true,
                        source: source(t, TargetBasis::ProRata { months }),
                    }
                }
                TertialRule::NotJudged => Resolved {
                    value: t.value,
                    tolerance: ind.tolerance,
                    judged: false,
                    source: source(t, TargetBasis::NotJudged),
                },
            });
        }
        None
    }
}

fn source(t: &Target, basis: TargetBasis) -> TargetSource {
    TargetSource {
        level: t.level.clone(),
        period: t.period,
        basis,
        defined_at: t.locs.entry().to_string(),
    }
}

/// The levels searched for a row, its own first.
pub(super) fn chain(ws: &Workspace, level: &Level) -> Vec<Level> {
    match level {
        Level::Kommun => vec![Level::Kommun],
        Level::Forvaltning(f) => vec![Level::Forvaltning(f.clone()), Level::Kommun],
        Level::Unit(u) => {
            let mut v = vec![Level::Unit(u.clone())];
            if let Some(unit) = ws.config.unit(u.as_str()) {
                v.push(Level::Forvaltning(unit.forvaltning.clone()));
            }
            v.push(Level::Kommun);
            v
        }
    }
}

/// The frame key of a level: (`enhet` | `forvaltning` | `kommun`, id or "").
pub(super) fn level_key(l: &Level) -> (&'static str, &str) {
    match l {
        Level::Kommun => ("kommun", ""),
        Level::Forvaltning(f) => ("forvaltning", f.as_str()),
        Level::Unit(u) => ("enhet", u.as_str()),
    }
}

/// The effective målvärden of every unit, förvaltning and the kommun for every indicator, as a
/// frame keyed by `level`, `id`, `indicator`, with `t_min`, `t_max` (a point is min = max),
/// `tol_abs`, `tol_pct`, `judged` and the source: `target_level`, `target_id`,
/// `target_period`, `target_basis`.
pub(super) fn frame(ws: &Workspace, idx: &TargetIndex<'_>, period: Period) -> PolarsResult<DataFrame> {
    let mut levels: Vec<Level> = vec![Level::Kommun];
    levels.extend(
        ws.config
            .forvaltningar
            .iter()
            .map(|f| Level::Forvaltning(f.id.clone())),
    );
    levels.extend(ws.config.units.iter().map(|u| Level::Unit(u.id.clone())));
    let mut c = Cols::default();
    for level in &levels {
        let ch = chain(ws, level);
        let (lk, id) = level_key(level);
        for ind in &ws.catalogue.indicators {
            let Some(r) = idx.resolve(ind, &ch, period) else {
                continue;
            };
            let (lo, hi) = super::rules::bounds(r.value);
            let (abs, pct) = match r.tolerance {
                Tolerance::None => (0.0, 0.0),
                Tolerance::Absolute(w) => (w, 0.0),
                Tolerance::Relative(p) => (0.0, p),
            };
            let (slk, sid) = level_key(&r.source.level);
            c.level.push(lk);
            c.id.push(id.to_string());
            c.indicator.push(ind.id.as_str().to_string());
            c.t_min.push(lo);
            c.t_max.push(hi);
            c.tol_abs.push(abs);
            c.tol_pct.push(pct);
            c.judged.push(r.judged);
            c.target_level.push(slk);
            c.target_id.push(sid.to_string());
            c.target_period.push(r.source.period.to_string());
            c.target_basis.push(r.source.basis.key());
        }
    }
    df!(
        "level" => c.level,
        "id" => c.id,
        "indicator" => c.indicator,
        "t_min" => c.t_min,
        "t_max" => c.t_max,
        "tol_abs" => c.tol_abs,
        "tol_pct" => c.tol_pct,
        "judged" => c.judged,
        "target_level" => c.target_level,
        "target_id" => c.target_id,
        "target_period" => c.target_period,
        "target_basis" => c.target_basis,
    )
}

#[derive(Default)]
struct Cols {
    level: Vec<&'static str>,
    id: Vec<String>,
    indicator: Vec<String>,
    t_min: Vec<f64>,
    t_max: Vec<f64>,
    tol_abs: Vec<f64>,
    tol_pct: Vec<f64>,
    judged: Vec<bool>,
    target_level: Vec<&'static str>,
    target_id: Vec<String>,
    target_period: Vec<String>,
    target_basis: Vec<&'static str>,
}
