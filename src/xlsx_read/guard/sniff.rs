//! What a file is, from its name (lock and hidden files) and its first bytes, never from its
//! extension.
//!
//! Zip files are told apart by their central directory (entry names, `mimetype`, and the
//! workbook's content type in `[Content_Types].xml`), CFB files by the stream names in their
//! directory. Only a bounded prefix of any entry or sector is read.

use std::fs::File;
use std::io::{self, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::tx;
use crate::xlsx_read::xml_attr::{attr as xml_attr, office_document_target};

/// How much of the head of a file is looked at.
const HEAD_LEN: usize = 64 * 1024;
/// More zip entries than this and the central directory is not parsed while sniffing.
const SNIFF_MAX_ENTRIES: u64 = 100_000;
/// At most this much of `[Content_Types].xml` or `mimetype` is read.
const PART_PEEK: u64 = 256 * 1024;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: &[u8] = b"PK\x05\x06";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";
const XLSM_MAIN: &str = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// An Office Open XML workbook without macros (also `.xltx` templates).
    Xlsx,
    /// An Office Open XML workbook with macros.
    Xlsm,
    /// An Excel binary workbook (`.xlsb`).
    Xlsb,
    /// An OpenDocument spreadsheet.
    Ods,
    /// A legacy Excel workbook in a CFB container. One with a BIFF "password to open" is still
    /// `Xls` here: that is only seen inside the `Workbook` stream, by the reader.
    Xls,
    /// A password-protected OOXML workbook: a CFB container with `EncryptionInfo` and
    /// `EncryptedPackage` streams, whatever the extension says.
    Encrypted,
    /// Not for reading: a lock file, a directory...
    Skip(SkipReason),
    /// Something else, named.
    NotSpreadsheet(Kind),
    /// Starts like a zip or CFB container but its directory cannot be read.
    Damaged {
        container: Container,
        detail: String,
    },
    /// The file could not be read at all.
    Unreadable(String),
}

/// The two container formats spreadsheets come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Zip,
    Cfb,
}

/// Why a path is not read at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// `~$Book.xlsx`: Excel's owner file next to an open workbook.
    ExcelLockFile,
    /// `.~lock.Book.xlsx#`: LibreOffice's lock file.
    LibreOfficeLockFile,
    /// A name starting with `.` (also macOS `._` files).
    Hidden,
    /// A name ending in `~` or `.tmp`.
    Temporary,
    Directory,
    /// A FIFO, socket or device; also a dangling symbolic link.
    NotRegularFile,
}

/// What a file that is not a spreadsheet is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Empty,
    /// `<html`, `<!DOCTYPE html`, `<table`... or a MIME "single file web page".
    Html,
    /// Excel's XML Spreadsheet 2003 format (`urn:schemas-microsoft-com:office:spreadsheet`).
    XmlSpreadsheet2003,
    /// Other XML.
    Xml,
    /// Text; `delimiter` is the likeliest field separator when it looks like CSV.
    Text {
        delimiter: Option<char>,
    },
    Pdf,
    /// An image: `PNG`, `JPEG`, `GIF`, `TIFF`, `BMP` or `WebP`.
    Image(&'static str),
    Zip(ZipKind),
    Cfb(CfbKind),
    Binary,
}

/// A zip archive that is not a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipKind {
    /// `word/` parts or a wordprocessingml content type: a `.docx`.
    Word,
    /// `ppt/` parts: a `.pptx`.
    PowerPoint,
    /// An OpenDocument file of another kind, with its `mimetype`.
    OpenDocument(String),
    /// Some other zip archive, with its entry count.
    Other { entries: u64 },
}

/// A CFB container that is not a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CfbKind {
    /// A `WordDocument` stream: `.doc`.
    Word,
    /// A `PowerPoint Document` stream: `.ppt`.
    PowerPoint,
    /// `__substg1.0_` streams: an Outlook message (`.msg`), a mail instead of its attachment.
    OutlookMessage,
    Other,
}

