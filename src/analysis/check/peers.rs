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
use crate::model::{PeerPosition, peer_position};
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
    /// Why there is no position, or what is missing beside it (Swedish).
    pub note: Option<String>,
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
        let note = match (&position, year) {
            (_, None) => Some(format!(
                "inga värden från Kolada för {kpi} (styr import kolada)"
            )),
            _ if peers.is_empty() => Some(match &ws.sources.kolada_group {
                Some(g) => format!(
                    "jämförelsegruppen {g} är angiven men inte dess kommuner: ange dem i [kolada] peers"
                ),
                None => "inga jämförelsekommuner angivna ([kolada] peers i styr.toml)".into(),
            }),
            (Err(why), _) => Some(why.swedish()),
            (Ok(_), _) if missing > 0 => Some(format!(
                "{} av {} jämförelsekommuner har värde",
                peer_values.len(),
                peers.len()
            )),
            (Ok(_), _) if ind.direction == Direction::Interval => {
                Some("bedöms inom ett intervall: ingen plats eller kvartil".into())
            }
            (Ok(_), _) => None,
        };
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
        });
    }
    out
}
