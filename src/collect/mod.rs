//! Collecting returned workbooks: identify each file, read and validate every input, decide
//! which return counts, and store what is valid.

pub mod account;
pub mod batch;
pub mod eml;
pub mod identify;
pub mod msg;
pub mod plausible;
pub mod read;
pub mod reader;
pub mod value;

pub use batch::{
    Batch, Contenders, FileReport, FileStatus, RegisterRow, RegisterStatus, examine, list_files,
    precedence, register,
};
pub use identify::{Identity, identify};
pub use read::{FormRead, ReadValue, read_form};
pub use reader::{InProcess, Isolated, RawReader, handle_request};

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::analysis::store::{Store, StoreError, StoredValue};
use crate::domain::{Period, Value};
use crate::generate::{self as generation, Recipient};
use crate::tx;
use crate::workspace::Workspace;
use crate::xlsx_write::{Cell, ListSheet};

/// Examines every file, `threads` at a time, then builds the register. `progress` is called
/// once per file done.
pub fn collect_batch(
    ws: &Workspace,
    period: Period,
    files: &[PathBuf],
    reader: &dyn RawReader,
    threads: usize,
    progress: &(dyn Fn() + Sync),
) -> Batch {
    let shown = |p: &Path| -> PathBuf {
        p.strip_prefix(&ws.root)
            .map_or_else(|_| p.to_path_buf(), Path::to_path_buf)
    };
    let next = AtomicUsize::new(0);
    // The reports so far, and the files that can still count: the values of any other file
    // are dropped as soon as it is read, so memory follows the units, not the files.
    let results: Mutex<(Vec<Option<FileReport>>, Contenders)> =
        Mutex::new((vec![None; files.len()], Contenders::default()));
    std::thread::scope(|s| {
        for _ in 0..threads.max(1).min(files.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let rep = examine(ws, period, path, &shown(path), reader);
                    if let Ok(mut guard) = results.lock() {
                        let (reports, contenders) = &mut *guard;
                        reports[i] = Some(rep);
                        contenders.admit(reports, i);
                    }
                    progress();
                }
            });
        }
    });
    let files: Vec<FileReport> = results
        .into_inner()
        .map(|(reports, _)| reports)
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect();
    let register = register(ws, period, &files);
    Batch {
        period,
        files,
        register,
    }
}

fn to_stored(v: &ReadValue, f: &FileReport, id: &Identity, collected_at: &str) -> StoredValue {
    let preliminary = f.status == FileStatus::Errors;
    let (number, text) = match &v.value {
        Value::Number(n) => (Some(*n), None),
        Value::Text(t) => (None, Some(t.clone())),
        Value::Date(d) => (None, Some(d.to_string())),
    };
    StoredValue {
        period: id.period,
        form: id.kind,
        form_version: id.version,
        unit: id.recipient.clone(),
        section: v.section.to_string(),
        key: v.key.to_string(),
        field: v.field.to_string(),
        number,
        text,
        file: f.shown.display().to_string(),
        sha256: f.sha256.clone().unwrap_or_default(),
        sheet: v.cell.sheet.to_string(),
        cell: v.cell.cell.to_string(),
        collected_at: collected_at.to_string(),
        preliminary,
        error: None,
        mail: f.mail.clone(),
        import: None,
    }
}

/// The rows of a return: its valid values (preliminary when the return has errors) and a mark
/// for every cell with an error, which holds no value: only the faulty cells are missing.
fn stored_rows(f: &FileReport, id: &Identity, read: &FormRead, at: &str) -> Vec<StoredValue> {
    let mut rows: Vec<StoredValue> = read
        .values
        .iter()
        .map(|v| to_stored(v, f, id, at))
        .collect();
    let mut marked: std::collections::BTreeSet<&(String, String, String)> =
        std::collections::BTreeSet::new();
    for (k, d) in &read.cell_findings {
        let has_value = read.values.iter().any(|v| {
            (&*v.section, &*v.key, &*v.field) == (k.0.as_str(), k.1.as_str(), k.2.as_str())
        });
        let crate::diag::Location::Cell { cell, .. } = &d.location else {
            continue;
        };
        if !d.is_error() || has_value || !marked.insert(k) {
            continue;
        }
        let v = ReadValue {
            section: k.0.as_str().into(),
            key: k.1.as_str().into(),
            field: k.2.as_str().into(),
            value: Value::Text(String::new()),
            cell: cell.clone(),
        };
        rows.push(StoredValue {
            number: None,
            text: None,
            error: Some(d.code.to_string()),
            ..to_stored(&v, f, id, at)
        });
    }
    rows
}

