//! Hostile fixtures, made on the spot (nothing is downloaded): one per defect the import guards
//! name (`src/xlsx_read/guard`, codes R0xx). Each returns the file's bytes; the caller writes
//! them under whatever name the test needs, because the guards go by bytes, not extensions.
//!
//! Well-formed zips are written with the `zip` crate; zips that crate refuses to write
//! (duplicate names, hostile headers) with [`RawZip`]; CFB containers with the `cfb` crate.
#![allow(dead_code)] // each test binary uses some of these

use std::io::{Cursor, Write};

use flate2::Crc;
use flate2::write::DeflateEncoder;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

pub const SHEET_PATH: &str = "xl/worksheets/sheet1.xml";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Indikatorer" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

/// A sheet part holding one number, `value`, in B2.
pub fn sheet_xml(value: &str) -> String {
    format!(r#"{SHEET_HEAD}<row r="2"><c r="B2"><v>{value}</v></c></row>{SHEET_TAIL}"#)
}

/// The parts of a minimal one-sheet xlsx around `sheet`.
pub fn xlsx_parts(sheet: &str) -> Vec<(String, Vec<u8>)> {
    [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        (SHEET_PATH, sheet),
    ]
    .into_iter()
    .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
    .collect()
}

/// A zip of `parts` written by the `zip` crate with `method`.
pub fn zip_of(parts: &[(String, Vec<u8>)], method: CompressionMethod) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).expect("start entry");
        zip.write_all(bytes).expect("write entry");
    }
    zip.finish().expect("finish zip").into_inner()
}

/// A real workbook written by rust_xlsxwriter (a few KiB).
pub fn valid_xlsx() -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Indikatorer").expect("sheet name");
    sheet.write_string(0, 0, "Indikator").expect("write");
    sheet.write_string(0, 1, "Utfall").expect("write");
    for row in 1..20u32 {
        sheet
            .write_string(row, 0, format!("I{row:03}"))
            .expect("write");
        sheet
            .write_number(row, 1, f64::from(row) * 1.5)
            .expect("write");
    }
    workbook.save_to_buffer().expect("save workbook")
}

/// `[Content_Types].xml` declares a macro-enabled workbook: an `.xlsm`.
pub fn xlsm_like_zip() -> Vec<u8> {
    let mut parts = xlsx_parts(&sheet_xml("1"));
    let macro_main = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
    parts[0].1 = CONTENT_TYPES
        .replace(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            macro_main,
        )
        .into_bytes();
    zip_of(&parts, CompressionMethod::Deflated)
}

/// An OpenDocument spreadsheet: a STORED `mimetype` entry first.
pub fn ods_like_zip() -> Vec<u8> {
    opendocument_zip("application/vnd.oasis.opendocument.spreadsheet")
}

/// An OpenDocument text document (`.odt`).
pub fn odt_like_zip() -> Vec<u8> {
    opendocument_zip("application/vnd.oasis.opendocument.text")
}

fn opendocument_zip(mimetype: &str) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("start entry");
    zip.write_all(mimetype.as_bytes()).expect("write");
    let deflated = SimpleFileOptions::default();
    zip.start_file("content.xml", deflated)
        .expect("start entry");
    zip.write_all(b"<office:document-content/>").expect("write");
    zip.start_file("META-INF/manifest.xml", deflated)
        .expect("start entry");
    zip.write_all(b"<manifest:manifest/>").expect("write");
    zip.finish().expect("finish zip").into_inner()
}

/// A Word document (`.docx`) where a workbook was expected.
pub fn docx_like_zip() -> Vec<u8> {
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let parts = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", "<w:document><w:body/></w:document>"),
    ]
    .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()));
    zip_of(&parts, CompressionMethod::Deflated)
}

/// The first two thirds of `valid`: the central directory and end record are gone, as when a
/// mail client or an upload cuts a file off.
pub fn truncated_zip(valid: &[u8]) -> Vec<u8> {
    valid[..valid.len() * 2 / 3].to_vec()
}

/// Two entries named `xl/worksheets/sheet1.xml` (the second would win in calamine).
pub fn duplicate_entries() -> Vec<u8> {
    let mut zip = RawZip::xlsx_around(&sheet_xml("1"));
    zip.stored(SHEET_PATH, sheet_xml("2").as_bytes());
    zip.finish()
}

