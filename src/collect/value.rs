//! Turning a raw cell into a field's value, with every check a person's typing needs:
//! numbers typed as text, decimal commas, error values, dates out of range, lists, lengths.

use crate::diag::closest;
use crate::domain::{Date, FieldType, Value, format_number};
use crate::form::FieldDef;
use crate::tx;
use crate::xlsx_read::RawCell;

/// A problem with one value: code, message and hint for the controller, and what the unit is
/// told (`sv`, shown in correction workbooks; Swedish unless the surface is English).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
    pub sv: String,
}

/// What a unit is told about a problem, in the surface's language (Swedish by default): the
/// text of the correction workbook.
pub fn for_unit(code: &str) -> String {
    match code {
        "R201" => tx!("correction-R201"),
        "R202" => tx!("correction-R202"),
        "R203" => tx!("correction-R203"),
        "R204" => tx!("correction-R204"),
        "R205" => tx!("correction-R205"),
        "R206" => tx!("correction-R206"),
        "R207" => tx!("correction-R207"),
        "R208" => tx!("correction-R208"),
        "R209" => tx!("correction-R209"),
        "R107" => tx!("correction-R107"),
        "R210" => tx!("correction-R210"),
        "R212" => tx!("correction-R212"),
        "R213" => tx!("correction-R213"),
        "R215" => tx!("correction-R215"),
        "R216" => tx!("correction-R216"),
        "R217" => tx!("correction-R217"),
        _ => tx!("correction-other"),
    }
}

fn problem(code: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Problem {
    let hint: String = hint.into();
    Problem {
        code,
        message: message.into(),
        hint: (!hint.is_empty()).then_some(hint),
        sv: for_unit(code),
    }
}

impl Problem {
    /// The same problem with another hint.
    #[must_use]
    pub fn hint_text(mut self, text: impl Into<String>) -> Self {
        self.hint = Some(text.into());
        self
    }

    /// The same problem with a more specific Swedish text.
    #[must_use]
    pub fn sv(mut self, text: impl Into<String>) -> Self {
        self.sv = text.into();
        self
    }
}

/// A value accepted, perhaps with a warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    pub value: Value,
    pub warning: Option<Problem>,
}

/// Parses text a person typed as a number: `12`, ` 12 `, `1,5`, `1.5`, `1 234,5`, `-3`,
/// `6,5 %`. Returns the number and whether it was written with a decimal comma.
pub fn parse_number_text(s: &str) -> Option<(f64, bool)> {
    let t: String = s
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+'))
    {
        return None;
    }
    let comma = t.contains(',');
    if comma && t.contains('.') {
        return None;
    }
    if t.matches(',').count() > 1 {
        return None;
    }
    let n: f64 = t.replace(',', ".").parse().ok()?;
    n.is_finite().then_some((n, comma))
}

fn fmt_n(n: f64) -> String {
    format_number(n, None)
}

fn range_sv(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{}–{}", fmt_n(a), fmt_n(b)),
        (Some(a), None) => tx!("correction-at-least", "min" => fmt_n(a)),
        (None, Some(b)) => tx!("correction-at-most", "max" => fmt_n(b)),
        (None, None) => String::new(),
    }
}

/// A range in the language of the surface: `0–100`, `at least 0`.
fn range_t(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{}–{}", fmt_n(a), fmt_n(b)),
        (Some(a), None) => tx!("range-at-least", "min" => fmt_n(a)),
        (None, Some(b)) => tx!("range-at-most", "max" => fmt_n(b)),
        (None, None) => String::new(),
    }
}

/// Checks a number against bounds; `shown` is the value as the cell shows it, for the message.
fn in_bounds(n: f64, shown: &str, min: Option<f64>, max: Option<f64>) -> Result<(), Problem> {
    let low = min.is_some_and(|m| n < m);
    let high = max.is_some_and(|m| n > m);
    if low || high {
        let range = match (min, max) {
            (Some(a), Some(b)) => tx!("range-between", "min" => fmt_n(a), "max" => fmt_n(b)),
            (Some(a), None) => tx!("range-at-least", "min" => fmt_n(a)),
            (None, Some(b)) => tx!("range-at-most", "max" => fmt_n(b)),
            (None, None) => String::new(),
        };
        return Err(problem(
            "R202",
            tx!("R202", "shown" => shown, "range" => range),
            tx!("R202-hint"),
        )
        .sv(tx!("correction-R202-range", "shown" => shown, "range" => range_sv(min, max))));
    }
    Ok(())
}

