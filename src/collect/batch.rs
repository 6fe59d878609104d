//! A batch of returned files: each file accounted for, the newest valid return per recipient
//! chosen, and the returns register built.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::collect::identify::{Identity, identify};
use crate::collect::read::{FormRead, read_form};
use crate::collect::reader::RawReader;
use crate::diag::{Diagnostic, Location};
use crate::domain::{Date, FormKind, Period};
use crate::tx;
use crate::workspace::Workspace;
use crate::xlsx_read::Format;
use crate::xlsx_read::guard::{
    Sniffed, ZipLimits, ZipProblem, container_of, sniff_bytes, sniff_path,
};

/// What became of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Read, no errors: its values count (or it lost to a newer one, see the register).
    Ok,
    /// Read, with errors in cells: a correction workbook goes back.
    Errors,
    /// Not read: not a spreadsheet, not styr's, corrupt, wrong period or version, unknown unit.
    Rejected,
    /// Not a return at all: a lock file, a folder.
    Skipped,
}

/// One file of the batch.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: PathBuf,
    /// The name shown in messages.
    pub shown: PathBuf,
    pub sha256: Option<String>,
    /// When the unit saved the workbook, from its document properties (ISO 8601), if known:
    /// survives mail and copying, unlike the file's time.
    pub saved: Option<String>,
    pub identity: Option<Identity>,
    pub status: FileStatus,
    pub diagnostics: Vec<Diagnostic>,
    pub read: Option<FormRead>,
    /// Why a file was rejected, as a register status (fel period, fel version, okänd enhet).
    pub rejection: Option<RegisterStatus>,
    /// The mail the file was attached to, when it came as a saved e-mail.
    pub mail: Option<crate::analysis::store::Mailed>,
}

impl FileReport {
    /// Drops what only a file that counts needs: its values and the row keys of its identity.
    pub fn release(&mut self) {
        self.read = None;
        if let Some(id) = &mut self.identity {
            id.rows = BTreeMap::new();
        }
    }

    /// Whether the file may hold another unit's figures (warning R130).
    pub fn maybe_other_unit(&self) -> bool {
        self.diagnostics.iter().any(|d| d.code == "R130")
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// A recipient's (or a stray file's) status in the returns register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum RegisterStatus {
    Inkommen,
    InkommenMedFel,
    Sen,
    Saknas,
    Dubblett,
    /// Replaced by a file of the same recipient saved later.
    ErsattAvNyare,
    /// A file with errors that lost to an older file without errors (a draft sent after the
    /// valid return): not "ersatt av nyare", since the file that counts is older.
    ErsattAvAldreUtanFel,
    /// Replaced by a different file saved at the same time (the shorter name counts).
    ErsattSammaTid,
    FelPeriod,
    FelVersion,
    OkandEnhet,
    /// Not a styr return (not a spreadsheet, corrupt, foreign workbook).
    Avvisad,
    /// Skipped (lock file, folder).
    Hoppad,
}

impl RegisterStatus {
    /// Every status, in the order the reports count them.
    pub const ALL: [RegisterStatus; 13] = [
        RegisterStatus::Inkommen,
        RegisterStatus::Sen,
        RegisterStatus::InkommenMedFel,
        RegisterStatus::Saknas,
        RegisterStatus::Dubblett,
        RegisterStatus::ErsattAvNyare,
        RegisterStatus::ErsattAvAldreUtanFel,
        RegisterStatus::ErsattSammaTid,
        RegisterStatus::FelPeriod,
        RegisterStatus::FelVersion,
        RegisterStatus::OkandEnhet,
        RegisterStatus::Avvisad,
        RegisterStatus::Hoppad,
    ];

    /// The status a Swedish label names (the label kept in `inlamning-<period>.json`).
    pub fn from_swedish(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.swedish() == label)
    }

    /// The fill of the status cell, the one style of both register sheets (`inlamning.xlsx`
    /// and the report's Inlämning sheet): green in, yellow late or with errors, grey not
    /// counted (replaced or skipped), red missing or refused.
    pub fn fill(self) -> u32 {
        use crate::xlsx_write::style::{GREEN, NOT_JUDGED, RED, YELLOW};
        match self {
            RegisterStatus::Inkommen => GREEN,
            RegisterStatus::Sen | RegisterStatus::InkommenMedFel => YELLOW,
            RegisterStatus::Hoppad => NOT_JUDGED,
            s if s.superseded() => NOT_JUDGED,
            _ => RED,
        }
    }

