//! Zip pre-flight: limits, names and CRCs checked before any reader inflates an entry.
//!
//! Everything up to the CRC pass works on the central directory alone (the end record is
//! peeked first, so a directory claiming millions of entries is refused before it is parsed).
//! The declared sizes can be trusted because the `zip` crate stops inflating an entry at its
//! declared size with an error. Only when every size check has passed is each entry inflated,
//! once, so that its CRC is verified; the first bad one is named. [`unpack_zip`] keeps what it
//! inflated as a STORED zip for the spreadsheet reader, which so never inflates a part again
//! and never reads one whose CRC was not checked.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::human_size;
use super::inflate::Inflater;
use crate::diag::{Diagnostic, Location};
use crate::tx;

/// Limits for [`unpack_zip`]. The defaults leave a wide margin over any real return (a
/// return is tens of KiB; a full 1,048,576-row sheet is about 100 MiB unpacked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipLimits {
    /// The file on disk.
    pub max_file_size: u64,
    pub max_entries: u64,
    /// All entries together, unpacked.
    pub max_total_uncompressed: u64,
    /// One entry, unpacked.
    pub max_entry_uncompressed: u64,
    /// Unpacked size to packed size, for entries larger than `ratio_applies_above`: a small
    /// sheet of repeated empty cells compresses several hundred times and is no bomb (a
    /// 1,8 KiB part that unpacks to 1,3 MiB is LibreOffice's ordinary output), so only a part
    /// that is both large and extremely compressed is refused.
    pub max_ratio: u64,
    pub ratio_applies_above: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        Self {
            max_file_size: 50 << 20,
            max_entries: 10_000,
            max_total_uncompressed: 500 << 20,
            max_entry_uncompressed: 200 << 20,
            max_ratio: 200,
            ratio_applies_above: 16 << 20,
        }
    }
}

/// What a zip that passed pre-flight holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipSummary {
    pub file_size: u64,
    /// Entry names in archive order.
    pub entries: Vec<String>,
    pub total_uncompressed: u64,
    /// The largest entry, unpacked, with its size.
    pub largest: Option<(String, u64)>,
}

/// Why a zip was refused. See the codes table in [`guard`](super).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ZipProblem {
    Unreadable(String),
    /// No complete central directory: cut off, or not a zip at all.
    Truncated(String),
    FileTooLarge {
        size: u64,
        limit: u64,
    },
    TooManyEntries {
        count: u64,
        limit: u64,
    },
    TotalTooLarge {
        total: u64,
        limit: u64,
    },
    EntryTooLarge {
        name: String,
        size: u64,
        limit: u64,
    },
    CompressionRatio {
        name: String,
        size: u64,
        compressed: u64,
        limit: u64,
    },
    /// The same name twice; `None` if the central directory could not be re-read to name it.
    DuplicateEntry {
        name: Option<String>,
    },
    CaseDuplicate {
        first: String,
        second: String,
    },
    UnsupportedCompression {
        name: String,
        method: u16,
    },
    EncryptedEntry {
        name: String,
    },
    UnsafeName {
        name: String,
    },
    OverlappingEntries,
    /// A CRC mismatch or data that cannot be inflated.
    BadEntry {
        name: String,
        detail: String,
    },
}

