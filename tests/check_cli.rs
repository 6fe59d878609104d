//! `styr check` from the command line: snapshots of the table (NO_COLOR), the JSON and the CSV
//! for a small fixed workspace, and the exit codes. Temporary paths are redacted as `[WS]`.

use std::path::Path;
use std::process::Command;

use styr::analysis::store::{STORE_FILE, Store, StoredValue};
use styr::domain::{FormKind, Period};
use styr::form::FieldRole;
use styr::workspace::Workspace;

const CONFIG: &str = r#"year = 2026

[kommun]
name = "Småby kommun"

[[forvaltning]]
id = "BUF"
name = "Barn- och utbildningsförvaltningen"

[[forvaltning]]
id = "SOF"
name = "Socialförvaltningen"

[[enhet]]
id = "buf-angen"
name = "Ängens förskola"
forvaltning = "BUF"
category = "förskola"
budget_tkr = 12000

[[enhet]]
id = "buf-backen"
name = "Backens skola"
forvaltning = "BUF"
category = "grundskola"
budget_tkr = 30000

[[enhet]]
id = "sof-hemtj"
name = "Hemtjänst Centrum"
forvaltning = "SOF"
category = "hemtjänst"
budget_tkr = 25000

[[enhet]]
id = "sof-dalen"
name = "Dalens boende"
forvaltning = "SOF"
category = "särskilt boende"
budget_tkr = 40000
"#;

const CATALOGUE: &str = r#"
[[goal]]
id = "M1"
name = "Barn och unga lyckas"
perspective = "Målgrupp"

[[goal]]
id = "M2"
name = "Friska medarbetare"
perspective = "Medarbetare"

[[goal]]
id = "M3"
name = "Ekonomi i balans"
perspective = "Ekonomi"

[[indicator]]
id = "arsarbetare"
name = "Årsarbetare"
perspective = "Medarbetare"
area = "personal"
measure = "antal"
direction = "higher"
rollup = "sum"
unchanged = 1

[[indicator]]
id = "sjukfranvaro"
name = "Sjukfrånvaro"
perspective = "Medarbetare"
area = "personal"
measure = "%"
direction = "lower"
tolerance = 0.5
rollup = "weighted_mean"
weight = "arsarbetare"
unchanged = 0.3
goals = ["M2"]

[[indicator]]
id = "personalomsattning"
name = "Personalomsättning"
perspective = "Medarbetare"
area = "personal"
measure = "%"
direction = "lower"
tolerance = 1.5
rollup = "weighted_mean"
weight = "arsarbetare"
tertial_rule = "pro_rata"
unchanged = 0.5
goals = ["M2"]

[[indicator]]
id = "behoriga"
name = "Andel behöriga pedagoger"
perspective = "Medarbetare"
area = "kompetens"
measure = "%"
direction = "higher"
tolerance = 3
rollup = "mean"
categories = ["förskola", "grundskola"]
unchanged = 1
goals = ["M1"]

[[indicator]]
id = "barn-per-arsarbetare"
name = "Barn per årsarbetare"
perspective = "Verksamhet"
area = "verksamhet"
measure = "kvot"
direction = "interval"
tolerance = 0.3
rollup = "mean"
categories = ["förskola"]
unchanged = 0.1
goals = ["M1"]

[[indicator]]
id = "nojdhet"
name = "Nöjda brukare"
perspective = "Målgrupp"
area = "malgrupp"
measure = "%"
direction = "higher"
tolerance_pct = 5
rollup = "median"
tertial_rule = "not_judged"
goals = ["M1"]

[[indicator]]
id = "resultat"
name = "Resultat i procent av skatteintäkter"
perspective = "Ekonomi"
area = "ekonomi"
measure = "%"
direction = "higher"
tolerance = 0.5
rollup = "none"
reported_by = "central"
goals = ["M3"]

[[target]]
indicator = "sjukfranvaro"
period = "2026"
value = 7.0

[[target]]
indicator = "sjukfranvaro"
period = "2026-T1"
value = 7.8

[[target]]
indicator = "sjukfranvaro"
period = "2026"
level = "forvaltning"
id = "SOF"
value = 8.5

[[target]]
indicator = "sjukfranvaro"
period = "2026"
level = "enhet"
id = "sof-dalen"
value = 9.5

[[target]]
indicator = "personalomsattning"
period = "2026"
value = 10

[[target]]
indicator = "behoriga"
period = "2026"
value = 80

[[target]]
indicator = "barn-per-arsarbetare"
period = "2026"
min = 4.5
max = 5.5

[[target]]
indicator = "nojdhet"
period = "2026"
value = 85

