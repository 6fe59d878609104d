//! `styr import <source> FILE... --period P`: numbers from the systems (an ekonomisystem's
//! huvudbok, an HR export) into the store, each with its provenance.
//!
//! A source is declared in `styr.toml` ([`crate::workspace::sources`]). Each file is read as
//! the source says (CSV through polars' lazy reader after its encoding is turned into UTF-8, or
//! an Excel sheet), every row's key is mapped to a unit by the units' `codes`, its month read,
//! its numbers parsed, and the rows summed to one value per unit and target
//! ([`aggregate`]). Every row that cannot be read is a finding at its line and column (or
//! cell); with any error nothing is stored. Otherwise the values replace the earlier import of
//! the same source and period in one atomic write, and importing the same files again changes
//! nothing.
//!
//! | code | finding |
//! |---|---|
//! | I001 | the file cannot be read, or is not what the source declares (not an Excel file) |
//! | I002 | the text is not UTF-8 although the source says so |
//! | I003 | the sheet is not in the workbook, or the header row is empty |
//! | I010 | a column the source names is not in the header |
//! | I011 | a value that is not a number |
//! | I012 | a period that is not a month |
//! | I013 | a code that belongs to no unit, with its rows and totals |
//! | I014 | a key that occurs twice in a month |
//! | I015 | a row with amounts but no key |
//! | I016 | two files give a value for the same unit |
//! | I017 | the export ends before the period does |
//! | I020 | a Kolada file that is not Kolada's JSON ([`kolada`]) |
//!
//! Kolada's CSV (`styr import kolada FILE.csv`, layout in `[kolada.csv]`) uses I001, I002, I003,
//! I010, I011 and I012 as above.

pub mod aggregate;
pub mod kolada;
pub mod parse;

use std::path::{Path, PathBuf};

use crate::analysis::store::{Imported, Store, StoreError, StoredValue};
use crate::diag::{Diagnostic, Location};
use crate::domain::{CellRef, FormKind, Period, SheetCell};
use crate::form::{FieldRole, Repeat};
use crate::workspace::Workspace;
use crate::workspace::sources::{Encoding, FileFormat, SourceDef, TargetKind};

use aggregate::{Aggregator, Cell, Finding, UnitValue};

/// Why an import could not run at all (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("okänd källa '{0}'")]
    UnknownSource(String, Vec<String>),
    #[error("{0} är ingen uppföljningsperiod")]
    NotFollowUp(Period),
    #[error("källan '{src}': {what}")]
    Target { src: String, what: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub diagnostics: Vec<Diagnostic>,
    /// The values read (stored unless there are errors).
    pub values: Vec<StoredValue>,
    /// Rows read and rows within the period, per file.
    pub files: Vec<FileSummary>,
    /// Whether the store changed.
    pub changed: bool,
}

/// One file of an import.
#[derive(Debug, Clone)]
pub struct FileSummary {
    pub file: String,
    pub sha256: String,
    pub rows: usize,
    pub rows_used: usize,
}

impl ImportReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where a value goes in the follow-up form: (section, key, field).
type Place = (String, String, String);

/// Where each target's values go in the follow-up form, and the form's version.
fn destinations(ws: &Workspace, src: &SourceDef) -> Result<(u32, Vec<Place>), ImportError> {
    let fail = |what: String| ImportError::Target {
        src: src.id.clone(),
        what,
    };
    let def = ws
        .forms
        .current(FormKind::Uppfoljning)
        .ok_or_else(|| fail("arbetsytan har ingen uppföljningsmall".into()))?;
    let mut out = Vec::new();
    for t in &src.targets {
        match &t.kind {
            TargetKind::Indicator(id) => {
                let ind = ws
                    .catalogue
                    .indicator(id)
                    .ok_or_else(|| fail(format!("okänd indikator '{id}'")))?;
                let place = def
                    .sections
                    .iter()
                    .filter(|s| {
                        s.repeat == Repeat::Indicator
                            && (s.areas.is_empty() || s.areas.contains(&ind.area))
                    })
                    .find_map(|s| {
                        s.fields
                            .iter()
                            .find(|f| f.role == Some(FieldRole::Outcome))
                            .map(|f| (s.id.clone(), id.clone(), f.id.clone()))
                    })
                    .ok_or_else(|| {
                        fail(format!(
                            "uppföljningsmallen har ingen rad för indikatorn '{id}'"
                        ))
                    })?;
                out.push(place);
            }
            TargetKind::Role(r) => {
                let (s, f) = def.with_role(*r).into_iter().next().ok_or_else(|| {
                    fail(format!(
                        "inget fält i uppföljningsmallen har rollen '{}'",
                        crate::workspace::sources::role_name(*r)
                    ))
                })?;
                let key = if s.repeat == Repeat::Once {
                    String::new()
                } else {
                    return Err(fail(format!(
                        "fältet '{}' med rollen '{}' står inte på ett formulärblad",
                        f.id,
                        crate::workspace::sources::role_name(*r)
                    )));
                };
                out.push((s.id.clone(), key, f.id.clone()));
            }
        }
    }
    Ok((def.version, out))
}

