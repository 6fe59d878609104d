//! The polars pipeline of the indicator check: outcomes joined with the rows that should have
//! them, rolled up unit → förvaltning → kommun, joined with målvärden, judged and compared with
//! earlier periods.
//!
//! Units, förvaltningar and indicators are integer codes (see `frames`). The result frame's
//! columns are documented at [`super::CheckResult::frame`].

use polars::prelude::*;

use super::frames::{
    ENHET, FORVALTNING, KOMMUN, ROLLED_UP, abs, null_f64, null_str, null_u32, u32_lit,
};
use super::rules::EDGE_EPSILON;

/// The frames the pipeline starts from.
pub(super) struct Inputs {
    /// `lvl`, `id`, `ind`, `per`, `value`, `kind`, `src` (see `frames::Loaded`).
    pub outcomes: DataFrame,
    /// `id`, `forv`, `ind` of the rows units should report.
    pub expected: DataFrame,
    /// `id`, `forv`, `budget`.
    pub units: DataFrame,
    /// `ind`, `direction`, `rollup`, `weight`, `unchanged`, `reported`, `pro_rata`, `scale` (a
    /// ratio's).
    pub indicators: DataFrame,
    /// `lvl`, `id`, `ind`, `t_min`, `t_max`, `tol_abs`, `tol_pct`, `judged`, `target_basis`, and
    /// the model's thresholds `g_lo`, `g_hi`, `y_lo`, `y_hi` (see `targets::frame`).
    pub targets: DataFrame,
    /// (`lvl`, `id`) → `level`, `id_text`; `ind` → `indicator`.
    pub names: (DataFrame, DataFrame),
}

fn keys3() -> [Expr; 3] {
    [col("lvl"), col("id"), col("ind")]
}

fn join(a: LazyFrame, b: LazyFrame, on: &[&str], how: JoinType) -> LazyFrame {
    let k: Vec<Expr> = on.iter().map(|c| col(*c)).collect();
    a.join(b, k.clone(), k, JoinArgs::new(how))
}

fn left(a: LazyFrame, b: LazyFrame, on: &[&str]) -> LazyFrame {
    join(a, b, on, JoinType::Left)
}

fn list_null() -> Expr {
    lit(NULL).cast(DataType::List(Box::new(DataType::UInt32)))
}

/// The columns every value frame has, in order.
fn value_columns() -> Vec<Expr> {
    [
        "lvl",
        "id",
        "ind",
        "value",
        "kind",
        "src",
        "n_units",
        "n_missing",
        "n_no_weight",
        "from",
    ]
    .into_iter()
    .map(col)
    .collect()
}

impl Inputs {
    fn outcomes_at(&self, per: u32) -> LazyFrame {
        self.outcomes.clone().lazy().filter(col("per").eq(lit(per)))
    }

    /// Every (unit, indicator) row: the expected ones and those with a stored outcome.
    fn unit_keys(&self) -> PolarsResult<DataFrame> {
        let observed = join(
            self.outcomes_at(0)
                .filter(col("lvl").eq(lit(ENHET)))
                .select([col("id"), col("ind")]),
            self.units.clone().lazy().select([col("id"), col("forv")]),
            &["id"],
            JoinType::Inner,
        )
        .select([col("id"), col("forv"), col("ind")]);
        concat(
            [self.expected.clone().lazy(), observed],
            UnionArgs::default(),
        )?
        .unique_stable_generic(Some(vec![col("id"), col("ind")]), UniqueKeepStrategy::First)
        .collect()
    }

    /// Values given for a förvaltning or the kommun.
    fn given(&self, per: u32) -> LazyFrame {
        self.outcomes_at(per)
            .filter(col("lvl").neq(lit(ENHET)))
            .with_columns([
                null_u32().alias("n_units"),
                null_u32().alias("n_missing"),
                null_u32().alias("n_no_weight"),
                list_null().alias("from"),
            ])
            .select(value_columns())
    }