impl ZipProblem {
    pub fn code(&self) -> &'static str {
        match self {
            ZipProblem::Unreadable(_) => "R012",
            ZipProblem::Truncated(_) => "R020",
            ZipProblem::FileTooLarge { .. } => "R021",
            ZipProblem::TooManyEntries { .. } => "R022",
            ZipProblem::TotalTooLarge { .. } => "R023",
            ZipProblem::EntryTooLarge { .. } => "R024",
            ZipProblem::CompressionRatio { .. } => "R025",
            ZipProblem::DuplicateEntry { .. } => "R026",
            ZipProblem::CaseDuplicate { .. } => "R027",
            ZipProblem::UnsupportedCompression { .. } => "R028",
            ZipProblem::EncryptedEntry { .. } => "R029",
            ZipProblem::UnsafeName { .. } => "R030",
            ZipProblem::OverlappingEntries => "R031",
            ZipProblem::BadEntry { .. } => "R032",
        }
    }

    pub fn describe(&self) -> String {
        match self {
            ZipProblem::Unreadable(e) => tx!("R012", "error" => e.to_string()),
            ZipProblem::Truncated(detail) => tx!("R020", "detail" => detail.to_string()),
            ZipProblem::FileTooLarge { size, limit } => tx!(
                "R021",
                "size" => human_size(*size),
                "limit" => human_size(*limit)
            ),
            ZipProblem::TooManyEntries { count, limit } => {
                tx!("R022", "count" => count.to_string(), "limit" => limit.to_string())
            }
            ZipProblem::TotalTooLarge { total, limit } => tx!(
                "R023",
                "total" => human_size(*total),
                "limit" => human_size(*limit)
            ),
            ZipProblem::EntryTooLarge { name, size, limit } => tx!(
                "R024",
                "name" => name,
                "size" => human_size(*size),
                "limit" => human_size(*limit)
            ),
            ZipProblem::CompressionRatio {
                name,
                size,
                compressed,
                limit,
            } => tx!(
                "R025",
                "name" => name,
                "compressed" => human_size(*compressed),
                "size" => human_size(*size),
                "ratio" => (size / (*compressed).max(1)).to_string(),
                "limit" => limit.to_string()
            ),
            ZipProblem::DuplicateEntry { name: Some(name) } => tx!("R026", "name" => name),
            ZipProblem::DuplicateEntry { name: None } => tx!("R026-unnamed"),
            ZipProblem::CaseDuplicate { first, second } => {
                tx!("R027", "first" => first, "second" => second)
            }
            ZipProblem::UnsupportedCompression { name, method } => tx!(
                "R028",
                "name" => name,
                "method" => method.to_string(),
                "method_name" => CompressionMethod::name_from_u16(*method).to_string()
            ),
            ZipProblem::EncryptedEntry { name } => tx!("R029", "name" => name),
            ZipProblem::UnsafeName { name } => tx!("R030", "name" => name),
            ZipProblem::OverlappingEntries => tx!("R031"),
            ZipProblem::BadEntry { name, detail } => {
                tx!("R032", "name" => name, "detail" => detail)
            }
        }
    }

    pub fn hint(&self) -> String {
        tx!(match self {
            ZipProblem::Unreadable(_) => "R012-hint",
            ZipProblem::Truncated(_) | ZipProblem::BadEntry { .. } => "R020-hint",
            ZipProblem::FileTooLarge { .. }
            | ZipProblem::TotalTooLarge { .. }
            | ZipProblem::EntryTooLarge { .. } => "R021-hint",
            ZipProblem::EncryptedEntry { .. } => "R029-hint",
            ZipProblem::TooManyEntries { .. }
            | ZipProblem::CompressionRatio { .. }
            | ZipProblem::DuplicateEntry { .. }
            | ZipProblem::CaseDuplicate { .. }
            | ZipProblem::UnsupportedCompression { .. }
            | ZipProblem::UnsafeName { .. }
            | ZipProblem::OverlappingEntries => "R022-hint",
        })
    }

    /// The finding, located at `file`.
    pub fn diagnostic(&self, file: &Path) -> Diagnostic {
        Diagnostic::error(
            self.code(),
            Location::File(file.to_path_buf()),
            self.describe(),
        )
        .hint(self.hint())
    }
}

/// A zip workbook that passed pre-flight, unpacked once: the same entries again in a zip
/// whose entries are all STORED, with CRCs verified.
#[derive(Debug, Clone)]
pub struct Unpacked {
    pub summary: ZipSummary,
    /// The STORED zip, for the spreadsheet reader: it finds the parts it reads without
    /// inflating them a second time, and none it has not been checked.
    pub stored: Vec<u8>,
    /// Damaged parts that no reader of a workbook's values uses (a thumbnail, a picture,
    /// printer settings), left out of `stored`: the part's name and what was wrong. A damaged
    /// part that is read stays a [`ZipProblem::BadEntry`].
    pub left_out: Vec<(String, String)>,
}

