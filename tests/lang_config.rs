//! One language per surface, for the checks of the configuration: `styr validate` on broken
//! copies of the example workspace (styr.toml, indikatorer.toml, indikatorer.xlsx, the form
//! definitions, historik.csv, the sources, the formulas) and `styr init --from-excel` on a
//! broken organisation file, in Swedish (the default) and in English (`--lang en`), as
//! snapshots; the English findings free of the Swedish words styr writes there, the Swedish ones
//! free of the English wording they had before the catalogue.

use std::path::Path;
use std::process::Command;

use rust_xlsxwriter::Workbook;

/// Runs styr in `lang` (STYR_LANG and the locale cleared), the workspace's path redacted.
fn styr(dir: &Path, lang: &str, args: &[&str]) -> (i32, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_styr"));
    for v in ["STYR_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(v);
    }
    let o = c
        .args(["--lang", lang])
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
        redact(&o.stdout) + &redact(&o.stderr),
    )
}

/// The example workspace in `tmp/name`.
fn example(tmp: &Path, name: &str) -> std::path::PathBuf {
    let ws = tmp.join(name);
    let (code, out) = styr(tmp, "sv", &["init", ws.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    ws
}

/// Replaces the first `from` in `file` by `to`; the text must change.
fn edit(ws: &Path, file: &str, from: &str, to: &str) {
    let p = ws.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{from:?} not in {file}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

fn append(ws: &Path, file: &str, text: &str) {
    let p = ws.join(file);
    let mut s = std::fs::read_to_string(&p).unwrap();
    s.push_str(text);
    std::fs::write(&p, s).unwrap();
}

/// Shape findings: wrong types, unknown and misspelled keys, a missing key, a value outside
/// its closed set, a bad period, in styr.toml and indikatorer.toml at once.
fn shape(ws: &Path) {
    edit(ws, "styr.toml", "year = 2026", "year = \"2026\"");
    edit(
        ws,
        "styr.toml",
        "population = ",
        "invanare = 3\npopulation = ",
    );
    edit(
        ws,
        "styr.toml",
        "name = \"Kommunstyrelseförvaltningen\"",
        "namn = \"Kommunstyrelseförvaltningen\"",
    );
    edit(ws, "indikatorer.toml", "tolerance = 250", "tolerence = 250");
    edit(
        ws,
        "indikatorer.toml",
        "tolerance = 0.5",
        "tolerance = \"0,5\"",
    );
    edit(
        ws,
        "indikatorer.toml",
        "direction = \"lower\"",
        "direction = \"lowr\"",
    );
    edit(
        ws,
        "indikatorer.toml",
        "period = \"2025\"",
        "period = \"2025-T3\"",
    );
}

/// Findings of the values: mail texts, SMTP, correction days, a date with a time, tolerances,
/// a formula that does not parse, målvärden without level or value.
fn values(ws: &Path) {
    edit(
        ws,
        "styr.toml",
        "[sending]\n",
        "[sending.mail]\nsubject = \"Blankett {okand}\"\nbody = \"Hej {\"\n\n\
         [sending.smtp]\nhost = \"mail.ekebo.se\"\nsecurity = \"none\"\n\n\
         [sending]\ncorrection_days = 0\n",
    );
    edit(
        ws,
        "styr.toml",
        "deadline = 2026-05-",
        "deadline = 2026-05-08T10:00:00\n#",
    );
    edit(ws, "indikatorer.toml", "tolerance = 250", "tolerance = -5");
    edit(
        ws,
        "indikatorer.toml",
        "formula = \"budget - forecast\"",
        "formula = \"budget - (forecast\"",
    );
    edit(
        ws,
        "indikatorer.toml",
        "period = \"2024\"\nvalue = 0",
        "period = \"2024\"\nlevel = \"region\"\nvalue = 0",
    );
    edit(
        ws,
        "indikatorer.toml",
        "period = \"2025\"\nvalue = 0",
        "period = \"2025\"",
    );
}

/// The sources and the units' codes.
fn sources(ws: &Path) {
    edit(ws, "styr.toml", "codes = [\"1020\"]", "codes = [\"1010\"]");
    edit(ws, "styr.toml", "codes = [\"1030\"]", "codes = [\"\"]");
    append(
        ws,
        "styr.toml",
        "\n[[source]]\nid = \"hr\"\nformat = \"csv\"\npattern = \"hr*.csv\"\n\
         delimiter = \";;\"\ndecimal = \",\"\nheader_row = 0\nscale = 0\nkey = \"Ansvar\"\n\
         period = \"Period\"\naggregate = \"sum\"\n\n[[source.target]]\nvalue = \"Sjuk\"\n\
         indicator = \"sjukfranvaro\"\n",
    );
}

/// The formulas of derived indicators, and sources that name what they cannot feed.
fn formulas(ws: &Path) {
    edit(
        ws,
        "indikatorer.toml",
        "formula = \"budget * months / 12 - spent\"",
        "formula = \"budget * months / 12 - spnt\"",
    );
    edit(
        ws,
        "indikatorer.toml",
        "formula = \"budget - forecast\"",
        "formula = \"budget - forecast + antal-barn\"",
    );
    edit(
        ws,
        "indikatorer.toml",
        "ratio = { numerator = \"budget - forecast\"",
        "ratio = { numerator = \"budget - sjukfranvaro\"",
    );
    append(
        ws,
        "styr.toml",
        "\n[[source]]\nid = \"hr2\"\nformat = \"csv\"\npattern = \"hr2*.csv\"\nkey = \"Ansvar\"\n\
         period = \"Period\"\naggregate = \"last\"\n\n[[source.target]]\nvalue = \"Sjuk\"\n\
         indicator = \"sjukfranvar\"\n\n[[source.target]]\nvalue = \"Avvikelse\"\n\
         indicator = \"budgetavvikelse\"\n",
    );
}

/// A form definition of the workspace's own, broken, and a broken historik.csv.
fn forms_and_history(ws: &Path) {
    let def = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/uppfoljning.toml"),
    )
    .unwrap();
    std::fs::create_dir_all(ws.join("templates")).unwrap();
    std::fs::write(ws.join("templates/uppfoljning.toml"), def).unwrap();
    edit(
        ws,
        "templates/uppfoljning.toml",
        "\"Ej uppnådd\"]",
        "\"Ej uppnådd\", \"uppnådd\"]",
    );
    edit(
        ws,
        "templates/uppfoljning.toml",
        "list = \"perspektiv\"",
        "list = \"perspektv\"",
    );
    edit(
        ws,
        "templates/uppfoljning.toml",
        "sheet = \"Aktiviteter\"",
        "sheet = \"Aktiviteter: plan/utfall\"",
    );
}

fn history(ws: &Path) {
    append(
        ws,
        "historik.csv",
        "sjukfranvaro,region,,2025,5\nsjukfranvaro,kommun,,2025-T3,ca 5\n",
    );
}

/// indikatorer.xlsx instead of indikatorer.toml: a misspelled header, a missing column, a
/// missing sheet, a value of the wrong kind.
fn xlsx_catalogue(ws: &Path) {
    std::fs::remove_file(ws.join("indikatorer.toml")).unwrap();
    let mut wb = Workbook::new();
    let s = wb.add_worksheet().set_name("Mål").unwrap();
    for (c, h) in ["id", "name", "perspective"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["M1", "Barn och unga lyckas", "Målgrupp"]
        .iter()
        .enumerate()
    {
        s.write_string(1, c as u16, *v).unwrap();
    }
    let s = wb.add_worksheet().set_name("Indikatorer").unwrap();
    let head = [
        "id",
        "name",
        "perspective",
        "area",
        "measure",
        "direction",
        "tolerence",
        "min",
    ];
    for (c, h) in head.iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    let row = [
        "sjuk",
        "Sjukfrånvaro",
        "Medarbetare",
        "personal",
        "%",
        "lower",
        "0,5",
        "noll",
    ];
    for (c, v) in row.iter().enumerate() {
        s.write_string(1, c as u16, *v).unwrap();
    }
    wb.save(ws.join("indikatorer.xlsx")).unwrap();
}

/// An organisation file for `init --from-excel` with a finding of each kind.
fn organisation(path: &Path) {
    let mut wb = Workbook::new();
    let s = wb.add_worksheet().set_name("Organisation").unwrap();
    let head = [
        "Förvaltning",
        "Enhet",
        "Enhets-id",
        "E-post",
        "Budget (tkr)",
        "Anteckning",
        "Epost-adress",
    ];
    for (c, h) in head.iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [[&str; 5]; 4] = [
        [
            "Socialförvaltningen",
            "Hemtjänst norr",
            "",
            "anna@ekeby.se",
            "ca 14 000",
        ],
        [
            "Socialförvaltningen",
            "Hemtjänst syd",
            "hem syd",
            "per at ekeby.se",
            "12000",
        ],
        ["", "Biblioteket", "", "", ""],
        ["Socialförvaltningen", "Hemtjänst norr", "", "", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                s.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

/// A broken workspace: its name and what breaks it.
type Case = (&'static str, fn(&Path));

/// Every run: its name and its output in `lang`.
fn runs(lang: &str) -> Vec<(&'static str, String)> {
    let tmp = tempfile::tempdir().unwrap();
    let cases: [Case; 7] = [
        ("shape", shape),
        ("values", values),
        ("sources", sources),
        ("formulas", formulas),
        ("forms", forms_and_history),
        ("history", history),
        ("xlsx-catalogue", xlsx_catalogue),
    ];
    let mut out = Vec::new();
    for (name, break_it) in cases {
        let ws = example(tmp.path(), name);
        break_it(&ws);
        let (code, text) = styr(&ws, lang, &["validate"]);
        assert_eq!(code, 2, "{name}:\n{text}");
        out.push((name, text));
    }
    organisation(&tmp.path().join("org.xlsx"));
    let (code, text) = styr(
        tmp.path(),
        lang,
        &["init", "ny", "--from-excel", "org.xlsx"],
    );
    assert_eq!(code, 2, "{text}");
    out.push(("from-excel", text));
    out
}

/// The lines of the findings and their hints; not the command's own summary line and its hint
/// (the commands' surface, `cli.ftl`).
fn finding_lines(text: &str) -> Vec<&str> {
    let mut in_finding = false;
    text.lines()
        .filter(|l| {
            if !l.starts_with("  ") {
                in_finding = l.contains(": C0");
            }
            in_finding
        })
        .collect()
}

/// Swedish words styr writes in the findings of the configuration; none belongs in English.
const SWEDISH: &[&str] = &[
    "tips:",
    "varning:",
    "saknas",
    "förväntade",
    "menade du",
    "okänd",
    "okänt",
    "ska vara",
    "till exempel",
    "går inte att läsa",
    "är inget",
    "är ingen",
    "överst i filen",
    "inom citattecken",
    "utan citattecken",
    "heltal",
    "texten \"",
    "två gånger",
    "källan",
    "formeln",
    "indikatorn",
    "bladnamnet",
    "listan",
    "kolumnen",
    "rubrik",
    "platshållare",
    "skriv ",
    " mellan ",
    "enheten",
];

/// English wording these findings had (or would have) before the catalogue; none belongs in
/// Swedish.
const ENGLISH: &[&str] = &[
    "hint:",
    "warning:",
    "expected",
    "did you mean",
    "missing",
    "unknown",
    "should be",
    "for example",
    "e.g.",
    "cannot",
    "is not a",
    "is not one",
    "the formula",
    "indicator '",
    "source '",
    "duplicate",
    "placeholder",
    "unencrypted",
    "mail would",
    "does not parse",
    "not closed",
    "twice",
    "the list",
    "sheet name",
    "the header",
    "a plain",
    "no sheet",
    "write ",
];

#[test]
fn the_configuration_checks_speak_one_language_per_run() {
    let sv = runs("sv");
    let en = runs("en");
    for ((name, s), (_, e)) in sv.iter().zip(&en) {
        let (fs, fe) = (finding_lines(s), finding_lines(e));
        assert!(fs.len() > 1, "{name}: no findings in\n{s}");
        assert_eq!(fs.len(), fe.len(), "{name}: the same findings\n{s}\n{e}");
        for l in &fs {
            for w in ENGLISH {
                assert!(
                    !l.contains(w),
                    "{name}: English {w:?} in the Swedish line\n{l}"
                );
            }
        }
        for l in &fe {
            for w in SWEDISH {
                assert!(
                    !l.contains(w),
                    "{name}: Swedish {w:?} in the English line\n{l}"
                );
            }
        }
    }
    let all = |runs: &[(&str, String)]| {
        runs.iter()
            .map(|(name, text)| format!("== {name}\n{}\n", finding_lines(text).join("\n")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    insta::assert_snapshot!("config_findings_sv", all(&sv));
    insta::assert_snapshot!("config_findings_en", all(&en));
}

/// The word lists catch what they are for: a Swedish hint in an English line, and the old
/// English wording in a Swedish one.
#[test]
fn the_word_lists_catch_a_mixed_line() {
    let mixed_en = "styr.toml:12:8: C001 `year` at the top of the file should be a whole number\n  hint: till exempel year = 2026";
    assert!(
        finding_lines(mixed_en)
            .iter()
            .any(|l| SWEDISH.iter().any(|w| l.contains(w)))
    );
    let old_sv = "styr.toml:38:19: C024 correction_days = 0 is not a number of days from 1 to 90\n  tips: the days a unit has, e.g. 10";
    assert!(
        finding_lines(old_sv)
            .iter()
            .any(|l| ENGLISH.iter().any(|w| l.contains(w)))
    );
}
