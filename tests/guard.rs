//! The import guards (`src/xlsx_read/guard`): one hostile fixture per diagnostic code for
//! `sniff` and `unpack_zip`, and the worker pool against children that hang, exhaust their
//! memory cap or panic.
//!
//! The worker tests start children by re-executing this test binary with `STYR_GUARD_CHILD`
//! set (through `env`), running only [`guard_child`], which then serves requests.

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::hostile;
use styr::xlsx_read::guard::{
    CfbKind, Container, Exit, Kind, SkipReason, Sniffed, WorkerFailure, WorkerLimits, WorkerPool,
    ZipKind, ZipLimits, ZipProblem, ZipSummary, run_isolated, serve, sniff, unpack_zip,
};

// ---------------------------------------------------------------------------------------------
// Sniffing

/// Writes `bytes` as `name` in a fresh temporary folder.
fn file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn sniff_bytes(name: &str, bytes: &[u8]) -> Sniffed {
    let (_dir, path) = file(name, bytes);
    sniff(&path)
}

#[test]
fn sniff_knows_a_workbook_by_its_bytes_whatever_its_name() {
    let xlsx = hostile::valid_xlsx();
    assert_eq!(sniff_bytes("Solrosen.xlsx", &xlsx), Sniffed::Xlsx);
    assert_eq!(sniff_bytes("Solrosen.csv", &xlsx), Sniffed::Xlsx);
    assert_eq!(sniff_bytes("SOLROSEN.XLSX", &xlsx), Sniffed::Xlsx);
    assert_eq!(sniff_bytes("noextension", &xlsx), Sniffed::Xlsx);
}

#[test]
fn sniff_tells_xlsm_by_its_content_type() {
    assert_eq!(
        sniff_bytes("a.xlsx", &hostile::xlsm_like_zip()),
        Sniffed::Xlsm
    );
}

#[test]
fn sniff_tells_ods_by_its_mimetype() {
    assert_eq!(
        sniff_bytes("a.xlsx", &hostile::ods_like_zip()),
        Sniffed::Ods
    );
}

#[test]
fn sniff_tells_xls_by_its_workbook_stream() {
    assert_eq!(
        sniff_bytes("a.xlsx", &hostile::xls_like_cfb()),
        Sniffed::Xls
    );
}

#[test]
fn r001_empty_file() {
    let s = sniff_bytes("Solrosen.xlsx", &hostile::empty_file());
    assert_eq!(s, Sniffed::NotSpreadsheet(Kind::Empty));
    assert_eq!(s.code(), Some("R001"));
}

#[test]
fn r002_html_saved_as_xls() {
    english();
    let s = sniff_bytes("Solrosen.xls", &hostile::html_as_xls());
    assert_eq!(s, Sniffed::NotSpreadsheet(Kind::Html));
    assert_eq!(s.code(), Some("R002"));
    let d = s.diagnostic(Path::new("inkommet/Solrosen.xls")).unwrap();
    assert_eq!(
        d.to_string(),
        "inkommet/Solrosen.xls: R002 not a spreadsheet: looks like an HTML page saved as .xls\n  \
         hint: the file was exported from a web system; open it in Excel and save as .xlsx \
         (File > Save As > Excel Workbook)"
    );
}

#[test]
fn r003_xml_spreadsheet_2003() {
    let s = sniff_bytes("Solrosen.xls", &hostile::xml_spreadsheet_2003());
    assert_eq!(s, Sniffed::NotSpreadsheet(Kind::XmlSpreadsheet2003));
    assert_eq!(s.code(), Some("R003"));
}

#[test]
fn r004_csv_with_semicolons() {
    english();
    let s = sniff_bytes("Solrosen.xlsx", &hostile::csv_semicolons());
    assert_eq!(
        s,
        Sniffed::NotSpreadsheet(Kind::Text {
            delimiter: Some(';')
        })
    );
    assert_eq!(s.code(), Some("R004"));
    assert!(s.describe().contains("semicolons"), "{}", s.describe());
}

#[test]
fn r005_pdf() {
    let s = sniff_bytes("Solrosen.xlsx", &hostile::pdf_document());
    assert_eq!(s, Sniffed::NotSpreadsheet(Kind::Pdf));
    assert_eq!(s.code(), Some("R005"));
}

#[test]
fn r006_image() {
    let s = sniff_bytes("Solrosen.xlsx", &hostile::png_image());
    assert_eq!(s, Sniffed::NotSpreadsheet(Kind::Image("PNG")));
    assert_eq!(s.code(), Some("R006"));
}