/// A number as a cell in the General format shows it in LibreOffice (what a number in a text
/// cell shows): every significant digit up to 15 and a decimal comma, never rounded to zero
/// (1e-7 is `0,0000001`), with an exponent only for very small or very large numbers (`1E-12`).
pub fn general_text(n: f64) -> String {
    if n == 0.0 || !n.is_finite() {
        return if n.is_finite() {
            "0".into()
        } else {
            n.to_string()
        };
    }
    let a = n.abs();
    if (1e-9..1e15).contains(&a) {
        // The shortest text that reads back as the same number, at most 15 significant digits.
        let magnitude = a.log10().floor() as i32 + 1;
        let digits = usize::try_from((15 - magnitude).max(0)).unwrap_or(0);
        let fixed = format!("{n:.digits$}");
        let fixed = if fixed.contains('.') {
            fixed
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string()
        } else {
            fixed
        };
        let short = format!("{n}");
        let s = if short.len() <= fixed.len() && !short.contains('e') {
            short
        } else {
            fixed
        };
        return s.replace('.', ",");
    }
    let s = format!("{n:.14E}");
    let (mant, exp) = s.split_once('E').unwrap_or((&s, "0"));
    let mant = if mant.contains('.') {
        mant.trim_end_matches('0').trim_end_matches('.')
    } else {
        mant
    };
    let e: i32 = exp.parse().unwrap_or(0);
    format!(
        "{}E{}{:02}",
        mant.replace('.', ","),
        if e < 0 { '-' } else { '+' },
        e.abs()
    )
}

/// A stored percentage-formatted value as the number a person sees in front of the % sign:
/// 0,095 shown as 9,5 % is 9,5 (without the binary noise of multiplying by 100).
pub fn percent_shown(x: f64) -> f64 {
    let v = x * 100.0;
    let r = (v * 1e9).round() / 1e9;
    if (r - v).abs() < 1e-9 { r } else { v }
}

/// A date-valued cell as it shows: `2026-03-15` (with the time when it has one).
pub fn date_shown(cell: &RawCell) -> Option<String> {
    match cell {
        RawCell::Serial(n) => {
            let d = Date::from_excel_serial(*n)?;
            let secs = ((n - n.floor()) * 86_400.0).round() as i64;
            Some(if secs == 0 || secs >= 86_400 {
                d.to_string()
            } else {
                format!("{d} {:02}:{:02}", secs / 3600, (secs % 3600) / 60)
            })
        }
        RawCell::IsoDate(s) => {
            let s = s.trim();
            Some(match s.split_once('T') {
                Some((d, t)) if t.trim_start_matches(['0', ':']).is_empty() => d.to_string(),
                Some((d, t)) => format!("{d} {}", t.get(..5).unwrap_or(t)),
                None => s.to_string(),
            })
        }
        _ => None,
    }
}

/// What the cell shows, as text, for messages.
pub fn shown(cell: &RawCell) -> String {
    match cell {
        RawCell::Text(t) | RawCell::Error(t) => t.trim().to_string(),
        RawCell::Number(n) => general_text(*n),
        RawCell::Percent(x) => format!("{} %", fmt_n(percent_shown(*x))),
        RawCell::Bool(b) => if *b { "SANT" } else { "FALSKT" }.to_string(),
        RawCell::Serial(_) | RawCell::IsoDate(_) => date_shown(cell).unwrap_or_default(),
    }
}

/// A fraction typed in a percentage field (0,095 meaning 9,5 %), which `rule` (the indicator's
/// range, its målvärde or its history) shows cannot be meant: an error to correct.
pub fn fraction(n: f64, shown: &str, rule: &str) -> Problem {
    let pct = fmt_n(percent_shown(n));
    problem(
        "R216",
        tx!("R216", "shown" => shown, "pct" => &pct, "rule" => rule),
        tx!("R216-hint", "pct" => &pct),
    )
    .sv(tx!("correction-R216-fraction", "shown" => shown, "pct" => &pct))
}

/// Converts `cell` for `field`. `bounds` are the field's or its row's allowed range; `choices`
/// the allowed values of a list.
///
/// # Errors
/// A [`Problem`] with the code of the defect.
pub fn convert(
    field: &FieldDef,
    cell: &RawCell,
    bounds: (Option<f64>, Option<f64>),
    choices: &[String],
) -> Result<Accepted, Problem> {
    convert_as(
        field,
        cell,
        bounds,
        field.kind == FieldType::Percent,
        choices,
    )
}

