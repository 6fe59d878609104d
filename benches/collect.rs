//! Benchmark of `styr collect`: N returned workbooks (default 1,000, `STYR_BENCH_FILES`),
//! every input filled, read by styr and by bare calamine in the same run.
//!
//! Run with `cargo bench --bench collect` (a quick run: `STYR_BENCH_FILES=100 cargo bench
//! --bench collect`). Prints, per file:
//! - the CPU time of calamine opening the file and reading every cell of every sheet, and the
//!   same after inflating every part once to check its CRC (which calamine alone does not: it
//!   stops inflating a sheet at `</sheetData>`);
//! - the CPU time of styr's collect of the same files (sniff, zip pre-flight, SHA-256, reading,
//!   identification, validation of every input), in process and with the isolated worker pool
//!   (this process plus its workers), and the ratio to calamine (target: at most 1.3);
//! - the whole `styr collect` command (also the store, the register and correction workbooks);
//! - where styr's time goes, phase by phase, on one thread;
//! - the peak memory of collecting `STYR_BENCH_COPIES` (default 10) times as many files (the
//!   same files hard-linked under other names), each in a fresh process.
//!
//! `STYR_BENCH_KEEP=DIR` keeps the workspace and the generated returns in DIR, for profiling
//! (`STYR_BENCH_CHILD=isolated|in-process STYR_BENCH_WS=DIR/ws STYR_BENCH_DIR=DIR/returns`
//! runs one collect of them, e.g. under `valgrind --tool=callgrind`).
//!
//! CPU time is `getrusage` (this process, and its children for the workers), so it counts all
//! threads and is less disturbed by other work on the machine than wall time; each measurement
//! is the best of `STYR_BENCH_RUNS` (default 3).

#[path = "../tests/common/fill.rs"]
#[allow(clippy::manual_is_multiple_of, clippy::type_complexity)] // shared with the tests
mod fill;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use calamine::{Reader, Xlsx};

/// The allocator of the `styr` binary, so that bare calamine, styr in process and the command
/// are measured with the same one.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use styr::collect::{self, InProcess, Isolated, RawReader, identify, read_form};
use styr::domain::{FormKind, Period, Value};
use styr::generate::write_form;
use styr::generate::{self, Recipient};
use styr::workspace::Workspace;
use styr::xlsx_read::guard::{
    Sniffed, WorkerLimits, WorkerPool, ZipLimits, sniff_bytes, sniff_path, unpack_zip,
};
use styr::xlsx_read::{self, Format, Limits};

const PERIOD: &str = "2026-T1";

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn rusage(who: libc::c_int) -> libc::rusage {
    // SAFETY: getrusage fills the struct it is given; a zeroed rusage is a valid value.
    let mut r: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut r) };
    r
}