#[test]
fn r007_docx_is_named_a_word_document() {
    english();
    let s = sniff_bytes("Solrosen.xlsx", &hostile::docx_like_zip());
    assert_eq!(s, Sniffed::NotSpreadsheet(Kind::Zip(ZipKind::Word)));
    assert_eq!(s.code(), Some("R007"));
    assert!(s.describe().contains("Word document (.docx)"));
    let odt = sniff_bytes("Solrosen.ods", &hostile::odt_like_zip());
    assert!(
        odt.describe().contains("OpenDocument text document (.odt)"),
        "{odt:?}"
    );
}

#[test]
fn r008_doc_in_a_cfb_container() {
    let s = sniff_bytes("Solrosen.xls", &hostile::doc_like_cfb());
    assert_eq!(s, Sniffed::NotSpreadsheet(Kind::Cfb(CfbKind::Word)));
    assert_eq!(s.code(), Some("R008"));
}

#[test]
fn r009_unknown_binary() {
    let s = sniff_bytes("Solrosen.xlsx", &hostile::unknown_binary());
    assert_eq!(s, Sniffed::NotSpreadsheet(Kind::Binary));
    assert_eq!(s.code(), Some("R009"));
}

#[test]
fn r010_password_protected_ooxml() {
    english();
    let s = sniff_bytes("Solrosen.xlsx", &hostile::encrypted_ooxml());
    assert_eq!(s, Sniffed::Encrypted);
    assert_eq!(s.code(), Some("R010"));
    assert!(s.hint().unwrap().contains("remove the password"));
}

#[test]
fn r010_password_protected_ooxml_found_along_the_directory_chain() {
    let bytes = hostile::encrypted_ooxml_directory_far_in();
    let name: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let first = bytes.windows(name.len()).position(|w| w == name).unwrap();
    assert!(
        first > 64 * 1024,
        "the fixture must hide the name past 64 KiB"
    );
    assert_eq!(sniff_bytes("Solrosen.xlsx", &bytes), Sniffed::Encrypted);
}

#[test]
fn r011_lock_hidden_and_special_files_are_skipped() {
    let lock = sniff_bytes(hostile::lock_file_name(), &hostile::lock_file_content());
    assert_eq!(lock, Sniffed::Skip(SkipReason::ExcelLockFile));
    assert_eq!(lock.code(), Some("R011"));
    let d = lock
        .diagnostic(Path::new(hostile::lock_file_name()))
        .unwrap();
    assert!(!d.is_error(), "a skipped file is a warning");
    assert_eq!(
        sniff_bytes(
            hostile::libreoffice_lock_file_name(),
            b"Anna,host,01.01.2026;"
        ),
        Sniffed::Skip(SkipReason::LibreOfficeLockFile)
    );
    assert_eq!(
        sniff_bytes(".Solrosen.xlsx", &hostile::valid_xlsx()),
        Sniffed::Skip(SkipReason::Hidden)
    );
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(sniff(dir.path()), Sniffed::Skip(SkipReason::Directory));
}

#[cfg(unix)]
#[test]
fn r011_a_fifo_is_skipped_without_being_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("Solrosen.xlsx");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    assert_eq!(sniff(&fifo), Sniffed::Skip(SkipReason::NotRegularFile));
    let dangling = dir.path().join("gone.xlsx");
    std::os::unix::fs::symlink(dir.path().join("nowhere.xlsx"), &dangling).unwrap();
    assert_eq!(sniff(&dangling), Sniffed::Skip(SkipReason::NotRegularFile));
}

#[test]
fn r012_missing_file_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let s = sniff(&dir.path().join("missing.xlsx"));
    assert!(matches!(s, Sniffed::Unreadable(_)), "{s:?}");
    assert_eq!(s.code(), Some("R012"));
}

#[test]
fn r013_truncated_cfb_container() {
    let s = sniff_bytes(
        "Solrosen.xls",
        &hostile::truncated_cfb(&hostile::xls_like_cfb()),
    );
    assert!(
        matches!(
            s,
            Sniffed::Damaged {
                container: Container::Cfb,
                ..
            }
        ),
        "{s:?}"
    );
    assert_eq!(s.code(), Some("R013"));
}