/// [`convert`] for a field whose value is a percentage (`percent`: a `percent` field, or the
/// outcome of an indicator measured in %): a cell shown as 9,5 % is read as 9,5.
///
/// # Errors
/// A [`Problem`] with the code of the defect.
pub fn convert_as(
    field: &FieldDef,
    cell: &RawCell,
    bounds: (Option<f64>, Option<f64>),
    percent: bool,
    choices: &[String],
) -> Result<Accepted, Problem> {
    let ok = |value| {
        Ok(Accepted {
            value,
            warning: None,
        })
    };
    match field.kind {
        FieldType::Number | FieldType::Percent | FieldType::Amount => {
            let (n, warning) = match cell {
                RawCell::Number(n) => (*n, None),
                RawCell::Percent(x) if percent => (percent_shown(*x), None),
                RawCell::Percent(x) => {
                    return Err(problem(
                        "R217",
                        tx!("R217", "pct" => fmt_n(percent_shown(*x))),
                        tx!("R217-hint"),
                    )
                    .sv(tx!("correction-R217-shown", "pct" => fmt_n(percent_shown(*x)))));
                }
                RawCell::Text(t) => match parse_number_text(t) {
                    Some((n, comma)) => (
                        n,
                        Some(problem(
                            "R205",
                            tx!(
                                if comma { "R205-comma" } else { "R205" },
                                "text" => t.trim(),
                                "value" => fmt_n(n)
                            ),
                            tx!("R205-hint"),
                        )),
                    ),
                    None => {
                        let lower = t.trim().to_lowercase();
                        let hint = if ["n/a", "na", "-", "–", "saknas", "ej aktuellt", "?", "x"]
                            .contains(&lower.as_str())
                        {
                            "R203-hint-missing"
                        } else {
                            "R203-hint"
                        };
                        return Err(problem("R203", tx!("R203", "text" => t.trim()), tx!(hint)));
                    }
                },
                RawCell::Bool(b) => {
                    return Err(problem(
                        "R203",
                        tx!("R203-bool", "value" => b.to_string()),
                        tx!("R203-bool-hint"),
                    ));
                }
                // A date, typed as one or shown by a date format: never a number, in xlsx as in ods.
                RawCell::IsoDate(_) | RawCell::Serial(_) => {
                    let d = date_shown(cell).unwrap_or_else(|| shown(cell));
                    return Err(problem(
                        "R203",
                        tx!("R203-date", "date" => &d),
                        tx!("R203-date-hint"),
                    )
                    .sv(tx!("correction-R203-date", "date" => &d)));
                }
                RawCell::Error(e) => return Err(error_value(e)),
            };
            if !n.is_finite() {
                return Err(problem("R209", tx!("R209"), tx!("R209-hint")));
            }
            let shown_text = match cell {
                RawCell::Text(t) => format!("\"{}\"", t.trim()),
                _ => shown(cell),
            };
            let typed_plain = match cell {
                RawCell::Number(_) => true,
                RawCell::Text(t) => !t.contains('%'),
                _ => false,
            };
            if percent
                && typed_plain
                && n > 0.0
                && n < 1.0
                && bounds.0.is_some_and(|lo| n < lo && n * 100.0 >= lo)
                && bounds.1.is_none_or(|hi| n * 100.0 <= hi)
            {
                return Err(fraction(
                    n,
                    &shown_text,
                    &tx!("R216-range", "range" => range_t(bounds.0, bounds.1)),
                ));
            }
            in_bounds(n, &shown_text, bounds.0, bounds.1)?;
            Ok(Accepted {
                value: Value::Number(n),
                warning,
            })
        }
        FieldType::Date => match cell {
            RawCell::Serial(n) | RawCell::Number(n) => match Date::from_excel_serial(*n) {
                Some(d) if (2000..=2100).contains(&d.year()) => ok(Value::Date(d)),
                _ => Err(problem(
                    "R208",
                    tx!("R208-range", "value" => fmt_n(*n)),
                    tx!("R208-hint"),
                )),
            },
            RawCell::IsoDate(s) | RawCell::Text(s) => match Date::parse(s.get(..10).unwrap_or(s)) {
                Some(d) if (2000..=2100).contains(&d.year()) => {
                    let warning = matches!(cell, RawCell::Text(_)).then(|| {
                        problem(
                            "R213",
                            tx!("R213", "text" => s.trim(), "date" => d.to_string()),
                            "",
                        )
                    });
                    Ok(Accepted {
                        value: Value::Date(d),
                        warning,
                    })
                }
                _ => Err(problem(
                    "R208",
                    tx!("R208", "text" => format!("\"{}\"", s.trim())),
                    tx!("R208-hint"),
                )),
            },
            RawCell::Percent(_) => Err(problem(
                "R208",
                tx!("R208", "text" => shown(cell)),
                tx!("R208-hint"),
            )),
            RawCell::Bool(_) => Err(problem("R208", tx!("R208-bool"), tx!("R208-hint"))),
            RawCell::Error(e) => Err(error_value(e)),
        },
        FieldType::Choice | FieldType::YesNo => {
            let text = match cell {
                RawCell::Text(t) => t.trim().to_string(),
                RawCell::Bool(b) if field.kind == FieldType::YesNo => {
                    let v = if *b { "Ja" } else { "Nej" };
                    return Ok(Accepted {
                        value: Value::Text(v.into()),
                        warning: Some(problem("R212", tx!("R212", "value" => v), tx!("R212-hint"))),
                    });
                }
                RawCell::Number(n) => general_text(*n),
                RawCell::Error(e) => return Err(error_value(e)),
                RawCell::Serial(_) | RawCell::IsoDate(_) | RawCell::Percent(_) => shown(cell),
                RawCell::Bool(b) => b.to_string(),
            };
            if let Some(c) = choices.iter().find(|c| c.eq_ignore_ascii_case(&text)) {
                return ok(Value::Text(c.clone()));
            }
            let hint = match closest(&text, choices.iter().map(String::as_str)) {
                Some(c) => tx!("R206-hint-near", "name" => c, "list" => choices.join(", ")),
                None => tx!("R206-hint", "list" => choices.join(", ")),
            };
            Err(Problem {
                code: "R206",
                message: tx!("R206", "text" => &text),
                hint: Some(hint),
                sv: tx!("correction-R206-list", "text" => &text, "list" => choices.join(", ")),
            })
        }
        FieldType::Text | FieldType::LongText => {
            let text = match cell {
                RawCell::Text(t) => t.clone(),
                // As the cell shows it: a tiny number is 1E-07, never "0".
                RawCell::Number(n) => general_text(*n),
                RawCell::Serial(n) => date_shown(cell).unwrap_or_else(|| general_text(*n)),
                RawCell::IsoDate(_) | RawCell::Percent(_) => shown(cell),
                RawCell::Bool(b) => {
                    if *b {
                        "Ja".into()
                    } else {
                        "Nej".into()
                    }
                }
                RawCell::Error(e) => return Err(error_value(e)),
            };
            if let Some(max) = field.max_len {
                let n = text.chars().count();
                if n > max as usize {
                    return Err(problem(
                        "R207",
                        tx!("R207", "n" => n, "max" => max),
                        tx!("R207-hint"),
                    )
                    .sv(tx!("correction-R207-long", "n" => n, "max" => max)));
                }
            }
            ok(Value::Text(text))
        }
    }
}