    pub fn swedish(self) -> &'static str {
        match self {
            RegisterStatus::Inkommen => "inkommen",
            RegisterStatus::InkommenMedFel => "inkommen med fel",
            RegisterStatus::Sen => "sen",
            RegisterStatus::Saknas => "saknas",
            RegisterStatus::Dubblett => "dubblett",
            RegisterStatus::ErsattAvNyare => "ersatt av nyare",
            RegisterStatus::ErsattAvAldreUtanFel => "med fel, äldre utan fel gäller",
            RegisterStatus::ErsattSammaTid => "ersatt, sparad samtidigt",
            RegisterStatus::FelPeriod => "fel period",
            RegisterStatus::FelVersion => "fel version",
            RegisterStatus::OkandEnhet => "okänd enhet",
            RegisterStatus::Avvisad => "avvisad",
            RegisterStatus::Hoppad => "hoppad över",
        }
    }

    /// The status as the surface shows it, in its language (the register file keeps
    /// [`RegisterStatus::swedish`]).
    pub fn label(self) -> String {
        tx!(match self {
            RegisterStatus::Inkommen => "status-inkommen",
            RegisterStatus::InkommenMedFel => "status-inkommen-med-fel",
            RegisterStatus::Sen => "status-sen",
            RegisterStatus::Saknas => "status-saknas",
            RegisterStatus::Dubblett => "status-dubblett",
            RegisterStatus::ErsattAvNyare => "status-ersatt-av-nyare",
            RegisterStatus::ErsattAvAldreUtanFel => "status-ersatt-av-aldre",
            RegisterStatus::ErsattSammaTid => "status-ersatt-samma-tid",
            RegisterStatus::FelPeriod => "status-fel-period",
            RegisterStatus::FelVersion => "status-fel-version",
            RegisterStatus::OkandEnhet => "status-okand-enhet",
            RegisterStatus::Avvisad => "status-avvisad",
            RegisterStatus::Hoppad => "status-hoppad",
        })
    }

    /// Whether the status needs the controller's attention.
    pub fn is_finding(self) -> bool {
        !(self == RegisterStatus::Inkommen || self == RegisterStatus::Hoppad || self.superseded())
    }

    /// A file of a recipient that does not count because another one of the same recipient
    /// does: its findings are history, not current.
    pub fn superseded(self) -> bool {
        matches!(
            self,
            RegisterStatus::Dubblett
                | RegisterStatus::ErsattAvNyare
                | RegisterStatus::ErsattAvAldreUtanFel
                | RegisterStatus::ErsattSammaTid
        )
    }
}

/// One row of the register.
#[derive(Debug, Clone)]
pub struct RegisterRow {
    pub form: Option<FormKind>,
    /// Recipient id (unit or förvaltning), when known.
    pub recipient: Option<String>,
    pub name: String,
    pub forvaltning: String,
    pub status: RegisterStatus,
    /// Index into the batch's files.
    pub file: Option<usize>,
    /// Files this one replaced.
    pub replaced: Vec<usize>,
    pub deadline: Option<Date>,
}

/// The result of collecting a batch.
#[derive(Debug, Clone)]
pub struct Batch {
    pub period: Period,
    pub files: Vec<FileReport>,
    pub register: Vec<RegisterRow>,
}

impl Batch {
    /// The winning file of each recipient (form, recipient) whose values are stored: a valid
    /// return, or a return with errors whose valid values are stored as preliminary.
    pub fn accepted(&self) -> impl Iterator<Item = &FileReport> {
        self.register
            .iter()
            .filter(|r| {
                matches!(
                    r.status,
                    RegisterStatus::Inkommen | RegisterStatus::Sen | RegisterStatus::InkommenMedFel
                )
            })
            .filter_map(|r| r.file.map(|i| &self.files[i]))
    }

