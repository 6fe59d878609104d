//! Generating the workbooks units fill in: which workbooks for a period, and what each shows.

pub mod instance;
pub mod workbook;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::analysis::store::Store;
use crate::diag::closest;
use crate::domain::{FormKind, Period, Value};
use crate::form::{FieldRole, FormDef, PeriodKind};
use crate::workspace::Workspace;
use crate::workspace::catalogue::{Indicator, Level};

pub use instance::{Imported, Instance, Prepared, Recipient, Row, Shown, build, file_name};
pub use workbook::write_form;

/// Which recipients to generate for (empty lists: everyone).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub units: Vec<String>,
    pub forvaltningar: Vec<String>,
}

/// Why generation cannot start.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("the form '{kind}' is not sent for {period}")]
    WrongPeriod {
        kind: &'static str,
        period: Period,
        allowed: String,
    },
    #[error("unknown {what} '{id}'")]
    Unknown {
        what: &'static str,
        id: String,
        suggestion: Option<String>,
    },
    #[error("no recipient matches the selection")]
    NoneSelected,
}

impl GenerateError {
    pub fn hint(&self) -> Option<String> {
        match self {
            GenerateError::WrongPeriod { allowed, .. } => {
                Some(format!("it is sent for periods of kind: {allowed}"))
            }
            GenerateError::Unknown {
                suggestion: Some(s),
                ..
            } => Some(format!("did you mean '{s}'?")),
            GenerateError::Unknown { what, .. } => Some(format!("see the {what} ids in styr.toml")),
            GenerateError::NoneSelected => Some(
                "--unit and --forvaltning together select units of those förvaltningar only".into(),
            ),
        }
    }
}

/// The recipients of a form for a selection.
///
/// # Errors
/// [`GenerateError::Unknown`] for an id not in the workspace.
pub fn recipients<'a>(
    ws: &'a Workspace,
    def: &FormDef,
    sel: &Selection,
) -> Result<Vec<Recipient<'a>>, GenerateError> {
    for u in &sel.units {
        if ws.config.unit(u).is_none() {
            return Err(GenerateError::Unknown {
                what: "unit",
                id: u.clone(),
                suggestion: closest(u, ws.config.units.iter().map(|x| x.id.as_str()))
                    .map(str::to_string),
            });
        }
    }
    for f in &sel.forvaltningar {
        if ws.config.forvaltning(f).is_none() {
            return Err(GenerateError::Unknown {
                what: "förvaltning",
                id: f.clone(),
                suggestion: closest(f, ws.config.forvaltningar.iter().map(|x| x.id.as_str()))
                    .map(str::to_string),
            });
        }
    }
    let forv_ok =
        |id: &str| sel.forvaltningar.is_empty() || sel.forvaltningar.iter().any(|f| f == id);
    let out: Vec<Recipient<'a>> = if def.per_forvaltning {
        ws.config
            .forvaltningar
            .iter()
            .filter(|f| forv_ok(f.id.as_str()))
            .map(Recipient::Forvaltning)
            .collect()
    } else {
        ws.config
            .units
            .iter()
            .filter(|u| forv_ok(u.forvaltning.as_str()))
            .filter(|u| sel.units.is_empty() || sel.units.iter().any(|x| x == u.id.as_str()))
            .map(Recipient::Unit)
            .collect()
    };
    if out.is_empty() {
        return Err(GenerateError::NoneSelected);
    }
    Ok(out)
}

/// Checks that `def` is sent for periods like `period`.
///
/// # Errors
/// [`GenerateError::WrongPeriod`].
pub fn check_period(def: &FormDef, period: Period) -> Result<(), GenerateError> {
    if def.periods.contains(&PeriodKind::of(period)) {
        Ok(())
    } else {
        Err(GenerateError::WrongPeriod {
            kind: def.kind.key(),
            period,
            allowed: def
                .periods
                .iter()
                .map(|p| format!("{p:?}").to_lowercase())
                .collect::<Vec<_>>()
                .join(", "),
        })
    }
}

/// Outcomes collected earlier, for "previous period" columns: (indicator, unit id, period).
pub fn stored_outcomes(ws: &Workspace, store: &Store) -> BTreeMap<(String, String, Period), f64> {
    let Some(def) = ws.forms.current(FormKind::Uppfoljning) else {
        return BTreeMap::new();
    };
    let outcome_fields: Vec<(&str, &str)> = def
        .with_role(FieldRole::Outcome)
        .into_iter()
        .map(|(s, f)| (s.id.as_str(), f.id.as_str()))
        .collect();
    store
        .values
        .iter()
        .filter(|v| v.form == FormKind::Uppfoljning)
        .filter(|v| outcome_fields.contains(&(v.section.as_str(), v.field.as_str())))
        .filter_map(|v| {
            v.number
                .map(|n| ((v.key.clone(), v.unit.clone(), v.period), n))
        })
        .collect()
}

