//! `styr demo [--out DIR]`: the whole cycle on the example municipality in one command.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::cmd::{Fatal, Outcome};
use crate::collect::{self, Isolated};
use crate::domain::{FormKind, Period};
use crate::generate::{self, Selection};
use crate::tx;
use crate::workspace::{CONFIG_FILE, Workspace};
use crate::xlsx_read::guard::{WorkerLimits, WorkerPool};

/// Arguments of `styr demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Where to build the example workspace (created; an earlier demo there is reused).
    #[arg(long, default_value = "styr-demo")]
    pub out: PathBuf,
}

/// The follow-up period the example's returns belong to.
const PERIOD: &str = "2026-T1";
/// A month of the årshjul: its månadsrapport to KS is written too (no returns are collected
/// for it, so it shows the economy's place and says why each chart is missing).
const MONTH: &str = "2026-03";
/// The planning period of the example's plans and target reviews.
const PLAN: &str = "2027-plan";

fn step(n: usize, text: &str) {
    println!("\n[{n}] {text}");
}

pub fn run(dir: &Path, args: &DemoArgs) -> Result<Outcome, Fatal> {
    let out = dir.join(&args.out);
    let config = out.join(CONFIG_FILE);
    step(1, &tx!("demo-step-init"));
    if config.exists() {
        let sample = crate::sample::FILES
            .iter()
            .find(|(n, _)| *n == CONFIG_FILE)
            .map(|(_, t)| *t);
        if std::fs::read_to_string(&config).ok().as_deref() != sample {
            return Err(
                Fatal::new(tx!("demo-not-demo", "dir" => out.display().to_string()))
                    .hint(tx!("demo-not-demo-hint")),
            );
        }
        println!(
            "    {}",
            tx!("demo-reusing", "dir" => out.display().to_string())
        );
    } else {
        crate::sample::write_workspace(&out).map_err(|e| Fatal::new(e.to_string()))?;
        println!(
            "    {}",
            tx!("demo-created", "dir" => out.display().to_string())
        );
    }
    let ws = Workspace::load(&out)?;
    let period = Period::parse(PERIOD).map_err(|e| Fatal::new(e.to_string()))?;

    step(2, &tx!("demo-step-import", "period" => PERIOD));
    let exports = crate::sample::write_exports(&out.join(crate::sample::EXPORTS_DIR))
        .map_err(|e| Fatal::new(e.to_string()))?;
    for (source, path) in &exports {
        // The export's own date: the demo gives the same store every run.
        let files = std::slice::from_ref(path);
        let at = "2026-05-05T06:00:00Z";
        let r = if *source == crate::import::kolada::SOURCE {
            crate::import::import_kolada(&ws, files, None, at)
        } else {
            crate::import::import(&ws, source, files, period, at)
        }
        .map_err(|e| Fatal::new(e.to_string()))?;
        if let Some(d) = r.diagnostics.first() {
            return Err(Fatal::new(
                tx!("demo-export-fails", "finding" => d.to_string()),
            ));
        }
        let units: std::collections::BTreeSet<&str> =
            r.values.iter().map(|v| v.unit.as_str()).collect();
        println!(
            "    {:<8} {}",
            source,
            tx!(
                "demo-imported",
                "values" => format!("{:>4}", r.values.len()),
                "units" => units.len(),
                "file" => rel(&out, path)
            )
        );
    }

    step(3, &tx!("demo-step-generate"));
    for (kind, p) in [
        (FormKind::Uppfoljning, PERIOD),
        (FormKind::Verksamhetsplan, PLAN),
        (FormKind::Malvarden, PLAN),
        (FormKind::Internkontroll, "2026-T2"),
    ] {
        let p = Period::parse(p).map_err(|e| Fatal::new(e.to_string()))?;
        let g = generate::generate_period(&ws, kind, p, &Selection::default())?;
        println!(
            "    {:<16} {:<10} {}",
            kind.key(),
            p.to_string(),
            tx!(
                "demo-generated",
                "n" => format!("{:>3}", g.workbooks.len()),
                "dir" => rel(&out, &g.dir)
            )
        );
    }

    // E-mail drafts of the send-out, dated the årshjul's send-out day; no network.
    let sel = Selection::default();
    let mail = |plan: crate::send::plan::Plan, at: i64| {
        crate::send::write_drafts(&ws, period, &plan, crate::domain::Timestamp::from_unix(at))
            .map(|r| (r, plan))
            .map_err(Fatal::new)
    };
    let (sent, _) = mail(
        crate::send::plan_send(&ws, period, Some(FormKind::Uppfoljning), &sel)?,
        1_777_276_800, // 2026-04-27T08:00:00Z
    )?;
    println!(
        "    {}",
        tx!(
            "demo-drafts",
            "n" => sent.done,
            "dir" => rel(&out, &crate::send::draft_dir(&ws, period))
        )
    );

    step(
        4,
        &tx!("demo-step-returns", "period" => PERIOD, "plan" => PLAN),
    );
    let plan = Period::parse(PLAN).map_err(|e| Fatal::new(e.to_string()))?;
    for p in [PERIOD, PLAN] {
        let inbox = ws.path(&ws.config.folders.incoming).join(p);
        let n = crate::sample::write_returns(&inbox, p).map_err(|e| Fatal::new(e.to_string()))?;
        println!(
            "    {}",
            tx!("demo-returns", "n" => n, "dir" => rel(&out, &inbox))
        );
    }

    step(5, &tx!("demo-step-collect"));
    let exe = std::env::current_exe()
        .map_err(|e| Fatal::new(tx!("cli-no-executable", "error" => e.to_string())))?;
    let pool = Isolated(
        WorkerPool::new(
            &exe,
            &[OsString::from("__read-worker")],
            2,
            WorkerLimits::default(),
        )
        .map_err(|e| Fatal::new(tx!("cli-no-workers", "error" => e.describe())))?,
    );
    // A fixed collection time: the demo gives the same files every run.
    let collect = |p: Period| {
        collect::collect_period(&ws, p, &[], &pool, 2, &|_| {}, "2026-05-12T08:00:00Z")
            .map_err(|e| Fatal::new(e.to_string()))
    };
    let c = collect(period)?;
    let findings: usize = c.batch.files.iter().map(|f| f.diagnostics.len()).sum();
    let findings_rows: Vec<_> = c
        .batch
        .register
        .iter()
        .filter(|r| r.status.is_finding())
        .map(|r| (r.status.label(), &r.name))
        .collect();
    let w = findings_rows
        .iter()
        .map(|(s, _)| s.chars().count())
        .fold(17, usize::max);
    for (status, name) in findings_rows {
        println!("    {status:<w$} {name}");
    }
    // Every finding at its cell, as `styr collect` prints it (without the hints).
    let prefix = format!("{}/", out.display());
    for d in c.batch.files.iter().flat_map(|f| &f.diagnostics) {
        let line = d.to_string();
        let first = line.lines().next().unwrap_or_default();
        println!("      {}", first.replace(&prefix, ""));
    }
    println!(
        "    {}",
        tx!(
            "demo-collected",
            "period" => PERIOD,
            "files" => c.batch.files.len(),
            "findings" => findings,
            "register" => rel(&out, &c.register)
        )
    );
    println!(
        "    {}",
        tx!(
            "collect-corrections",
            "n" => c.corrections.len(),
            "dir" => rel(&out, &out.join("utskick").join(PERIOD).join("rattelser"))
        )
    );
    let (reminded, letters) = mail(
        crate::send::plan_remind(&ws, period, Some(FormKind::Uppfoljning), &sel)?,
        1_778_572_800, // 2026-05-12T08:00:00Z
    )?;
    println!(
        "    {}",
        tx!(
            "demo-reminders",
            "n" => reminded.done,
            "list" => letters
                .letters
                .iter()
                .map(|l| format!("{} ({})", l.recipient, crate::cmd::send::reason_shown(l.reason.as_deref())))
                .collect::<Vec<_>>()
                .join(", ")
        )
    );
    let cp = collect(plan)?;
    println!(
        "    {}",
        tx!(
            "demo-collected-plan",
            "period" => PLAN,
            "files" => cp.batch.files.len(),
            "register" => rel(&out, &cp.register)
        )
    );

    step(6, &tx!("demo-step-check"));
    let store =
        crate::analysis::store::Store::load(&c.store).map_err(|e| Fatal::new(e.to_string()))?;
    let result = crate::analysis::check::evaluate(&ws, &store, period)
        .map_err(|e| Fatal::new(e.to_string()))?;
    let counts = crate::analysis::check::StatusCounts::of(
        result.indicators.kommun.iter().map(|r| &r.status),
    );
    println!(
        "    {}",
        tx!(
            "demo-checked",
            "met" => counts.uppfyllt,
            "partly" => counts.delvis,
            "missed" => counts.ej_uppfyllt,
            "unjudged" => counts.ej_bedomt
        )
    );

    step(7, &tx!("demo-step-report"));
    let fail = |e: crate::report::ReportError| Fatal::new(e.to_string());
    let report = crate::report::write_uppfoljning(&ws, period, None).map_err(fail)?;
    println!("    {}", rel(&out, &report));
    let month = Period::parse(MONTH).map_err(|e| Fatal::new(e.to_string()))?;
    let monthly = crate::report::write_uppfoljning(&ws, month, None).map_err(fail)?;
    println!("    {}", rel(&out, &monthly));
    let plans = crate::report::verksamhetsplan::write(&ws, plan, None).map_err(fail)?;
    println!("    {}", rel(&out, &plans));
    let review = crate::report::malforslag::write(&ws, plan, None).map_err(fail)?;
    println!("    {}", rel(&out, &review));
    let units = crate::report::enhet::write(&ws, period, &[], None).map_err(fail)?;
    let units_dir = units
        .first()
        .and_then(|p| p.parent())
        .map(|p| rel(&out, p))
        .unwrap_or_default();
    println!(
        "    {}",
        tx!("demo-unit-reports", "n" => units.len(), "dir" => units_dir)
    );
    let exported = crate::report::export::export(
        &ws,
        crate::analysis::export::ExportFormat::Parquet,
        None,
        None,
    )
    .map_err(|e| Fatal::new(e.to_string()))?;
    println!(
        "    {}",
        tx!(
            "demo-exported",
            "n" => exported.len(),
            "dir" => rel(&out, &ws.path(&ws.config.folders.reports).join("export"))
        )
    );

    println!("\n{}", tx!("demo-done"));
    for (path, what) in [
        (rel(dir, &report), tx!("demo-look-report")),
        (rel(dir, &review), tx!("demo-look-review")),
        (rel(dir, &out.join("utskick")), tx!("demo-look-outgoing")),
        (rel(dir, &c.register), tx!("demo-look-register")),
        (rel(dir, &c.store), tx!("demo-look-store")),
    ] {
        println!("    {path}  {what}");
    }
    println!(
        "{}",
        tx!("demo-see-all", "dir" => rel(dir, &out), "period" => PERIOD)
    );
    Ok(Outcome::Clean)
}

fn rel(base: &Path, p: &Path) -> String {
    p.strip_prefix(base).unwrap_or(p).display().to_string()
}
