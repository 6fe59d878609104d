//! Activity status of the units' development goals and assessments of quality factors, counted.

use polars::prelude::*;

use super::frames::{ENHET, FORVALTNING, KOMMUN, u32_lit};

fn texts(t: &DataFrame, role: &str, name: &str) -> LazyFrame {
    t.clone()
        .lazy()
        .filter(col("role").eq(lit(role.to_string())))
        .select([
            col("unit"),
            col("section"),
            col("key"),
            col("text").alias(name),
        ])
}

/// Rows of one role (`main`, the counted value) with the text of another role in the same row
/// (`by`): `unit`, `forv`, `by` ("" when none), `main`.
fn paired(t: &DataFrame, units: &DataFrame, main: &str, by: &str) -> LazyFrame {
    let k = || [col("unit"), col("section"), col("key")];
    texts(t, main, "main")
        .filter(col("main").is_not_null())
        .join(texts(t, by, "by"), k(), k(), JoinArgs::new(JoinType::Left))
        .join(
            units
                .clone()
                .lazy()
                .select([col("id").alias("unit"), col("forv")]),
            [col("unit")],
            [col("unit")],
            JoinArgs::new(JoinType::Inner),
        )
        .select([
            col("unit"),
            col("forv"),
            col("by").fill_null(lit("")),
            col("main"),
        ])
}

/// Activity statuses counted per unit and development goal: `unit`, `by` (the goal's text),
/// `main` (the status), `n`. `t` holds the period's texts (`frames::Loaded::texts`).
pub(super) fn activities(t: &DataFrame, units: &DataFrame) -> PolarsResult<DataFrame> {
    paired(t, units, "activity_status", "goal")
        .group_by([col("unit"), col("by"), col("main")])
        .agg([len().cast(DataType::UInt32).alias("n")])
        .collect()
}

/// Quality-factor assessments counted per perspective at every level: `lvl`, `id`, `by` (the
/// perspective's text), `main` (the assessment), `n`.
pub(super) fn quality(t: &DataFrame, units: &DataFrame) -> PolarsResult<DataFrame> {
    let rows = paired(t, units, "assessment", "perspective").cache();
    let count = |lvl: u32, id: Expr| {
        rows.clone()
            .with_column(id.alias("id"))
            .group_by([col("id"), col("by"), col("main")])
            .agg([len().cast(DataType::UInt32).alias("n")])
            .select([
                u32_lit(lvl).alias("lvl"),
                col("id"),
                col("by"),
                col("main"),
                col("n"),
            ])
    };
    concat(
        [
            count(KOMMUN, u32_lit(0)),
            count(FORVALTNING, col("forv")),
            count(ENHET, col("unit")),
        ],
        UnionArgs::default(),
    )?
    .collect()
}
