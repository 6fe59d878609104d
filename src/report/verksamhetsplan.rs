//! `styr report verksamhetsplan`: the units' plans for a planning year compiled per
//! förvaltning: nulägesanalys and SWOT per unit, the quality factors per perspective, the
//! development goals with their activities. Units without a stored plan are listed as missing.
//!
//! Every value is found by the role of its field in the form definition of the version it was
//! collected with, never by section or field id.

use crate::tx;
use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::analysis::check::Status;
use crate::analysis::store::{Store, StoredValue};
use crate::domain::{Date, FormKind, Period, Perspective};
use crate::form::FieldRole;
use crate::report::{ReportError, load_store, report_date, require_plan, save, status_fill};
use crate::workspace::Workspace;
use crate::workspace::config::Unit;
use crate::xlsx_write::{Cell, ListSheet};

pub use crate::xlsx_write::sheets::{FACTORS, GOALS, OVERVIEW};

/// The stored values of one return, by table row and role.
#[derive(Debug, Default)]
pub(crate) struct Returned<'a> {
    /// (section id, row key) → role → value. A once section's row key is "".
    pub rows: BTreeMap<(String, String), BTreeMap<FieldRole, &'a StoredValue>>,
}

impl<'a> Returned<'a> {
    /// Whether the return had errors: its valid values are preliminary.
    pub fn preliminary(&self) -> bool {
        self.rows
            .values()
            .flat_map(BTreeMap::values)
            .any(|v| v.preliminary)
    }

    /// The value of `role` in the once sections (the first found).
    pub fn once(&self, role: FieldRole) -> Option<&'a StoredValue> {
        self.rows
            .iter()
            .filter(|((_, k), _)| k.is_empty())
            .find_map(|(_, r)| r.get(&role).copied())
    }

    /// The text of `role` in the once sections ("" when none).
    pub fn once_text(&self, role: FieldRole) -> String {
        self.once(role).map(value_text).unwrap_or_default()
    }

    /// The table rows holding `role`, in row order (numbered rows by number).
    pub fn rows_with(&self, role: FieldRole) -> Vec<(&str, &BTreeMap<FieldRole, &'a StoredValue>)> {
        let mut out: Vec<(&str, &BTreeMap<FieldRole, &StoredValue>)> = self
            .rows
            .iter()
            .filter(|((_, k), r)| !k.is_empty() && r.contains_key(&role))
            .map(|((_, k), r)| (k.as_str(), r))
            .collect();
        out.sort_by_key(|(k, _)| (k.parse::<u32>().unwrap_or(u32::MAX), k.to_string()));
        out
    }

    /// Where the return came from (the file of its first value).
    pub fn file(&self) -> String {
        self.rows
            .values()
            .flat_map(BTreeMap::values)
            .next()
            .map(|v| v.file.clone())
            .unwrap_or_default()
    }
}

/// A stored value as text: its text, or its number in Swedish notation.
pub(crate) fn value_text(v: &StoredValue) -> String {
    match (&v.text, v.number) {
        (Some(t), _) => t.clone(),
        (None, Some(n)) => crate::domain::format_number(n, None).replace('.', ","),
        (None, None) => String::new(),
    }
}

/// The text of `role` in a row ("" when none).
pub(crate) fn text_of(row: &BTreeMap<FieldRole, &StoredValue>, role: FieldRole) -> String {
    row.get(&role).map(|v| value_text(v)).unwrap_or_default()
}

/// Every return of `kind` in `period`, by recipient (unit or förvaltning id). Values of a form
/// version the workspace does not define are left out.
pub(crate) fn returns_by_role<'a>(
    ws: &Workspace,
    store: &'a Store,
    period: Period,
    kind: FormKind,
) -> BTreeMap<String, Returned<'a>> {
    let mut out: BTreeMap<String, Returned<'a>> = BTreeMap::new();
    for v in store.of(period, kind) {
        let role = ws
            .forms
            .version(kind, v.form_version)
            .and_then(|d| d.section(&v.section))
            .and_then(|s| s.field(&v.field))
            .and_then(|f| f.role);
        if let Some(role) = role {
            out.entry(v.unit.clone())
                .or_default()
                .rows
                .entry((v.section.clone(), v.key.clone()))
                .or_default()
                .insert(role, v);
        }
    }
    out
}

/// The label of the (first) field with `role` in the current form of `kind`.
pub(crate) fn label_of(ws: &Workspace, kind: FormKind, role: FieldRole) -> String {
    ws.forms
        .current(kind)
        .and_then(|d| d.with_role(role).first().map(|(_, f)| f.label.clone()))
        .unwrap_or_default()
}