impl Sniffed {
    /// Whether a spreadsheet reader should open the file.
    pub fn is_spreadsheet(&self) -> bool {
        matches!(
            self,
            Sniffed::Xlsx | Sniffed::Xlsm | Sniffed::Xlsb | Sniffed::Ods | Sniffed::Xls
        )
    }

    /// Whether the file is a zip container to pass through
    /// [`unpack_zip`](super::unpack_zip) before reading.
    pub fn is_zip(&self) -> bool {
        matches!(
            self,
            Sniffed::Xlsx | Sniffed::Xlsm | Sniffed::Xlsb | Sniffed::Ods
        )
    }

    /// The diagnostic code, for anything that is not a readable spreadsheet.
    pub fn code(&self) -> Option<&'static str> {
        Some(match self {
            Sniffed::Xlsx | Sniffed::Xlsm | Sniffed::Xlsb | Sniffed::Ods | Sniffed::Xls => {
                return None;
            }
            Sniffed::Encrypted => "R010",
            Sniffed::Skip(_) => "R011",
            Sniffed::Unreadable(_) => "R012",
            Sniffed::Damaged {
                container: Container::Cfb,
                ..
            } => "R013",
            Sniffed::Damaged {
                container: Container::Zip,
                ..
            } => "R020",
            Sniffed::NotSpreadsheet(kind) => match kind {
                Kind::Empty => "R001",
                Kind::Html => "R002",
                Kind::XmlSpreadsheet2003 => "R003",
                Kind::Xml | Kind::Text { .. } => "R004",
                Kind::Pdf => "R005",
                Kind::Image(_) => "R006",
                Kind::Zip(_) => "R007",
                Kind::Cfb(_) => "R008",
                Kind::Binary => "R009",
            },
        })
    }

    /// One sentence saying what the file is.
    pub fn describe(&self) -> String {
        match self {
            Sniffed::Xlsx => tx!("file-xlsx"),
            Sniffed::Xlsm => tx!("file-xlsm"),
            Sniffed::Xlsb => tx!("file-xlsb"),
            Sniffed::Ods => tx!("file-ods"),
            Sniffed::Xls => tx!("file-xls"),
            Sniffed::Encrypted => tx!("R010"),
            Sniffed::Skip(reason) => tx!("R011", "reason" => reason.describe()),
            Sniffed::NotSpreadsheet(kind) => tx!("not-spreadsheet", "what" => kind.describe()),
            Sniffed::Damaged {
                container: Container::Zip,
                detail,
            } => tx!("R020-sniff", "detail" => detail.to_string()),
            Sniffed::Damaged {
                container: Container::Cfb,
                detail,
            } => tx!("R013", "detail" => detail.to_string()),
            Sniffed::Unreadable(e) => tx!("R012-sniff", "error" => e.to_string()),
        }
    }

    /// What the sender can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            Sniffed::Xlsx | Sniffed::Xlsm | Sniffed::Xlsb | Sniffed::Ods | Sniffed::Xls => None,
            Sniffed::Encrypted => Some(tx!("R010-sniff-hint")),
            Sniffed::Skip(reason) => reason.hint(),
            Sniffed::NotSpreadsheet(kind) => Some(kind.hint()),
            Sniffed::Damaged { .. } => Some(tx!("R020-sniff-hint")),
            Sniffed::Unreadable(_) => Some(tx!("R012-sniff-hint")),
        }
    }

    /// The finding for a file that is not a readable spreadsheet, located at `file`; a skipped
    /// file is a warning.
    pub fn diagnostic(&self, file: &Path) -> Option<Diagnostic> {
        let code = self.code()?;
        let location = Location::File(file.to_path_buf());
        let d = match self {
            Sniffed::Skip(_) => Diagnostic::warning(code, location, self.describe()),
            _ => Diagnostic::error(code, location, self.describe()),
        };
        Some(match self.hint() {
            Some(h) => d.hint(h),
            None => d,
        })
    }
}

