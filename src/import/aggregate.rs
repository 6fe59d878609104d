//! From rows of an export to one value per unit and target: the key mapped to a unit, the
//! month read, the numbers parsed, summed to the period's last month (or that month's row), and
//! every row that cannot be read accounted for as a finding. Whether the file reaches the
//! period's last month is decided over all files of an import ([`Aggregator::latest`]).

use std::collections::HashMap;

use super::parse::{self, NumberFormat};
use crate::domain::Period;
use crate::workspace::sources::{Aggregate, SourceDef, Sources};

/// One cell of a row, as the file holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    /// A number shown as a percentage: 9,5 % is `Percent(0.095)`.
    Percent(f64),
    /// A date cell's serial number.
    Serial(f64),
}

/// What is wrong with a row; `cell` is the position in the row given to [`Aggregator::row`].
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: &'static str,
    pub line: usize,
    pub cell: usize,
    pub message: String,
    pub hint: String,
}

/// One value for a unit: the target's index, the number, the lines summed.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitValue {
    pub unit: String,
    pub target: usize,
    pub number: f64,
    pub lines: Vec<(usize, usize)>,
}

/// A unit's running sum of one target: the sum, the lines, whether any cell had a value.
type Sum = (f64, Vec<(usize, usize)>, bool);

#[derive(Clone, Copy)]
enum Class {
    Unit(usize),
    Ignored,
    Unmapped(usize),
}

struct Unmapped {
    code: String,
    first_line: usize,
    rows: usize,
    totals: Vec<f64>,
}

/// Findings of one code past this many are counted, not listed.
pub const MAX_PER_CODE: usize = 20;

/// Reads rows whose cells are, in order: the key, the period, the source's value columns
/// ([`SourceDef::value_columns`]), then its `unique` columns.
pub struct Aggregator<'a> {
    src: &'a SourceDef,
    sources: &'a Sources,
    year: u16,
    last: u8,
    fmt: NumberFormat,
    columns: usize,
    /// For each target: (sign, column position among the value columns).
    targets: Vec<Vec<(f64, usize)>>,
    /// What each key is: a unit's, ignored, unmapped.
    classes: HashMap<String, Class>,
    units: Vec<String>,
    /// [unit][target]
    sums: Vec<Vec<Sum>>,
    unmapped: Vec<Unmapped>,
    months: HashMap<String, Option<(u16, u8)>>,
    seen: HashMap<Vec<String>, usize>,
    pub findings: Vec<Finding>,
    counts: HashMap<&'static str, usize>,
    /// The latest month in the file (of any year).
    pub latest: Option<(u16, u8)>,
    pub rows: usize,
    pub rows_used: usize,
    values: Vec<Option<f64>>,
}

fn push_line(lines: &mut Vec<(usize, usize)>, line: usize) {
    match lines.last_mut() {
        Some((_, end)) if *end + 1 == line || *end == line => *end = line,
        _ => lines.push((line, line)),
    }
}

/// Line ranges as text: `2-13,40`; past 20 ranges the rest is counted.
pub fn ranges(lines: &[(usize, usize)]) -> String {
    let mut parts: Vec<String> = lines
        .iter()
        .take(20)
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    if lines.len() > 20 {
        let n: usize = lines.iter().map(|(a, b)| b - a + 1).sum();
        parts.push(format!("… ({n} rader)"));
    }
    parts.join(",")
}

impl<'a> Aggregator<'a> {
    pub fn new(src: &'a SourceDef, sources: &'a Sources, period: Period) -> Self {
        let cols = src.value_columns();
        let targets = src
            .targets
            .iter()
            .map(|t| {
                t.terms
                    .iter()
                    .map(|(s, c)| {
                        let at = cols
                            .iter()
                            .position(|x| x.eq_ignore_ascii_case(c))
                            .unwrap_or(0);
                        (*s, at)
                    })
                    .collect()
            })
            .collect();
        Self {
            src,
            sources,
            year: period.year(),
            last: period.months().unwrap_or(12),
            fmt: NumberFormat {
                decimal: src.decimal,
                thousands: src.thousands,
            },
            columns: cols.len(),
            targets,
            classes: HashMap::new(),
            units: Vec::new(),
            sums: Vec::new(),
            unmapped: Vec::new(),
            months: HashMap::new(),
            seen: HashMap::new(),
            findings: Vec::new(),
            counts: HashMap::new(),
            latest: None,
            rows: 0,
            rows_used: 0,
            values: Vec::new(),
        }
    }

    fn find(&mut self, code: &'static str, line: usize, cell: usize, message: String, hint: &str) {
        let n = self.counts.entry(code).or_default();
        *n += 1;
        if *n <= MAX_PER_CODE {
            self.findings.push(Finding {
                code,
                line,
                cell,
                message,
                hint: hint.to_string(),
            });
        }
    }

