//! Benchmark of `styr import`: a generated huvudbok of 2 million transaction rows (default;
//! `STYR_BENCH_ROWS`) in Windows-1252 with semicolons and decimal commas, imported by styr and,
//! in the same run, read by polars' CSV reader alone.
//!
//! Run with `cargo bench --bench import` (a quick run: `STYR_BENCH_ROWS=200000 cargo bench
//! --bench import`). Prints, best of `STYR_BENCH_RUNS` (default 3):
//! - polars alone: `LazyCsvReader` on the file with `;`, decimal commas and lossy UTF-8 (polars
//!   cannot decode Windows-1252), every column, amounts parsed as numbers;
//! - styr: the whole import of the same file (read, SHA-256, decode, polars' lazy reader on the
//!   columns needed, keys mapped, months and numbers parsed, summed per unit, store);
//! - the ratio (target: at most 1.5) and the peak memory (resident high-water mark, reset
//!   before each phase) of each.
//!
//! `STYR_BENCH_KEEP=DIR` keeps the workspace and the file in DIR.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use polars::prelude::*;
use styr::domain::Period;
use styr::workspace::Workspace;

/// The allocator of the `styr` binary, so that styr and the bare library are measured with it.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SOURCE: &str = r#"
[[source]]
id = "huvudbok"
kind = "ekonomisystem"
format = "csv"
encoding = "windows-1252"
delimiter = ";"
decimal = ","
key = "Ansvar"
period = "Period"
aggregate = "sum"
scale = 0.001
ignore_codes = ["9100"]

[[source.target]]
value = "Belopp"
role = "spent"
"#;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn cpu() -> Duration {
    // SAFETY: getrusage fills the struct it is given; a zeroed rusage is a valid value.
    let mut r: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut r) };
    let t = |v: libc::timeval| {
        Duration::from_secs(v.tv_sec as u64) + Duration::from_micros(v.tv_usec as u64)
    };
    t(r.ru_utime) + t(r.ru_stime)
}

/// Resets the resident high-water mark (Linux: `clear_refs` 5).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The resident high-water mark in MiB.
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn huvudbok(ws: &Workspace, rows: usize, path: &Path) {
    let codes: Vec<&String> = ws.sources.codes.keys().collect();
    let texts = [
        "Leverantörsfaktura Åkessons Städ AB",
        "Löner månadsavlönade",
        "Hyra lokaler, kvartal",
        "Förbrukningsmaterial",
        "Intäkt avgifter, återbetalning",
    ];
    let mut s = String::from("Period;Verifikation;Ansvar;Konto;Konto benämning;Text;Belopp\r\n");
    let mut h: u64 = 1;
    for i in 0..rows {
        h = h
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let month = 1 + (i * 4 / rows.max(1)) as u32;
        let code = if h.is_multiple_of(97) {
            "9100"
        } else {
            codes[(h >> 33) as usize % codes.len()].as_str()
        };
        let amount = ((h >> 20) % 2_000_000) as f64 / 100.0 - 2_000.0;
        let _ = write!(
            s,
            "2026{month:02};{};{code};{};{};{};{}\r\n",
            100_000 + i,
            5000 + (h >> 40) % 3000,
            texts[(h >> 13) as usize % texts.len()]
                .split(',')
                .next()
                .unwrap_or(""),
            texts[(h >> 17) as usize % texts.len()],
            format!("{amount:.2}").replace('.', ",")
        );
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&s);
    std::fs::write(path, &bytes).unwrap();
}

fn polars_alone(path: &Path) -> usize {
    let df = LazyCsvReader::new(PlRefPath::new(path.to_str().unwrap()))
        .with_separator(b';')
        .with_decimal_comma(true)
        .with_encoding(CsvEncoding::LossyUtf8)
        .with_has_header(true)
        .finish()
        .unwrap()
        .collect()
        .unwrap();
    df.height()
}

fn best(runs: usize, mut f: impl FnMut()) -> (Duration, Duration, f64) {
    let mut wall = Duration::MAX;
    let mut cpu_best = Duration::MAX;
    reset_peak();
    for _ in 0..runs {
        let (t0, c0) = (Instant::now(), cpu());
        f();
        wall = wall.min(t0.elapsed());
        cpu_best = cpu_best.min(cpu() - c0);
    }
    (wall, cpu_best, peak_mib())
}

fn main() {
    let rows = env_usize("STYR_BENCH_ROWS", 2_000_000);
    let runs = env_usize("STYR_BENCH_RUNS", 3);
    let tmp = tempfile::tempdir().unwrap();
    let dir = std::env::var("STYR_BENCH_KEEP")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| tmp.path().to_path_buf());
    let root = dir.join("ws");
    if !root.join("styr.toml").exists() {
        styr::sample::write_workspace(&root).unwrap();
        let cfg = root.join("styr.toml");
        let text = std::fs::read_to_string(&cfg).unwrap() + SOURCE;
        std::fs::write(&cfg, text).unwrap();
    }
    let ws = Workspace::load(&root).unwrap();
    let file = dir.join("huvudbok.csv");
    let t0 = Instant::now();
    huvudbok(&ws, rows, &file);
    let size = std::fs::metadata(&file).unwrap().len() as f64 / 1024.0 / 1024.0;
    println!(
        "huvudbok: {rows} rows, {size:.0} MiB (Windows-1252, ';', decimal commas), made in {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    let period = Period::parse("2026-T1").unwrap();
    let (pw, pc, pm) = best(runs, || {
        assert_eq!(polars_alone(&file), rows);
    });
    let mut values = 0;
    let (sw, sc, sm) = best(runs, || {
        let r = styr::import::import(
            &ws,
            "huvudbok",
            std::slice::from_ref(&file),
            period,
            "2026-05-05T06:00:00Z",
        )
        .unwrap();
        assert_eq!(r.errors(), 0, "{:?}", r.diagnostics.first());
        assert_eq!(r.files[0].rows, rows);
        values = r.values.len();
    });
    println!(
        "polars alone: {:.3} s wall, {:.3} s CPU, peak {pm:.0} MiB",
        pw.as_secs_f64(),
        pc.as_secs_f64()
    );
    println!(
        "styr import:  {:.3} s wall, {:.3} s CPU, peak {sm:.0} MiB ({values} values)",
        sw.as_secs_f64(),
        sc.as_secs_f64()
    );
    println!(
        "ratio: {:.2}x wall, {:.2}x CPU (target: at most 1.5x)",
        sw.as_secs_f64() / pw.as_secs_f64(),
        sc.as_secs_f64() / pc.as_secs_f64()
    );
}
