//! The formulas of derived indicators: `budget - forecast`, `forecast / budget * 100`.
//!
//! A formula is arithmetic (`+ - * /`, unary minus, parentheses, numbers with a decimal point)
//! over names: other indicators of the same unit and period (by id), the economy's field roles
//! (`budget`, `spent`, `forecast`) and `months` (the months of the year the period covers: 4
//! for T1, 12 for the year). An indicator id may contain `-`, so a minus between two names is
//! written with spaces (`budget - forecast`; `budget-forecast` is one name).
//!
//! No crate of the registry fits this small, closed language with positions for every name, so
//! it is parsed here: a recursive-descent parser over byte offsets into the formula's text, so
//! that a finding points at its column. No I/O.

use std::collections::BTreeMap;

use crate::domain::Measure;
use crate::tx;

/// A name a formula may use besides indicator ids, with what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Builtin {
    /// The unit's annual budget (`budget_tkr` in styr.toml), tkr.
    Budget,
    /// The amount spent so far this year (the field with role `spent`), tkr.
    Spent,
    /// The full-year forecast (the field with role `forecast`), tkr.
    Forecast,
    /// The months of the year the period covers (T1 4, T2 8, a month its number, the year 12).
    Months,
}

impl Builtin {
    pub const ALL: &'static [Builtin] = &[
        Builtin::Budget,
        Builtin::Spent,
        Builtin::Forecast,
        Builtin::Months,
    ];

    /// The name written in a formula.
    pub fn key(self) -> &'static str {
        match self {
            Builtin::Budget => "budget",
            Builtin::Spent => "spent",
            Builtin::Forecast => "forecast",
            Builtin::Months => "months",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|b| b.key() == s)
    }

    /// The measure of the value (`None`: a plain number).
    pub fn measure(self) -> Option<Measure> {
        match self {
            Builtin::Months => None,
            _ => Some(Measure::Tkr),
        }
    }
}

/// A parsed formula. Offsets are byte offsets into the formula's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(f64),
    Name {
        name: String,
        at: usize,
    },
    Neg(Box<Expr>),
    Bin {
        op: Op,
        at: usize,
        left: Box<Expr>,
        right: Box<Expr>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn symbol(self) -> char {
        match self {
            Op::Add => '+',
            Op::Sub => '-',
            Op::Mul => '*',
            Op::Div => '/',
        }
    }
}

/// Why a formula does not parse, at a byte offset of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub at: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Name(String),
    Op(char),
    Open,
    Close,
}

fn lex(text: &str) -> Result<Vec<(Tok, usize)>, SyntaxError> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' => i += 1,
            b'+' | b'-' | b'*' | b'/' => {
                out.push((Tok::Op(char::from(c)), i));
                i += 1;
            }
            b'(' => {
                out.push((Tok::Open, i));
                i += 1;
            }
            b')' => {
                out.push((Tok::Close, i));
                i += 1;
            }
            b'0'..=b'9' | b'.' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                    i += 1;
                }
                let s = &text[start..i];
                let v: f64 = s.parse().map_err(|_| SyntaxError {
                    at: start,
                    message: tx!("config-formula-number", "text" => s),
                })?;
                out.push((Tok::Num(v), start));
            }
            c if c.is_ascii_alphabetic() => {
                let start = i;
                // A name: letters, digits, `_`, `.`, and `-` between two of them.
                while i < b.len() {
                    let c = b[i];
                    let inner = c.is_ascii_alphanumeric() || c == b'_' || c == b'.';
                    let dash = c == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
                    if inner || dash {
                        i += 1;
                    } else {
                        break;
                    }
                }
                out.push((Tok::Name(text[start..i].to_string()), start));
            }
            _ => {
                let ch = text[i..].chars().next().unwrap_or('?');
                return Err(SyntaxError {
                    at: i,
                    message: tx!("config-formula-char", "char" => ch.to_string()),
                });
            }
        }
    }
    Ok(out)
}