fn forv_sheet(id: &str) -> String {
    format!("Förv {id}")
}

/// The nulägesanalys questions and the SWOT, in the order the plan asks them.
/// The part is `false` for the nulägesanalys, `true` for the SWOT.
const ANALYSIS: &[(bool, FieldRole)] = &[
    (false, FieldRole::Mission),
    (false, FieldRole::Partners),
    (false, FieldRole::Vision),
    (false, FieldRole::SteeringDocuments),
    (false, FieldRole::Priorities),
    (true, FieldRole::Strengths),
    (true, FieldRole::Weaknesses),
    (true, FieldRole::Opportunities),
    (true, FieldRole::Threats),
];

/// The name of a part of the plan's analysis.
fn part_name(swot: bool) -> String {
    if swot {
        tx!("plan-part-swot")
    } else {
        tx!("plan-part-analysis")
    }
}

fn missing_cell() -> Cell {
    Cell::Status(tx!("plan-missing"), status_fill(Status::EjUppfyllt))
}

/// Builds the compilation's sheets for `period` from the stored plans.
pub fn build(ws: &Workspace, store: &Store, period: Period) -> Vec<ListSheet> {
    let plans = returns_by_role(ws, store, period, FormKind::Verksamhetsplan);
    let year = period.year();
    let kommun = &ws.config.kommun.name;
    let mut sheets = vec![overview(ws, &plans, period)];
    for f in &ws.config.forvaltningar {
        let mut rows = Vec::new();
        for u in ws.config.units.iter().filter(|u| u.forvaltning == f.id) {
            let Some(plan) = plans.get(u.id.as_str()) else {
                rows.push(vec![
                    Cell::Text(u.name.clone()),
                    Cell::Empty,
                    Cell::Empty,
                    missing_cell(),
                ]);
                continue;
            };
            for (part, role) in ANALYSIS {
                rows.push(vec![
                    Cell::Text(u.name.clone()),
                    Cell::Text(part_name(*part)),
                    Cell::Text(label_of(ws, FormKind::Verksamhetsplan, *role)),
                    Cell::Text(plan.once_text(*role)),
                ]);
            }
        }
        sheets.push(ListSheet {
            name: forv_sheet(f.id.as_str()),
            title: tx!("plan-forv-title", "name" => &f.name, "year" => year.to_string()),
            subtitle: tx!("plan-forv-subtitle", "kommun" => kommun, "year" => year.to_string()),
            columns: vec![
                (tx!("report-col-unit"), 24.0),
                (tx!("plan-col-part"), 13.0),
                (tx!("plan-col-question"), 32.0),
                (tx!("plan-col-answer"), 90.0),
            ],
            rows,
            back_to: Some(OVERVIEW.into()),
            ..ListSheet::default()
        });
    }
    let returned = plans.len();
    sheets.push(crate::report::with_empty_note(
        factors(ws, &plans, period),
        tx!("plan-no-factors", "n" => returned, "year" => year.to_string()),
    ));
    sheets.push(crate::report::with_empty_note(
        goals(ws, &plans, period),
        tx!("plan-no-goals", "n" => returned, "year" => year.to_string()),
    ));
    sheets
}

fn units_in_order(ws: &Workspace) -> impl Iterator<Item = &Unit> {
    ws.config.forvaltningar.iter().flat_map(move |f| {
        ws.config
            .units
            .iter()
            .filter(move |u| u.forvaltning == f.id)
    })
}