    /// The winning files without errors: the recipients whose valid return is collected.
    pub fn valid(&self) -> impl Iterator<Item = &FileReport> {
        self.register
            .iter()
            .filter(|r| matches!(r.status, RegisterStatus::Inkommen | RegisterStatus::Sen))
            .filter_map(|r| r.file.map(|i| &self.files[i]))
    }

    /// The register status of each file (by index): the row that names it.
    pub fn file_statuses(&self) -> Vec<Option<RegisterStatus>> {
        let mut out = vec![None; self.files.len()];
        for r in &self.register {
            if let Some(i) = r.file
                && let Some(slot) = out.get_mut(i)
            {
                *slot = Some(r.status);
            }
        }
        out
    }

    /// Files whose return has errors and gets a correction workbook (the newest per recipient).
    pub fn to_correct(&self) -> impl Iterator<Item = &FileReport> {
        self.register
            .iter()
            .filter(|r| r.status == RegisterStatus::InkommenMedFel)
            .filter_map(|r| r.file.map(|i| &self.files[i]))
    }

    /// Findings that are current: errors in a file that was not replaced, a rejected file, a
    /// register status that needs attention. The errors of a superseded file are history.
    pub fn has_findings(&self) -> bool {
        let statuses = self.file_statuses();
        self.files.iter().zip(&statuses).any(|(f, st)| {
            !st.is_some_and(RegisterStatus::superseded)
                && (f.errors() > 0 || f.status == FileStatus::Rejected)
        }) || self.register.iter().any(|r| r.status.is_finding())
    }
}