struct Parser<'a> {
    toks: &'a [(Tok, usize)],
    pos: usize,
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&(Tok, usize)> {
        self.toks.get(self.pos)
    }

    fn here(&self) -> usize {
        self.peek().map_or(self.end, |t| t.1)
    }

    fn expr(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.term()?;
        while let Some((Tok::Op(c @ ('+' | '-')), at)) = self.peek().cloned() {
            self.pos += 1;
            let right = self.term()?;
            let op = if c == '+' { Op::Add } else { Op::Sub };
            left = Expr::Bin {
                op,
                at,
                left: Box::new(left),
                right: Box::new(right),
            };
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.factor()?;
        while let Some((Tok::Op(c @ ('*' | '/')), at)) = self.peek().cloned() {
            self.pos += 1;
            let right = self.factor()?;
            let op = if c == '*' { Op::Mul } else { Op::Div };
            left = Expr::Bin {
                op,
                at,
                left: Box::new(left),
                right: Box::new(right),
            };
        }
        Ok(left)
    }

    fn factor(&mut self) -> Result<Expr, SyntaxError> {
        let at = self.here();
        let Some((tok, _)) = self.peek().cloned() else {
            return Err(SyntaxError {
                at,
                message: tx!("config-formula-ends"),
            });
        };
        self.pos += 1;
        match tok {
            Tok::Num(v) => Ok(Expr::Number(v)),
            Tok::Name(name) => Ok(Expr::Name { name, at }),
            Tok::Op('-') => Ok(Expr::Neg(Box::new(self.factor()?))),
            Tok::Open => {
                let inner = self.expr()?;
                match self.peek() {
                    Some((Tok::Close, _)) => {
                        self.pos += 1;
                        Ok(inner)
                    }
                    _ => Err(SyntaxError {
                        at: self.here(),
                        message: tx!("config-formula-open"),
                    }),
                }
            }
            Tok::Op(c) => Err(SyntaxError {
                at,
                message: tx!("config-formula-operator", "op" => c.to_string()),
            }),
            Tok::Close => Err(SyntaxError {
                at,
                message: tx!("config-formula-close-early"),
            }),
        }
    }
}

/// Parses a formula.
///
/// # Errors
/// Where and why it does not parse.
pub fn parse(text: &str) -> Result<Expr, SyntaxError> {
    let toks = lex(text)?;
    let mut p = Parser {
        toks: &toks,
        pos: 0,
        end: text.len(),
    };
    let e = p.expr()?;
    match p.peek() {
        None => Ok(e),
        Some((tok, at)) => Err(SyntaxError {
            at: *at,
            message: match tok {
                Tok::Close => tx!("config-formula-close"),
                Tok::Name(n) => tx!("config-formula-no-operator", "name" => n),
                _ => tx!("config-formula-operator-expected"),
            },
        }),
    }
}

impl Expr {
    /// Every name the formula uses, with its offset, in text order.
    pub fn names(&self) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<(&'a str, usize)>) {
        match self {
            Expr::Number(_) => {}
            Expr::Name { name, at } => out.push((name, *at)),
            Expr::Neg(e) => e.collect_names(out),
            Expr::Bin { left, right, .. } => {
                left.collect_names(out);
                right.collect_names(out);
            }
        }
    }

    /// The value with `value` giving each name's: `None` when a name has no value or a
    /// division is by zero.
    pub fn eval(&self, value: &dyn Fn(&str) -> Option<f64>) -> Option<f64> {
        let v = match self {
            Expr::Number(v) => *v,
            Expr::Name { name, .. } => value(name)?,
            Expr::Neg(e) => -e.eval(value)?,
            Expr::Bin {
                op, left, right, ..
            } => {
                let (a, b) = (left.eval(value)?, right.eval(value)?);
                match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Div if b == 0.0 => return None,
                    Op::Div => a / b,
                }
            }
        };
        v.is_finite().then_some(v)
    }
}

/// The dimension of a value: base units with exponents and a power of ten (tkr is kronor ×
/// 10³). A plain number has no base units. `free_scale` is set once a constant multiplies or
/// divides, which may convert between scales (× 1000 from tkr to kr).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dim {
    pub base: BTreeMap<&'static str, i8>,
    pub scale: i8,
    pub free_scale: bool,
}

impl Dim {
    pub fn plain() -> Self {
        Dim {
            base: BTreeMap::new(),
            scale: 0,
            free_scale: false,
        }
    }

