//! Makes the example municipality's fictional system exports in `sample-data/exports/`:
//!
//! - `huvudbok-2025-2026.csv`: the ekonomisystem's huvudbok summed per ansvar, konto and month,
//!   January 2025 to April 2026, as Swedish systems write it: Windows-1252, semicolons, decimal
//!   commas, amounts in kr (revenues negative), names with å, ä and ö, and the central
//!   finansförvaltningen's ansvar that belongs to no unit;
//! - `personal-2026.xlsx`: the HR system's personnel statistics per kostnadsställe and month
//!   (January to April 2026, "januari 2026"), accumulated for the year, under two title rows,
//!   the percentages formatted as percentages;
//! - `kolada-2024-2025.json`: a Kolada API snapshot (`{"values": [...]}`) of the KPIs the
//!   catalogue names, for the kommun (1452) and its ten peers (`[kolada] peers`), and the ou
//!   variant for the units with a `kolada_ou`; the 2025 values of the school results marked
//!   preliminary.
//!
//! The figures follow each unit's budget (`styr.toml`) and its 2025 outcomes
//! (`historik.csv`), with a deterministic spread. Rerun when units change:
//!
//! ```text
//! cargo run --example make_exports
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
use styr::domain::UnitId;
use styr::model::Level;
use styr::workspace::Workspace;

/// A number in 0..1 from a text and a salt: the same every run.
fn spread(text: &str, salt: u32) -> f64 {
    let mut h: u32 = 2_166_136_261 ^ salt;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(16_777_619);
    }
    f64::from(h % 10_000) / 10_000.0
}

fn kr(n: f64) -> String {
    format!("{n:.2}").replace('.', ",")
}