fn tv(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// CPU time used so far: (this process, its reaped children).
fn cpu() -> (Duration, Duration) {
    let of = |r: libc::rusage| tv(r.ru_utime) + tv(r.ru_stime);
    (
        of(rusage(libc::RUSAGE_SELF)),
        of(rusage(libc::RUSAGE_CHILDREN)),
    )
}

/// The largest resident set of any reaped child (and its children), in KiB.
fn children_maxrss_kib() -> u64 {
    rusage(libc::RUSAGE_CHILDREN).ru_maxrss as u64
}

/// This thread's CPU time.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime fills the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// A line of /proc/self/status, in KiB.
fn proc_status_kib(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix(key)?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

/// CPU and wall time of `f`, best of `runs` (CPU includes children reaped during `f`).
fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, Duration, T) {
    let mut best: Option<(Duration, Duration, Duration, T)> = None;
    for _ in 0..runs.max(1) {
        let (s0, c0) = cpu();
        let t0 = Instant::now();
        let out = f();
        let wall = t0.elapsed();
        let (s1, c1) = cpu();
        let (own, children) = (s1 - s0, c1 - c0);
        if best
            .as_ref()
            .is_none_or(|(o, c, _, _)| own + children < *o + *c)
        {
            best = Some((own, children, wall, out));
        }
    }
    best.expect("at least one run")
}

fn per_file(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1000.0 / n.max(1) as f64
}

/// Writes `n` distinct, filled returns of the follow-up for the units of `ws`, round robin.
fn generate_returns(ws: &Workspace, dir: &Path, n: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("returns folder");
    let def = ws
        .forms
        .current(FormKind::Uppfoljning)
        .expect("uppföljning");
    let period = Period::parse(PERIOD).expect("period");
    let bounds = |key: &str| {
        ws.catalogue
            .indicator(key)
            .map_or((None, None), |i| (i.min, i.max))
    };
    let mut filled: BTreeMap<String, BTreeMap<(String, String, String), Value>> = BTreeMap::new();
    (0..n)
        .map(|i| {
            let unit = &ws.config.units[i % ws.config.units.len()];
            let r = Recipient::Unit(unit);
            let values = filled.entry(unit.id.to_string()).or_insert_with(|| {
                let empty = generate::build(ws, def, r, period, BTreeMap::new(), &|_, _, _| None);
                let mut values = fill::fill_all(def, &empty.layout(), &bounds);
                // Figures a unit would send: its own chef, a forecast within its budget.
                fill::make_plausible(ws, def, unit.id.as_str(), period, &mut values);
                values
            });
            // Each file differs (its own comment), as real returns do.
            let mut values = values.clone();
            for (k, v) in &mut values {
                if k.0 == "ekonomi" && k.2 == "kommentar" {
                    *v = Value::Text(format!("Prognosen för retur {i} håller."));
                }
            }
            let inst = generate::build(ws, def, r, period, values, &|_, _, _| None);
            let bytes = write_form(&inst, &ws.config.sending.password, "").expect("write");
            let path = dir.join(format!("retur-{i:05}-{}.xlsx", unit.id));
            std::fs::write(&path, bytes).expect("write return");
            path
        })
        .collect()
}

/// calamine alone: open each file and read every cell of every sheet. Returns the cell count.
fn calamine_every_cell(files: &[PathBuf]) -> usize {
    let mut cells = 0;
    for p in files {
        let bytes = std::fs::read(p).expect("read");
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("open");
        for name in wb.sheet_names() {
            let range = wb.worksheet_range(&name).expect("sheet");
            cells += range.used_cells().count();
        }
    }
    cells
}

/// calamine as above, after inflating every part of the file once to verify its CRC: the
/// least any importer that reads with calamine and checks CRCs (as the issue asks) can do.
fn calamine_with_crc_check(files: &[PathBuf]) -> usize {
    let mut cells = 0;
    for p in files {
        let bytes = std::fs::read(p).expect("read");
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).expect("zip");
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).expect("entry");
            std::io::copy(&mut entry, &mut std::io::sink()).expect("CRC");
        }
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("open");
        for name in wb.sheet_names() {
            let range = wb.worksheet_range(&name).expect("sheet");
            cells += range.used_cells().count();
        }
    }
    cells
}

fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4)
}

fn pool(exe: &Path) -> Isolated {
    Isolated(
        WorkerPool::new(
            exe,
            &[OsString::from("__read-worker")],
            threads(),
            WorkerLimits::default(),
        )
        .expect("worker pool"),
    )
}

/// Collects `files` with `reader`; checks that every file was read without errors.
fn collect_all(ws: &Workspace, files: &[PathBuf], reader: &dyn RawReader) -> usize {
    let period = Period::parse(PERIOD).expect("period");
    let batch = collect::collect_batch(ws, period, files, reader, threads(), &|| {});
    let ok = batch
        .files
        .iter()
        .filter(|f| f.status == collect::FileStatus::Ok)
        .count();
    assert_eq!(
        ok,
        files.len(),
        "every generated return reads without errors"
    );
    // Values of the returns that count (one per unit): the rest were released as read.
    let accepted: Vec<usize> = batch
        .accepted()
        .filter_map(|f| f.read.as_ref())
        .map(|r| r.values.len())
        .collect();
    assert!(!accepted.is_empty(), "some returns count");
    accepted.iter().sum::<usize>() / accepted.len()
}

