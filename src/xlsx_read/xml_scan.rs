//! A narrow look into an xlsx's sheet XML for what calamine cannot report: cells holding error
//! values it does not know (`#SPILL!`, `#CALC!`, `#BLOCKED!`...), which stop its reader; formulas
//! without a computed value and texts missing from the string table, which it reads as nothing;
//! and merged ranges, which hide every cell but the first.

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

/// Damaged cells of one sheet: (row, col, what).
pub type DamagedCells = Vec<(u32, u16, super::raw::Damage)>;

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

/// A part's bytes: borrowed from `bytes` when the part is STORED (the reader's case: the
/// pre-flight hands over a STORED zip), else inflated.
fn part<'a, R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    bytes: &'a [u8],
    index: usize,
) -> Option<std::borrow::Cow<'a, [u8]>> {
    let f = zip.by_index_raw(index).ok()?;
    if f.size() > MAX_PART {
        return None;
    }
    if f.compression() == zip::CompressionMethod::Stored
        && let Some(start) = f.data_start()
    {
        let start = usize::try_from(start).ok()?;
        let end = start.checked_add(usize::try_from(f.compressed_size()).ok()?)?;
        return bytes.get(start..end).map(std::borrow::Cow::Borrowed);
    }
    drop(f);
    let f = zip.by_index(index).ok()?;
    let mut out = Vec::new();
    f.take(MAX_PART).read_to_end(&mut out).ok()?;
    Some(std::borrow::Cow::Owned(out))
}

/// Merged ranges per sheet (only sheets that have any): the `<mergeCell ref="..."/>` elements
/// after a sheet's cells. Only the end of each sheet part is searched.
pub fn merged_cells(bytes: &[u8]) -> Vec<(String, Vec<super::raw::Merge>)> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut found: Vec<(String, Vec<super::raw::Merge>)> = Vec::new();
    for i in 0..zip.len() {
        let name = match zip.name_for_index(i) {
            Some(Ok(n)) if n.starts_with("xl/worksheets/") && n.ends_with(".xml") => n.to_string(),
            _ => continue,
        };
        let Some(xml) = part(&mut zip, bytes, i) else {
            continue;
        };
        // Merged ranges follow the cells: search the end of the part only, and only further
        // when it has any.
        let tail_at = memchr::memmem::rfind(&xml, b"</sheetData>").unwrap_or(0);
        let tail = &xml[tail_at..];
        let Some(start) = memchr::memmem::find(tail, b"<mergeCell ") else {
            continue;
        };
        let tail = &tail[start..];
        let end = memchr::memmem::find(tail, b"</mergeCells>").unwrap_or(tail.len());
        let tail = String::from_utf8_lossy(&tail[..end]);
        let merges: Vec<super::raw::Merge> = tail
            .split("<mergeCell ")
            .filter(|m| !m.is_empty())
            .filter_map(|m| {
                let head = m.split('>').next().unwrap_or_default();
                let (a, b) = attr(head, "ref")?.split_once(':')?;
                let (a, b) = (CellRef::parse(a)?, CellRef::parse(b)?);
                Some((
                    a.row.min(b.row),
                    a.col.min(b.col),
                    a.row.max(b.row),
                    a.col.max(b.col),
                ))
            })
            .take(10_000)
            .collect();
        if !merges.is_empty() {
            found.push((name, merges));
        }
    }
    if found.is_empty() {
        return found;
    }
    let parts = sheet_parts(&mut zip);
    found
        .into_iter()
        .filter_map(|(part, m)| {
            let sheet = parts.iter().find(|(_, p)| *p == part)?.0.clone();
            Some((sheet, m))
        })
        .collect()
}

