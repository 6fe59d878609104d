//! The organisation workbook for `styr init DIR --from-excel org.xlsx`: förvaltningar and
//! units as HR and ekonomi keep them, one row per unit, headers in plain Swedish.
//!
//! | column (any of)                                   | becomes                 | required |
//! |---------------------------------------------------|-------------------------|----------|
//! | Förvaltning                                       | the förvaltning's name  | yes      |
//! | Förvaltnings-id, Förvaltningskod                  | its id (else initials)  | no       |
//! | Enhet, Enhetsnamn                                 | the unit's name         | yes      |
//! | Enhets-id                                         | its id (else from name) | no       |
//! | Kategori, Verksamhetsslag                         | `category`              | no       |
//! | Chef, Enhetschef                                  | `chef`                  | no       |
//! | E-post, E-postadress, Epost, Mejl                 | `email`                 | no       |
//! | Budget, Budget (tkr), Nettobudget                 | `budget_tkr`            | no       |
//! | Ansvar, Ansvarskod, Kostnadsställe, Kst           | `codes`                 | no       |
//!
//! A row with a förvaltning and no unit gives the förvaltning's own chef and e-post. The first
//! sheet named `Organisation` or `Enheter` is read, else the first sheet; the header row is the
//! first of the top 10 rows that names both a förvaltning and a unit column.

use crate::tx;
use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use crate::diag::{Diagnostic, Location, closest};
use crate::domain::{CellRef, SheetCell, UnitId};
use crate::toml_check::shape::plain_id;
use crate::workspace::blank::{OrgForvaltning, OrgUnit, Organisation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Forvaltning,
    ForvaltningId,
    Enhet,
    EnhetId,
    Kategori,
    Chef,
    Epost,
    Budget,
    Ansvar,
}

/// Header words (lower case, without brackets and "tkr") and the column they name.
const HEADERS: &[(&str, Col)] = &[
    ("förvaltning", Col::Forvaltning),
    ("förvaltningsnamn", Col::Forvaltning),
    ("förvaltnings-id", Col::ForvaltningId),
    ("förvaltningsid", Col::ForvaltningId),
    ("förvaltningskod", Col::ForvaltningId),
    ("förv-id", Col::ForvaltningId),
    ("enhet", Col::Enhet),
    ("enhetsnamn", Col::Enhet),
    ("enhets-id", Col::EnhetId),
    ("enhetsid", Col::EnhetId),
    ("kategori", Col::Kategori),
    ("verksamhetsslag", Col::Kategori),
    ("verksamhetstyp", Col::Kategori),
    ("chef", Col::Chef),
    ("enhetschef", Col::Chef),
    ("ansvarig chef", Col::Chef),
    ("e-post", Col::Epost),
    ("e-postadress", Col::Epost),
    ("epost", Col::Epost),
    ("mejl", Col::Epost),
    ("mail", Col::Epost),
    ("budget", Col::Budget),
    ("nettobudget", Col::Budget),
    ("ansvar", Col::Ansvar),
    ("ansvarskod", Col::Ansvar),
    ("ansvarskoder", Col::Ansvar),
    ("kostnadsställe", Col::Ansvar),
    ("kst", Col::Ansvar),
];

fn header_key(text: &str) -> String {
    let t = text
        .to_lowercase()
        .replace(['(', ')', ':'], " ")
        .split_whitespace()
        .filter(|w| *w != "tkr")
        .collect::<Vec<_>>()
        .join(" ");
    t.trim().to_string()
}

/// What `--from-excel` found: the organisation when it could be read, and every finding.
#[derive(Debug)]
pub struct OrgRead {
    pub organisation: Option<Organisation>,
    pub findings: Vec<Diagnostic>,
}

