//! Makes the fill plan for the example municipality's returned workbooks: the tertial returns
//! of 2026-T1, or the planning returns of 2027-plan.
//!
//! `sample-data/tools/make_returns.sh` runs this, fills the workbooks through LibreOffice
//! (`tools/lo_fill.py`) and stamps each file's save date. Rerun it whenever a form changes.
//!
//! ```text
//! cargo run --example make_returns -- OUT_DIR [PERIOD]     # PERIOD: 2026-T1 (default) or 2027-plan
//! ```
//! writes OUT_DIR/templates/*.xlsx (the generated workbooks), OUT_DIR/spec.json (lo_fill's jobs),
//! OUT_DIR/changes.json (lo_change's edits of some filled returns, run after lo_fill) and
//! OUT_DIR/stamps.json (the save date of each output).
//!
//! 2026-T1: most units report plausible outcomes near their målvärden; a few returns are faulty
//! on purpose, as returns are: text in a number cell, an empty required analysis, a missed
//! target without åtgärd, a return sent twice, an exact copy, last month's workbook, a late one,
//! another unit's figures (a chef filling in a neighbour's workbook), sick leave typed as a
//! fraction, a date in the utfall cell, a row inserted inside an indicator table, and some units
//! send nothing.
//!
//! 2027-plan: every förvaltning's översyn av målvärden (most målvärden kept, some changed with a
//! motivation, one indicator proposed for removal, one proposal already reached, one far from
//! the trend, one förvaltning late) and the verksamhetsplan of eight units across the
//! förvaltningar (nulägesanalys, SWOT, quality factors, development goals with activities); the
//! other units have not sent theirs yet.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value as Json, json};
use styr::domain::{FieldType, FormKind, Period};
use styr::form::{FieldRole, Repeat};
use styr::generate::{self, Recipient};
use styr::model::{Limits, Verdict};
use styr::workspace::Workspace;
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
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "target/make-returns".into()));
    let period = args.next().unwrap_or_else(|| "2026-T1".into());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ws =
        Workspace::load(&root.join("sample-data")).unwrap_or_else(|e| panic!("sample-data: {e}"));
    std::fs::create_dir_all(out.join("templates")).unwrap();
    let dest = root.join("sample-data/returns").join(&period);
    let (jobs, stamps, changes) = match Period::parse(&period) {
        Ok(p @ Period::Plan(_)) => {
            let (jobs, stamps) = planning::returns(&ws, p, &dest, &out);
            (jobs, stamps, Vec::new())
        }
        Ok(Period::Tertial {
            year: 2026,
            tertial: 1,
        }) => tertial_returns(&ws, &dest, &out),
        _ => panic!(
            "make_returns makes the returns of 2026-T1 and of a planning period (2027-plan), not {period}"
        ),
    };
    let spec = json!({"password": ws.config.sending.password, "jobs": jobs});
    std::fs::write(
        out.join("spec.json"),
        serde_json::to_vec_pretty(&spec).unwrap(),
    )
    .unwrap();
    let changes = json!({"password": ws.config.sending.password, "jobs": changes});
    std::fs::write(
        out.join("changes.json"),
        serde_json::to_vec_pretty(&changes).unwrap(),
    )
    .unwrap();
    std::fs::write(
        out.join("stamps.json"),
        serde_json::to_vec_pretty(&stamps).unwrap(),
    )
    .unwrap();
    println!("{} workbooks planned into {}", jobs.len(), dest.display());
}

/// The tertial returns of 2026-T1 (tests/collect_sample.rs snapshots what they give).
fn tertial_returns(ws: &Workspace, dest: &Path, out: &Path) -> (Vec<Json>, Vec<Json>, Vec<Json>) {
    let period = Period::parse("2026-T1").unwrap();
    let mut jobs = Vec::new();
    let mut stamps = Vec::new();
    // Edits made after filling, as a person makes them in Calc (tools/lo_change.py).
    let mut changes = Vec::new();
    for unit in &ws.config.units {
        let id = unit.id.as_str();
        if MISSING.contains(&id) || id == "ksf-it" {
            continue;
        }
        let ext = if ODS.contains(&id) { "ods" } else { "xlsx" };
        let name = generate::file_name(FormKind::Uppfoljning, period, id)
            .replace(".xlsx", &format!(".{ext}"));
        let template = write_template(ws, unit, period, out);
        let mut cells = plan(ws, unit, period);
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
            // Sick leave typed as a fraction (meaning 9,5 %) into a percentage cell without a
            // percent format: R216, an error to correct.
            "sof-hemtj-soder" => {
                if let Some(c) = cells
                    .iter_mut()
                    .find(|c| c["role"] == "outcome" && c["key"] == "sjukfranvaro")
                {
                    c["value"] = json!("0,095");
                    c["kind"] = json!("input");
                }
            }
            // A date typed into the utfall (tkr) cell, which Excel then shows as a date: R203,
            // quoting the date the cell shows. (LibreOffice keeps the cell's number format and
            // shows 46 127, which R220 finds implausible; the format op does what Excel does.)
            "sbf-fastighet" => {
                if let Some(c) = cells.iter().find(|c| c["role"] == "spent") {
                    let (sheet, cell) = (c["sheet"].clone(), c["cell"].clone());
                    let path = dest.join(&name);
                    changes.push(json!({"input": path, "outputs": [path], "ops": [
                        {"op": "set", "sheet": sheet, "cell": cell, "kind": "input", "value": "2026-04-15"},
                        {"op": "format", "sheet": sheet, "cell": cell, "code": "YYYY-MM-DD"},
                    ]}));
                }
            }
            // A row inserted inside the staff indicator table, with a label and a number the
            // form has no place for: R115 names it, and every other value is still read.
            "buf-gr-angsskolan" => {
                if let Some(c) = cells
                    .iter()
                    .find(|c| c["role"] == "outcome" && c["key"] == "sjukfranvaro")
                {
                    let sheet = c["sheet"].as_str().unwrap().to_string();
                    let cell = c["cell"].as_str().unwrap();
                    let split = cell.find(|ch: char| ch.is_ascii_digit()).unwrap();
                    let (col, row) = (&cell[..split], cell[split..].parse::<u32>().unwrap());
                    let path = dest.join(&name);
                    changes.push(json!({"input": path, "outputs": [path], "ops": [
                        {"op": "insert_rows", "sheet": sheet, "row": row + 1, "count": 1},
                        {"op": "set", "sheet": sheet, "cell": format!("B{}", row + 1), "kind": "text", "value": "Timanställda vikarier"},
                        {"op": "set", "sheet": sheet, "cell": format!("{col}{}", row + 1), "kind": "number", "value": 12},
                    ]}));
                }
            }
            // Another unit's figures: the main library's chef filled in Stensjö's workbook with
            // the main library's economy (R220: a forecast far above Stensjö's budget; R130:
            // "Ifylld av" is another unit's chef).
            "kff-bibl-stensjo" => {
                let other = ws.config.unit("kff-bibl-huvud").unwrap();
                let theirs = plan(ws, other, period);
                for c in cells.iter_mut() {
                    let role = c["role"].clone();
                    if [
                        "spent",
                        "forecast",
                        "filled_by",
                        "economy_comment",
                        "economy_action",
                    ]
                    .iter()
                    .any(|r| role == *r)
                        && let Some(t) = theirs.iter().find(|t| t["role"] == role)
                    {
                        c["value"] = t["value"].clone();
                        c["kind"] = t["kind"].clone();
                    }
                }
            }
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
    let template = write_template(ws, it, march, out);
    let path = dest.join(generate::file_name(FormKind::Uppfoljning, march, "ksf-it"));
    jobs.push(job(&template, &path, &plan(ws, it, march)));
    stamps.push(json!({"path": path, "saved": "2026-05-07T11:00:00Z"}));
    // Excel's lock file of a workbook someone had open when the folder was copied.
    stamps.push(json!({"lock_file": dest.join("~$uppfoljning-2026-T1-buf-fsk-solrosen.xlsx")}));

    (jobs, stamps, changes)
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
    let bytes = styr::generate::write_form(
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
    let mut push = |sheet: &str,
                    cell: String,
                    kind: &str,
                    value: Json,
                    role: Option<FieldRole>,
                    key: &str| {
        let role = role
            .map(|r| serde_json::to_value(r).unwrap())
            .unwrap_or(Json::Null);
        cells.push(json!({"sheet": sheet, "cell": cell, "kind": kind, "value": value, "role": role, "key": key}));
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
                push(sheet, cell_s, kind, v, f.role, key);
            }
        }
    }
    cells
}