/// Time of each phase of styr's import of one file, summed over `files`, on this thread.
fn phases(ws: &Workspace, files: &[PathBuf]) -> Vec<(&'static str, Duration)> {
    use sha2::{Digest, Sha256};
    let mut t = [Duration::ZERO; 8];
    for p in files {
        let mut lap = {
            let mut last = thread_cpu();
            move |slot: &mut Duration| {
                let now = thread_cpu();
                *slot += now - last;
                last = now;
            }
        };
        let bytes = std::fs::read(p).expect("read");
        lap(&mut t[2]);
        assert!(sniff_path(p).is_none());
        assert_eq!(sniff_bytes(&bytes), Sniffed::Xlsx);
        lap(&mut t[0]);
        let _ = Sha256::digest(&bytes);
        lap(&mut t[3]);
        let unpacked = unpack_zip(&bytes, &ZipLimits::default()).expect("pre-flight");
        lap(&mut t[1]);
        let raw =
            xlsx_read::read(&unpacked.stored, Format::Xlsx, &Limits::default()).expect("read");
        lap(&mut t[4]);
        // What the isolated workers add: the raw workbook to the wire and back.
        let wire = bincode::config::standard();
        let encoded = bincode::serde::encode_to_vec(&raw, wire).expect("encode");
        let (back, _): (xlsx_read::RawWorkbook, usize) =
            bincode::serde::decode_from_slice(&encoded, wire).expect("decode");
        assert!(back == raw);
        lap(&mut t[7]);
        let id = identify(p, &raw).expect("identify");
        let def = ws.forms.version(id.kind, id.version).expect("form");
        assert_eq!(def.fingerprint(), id.fingerprint, "as `examine` checks it");
        lap(&mut t[5]);
        let read = read_form(p, &raw, def, &id, ws);
        assert!(read.diagnostics.is_empty());
        lap(&mut t[6]);
    }
    [
        "sniff the path and the bytes",
        "zip pre-flight: unpack once, CRC of every entry",
        "read the file",
        "SHA-256",
        "calamine on the unpacked parts, into raw cells",
        "identify, and the form's fingerprint",
        "read and validate the form",
        "(isolated only) raw workbook to the wire and back",
    ]
    .into_iter()
    .zip(t)
    .collect()
}

/// Runs `styr collect` on `dir` into workspace `ws`; its CPU (with its workers) and peak RSS.
#[allow(clippy::zombie_processes)] // reaped by wait4, which also gives its resource usage
fn run_cli(exe: &Path, ws: &Path, dir: &Path) -> (Duration, Duration, u64) {
    let t0 = Instant::now();
    let child = Command::new(exe)
        .arg("-C")
        .arg(ws)
        .arg("collect")
        .arg(dir)
        .args(["--period", PERIOD, "--format", "json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start styr");
    let mut status = 0;
    // SAFETY: wait4 on our own child's pid, filling a zeroed rusage; the Child handle is not
    // waited on afterwards.
    let mut r: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut r) };
    assert!(pid > 0, "wait4");
    let code = libc::WEXITSTATUS(status);
    assert!(code == 0 || code == 1, "styr collect failed: exit {code}");
    (
        tv(r.ru_utime) + tv(r.ru_stime),
        t0.elapsed(),
        r.ru_maxrss as u64,
    )
}

fn init_workspace(exe: &Path, dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let ok = Command::new(exe)
        .arg("init")
        .arg(dir)
        .stdout(Stdio::null())
        .status()
        .expect("styr init")
        .success();
    assert!(ok, "styr init");
}

/// The child side of the peak-memory measurement: collect `dir` in this fresh process.
fn peak_child(ws: &Path, dir: &Path, isolated: bool, exe: &Path) {
    let ws = Workspace::load(ws).expect("workspace");
    let files = collect::list_files(&[dir.to_path_buf()]);
    let t0 = Instant::now();
    let values = if isolated {
        collect_all(&ws, &files, &pool(exe))
    } else {
        collect_all(&ws, &files, &InProcess)
    };
    println!(
        "files={} values={} wall_ms={} vmhwm_kib={} children_maxrss_kib={}",
        files.len(),
        values,
        t0.elapsed().as_millis(),
        proc_status_kib("VmHWM:"),
        children_maxrss_kib()
    );
}

