//! `styr send --period P`: one e-mail per recipient with its workbook, as drafts (`.eml`) or
//! through the SMTP server of `styr.toml` (`--smtp`). Shared with `styr remind`.

use std::path::Path;

use crate::cmd::generate::{parse_kind, parse_period};
use crate::cmd::{Fatal, Outcome, load};
use crate::domain::{Clock, FormKind, Period};
use crate::generate::Selection;
use crate::send::{self, Delivery, Drafts, Kind, Plan, Result1, SendLog};
use crate::tx;
use crate::workspace::Workspace;

/// Arguments of `styr send` and `styr remind`.
#[derive(Debug, clap::Args)]
pub struct SendArgs {
    /// The period, e.g. 2026-T1.
    #[arg(long, value_parser = parse_period)]
    pub period: Period,
    /// Only this form (default: every form of the period with generated workbooks).
    #[arg(long, value_parser = parse_kind)]
    pub form: Option<FormKind>,
    /// Only these units (repeatable).
    #[arg(long = "unit", value_name = "ID")]
    pub units: Vec<String>,
    /// Only units of these förvaltningar (repeatable).
    #[arg(long = "forvaltning", value_name = "ID")]
    pub forvaltningar: Vec<String>,
    /// Submit to the SMTP server of [sending.smtp] instead of writing drafts.
    #[arg(long)]
    pub smtp: bool,
    /// Send again to recipients the send log says already got this message.
    #[arg(long)]
    pub again: bool,
}

impl From<send::plan::PlanError> for Fatal {
    fn from(e: send::plan::PlanError) -> Self {
        match e {
            send::plan::PlanError::Select(s) => crate::generate::PeriodError::Select(s).into(),
            e @ send::plan::PlanError::NothingGenerated(p, _) => Fatal::new(e.to_string())
                .hint(tx!("send-nothing-generated-hint", "period" => p.to_string())),
            e => Fatal::new(e.to_string()),
        }
    }
}

pub fn run(dir: &Path, args: &SendArgs, clock: &Clock) -> Result<Outcome, Fatal> {
    let ws = load(dir)?;
    let plan = send::plan_send(&ws, args.period, args.form, &selection(args))?;
    deliver(&ws, args, clock, &plan, Kind::Utskick)
}

/// Why a reminder goes, as the CLI shows it: the register status the letter records (its
/// Swedish label, the send log's key) in the language of the run.
pub(crate) fn reason_shown(reason: Option<&str>) -> String {
    match reason {
        Some(r) => crate::collect::RegisterStatus::from_swedish(r)
            .map_or_else(|| r.to_string(), crate::collect::RegisterStatus::label),
        None => String::new(),
    }
}

pub(crate) fn selection(args: &SendArgs) -> Selection {
    Selection {
        units: args.units.clone(),
        forvaltningar: args.forvaltningar.clone(),
    }
}

/// Delivers `plan` as drafts or by SMTP, prints what became of each letter, and the summary.
pub(crate) fn deliver(
    ws: &Workspace,
    args: &SendArgs,
    clock: &Clock,
    plan: &Plan,
    kind: Kind,
) -> Result<Outcome, Fatal> {
    let c = &ws.config;
    let from = send::message::sender(
        c.sending.from.as_deref(),
        &c.kommun.name,
        &c.sending.contact,
    )
    .map_err(|e| Fatal::new(e).hint(tx!("send-no-contact-hint")))?;
    let log_path = SendLog::path(ws, args.period);
    let mut log = SendLog::load(&log_path).map_err(Fatal::new)?;
    for p in &plan.problems {
        eprintln!(
            "{} {} {}: {}",
            tx!("label-error"),
            p.form.key(),
            p.recipient,
            p.reason
        );
    }
    let drafts_dir = send::draft_dir(ws, args.period);
    let mut drafts = Drafts {
        dir: drafts_dir.clone(),
    };
    let mut smtp;
    let (delivery, server): (&mut dyn Delivery, String) = if args.smtp {
        let cfg = c
            .sending
            .smtp
            .as_ref()
            .ok_or_else(|| Fatal::new(tx!("send-no-smtp")).hint(tx!("send-no-smtp-hint")))?;
        smtp = send::smtp::connect(cfg, from.email.clone(), &|k| std::env::var(k).ok())
            .map_err(Fatal::new)?;
        (&mut smtp, format!("{}:{}", cfg.host, cfg.port))
    } else {
        (&mut drafts, String::new())
    };
    let mut on_result = |l: &send::Letter, r: &Result1| match r {
        Result1::Done { to, .. } if args.smtp => println!(
            "{} {:<24} {:<32} {}",
            tx!("send-sent-word"),
            l.recipient,
            to,
            l.attachments
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Result1::Done { .. } | Result1::AlreadySent { .. } => {}
        Result1::Failed { reason } => eprintln!(
            "{} {} {} <{}>: {reason}",
            tx!("label-error"),
            l.form.key(),
            l.recipient,
            l.email
        ),
    };
    let report = send::deliver_all(
        &plan.letters,
        &from,
        clock.now(),
        delivery,
        &mut log,
        &log_path,
        args.again,
        &mut on_result,
    )
    .map_err(|e| Fatal::new(tx!("send-log-unwritable", "error" => e)))?;
    let total = plan.letters.len() + plan.problems.len();
    let failed = report.failed + plan.problems.len();
    let reminders = match kind {
        Kind::Utskick => "no",
        Kind::Paminnelse => "yes",
    };
    if args.smtp {
        println!(
            "{}",
            tx!(
                "send-summary-smtp",
                "done" => report.done,
                "total" => total,
                "reminders" => reminders,
                "server" => server,
                "failed" => failed
            )
        );
        if report.already > 0 {
            println!("{}", tx!("send-already", "n" => report.already));
        }
    } else {
        println!(
            "{}",
            tx!(
                "send-summary-drafts",
                "done" => report.done,
                "total" => total,
                "reminders" => reminders,
                "dir" => drafts_dir.display().to_string(),
                "failed" => failed
            )
        );
    }
    println!(
        "{}",
        tx!("send-log-path", "path" => log_path.display().to_string())
    );
    if report.failed > 0 || !plan.problems.is_empty() {
        Ok(Outcome::Findings)
    } else {
        Ok(Outcome::Clean)
    }
}
