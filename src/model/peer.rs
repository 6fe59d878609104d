//! The peer lens: where the kommun's value of a Kolada KPI stands among its peer group's values
//! of the same year. Kept apart from the target lens: nothing here judges against a målvärde,
//! and nothing in [`crate::model::Limits`] looks at peers.
//!
//! - **Median**: of the peers' values (the kommun itself not counted), the mean of the middle
//!   two for an even count.
//! - **Rank**: among the kommun and the peers that have a value (`n` of them), 1 is the best:
//!   the highest value when higher is better, the lowest when lower is better. Ties share the
//!   best place of their group (competition ranking, "1, 2, 2, 4"): a kommun level with the
//!   second best is "2 av n" like it.
//! - **Quartile**, as Kolada colours a ranking: the best quarter green, the middle half yellow,
//!   the worst quarter red. A quarter of the group is `k = max(1, round(n / 4))` places; ranks
//!   `1..=k` are the best quarter, ranks above `n - k` the worst, the rest the middle half.
//!   Kolada colours against every kommun in Sweden; styr only has the peer group, so the colour
//!   says where the kommun stands among its peers (docs/peer-lens.md).
//! - An indicator judged within an interval has no better or worse: it gets the median, no
//!   rank and no quartile.

use crate::domain::Direction;

/// The fewest peers with a value for a rank and a quartile; with fewer the lens says so.
pub const MIN_PEERS: usize = 3;

/// Kolada's colour of a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quartile {
    /// The best quarter: green.
    Best,
    /// The middle half: yellow.
    Middle,
    /// The worst quarter: red.
    Worst,
}

impl Quartile {
    /// The Swedish words a reader sees.
    pub fn swedish(self) -> &'static str {
        match self {
            Quartile::Best => "bästa kvartilen",
            Quartile::Middle => "mellersta hälften",
            Quartile::Worst => "sämsta kvartilen",
        }
    }

    /// The key in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Quartile::Best => "best",
            Quartile::Middle => "middle",
            Quartile::Worst => "worst",
        }
    }
}

/// The kommun's place among its peers for one KPI and year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeerPosition {
    /// The peers' median (the kommun not counted).
    pub median: f64,
    /// The kommun's place, 1 the best; `None` for an interval indicator.
    pub rank: Option<usize>,
    /// The number ranked: the kommun and the peers with a value.
    pub of: usize,
    pub quartile: Option<Quartile>,
}

impl PeerPosition {
    /// "3 av 11", or "–" without a rank.
    pub fn rank_text(&self) -> String {
        self.rank
            .map_or_else(|| "–".to_string(), |r| format!("{r} av {}", self.of))
    }
}

/// Why the lens has no position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoPosition {
    /// The kommun has no value for the KPI.
    NoOwnValue,
    /// Fewer than [`MIN_PEERS`] peers have a value.
    TooFewPeers { with_value: usize },
}

impl NoPosition {
    /// Why, in Swedish.
    pub fn swedish(self) -> String {
        match self {
            NoPosition::NoOwnValue => "kommunen saknar värde i Kolada".to_string(),
            NoPosition::TooFewPeers { with_value } => format!(
                "för få jämförelsekommuner med värde ({with_value}, minst {MIN_PEERS} behövs)"
            ),
        }
    }
}

/// The median of `values` (not NaN); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

/// The quartile of place `rank` among `n` (see the module docs).
pub fn quartile(rank: usize, n: usize) -> Quartile {
    // round(n / 4), halves up, in integers: (n + 2) / 4; at least one place.
    let k = (n.saturating_add(2) / 4).max(1);
    if rank <= k {
        Quartile::Best
    } else if rank > n.saturating_sub(k) {
        Quartile::Worst
    } else {
        Quartile::Middle
    }
}

