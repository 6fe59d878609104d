//! Rewriting an xlsx in memory, the way a person's spreadsheet program would have changed it:
//! rename or delete a sheet, type into a cell, change a document property or the hidden `_styr`
//! sheet, set when the file was saved. The package keeps its entries in their original order;
//! only the parts touched change.
//!
//! The XML is edited as text, which is enough for the well-formed, predictable parts
//! rust_xlsxwriter writes (attributes in double quotes, no namespaces on cells). Every helper
//! panics when what it edits is not there: a fixture that silently does nothing would make a
//! test that cannot fail.
#![allow(dead_code)] // each test binary uses some of these

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// A value typed into a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// A number (`<v>` with no type), written so that it reads back exactly: `-1e300`.
    Number(f64),
    /// A number as the text of `<v>`, verbatim.
    NumberText(String),
    /// An error value (`t="e"`), such as `#SPILL!`.
    Error(String),
    /// Text, as an inline string (`t="inlineStr"`).
    Text(String),
    /// A formula without a cached value (`<f>` and no `<v>`), as a program that does not
    /// calculate writes it.
    FormulaOnly(String),
    /// A shared-string cell (`t="s"`) pointing at index `n` of the string table.
    SharedIndex(usize),
    /// A number with the style index given (replacing the cell's own).
    Styled(f64, String),
}

/// An xlsx package: its entries in archive order.
#[derive(Debug, Clone)]
pub struct Package {
    pub entries: Vec<(String, Vec<u8>)>,
}

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in an element's start tag `head`.
pub fn attr<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = head.find(&key)? + key.len();
    let rest = &head[start..];
    Some(&rest[..rest.find('"')?])
}

/// (row, col), both 0-based, of an A1 reference such as `XFD1048576`.
pub fn parse_ref(cell: &str) -> (u32, u32) {
    let letters: String = cell.chars().take_while(char::is_ascii_uppercase).collect();
    assert!(!letters.is_empty(), "not a cell reference: {cell}");
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1))
        - 1;
    let row: u32 = cell[letters.len()..]
        .parse()
        .unwrap_or_else(|_| panic!("not a cell reference: {cell}"));
    assert!(row >= 1, "rows start at 1: {cell}");
    (row - 1, col)
}

/// Where the element that starts at `start` ends (exclusive): after `/>` or its closing tag.
fn element_end(xml: &str, start: usize, tag: &str) -> usize {
    let head_end = start + xml[start..].find('>').expect("start tag ends") + 1;
    if xml[..head_end].ends_with("/>") {
        return head_end;
    }
    let close = format!("</{tag}>");
    head_end + xml[head_end..].find(&close).expect("element is closed") + close.len()
}

/// The start positions of every `<tag ` element in `xml` (not `<tagfoo`).
fn starts(xml: &str, tag: &str) -> Vec<usize> {
    let open = format!("<{tag}");
    xml.match_indices(&open)
        .map(|(i, _)| i)
        .filter(|i| matches!(xml.as_bytes().get(i + open.len()), Some(b' ' | b'>' | b'/')))
        .collect()
}

/// The new `<c>` element for `value` at `cell`, with `style` kept.
fn cell_element(cell: &str, style: Option<&str>, value: &CellValue) -> String {
    let s = style.map_or_else(String::new, |s| format!(" s=\"{s}\""));
    match value {
        CellValue::Number(n) => format!("<c r=\"{cell}\"{s}><v>{n:?}</v></c>"),
        CellValue::NumberText(t) => format!("<c r=\"{cell}\"{s}><v>{}</v></c>", escape(t)),
        CellValue::Error(e) => format!("<c r=\"{cell}\"{s} t=\"e\"><v>{}</v></c>", escape(e)),
        CellValue::Text(t) => format!(
            "<c r=\"{cell}\"{s} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
            escape(t)
        ),
        CellValue::FormulaOnly(f) => format!("<c r=\"{cell}\"{s}><f>{}</f></c>", escape(f)),
        CellValue::SharedIndex(n) => format!("<c r=\"{cell}\"{s} t=\"s\"><v>{n}</v></c>"),
        CellValue::Styled(n, style) => format!("<c r=\"{cell}\" s=\"{style}\"><v>{n:?}</v></c>"),
    }
}

