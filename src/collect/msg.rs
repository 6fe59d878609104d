//! Outlook's saved mails (`.msg`, [MS-OXMSG]): a compound file (CFB) whose streams are the
//! message's properties. Read here: the sender, the send time, the subject and the attachments'
//! names and bytes, forwarded (embedded) messages included.

use std::io::{Cursor, Read};

use crate::collect::eml::{MAX_ATTACHMENTS, MAX_DEPTH, Mail, looks_like_workbook};

type Cfb<'a> = cfb::CompoundFile<Cursor<&'a [u8]>>;

/// The text of a string property (`001F` UTF-16LE, else `001E` 8-bit) under `dir`.
fn text(c: &mut Cfb<'_>, dir: &str, id: u16) -> Option<String> {
    if let Some(b) = stream(c, &format!("{dir}/__substg1.0_{id:04X}001F")) {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        let s = String::from_utf16_lossy(&units);
        return Some(s.trim_end_matches('\0').to_string()).filter(|s| !s.is_empty());
    }
    stream(c, &format!("{dir}/__substg1.0_{id:04X}001E"))
        .map(|b| {
            String::from_utf8_lossy(&b)
                .trim_end_matches('\0')
                .to_string()
        })
        .filter(|s| !s.is_empty())
}

fn stream(c: &mut Cfb<'_>, path: &str) -> Option<Vec<u8>> {
    let mut s = c.open_stream(path).ok()?;
    let mut out = Vec::new();
    s.by_ref()
        .take(crate::collect::eml::MAX_MAIL_BYTES)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// A `PT_SYSTIME` property of the fixed-size property stream of a message under `dir`
/// (`header` bytes before the entries), as RFC 3339 UTC.
fn time(c: &mut Cfb<'_>, dir: &str, header: usize, id: u16) -> Option<String> {
    let props = stream(c, &format!("{dir}/__properties_version1.0"))?;
    let want = (u32::from(id) << 16) | 0x0040;
    let entry = props
        .get(header..)?
        .chunks_exact(16)
        .find(|e| u32::from_le_bytes([e[0], e[1], e[2], e[3]]) == want)?;
    let mut v = [0u8; 8];
    v.copy_from_slice(&entry[8..16]);
    // FILETIME: 100 ns since 1601-01-01.
    let secs = i64::try_from(u64::from_le_bytes(v) / 10_000_000).ok()? - 11_644_473_600;
    Some(crate::domain::Timestamp::from_unix(secs).to_string())
}

fn attachments(c: &mut Cfb<'_>, dir: &str, depth: usize, out: &mut Vec<(String, Vec<u8>)>) {
    let storages: Vec<String> = match c.read_storage(if dir.is_empty() { "/" } else { dir }) {
        Ok(entries) => entries
            .filter(|e| e.is_storage() && e.name().starts_with("__attach_version1.0_#"))
            .map(|e| e.path().to_string_lossy().into_owned())
            .collect(),
        Err(_) => return,
    };
    for a in storages {
        if out.len() >= MAX_ATTACHMENTS {
            return;
        }
        let embedded = format!("{a}/__substg1.0_3701000D");
        if c.is_storage(&embedded) {
            if depth < MAX_DEPTH {
                attachments(c, &embedded, depth + 1, out);
            }
            continue;
        }
        let Some(bytes) = stream(c, &format!("{a}/__substg1.0_37010102")) else {
            continue;
        };
        let name = text(c, &a, 0x3707)
            .or_else(|| text(c, &a, 0x3704))
            .unwrap_or_default();
        if looks_like_workbook(&name, &bytes) {
            out.push((name, bytes));
        }
    }
}

/// Parses an Outlook `.msg`.
///
/// # Errors
/// A message when the bytes are not a compound file.
pub fn parse(bytes: &[u8]) -> Result<Mail, String> {
    let mut c = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut workbooks = Vec::new();
    attachments(&mut c, "", 0, &mut workbooks);
    Ok(Mail {
        // The SMTP address first: PR_SENDER_EMAIL_ADDRESS may be an Exchange name.
        from: text(&mut c, "", 0x5D01).or_else(|| text(&mut c, "", 0x0C1F)),
        // PR_CLIENT_SUBMIT_TIME, else PR_MESSAGE_DELIVERY_TIME.
        date: time(&mut c, "", 32, 0x0039).or_else(|| time(&mut c, "", 32, 0x0E06)),
        subject: text(&mut c, "", 0x0037),
        workbooks,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    type Writer = cfb::CompoundFile<Cursor<Vec<u8>>>;
    type Inner<'a> = &'a dyn Fn(&mut Writer, &str);

    fn put(c: &mut Writer, path: &str, bytes: &[u8]) {
        c.create_stream(path).unwrap().write_all(bytes).unwrap();
    }

    /// Writes the properties of a message at `dir`: sender, subject, submit time, and each
    /// attachment `(name, bytes)`; `inner` embeds a forwarded message as the last attachment.
    pub(crate) fn write_message(
        c: &mut Writer,
        dir: &str,
        from: &str,
        unix: i64,
        files: &[(&str, &[u8])],
        inner: Option<Inner<'_>>,
    ) {
        put(c, &format!("{dir}/__substg1.0_5D01001F"), &utf16(from));
        put(
            c,
            &format!("{dir}/__substg1.0_0037001F"),
            &utf16("Svar: Uppföljning"),
        );
        let header = if dir.is_empty() { 32 } else { 24 };
        let mut props = vec![0u8; header];
        props.extend_from_slice(&((0x0039u32 << 16) | 0x0040).to_le_bytes());
        props.extend_from_slice(&[6, 0, 0, 0]);
        let ft = u64::try_from(unix + 11_644_473_600).unwrap() * 10_000_000;
        props.extend_from_slice(&ft.to_le_bytes());
        put(c, &format!("{dir}/__properties_version1.0"), &props);
        let mut n = 0;
        for (name, bytes) in files {
            let a = format!("{dir}/__attach_version1.0_#{n:08X}");
            c.create_storage(&a).unwrap();
            put(c, &format!("{a}/__substg1.0_3707001F"), &utf16(name));
            put(c, &format!("{a}/__substg1.0_37010102"), bytes);
            put(c, &format!("{a}/__properties_version1.0"), &[0u8; 8]);
            n += 1;
        }
        if let Some(inner) = inner {
            let a = format!("{dir}/__attach_version1.0_#{n:08X}");
            c.create_storage(&a).unwrap();
            let m = format!("{a}/__substg1.0_3701000D");
            c.create_storage(&m).unwrap();
            inner(c, &m);
        }
    }

    pub(crate) fn msg(from: &str, files: &[(&str, &[u8])], forwarded: bool) -> Vec<u8> {
        let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        let owned: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        if forwarded {
            let inner = move |c: &mut Writer, dir: &str| {
                let f: Vec<(&str, &[u8])> = owned
                    .iter()
                    .map(|(n, b)| (n.as_str(), b.as_slice()))
                    .collect();
                write_message(c, dir, "asa.oberg@ekebo.se", 1_778_484_600, &f, None);
            };
            write_message(&mut c, "", from, 1_778_500_000, &[], Some(&inner));
        } else {
            write_message(&mut c, "", from, 1_778_484_600, files, None);
        }
        c.flush().unwrap();
        c.into_inner().into_inner()
    }

    fn zip_bytes() -> Vec<u8> {
        let mut b = b"PK\x03\x04".to_vec();
        b.extend_from_slice(&[0u8; 60]);
        b
    }

    #[test]
    fn reads_sender_time_subject_and_workbooks() {
        let wb = zip_bytes();
        let m = parse(&msg(
            "asa.oberg@ekebo.se",
            &[("logo.png", b"\x89PNG\r\n"), ("uppföljning.xlsx", &wb)],
            false,
        ))
        .unwrap();
        assert_eq!(m.from.as_deref(), Some("asa.oberg@ekebo.se"));
        assert_eq!(m.date.as_deref(), Some("2026-05-11T07:30:00Z"));
        assert_eq!(m.subject.as_deref(), Some("Svar: Uppföljning"));
        assert_eq!(m.workbooks, vec![("uppföljning.xlsx".to_string(), wb)]);
    }

    #[test]
    fn opens_embedded_forwarded_messages() {
        let wb = zip_bytes();
        let m = parse(&msg("chef@ekebo.se", &[("a.xlsx", &wb)], true)).unwrap();
        assert_eq!(m.from.as_deref(), Some("chef@ekebo.se"));
        assert_eq!(m.workbooks, vec![("a.xlsx".to_string(), wb)]);
    }

    proptest::proptest! {
        /// Damaged compound files give an error or a mail, never a panic that escapes.
        #[test]
        fn damaged_files_never_escape(at in 0usize..4000, byte in proptest::prelude::any::<u8>()) {
            let mut b = msg("a@b.se", &[("a.xlsx", &zip_bytes())], true);
            let i = at % b.len();
            b[i] = byte;
            let _ = std::panic::catch_unwind(|| parse(&b));
        }
    }
}
