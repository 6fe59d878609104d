//! A narrow look into an xlsx's sheet XML for what calamine cannot report: cells holding error
//! values it does not know (`#SPILL!`, `#CALC!`, `#BLOCKED!`...), which stop its reader; formulas
//! without a computed value and texts missing from the string table, which it reads as nothing;
//! and merged ranges, which hide every cell but the first.

use std::io::{Cursor, Read};

use super::xml_attr::{attr, office_document_target};
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
/// A package opened once for the scans below, with its sheet parts looked up once.
pub struct Package<'a> {
    bytes: &'a [u8],
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    parts: Option<Vec<(String, String)>>,
}

impl<'a> Package<'a> {
    /// `None` when the bytes are not a zip (the reader has said so already).
    pub fn open(bytes: &'a [u8]) -> Option<Self> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        Some(Self {
            bytes,
            zip,
            parts: None,
        })
    }

    /// Sheet names and their parts.
    fn sheet_parts(&mut self) -> Vec<(String, String)> {
        if self.parts.is_none() {
            self.parts = Some(sheet_parts(&mut self.zip));
        }
        self.parts.clone().unwrap_or_default()
    }
}

/// A sheet part larger than this is not scanned.
const MAX_PART: u64 = 64 * 1024 * 1024;

/// Damaged cells of one sheet: (row, col, what).
pub type DamagedCells = Vec<(u32, u16, super::raw::Damage)>;

/// Error cells of one sheet: (row, col, error text).
pub type ErrorCells = Vec<(u32, u16, String)>;

/// (sheet name, error cells) for every sheet with unknown error values.
pub fn unknown_error_cells(pkg: &mut Package<'_>) -> Vec<(String, ErrorCells)> {
    let names = pkg.sheet_parts();
    let zip = &mut pkg.zip;
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

/// A cell reference as the XML writes it (`B5`, 0-based), without allocating: this runs for
/// every cell of a sheet that is looked into. Anything else is `None`.
fn cell_position(r: &str) -> Option<(u32, u16)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    let row: u32 = digits.parse().ok()?;
    let col = u16::try_from(col.checked_sub(1)?).ok()?;
    (row >= 1 && col < 16_384 && row <= 1_048_576).then(|| (row - 1, col))
}