impl SkipReason {
    pub fn describe(&self) -> String {
        tx!(match self {
            SkipReason::ExcelLockFile => "skip-excel-lock",
            SkipReason::LibreOfficeLockFile => "skip-libreoffice-lock",
            SkipReason::Hidden => "skip-hidden",
            SkipReason::Temporary => "skip-temporary",
            SkipReason::Directory => "skip-directory",
            SkipReason::NotRegularFile => "skip-not-regular",
        })
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            SkipReason::ExcelLockFile | SkipReason::LibreOfficeLockFile => {
                Some(tx!("R011-lock-hint"))
            }
            _ => None,
        }
    }
}

impl Kind {
    pub fn describe(&self) -> String {
        match self {
            Kind::Empty => tx!("kind-empty"),
            Kind::Html => tx!("kind-html"),
            Kind::XmlSpreadsheet2003 => tx!("kind-xml-2003"),
            Kind::Xml => tx!("kind-xml"),
            Kind::Text { delimiter: Some(d) } => {
                tx!("kind-csv", "delimiter" => tx!(delimiter_name(*d)))
            }
            Kind::Text { delimiter: None } => tx!("kind-text"),
            Kind::Pdf => tx!("kind-pdf"),
            Kind::Image(format) => tx!("kind-image", "format" => format.to_string()),
            Kind::Zip(ZipKind::Word) => tx!("kind-docx"),
            Kind::Zip(ZipKind::PowerPoint) => tx!("kind-pptx"),
            Kind::Zip(ZipKind::OpenDocument(mimetype)) => match mimetype.rsplit('.').next() {
                Some("text") => tx!("kind-odt"),
                Some("presentation") => tx!("kind-odp"),
                Some("graphics") => tx!("kind-odg"),
                _ => tx!("kind-opendocument", "mimetype" => mimetype.to_string()),
            },
            Kind::Zip(ZipKind::Other { entries }) => {
                tx!("kind-zip", "n" => entries.to_string())
            }
            Kind::Cfb(CfbKind::Word) => tx!("kind-doc"),
            Kind::Cfb(CfbKind::PowerPoint) => tx!("kind-ppt"),
            Kind::Cfb(CfbKind::OutlookMessage) => tx!("kind-msg"),
            Kind::Cfb(CfbKind::Other) => tx!("kind-cfb"),
            Kind::Binary => tx!("kind-binary"),
        }
    }

    pub fn hint(&self) -> String {
        tx!(match self {
            Kind::Empty => "R001-hint",
            Kind::Html => "R002-hint",
            Kind::XmlSpreadsheet2003 | Kind::Xml | Kind::Text { .. } => "R004-hint",
            Kind::Pdf | Kind::Image(_) => "R005-hint",
            Kind::Zip(_) | Kind::Cfb(_) => "R007-hint",
            Kind::Binary => "R009-hint",
        })
    }
}

fn delimiter_name(d: char) -> &'static str {
    match d {
        ';' => "delimiter-semicolon",
        ',' => "delimiter-comma",
        '\t' => "delimiter-tab",
        '|' => "delimiter-bar",
        _ => "delimiter-other",
    }
}

/// What the file at `path` is. Never fails: an unreadable file is [`Sniffed::Unreadable`].
///
/// Looks at the metadata first (directories, FIFOs and devices are never opened, so a FIFO
/// cannot block), then at the name (lock, hidden and temporary files are skipped without being
/// opened), then at the first 64 KiB, and for zip and CFB containers at their directory.
pub fn sniff(path: &Path) -> Sniffed {
    if let Some(sniffed) = sniff_path(path) {
        return sniffed;
    }
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return Sniffed::Unreadable(e.to_string()),
    };
    let len = match file.metadata() {
        Ok(m) => m.len(),
        Err(e) => return Sniffed::Unreadable(e.to_string()),
    };
    sniff_reader(&mut file, len)
}