/// Reads a CSV file in chunks into UTF-8 text, with its SHA-256: a byte order mark decides
/// the encoding, else the declared one. The file's bytes are never all in memory beside the
/// text. `Ok((sha, Err(..)))` when the text is not in its encoding.
fn read_text(
    path: &Path,
    enc: Encoding,
    shown: &Path,
) -> std::io::Result<(String, Result<String, Diagnostic>)> {
    use encoding_rs::DecoderResult;
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let size = f
        .metadata()
        .map_or(0, |m| usize::try_from(m.len()).unwrap_or(0));
    let encoding = match enc {
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
    };
    // BOM sniffing: a UTF-8 (or UTF-16) byte order mark wins over the declaration.
    let mut decoder = encoding.new_decoder();
    let mut hasher = Sha256::new();
    let mut text = String::with_capacity(size + size / 32 + 16);
    let mut chunk = vec![0u8; 1 << 20];
    let mut bad: Option<u8> = None;
    loop {
        let n = f.read(&mut chunk)?;
        hasher.update(&chunk[..n]);
        if bad.is_some() {
            if n == 0 {
                break;
            }
            continue;
        }
        let last = n == 0;
        let mut src = &chunk[..n];
        loop {
            let need = decoder
                .max_utf8_buffer_length_without_replacement(src.len())
                .unwrap_or(src.len() * 3 + 16);
            text.reserve(need);
            let (result, read) = decoder.decode_to_string_without_replacement(src, &mut text, last);
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => src = &src[read..],
                DecoderResult::Malformed(len, extra) => {
                    let at = read.saturating_sub(usize::from(len) + usize::from(extra));
                    bad = Some(src.get(at).copied().unwrap_or(0));
                    break;
                }
            }
        }
        if last {
            break;
        }
    }
    let sha: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let Some(byte) = bad else {
        return Ok((sha, Ok(text)));
    };
    let line = text.matches('\n').count() + 1;
    let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Ok((
        sha,
        Err(Diagnostic::error(
            "I002",
            Location::Text {
                file: shown.to_path_buf(),
                line,
                col,
            },
            format!("filen är inte UTF-8 (byte 0x{byte:02X})"),
        )
        .hint("svenska systemexporter är ofta Windows-1252: skriv encoding = \"windows-1252\" för källan i styr.toml")),
    ))
}

/// Finds the columns the source reads in a header: key, period, value columns, unique columns.
fn columns(src: &SourceDef, names: &[String]) -> Result<Vec<usize>, Vec<(String, String)>> {
    let mut wanted: Vec<&str> = vec![&src.key, &src.period];
    wanted.extend(src.value_columns());
    wanted.extend(src.unique.iter().map(String::as_str));
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for w in wanted {
        match names
            .iter()
            .position(|n| n.trim().eq_ignore_ascii_case(w.trim()))
        {
            Some(i) => out.push(i),
            None => {
                let hint = match crate::diag::closest(w, names.iter().map(String::as_str)) {
                    Some(c) => format!("menade du '{c}'? Rubrikerna är: {}", names.join(", ")),
                    None => format!("rubrikerna i filen är: {}", names.join(", ")),
                };
                missing.push((w.to_string(), hint));
            }
        }
    }
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(missing)
    }
}

fn finding_diag(f: &Finding, location: Location) -> Diagnostic {
    Diagnostic::error(f.code, location, f.message.clone()).hint(f.hint.clone())
}

/// A file read: its values, findings, rows.
struct Read {
    values: Vec<UnitValue>,
    diags: Vec<Diagnostic>,
    rows: usize,
    rows_used: usize,
    latest: Option<(u16, u8)>,
    sheet: String,
    /// (line or row, column) of a value's first line, for the cell of the store.
    cols: Vec<usize>,
}

