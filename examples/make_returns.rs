//! Makes the fill plan for the example municipality's returned workbooks of 2026-T1.
//!
//! `sample-data/tools/make_returns.sh` runs this, fills the workbooks through LibreOffice
//! (`tools/lo_fill.py`) and stamps each file's save date. Rerun it whenever a form changes.
//!
//! ```text
//! cargo run --example make_returns -- OUT_DIR
//! ```
//! writes OUT_DIR/templates/*.xlsx (the generated workbooks), OUT_DIR/spec.json (lo_fill's jobs)
//! and OUT_DIR/stamps.json (the save date of each output).
//!
//! Most units report plausible outcomes near their målvärden; a few returns are faulty on
//! purpose, as returns are: text in a number cell, an empty required analysis, a missed target
//! without åtgärd, a return sent twice, an exact copy, last month's workbook, a late one, and
//! some units send nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value as Json, json};
use styr::domain::{FieldType, FormKind, Period};
use styr::form::{FieldRole, Repeat};
use styr::generate::{self, Recipient};
use styr::workspace::Workspace;
use styr::workspace::catalogue::{Judge, Verdict};
use styr::workspace::config::Unit;

/// A small deterministic generator (xorshift) seeded per unit and field.
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Self {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        Rng(h | 1)
    }
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % 1_000_000) as f64 / 1_000_000.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() * items.len() as f64) as usize % items.len()]
    }
}

/// Units that send nothing.
const MISSING: &[&str] = &["sof-ifo-vuxen", "kff-anlaggningar"];
/// Units whose returns are saved as OpenDocument (LibreOffice's default).
const ODS: &[&str] = &["kff-bibl-huvud", "sof-lss-violen", "sbf-kost"];

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/make-returns".into()),
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ws =
        Workspace::load(&root.join("sample-data")).unwrap_or_else(|e| panic!("sample-data: {e}"));
    let dest = root.join("sample-data/returns/2026-T1");
    std::fs::create_dir_all(out.join("templates")).unwrap();
    let period = Period::parse("2026-T1").unwrap();
    let mut jobs = Vec::new();
    let mut stamps = Vec::new();
    for unit in &ws.config.units {
        let id = unit.id.as_str();
        if MISSING.contains(&id) || id == "ksf-it" {
            continue;
        }
        let ext = if ODS.contains(&id) { "ods" } else { "xlsx" };
        let name = generate::file_name(FormKind::Uppfoljning, period, id)
            .replace(".xlsx", &format!(".{ext}"));
        let template = write_template(&ws, unit, period, &out);
        let mut cells = plan(&ws, unit, period);
        let mut saved = format!(
            "2026-05-{:02}T14:{:02}:00Z",
            4 + (Rng::new(id).next() * 6.0) as u32,
            (Rng::new(id).next() * 59.0) as u32
        );
        match id {
            // Text in a number cell.
            "buf-fsk-blaklockan" => set_first_outcome(&mut cells, json!("ca 5"), "text"),
            // The summary left empty, and a missed target without åtgärd.
            "sof-hemtj-norr" => {
                cells.retain(|c| c["role"] != "summary" && c["role"] != "action");
            }
            // A number typed as text with a decimal comma (accepted, with a warning).
            "kff-fritidsgard" => set_first_outcome(&mut cells, json!("6,5"), "text"),
            // Sent after the deadline.
            "buf-gr-hassla" => saved = "2026-05-13T08:12:00Z".into(),
            // Sent twice: a first version with an error, a corrected one three days later.
            "sbf-gata-park" => {
                let mut first = cells.clone();
                set_first_outcome(&mut first, json!("se bilaga"), "text");
                let early = dest.join(name.replace(".xlsx", "-version1.xlsx"));
                jobs.push(job(&template, &early, &first));
                stamps.push(json!({"path": early, "saved": "2026-05-05T09:30:00Z"}));
                saved = "2026-05-08T10:00:00Z".into();
            }
            _ => {}
        }
        let path = dest.join(&name);
        jobs.push(job(&template, &path, &cells));
        stamps.push(json!({"path": path, "saved": saved}));
        // An exact copy of a return, sent again under another name.
        if id == "ksf-hr" {
            stamps.push(
                json!({"copy_of": path, "path": dest.join(name.replace(".xlsx", " (kopia).xlsx"))}),
            );
        }
    }
    // Last month's workbook sent instead of the tertial's.
    let it = ws.config.unit("ksf-it").unwrap();
    let march = Period::parse("2026-03").unwrap();
    let template = write_template(&ws, it, march, &out);
    let path = dest.join(generate::file_name(FormKind::Uppfoljning, march, "ksf-it"));
    jobs.push(job(&template, &path, &plan(&ws, it, march)));
    stamps.push(json!({"path": path, "saved": "2026-05-07T11:00:00Z"}));
    // Excel's lock file of a workbook someone had open when the folder was copied.
    stamps.push(json!({"lock_file": dest.join("~$uppfoljning-2026-T1-buf-fsk-solrosen.xlsx")}));

    let spec = json!({"password": ws.config.sending.password, "jobs": jobs});
    std::fs::write(
        out.join("spec.json"),
        serde_json::to_vec_pretty(&spec).unwrap(),
    )
    .unwrap();
    std::fs::write(
        out.join("stamps.json"),
        serde_json::to_vec_pretty(&stamps).unwrap(),
    )
    .unwrap();
    println!("{} workbooks planned into {}", jobs.len(), dest.display());
}