/// Sheet names and their XML parts, from the workbook the package's `_rels/.rels` names (as the
/// sniffer finds it) and the workbook's relationships.
fn sheet_parts<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> Vec<(String, String)> {
    let read = |zip: &mut zip::ZipArchive<R>, name: &str| -> Option<String> {
        let f = zip.by_name(name).ok()?;
        let mut s = String::new();
        f.take(MAX_PART).read_to_string(&mut s).ok()?;
        Some(s)
    };
    let workbook = read(zip, "_rels/.rels")
        .and_then(|rels| office_document_target(&rels))
        .unwrap_or_else(|| "xl/workbook.xml".to_string());
    let (dir, file) = workbook
        .rsplit_once('/')
        .map_or(("", workbook.as_str()), |(d, f)| (d, f));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let (Some(wb), Some(rels)) = (read(zip, &workbook), read(zip, &rels_name)) else {
        return Vec::new();
    };
    let targets: Vec<(&str, &str)> = rels
        .split("<Relationship ")
        .skip(1)
        .filter_map(|r| {
            let h = r.split('>').next().unwrap_or_default();
            Some((attr(h, "Id")?, attr(h, "Target")?))
        })
        .collect();
    let mut out = Vec::new();
    for s in wb.split("<sheet ").skip(1) {
        let head = s.split('>').next().unwrap_or_default();
        let (Some(name), Some(id)) = (attr(head, "name"), attr(head, "r:id")) else {
            continue;
        };
        let target = targets.iter().find(|(i, _)| *i == id).map(|(_, t)| *t);
        if let Some(t) = target {
            let t = t.replace('\\', "/");
            let part = match t.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None if dir.is_empty() => t,
                None => format!("{dir}/{t}"),
            };
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
pub fn merged_cells(pkg: &mut Package<'_>) -> Vec<(String, Vec<super::raw::Merge>)> {
    let bytes = pkg.bytes;
    let parts = pkg.sheet_parts();
    let zip = &mut pkg.zip;
    let mut found: Vec<(String, Vec<super::raw::Merge>)> = Vec::new();
    for i in 0..zip.len() {
        let name = match zip.name_for_index(i) {
            Some(Ok(n)) if n.starts_with("xl/worksheets/") && n.ends_with(".xml") => n.to_string(),
            _ => continue,
        };
        let Some(xml) = part(zip, bytes, i) else {
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
    found
        .into_iter()
        .filter_map(|(part, m)| {
            let sheet = parts.iter().find(|(_, p)| *p == part)?.0.clone();
            Some((sheet, m))
        })
        .collect()
}

/// A sheet the reader could not read in full: the cells it found without a value, and whether
/// some of its text cells point past the string table.
#[derive(Debug)]
pub struct LookCloser {
    pub sheet: String,
    pub empty: Vec<(u32, u16)>,
    pub missing_strings: bool,
}

/// Damaged cells of the sheets in `sheets`: formulas without a computed value among each
/// sheet's empty cells, and text cells whose shared string is not in the string table.
///
/// This runs for nearly every return (a styled blank input cell reads as an empty cell), so the
/// sheet is scanned without copying it: self-closing `<c .../>` elements (truly empty) are
/// skipped at once, and only the listed cells and, where strings were missing, the text cells
/// are looked into.
pub fn damaged_cells(pkg: &mut Package<'_>, sheets: &[LookCloser]) -> Vec<(String, DamagedCells)> {
    use super::raw::Damage;
    let bytes = pkg.bytes;
    let parts = pkg.sheet_parts();
    let zip = &mut pkg.zip;
    let strings = if sheets.iter().any(|s| s.missing_strings) {
        zip.index_for_name("xl/sharedStrings.xml")
            .and_then(|i| part(zip, bytes, i))
            .map_or(0, |x| {
                memchr::memmem::find_iter(&x, b"<si")
                    .filter(|i| matches!(x.get(i + 3), Some(b'>' | b'/' | b' ')))
                    .count()
            })
    } else {
        0
    };
    let mut out = Vec::new();
    for look in sheets {
        let Some(i) = parts
            .iter()
            .find(|(n, _)| *n == look.sheet)
            .and_then(|(_, p)| zip.index_for_name(p))
        else {
            continue;
        };
        let Some(xml) = part(zip, bytes, i) else {
            continue;
        };
        // Only a formula (`<f>`, `<f t="shared" .../>`; not the `<formula>` of a validation or
        // a conditional format) can leave a cell with content and no value: a sheet without
        // one needs no closer look at its cells, which is most sheets of a return.
        let has_formula = memchr::memmem::find_iter(&xml, b"<f").any(|i| {
            matches!(
                xml.get(i + 2),
                Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
            )
        });
        if !look.missing_strings && !has_formula {
            continue;
        }
        let mut empty = look.empty.clone();
        empty.sort_unstable();
        let mut found = Vec::new();
        let mut at = 0;
        let cell_start = memchr::memmem::Finder::new(b"<c ");
        while let Some(i) = cell_start.find(&xml[at..]) {
            let start = at + i + 3;
            let Some(gt) = memchr::memchr(b'>', &xml[start..]) else {
                break;
            };
            at = start + gt + 1;
            if xml[start + gt - 1] == b'/' {
                continue;
            }
            let Ok(head) = std::str::from_utf8(&xml[start..start + gt]) else {
                continue;
            };
            let text_cell = look.missing_strings && attr(head, "t") == Some("s");
            // Writers put `r` first; any other order is found by the attribute reader.
            let r = head
                .strip_prefix("r=\"")
                .and_then(|h| h.split('"').next())
                .or_else(|| attr(head, "r"));
            let Some((row, col)) = r.and_then(|r| {
                cell_position(r).or_else(|| CellRef::parse(r).map(|c| (c.row, c.col)))
            }) else {
                continue;
            };
            if !text_cell && empty.binary_search(&(row, col)).is_err() {
                continue;
            }
            let r = CellRef::new(row, col);
            let rest = &xml[at..];
            let body = &rest[..memchr::memmem::find(rest, b"</c>").unwrap_or(rest.len())];
            let body = String::from_utf8_lossy(body);
            if text_cell {
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
            out.push((look.sheet.clone(), found));
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

#[cfg(test)]
mod tests {
    use super::cell_position;
    use crate::domain::CellRef;

    #[test]
    fn cell_positions_agree_with_cell_refs() {
        for r in ["A1", "B5", "Z9", "AA10", "XFD1048576", "H123"] {
            let c = CellRef::parse(r).unwrap();
            assert_eq!(cell_position(r), Some((c.row, c.col)), "{r}");
        }
        for r in [
            "",
            "A",
            "5",
            "A0",
            "XFE1",
            "A1048577",
            "AAAA1",
            "personalomsattningX5",
        ] {
            assert_eq!(cell_position(r), None, "{r}");
        }
    }
}
