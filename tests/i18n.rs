//! The message catalogue: both languages have the same messages with the same variables, every
//! message is used, and every key the code asks for exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use styr::i18n::{Lang, source, tr};

/// The messages of a catalogue: key → its variables.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let text = source(lang);
    if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(text.to_string()) {
        panic!("{} catalogue has syntax errors: {errors:?}", lang.tag());
    }
    let mut out = BTreeMap::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with(' ') {
            continue;
        }
        let (key, value) = line.split_once(" = ").expect("key = value");
        let vars = value
            .split("{ $")
            .skip(1)
            .map(|v| v.split(' ').next().unwrap().to_string())
            .collect();
        assert!(
            out.insert(key.to_string(), vars).is_none(),
            "{} catalogue: '{key}' twice",
            lang.tag()
        );
    }
    out
}

fn rust_sources(dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(std::fs::read_to_string(&p).unwrap());
        }
    }
}

/// The string literals of the code that are message keys: the first argument of `tx!`/`t`/`tr`,
/// and every literal shaped like a variant of a code (`"R203-hint"`).
fn keys_in_code(code: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for marker in ["tx!(\"", "i18n::t(\"", "tr(lang, \""] {
        for part in code.split(marker).skip(1) {
            keys.insert(part.split('"').next().unwrap().to_string());
        }
    }
    for lit in code.split('"').skip(1).step_by(2) {
        let b = lit.as_bytes();
        if b.len() > 5
            && b[0] == b'R'
            && b[1..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && lit[5..].chars().all(|c| c.is_ascii_lowercase() || c == '-')
        {
            keys.insert(lit.to_string());
        }
    }
    keys
}

#[test]
fn both_languages_have_the_same_messages_and_variables() {
    let sv = messages(Lang::Sv);
    let en = messages(Lang::En);
    let only_sv: Vec<_> = sv.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !sv.contains_key(*k)).collect();
    assert!(only_sv.is_empty(), "only in sv: {only_sv:?}");
    assert!(only_en.is_empty(), "only in en: {only_en:?}");
    for (k, vars) in &sv {
        assert_eq!(
            vars, &en[k],
            "the variables of '{k}' differ between sv and en"
        );
    }
    assert!(sv.len() > 100, "the catalogue lost its messages");
}

#[test]
fn every_key_is_used_and_every_used_key_exists() {
    let mut files = Vec::new();
    rust_sources(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path(),
        &mut files,
    );
    let code = files.join("\n");
    let catalogue = messages(Lang::Sv);
    let used = keys_in_code(&code);
    let missing: Vec<_> = used
        .iter()
        .filter(|k| !catalogue.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used in src/ but not in the catalogue: {missing:?}"
    );
    let unused: Vec<_> = catalogue
        .keys()
        .filter(|k| !code.contains(&format!("\"{k}\"")))
        .collect();
    assert!(unused.is_empty(), "catalogue keys no code uses: {unused:?}");
}

#[test]
fn messages_render_with_their_arguments_and_no_isolation_marks() {
    use styr::i18n::Arg;
    for lang in Lang::ALL {
        let s = tr(lang, "R203", &[("text", Arg::from("ca 5"))]);
        assert!(s.contains("\"ca 5\""), "{s}");
        assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'), "{s:?}");
    }
    assert_eq!(
        tr(Lang::Sv, "R203", &[("text", Arg::from("ca 5"))]),
        "text i en talcell: \"ca 5\""
    );
    assert_eq!(
        tr(Lang::En, "R203", &[("text", Arg::from("ca 5"))]),
        "text in a number cell: \"ca 5\""
    );
}

#[test]
fn the_language_comes_from_styr_lang_then_the_locale_then_swedish() {
    let pick = |vars: &[(&str, &str)]| {
        let vars: BTreeMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Lang::from_vars(|k| vars.get(k).cloned())
    };
    assert_eq!(pick(&[]), Lang::Sv);
    assert_eq!(pick(&[("LANG", "C.UTF-8")]), Lang::Sv);
    assert_eq!(pick(&[("LANG", "sv_SE.UTF-8")]), Lang::Sv);
    assert_eq!(pick(&[("LANG", "en_US.UTF-8")]), Lang::En);
    assert_eq!(
        pick(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "sv_SE.UTF-8")]),
        Lang::Sv
    );
    assert_eq!(
        pick(&[("LC_MESSAGES", "en_GB"), ("LANG", "sv_SE")]),
        Lang::En
    );
    assert_eq!(
        pick(&[("STYR_LANG", "sv"), ("LANG", "en_US.UTF-8")]),
        Lang::Sv
    );
    assert_eq!(pick(&[("STYR_LANG", "en")]), Lang::En);
    assert_eq!(pick(&[("STYR_LANG", "fr"), ("LANG", "en_US")]), Lang::En);
}