fn job(template: &Path, out: &Path, cells: &[Json]) -> Json {
    let cells: Vec<Json> = cells
        .iter()
        .map(|c| json!({"sheet": c["sheet"], "cell": c["cell"], "kind": c["kind"], "value": c["value"]}))
        .collect();
    json!({"input": template, "outputs": [out], "cells": cells})
}

fn set_first_outcome(cells: &mut [Json], value: Json, kind: &str) {
    if let Some(c) = cells.iter_mut().find(|c| c["role"] == "outcome") {
        c["value"] = value;
        c["kind"] = json!(kind);
    }
}

fn write_template(ws: &Workspace, unit: &Unit, period: Period, out: &Path) -> PathBuf {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let inst = generate::build(
        ws,
        def,
        Recipient::Unit(unit),
        period,
        BTreeMap::new(),
        &|_, _, _| None,
    );
    let bytes = styr::xlsx_write::write_form(
        &inst,
        &ws.config.sending.password,
        &ws.config.sending.contact,
    )
    .unwrap();
    let path = out.join("templates").join(generate::file_name(
        FormKind::Uppfoljning,
        period,
        unit.id.as_str(),
    ));
    std::fs::write(&path, bytes).unwrap();
    path
}

const FACTORS: &[(&str, &str)] = &[
    ("Målgrupp", "Trygghet och bemötande"),
    ("Målgrupp", "Delaktighet och inflytande"),
    ("Medarbetare", "Kompetens för uppdraget"),
    ("Medarbetare", "God arbetsmiljö"),
    ("Verksamhet", "Rutiner som följs och utvärderas"),
    ("Ekonomi", "Budget i balans"),
];

const ACTIVITIES: &[(&str, &str)] = &[
    ("Ökad frisknärvaro", "Hälsosamtal med alla medarbetare"),
    ("Ökad frisknärvaro", "Friskvårdstimme varje vecka"),
    ("Nöjdare brukare", "Brukarråd två gånger per termin"),
    (
        "Kompetens för framtiden",
        "Handledarutbildning för fyra medarbetare",
    ),
    ("Budget i balans", "Månatlig genomgång av vikariekostnader"),
];