/// An error value in an input cell (`#DIV/0!`, or `#SPILL!` from a newer Excel).
pub fn error_value(e: &str) -> Problem {
    problem("R204", tx!("R204", "value" => e), tx!("R204-hint"))
}

/// Whether a raw cell is empty for the form's purposes (blank text counts as empty).
pub fn is_blank(cell: Option<&RawCell>) -> bool {
    match cell {
        None => true,
        Some(RawCell::Text(t)) => t.trim().is_empty(),
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn field(kind: FieldType) -> FieldDef {
        toml::from_str(&format!(
            "id = \"f\"\nlabel = \"F\"\ntype = \"{}\"",
            kind.key()
        ))
        .unwrap()
    }

    #[test]
    fn numbers_typed_as_text() {
        assert_eq!(parse_number_text("1,5"), Some((1.5, true)));
        assert_eq!(parse_number_text(" 12 "), Some((12.0, false)));
        assert_eq!(parse_number_text("1 234,5"), Some((1234.5, true)));
        assert_eq!(parse_number_text("6,5 %"), Some((6.5, true)));
        assert_eq!(parse_number_text("ca 5"), None);
        assert_eq!(parse_number_text("1.234,5"), None);
        assert_eq!(parse_number_text("1e999"), None);
    }

    #[test]
    fn each_defect_has_its_code() {
        let num = field(FieldType::Number);
        let code = |f: &FieldDef, c: RawCell| {
            convert(f, &c, (Some(0.0), Some(100.0)), &[])
                .unwrap_err()
                .code
        };
        assert_eq!(code(&num, RawCell::Text("ca 5".into())), "R203");
        assert_eq!(code(&num, RawCell::Number(101.0)), "R202");
        assert_eq!(code(&num, RawCell::Error("#SPILL!".into())), "R204");
        assert_eq!(code(&num, RawCell::Number(f64::INFINITY)), "R209");
        assert_eq!(
            code(&field(FieldType::Date), RawCell::Serial(-1e300)),
            "R208"
        );
        let ok = convert(&num, &RawCell::Text("1,5".into()), (None, None), &[]).unwrap();
        assert_eq!(ok.value, Value::Number(1.5));
        assert_eq!(ok.warning.unwrap().code, "R205");
    }

    #[test]
    fn numbers_read_as_the_cell_shows_them() {
        assert_eq!(general_text(1e-7), "0,0000001");
        assert_eq!(general_text(1e-12), "1E-12");
        assert_eq!(general_text(0.1 + 0.2), "0,3");
        assert_eq!(general_text(1234.5), "1234,5");
        assert_eq!(general_text(-2.0), "-2");
        assert_eq!(percent_shown(0.095), 9.5);
        assert_eq!(percent_shown(0.94), 94.0);
        let pct = field(FieldType::Percent);
        let num = field(FieldType::Number);
        let read = |f: &FieldDef, c: RawCell| convert(f, &c, (Some(0.0), Some(100.0)), &[]);
        assert_eq!(
            read(&pct, RawCell::Percent(0.095)).unwrap().value,
            Value::Number(9.5)
        );
        assert_eq!(read(&num, RawCell::Percent(0.5)).unwrap_err().code, "R217");
        let e = read(&num, RawCell::Serial(46_096.0)).unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            ("R203", "ett datum (2026-03-15) i en talcell")
        );
        let e = read(&pct, RawCell::IsoDate("2026-03-15T00:00:00".into())).unwrap_err();
        assert_eq!(e.message, "ett datum (2026-03-15) i en talcell");
        let e = read(&pct, RawCell::Percent(1.5)).unwrap_err();
        assert!(
            e.message
                .starts_with("150 % ligger utanför det tillåtna intervallet"),
            "{}",
            e.message
        );
        assert_eq!(
            convert(
                &field(FieldType::Text),
                &RawCell::Number(1e-7),
                (None, None),
                &[]
            )
            .unwrap()
            .value,
            Value::Text("0,0000001".into())
        );
    }

    #[test]
    fn a_fraction_below_a_percentage_range_is_an_error_naming_the_range() {
        let pct = field(FieldType::Percent);
        let e = convert(&pct, &RawCell::Number(0.2), (Some(1.0), Some(60.0)), &[]).unwrap_err();
        assert_eq!(e.code, "R216");
        assert!(
            e.message.starts_with(
                "0,2 är en andel, inte procent: 20 % passar indikatorns intervall 1–60"
            ),
            "{}",
            e.message
        );
        // Typed with its percent sign, 0,2 % is meant.
        let e = convert(
            &pct,
            &RawCell::Text("0,2 %".into()),
            (Some(1.0), Some(60.0)),
            &[],
        )
        .unwrap_err();
        assert_eq!(e.code, "R202");
    }

    #[test]
    fn choices_are_matched_without_case_and_suggested() {
        let f = field(FieldType::Choice);
        let choices = vec!["Pågår".to_string(), "Klar".to_string()];
        assert_eq!(
            convert(&f, &RawCell::Text("klar".into()), (None, None), &choices)
                .unwrap()
                .value,
            Value::Text("Klar".into())
        );
        let e = convert(&f, &RawCell::Text("Pågar".into()), (None, None), &choices).unwrap_err();
        assert_eq!(e.code, "R206");
        assert!(e.hint.unwrap().contains("menade du 'Pågår'"));
    }

    proptest! {
        #[test]
        fn never_panics(s in ".{0,20}", n in proptest::num::f64::ANY) {
            for kind in FieldType::ALL {
                let f = field(*kind);
                let _ = convert(&f, &RawCell::Text(s.clone()), (Some(0.0), Some(10.0)), &[]);
                let _ = convert(&f, &RawCell::Number(n), (Some(0.0), Some(10.0)), &[]);
                let _ = convert(&f, &RawCell::Serial(n), (None, None), &[]);
            }
        }

        #[test]
        fn swedish_decimal_text_reads_back(x in -1e9f64..1e9) {
            let s = format!("{x:.3}").replace('.', ",");
            let (n, comma) = parse_number_text(&s).unwrap();
            prop_assert!(comma || !s.contains(','));
            prop_assert!((n - x).abs() < 1e-3);
        }
    }
}
