//! `styr status [--period P]`: the årshjul, what went out and what came back.

use std::path::Path;

use crate::cmd::generate::parse_period;
use crate::cmd::{Fatal, Outcome, load};
use crate::domain::{Clock, Period};
use crate::tx;

/// Arguments of `styr status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Only this period, with the recipients still missing.
    #[arg(long, value_parser = parse_period)]
    pub period: Option<Period>,
}

/// Prints the årshjul; an entry past its deadline on the clock's day with returns missing is
/// marked `OVERDUE` and makes the exit code 1 (findings).
pub fn run(dir: &Path, args: &StatusArgs, clock: &Clock) -> Result<Outcome, Fatal> {
    let today = clock.today();
    let ws = load(dir)?;
    let rows = crate::status::progress(&ws, args.period).map_err(|e| Fatal::new(e.to_string()))?;
    if rows.is_empty() {
        return Err(Fatal::new(tx!(
            "status-not-in-arshjul",
            "period" => args.period.map(|p| p.to_string()).unwrap_or_default()
        ))
        .hint(tx!("status-not-in-arshjul-hint")));
    }
    let overdue_word = tx!("status-overdue");
    println!(
        "{:<10} {:<16} {:<10} {:<10} {:>8} {:>9}  {:<8} {}",
        tx!("status-col-period"),
        tx!("status-col-form"),
        tx!("status-col-sent"),
        tx!("status-col-deadline"),
        tx!("status-col-sent-out"),
        tx!("status-col-returned"),
        tx!("status-col-due"),
        tx!("status-col-forum")
    );
    for r in &rows {
        println!(
            "{:<10} {:<16} {:<10} {:<10} {:>8} {:>9}  {:<8} {}",
            r.period.to_string(),
            r.form.key(),
            r.sent.to_string(),
            r.deadline.to_string(),
            format!("{}/{}", r.generated, r.expected),
            format!("{}/{}", r.returned, r.expected),
            if r.overdue(today) {
                overdue_word.as_str()
            } else {
                ""
            },
            r.forum.as_deref().unwrap_or("")
        );
    }
    mail_lines(&ws, &rows);
    import_lines(&ws, args.period);
    let overdue: Vec<&crate::status::Progress> = rows.iter().filter(|r| r.overdue(today)).collect();
    if args.period.is_some() {
        for r in rows.iter().filter(|r| !r.missing.is_empty()) {
            println!(
                "\n{}",
                tx!(
                    "status-missing",
                    "form" => r.form.key(),
                    "period" => r.period.to_string(),
                    "list" => r.missing.join(", ")
                )
            );
        }
    }
    if overdue.is_empty() {
        return Ok(Outcome::Clean);
    }
    for r in &overdue {
        eprintln!(
            "{} {}",
            tx!("label-warning"),
            tx!(
                "status-overdue-warning",
                "form" => r.form.key(),
                "period" => r.period.to_string(),
                "deadline" => r.deadline.to_string(),
                "days" => i32::try_from(r.deadline.days_until(today)).unwrap_or(i32::MAX),
                "missing" => r.missing.len(),
                "expected" => r.expected
            )
        );
    }
    Ok(Outcome::Findings)
}

/// The imports in the store (`styr import`): source, period, values, files, when.
fn import_lines(ws: &crate::workspace::Workspace, only: Option<crate::domain::Period>) {
    use crate::analysis::store::Store;
    let Ok(store) = Store::load(&Store::path(&ws.path(&ws.config.folders.data))) else {
        return;
    };
    let imports: Vec<_> = store
        .imports()
        .into_iter()
        .filter(|i| only.is_none_or(|p| p == i.period))
        .collect();
    if imports.is_empty() {
        return;
    }
    println!("\n{}", tx!("status-imports"));
    for i in imports {
        println!(
            "{:<10} {:<26} {}  {}  {}",
            i.period.to_string(),
            format!("{} ({})", i.source, i.kind),
            tx!("status-import-values", "n" => format!("{:>5}", i.values)),
            i.imported_at,
            i.files.join(", ")
        );
    }
}

/// What the send logs say went out by e-mail (`styr send`, `styr remind`), when anything did.
fn mail_lines(ws: &crate::workspace::Workspace, rows: &[crate::status::Progress]) {
    let mut lines = Vec::new();
    for r in rows {
        let Ok(log) = crate::send::SendLog::load(&crate::send::SendLog::path(ws, r.period)) else {
            eprintln!(
                "{} {}",
                tx!("label-warning"),
                tx!("status-bad-send-log", "period" => r.period.to_string())
            );
            continue;
        };
        if let Some(s) = crate::send::log::summary(&log, r.form) {
            lines.push(format!(
                "{:<10} {:<16} {s}",
                r.period.to_string(),
                r.form.key()
            ));
        }
    }
    if !lines.is_empty() {
        println!("\n{}", tx!("status-mail"));
        for l in lines {
            println!("{l}");
        }
    }
}
