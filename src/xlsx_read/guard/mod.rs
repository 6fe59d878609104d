//! The importer's first line of defence: what runs before any spreadsheet reader touches a file.
//!
//! Returned workbooks are hostile input: measured over about 4,400
//! real and crafted files, calamine 0.38 panics on about 1 in 400, aborts the whole process on
//! out-of-memory for some (no `catch_unwind` helps), spends minutes and gigabytes on a 3 MB
//! decompression bomb, and quietly misreads others (duplicate zip entries, a corrupted STORED
//! entry read before its CRC is checked). Three guards run in order:
//!
//! 1. [`sniff`] decides what a file is from its bytes, not its extension. Excel lock files
//!    (`~$…`), LibreOffice lock files, hidden and temporary files, directories and FIFOs are
//!    skipped with a reason; HTML pages saved as `.xls`, CSV, PDF, images, Word documents and
//!    empty files are "not a spreadsheet" with a hint; a password-protected OOXML workbook (a CFB
//!    container holding `EncryptionInfo` and `EncryptedPackage`, whatever its extension) is named
//!    as such instead of surfacing as a reader's "invalid zip". `open_workbook_auto` goes by the
//!    (case-sensitive) extension and its fallback hides the real error, hence this step.
//! 2. [`unpack_zip`] checks a zip-based workbook (xlsx, xlsm, ods) on its central directory
//!    before anything is inflated: file size, entry count, total and per-entry uncompressed size
//!    and compression ratio (decompression bombs); duplicate entry names, also differing only in
//!    case (the second copy wins, or a sheet reads as 0 cells); unsupported methods, encrypted
//!    entries, `..` or absolute names, entries sharing data. Then it inflates every entry once to
//!    verify its CRC (a corrupted STORED entry is otherwise read before its CRC is checked) and
//!    keeps what it inflated as a STORED zip, which the reader parses without inflating anything
//!    a second time. The declared sizes are trustworthy because the `zip` crate refuses to
//!    inflate past them.
//! 3. [`run_isolated`] and [`WorkerPool`] read a file in a child process with an address-space
//!    cap (`setrlimit(RLIMIT_AS)`, Linux) and a wall-clock timeout, so an out-of-memory abort, a
//!    crash or a hang becomes one file's [`WorkerFailure`] and the batch goes on. Spawning costs a
//!    few milliseconds, as much as reading a whole return, so the pool keeps long-lived workers
//!    (the child side is [`serve`]) and replaces one that dies or overruns.
//!
//! Every finding has a code, a message (`describe`) and a hint, and turns into a
//! [`Diagnostic`](crate::diag::Diagnostic) located at the whole file:
//!
//! | code | finding | from |
//! |------|---------|------|
//! | R001 | empty file (0 bytes) | [`Kind::Empty`] |
//! | R002 | an HTML page (or MHTML) saved with a spreadsheet extension | [`Kind::Html`] |
//! | R003 | an XML Spreadsheet 2003 file | [`Kind::XmlSpreadsheet2003`] |
//! | R004 | text: CSV or other delimited or plain text, or XML | [`Kind::Text`], [`Kind::Xml`] |
//! | R005 | a PDF document | [`Kind::Pdf`] |
//! | R006 | an image | [`Kind::Image`] |
//! | R007 | a zip archive that is not a spreadsheet (Word, PowerPoint, OpenDocument text…) | [`Kind::Zip`] |
//! | R008 | an older Office file that is not a spreadsheet (`.doc`, `.ppt`, Outlook `.msg`) | [`Kind::Cfb`] |
//! | R009 | unknown binary data | [`Kind::Binary`] |
//! | R010 | password protected (encrypted OOXML in a CFB container) | [`Sniffed::Encrypted`] |
//! | R011 | skipped: lock file, hidden or temporary file, directory, not a regular file (warning) | [`Sniffed::Skip`] |
//! | R012 | the file cannot be read (I/O error) | [`Sniffed::Unreadable`], [`ZipProblem::Unreadable`] |
//! | R013 | a CFB container whose directory cannot be read | [`Sniffed::Damaged`] |
//! | R020 | the file is truncated or not a complete zip | [`Sniffed::Damaged`], [`ZipProblem::Truncated`] |
//! | R021 | the file is larger than the limit | [`ZipProblem::FileTooLarge`] |
//! | R022 | more zip entries than the limit | [`ZipProblem::TooManyEntries`] |
//! | R023 | entries unpack to more than the total limit | [`ZipProblem::TotalTooLarge`] |
//! | R024 | one entry unpacks to more than the per-entry limit | [`ZipProblem::EntryTooLarge`] |
//! | R025 | compression ratio above the limit: a decompression bomb | [`ZipProblem::CompressionRatio`] |
//! | R026 | two entries with the same name | [`ZipProblem::DuplicateEntry`] |
//! | R027 | two entry names differing only in letter case | [`ZipProblem::CaseDuplicate`] |
//! | R028 | unsupported compression method | [`ZipProblem::UnsupportedCompression`] |
//! | R029 | an encrypted zip entry | [`ZipProblem::EncryptedEntry`] |
//! | R030 | an entry name with `..` or an absolute path | [`ZipProblem::UnsafeName`] |
//! | R031 | entries sharing compressed data (a crafted archive) | [`ZipProblem::OverlappingEntries`] |
//!
//! R015 (a saved e-mail with no workbook) is given by collect, which knows the file was a mail.
//! | R032 | an entry fails its CRC check or cannot be inflated | [`ZipProblem::BadEntry`] |
//! | R040 | reading the file took longer than the timeout | [`WorkerFailure::Timeout`] |
//! | R041 | reading the file needed more memory than the cap | [`WorkerFailure::OutOfMemory`] |
//! | R042 | the reader process crashed | [`WorkerFailure::Crashed`] |
//! | R043 | the reader panicked on this file (caught) | [`WorkerFailure::Panicked`] |
//! | R044 | the reader process broke the worker protocol | [`WorkerFailure::Protocol`] |
//! | R045 | the reader process could not be started | [`WorkerFailure::Spawn`] |

mod inflate;
mod sniff;
mod worker;
mod zipcheck;

pub use sniff::{
    CfbKind, Container, Kind, SkipReason, Sniffed, ZipKind, container_of, sniff, sniff_bytes,
    sniff_path,
};
pub use worker::{
    Exit, HELLO, TAG_FAILED, TAG_OK, TAG_PANICKED, WorkerFailure, WorkerLimits, WorkerPool,
    run_isolated, serve,
};
pub use zipcheck::{Unpacked, ZipLimits, ZipProblem, ZipSummary, unpack_zip};

/// A byte count as people read it: `512 B`, `20.0 KiB`, `1.2 GiB`.
fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(20 * 1024), "20.0 KiB");
        assert_eq!(human_size(50 << 20), "50.0 MiB");
        assert_eq!(human_size(1_288_490_189), "1.2 GiB");
    }

    /// Every code a guard can return appears in the table above, once.
    #[test]
    fn guard_codes_are_documented_in_the_module_table() {
        let doc = include_str!("mod.rs");
        let mut codes: Vec<&str> = sniff::tests::all_codes()
            .into_iter()
            .chain(zipcheck::tests::all_codes())
            .chain(worker::tests::all_codes())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        for code in &codes {
            let row = format!("//! | {code} |");
            assert_eq!(
                doc.matches(&row).count(),
                1,
                "{code} must have one table row"
            );
        }
        let rows = doc.lines().filter(|l| l.starts_with("//! | R0")).count();
        assert_eq!(
            rows,
            codes.len(),
            "every table row is a code some guard returns"
        );
    }
}