/// Puts the accepted returns into the store at `path`: valid returns, and returns with errors
/// as preliminary values unless a valid return of the unit is stored already. Returns how many
/// returns changed it.
///
/// # Errors
/// [`StoreError`] when the store cannot be read or written.
pub fn store_batch(batch: &Batch, path: &Path, collected_at: &str) -> Result<usize, StoreError> {
    let mut store = Store::load(path)?;
    let mut changed = 0;
    for f in batch.accepted() {
        let (Some(id), Some(read)) = (&f.identity, &f.read) else {
            continue;
        };
        // The newest valid return wins: a return with errors never replaces a valid one
        // stored by an earlier collect (whose file may no longer be in the folder).
        let valid_stored = store.values.iter().any(|v| {
            (v.period, v.form, v.unit.as_str()) == (id.period, id.kind, id.recipient.as_str())
                && !v.preliminary
        });
        if f.status == FileStatus::Errors && valid_stored {
            continue;
        }
        if store.put_return_unsorted(stored_rows(f, id, read, collected_at)) {
            changed += 1;
        }
    }
    store.sort();
    if changed > 0 || !path.exists() {
        store.save(path)?;
    }
    Ok(changed)
}

/// The correction workbook of a return with errors: its form again, pre-filled with what the
/// unit sent, the faulty cells marked and listed. `None` when the recipient is unknown.
///
/// # Errors
/// The writer's error.
pub fn correction(
    ws: &Workspace,
    f: &FileReport,
) -> Option<Result<(String, Vec<u8>), crate::xlsx_write::WriteError>> {
    let id = f.identity.as_ref()?;
    let read = f.read.as_ref()?;
    let def = ws.forms.current(id.kind)?;
    let recipient = match ws.config.unit(&id.recipient) {
        Some(u) => Recipient::Unit(u),
        None => Recipient::Forvaltning(ws.config.forvaltning(&id.recipient)?),
    };
    let prefill = read
        .values
        .iter()
        .chain(&read.refused)
        .map(|v| {
            (
                (
                    v.section.to_string(),
                    v.key.to_string(),
                    v.field.to_string(),
                ),
                v.value.clone(),
            )
        })
        .collect();
    let mut inst = generation::build(ws, def, recipient, id.period, prefill, &|_, _, _| None);
    for (k, d) in &read.cell_findings {
        if d.is_error() {
            let msg = d.for_unit.clone().unwrap_or_else(|| d.message.clone());
            inst.marks.entry(k.clone()).or_default().push(msg);
        }
    }
    inst.correction_deadline = batch::correction_deadline(
        ws,
        ws.config.deadline(id.kind, id.period).map(|d| d.deadline),
        batch::saved_date(f),
    );
    inst.general = f
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && !read.cell_findings.iter().any(|(_, c)| c == *d))
        .map(|d| d.for_unit.clone().unwrap_or_else(|| general_for_unit(d)))
        .collect();
    let name = correction_name(id.kind, id.period, &id.recipient);
    Some(
        crate::generate::write_form(
            &inst,
            &ws.config.sending.password,
            &ws.config.sending.contact,
        )
        .map(|b| (name, b)),
    )
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A file-level finding for the unit, in the surface's language.
fn general_for_unit(d: &crate::diag::Diagnostic) -> String {
    match d.code {
        "R110" => tx!(
            "correction-R110",
            "sheet" => d.message.split('\'').nth(1).unwrap_or("")
        ),
        "R112" => tx!("correction-R112"),
        "R121" => tx!("correction-R121"),
        _ => tx!("correction-file-other"),
    }
}