/// Damaged cells of the sheets named in `sheets` (each with the cells the reader found without
/// a value): formulas without a computed value among those cells, and text cells whose shared
/// string is not in the string table.
pub fn damaged_cells(
    bytes: &[u8],
    sheets: &[(String, Vec<(u32, u16)>)],
) -> Vec<(String, DamagedCells)> {
    use super::raw::Damage;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let strings = zip
        .index_for_name("xl/sharedStrings.xml")
        .and_then(|i| part(&mut zip, bytes, i))
        .map_or(0, |x| {
            let s = String::from_utf8_lossy(&x);
            s.match_indices("<si")
                .filter(|(i, _)| matches!(s.as_bytes().get(i + 3), Some(b'>' | b'/' | b' ')))
                .count()
        });
    let parts = sheet_parts(&mut zip);
    let mut out = Vec::new();
    for (sheet, empty) in sheets {
        let Some(i) = parts
            .iter()
            .find(|(n, _)| n == sheet)
            .and_then(|(_, p)| zip.index_for_name(p))
        else {
            continue;
        };
        let Some(xml) = part(&mut zip, bytes, i) else {
            continue;
        };
        let xml = String::from_utf8_lossy(&xml);
        let mut found = Vec::new();
        for cell in xml.split("<c ").skip(1) {
            let head = cell.split('>').next().unwrap_or_default();
            if head.ends_with('/') {
                continue;
            }
            let Some(r) = attr(head, "r").and_then(CellRef::parse) else {
                continue;
            };
            let body = cell
                .get(head.len() + 1..)
                .and_then(|b| b.split("</c>").next())
                .unwrap_or_default();
            if attr(head, "t") == Some("s") {
                let index = body
                    .split("<v>")
                    .nth(1)
                    .and_then(|v| v.split("</v>").next())
                    .and_then(|v| v.trim().parse::<usize>().ok());
                if let Some(n) = index
                    && n >= strings
                {
                    found.push((r.row, r.col, Damage::MissingString(n)));
                }
                continue;
            }
            if !empty.contains(&(r.row, r.col)) {
                continue;
            }
            if let Some(f) = body.split("<f").nth(1) {
                let head_f = f.split('>').next().unwrap_or_default();
                let text = if head_f.ends_with('/') {
                    String::new()
                } else {
                    f.get(head_f.len() + 1..)
                        .and_then(|t| t.split("</f>").next())
                        .map(unescape)
                        .unwrap_or_default()
                };
                found.push((r.row, r.col, Damage::FormulaWithoutValue(text)));
            }
        }
        if !found.is_empty() {
            out.push((sheet.clone(), found));
        }
    }
    out
}

/// What an ods's `content.xml` says that calamine does not: per sheet, the cells with
/// `office:value-type="percentage"` and the merged ranges (`table:number-columns-spanned`,
/// `table:number-rows-spanned`).
#[derive(Debug, Default)]
pub struct OdsExtra {
    pub percent: Vec<(u32, u16)>,
    pub merged: Vec<super::raw::Merge>,
}

/// Scans an ods's `content.xml` for [`OdsExtra`], by sheet name (only sheets with any).
pub fn ods_extra(bytes: &[u8], limits: &super::raw::Limits) -> Vec<(String, OdsExtra)> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let Some(xml) = zip
        .index_for_name("content.xml")
        .and_then(|i| part(&mut zip, bytes, i))
    else {
        return Vec::new();
    };
    let xml = String::from_utf8_lossy(&xml);
    let num = |head: &str, name: &str| -> u32 {
        attr(head, name)
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let mut out: Vec<(String, OdsExtra)> = Vec::new();
    let mut current: Option<(String, OdsExtra)> = None;
    let (mut row, mut col, mut row_repeat) = (0u32, 0u32, 1u32);
    for tag in xml.split('<').skip(1) {
        let head = tag.split('>').next().unwrap_or_default();
        let closing = head.starts_with('/');
        let name = head
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        let self_closing = head.ends_with('/');
        match name {
            "table:table" if !closing => {
                if let Some(done) = current.take()
                    && (!done.1.percent.is_empty() || !done.1.merged.is_empty())
                {
                    out.push(done);
                }
                current = Some((
                    unescape(attr(head, "table:name").unwrap_or_default()),
                    OdsExtra::default(),
                ));
                row = 0;
            }
            "table:table-row" if !closing => {
                col = 0;
                row_repeat = num(head, "table:number-rows-repeated");
                if self_closing {
                    row = row.saturating_add(row_repeat);
                }
            }
            "table:table-row" => row = row.saturating_add(row_repeat),
            "table:table-cell" | "table:covered-table-cell" if !closing => {
                let repeat = num(head, "table:number-columns-repeated");
                if let Some((_, extra)) = current.as_mut()
                    && row < limits.rows
                    && col < u32::from(limits.cols)
                    && let Ok(c) = u16::try_from(col)
                {
                    if attr(head, "office:value-type") == Some("percentage")
                        && extra.percent.len() < limits.cells
                    {
                        for k in 0..repeat.min(u32::from(limits.cols)) {
                            if let Ok(k) = u16::try_from(k) {
                                extra.percent.push((row, c.saturating_add(k)));
                            }
                        }
                    }
                    let (cols, rows) = (
                        num(head, "table:number-columns-spanned"),
                        num(head, "table:number-rows-spanned"),
                    );
                    if (cols > 1 || rows > 1) && extra.merged.len() < 10_000 {
                        extra.merged.push((
                            row,
                            c,
                            row.saturating_add(rows - 1),
                            u16::try_from(col.saturating_add(cols - 1)).unwrap_or(u16::MAX),
                        ));
                    }
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
    }
    if let Some(done) = current
        && (!done.1.percent.is_empty() || !done.1.merged.is_empty())
    {
        out.push(done);
    }
    out
}