/// Every file to consider under `paths` (files as given; folders one level deep, sorted).
pub fn list_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() && !looks_like_file(p) {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            entries.sort();
            out.extend(entries);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// A folder named like a workbook (`x.xlsx/`) is reported as a file that is not one.
fn looks_like_file(p: &Path) -> bool {
    p.extension().is_some_and(|e| {
        ["xlsx", "xlsm", "xls", "ods"].contains(&e.to_string_lossy().to_lowercase().as_str())
    })
}

/// The file's bytes, at most `cap + 1` of them (more than `cap` is the caller's finding, and
/// the start is enough to say what the file is).
fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, Sniffed> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(cap.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|e| Sniffed::Unreadable(e.to_string()))?;
    Ok(bytes)
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads, identifies and validates one file.
pub fn examine(
    ws: &Workspace,
    period: Period,
    path: &Path,
    shown: &Path,
    reader: &dyn RawReader,
) -> FileReport {
    let mut rep = FileReport {
        path: path.to_path_buf(),
        shown: shown.to_path_buf(),
        sha256: None,
        saved: None,
        identity: None,
        status: FileStatus::Rejected,
        diagnostics: Vec::new(),
        read: None,
        rejection: None,
        mail: None,
    };
    // The path first (folders, lock files are never opened), then the bytes, read once: the
    // zip pre-flight, which inflates every part to check its CRC, runs with the reader (in a
    // worker when isolated) and hands it the parts already inflated.
    let zip_limits = ZipLimits::default();
    let bytes = match sniff_path(path) {
        Some(sniffed) => Err(sniffed),
        None => read_capped(path, zip_limits.max_file_size),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(Sniffed::Skip(reason)) => {
            rep.status = FileStatus::Skipped;
            rep.rejection = Some(RegisterStatus::Hoppad);
            rep.diagnostics
                .extend(Sniffed::Skip(reason).diagnostic(shown));
            return rep;
        }
        Err(other) => {
            rep.diagnostics.extend(other.diagnostic(shown));
            rep.rejection = Some(RegisterStatus::Avvisad);
            return rep;
        }
    };
    let too_large = bytes.len() as u64 > zip_limits.max_file_size;
    if too_large && container_of(&bytes).is_some() {
        // A container cut at the cap would read as damaged: say what is wrong instead.
        let problem = ZipProblem::FileTooLarge {
            size: std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len()),
            limit: zip_limits.max_file_size,
        };
        rep.diagnostics.push(problem.diagnostic(shown));
        rep.rejection = Some(RegisterStatus::Avvisad);
        return rep;
    }
    let sniffed = sniff_bytes(&bytes);
    let format = match &sniffed {
        Sniffed::Xlsx | Sniffed::Xlsm => Format::Xlsx,
        Sniffed::Ods => Format::Ods,
        Sniffed::Xls | Sniffed::Xlsb => {
            rep.diagnostics.push(
                Diagnostic::error(
                    "R014",
                    Location::File(shown.to_path_buf()),
                    tx!("R014", "what" => sniffed.describe()),
                )
                .hint(tx!("R014-hint")),
            );
            rep.rejection = Some(RegisterStatus::Avvisad);
            return rep;
        }
        // A saved e-mail reaches this point only when no workbook could be taken from it.
        _ if super::eml::is_mail(path) => {
            rep.diagnostics.push(
                Diagnostic::error("R015", Location::File(shown.to_path_buf()), tx!("R015"))
                    .hint(tx!("R015-hint")),
            );
            rep.rejection = Some(RegisterStatus::Avvisad);
            return rep;
        }
        other => {
            rep.diagnostics.extend(other.diagnostic(shown));
            rep.rejection = Some(RegisterStatus::Avvisad);
            return rep;
        }
    };
    rep.sha256 = Some(sha256(&bytes));
    let raw = match reader.read(shown, &bytes, format) {
        Ok(r) => r,
        Err(d) => {
            rep.diagnostics.push(d);
            rep.rejection = Some(RegisterStatus::Avvisad);
            return rep;
        }
    };
    for (part, detail) in &raw.left_out {
        rep.diagnostics.push(
            Diagnostic::warning(
                "R033",
                Location::File(shown.to_path_buf()),
                tx!(
                    "R033",
                    "part" => part.chars().take(80).collect::<String>(),
                    "detail" => detail.to_string()
                ),
            )
            .hint(tx!("R033-hint")),
        );
    }
    rep.saved = raw
        .modified
        .clone()
        .filter(|m| Date::parse(m.get(..10).unwrap_or_default()).is_some());
    let id = match identify(shown, &raw) {
        Ok(id) => id,
        Err(d) => {
            rep.diagnostics.push(d);
            rep.rejection = Some(RegisterStatus::Avvisad);
            return rep;
        }
    };
    rep.identity = Some(id.clone());
    let file_at = || Location::File(shown.to_path_buf());
    if ws.config.unit(&id.recipient).is_none() && ws.config.forvaltning(&id.recipient).is_none() {
        rep.diagnostics.push(
            Diagnostic::error(
                "R105",
                file_at(),
                tx!("R105", "id" => id.recipient.to_string()),
            )
            .hint(tx!("R105-hint")),
        );
        rep.rejection = Some(RegisterStatus::OkandEnhet);
        return rep;
    }
    if id.period != period {
        rep.diagnostics.push(
            Diagnostic::error(
                "R106",
                file_at(),
                tx!(
                    "R106",
                    "period" => id.period.to_string(),
                    "name" => id.period.shown(),
                    "expected" => period.to_string()
                ),
            )
            .hint(tx!("R106-hint")),
        );
        rep.rejection = Some(RegisterStatus::FelPeriod);
        return rep;
    }
    let Some(def) = ws.forms.version(id.kind, id.version) else {
        let have = ws.forms.versions(id.kind);
        rep.diagnostics.push(
            Diagnostic::error("R103", file_at(), tx!("R103", "version" => id.version.to_string(), "kind" => id.kind.key(), "have" => format!("{have:?}")))
                .hint(tx!("R103-hint", "kind" => id.kind.key(), "version" => id.version.to_string())),
        );
        rep.rejection = Some(RegisterStatus::FelVersion);
        return rep;
    };
    if ws.forms.fingerprint(id.kind, id.version) != Some(id.fingerprint.as_str()) {
        rep.diagnostics.push(
            Diagnostic::warning(
                "R104",
                file_at(),
                tx!("R104", "kind" => id.kind.key(), "version" => id.version.to_string()),
            )
            .hint(tx!("R104-hint")),
        );
    }
    let mut read = read_form(shown, &raw, def, &id, ws);
    crate::collect::plausible::check(shown, def, &id, ws, &mut read);
    rep.status = if read.diagnostics.iter().any(Diagnostic::is_error) {
        FileStatus::Errors
    } else {
        FileStatus::Ok
    };
    rep.diagnostics.append(&mut read.diagnostics);
    rep.read = Some(read);
    rep
}