fn missing_columns(
    missing: Vec<(String, String)>,
    at: &dyn Fn() -> Location,
    src: &SourceDef,
) -> Vec<Diagnostic> {
    missing
        .into_iter()
        .map(|(name, hint)| {
            Diagnostic::error(
                "I010",
                at(),
                format!("kolumnen '{name}' som källan '{}' läser saknas", src.id),
            )
            .hint(hint)
        })
        .collect()
}

fn past_notes(file: &Path, past: &[(&'static str, usize)]) -> Vec<Diagnostic> {
    past.iter()
        .map(|(code, n)| {
            Diagnostic::error(
                code,
                Location::File(file.to_path_buf()),
                format!("och {n} fler rader med samma fel"),
            )
            .hint("rätta exporten och importera igen")
        })
        .collect()
}

fn read_csv(
    src: &SourceDef,
    ws: &Workspace,
    period: Period,
    file: &Path,
    text: Result<String, Diagnostic>,
) -> Read {
    let empty = |diags| Read {
        values: Vec::new(),
        diags,
        rows: 0,
        rows_used: 0,
        latest: None,
        sheet: String::new(),
        cols: Vec::new(),
    };
    let text = match text {
        Ok(t) => crate::analysis::csv_rows::CsvText::new(t),
        Err(d) => return empty(vec![d]),
    };
    let at_header = || Location::Text {
        file: file.to_path_buf(),
        line: src.header_row,
        col: 1,
    };
    let Some(names) = text.header(src.delimiter, src.header_row) else {
        return empty(vec![
            Diagnostic::error(
                "I003",
                at_header(),
                format!("filen har ingen rubrikrad på rad {}", src.header_row),
            )
            .hint("header_row i styr.toml anger raden med kolumnnamnen"),
        ]);
    };
    let cols = match columns(src, &names) {
        Ok(c) => c,
        Err(missing) => return empty(missing_columns(missing, &at_header, src)),
    };
    let mut agg = Aggregator::new(src, &ws.sources, period);
    let read = crate::analysis::csv_rows::for_each_row(
        &text,
        src.delimiter,
        src.header_row,
        &cols,
        |line, row| {
            let cells: Vec<Cell<'_>> = row
                .iter()
                .map(|c| c.map_or(Cell::Empty, Cell::Text))
                .collect();
            agg.row(line, &cells);
        },
    );
    if let Err(e) = read {
        return empty(vec![
            Diagnostic::error(
                "I001",
                Location::File(file.to_path_buf()),
                "filen kan inte läsas som CSV",
            )
            .hint("kontrollera avgränsaren (delimiter) i styr.toml")
            .detail(e.0),
        ]);
    }
    let (rows, rows_used, latest) = (agg.rows, agg.rows_used, agg.latest);
    let (values, findings, past) = agg.finish();
    // Line texts only for the findings.
    let wanted: Vec<usize> = findings.iter().map(|f| f.line).filter(|l| *l > 0).collect();
    let texts = text.lines(&wanted);
    let mut diags: Vec<Diagnostic> = findings
        .iter()
        .map(|f| {
            let loc = if f.line == 0 {
                Location::File(file.to_path_buf())
            } else {
                let line_text = texts.get(&f.line).map_or("", String::as_str);
                Location::Text {
                    file: file.to_path_buf(),
                    line: f.line,
                    col: crate::analysis::csv_rows::column_of_field(
                        line_text,
                        src.delimiter,
                        cols.get(f.cell).copied().unwrap_or(0),
                    ),
                }
            };
            finding_diag(f, loc)
        })
        .collect();
    diags.extend(past_notes(file, &past));
    Read {
        values,
        diags,
        rows,
        rows_used,
        latest,
        sheet: String::new(),
        cols,
    }
}

fn read_xlsx(src: &SourceDef, ws: &Workspace, period: Period, file: &Path, bytes: &[u8]) -> Read {
    use crate::xlsx_read::raw::{self, RawCell};
    let empty = |diags| Read {
        values: Vec::new(),
        diags,
        rows: 0,
        rows_used: 0,
        latest: None,
        sheet: String::new(),
        cols: Vec::new(),
    };
    let limits = raw::Limits {
        rows: 1_048_576,
        cols: 16_384,
        cells: 50_000_000,
    };
    let wb = match raw::open(
        bytes,
        raw::Format::Xlsx,
        &limits,
        &crate::xlsx_read::guard::ZipLimits::default(),
    ) {
        Ok(wb) => wb,
        Err(e) => {
            return empty(vec![
                Diagnostic::error(
                    "I001",
                    Location::File(file.to_path_buf()),
                    "filen kan inte läsas som en Excel-fil (.xlsx)",
                )
                .hint("spara exporten som .xlsx, eller som CSV med format = \"csv\"")
                .detail(format!("{e:?}")),
            ]);
        }
    };
    let sheet = match &src.sheet {
        Some(name) => wb.sheet(name),
        None => wb.sheets.iter().find(|s| s.worksheet),
    };
    let Some(sheet) = sheet else {
        let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
        return empty(vec![
            Diagnostic::error(
                "I003",
                Location::File(file.to_path_buf()),
                format!(
                    "bladet '{}' finns inte i arbetsboken",
                    src.sheet.as_deref().unwrap_or("")
                ),
            )
            .hint(format!("bladen är: {}", names.join(", "))),
        ]);
    };
    let header_row = u32::try_from(src.header_row - 1).unwrap_or(0);
    let at = |row: u32, col: usize| Location::Cell {
        file: file.to_path_buf(),
        cell: SheetCell::new(
            sheet.name.clone(),
            CellRef::new(row, u16::try_from(col).unwrap_or(u16::MAX)),
        ),
    };
    let mut cells: Vec<&(u32, u16, RawCell)> = sheet.cells.iter().collect();
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    let text_of = |c: &RawCell| match c {
        RawCell::Text(t) => t.trim().to_string(),
        RawCell::Number(n) | RawCell::Percent(n) | RawCell::Serial(n) => n.to_string(),
        RawCell::Bool(b) => b.to_string(),
        RawCell::IsoDate(s) | RawCell::Error(s) => s.clone(),
    };
    let mut names: Vec<String> = Vec::new();
    for (_, c, v) in cells.iter().filter(|(r, _, _)| *r == header_row) {
        let c = usize::from(*c);
        if names.len() <= c {
            names.resize(c + 1, String::new());
        }
        names[c] = text_of(v);
    }
    if names.iter().all(String::is_empty) {
        return empty(vec![
            Diagnostic::error(
                "I003",
                at(header_row, 0),
                format!("bladet har ingen rubrikrad på rad {}", src.header_row),
            )
            .hint("header_row i styr.toml anger raden med kolumnnamnen"),
        ]);
    }
    let cols = match columns(src, &names) {
        Ok(c) => c,
        Err(missing) => return empty(missing_columns(missing, &|| at(header_row, 0), src)),
    };
    let mut agg = Aggregator::new(src, &ws.sources, period);
    let mut row_cells: Vec<Cell<'_>> = vec![Cell::Empty; cols.len()];
    let mut i = 0;
    let body: Vec<&&(u32, u16, RawCell)> =
        cells.iter().filter(|(r, _, _)| *r > header_row).collect();
    while i < body.len() {
        let row = body[i].0;
        row_cells.iter_mut().for_each(|c| *c = Cell::Empty);
        while i < body.len() && body[i].0 == row {
            let (_, c, v) = body[i];
            if let Some(pos) = cols.iter().position(|x| *x == usize::from(*c)) {
                let cell = match v {
                    RawCell::Text(t) => Cell::Text(t.as_str()),
                    RawCell::Number(n) => Cell::Number(*n),
                    RawCell::Percent(p) => Cell::Percent(*p),
                    RawCell::Serial(s) => Cell::Serial(*s),
                    RawCell::IsoDate(s) | RawCell::Error(s) => Cell::Text(s.as_str()),
                    RawCell::Bool(_) => Cell::Text("sant/falskt"),
                };
                // A column may be read twice (key and unique): fill every position.
                for (p, x) in cols.iter().enumerate() {
                    if *x == usize::from(*c) {
                        row_cells[p] = cell;
                    }
                }
                let _ = pos;
            }
            i += 1;
        }
        agg.row(usize::try_from(row).unwrap_or(0) + 1, &row_cells);
    }
    let (rows, rows_used, latest) = (agg.rows, agg.rows_used, agg.latest);
    let (values, findings, past) = agg.finish();
    let mut diags: Vec<Diagnostic> = findings
        .iter()
        .map(|f| {
            let loc = if f.line == 0 {
                Location::Sheet {
                    file: file.to_path_buf(),
                    sheet: sheet.name.clone(),
                }
            } else {
                at(
                    u32::try_from(f.line - 1).unwrap_or(0),
                    cols.get(f.cell).copied().unwrap_or(0),
                )
            };
            finding_diag(f, loc)
        })
        .collect();
    diags.extend(past_notes(file, &past));
    Read {
        values,
        diags,
        rows,
        rows_used,
        latest,
        sheet: sheet.name.clone(),
        cols,
    }
}

/// A file as messages and the store name it: inside the workspace relative to it.
fn shown(ws: &Workspace, file: &Path) -> PathBuf {
    file.strip_prefix(&ws.root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| file.to_path_buf())
}

/// Reads `files` as source `source_id` for `period` and, when nothing is wrong, puts the
/// values in the store.
///
/// # Errors
/// [`ImportError`] when the source is unknown, the period is not a follow-up, a target has no
/// place in the form, or the store cannot be read or written.
pub fn import(
    ws: &Workspace,
    source_id: &str,
    files: &[PathBuf],
    period: Period,
    imported_at: &str,
) -> Result<ImportReport, ImportError> {
    let src = ws.sources.get(source_id).ok_or_else(|| {
        ImportError::UnknownSource(
            source_id.to_string(),
            ws.sources.list.iter().map(|s| s.id.clone()).collect(),
        )
    })?;
    if !period.is_follow_up() {
        return Err(ImportError::NotFollowUp(period));
    }
    let (version, places) = destinations(ws, src)?;
    let mut report = ImportReport::default();
    let mut latest: Option<(u16, u8)> = None;
    let mut any_rows = false;
    let mut by_unit: std::collections::BTreeMap<(String, usize), (String, usize)> =
        std::collections::BTreeMap::new();
    for path in files {
        let name = shown(ws, path);
        let unreadable = |e: std::io::Error| {
            Diagnostic::error(
                "I001",
                Location::File(name.clone()),
                format!("filen kan inte läsas: {e}"),
            )
            .hint("kontrollera sökvägen")
        };
        let (sha, read) = match src.format_of(path) {
            FileFormat::Csv => match read_text(path, src.encoding, &name) {
                Ok((sha, text)) => (sha, read_csv(src, ws, period, &name, text)),
                Err(e) => {
                    report.diagnostics.push(unreadable(e));
                    continue;
                }
            },
            FileFormat::Xlsx => match std::fs::read(path) {
                Ok(bytes) => (sha256(&bytes), read_xlsx(src, ws, period, &name, &bytes)),
                Err(e) => {
                    report.diagnostics.push(unreadable(e));
                    continue;
                }
            },
        };
        any_rows |= read.rows > 0;
        if let Some(l) = read.latest {
            latest = Some(latest.map_or(l, |x: (u16, u8)| x.max(l)));
        }
        // I017 is a finding of all the files together: drop the per-file ones.
        report
            .diagnostics
            .extend(read.diags.into_iter().filter(|d| d.code != "I017"));
        report.files.push(FileSummary {
            file: name.display().to_string(),
            sha256: sha.clone(),
            rows: read.rows,
            rows_used: read.rows_used,
        });
        for v in read.values {
            let target = &src.targets[v.target];
            if let Some((other, _)) = by_unit.get(&(v.unit.clone(), v.target)) {
                report.diagnostics.push(
                    Diagnostic::error(
                        "I016",
                        Location::File(name.clone()),
                        format!(
                            "enheten {} har redan ett värde för {} från {other}",
                            v.unit, target.value
                        ),
                    )
                    .hint("importera en export per källa och period"),
                );
                continue;
            }
            by_unit.insert((v.unit.clone(), v.target), (name.display().to_string(), 0));
            let (section, key, field) = places[v.target].clone();
            let first = v.lines.first().map_or(0, |l| l.0);
            let col = read
                .cols
                .get(
                    2 + src
                        .value_columns()
                        .iter()
                        .position(|c| {
                            target
                                .terms
                                .first()
                                .is_some_and(|t| t.1.eq_ignore_ascii_case(c))
                        })
                        .unwrap_or(0),
                )
                .copied()
                .unwrap_or(0);
            let cell = if read.sheet.is_empty() {
                format!("{first}:{}", col + 1)
            } else {
                CellRef::new(
                    u32::try_from(first.saturating_sub(1)).unwrap_or(0),
                    u16::try_from(col).unwrap_or(0),
                )
                .to_string()
            };
            report.values.push(StoredValue {
                period,
                form: FormKind::Uppfoljning,
                form_version: version,
                unit: v.unit.clone(),
                section,
                key,
                field,
                number: Some(v.number),
                text: None,
                file: name.display().to_string(),
                sha256: sha.clone(),
                sheet: read.sheet.clone(),
                cell,
                collected_at: imported_at.to_string(),
                preliminary: false,
                error: None,
                mail: None,
                import: Some(Imported {
                    source: src.id.clone(),
                    kind: src.kind.clone(),
                    lines: aggregate::ranges(&v.lines),
                    column: target.value.clone(),
                    status: None,
                }),
            });
        }
    }
    let last = period.months().unwrap_or(12);
    if any_rows && latest.is_none_or(|l| l < (period.year(), last)) {
        let (ly, lm) = latest.unwrap_or((0, 0));
        let file = files.first().map(|f| shown(ws, f)).unwrap_or_default();
        report.diagnostics.push(
            Diagnostic::error(
                "I017",
                Location::File(file),
                format!(
                    "exporten har rader till och med {ly}-{lm:02}, men {period} slutar {}-{last:02}",
                    period.year()
                ),
            )
            .hint("ta ut en ny export som omfattar hela perioden"),
        );
    }
    if report.errors() > 0 {
        return Ok(report);
    }
    let path = Store::path(&ws.path(&ws.config.folders.data));
    let mut store = Store::load(&path)?;
    report.changed = store.put_import(&src.id, period, report.values.clone());
    if report.changed {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io(dir.to_path_buf(), e))?;
        }
        store.save(&path)?;
    }
    Ok(report)
}