/// `xl/worksheets/sheet1.xml` and `xl/worksheets/Sheet1.xml` (calamine then reads 0 cells).
pub fn case_duplicate_entries() -> Vec<u8> {
    let mut parts = xlsx_parts(&sheet_xml("1"));
    parts.push((
        "xl/worksheets/Sheet1.xml".to_string(),
        sheet_xml("2").into_bytes(),
    ));
    zip_of(&parts, CompressionMethod::Deflated)
}

/// An xlsx whose entries are STORED and whose sheet's data was changed after it was written,
/// so its CRC no longer matches (calamine reads such an entry before checking the CRC).
pub fn corrupt_crc_stored_entry() -> Vec<u8> {
    let mut bytes = zip_of(&xlsx_parts(&sheet_xml("42")), CompressionMethod::Stored);
    let needle = b"<v>42</v>";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the stored sheet is in the file verbatim");
    bytes[at + 4] = b'3'; // 42 -> 43
    bytes
}

/// An entry named `../../evil.xml`.
pub fn dot_dot_entry_name() -> Vec<u8> {
    let mut zip = RawZip::xlsx_around(&sheet_xml("1"));
    zip.stored("../../evil.xml", b"<x/>");
    zip.finish()
}

/// An entry named with an absolute path.
pub fn absolute_entry_name() -> Vec<u8> {
    let mut zip = RawZip::xlsx_around(&sheet_xml("1"));
    zip.stored("/tmp/evil.xml", b"<x/>");
    zip.finish()
}

/// The sheet entry has the "encrypted" flag (traditional PKWARE encryption).
pub fn encrypted_entry() -> Vec<u8> {
    let mut zip = RawZip::new();
    for (name, bytes) in xlsx_parts("") {
        if name == SHEET_PATH {
            zip.push(RawEntry {
                flags: 1,
                ..RawEntry::stored(&name, &[0x5A; 64])
            });
        } else {
            zip.stored(&name, &bytes);
        }
    }
    zip.finish()
}

/// The sheet entry claims LZMA compression (method 14), which readers do not support.
pub fn unsupported_method_entry() -> Vec<u8> {
    let mut zip = RawZip::new();
    for (name, bytes) in xlsx_parts("") {
        if name == SHEET_PATH {
            zip.push(RawEntry {
                method: 14,
                size: 100,
                ..RawEntry::stored(&name, &[0x5D; 40])
            });
        } else {
            zip.stored(&name, &bytes);
        }
    }
    zip.finish()
}

/// Two directory entries pointing at the same data (the trick of non-recursive zip bombs).
pub fn overlapping_entries() -> Vec<u8> {
    let mut zip = RawZip::xlsx_around(&sheet_xml("1"));
    let sheet = zip.entries.len() - 1;
    zip.push(RawEntry {
        shares_data_of: Some(sheet),
        ..RawEntry::stored("xl/worksheets/sheet2.xml", sheet_xml("1").as_bytes())
    });
    zip.finish()
}

/// An xlsx-looking zip with `count` entries in all (empty extra parts under `xl/media/`).
pub fn many_entries(count: usize) -> Vec<u8> {
    let mut parts = xlsx_parts(&sheet_xml("1"));
    for i in parts.len()..count {
        parts.push((format!("xl/media/image{i}.png"), Vec::new()));
    }
    zip_of(&parts, CompressionMethod::Stored)
}

/// An xlsx whose sheet is `len` bytes, mostly a run of spaces (compresses about 1000:1).
pub fn xlsx_with_sheet_of(len: usize) -> Vec<u8> {
    let padding = len.saturating_sub(SHEET_HEAD.len() + SHEET_TAIL.len());
    let sheet = format!("{SHEET_HEAD}{}{SHEET_TAIL}", " ".repeat(padding));
    zip_of(&xlsx_parts(&sheet), CompressionMethod::Deflated)
}

/// A decompression bomb: an xlsx-looking zip whose sheet entry inflates to 1.2 GiB (an XML
/// sheet with 1.2 GiB of spaces in `<sheetData>`) from about 1.3 MB, a ratio above 1000:1.
/// Its sizes and CRC are right, so nothing but its size gives it away.
pub fn zip_bomb() -> Vec<u8> {
    zip_bomb_of(154, 8 << 20)
}