fn overview(ws: &Workspace, plans: &BTreeMap<String, Returned<'_>>, period: Period) -> ListSheet {
    let mut rows = Vec::new();
    let mut came = 0;
    for u in units_in_order(ws) {
        let link = Cell::Link {
            text: u.forvaltning.to_string(),
            sheet: forv_sheet(u.forvaltning.as_str()),
            cell: "A1".into(),
        };
        match plans.get(u.id.as_str()) {
            Some(p) => {
                came += 1;
                rows.push(vec![
                    link,
                    Cell::Text(u.name.clone()),
                    if p.preliminary() {
                        Cell::Status(
                            tx!("plan-returned-preliminary", "preliminary" => tx!("report-preliminary")),
                            status_fill(Status::Delvis),
                        )
                    } else {
                        Cell::Status(tx!("plan-returned"), status_fill(Status::Uppfyllt))
                    },
                    Cell::Number(p.rows_with(FieldRole::Factor).len() as f64, 0),
                    Cell::Number(p.rows_with(FieldRole::Goal).len() as f64, 0),
                    Cell::Number(p.rows_with(FieldRole::Activity).len() as f64, 0),
                    Cell::Text(p.file().rsplit('/').next().unwrap_or_default().to_string()),
                ]);
            }
            None => rows.push(vec![
                link,
                Cell::Text(u.name.clone()),
                missing_cell(),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ]),
        }
    }
    let total = ws.config.units.len();
    ListSheet {
        name: OVERVIEW.into(),
        title: tx!(
            "plan-title",
            "kommun" => &ws.config.kommun.name,
            "year" => period.year().to_string()
        ),
        subtitle: tx!("plan-subtitle", "came" => came, "total" => total, "missing" => total - came),
        columns: vec![
            (tx!("report-col-forvaltning"), 11.0),
            (tx!("report-col-unit"), 36.0),
            (tx!("report-col-status"), 22.0),
            (tx!("plan-col-factors"), 16.0),
            (tx!("report-sheet-goals"), 15.0),
            (tx!("plan-col-activities"), 12.0),
            (tx!("report-col-file"), 50.0),
        ],
        rows,
        notes: vec![tx!("plan-note", "factors" => FACTORS, "goals" => GOALS)],
        ..ListSheet::default()
    }
}

fn perspective_rank(text: &str) -> usize {
    Perspective::parse(text)
        .and_then(|p| Perspective::ALL.iter().position(|x| *x == p))
        .unwrap_or(Perspective::ALL.len())
}

fn factors(ws: &Workspace, plans: &BTreeMap<String, Returned<'_>>, period: Period) -> ListSheet {
    let mut entries = Vec::new();
    for (pos, u) in units_in_order(ws).enumerate() {
        let Some(p) = plans.get(u.id.as_str()) else {
            continue;
        };
        for (i, (_, row)) in p.rows_with(FieldRole::Factor).into_iter().enumerate() {
            let perspective = text_of(row, FieldRole::Perspective);
            entries.push((
                (perspective_rank(&perspective), pos, i),
                vec![
                    Cell::Text(u.forvaltning.to_string()),
                    Cell::Text(u.name.clone()),
                    Cell::Text(perspective),
                    Cell::Text(text_of(row, FieldRole::Factor)),
                    Cell::Text(text_of(row, FieldRole::FactorEvaluation)),
                    Cell::Text(text_of(row, FieldRole::FactorIfReached)),
                    Cell::Text(text_of(row, FieldRole::FactorIfNotReached)),
                ],
            ));
        }
    }
    entries.sort_by_key(|(k, _)| *k);
    let label = |r| label_of(ws, FormKind::Verksamhetsplan, r);
    ListSheet {
        name: FACTORS.into(),
        title: tx!("plan-factors-title", "year" => period.year().to_string()),
        subtitle: tx!("plan-factors-subtitle", "kommun" => &ws.config.kommun.name),
        columns: vec![
            (tx!("report-col-forv"), 7.0),
            (tx!("report-col-unit"), 22.0),
            (tx!("report-col-perspective"), 12.0),
            (tx!("report-col-factor"), 26.0),
            (label(FieldRole::FactorEvaluation), 32.0),
            (label(FieldRole::FactorIfReached), 32.0),
            (label(FieldRole::FactorIfNotReached), 32.0),
        ],
        rows: entries.into_iter().map(|(_, r)| r).collect(),
        back_to: Some(OVERVIEW.into()),
        ..ListSheet::default()
    }
}