    /// The dimension of a measure; `%`, `index` and `kvot` are plain numbers.
    pub fn of(m: Option<Measure>) -> Self {
        let (base, scale): (Option<&'static str>, i8) = match m {
            None | Some(Measure::Percent | Measure::Index | Measure::Ratio) => (None, 0),
            Some(Measure::Kr) => (Some("kr"), 0),
            Some(Measure::Tkr) => (Some("kr"), 3),
            Some(Measure::Mnkr) => (Some("kr"), 6),
            Some(Measure::Days) => (Some("dagar"), 0),
            Some(Measure::Count) => (Some("antal"), 0),
            Some(Measure::Hours) => (Some("timmar"), 0),
        };
        Dim {
            base: base.into_iter().map(|b| (b, 1)).collect(),
            scale,
            free_scale: false,
        }
    }

    fn combine(&self, other: &Dim, sign: i8) -> Dim {
        let mut base = self.base.clone();
        for (k, e) in &other.base {
            let n = base.entry(k).or_insert(0);
            *n += sign * e;
            if *n == 0 {
                base.remove(k);
            }
        }
        Dim {
            base,
            scale: self.scale + sign * other.scale,
            free_scale: self.free_scale || other.free_scale,
        }
    }

    /// Whether a value of this dimension can be an outcome measured in `m`: the same base
    /// units in the numerator (a cost per child, kr/antal, is measured in kr), nothing left
    /// over for a plain measure (`%`), and the same scale unless a constant factor is involved.
    pub fn fits(&self, m: Measure) -> bool {
        let want = Dim::of(Some(m));
        if want.base.is_empty() {
            return self.base.is_empty();
        }
        let up: BTreeMap<&'static str, i8> = self
            .base
            .iter()
            .filter(|(_, e)| **e > 0)
            .map(|(k, e)| (*k, *e))
            .collect();
        up == want.base && (self.free_scale || self.scale == want.scale)
    }

    /// The dimension in words, for messages: `tkr`, `kr/antal`, `ett tal`.
    pub fn text(&self) -> String {
        if self.base.is_empty() {
            return tx!("config-formula-plain-number");
        }
        let unit = |b: &str, scale: i8| match (b, scale) {
            ("kr", 3) => "tkr".to_string(),
            ("kr", 6) => "mnkr".to_string(),
            _ => b.to_string(),
        };
        let mut first = true;
        let mut up = Vec::new();
        let mut down = Vec::new();
        for (b, e) in &self.base {
            let s = if first && *e > 0 {
                first = false;
                unit(b, self.scale)
            } else {
                (*b).to_string()
            };
            let s = if e.abs() > 1 {
                format!("{s}^{}", e.abs())
            } else {
                s
            };
            if *e > 0 { up.push(s) } else { down.push(s) }
        }
        let up = if up.is_empty() {
            "1".to_string()
        } else {
            up.join("·")
        };
        if down.is_empty() {
            up
        } else {
            format!("{up}/{}", down.join("·"))
        }
    }
}

/// A mismatch of units inside a formula (adding tkr to %).
#[derive(Debug, Clone, PartialEq)]
pub struct DimError {
    pub at: usize,
    pub message: String,
}

/// A constant takes whatever dimension it is added to; `None` marks one.
fn dim_of(e: &Expr, dim: &dyn Fn(&str) -> Option<Dim>) -> Result<Option<Dim>, DimError> {
    Ok(match e {
        Expr::Number(_) => None,
        Expr::Name { name, .. } => Some(dim(name).unwrap_or_else(Dim::plain)),
        Expr::Neg(e) => dim_of(e, dim)?,
        Expr::Bin {
            op,
            at,
            left,
            right,
        } => {
            let (a, b) = (dim_of(left, dim)?, dim_of(right, dim)?);
            match (op, a, b) {
                (Op::Add | Op::Sub, Some(a), Some(b)) => {
                    if a.base != b.base
                        || (!a.base.is_empty()
                            && a.scale != b.scale
                            && !(a.free_scale || b.free_scale))
                    {
                        return Err(DimError {
                            at: *at,
                            message: tx!(
                                "config-formula-mismatch",
                                "op" => op.symbol().to_string(),
                                "left" => a.text(),
                                "right" => b.text()
                            ),
                        });
                    }
                    Some(a)
                }
                (Op::Add | Op::Sub, a, b) => a.or(b),
                (Op::Mul, Some(a), Some(b)) => Some(a.combine(&b, 1)),
                (Op::Div, Some(a), Some(b)) => Some(a.combine(&b, -1)),
                (Op::Mul, Some(a), None) | (Op::Mul, None, Some(a)) | (Op::Div, Some(a), None) => {
                    Some(Dim {
                        free_scale: true,
                        ..a
                    })
                }
                (Op::Div, None, Some(b)) => Some(Dim {
                    free_scale: true,
                    ..Dim::plain().combine(&b, -1)
                }),
                (_, None, None) => None,
            }
        }
    })
}

