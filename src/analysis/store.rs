//! The data store: every accepted value, one row each, with its provenance, in
//! `<data>/varden.parquet`.
//!
//! | column        | type | meaning                                                      |
//! |---------------|------|--------------------------------------------------------------|
//! | period        | str  | `2026-T1`                                                    |
//! | form          | str  | form kind (`uppfoljning`)                                    |
//! | form_version  | u32  | version of the form definition the file was made from        |
//! | unit          | str  | unit id (förvaltning id for per-förvaltning forms)           |
//! | section       | str  | section id of the form definition                            |
//! | key           | str  | row key: indicator id, control id, row number; "" for once   |
//! | field         | str  | field id                                                     |
//! | number        | f64? | numeric value (number, percent, amount)                      |
//! | text          | str? | text value (text, choice, Ja/Nej, date as `2026-05-08`)      |
//! | file          | str  | file name as collected                                       |
//! | sha256        | str  | SHA-256 of the file's bytes                                  |
//! | sheet         | str  | sheet the value was read from                                |
//! | cell          | str  | cell the value was read from (`E7`)                          |
//! | collected_at  | str  | when the file was first collected (UTC, RFC 3339)            |
//! | preliminary   | bool | the return had errors: its valid values are used, marked     |
//! |               |      | preliminary, until the unit sends a correction               |
//! | error         | str? | the code of the error of a cell whose value was refused      |
//! |               |      | (`R203`); such a row has no number and no text               |
//! | mail_from     | str? | a return sent as an e-mail attachment: the mail's sender     |
//! | mail_date     | str? | … and the mail's date (RFC 3339)                             |
//! | source        | str? | an imported value: the source's id in `styr.toml` (`ekonomi`)|
//! | source_kind   | str? | an imported value: the kind of system (`ekonomisystem`)      |
//! | lines         | str? | an imported value: the file's lines (CSV) or rows (Excel)    |
//! |               |      | it was summed from, `2-13,40` (`… (n rader)` past 20 ranges) |
//! | column        | str? | an imported value: the column(s) it was read from            |
//! | status        | str? | an imported value: the status its source gives it (Kolada)   |
//!
//! A return replaces the earlier one of the same unit, form and period as a whole. Collecting
//! the same file again keeps the stored rows as they are, so the file does not change. A store
//! written before `preliminary` and `error` existed reads as final values without errors.
//!
//! An imported value (`styr import`) is stored like a returned one, under the follow-up form,
//! the section and field its target names, with `sheet` the sheet it was read from (empty for
//! CSV) and `cell` its first cell (Excel) or `line:column` (CSV). An import replaces the
//! earlier import of the same source and period as a whole; importing the same files again
//! changes nothing. Imported values are read by the checks before returned ones (the system's
//! figure wins) and are never counted as a unit's return ([`Store::of`]).

use std::io::Cursor;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::domain::{FormKind, Period};

pub const STORE_FILE: &str = "varden.parquet";

/// One stored value with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredValue {
    pub period: Period,
    pub form: FormKind,
    pub form_version: u32,
    pub unit: String,
    pub section: String,
    pub key: String,
    pub field: String,
    pub number: Option<f64>,
    pub text: Option<String>,
    pub file: String,
    pub sha256: String,
    pub sheet: String,
    pub cell: String,
    pub collected_at: String,
    /// From a return with errors: used, but marked preliminary until corrected.
    pub preliminary: bool,
    /// The error code of a refused cell: the row marks the cell, it holds no value.
    pub error: Option<String>,
    /// A return that came as an e-mail attachment: the mail's sender and date.
    pub mail: Option<Mailed>,
    /// Where an imported value came from; `None` for a value of a return.
    pub import: Option<Imported>,
}

/// The mail a returned workbook was attached to (`.eml`, `.msg` in the incoming folder).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mailed {
    /// The sender's address, as the mail gives it.
    pub from: String,
    /// When the mail was sent (RFC 3339), or empty.
    pub date: String,
}

