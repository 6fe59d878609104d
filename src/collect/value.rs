//! Turning a raw cell into a field's value, with every check a person's typing needs:
//! numbers typed as text, decimal commas, error values, dates out of range, lists, lengths.

use crate::diag::closest;
use crate::domain::{Date, FieldType, Value, format_number};
use crate::form::FieldDef;
use crate::xlsx_read::RawCell;

/// A problem with one value: code, message and hint for the controller, and the same in
/// Swedish for the unit (shown in correction workbooks).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
    pub sv: String,
}

/// What a unit is told about a problem, in Swedish.
pub fn swedish(code: &str) -> &'static str {
    match code {
        "R201" => "Uppgiften är obligatorisk men saknas.",
        "R202" => {
            "Värdet ligger utanför det tillåtna intervallet. Kontrollera enheten: procent skrivs 6,5 (inte 0,065), belopp i tkr."
        }
        "R203" => {
            "Cellen ska innehålla ett tal. Skriv bara talet, till exempel 5 eller 5,5, utan ord, \"ca\" eller enheter. Saknas värdet: lämna cellen tom och förklara i analysen."
        }
        "R204" => {
            "Cellen innehåller ett felvärde från en formel. Skriv värdet i stället, eller lämna cellen tom."
        }
        "R205" => "Talet var skrivet som text och lästes in som tal.",
        "R206" => "Värdet finns inte i listan. Välj ett av värdena i listan.",
        "R207" => "Texten är för lång. Korta den.",
        "R208" => "Skriv ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-05-08.",
        "R209" => "Talet är för stort. Skriv ett vanligt tal.",
        "R107" => {
            "Målvärdet har ändrats sedan arbetsboken skapades. Färgerna och kravet på åtgärd följer det målvärde arbetsboken visar."
        }
        "R210" => "Utfallet når inte målvärdet. Beskriv vilka åtgärder enheten vidtar, och när.",
        "R212" => "Välj Ja eller Nej i listan.",
        "R213" => "Datumet var skrivet som text och lästes in som datum.",
        "R215" => "Värdet ser ut som en andel, inte procent: skriv 6,5 för 6,5 %.",
        _ => "Kontrollera värdet.",
    }
}

fn problem(code: &'static str, message: impl Into<String>, hint: &str) -> Problem {
    Problem {
        code,
        message: message.into(),
        hint: (!hint.is_empty()).then(|| hint.to_string()),
        sv: swedish(code).to_string(),
    }
}

impl Problem {
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
        (Some(a), None) => format!("minst {}", fmt_n(a)),
        (None, Some(b)) => format!("högst {}", fmt_n(b)),
        (None, None) => String::new(),
    }
}