/// A bomb whose sheet holds `units` runs of `unit_len` spaces. Built without inflating or
/// deflating the whole: one run is deflated once (ending on a sync flush, so blocks may
/// follow) and the compressed run is repeated; the CRC is combined the same way.
pub fn zip_bomb_of(units: usize, unit_len: usize) -> Vec<u8> {
    let run = vec![b' '; unit_len];
    let deflated_run = deflate_sync(&run);
    let mut data = deflate_sync(SHEET_HEAD.as_bytes());
    let mut crc = Crc::new();
    crc.update(SHEET_HEAD.as_bytes());
    let mut run_crc = Crc::new();
    run_crc.update(&run);
    for _ in 0..units {
        data.extend_from_slice(&deflated_run);
        crc.combine(&run_crc);
    }
    data.extend_from_slice(&deflate_sync(SHEET_TAIL.as_bytes()));
    crc.update(SHEET_TAIL.as_bytes());
    data.extend_from_slice(&[0x03, 0x00]); // an empty final block with fixed codes
    let size = (SHEET_HEAD.len() + units * unit_len + SHEET_TAIL.len()) as u64;

    let mut zip = RawZip::new();
    for (name, bytes) in xlsx_parts("") {
        if name != SHEET_PATH {
            zip.stored(&name, &bytes);
        }
    }
    zip.push(RawEntry {
        method: 8,
        crc: crc.sum(),
        size,
        ..RawEntry::stored(SHEET_PATH, &data)
    });
    zip.finish()
}

/// Raw deflate of `data` ending on a sync flush (an empty stored block), not a final block.
fn deflate_sync(data: &[u8]) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("deflate into memory");
    encoder.flush().expect("sync flush");
    encoder.get_ref().clone()
}

/// A password-protected OOXML workbook as Excel writes it: a CFB container with
/// `EncryptionInfo`, `EncryptedPackage` and the `\u{6}DataSpaces` storage.
pub fn encrypted_ooxml() -> Vec<u8> {
    cfb_with(&[
        ("/\u{6}DataSpaces/Version", &[0x3C; 76][..]),
        ("/EncryptionInfo", &encryption_info()),
        ("/EncryptedPackage", &encrypted_package(4096)),
    ])
}

/// Like [`encrypted_ooxml`], but with the encryption streams' directory entries placed after
/// 64 KiB of other data, so only following the directory's sector chain finds them.
pub fn encrypted_ooxml_directory_far_in() -> Vec<u8> {
    cfb_with(&[
        ("/Filler", &[0xA5; 128 << 10][..]),
        ("/A", &[1u8; 8][..]),
        ("/B", &[2u8; 8][..]),
        ("/EncryptionInfo", &encryption_info()),
        ("/EncryptedPackage", &encrypted_package(4096)),
    ])
}

/// A legacy `.xls`: a CFB container with a `Workbook` stream starting with a BIFF8 BOF record.
pub fn xls_like_cfb() -> Vec<u8> {
    let bof = [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00];
    cfb_with(&[("/Workbook", &bof[..])])
}

/// The first sector of a CFB file: the header survives, the directory it points at is gone.
pub fn truncated_cfb(valid: &[u8]) -> Vec<u8> {
    valid[..512].to_vec()
}

/// A Word `.doc`: a CFB container with a `WordDocument` stream.
pub fn doc_like_cfb() -> Vec<u8> {
    cfb_with(&[("/WordDocument", &[0xEC, 0xA5, 0xC1, 0x00][..])])
}

fn cfb_with(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut cfb = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
        .expect("create CFB");
    for (path, bytes) in streams {
        if let Some(parent) = std::path::Path::new(path).parent()
            && parent != std::path::Path::new("/")
            && !cfb.exists(parent)
        {
            cfb.create_storage_all(parent).expect("create storage");
        }
        let mut stream = cfb.create_stream(path).expect("create stream");
        stream.write_all(bytes).expect("write stream");
    }
    cfb.flush().expect("flush CFB");
    cfb.into_inner().into_inner()
}

/// An agile `EncryptionInfo` stream: version 4.4, then the XML descriptor.
fn encryption_info() -> Vec<u8> {
    let mut info = vec![0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00];
    info.extend_from_slice(
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/></encryption>"#,
    );
    info
}

/// An `EncryptedPackage` stream: the plaintext size, then noise standing in for ciphertext.
fn encrypted_package(len: usize) -> Vec<u8> {
    let mut package = (len as u64).to_le_bytes().to_vec();
    let mut x: u32 = 0x1234_5678;
    package.extend((0..len).map(|_| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x as u8
    }));
    package
}

/// An Excel export from a web system: HTML with a byte-order mark, saved as `.xls`.
pub fn html_as_xls() -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(
        b"\r\n  <html xmlns:o=\"urn:schemas-microsoft-com:office:office\" \
          xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\r\n<head><meta charset=\"utf-8\">\
          </head><body><table><tr><td>Indikator</td><td>Utfall</td></tr>\
          <tr><td>I001</td><td>1,5</td></tr></table></body></html>\r\n",
    );
    bytes
}

