//! Who gets which message: the send-out of the workbooks `styr generate` wrote, and the
//! reminders to recipients whose return is missing or has errors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::analysis::store::Store;
use crate::collect::batch::RegisterStatus;
use crate::domain::{FormKind, Period};
use crate::generate::{self, GenerateError, Recipient, Selection};
use crate::send::{Attachment, Kind, Letter};
use crate::workspace::Workspace;
use crate::workspace::mail::MailText;

/// A recipient that gets no letter, and why (a finding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub form: FormKind,
    pub recipient: String,
    pub reason: String,
}

/// The letters of a run and the recipients that cannot get one.
#[derive(Debug, Default)]
pub struct Plan {
    pub letters: Vec<Letter>,
    pub problems: Vec<Problem>,
    /// Forms of the period considered.
    pub forms: Vec<FormKind>,
}

/// Why no plan can be made.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error(transparent)]
    Select(#[from] GenerateError),
    #[error("{}", nothing_generated(*.0, .1))]
    NothingGenerated(Period, String),
    #[error("{0}")]
    Store(#[from] crate::analysis::store::StoreError),
}

fn nothing_generated(period: Period, dir: &str) -> String {
    crate::tx!("send-nothing-generated", "period" => period.to_string(), "dir" => dir)
}

/// The forms of `period` to consider: `only`, else every form sent for the period whose
/// workbooks `styr generate` wrote for at least one of its recipients.
fn forms_of(ws: &Workspace, period: Period, only: Option<FormKind>) -> Vec<FormKind> {
    let dir = generate::outgoing_dir(ws, period);
    FormKind::ALL
        .iter()
        .copied()
        .filter(|k| only.is_none_or(|o| o == *k))
        .filter(|k| {
            ws.forms
                .current(*k)
                .is_some_and(|def| generate::check_period(def, period).is_ok())
        })
        .filter(|k| {
            only.is_some()
                || ws
                    .expected_recipients(*k)
                    .iter()
                    .any(|id| dir.join(generate::file_name(*k, period, id)).is_file())
        })
        .collect()
}

fn values(
    ws: &Workspace,
    form: FormKind,
    period: Period,
    r: &Recipient<'_>,
) -> BTreeMap<&'static str, String> {
    let title = ws
        .forms
        .current(form)
        .map_or_else(|| form.swedish().to_string(), |d| d.title.clone());
    let deadline = ws
        .config
        .deadline(form, period)
        .map_or_else(|| crate::tx!("mail-asap"), |d| d.deadline.to_string());
    BTreeMap::from([
        ("enhet", r.name().to_string()),
        ("chef", r.chef().to_string()),
        ("period", period.shown()),
        ("deadline", deadline),
        ("contact", ws.config.sending.contact.clone()),
        ("form", title),
        ("kommun", ws.config.kommun.name.clone()),
    ])
}

fn letter(
    ws: &Workspace,
    kind: Kind,
    form: FormKind,
    period: Period,
    r: &Recipient<'_>,
    text: &MailText,
    attachments: Vec<Attachment>,
) -> Letter {
    let v = values(ws, form, period, r);
    Letter {
        kind,
        form,
        period,
        recipient: r.id().to_string(),
        name: r.name().to_string(),
        email: r.email().trim().to_string(),
        // A subject is one line, whatever the template holds.
        subject: crate::workspace::mail::in_surface_language(&text.subject)
            .render(&v)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        body: crate::workspace::mail::in_surface_language(&text.body).render(&v),
        attachments,
        reason: None,
    }
}

fn attach(path: &Path) -> Result<Attachment, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Attachment { name, bytes })
}

/// One send-out letter per recipient of `sel` and form of `period`, with the workbook
/// `styr generate` wrote for it attached.
///
/// # Errors
/// [`PlanError`] for an unknown id in the selection, or when no workbook of the period exists.
pub fn plan_send(
    ws: &Workspace,
    period: Period,
    only: Option<FormKind>,
    sel: &Selection,
) -> Result<Plan, PlanError> {
    let dir = generate::outgoing_dir(ws, period);
    let forms = forms_of(ws, period, only);
    let mut plan = Plan {
        forms: forms.clone(),
        ..Plan::default()
    };
    for form in forms {
        let Some(def) = ws.forms.current(form) else {
            continue;
        };
        for r in generate::recipients(ws, def, sel)? {
            let path = dir.join(generate::file_name(form, period, r.id()));
            if !path.is_file() {
                plan.problems.push(Problem {
                    form,
                    recipient: r.id().to_string(),
                    reason: crate::tx!(
                        "send-no-workbook",
                        "file" => path.display().to_string(),
                        "form" => form.key(),
                        "period" => period.to_string()
                    ),
                });
                continue;
            }
            match attach(&path) {
                Ok(a) => plan.letters.push(letter(
                    ws,
                    Kind::Utskick,
                    form,
                    period,
                    &r,
                    &ws.config.sending.mail.send,
                    vec![a],
                )),
                Err(reason) => plan.problems.push(Problem {
                    form,
                    recipient: r.id().to_string(),
                    reason,
                }),
            }
        }
    }
    if plan.letters.is_empty() && plan.problems.is_empty() {
        return Err(PlanError::NothingGenerated(
            period,
            dir.display().to_string(),
        ));
    }
    Ok(plan)
}

