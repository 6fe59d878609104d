//! `historik.csv`: earlier outcomes (and centrally reported ones) for trends and reviews.
//!
//! Columns: `indicator,level,id,period,value`; `level` is `kommun`, `forvaltning` or `enhet`,
//! `id` is empty for the kommun. Decimal point or comma both work for `value`.

use crate::tx;
use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::domain::{ForvaltningId, IndicatorId, Period, UnitId};
use crate::workspace::catalogue::Level;

/// One known outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub indicator: IndicatorId,
    pub level: Level,
    pub period: Period,
    pub value: f64,
    pub at: Location,
}

const HEADER: [&str; 5] = ["indicator", "level", "id", "period", "value"];

/// Parses the history file's text.
///
/// # Errors
/// One diagnostic per bad line (`C030` header, `C031` field), all lines checked.
pub fn parse(name: &Path, text: &str) -> Result<Vec<Outcome>, Vec<Diagnostic>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let loc = |line: u64, col: usize| Location::Text {
        file: name.to_path_buf(),
        line: usize::try_from(line).unwrap_or(usize::MAX),
        col,
    };
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => {
            return Err(vec![
                Diagnostic::error("C030", loc(1, 1), tx!("C030-unreadable")).detail(e.to_string()),
            ]);
        }
    };
    if headers != HEADER {
        return Err(vec![
            Diagnostic::error(
                "C030",
                loc(1, 1),
                tx!("C030", "header" => headers.join(",")),
            )
            .hint(tx!("C030-hint", "header" => HEADER.join(","))),
        ]);
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                errors.push(
                    Diagnostic::error("C031", loc(line, 1), tx!("C031-unreadable"))
                        .detail(e.to_string()),
                );
                continue;
            }
        };
        let line = rec.position().map_or(0, csv::Position::line);
        let field = |i: usize| rec.get(i).unwrap_or_default();
        let col_of = |i: usize| -> usize {
            // 1-based character column of field i on the line (fields are plain, no quotes).
            (0..i)
                .map(|j| rec.get(j).map_or(0, |f| f.chars().count()) + 1)
                .sum::<usize>()
                + 1
        };
        let fail = |i: usize, msg: String| Diagnostic::error("C031", loc(line, col_of(i)), msg);
        let indicator = match IndicatorId::new(field(0)) {
            Ok(id) => id,
            Err(e) => {
                errors.push(
                    fail(0, tx!("C031-bad-id", "id" => field(0)))
                        .hint(tx!("config-bad-id-hint"))
                        .detail(e.to_string()),
                );
                continue;
            }
        };
        let level = match (field(1), field(2)) {
            ("kommun", "") => Ok(Level::Kommun),
            ("forvaltning", id) => ForvaltningId::new(id).map(Level::Forvaltning).map_err(|e| {
                fail(2, tx!("C031-bad-id", "id" => id))
                    .hint(tx!("config-bad-id-hint"))
                    .detail(e.to_string())
            }),
            ("enhet", id) => UnitId::new(id).map(Level::Unit).map_err(|e| {
                fail(2, tx!("C031-bad-id", "id" => id))
                    .hint(tx!("config-bad-id-hint"))
                    .detail(e.to_string())
            }),
            ("kommun", _) => Err(fail(2, tx!("C031-kommun-id"))),
            (other, _) => {
                Err(fail(1, tx!("C021-level", "level" => other)).hint(tx!("C031-level-hint")))
            }
        };
        let period = Period::parse(field(3)).map_err(|e| {
            fail(3, tx!("C031-period", "period" => field(3)))
                .hint(tx!("config-period-syntax"))
                .detail(e.to_string())
        });
        let value = field(4)
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| fail(4, tx!("config-formula-number", "text" => field(4))));
        match (level, period, value) {
            (Ok(level), Ok(period), Ok(value)) => out.push(Outcome {
                indicator,
                level,
                period,
                value,
                at: loc(line, 1),
            }),
            (l, p, v) => errors.extend(l.err().into_iter().chain(p.err()).chain(v.err())),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_points_at_bad_fields() {
        let text = "indicator,level,id,period,value\nsjuk,enhet,a-1,2025-T1,\"6,5\"\nsjuk,enhet,a-1,2025-T3,x\n";
        let errs = parse(Path::new("h.csv"), text).unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!(errs[0].location.to_string(), "h.csv:3:16");
        assert!(errs[1].message.contains("'x'"));
        let ok = parse(
            Path::new("h.csv"),
            "indicator,level,id,period,value\nsjuk,kommun,,2025,6.5\n",
        )
        .unwrap();
        assert_eq!(ok[0].value, 6.5);
        assert_eq!(ok[0].level, Level::Kommun);
    }
}