/// Sets `cell` in sheet XML `xml` to `value`, keeping its style index where the cell exists and
/// inserting the cell (and its row) in order where it does not. The `<dimension>` grows to
/// include the cell, as Excel would write it.
pub fn set_cell_in(xml: &str, cell: &str, value: &CellValue) -> String {
    let (row, col) = parse_ref(cell);
    let row_no = row + 1;
    let mut xml = xml.to_string();
    // The row: found, or inserted in order.
    let row_open = format!("<row r=\"{row_no}\"");
    let row_start = match xml.find(&row_open) {
        Some(i) => {
            let end = element_end(&xml, i, "row");
            if xml[..end].ends_with("/>") {
                // <row r="5" .../> becomes <row r="5" ...></row>
                xml.replace_range(end - 2..end, "></row>");
            }
            i
        }
        None => {
            let at = starts(&xml, "row")
                .into_iter()
                .find(|i| {
                    let head = &xml[*i..*i + xml[*i..].find('>').unwrap_or(0)];
                    attr(head, "r")
                        .and_then(|r| r.parse::<u32>().ok())
                        .is_some_and(|r| r > row_no)
                })
                .or_else(|| xml.find("</sheetData>"));
            match at {
                Some(at) => {
                    xml.insert_str(at, &format!("<row r=\"{row_no}\"></row>"));
                    at
                }
                None => {
                    let empty = xml.find("<sheetData/>").expect("the sheet has sheetData");
                    xml.replace_range(
                        empty..empty + "<sheetData/>".len(),
                        &format!("<sheetData><row r=\"{row_no}\"></row></sheetData>"),
                    );
                    empty + "<sheetData>".len()
                }
            }
        }
    };
    let row_end = element_end(&xml, row_start, "row");
    let content_start = row_start + xml[row_start..].find('>').expect("row tag ends") + 1;
    let content_end = row_end - "</row>".len();
    // The cell: replaced (keeping its style), or inserted in column order.
    let row_xml = xml[content_start..content_end].to_string();
    let mut replaced = None;
    let mut insert_at = row_xml.len();
    for i in starts(&row_xml, "c") {
        let head = &row_xml[i..i + row_xml[i..].find('>').expect("c tag ends")];
        let r = attr(head, "r").expect("cells carry their reference");
        if r == cell {
            let end = element_end(&row_xml, i, "c");
            replaced = Some((i, end, attr(head, "s").map(str::to_string)));
            break;
        }
        if parse_ref(r).1 > col {
            insert_at = i;
            break;
        }
    }
    let new_row = match replaced {
        Some((i, end, style)) => format!(
            "{}{}{}",
            &row_xml[..i],
            cell_element(cell, style.as_deref(), value),
            &row_xml[end..]
        ),
        None => format!(
            "{}{}{}",
            &row_xml[..insert_at],
            cell_element(cell, None, value),
            &row_xml[insert_at..]
        ),
    };
    xml.replace_range(content_start..content_end, &new_row);
    grow_dimension(&xml, row, col)
}

fn grow_dimension(xml: &str, row: u32, col: u32) -> String {
    let Some(i) = xml.find("<dimension ref=\"") else {
        return xml.to_string();
    };
    let start = i + "<dimension ref=\"".len();
    let end = start + xml[start..].find('"').expect("dimension ends");
    let old = &xml[start..end];
    let (first, last) = old.split_once(':').unwrap_or((old, old));
    let (r0, c0) = parse_ref(first);
    let (r1, c1) = parse_ref(last);
    let col_name = |mut c: u32| {
        let mut s = Vec::new();
        c += 1;
        while c > 0 {
            s.push(b'A' + ((c - 1) % 26) as u8);
            c = (c - 1) / 26;
        }
        s.reverse();
        String::from_utf8(s).expect("ascii")
    };
    let new = format!(
        "{}{}:{}{}",
        col_name(c0.min(col)),
        r0.min(row) + 1,
        col_name(c1.max(col)),
        r1.max(row) + 1
    );
    format!("{}{new}{}", &xml[..start], &xml[end..])
}

