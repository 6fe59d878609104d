//! The send log of a period, `<data>/epost-<period>.json`: every message that went out (or was
//! written as a draft), to whom, with what, when and its message id.

use std::path::{Path, PathBuf};

use crate::domain::{FormKind, Period};
use crate::send::Kind;
use crate::workspace::Workspace;

/// One delivered message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LogEntry {
    /// `utskick` or `paminnelse`.
    pub kind: String,
    pub form: String,
    pub recipient: String,
    /// The address (SMTP) or the draft file.
    pub to: String,
    /// The names of the attached files.
    pub files: Vec<String>,
    pub message_id: String,
    /// When, from the run's clock (RFC 3339, UTC).
    pub at: String,
    /// `smtp` or `utkast`.
    pub via: String,
    /// For reminders: the register status that caused it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The log of one period.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SendLog {
    pub entries: Vec<LogEntry>,
}

impl SendLog {
    /// Where the log of `period` is kept.
    pub fn path(ws: &Workspace, period: Period) -> PathBuf {
        ws.path(&ws.config.folders.data)
            .join(format!("epost-{period}.json"))
    }

    /// Reads the log at `path`; none there is an empty log.
    ///
    /// # Errors
    /// The file exists but cannot be read or is not a send log.
    pub fn load(path: &Path) -> Result<Self, String> {
        match std::fs::read(path) {
            Ok(b) => serde_json::from_slice(&b).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// Writes the log atomically.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        crate::fsx::write_atomic(path, &bytes)
    }

    /// Adds `e`. A draft replaces the earlier draft of the same message (re-running draft mode
    /// changes nothing); a message sent by SMTP is always added.
    pub fn record(&mut self, e: LogEntry) {
        if e.via == "utkast"
            && let Some(old) = self.entries.iter_mut().find(|o| {
                o.via == "utkast"
                    && o.kind == e.kind
                    && o.form == e.form
                    && o.recipient == e.recipient
            })
        {
            *old = e;
            return;
        }
        self.entries.push(e);
    }

    /// The last SMTP delivery of this kind of message to `recipient`, if any.
    pub fn sent(&self, kind: Kind, form: FormKind, recipient: &str) -> Option<&LogEntry> {
        self.entries.iter().rev().find(|e| {
            e.via == "smtp"
                && e.kind == kind.key()
                && e.form == form.key()
                && e.recipient == recipient
        })
    }

    /// How many recipients of `form` got a message of `kind`, by `via`.
    pub fn count(&self, kind: Kind, form: FormKind, via: &str) -> usize {
        let mut who: Vec<&str> = self
            .entries
            .iter()
            .filter(|e| e.via == via && e.kind == kind.key() && e.form == form.key())
            .map(|e| e.recipient.as_str())
            .collect();
        who.sort_unstable();
        who.dedup();
        who.len()
    }

    /// The latest time of a message of `kind` for `form` by `via`.
    pub fn last(&self, kind: Kind, form: FormKind, via: &str) -> Option<&str> {
        self.entries
            .iter()
            .filter(|e| e.via == via && e.kind == kind.key() && e.form == form.key())
            .map(|e| e.at.as_str())
            .max()
    }
}

/// One line on what e-mail went out for `form`, e.g. "sent 45 (2026-04-27T08:00:00Z), reminded
/// 3 (2026-05-12T08:00:00Z), drafts 45"; `None` when nothing did.
pub fn summary(log: &SendLog, form: FormKind) -> Option<String> {
    let mut parts = Vec::new();
    for kind in [Kind::Utskick, Kind::Paminnelse] {
        let n = log.count(kind, form, "smtp");
        if n > 0 {
            let at = log.last(kind, form, "smtp").unwrap_or("");
            parts.push(match kind {
                Kind::Utskick => crate::tx!("send-log-sent", "n" => n, "at" => at),
                Kind::Paminnelse => crate::tx!("send-log-reminded", "n" => n, "at" => at),
            });
        }
    }
    for kind in [Kind::Utskick, Kind::Paminnelse] {
        let n = log.count(kind, form, "utkast");
        if n > 0 {
            parts.push(match kind {
                Kind::Utskick => crate::tx!("send-log-drafts", "n" => n),
                Kind::Paminnelse => crate::tx!("send-log-reminder-drafts", "n" => n),
            });
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(via: &str, recipient: &str, id: &str) -> LogEntry {
        LogEntry {
            kind: "utskick".into(),
            form: "uppfoljning".into(),
            recipient: recipient.into(),
            to: "a@b.se".into(),
            files: vec![],
            message_id: id.into(),
            at: "2026-04-27T08:00:00Z".into(),
            via: via.into(),
            reason: None,
        }
    }

    #[test]
    fn drafts_replace_smtp_adds() {
        let mut log = SendLog::default();
        log.record(entry("utkast", "a", "1"));
        log.record(entry("utkast", "a", "2"));
        assert_eq!(log.entries.len(), 1);
        assert!(
            log.sent(Kind::Utskick, FormKind::Uppfoljning, "a")
                .is_none()
        );
        log.record(entry("smtp", "a", "3"));
        log.record(entry("smtp", "a", "4"));
        assert_eq!(log.entries.len(), 3);
        assert_eq!(
            log.sent(Kind::Utskick, FormKind::Uppfoljning, "a")
                .map(|e| e.message_id.as_str()),
            Some("4")
        );
        assert_eq!(log.count(Kind::Utskick, FormKind::Uppfoljning, "smtp"), 1);
        assert!(
            log.sent(Kind::Paminnelse, FormKind::Uppfoljning, "a")
                .is_none()
        );
    }

    #[test]
    fn round_trips_through_a_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("epost-2026-T1.json");
        assert_eq!(SendLog::load(&p).unwrap(), SendLog::default());
        let mut log = SendLog::default();
        log.record(entry("smtp", "å", "<x@y>"));
        log.save(&p).unwrap();
        assert_eq!(SendLog::load(&p).unwrap(), log);
        std::fs::write(&p, "not json").unwrap();
        assert!(SendLog::load(&p).is_err());
    }
}