/// Excel's XML Spreadsheet 2003 format.
pub fn xml_spreadsheet_2003() -> Vec<u8> {
    br#"<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Indikatorer"><Table><Row><Cell><Data ss:Type="Number">1</Data></Cell></Row></Table></Worksheet></Workbook>"#
        .to_vec()
}

/// A CSV export with semicolons and decimal commas, in Windows-1252 (`ä` is 0xE4).
pub fn csv_semicolons() -> Vec<u8> {
    b"Indikator;Utfall;Kommentar\r\nI001;1,5;Bra\r\nI002;2;M\xe4tt i mars\r\n".to_vec()
}

pub fn pdf_document() -> Vec<u8> {
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n".to_vec()
}

pub fn png_image() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend_from_slice(&[
        0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89,
    ]);
    bytes
}

pub fn unknown_binary() -> Vec<u8> {
    (0..512u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect()
}

pub fn empty_file() -> Vec<u8> {
    Vec::new()
}

/// The name of Excel's owner file for `Solrosen.xlsx` while it is open; its content is the
/// user name (165 bytes in all).
pub fn lock_file_name() -> &'static str {
    "~$Solrosen.xlsx"
}

pub fn lock_file_content() -> Vec<u8> {
    let mut bytes = vec![5u8];
    bytes.extend_from_slice(b"Anna ");
    bytes.resize(165, 0x20);
    bytes
}

/// LibreOffice's lock file for `Solrosen.xlsx`.
pub fn libreoffice_lock_file_name() -> &'static str {
    ".~lock.Solrosen.xlsx#"
}

/// One entry of a [`RawZip`].
#[derive(Debug, Clone)]
pub struct RawEntry {
    pub name: String,
    /// 0 stored, 8 deflated, anything else as given.
    pub method: u16,
    /// General-purpose flags; bit 0 is "encrypted".
    pub flags: u16,
    pub crc: u32,
    /// The declared uncompressed size.
    pub size: u64,
    /// The bytes as stored in the archive.
    pub data: Vec<u8>,
    /// Point the directory entry at an earlier entry's local header instead of writing one.
    pub shares_data_of: Option<usize>,
}

impl RawEntry {
    /// A STORED entry with the right CRC and size.
    pub fn stored(name: &str, data: &[u8]) -> Self {
        let mut crc = Crc::new();
        crc.update(data);
        Self {
            name: name.to_string(),
            method: 0,
            flags: 0,
            crc: crc.sum(),
            size: data.len() as u64,
            data: data.to_vec(),
            shares_data_of: None,
        }
    }
}

/// A zip written byte by byte, for archives the `zip` crate will not write: no zip64, no data
/// descriptors, sizes below 4 GiB.
#[derive(Debug, Default)]
pub struct RawZip {
    pub entries: Vec<RawEntry>,
}

impl RawZip {
    pub fn new() -> Self {
        Self::default()
    }

    /// The parts of a minimal xlsx around `sheet`, stored.
    pub fn xlsx_around(sheet: &str) -> Self {
        let mut zip = Self::new();
        for (name, bytes) in xlsx_parts(sheet) {
            zip.stored(&name, &bytes);
        }
        zip
    }

    pub fn stored(&mut self, name: &str, data: &[u8]) {
        self.push(RawEntry::stored(name, data));
    }

    pub fn push(&mut self, entry: RawEntry) {
        self.entries.push(entry);
    }

    pub fn finish(&self) -> Vec<u8> {
        let u32_of = |n: u64| u32::try_from(n).expect("RawZip writes no zip64");
        let header = |out: &mut Vec<u8>, e: &RawEntry| {
            for v in [20u16, e.flags, e.method, 0, 0x21] {
                out.extend_from_slice(&v.to_le_bytes()); // version, flags, method, time, date
            }
            out.extend_from_slice(&e.crc.to_le_bytes());
            out.extend_from_slice(&u32_of(e.data.len() as u64).to_le_bytes());
            out.extend_from_slice(&u32_of(e.size).to_le_bytes());
            out.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        };
        let mut out = Vec::new();
        let mut offsets = Vec::new();
        for e in &self.entries {
            match e.shares_data_of {
                Some(i) => offsets.push(offsets[i]),
                None => {
                    offsets.push(u32_of(out.len() as u64));
                    out.extend_from_slice(b"PK\x03\x04");
                    header(&mut out, e);
                    out.extend_from_slice(e.name.as_bytes());
                    out.extend_from_slice(&e.data);
                }
            }
        }
        let dir_start = u32_of(out.len() as u64);
        for (e, offset) in self.entries.iter().zip(&offsets) {
            out.extend_from_slice(b"PK\x01\x02");
            out.extend_from_slice(&20u16.to_le_bytes()); // version made by
            header(&mut out, e);
            for v in [0u16, 0, 0, 0, 0] {
                out.extend_from_slice(&v.to_le_bytes()); // comment, disk, attrs (internal, external 2x)
            }
            out.extend_from_slice(&offset.to_le_bytes());
            out.extend_from_slice(e.name.as_bytes());
        }
        let dir_len = u32_of(out.len() as u64) - dir_start;
        let count = u16::try_from(self.entries.len()).expect("RawZip writes no zip64");
        out.extend_from_slice(b"PK\x05\x06");
        for v in [0u16, 0, count, count] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&dir_len.to_le_bytes());
        out.extend_from_slice(&dir_start.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        out
    }
}