/// Checks a number against bounds.
fn in_bounds(n: f64, min: Option<f64>, max: Option<f64>) -> Result<(), Problem> {
    let low = min.is_some_and(|m| n < m);
    let high = max.is_some_and(|m| n > m);
    if low || high {
        let range = match (min, max) {
            (Some(a), Some(b)) => format!("between {} and {}", fmt_n(a), fmt_n(b)),
            (Some(a), None) => format!("at least {}", fmt_n(a)),
            (None, Some(b)) => format!("at most {}", fmt_n(b)),
            (None, None) => String::new(),
        };
        return Err(problem(
            "R202",
            format!("{} is out of range: the value must be {range}", fmt_n(n)),
            "check the unit: percentages as 6,5 (not 0,065), amounts in tkr",
        )
        .sv(format!(
            "{} ligger utanför det tillåtna intervallet ({}). Kontrollera enheten: procent skrivs 6,5 (inte 0,065), belopp i tkr.",
            fmt_n(n),
            range_sv(min, max)
        )));
    }
    Ok(())
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
    let ok = |value| {
        Ok(Accepted {
            value,
            warning: None,
        })
    };
    match field.kind {
        FieldType::Number | FieldType::Percent | FieldType::Amount => {
            let (n, warning) = match cell {
                RawCell::Number(n) | RawCell::Serial(n) => (*n, None),
                RawCell::Text(t) => match parse_number_text(t) {
                    Some((n, comma)) => (
                        n,
                        Some(problem(
                            "R205",
                            format!(
                                "the number \"{}\" was typed as text{}; read as {}",
                                t.trim(),
                                if comma { " with a decimal comma" } else { "" },
                                fmt_n(n)
                            ),
                            "type numbers in number cells without spaces or units",
                        )),
                    ),
                    None => {
                        let lower = t.trim().to_lowercase();
                        let hint = if ["n/a", "na", "-", "–", "saknas", "ej aktuellt", "?", "x"]
                            .contains(&lower.as_str())
                        {
                            "leave the cell empty when the value is missing, and say why in the analysis"
                        } else {
                            "type only the number, e.g. 5 or 5,5 (no \"ca\", units or words)"
                        };
                        return Err(problem(
                            "R203",
                            format!("text in a number cell: \"{}\"", t.trim()),
                            hint,
                        ));
                    }
                },
                RawCell::Bool(b) => {
                    return Err(problem(
                        "R203",
                        format!("a true/false value ({b}) in a number cell"),
                        "type the number",
                    ));
                }
                RawCell::IsoDate(d) => {
                    return Err(problem(
                        "R203",
                        format!("a date ({d}) in a number cell"),
                        "a Swedish LibreOffice turns 14/3 into a date: type 14,3 or the number itself",
                    ));
                }
                RawCell::Error(e) => return Err(error_value(e)),
            };
            if !n.is_finite() {
                return Err(problem(
                    "R209",
                    "the number is not finite (too large)",
                    "type an ordinary number",
                ));
            }
            in_bounds(n, bounds.0, bounds.1)?;
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
                    format!("{} is not a date between 2000 and 2100", fmt_n(*n)),
                    "type a date as ÅÅÅÅ-MM-DD, e.g. 2026-05-08",
                )),
            },
            RawCell::IsoDate(s) | RawCell::Text(s) => match Date::parse(s.get(..10).unwrap_or(s)) {
                Some(d) if (2000..=2100).contains(&d.year()) => {
                    let warning = matches!(cell, RawCell::Text(_)).then(|| {
                        problem(
                            "R213",
                            format!("the date \"{}\" was typed as text; read as {d}", s.trim()),
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
                    format!("\"{}\" is not a date", s.trim()),
                    "type a date as ÅÅÅÅ-MM-DD, e.g. 2026-05-08",
                )),
            },
            RawCell::Bool(_) => Err(problem(
                "R208",
                "a true/false value in a date cell",
                "type a date as ÅÅÅÅ-MM-DD",
            )),
            RawCell::Error(e) => Err(error_value(e)),
        },
        FieldType::Choice | FieldType::YesNo => {
            let text = match cell {
                RawCell::Text(t) => t.trim().to_string(),
                RawCell::Bool(b) if field.kind == FieldType::YesNo => {
                    let v = if *b { "Ja" } else { "Nej" };
                    return Ok(Accepted {
                        value: Value::Text(v.into()),
                        warning: Some(problem(
                            "R212",
                            format!("a true/false value read as {v}"),
                            "choose Ja or Nej in the list",
                        )),
                    });
                }
                RawCell::Number(n) => fmt_n(*n),
                RawCell::Error(e) => return Err(error_value(e)),
                RawCell::Serial(n) => fmt_n(*n),
                RawCell::IsoDate(d) => d.clone(),
                RawCell::Bool(b) => b.to_string(),
            };
            if let Some(c) = choices.iter().find(|c| c.eq_ignore_ascii_case(&text)) {
                return ok(Value::Text(c.clone()));
            }
            let hint = match closest(&text, choices.iter().map(String::as_str)) {
                Some(c) => format!("did you mean '{c}'? The list is: {}", choices.join(", ")),
                None => format!("choose one of: {}", choices.join(", ")),
            };
            Err(Problem {
                code: "R206",
                message: format!("\"{text}\" is not in the list"),
                hint: Some(hint),
                sv: format!(
                    "\"{text}\" finns inte i listan. Välj ett av: {}.",
                    choices.join(", ")
                ),
            })
        }
        FieldType::Text | FieldType::LongText => {
            let text = match cell {
                RawCell::Text(t) => t.clone(),
                RawCell::Number(n) => fmt_n(*n),
                RawCell::Serial(n) => {
                    Date::from_excel_serial(*n).map_or_else(|| fmt_n(*n), |d| d.to_string())
                }
                RawCell::IsoDate(s) => s.clone(),
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
                        format!("the text is {n} characters long; at most {max} fit"),
                        "shorten the text; put details in an attachment",
                    )
                    .sv(format!("Texten är {n} tecken lång; högst {max} får plats.")));
                }
            }
            ok(Value::Text(text))
        }
    }
}

/// An error value in an input cell (`#DIV/0!`, or `#SPILL!` from a newer Excel).
pub fn error_value(e: &str) -> Problem {
    problem(
        "R204",
        format!("the cell holds the error value {e}"),
        "type the value itself instead of a formula, or leave the cell empty",
    )
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
        assert!(e.hint.unwrap().contains("did you mean 'Pågår'"));
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
