//! `styr generate <kind> --period P`: the workbooks units fill in, and the distribution list.

use std::path::Path;

use crate::analysis::store::Store;
use crate::cmd::{Fatal, Outcome, load};
use crate::domain::{FormKind, Period};
use crate::generate::{self, Selection};
use crate::xlsx_write::{Cell, ListSheet, write_form, write_list_workbook};

/// Arguments of `styr generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// The template kind: verksamhetsplan, uppfoljning, malvarden or internkontroll.
    #[arg(value_parser = parse_kind)]
    pub kind: FormKind,
    /// The period, e.g. 2026-T1, 2026-03, 2026 or 2027-plan.
    #[arg(long, value_parser = parse_period)]
    pub period: Period,
    /// Only these units (repeatable).
    #[arg(long = "unit", value_name = "ID")]
    pub units: Vec<String>,
    /// Only units of these förvaltningar (repeatable).
    #[arg(long = "forvaltning", value_name = "ID")]
    pub forvaltningar: Vec<String>,
}

pub(crate) fn parse_kind(s: &str) -> Result<FormKind, String> {
    FormKind::parse(s).ok_or_else(|| {
        let all: Vec<&str> = FormKind::ALL.iter().map(|k| k.key()).collect();
        format!("unknown template kind '{s}'; kinds are: {}", all.join(", "))
    })
}

pub(crate) fn parse_period(s: &str) -> Result<Period, String> {
    Period::parse(s).map_err(|e| e.to_string())
}

pub fn run(dir: &Path, args: &GenerateArgs) -> Result<Outcome, Fatal> {
    let ws = load(dir)?;
    let Some(def) = ws.forms.current(args.kind) else {
        return Err(Fatal::new(format!(
            "no form definition for {}",
            args.kind.key()
        )));
    };
    let fail = |e: generate::GenerateError| {
        let hint = e.hint();
        let f = Fatal::new(e.to_string());
        match hint {
            Some(h) => f.hint(h),
            None => f,
        }
    };
    generate::check_period(def, args.period).map_err(fail)?;
    let sel = Selection {
        units: args.units.clone(),
        forvaltningar: args.forvaltningar.clone(),
    };
    let recipients = generate::recipients(&ws, def, &sel).map_err(fail)?;
    let store_path = Store::path(&ws.path(&ws.config.folders.data));
    let store = Store::load(&store_path).map_err(|e| Fatal::new(e.to_string()))?;
    let outcomes = generate::stored_outcomes(&ws, &store);
    let lookup = generate::outcome_lookup(&outcomes);
    let out_dir = generate::outgoing_dir(&ws, args.period);
    let deadline = ws.config.deadline(args.kind, args.period);
    if deadline.is_none() {
        eprintln!(
            "warning: {} for {} is not in the årshjul of styr.toml: the workbooks carry no deadline",
            args.kind.key(),
            args.period
        );
    }
    let mut rows = Vec::new();
    let mut created = None;
    for r in &recipients {
        let prefill = generate::carry_over(&ws, &store, def, r.id(), args.period);
        let inst = generate::build(&ws, def, *r, args.period, prefill, &lookup);
        created.get_or_insert(inst.created);
        let bytes = write_form(
            &inst,
            &ws.config.sending.password,
            &ws.config.sending.contact,
        )
        .map_err(|e| Fatal::new(format!("{}: {e}", r.id())))?;
        let name = generate::file_name(args.kind, args.period, r.id());
        let path = out_dir.join(&name);
        crate::fsx::write_atomic(&path, &bytes)
            .map_err(|e| Fatal::new(format!("{}: {e}", path.display())))?;
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
        title: format!("Utskick: {} {}", def.title, args.period.swedish()),
        subtitle: format!("{} · {} filer", ws.config.kommun.name, rows.len()),
        columns: vec![
            ("Id".into(), 22.0),
            ("Namn".into(), 32.0),
            ("Förvaltning".into(), 30.0),
            ("Chef".into(), 22.0),
            ("E-post".into(), 30.0),
            ("Fil".into(), 50.0),
            ("Lämnas senast".into(), 14.0),
        ],
        rows,
    };
    let n = list.rows.len();
    let Some(created) = created else {
        return Err(Fatal::new("no workbook was generated"));
    };
    let bytes = write_list_workbook(&[list], created).map_err(|e| Fatal::new(e.to_string()))?;
    let list_path = out_dir.join("utskick.xlsx");
    crate::fsx::write_atomic(&list_path, &bytes)
        .map_err(|e| Fatal::new(format!("{}: {e}", list_path.display())))?;
    println!("wrote {n} workbooks to {}", out_dir.display());
    println!("distribution list: {}", list_path.display());
    Ok(Outcome::Clean)
}
