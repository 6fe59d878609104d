//! `styr remind --period P`: one reminder to every recipient whose return is missing or has
//! errors, with its workbook or its correction workbook; drafts or `--smtp` as `styr send`.

use std::path::Path;

use crate::cmd::send::{SendArgs, deliver, selection};
use crate::cmd::{Fatal, Outcome, load};
use crate::domain::Clock;
use crate::send::{self, Kind};

pub fn run(dir: &Path, args: &SendArgs, clock: &Clock) -> Result<Outcome, Fatal> {
    let ws = load(dir)?;
    let plan = send::plan_remind(&ws, args.period, args.form, &selection(args))?;
    if plan.letters.is_empty() && plan.problems.is_empty() {
        println!(
            "{}",
            crate::tx!("remind-nobody", "period" => args.period.to_string())
        );
        return Ok(Outcome::Clean);
    }
    for l in &plan.letters {
        println!(
            "{} {} {:<24} {}",
            crate::tx!("remind-word"),
            l.form.key(),
            l.recipient,
            crate::cmd::send::reason_shown(l.reason.as_deref())
        );
    }
    deliver(&ws, args, clock, &plan, Kind::Paminnelse)
}