/// The goal's indicators as typed, with catalogue ids given their names: "sjukfranvaro" →
/// "Sjukfrånvaro (sjukfranvaro)".
fn indicator_names(ws: &Workspace, text: &str) -> String {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            ws.catalogue
                .indicator(t)
                .map_or_else(|| t.to_string(), |i| format!("{} ({t})", i.name))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn due_cell(row: &BTreeMap<FieldRole, &StoredValue>) -> Cell {
    let t = text_of(row, FieldRole::Due);
    Date::parse(&t).map_or(Cell::Text(t), Cell::Date)
}

fn goals(ws: &Workspace, plans: &BTreeMap<String, Returned<'_>>, period: Period) -> ListSheet {
    let mut rows = Vec::new();
    for u in units_in_order(ws) {
        let Some(p) = plans.get(u.id.as_str()) else {
            continue;
        };
        let goals = p.rows_with(FieldRole::Goal);
        let activities = p.rows_with(FieldRole::Activity);
        let number_of = |row: &BTreeMap<FieldRole, &StoredValue>| {
            row.get(&FieldRole::GoalNumber)
                .and_then(|v| v.number)
                .map(|n| n.round() as i64)
        };
        let head = |nr: String, goal: Option<&BTreeMap<FieldRole, &StoredValue>>| -> Vec<Cell> {
            vec![
                Cell::Text(u.forvaltning.to_string()),
                Cell::Text(u.name.clone()),
                Cell::Text(nr),
                Cell::Text(
                    goal.map(|g| text_of(g, FieldRole::Goal))
                        .unwrap_or_default(),
                ),
                Cell::Text(
                    goal.map(|g| text_of(g, FieldRole::Perspective))
                        .unwrap_or_default(),
                ),
                Cell::Text(
                    goal.map(|g| text_of(g, FieldRole::GoalDescription))
                        .unwrap_or_default(),
                ),
                Cell::Text(
                    goal.map(|g| indicator_names(ws, &text_of(g, FieldRole::GoalIndicators)))
                        .unwrap_or_default(),
                ),
            ]
        };
        let activity_cells = |a: &BTreeMap<FieldRole, &StoredValue>| {
            vec![
                Cell::Text(text_of(a, FieldRole::Activity)),
                Cell::Text(text_of(a, FieldRole::Owner)),
                due_cell(a),
            ]
        };
        for (key, g) in &goals {
            let nr: Option<i64> = key.parse().ok();
            let mine: Vec<_> = activities
                .iter()
                .filter(|(_, a)| nr.is_some() && number_of(a) == nr)
                .collect();
            if mine.is_empty() {
                let mut row = head((*key).to_string(), Some(g));
                row.extend([
                    Cell::Text(tx!("plan-no-activity")),
                    Cell::Empty,
                    Cell::Empty,
                ]);
                rows.push(row);
            }
            for (_, a) in mine {
                let mut row = head((*key).to_string(), Some(g));
                row.extend(activity_cells(a));
                rows.push(row);
            }
        }
        // Activities whose goal number names no goal of the plan.
        let known: Vec<Option<i64>> = goals.iter().map(|(k, _)| k.parse().ok()).collect();
        for (_, a) in activities
            .iter()
            .filter(|(_, a)| !known.contains(&number_of(a)))
        {
            let nr = number_of(a).map_or_else(|| "–".to_string(), |n| n.to_string());
            let mut row = head(nr.clone(), None);
            row[3] = Cell::Text(tx!("plan-unknown-goal", "nr" => &nr));
            row.extend(activity_cells(a));
            rows.push(row);
        }
    }
    let label = |r| label_of(ws, FormKind::Verksamhetsplan, r);
    ListSheet {
        name: GOALS.into(),
        title: tx!("plan-goals-title", "year" => period.year().to_string()),
        subtitle: tx!("plan-goals-subtitle", "kommun" => &ws.config.kommun.name),
        columns: vec![
            (tx!("report-col-forv"), 7.0),
            (tx!("report-col-unit"), 22.0),
            (tx!("plan-col-goal-nr"), 6.0),
            (tx!("report-sheet-goals"), 24.0),
            (tx!("report-col-perspective"), 12.0),
            (label(FieldRole::GoalDescription), 34.0),
            (tx!("plan-col-indicators"), 22.0),
            (tx!("enhet-col-activity"), 32.0),
            (tx!("enhet-col-owner"), 16.0),
            (label(FieldRole::Due), 11.0),
        ],
        rows,
        back_to: Some(OVERVIEW.into()),
        ..ListSheet::default()
    }
}

/// Writes the compilation of the plans of `period` to `out` (default
/// `<reports>/<period>/verksamhetsplan-<period>.xlsx`) and returns its path.
///
/// # Errors
/// [`ReportError`] when the store cannot be read, the period is not a planning period, or the
/// file cannot be written.
pub fn write(ws: &Workspace, period: Period, out: Option<PathBuf>) -> Result<PathBuf, ReportError> {
    require_plan(period, "the plans are made for a planning period")?;
    let store = load_store(ws)?;
    let sheets = build(ws, &store, period);
    let title = tx!("plan-workbook-title", "year" => period.year().to_string());
    let date = report_date(ws, FormKind::Verksamhetsplan, period);
    let bytes = crate::xlsx_write::write_titled_list_workbook(
        &sheets,
        date,
        &title,
        &ws.config.kommun.name,
    );
    save(ws, period, out, "verksamhetsplan", bytes)
}
