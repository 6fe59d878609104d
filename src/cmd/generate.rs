//! `styr generate <kind> --period P`: the workbooks units fill in, and the distribution list.

use std::path::Path;

use crate::cmd::{Fatal, Outcome, load};
use crate::domain::{FormKind, Period};
use crate::generate::{self, PeriodError, Selection};
use crate::tx;

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
        tx!("generate-unknown-kind", "kind" => s, "list" => all.join(", "))
    })
}

pub(crate) fn parse_period(s: &str) -> Result<Period, String> {
    Period::parse(s).map_err(|e| e.to_string())
}

impl From<PeriodError> for Fatal {
    fn from(e: PeriodError) -> Self {
        let hint = match &e {
            PeriodError::Select(s) => s.hint(),
            _ => None,
        };
        let f = Fatal::new(e.to_string());
        match hint {
            Some(h) => f.hint(h),
            None => f,
        }
    }
}

pub fn run(dir: &Path, args: &GenerateArgs) -> Result<Outcome, Fatal> {
    let ws = load(dir)?;
    let sel = Selection {
        units: args.units.clone(),
        forvaltningar: args.forvaltningar.clone(),
    };
    let g = generate::generate_period(&ws, args.kind, args.period, &sel)?;
    if g.no_deadline {
        eprintln!(
            "{} {}",
            tx!("label-warning"),
            tx!("generate-no-deadline", "form" => args.kind.key(), "period" => args.period.to_string())
        );
    }
    let written = g.workbooks.len() - g.unchanged;
    let dir = g.dir.display().to_string();
    if written == 0 {
        println!(
            "{}",
            tx!("generate-unchanged", "n" => g.workbooks.len(), "dir" => dir)
        );
    } else {
        println!(
            "{}",
            tx!("generate-wrote", "n" => written, "dir" => dir, "unchanged" => g.unchanged)
        );
    }
    println!(
        "{}",
        tx!("generate-list", "path" => g.distribution_list.display().to_string())
    );
    Ok(Outcome::Clean)
}