    /// The values of every row at period `per`: units' own, given, rolled up.
    fn values_at(&self, unit_keys: &DataFrame, per: u32) -> PolarsResult<LazyFrame> {
        let obs_units = self
            .outcomes_at(per)
            .filter(col("lvl").eq(lit(ENHET)))
            .select([
                col("id"),
                col("ind"),
                col("value"),
                col("kind"),
                col("src"),
                col("num"),
                col("den"),
            ]);
        let unit_rows = join(
            join(
                left(
                    unit_keys.clone().lazy(),
                    self.indicators.clone().lazy().select([
                        col("ind"),
                        col("rollup"),
                        col("weight"),
                        col("scale"),
                    ]),
                    &["ind"],
                ),
                obs_units.clone(),
                &["id", "ind"],
                JoinType::Left,
            ),
            obs_units.select([
                col("id"),
                col("ind").alias("weight"),
                col("value").alias("w"),
            ]),
            &["id", "weight"],
            JoinType::Left,
        )
        // A ratio counts the units with a numerator and a denominator (a unit whose own
        // denominator is zero has no ratio but still adds to the sums).
        .with_column(
            when(col("rollup").eq(lit("ratio")))
                .then(col("num").is_not_null().and(col("den").is_not_null()))
                .otherwise(
                    col("value").is_not_null().and(
                        col("rollup")
                            .neq(lit("weighted_mean"))
                            .or(col("w").is_not_null()),
                    ),
                )
                .alias("contrib"),
        )
        .cache();
        let own = unit_rows.clone().select([
            u32_lit(ENHET).alias("lvl"),
            col("id"),
            col("ind"),
            col("value"),
            col("kind"),
            col("src"),
            null_u32().alias("n_units"),
            null_u32().alias("n_missing"),
            null_u32().alias("n_no_weight"),
            list_null().alias("from"),
        ]);
        let forv = rolled(
            unit_rows.clone(),
            vec![col("forv"), col("ind")],
            FORVALTNING,
            col("forv"),
        );
        let kommun = rolled(unit_rows, vec![col("ind")], KOMMUN, u32_lit(0));
        // Given values come before rolled-up ones, so that they win.
        Ok(
            concat([own, self.given(per), forv, kommun], UnionArgs::default())?
                .unique_stable_generic(Some(keys3().to_vec()), UniqueKeepStrategy::First),
        )
    }

    /// Every row that is judged: units' rows, förvaltningar with a unit row or a given value,
    /// the kommun for every indicator reported in the period, with a unit row or a given value.
    fn row_keys(&self, unit_keys: &DataFrame) -> PolarsResult<LazyFrame> {
        let given = self.given(0);
        let units = unit_keys.clone().lazy().select([
            u32_lit(ENHET).alias("lvl"),
            col("id"),
            col("forv"),
            col("ind"),
        ]);
        let forv = concat(
            [
                unit_keys.clone().lazy().select([col("forv"), col("ind")]),
                given
                    .clone()
                    .filter(col("lvl").eq(lit(FORVALTNING)))
                    .select([col("id").alias("forv"), col("ind")]),
            ],
            UnionArgs::default(),
        )?
        .unique_stable(None, UniqueKeepStrategy::First)
        .select([
            u32_lit(FORVALTNING).alias("lvl"),
            col("forv").alias("id"),
            col("forv"),
            col("ind"),
        ]);
        let kommun = concat(
            [
                self.indicators
                    .clone()
                    .lazy()
                    .filter(col("reported"))
                    .select([col("ind")]),
                unit_keys.clone().lazy().select([col("ind")]),
                given
                    .filter(col("lvl").eq(lit(KOMMUN)))
                    .select([col("ind")]),
            ],
            UnionArgs::default(),
        )?
        .unique_stable(None, UniqueKeepStrategy::First)
        .select([
            u32_lit(KOMMUN).alias("lvl"),
            u32_lit(0u32).alias("id"),
            null_u32().alias("forv"),
            col("ind"),
        ]);
        concat([kommun, forv, units], UnionArgs::default())
    }