/// Issue 14: a valid xlsx whose entry names use backslashes (`xl\workbook.xml`), as some
/// Windows zip tools write them (like calamine's `issue_530.xlsx`).
pub fn backslash_names_xlsx() -> Vec<u8> {
    let parts: Vec<(String, Vec<u8>)> = xlsx_parts(&sheet_xml("42"))
        .into_iter()
        .map(|(name, bytes)| (name.replace('/', "\\"), bytes))
        .collect();
    let mut zip = RawZip::new();
    for (name, bytes) in &parts {
        zip.stored(name, bytes);
    }
    zip.finish()
}

/// Issue 14: a valid package whose workbook part is not under `xl/`: `_rels/.rels` names
/// `workbook.xml` at the root (like calamine's `minimal_package.xlsx`).
pub fn workbook_outside_xl() -> Vec<u8> {
    let types = CONTENT_TYPES
        .replace("/xl/workbook.xml", "/workbook.xml")
        .replace("/xl/worksheets/sheet1.xml", "/sheet1.xml");
    let parts = [
        ("[Content_Types].xml", types),
        (
            "_rels/.rels",
            ROOT_RELS.replace("xl/workbook.xml", "workbook.xml"),
        ),
        ("workbook.xml", WORKBOOK.to_string()),
        (
            "_rels/workbook.xml.rels",
            WORKBOOK_RELS.replace("worksheets/sheet1.xml", "sheet1.xml"),
        ),
        ("sheet1.xml", sheet_xml("42")),
    ]
    .into_iter()
    .map(|(name, text)| (name.to_string(), text.into_bytes()))
    .collect::<Vec<_>>();
    zip_of(&parts, CompressionMethod::Deflated)
}

/// Issue 14: a zip with an `xl/` folder but no workbook part and no relationships: a chart
/// or picture export, not a workbook.
pub fn xl_folder_without_workbook() -> Vec<u8> {
    let parts = vec![
        ("xl/media/image1.png".to_string(), png_image()),
        (
            "xl/charts/chart1.xml".to_string(),
            b"<c:chartSpace/>".to_vec(),
        ),
    ];
    zip_of(&parts, CompressionMethod::Deflated)
}

/// Issue 14: a legacy `.xls` whose stream is named in capitals (`BOOK`, `WORKBOOK`), as some
/// writers do; CFB names compare without regard to case.
pub fn xls_with_stream(name: &str) -> Vec<u8> {
    let bof = [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00];
    cfb_with(&[(&format!("/{name}"), &bof[..])])
}

/// Issue 14: a readable workbook whose thumbnail (a part no reader of values uses) has a CRC
/// that does not match its data.
pub fn corrupt_thumbnail() -> Vec<u8> {
    with_corrupt_thumbnail(&zip_of(
        &xlsx_parts(&sheet_xml("42")),
        CompressionMethod::Stored,
    ))
}

/// `xlsx` again, every part stored, plus a `docProps/thumbnail.wmf` whose CRC is wrong.
pub fn with_corrupt_thumbnail(xlsx: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).expect("an xlsx is a zip");
    let mut zip = RawZip::new();
    for i in 0..archive.len() {
        let mut e = archive.by_index(i).expect("entry");
        let mut data = Vec::new();
        e.read_to_end(&mut data).expect("read entry");
        zip.stored(e.name().expect("entry name").as_ref(), &data);
    }
    let mut thumb = RawEntry::stored("docProps/thumbnail.wmf", b"WMF-THUMBNAIL-DATA");
    thumb.crc ^= 0xDEAD_BEEF;
    zip.push(thumb);
    zip.finish()
}
