//! Returns that arrive as saved e-mails (`.eml`, and Outlook's `.msg` through
//! [`crate::collect::msg`]): the workbooks attached to a mail, and to the mails forwarded inside
//! it, are the returns.
//!
//! `collect` puts each attachment in the staging folder `<data>/epost-bilagor/<period>/<mail>/`
//! (with `avsandare.json`: the mail, its sender, date and subject) and examines it there as any
//! other file: identified by its content, under the same guards. A mail with no workbook stays
//! in the batch as it is, and is reported with its own code (R015).

use std::path::{Path, PathBuf};

use mail_parser::{Message, MessageParser, MimeHeaders};

use crate::xlsx_read::guard::{Sniffed, sniff_bytes};

/// The largest mail read (the attachments inside are capped again by the workbook guards).
pub const MAX_MAIL_BYTES: u64 = 64 * 1024 * 1024;
/// How deep forwarded mails are opened.
pub const MAX_DEPTH: usize = 8;
/// The most attachments taken from one mail.
pub const MAX_ATTACHMENTS: usize = 200;

/// Whether `p` is a saved e-mail: `.eml` (MIME) or Outlook's `.msg`.
pub fn is_mail(p: &Path) -> bool {
    p.is_file()
        && p.extension().is_some_and(|e| {
            let e = e.to_string_lossy();
            e.eq_ignore_ascii_case("eml") || e.eq_ignore_ascii_case("msg")
        })
}

fn is_msg(p: &Path) -> bool {
    p.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("msg"))
}

/// A mail's sender, date, subject and workbook attachments.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Mail {
    pub from: Option<String>,
    /// RFC 3339.
    pub date: Option<String>,
    pub subject: Option<String>,
    /// (file name, bytes), forwarded mails' attachments included, in order.
    #[serde(skip)]
    pub workbooks: Vec<(String, Vec<u8>)>,
}

pub(crate) fn looks_like_workbook(name: &str, bytes: &[u8]) -> bool {
    let by_name = Path::new(name).extension().is_some_and(|e| {
        ["xlsx", "xlsm", "xls", "xlsb", "ods"]
            .contains(&e.to_string_lossy().to_lowercase().as_str())
    });
    by_name
        || matches!(
            sniff_bytes(bytes),
            Sniffed::Xlsx | Sniffed::Xlsm | Sniffed::Ods | Sniffed::Xls | Sniffed::Xlsb
        )
}

fn walk(m: &Message<'_>, depth: usize, out: &mut Vec<(String, Vec<u8>)>) {
    for part in m.attachments() {
        if out.len() >= MAX_ATTACHMENTS {
            return;
        }
        if let Some(inner) = part.message() {
            if depth < MAX_DEPTH {
                walk(inner, depth + 1, out);
            }
            continue;
        }
        let bytes = part.contents();
        let name = part.attachment_name().unwrap_or("").to_string();
        if looks_like_workbook(&name, bytes) {
            out.push((name, bytes.to_vec()));
        }
    }
}

/// Parses a saved mail.
///
/// # Errors
/// A message when the bytes are not a mail.
pub fn parse(bytes: &[u8]) -> Result<Mail, String> {
    let m = MessageParser::default()
        .parse(bytes)
        .filter(|m| !m.headers().is_empty())
        .ok_or_else(|| "not an e-mail".to_string())?;
    let mut workbooks = Vec::new();
    walk(&m, 0, &mut workbooks);
    Ok(Mail {
        from: m
            .from()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(str::to_string),
        date: m.date().map(mail_parser::DateTime::to_rfc3339),
        subject: m.subject().map(str::to_string),
        workbooks,
    })
}

/// A file name safe to write: its last component, no control characters; `bilaga-N.xlsx`
/// when nothing is left.
fn safe_name(name: &str, n: usize) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        format!("bilaga-{n}.xlsx")
    } else {
        clean
    }
}

/// Replaces each saved mail among `files` by its workbook attachments, written to
/// `staging/<mail file name>/`; other files pass as they are. A mail that cannot be read or
/// holds no workbook stays in the list, for collect to report.
pub fn expand(files: Vec<PathBuf>, staging: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for f in files {
        if !is_mail(&f) {
            out.push(f);
            continue;
        }
        match extract(&f, staging) {
            Some(paths) if !paths.is_empty() => out.extend(paths),
            _ => out.push(f),
        }
    }
    out
}

fn extract(mail: &Path, staging: &Path) -> Option<Vec<PathBuf>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::fs::File::open(mail)
        .and_then(|f| f.take(MAX_MAIL_BYTES).read_to_end(&mut bytes))
        .ok()?;
    // A mail is hostile input read in this process: a panic in the parser is this mail's
    // problem (it stays in the batch and is reported), never the batch's.
    let outlook = is_msg(mail);
    let parsed = std::panic::catch_unwind(|| {
        if outlook {
            crate::collect::msg::parse(&bytes)
        } else {
            parse(&bytes)
        }
    })
    .ok()?
    .ok()?;
    if parsed.workbooks.is_empty() {
        return None;
    }
    let dir = staging.join(mail.file_name()?);
    let mut paths = Vec::new();
    let mut names = Vec::new();
    for (i, (name, data)) in parsed.workbooks.iter().enumerate() {
        let mut n = safe_name(name, i + 1);
        if names.contains(&n) {
            n = format!("{}-{n}", i + 1);
        }
        let p = dir.join(&n);
        crate::fsx::write_atomic(&p, data).ok()?;
        names.push(n);
        paths.push(p);
    }
    let about = serde_json::json!({
        "mail": mail.display().to_string(),
        "from": parsed.from,
        "date": parsed.date,
        "subject": parsed.subject,
        "attachments": names,
    });
    let mut json = serde_json::to_vec_pretty(&about).unwrap_or_default();
    json.push(b'\n');
    crate::fsx::write_atomic(&dir.join("avsandare.json"), &json).ok()?;
    Some(paths)
}

