//! The JSON Schemas of styr.toml, indikatorer.toml and the form definitions: the committed
//! copies in `schema/` are current (`STYR_BLESS=1 cargo test --test schema` rewrites them), and
//! the example, the built-in templates and every kind of new workspace validate against them
//! with an independent validator (the `jsonschema` crate), while a broken file does not.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value as Json;
use styr::workspace::schema;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A TOML document as the JSON an editor validates: dates become their text.
fn to_json(v: &toml::Value) -> Json {
    match v {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => Json::from(*i),
        toml::Value::Float(f) => Json::from(*f),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(a) => Json::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Json::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

fn errors(schema: &Json, toml_text: &str) -> Vec<String> {
    let doc: toml::Value = toml::from_str(toml_text).expect("TOML");
    let v = jsonschema::validator_for(schema).expect("a valid JSON Schema");
    v.iter_errors(&to_json(&doc))
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn committed_schemas_are_current() {
    let bless = std::env::var_os("STYR_BLESS").is_some();
    for (name, text) in schema::files() {
        let path = repo("schema").join(name);
        if bless {
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "schema/{name} is not what the Rust types give; run STYR_BLESS=1 cargo test --test schema"
        );
    }
}

#[test]
fn example_and_templates_validate() {
    let cases = [
        ("sample-data/styr.toml", schema::config()),
        ("sample-data/indikatorer.toml", schema::catalogue()),
        ("templates/uppfoljning.toml", schema::form()),
        ("templates/verksamhetsplan.toml", schema::form()),
        ("templates/malvarden.toml", schema::form()),
        ("templates/internkontroll.toml", schema::form()),
    ];
    for (file, s) in cases {
        let text = std::fs::read_to_string(repo(file)).unwrap();
        let found = errors(s, &text);
        assert!(found.is_empty(), "{file}: {found:#?}");
    }
}

#[test]
fn a_broken_file_does_not_validate() {
    let text = std::fs::read_to_string(repo("sample-data/indikatorer.toml")).unwrap();
    let broken = text.replacen("tolerance = ", "tolerence = ", 1);
    assert!(!errors(schema::catalogue(), &broken).is_empty());
    let text = std::fs::read_to_string(repo("sample-data/styr.toml")).unwrap();
    let broken = text.replacen("year = 2026", "year = \"2026\"", 1);
    assert!(!errors(schema::config(), &broken).is_empty());
}

fn init(dir: &Path, extra: &[&str]) {
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .arg("init")
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The blank workspace (with and without the standard indicators) and the example as `init`
/// writes it validate, and name a schema that is there.
#[test]
fn new_workspaces_validate_and_point_at_their_schema() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, extra) in [
        ("blank", vec!["--blank"]),
        ("standard", vec!["--blank", "--standard-indicators"]),
    ] {
        let dir = tmp.path().join(name);
        init(&dir, &extra);
        for (file, s) in [
            ("styr.toml", schema::config()),
            ("indikatorer.toml", schema::catalogue()),
        ] {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let found = errors(s, &text);
            assert!(found.is_empty(), "{name}/{file}: {found:#?}");
            let first = text.lines().next().unwrap();
            let target = first
                .strip_prefix("#:schema ")
                .expect("a #:schema line first");
            let on_disk = std::fs::read_to_string(dir.join(target)).unwrap();
            let (_, expected) = schema::files()
                .into_iter()
                .find(|(n, _)| target.ends_with(n))
                .unwrap();
            assert_eq!(on_disk, expected, "{name}: {target}");
        }
        assert!(dir.join(".taplo.toml").exists());
    }
    let dir = tmp.path().join("example");
    init(&dir, &[]);
    let taplo = std::fs::read_to_string(dir.join(".taplo.toml")).unwrap();
    for (n, _) in schema::files() {
        assert!(dir.join("schema").join(n).exists(), "{n}");
        assert!(taplo.contains(n), "{n} in .taplo.toml");
    }
}