/// The provenance of an imported value beyond its file, SHA-256, sheet and cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The source's id in `styr.toml`.
    pub source: String,
    /// The kind of system (`ekonomisystem`, `hr`).
    pub kind: String,
    /// The lines (CSV) or rows (Excel) summed, as ranges: `2-13,40`.
    pub lines: String,
    /// The column(s) read: `Utfall`, `Budget - Utfall`.
    pub column: String,
    /// The status the source gives the value (Kolada: `""` final, or e.g. preliminary);
    /// `None` for a source without one.
    pub status: Option<String>,
}

impl StoredValue {
    /// Whether the row holds a value (not the mark of a refused cell).
    pub fn is_value(&self) -> bool {
        self.error.is_none()
    }

    fn return_key(&self) -> (Period, FormKind, &str) {
        (self.period, self.form, &self.unit)
    }

    fn sort_key(&self) -> (Period, &str, &str, &str, &str, &str, bool, &str) {
        (
            self.period,
            self.form.key(),
            &self.unit,
            &self.section,
            &self.key,
            &self.field,
            // An imported value before a returned one: the checks take the first.
            self.import.is_none(),
            self.import.as_ref().map_or("", |i| i.source.as_str()),
        )
    }

    /// The source of an imported value.
    pub fn source(&self) -> Option<&str> {
        self.import.as_ref().map(|i| i.source.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}: the data store cannot be read: {1}")]
    Format(PathBuf, String),
}

/// The source id, kind and section of values imported from Kolada (`styr import kolada`); here
/// so that check's peer lens finds them without depending on the importer.
pub const KOLADA_SOURCE: &str = "kolada";

/// All stored values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Store {
    pub values: Vec<StoredValue>,
}

fn col_str<'a>(df: &'a DataFrame, name: &str) -> PolarsResult<&'a StringChunked> {
    df.column(name)?.str()
}

