//! `styr import <source> [FILE...] --period P`: numbers from the systems into the store.

use std::path::{Path, PathBuf};

use crate::cmd::generate::parse_period;
use crate::cmd::{Fatal, Outcome, load};
use crate::domain::{Clock, Period};
use crate::import::{self, ImportError};
use crate::tx;
use crate::workspace::Workspace;

/// Arguments of `styr import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The source, as declared by `[[source]] id` in styr.toml.
    pub source: String,
    /// The exported files (default: the files matching the source's `pattern`).
    pub files: Vec<PathBuf>,
    /// The follow-up period the values are for, e.g. 2026-T1 (Kolada: only this year; default
    /// every year in the files).
    #[arg(long, value_parser = parse_period)]
    pub period: Option<Period>,
}

/// The files matching a pattern relative to the workspace: `system/huvudbok-*.csv` (`*` and
/// `?` in the file name only), sorted.
pub fn matching(ws: &Workspace, pattern: &str) -> Vec<PathBuf> {
    let p = Path::new(pattern);
    let dir = ws.path(p.parent().unwrap_or(Path::new("")));
    let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_file())
        .filter(|e| e.file_name().to_str().is_some_and(|f| glob(name, f)))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    fn go(p: &[char], n: &[char]) -> bool {
        match (p.first(), n.first()) {
            (None, None) => true,
            (Some('*'), _) => go(&p[1..], n) || (!n.is_empty() && go(p, &n[1..])),
            (Some('?'), Some(_)) => go(&p[1..], &n[1..]),
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => go(&p[1..], &n[1..]),
            _ => false,
        }
    }
    go(&p, &n)
}

pub fn run(dir: &Path, args: &ImportArgs, clock: &Clock) -> Result<Outcome, Fatal> {
    let ws = load(dir)?;
    if args.source == import::kolada::SOURCE && ws.sources.get(&args.source).is_none() {
        return kolada(dir, &ws, args, clock);
    }
    let period = args
        .period
        .ok_or_else(|| Fatal::new(tx!("import-no-period")).hint(tx!("import-no-period-hint")))?;
    let files: Vec<PathBuf> = if args.files.is_empty() {
        let pattern = ws
            .sources
            .get(&args.source)
            .and_then(|s| s.pattern.clone())
            .unwrap_or_default();
        let found = if pattern.is_empty() {
            Vec::new()
        } else {
            matching(&ws, &pattern)
        };
        if found.is_empty() && ws.sources.get(&args.source).is_some() {
            return Err(Fatal::new(if pattern.is_empty() {
                tx!("import-no-file", "source" => &args.source)
            } else {
                tx!("import-no-match", "source" => &args.source, "pattern" => &pattern)
            })
            .hint(tx!("import-no-file-hint")));
        }
        found
    } else {
        args.files.iter().map(|f| dir.join(f)).collect()
    };
    let report = import::import(&ws, &args.source, &files, period, &clock.now().to_string())
        .map_err(|e| match e {
            ImportError::UnknownSource(id, known) => {
                Fatal::new(tx!("import-unknown-source", "id" => id)).hint(if known.is_empty() {
                    tx!("import-unknown-source-hint")
                } else {
                    tx!("import-sources", "list" => known.join(", "))
                })
            }
            other => Fatal::new(other.to_string()),
        })?;
    for d in &report.diagnostics {
        println!("{d}");
    }
    for f in &report.files {
        println!(
            "{}",
            tx!(
                "import-file",
                "file" => &f.file,
                "rows" => f.rows,
                "used" => f.rows_used,
                "period" => period.to_string()
            )
        );
    }
    let errors = report.errors();
    if errors > 0 {
        println!(
            "{}",
            tx!(
                "import-errors",
                "n" => errors,
                "source" => &args.source,
                "period" => period.to_string()
            )
        );
        return Ok(Outcome::Findings);
    }
    let units: std::collections::BTreeSet<&str> =
        report.values.iter().map(|v| v.unit.as_str()).collect();
    println!(
        "{}",
        tx!(
            "import-done",
            "values" => report.values.len(),
            "units" => units.len(),
            "source" => &args.source,
            "period" => period.to_string(),
            "changed" => if report.changed { "yes" } else { "no" }
        )
    );
    Ok(if report.diagnostics.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// `styr import kolada FILE... [--period YEAR]`.
fn kolada(dir: &Path, ws: &Workspace, args: &ImportArgs, clock: &Clock) -> Result<Outcome, Fatal> {
    if args.files.is_empty() {
        return Err(
            Fatal::new(tx!("import-no-kolada-file")).hint(tx!("import-no-kolada-file-hint"))
        );
    }
    let files: Vec<PathBuf> = args.files.iter().map(|f| dir.join(f)).collect();
    let report = import::import_kolada(ws, &files, args.period, &clock.now().to_string())
        .map_err(|e| Fatal::new(e.to_string()))?;
    for d in &report.diagnostics {
        println!("{d}");
    }
    for f in &report.files {
        println!(
            "{}",
            tx!("import-kolada-file", "file" => &f.file, "rows" => f.rows, "used" => f.rows_used)
        );
    }
    if report.errors() > 0 {
        println!("{}", tx!("import-kolada-errors", "n" => report.errors()));
        return Ok(Outcome::Findings);
    }
    println!(
        "{}",
        tx!(
            "import-kolada-done",
            "values" => report.values.len(),
            "changed" => if report.changed { "yes" } else { "no" }
        )
    );
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_patterns() {
        assert!(super::glob("huvudbok-*.csv", "huvudbok-2026.csv"));
        assert!(super::glob("huvudbok-*.csv", "HUVUDBOK-.CSV"));
        assert!(!super::glob("huvudbok-*.csv", "huvudbok-2026.csv.bak"));
        assert!(super::glob("hr-????.xlsx", "hr-2026.xlsx"));
    }
}
