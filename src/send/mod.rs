//! E-mail to units: the send-out of the generated workbooks (`styr send`) and the reminders to
//! units whose return is missing or has errors (`styr remind`).
//!
//! A run plans one [`Letter`] per recipient and form, builds each as a MIME message
//! ([`message`]) and hands it to a [`Delivery`]: drafts (`.eml` files, the default) or an SMTP
//! server ([`smtp`]). Every delivered message is recorded in the period's send log ([`log`]),
//! which keeps a re-run from sending anything twice.

pub mod log;
pub mod message;
pub mod plan;
pub mod smtp;

use std::path::{Path, PathBuf};

use crate::domain::{FormKind, Period, Timestamp};

pub use log::{LogEntry, SendLog};
pub use plan::{Plan, Problem, plan_remind, plan_send};

/// Which kind of message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The send-out of a generated workbook.
    Utskick,
    /// A reminder to a unit whose return is missing or has errors.
    Paminnelse,
}

impl Kind {
    /// The key in the send log and in file names.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Utskick => "utskick",
            Kind::Paminnelse => "paminnelse",
        }
    }
}

/// A file attached to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// One message to one recipient, ready to be built.
#[derive(Debug, Clone)]
pub struct Letter {
    pub kind: Kind,
    pub form: FormKind,
    pub period: Period,
    /// The recipient's id (unit or förvaltning).
    pub recipient: String,
    /// The recipient's name and address as in `styr.toml`.
    pub name: String,
    pub email: String,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<Attachment>,
    /// Why the letter goes (for reminders: the register status, e.g. "saknas").
    pub reason: Option<String>,
}

impl Letter {
    /// The name of the draft file: `<form>-<period>-<id>.eml`, reminders prefixed `paminnelse-`.
    pub fn draft_name(&self) -> String {
        let base = format!("{}-{}-{}.eml", self.form.key(), self.period, self.recipient);
        match self.kind {
            Kind::Utskick => base,
            Kind::Paminnelse => format!("paminnelse-{base}"),
        }
    }
}

/// Where drafts of a period go: `<outgoing>/<period>/epost/`.
pub fn draft_dir(ws: &crate::workspace::Workspace, period: Period) -> PathBuf {
    crate::generate::outgoing_dir(ws, period).join("epost")
}

/// Where a message goes.
pub trait Delivery {
    /// `"utkast"` or `"smtp"`, as recorded in the send log.
    fn via(&self) -> &'static str;
    /// Delivers the built message `bytes` of `letter` to `to` (the bare address).
    ///
    /// # Errors
    /// Why it was not delivered, in one line.
    fn deliver(&mut self, letter: &Letter, to: &str, bytes: &[u8]) -> Result<String, String>;
}

/// Drafts: each message as an `.eml` file in a folder, written atomically.
#[derive(Debug)]
pub struct Drafts {
    pub dir: PathBuf,
}

impl Delivery for Drafts {
    fn via(&self) -> &'static str {
        "utkast"
    }

    fn deliver(&mut self, letter: &Letter, _to: &str, bytes: &[u8]) -> Result<String, String> {
        let path = self.dir.join(letter.draft_name());
        crate::fsx::write_atomic(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path.display().to_string())
    }
}

/// What became of one letter.
#[derive(Debug, Clone)]
pub enum Result1 {
    /// Delivered: where to (the draft file, or the address), and the message id.
    Done { to: String, message_id: String },
    /// Already sent by SMTP (in the send log) and not sent again.
    AlreadySent { at: String },
    /// Not delivered, and why.
    Failed { reason: String },
}

/// The outcome of a whole run.
#[derive(Debug, Default)]
pub struct RunReport {
    pub done: usize,
    pub already: usize,
    pub failed: usize,
}

/// Builds and delivers every letter of `plan`, recording each delivery in `log` (saved after
/// every message, so a run cut short keeps what went out). A failure for one recipient is
/// passed to `on_result` and the run goes on. Unless `again`, a letter already sent by SMTP
/// is not sent again.
///
/// # Errors
/// The send log cannot be written (then the run stops: sending without a record could send
/// twice).
#[allow(clippy::too_many_arguments)]
pub fn deliver_all(
    letters: &[Letter],
    from: &lettre::message::Mailbox,
    at: Timestamp,
    delivery: &mut dyn Delivery,
    log: &mut SendLog,
    log_path: &Path,
    again: bool,
    on_result: &mut dyn FnMut(&Letter, &Result1),
) -> Result<RunReport, String> {
    let mut report = RunReport::default();
    for l in letters {
        let result = deliver_one(l, from, at, delivery, log, again);
        match &result {
            Result1::Done { message_id, to } => {
                report.done += 1;
                log.record(LogEntry {
                    kind: l.kind.key().to_string(),
                    form: l.form.key().to_string(),
                    recipient: l.recipient.clone(),
                    to: to.clone(),
                    files: l.attachments.iter().map(|a| a.name.clone()).collect(),
                    message_id: message_id.clone(),
                    at: at.to_string(),
                    via: delivery.via().to_string(),
                    reason: l.reason.clone(),
                });
                log.save(log_path)
                    .map_err(|e| format!("{}: {e}", log_path.display()))?;
            }
            Result1::AlreadySent { .. } => report.already += 1,
            Result1::Failed { .. } => report.failed += 1,
        }
        on_result(l, &result);
    }
    Ok(report)
}

fn deliver_one(
    l: &Letter,
    from: &lettre::message::Mailbox,
    at: Timestamp,
    delivery: &mut dyn Delivery,
    log: &SendLog,
    again: bool,
) -> Result1 {
    if delivery.via() == "smtp"
        && !again
        && let Some(prev) = log.sent(l.kind, l.form, &l.recipient)
    {
        return Result1::AlreadySent {
            at: prev.at.clone(),
        };
    }
    let draft = delivery.via() == "utkast";
    let built = match message::build(l, from, at, draft) {
        Ok(b) => b,
        Err(reason) => return Result1::Failed { reason },
    };
    match delivery.deliver(l, &built.to, &built.bytes) {
        Ok(to) => Result1::Done {
            to,
            message_id: built.message_id,
        },
        Err(reason) => Result1::Failed { reason },
    }
}

/// Writes every letter of `plan` as a draft to the period's `epost/` folder at the moment
/// `at`, logged (what `styr demo` does; no network).
///
/// # Errors
/// No usable sender in `styr.toml`, or the send log cannot be read or written.
pub fn write_drafts(
    ws: &crate::workspace::Workspace,
    period: Period,
    plan: &Plan,
    at: Timestamp,
) -> Result<RunReport, String> {
    let c = &ws.config;
    let from = message::sender(
        c.sending.from.as_deref(),
        &c.kommun.name,
        &c.sending.contact,
    )?;
    let log_path = SendLog::path(ws, period);
    let mut log = SendLog::load(&log_path)?;
    let mut drafts = Drafts {
        dir: draft_dir(ws, period),
    };
    deliver_all(
        &plan.letters,
        &from,
        at,
        &mut drafts,
        &mut log,
        &log_path,
        false,
        &mut |_, _| {},
    )
}
