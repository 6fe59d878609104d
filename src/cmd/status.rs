//! `styr status [--period P]`: the årshjul, what went out and what came back.

use std::path::Path;

use crate::cmd::generate::parse_period;
use crate::cmd::{Fatal, Outcome, load};
use crate::domain::Period;

/// Arguments of `styr status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Only this period, with the recipients still missing.
    #[arg(long, value_parser = parse_period)]
    pub period: Option<Period>,
}

pub fn run(dir: &Path, args: &StatusArgs) -> Result<Outcome, Fatal> {
    let ws = load(dir)?;
    let rows = crate::status::progress(&ws, args.period).map_err(|e| Fatal::new(e.to_string()))?;
    if rows.is_empty() {
        return Err(Fatal::new(format!(
            "{} is not in the årshjul",
            args.period.map(|p| p.to_string()).unwrap_or_default()
        ))
        .hint("the årshjul is the [[arshjul]] list in styr.toml"));
    }
    println!(
        "{:<10} {:<16} {:<10} {:<10} {:>8} {:>9}  forum",
        "period", "form", "sent", "deadline", "sent out", "returned"
    );
    for r in &rows {
        println!(
            "{:<10} {:<16} {:<10} {:<10} {:>8} {:>9}  {}",
            r.period.to_string(),
            r.form.key(),
            r.sent.to_string(),
            r.deadline.to_string(),
            format!("{}/{}", r.generated, r.expected),
            format!("{}/{}", r.returned, r.expected),
            r.forum.as_deref().unwrap_or("")
        );
    }
    if args.period.is_some() {
        for r in rows.iter().filter(|r| !r.missing.is_empty()) {
            println!(
                "\nno valid {} return for {} yet from: {}",
                r.form.key(),
                r.period,
                r.missing.join(", ")
            );
        }
    }
    Ok(Outcome::Clean)
}
