//! `styr report <kind> --period P [--out FILE]`: the reports for KS, budgetutskottet and units.

use std::path::{Path, PathBuf};

use crate::cmd::generate::parse_period;
use crate::cmd::{Fatal, Outcome, load};
use crate::domain::{FormKind, Period};
use crate::tx;

/// The report kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportKind {
    /// The consolidated follow-up for KS and budgetutskottet.
    Uppfoljning,
    /// The units' plans compiled per förvaltning (a planning period, e.g. 2027-plan).
    Verksamhetsplan,
    /// The target review for budgetutskottet, with a column for its decisions (a planning period).
    Malforslag,
    /// One feedback workbook per unit (a follow-up period); --out names a folder.
    Enhet,
}

/// Arguments of `styr report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Which report.
    #[arg(value_enum)]
    pub kind: ReportKind,
    /// The period, e.g. 2026-T1.
    #[arg(long, value_parser = parse_period)]
    pub period: Period,
    /// Where to write it (default: the reports folder of the period); a folder for `enhet`.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// `enhet` only: these units (repeatable; default every unit).
    #[arg(long = "unit", value_name = "ID")]
    pub units: Vec<String>,
}

/// Refuses a period of the wrong kind for the report, and units for a report other than enhet.
fn check_args(ws: &crate::workspace::Workspace, args: &ReportArgs) -> Result<(), Fatal> {
    let planning = matches!(
        args.kind,
        ReportKind::Verksamhetsplan | ReportKind::Malforslag
    );
    let p = args.period;
    if planning && p.is_follow_up() {
        return Err(
            Fatal::new(tx!("report-follow-up-period", "period" => p.to_string())).hint(tx!(
                "report-follow-up-period-hint",
                "year" => (p.year() + 1).to_string()
            )),
        );
    }
    if args.kind == ReportKind::Enhet && !p.is_follow_up() {
        return Err(
            Fatal::new(tx!("report-planning-period", "period" => p.to_string())).hint(tx!(
                "report-planning-period-hint",
                "year" => (p.year() - 1).to_string()
            )),
        );
    }
    if args.kind != ReportKind::Enhet && !args.units.is_empty() {
        return Err(Fatal::new(tx!("report-unit-only-enhet")));
    }
    for u in &args.units {
        if ws.config.unit(u).is_none() {
            let known = ws.config.units.iter().map(|x| x.id.as_str());
            let f = Fatal::new(tx!("report-no-unit", "id" => u));
            return Err(match crate::diag::did_you_mean(u, known) {
                Some(h) => f.hint(h),
                None => f.hint(tx!("report-no-unit-hint")),
            });
        }
    }
    Ok(())
}

pub fn run(dir: &Path, args: &ReportArgs) -> Result<Outcome, Fatal> {
    let ws = load(dir)?;
    check_args(&ws, args)?;
    let out = args.out.clone();
    let paths = match args.kind {
        ReportKind::Uppfoljning => {
            crate::report::write_uppfoljning(&ws, args.period, out).map(|p| vec![p])
        }
        ReportKind::Verksamhetsplan => {
            crate::report::verksamhetsplan::write(&ws, args.period, out).map(|p| vec![p])
        }
        ReportKind::Malforslag => {
            crate::report::malforslag::write(&ws, args.period, out).map(|p| vec![p])
        }
        ReportKind::Enhet => crate::report::enhet::write(&ws, args.period, &args.units, out),
    }
    .map_err(|e| Fatal::new(e.to_string()))?;
    for path in &paths {
        println!(
            "{}",
            tx!("report-wrote", "path" => path.display().to_string())
        );
    }
    let returned = returned_forms(&ws, args.kind, args.period)?;
    if !returned {
        eprintln!("{}", no_returns_warning(args.kind, args.period));
    }
    if args.kind == ReportKind::Malforslag {
        println!("{}", tx!("report-next-malforslag"));
    }
    Ok(if returned {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// The forms whose returns a report of `kind` is made from.
fn source_forms(kind: ReportKind) -> &'static [FormKind] {
    match kind {
        ReportKind::Uppfoljning => &[FormKind::Uppfoljning, FormKind::Internkontroll],
        ReportKind::Verksamhetsplan => &[FormKind::Verksamhetsplan],
        ReportKind::Malforslag => &[FormKind::Malvarden],
        ReportKind::Enhet => &[FormKind::Uppfoljning],
    }
}

/// Whether the data store holds any return (valid or with errors) of the period for the forms
/// the report is made from.
fn returned_forms(
    ws: &crate::workspace::Workspace,
    kind: ReportKind,
    period: Period,
) -> Result<bool, Fatal> {
    let store = crate::report::load_store(ws).map_err(|e| Fatal::new(e.to_string()))?;
    let forms = source_forms(kind);
    Ok(store
        .values
        .iter()
        .any(|v| v.period == period && forms.contains(&v.form)))
}

/// The one line `styr report` prints when the period has no returns: the report is written,
/// but shows nothing from the units.
fn no_returns_warning(kind: ReportKind, period: Period) -> String {
    let forms: Vec<String> = source_forms(kind)
        .iter()
        .map(|f| match f {
            FormKind::Uppfoljning => tx!("report-missing-form-uppfoljning"),
            FormKind::Verksamhetsplan => tx!("report-missing-form-verksamhetsplan"),
            FormKind::Malvarden => tx!("report-missing-form-malvarden"),
            FormKind::Internkontroll => tx!("report-missing-form-internkontroll"),
        })
        .collect();
    format!(
        "{} {}",
        tx!("label-warning"),
        tx!("report-no-returns", "period" => period.to_string(), "forms" => forms.join(", "))
    )
}