/// (konto, name, share of the net budget; revenues negative).
const ACCOUNTS: &[(&str, &str, f64)] = &[
    ("3010", "Försäljning och avgifter", -0.08),
    ("5010", "Löner månadsavlönade", 0.66),
    ("5410", "Sociala avgifter enligt lag och avtal", 0.21),
    ("6110", "Lokalhyror", 0.13),
    ("6990", "Övriga främmande tjänster och förbrukning", 0.08),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ws = Workspace::load(&root.join("sample-data")).map_err(|e| format!("{e}"))?;
    let out = root.join("sample-data/exports");
    std::fs::create_dir_all(&out)?;
    let last = |ind: &str, unit: &str| {
        let level = Level::Unit(UnitId::new(unit).ok()?);
        ws.history
            .iter()
            .filter(|o| o.indicator.as_str() == ind && o.level == level && o.period.year() == 2025)
            .max_by_key(|o| o.period.months())
            .map(|o| o.value)
    };

    // The huvudbok.
    let mut csv =
        String::from("Period;Ansvar;Ansvar benämning;Konto;Konto benämning;Budget;Utfall\r\n");
    let mut by_code: BTreeMap<&str, (&str, String, f64)> = BTreeMap::new();
    for (code, (unit, _)) in &ws.sources.codes {
        let Some(u) = ws.config.unit(unit.as_str()) else {
            continue;
        };
        let n = ws.sources.codes.values().filter(|(x, _)| x == unit).count();
        by_code.insert(
            code.as_str(),
            (
                unit.as_str(),
                u.name.clone(),
                u.budget_tkr.unwrap_or(0.0) * 1000.0 / n as f64,
            ),
        );
    }
    by_code.insert("9100", ("", "Finansförvaltning".into(), -4_000_000.0));
    for year in [2025u16, 2026] {
        let months = if year == 2025 { 12 } else { 4 };
        for month in 1..=months {
            for (code, (unit, name, budget)) in &by_code {
                // The unit's result over the year: its 2025 deviation as a share of budget.
                let dev =
                    last("budgetavvikelse", unit).unwrap_or(0.0) * 1000.0 / budget.abs().max(1.0);
                let drift = (spread(code, u32::from(year)) - 0.5) * 0.04 - dev;
                for (konto, kname, share) in ACCOUNTS {
                    let b = budget * share / 12.0;
                    let noise = (spread(&format!("{code}{konto}{year}{month}"), 7) - 0.5) * 0.06;
                    let u = b * (1.0 + drift + noise);
                    writeln!(
                        csv,
                        "{year}{month:02};{code};{name};{konto};{kname};{};{}\r",
                        kr((b * 100.0).round() / 100.0),
                        kr((u * 100.0).round() / 100.0)
                    )?;
                }
            }
        }
    }
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(&csv);
    assert!(!bad, "the huvudbok has a character Windows-1252 lacks");
    std::fs::write(out.join("huvudbok-2025-2026.csv"), &bytes)?;

    // The HR statistics.
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2026, 5, 5)?),
    );
    let sheet = wb.add_worksheet().set_name("Personalstatistik")?;
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0.0%");
    let one = Format::new().set_num_format("0.0");
    sheet.write_with_format(
        0,
        0,
        "Personalstatistik per kostnadsställe, ackumulerat",
        &bold,
    )?;
    sheet.write(1, 0, "Ekebo kommun, uttag 2026-05-05")?;
    let head = [
        "Månad",
        "Kostnadsställe",
        "Benämning",
        "Årsarbetare",
        "Sjukfrånvaro ack.",
        "Korttidssjukfrånvaro ack.",
        "Personalomsättning ack.",
    ];
    for (c, h) in head.iter().enumerate() {
        sheet.write_with_format(3, u16::try_from(c)?, *h, &bold)?;
    }
    let names = ["januari 2026", "februari 2026", "mars 2026", "april 2026"];
    let mut row = 4u32;
    for (m, month) in names.iter().enumerate() {
        for u in &ws.config.units {
            let Some((code, _)) = ws.sources.codes.iter().find(|(_, (x, _))| x == &u.id) else {
                continue;
            };
            let id = u.id.as_str();
            let s = |salt: u32| spread(id, salt + m as u32) - 0.5;
            let fte = last("arsarbetare", id).unwrap_or(10.0) * (1.0 + s(1) * 0.04);
            let sick = last("sjukfranvaro", id).unwrap_or(6.0) * (1.0 + s(20) * 0.2);
            let short = last("korttidssjukfranvaro", id).unwrap_or(2.5) * (1.0 + s(40) * 0.2);
            // Turnover accumulates over the year.
            let turnover = last("personalomsattning", id).unwrap_or(8.0) * f64::from(m as u8 + 1)
                / 12.0
                * (1.0 + s(60) * 0.2);
            sheet.write(row, 0, *month)?;
            sheet.write(row, 1, code.as_str())?;
            sheet.write(row, 2, u.name.as_str())?;
            sheet.write_with_format(row, 3, (fte * 10.0).round() / 10.0, &one)?;
            sheet.write_with_format(row, 4, (sick * 10.0).round() / 1000.0, &pct)?;
            sheet.write_with_format(row, 5, (short * 10.0).round() / 1000.0, &pct)?;
            sheet.write_with_format(row, 6, (turnover * 10.0).round() / 1000.0, &pct)?;
            row += 1;
        }
    }
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(2, 34)?;
    for c in 3..=6 {
        sheet.set_column_width(c, 16)?;
    }
    wb.save(out.join("personal-2026.xlsx"))?;

    // The Kolada snapshot: a typical level per KPI, spread over the municipalities.
    let mut entries = Vec::new();
    let kommun = ws.config.kommun.kolada_id.clone().unwrap_or_default();
    let mut munis = vec![kommun.clone()];
    munis.extend(ws.sources.kolada_peers.iter().cloned());
    for ind in &ws.catalogue.indicators {
        let Some(kpi) = ind.kolada.as_deref() else {
            continue;
        };
        let level = match kpi {
            "N03001" => 2.5,
            "N00097" => 1.0,
            "N00090" => 7.2,
            "N15814" => 71.0,
            "N11102" => 5.3,
            "N15505" => 224.0,
            "N15419" => 74.0,
            "U21401" => 15.0,
            "U21468" => 88.0,
            "U23471" => 82.0,
            "U23401" => 60.0,
            _ => 50.0,
        };
        for year in [2024u16, 2025] {
            for m in &munis {
                let s = spread(&format!("{kpi}{m}{year}"), 3) - 0.5;
                let v = (level * (1.0 + s * 0.3) * 10.0).round() / 10.0;
                let status = if year == 2025 && kpi.starts_with("N15") {
                    "Preliminary"
                } else {
                    ""
                };
                let mut values = vec![
                    serde_json::json!({"count": 1, "gender": "T", "status": status, "value": v}),
                ];
                if kpi == "N00090" {
                    values.push(serde_json::json!({"count": 1, "gender": "K", "status": status, "value": ((v * 1.25) * 10.0_f64).round() / 10.0}));
                    values.push(serde_json::json!({"count": 1, "gender": "M", "status": status, "value": ((v * 0.6) * 10.0_f64).round() / 10.0}));
                }
                entries.push(serde_json::json!({"kpi": kpi, "municipality": m, "period": year, "values": values}));
            }
            if kpi.starts_with('U') {
                for (ou, unit) in &ws.sources.ous {
                    let category = ws.config.unit(unit.as_str()).map(|u| u.category.as_str());
                    if !ind.categories.is_empty()
                        && !category.is_some_and(|c| ind.categories.iter().any(|x| x == c))
                    {
                        continue;
                    }
                    let s = spread(&format!("{kpi}{ou}{year}"), 5) - 0.5;
                    let v = (level * (1.0 + s * 0.2) * 10.0).round() / 10.0;
                    entries.push(serde_json::json!({"kpi": kpi, "ou": ou, "period": year,
                        "values": [{"count": 1, "gender": "T", "status": "", "value": v}]}));
                }
            }
        }
    }
    // One KPI the catalogue does not name, as a real snapshot has: left out by the import.
    entries.push(
        serde_json::json!({"kpi": "N01951", "municipality": kommun, "period": 2025,
        "values": [{"count": 1, "gender": "T", "status": "", "value": 12040.0}]}),
    );
    let doc = serde_json::json!({"count": entries.len(), "next_page": null, "previous_page": null, "values": entries});
    std::fs::write(
        out.join("kolada-2024-2025.json"),
        serde_json::to_string_pretty(&doc)? + "\n",
    )?;
    println!("wrote {}", out.display());
    Ok(())
}
