//! The levels outcomes and målvärden belong to, and the chain a målvärde is looked up in.

use crate::domain::{ForvaltningId, UnitId};

/// The level a målvärde or an outcome belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Kommun,
    Forvaltning(ForvaltningId),
    Unit(UnitId),
}

impl Level {
    /// The kind of level as a key: `kommun`, `forvaltning` or `enhet` (as in `indikatorer.toml`).
    pub fn kind_key(&self) -> &'static str {
        match self {
            Level::Kommun => "kommun",
            Level::Forvaltning(_) => "forvaltning",
            Level::Unit(_) => "enhet",
        }
    }

    /// The id of a förvaltning or unit; "" for the kommun.
    pub fn id(&self) -> &str {
        match self {
            Level::Kommun => "",
            Level::Forvaltning(f) => f.as_str(),
            Level::Unit(u) => u.as_str(),
        }
    }

    /// Swedish text: "kommunen", "förvaltning BUF", "enhet buf-fsk-solrosen".
    pub fn swedish(&self) -> String {
        match self {
            Level::Kommun => "kommunen".into(),
            Level::Forvaltning(f) => format!("förvaltning {f}"),
            Level::Unit(u) => format!("enhet {u}"),
        }
    }

    /// The levels a målvärde of this level is looked up in, its own first: a unit, its
    /// förvaltning (`forvaltning`, when known), the kommun.
    pub fn chain(&self, forvaltning: Option<&ForvaltningId>) -> Vec<Level> {
        match self {
            Level::Kommun => vec![Level::Kommun],
            Level::Forvaltning(f) => vec![Level::Forvaltning(f.clone()), Level::Kommun],
            Level::Unit(u) => {
                let mut v = vec![Level::Unit(u.clone())];
                if let Some(f) = forvaltning {
                    v.push(Level::Forvaltning(f.clone()));
                }
                v.push(Level::Kommun);
                v
            }
        }
    }
}