impl Package {
    pub fn open(bytes: &[u8]) -> Self {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).expect("an xlsx is a zip");
        let entries = (0..zip.len())
            .map(|i| {
                let mut e = zip.by_index(i).expect("entry");
                let mut data = Vec::new();
                e.read_to_end(&mut data).expect("read entry");
                (e.name().expect("entry name").into_owned(), data)
            })
            .collect();
        Self { entries }
    }

    /// The package as xlsx bytes, entries in the same order, deflated.
    pub fn finish(&self) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, data) in &self.entries {
            zip.start_file(name.as_str(), options).expect("start entry");
            zip.write_all(data).expect("write entry");
        }
        zip.finish().expect("finish zip").into_inner()
    }

    pub fn part(&self, name: &str) -> Option<String> {
        self.entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| String::from_utf8(d.clone()).expect("XML parts are UTF-8"))
    }

    fn expect_part(&self, name: &str) -> String {
        self.part(name)
            .unwrap_or_else(|| panic!("the package has no {name}"))
    }

    pub fn set_part(&mut self, name: &str, text: String) {
        let entry = self
            .entries
            .iter_mut()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("the package has no {name}"));
        entry.1 = text.into_bytes();
    }

    pub fn remove_part(&mut self, name: &str) {
        let before = self.entries.len();
        self.entries.retain(|(n, _)| n != name);
        assert_eq!(self.entries.len() + 1, before, "the package has no {name}");
    }

    /// The `<sheet>` start tag of `sheet` in the workbook part, and where it is.
    fn sheet_element(&self, sheet: &str) -> (usize, String) {
        let wb = self.expect_part("xl/workbook.xml");
        let name = escape(sheet);
        starts(&wb, "sheet")
            .into_iter()
            .map(|i| (i, wb[i..element_end(&wb, i, "sheet")].to_string()))
            .find(|(_, e)| attr(e, "name") == Some(name.as_str()))
            .unwrap_or_else(|| panic!("no sheet '{sheet}' in xl/workbook.xml"))
    }

    /// The names of the sheets, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        let wb = self.expect_part("xl/workbook.xml");
        starts(&wb, "sheet")
            .into_iter()
            .filter_map(|i| {
                let head = &wb[i..element_end(&wb, i, "sheet")];
                attr(head, "name").map(unescape)
            })
            .collect()
    }

    /// The relationship element (in `xl/_rels/workbook.xml.rels`) of the sheet with `r:id` `id`.
    fn relationship(&self, id: &str) -> String {
        let rels = self.expect_part("xl/_rels/workbook.xml.rels");
        starts(&rels, "Relationship")
            .into_iter()
            .map(|i| rels[i..element_end(&rels, i, "Relationship")].to_string())
            .find(|e| attr(e, "Id") == Some(id))
            .unwrap_or_else(|| panic!("no relationship {id}"))
    }

    /// The part holding `sheet`, found through the workbook and its relationships.
    pub fn sheet_part(&self, sheet: &str) -> String {
        let (_, element) = self.sheet_element(sheet);
        let id = attr(&element, "r:id").expect("the sheet has an r:id");
        let rel = self.relationship(id);
        let target = attr(&rel, "Target").expect("the relationship has a target");
        target
            .strip_prefix('/')
            .map_or_else(|| format!("xl/{target}"), str::to_string)
    }

    /// Renames a sheet as a person does in Excel: the workbook's sheet list, the defined names
    /// pointing at it, and the titles in `docProps/app.xml`.
    pub fn rename_sheet(&mut self, from: &str, to: &str) {
        let (_, element) = self.sheet_element(from);
        let mut wb = self.expect_part("xl/workbook.xml");
        let renamed = element.replacen(
            &format!("name=\"{}\"", escape(from)),
            &format!("name=\"{}\"", escape(to)),
            1,
        );
        wb = wb.replacen(&element, &renamed, 1);
        let quoted = |s: &str| format!("'{}'!", escape(&s.replace('\'', "''")));
        wb = wb
            .replace(&quoted(from), &quoted(to))
            .replace(&format!(">{}!", escape(from)), &format!(">{}", quoted(to)));
        self.set_part("xl/workbook.xml", wb);
        if let Some(app) = self.part("docProps/app.xml") {
            let app = app.replace(
                &format!("<vt:lpstr>{}</vt:lpstr>", escape(from)),
                &format!("<vt:lpstr>{}</vt:lpstr>", escape(to)),
            );
            self.set_part("docProps/app.xml", app);
        }
    }

    /// Deletes a sheet: its `<sheet>`, the defined names on it, its relationship, its content
    /// type override and its part (and the part's relationships).
    pub fn delete_sheet(&mut self, sheet: &str) {
        let part = self.sheet_part(sheet);
        let (_, element) = self.sheet_element(sheet);
        let position = self
            .sheet_names()
            .iter()
            .position(|n| n == sheet)
            .expect("the sheet is listed");
        let id = attr(&element, "r:id").expect("r:id").to_string();
        // The workbook: the sheet, and defined names on it or local to it.
        let mut wb = self
            .expect_part("xl/workbook.xml")
            .replacen(&element, "", 1);
        let quoted = format!("'{}'!", escape(&sheet.replace('\'', "''")));
        let bare = format!(">{}!", escape(sheet));
        let mut out = String::new();
        let mut rest = wb.as_str();
        while let Some(i) = starts(rest, "definedName").first().copied() {
            let end = element_end(rest, i, "definedName");
            let name = &rest[i..end];
            out.push_str(&rest[..i]);
            let local = attr(name, "localSheetId").and_then(|l| l.parse::<usize>().ok());
            let on_sheet = name.contains(&quoted) || name.contains(&bare);
            if !on_sheet && local != Some(position) {
                match local {
                    Some(l) if l > position => out.push_str(&name.replacen(
                        &format!("localSheetId=\"{l}\""),
                        &format!("localSheetId=\"{}\"", l - 1),
                        1,
                    )),
                    _ => out.push_str(name),
                }
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        wb = out.replace("<definedNames></definedNames>", "");
        self.set_part("xl/workbook.xml", wb);
        // The relationship, the content type, the part.
        let rel = self.relationship(&id);
        let rels = self
            .expect_part("xl/_rels/workbook.xml.rels")
            .replacen(&rel, "", 1);
        self.set_part("xl/_rels/workbook.xml.rels", rels);
        let types = self.expect_part("[Content_Types].xml");
        let over = starts(&types, "Override")
            .into_iter()
            .map(|i| types[i..element_end(&types, i, "Override")].to_string())
            .find(|e| attr(e, "PartName") == Some(format!("/{part}").as_str()))
            .unwrap_or_else(|| panic!("no content type for /{part}"));
        self.set_part("[Content_Types].xml", types.replacen(&over, "", 1));
        self.remove_part(&part);
        let (dir, file) = part.rsplit_once('/').expect("parts live in folders");
        let part_rels = format!("{dir}/_rels/{file}.rels");
        if self.part(&part_rels).is_some() {
            self.remove_part(&part_rels);
        }
    }

    /// Sets `cell` (A1 notation) of `sheet`, keeping the cell's style where it exists.
    pub fn set_cell(&mut self, sheet: &str, cell: &str, value: CellValue) {
        let part = self.sheet_part(sheet);
        let xml = self.expect_part(&part);
        self.set_part(&part, set_cell_in(&xml, cell, &value));
    }

    /// The shared strings, in index order (the text of each `<si>`, runs joined).
    pub fn shared_strings(&self) -> Vec<String> {
        let Some(sst) = self.part("xl/sharedStrings.xml") else {
            return Vec::new();
        };
        starts(&sst, "si")
            .into_iter()
            .map(|i| {
                let si = &sst[i..element_end(&sst, i, "si")];
                let mut text = String::new();
                for t in starts(si, "t") {
                    let open_end = t + si[t..].find('>').expect("t tag ends") + 1;
                    if si[..open_end].ends_with("/>") {
                        continue;
                    }
                    let close = open_end + si[open_end..].find("</t>").expect("t is closed");
                    text.push_str(&unescape(&si[open_end..close]));
                }
                text
            })
            .collect()
    }

    /// The text in each cell of `sheet` that holds text (shared or inline): (A1 ref, text).
    pub fn text_cells(&self, sheet: &str) -> Vec<(String, String)> {
        let xml = self.expect_part(&self.sheet_part(sheet));
        let strings = self.shared_strings();
        let mut out = Vec::new();
        for i in starts(&xml, "c") {
            let end = element_end(&xml, i, "c");
            let c = &xml[i..end];
            let head = &c[..c.find('>').expect("c tag ends")];
            let r = attr(head, "r")
                .expect("cells carry their reference")
                .to_string();
            let inner = |open: &str, close: &str| -> Option<String> {
                let a = c.find(open)? + open.len();
                let a = a + c[a..].find('>')? + 1;
                let b = a + c[a..].find(close)?;
                Some(unescape(&c[a..b]))
            };
            match attr(head, "t") {
                Some("s") => {
                    if let Some(idx) = inner("<v", "</v>").and_then(|v| v.parse::<usize>().ok()) {
                        out.push((r, strings[idx].clone()));
                    }
                }
                Some("inlineStr") => {
                    if let Some(t) = inner("<t", "</t>") {
                        out.push((r, t));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// Sets `key` in the hidden `_styr` sheet (key in column A, value in column B) to `value`,
    /// written as an inline string.
    pub fn set_meta(&mut self, key: &str, value: &str) {
        let cells = self.text_cells("_styr");
        let key_cell = cells
            .iter()
            .find(|(r, t)| r.starts_with('A') && t == key)
            .map(|(r, _)| r.clone())
            .unwrap_or_else(|| panic!("no key '{key}' in the _styr sheet"));
        let value_cell = format!("B{}", &key_cell[1..]);
        self.set_cell("_styr", &value_cell, CellValue::Text(value.to_string()));
    }

    /// The value of `key` in the hidden `_styr` sheet.
    pub fn meta(&self, key: &str) -> Option<String> {
        let cells = self.text_cells("_styr");
        let row = cells
            .iter()
            .find(|(r, t)| r.starts_with('A') && t == key)
            .map(|(r, _)| r[1..].to_string())?;
        cells
            .into_iter()
            .find(|(r, _)| *r == format!("B{row}"))
            .map(|(_, t)| t)
    }

    /// Sets the custom document property `name` (in `docProps/custom.xml`) to `value`.
    pub fn set_custom_property(&mut self, name: &str, value: &str) {
        let xml = self.expect_part("docProps/custom.xml");
        let at = xml
            .find(&format!("name=\"{}\"", escape(name)))
            .unwrap_or_else(|| panic!("no custom property '{name}'"));
        let end = element_end(
            &xml,
            xml[..at].rfind("<property").expect("property"),
            "property",
        );
        let value_start = at + xml[at..end].find(">").expect("property tag ends") + 1;
        // The typed value element inside: <vt:lpwstr>…</vt:lpwstr> or another vt: type.
        let inner = &xml[value_start..end];
        let open_end = inner.find('>').expect("value element") + 1;
        let close = inner.rfind("</vt:").expect("value element is closed");
        let new = format!(
            "{}{}{}{}",
            &xml[..value_start + open_end],
            escape(value),
            &xml[value_start + close..end],
            &xml[end..]
        );
        self.set_part("docProps/custom.xml", new);
    }

    /// Changes one identity key everywhere the workbook carries it: the custom property
    /// `styr.<key>` and the `_styr` sheet.
    pub fn set_identity(&mut self, key: &str, value: &str) {
        self.set_custom_property(&format!("styr.{key}"), value);
        self.set_meta(key, value);
    }

    /// Sets when the workbook was last saved (`dcterms:modified` in `docProps/core.xml`), as
    /// ISO 8601, e.g. `2026-05-08T14:30:00Z`.
    /// Adds a cell format (`<xf>`) with number format `num_fmt_id` (10 is `0.00%`, 14 a date)
    /// to the styles and returns its index, for [`CellValue::Styled`].
    pub fn add_number_style(&mut self, num_fmt_id: u32) -> String {
        let mut xml = self.expect_part("xl/styles.xml");
        let open = xml.find("<cellXfs").expect("styles have cellXfs");
        let head_end = open + xml[open..].find('>').expect("cellXfs tag ends");
        let count: usize = attr(&xml[open..head_end], "count")
            .expect("cellXfs count")
            .parse()
            .expect("a count");
        let close = xml.find("</cellXfs>").expect("cellXfs closes");
        xml.insert_str(
            close,
            &format!(
                "<xf numFmtId=\"{num_fmt_id}\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            ),
        );
        let old = format!("<cellXfs count=\"{count}\"");
        xml = xml.replacen(&old, &format!("<cellXfs count=\"{}\"", count + 1), 1);
        self.set_part("xl/styles.xml", xml);
        count.to_string()
    }

    /// Merges `range` (`H6:J6`) on `sheet`, as a person's "merge cells" does, keeping the
    /// hidden cells' values in the file.
    pub fn merge(&mut self, sheet: &str, range: &str) {
        let part = self.sheet_part(sheet);
        let mut xml = self.expect_part(&part);
        let cell = format!("<mergeCell ref=\"{range}\"/>");
        match xml.find("</mergeCells>") {
            Some(i) => xml.insert_str(i, &cell),
            None => {
                let at = xml.find("</sheetData>").expect("sheetData closes") + "</sheetData>".len();
                // After sheetProtection, where the schema wants mergeCells.
                let at = xml[at..]
                    .find("<sheetProtection")
                    .map_or(at, |p| at + p + xml[at + p..].find("/>").expect("ends") + 2);
                xml.insert_str(at, &format!("<mergeCells count=\"1\">{cell}</mergeCells>"));
            }
        }
        self.set_part(&part, xml);
    }

    pub fn set_saved(&mut self, iso: &str) {
        let xml = self.expect_part("docProps/core.xml");
        let open = xml
            .find("<dcterms:modified")
            .expect("core.xml has dcterms:modified");
        let start = open + xml[open..].find('>').expect("tag ends") + 1;
        let end = start + xml[start..].find("</dcterms:modified>").expect("closed");
        let new = format!("{}{}{}", &xml[..start], escape(iso), &xml[end..]);
        self.set_part("docProps/core.xml", new);
    }
}