    /// The whole check: `per` codes of the period, the previous period and the same period last
    /// year, each with the factor a cumulative indicator's earlier value is compared at
    /// (`model::TrendBasis::factor`; see the module documentation for the columns).
    pub fn run(
        &self,
        (prev, prev_factor): (u32, f64),
        (ly, ly_factor): (u32, f64),
    ) -> PolarsResult<DataFrame> {
        let unit_keys = self.unit_keys()?;
        let cur = self.values_at(&unit_keys, 0)?;
        let earlier = |per: u32, name: &str| -> PolarsResult<LazyFrame> {
            Ok(self.values_at(&unit_keys, per)?.select([
                col("lvl"),
                col("id"),
                col("ind"),
                col("value").alias(name),
            ]))
        };
        let prev = earlier(prev, "prev_value")?;
        let ly = earlier(ly, "ly_value")?;
        let k = ["lvl", "id", "ind"];
        let mut lf = self.row_keys(&unit_keys)?;
        lf = left(lf, cur, &k);
        lf = left(lf, prev, &k);
        lf = left(lf, ly, &k);
        lf = left(
            lf,
            self.indicators.clone().lazy().select([
                col("ind"),
                col("direction"),
                col("rollup"),
                col("unchanged"),
                col("pro_rata"),
            ]),
            &["ind"],
        );
        // Like with like: a cumulative indicator's earlier value over another span is compared
        // at the pace of the period.
        let compared = |p: &str, factor: f64| {
            when(col("pro_rata").fill_null(lit(false)))
                .then(col(format!("{p}_value")) * lit(factor))
                .otherwise(col(format!("{p}_value")))
                .alias(format!("{p}_cmp"))
        };
        lf = lf.with_columns([compared("prev", prev_factor), compared("ly", ly_factor)]);
        lf = left(lf, self.targets.clone().lazy(), &k);
        lf = left(lf, self.names.0.clone().lazy(), &["lvl", "id"]);
        lf = left(lf, self.names.1.clone().lazy(), &["ind"]);
        lf.with_columns(judgement())
            .with_column(deviation_pct())
            .with_columns(status())
            .with_columns(trend("prev"))
            .with_columns(trend("ly"))
            .rename(["id_text"], ["level_id"], true)
            .collect()
    }
}

/// Rolls the unit rows up by `by`, as rows of `lvl` with id `id`.
fn rolled(unit_rows: LazyFrame, by: Vec<Expr>, lvl: u32, id: Expr) -> LazyFrame {
    let c = || col("contrib");
    let v = || col("value").filter(c());
    let rule = |r: &str| col("rollup").eq(lit(r.to_string()));
    unit_rows
        .group_by(by)
        .agg([
            col("rollup").first(),
            col("scale").first(),
            c().sum().cast(DataType::UInt32).alias("n_units"),
            when(rule("ratio"))
                .then(c().not())
                .otherwise(col("value").is_null())
                .sum()
                .cast(DataType::UInt32)
                .alias("n_missing"),
            col("value")
                .is_not_null()
                .and(col("w").is_null())
                .and(rule("weighted_mean"))
                .sum()
                .cast(DataType::UInt32)
                .alias("n_no_weight"),
            v().sum().alias("r_sum"),
            v().mean().alias("r_mean"),
            v().median().alias("r_median"),
            (col("value") * col("w")).filter(c()).sum().alias("r_wsum"),
            col("w").filter(c()).sum().alias("r_wden"),
            col("num").filter(c()).sum().alias("r_num"),
            col("den").filter(c()).sum().alias("r_den"),
            col("id").filter(c()).alias("from"),
        ])
        .with_column(
            when(col("n_units").eq(lit(0u32)))
                .then(null_f64())
                // A sum with a unit missing is no total: no value.
                .when(rule("sum").and(col("n_missing").gt(lit(0u32))))
                .then(null_f64())
                .when(rule("sum"))
                .then(col("r_sum"))
                .when(rule("mean"))
                .then(col("r_mean"))
                .when(rule("median"))
                .then(col("r_median"))
                .when(rule("weighted_mean").and(col("r_wden").neq(lit(0.0))))
                .then(col("r_wsum") / col("r_wden"))
                // Σ numerator / Σ denominator × scale: a percentage rolled up correctly.
                .when(rule("ratio").and(col("r_den").neq(lit(0.0))))
                .then(col("r_num") / col("r_den") * col("scale"))
                .otherwise(null_f64())
                .alias("value"),
        )
        .select([
            u32_lit(lvl).alias("lvl"),
            id.alias("id"),
            col("ind"),
            col("value"),
            u32_lit(ROLLED_UP).alias("kind"),
            null_u32().alias("src"),
            col("n_units"),
            col("n_missing"),
            col("n_no_weight"),
            col("from"),
        ])
}

/// How close to a bound counts as on it: [`EDGE_EPSILON`] × (1 + |bound|).
fn eps(b: Expr) -> Expr {
    (abs(b) + lit(1.0)) * lit(EDGE_EPSILON)
}

fn dir(d: &str) -> Expr {
    col("direction").eq(lit(d.to_string()))
}

/// Whether `value` lies within the thresholds `lo` and `hi` (infinite on an open side).
fn within(lo: &str, hi: &str) -> Expr {
    col("value").gt_eq(col(lo)).and(col("value").lt_eq(col(hi)))
}