/// The sender and date that [`expand`] wrote beside a mail's attachments in `dir`.
pub fn sender(dir: &Path) -> Option<crate::analysis::store::Mailed> {
    let text = std::fs::read_to_string(dir.join("avsandare.json")).ok()?;
    let about: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(crate::analysis::store::Mailed {
        from: about.get("from")?.as_str()?.to_string(),
        date: about
            .get("date")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_bytes() -> Vec<u8> {
        // The start of a zip container is enough for the sniffer.
        let mut b = b"PK\x03\x04".to_vec();
        b.extend_from_slice(&[0u8; 60]);
        b
    }

    fn mail_with(attachment_name: &str, bytes: &[u8]) -> Vec<u8> {
        use base64_like::encode;
        format!(
            "From: =?utf-8?q?=C3=85sa_=C3=96berg?= <asa@ekebo.se>\r\n\
             To: uppfoljning@ekebo.se\r\n\
             Subject: =?utf-8?q?Uppf=C3=B6ljning?=\r\n\
             Date: Mon, 11 May 2026 09:30:00 +0200\r\n\
             MIME-Version: 1.0\r\n\
             Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
             --b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHär är den.\r\n\
             --b1\r\nContent-Type: application/octet-stream\r\n\
             Content-Disposition: attachment; filename*=utf-8''{attachment_name}\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--b1--\r\n",
            encode(bytes)
        )
        .into_bytes()
    }

    /// Just enough base64 for the fixtures.
    mod base64_like {
        pub fn encode(b: &[u8]) -> String {
            const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let mut s = String::new();
            for c in b.chunks(3) {
                let n = (u32::from(c[0]) << 16)
                    | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                    | u32::from(*c.get(2).unwrap_or(&0));
                for i in 0..4 {
                    if i <= c.len() {
                        s.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
                    } else {
                        s.push('=');
                    }
                }
            }
            s
        }
    }

    #[test]
    fn takes_the_workbook_the_sender_and_the_date() {
        let wb = zip_bytes();
        let m = parse(&mail_with("uppf%C3%B6ljning.xlsx", &wb)).unwrap();
        assert_eq!(m.from.as_deref(), Some("asa@ekebo.se"));
        assert_eq!(m.date.as_deref(), Some("2026-05-11T09:30:00+02:00"));
        assert_eq!(m.subject.as_deref(), Some("Uppföljning"));
        assert_eq!(m.workbooks, vec![("uppföljning.xlsx".to_string(), wb)]);
    }

    #[test]
    fn opens_forwarded_mails() {
        let wb = zip_bytes();
        let inner = mail_with("a.xlsx", &wb);
        let outer = format!(
            "From: chef@ekebo.se\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n\
             --o\r\nContent-Type: text/plain\r\n\r\nse nedan\r\n\
             --o\r\nContent-Type: message/rfc822\r\n\r\n{}\r\n--o--\r\n",
            String::from_utf8(inner).unwrap()
        );
        let m = parse(outer.as_bytes()).unwrap();
        assert_eq!(m.from.as_deref(), Some("chef@ekebo.se"));
        assert_eq!(m.workbooks, vec![("a.xlsx".to_string(), wb)]);
    }

    #[test]
    fn ignores_what_is_no_workbook_and_refuses_what_is_no_mail() {
        let m = parse(&mail_with("logo.png", b"\x89PNG\r\n\x1a\n....")).unwrap();
        assert!(m.workbooks.is_empty());
        assert!(parse(b"").is_err());
    }

    proptest::proptest! {
        /// Any bytes, and any damage to a good mail, give a mail or an error, never a panic.
        #[test]
        fn hostile_bytes_never_panic(
            noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000),
            cut in 0usize..600,
        ) {
            let _ = parse(&noise);
            let good = mail_with("a.xlsx", &zip_bytes());
            let _ = parse(&good[..cut.min(good.len())]);
            let mut spliced = good.clone();
            spliced.splice(cut.min(good.len())..cut.min(good.len()), noise);
            let _ = parse(&spliced);
        }
    }

    #[test]
    fn names_cannot_escape_the_staging_folder() {
        assert_eq!(safe_name("../../etc/passwd", 1), "passwd");
        assert_eq!(safe_name("..\\x.xlsx", 1), "x.xlsx");
        assert_eq!(safe_name("..", 2), "bilaga-2.xlsx");
        assert_eq!(safe_name("a\u{0}b.xlsx", 1), "ab.xlsx");
    }

    #[test]
    fn expand_writes_the_attachments_and_keeps_a_mail_without_any() {
        let d = tempfile::tempdir().unwrap();
        let wb = zip_bytes();
        let with = d.path().join("svar.eml");
        std::fs::write(&with, mail_with("u.xlsx", &wb)).unwrap();
        let without = d.path().join("tom.eml");
        std::fs::write(&without, mail_with("logo.png", b"\x89PNG")).unwrap();
        let other = d.path().join("x.xlsx");
        std::fs::write(&other, &wb).unwrap();
        let staging = d.path().join("staging");
        let out = expand(vec![with, without.clone(), other.clone()], &staging);
        assert_eq!(out, vec![staging.join("svar.eml/u.xlsx"), without, other]);
        assert_eq!(std::fs::read(&out[0]).unwrap(), wb);
        let about = std::fs::read_to_string(staging.join("svar.eml/avsandare.json")).unwrap();
        assert!(about.contains("\"from\": \"asa@ekebo.se\""), "{about}");
    }
}
