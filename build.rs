//! Embeds the example municipality's returned workbooks (sample-data/returns/) in the binary,
//! so that `styr demo` runs the whole cycle anywhere.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let dir = Path::new(&root).join("sample-data/returns");
    println!("cargo:rerun-if-changed=sample-data/returns");
    let mut out = String::from(
        "/// The example returns: (period, file name, bytes).\npub const RETURNS: &[(&str, &str, &[u8])] = &[\n",
    );
    let mut periods: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    periods.sort();
    for p in periods.iter().filter(|p| p.is_dir()) {
        println!("cargo:rerun-if-changed={}", p.display());
        let period = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut files: Vec<_> = std::fs::read_dir(p)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files.iter().filter(|f| f.is_file()) {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    ({period:?}, {name:?}, include_bytes!({:?})),",
                f.display().to_string()
            );
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()))
        .join("sample_returns.rs");
    if std::fs::read_to_string(&dest).ok().as_deref() != Some(out.as_str()) {
        let _ = std::fs::write(dest, out);
    }
}