[[target]]
indicator = "resultat"
period = "2026"
value = 2
"#;

const HISTORY: &str = "indicator,level,id,period,value
sjukfranvaro,enhet,buf-angen,2025,6.5
sjukfranvaro,enhet,buf-backen,2025,7.3
sjukfranvaro,enhet,sof-hemtj,2025,8.9
sjukfranvaro,enhet,sof-dalen,2025,10.4
sjukfranvaro,enhet,buf-angen,2025-T1,7.1
arsarbetare,enhet,buf-angen,2025,19
arsarbetare,enhet,buf-backen,2025,44
arsarbetare,enhet,sof-hemtj,2025,58
arsarbetare,enhet,sof-dalen,2025,35
behoriga,enhet,buf-angen,2025,74
behoriga,enhet,buf-backen,2025,73
resultat,kommun,,2025,0.9
resultat,kommun,,2025-T1,1.2
resultat,kommun,,2026-T1,0.1
";

#[allow(clippy::too_many_arguments)]
fn stored(
    ws: &Workspace,
    unit: &str,
    role: FieldRole,
    area: Option<styr::domain::Area>,
    key: &str,
    number: Option<f64>,
    text: Option<&str>,
    row: usize,
) -> StoredValue {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let (sec, field) = def
        .with_role(role)
        .into_iter()
        .find(|(s, _)| area.is_none_or(|a| s.areas.is_empty() || s.areas.contains(&a)))
        .unwrap();
    StoredValue {
        period: Period::parse("2026-T1").unwrap(),
        form: FormKind::Uppfoljning,
        form_version: def.version,
        unit: unit.into(),
        section: sec.id.clone(),
        key: key.into(),
        field: field.id.clone(),
        number,
        text: text.map(str::to_string),
        file: format!("uppfoljning-2026-T1-{unit}.xlsx"),
        sha256: "0f".repeat(32),
        sheet: sec.sheet.clone(),
        cell: format!("H{}", 6 + row),
        collected_at: "2026-05-11T08:00:00Z".into(),
        preliminary: false,
        error: None,
        mail: None,
        import: None,
    }
}

/// Småby kommun with its returns for 2026-T1 in the data store.
fn smaby() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("styr.toml"), CONFIG).unwrap();
    std::fs::write(root.join("indikatorer.toml"), CATALOGUE).unwrap();
    std::fs::write(root.join("historik.csv"), HISTORY).unwrap();
    let ws = Workspace::load(root).unwrap();
    let mut v = Vec::new();
    let outcomes: &[(&str, &str, f64)] = &[
        ("buf-angen", "arsarbetare", 20.0),
        ("buf-backen", "arsarbetare", 45.0),
        ("sof-hemtj", "arsarbetare", 60.0),
        ("buf-angen", "sjukfranvaro", 6.1),
        ("buf-backen", "sjukfranvaro", 7.4),
        ("sof-hemtj", "sjukfranvaro", 9.6),
        ("sof-dalen", "sjukfranvaro", 10.2),
        ("buf-angen", "personalomsattning", 2.0),
        ("buf-backen", "personalomsattning", 4.5),
        ("sof-hemtj", "personalomsattning", 3.0),
        ("sof-dalen", "personalomsattning", 3.2),
        ("buf-angen", "behoriga", 78.0),
        ("buf-backen", "behoriga", 72.0),
        ("buf-angen", "barn-per-arsarbetare", 5.7),
        ("buf-angen", "nojdhet", 88.0),
        ("sof-hemtj", "nojdhet", 79.0),
    ];
    for (i, (u, ind, x)) in outcomes.iter().enumerate() {
        let area = ws.catalogue.indicator(ind).unwrap().area;
        v.push(stored(
            &ws,
            u,
            FieldRole::Outcome,
            Some(area),
            ind,
            Some(*x),
            None,
            i,
        ));
    }
    for (u, forecast) in [
        ("buf-angen", 11800.0),
        ("buf-backen", 30250.0),
        ("sof-hemtj", 26500.0),
    ] {
        v.push(stored(
            &ws,
            u,
            FieldRole::Spent,
            None,
            "",
            Some(forecast * 0.31),
            None,
            0,
        ));
        v.push(stored(
            &ws,
            u,
            FieldRole::Forecast,
            None,
            "",
            Some(forecast),
            None,
            1,
        ));
    }
    for (u, row, goal, status) in [
        ("buf-angen", 1, "Mer läsning", "Pågår"),
        ("buf-angen", 2, "Mer läsning", "Klar"),
        ("sof-hemtj", 1, "Färre personer per brukare", "Senarelagd"),
    ] {
        let k = row.to_string();
        v.push(stored(
            &ws,
            u,
            FieldRole::Goal,
            None,
            &k,
            None,
            Some(goal),
            row,
        ));
        v.push(stored(
            &ws,
            u,
            FieldRole::ActivityStatus,
            None,
            &k,
            None,
            Some(status),
            row,
        ));
    }
    for (u, row, persp, a) in [
        ("buf-angen", 1, "Målgrupp", "Uppnådd"),
        ("buf-angen", 2, "Medarbetare", "Delvis uppnådd"),
        ("sof-dalen", 1, "Målgrupp", "Ej uppnådd"),
    ] {
        let k = row.to_string();
        v.push(stored(
            &ws,
            u,
            FieldRole::Perspective,
            None,
            &k,
            None,
            Some(persp),
            row,
        ));
        v.push(stored(
            &ws,
            u,
            FieldRole::Assessment,
            None,
            &k,
            None,
            Some(a),
            row,
        ));
    }
    let data = root.join("data");
    std::fs::create_dir_all(&data).unwrap();
    Store { values: v }.save(&data.join(STORE_FILE)).unwrap();
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn styr(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let redact = |b: &[u8]| String::from_utf8_lossy(b).replace(&dir.display().to_string(), "[WS]");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: redact(&out.stdout),
        stderr: redact(&out.stderr),
    }
}

