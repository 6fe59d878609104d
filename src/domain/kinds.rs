//! Closed sets of the governance model. Serialised with the words a controller writes in the
//! workspace files; `swedish()` gives the text shown in workbooks.

use serde::{Deserialize, Serialize};

macro_rules! closed_set {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $serde:literal, $sv:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $serde)] $variant,)+
        }

        impl $name {
            /// Every value, in declaration order (the order used in reports).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word used in workspace files.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $serde,)+ }
            }

            /// The Swedish text shown in workbooks.
            pub fn swedish(self) -> &'static str {
                match self { $($name::$variant => $sv,)+ }
            }

            /// Parses the workspace word (exact) or the Swedish text (any case).
            pub fn parse(s: &str) -> Option<Self> {
                let t = s.trim();
                $(if t == $serde || t.eq_ignore_ascii_case($sv) { return Some($name::$variant); })+
                None
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.swedish())
            }
        }
    };
}

closed_set!(
    /// The four perspectives of the quality work.
    Perspective {
        Malgrupp => "Målgrupp", "Målgrupp";
        Medarbetare => "Medarbetare", "Medarbetare";
        Verksamhet => "Verksamhet", "Verksamhet";
        Ekonomi => "Ekonomi", "Ekonomi";
    }
);

closed_set!(
    /// The areas targets are reviewed in.
    Area {
        Ekonomi => "ekonomi", "Ekonomi";
        Personal => "personal", "Personal";
        Kompetens => "kompetens", "Kompetens";
        Verksamhet => "verksamhet", "Verksamhet";
        Malgrupp => "malgrupp", "Målgrupp";
    }
);

closed_set!(
    /// Which way an indicator should move.
    Direction {
        Higher => "higher", "Högre är bättre";
        Lower => "lower", "Lägre är bättre";
        Interval => "interval", "Inom intervall";
    }
);

closed_set!(
    /// How unit values combine into förvaltning and kommun values.
    Rollup {
        Sum => "sum", "Summa";
        Mean => "mean", "Medelvärde";
        WeightedMean => "weighted_mean", "Vägt medelvärde";
        Median => "median", "Median";
        Ratio => "ratio", "Kvot av summor";
        None => "none", "Summeras inte";
    }
);

closed_set!(
    /// How a month or tertial outcome is judged when only an annual target exists.
    TertialRule {
        Annual => "annual", "Mot helårets målvärde";
        ProRata => "pro_rata", "Mot helårets målvärde i proportion till perioden";
        NotJudged => "not_judged", "Bedöms inte under året";
    }
);

closed_set!(
    /// How often an indicator is reported.
    Frequency {
        Month => "month", "Månad";
        Tertial => "tertial", "Tertial";
        Year => "year", "År";
    }
);

closed_set!(
    /// Who reports an indicator's outcome.
    ReportedBy {
        Unit => "unit", "Enheten";
        Central => "central", "Centralt";
    }
);

closed_set!(
    /// Unit of measure of an indicator.
    Measure {
        Percent => "%", "%";
        Kr => "kr", "kr";
        Tkr => "tkr", "tkr";
        Mnkr => "mnkr", "mnkr";
        Days => "dagar", "dagar";
        Count => "antal", "antal";
        Index => "index", "index";
        Ratio => "kvot", "kvot";
        Hours => "timmar", "timmar";
    }
);

closed_set!(
    /// The template kinds styr generates and reads back.
    FormKind {
        Verksamhetsplan => "verksamhetsplan", "Verksamhetsplan";
        Uppfoljning => "uppfoljning", "Uppföljning";
        Malvarden => "malvarden", "Översyn av målvärden";
        Internkontroll => "internkontroll", "Uppföljning av intern kontroll";
    }
);

closed_set!(
    /// The type of an input field in a form definition.
    FieldType {
        Text => "text", "Text";
        LongText => "long_text", "Lång text";
        Number => "number", "Tal";
        Percent => "percent", "Procent";
        Amount => "amount", "Belopp";
        Date => "date", "Datum";
        Choice => "choice", "Val i lista";
        YesNo => "yes_no", "Ja/Nej";
    }
);

impl Direction {
    /// Whether `a` is better than `b` for this direction (not meaningful for intervals).
    pub fn better(self, a: f64, b: f64) -> bool {
        match self {
            Direction::Higher => a > b,
            Direction::Lower => a < b,
            Direction::Interval => false,
        }
    }
}

impl FieldType {
    /// Whether values of this type are numbers.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            FieldType::Number | FieldType::Percent | FieldType::Amount
        )
    }
}

impl Frequency {
    /// Whether an indicator of this frequency is reported for `period`: a monthly one for
    /// every follow-up period, a tertial one for the tertials and the year, a yearly one for
    /// the year; none for a planning period.
    pub fn reported_in(self, period: super::Period) -> bool {
        use super::Period;
        match (self, period) {
            // A plan covers the whole year: every indicator is planned for.
            (_, Period::Plan(_)) => true,
            (Frequency::Month, _) => true,
            (Frequency::Tertial, Period::Tertial { .. } | Period::Year(_)) => true,
            (Frequency::Year, Period::Year(_)) => true,
            _ => false,
        }
    }
}

impl FormKind {
    /// The file stem used for templates and form definitions.
    pub fn file_stem(self) -> &'static str {
        self.key()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequencies_are_reported_in_their_periods() {
        use crate::domain::Period;
        let p = |s: &str| Period::parse(s).unwrap();
        let reported = |f: Frequency| {
            ["2026-03", "2026-T1", "2026-T2", "2026", "2027-plan"]
                .iter()
                .map(|s| f.reported_in(p(s)))
                .collect::<Vec<_>>()
        };
        assert_eq!(reported(Frequency::Month), [true, true, true, true, true]);
        assert_eq!(
            reported(Frequency::Tertial),
            [false, true, true, true, true]
        );
        assert_eq!(reported(Frequency::Year), [false, false, false, true, true]);
    }

    #[test]
    fn keys_and_swedish_parse_back() {
        for p in Perspective::ALL {
            assert_eq!(Perspective::parse(p.key()), Some(*p));
        }
        assert_eq!(Area::parse("Målgrupp"), Some(Area::Malgrupp));
        assert_eq!(Area::parse("malgrupp"), Some(Area::Malgrupp));
        assert_eq!(Rollup::parse("weighted_mean"), Some(Rollup::WeightedMean));
        assert_eq!(Direction::parse("sideways"), None);
    }

    #[test]
    fn serde_uses_workspace_words() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct T {
            p: Perspective,
            r: Rollup,
            m: Measure,
            f: FieldType,
        }
        let t = T {
            p: Perspective::Malgrupp,
            r: Rollup::WeightedMean,
            m: Measure::Percent,
            f: FieldType::LongText,
        };
        let s = toml::to_string(&t).unwrap();
        assert!(s.contains("p = \"Målgrupp\""), "{s}");
        assert!(s.contains("r = \"weighted_mean\""), "{s}");
        assert!(s.contains("f = \"long_text\""), "{s}");
        assert_eq!(toml::from_str::<T>(&s).unwrap(), t);
    }

    #[test]
    fn direction_better() {
        assert!(Direction::Higher.better(2.0, 1.0));
        assert!(Direction::Lower.better(1.0, 2.0));
        assert!(!Direction::Lower.better(2.0, 2.0));
    }
}