impl Store {
    /// The store file of a workspace data folder.
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(STORE_FILE)
    }

    /// Loads the store; a missing file is an empty store.
    ///
    /// # Errors
    /// [`StoreError`] when the file exists but cannot be read or has the wrong shape.
    pub fn load(path: &Path) -> Result<Self, StoreError> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Store::default()),
            Err(e) => return Err(StoreError::Io(path.to_path_buf(), e)),
        };
        let fmt = |e: PolarsError| StoreError::Format(path.to_path_buf(), e.to_string());
        let df = ParquetReader::new(Cursor::new(bytes))
            .finish()
            .map_err(fmt)?;
        Self::from_frame(&df).map_err(|e| match e {
            FrameError::Polars(e) => fmt(e),
            FrameError::Value(m) => StoreError::Format(path.to_path_buf(), m),
        })
    }

    fn from_frame(df: &DataFrame) -> Result<Self, FrameError> {
        let s = |n| col_str(df, n).map_err(FrameError::Polars);
        let (period, form, unit, section, key, field) = (
            s("period")?,
            s("form")?,
            s("unit")?,
            s("section")?,
            s("key")?,
            s("field")?,
        );
        let (text, file, sha, sheet, cell, at) = (
            s("text")?,
            s("file")?,
            s("sha256")?,
            s("sheet")?,
            s("cell")?,
            s("collected_at")?,
        );
        let version = df
            .column("form_version")
            .and_then(|c| c.u32())
            .map_err(FrameError::Polars)?;
        let number = df
            .column("number")
            .and_then(|c| c.f64())
            .map_err(FrameError::Polars)?;
        // Added later: a store without them holds final values only.
        let preliminary = df.column("preliminary").ok().and_then(|c| c.bool().ok());
        let error = df.column("error").ok().and_then(|c| c.str().ok());
        let opt = |n: &str| df.column(n).ok().and_then(|c| c.str().ok());
        let (mail_from, mail_date) = (opt("mail_from"), opt("mail_date"));
        let (source, kind, lines, column, status) = (
            opt("source"),
            opt("source_kind"),
            opt("lines"),
            opt("column"),
            opt("status"),
        );
        let mut values = Vec::with_capacity(df.height());
        for i in 0..df.height() {
            let req = |c: &StringChunked, n: &str| {
                c.get(i)
                    .map(str::to_string)
                    .ok_or_else(|| FrameError::Value(format!("row {i}: no {n}")))
            };
            let period_s = req(period, "period")?;
            let form_s = req(form, "form")?;
            values.push(StoredValue {
                period: Period::parse(&period_s).map_err(|e| FrameError::Value(e.to_string()))?,
                form: FormKind::parse(&form_s)
                    .ok_or_else(|| FrameError::Value(format!("unknown form '{form_s}'")))?,
                form_version: version.get(i).unwrap_or(0),
                unit: req(unit, "unit")?,
                section: req(section, "section")?,
                key: req(key, "key")?,
                field: req(field, "field")?,
                number: number.get(i),
                text: text.get(i).map(str::to_string),
                file: req(file, "file")?,
                sha256: req(sha, "sha256")?,
                sheet: req(sheet, "sheet")?,
                cell: req(cell, "cell")?,
                collected_at: req(at, "collected_at")?,
                preliminary: preliminary.and_then(|c| c.get(i)).unwrap_or(false),
                error: error.and_then(|c| c.get(i)).map(str::to_string),
                mail: mail_from.and_then(|c| c.get(i)).map(|from| Mailed {
                    from: from.to_string(),
                    date: mail_date
                        .and_then(|c| c.get(i))
                        .unwrap_or_default()
                        .to_string(),
                }),
                import: source.and_then(|c| c.get(i)).map(|src| {
                    let get = |c: Option<&StringChunked>| {
                        c.and_then(|c| c.get(i)).unwrap_or_default().to_string()
                    };
                    Imported {
                        source: src.to_string(),
                        kind: get(kind),
                        lines: get(lines),
                        column: get(column),
                        status: status.and_then(|c| c.get(i)).map(str::to_string),
                    }
                }),
            });
        }
        Ok(Store { values })
    }

    /// The store as a data frame with the columns documented above.
    ///
    /// # Errors
    /// Only polars' own errors building the frame.
    pub fn frame(&self) -> PolarsResult<DataFrame> {
        let v = &self.values;
        let strs = |f: &dyn Fn(&StoredValue) -> String| v.iter().map(f).collect::<Vec<_>>();
        let imp = |f: &dyn Fn(&Imported) -> String| {
            v.iter()
                .map(|x| x.import.as_ref().map(f))
                .collect::<Vec<Option<String>>>()
        };
        df!(
            "period" => strs(&|x| x.period.to_string()),
            "form" => strs(&|x| x.form.key().to_string()),
            "form_version" => v.iter().map(|x| x.form_version).collect::<Vec<u32>>(),
            "unit" => strs(&|x| x.unit.clone()),
            "section" => strs(&|x| x.section.clone()),
            "key" => strs(&|x| x.key.clone()),
            "field" => strs(&|x| x.field.clone()),
            "number" => v.iter().map(|x| x.number).collect::<Vec<Option<f64>>>(),
            "text" => v.iter().map(|x| x.text.clone()).collect::<Vec<Option<String>>>(),
            "file" => strs(&|x| x.file.clone()),
            "sha256" => strs(&|x| x.sha256.clone()),
            "sheet" => strs(&|x| x.sheet.clone()),
            "cell" => strs(&|x| x.cell.clone()),
            "collected_at" => strs(&|x| x.collected_at.clone()),
            "preliminary" => v.iter().map(|x| x.preliminary).collect::<Vec<bool>>(),
            "error" => v.iter().map(|x| x.error.clone()).collect::<Vec<Option<String>>>(),
            "mail_from" => v
                .iter()
                .map(|x| x.mail.as_ref().map(|m| m.from.clone()))
                .collect::<Vec<Option<String>>>(),
            "mail_date" => v
                .iter()
                .map(|x| x.mail.as_ref().map(|m| m.date.clone()))
                .collect::<Vec<Option<String>>>(),
            "source" => imp(&|i| i.source.clone()),
            "source_kind" => imp(&|i| i.kind.clone()),
            "lines" => imp(&|i| i.lines.clone()),
            "column" => imp(&|i| i.column.clone()),
            "status" => v
                .iter()
                .map(|x| x.import.as_ref().and_then(|i| i.status.clone()))
                .collect::<Vec<Option<String>>>(),
        )
    }

    /// Puts a unit's accepted return in the store, replacing the earlier return of the same
    /// unit, form and period. A return from a file already stored (same SHA-256) changes nothing.
    /// Returns whether the store changed.
    pub fn put_return(&mut self, values: Vec<StoredValue>) -> bool {
        let changed = self.put_return_unsorted(values);
        if changed {
            self.sort();
        }
        changed
    }

    /// [`Store::put_return`] of one return of many: the store is left unsorted until
    /// [`Store::sort`], so a batch of returns is sorted once, not once per return.
    pub fn put_return_unsorted(&mut self, mut values: Vec<StoredValue>) -> bool {
        let Some(first) = values.first() else {
            return false;
        };
        let (period, form, unit) = (first.period, first.form, first.unit.clone());
        let sha = first.sha256.clone();
        let same =
            |x: &StoredValue| x.import.is_none() && x.return_key() == (period, form, unit.as_str());
        if self.values.iter().any(|x| same(x) && x.sha256 == sha) {
            return false;
        }
        self.values.retain(|x| !same(x));
        self.values.append(&mut values);
        true
    }

    /// Puts the values in their stored order (period, form, unit, section, row, field...).
    pub fn sort(&mut self) {
        self.values.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    /// Puts the values of one import (one source and period) in the store, replacing the
    /// earlier import of that source and period as a whole. Importing the same files again (the
    /// same SHA-256s) changes nothing, not even the time imported. Returns whether the store
    /// changed.
    pub fn put_import(
        &mut self,
        source: &str,
        period: Period,
        mut values: Vec<StoredValue>,
    ) -> bool {
        let same = |x: &StoredValue| x.period == period && x.source() == Some(source);
        let files = |vs: &mut dyn Iterator<Item = &StoredValue>| {
            let mut f: Vec<String> = vs.map(|x| x.sha256.clone()).collect();
            f.sort();
            f.dedup();
            f
        };
        let old = files(&mut self.values.iter().filter(|x| same(x)));
        if !old.is_empty() && old == files(&mut values.iter()) {
            return false;
        }
        self.values.retain(|x| !same(x));
        self.values.append(&mut values);
        self.values.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        true
    }

    /// The imports in the store: (source, period, files, values, imported at), in order.
    pub fn imports(&self) -> Vec<ImportSummary> {
        let mut out: std::collections::BTreeMap<(String, Period), ImportSummary> =
            std::collections::BTreeMap::new();
        for v in &self.values {
            let Some(i) = &v.import else { continue };
            let e = out
                .entry((i.source.clone(), v.period))
                .or_insert_with(|| ImportSummary {
                    source: i.source.clone(),
                    kind: i.kind.clone(),
                    period: v.period,
                    files: Vec::new(),
                    values: 0,
                    imported_at: v.collected_at.clone(),
                });
            if !e.files.contains(&v.file) {
                e.files.push(v.file.clone());
            }
            e.values += 1;
        }
        out.into_values().collect()
    }

    /// Writes the store atomically.
    ///
    /// # Errors
    /// [`StoreError`] when the frame cannot be built or the file cannot be written.
    pub fn save(&self, path: &Path) -> Result<(), StoreError> {
        let fmt = |e: PolarsError| StoreError::Format(path.to_path_buf(), e.to_string());
        let mut df = self.frame().map_err(fmt)?;
        let mut buf = Vec::new();
        ParquetWriter::new(&mut buf).finish(&mut df).map_err(fmt)?;
        crate::fsx::write_atomic(path, &buf).map_err(|e| StoreError::Io(path.to_path_buf(), e))
    }

    /// Values of the returns of one period (and form), without the marks of refused cells and
    /// without imported values.
    pub fn of(&self, period: Period, form: FormKind) -> impl Iterator<Item = &StoredValue> {
        self.values.iter().filter(move |v| {
            v.period == period && v.form == form && v.is_value() && v.import.is_none()
        })
    }

    /// The marks of cells refused in returns of one period (and form).
    pub fn refused(&self, period: Period, form: FormKind) -> impl Iterator<Item = &StoredValue> {
        self.values
            .iter()
            .filter(move |v| v.period == period && v.form == form && !v.is_value())
    }

    /// The units whose stored return of one period (and form) had errors.
    pub fn preliminary_units(&self, period: Period, form: FormKind) -> Vec<&str> {
        let mut units: Vec<&str> = self
            .values
            .iter()
            .filter(|v| v.period == period && v.form == form && v.preliminary)
            .map(|v| v.unit.as_str())
            .collect();
        units.dedup();
        units
    }
}

