//! Reading a file's bytes into a [`RawWorkbook`] in process (with `catch_unwind`) or in an
//! isolated worker process (memory cap, timeout), behind one trait.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::tx;
use crate::xlsx_read::guard::{WorkerPool, ZipLimits};
use crate::xlsx_read::{self, Format, Limits, OpenError, RawWorkbook};

/// Turns a file's bytes into raw workbook data.
pub trait RawReader: Sync {
    /// # Errors
    /// A diagnostic for the whole file when it cannot be read.
    fn read(&self, file: &Path, bytes: &[u8], format: Format) -> Result<RawWorkbook, Diagnostic>;
}

/// The reader's refusal as one plain line; its own words (which may be a debug dump of an XML
/// event) go to the diagnostic's detail.
fn reader_error(file: &Path, msg: &str) -> Diagnostic {
    let lower = msg.to_lowercase();
    let at = Location::File(file.to_path_buf());
    let d = if lower.contains("password") || lower.contains("encrypt") {
        // The same code as a password-protected xlsx or xls found by the guards.
        Diagnostic::error("R010", at, tx!("R010-read")).hint(tx!("R010-hint"))
    } else if lower.contains("zip") || lower.contains("eof") || lower.contains("invalid") {
        Diagnostic::error("R050", at, tx!("R050-corrupt")).hint(tx!("R050-corrupt-hint"))
    } else {
        Diagnostic::error("R050", at, tx!("R050")).hint(tx!("R050-hint"))
    };
    d.detail(msg)
}

fn open_error(file: &Path, e: &OpenError) -> Diagnostic {
    match e {
        OpenError::Zip(problem) => problem.diagnostic(file),
        OpenError::Read(e) => reader_error(file, &e.0),
    }
}

/// Opens `bytes` as styr reads every return: the zip pre-flight, then the reader.
fn open(bytes: &[u8], format: Format) -> Result<RawWorkbook, OpenError> {
    xlsx_read::open(bytes, format, &Limits::default(), &ZipLimits::default())
}

/// Reads in this process; a panic in the reader becomes the file's error.
pub struct InProcess;

impl RawReader for InProcess {
    fn read(&self, file: &Path, bytes: &[u8], format: Format) -> Result<RawWorkbook, Diagnostic> {
        match catch_unwind(AssertUnwindSafe(|| open(bytes, format))) {
            Ok(Ok(raw)) => Ok(raw),
            Ok(Err(e)) => Err(open_error(file, &e)),
            Err(_) => Err(Diagnostic::error(
                "R043",
                Location::File(file.to_path_buf()),
                tx!("R043-caught"),
            )
            .hint(tx!("R043-hint"))),
        }
    }
}

/// Reads in worker processes of a [`WorkerPool`] running `styr __read-worker`.
pub struct Isolated(pub WorkerPool);

/// A request: one byte for the format, then the file's bytes.
fn request(bytes: &[u8], format: Format) -> Vec<u8> {
    let mut r = Vec::with_capacity(bytes.len() + 1);
    r.push(match format {
        Format::Xlsx => b'x',
        Format::Ods => b'o',
    });
    r.extend_from_slice(bytes);
    r
}

/// The encoding of the worker's answers: compact and quick to decode (a return's cells as
/// JSON took a third of the time calamine took to read them), and bounded when decoded.
fn wire() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<{ 256 << 20 }>()
}

/// The worker's side: answers a request with `Result<RawWorkbook, OpenError>`, encoded.
pub fn handle_request(req: &[u8]) -> Vec<u8> {
    let result = match req.split_first() {
        Some((b'x', bytes)) => open(bytes, Format::Xlsx),
        Some((b'o', bytes)) => open(bytes, Format::Ods),
        _ => Err(OpenError::Read(xlsx_read::ReadError("bad request".into()))),
    };
    bincode::serde::encode_to_vec(&result, wire()).unwrap_or_default()
}

impl RawReader for Isolated {
    fn read(&self, file: &Path, bytes: &[u8], format: Format) -> Result<RawWorkbook, Diagnostic> {
        let reply = self
            .0
            .call(&request(bytes, format))
            .map_err(|f| f.diagnostic(file))?;
        match bincode::serde::decode_from_slice::<Result<RawWorkbook, OpenError>, _>(&reply, wire())
        {
            Ok((Ok(raw), _)) => Ok(raw),
            Ok((Err(e), _)) => Err(open_error(file, &e)),
            Err(e) => Err(Diagnostic::error(
                "R044",
                Location::File(file.to_path_buf()),
                tx!("R044-garbage", "error" => e.to_string()),
            )),
        }
    }
}
