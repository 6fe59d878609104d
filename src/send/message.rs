//! Building a [`Letter`] into the bytes of a MIME message (RFC 5322): UTF-8 subject and body,
//! attachments named per RFC 2231, through lettre's message builder.
//!
//! The bytes depend only on the letter and the run's clock: the `Date` header is the clock's,
//! and the `Message-ID` and the MIME boundary are a hash of the letter and the clock. The same
//! run writes the same drafts.

use std::time::{Duration, SystemTime};

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, Message, MultiPart, SinglePart};

use crate::domain::Timestamp;
use crate::send::Letter;

/// The media type of an `.xlsx` workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A built message.
#[derive(Debug, Clone)]
pub struct Built {
    /// The bare address it goes to.
    pub to: String,
    /// `<hash@domain>`.
    pub message_id: String,
    /// The whole message, CRLF line endings.
    pub bytes: Vec<u8>,
}

/// The sender: `[sending] from`, else the kommun's name and `[sending] contact`.
///
/// # Errors
/// A message when neither holds a usable address.
pub fn sender(from: Option<&str>, kommun: &str, contact: &str) -> Result<Mailbox, String> {
    match from {
        Some(f) => f
            .parse::<Mailbox>()
            .map_err(|e| crate::tx!("send-bad-from", "value" => f, "error" => e.to_string())),
        None if contact.trim().is_empty() => Err(crate::tx!("send-no-contact")),
        None => contact
            .trim()
            .parse::<lettre::Address>()
            .map(|a| Mailbox::new(Some(kommun.to_string()), a))
            .map_err(
                |e| crate::tx!("send-bad-contact", "value" => contact, "error" => e.to_string()),
            ),
    }
}

fn sha256_hex(parts: &[&[u8]]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Builds `letter` from `from` at the moment `at`. A draft carries `X-Unsent: 1`, so that
/// Outlook opens it as a message to send.
///
/// # Errors
/// The recipient's address is not one, or a header cannot be built.
pub fn build(letter: &Letter, from: &Mailbox, at: Timestamp, draft: bool) -> Result<Built, String> {
    if letter.email.trim().is_empty() {
        return Err(crate::tx!("send-no-address"));
    }
    let address = letter.email.trim().parse::<lettre::Address>().map_err(
        |e| crate::tx!("send-bad-address", "value" => &letter.email, "error" => e.to_string()),
    )?;
    let to = Mailbox::new(Some(letter.name.clone()), address.clone());
    let secs = u64::try_from(at.unix()).unwrap_or(0);
    let date = SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
    let mut parts: Vec<&[u8]> = vec![
        letter.kind.key().as_bytes(),
        letter.form.key().as_bytes(),
        letter.recipient.as_bytes(),
        letter.email.as_bytes(),
        letter.subject.as_bytes(),
        letter.body.as_bytes(),
    ];
    for a in &letter.attachments {
        parts.push(a.name.as_bytes());
        parts.push(&a.bytes);
    }
    let clock = at.unix().to_le_bytes();
    parts.push(&clock);
    let hash = sha256_hex(&parts);
    let message_id = format!("<{}@{}>", &hash[..32], from.email.domain());
    let mut b = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(letter.subject.clone())
        .date(date)
        .message_id(Some(message_id.clone()));
    if draft {
        b = b.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("X-Unsent"),
            "1".into(),
        ));
    }
    // "=_" never occurs in quoted-printable or base64 text, so the boundary cannot either.
    let mut mime = MultiPart::mixed()
        .boundary(format!("=_styr_{}", &hash[32..56]))
        .singlepart(SinglePart::plain(letter.body.clone()));
    let xlsx = ContentType::parse(XLSX).map_err(|e| e.to_string())?;
    for a in &letter.attachments {
        mime = mime.singlepart(Attachment::new(a.name.clone()).body(a.bytes.clone(), xlsx.clone()));
    }
    let m = b.multipart(mime).map_err(|e| e.to_string())?;
    Ok(Built {
        to: address.to_string(),
        message_id,
        bytes: m.formatted(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FormKind, Period};
    use crate::send::{Attachment as A, Kind};

    fn letter() -> Letter {
        Letter {
            kind: Kind::Utskick,
            form: FormKind::Uppfoljning,
            period: Period::parse("2026-T1").unwrap(),
            recipient: "ek-fsk".into(),
            name: "Förskolan Äppelgården".into(),
            email: "åsa@ekebo.se".replace('å', "a"),
            subject: "Uppföljning tertial 1 2026: Förskolan Äppelgården".into(),
            body: "Hej Åsa,\n\nSkicka senast 2026-05-11.\n".into(),
            attachments: vec![A {
                name: "uppföljning-ek-fsk.xlsx".into(),
                bytes: vec![0, 1, 2, 255],
            }],
            reason: None,
        }
    }

    #[test]
    fn same_letter_same_clock_same_bytes() {
        let from = sender(None, "Ekebo kommun", "uppfoljning@ekebo.se").unwrap();
        let t = Timestamp::from_unix(1_777_276_800);
        let a = build(&letter(), &from, t, true).unwrap();
        let b = build(&letter(), &from, t, true).unwrap();
        assert_eq!(a.bytes, b.bytes);
        let c = build(&letter(), &from, Timestamp::from_unix(1_777_276_801), true).unwrap();
        assert_ne!(a.message_id, c.message_id);
        let text = String::from_utf8_lossy(&a.bytes);
        assert!(text.contains("X-Unsent: 1"), "{text}");
        assert!(
            text.contains("Date: Mon, 27 Apr 2026 08:00:00 +0000"),
            "{text}"
        );
        assert!(
            text.contains(&format!("Message-ID: {}", a.message_id)),
            "{text}"
        );
        assert!(a.message_id.ends_with("@ekebo.se>"));
        // RFC 2231 name of the attachment, never raw UTF-8 in a header.
        assert!(text.contains("filename*"), "{text}");
        assert!(text.is_ascii());
        let sent = build(&letter(), &from, t, false).unwrap();
        assert!(!String::from_utf8_lossy(&sent.bytes).contains("X-Unsent"));
    }

    #[test]
    fn bad_addresses_are_reasons() {
        let from = sender(None, "Ekebo kommun", "uppfoljning@ekebo.se").unwrap();
        let mut l = letter();
        l.email = String::new();
        assert_eq!(
            build(&l, &from, Timestamp::from_unix(0), true).unwrap_err(),
            "ingen e-postadress i styr.toml"
        );
        l.email = "inte en adress".into();
        assert!(build(&l, &from, Timestamp::from_unix(0), true).is_err());
        assert!(sender(None, "Ekebo", "").is_err());
        assert!(sender(Some("Ekebo <x@y.se>"), "Ekebo", "").is_ok());
    }
}
