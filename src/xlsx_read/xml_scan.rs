//! A narrow look into an xlsx's sheet XML for what calamine cannot report: cells holding error
//! values it does not know (`#SPILL!`, `#CALC!`, `#BLOCKED!`...), which stop its reader.

use std::io::{Cursor, Read};

use crate::domain::CellRef;

/// Known to calamine; everything else in a `t="e"` cell is reported.
const KNOWN: &[&str] = &[
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#DATA!",
    "#GETTING_DATA",
];
/// A sheet part larger than this is not scanned.
const MAX_PART: u64 = 64 * 1024 * 1024;

/// Error cells of one sheet: (row, col, error text).
pub type ErrorCells = Vec<(u32, u16, String)>;

/// (sheet name, error cells) for every sheet with unknown error values.
pub fn unknown_error_cells(bytes: &[u8]) -> Vec<(String, ErrorCells)> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let names = sheet_parts(&mut zip);
    let mut out = Vec::new();
    for (sheet, part) in names {
        let Ok(f) = zip.by_name(&part) else { continue };
        if f.size() > MAX_PART {
            continue;
        }
        let mut xml = String::new();
        if f.take(MAX_PART).read_to_string(&mut xml).is_err() {
            continue;
        }
        let mut found = Vec::new();
        for cell in xml.split("<c ").skip(1) {
            let Some(end) = cell.find("</c>") else {
                continue;
            };
            let cell = &cell[..end];
            let head = cell.split('>').next().unwrap_or_default();
            if !head.contains("t=\"e\"") {
                continue;
            }
            let Some(r) = attr(head, "r").and_then(CellRef::parse) else {
                continue;
            };
            let value = cell
                .split("<v>")
                .nth(1)
                .and_then(|v| v.split("</v>").next())
                .unwrap_or_default()
                .to_string();
            if !KNOWN.contains(&value.as_str()) {
                found.push((r.row, r.col, value));
            }
        }
        if !found.is_empty() {
            out.push((sheet, found));
        }
    }
    out
}

fn attr<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = format!(" {head}").find(&key)? + key.len() - 1;
    let rest = head.get(start..)?;
    rest.split('"').next()
}

/// Sheet names and their XML parts, from the workbook and its relationships.
fn sheet_parts<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> Vec<(String, String)> {
    let read = |zip: &mut zip::ZipArchive<R>, name: &str| -> Option<String> {
        let f = zip.by_name(name).ok()?;
        let mut s = String::new();
        f.take(MAX_PART).read_to_string(&mut s).ok()?;
        Some(s)
    };
    let (Some(wb), Some(rels)) = (
        read(zip, "xl/workbook.xml"),
        read(zip, "xl/_rels/workbook.xml.rels"),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in wb.split("<sheet ").skip(1) {
        let head = s.split('>').next().unwrap_or_default();
        let (Some(name), Some(id)) = (attr(head, "name"), attr(head, "r:id")) else {
            continue;
        };
        let target = rels.split("<Relationship ").skip(1).find_map(|r| {
            let h = r.split('>').next().unwrap_or_default();
            (attr(h, "Id") == Some(id))
                .then(|| attr(h, "Target"))
                .flatten()
        });
        if let Some(t) = target {
            let part = t
                .strip_prefix('/')
                .map_or_else(|| format!("xl/{t}"), str::to_string);
            out.push((unescape(name), part));
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}