/// Parts that hold nothing a workbook's values depend on: pictures, thumbnails, printer
/// settings and the like. A damaged one is left out with a warning instead of refusing the
/// file. Names compare as the package does: case-insensitively, with `/`.
pub fn is_inessential_part(name: &str) -> bool {
    let name = name.replace('\\', "/").to_ascii_lowercase();
    [
        "docprops/thumbnail.",
        "xl/media/",
        "xl/printersettings/",
        "thumbnails/",
        "pictures/",
        "configurations2/",
    ]
    .iter()
    .any(|prefix| name.starts_with(prefix))
}

/// Checks the zip in `bytes` against `limits`, inflates every entry once to verify its CRC,
/// and returns the entries again as a STORED zip.
///
/// Everything up to the inflating works on the central directory alone. Inflating an entry
/// stops at its declared size (the `zip` crate refuses to go past it), which the size checks
/// have bounded, so the unpacked copy is bounded too.
///
/// # Errors
/// The first [`ZipProblem`] found, in this order: file size, truncated, entry count,
/// duplicate names, then per entry (in archive order) unsafe name, encryption, compression
/// method, ratio, entry size and case-only duplicates, then the total size, shared data, and
/// last the CRC of each entry. Never panics on malformed input.
pub fn unpack_zip(bytes: &[u8], limits: &ZipLimits) -> Result<Unpacked, ZipProblem> {
    let file_size = bytes.len() as u64;
    if file_size > limits.max_file_size {
        return Err(ZipProblem::FileTooLarge {
            size: file_size,
            limit: limits.max_file_size,
        });
    }
    let mut cursor = io::Cursor::new(bytes);
    let declared = peek_entry_count(&mut cursor).map_err(ZipProblem::Truncated)?;
    let too_many = |count: u64| ZipProblem::TooManyEntries {
        count,
        limit: limits.max_entries,
    };
    if declared > limits.max_entries {
        return Err(too_many(declared));
    }
    cursor.set_position(0);
    let mut archive = ZipArchive::new(cursor).map_err(|e| match e {
        ZipError::Io(e) if e.kind() != io::ErrorKind::UnexpectedEof => {
            ZipProblem::Unreadable(e.to_string())
        }
        e => ZipProblem::Truncated(e.to_string()),
    })?;
    if archive.len() as u64 > limits.max_entries {
        return Err(too_many(archive.len() as u64));
    }
    if archive.has_duplicate_names() {
        let dir_start = archive.central_directory_start();
        let mut reader = archive.into_inner();
        let name = first_duplicate_name(&mut reader, dir_start, limits.max_entries);
        return Err(ZipProblem::DuplicateEntry { name });
    }

    let mut entries: Vec<String> = Vec::with_capacity(archive.len());
    let mut by_folded_name: HashMap<String, usize> = HashMap::new();
    let mut total: u64 = 0;
    let mut largest: Option<(String, u64)> = None;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_data(index)
            .map_err(|e| ZipProblem::Truncated(e.to_string()))?;
        let name = match entry.name() {
            Ok(name) => name.into_owned(),
            Err(_) => String::from_utf8_lossy(entry.name_raw()).into_owned(),
        };
        if is_unsafe_name(&name) {
            return Err(ZipProblem::UnsafeName { name });
        }
        if entry.encrypted() {
            return Err(ZipProblem::EncryptedEntry { name });
        }
        let method = entry.compression();
        if !is_supported(method) {
            return Err(ZipProblem::UnsupportedCompression {
                name,
                method: u16::from(method.into_compression()),
            });
        }
        let (size, compressed) = (entry.size(), entry.compressed_size());
        if size > limits.ratio_applies_above && size > compressed.saturating_mul(limits.max_ratio) {
            return Err(ZipProblem::CompressionRatio {
                name,
                size,
                compressed,
                limit: limits.max_ratio,
            });
        }
        if size > limits.max_entry_uncompressed {
            return Err(ZipProblem::EntryTooLarge {
                name,
                size,
                limit: limits.max_entry_uncompressed,
            });
        }
        match by_folded_name.entry(name.to_lowercase().replace('\\', "/")) {
            Entry::Occupied(first) => {
                return Err(ZipProblem::CaseDuplicate {
                    first: entries[*first.get()].clone(),
                    second: name,
                });
            }
            Entry::Vacant(slot) => {
                slot.insert(index);
            }
        }
        total = total.saturating_add(size);
        if largest.as_ref().is_none_or(|(_, s)| size > *s) {
            largest = Some((name.clone(), size));
        }
        entries.push(name);
    }
    if total > limits.max_total_uncompressed {
        return Err(ZipProblem::TotalTooLarge {
            total,
            limit: limits.max_total_uncompressed,
        });
    }
    if archive
        .has_overlapping_files()
        .map_err(|e| ZipProblem::Truncated(e.to_string()))?
    {
        return Err(ZipProblem::OverlappingEntries);
    }

    // The directory and the local headers of the copy, plus the data: bounded by the checks
    // above.
    let capacity = usize::try_from(total).unwrap_or(usize::MAX).saturating_add(
        entries
            .iter()
            .map(|n| 2 * n.len() + 100)
            .sum::<usize>()
            .saturating_add(22),
    );
    let mut out = ZipWriter::new(io::Cursor::new(Vec::with_capacity(capacity)));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::default());
    let mut left_out = Vec::new();
    // Every entry's data is taken from `bytes` where it lies, inflated by one decompressor
    // for the whole file and checked against its CRC; the limits above bound each entry by
    // its declared size, and the cap below bounds it whatever the header says.
    let mut inflater = Inflater::new();
    let mut data = Vec::new();
    let mut inflated: u64 = 0;
    for (index, name) in entries.iter().enumerate() {
        let bad = |detail: String| ZipProblem::BadEntry {
            name: name.clone(),
            detail,
        };
        let cap = limits
            .max_entry_uncompressed
            .min(limits.max_total_uncompressed.saturating_sub(inflated));
        let checked = entry_data(&mut archive, bytes, index).and_then(|e| match e {
            None => Ok(false),
            Some(e) => inflater
                .entry(e.raw, e.deflated, e.size, cap, e.crc, &mut data)
                .map(|()| true),
        });
        if is_inessential_part(name) {
            // A damaged one is left out of the copy instead of refusing the workbook.
            match checked {
                Err(detail) => left_out.push((name.clone(), detail)),
                Ok(false) => {}
                Ok(true) => {
                    inflated += data.len() as u64;
                    out.start_file(name.replace('\\', "/"), stored)
                        .and_then(|()| io::Write::write_all(&mut out, &data).map_err(Into::into))
                        .map_err(|e| bad(e.to_string()))?;
                }
            }
            continue;
        }
        if !checked.map_err(bad)? {
            continue;
        }
        inflated += data.len() as u64;
        // `xl\\workbook.xml`, as some Windows zip tools write it, is `xl/workbook.xml` to
        // the format: the readers get the name the format means.
        out.start_file(name.replace('\\', "/"), stored)
            .map_err(|e| bad(e.to_string()))?;
        // An XML part in UTF-16 or a legacy code page (which Excel opens, and calamine takes
        // for broken XML) is handed on in UTF-8; its head tells.
        let lower = name.to_ascii_lowercase();
        let foreign = (lower.ends_with(".xml") || lower.ends_with(".rels"))
            .then(|| foreign_xml_encoding(data.get(..XML_HEAD).unwrap_or(&data)))
            .flatten();
        match foreign {
            Some(encoding) => io::Write::write_all(&mut out, &to_utf8_xml(&data, encoding)),
            None => io::Write::write_all(&mut out, &data),
        }
        .map_err(|e| bad(e.to_string()))?;
    }
    let stored = out
        .finish()
        .map_err(|e| ZipProblem::Unreadable(e.to_string()))?
        .into_inner();
    Ok(Unpacked {
        summary: ZipSummary {
            file_size,
            entries,
            total_uncompressed: total,
            largest,
        },
        stored,
        left_out,
    })
}

