//! The peer lens in check: for each catalogue indicator with a Kolada id, the kommun's Kolada
//! value beside its peers' (`[kolada] peers` in styr.toml), as `styr import kolada` stored them
//! (section `kolada`, key the KPI, field the gender, unit the municipality id, period the
//! year). The position itself is [`crate::model::peer_position`]; this module finds the values
//! and says what is missing. Kept apart from the target lens: a [`PeerRow`] never changes a
//! [`super::Status`].
//!
//! The year is the latest Kolada year, up to the checked period's year, for which the kommun
//! (else any peer) has a value; the peers are compared in that same year.

use std::collections::BTreeMap;

use crate::analysis::store::{KOLADA_SOURCE as SOURCE, Store};
use crate::domain::{Area, Direction, IndicatorId, Period};
use crate::model::{NoPosition, PeerPosition, peer_position};
use crate::workspace::Workspace;

/// Kolada's value for the whole population (not split by gender).
const TOTAL: &str = "T";

/// A KPI's values of one year: municipality id → (value, Kolada status).
type ByMunicipality<'a> = BTreeMap<&'a str, (f64, &'a str)>;

/// One indicator's peer lens.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerRow {
    pub indicator: IndicatorId,
    pub indicator_name: String,
    pub area: Area,
    /// The Kolada KPI id.
    pub kpi: String,
    pub direction: Direction,
    pub decimals: u8,
    /// The Kolada year compared; `None` when no value of the KPI is stored.
    pub year: Option<u16>,
    /// Kolada's status of the kommun's value as stored (`""` final, `Preliminary`).
    pub status: Option<String>,
    /// The kommun's value.
    pub value: Option<f64>,
    /// The declared peers, and those with a value for the year.
    pub peers: usize,
    pub peers_with_value: usize,
    /// Peers whose value for the year is not final.
    pub peers_preliminary: usize,
    pub position: Option<PeerPosition>,
    /// Why there is no position, or what is missing beside it (Swedish, as the reports and
    /// the JSON show it; the terminal table shows [`PeerRow::why`] in the run's language).
    pub note: Option<String>,
    /// [`PeerRow::note`] as data.
    pub why: Option<PeerNote>,
}

/// Why a peer row has no position, or what is missing beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeerNote {
    /// No value of the KPI is stored.
    NoValues { kpi: String },
    /// A peer group is named but not its kommuner.
    GroupWithoutPeers { group: String },
    /// No peers declared.
    NoPeers,
    /// The kommun has no value of its own.
    NoOwnValue,
    /// Fewer peers with a value than a rank needs.
    TooFewPeers { with_value: usize },
    /// Some peers lack a value.
    SomeMissing { with_value: usize, peers: usize },
    /// An interval indicator: no better or worse.
    Interval,
}

impl PeerNote {
    /// The note in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{Arg, tr};
        match self {
            PeerNote::NoValues { kpi } => {
                tr(lang, "check-peer-no-values", &[("kpi", Arg::from(kpi))])
            }
            PeerNote::GroupWithoutPeers { group } => tr(
                lang,
                "check-peer-group-without-peers",
                &[("group", Arg::from(group))],
            ),
            PeerNote::NoPeers => tr(lang, "check-peer-no-peers", &[]),
            PeerNote::NoOwnValue => tr(lang, "check-peer-no-own-value", &[]),
            PeerNote::TooFewPeers { with_value } => tr(
                lang,
                "check-peer-too-few",
                &[
                    ("n", Arg::from(*with_value)),
                    ("min", Arg::from(crate::model::MIN_PEERS)),
                ],
            ),
            PeerNote::SomeMissing { with_value, peers } => tr(
                lang,
                "check-peer-some-missing",
                &[("n", Arg::from(*with_value)), ("of", Arg::from(*peers))],
            ),
            PeerNote::Interval => tr(lang, "check-peer-interval", &[]),
        }
    }
}

/// Kolada's status in Swedish: final ("slutligt"), preliminary ("preliminär"), else as given.
pub fn status_swedish(status: &str) -> String {
    match status.trim() {
        "" => "slutligt".into(),
        s if s.eq_ignore_ascii_case("preliminary") => "preliminär".into(),
        s => s.to_lowercase(),
    }
}

