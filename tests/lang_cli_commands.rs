//! One language per surface for the commands' own messages and tables: `styr demo`, and
//! `check`, `status`, `generate` and `remind` on the demo's workspace, in Swedish (the default)
//! and in English (`--lang en`), as snapshots; the English output holds none of the Swedish
//! words styr writes around the data, the Swedish none of the English it printed before.

use std::path::Path;
use std::process::Command;

/// Runs styr in `dir` with STYR_LANG set to `lang` (the locale cleared), a fixed clock and no
/// colours; `(exit code, stdout + stderr)` with `dir` replaced by `[WS]`.
fn styr(dir: &Path, lang: &str, args: &[&str]) -> (i32, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_styr"));
    for v in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(v);
    }
    let o = c
        .env("STYR_LANG", lang)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1778572800")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (
        o.status.code().unwrap_or(-1),
        text.replace(&dir.display().to_string(), "[WS]"),
    )
}

/// Swedish words and phrases styr itself writes on these surfaces (not the kommun's data).
const SWEDISH: &[&str] = &[
    "uppfyllda",
    "ej bedömda",
    "Uppfyllt",
    "Delvis",
    "Ej bedömt",
    "inkommen",
    "saknas",
    "värden för",
    "arbetsböcker",
    "e-postutkast",
    "påminnelseutkast",
    "filer i",
    "fynd",
    "Klart",
    "Titta på",
    "Kör `styr",
    "Röda rader",
    "Indikatorer,",
    "Avvikelse",
    "Prognos ",
    "gult ",
    "p.e.",
    " dagar",
    "kvartilen",
    "slutligt",
    "preliminär",
    "Trender mot",
    "utvecklingsmål",
    "sammanvägt",
    "rapporten till",
    "påminn",
    "utskicksloggen",
    "sändlista",
    "oförändrade",
    "sista dag",
];

/// English phrases these commands printed before the catalogue.
const ENGLISH: &[&str] = &[
    "values for",
    "workbooks in",
    "workbooks to",
    "e-mail drafts",
    "files in",
    "correction workbooks",
    "reminder drafts",
    "findings",
    "Done. Look at",
    "the returns register",
    "Run `styr",
    "the example workspace",
    "received",
    "missing",
    "Partly met",
    "Not met",
    "Not judged",
    "yellow",
    "Red rows",
    "Trends against",
    "note:",
    "warning:",
    "the data store",
    "distribution list",
    "are unchanged",
    "send log",
    "remind ",
    "deadline",
    "returned",
];

fn assert_one_language(sv: &str, en: &str) {
    for w in SWEDISH {
        assert!(
            !en.contains(w),
            "Swedish {w:?} in the English output:\n{en}"
        );
    }
    for w in ENGLISH {
        assert!(
            !sv.contains(w),
            "English {w:?} in the Swedish output:\n{sv}"
        );
    }
}

#[test]
fn demo_and_the_commands_speak_one_language_each() {
    let tmp = tempfile::tempdir().unwrap();
    let (sv_dir, en_dir) = (tmp.path().join("sv"), tmp.path().join("en"));
    std::fs::create_dir_all(&sv_dir).unwrap();
    std::fs::create_dir_all(&en_dir).unwrap();
    let (code, sv) = styr(&sv_dir, "sv", &["demo", "--out", "d"]);
    assert_eq!(code, 0, "{sv}");
    let (code, en) = styr(&en_dir, "en", &["demo", "--out", "d"]);
    assert_eq!(code, 0, "{en}");
    assert!(sv.contains("kommunen: 3 uppfyllda, 7 delvis"), "{sv}");
    assert!(
        sv.contains("inkommen med fel  Blåklockans förskola"),
        "{sv}"
    );
    assert!(en.contains("the kommun: 3 met, 7 partly met"), "{en}");
    assert!(
        en.contains("received with errors Blåklockans förskola"),
        "{en}"
    );
    assert!(en.contains("ksf-it (missing)"), "{en}");
    assert_one_language(&sv, &en);
    insta::assert_snapshot!("demo_sv", sv);
    insta::assert_snapshot!("demo_en", en);

    // The two demo workspaces are the same: the commands on them differ only in language.
    for (name, args) in [
        ("check", &["check", "--period", "2026-T1"][..]),
        ("status", &["status", "--period", "2026-T1"][..]),
        (
            "generate",
            &["generate", "uppfoljning", "--period", "2026-T1"][..],
        ),
        ("remind", &["remind", "--period", "2026-T1"][..]),
    ] {
        let (sv_code, sv) = styr(&sv_dir.join("d"), "sv", args);
        let (en_code, en) = styr(&en_dir.join("d"), "en", args);
        assert_eq!(
            sv_code, en_code,
            "{name}: the exit code follows no language"
        );
        assert_one_language(&sv, &en);
        insta::assert_snapshot!(format!("{name}_sv"), sv);
        insta::assert_snapshot!(format!("{name}_en"), en);
    }
}

#[test]
fn the_check_tables_differ_only_in_words() {
    // The same rows, lights and numbers in both languages: strip the letters and compare.
    let tmp = tempfile::tempdir().unwrap();
    let (code, out) = styr(tmp.path(), "sv", &["demo", "--out", "d"]);
    assert_eq!(code, 0, "{out}");
    let ws = tmp.path().join("d");
    let (_, sv) = styr(&ws, "sv", &["check", "--period", "2026-T1"]);
    let (_, en) = styr(&ws, "en", &["check", "--period", "2026-T1"]);
    let shape = |s: &str| -> Vec<String> {
        s.lines()
            .map(|l| {
                l.chars()
                    .filter(|c| c.is_ascii_digit() || *c == '●')
                    .collect()
            })
            .collect()
    };
    assert_eq!(shape(&sv), shape(&en));
    assert!(sv.contains("Röda rader (131)"), "{sv}");
    assert!(en.contains("Red rows (131)"), "{en}");
    assert!(en.contains("≥ 0 tkr, yellow from -250 tkr"), "{en}");
    assert!(sv.contains("≥ 0 tkr, gult från -250 tkr"), "{sv}");
}