/// What [`sniff`] can tell without opening the file: `Some` for a path that is not read at all
/// (a directory, a FIFO, a lock, hidden or temporary file) or cannot be; `None` for a regular
/// file to read, whose bytes then go to [`sniff_bytes`].
pub fn sniff_path(path: &Path) -> Option<Sniffed> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound && path.symlink_metadata().is_ok() => {
            return Some(Sniffed::Skip(SkipReason::NotRegularFile));
        }
        Err(e) => return Some(Sniffed::Unreadable(e.to_string())),
    };
    if meta.is_dir() {
        return Some(Sniffed::Skip(SkipReason::Directory));
    }
    if !meta.is_file() {
        return Some(Sniffed::Skip(SkipReason::NotRegularFile));
    }
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(skip_by_name)
        .map(Sniffed::Skip)
}

/// What a file's content is, from its bytes (already read): [`sniff`] without the metadata
/// and name checks of [`sniff_path`].
pub fn sniff_bytes(bytes: &[u8]) -> Sniffed {
    sniff_reader(&mut Cursor::new(bytes), bytes.len() as u64)
}

fn sniff_reader<R: Read + Seek>(file: &mut R, len: u64) -> Sniffed {
    let head = match read_head(file) {
        Ok(h) => h,
        Err(e) => return Sniffed::Unreadable(e.to_string()),
    };
    if head.is_empty() {
        return Sniffed::NotSpreadsheet(Kind::Empty);
    }
    match container_of(&head) {
        Some(Container::Zip) => sniff_zip(file),
        Some(Container::Cfb) => sniff_cfb(file, &head),
        None => Sniffed::NotSpreadsheet(sniff_other(&head, len)),
    }
}

/// The container a file's first bytes announce, if any.
pub fn container_of(head: &[u8]) -> Option<Container> {
    if head.starts_with(ZIP_MAGIC) || head.starts_with(ZIP_EMPTY_MAGIC) {
        Some(Container::Zip)
    } else if head.starts_with(CFB_MAGIC) {
        Some(Container::Cfb)
    } else {
        None
    }
}

fn skip_by_name(name: &str) -> Option<SkipReason> {
    let lower = name.to_lowercase();
    if name.starts_with("~$") {
        Some(SkipReason::ExcelLockFile)
    } else if name.starts_with(".~lock.") && name.ends_with('#') {
        Some(SkipReason::LibreOfficeLockFile)
    } else if name.starts_with('.') {
        Some(SkipReason::Hidden)
    } else if name.ends_with('~') || lower.ends_with(".tmp") {
        Some(SkipReason::Temporary)
    } else {
        None
    }
}

fn read_head<R: Read>(file: &mut R) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(HEAD_LEN);
    file.by_ref().take(HEAD_LEN as u64).read_to_end(&mut head)?;
    Ok(head)
}

