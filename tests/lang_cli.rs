//! One language per surface: the same runs of `collect` (with findings), `check` and `validate`
//! in Swedish (the default) and in English (`--lang en`), as snapshots, and the Swedish output
//! free of the English wording it had before the catalogue.

use std::path::Path;
use std::process::Command;

/// Runs styr with `lang` chosen the given way; the locale and STYR_LANG are cleared so that the
/// machine's LANG decides nothing.
fn styr(dir: &Path, lang: Option<&str>, env: Option<&str>, args: &[&str]) -> (i32, String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_styr"));
    for v in ["STYR_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(v);
    }
    if let Some(l) = env {
        c.env("STYR_LANG", l);
    }
    if let Some(l) = lang {
        c.args(["--lang", l]);
    }
    let o = c
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1778572800")
        .output()
        .unwrap();
    let redact = |b: &[u8]| String::from_utf8_lossy(b).replace(&dir.display().to_string(), "[WS]");
    (
        o.status.code().unwrap_or(-1),
        redact(&o.stdout),
        redact(&o.stderr),
    )
}

/// The example workspace with the sample returns of 2026-T1 (a few faulty on purpose).
fn workspace_with_returns() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    let (code, _, err) = styr(Path::new("."), None, None, &["init", ws.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/returns/2026-T1");
    let dst = ws.join("inkommet/2026-T1");
    std::fs::create_dir_all(&dst).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
    }
    tmp
}

/// Words of the English messages collect and the guards printed before the catalogue; none of
/// them belongs on a Swedish surface.
const ENGLISH: &[&str] = &[
    "hint:",
    "warning:",
    "error:",
    "the workbook",
    "the outcome",
    "does not reach",
    "is required",
    "text in a number cell",
    "was moved from row",
    "was added to the table",
    "is a fraction",
    "typed as text",
    "skipped:",
    "lock file",
    "files:",
    "returns missing",
    "store:",
    "did you mean",
    " with errors",
    "received",
];

#[test]
fn collect_speaks_swedish_by_default_and_english_on_request() {
    let tmp = workspace_with_returns();
    let ws = tmp.path();
    let (code, sv, err) = styr(ws, None, None, &["collect", "--period", "2026-T1"]);
    assert_eq!(code, 1, "findings exit 1\n{err}");
    for w in ENGLISH {
        assert!(
            !sv.contains(w),
            "English {w:?} in the Swedish output:\n{sv}"
        );
    }
    assert!(sv.contains("tips: "), "{sv}");
    assert!(sv.contains("R203 text i en talcell: \"ca 5\""), "{sv}");
    insta::assert_snapshot!("collect_sv", sv);

    // The same files again, in English: the same codes, each line in English.
    let (code, en, err) = styr(ws, Some("en"), None, &["collect", "--period", "2026-T1"]);
    assert_eq!(code, 1, "{err}");
    assert!(en.contains("R203 text in a number cell: \"ca 5\""), "{en}");
    assert!(!en.contains("tips:") && !en.contains("talcell"), "{en}");
    let codes = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .filter(|w| {
                w.len() == 4 && w.starts_with('R') && w[1..].bytes().all(|b| b.is_ascii_digit())
            })
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        codes(&sv),
        codes(&en),
        "the codes differ between the languages"
    );
    insta::assert_snapshot!("collect_en", en);
}

#[test]
fn collect_json_keeps_codes_and_speaks_the_chosen_language() {
    let tmp = workspace_with_returns();
    let ws = tmp.path();
    let run = |lang: &str| {
        let (_, out, err) = styr(
            ws,
            Some(lang),
            None,
            &["collect", "--period", "2026-T1", "--format", "json"],
        );
        serde_json::from_str::<serde_json::Value>(&out).unwrap_or_else(|e| panic!("{e}: {err}"))
    };
    let (sv, en) = (run("sv"), run("en"));
    let messages = |v: &serde_json::Value| -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Object(m) => {
                    if let (Some(c), Some(t)) = (m.get("code"), m.get("message")) {
                        out.push((c.to_string(), t.to_string()));
                    }
                    stack.extend(m.values());
                }
                serde_json::Value::Array(a) => stack.extend(a),
                _ => {}
            }
        }
        out.sort();
        out
    };
    let (sv, en) = (messages(&sv), messages(&en));
    assert!(!sv.is_empty());
    let codes = |m: &[(String, String)]| m.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&sv), codes(&en));
    assert!(
        sv.iter().any(|(_, t)| t.contains("text i en talcell")),
        "{sv:?}"
    );
    assert!(
        en.iter().any(|(_, t)| t.contains("text in a number cell")),
        "{en:?}"
    );
}