/// Which of two files of the same recipient counts: the one saved last (the workbook's own
/// save time, else the file's); of files saved at the same time (copies), the shortest name,
/// then the name, never the order the files happened to be copied in. `Less` when `a` counts.
pub fn precedence(a: &FileReport, b: &FileReport) -> std::cmp::Ordering {
    saved_key(b)
        .cmp(&saved_key(a))
        .then_with(|| a.shown.as_os_str().len().cmp(&b.shown.as_os_str().len()))
        .then_with(|| a.shown.cmp(&b.shown))
}

/// The files of each recipient that can still count while a batch is read: the first by
/// [`precedence`] of those without errors, and the first of all. The [`register`] picks its
/// winner among these two, so every other file's values can go as soon as it is read, and a
/// batch of many files for the same units keeps values for at most two files per unit.
#[derive(Debug, Default)]
pub struct Contenders {
    best: HashMap<(FormKind, String), (Option<usize>, Option<usize>)>,
}

impl Contenders {
    /// Takes file `i`, just read, into account; releases the values of a file that can no
    /// longer count (`i` itself or the one it beat).
    pub fn admit(&mut self, files: &mut [Option<FileReport>], i: usize) {
        let Some(f) = &files[i] else { return };
        let (Some(id), None) = (&f.identity, f.rejection) else {
            return;
        };
        let ok = f.status == FileStatus::Ok;
        let slot = self
            .best
            .entry((id.kind, id.recipient.clone()))
            .or_default();
        let first = |a: usize, b: usize| match (&files[a], &files[b]) {
            (Some(a), Some(b)) => precedence(a, b).is_lt(),
            _ => false,
        };
        let mut out = Vec::new();
        let mut contend = |best: &mut Option<usize>| match *best {
            Some(j) if !first(i, j) => out.push(i),
            previous => {
                out.extend(previous);
                *best = Some(i);
            }
        };
        contend(&mut slot.1);
        if ok {
            contend(&mut slot.0);
        }
        for j in out {
            if Some(j) != slot.0
                && Some(j) != slot.1
                && let Some(f) = &mut files[j]
            {
                f.release();
            }
        }
    }
}