/// Reads the organisation workbook at `path` (named `shown` in messages).
pub fn read(path: &Path, shown: &Path) -> OrgRead {
    let fail = |d: Diagnostic| OrgRead {
        organisation: None,
        findings: vec![d],
    };
    let file = Location::File(shown.to_path_buf());
    let mut wb = match open_workbook_auto(path) {
        Ok(wb) => wb,
        Err(e) => {
            return fail(
                Diagnostic::error("C090", file, tx!("C090-open"))
                    .hint(tx!("C090-open-hint"))
                    .detail(e.to_string()),
            );
        }
    };
    let names = wb.sheet_names().clone();
    let sheet = names
        .iter()
        .find(|n| {
            let l = n.to_lowercase();
            l == "organisation" || l == "enheter"
        })
        .or_else(|| names.first())
        .cloned();
    let Some(sheet) = sheet else {
        return fail(Diagnostic::error("C090", file, tx!("C090-no-sheets")));
    };
    let range = match wb.worksheet_range(&sheet) {
        Ok(r) => r,
        Err(e) => {
            return fail(
                Diagnostic::error(
                    "C090",
                    Location::Sheet {
                        file: shown.to_path_buf(),
                        sheet: sheet.clone(),
                    },
                    tx!("C090-sheet"),
                )
                .detail(e.to_string()),
            );
        }
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let at = |row: usize, col: usize| Location::Cell {
        file: shown.to_path_buf(),
        cell: SheetCell::new(
            sheet.clone(),
            CellRef::new(
                r0 + u32::try_from(row).unwrap_or(u32::MAX),
                u16::try_from(c0 as usize + col).unwrap_or(u16::MAX),
            ),
        ),
    };
    let rows: Vec<&[Data]> = range.rows().collect();
    let known: Vec<&str> = HEADERS.iter().map(|(h, _)| *h).collect();
    let lookup = |text: &str| {
        let k = header_key(text);
        HEADERS.iter().find(|(h, _)| *h == k).map(|(_, c)| *c)
    };
    let header_row = rows.iter().take(10).position(|r| {
        let cols: Vec<Col> = r.iter().filter_map(|d| lookup(&d.to_string())).collect();
        cols.contains(&Col::Forvaltning) && cols.contains(&Col::Enhet)
    });
    let Some(hr) = header_row else {
        return fail(
            Diagnostic::error(
                "C090",
                Location::Sheet {
                    file: shown.to_path_buf(),
                    sheet: sheet.clone(),
                },
                tx!("C090-no-header"),
            )
            .hint(tx!("C090-no-header-hint")),
        );
    };
    let mut findings = Vec::new();
    let mut cols: BTreeMap<Col, usize> = BTreeMap::new();
    for (i, d) in rows[hr].iter().enumerate() {
        let text = d.to_string();
        if text.trim().is_empty() {
            continue;
        }
        match lookup(&text) {
            Some(c) => {
                cols.entry(c).or_insert(i);
            }
            None => {
                let w =
                    Diagnostic::warning("C091", at(hr, i), tx!("C091", "header" => text.trim()));
                findings.push(match closest(&header_key(&text), known.iter().copied()) {
                    Some(c) => w.hint(tx!("did-you-mean-quoted", "name" => c)),
                    None => w.hint(tx!("C091-hint")),
                });
            }
        }
    }
    let cell = |row: &[Data], c: Col| -> Option<(usize, String)> {
        let i = *cols.get(&c)?;
        let text = match row.get(i)? {
            Data::Empty => return None,
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            d => d.to_string(),
        };
        let text = text.trim().to_string();
        (!text.is_empty()).then_some((i, text))
    };
    let mut forvaltningar: Vec<OrgForvaltning> = Vec::new();
    let mut units: Vec<OrgUnit> = Vec::new();
    let mut unit_ids: BTreeMap<String, Location> = BTreeMap::new();
    for (n, row) in rows.iter().enumerate().skip(hr + 1) {
        let Some((_, fname)) = cell(row, Col::Forvaltning) else {
            if let Some((ei, _)) = cell(row, Col::Enhet) {
                let fcol = cols.get(&Col::Forvaltning).copied().unwrap_or(ei);
                findings.push(
                    Diagnostic::error("C092", at(n, fcol), tx!("C092-no-forvaltning"))
                        .hint(tx!("C092-no-forvaltning-hint")),
                );
            }
            continue;
        };
        let fid = match cell(row, Col::ForvaltningId) {
            Some((i, id)) => match UnitId::new(id.as_str()) {
                Ok(_) => id,
                Err(_) => {
                    findings.push(bad_id(at(n, i), &id));
                    continue;
                }
            },
            None => forvaltning_id(&fname),
        };
        let f_index = match forvaltningar.iter().position(|f| f.name == fname) {
            Some(i) => i,
            None => {
                // Ids made from initials may collide: number the later ones.
                let mut id = fid.clone();
                let mut k = 1;
                while forvaltningar.iter().any(|f| f.id == id) {
                    k += 1;
                    id = format!("{fid}{k}");
                }
                forvaltningar.push(OrgForvaltning {
                    id,
                    name: fname.clone(),
                    chef: String::new(),
                    email: String::new(),
                });
                forvaltningar.len() - 1
            }
        };
        let chef = cell(row, Col::Chef).map(|(_, t)| t).unwrap_or_default();
        let email = match cell(row, Col::Epost) {
            Some((i, e)) if !looks_like_email(&e) => {
                findings.push(
                    Diagnostic::error("C094", at(n, i), tx!("C094", "text" => &e))
                        .hint(tx!("C094-hint")),
                );
                String::new()
            }
            Some((_, e)) => e,
            None => String::new(),
        };
        let Some((ei, ename)) = cell(row, Col::Enhet) else {
            // The förvaltning's own row: its chef and e-post.
            let f = &mut forvaltningar[f_index];
            f.chef = chef;
            f.email = email;
            continue;
        };
        let fid = forvaltningar[f_index].id.clone();
        let id = match cell(row, Col::EnhetId) {
            Some((i, id)) => match UnitId::new(id.as_str()) {
                Ok(_) => id,
                Err(_) => {
                    findings.push(bad_id(at(n, i), &id));
                    continue;
                }
            },
            None => unit_id(&fid, &ename),
        };
        if let Some(first) = unit_ids.get(&id) {
            findings.push(
                Diagnostic::error(
                    "C095",
                    at(n, ei),
                    tx!("C095", "name" => &ename, "id" => &id, "first" => first.to_string()),
                )
                .hint(tx!("C095-hint")),
            );
            continue;
        }
        unit_ids.insert(id.clone(), at(n, ei));
        let budget_tkr = match cell(row, Col::Budget) {
            None => None,
            Some((i, text)) => match budget(row.get(i), &text) {
                Some(b) if b >= 0.0 => Some(b),
                _ => {
                    findings.push(
                        Diagnostic::error("C093", at(n, i), tx!("C093", "text" => &text))
                            .hint(tx!("C093-hint")),
                    );
                    None
                }
            },
        };
        let codes = cell(row, Col::Ansvar)
            .map(|(_, t)| {
                t.split([',', ';', ' ', '\n'])
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let category = cell(row, Col::Kategori)
            .map(|(_, t)| t.to_lowercase())
            .unwrap_or_else(|| "verksamhet".into());
        units.push(OrgUnit {
            id,
            name: ename,
            forvaltning: fid,
            category,
            chef,
            email,
            budget_tkr,
            codes,
        });
    }
    if units.is_empty() && !findings.iter().any(Diagnostic::is_error) {
        findings.push(Diagnostic::error(
            "C090",
            Location::Sheet {
                file: shown.to_path_buf(),
                sheet: sheet.clone(),
            },
            tx!("C090-no-units"),
        ));
    }
    let organisation = (!findings.iter().any(Diagnostic::is_error)).then_some(Organisation {
        forvaltningar,
        units,
    });
    OrgRead {
        organisation,
        findings,
    }
}

fn bad_id(at: Location, id: &str) -> Diagnostic {
    Diagnostic::error("C092", at, tx!("C092-bad-id", "id" => id))
        .hint(tx!("C092-bad-id-hint"))
        .hint(tx!("config-example", "example" => format!("\"{}\"", plain_id(id))))
}

fn looks_like_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !e.contains(char::is_whitespace)
}

fn budget(d: Option<&Data>, text: &str) -> Option<f64> {
    match d {
        Some(Data::Float(f)) => Some(*f),
        Some(Data::Int(i)) => Some(*i as f64),
        _ => text
            .replace([' ', '\u{a0}'], "")
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite()),
    }
}

/// Initials of a förvaltning's name: "Barn- och utbildningsförvaltningen" → "BUF".
pub fn forvaltning_id(name: &str) -> String {
    let mut id = String::new();
    for w in name.split(|c: char| c.is_whitespace() || c == '-') {
        let l = w.to_lowercase();
        if l.is_empty() || l == "och" {
            continue;
        }
        if let Some(c) = plain_id(w).chars().next() {
            id.push(c.to_ascii_uppercase());
        }
        let stem = l.trim_end_matches("en");
        if stem.len() > "förvaltning".len() && stem.ends_with("förvaltning") {
            id.push('F');
        }
    }
    if id.is_empty() { plain_id(name) } else { id }
}

/// A unit's id: its förvaltning's id and its name, plain and lower case.
pub fn unit_id(forvaltning: &str, name: &str) -> String {
    let id = format!("{}-{}", forvaltning, plain_id(name)).to_lowercase();
    let id: String = id.chars().take(40).collect();
    id.trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_names() {
        assert_eq!(forvaltning_id("Barn- och utbildningsförvaltningen"), "BUF");
        assert_eq!(forvaltning_id("Socialförvaltningen"), "SF");
        assert_eq!(
            unit_id("BUF", "Solrosens förskola"),
            "buf-solrosens-forskola"
        );
        assert!(UnitId::new(unit_id("X", &"å".repeat(80))).is_ok());
    }
}
