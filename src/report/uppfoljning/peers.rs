//! The peer lens in the follow-up report: the area sheets' Kolada columns and the Översikt's
//! peer strip. Both come from [`crate::analysis::check::PeerRow`]; their colours are Kolada's
//! quartiles ([`quartile_fill`]), in other shades than the målvärde lights, and they sit apart
//! from the target columns: the lens never changes a status.

use crate::analysis::check::{CheckResult, PeerRow};
use crate::domain::IndicatorId;
use crate::model::{Quartile, sv_number};
use crate::xlsx_write::Cell;

/// The texts of the peer lens in the report, in one place (`workbooks` catalogue).
pub mod text {
    use crate::tx;

    /// The area sheets' column headers: place, median, year.
    pub fn place() -> String {
        tx!("report-peers-place")
    }
    pub fn median() -> String {
        tx!("report-peers-median")
    }
    pub fn year() -> String {
        tx!("report-peers-year")
    }
    /// The area sheets' note under the list.
    pub fn note() -> String {
        tx!("report-peers-note")
    }
    /// The Översikt strip's title.
    pub fn strip_title() -> String {
        tx!("report-peers-strip-title")
    }
    /// The Översikt strip's headers.
    pub fn strip_headers() -> [String; 5] {
        [
            tx!("report-peers-strip-kommun"),
            tx!("report-peers-strip-median"),
            tx!("report-peers-strip-place"),
            tx!("report-peers-strip-quartile"),
            tx!("report-peers-strip-year"),
        ]
    }
    /// The strip's short reasons for no quartile.
    pub fn not_ranked() -> String {
        tx!("report-peers-not-ranked")
    }
    pub fn no_value() -> String {
        tx!("report-peers-no-value")
    }
    pub fn too_few() -> String {
        tx!("report-peers-too-few")
    }
    pub fn nothing_imported() -> String {
        tx!("report-peers-nothing-imported")
    }
    /// A förvaltning row: the lens is the kommun's.
    pub fn kommun_only() -> String {
        tx!("report-peers-kommun-only")
    }
    /// A Kolada quartile: "bästa kvartilen".
    pub fn quartile(q: crate::model::Quartile) -> String {
        use crate::model::Quartile;
        match q {
            Quartile::Best => tx!("report-peers-best"),
            Quartile::Middle => tx!("report-peers-middle"),
            Quartile::Worst => tx!("report-peers-worst"),
        }
    }
    /// The Kolada year and its status: "2025, preliminär"; "–" without a year.
    pub fn year_status(p: &crate::analysis::check::PeerRow) -> String {
        match (p.year, &p.status) {
            (Some(y), Some(s)) => {
                let status = match s.trim() {
                    "" => tx!("report-peers-final"),
                    s if s.eq_ignore_ascii_case("preliminary") => tx!("report-peers-preliminary"),
                    s => s.to_lowercase(),
                };
                format!("{y}, {status}")
            }
            (Some(y), None) => y.to_string(),
            (None, _) => "–".into(),
        }
    }
    /// The kommun's place: "3 av 11", or "–" without a rank.
    pub fn rank(p: &crate::model::PeerPosition) -> String {
        p.rank.map_or_else(
            || "–".to_string(),
            |r| tx!("report-peers-rank", "rank" => r, "of" => p.of),
        )
    }
}

/// Kolada's quartile colours (0xRRGGBB): stronger than the målvärde lights so that the two
/// lenses are not read as one.
pub fn quartile_fill(q: Quartile) -> u32 {
    match q {
        Quartile::Best => 0x92D050,
        Quartile::Middle => 0xFFD966,
        Quartile::Worst => 0xFF7C80,
    }
}

/// The grey of a lens without a place.
pub const NO_PLACE_FILL: u32 = 0xD9D9D9;

/// "3 av 11 · bästa kvartilen", or why there is no place.
pub fn place_text(p: &PeerRow) -> String {
    match (&p.position, &p.note) {
        (Some(pos), note) => {
            let mut s = text::rank(pos);
            if let Some(q) = pos.quartile {
                s = format!("{s} · {}", text::quartile(q));
            }
            if let Some(n) = note {
                s = format!("{s} ({n})");
            }
            s
        }
        (None, Some(n)) => n.clone(),
        (None, None) => "–".into(),
    }
}

/// The place as a coloured cell: the quartile's colour, grey without one.
pub fn place_cell(p: &PeerRow) -> Cell {
    let fill = p
        .position
        .and_then(|x| x.quartile)
        .map_or(NO_PLACE_FILL, quartile_fill);
    Cell::Status(place_text(p), fill)
}

/// The three Kolada cells of an area sheet's row: the kommun's row of an indicator with a
/// Kolada id gets the lens; a förvaltning row says the lens is the kommun's; an indicator
/// without a Kolada id gets empty cells.
pub fn area_cells(check: &CheckResult, indicator: &IndicatorId, kommun: bool) -> Vec<Cell> {
    let Some(p) = check.peers.iter().find(|p| &p.indicator == indicator) else {
        return vec![Cell::Empty, Cell::Empty, Cell::Empty];
    };
    if !kommun {
        return vec![Cell::Text(text::kommun_only()), Cell::Empty, Cell::Empty];
    }
    vec![
        place_cell(p),
        p.position.map_or(Cell::Text("–".into()), |x| {
            Cell::Number(x.median, p.decimals)
        }),
        Cell::Text(text::year_status(p)),
    ]
}

/// The area sheets' Kolada columns with widths.
pub fn columns() -> Vec<(String, f64)> {
    vec![
        (text::place(), 30.0),
        (text::median(), 10.0),
        (text::year(), 16.0),
    ]
}

/// One line of the Översikt's peer strip.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerLine {
    pub name: String,
    /// The kommun's value and the median, as text with the indicator's decimals.
    pub value: String,
    pub median: String,
    /// "3 av 11", or "–".
    pub rank: String,
    /// Kolada's quartile, or why there is none; with its fill colour.
    pub quartile: (String, u32),
    /// "2025, preliminär".
    pub year: String,
}

/// Why the Översikt has no peer strip though the catalogue names Kolada indicators: nothing
/// from Kolada is stored (then the strip would be a column of "värde saknas").
pub fn strip_note(check: &CheckResult) -> Option<String> {
    (!check.peers.is_empty() && check.peers.iter().all(|p| p.year.is_none()))
        .then(text::nothing_imported)
}

/// The Översikt's peer strip: one line per Kolada indicator; none when nothing from Kolada is
/// stored ([`strip_note`]).
pub fn strip(check: &CheckResult) -> Vec<PeerLine> {
    if strip_note(check).is_some() {
        return Vec::new();
    }
    let n = |v: Option<f64>, d: u8| v.map_or_else(|| "–".to_string(), |v| sv_number(v, d));
    check
        .peers
        .iter()
        .map(|p| {
            let pos = p.position.as_ref();
            // The strip is narrow: a short why; the area sheet and check say it in full.
            let quartile = match (pos, pos.and_then(|x| x.quartile)) {
                (_, Some(q)) => (text::quartile(q), quartile_fill(q)),
                (Some(_), None) => (text::not_ranked(), NO_PLACE_FILL),
                (None, _) if p.value.is_none() => (text::no_value(), NO_PLACE_FILL),
                (None, _) => (text::too_few(), NO_PLACE_FILL),
            };
            PeerLine {
                name: p.indicator_name.clone(),
                value: n(p.value, p.decimals),
                median: n(pos.map(|x| x.median), p.decimals),
                rank: pos.map_or_else(|| "–".into(), text::rank),
                quartile,
                year: text::year_status(p),
            }
        })
        .collect()
}