/// Where `own` stands among `peers` (NaN peers count as missing).
///
/// # Errors
/// [`NoPosition`] when `own` is missing or fewer than [`MIN_PEERS`] peers have a value.
pub fn peer_position(
    own: Option<f64>,
    peers: &[f64],
    direction: Direction,
) -> Result<PeerPosition, NoPosition> {
    let own = own.filter(|x| !x.is_nan()).ok_or(NoPosition::NoOwnValue)?;
    let with: Vec<f64> = peers.iter().copied().filter(|x| !x.is_nan()).collect();
    if with.len() < MIN_PEERS {
        return Err(NoPosition::TooFewPeers {
            with_value: with.len(),
        });
    }
    let median = median(&with).ok_or(NoPosition::TooFewPeers { with_value: 0 })?;
    let of = with.len() + 1;
    let rank = match direction {
        Direction::Interval => None,
        d => Some(1 + with.iter().filter(|p| d.better(**p, own)).count()),
    };
    Ok(PeerPosition {
        median,
        rank,
        of,
        quartile: rank.map(|r| quartile(r, of)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn median_odd_even_and_nan() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[f64::NAN, 5.0]), Some(5.0));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn rank_follows_direction() {
        let peers = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        let hi = peer_position(Some(8.5), &peers, Direction::Higher).unwrap();
        assert_eq!((hi.rank, hi.of), (Some(3), 11));
        assert_eq!(hi.rank_text(), "3 av 11");
        assert_eq!(hi.quartile, Some(Quartile::Best));
        assert_eq!(hi.median, 5.5);
        let lo = peer_position(Some(8.5), &peers, Direction::Lower).unwrap();
        assert_eq!(lo.rank, Some(9));
        assert_eq!(lo.quartile, Some(Quartile::Worst));
        let iv = peer_position(Some(8.5), &peers, Direction::Interval).unwrap();
        assert_eq!((iv.rank, iv.quartile), (None, None));
        assert_eq!(iv.rank_text(), "–");
    }

    #[test]
    fn ties_share_the_best_place() {
        // Two peers level with the kommun at the top: all three are first.
        let p = peer_position(Some(9.0), &[9.0, 9.0, 1.0, 2.0], Direction::Higher).unwrap();
        assert_eq!(p.rank, Some(1));
        let p = peer_position(Some(2.0), &[9.0, 2.0, 1.0, 5.0], Direction::Higher).unwrap();
        assert_eq!(p.rank, Some(3));
    }

    #[test]
    fn quarters_of_eleven_and_four() {
        // n = 11: k = round(2,75) = 3.
        let q: Vec<Quartile> = (1..=11).map(|r| quartile(r, 11)).collect();
        use Quartile::*;
        assert_eq!(
            q,
            [
                Best, Best, Best, Middle, Middle, Middle, Middle, Middle, Worst, Worst, Worst
            ]
        );
        assert_eq!(
            (1..=4).map(|r| quartile(r, 4)).collect::<Vec<_>>(),
            [Best, Middle, Middle, Worst]
        );
    }

    #[test]
    fn missing_is_said() {
        assert_eq!(
            peer_position(None, &[1.0, 2.0, 3.0], Direction::Higher),
            Err(NoPosition::NoOwnValue)
        );
        assert_eq!(
            peer_position(Some(1.0), &[1.0, f64::NAN, 3.0], Direction::Higher),
            Err(NoPosition::TooFewPeers { with_value: 2 })
        );
        assert!(
            NoPosition::TooFewPeers { with_value: 2 }
                .swedish()
                .contains("minst 3")
        );
    }

    proptest! {
        #[test]
        fn position_is_consistent(
            own in -1000.0f64..1000.0,
            peers in proptest::collection::vec(-1000.0f64..1000.0, MIN_PEERS..30),
            lower in any::<bool>(),
        ) {
            let d = if lower { Direction::Lower } else { Direction::Higher };
            let p = peer_position(Some(own), &peers, d).unwrap();
            let rank = p.rank.unwrap();
            prop_assert_eq!(p.of, peers.len() + 1);
            prop_assert!((1..=p.of).contains(&rank));
            let lo = peers.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = peers.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(lo <= p.median && p.median <= hi);
            // The best value of all is first, the worst of all last.
            if peers.iter().all(|x| !d.better(*x, own)) { prop_assert_eq!(rank, 1); }
            if peers.iter().all(|x| d.better(*x, own)) { prop_assert_eq!(rank, p.of); }
            // A better place never has a worse colour.
            let q = p.quartile.unwrap();
            for r in 1..=p.of {
                if r <= rank { prop_assert!(quartile(r, p.of) <= q); }
                else { prop_assert!(quartile(r, p.of) >= q); }
            }
            // Flipping the direction mirrors the place when there are no ties.
            let mut all = peers.clone();
            all.push(own);
            all.sort_by(f64::total_cmp);
            all.dedup();
            if all.len() == p.of {
                let flip = if lower { Direction::Higher } else { Direction::Lower };
                let f = peer_position(Some(own), &peers, flip).unwrap();
                prop_assert_eq!(f.rank.unwrap(), p.of + 1 - rank);
            }
        }
    }
}
