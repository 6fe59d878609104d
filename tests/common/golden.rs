//! Golden-file comparison of workbooks, part by part, as rust_xlsxwriter's own tests do: unzip
//! both, split XML parts into elements, drop volatile parts, show the first difference readably.
//! `STYR_BLESS=1` rewrites the reference; a failing test leaves its output next to the reference
//! as `<name>.actual.xlsx` to open.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

/// Parts whose content may legitimately differ (none today: styr fixes its creation date).
const VOLATILE: &[&str] = &[];

fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).expect("read entry");
        out.insert(f.name().expect("entry name").to_string(), buf);
    }
    out
}

/// Splits XML into elements (`<...>` and the text between), one per line.
fn elements(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        if i > 0 && !rest[..i].trim().is_empty() {
            out.push(rest[..i].to_string());
        }
        let Some(j) = rest[i..].find('>') else { break };
        let mut el = rest[i..i + j + 1].to_string();
        // Relationship order is not meaningful.
        el = el.replace("\r\n", "\n");
        out.push(el);
        rest = &rest[i + j + 1..];
    }
    out
}

/// Compares `actual` with the reference at `reference`.
pub fn assert_golden(actual: &[u8], reference: &Path) {
    if std::env::var_os("STYR_BLESS").is_some()
        || !reference.exists() && std::env::var_os("CI").is_none()
    {
        std::fs::write(reference, actual).expect("write reference");
        eprintln!("wrote reference {}", reference.display());
        return;
    }
    let expected =
        std::fs::read(reference).unwrap_or_else(|e| panic!("{}: {e}", reference.display()));
    let (a, e) = (parts(actual), parts(&expected));
    let fail = |msg: String| -> ! {
        let out = reference.with_extension("actual.xlsx");
        std::fs::write(&out, actual).expect("write actual");
        panic!(
            "{msg}\nactual output left at {}\nif the change is intended: STYR_BLESS=1 cargo test, then look at the file",
            out.display()
        );
    };
    let names_a: Vec<&String> = a.keys().collect();
    let names_e: Vec<&String> = e.keys().collect();
    if names_a != names_e {
        fail(format!(
            "parts differ:\n  actual:   {names_a:?}\n  expected: {names_e:?}"
        ));
    }
    for (name, bytes) in &e {
        if VOLATILE.contains(&name.as_str()) {
            continue;
        }
        let other = &a[name];
        if bytes == other {
            continue;
        }
        let (xe, xa) = (
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(other),
        );
        let (ee, ea) = (elements(&xe), elements(&xa));
        let mut sorted_e = ee.clone();
        let mut sorted_a = ea.clone();
        if name.ends_with(".rels") {
            sorted_e.sort();
            sorted_a.sort();
            if sorted_e == sorted_a {
                continue;
            }
        }
        let i = ee
            .iter()
            .zip(&ea)
            .position(|(x, y)| x != y)
            .unwrap_or(ee.len().min(ea.len()));
        let ctx = |v: &[String]| v[i.saturating_sub(2)..(i + 3).min(v.len())].join("\n    ");
        fail(format!(
            "part {name} differs at element {i}:\n  expected:\n    {}\n  actual:\n    {}",
            ctx(&ee),
            ctx(&ea)
        ));
    }
}