/// A template kind as the register shows it.
fn form_word(k: crate::domain::FormKind) -> String {
    use crate::domain::FormKind;
    match k {
        FormKind::Verksamhetsplan => tx!("report-form-verksamhetsplan"),
        FormKind::Uppfoljning => tx!("report-form-uppfoljning"),
        FormKind::Malvarden => tx!("report-form-malvarden"),
        FormKind::Internkontroll => tx!("report-form-internkontroll"),
    }
}

/// The register's comment on a row: a possible mix-up of units, the files it replaced.
fn register_comment(f: Option<&FileReport>, replaced: &[String]) -> String {
    let mut parts = Vec::new();
    if f.is_some_and(FileReport::maybe_other_unit) {
        parts.push(tx!("other-unit"));
    }
    if !replaced.is_empty() {
        parts.push(tx!("register-replaces", "files" => replaced.join(", ")));
    }
    parts.join("; ")
}

/// The returns register as a list sheet (the terminal table and `inlamning.xlsx` show the same).
pub fn register_sheet(ws: &Workspace, batch: &Batch) -> ListSheet {
    let rows = batch
        .register
        .iter()
        .map(|r| {
            let f = r.file.map(|i| &batch.files[i]);
            let color = r.status.fill();
            let replaced: Vec<String> = r
                .replaced
                .iter()
                .map(|i| file_name(&batch.files[*i].shown))
                .collect();
            vec![
                Cell::Text(r.form.map_or_else(String::new, form_word)),
                Cell::Text(r.recipient.clone().unwrap_or_default()),
                Cell::Text(r.name.clone()),
                Cell::Text(r.forvaltning.clone()),
                Cell::Status(r.status.label(), color),
                Cell::Text(f.map_or_else(String::new, |f| file_name(&f.shown))),
                f.and_then(batch::saved_date)
                    .map_or(Cell::Empty, Cell::Date),
                r.deadline.map_or(Cell::Empty, Cell::Date),
                f.map_or(Cell::Empty, |f| Cell::Number(f.errors() as f64, 0)),
                f.map_or(Cell::Empty, |f| Cell::Number(f.warnings() as f64, 0)),
                Cell::Text(register_comment(f, &replaced)),
            ]
        })
        .collect();
    ListSheet {
        name: crate::xlsx_write::sheets::RETURNS.into(),
        title: tx!("report-returns-title", "period" => batch.period.shown()),
        subtitle: ws.config.kommun.name.clone(),
        columns: vec![
            (tx!("register-col-template"), 16.0),
            (tx!("report-col-id"), 22.0),
            (tx!("report-col-name"), 30.0),
            (tx!("report-col-forvaltning"), 34.0),
            (tx!("report-col-status"), 16.0),
            (tx!("report-col-file"), 44.0),
            (tx!("report-col-saved"), 12.0),
            (tx!("register-col-deadline"), 12.0),
            (tx!("report-col-errors"), 6.0),
            (tx!("register-col-warnings"), 9.0),
            (tx!("report-col-comment"), 40.0),
        ],
        rows,
        ..ListSheet::default()
    }
}

/// What [`collect_period`] did.
#[derive(Debug)]
pub struct Collected {
    pub batch: Batch,
    pub store: PathBuf,
    /// Returns added to or replaced in the store.
    pub changed: usize,
    pub register: PathBuf,
    pub corrections: Vec<PathBuf>,
    /// Correction workbooks moved to the archive: their unit's valid return is collected.
    pub archived: Vec<PathBuf>,
}

/// Why [`collect_period`] could not finish.
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    #[error("no returns folder {0}")]
    NoFolder(PathBuf),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}: {1}")]
    Write(PathBuf, String),
}

