//! Economy: budget, spent so far and full-year forecast per unit, förvaltning and kommun, and
//! the deviation budget − prognos judged by [`super::rules::ECONOMY_RULE`].

use polars::prelude::*;

use super::frames::{ENHET, FORVALTNING, KOMMUN, abs, null_f64, null_u32, u32_lit};
use super::rules::{ECONOMY_YELLOW_PCT, EDGE_EPSILON};

fn role(economy: &DataFrame, r: &str, value: &str, src: &str) -> LazyFrame {
    economy
        .clone()
        .lazy()
        .filter(col("role").eq(lit(r.to_string())))
        .select([col("id"), col("number").alias(value), col("src").alias(src)])
        .unique_stable_generic(Some(vec![col("id")]), UniqueKeepStrategy::First)
}

/// `deviation`, `deviation_pct` and `status` from `budget`, `forecast`, `lvl` and `n_missing`.
fn judged(lf: LazyFrame) -> LazyFrame {
    let dev = || col("deviation");
    let eps = || (abs(col("budget")) + lit(1.0)) * lit(EDGE_EPSILON);
    // A total with units missing is no total (the model's one rule for a level with units
    // missing, `model::needs_every_unit`): a förvaltning or the kommun with a unit missing has
    // no deviation and is not judged.
    let incomplete = col("lvl")
        .neq(lit(ENHET))
        .and(col("n_missing").gt(lit(0u32)));
    lf.with_column(
        when(incomplete)
            .then(null_f64())
            .otherwise(col("budget") - col("forecast"))
            .alias("deviation"),
    )
    .with_columns([
        when(col("budget").neq(lit(0.0)))
            .then(dev() / abs(col("budget")) * lit(100.0))
            .otherwise(null_f64())
            .alias("deviation_pct"),
        when(dev().is_null())
            .then(lit("ej_bedomt"))
            .when(dev().gt_eq(lit(0.0) - eps()))
            .then(lit("uppfyllt"))
            .when(
                dev()
                    .gt_eq(lit(0.0) - abs(col("budget")) * lit(ECONOMY_YELLOW_PCT / 100.0) - eps()),
            )
            .then(lit("delvis"))
            .otherwise(lit("ej_uppfyllt"))
            .alias("status"),
    ])
}

/// One frame of every unit, förvaltning and the kommun: `lvl`, `id`, `budget`, `spent`,
/// `forecast`, `deviation`, `deviation_pct`, `status`, `n_units`, `n_missing` and, for units,
/// `spent_src` and `forecast_src` (positions in the store). `economy` holds the period's
/// spent and forecast figures (`frames::Loaded::economy`); `units` is `id`, `forv`, `budget`.
pub(super) fn frame(economy: &DataFrame, units: &DataFrame) -> PolarsResult<DataFrame> {
    let on = || [col("id")];
    let unit_rows = units
        .clone()
        .lazy()
        .join(
            role(economy, "spent", "spent", "spent_src"),
            on(),
            on(),
            JoinArgs::new(JoinType::Left),
        )
        .join(
            role(economy, "forecast", "forecast", "forecast_src"),
            on(),
            on(),
            JoinArgs::new(JoinType::Left),
        )
        .with_column(
            col("budget")
                .is_not_null()
                .and(col("forecast").is_not_null())
                .alias("incl"),
        )
        .cache();
    let sum_of = |c: &str| {
        when(col("incl").sum().eq(lit(0u32)))
            .then(null_f64())
            .otherwise(col(c).filter(col("incl")).sum())
            .alias(c)
    };
    let aggs = || {
        [
            sum_of("budget"),
            sum_of("spent"),
            sum_of("forecast"),
            col("incl").sum().cast(DataType::UInt32).alias("n_units"),
            col("incl")
                .not()
                .sum()
                .cast(DataType::UInt32)
                .alias("n_missing"),
        ]
    };
    let columns = || {
        [
            col("lvl"),
            col("id"),
            col("budget"),
            col("spent"),
            col("forecast"),
            col("n_units"),
            col("n_missing"),
            col("spent_src"),
            col("forecast_src"),
        ]
    };
    let units_out = unit_rows
        .clone()
        .with_columns([
            u32_lit(ENHET).alias("lvl"),
            col("incl").cast(DataType::UInt32).alias("n_units"),
            col("incl").not().cast(DataType::UInt32).alias("n_missing"),
        ])
        .select(columns());
    let forv = unit_rows
        .clone()
        .group_by_stable([col("forv")])
        .agg(aggs())
        .with_columns([
            u32_lit(FORVALTNING).alias("lvl"),
            col("forv").alias("id"),
            null_u32().alias("spent_src"),
            null_u32().alias("forecast_src"),
        ])
        .select(columns());
    let kommun = unit_rows
        .select(aggs())
        .with_columns([
            u32_lit(KOMMUN).alias("lvl"),
            u32_lit(0u32).alias("id"),
            null_u32().alias("spent_src"),
            null_u32().alias("forecast_src"),
        ])
        .select(columns());
    judged(concat([kommun, forv, units_out], UnionArgs::default())?).collect()
}
