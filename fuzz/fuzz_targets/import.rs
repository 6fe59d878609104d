//! Fuzzes the import of one returned file, the way `styr collect` reads it in a worker: byte
//! sniffing, the zip pre-flight, calamine into raw cells (xlsx or ods), identification, then
//! reading and validating every input against the form definition of the sample workspace.
//!
//! The first input byte chooses what the rest is:
//! - even: the whole file, as it arrives (exercises sniffing and the pre-flight; random bytes
//!   rarely get past the CRC check);
//! - odd: the new content of one part of a real return from `sample-data/returns/` (the second
//!   byte picks the return and the part), zipped again with correct CRCs, so the mutations
//!   reach calamine's XML readers and styr's reading of the form.
//!
//! libfuzzer-sys aborts on any panic, also inside the reader's `catch_unwind`: a crash in a
//! calamine frame is a class the worker pool guards against in production, still worth
//! reporting upstream; a crash in a `styr` frame is a bug here.
#![no_main]

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use styr::collect::{InProcess, examine};
use styr::domain::Period;
use styr::workspace::Workspace;

struct Setup {
    ws: Workspace,
    period: Period,
    /// The parts of a few real returns: (file extension, entries in archive order).
    returns: Vec<(&'static str, Vec<(String, Vec<u8>)>)>,
    /// Where each input is written for the path-based guards.
    file: PathBuf,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let ws = Workspace::load(&root.join("sample-data")).expect("the sample workspace loads");
        let returns_dir = root.join("sample-data/returns/2026-T1");
        let returns = [
            ("xlsx", "uppfoljning-2026-T1-ksf-ekonomi.xlsx"),
            ("xlsx", "uppfoljning-2026-T1-buf-fsk-blaklockan.xlsx"),
            ("ods", "uppfoljning-2026-T1-sbf-kost.ods"),
        ]
        .into_iter()
        .filter_map(|(ext, name)| {
            let bytes = std::fs::read(returns_dir.join(name)).ok()?;
            Some((ext, unzip(&bytes)?))
        })
        .collect();
        let file = std::env::temp_dir().join(format!("styr-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&file).expect("a temporary folder");
        Setup {
            ws,
            period: Period::parse("2026-T1").expect("a period"),
            returns,
            file,
        }
    })
}

fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).ok()?;
            let mut data = Vec::new();
            e.read_to_end(&mut data).ok()?;
            Some((e.name().ok()?.into_owned(), data))
        })
        .collect()
}

fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // ODS wants its `mimetype` first and stored; storing everything keeps it fast.
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        if zip.start_file(name.as_str(), stored).is_err() || zip.write_all(data).is_err() {
            return Vec::new();
        }
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let s = setup();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (ext, bytes) = if mode % 2 == 0 || s.returns.is_empty() {
        ("xlsx", rest.to_vec())
    } else {
        let Some((&pick, content)) = rest.split_first() else {
            return;
        };
        let (ext, parts) = &s.returns[usize::from(pick) % s.returns.len()];
        let mut parts = parts.clone();
        let i = usize::from(pick / 4) % parts.len();
        parts[i].1 = content.to_vec();
        (*ext, rezip(&parts))
    };
    let path = s.file.join(format!("return.{ext}"));
    if std::fs::write(&path, &bytes).is_err() {
        return;
    }
    let report = examine(&s.ws, s.period, &path, Path::new("return.xlsx"), &InProcess);
    // Every finding names this file.
    for d in &report.diagnostics {
        assert_eq!(d.location.file(), Path::new("return.xlsx"), "{d}");
    }
});