#[test]
fn the_language_comes_from_the_flag_then_styr_lang_then_the_locale() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("none");
    let dir = missing.as_path();
    // No workspace: the error and its hint in the chosen language.
    let err = |lang: Option<&str>, env: Option<&str>, locale: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_styr"));
        for v in ["STYR_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            c.env_remove(v);
        }
        if let Some(l) = env {
            c.env("STYR_LANG", l);
        }
        if let Some(l) = locale {
            c.env("LANG", l);
        }
        if let Some(l) = lang {
            c.args(["--lang", l]);
        }
        let o = c.arg("-C").arg(dir).arg("validate").output().unwrap();
        assert_eq!(o.status.code(), Some(2));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let swedish = |s: &str| s.contains("fel: ") && s.contains("tips: kör `styr init MAPP`");
    let english = |s: &str| s.contains("error: ") && s.contains("hint: run `styr init DIR`");
    assert!(swedish(&err(None, None, None)), "default");
    assert!(swedish(&err(None, None, Some("C.UTF-8"))), "LANG=C");
    assert!(english(&err(None, None, Some("en_US.UTF-8"))), "LANG=en_US");
    assert!(
        swedish(&err(None, Some("sv"), Some("en_US.UTF-8"))),
        "STYR_LANG over LANG"
    );
    assert!(english(&err(None, Some("en"), None)), "STYR_LANG=en");
    assert!(
        swedish(&err(Some("sv"), Some("en"), Some("en_US"))),
        "--lang over all"
    );
    assert!(english(&err(Some("en"), None, None)), "--lang en");
}

#[test]
fn validate_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let (code, _, err) = styr(tmp.path(), None, None, &["init", ws.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, sv, _) = styr(&ws, None, None, &["validate"]);
    assert_eq!(code, 0);
    let (_, en, _) = styr(&ws, Some("en"), None, &["validate"]);
    insta::assert_snapshot!("validate_ok_sv", sv);
    insta::assert_snapshot!("validate_ok_en", en);

    // Cross-file findings: a unit in an unknown förvaltning, a duplicate unit id.
    let toml = std::fs::read_to_string(ws.join("styr.toml")).unwrap();
    let broken = toml.replacen(
        "forvaltning = \"KSF\"\ncategory",
        "forvaltning = \"ksf\"\ncategory",
        1,
    );
    assert_ne!(toml, broken);
    std::fs::write(ws.join("styr.toml"), broken).unwrap();
    let (code, _, sv) = styr(&ws, None, None, &["validate"]);
    assert_eq!(code, 2);
    let (_, _, en) = styr(&ws, Some("en"), None, &["validate"]);
    for w in ENGLISH {
        assert!(
            !sv.contains(w),
            "English {w:?} in the Swedish output:\n{sv}"
        );
    }
    insta::assert_snapshot!("validate_invalid_sv", sv);
    insta::assert_snapshot!("validate_invalid_en", en);
}

#[test]
fn check_errors_in_both_languages() {
    let tmp = workspace_with_returns();
    let ws = tmp.path();
    for (name, args) in [
        ("plan_period", &["check", "--period", "2027-plan"][..]),
        (
            "unknown_forvaltning",
            &["check", "--period", "2026-T1", "--forvaltning", "ksf"][..],
        ),
    ] {
        let (code, _, sv) = styr(ws, None, None, args);
        assert_eq!(code, 2, "{sv}");
        let (_, _, en) = styr(ws, Some("en"), None, args);
        for w in ENGLISH {
            assert!(
                !sv.contains(w),
                "English {w:?} in the Swedish output:\n{sv}"
            );
        }
        assert!(en.starts_with("error: "), "{en}");
        insta::assert_snapshot!(format!("check_{name}_sv"), sv);
        insta::assert_snapshot!(format!("check_{name}_en"), en);
    }
}

#[test]
fn check_table_after_collect_in_swedish() {
    let tmp = workspace_with_returns();
    let ws = tmp.path();
    styr(ws, None, None, &["collect", "--period", "2026-T1"]);
    let (code, sv, err) = styr(ws, None, None, &["check", "--period", "2026-T1"]);
    assert_eq!(code, 0, "{err}");
    for w in ENGLISH {
        assert!(
            !sv.contains(w),
            "English {w:?} in the Swedish check table:\n{sv}"
        );
    }
    assert!(sv.contains("Röda rader"), "{sv}");
}