/// A lookup of stored outcomes by indicator, level and period (units only: levels above are
/// rolled up by the checks, not here).
pub fn outcome_lookup(
    map: &BTreeMap<(String, String, Period), f64>,
) -> impl Fn(&Indicator, &Level, Period) -> Option<f64> + '_ {
    move |ind, level, period| match level {
        Level::Unit(u) => map
            .get(&(ind.id.to_string(), u.to_string(), period))
            .copied(),
        _ => None,
    }
}

/// Values carried from the unit's plan into a follow-up: rows of plan sections are copied to
/// the follow-up section whose fields share their roles (quality factors, activities).
pub fn carry_over(
    ws: &Workspace,
    store: &Store,
    def: &FormDef,
    unit: &str,
    period: Period,
) -> BTreeMap<(String, String, String), Value> {
    let mut out = BTreeMap::new();
    if def.kind != FormKind::Uppfoljning {
        return out;
    }
    let Some(plan) = ws.forms.current(FormKind::Verksamhetsplan) else {
        return out;
    };
    let plan_period = Period::Plan(period.year());
    let plan_values: Vec<_> = store
        .of(plan_period, FormKind::Verksamhetsplan)
        .filter(|v| v.unit == unit)
        .collect();
    if plan_values.is_empty() {
        return out;
    }
    let role_of = |section: &str, field: &str| {
        plan.section(section)
            .and_then(|s| s.field(field))
            .and_then(|f| f.role)
    };
    // Goal names by number, for activities that refer to their goal by number.
    let goal_names: BTreeMap<String, String> = plan_values
        .iter()
        .filter(|v| role_of(&v.section, &v.field) == Some(FieldRole::Goal))
        .filter_map(|v| v.text.clone().map(|t| (v.key.clone(), t)))
        .collect();
    for target in def
        .sections
        .iter()
        .filter(|s| s.repeat == crate::form::Repeat::Rows)
    {
        let roles: Vec<FieldRole> = target.fields.iter().filter_map(|f| f.role).collect();
        // The plan section with the most roles in common (and at least the key role).
        let Some(source) = plan
            .sections
            .iter()
            .filter(|s| s.repeat == crate::form::Repeat::Rows)
            .max_by_key(|s| {
                s.fields
                    .iter()
                    .filter(|f| f.role.is_some_and(|r| roles.contains(&r)))
                    .count()
            })
        else {
            continue;
        };
        for v in plan_values.iter().filter(|v| v.section == source.id) {
            let Some(role) = role_of(&v.section, &v.field) else {
                continue;
            };
            let (role, value) = match (role, v.number, &v.text) {
                (FieldRole::GoalNumber, Some(n), _) => match goal_names.get(&format!("{n}")) {
                    Some(name) => (FieldRole::Goal, Value::Text(name.clone())),
                    None => continue,
                },
                (r, Some(n), _) => (r, Value::Number(n)),
                (r, None, Some(t)) => (r, Value::Text(t.clone())),
                _ => continue,
            };
            if let Some(f) = target.fields.iter().find(|f| f.role == Some(role)) {
                out.insert((target.id.clone(), v.key.clone(), f.id.clone()), value);
            }
        }
    }
    out
}

/// The stored values a unit's `from_import` fields show read-only: for each such field, the
/// number a system import (`styr import`) stored for the unit, the period, the row and the
/// field; a value a unit typed in a return is never pre-filled. Of several, the one stored last.
pub fn imported_values(
    store: &Store,
    def: &FormDef,
    unit: &str,
    period: Period,
) -> BTreeMap<(String, String, String), instance::Imported> {
    let mut out: BTreeMap<(String, String, String), (&str, instance::Imported)> = BTreeMap::new();
    let fields: Vec<(&str, &str)> = def
        .sections
        .iter()
        .flat_map(|s| {
            s.fields
                .iter()
                .filter(|f| f.from_import && f.kind.is_numeric())
                .map(move |f| (s.id.as_str(), f.id.as_str()))
        })
        .collect();
    if fields.is_empty() {
        return BTreeMap::new();
    }
    for v in store.values.iter().filter(|v| {
        v.import.is_some()
            && v.unit == unit
            && v.period == period
            && v.form == def.kind
            && v.is_value()
    }) {
        let Some((section, field)) = fields
            .iter()
            .find(|(s, f)| v.section == *s && v.field == *f)
        else {
            continue;
        };
        let Some(value) = v.number else { continue };
        let key = (section.to_string(), v.key.clone(), field.to_string());
        if out
            .get(&key)
            .is_some_and(|(at, _)| *at > v.collected_at.as_str())
        {
            continue;
        }
        let imported = instance::Imported {
            value,
            source: v.file.clone(),
            date: v.collected_at.chars().take(10).collect(),
        };
        out.insert(key, (v.collected_at.as_str(), imported));
    }
    out.into_iter().map(|(k, (_, v))| (k, v)).collect()
}