/// Builds the register: every expected recipient of the forms due in `period`, and every file.
pub fn register(ws: &Workspace, period: Period, files: &[FileReport]) -> Vec<RegisterRow> {
    let mut rows = Vec::new();
    let due: Vec<(FormKind, Option<Date>)> = ws
        .config
        .arshjul
        .iter()
        .filter(|d| d.period == period)
        .map(|d| (d.form, Some(d.deadline)))
        .collect();
    // Files by (form, recipient), newest first (by the saved time in the workbook, then the
    // file's time, then name).
    let mut by_recipient: BTreeMap<(FormKind, String), Vec<usize>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        if let (Some(id), None) = (&f.identity, f.rejection) {
            by_recipient
                .entry((id.kind, id.recipient.clone()))
                .or_default()
                .push(i);
        }
    }
    for list in by_recipient.values_mut() {
        // Newest saved first (the workbook's own save time, else the file's); of files saved at
        // the same time (copies), the shortest name, then the name: never the order the files
        // happened to be copied in.
        list.sort_by(|a, b| precedence(&files[*a], &files[*b]));
    }
    let name_of = |id: &str| -> (String, String) {
        if let Some(u) = ws.config.unit(id) {
            let f = ws
                .config
                .forvaltning(u.forvaltning.as_str())
                .map(|f| f.name.clone())
                .unwrap_or_default();
            (u.name.clone(), f)
        } else if let Some(f) = ws.config.forvaltning(id) {
            (f.name.clone(), f.name.clone())
        } else {
            (String::new(), String::new())
        }
    };
    let mut placed = vec![false; files.len()];
    let mut kinds: Vec<(FormKind, Option<Date>)> = due;
    for (k, _) in by_recipient.keys() {
        if !kinds.iter().any(|(f, _)| f == k) {
            kinds.push((*k, None));
        }
    }
    for (form, deadline) in kinds {
        for rid in ws.expected_recipients(form) {
            let (name, forv) = name_of(&rid);
            let list = by_recipient
                .get(&(form, rid.clone()))
                .cloned()
                .unwrap_or_default();
            // The newest file without errors wins; with none, the newest file.
            let winner = list
                .iter()
                .copied()
                .find(|i| files[*i].status == FileStatus::Ok)
                .or_else(|| list.first().copied());
            let status = match winner {
                None => RegisterStatus::Saknas,
                Some(w) if files[w].status == FileStatus::Errors => RegisterStatus::InkommenMedFel,
                Some(w) if is_late(ws, files, &list, w, deadline) => RegisterStatus::Sen,
                Some(_) => RegisterStatus::Inkommen,
            };
            let mut replaced = Vec::new();
            for i in &list {
                placed[*i] = true;
                if Some(*i) != winner {
                    replaced.push(*i);
                }
            }
            rows.push(RegisterRow {
                form: Some(form),
                recipient: Some(rid.clone()),
                name: name.clone(),
                forvaltning: forv.clone(),
                status,
                file: winner,
                replaced: replaced.clone(),
                deadline,
            });
            for i in replaced {
                rows.push(RegisterRow {
                    form: Some(form),
                    recipient: Some(rid.clone()),
                    name: name.clone(),
                    forvaltning: forv.clone(),
                    status: winner.map_or(RegisterStatus::ErsattAvNyare, |w| {
                        superseded_status(&files[i], &files[w])
                    }),
                    file: Some(i),
                    replaced: Vec::new(),
                    deadline,
                });
            }
        }
    }
    for (i, f) in files.iter().enumerate() {
        if placed[i] {
            continue;
        }
        let rid = f.identity.as_ref().map(|id| id.recipient.clone());
        let (name, forv) = rid.as_deref().map(name_of).unwrap_or_default();
        rows.push(RegisterRow {
            form: f.identity.as_ref().map(|id| id.kind),
            recipient: rid,
            name,
            forvaltning: forv,
            status: f.rejection.unwrap_or(RegisterStatus::Avvisad),
            file: Some(i),
            replaced: Vec::new(),
            deadline: None,
        });
    }
    rows
}

/// Why file `lost` does not count beside `winner`, the file of its recipient that does: the
/// label says which of the two is newer, never "ersatt av nyare" when the one that counts is
/// older.
pub fn superseded_status(lost: &FileReport, winner: &FileReport) -> RegisterStatus {
    if lost.sha256.is_some() && lost.sha256 == winner.sha256 {
        return RegisterStatus::Dubblett;
    }
    match saved_key(winner).cmp(&saved_key(lost)) {
        std::cmp::Ordering::Greater => RegisterStatus::ErsattAvNyare,
        std::cmp::Ordering::Equal => RegisterStatus::ErsattSammaTid,
        std::cmp::Ordering::Less => RegisterStatus::ErsattAvAldreUtanFel,
    }
}

/// The deadline of a correction: `correction_days` (styr.toml) after the later of the
/// årshjul's deadline and the day the faulty return was saved. `None` without a deadline.
pub fn correction_deadline(
    ws: &Workspace,
    deadline: Option<Date>,
    faulty_saved: Option<Date>,
) -> Option<Date> {
    let from = match (deadline, faulty_saved) {
        (Some(d), Some(s)) => d.max(s),
        (d, _) => d?,
    };
    Date::from_excel_serial(from.to_excel_serial() + f64::from(ws.config.sending.correction_days))
}

/// Whether the valid return `w` of a recipient (whose files, newest first, are `list`) came
/// after its deadline. A correction is not late: when the recipient sent a return with errors
/// by the deadline, and `w` is newer than it, `w` is late only after the correction deadline.
fn is_late(
    ws: &Workspace,
    files: &[FileReport],
    list: &[usize],
    w: usize,
    deadline: Option<Date>,
) -> bool {
    let (Some(d), Some(day)) = (deadline, saved_date(&files[w])) else {
        return false;
    };
    if day <= d {
        return false;
    }
    let corrects_on_time = list.iter().any(|i| {
        let f = &files[*i];
        f.status == FileStatus::Errors
            && saved_key(f) < saved_key(&files[w])
            && saved_date(f).is_some_and(|s| s <= d)
    });
    !(corrects_on_time && correction_deadline(ws, Some(d), None).is_some_and(|c| day <= c))
}