/// For each recipient of `form`: its register status if the period was collected (the
/// register `collect` keeps), else `saknas` for everyone without values in the store.
fn statuses(
    ws: &Workspace,
    store: &Store,
    form: FormKind,
    period: Period,
) -> BTreeMap<String, RegisterStatus> {
    let register = crate::collect::load_register(ws, period);
    let of_form: Vec<_> = register
        .iter()
        .filter(|e| e.form.as_deref() == Some(form.key()))
        .collect();
    let mut out = BTreeMap::new();
    if of_form.is_empty() {
        let stored: BTreeSet<&str> = store.of(period, form).map(|v| v.unit.as_str()).collect();
        for id in ws.expected_recipients(form) {
            let s = if stored.contains(id.as_str()) {
                RegisterStatus::Inkommen
            } else {
                RegisterStatus::Saknas
            };
            out.insert(id, s);
        }
        return out;
    }
    for e in of_form {
        let Some(id) = &e.recipient else { continue };
        // The recipient's own row; the rows of files (fel period, dubblett, ersatt av nyare...)
        // say nothing about whether the recipient's return is in.
        let s = [
            RegisterStatus::Inkommen,
            RegisterStatus::Sen,
            RegisterStatus::InkommenMedFel,
            RegisterStatus::Saknas,
        ]
        .into_iter()
        .find(|s| e.status == *s);
        if let Some(s) = s {
            out.insert(id.clone(), s);
        }
    }
    out
}

/// One reminder per recipient of `sel` whose return of a form sent for `period` is missing
/// (`saknas`) or has errors (`inkommen med fel`). A missing return gets its workbook again;
/// one with errors gets its correction workbook (`<outgoing>/<period>/rattelser/`).
///
/// # Errors
/// [`PlanError`] for an unknown id, an unreadable store, or when nothing was sent out.
pub fn plan_remind(
    ws: &Workspace,
    period: Period,
    only: Option<FormKind>,
    sel: &Selection,
) -> Result<Plan, PlanError> {
    let dir = generate::outgoing_dir(ws, period);
    let forms = forms_of(ws, period, only);
    if forms.is_empty() {
        return Err(PlanError::NothingGenerated(
            period,
            dir.display().to_string(),
        ));
    }
    let store = Store::load(&Store::path(&ws.path(&ws.config.folders.data)))?;
    let mut plan = Plan {
        forms: forms.clone(),
        ..Plan::default()
    };
    for form in forms {
        let Some(def) = ws.forms.current(form) else {
            continue;
        };
        let status = statuses(ws, &store, form, period);
        for r in generate::recipients(ws, def, sel)? {
            let s = status
                .get(r.id())
                .copied()
                .unwrap_or(RegisterStatus::Saknas);
            let name = generate::file_name(form, period, r.id());
            let path = match s {
                RegisterStatus::Saknas => dir.join(&name),
                RegisterStatus::InkommenMedFel => dir
                    .join("rattelser")
                    .join(crate::collect::correction_name(form, period, r.id())),
                _ => continue,
            };
            match attach(&path) {
                Ok(a) => {
                    let mut l = letter(
                        ws,
                        Kind::Paminnelse,
                        form,
                        period,
                        &r,
                        &ws.config.sending.mail.remind,
                        vec![a],
                    );
                    l.reason = Some(s.swedish().to_string());
                    plan.letters.push(l);
                }
                Err(reason) => plan.problems.push(Problem {
                    form,
                    recipient: r.id().to_string(),
                    reason: crate::tx!("send-remind-problem", "status" => s.label(), "reason" => reason),
                }),
            }
        }
    }
    Ok(plan)
}