/// Runs [`peak_child`] in a fresh copy of this benchmark; its printed numbers.
fn peak(ws: &Path, dir: &Path, isolated: bool) -> BTreeMap<String, u64> {
    let out = Command::new(std::env::current_exe().expect("bench executable"))
        .env(
            "STYR_BENCH_CHILD",
            if isolated { "isolated" } else { "in-process" },
        )
        .env("STYR_BENCH_WS", ws)
        .env("STYR_BENCH_DIR", dir)
        .stderr(Stdio::inherit())
        .output()
        .expect("run child");
    assert!(out.status.success(), "peak child failed");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            Some((k.to_string(), v.parse().ok()?))
        })
        .collect()
}

fn main() {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_styr"));
    if let Ok(mode) = std::env::var("STYR_BENCH_CHILD") {
        let ws = PathBuf::from(std::env::var_os("STYR_BENCH_WS").expect("STYR_BENCH_WS"));
        let dir = PathBuf::from(std::env::var_os("STYR_BENCH_DIR").expect("STYR_BENCH_DIR"));
        peak_child(&ws, &dir, mode == "isolated", &exe);
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this with no such flag: then
    // only check that it starts.
    if !std::env::args().any(|a| a == "--bench") {
        println!("collect benchmark: run with `cargo bench --bench collect`");
        return;
    }
    let n = env_usize("STYR_BENCH_FILES", 1000);
    let copies = env_usize("STYR_BENCH_COPIES", 10);
    let runs = env_usize("STYR_BENCH_RUNS", 3);
    // STYR_BENCH_KEEP=DIR keeps the workspace and the returns in DIR (to profile with them).
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root =
        std::env::var_os("STYR_BENCH_KEEP").map_or_else(|| tmp.path().to_path_buf(), PathBuf::from);
    let ws_dir = root.join("ws");
    init_workspace(&exe, &ws_dir);
    let ws = Workspace::load(&ws_dir).expect("workspace");

    let t0 = Instant::now();
    let dir = root.join("returns");
    let files = generate_returns(&ws, &dir, n);
    let bytes: u64 = files
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    println!(
        "styr collect benchmark: {n} returns of {} ({} KiB each on average), {} threads; \
         generated in {:.1} s",
        PERIOD,
        bytes / 1024 / n.max(1) as u64,
        threads(),
        t0.elapsed().as_secs_f64()
    );
    // Warm the page cache and the worker binary.
    calamine_every_cell(&files);

    let (cal, _, cal_wall, cells) = measure(runs, || calamine_every_cell(&files));
    let (cal_crc, _, _, _) = measure(runs, || calamine_with_crc_check(&files));
    let (inp, _, inp_wall, values) = measure(runs, || collect_all(&ws, &files, &InProcess));
    let (iso_own, iso_workers, iso_wall, _) = measure(runs, || {
        let reader = pool(&exe);
        collect_all(&ws, &files, &reader)
    });
    let cli_ws = root.join("ws-cli");
    let (cli_cpu, cli_wall, _) = (0..runs.max(1))
        .map(|_| {
            init_workspace(&exe, &cli_ws);
            run_cli(&exe, &cli_ws, &dir)
        })
        .min_by_key(|(c, _, _)| *c)
        .expect("a run");

    // The same again in rounds: each round measures calamine and then each of styr's modes
    // once, and the ratio is taken within the round. On a shared machine (a virtual machine
    // whose host is busy) a burst of other work then slows both sides of a ratio instead of
    // one; the median of the rounds' ratios is the figure to hold against a target.
    let mut rounds: Vec<[f64; 4]> = Vec::new();
    for _ in 0..runs.max(1) {
        let (c_own, _, _, _) = measure(1, || calamine_every_cell(&files));
        let (i_own, _, _, _) = measure(1, || collect_all(&ws, &files, &InProcess));
        let (o_own, o_workers, _, _) = measure(1, || {
            let reader = pool(&exe);
            collect_all(&ws, &files, &reader)
        });
        init_workspace(&exe, &cli_ws);
        let (cli, _, _) = run_cli(&exe, &cli_ws, &dir);
        let c = c_own.as_secs_f64().max(1e-9);
        rounds.push([
            i_own.as_secs_f64() / c,
            (o_own + o_workers).as_secs_f64() / c,
            cli.as_secs_f64() / c,
            per_file(c_own, n),
        ]);
    }
    let median = |k: usize| {
        let mut v: Vec<f64> = rounds.iter().map(|r| r[k]).collect();
        v.sort_by(f64::total_cmp);
        let spread = (v[0], v[v.len() - 1]);
        (v[v.len() / 2], spread)
    };

    let cal_ms = per_file(cal, n);
    println!();
    println!("CPU per file (best of {runs}):");
    println!(
        "  calamine, every cell of every sheet ({} cells/file)    {:>6.2} ms   (wall {:.2} s)",
        cells / n.max(1),
        cal_ms,
        cal_wall.as_secs_f64()
    );
    println!(
        "  calamine after a CRC check of every part (the floor)     {:>6.2} ms   ratio {:.2}",
        per_file(cal_crc, n),
        per_file(cal_crc, n) / cal_ms,
    );
    println!(
        "  styr, in process ({} values/return)                   {:>6.2} ms   ratio {:.2}   (wall {:.2} s)",
        values,
        per_file(inp, n),
        per_file(inp, n) / cal_ms,
        inp_wall.as_secs_f64()
    );
    println!(
        "  styr, isolated workers                                  {:>6.2} ms   ratio {:.2}   (wall {:.2} s; this process {:.2} ms + workers {:.2} ms)",
        per_file(iso_own + iso_workers, n),
        per_file(iso_own + iso_workers, n) / cal_ms,
        iso_wall.as_secs_f64(),
        per_file(iso_own, n),
        per_file(iso_workers, n)
    );
    println!(
        "  `styr collect` command (+ store, register, corrections) {:>6.2} ms   ratio {:.2}   (wall {:.2} s)",
        per_file(cli_cpu, n),
        per_file(cli_cpu, n) / cal_ms,
        cli_wall.as_secs_f64()
    );

    println!();
    println!(
        "Ratio to calamine measured next to it, median of {} rounds (lowest–highest):",
        rounds.len()
    );
    for (k, name) in [
        (0, "styr, in process"),
        (1, "styr, isolated workers"),
        (2, "`styr collect` command"),
    ] {
        let (m, (lo, hi)) = median(k);
        println!("  {name:<56} ratio {m:.2}   ({lo:.2}–{hi:.2})");
    }
    let (m, (lo, hi)) = median(3);
    println!("  (calamine in these rounds: {m:.2} ms per file, {lo:.2}–{hi:.2})");

    println!();
    println!("styr's import phase by phase, one thread (ms per file):");
    let ph = phases(&ws, &files);
    let total: Duration = ph[..7].iter().map(|(_, d)| *d).sum();
    for (name, d) in &ph {
        println!(
            "  {name:<48} {:>6.2} ms  {:>4.0} %",
            per_file(*d, n),
            100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-9)
        );
    }
    println!(
        "  {:<48} {:>6.2} ms",
        "total in process",
        per_file(total, n)
    );

    // Peak memory: the files again under other names (hard links), `copies` times in all.
    let many = root.join("many");
    std::fs::create_dir_all(&many).expect("folder");
    for c in 0..copies {
        for p in &files {
            let name = format!("{c:02}-{}", p.file_name().expect("name").to_string_lossy());
            let to = many.join(name);
            if std::fs::hard_link(p, &to).is_err() {
                std::fs::copy(p, &to).expect("copy");
            }
        }
    }
    let total_files = n * copies;
    println!();
    println!("peak memory (each in a fresh process):");
    for (folder, count) in [(&dir, n), (&many, total_files)] {
        let iso = peak(&ws_dir, folder, true);
        let inp = peak(&ws_dir, folder, false);
        init_workspace(&exe, &cli_ws);
        let (_, cli_wall, cli_rss) = run_cli(&exe, &cli_ws, folder);
        println!(
            "  {count:>6} files: isolated: main {} + each worker at most {}; in process: {}; \
             `styr collect`: {} (wall {:.1} s)",
            mib(iso["vmhwm_kib"]),
            mib(iso["children_maxrss_kib"]),
            mib(inp["vmhwm_kib"]),
            mib(cli_rss),
            cli_wall.as_secs_f64()
        );
    }
}