/// When a file was saved, by its own document property (ISO 8601, sortable); empty when the
/// workbook does not say. The file system's modification time is never used: copying a folder
/// changes it, and an output must not depend on it.
fn saved_key(f: &FileReport) -> String {
    f.saved.clone().unwrap_or_default()
}

/// The date a file was saved.
pub fn saved_date(f: &FileReport) -> Option<Date> {
    Date::parse(saved_key(f).get(..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn report(i: usize, unit: usize, saved: u8, ok: bool) -> FileReport {
        FileReport {
            path: PathBuf::from(format!("in/{i}.xlsx")),
            shown: PathBuf::from(format!("{i}.xlsx")),
            sha256: None,
            saved: Some(format!("2026-05-{:02}T10:00:00Z", 1 + saved % 28)),
            identity: Some(Identity {
                kind: FormKind::Uppfoljning,
                version: 1,
                recipient: format!("u{unit}"),
                period: Period::parse("2026-T1").expect("period"),
                instance: String::new(),
                fingerprint: String::new(),
                rows: BTreeMap::from([("s".to_string(), vec!["k".to_string()])]),
                limits: BTreeMap::new(),
            }),
            status: if ok {
                FileStatus::Ok
            } else {
                FileStatus::Errors
            },
            diagnostics: Vec::new(),
            read: Some(FormRead::default()),
            rejection: None,
            mail: None,
        }
    }

    /// The register's rule, over every file of one recipient.
    fn winner(files: &[FileReport], unit: &str) -> Option<usize> {
        let mut mine: Vec<usize> = (0..files.len())
            .filter(|i| {
                files[*i]
                    .identity
                    .as_ref()
                    .is_some_and(|id| id.recipient == unit)
            })
            .collect();
        mine.sort_by(|a, b| precedence(&files[*a], &files[*b]));
        mine.iter()
            .copied()
            .find(|i| files[*i].status == FileStatus::Ok)
            .or_else(|| mine.first().copied())
    }

    proptest! {
        /// Whatever order files arrive in, the file the register will choose keeps its values,
        /// and no recipient keeps values for more than two files.
        #[test]
        fn the_winner_keeps_its_values_and_few_others_do(
            files in prop::collection::vec((0usize..3, 0u8..6, any::<bool>()), 1..40),
            order in any::<prop::sample::Index>(),
        ) {
            let all: Vec<FileReport> = files
                .iter()
                .enumerate()
                .map(|(i, (unit, saved, ok))| report(i, *unit, *saved, *ok))
                .collect();
            let mut slots: Vec<Option<FileReport>> = vec![None; all.len()];
            let mut contenders = Contenders::default();
            // Arrival order: a rotation of the file order, as threads finish out of order.
            let start = order.index(all.len());
            for k in 0..all.len() {
                let i = (start + k * 7) % all.len();
                if slots[i].is_some() {
                    continue;
                }
                slots[i] = Some(all[i].clone());
                contenders.admit(&mut slots, i);
            }
            for i in 0..all.len() {
                if slots[i].is_none() {
                    slots[i] = Some(all[i].clone());
                    contenders.admit(&mut slots, i);
                }
            }
            let kept: Vec<FileReport> = slots.into_iter().flatten().collect();
            for unit in ["u0", "u1", "u2"] {
                if let Some(w) = winner(&all, unit) {
                    prop_assert!(kept[w].read.is_some(), "the winner {w} of {unit} lost its values");
                    prop_assert!(kept[w].identity.as_ref().is_some_and(|id| !id.rows.is_empty()));
                }
                let with_values = kept
                    .iter()
                    .filter(|f| f.read.is_some())
                    .filter(|f| f.identity.as_ref().is_some_and(|id| id.recipient == unit))
                    .count();
                prop_assert!(with_values <= 2, "{unit} keeps {with_values} files' values");
            }
        }
    }
}