    /// How many findings of each code were counted past [`MAX_PER_CODE`].
    pub fn counted_past(&self) -> Vec<(&'static str, usize)> {
        let mut v: Vec<(&'static str, usize)> = self
            .counts
            .iter()
            .filter(|(_, n)| **n > MAX_PER_CODE)
            .map(|(c, n)| (*c, n - MAX_PER_CODE))
            .collect();
        v.sort_unstable();
        v
    }

    fn class(&mut self, key: &str, line: usize) -> Class {
        if let Some(c) = self.classes.get(key) {
            return *c;
        }
        let code = key.trim();
        let c = if let Some(u) = self.sources.unit_of(code) {
            let u = u.as_str();
            match self.units.iter().position(|x| x == u) {
                Some(i) => Class::Unit(i),
                None => {
                    self.units.push(u.to_string());
                    self.sums
                        .push(vec![(0.0, Vec::new(), false); self.targets.len()]);
                    Class::Unit(self.units.len() - 1)
                }
            }
        } else if self.src.ignore_codes.iter().any(|c| c == code) {
            Class::Ignored
        } else {
            self.unmapped.push(Unmapped {
                code: code.to_string(),
                first_line: line,
                rows: 0,
                totals: vec![0.0; self.targets.len()],
            });
            Class::Unmapped(self.unmapped.len() - 1)
        };
        self.classes.insert(key.to_string(), c);
        c
    }

    fn month(&mut self, cell: Cell<'_>) -> Option<(u16, u8)> {
        match cell {
            Cell::Text(t) => {
                if let Some(m) = self.months.get(t) {
                    return *m;
                }
                let m = parse::month(t);
                self.months.insert(t.to_string(), m);
                m
            }
            Cell::Number(n) if n.fract() == 0.0 && (190_001.0..=299_912.0).contains(&n) => {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let n = n as u32;
                let y = u16::try_from(n / 100).ok()?;
                let m = u8::try_from(n % 100).ok()?;
                (1..=12).contains(&m).then_some((y, m))
            }
            Cell::Serial(s) => parse::month_of_serial(s),
            _ => None,
        }
    }

    fn shown(cell: Cell<'_>) -> String {
        match cell {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.chars().take(40).collect(),
            Cell::Number(n) | Cell::Serial(n) => crate::domain::format_number(n, None),
            Cell::Percent(p) => format!("{} %", crate::domain::format_number(p * 100.0, None)),
        }
    }

    /// One row: `line` is its line (CSV) or row (Excel) number, 1-based.
    pub fn row(&mut self, line: usize, cells: &[Cell<'_>]) {
        self.rows += 1;
        let key = match cells.first() {
            Some(Cell::Text(t)) if !t.trim().is_empty() => (*t).to_string(),
            Some(Cell::Number(n)) if n.fract() == 0.0 && n.abs() < 1e15 => {
                #[allow(clippy::cast_possible_truncation)]
                let whole = *n as i64;
                whole.to_string()
            }
            _ => {
                // A row without a key: empty rows and total rows are skipped, but a number
                // without a key is money without an owner.
                let has_value = cells
                    .iter()
                    .skip(2)
                    .take(self.columns)
                    .any(|c| !matches!(c, Cell::Empty) && *c != Cell::Text(""));
                if has_value {
                    self.find(
                        "I015",
                        line,
                        0,
                        format!("raden har belopp men ingen {}", self.src.key),
                        "fyll i koden, eller ta bort raden om den är en summering",
                    );
                }
                return;
            }
        };
        let period_cell = cells.get(1).copied().unwrap_or(Cell::Empty);
        let Some((y, m)) = self.month(period_cell) else {
            self.find(
                "I012",
                line,
                1,
                format!(
                    "okänd period \"{}\" i kolumnen {}",
                    Self::shown(period_cell),
                    self.src.period
                ),
                "skriv månaden som 202603, 2026-03 eller mars 2026",
            );
            return;
        };
        if self.latest.is_none_or(|l| (y, m) > l) {
            self.latest = Some((y, m));
        }
        // Every value is parsed, also outside the period: a file with an unreadable number is
        // not read in part.
        self.values.clear();
        for i in 0..self.columns {
            let c = cells.get(2 + i).copied().unwrap_or(Cell::Empty);
            let v = match c {
                Cell::Empty => None,
                Cell::Number(n) => Some(n),
                Cell::Percent(p) => Some(p * 100.0),
                Cell::Text(t) if t.trim().is_empty() => None,
                Cell::Text(t) => {
                    let n = parse::number(t, self.fmt);
                    if n.is_none() {
                        let hint = format!(
                            "källan '{}' skriver decimaltecken '{}'{}; kontrollera exporten eller decimal/thousands i styr.toml",
                            self.src.id,
                            self.src.decimal,
                            self.src
                                .thousands
                                .map(|t| format!(" och tusentalsavgränsare '{t}'"))
                                .unwrap_or_default()
                        );
                        self.find(
                            "I011",
                            line,
                            2 + i,
                            format!("\"{}\" är inget tal", Self::shown(c)),
                            &hint,
                        );
                    }
                    n
                }
                Cell::Serial(_) => {
                    self.find(
                        "I011",
                        line,
                        2 + i,
                        "ett datum där ett tal ska stå".to_string(),
                        "kontrollera att rätt kolumn är angiven som värde i styr.toml",
                    );
                    None
                }
            };
            self.values.push(v);
        }
        let wanted = y == self.year
            && match self.src.aggregate {
                Aggregate::Sum => m <= self.last,
                Aggregate::Last => m == self.last,
            };
        if !wanted {
            return;
        }
        let class = self.class(&key, line);
        let check_unique = self.src.aggregate == Aggregate::Last || !self.src.unique.is_empty();
        if check_unique && !matches!(class, Class::Ignored) {
            let mut id = vec![
                match class {
                    Class::Unit(u) if self.src.aggregate == Aggregate::Last => {
                        format!("enheten {}", self.units[u])
                    }
                    _ => format!("{} {}", self.src.key, key.trim()),
                },
                format!("{y}-{m:02}"),
            ];
            for i in 0..self.src.unique.len() {
                let c = cells
                    .get(2 + self.columns + i)
                    .copied()
                    .unwrap_or(Cell::Empty);
                id.push(Self::shown(c));
            }
            if let Some(first) = self.seen.get(&id) {
                let msg = format!(
                    "{} har redan en rad för {} (rad {first})",
                    id[0],
                    id[1..].join(", ")
                );
                self.find(
                    "I014",
                    line,
                    0,
                    msg,
                    "en nyckel får bara finnas en gång per månad: ta bort dubbletten eller ange fler kolumner i unique",
                );
                return;
            }
            self.seen.insert(id, line);
        }
        self.rows_used += 1;
        for (t, terms) in self.targets.iter().enumerate() {
            let mut sum = 0.0;
            let mut any = false;
            for (sign, at) in terms {
                if let Some(v) = self.values.get(*at).copied().flatten() {
                    sum += sign * v;
                    any = true;
                }
            }
            match class {
                Class::Unit(u) => {
                    let e = &mut self.sums[u][t];
                    if any {
                        e.0 += sum;
                        e.2 = true;
                    }
                    push_line(&mut e.1, line);
                }
                Class::Unmapped(i) => {
                    self.unmapped[i].totals[t] += sum;
                }
                Class::Ignored => {}
            }
        }
        if let Class::Unmapped(i) = class {
            self.unmapped[i].rows += 1;
        }
    }

    /// The values and the findings that only the whole file shows: unmapped codes with their
    /// totals, a file that does not reach the period's last month.
    pub fn finish(mut self) -> (Vec<UnitValue>, Vec<Finding>, Vec<(&'static str, usize)>) {
        let factor = self.src.sign * self.src.scale;
        let unmapped = std::mem::take(&mut self.unmapped);
        for u in unmapped.iter().filter(|u| u.rows > 0) {
            let totals: Vec<String> = self
                .src
                .targets
                .iter()
                .zip(&u.totals)
                .map(|(t, v)| {
                    format!(
                        "{} {}",
                        t.value,
                        crate::domain::format_number(v * factor, None)
                    )
                })
                .collect();
            let msg = format!(
                "koden '{}' i {} hör inte till någon enhet: {} rader, summa {}",
                u.code,
                self.src.key,
                u.rows,
                totals.join(", ")
            );
            let hint = format!(
                "lägg koden i codes = [...] för en enhet i styr.toml, eller i ignore_codes för källan '{}' om den inte hör till någon enhet",
                self.src.id
            );
            self.find("I013", u.first_line, 0, msg, &hint);
        }
        let mut out = Vec::new();
        for (u, unit) in self.units.iter().enumerate() {
            for (t, (sum, lines, any)) in self.sums[u].iter().enumerate() {
                if *any {
                    let n = sum * factor;
                    out.push(UnitValue {
                        unit: unit.clone(),
                        target: t,
                        // Summing in binary leaves tails (0.1 + 0.2); a system's amounts
                        // have at most a few decimals, so the sum is rounded to 9.
                        number: (n * 1e9).round() / 1e9,
                        lines: lines.clone(),
                    });
                }
            }
        }
        let past = self.counted_past();
        (out, self.findings, past)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ranges_are_compact_and_capped() {
        let mut l = Vec::new();
        for x in [2, 3, 4, 7, 9, 10] {
            push_line(&mut l, x);
        }
        assert_eq!(ranges(&l), "2-4,7,9-10");
        let many: Vec<(usize, usize)> = (0..30).map(|i| (i * 3, i * 3)).collect();
        assert!(ranges(&many).ends_with("… (30 rader)"), "{}", ranges(&many));
    }
}