/// An entry's data as it lies in the file, with what the zip declares about it.
struct EntryData<'a> {
    raw: &'a [u8],
    deflated: bool,
    size: u64,
    crc: u32,
}

/// The data of entry `index` of `archive` (read from `bytes`), or `None` for a folder.
fn entry_data<'a>(
    archive: &mut ZipArchive<io::Cursor<&[u8]>>,
    bytes: &'a [u8],
    index: usize,
) -> Result<Option<EntryData<'a>>, String> {
    let entry = archive
        .by_index_raw(index)
        .map_err(|_| tx!("R032-no-header"))?;
    if entry.is_dir() {
        return Ok(None);
    }
    let start = entry
        .data_start()
        .and_then(|s| usize::try_from(s).ok())
        .ok_or_else(|| tx!("R032-no-header"))?;
    let raw = usize::try_from(entry.compressed_size())
        .ok()
        .and_then(|len| bytes.get(start..start.checked_add(len)?))
        .ok_or_else(|| tx!("R032-past-end"))?;
    Ok(Some(EntryData {
        raw,
        deflated: entry.compression() == CompressionMethod::Deflated,
        size: entry.size(),
        crc: entry.crc32(),
    }))
}

/// How much of an XML part is looked at for its encoding.
const XML_HEAD: usize = 256;