fn sniff_zip<R: Read + Seek>(file: &mut R) -> Sniffed {
    let damaged = |detail: String| Sniffed::Damaged {
        container: Container::Zip,
        detail,
    };
    match super::zipcheck::peek_entry_count(file) {
        Ok(n) if n > SNIFF_MAX_ENTRIES => {
            return Sniffed::NotSpreadsheet(Kind::Zip(ZipKind::Other { entries: n }));
        }
        Ok(_) => {}
        Err(detail) => return damaged(detail),
    }
    if let Err(e) = file.seek(SeekFrom::Start(0)) {
        return Sniffed::Unreadable(e.to_string());
    }
    let mut archive = match zip::ZipArchive::new(&mut *file) {
        Ok(a) => a,
        Err(e) => return damaged(e.to_string()),
    };
    // Some Windows zip tools write `xl\workbook.xml`; the format means `/`, and readers
    // (calamine, Excel) accept both. Names are compared as the format compares them: with `/`,
    // and without regard to ASCII case.
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(String::from)
        .collect();
    let normal = |n: &str| n.replace('\\', "/");
    let find = |name: &str| {
        names
            .iter()
            .find(|n| normal(n).eq_ignore_ascii_case(name))
            .cloned()
    };
    let has_dir = |dir: &str| {
        names.iter().any(|n| {
            normal(n)
                .get(..dir.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(dir))
        })
    };

    if let Some(entry) = find("mimetype") {
        let mimetype = read_part(&mut archive, &entry).unwrap_or_default();
        let mimetype = mimetype.trim();
        if mimetype == ODS_MIMETYPE || mimetype == format!("{ODS_MIMETYPE}-template") {
            return Sniffed::Ods;
        }
        if mimetype.starts_with("application/vnd.oasis.opendocument.") {
            return Sniffed::NotSpreadsheet(Kind::Zip(ZipKind::OpenDocument(mimetype.into())));
        }
    }
    let types = find("[Content_Types].xml")
        .and_then(|e| read_part(&mut archive, &e))
        .unwrap_or_default();
    // The package's own word for where its main document is: the officeDocument relationship
    // of `_rels/.rels`, then its content type. Fixed paths are only the fallback for packages
    // without relationships.
    let main = find("_rels/.rels")
        .and_then(|e| read_part(&mut archive, &e))
        .and_then(|rels| office_document_target(&rels))
        .and_then(|target| find(&target));
    let main = main.or_else(|| find("xl/workbook.xml").or_else(|| find("xl/workbook.bin")));
    if let Some(part) = main {
        let part = normal(&part);
        let content_type = part_content_type(&types, &part);
        let binary = part.to_ascii_lowercase().ends_with(".bin");
        match content_type.as_deref() {
            Some(t) if t.contains("sheet.binary") => return Sniffed::Xlsb,
            Some(XLSM_MAIN) => return Sniffed::Xlsm,
            Some(t) if t.contains("spreadsheetml") || t.contains("ms-excel") => {
                return if find("xl/vbaProject.bin").is_some() {
                    Sniffed::Xlsm
                } else {
                    Sniffed::Xlsx
                };
            }
            Some(t) if t.contains("wordprocessingml") => {
                return Sniffed::NotSpreadsheet(Kind::Zip(ZipKind::Word));
            }
            Some(t) if t.contains("presentationml") => {
                return Sniffed::NotSpreadsheet(Kind::Zip(ZipKind::PowerPoint));
            }
            Some(_) => {}
            None if binary => return Sniffed::Xlsb,
            None if part.to_ascii_lowercase().ends_with("workbook.xml") => {
                return if find("xl/vbaProject.bin").is_some() {
                    Sniffed::Xlsm
                } else {
                    Sniffed::Xlsx
                };
            }
            None => {}
        }
    }
    let kind = if has_dir("word/") || types.contains("wordprocessingml") {
        ZipKind::Word
    } else if has_dir("ppt/") || types.contains("presentationml") {
        ZipKind::PowerPoint
    } else {
        ZipKind::Other {
            entries: names.len() as u64,
        }
    };
    Sniffed::NotSpreadsheet(Kind::Zip(kind))
}

/// The content type `[Content_Types].xml` gives a part: its Override, else the Default for its
/// extension.
fn part_content_type(types: &str, part: &str) -> Option<String> {
    let wanted = format!("/{part}");
    let overridden = types.split("<Override").skip(1).find_map(|o| {
        let head = o.split('>').next().unwrap_or_default();
        xml_attr(head, "PartName")
            .filter(|p| p.eq_ignore_ascii_case(&wanted))
            .and_then(|_| xml_attr(head, "ContentType"))
            .map(str::to_string)
    });
    overridden.or_else(|| {
        let ext = part.rsplit_once('.')?.1;
        types.split("<Default").skip(1).find_map(|d| {
            let head = d.split('>').next().unwrap_or_default();
            xml_attr(head, "Extension")
                .filter(|e| e.eq_ignore_ascii_case(ext))
                .and_then(|_| xml_attr(head, "ContentType"))
                .map(str::to_string)
        })
    })
}

