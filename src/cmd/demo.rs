//! `styr demo [--out DIR]`: the whole cycle on the example municipality in one command.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::cmd::{Fatal, Outcome};
use crate::collect::{self, Isolated};
use crate::domain::{FormKind, Period};
use crate::generate::{self, Selection};
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
    step(1, "init: the example workspace (Ekebo kommun, fictional)");
    if config.exists() {
        let sample = crate::sample::FILES
            .iter()
            .find(|(n, _)| *n == CONFIG_FILE)
            .map(|(_, t)| *t);
        if std::fs::read_to_string(&config).ok().as_deref() != sample {
            return Err(Fatal::new(format!(
                "{} holds a workspace that is not the demo's",
                out.display()
            ))
            .hint("styr demo never changes a real workspace: choose another folder with --out"));
        }
        println!("    reusing {}", out.display());
    } else {
        crate::sample::write_workspace(&out).map_err(|e| Fatal::new(e.to_string()))?;
        println!("    created {}", out.display());
    }
    let ws = Workspace::load(&out)?;
    let period = Period::parse(PERIOD).map_err(|e| Fatal::new(e.to_string()))?;

    step(
        2,
        "import: the ekonomisystem's huvudbok and the HR system's statistics for 2026-T1, Kolada for the kommun and its peers",
    );
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
            return Err(Fatal::new(format!(
                "the example's export does not import: {d}"
            )));
        }
        let units: std::collections::BTreeSet<&str> =
            r.values.iter().map(|v| v.unit.as_str()).collect();
        println!(
            "    {:<8} {:>4} values for {} units from {}",
            source,
            r.values.len(),
            units.len(),
            rel(&out, path)
        );
    }

    step(
        3,
        "generate: the workbooks units fill in (imported figures pre-filled)",
    );
    for (kind, p) in [
        (FormKind::Uppfoljning, PERIOD),
        (FormKind::Verksamhetsplan, PLAN),
        (FormKind::Malvarden, PLAN),
        (FormKind::Internkontroll, "2026-T2"),
    ] {
        let p = Period::parse(p).map_err(|e| Fatal::new(e.to_string()))?;
        let g = generate::generate_period(&ws, kind, p, &Selection::default())?;
        println!(
            "    {:<16} {:<10} {:>3} workbooks in {}",
            kind.key(),
            p.to_string(),
            g.workbooks.len(),
            rel(&out, &g.dir)
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
        "    {} e-mail drafts in {}",
        sent.done,
        rel(&out, &crate::send::draft_dir(&ws, period))
    );

    step(
        4,
        "the returns arrive: the 2026-T1 follow-ups (a few faulty, as returns are), the 2027 plans and target reviews",
    );
    let plan = Period::parse(PLAN).map_err(|e| Fatal::new(e.to_string()))?;
    for p in [PERIOD, PLAN] {
        let inbox = ws.path(&ws.config.folders.incoming).join(p);
        let n = crate::sample::write_returns(&inbox, p).map_err(|e| Fatal::new(e.to_string()))?;
        println!("    {n} files in {}", rel(&out, &inbox));
    }

    step(
        5,
        "collect: identify, validate every cell, register, store, corrections",
    );
    let exe = std::env::current_exe()
        .map_err(|e| Fatal::new(format!("cannot find the styr executable: {e}")))?;
    let pool = Isolated(
        WorkerPool::new(
            &exe,
            &[OsString::from("__read-worker")],
            2,
            WorkerLimits::default(),
        )
        .map_err(|e| Fatal::new(format!("cannot start the reader workers: {}", e.describe())))?,
    );
    // A fixed collection time: the demo gives the same files every run.
    let collect = |p: Period| {
        collect::collect_period(&ws, p, &[], &pool, 2, &|_| {}, "2026-05-12T08:00:00Z")
            .map_err(|e| Fatal::new(e.to_string()))
    };
    let c = collect(period)?;
    let findings: usize = c.batch.files.iter().map(|f| f.diagnostics.len()).sum();
    for r in c.batch.register.iter().filter(|r| r.status.is_finding()) {
        println!("    {:<17} {}", r.status.swedish(), r.name);
    }
    // Every finding at its cell, as `styr collect` prints it (without the hints).
    let prefix = format!("{}/", out.display());
    for d in c.batch.files.iter().flat_map(|f| &f.diagnostics) {
        let line = d.to_string();
        let first = line.lines().next().unwrap_or_default();
        println!("      {}", first.replace(&prefix, ""));
    }
    println!(
        "    {PERIOD}: {} files, {findings} findings; register {}",
        c.batch.files.len(),
        rel(&out, &c.register)
    );
    println!(
        "    {} correction workbooks in {}",
        c.corrections.len(),
        rel(&out, &out.join("utskick").join(PERIOD).join("rattelser"))
    );
    let (reminded, letters) = mail(
        crate::send::plan_remind(&ws, period, Some(FormKind::Uppfoljning), &sel)?,
        1_778_572_800, // 2026-05-12T08:00:00Z
    )?;
    println!(
        "    {} reminder drafts (styr remind): {}",
        reminded.done,
        letters
            .letters
            .iter()
            .map(|l| format!("{} ({})", l.recipient, l.reason.as_deref().unwrap_or("")))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let cp = collect(plan)?;
    println!(
        "    {PLAN}: {} files; register {}",
        cp.batch.files.len(),
        rel(&out, &cp.register)
    );

    step(6, "check: every outcome against its målvärde");
    let store =
        crate::analysis::store::Store::load(&c.store).map_err(|e| Fatal::new(e.to_string()))?;
    let result = crate::analysis::check::evaluate(&ws, &store, period)
        .map_err(|e| Fatal::new(e.to_string()))?;
    let counts = crate::analysis::check::StatusCounts::of(
        result.indicators.kommun.iter().map(|r| &r.status),
    );
    println!(
        "    kommunen: {} uppfyllda, {} delvis, {} ej uppfyllda, {} ej bedömda indikatorer",
        counts.uppfyllt, counts.delvis, counts.ej_uppfyllt, counts.ej_bedomt
    );

    step(
        7,
        "report: for KS and budgetutskottet (the tertial and the March månadsrapport), the plans, the target review, every unit",
    );
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
    println!("    {} unit feedback workbooks in {units_dir}", units.len());
    let exported = crate::report::export::export(
        &ws,
        crate::analysis::export::ExportFormat::Parquet,
        None,
        None,
    )
    .map_err(|e| Fatal::new(e.to_string()))?;
    println!(
        "    {} Parquet files for BI tools in {}",
        exported.len(),
        rel(&out, &ws.path(&ws.config.folders.reports).join("export"))
    );

    println!("\nDone. Look at:");
    println!(
        "    {}  Översikt first: the report for KS",
        rel(dir, &report)
    );
    println!(
        "    {}  the target review for budgetutskottet",
        rel(dir, &review)
    );
    println!(
        "    {}  the workbooks units fill in",
        rel(dir, &out.join("utskick"))
    );
    println!("    {}  the returns register", rel(dir, &c.register));
    println!(
        "    {}  every stored value with its source cell",
        rel(dir, &c.store)
    );
    println!(
        "Run `styr -C {} collect --period {PERIOD}` to see every finding.",
        rel(dir, &out)
    );
    Ok(Outcome::Clean)
}

fn rel(base: &Path, p: &Path) -> String {
    p.strip_prefix(base).unwrap_or(p).display().to_string()
}