fn judge(ws: &Workspace, unit: &Unit, period: Period, key: &str) -> Option<Limits> {
    let ind = ws.catalogue.indicator(key)?;
    let chain = generate::instance::level_chain(Recipient::Unit(unit));
    ws.catalogue
        .target_for(ind, &chain, period)
        .and_then(|t| t.limits(ind))
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

/// The returns of a planning period: the förvaltningar's målvärden and eight units' plans.
mod planning {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use serde_json::{Value as Json, json};
    use styr::domain::{FieldType, FormKind, Period};
    use styr::form::FieldRole;
    use styr::generate::{self, Recipient};
    use styr::workspace::Workspace;
    use styr::workspace::catalogue::{Level, TargetValue};

    use super::job;

    /// A förvaltning's proposal that differs from "keep the current målvärde".
    struct Proposal {
        forvaltning: &'static str,
        indicator: &'static str,
        /// The proposed målvärde (`None`: none proposed).
        value: Option<f64>,
        keep: bool,
        motivation: &'static str,
    }

    const PROPOSALS: &[Proposal] = &[
        Proposal {
            forvaltning: "KSF",
            indicator: "andel-heltid",
            value: Some(95.0),
            keep: true,
            motivation: "Heltid som norm är genomförd inom förvaltningen. Den deltid som finns kvar är till största delen önskad deltid (studier, delpension). 95 procent är en realistisk och ändå ambitiös nivå.",
        },
        Proposal {
            forvaltning: "KSF",
            indicator: "nki-stod",
            value: Some(74.0),
            keep: true,
            motivation: "Kundenkäten byts till kommunens nya enkätverktyg hösten 2027 och frågorna ändras. Vi föreslår ett målvärde nära dagens nivå tills nya jämförbara värden finns.",
        },
        Proposal {
            forvaltning: "BUF",
            indicator: "behoriga-larare",
            value: Some(78.0),
            keep: true,
            motivation: "Bristen på legitimerade lärare i regionen är stor, särskilt i matematik och moderna språk. Fyra lärare går lärarlyftet men blir klara först 2028. 78 procent är en stegvis ökning från dagens nivå.",
        },
        Proposal {
            forvaltning: "BUF",
            indicator: "elevers-trygghet",
            value: Some(90.0),
            keep: true,
            motivation: "Trygghetsteamen finns nu på alla skolor och den nya planen mot kränkande behandling följs upp varje månad. Förvaltningen vill höja ambitionen.",
        },
        Proposal {
            forvaltning: "SOF",
            indicator: "sjukfranvaro",
            value: Some(7.0),
            keep: true,
            motivation: "Heltidsresan, de nya schemana inom hemtjänsten och det förebyggande arbetet med företagshälsovården ska vända utvecklingen. Förvaltningen vill sätta ett tydligt och ambitiöst mål.",
        },
        Proposal {
            forvaltning: "SOF",
            indicator: "kontinuitet-hemtjanst",
            value: Some(13.0),
            keep: true,
            motivation: "Fler brukare har dubbelbemanning och insatser dygnet runt, vilket ökar antalet personal per brukare. 13 är en realistisk nivå; schemaläggningen ses över för att komma ner mot 12 på sikt.",
        },
        Proposal {
            forvaltning: "SOF",
            indicator: "usk-yrkestitel",
            value: Some(80.0),
            keep: true,
            motivation: "Tjugo medarbetare valideras under 2026 och 2027 med statsbidrag för äldreomsorgslyftet.",
        },
        Proposal {
            forvaltning: "SBF",
            indicator: "nki-stod",
            value: None,
            keep: false,
            motivation: "Kundenkäten genomförs inte för kosten och lokalvården, och bygg- och miljöenheten mäts redan med SKR:s Insikt. Indikatorn ger inget underlag för förvaltningen; vi föreslår att den tas bort för SBF och ersätts av en enkät till de verksamheter vi levererar till.",
        },
        Proposal {
            forvaltning: "SBF",
            indicator: "felanmalningar-atgardade",
            value: Some(92.0),
            keep: true,
            motivation: "Det nya felanmälningssystemet med mobil arbetsorder infördes 2025 och har kortat ledtiderna.",
        },
        Proposal {
            forvaltning: "KFF",
            indicator: "besokare",
            value: Some(120_000.0),
            keep: true,
            motivation: "Den nya simhallen öppnar i september 2026 och beräknas ge 15 000 fler besök per år.",
        },
        Proposal {
            forvaltning: "KFF",
            indicator: "sjukfranvaro",
            value: Some(5.5),
            keep: true,
            motivation: "Två långa sjukskrivningar har avslutats. Vi föreslår 5,5 procent för att ha marginal om någon ny långtidssjukskrivning tillkommer i en liten förvaltning.",
        },
    ];

    /// The förvaltningar's comments: (id, general comment, new indicators, filled by, saved).
    const COMMENTS: &[(&str, &str, &str, &str, &str)] = &[
        (
            "KSF",
            "Förvaltningen föreslår i huvudsak oförändrade målvärden. Arbetet med heltid är i stort sett klart och målvärdet anpassas därefter.",
            "",
            "Annika Lindqvist",
            "2026-04-01T15:10:00Z",
        ),
        (
            "BUF",
            "Lärarbristen gör målet om behöriga lärare svårt att nå. Förvaltningen prioriterar trygghet och studiero.",
            "Andel elever i årskurs 6 med godkänt i svenska (Skolverket), målvärde 90 %.",
            "Johan Bergström",
            "2026-04-06T10:45:00Z",
        ),
        (
            "SOF",
            "Sjukfrånvaron är förvaltningens största utmaning. Vi vill ha ett ambitiöst mål och följer upp det varje månad i ledningsgruppen.",
            "Andel brukare i hemtjänsten med aktuell genomförandeplan, målvärde 95 %.",
            "Maria Eklund",
            "2026-04-07T16:20:00Z",
        ),
        (
            "SBF",
            "Kundenkäten fungerar inte för förvaltningens stödverksamheter. I övrigt föreslås oförändrade målvärden.",
            "",
            "Per-Olof Sandberg",
            "2026-04-03T09:05:00Z",
        ),
        (
            "KFF",
            "Simhallen påverkar besöksmålen från hösten 2026.",
            "Antal unika deltagare i kulturskolan, målvärde 650.",
            "Lena Åkesson",
            "2026-04-09T08:30:00Z",
        ),
    ];

    fn template(
        ws: &Workspace,
        kind: FormKind,
        r: Recipient<'_>,
        period: Period,
        out: &Path,
    ) -> PathBuf {
        let def = ws.forms.current(kind).unwrap();
        let inst = generate::build(ws, def, r, period, BTreeMap::new(), &|_, _, _| None);
        let bytes = styr::generate::write_form(
            &inst,
            &ws.config.sending.password,
            &ws.config.sending.contact,
        )
        .unwrap();
        let path = out
            .join("templates")
            .join(generate::file_name(kind, period, r.id()));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Cells of every input of `kind` for `r`, from `value(section id, row key, role)`.
    fn cells(
        ws: &Workspace,
        kind: FormKind,
        r: Recipient<'_>,
        period: Period,
        value: &dyn Fn(&str, &str, FieldRole) -> Option<Json>,
    ) -> Vec<Json> {
        let def = ws.forms.current(kind).unwrap();
        let inst = generate::build(ws, def, r, period, BTreeMap::new(), &|_, _, _| None);
        let layout = inst.layout();
        let mut out = Vec::new();
        for sec in &layout.sections {
            for (key, f, cell) in sec.inputs() {
                let Some(role) = f.role else { continue };
                let Some(v) = value(&sec.def.id, key, role) else {
                    continue;
                };
                let kind = match f.kind {
                    FieldType::Date => "date",
                    _ if v.is_number() => "number",
                    _ => "text",
                };
                out.push(json!({"sheet": sec.sheet(), "cell": cell.to_string(), "kind": kind, "value": v}));
            }
        }
        out
    }

    fn malvarden(
        ws: &Workspace,
        f: &styr::workspace::config::Forvaltning,
        period: Period,
    ) -> Vec<Json> {
        let current = Period::Year(period.year() - 1);
        let chain = [Level::Forvaltning(f.id.clone()), Level::Kommun];
        let (comment, new, by, _) = COMMENTS
            .iter()
            .find(|c| c.0 == f.id.as_str())
            .map(|c| (c.1, c.2, c.3, c.4))
            .unwrap();
        cells(
            ws,
            FormKind::Malvarden,
            Recipient::Forvaltning(f),
            period,
            &|_, key, role| {
                let ind = ws.catalogue.indicator(key);
                let target = ind
                    .and_then(|i| ws.catalogue.target_for(i, &chain, current))
                    .map(|t| t.value);
                let own = PROPOSALS
                    .iter()
                    .find(|p| p.forvaltning == f.id.as_str() && p.indicator == key);
                match role {
                    FieldRole::ProposedTarget => match (own, target) {
                        (Some(p), _) => p.value.map(|v| json!(v)),
                        (None, Some(TargetValue::Point(t))) => Some(json!(t)),
                        (None, Some(TargetValue::Interval { min, .. })) => Some(json!(min)),
                        (None, None) => None,
                    },
                    FieldRole::ProposedTargetMax => match target {
                        Some(TargetValue::Interval { max, .. }) if own.is_none() => {
                            Some(json!(max))
                        }
                        _ => None,
                    },
                    FieldRole::KeepIndicator => Some(json!(if own.is_some_and(|p| !p.keep) {
                        "Nej"
                    } else {
                        "Ja"
                    })),
                    FieldRole::Motivation => own.map(|p| json!(p.motivation)),
                    FieldRole::GeneralComment => Some(json!(comment)),
                    FieldRole::NewIndicators if !new.is_empty() => Some(json!(new)),
                    FieldRole::FilledBy => Some(json!(by)),
                    _ => None,
                }
            },
        )
    }

    /// Makes the jobs and stamps of the planning period's returns into `dest`.
    pub fn returns(
        ws: &Workspace,
        period: Period,
        dest: &Path,
        out: &Path,
    ) -> (Vec<Json>, Vec<Json>) {
        let mut jobs = Vec::new();
        let mut stamps = Vec::new();
        for f in &ws.config.forvaltningar {
            let r = Recipient::Forvaltning(f);
            let t = template(ws, FormKind::Malvarden, r, period, out);
            let path = dest.join(generate::file_name(
                FormKind::Malvarden,
                period,
                f.id.as_str(),
            ));
            jobs.push(job(&t, &path, &malvarden(ws, f, period)));
            let saved = COMMENTS
                .iter()
                .find(|c| c.0 == f.id.as_str())
                .map_or("2026-04-01T12:00:00Z", |c| c.4);
            stamps.push(json!({"path": path, "saved": saved}));
        }
        for p in PLANS {
            let unit = ws.config.unit(p.unit).unwrap();
            let r = Recipient::Unit(unit);
            let t = template(ws, FormKind::Verksamhetsplan, r, period, out);
            let mut name = generate::file_name(FormKind::Verksamhetsplan, period, p.unit);
            if p.ods {
                name = name.replace(".xlsx", ".ods");
            }
            let path = dest.join(name);
            jobs.push(job(&t, &path, &plan(ws, p, r, period)));
            stamps.push(json!({"path": path, "saved": p.saved}));
        }
        (jobs, stamps)
    }

    fn plan(ws: &Workspace, p: &Plan, r: Recipient<'_>, period: Period) -> Vec<Json> {
        cells(
            ws,
            FormKind::Verksamhetsplan,
            r,
            period,
            &|section, key, role| {
                let i = key.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
                let text = |s: &str| (!s.is_empty()).then(|| json!(s));
                let factor = i.and_then(|i| p.factors.get(i));
                let goal = i.and_then(|i| p.goals.get(i));
                let activity = i.and_then(|i| p.activities.get(i));
                match role {
                    FieldRole::Mission => text(p.mission),
                    FieldRole::Partners => text(p.partners),
                    FieldRole::Vision => text(p.vision),
                    FieldRole::SteeringDocuments => text(p.steering),
                    FieldRole::Priorities => text(p.priorities),
                    FieldRole::Strengths => text(p.swot[0]),
                    FieldRole::Weaknesses => text(p.swot[1]),
                    FieldRole::Opportunities => text(p.swot[2]),
                    FieldRole::Threats => text(p.swot[3]),
                    // Both the quality factors and the goals have a perspective: the section decides.
                    FieldRole::Perspective if section == "kvalitet" => factor.map(|f| json!(f.0)),
                    FieldRole::Perspective => goal.map(|g| json!(g.1)),
                    FieldRole::Factor => factor.map(|f| json!(f.1)),
                    FieldRole::FactorEvaluation => factor.map(|f| json!(f.2)),
                    FieldRole::FactorIfReached => factor.map(|f| json!(f.3)),
                    FieldRole::FactorIfNotReached => factor.map(|f| json!(f.4)),
                    FieldRole::Goal => goal.map(|g| json!(g.0)),
                    FieldRole::GoalDescription => goal.map(|g| json!(g.2)),
                    FieldRole::GoalIndicators => goal.and_then(|g| text(g.3)),
                    FieldRole::GoalNumber => activity.map(|a| json!(a.0)),
                    FieldRole::Activity => activity.map(|a| json!(a.1)),
                    FieldRole::Owner => activity.map(|a| json!(a.2)),
                    FieldRole::Due => activity.map(|a| json!(a.3)),
                    _ => None,
                }
            },
        )
    }

    /// A unit's verksamhetsplan.
    struct Plan {
        unit: &'static str,
        /// Saved as OpenDocument.
        ods: bool,
        saved: &'static str,
        mission: &'static str,
        partners: &'static str,
        vision: &'static str,
        steering: &'static str,
        priorities: &'static str,
        /// Styrkor, svagheter, möjligheter, hot.
        swot: [&'static str; 4],
        /// Perspective, factor, evaluation, if reached, if not reached.
        factors: &'static [(
            &'static str,
            &'static str,
            &'static str,
            &'static str,
            &'static str,
        )],
        /// Goal, perspective, description, indicators.
        goals: &'static [(&'static str, &'static str, &'static str, &'static str)],
        /// Goal number, activity, owner, due.
        activities: &'static [(u8, &'static str, &'static str, &'static str)],
    }

    const PLANS: &[Plan] = &[
        Plan {
            unit: "ksf-hr",
            ods: false,
            saved: "2026-10-08T13:40:00Z",
            mission: "HR-avdelningen stödjer chefer i kommunens alla verksamheter i arbetsgivarfrågor: rekrytering, arbetsmiljö, rehabilitering, lönebildning och kompetensförsörjning, så att Ekebo kommun är en attraktiv arbetsgivare.",
            partners: "Förvaltningarnas ledningsgrupper, de fackliga organisationerna, företagshälsovården, Försäkringskassan och Arbetsförmedlingen.",
            vision: "Vi bidrar till visionen genom att kommunen kan rekrytera och behålla medarbetare med rätt kompetens. Utvecklingsområdet attraktiv arbetsgivare är vårt huvuduppdrag.",
            steering: "Arbetsmiljölagen och AFS 2001:1 om systematiskt arbetsmiljöarbete, AFS 2015:4 om organisatorisk och social arbetsmiljö, diskrimineringslagen, kommunens personalpolicy och kompetensförsörjningsplan.",
            priorities: "Högst prioritet har att minska sjukfrånvaron, särskilt inom socialförvaltningen, och att stödja cheferna i det tidiga rehabiliteringsarbetet. Därefter kommer kompetensförsörjningen i bristyrken.",
            swot: [
                "Erfarna HR-konsulter med god kännedom om verksamheterna.\nFungerande samverkan med de fackliga organisationerna.",
                "Manuella rutiner i rehabiliteringsärenden.\nSvårt att hinna med förebyggande arbete när akuta ärenden tar tid.",
                "Nytt HR-system med chefsstöd och statistik 2027.\nSamarbete med grannkommunerna om rekrytering av bristyrken.",
                "Pensionsavgångar bland chefer och specialister de närmaste åren.\nKonkurrens om sjuksköterskor och lärare från större kommuner.",
            ],
            factors: &[
                (
                    "Målgrupp",
                    "Chefer får snabbt och rätt stöd",
                    "Enkät till chefer två gånger per år och uppföljning av svarstider i ärendesystemet.",
                    "Vi delar arbetssätten i HR-nätverket och håller svarstiderna.",
                    "Vi går igenom ärendeflödet och prioriterar om bland konsulterna.",
                ),
                (
                    "Medarbetare",
                    "Hållbar arbetsbelastning i HR-teamet",
                    "Pulsmätning varje månad och medarbetarsamtal.",
                    "Vi behåller fördelningen av ärenden.",
                    "Vi ser över fördelningen av förvaltningar per konsult och skjuter upp utvecklingsuppdrag.",
                ),
                (
                    "Verksamhet",
                    "Rehabiliteringsärenden följer rutinen",
                    "Stickprov på tio ärenden per halvår mot rutinen för tidig rehabilitering.",
                    "Rutinen ligger fast och presenteras för nya chefer.",
                    "Utbildning för de chefer vars ärenden avviker, och rutinen förtydligas.",
                ),
                (
                    "Ekonomi",
                    "Kostnaden för företagshälsovård inom budget",
                    "Månatlig uppföljning av fakturerade timmar per förvaltning.",
                    "Vi fortsätter att beställa insatser via HR.",
                    "Vi prioriterar förebyggande insatser och begränsar utredningar utan beställning.",
                ),
            ],
            goals: &[
                (
                    "Minskad sjukfrånvaro i kommunen",
                    "Medarbetare",
                    "Tidiga insatser vid upprepad korttidsfrånvaro ska minska sjukfrånvaron, särskilt i socialförvaltningen.",
                    "sjukfranvaro, korttidssjukfranvaro",
                ),
                (
                    "Chefer med rimliga förutsättningar",
                    "Medarbetare",
                    "Chefer ska ha stöd i arbetsgivarfrågor och en hanterbar personalgrupp.",
                    "medarbetare-per-chef, hme",
                ),
            ],
            activities: &[
                (
                    1,
                    "Rehabträffar med varje chef i socialförvaltningen två gånger per termin",
                    "Sofia Wallin",
                    "2027-06-30",
                ),
                (
                    1,
                    "Införa larm i HR-systemet vid sex korttidsfrånvarotillfällen",
                    "Sofia Wallin",
                    "2027-03-31",
                ),
                (
                    2,
                    "Chefsintroduktion med arbetsrätt och arbetsmiljö för alla nya chefer",
                    "Karin Holm",
                    "2027-09-30",
                ),
                (
                    2,
                    "Kartläggning av antal medarbetare per chef inför budget 2028",
                    "Sofia Wallin",
                    "2027-04-30",
                ),
            ],
        },
        Plan {
            unit: "buf-fsk-solrosen",
            ods: false,
            saved: "2026-10-12T19:05:00Z",
            mission: "Solrosens förskola ger barn mellan ett och fem år en trygg, rolig och lärorik vardag där leken står i centrum och varje barn utvecklas utifrån läroplanen.",
            partners: "Vårdnadshavarna, barnhälsovården, elevhälsan, Björkvallsskolans förskoleklass och biblioteket.",
            vision: "Vi ger barnen en god start i livet och lägger grunden för att alla barn och unga lyckas i skolan.",
            steering: "Skollagen, läroplanen för förskolan (Lpfö 18), barnkonventionen, förvaltningens plan mot diskriminering och kränkande behandling.",
            priorities: "Språkutveckling och högläsning prioriteras, eftersom många barn har annat modersmål än svenska. Vi behöver också fler legitimerade förskollärare.",
            swot: [
                "Engagerade pedagoger med lång erfarenhet.\nStor gård med skog nära.",
                "Låg andel legitimerade förskollärare.\nHög korttidsfrånvaro under vintern.",
                "Samarbete med biblioteket om språkpåsar.\nStatsbidrag för mindre barngrupper.",
                "Svårt att rekrytera förskollärare.\nFler barn i området kan ge större barngrupper.",
            ],
            factors: &[
                (
                    "Målgrupp",
                    "Barnen känner sig trygga",
                    "Observationer, samtal med barnen och vårdnadshavarenkäten.",
                    "Vi dokumenterar vad som fungerar och sprider det mellan avdelningarna.",
                    "Vi analyserar i arbetslaget och gör en handlingsplan tillsammans med vårdnadshavarna.",
                ),
                (
                    "Målgrupp",
                    "Alla barn utvecklar sitt språk",
                    "Språkkartläggning två gånger per år med TRAS.",
                    "Vi fortsätter med högläsning och språkpåsar.",
                    "Vi tar hjälp av förskolans specialpedagog och förstärker i mindre grupper.",
                ),
                (
                    "Medarbetare",
                    "Pedagogerna har tid för planering",
                    "Uppföljning av planeringstid i schemat varje månad.",
                    "Schemat ligger fast.",
                    "Vi ser över schemat och vikarieanskaffningen.",
                ),
                (
                    "Verksamhet",
                    "Undervisningen följer läroplanen",
                    "Kollegialt lärande och pedagogisk dokumentation varje termin.",
                    "Vi delar goda exempel på APT.",
                    "Förskolechef och förskollärare planerar om undervisningen.",
                ),
                (
                    "Ekonomi",
                    "Vikariekostnader inom budget",
                    "Månatlig uppföljning med förvaltningsekonom.",
                    "Vi fortsätter med samma rutin.",
                    "Vikarier tas in först efter prövning av förskolechef.",
                ),
            ],
            goals: &[
                (
                    "Stärkt språkutveckling",
                    "Målgrupp",
                    "Alla barn ska få rikt språk genom daglig högläsning och samtal; flerspråkiga barn får stöd i både svenska och modersmål.",
                    "nojda-vardnadshavare",
                ),
                (
                    "Fler legitimerade förskollärare",
                    "Medarbetare",
                    "Två barnskötare ska påbörja förskollärarutbildning på distans.",
                    "andel-forskollarare",
                ),
                (
                    "Lägre korttidsfrånvaro",
                    "Medarbetare",
                    "Hälsofrämjande arbete och bättre rutiner för handhygien.",
                    "korttidssjukfranvaro",
                ),
            ],
            activities: &[
                (
                    1,
                    "Språkpåsar för hemlån i samarbete med biblioteket",
                    "Camilla Berg",
                    "2027-03-31",
                ),
                (
                    1,
                    "Daglig högläsning i små grupper på alla avdelningar",
                    "Camilla Berg",
                    "2027-06-15",
                ),
                (
                    2,
                    "Två barnskötare börjar förskollärarutbildning",
                    "Camilla Berg",
                    "2027-08-31",
                ),
                (
                    3,
                    "Hygienombud på varje avdelning och utbildning i handhygien",
                    "Camilla Berg",
                    "2027-02-28",
                ),
            ],
        },
        Plan {
            unit: "buf-gr-bjorkvall",
            ods: false,
            saved: "2026-10-14T16:30:00Z",
            mission: "Björkvallsskolan ger elever i förskoleklass till årskurs 6 kunskaper, trygghet och arbetsro, så att varje elev når minst godtagbara kunskaper och vill lära sig mer.",
            partners: "Vårdnadshavarna, elevhälsan, fritidshemmet, Ekeboskolan 7-9 vid övergången och socialtjänsten.",
            vision: "Alla barn och unga lyckas i skolan: vi följer varje elevs kunskapsutveckling och sätter in stöd tidigt.",
            steering: "Skollagen, Lgr22, läsa-skriva-räkna-garantin, skolans plan mot diskriminering och kränkande behandling, förvaltningens plan för trygghet och studiero.",
            priorities: "Tidiga insatser i läsning och matematik i lågstadiet, trygghet på raster och fler behöriga lärare.",
            swot: [
                "Stabilt lärarlag i lågstadiet.\nVäl fungerande elevhälsoteam.",
                "Två obehöriga lärare i mellanstadiet.\nOro på rasterna enligt elevenkäten.",
                "Lärarlyftet för de obehöriga lärarna.\nNytt läromedel i matematik med digitalt stöd.",
                "Fler elever i behov av särskilt stöd.\nSvårt att rekrytera speciallärare.",
            ],
            factors: &[
                (
                    "Målgrupp",
                    "Eleverna är trygga",
                    "Elevenkät varje termin och trygghetsvandringar.",
                    "Vi fortsätter med rastvärdar och trygghetsteam.",
                    "Vi analyserar enkäten klassvis och sätter in fler vuxna där det behövs.",
                ),
                (
                    "Målgrupp",
                    "Eleverna når kunskapskraven",
                    "Kartläggning enligt läsa-skriva-räkna-garantin och betygsanalys.",
                    "Vi behåller arbetssätten och delar dem i ämneslagen.",
                    "Extra anpassningar och stödundervisning planeras med speciallärare.",
                ),
                (
                    "Medarbetare",
                    "Behöriga lärare i alla ämnen",
                    "Behörighetskartläggning varje vår.",
                    "Vi håller fast vid rekryteringsrutinen.",
                    "Vi erbjuder lärarlyftet och annonserar tidigt.",
                ),
                (
                    "Ekonomi",
                    "Resurserna går till undervisning",
                    "Budgetuppföljning varje månad.",
                    "Vi fortsätter prioriteringen.",
                    "Vi ser över gruppstorlekar och köp av tjänster.",
                ),
            ],
            goals: &[
                (
                    "Tryggare raster",
                    "Målgrupp",
                    "Färre kränkningar på rasterna och fler elever som känner sig trygga.",
                    "elevers-trygghet",
                ),
                (
                    "Alla elever läser i åk 1",
                    "Målgrupp",
                    "Alla elever ska ha knäckt läskoden i slutet av årskurs 1.",
                    "",
                ),
                (
                    "Fler behöriga lärare",
                    "Medarbetare",
                    "Obehöriga lärare ska läsa in behörighet.",
                    "behoriga-larare",
                ),
            ],
            activities: &[
                (
                    1,
                    "Rastaktiviteter med rastvärdar alla dagar",
                    "Anders Nilsson",
                    "2027-01-31",
                ),
                (
                    1,
                    "Trygghetsvandring med elevrådet varje termin",
                    "Anders Nilsson",
                    "2027-05-31",
                ),
                (
                    2,
                    "Läsfixare i förskoleklass och årskurs 1",
                    "Anders Nilsson",
                    "2027-06-15",
                ),
                (
                    3,
                    "Två lärare antas till lärarlyftet",
                    "Anders Nilsson",
                    "2027-08-15",
                ),
            ],
        },
        Plan {
            unit: "sof-sabo-ekbacken",
            ods: false,
            saved: "2026-10-09T10:15:00Z",
            mission: "Ekbackens särskilda boende ger äldre med stora behov av vård och omsorg en trygg och meningsfull vardag med god vård dygnet runt, där den enskilde bestämmer så mycket som möjligt.",
            partners: "Närstående, kommunens hälso- och sjukvård, vårdcentralen, frivilligorganisationer och kostenheten.",
            vision: "Vi bidrar till en trygg och värdig äldreomsorg och till att äldre i Ekebo kan leva ett gott liv.",
            steering: "Socialtjänstlagen, hälso- och sjukvårdslagen, den nationella värdegrunden för äldreomsorgen, Socialstyrelsens föreskrifter om ledningssystem för kvalitet (SOSFS 2011:9).",
            priorities: "Färre fallskador, bättre måltidsmiljö och högre andel undersköterskor med yrkestitel.",
            swot: [
                "Nyrenoverade lokaler.\nGott samarbete med sjuksköterskorna.",
                "Många timanställda under sommaren.\nBrister i dokumentationen av genomförandeplaner.",
                "Äldreomsorgslyftet finansierar utbildning.\nVälfärdsteknik: nattkameror och sensorer.",
                "Fler boende med demenssjukdom och större vårdbehov.\nSvårt att rekrytera sommarvikarier.",
            ],
            factors: &[
                (
                    "Målgrupp",
                    "De boende känner sig trygga",
                    "Brukarundersökningen och samtal med närstående.",
                    "Vi behåller kontaktmannaskapet.",
                    "Vi ser över bemanningen på kvällar och helger.",
                ),
                (
                    "Målgrupp",
                    "Få fallskador",
                    "Avvikelserapporter och riskbedömningar i Senior alert.",
                    "Vi delar arbetssättet i teamträffarna.",
                    "Fallteam analyserar varje fall och åtgärder läggs in i genomförandeplanen.",
                ),
                (
                    "Medarbetare",
                    "Medarbetare med rätt kompetens",
                    "Kompetenskartläggning årligen.",
                    "Vi fortsätter med introduktionsprogrammet.",
                    "Fler medarbetare erbjuds validering.",
                ),
                (
                    "Verksamhet",
                    "Aktuella genomförandeplaner",
                    "Egenkontroll av tio planer per kvartal.",
                    "Rutinen ligger fast.",
                    "Dokumentationsombuden stöttar kontaktpersonerna.",
                ),
                (
                    "Ekonomi",
                    "Budget i balans",
                    "Månatlig uppföljning av personalkostnader.",
                    "Vi fortsätter med schemaplanering efter behov.",
                    "Vikarier tas in efter prövning av enhetschef.",
                ),
            ],
            goals: &[
                (
                    "Färre fallskador",
                    "Målgrupp",
                    "Förebyggande arbete med fallriskbedömning och fysisk aktivitet.",
                    "fallskador",
                ),
                (
                    "Fler undersköterskor med yrkestitel",
                    "Medarbetare",
                    "Tio medarbetare valideras 2027.",
                    "usk-yrkestitel",
                ),
            ],
            activities: &[
                (
                    1,
                    "Fallriskbedömning i Senior alert för alla boende",
                    "Monica Andersson",
                    "2027-03-31",
                ),
                (
                    1,
                    "Daglig promenad eller gympa för de boende som vill",
                    "Monica Andersson",
                    "2027-12-31",
                ),
                (
                    2,
                    "Validering av tio undersköterskor",
                    "Monica Andersson",
                    "2027-11-30",
                ),
            ],
        },
        Plan {
            unit: "sof-hemtj-centrum",
            ods: false,
            saved: "2026-10-15T11:50:00Z",
            mission: "Hemtjänst Centrum ger stöd och omsorg i hemmet så att äldre och personer med funktionsnedsättning kan bo kvar hemma tryggt och självständigt.",
            partners: "Biståndshandläggarna, kommunens sjuksköterskor, rehabenheten, närstående och vårdcentralen.",
            vision: "Vi bidrar till trygg och värdig omsorg med få och kända medarbetare för varje brukare.",
            steering: "Socialtjänstlagen, den nationella värdegrunden, lagen om kommunernas betalningsansvar vid utskrivning från sluten vård.",
            priorities: "Kontinuitet för brukarna och lägre sjukfrånvaro bland medarbetarna.",
            swot: [
                "Erfarna medarbetare.\nNytt planeringssystem.",
                "Hög sjukfrånvaro.\nMånga personal per brukare.",
                "Mindre arbetsgrupper per område.\nDigitala tillsynsbesök.",
                "Fler brukare med stora behov.\nSvårt att rekrytera till helgtjänstgöring.",
            ],
            factors: &[
                (
                    "Målgrupp",
                    "Få och kända personal",
                    "Kontinuitetsmätning i planeringssystemet varje månad.",
                    "Vi behåller arbetsgrupperna.",
                    "Planeringen ses över tillsammans med samordnarna.",
                ),
                (
                    "Målgrupp",
                    "Brukarna är nöjda med bemötandet",
                    "Brukarundersökningen.",
                    "Vi delar goda exempel på APT.",
                    "Värdegrundsarbete i arbetsgrupperna.",
                ),
                (
                    "Medarbetare",
                    "Frisk arbetsplats",
                    "Sjukfrånvaro per månad och hälsosamtal.",
                    "Vi fortsätter med friskvård.",
                    "Rehabsamtal tidigt och översyn av scheman.",
                ),
                (
                    "Ekonomi",
                    "Budget i balans",
                    "Månatlig uppföljning av beviljade och utförda timmar.",
                    "Vi fortsätter med samma planering.",
                    "Vi ser över körvägar och bemanning.",
                ),
            ],
            goals: &[
                (
                    "Högre kontinuitet",
                    "Målgrupp",
                    "Färre olika personal hos varje brukare genom mindre arbetsgrupper.",
                    "kontinuitet-hemtjanst",
                ),
                (
                    "Lägre sjukfrånvaro",
                    "Medarbetare",
                    "Hälsofrämjande scheman och tidiga rehabsamtal.",
                    "sjukfranvaro",
                ),
            ],
            activities: &[
                (
                    1,
                    "Dela in hemtjänstgruppen i tre mindre områdesgrupper",
                    "Pia Johansson",
                    "2027-02-28",
                ),
                (
                    1,
                    "Fast omsorgskontakt för alla brukare",
                    "Pia Johansson",
                    "2027-04-30",
                ),
                (
                    2,
                    "Nya scheman med färre delade turer",
                    "Pia Johansson",
                    "2027-06-30",
                ),
            ],
        },
        Plan {
            unit: "sbf-gata-park",
            ods: false,
            saved: "2026-10-02T08:20:00Z",
            mission: "Gata och park sköter kommunens gator, gång- och cykelvägar, parker och lekplatser så att de är säkra, rena och inbjudande året runt.",
            partners: "Trafikverket, entreprenörer för vinterväghållning, vägföreningar, skolor och invånare genom felanmälan.",
            vision: "Vi bidrar till en attraktiv kommun med tillgänglig och pålitlig service.",
            steering: "Plan- och bygglagen, väglagen, trafikförordningen, kommunens trafikstrategi och grönplan.",
            priorities: "Snabbare åtgärder av felanmälningar och säkra lekplatser.",
            swot: [
                "Kunnig personal med god lokalkännedom.\nMobil arbetsorder.",
                "Gammal maskinpark.\nEftersläpande underhåll av lekplatser.",
                "Nytt felanmälningssystem.\nSamarbete med skolorna om skräpplockning.",
                "Ökade kostnader för asfalt och drivmedel.\nKraftigare skyfall.",
            ],
            factors: &[
                (
                    "Målgrupp",
                    "Felanmälningar åtgärdas i tid",
                    "Uppföljning i felanmälningssystemet varje månad.",
                    "Vi behåller arbetssättet.",
                    "Vi prioriterar om och tar in entreprenör vid behov.",
                ),
                (
                    "Verksamhet",
                    "Säkra lekplatser",
                    "Årlig besiktning enligt standard och egenkontroll varje månad.",
                    "Vi fortsätter med besiktningen.",
                    "Redskap stängs av och åtgärdas inom en vecka.",
                ),
                (
                    "Medarbetare",
                    "Säker arbetsmiljö",
                    "Skyddsronder och tillbudsrapporter.",
                    "Vi delar erfarenheter på APT.",
                    "Åtgärdsplan med skyddsombud.",
                ),
                (
                    "Ekonomi",
                    "Underhållet inom budget",
                    "Kvartalsvis uppföljning av underhållsplanen.",
                    "Planen följs.",
                    "Vi prioriterar om i underhållsplanen.",
                ),
            ],
            goals: &[
                (
                    "Snabbare åtgärder",
                    "Verksamhet",
                    "Fler felanmälningar åtgärdade inom utlovad tid.",
                    "felanmalningar-atgardade",
                ),
                (
                    "Säkra lekplatser",
                    "Målgrupp",
                    "Alla lekplatser utan anmärkning vid besiktningen.",
                    "",
                ),
            ],
            activities: &[
                (
                    1,
                    "Återkoppling till anmälaren via sms när felet är åtgärdat",
                    "Stefan Olofsson",
                    "2027-03-31",
                ),
                (
                    2,
                    "Rusta tre lekplatser enligt lekplatsplanen",
                    "Stefan Olofsson",
                    "2027-09-30",
                ),
            ],
        },
        Plan {
            unit: "sbf-kost",
            ods: false,
            saved: "2026-10-13T14:00:00Z",
            mission: "Kostenheten lagar god, näringsriktig och hållbar mat till förskolor, skolor och äldreomsorg.",
            partners: "Förskolor, skolor, särskilda boenden, dietister, leverantörer och upphandlingsenheten.",
            vision: "Vi bidrar till att barn lyckas i skolan och till en trygg äldreomsorg genom god mat.",
            steering: "Livsmedelslagen, skollagen om näringsriktiga skolmåltider, Livsmedelsverkets råd för måltider i förskola, skola och äldreomsorg, kommunens kostpolicy.",
            priorities: "Mindre matsvinn och fler ekologiska och närproducerade livsmedel.",
            swot: [
                "Tillagningskök på de flesta skolor.\nKompetenta kockar.",
                "Högt matsvinn i skolrestaurangerna.\nSlitna kök.",
                "Samarbete med lokala producenter.\nMatsvinnsmätning digitalt.",
                "Stigande livsmedelspriser.\nSvårt att rekrytera kockar.",
            ],
            factors: &[
                (
                    "Målgrupp",
                    "Barn och äldre tycker om maten",
                    "Matråd och enkäter.",
                    "Vi behåller menyerna.",
                    "Menyerna ses över med matråden.",
                ),
                (
                    "Verksamhet",
                    "Lite matsvinn",
                    "Digital mätning varje vecka.",
                    "Vi sprider arbetssätten.",
                    "Vi ser över portionsstorlekar och beställningar.",
                ),
                (
                    "Ekonomi",
                    "Livsmedelskostnaden inom budget",
                    "Månatlig uppföljning per kök.",
                    "Vi fortsätter.",
                    "Menyerna anpassas till säsong och pris.",
                ),
                (
                    "Medarbetare",
                    "Bemanning i alla kök",
                    "Schemauppföljning.",
                    "Vi fortsätter.",
                    "Vi samordnar personal mellan köken.",
                ),
            ],
            goals: &[
                (
                    "Mindre matsvinn",
                    "Verksamhet",
                    "Matsvinnet i skolorna ska minska med en femtedel.",
                    "",
                ),
                (
                    "Mer närproducerat",
                    "Ekonomi",
                    "Andelen närproducerade livsmedel ska öka utan att kostnaden ökar.",
                    "",
                ),
            ],
            activities: &[
                (
                    1,
                    "Svinnmätning med eleverna varje vecka",
                    "Ulrika Dahl",
                    "2027-05-31",
                ),
                (
                    2,
                    "Ny upphandling av mejeri och kött med krav på närproduktion",
                    "Ulrika Dahl",
                    "2027-10-31",
                ),
            ],
        },
        Plan {
            unit: "kff-bibl-huvud",
            ods: true,
            saved: "2026-10-16T09:00:00Z",
            mission: "Huvudbiblioteket är en öppen mötesplats för läsning, kunskap och kultur för alla invånare, med särskilt fokus på barn och unga.",
            partners: "Skolor och förskolor, studieförbund, föreningar, Stensjö bibliotek och regionbiblioteket.",
            vision: "Vi bidrar till ett rikt kultur- och fritidsliv för alla åldrar och till att barn och unga lyckas i skolan.",
            steering: "Bibliotekslagen, kommunens biblioteksplan, barnkonventionen, regionens kulturplan.",
            priorities: "Läsfrämjande för barn och unga och meröppet även på helger.",
            swot: [
                "Centralt läge.\nEngagerad personal.",
                "Begränsade öppettider.\nTrånga lokaler för barnavdelningen.",
                "Meröppet med passersystem.\nSamarbete med skolorna om läsning.",
                "Minskad utlåning av tryckta böcker.\nBesparingskrav.",
            ],
            factors: &[
                (
                    "Målgrupp",
                    "Barn och unga läser",
                    "Utlåningsstatistik och läsfrämjande aktiviteter.",
                    "Vi fortsätter med bokprat i skolorna.",
                    "Vi förstärker samarbetet med skolbiblioteken.",
                ),
                (
                    "Målgrupp",
                    "Biblioteket är tillgängligt",
                    "Besöksräknare och öppettider.",
                    "Vi behåller öppettiderna.",
                    "Vi utökar meröppet.",
                ),
                (
                    "Verksamhet",
                    "Aktuellt medieutbud",
                    "Beståndsanalys varje år.",
                    "Inköpen följer planen.",
                    "Vi gallrar och prioriterar om inköpen.",
                ),
                (
                    "Ekonomi",
                    "Medieanslaget räcker året ut",
                    "Månatlig uppföljning.",
                    "Vi fortsätter.",
                    "Vi skjuter upp inköp av vuxenlitteratur.",
                ),
            ],
            goals: &[
                (
                    "Fler unga läsare",
                    "Målgrupp",
                    "Fler barn och unga ska låna och läsa böcker.",
                    "utlan-per-invanare",
                ),
                (
                    "Meröppet på helger",
                    "Verksamhet",
                    "Biblioteket ska vara öppet med passerkort även på helger.",
                    "besokare",
                ),
            ],
            activities: &[
                (
                    1,
                    "Bokprat i alla klasser i årskurs 4",
                    "Anna-Karin Borg",
                    "2027-05-31",
                ),
                (
                    2,
                    "Införa meröppet lördag och söndag",
                    "Anna-Karin Borg",
                    "2027-03-01",
                ),
            ],
        },
    ];
}