/// The encoding of an XML part that is not UTF-8: a UTF-16 byte-order mark or first
/// character, or another encoding named in the XML declaration. `None` for UTF-8.
fn foreign_xml_encoding(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match head {
        [0xFF, 0xFE, ..] | [b'<', 0, ..] => return Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] | [0, b'<', ..] => return Some(encoding_rs::UTF_16BE),
        [0xEF, 0xBB, 0xBF, ..] => return None,
        _ => {}
    }
    let decl = head.strip_prefix(b"<?xml")?;
    let end = decl.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&decl[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = rest[1..].split(quote).next()?;
    let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
    (encoding != encoding_rs::UTF_8).then_some(encoding)
}

/// An XML part decoded from `encoding` and written again as UTF-8, its declaration saying so.
fn to_utf8_xml(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (text, _, _) = encoding.decode(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let body = match text.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or(text, |(_, body)| body),
        None => text,
    };
    let mut out = Vec::with_capacity(body.len() + 60);
    out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
    out.extend_from_slice(body.as_bytes());
    out
}

/// Stored and deflated: what Excel and LibreOffice write, and what the readers inflate.
fn is_supported(method: CompressionMethod) -> bool {
    method == CompressionMethod::Stored || method == CompressionMethod::Deflated
}

fn is_unsafe_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    name.starts_with(['/', '\\'])
        || name.contains('\0')
        || name.split(['/', '\\']).any(|part| part == "..")
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}

/// The entry count the end-of-central-directory record (or its zip64 twin) declares, read
/// without parsing the directory itself.
///
/// # Errors
/// A short explanation when no end record is found: the file is cut off or not a zip.
pub(super) fn peek_entry_count<R: Read + Seek>(file: &mut R) -> Result<u64, String> {
    const EOCD: &[u8] = b"PK\x05\x06";
    const LOCATOR: &[u8] = b"PK\x06\x07";
    const EOCD64: &[u8] = b"PK\x06\x06";
    let io_err = |e: io::Error| e.to_string();
    let len = file.seek(SeekFrom::End(0)).map_err(io_err)?;
    let tail_len = len.min(22 + 65_535 + 20);
    let tail_start = len - tail_len;
    file.seek(SeekFrom::Start(tail_start)).map_err(io_err)?;
    let mut tail = Vec::new();
    file.take(tail_len).read_to_end(&mut tail).map_err(io_err)?;
    let at = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..].starts_with(EOCD))
        .ok_or("no end-of-central-directory record: the end of the file is missing")?;
    let count16 = u16::from_le_bytes([tail[at + 10], tail[at + 11]]);
    if count16 != u16::MAX || at < 20 || !tail[at - 20..].starts_with(LOCATOR) {
        return Ok(u64::from(count16));
    }
    let mut offset = [0u8; 8];
    offset.copy_from_slice(&tail[at - 20 + 8..at - 20 + 16]);
    let mut record = [0u8; 56];
    file.seek(SeekFrom::Start(u64::from_le_bytes(offset)))
        .and_then(|_| file.read_exact(&mut record))
        .map_err(|_| "the zip64 end record lies beyond the end of the file".to_string())?;
    if !record.starts_with(EOCD64) {
        return Err("the zip64 end record is missing".into());
    }
    let mut count = [0u8; 8];
    count.copy_from_slice(&record[32..40]);
    Ok(u64::from_le_bytes(count))
}