/// The dimension of a formula's value, `dim` giving each name's.
///
/// # Errors
/// The first addition or subtraction of values in different units.
pub fn dimension(e: &Expr, dim: &dyn Fn(&str) -> Option<Dim>) -> Result<Dim, DimError> {
    Ok(dim_of(e, dim)?.unwrap_or_else(Dim::plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(src: &str) -> Vec<(String, usize)> {
        parse(src)
            .map(|e| {
                e.names()
                    .into_iter()
                    .map(|(n, a)| (n.to_string(), a))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn parses_names_with_dashes_and_precedence() {
        assert_eq!(
            names("prognosavvikelse-pct + budget - forecast"),
            vec![
                ("prognosavvikelse-pct".to_string(), 0),
                ("budget".to_string(), 23),
                ("forecast".to_string(), 32)
            ]
        );
        let e = parse("budget - forecast / 2 * -(spent - 1)").ok();
        let v = |n: &str| match n {
            "budget" => Some(10.0),
            "forecast" => Some(4.0),
            "spent" => Some(3.0),
            _ => None,
        };
        // 10 - (4 / 2) * -(3 - 1) = 10 + 4 = 14
        assert_eq!(e.and_then(|e| e.eval(&v)), Some(14.0));
        assert_eq!(
            parse("a / 0").ok().and_then(|e| e.eval(&|_| Some(1.0))),
            None
        );
        assert_eq!(parse("a - b").ok().and_then(|e| e.eval(&|_| None)), None);
    }

    #[test]
    fn syntax_errors_point_at_their_column() {
        let at = |s: &str| parse(s).err().map(|e| e.at);
        assert_eq!(at("budget - "), Some(9));
        assert_eq!(at("(budget - forecast"), Some(18));
        assert_eq!(at("budget forecast"), Some(7));
        assert_eq!(at("budget % 2"), Some(7));
        assert_eq!(at("budget - forecast)"), Some(17));
        assert_eq!(at("1.2.3"), Some(0));
    }

    #[test]
    fn units_must_agree_in_sums_and_with_the_measure() {
        let d = |n: &str| match n {
            "tkr" => Some(Dim::of(Some(Measure::Tkr))),
            "kr" => Some(Dim::of(Some(Measure::Kr))),
            "pct" => Some(Dim::of(Some(Measure::Percent))),
            "antal" => Some(Dim::of(Some(Measure::Count))),
            _ => None,
        };
        let dim = |s: &str| parse(s).ok().map(|e| dimension(&e, &d));
        assert_eq!(
            dim("tkr - pct").map(|r| r.err().map(|e| e.at)),
            Some(Some(4))
        );
        assert_eq!(
            dim("tkr + kr").map(|r| r.err().map(|e| e.at)),
            Some(Some(4))
        );
        let ok = |s: &str, m: Measure| dim(s).and_then(Result::ok).is_some_and(|d| d.fits(m));
        assert!(ok("tkr - tkr", Measure::Tkr));
        assert!(!ok("tkr - tkr", Measure::Kr));
        assert!(ok("tkr * 1000 / antal", Measure::Kr));
        assert!(ok("tkr / tkr * 100", Measure::Percent));
        assert!(!ok("tkr / antal", Measure::Percent));
        assert!(ok("tkr - 5", Measure::Tkr));
    }
}