/// `reason` and `deviation` from `value`, `t_min`, `t_max`, `judged`, `direction`, `rollup`,
/// `lvl`, `kind` and `n_missing`.
pub(super) fn judgement() -> Vec<Expr> {
    let v = || col("value");
    let reason = when(
        v().is_null()
            .and(col("lvl").neq(lit(ENHET)))
            .and(col("rollup").eq(lit("none"))),
    )
    .then(lit("not_rolled_up"))
    .when(
        v().is_null()
            .and(col("kind").eq(lit(ROLLED_UP)))
            .and(col("rollup").eq(lit("sum")))
            .and(col("n_missing").gt(lit(0u32))),
    )
    .then(lit("incomplete"))
    .when(v().is_null())
    .then(lit("no_value"))
    .when(col("t_min").is_null())
    .then(lit("no_target"))
    .when(col("judged").fill_null(lit(false)).not())
    .then(lit("not_judged"))
    .otherwise(null_str())
    .alias("reason");
    // The bound a deviation is measured from.
    let reference = when(dir("higher"))
        .then(col("t_min"))
        .when(dir("lower"))
        .then(col("t_max"))
        .when(v().lt(col("t_min")))
        .then(col("t_min"))
        .when(v().gt(col("t_max")))
        .then(col("t_max"))
        .otherwise(v());
    let judged = v()
        .is_not_null()
        .and(col("t_min").is_not_null())
        .and(col("judged").fill_null(lit(false)));
    let deviation = when(judged)
        .then(v() - reference)
        .otherwise(null_f64())
        .alias("deviation");
    vec![reason, deviation]
}

/// `deviation_pct`: the deviation in percent of the bound it is measured from.
pub(super) fn deviation_pct() -> Expr {
    let v = || col("value");
    let reference = when(dir("higher"))
        .then(col("t_min"))
        .when(dir("lower"))
        .then(col("t_max"))
        .when(v().lt(col("t_min")))
        .then(col("t_min"))
        .otherwise(col("t_max"));
    when(col("deviation").eq(lit(0.0)))
        .then(lit(0.0))
        .when(reference.clone().neq(lit(0.0)))
        .then(col("deviation") / abs(reference) * lit(100.0))
        .otherwise(null_f64())
        .alias("deviation_pct")
}

/// `status` from `reason` and the model's thresholds `g_lo`, `g_hi`, `y_lo`, `y_hi`
/// (`model::Limits::thresholds`): green within the målvärde, yellow within the tolerance band,
/// red otherwise.
pub(super) fn status() -> Vec<Expr> {
    vec![
        when(col("reason").is_not_null())
            .then(lit("ej_bedomt"))
            .when(within("g_lo", "g_hi"))
            .then(lit("uppfyllt"))
            .when(within("y_lo", "y_hi"))
            .then(lit("delvis"))
            .otherwise(lit("ej_uppfyllt"))
            .alias("status"),
    ]
}

/// `{p}_change` and `{p}_trend` against the earlier value as compared, `{p}_cmp` (the value in
/// `{p}_value`, per month for a cumulative indicator over another span).
pub(super) fn trend(p: &str) -> Vec<Expr> {
    let v = || col("value");
    let e = || col(format!("{p}_cmp"));
    let dist = |x: Expr| {
        when(x.clone().lt(col("t_min")))
            .then(col("t_min") - x.clone())
            .when(x.clone().gt(col("t_max")))
            .then(x - col("t_max"))
            .otherwise(lit(0.0))
    };
    // Positive when the value moved the good way.
    let better = when(dir("higher"))
        .then(v() - e())
        .when(dir("lower"))
        .then(e() - v())
        .when(col("t_min").is_not_null())
        .then(dist(e()) - dist(v()))
        .otherwise(null_f64());
    let tiny = (abs(v()) + abs(e()) + lit(1.0)) * lit(EDGE_EPSILON);
    let thr = col("unchanged");
    vec![
        (v() - e()).alias(format!("{p}_change")),
        when(v().is_null().or(e().is_null()).or(better.clone().is_null()))
            .then(null_str())
            .when(
                abs(better.clone())
                    .lt_eq(tiny)
                    .or(abs(better.clone()).lt(thr.clone() - eps(thr))),
            )
            .then(lit("oforandrad"))
            .when(better.gt(lit(0.0)))
            .then(lit("battre"))
            .otherwise(lit("samre"))
            .alias(format!("{p}_trend")),
    ]
}