/// Re-reads the central directory for the first name that occurs twice (the `zip` crate keeps
/// one entry per name, so it cannot say which).
fn first_duplicate_name<R: Read + Seek>(
    reader: &mut R,
    dir_start: u64,
    max_entries: u64,
) -> Option<String> {
    reader.seek(SeekFrom::Start(dir_start)).ok()?;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..max_entries {
        let mut fixed = [0u8; 46];
        reader.read_exact(&mut fixed).ok()?;
        if !fixed.starts_with(b"PK\x01\x02") {
            return None;
        }
        let len_at = |i: usize| usize::from(u16::from_le_bytes([fixed[i], fixed[i + 1]]));
        let mut name = vec![0u8; len_at(28)];
        reader.read_exact(&mut name).ok()?;
        let skip = i64::try_from(len_at(30) + len_at(32)).ok()?;
        reader.seek(SeekFrom::Current(skip)).ok()?;
        let name = String::from_utf8_lossy(&name).into_owned();
        if !seen.insert(name.clone()) {
            return Some(name);
        }
    }
    None
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in super::super) fn all_codes() -> Vec<&'static str> {
        let s = String::new;
        [
            ZipProblem::Unreadable(s()),
            ZipProblem::Truncated(s()),
            ZipProblem::FileTooLarge { size: 0, limit: 0 },
            ZipProblem::TooManyEntries { count: 0, limit: 0 },
            ZipProblem::TotalTooLarge { total: 0, limit: 0 },
            ZipProblem::EntryTooLarge {
                name: s(),
                size: 0,
                limit: 0,
            },
            ZipProblem::CompressionRatio {
                name: s(),
                size: 0,
                compressed: 0,
                limit: 0,
            },
            ZipProblem::DuplicateEntry { name: None },
            ZipProblem::CaseDuplicate {
                first: s(),
                second: s(),
            },
            ZipProblem::UnsupportedCompression {
                name: s(),
                method: 0,
            },
            ZipProblem::EncryptedEntry { name: s() },
            ZipProblem::UnsafeName { name: s() },
            ZipProblem::OverlappingEntries,
            ZipProblem::BadEntry {
                name: s(),
                detail: s(),
            },
        ]
        .iter()
        .map(ZipProblem::code)
        .collect()
    }

    #[test]
    fn unsafe_names_are_dot_dot_and_absolute_paths() {
        for name in [
            "../x.xml",
            "xl/../../x",
            "/etc/passwd",
            "\\x",
            "C:x",
            "a\\..\\b",
        ] {
            assert!(is_unsafe_name(name), "{name}");
        }
        for name in ["xl/worksheets/sheet1.xml", "[Content_Types].xml", "a..b/c"] {
            assert!(!is_unsafe_name(name), "{name}");
        }
    }

    #[test]
    fn end_record_peek_finds_count_and_refuses_garbage() {
        let mut eocd = b"junk".to_vec();
        eocd.extend_from_slice(b"PK\x05\x06\0\0\0\0\x07\0\x07\0");
        eocd.extend_from_slice(&[0u8; 10]);
        assert_eq!(peek_entry_count(&mut io::Cursor::new(eocd)), Ok(7));
        assert!(peek_entry_count(&mut io::Cursor::new(b"PK\x03\x04short".to_vec())).is_err());
        assert!(peek_entry_count(&mut io::Cursor::new(Vec::new())).is_err());
    }

    #[test]
    fn messages_name_the_part_and_the_sizes() {
        let p = ZipProblem::CompressionRatio {
            name: "xl/worksheets/sheet1.xml".into(),
            size: 1_288_490_189,
            compressed: 1_250_000,
            limit: 200,
        };
        assert_eq!(
            p.describe(),
            "delen 'xl/worksheets/sheet1.xml' packas upp från 1.2 MiB till 1.2 GiB (kvot 1030:1, \
             gräns 200:1): en dekomprimeringsbomb"
        );
    }
}