#[test]
fn r020_truncated_zip_is_damaged_for_sniff_and_preflight() {
    english();
    let bytes = hostile::truncated_zip(&hostile::valid_xlsx());
    let s = sniff_bytes("Solrosen.xlsx", &bytes);
    assert!(
        matches!(
            s,
            Sniffed::Damaged {
                container: Container::Zip,
                ..
            }
        ),
        "{s:?}"
    );
    assert_eq!(s.code(), Some("R020"));
    let p = preflight_bytes(&bytes, &ZipLimits::default()).unwrap_err();
    assert!(matches!(p, ZipProblem::Truncated(_)), "{p:?}");
    assert_eq!(p.code(), "R020");
    assert!(
        p.describe()
            .starts_with("the file is truncated or not a complete zip")
    );
}

// ---------------------------------------------------------------------------------------------
// Zip pre-flight

fn preflight_bytes(bytes: &[u8], limits: &ZipLimits) -> Result<ZipSummary, ZipProblem> {
    unpack_zip(bytes, limits).map(|u| u.summary)
}

#[test]
fn preflight_passes_a_real_workbook_and_summarises_it() {
    let bytes = hostile::valid_xlsx();
    let summary = preflight_bytes(&bytes, &ZipLimits::default()).unwrap();
    assert_eq!(summary.file_size, bytes.len() as u64);
    assert!(summary.entries.iter().any(|e| e == hostile::SHEET_PATH));
    assert!(summary.total_uncompressed > 0);
    assert!(summary.largest.is_some());
}

#[test]
fn r021_file_too_large() {
    let limits = ZipLimits {
        max_file_size: 1024,
        ..ZipLimits::default()
    };
    let p = preflight_bytes(&hostile::valid_xlsx(), &limits).unwrap_err();
    assert!(
        matches!(p, ZipProblem::FileTooLarge { limit: 1024, .. }),
        "{p:?}"
    );
    assert_eq!(p.code(), "R021");
}

#[test]
fn r022_too_many_entries() {
    let p = preflight_bytes(&hostile::many_entries(10_001), &ZipLimits::default()).unwrap_err();
    assert_eq!(
        p,
        ZipProblem::TooManyEntries {
            count: 10_001,
            limit: 10_000
        }
    );
    assert_eq!(p.code(), "R022");
}

#[test]
fn r023_total_uncompressed_too_large() {
    let limits = ZipLimits {
        max_total_uncompressed: 64 << 10,
        ..ZipLimits::default()
    };
    let p = preflight_bytes(&hostile::xlsx_with_sheet_of(80 << 10), &limits).unwrap_err();
    assert!(matches!(p, ZipProblem::TotalTooLarge { .. }), "{p:?}");
    assert_eq!(p.code(), "R023");
}

