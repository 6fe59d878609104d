//! The årshjul at a glance: what is due when, what went out, what came back.

use std::collections::BTreeSet;

use crate::analysis::store::{Store, StoreError};
use crate::domain::{Date, FormKind, Period};
use crate::generate;
use crate::workspace::Workspace;

/// One årshjul entry and how far it has come.
#[derive(Debug, Clone)]
pub struct Progress {
    pub period: Period,
    pub form: FormKind,
    pub sent: Date,
    pub deadline: Date,
    pub forum: Option<String>,
    /// Recipients the form goes to.
    pub expected: usize,
    /// Workbooks found in the outgoing folder.
    pub generated: usize,
    /// Recipients whose return is in the store.
    pub returned: usize,
    /// Recipients without a stored return.
    pub missing: Vec<String>,
}

impl Progress {
    /// Past its deadline on `today` with returns still missing.
    pub fn overdue(&self, today: Date) -> bool {
        today > self.deadline && !self.missing.is_empty()
    }
}

/// The progress of every årshjul entry (or of one period), in date order.
///
/// # Errors
/// [`StoreError`] when the store cannot be read.
pub fn progress(ws: &Workspace, only: Option<Period>) -> Result<Vec<Progress>, StoreError> {
    let store = Store::load(&Store::path(&ws.path(&ws.config.folders.data)))?;
    let mut out = Vec::new();
    let mut entries: Vec<_> = ws
        .config
        .arshjul
        .iter()
        .filter(|d| only.is_none_or(|p| p == d.period))
        .collect();
    entries.sort_by_key(|d| (d.deadline, d.period, d.form));
    for d in entries {
        let expected = ws.expected_recipients(d.form);
        let dir = generate::outgoing_dir(ws, d.period);
        let generated = expected
            .iter()
            .filter(|id| {
                dir.join(generate::file_name(d.form, d.period, id))
                    .is_file()
            })
            .count();
        let stored: BTreeSet<&str> = store
            .of(d.period, d.form)
            .map(|v| v.unit.as_str())
            .collect();
        let missing: Vec<String> = expected
            .iter()
            .filter(|id| !stored.contains(id.as_str()))
            .cloned()
            .collect();
        out.push(Progress {
            period: d.period,
            form: d.form,
            sent: d.sent,
            deadline: d.deadline,
            forum: d.forum.clone(),
            expected: expected.len(),
            generated,
            returned: expected.len() - missing.len(),
            missing,
        });
    }
    Ok(out)
}