/// At most [`PART_PEEK`] bytes of a small part, as text; `None` if absent or unreadable.
fn read_part<R: Read + Seek>(archive: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let index = archive.index_for_name(name)?;
    let entry = archive.by_index(index).ok()?;
    // The declared size is only a hint (a hostile file may lie): capped, and the read is too.
    let mut bytes = Vec::with_capacity(usize::try_from(entry.size().min(PART_PEEK)).unwrap_or(0));
    entry.take(PART_PEEK).read_to_end(&mut bytes).ok()?;
    Some(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

fn sniff_cfb<R: Read + Seek>(file: &mut R, head: &[u8]) -> Sniffed {
    let names = match cfb_directory_names(file) {
        Ok(names) => names,
        Err(detail) => {
            // The directory chain is broken; the streams may still be named in the head.
            // Stream names compare without regard to case, as CFB compares them.
            let folded = head.to_ascii_lowercase();
            let found = |name: &str| contains(&folded, &utf16le(&name.to_ascii_lowercase()));
            return if found("EncryptedPackage") || found("EncryptionInfo") {
                Sniffed::Encrypted
            } else if found("Workbook") || found("Book") {
                Sniffed::Xls
            } else {
                Sniffed::Damaged {
                    container: Container::Cfb,
                    detail,
                }
            };
        }
    };
    // CFB compares stream names without regard to case: `WORKBOOK` and `BOOK` are the same
    // streams as `Workbook` and `Book`.
    let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    if has("EncryptedPackage") || has("EncryptionInfo") {
        Sniffed::Encrypted
    } else if has("Workbook") || has("Book") {
        Sniffed::Xls
    } else if has("WordDocument") {
        Sniffed::NotSpreadsheet(Kind::Cfb(CfbKind::Word))
    } else if has("PowerPoint Document") {
        Sniffed::NotSpreadsheet(Kind::Cfb(CfbKind::PowerPoint))
    } else if names.iter().any(|n| n.starts_with("__substg1.0_")) {
        Sniffed::NotSpreadsheet(Kind::Cfb(CfbKind::OutlookMessage))
    } else {
        Sniffed::NotSpreadsheet(Kind::Cfb(CfbKind::Other))
    }
}

/// Directory sectors followed along the FAT chain before giving up (4 to 32 entries each).
const CFB_MAX_DIR_SECTORS: usize = 64;
const CFB_END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// The names in a CFB directory, read along its FAT chain (bounded, so a cyclic chain, which
/// real files have, cannot loop). Only the 109 FAT sectors listed in the header are consulted.
fn cfb_directory_names<R: Read + Seek>(file: &mut R) -> Result<Vec<String>, String> {
    let mut header = [0u8; 512];
    file.seek(SeekFrom::Start(0))
        .and_then(|_| file.read_exact(&mut header))
        .map_err(|_| "the header is incomplete".to_string())?;
    let u16_at = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let shift = u16_at(&header, 0x1E);
    if shift != 9 && shift != 12 {
        return Err(format!("sector size 2^{shift} is invalid"));
    }
    let sector_size = 1usize << shift;
    let per_fat_sector = sector_size / 4;
    let difat: Vec<u32> = (0..109).map(|i| u32_at(&header, 0x4C + 4 * i)).collect();
    let mut sector_buf = vec![0u8; sector_size];
    let read_sector = |file: &mut R, n: u32, buf: &mut [u8]| -> Result<(), String> {
        let offset = (u64::from(n) + 1) << shift;
        file.seek(SeekFrom::Start(offset))
            .and_then(|_| file.read_exact(buf))
            .map_err(|_| format!("sector {n} lies beyond the end of the file"))
    };
    let mut names = Vec::new();
    let mut sector = u32_at(&header, 0x30);
    let mut fat_buf = vec![0u8; sector_size];
    for _ in 0..CFB_MAX_DIR_SECTORS {
        if sector == CFB_END_OF_CHAIN {
            break;
        }
        if let Err(e) = read_sector(file, sector, &mut sector_buf) {
            if names.is_empty() {
                return Err(e);
            }
            break; // a chain running off the file: what was read must do
        }
        for entry in sector_buf.chunks_exact(128) {
            let name_len = usize::from(u16_at(entry, 0x40)).min(64);
            if entry[0x42] == 0 || name_len < 2 {
                continue;
            }
            let units: Vec<u16> = entry[..name_len - 2]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            names.push(String::from_utf16_lossy(&units));
        }
        let fat_index = sector as usize / per_fat_sector;
        let Some(&fat_sector) = difat.get(fat_index) else {
            break; // a directory past the first 109 FAT sectors: what was read must do
        };
        if read_sector(file, fat_sector, &mut fat_buf).is_err() {
            break;
        }
        sector = u32_at(&fat_buf, (sector as usize % per_fat_sector) * 4);
    }
    if names.is_empty() {
        return Err("the directory is empty".into());
    }
    Ok(names)
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Neither zip nor CFB: a PDF, an image, HTML, text or unknown binary.
fn sniff_other(head: &[u8], file_len: u64) -> Kind {
    if head.starts_with(b"%PDF-") {
        return Kind::Pdf;
    }
    if let Some(format) = image_format(head, file_len) {
        return Kind::Image(format);
    }
    let text = if let Some(rest) = head.strip_prefix(&[0xFF, 0xFE]) {
        decode_utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = head.strip_prefix(&[0xFE, 0xFF]) {
        decode_utf16(rest, u16::from_be_bytes)
    } else if looks_like_text(head) {
        let rest = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
        String::from_utf8_lossy(rest).into_owned()
    } else {
        return Kind::Binary;
    };
    classify_text(&text)
}

fn image_format(head: &[u8], file_len: u64) -> Option<&'static str> {
    Some(if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        "PNG"
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "JPEG"
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        "GIF"
    } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        "TIFF"
    } else if head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
        "WebP"
    } else if head.len() >= 14
        && head.starts_with(b"BM")
        && u64::from(u32::from_le_bytes([head[2], head[3], head[4], head[5]])) == file_len
    {
        "BMP"
    } else {
        return None;
    })
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

/// No NUL bytes and at most 1% other control characters: text in some 8-bit encoding.
fn looks_like_text(head: &[u8]) -> bool {
    if head.contains(&0) {
        return false;
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    controls * 100 <= head.len()
}

fn classify_text(text: &str) -> Kind {
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let start: String = trimmed
        .chars()
        .take(2048)
        .collect::<String>()
        .to_lowercase();
    if start.starts_with("mime-version:") && start.contains("text/html") {
        return Kind::Html;
    }
    if start.starts_with('<') {
        if start.contains("urn:schemas-microsoft-com:office:spreadsheet") {
            return Kind::XmlSpreadsheet2003;
        }
        if [
            "<!doctype html",
            "<html",
            "<table",
            "<head",
            "<body",
            "<meta",
        ]
        .iter()
        .any(|tag| start.contains(tag))
        {
            return Kind::Html;
        }
        if start.starts_with("<?xml") {
            return Kind::Xml;
        }
    }
    Kind::Text {
        delimiter: guess_delimiter(trimmed),
    }
}

/// The separator that occurs on the first line and as often on each of the next few lines;
/// semicolons (Swedish CSV, with decimal commas) before tabs before commas.
fn guess_delimiter(text: &str) -> Option<char> {
    let lines: Vec<&str> = text.lines().take(6).collect();
    let first = lines.first()?;
    let complete = if lines.len() > 1 {
        &lines[..lines.len() - 1] // the last line may be cut off by the head
    } else {
        &lines[..]
    };
    [';', '\t', ',', '|']
        .into_iter()
        .map(|d| (d, first.matches(d).count()))
        .filter(|&(d, n)| n > 0 && complete.iter().all(|l| l.matches(d).count() == n))
        .min_by_key(|&(_, n)| std::cmp::Reverse(n)) // ties go to the earlier candidate
        .map(|(d, _)| d)
        .or_else(|| [';', '\t', ','].into_iter().find(|d| first.contains(*d)))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in super::super) fn all_codes() -> Vec<&'static str> {
        let kinds = [
            Kind::Empty,
            Kind::Html,
            Kind::XmlSpreadsheet2003,
            Kind::Xml,
            Kind::Text { delimiter: None },
            Kind::Pdf,
            Kind::Image("PNG"),
            Kind::Zip(ZipKind::Word),
            Kind::Cfb(CfbKind::Word),
            Kind::Binary,
        ];
        let damaged = |container| Sniffed::Damaged {
            container,
            detail: String::new(),
        };
        kinds
            .into_iter()
            .map(Sniffed::NotSpreadsheet)
            .chain([
                Sniffed::Encrypted,
                Sniffed::Skip(SkipReason::Hidden),
                Sniffed::Unreadable(String::new()),
                damaged(Container::Cfb),
                damaged(Container::Zip),
            ])
            .filter_map(|s| s.code())
            .collect()
    }

    #[test]
    fn lock_hidden_and_temporary_names_are_skipped() {
        assert_eq!(
            skip_by_name("~$Solrosen.xlsx"),
            Some(SkipReason::ExcelLockFile)
        );
        assert_eq!(
            skip_by_name(".~lock.Solrosen.xlsx#"),
            Some(SkipReason::LibreOfficeLockFile)
        );
        assert_eq!(skip_by_name("._Solrosen.xlsx"), Some(SkipReason::Hidden));
        assert_eq!(skip_by_name("Solrosen.xlsx~"), Some(SkipReason::Temporary));
        assert_eq!(skip_by_name("A1B2C3.TMP"), Some(SkipReason::Temporary));
        assert_eq!(skip_by_name("Solrosen.xlsx"), None);
    }

    #[test]
    fn text_is_told_apart_from_html_and_xml() {
        let html = "\u{FEFF}  \r\n<!DOCTYPE HTML PUBLIC><html><table>";
        assert_eq!(classify_text(html), Kind::Html);
        assert_eq!(classify_text("<table border=1><tr>"), Kind::Html);
        assert_eq!(
            classify_text(
                "<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"
            ),
            Kind::XmlSpreadsheet2003
        );
        assert_eq!(classify_text("<?xml version=\"1.0\"?><x/>"), Kind::Xml);
        assert_eq!(
            classify_text("Indikator;Utfall;Kommentar\nA;1,5;ok\nB;2;\n"),
            Kind::Text {
                delimiter: Some(';')
            }
        );
        assert_eq!(
            classify_text("a,b\tc\nd,e\tf\n"),
            Kind::Text {
                delimiter: Some('\t')
            }
        );
        assert_eq!(
            classify_text("Hej!\nHär är filen.\n"),
            Kind::Text { delimiter: None }
        );
    }

    #[test]
    fn latin1_text_is_text_and_binary_is_not() {
        assert!(looks_like_text(b"Enhet;V\xe4rde\r\nF\xf6rskola;5\r\n"));
        assert!(!looks_like_text(b"\x01\x02\x03\x04binary\0"));
        assert_eq!(sniff_other(&[0x13, 0x37, 0x00, 0x42], 4), Kind::Binary);
    }

    #[test]
    fn utf16_text_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(utf16le("Enhet\tVärde\r\nA\t1\r\n"));
        assert_eq!(
            sniff_other(&bytes, bytes.len() as u64),
            Kind::Text {
                delimiter: Some('\t')
            }
        );
    }
}