/// Where the workbooks of a period go: `<outgoing>/<period>/`.
pub fn outgoing_dir(ws: &Workspace, period: Period) -> PathBuf {
    ws.path(&ws.config.folders.outgoing)
        .join(period.to_string())
}

/// What [`generate_period`] wrote.
#[derive(Debug, Clone)]
pub struct Generated {
    pub dir: PathBuf,
    pub workbooks: Vec<PathBuf>,
    pub distribution_list: PathBuf,
    /// The form is not in the årshjul for the period: the workbooks carry no deadline.
    pub no_deadline: bool,
    /// Of `workbooks`, those that were already there with the same bytes and were left alone.
    pub unchanged: usize,
}

/// Why [`generate_period`] stopped.
#[derive(Debug, thiserror::Error)]
pub enum PeriodError {
    #[error(transparent)]
    Select(#[from] GenerateError),
    #[error("{0}")]
    Store(#[from] crate::analysis::store::StoreError),
    #[error("{0}: {1}")]
    Write(String, String),
}

/// Writes the workbooks of `kind` for `period` to the recipients of `sel`, and the
/// distribution list `utskick.xlsx`, into the outgoing folder of the period.
///
/// # Errors
/// [`PeriodError`] for a period the form is not sent for, an unknown id, an unreadable store
/// or a file that cannot be written.
pub fn generate_period(
    ws: &Workspace,
    kind: FormKind,
    period: Period,
    sel: &Selection,
) -> Result<Generated, PeriodError> {
    use crate::xlsx_write::{Cell, ListSheet, write_list_workbook};
    let def = ws.forms.current(kind).ok_or(GenerateError::NoneSelected)?;
    check_period(def, period)?;
    let recipients = recipients(ws, def, sel)?;
    let store = Store::load(&Store::path(&ws.path(&ws.config.folders.data)))?;
    let outcomes = stored_outcomes(ws, &store);
    let lookup = outcome_lookup(&outcomes);
    let dir = outgoing_dir(ws, period);
    let deadline = ws.config.deadline(kind, period);
    let write = |path: &PathBuf, bytes: &[u8]| {
        crate::fsx::write_atomic_changed(path, bytes)
            .map_err(|e| PeriodError::Write(path.display().to_string(), e.to_string()))
    };
    let mut unchanged = 0;
    let mut rows = Vec::new();
    let mut workbooks = Vec::new();
    let mut created = None;
    let prepared = Prepared::new(ws, def);
    for r in &recipients {
        let prefill = carry_over(ws, &store, def, r.id(), period);
        let mut inst = prepared.build(*r, period, prefill, &lookup);
        if let Recipient::Unit(u) = r {
            inst.imported = imported_values(&store, def, u.id.as_str(), period);
        }
        created.get_or_insert(inst.created);
        let bytes = write_form(
            &inst,
            &ws.config.sending.password,
            &ws.config.sending.contact,
        )
        .map_err(|e| PeriodError::Write(r.id().to_string(), e.to_string()))?;
        let name = file_name(kind, period, r.id());
        let path = dir.join(&name);
        if !write(&path, &bytes)? {
            unchanged += 1;
        }
        workbooks.push(path);
        rows.push(vec![
            Cell::Text(r.id().to_string()),
            Cell::Text(r.name().to_string()),
            Cell::Text(inst.forvaltning.clone()),
            Cell::Text(r.chef().to_string()),
            Cell::Text(r.email().to_string()),
            Cell::Text(name),
            deadline.map_or(Cell::Empty, |d| Cell::Date(d.deadline)),
        ]);
    }
    let list = ListSheet {
        name: "Utskick".into(),
        title: crate::tx!("form-list-title", "title" => &def.title, "period" => period.shown()),
        subtitle: crate::tx!("form-list-subtitle", "kommun" => &ws.config.kommun.name, "n" => rows.len()),
        columns: vec![
            (crate::tx!("report-col-id"), 22.0),
            (crate::tx!("report-col-name"), 32.0),
            (crate::tx!("report-col-forvaltning"), 34.0),
            (crate::tx!("form-list-chef"), 22.0),
            (crate::tx!("form-list-email"), 30.0),
            (crate::tx!("report-col-file"), 50.0),
            (crate::tx!("form-fact-due"), 14.0),
        ],
        rows,
        ..ListSheet::default()
    };
    let created = created.ok_or(GenerateError::NoneSelected)?;
    let bytes = write_list_workbook(&[list], created)
        .map_err(|e| PeriodError::Write("utskick.xlsx".into(), e.to_string()))?;
    let distribution_list = dir.join("utskick.xlsx");
    write(&distribution_list, &bytes)?;
    Ok(Generated {
        dir,
        workbooks,
        distribution_list,
        no_deadline: deadline.is_none(),
        unchanged,
    })
}
