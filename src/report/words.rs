//! The words of the model as the reports show them, in the surface's language (`workbooks`
//! catalogue): status lights, reasons, trends. Swedish reads exactly as the model's own
//! `swedish()` words; the stored keys never change.

use crate::analysis::check::{IndicatorRow, Provenance, Reason, Status, Trend};
use crate::domain::{
    Area, Direction, FormKind, Frequency, Measure, Perspective, ReportedBy, Rollup, TertialRule,
};
use crate::tx;

/// A status light's word: "Uppfyllt", in English "Met".
pub fn status(s: Status) -> String {
    match s {
        Status::Uppfyllt => tx!("report-status-met"),
        Status::Delvis => tx!("report-status-partly"),
        Status::EjUppfyllt => tx!("report-status-not-met"),
        Status::EjBedomt => tx!("report-status-not-judged"),
    }
}

/// Why a light is grey: "inget målvärde".
pub fn reason(r: Reason) -> String {
    match r {
        Reason::NotRolledUp => tx!("report-reason-not-rolled-up"),
        Reason::Incomplete => tx!("report-reason-incomplete"),
        Reason::NoValue => tx!("report-reason-no-value"),
        Reason::NoReturn => tx!("report-reason-no-return"),
        Reason::CellError => tx!("report-reason-cell-error"),
        Reason::NoTarget => tx!("report-reason-no-target"),
        Reason::NotJudged => tx!("report-reason-not-judged"),
        Reason::NoInput => tx!("report-reason-no-input"),
    }
}

/// How many units a rolled-up value covers when some are missing: "3 av 5 enheter".
pub fn coverage(counted: usize, missing: usize) -> Option<String> {
    (missing > 0)
        .then(|| tx!("report-coverage", "counted" => counted, "total" => counted + missing))
}

/// The coverage of an indicator row's rolled-up value, as [`coverage`].
pub fn row_coverage(r: &IndicatorRow) -> Option<String> {
    match &r.provenance {
        Provenance::Rollup {
            from,
            missing,
            without_weight,
            ..
        } => coverage(
            from.len(),
            usize::try_from(missing + without_weight).unwrap_or(usize::MAX),
        ),
        _ => None,
    }
}

/// Why a row is not judged, with the coverage of an incomplete sum ("ofullständig summa: 3
/// av 5 enheter har utfall").
pub fn row_reason(r: &IndicatorRow) -> Option<String> {
    let why = r.reason?;
    Some(match (why, row_coverage(r)) {
        (Reason::Incomplete, Some(c)) => tx!("report-reason-incomplete-of", "coverage" => c),
        _ => reason(why),
    })
}

/// A trend's word: "Bättre".
pub fn trend(t: Trend) -> String {
    match t {
        Trend::Battre => tx!("report-trend-better"),
        Trend::Oforandrad => tx!("report-trend-unchanged"),
        Trend::Samre => tx!("report-trend-worse"),
    }
}

/// A perspective: "Målgrupp".
pub fn perspective(p: Perspective) -> String {
    match p {
        Perspective::Malgrupp => tx!("report-perspective-malgrupp"),
        Perspective::Medarbetare => tx!("report-perspective-medarbetare"),
        Perspective::Verksamhet => tx!("report-perspective-verksamhet"),
        Perspective::Ekonomi => tx!("report-perspective-ekonomi"),
    }
}

/// An area: "Personal".
pub fn area(a: Area) -> String {
    match a {
        Area::Ekonomi => tx!("report-area-ekonomi"),
        Area::Personal => tx!("report-area-personal"),
        Area::Kompetens => tx!("report-area-kompetens"),
        Area::Verksamhet => tx!("report-area-verksamhet"),
        Area::Malgrupp => tx!("report-area-malgrupp"),
    }
}

/// A direction: "Högre är bättre".
pub fn direction(d: Direction) -> String {
    match d {
        Direction::Higher => tx!("report-direction-higher"),
        Direction::Lower => tx!("report-direction-lower"),
        Direction::Interval => tx!("report-direction-interval"),
    }
}

/// A roll-up rule: "Medelvärde".
pub fn rollup(r: Rollup) -> String {
    match r {
        Rollup::Sum => tx!("report-rollup-sum"),
        Rollup::Mean => tx!("report-rollup-mean"),
        Rollup::WeightedMean => tx!("report-rollup-weighted-mean"),
        Rollup::Median => tx!("report-rollup-median"),
        Rollup::Ratio => tx!("report-rollup-ratio"),
        Rollup::None => tx!("report-rollup-none"),
    }
}

/// How a period before the year's end is judged: "Bedöms inte under året".
pub fn tertial_rule(r: TertialRule) -> String {
    match r {
        TertialRule::Annual => tx!("report-tertial-rule-annual"),
        TertialRule::ProRata => tx!("report-tertial-rule-pro-rata"),
        TertialRule::NotJudged => tx!("report-tertial-rule-not-judged"),
    }
}

/// How often an indicator is reported: "Tertial".
pub fn frequency(f: Frequency) -> String {
    match f {
        Frequency::Month => tx!("report-frequency-month"),
        Frequency::Tertial => tx!("report-frequency-tertial"),
        Frequency::Year => tx!("report-frequency-year"),
    }
}

/// Who reports an indicator: "Enheten".
pub fn reported_by(r: ReportedBy) -> String {
    match r {
        ReportedBy::Unit => tx!("report-reported-by-unit"),
        ReportedBy::Central => tx!("report-reported-by-central"),
    }
}