/// Imports Kolada JSON files (`styr import kolada FILE...`, see [`kolada`]): every year they
/// hold, or only `period`'s year; each year replaces the earlier Kolada import of that year as
/// a whole, and the same files again change nothing.
///
/// # Errors
/// [`ImportError::Store`] when the store cannot be read or written.
pub fn import_kolada(
    ws: &Workspace,
    files: &[PathBuf],
    period: Option<Period>,
    imported_at: &str,
) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    let mut by_year: std::collections::BTreeMap<u16, Vec<StoredValue>> =
        std::collections::BTreeMap::new();
    for path in files {
        let name = shown(ws, path);
        let is_csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("txt"));
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                report.diagnostics.push(
                    Diagnostic::error(
                        "I001",
                        Location::File(name.clone()),
                        format!("filen kan inte läsas: {e}"),
                    )
                    .hint("kontrollera sökvägen"),
                );
                continue;
            }
        };
        let sha = sha256(&bytes);
        let read = if is_csv {
            kolada::read_csv(ws, &bytes, &name, &sha, imported_at)
        } else {
            match std::str::from_utf8(&bytes) {
                Ok(text) => {
                    kolada::read_json(ws, text, &name, &sha, imported_at).map_err(|d| vec![d])
                }
                Err(err) => {
                    let good = &bytes[..err.valid_up_to()];
                    let line = memchr::memchr_iter(b'\n', good).count() + 1;
                    Err(vec![
                        Diagnostic::error(
                            "I002",
                            Location::Text {
                                file: name.clone(),
                                line,
                                col: 1,
                            },
                            "filen är inte UTF-8".to_string(),
                        )
                        .hint("Koladas JSON är UTF-8: spara svaret som det kom"),
                    ])
                }
            }
        };
        match read {
            Ok(read) => {
                report.files.push(FileSummary {
                    file: name.display().to_string(),
                    sha256: sha,
                    rows: read.entries,
                    rows_used: read.entries - read.left_out,
                });
                for (y, mut vs) in read.by_year {
                    if period.is_none_or(|p| p.year() == y) {
                        by_year.entry(y).or_default().append(&mut vs);
                    }
                }
            }
            Err(mut d) => report.diagnostics.append(&mut d),
        }
    }
    report.values = by_year.values().flatten().cloned().collect();
    if report.errors() > 0 {
        return Ok(report);
    }
    let path = Store::path(&ws.path(&ws.config.folders.data));
    let mut store = Store::load(&path)?;
    for (y, vs) in by_year {
        report.changed |= store.put_import(kolada::SOURCE, Period::Year(y), vs);
    }
    if report.changed {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io(dir.to_path_buf(), e))?;
        }
        store.save(&path)?;
    }
    Ok(report)
}