impl PeerRow {
    /// "2025, preliminär"; "–" without a year.
    pub fn year_status(&self) -> String {
        match (self.year, &self.status) {
            (Some(y), Some(s)) => format!("{y}, {}", status_swedish(s)),
            (Some(y), None) => y.to_string(),
            (None, _) => "–".into(),
        }
    }
}

/// The peer rows of the workspace's Kolada indicators for `period`, catalogue order.
pub fn peer_rows(ws: &Workspace, store: &Store, period: Period) -> Vec<PeerRow> {
    let Some(kommun) = ws.config.kommun.kolada_id.as_deref() else {
        return Vec::new();
    };
    let peers = &ws.sources.kolada_peers;
    // (kpi, year) → municipality → (value, status).
    let mut found: BTreeMap<(&str, u16), ByMunicipality<'_>> = BTreeMap::new();
    for v in store.values.iter().filter(|v| {
        v.section == SOURCE
            && v.field == TOTAL
            && v.import.as_ref().is_some_and(|i| i.source == SOURCE)
    }) {
        let (Period::Year(y), Some(n)) = (v.period, v.number) else {
            continue;
        };
        if y > period.year() {
            continue;
        }
        let status = v
            .import
            .as_ref()
            .and_then(|i| i.status.as_deref())
            .unwrap_or_default();
        found
            .entry((v.key.as_str(), y))
            .or_default()
            .insert(v.unit.as_str(), (n, status));
    }
    let mut out = Vec::new();
    for ind in &ws.catalogue.indicators {
        let Some(kpi) = ind.kolada.as_deref() else {
            continue;
        };
        let years = || found.range((kpi, 0)..=(kpi, u16::MAX));
        let year = years()
            .rev()
            .find(|(_, m)| m.contains_key(kommun))
            .or_else(|| years().next_back())
            .map(|((_, y), _)| *y);
        let of_year = year.and_then(|y| found.get(&(kpi, y)));
        let own = of_year.and_then(|m| m.get(kommun));
        let peer_values: Vec<(f64, &str)> = peers
            .iter()
            .filter_map(|p| of_year.and_then(|m| m.get(p.as_str())).copied())
            .collect();
        let numbers: Vec<f64> = peer_values.iter().map(|(n, _)| *n).collect();
        let position = peer_position(own.map(|(n, _)| *n), &numbers, ind.direction);
        let missing = peers.len() - peer_values.len();
        let why = match (&position, year) {
            (_, None) => Some(PeerNote::NoValues {
                kpi: kpi.to_string(),
            }),
            _ if peers.is_empty() => Some(match &ws.sources.kolada_group {
                Some(g) => PeerNote::GroupWithoutPeers {
                    group: g.to_string(),
                },
                None => PeerNote::NoPeers,
            }),
            (Err(NoPosition::NoOwnValue), _) => Some(PeerNote::NoOwnValue),
            (Err(NoPosition::TooFewPeers { with_value }), _) => Some(PeerNote::TooFewPeers {
                with_value: *with_value,
            }),
            (Ok(_), _) if missing > 0 => Some(PeerNote::SomeMissing {
                with_value: peer_values.len(),
                peers: peers.len(),
            }),
            (Ok(_), _) if ind.direction == Direction::Interval => Some(PeerNote::Interval),
            (Ok(_), _) => None,
        };
        let note = why.as_ref().map(|w| w.text(crate::i18n::Lang::Sv));
        out.push(PeerRow {
            indicator: ind.id.clone(),
            indicator_name: ind.name.clone(),
            area: ind.area,
            kpi: kpi.to_string(),
            direction: ind.direction,
            decimals: ind.decimals,
            year,
            status: own.map(|(_, s)| (*s).to_string()),
            value: own.map(|(n, _)| *n),
            peers: peers.len(),
            peers_with_value: peer_values.len(),
            peers_preliminary: peer_values
                .iter()
                .filter(|(_, s)| !s.trim().is_empty())
                .count(),
            position: position.ok(),
            note,
            why,
        });
    }
    out
}