#[test]
fn table() {
    let dir = smaby();
    let r = styr(dir.path(), &["check", "--period", "2026-T1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains('\x1b'), "no colours with NO_COLOR");
    insta::assert_snapshot!("table", r.stdout);
}

#[test]
fn table_of_one_forvaltning() {
    let dir = smaby();
    let r = styr(
        dir.path(),
        &["check", "--period", "2026-T1", "--forvaltning", "SOF"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("table_sof", r.stdout);
}

#[test]
fn json() {
    let dir = smaby();
    let r = styr(
        dir.path(),
        &["check", "--period", "2026-T1", "--format", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["schema"], "styr-check/1");
    insta::assert_snapshot!("json", r.stdout);
}

#[test]
fn csv() {
    let dir = smaby();
    let r = styr(
        dir.path(),
        &["check", "--period", "2026-T1", "--format", "csv"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("csv", r.stdout);
}

#[test]
fn no_colours_when_stdout_is_not_a_terminal() {
    let dir = smaby();
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(dir.path())
        .args(["check", "--period", "2026-T1"])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'));
}

#[test]
fn fail_on_red_exits_1() {
    let dir = smaby();
    let r = styr(
        dir.path(),
        &["check", "--period", "2026-T1", "--fail-on", "red"],
    );
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("Röda rader"));
    // Without red rows: 2025 has no målvärden, so nothing is red.
    let r = styr(
        dir.path(),
        &["check", "--period", "2025", "--fail-on", "red"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let r = styr(
        dir.path(),
        &["check", "--period", "2025", "--fail-on", "yellow"],
    );
    assert_eq!(r.code, 0);
}

fn failure(r: &Run) -> String {
    format!("exit {}\n{}", r.code, r.stderr)
}

#[test]
fn a_bad_period_exits_2_with_a_hint() {
    let dir = smaby();
    let r = styr(dir.path(), &["check", "--period", "2026-T3"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("bad_period", failure(&r));
    let r = styr(dir.path(), &["check", "--period", "2027-plan"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("plan_period", failure(&r));
}

#[test]
fn an_unknown_forvaltning_exits_2_with_did_you_mean() {
    let dir = smaby();
    let r = styr(
        dir.path(),
        &["check", "--period", "2026-T1", "--forvaltning", "buf"],
    );
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("unknown_forvaltning", failure(&r));
    let r = styr(
        dir.path(),
        &["check", "--period", "2026-T1", "--forvaltning", "KFF"],
    );
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("unknown_forvaltning_far", failure(&r));
}

#[test]
fn an_unreadable_store_exits_2() {
    let dir = smaby();
    std::fs::write(dir.path().join("data").join(STORE_FILE), b"not parquet").unwrap();
    let r = styr(dir.path(), &["check", "--period", "2026-T1"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("[WS]/data/varden.parquet"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("tips:"), "{}", r.stderr);
}

#[test]
fn a_missing_store_is_no_returns_yet() {
    let dir = smaby();
    std::fs::remove_file(dir.path().join("data").join(STORE_FILE)).unwrap();
    let r = styr(
        dir.path(),
        &["check", "--period", "2026-T1", "--fail-on", "red"],
    );
    // The kommun's central result (from historik.csv) is still red.
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("har inga returer"), "{}", r.stderr);
}