/// Collects `paths` (default: the incoming folder of `period`): examines every file, stores
/// the accepted returns, writes the register `inlamning.xlsx` and the correction workbooks.
///
/// # Errors
/// [`CollectError`] when there is nothing to read or an output cannot be written; problems in
/// files are findings in the batch, not errors.
pub fn collect_period(
    ws: &Workspace,
    period: Period,
    paths: &[PathBuf],
    reader: &dyn RawReader,
    threads: usize,
    progress: &(dyn Fn(usize) + Sync),
    collected_at: &str,
) -> Result<Collected, CollectError> {
    let paths = if paths.is_empty() {
        let d = ws
            .path(&ws.config.folders.incoming)
            .join(period.to_string());
        if !d.is_dir() {
            return Err(CollectError::NoFolder(d));
        }
        vec![d]
    } else {
        paths.to_vec()
    };
    let files = list_files(&paths);
    // Saved e-mails give their workbook attachments, examined as any file.
    let staging = ws
        .path(&ws.config.folders.data)
        .join("epost-bilagor")
        .join(period.to_string());
    let files = eml::expand(files, &staging);
    progress(files.len());
    let mut batch = collect_batch(ws, period, &files, reader, threads, &|| progress(0));
    // A workbook taken from a mail carries the mail's sender and date into the store.
    for f in &mut batch.files {
        if f.path.starts_with(&staging) {
            f.mail = f.path.parent().and_then(eml::sender);
        }
    }
    let store = Store::path(&ws.path(&ws.config.folders.data));
    let changed = store_batch(&batch, &store, collected_at)?;
    // Fixed from the workspace, so that the register of the same returns is byte-identical.
    let created = ws
        .config
        .arshjul
        .iter()
        .filter(|d| d.period == period)
        .map(|d| d.sent)
        .min()
        .or_else(|| crate::domain::Date::new(period.year(), 1, 1))
        .unwrap_or(crate::domain::Date::Y2000);
    let write = |p: &Path, bytes: &[u8]| {
        crate::fsx::write_atomic(p, bytes)
            .map_err(|e| CollectError::Write(p.to_path_buf(), e.to_string()))
    };
    let sheet = register_sheet(ws, &batch);
    let bytes = crate::xlsx_write::write_list_workbook(std::slice::from_ref(&sheet), created)
        .map_err(|e| CollectError::Write(PathBuf::from("inlamning.xlsx"), e.to_string()))?;
    let register = ws
        .path(&ws.config.folders.reports)
        .join(period.to_string())
        .join("inlamning.xlsx");
    write(&register, &bytes)?;
    let kept = serde_json::to_vec_pretty(&register_entries(&batch)).unwrap_or_default();
    write(&register_path(ws, period), &kept)?;
    let dir = ws
        .path(&ws.config.folders.outgoing)
        .join(period.to_string())
        .join("rattelser");
    let mut corrections = Vec::new();
    let archived = archive_corrections(&batch, &dir)?;
    for f in batch.to_correct() {
        if let Some(result) = correction(ws, f) {
            let (name, bytes) =
                result.map_err(|e| CollectError::Write(dir.clone(), e.to_string()))?;
            let p = dir.join(name);
            write(&p, &bytes)?;
            corrections.push(p);
        }
    }
    Ok(Collected {
        batch,
        store,
        changed,
        register,
        corrections,
        archived,
    })
}

/// The folder correction workbooks are moved to once the unit's valid return is collected.
pub const ARCHIVE_DIR: &str = "arkiv";

/// The name of a recipient's correction workbook.
pub fn correction_name(kind: crate::domain::FormKind, period: Period, recipient: &str) -> String {
    generation::file_name(kind, period, recipient).replace(".xlsx", "-rattelse.xlsx")
}

/// Moves the correction workbook of every recipient whose valid return is now collected from
/// `dir` to `dir/arkiv/` (styr's own output: moved, never deleted). A workbook already in the
/// archive under that name with other content is kept: the new one gets a numbered name.
fn archive_corrections(batch: &Batch, dir: &Path) -> Result<Vec<PathBuf>, CollectError> {
    let mut moved = Vec::new();
    for f in batch.valid() {
        let Some(id) = &f.identity else { continue };
        let from = dir.join(correction_name(id.kind, id.period, &id.recipient));
        if !from.is_file() {
            continue;
        }
        let archive = dir.join(ARCHIVE_DIR);
        let err = |p: &Path, e: std::io::Error| CollectError::Write(p.to_path_buf(), e.to_string());
        std::fs::create_dir_all(&archive).map_err(|e| err(&archive, e))?;
        let bytes = std::fs::read(&from).map_err(|e| err(&from, e))?;
        let name = correction_name(id.kind, id.period, &id.recipient);
        let mut to = archive.join(&name);
        let mut n = 1;
        while to.exists() {
            if std::fs::read(&to).is_ok_and(|b| b == bytes) {
                break;
            }
            n += 1;
            to = archive.join(name.replace(".xlsx", &format!("-{n}.xlsx")));
        }
        if to.exists() {
            // The same workbook is archived already: the copy in `dir` is not needed.
            std::fs::remove_file(&from).map_err(|e| err(&from, e))?;
        } else {
            std::fs::rename(&from, &to).map_err(|e| err(&from, e))?;
        }
        moved.push(to);
    }
    Ok(moved)
}