/// A unit of measure: "dagar"; the symbols (%, kr, tkr, mnkr) are the same in both languages.
pub fn measure(m: Measure) -> String {
    match m {
        Measure::Days => tx!("report-measure-days"),
        Measure::Count => tx!("report-measure-count"),
        Measure::Ratio => tx!("report-measure-ratio"),
        Measure::Hours => tx!("report-measure-hours"),
        Measure::Percent | Measure::Kr | Measure::Tkr | Measure::Mnkr | Measure::Index => {
            m.swedish().to_string()
        }
    }
}

/// A template kind: "Uppföljning".
pub fn form_kind(k: FormKind) -> String {
    match k {
        FormKind::Verksamhetsplan => tx!("report-form-verksamhetsplan"),
        FormKind::Uppfoljning => tx!("report-form-uppfoljning"),
        FormKind::Malvarden => tx!("report-form-malvarden"),
        FormKind::Internkontroll => tx!("report-form-internkontroll"),
    }
}

/// The coverage of an economy row's sums, as [`coverage`] (`None` for a unit).
pub fn economy_coverage(e: &crate::analysis::check::EconomyRow) -> Option<String> {
    match e.level {
        crate::workspace::catalogue::Level::Unit(_) => None,
        _ => coverage(
            usize::try_from(e.units).unwrap_or(0),
            usize::try_from(e.missing).unwrap_or(0),
        ),
    }
}

/// Where a row's målvärde came from: "kommunen 2026, helårets målvärde".
pub fn target_source(t: &crate::analysis::check::TargetSource) -> String {
    use crate::model::TargetBasis;
    use crate::workspace::catalogue::Level;
    let level = match &t.level {
        Level::Kommun => tx!("report-target-kommun"),
        Level::Forvaltning(f) => tx!("report-target-forvaltning", "id" => f.to_string()),
        Level::Unit(u) => tx!("report-target-unit", "id" => u.to_string()),
    };
    let basis = match t.basis {
        TargetBasis::Own => String::new(),
        TargetBasis::Annual => format!(", {}", tx!("report-target-annual")),
        TargetBasis::ProRata { months } => format!(", pro rata {months}/12"),
        TargetBasis::NotJudged => format!(", {}", tx!("report-reason-not-judged")),
    };
    format!("{level} {}{basis}", t.period)
}

#[cfg(test)]
mod tests {
    use crate::analysis::check::{
        ECONOMY_RULE, GOAL_RULE, ROLLUP_RULE, STATUS_RULE, TARGET_RULE, TREND_RULE,
    };
    use crate::i18n::{Lang, tr};

    /// The reports show the rules from the catalogue; its Swedish must stay the model's own
    /// words (the constants the docs and the check quote).
    #[test]
    fn the_swedish_rules_are_the_models_rules() {
        for (key, rule) in [
            ("report-rule-status", STATUS_RULE),
            ("report-rule-target", TARGET_RULE),
            ("report-rule-rollup", ROLLUP_RULE),
            ("report-rule-trend", TREND_RULE),
            ("report-rule-economy", ECONOMY_RULE),
            ("report-rule-goal", GOAL_RULE),
        ] {
            assert_eq!(tr(Lang::Sv, key, &[]), rule, "{key}");
            assert_ne!(tr(Lang::En, key, &[]), rule, "{key}");
        }
    }

    /// The Swedish words of the lights are the model's `swedish()` words.
    #[test]
    fn the_swedish_words_are_the_models_words() {
        use crate::analysis::check::{Reason, Status, Trend};
        use crate::domain::{Area, Direction, Frequency, Perspective, Rollup, TertialRule};
        // The process's language is Swedish in unit tests (nothing sets it).
        for s in Status::ALL {
            assert_eq!(super::status(s), s.swedish());
        }
        for r in Reason::ALL {
            assert_eq!(super::reason(r), r.swedish());
        }
        for t in Trend::ALL {
            assert_eq!(super::trend(t), t.swedish());
        }
        for p in Perspective::ALL {
            assert_eq!(super::perspective(*p), p.swedish());
        }
        for a in Area::ALL {
            assert_eq!(super::area(*a), a.swedish());
        }
        for d in Direction::ALL {
            assert_eq!(super::direction(*d), d.swedish());
        }
        for r in Rollup::ALL {
            assert_eq!(super::rollup(*r), r.swedish());
        }
        for r in TertialRule::ALL {
            assert_eq!(super::tertial_rule(*r), r.swedish());
        }
        for f in Frequency::ALL {
            assert_eq!(super::frequency(*f), f.swedish());
        }
        for m in crate::domain::Measure::ALL {
            assert_eq!(super::measure(*m), m.swedish());
        }
        for k in crate::domain::FormKind::ALL {
            assert_eq!(super::form_kind(*k), k.swedish());
        }
        {
            use crate::analysis::check::{TargetBasis, TargetSource};
            use crate::workspace::catalogue::Level;
            let forv = crate::domain::ForvaltningId::new("BUF").unwrap();
            for level in [Level::Kommun, Level::Forvaltning(forv)] {
                for basis in [
                    TargetBasis::Own,
                    TargetBasis::Annual,
                    TargetBasis::ProRata { months: 4 },
                    TargetBasis::NotJudged,
                ] {
                    let t = TargetSource {
                        level: level.clone(),
                        period: crate::domain::Period::parse("2026").unwrap(),
                        basis,
                        defined_at: String::new(),
                    };
                    assert_eq!(super::target_source(&t), t.swedish());
                }
            }
        }
        for p in [
            "2026-01",
            "2026-12",
            "2026-T1",
            "2026-T2",
            "2026",
            "2027-plan",
        ] {
            let p = crate::domain::Period::parse(p).unwrap();
            assert_eq!(p.shown(), p.swedish());
        }
    }
}
