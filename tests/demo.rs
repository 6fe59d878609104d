//! `styr demo`: the whole cycle on the example in one command; a second run changes nothing.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn hashes(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

#[test]
fn demo_runs_the_whole_cycle_and_again_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let run = || {
        let o = Command::new(env!("CARGO_BIN_EXE_styr"))
            .env("STYR_LANG", "sv")
            .arg("-C")
            .arg(tmp.path())
            .args(["demo", "--out", "d"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let out = run();
    let d = tmp.path().join("d");
    for f in [
        "styr.toml",
        "utskick/2026-T1/utskick.xlsx",
        "rapporter/2026-T1/inlamning.xlsx",
        "rapporter/2026-T1/uppfoljning-2026-T1.xlsx",
        "rapporter/2026-03/uppfoljning-2026-03.xlsx",
        "rapporter/2027-plan/verksamhetsplan-2027-plan.xlsx",
        "rapporter/2027-plan/malforslag-2027-plan.xlsx",
        "data/varden.parquet",
    ] {
        assert!(d.join(f).is_file(), "{f} missing; output:\n{out}");
    }
    assert!(out.contains("inkommen med fel"), "{out}");
    // The example's human mistakes are each named at their cell: a fraction in a % cell, a
    // date in an amount, a row added to a table, another unit's figures.
    for (code, cell) in [
        ("R216", "'Personal och kompetens'!H7"),
        ("R203", "'Ekonomi'!B6"),
        ("R115", "'Personal och kompetens'!B8"),
        ("R130", ""),
    ] {
        assert!(
            out.lines().any(|l| l.contains(code) && l.contains(cell)),
            "{code} at {cell}:\n{out}"
        );
    }
    // The example's system exports are imported and judged.
    assert!(
        out.contains("ekonomi    45 värden för 45 enheter från system/huvudbok-2025-2026.csv"),
        "{out}"
    );
    assert!(
        out.contains("hr        180 värden för 45 enheter från system/personal-2026.xlsx"),
        "{out}"
    );
    // One correction workbook per return with errors.
    assert_eq!(
        std::fs::read_dir(d.join("utskick/2026-T1/rattelser"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().is_file())
            .count(),
        5
    );
    let first = hashes(&d);
    run();
    assert!(first == hashes(&d), "a second demo run changed files");
    // Not over a real workspace.
    std::fs::write(d.join("styr.toml"), "year = 2026\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(tmp.path())
        .args(["demo", "--out", "d"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}