/// The batch as JSON: `{period, files: [...], register: [...]}` (documented in the README).
pub fn batch_json(batch: &Batch) -> serde_json::Value {
    let statuses = batch.file_statuses();
    let files: Vec<serde_json::Value> = batch
        .files
        .iter()
        .zip(&statuses)
        .map(|(f, st)| {
            serde_json::json!({
                "file": f.shown.display().to_string(),
                "sha256": f.sha256,
                "status": f.status,
                "register_status": st.map(RegisterStatus::swedish),
                "current": !st.is_some_and(RegisterStatus::superseded),
                "form": f.identity.as_ref().map(|i| i.kind.key()),
                "version": f.identity.as_ref().map(|i| i.version),
                "recipient": f.identity.as_ref().map(|i| i.recipient.clone()),
                "period": f.identity.as_ref().map(|i| i.period.to_string()),
                "errors": f.errors(),
                "warnings": f.warnings(),
                "diagnostics": f.diagnostics.iter().map(crate::diag::Diagnostic::to_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({ "period": batch.period.to_string(), "files": files, "register": register_json(batch) })
}

/// One register entry, as kept for the reports in `<data>/inlamning-<period>.json`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RegisterEntry {
    pub form: Option<String>,
    pub recipient: Option<String>,
    pub name: String,
    pub forvaltning: String,
    /// Kept as its Swedish label.
    #[serde(with = "status_label")]
    pub status: RegisterStatus,
    pub file: Option<String>,
    pub saved: Option<String>,
    pub deadline: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub replaced: Vec<String>,
    /// The file may hold another unit's figures (R130): "kan vara en annan enhets siffror".
    #[serde(default)]
    pub other_unit: bool,
}

/// A register status as its Swedish label in `inlamning-<period>.json`.
mod status_label {
    use super::RegisterStatus;

    pub fn serialize<S: serde::Serializer>(s: &RegisterStatus, to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(s.swedish())
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        from: D,
    ) -> Result<RegisterStatus, D::Error> {
        let label: String = serde::Deserialize::deserialize(from)?;
        RegisterStatus::from_swedish(&label)
            .ok_or_else(|| serde::de::Error::custom(format!("okänd inlämningsstatus '{label}'")))
    }
}

/// The register's rows as entries.
pub fn register_entries(batch: &Batch) -> Vec<RegisterEntry> {
    batch
        .register
        .iter()
        .map(|r| {
            let f = r.file.map(|i| &batch.files[i]);
            RegisterEntry {
                form: r.form.map(|k| k.key().to_string()),
                recipient: r.recipient.clone(),
                name: r.name.clone(),
                forvaltning: r.forvaltning.clone(),
                status: r.status,
                file: f.map(|f| f.shown.display().to_string()),
                saved: f.and_then(batch::saved_date).map(|d| d.to_string()),
                deadline: r.deadline.map(|d| d.to_string()),
                errors: f.map_or(0, FileReport::errors),
                warnings: f.map_or(0, FileReport::warnings),
                other_unit: f.is_some_and(FileReport::maybe_other_unit),
                replaced: r
                    .replaced
                    .iter()
                    .map(|i| batch.files[*i].shown.display().to_string())
                    .collect(),
            }
        })
        .collect()
}

fn register_json(batch: &Batch) -> serde_json::Value {
    serde_json::to_value(register_entries(batch)).unwrap_or_default()
}

/// Where the register of a period is kept for the reports.
pub fn register_path(ws: &Workspace, period: Period) -> PathBuf {
    ws.path(&ws.config.folders.data)
        .join(format!("inlamning-{period}.json"))
}

/// The register kept by the last collect of `period` (empty when none).
pub fn load_register(ws: &Workspace, period: Period) -> Vec<RegisterEntry> {
    std::fs::read(register_path(ws, period))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}