#[test]
fn r024_entry_too_large() {
    let limits = ZipLimits {
        max_entry_uncompressed: 64 << 10,
        ..ZipLimits::default()
    };
    let p = preflight_bytes(&hostile::xlsx_with_sheet_of(80 << 10), &limits).unwrap_err();
    match &p {
        ZipProblem::EntryTooLarge { name, size, .. } => {
            assert_eq!(name, hostile::SHEET_PATH);
            assert_eq!(*size, 80 << 10);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(p.code(), "R024");
}

#[test]
fn r025_zip_bomb_is_refused_on_its_directory() {
    let bomb = hostile::zip_bomb();
    assert!(bomb.len() < 4 << 20, "the bomb is {} bytes", bomb.len());
    let p = preflight_bytes(&bomb, &ZipLimits::default()).unwrap_err();
    match &p {
        ZipProblem::CompressionRatio {
            name,
            size,
            compressed,
            ..
        } => {
            assert_eq!(name, hostile::SHEET_PATH);
            assert!(*size > 1 << 30, "inflates to {size}");
            assert!(size / compressed > 1000, "ratio {}", size / compressed);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(p.code(), "R025");
}

/// The bomb's construction is sound: a small one inflates to exactly what it declares, with
/// the right CRC (checked by the pre-flight's CRC pass once the ratio limit is lifted).
#[test]
fn zip_bomb_fixture_inflates_to_its_declared_size_and_crc() {
    let small = hostile::zip_bomb_of(3, 1 << 20);
    let lifted = ZipLimits {
        max_ratio: u64::MAX,
        ..ZipLimits::default()
    };
    let summary = preflight_bytes(&small, &lifted).unwrap();
    let (name, size) = summary.largest.unwrap();
    assert_eq!(name, hostile::SHEET_PATH);
    assert!(size > 3 << 20);
}

#[test]
fn r026_duplicate_entry_names() {
    let p = preflight_bytes(&hostile::duplicate_entries(), &ZipLimits::default()).unwrap_err();
    assert_eq!(
        p,
        ZipProblem::DuplicateEntry {
            name: Some(hostile::SHEET_PATH.into())
        }
    );
    assert_eq!(p.code(), "R026");
}

#[test]
fn r027_names_differing_only_in_case() {
    let p = preflight_bytes(&hostile::case_duplicate_entries(), &ZipLimits::default()).unwrap_err();
    assert_eq!(
        p,
        ZipProblem::CaseDuplicate {
            first: "xl/worksheets/sheet1.xml".into(),
            second: "xl/worksheets/Sheet1.xml".into()
        }
    );
    assert_eq!(p.code(), "R027");
}

#[test]
fn r028_unsupported_compression_method() {
    let p =
        preflight_bytes(&hostile::unsupported_method_entry(), &ZipLimits::default()).unwrap_err();
    assert_eq!(
        p,
        ZipProblem::UnsupportedCompression {
            name: hostile::SHEET_PATH.into(),
            method: 14
        }
    );
    assert_eq!(p.code(), "R028");
}

#[test]
fn r029_encrypted_entry() {
    let p = preflight_bytes(&hostile::encrypted_entry(), &ZipLimits::default()).unwrap_err();
    assert_eq!(
        p,
        ZipProblem::EncryptedEntry {
            name: hostile::SHEET_PATH.into()
        }
    );
    assert_eq!(p.code(), "R029");
}

#[test]
fn r030_entry_names_with_dot_dot_or_absolute_paths() {
    let p = preflight_bytes(&hostile::dot_dot_entry_name(), &ZipLimits::default()).unwrap_err();
    assert_eq!(
        p,
        ZipProblem::UnsafeName {
            name: "../../evil.xml".into()
        }
    );
    assert_eq!(p.code(), "R030");
    let p = preflight_bytes(&hostile::absolute_entry_name(), &ZipLimits::default()).unwrap_err();
    assert_eq!(p.code(), "R030");
}

#[test]
fn r031_entries_sharing_data() {
    let p = preflight_bytes(&hostile::overlapping_entries(), &ZipLimits::default()).unwrap_err();
    assert_eq!(p, ZipProblem::OverlappingEntries);
    assert_eq!(p.code(), "R031");
}

#[test]
fn r032_corrupt_crc_in_a_stored_entry_is_named() {
    let p =
        preflight_bytes(&hostile::corrupt_crc_stored_entry(), &ZipLimits::default()).unwrap_err();
    match &p {
        ZipProblem::BadEntry { name, detail } => {
            assert_eq!(name, hostile::SHEET_PATH);
            assert!(detail.contains("CRC"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(p.code(), "R032");
}

/// Cut or bit-flipped workbooks give a verdict, never a panic.
#[test]
fn sniff_and_preflight_never_panic_on_damaged_workbooks() {
    let valid = hostile::valid_xlsx();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.xlsx");
    let limits = ZipLimits::default();
    for cut in (0..valid.len()).step_by(41) {
        std::fs::write(&path, &valid[..cut]).unwrap();
        let _ = sniff(&path);
        assert!(unpack_zip(&valid[..cut], &limits).is_err(), "cut at {cut}");
    }
    for at in (0..valid.len()).step_by(29) {
        let mut flipped = valid.clone();
        flipped[at] ^= 0x55;
        std::fs::write(&path, &flipped).unwrap();
        let _ = sniff(&path);
        let _ = unpack_zip(&flipped, &limits);
    }
}

// ---------------------------------------------------------------------------------------------
// Isolated workers

const CHILD_ENV: &str = "STYR_GUARD_CHILD";
/// The memory cap the worker tests give their children.
const TEST_CAP: u64 = 512 << 20;

/// Not a test: the entry point of the children the worker tests start. Without
/// `STYR_GUARD_CHILD` it does nothing.
#[test]
fn guard_child() {
    let Ok(mode) = std::env::var(CHILD_ENV) else {
        return;
    };
    match mode.as_str() {
        "serve" => serve(child_handler).unwrap(),
        "bomb" => {
            let answer = allocate_without_end();
            print!("{}", String::from_utf8_lossy(&answer));
        }
        other => panic!("unknown child mode {other}"),
    }
}

/// Echoes, except for a few requests that misbehave on purpose.
fn child_handler(request: &[u8]) -> Vec<u8> {
    match request {
        b"sleep" => loop {
            std::thread::sleep(Duration::from_secs(3600));
        },
        b"bomb" => allocate_without_end(),
        b"panic" => panic!("boom: a reader bug"),
        b"print" => {
            println!("a stray line on stdout");
            b"printed".to_vec()
        }
        other => other.to_vec(),
    }
}

/// Allocates (and touches) 10 GiB in 64 MiB steps, but only under a memory cap of at most
/// 1 GiB, so that a cap that failed to apply can never exhaust the machine.
fn allocate_without_end() -> Vec<u8> {
    if !address_space_capped_at_most(1 << 30) {
        return b"refused: no memory cap in force".to_vec();
    }
    let mut hoard: Vec<Vec<u8>> = Vec::new();
    for _ in 0..160 {
        hoard.push(vec![1u8; 64 << 20]);
    }
    format!("survived with {} chunks", hoard.len()).into_bytes()
}

#[cfg(target_os = "linux")]
fn address_space_capped_at_most(bytes: u64) -> bool {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct passed.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut limit) } == 0;
    ok && limit.rlim_cur != libc::RLIM_INFINITY && limit.rlim_cur <= bytes
}

#[cfg(not(target_os = "linux"))]
fn address_space_capped_at_most(_: u64) -> bool {
    false
}

/// `env STYR_GUARD_CHILD=mode <this test binary> --exact guard_child --nocapture`.
fn child(mode: &str) -> (PathBuf, Vec<OsString>) {
    let exe = std::env::current_exe().unwrap();
    let args = [
        OsString::from(format!("{CHILD_ENV}={mode}")),
        exe.into_os_string(),
        "--exact".into(),
        "guard_child".into(),
        "--nocapture".into(),
        "--test-threads=1".into(),
    ];
    (PathBuf::from("/usr/bin/env"), args.to_vec())
}

fn limits(timeout: Duration) -> WorkerLimits {
    WorkerLimits {
        timeout,
        startup: Duration::from_secs(20),
        memory: Some(TEST_CAP),
        max_output: 4 << 20,
    }
}

fn pool(size: usize, timeout: Duration) -> WorkerPool {
    let (exe, args) = child("serve");
    WorkerPool::new(&exe, &args, size, limits(timeout)).unwrap()
}

#[cfg(unix)]
#[test]
fn worker_run_isolated_round_trip() {
    let input: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let out = run_isolated(Path::new("/bin/cat"), &[], &input, &WorkerLimits::default()).unwrap();
    assert_eq!(out, input);
}

#[cfg(unix)]
#[test]
fn worker_run_isolated_kills_on_timeout() {
    let start = Instant::now();
    let r = run_isolated(
        Path::new("/bin/sleep"),
        &["30".into()],
        b"",
        &limits(Duration::from_millis(300)),
    );
    match r {
        Err(failure @ WorkerFailure::Timeout(_)) => assert_eq!(failure.code(), "R040"),
        other => panic!("{other:?}"),
    }
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[cfg(unix)]
#[test]
fn worker_run_isolated_reports_exit_code_and_stderr() {
    english();
    let r = run_isolated(
        Path::new("/bin/sh"),
        &["-c".into(), "echo 'the reader gave up' >&2; exit 3".into()],
        b"",
        &WorkerLimits::default(),
    );
    match r {
        Err(failure @ WorkerFailure::Crashed { .. }) => {
            assert_eq!(failure.code(), "R042");
            // The person reads the plain line; the worker's last words are the detail.
            assert_eq!(
                failure.describe(),
                "the reader crashed on this file (exit code 3)"
            );
            let d = failure.diagnostic(Path::new("a.xlsx"));
            assert_eq!(d.detail.as_deref(), Some("the reader gave up"));
            let WorkerFailure::Crashed { exit, .. } = failure else {
                unreachable!()
            };
            assert_eq!(exit, Exit::Code(3));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn worker_run_isolated_spawn_failure() {
    let r = run_isolated(
        Path::new("/nonexistent/styr-worker"),
        &[],
        b"",
        &WorkerLimits::default(),
    );
    let failure = r.unwrap_err();
    assert!(matches!(failure, WorkerFailure::Spawn(_)), "{failure:?}");
    assert_eq!(failure.code(), "R045");
}

#[cfg(target_os = "linux")]
#[test]
fn worker_run_isolated_memory_cap_turns_a_bomb_into_out_of_memory() {
    let (exe, args) = child("bomb");
    let start = Instant::now();
    let r = run_isolated(&exe, &args, b"", &limits(Duration::from_secs(60)));
    match r {
        Err(WorkerFailure::OutOfMemory { limit }) => assert_eq!(limit, Some(TEST_CAP)),
        other => panic!("{other:?}"),
    }
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[cfg(unix)]
#[test]
fn worker_pool_echo_round_trip() {
    let pool = pool(1, Duration::from_secs(20));
    assert_eq!(pool.call(b"hej").unwrap(), b"hej");
    assert_eq!(pool.call(b"").unwrap(), b"");
    let big: Vec<u8> = (0..1_000_000u32).map(|i| (i % 253) as u8).collect();
    assert_eq!(pool.call(&big).unwrap(), big);
    assert_eq!(pool.spawned(), 1);
}

#[cfg(unix)]
#[test]
fn worker_pool_timeout_kills_and_the_next_call_is_served() {
    let pool = pool(1, Duration::from_millis(700));
    let start = Instant::now();
    let r = pool.call(b"sleep");
    assert!(matches!(r, Err(WorkerFailure::Timeout(_))), "{r:?}");
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(pool.call(b"after").unwrap(), b"after");
    assert_eq!(pool.spawned(), 2, "the hung worker was replaced");
}

#[cfg(target_os = "linux")]
#[test]
fn worker_pool_memory_cap_turns_a_bomb_into_out_of_memory() {
    let pool = pool(1, Duration::from_secs(60));
    let start = Instant::now();
    match pool.call(b"bomb") {
        Err(failure @ WorkerFailure::OutOfMemory { .. }) => {
            assert_eq!(failure.code(), "R041");
            assert!(failure.describe().contains("512.0 MiB"), "{failure}");
        }
        other => panic!("{other:?}"),
    }
    assert!(start.elapsed() < Duration::from_secs(30));
    assert_eq!(pool.call(b"after").unwrap(), b"after");
    assert_eq!(pool.spawned(), 2);
}

#[cfg(unix)]
#[test]
fn worker_pool_panic_is_recognisable_and_the_worker_lives_on() {
    let pool = pool(1, Duration::from_secs(20));
    match pool.call(b"panic") {
        Err(failure @ WorkerFailure::Panicked(_)) => {
            // The panic's text and place are the detail, never the message.
            assert!(!failure.describe().contains("boom"), "{failure}");
            let d = failure.diagnostic(Path::new("a.xlsx"));
            let detail = d.detail.unwrap_or_default();
            assert!(detail.contains("boom: a reader bug"), "{detail}");
            assert!(detail.contains("tests/guard.rs"), "{detail}");
            assert_eq!(failure.code(), "R043");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(pool.call(b"after").unwrap(), b"after");
    assert_eq!(pool.spawned(), 1);
}

#[cfg(unix)]
#[test]
fn worker_pool_stray_stdout_does_not_break_the_frames() {
    let pool = pool(1, Duration::from_secs(20));
    assert_eq!(pool.call(b"print").unwrap(), b"printed");
    assert_eq!(pool.call(b"after").unwrap(), b"after");
}

#[cfg(unix)]
#[test]
fn worker_pool_of_two_serves_100_calls() {
    let pool = pool(2, Duration::from_secs(20));
    for i in 0..100 {
        let request = format!("request {i}");
        assert_eq!(pool.call(request.as_bytes()).unwrap(), request.as_bytes());
    }
    std::thread::scope(|s| {
        for t in 0..4 {
            let pool = &pool;
            s.spawn(move || {
                for i in 0..25 {
                    let request = format!("thread {t} request {i}");
                    assert_eq!(pool.call(request.as_bytes()).unwrap(), request.as_bytes());
                }
            });
        }
    });
    assert_eq!(pool.spawned(), 2);
}

#[cfg(unix)]
#[test]
fn worker_pool_refuses_a_program_that_is_not_a_worker() {
    let quick = WorkerLimits {
        startup: Duration::from_millis(500),
        ..limits(Duration::from_millis(500))
    };
    let exited = WorkerPool::new(Path::new("/bin/true"), &[], 1, quick.clone());
    assert!(
        matches!(exited, Err(WorkerFailure::Protocol(_))),
        "{:?}",
        exited.err()
    );
    let silent = WorkerPool::new(Path::new("/bin/cat"), &[], 1, quick);
    match silent {
        Err(failure @ WorkerFailure::Protocol(_)) => assert_eq!(failure.code(), "R044"),
        other => panic!("{:?}", other.err()),
    }
}

// ---------------------------------------------------------------------------------------------
// Issue 14: valid packages are accepted, legacy files recognised, small files are no bombs

/// The value in B2 of the only sheet, read the way collect reads it (pre-flight, then calamine).
fn b2_of(bytes: &[u8]) -> Option<f64> {
    use styr::xlsx_read::{Format, Limits, RawCell, open};
    let wb = open(
        bytes,
        Format::Xlsx,
        &Limits::default(),
        &ZipLimits::default(),
    )
    .unwrap();
    let sheet = wb.sheets.first()?;
    sheet
        .cells
        .iter()
        .find(|(r, c, _)| (*r, *c) == (1, 1))
        .and_then(|(_, _, v)| match v {
            RawCell::Number(n) => Some(*n),
            _ => None,
        })
}

#[test]
fn issue14_backslash_entry_names_are_an_xlsx_and_are_read() {
    let bytes = hostile::backslash_names_xlsx();
    assert_eq!(sniff_bytes("a.xlsx", &bytes), Sniffed::Xlsx);
    assert_eq!(b2_of(&bytes), Some(42.0));
}

#[test]
fn issue14_workbook_found_through_the_package_relationships() {
    let bytes = hostile::workbook_outside_xl();
    assert_eq!(sniff_bytes("a.xlsx", &bytes), Sniffed::Xlsx);
    assert_eq!(b2_of(&bytes), Some(42.0));
}

#[test]
fn issue14_an_xl_folder_without_a_workbook_is_no_spreadsheet() {
    let s = sniff_bytes("a.xlsx", &hostile::xl_folder_without_workbook());
    assert_eq!(
        s,
        Sniffed::NotSpreadsheet(Kind::Zip(ZipKind::Other { entries: 2 }))
    );
    assert_eq!(s.code(), Some("R007"));
}

#[test]
fn issue14_capitalised_legacy_streams_are_xls() {
    for name in ["BOOK", "WORKBOOK", "Book", "workbook"] {
        let s = sniff_bytes("a.xls", &hostile::xls_with_stream(name));
        // Xls is a spreadsheet to the sniffer; collect answers it with R014 "save as .xlsx"
        // (tests/collect_hostile.rs), where an unknown container got R008.
        assert_eq!(s, Sniffed::Xls, "stream {name}");
    }
}

/// A part of a few MiB that compresses several hundred times (LibreOffice's repeated empty
/// cells) is no bomb; the same ratio on a part past the floor is.
#[test]
fn issue14_the_ratio_limit_has_a_size_floor() {
    let limits = ZipLimits::default();
    let small = hostile::zip_bomb_of(7, 1 << 20);
    let summary = preflight_bytes(&small, &limits).unwrap();
    let (_, size) = summary.largest.unwrap();
    assert!(size > 7 << 20 && size / (small.len() as u64) > limits.max_ratio);

    let large = hostile::zip_bomb_of(20, 1 << 20);
    let p = preflight_bytes(&large, &limits).unwrap_err();
    assert_eq!(p.code(), "R025", "{p:?}");
}

/// A damaged thumbnail is left out with its reason and the sheets are read; a damaged sheet
/// is still refused (R032).
#[test]
fn issue14_a_damaged_thumbnail_is_left_out_not_fatal() {
    let bytes = hostile::corrupt_thumbnail();
    let unpacked = unpack_zip(&bytes, &ZipLimits::default()).unwrap();
    assert_eq!(unpacked.left_out.len(), 1);
    assert_eq!(unpacked.left_out[0].0, "docProps/thumbnail.wmf");
    assert!(
        unpacked.left_out[0].1.contains("CRC"),
        "{:?}",
        unpacked.left_out
    );
    assert_eq!(b2_of(&bytes), Some(42.0));

    let p =
        preflight_bytes(&hostile::corrupt_crc_stored_entry(), &ZipLimits::default()).unwrap_err();
    assert_eq!(p.code(), "R032");
}

/// XML in UTF-16 or Windows-1252, which Excel opens, is read with the text a person sees
/// (calamine alone calls it broken XML).
#[test]
fn issue14_xml_in_utf16_or_windows_1252_is_read() {
    assert_eq!(b2_of(&hostile::utf16_xml_xlsx()), Some(42.0));
    let bytes = hostile::windows_1252_xml_xlsx();
    assert_eq!(b2_of(&bytes), Some(42.0));
    use styr::xlsx_read::{Format, Limits, RawCell, open};
    let wb = open(
        &bytes,
        Format::Xlsx,
        &Limits::default(),
        &ZipLimits::default(),
    )
    .unwrap();
    let a1 = wb.sheets[0]
        .cells
        .iter()
        .find(|(r, c, _)| (*r, *c) == (0, 0))
        .map(|(_, _, v)| v.clone());
    assert_eq!(a1, Some(RawCell::Text("Förskola Åsa".into())));
}

/// Every hostile fixture of this file, written to `CARGO_TARGET_TMPDIR/fuzz-seeds/` for the
/// fuzzer's corpus (`python3 fuzz/seed_corpus.py <that folder>`, docs/collect-notes.md), and each
/// one sniffed and pre-flighted here without a panic, whatever it is.
#[test]
fn hostile_fixtures_are_written_for_the_fuzzer() {
    let fixtures: Vec<(&str, Vec<u8>)> = vec![
        ("valid.xlsx", hostile::valid_xlsx()),
        ("xlsm-like.xlsm", hostile::xlsm_like_zip()),
        ("ods-like.ods", hostile::ods_like_zip()),
        ("odt-like.ods", hostile::odt_like_zip()),
        ("password.ods", hostile::password_ods()),
        ("docx-like.xlsx", hostile::docx_like_zip()),
        (
            "truncated.xlsx",
            hostile::truncated_zip(&hostile::valid_xlsx()),
        ),
        ("duplicate-entries.xlsx", hostile::duplicate_entries()),
        ("case-duplicates.xlsx", hostile::case_duplicate_entries()),
        ("corrupt-crc.xlsx", hostile::corrupt_crc_stored_entry()),
        ("dot-dot.xlsx", hostile::dot_dot_entry_name()),
        ("absolute.xlsx", hostile::absolute_entry_name()),
        ("encrypted-entry.xlsx", hostile::encrypted_entry()),
        (
            "unsupported-method.xlsx",
            hostile::unsupported_method_entry(),
        ),
        ("overlapping.xlsx", hostile::overlapping_entries()),
        ("many-entries.xlsx", hostile::many_entries(300)),
        ("encrypted-ooxml.xlsx", hostile::encrypted_ooxml()),
        (
            "encrypted-ooxml-far.xlsx",
            hostile::encrypted_ooxml_directory_far_in(),
        ),
        ("xls-like.xls", hostile::xls_like_cfb()),
        (
            "truncated-cfb.xls",
            hostile::truncated_cfb(&hostile::xls_like_cfb()),
        ),
        ("doc-like.xls", hostile::doc_like_cfb()),
        ("html.xls", hostile::html_as_xls()),
        ("xml-2003.xls", hostile::xml_spreadsheet_2003()),
        ("semicolons.xlsx", hostile::csv_semicolons()),
        ("document.xlsx", hostile::pdf_document()),
        ("image.xlsx", hostile::png_image()),
        ("binary.xlsx", hostile::unknown_binary()),
        ("empty.xlsx", hostile::empty_file()),
        ("backslash-names.xlsx", hostile::backslash_names_xlsx()),
        ("workbook-outside-xl.xlsx", hostile::workbook_outside_xl()),
        (
            "xl-without-workbook.xlsx",
            hostile::xl_folder_without_workbook(),
        ),
        ("capital-book.xls", hostile::xls_with_stream("BOOK")),
        ("corrupt-thumbnail.xlsx", hostile::corrupt_thumbnail()),
        ("utf16-xml.xlsx", hostile::utf16_xml_xlsx()),
        ("windows-1252-xml.xlsx", hostile::windows_1252_xml_xlsx()),
    ];
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-seeds");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in &fixtures {
        std::fs::write(dir.join(name), bytes).unwrap();
        let _ = sniff_bytes(name, bytes);
        let _ = preflight_bytes(bytes, &ZipLimits::default());
    }
    assert!(std::fs::read_dir(&dir).unwrap().count() >= fixtures.len());
}

/// These tests read the English wording (the Swedish surface has its snapshots in
/// `tests/lang_cli.rs`); no test here chooses Swedish, so the first choice is English.
fn english() {
    styr::i18n::set(styr::i18n::Lang::En);
}