/// One import in the store, for `styr status`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSummary {
    pub source: String,
    pub kind: String,
    pub period: Period,
    pub files: Vec<String>,
    pub values: usize,
    pub imported_at: String,
}

enum FrameError {
    Polars(PolarsError),
    Value(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(unit: &str, field: &str, n: f64, sha: &str) -> StoredValue {
        StoredValue {
            period: Period::parse("2026-T1").unwrap(),
            form: FormKind::Uppfoljning,
            form_version: 1,
            unit: unit.into(),
            section: "personal".into(),
            key: "sjukfranvaro".into(),
            field: field.into(),
            number: Some(n),
            text: None,
            file: format!("{unit}.xlsx"),
            sha256: sha.into(),
            sheet: "Personal och kompetens".into(),
            cell: "H6".into(),
            collected_at: "2026-05-02T10:00:00Z".into(),
            preliminary: false,
            error: None,
            mail: None,
            import: None,
        }
    }

    #[test]
    fn round_trips_through_parquet_and_replaces_returns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STORE_FILE);
        let mut s = Store::default();
        assert!(s.put_return(vec![value("a", "utfall", 6.5, "x1")]));
        assert!(s.put_return(vec![value("b", "utfall", 7.0, "x2")]));
        // same file again: no change
        assert!(!s.put_return(vec![value("a", "utfall", 6.5, "x1")]));
        // newer return replaces the unit's values as a whole
        assert!(s.put_return(vec![value("a", "analys", 1.0, "x3")]));
        assert_eq!(s.values.len(), 2);
        s.save(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let back = Store::load(&path).unwrap();
        assert_eq!(back, s);
        back.save(&path).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "saving again changes nothing"
        );
    }

    #[test]
    fn preliminary_values_and_refused_cells_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STORE_FILE);
        let mut s = Store::default();
        let mut kept = value("a", "utfall", 6.5, "x1");
        kept.preliminary = true;
        let mut refused = value("a", "prognos", 0.0, "x1");
        refused.number = None;
        refused.preliminary = true;
        refused.error = Some("R203".into());
        assert!(s.put_return(vec![kept, refused]));
        s.save(&path).unwrap();
        let back = Store::load(&path).unwrap();
        assert_eq!(back, s);
        let marks: Vec<(&str, bool, Option<&str>)> = back
            .values
            .iter()
            .map(|v| (v.field.as_str(), v.preliminary, v.error.as_deref()))
            .collect();
        assert_eq!(
            marks,
            [("prognos", true, Some("R203")), ("utfall", true, None)]
        );
        assert!(!back.values[0].is_value() && back.values[1].is_value());
        // A corrected return replaces the preliminary one as a whole: no mark stays behind.
        let mut s = back;
        assert!(s.put_return(vec![value("a", "utfall", 6.0, "x2")]));
        assert!(s.values.iter().all(|v| !v.preliminary && v.error.is_none()));
    }

    #[test]
    fn a_store_without_the_later_columns_reads_as_final_values() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STORE_FILE);
        let s = Store {
            values: vec![value("a", "utfall", 6.5, "x1")],
        };
        let mut df = s.frame().unwrap().drop_many(["preliminary", "error"]);
        let mut buf = Vec::new();
        ParquetWriter::new(&mut buf).finish(&mut df).unwrap();
        std::fs::write(&path, buf).unwrap();
        assert_eq!(Store::load(&path).unwrap(), s);
    }

    #[test]
    fn missing_store_is_empty_and_garbage_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            Store::load(&dir.path().join("none.parquet"))
                .unwrap()
                .values
                .is_empty()
        );
        let bad = dir.path().join("bad.parquet");
        std::fs::write(&bad, b"not parquet").unwrap();
        assert!(matches!(Store::load(&bad), Err(StoreError::Format(..))));
    }
}