/// Values for every input of a unit's workbook: JSON cells with sheet, cell, kind, value, role.
fn plan(ws: &Workspace, unit: &Unit, period: Period) -> Vec<Json> {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let inst = generate::build(
        ws,
        def,
        Recipient::Unit(unit),
        period,
        BTreeMap::new(),
        &|_, _, _| None,
    );
    let layout = inst.layout();
    let mut rng = Rng::new(unit.id.as_str());
    let mut cells = Vec::new();
    let budget = unit.budget_tkr.unwrap_or(10_000.0);
    let months = f64::from(period.months().unwrap_or(12));
    let forecast = (budget * (0.985 + rng.next() * 0.035)).round();
    let mut push = |sheet: &str, cell: String, kind: &str, value: Json, role: Option<FieldRole>| {
        let role = role
            .map(|r| serde_json::to_value(r).unwrap())
            .unwrap_or(Json::Null);
        cells.push(
            json!({"sheet": sheet, "cell": cell, "kind": kind, "value": value, "role": role}),
        );
    };
    // Outcomes first, so that the åtgärd of a missed target is decided on the same value.
    let mut outcomes: BTreeMap<String, f64> = BTreeMap::new();
    for sec in &layout.sections {
        for (key, f, _) in sec.inputs() {
            if f.role == Some(FieldRole::Outcome)
                && let Some(v) = outcome(ws, unit, period, key, &mut rng)
            {
                outcomes.insert(key.to_string(), v);
            }
        }
    }
    for sec in &layout.sections {
        let sheet = sec.sheet();
        for (key, f, cell) in sec.inputs() {
            let cell_s = cell.to_string();
            let row_no: usize = key.parse().unwrap_or(0);
            let value: Option<(&str, Json)> = match f.role {
                Some(FieldRole::Spent) => Some((
                    "number",
                    json!((budget * months / 12.0 * (0.96 + rng.next() * 0.08)).round()),
                )),
                Some(FieldRole::Forecast) => Some(("number", json!(forecast))),
                Some(FieldRole::EconomyComment) => Some((
                    "text",
                    json!(if forecast > budget {
                        "Prognosen visar underskott, främst på grund av högre vikariekostnader under våren."
                    } else {
                        "Prognosen följer budget. Personalkostnaderna ligger i nivå med plan."
                    }),
                )),
                Some(FieldRole::EconomyAction) if forecast > budget => Some((
                    "text",
                    json!(
                        "Vikarier tas in först efter prövning av chef. Översyn av schemat till hösten."
                    ),
                )),
                Some(FieldRole::Outcome) => outcomes.get(key).map(|v| ("number", json!(v))),
                Some(FieldRole::Analysis) => Some((
                    "text",
                    json!(format!(
                        "Utfallet för {} speglar läget under perioden.",
                        key
                    )),
                )),
                Some(FieldRole::Action) => {
                    let missed = outcomes
                        .get(key)
                        .zip(judge(ws, unit, period, key))
                        .is_some_and(|(x, j)| j.verdict(*x) != Verdict::Reached);
                    missed.then(|| ("text", json!("Åtgärdsplan tas fram med skyddsombud och HR; uppföljning i nästa tertial.")))
                }
                Some(FieldRole::Perspective) if row_no <= 4 => {
                    Some(("text", json!(FACTORS[row_no - 1].0)))
                }
                Some(FieldRole::Factor) if row_no <= 4 => {
                    Some(("text", json!(FACTORS[row_no - 1].1)))
                }
                Some(FieldRole::Assessment) if row_no <= 4 => Some((
                    "text",
                    json!(rng.pick(&["Uppnådd", "Uppnådd", "Delvis uppnådd", "Ej uppnådd"])),
                )),
                Some(FieldRole::Comment) if sec.def.repeat == Repeat::Rows && row_no <= 3 => {
                    Some((
                        "text",
                        json!("Bedömningen bygger på enkät och egenkontroll."),
                    ))
                }
                Some(FieldRole::Goal) if row_no <= 3 => {
                    Some(("text", json!(ACTIVITIES[row_no - 1].0)))
                }
                Some(FieldRole::Activity) if row_no <= 3 => {
                    Some(("text", json!(ACTIVITIES[row_no - 1].1)))
                }
                Some(FieldRole::Owner) if row_no <= 3 => Some(("text", json!(unit.chef))),
                Some(FieldRole::ActivityStatus) if row_no <= 3 => Some((
                    "text",
                    json!(rng.pick(&["Pågår", "Pågår", "Klar", "Ej påbörjad", "Senarelagd"])),
                )),
                Some(FieldRole::Summary) => Some((
                    "text",
                    json!(format!(
                        "{} har under perioden i stort sett nått sina mål.\nSjukfrånvaron är fortsatt en utmaning och följs upp månadsvis.",
                        unit.name
                    )),
                )),
                Some(FieldRole::Events) => {
                    Some(("text", json!("Ny schemaläggning infördes i mars.")))
                }
                Some(FieldRole::PlannedActions) => Some((
                    "text",
                    json!("Fortsatt arbete med hälsofrämjande insatser."),
                )),
                Some(FieldRole::FilledBy) => Some(("text", json!(unit.chef))),
                Some(FieldRole::FilledOn) => Some(("date", json!("2026-05-06"))),
                _ => None,
            };
            if let Some((kind, v)) = value {
                let kind = if f.kind == FieldType::Date {
                    "date"
                } else {
                    kind
                };
                push(sheet, cell_s, kind, v, f.role);
            }
        }
    }
    cells
}

fn judge(ws: &Workspace, unit: &Unit, period: Period, key: &str) -> Option<Judge> {
    let ind = ws.catalogue.indicator(key)?;
    let chain = generate::instance::level_chain(Recipient::Unit(unit));
    ws.catalogue
        .target_for(ind, &chain, period)
        .map(|t| Judge::new(ind, t.value))
}

/// A plausible outcome: last year's same period moved a little toward the målvärde, with noise.
fn outcome(ws: &Workspace, unit: &Unit, period: Period, key: &str, rng: &mut Rng) -> Option<f64> {
    let ind = ws.catalogue.indicator(key)?;
    let last = ws
        .history
        .iter()
        .find(|o| {
            o.indicator == ind.id
                && o.period == period.same_last_year()
                && matches!(&o.level, styr::workspace::catalogue::Level::Unit(u) if u == &unit.id)
        })
        .map(|o| o.value);
    let target = judge(ws, unit, period, key).map(|j| match j.target {
        styr::workspace::catalogue::TargetValue::Point(t) => t,
        styr::workspace::catalogue::TargetValue::Interval { min, max } => (min + max) / 2.0,
    });
    let base = last.or(target)?;
    let toward = target.map_or(0.0, |t| (t - base) * 0.3);
    let noise = (rng.next() - 0.5) * 0.08 * base.abs().max(1.0);
    let mut v = base + toward + noise;
    if let Some(min) = ind.min {
        v = v.max(min);
    }
    if let Some(max) = ind.max {
        v = v.min(max);
    }
    let p = 10f64.powi(i32::from(ind.decimals));
    Some((v * p).round() / p)
}
