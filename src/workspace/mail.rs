//! The e-mail settings of `styr.toml` (`[sending]`, `[sending.mail]`, `[sending.smtp]`): the
//! texts sent to units, with placeholders (Swedish by default; the defaults follow the
//! surface's language), and the SMTP server. No I/O.

use std::collections::BTreeMap;

/// The placeholders a mail text may use, and what each stands for.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("enhet", "the recipient's name (unit or förvaltning)"),
    ("chef", "the recipient's chef"),
    ("period", "the period in words, e.g. \"tertial 1 2026\""),
    ("deadline", "the deadline from the årshjul, e.g. 2026-05-11"),
    ("contact", "where returns go: [sending] contact"),
    ("form", "the form's title, e.g. \"Uppföljning\""),
    ("kommun", "the municipality's name"),
];

/// A text with `{placeholder}`s, checked when the workspace is loaded. `{{` and `}}` stand for
/// literal braces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailTemplate {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Field(&'static str),
}

impl MailTemplate {
    /// The empty text.
    pub const fn empty() -> Self {
        Self { parts: Vec::new() }
    }

    /// Parses `s`.
    ///
    /// # Errors
    /// A message naming an unknown placeholder or an unmatched brace.
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    let mut closed = false;
                    for c in chars.by_ref() {
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        name.push(c);
                    }
                    if !closed {
                        return Err("a '{' without its '}'".into());
                    }
                    let key = name.trim();
                    let Some((k, _)) = PLACEHOLDERS.iter().find(|(k, _)| *k == key) else {
                        return Err(format!("unknown placeholder {{{key}}}"));
                    };
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(Part::Field(k));
                }
                '}' => return Err("a '}' without its '{' (write '}}' for a brace)".into()),
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(Self { parts })
    }

    /// The text with each placeholder replaced by its value in `values` (empty when absent).
    pub fn render(&self, values: &BTreeMap<&str, String>) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Field(k) => out.push_str(values.get(k).map_or("", String::as_str)),
            }
        }
        out
    }
}

/// The subject and body of one kind of message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailText {
    pub subject: MailTemplate,
    pub body: MailTemplate,
}

/// The texts of `[sending.mail]`: the send-out and the reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailTexts {
    pub send: MailText,
    pub remind: MailText,
}

/// The default texts, used for what `[sending.mail]` leaves out.
pub const DEFAULT_SUBJECT: &str = "{form} {period}: {enhet}";
pub const DEFAULT_BODY: &str = "Hej {chef},

Här kommer underlaget för {form}, {period}, för {enhet}. Fyll i den bifogade arbetsboken och \
skicka tillbaka den som bifogad fil till {contact} senast {deadline}.

Byt inte namn på filen och ändra inte bladens struktur: arbetsboken läses in automatiskt.

Med vänliga hälsningar
{kommun}
";
pub const DEFAULT_REMIND_SUBJECT: &str = "Påminnelse: {form} {period}: {enhet}";
pub const DEFAULT_REMIND_BODY: &str = "Hej {chef},

Vi saknar fortfarande en godkänd arbetsbok för {form}, {period}, från {enhet}. Sista dag var \
{deadline}. Arbetsboken är bifogad igen; om den inkomna hade fel är de markerade i den bifogade \
rättelsen. Skicka den ifyllda arbetsboken till {contact} så snart som möjligt.

Med vänliga hälsningar
{kommun}
";

/// The default texts with their keys in the `workbooks` catalogue (its placeholders are Fluent
/// variables there: `{ $chef }` stands for `{chef}`).
const DEFAULTS: [(&str, &str); 4] = [
    (DEFAULT_SUBJECT, "mail-subject"),
    (DEFAULT_BODY, "mail-body"),
    (DEFAULT_REMIND_SUBJECT, "mail-remind-subject"),
    (DEFAULT_REMIND_BODY, "mail-remind-body"),
];

/// A default text (`DEFAULT_BODY` …) as the catalogue of `lang` has it, placeholders and all.
fn default_text(lang: crate::i18n::Lang, sv: &str, key: &str) -> String {
    let args: Vec<(&str, crate::i18n::Arg)> = PLACEHOLDERS
        .iter()
        .map(|(k, _)| (*k, crate::i18n::Arg::from(format!("{{{k}}}"))))
        .collect();
    let text = crate::i18n::tr(lang, key, &args);
    // Fluent drops a pattern's last newline; the defaults end their body with one.
    if sv.ends_with('\n') && !text.ends_with('\n') {
        text + "\n"
    } else {
        text
    }
}

/// `t` as the units read it: a text left at styr's default (`[sending.mail]` does not set it)
/// in the surface's language; a text the kommun wrote, as it is.
pub fn in_surface_language(t: &MailTemplate) -> MailTemplate {
    for (sv, key) in DEFAULTS {
        if MailTemplate::parse(sv).as_ref() == Ok(t) {
            let text = default_text(crate::i18n::current(), sv, key);
            return MailTemplate::parse(&text).unwrap_or_else(|_| t.clone());
        }
    }
    t.clone()
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (port 587); refused if the server cannot.
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: allowed only to localhost.
    None,
}

impl Security {
    pub fn key(self) -> &'static str {
        match self {
            Security::Starttls => "starttls",
            Security::Tls => "tls",
            Security::None => "none",
        }
    }
}

/// `[sending.smtp]`: where `--smtp` submits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The login; none: no authentication.
    pub user: Option<String>,
    /// The environment variable holding the password (never a file).
    pub password_env: String,
    /// Seconds to wait for the server at each step.
    pub timeout_seconds: u64,
}

/// The default port of each kind of security.
pub fn default_port(security: Security) -> u16 {
    match security {
        Security::Starttls => 587,
        Security::Tls => 465,
        Security::None => 25,
    }
}

/// Whether `host` is this machine, the only place an unencrypted connection may go.
pub fn is_localhost(host: &str) -> bool {
    let h = host.trim().trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost")
        || h.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders_and_braces() {
        let t = MailTemplate::parse("Hej {chef}! {{x}} senast { deadline }.").unwrap();
        let mut v = BTreeMap::new();
        v.insert("chef", "Åsa Öberg".to_string());
        v.insert("deadline", "2026-05-11".to_string());
        assert_eq!(t.render(&v), "Hej Åsa Öberg! {x} senast 2026-05-11.");
    }

    #[test]
    fn refuses_unknown_and_unbalanced() {
        assert_eq!(
            MailTemplate::parse("Hej {cheff}").unwrap_err(),
            "unknown placeholder {cheff}"
        );
        assert!(MailTemplate::parse("Hej {chef").is_err());
        assert!(MailTemplate::parse("Hej chef}").is_err());
    }

    #[test]
    fn default_texts_parse() {
        for t in [
            DEFAULT_SUBJECT,
            DEFAULT_BODY,
            DEFAULT_REMIND_SUBJECT,
            DEFAULT_REMIND_BODY,
        ] {
            MailTemplate::parse(t).unwrap();
        }
    }

    /// The catalogue's Swedish defaults are the defaults; the English ones have the same
    /// placeholders and parse.
    #[test]
    fn the_catalogue_holds_the_default_texts() {
        use crate::i18n::Lang;
        for (sv, key) in DEFAULTS {
            assert_eq!(default_text(Lang::Sv, sv, key), sv, "{key}");
            let en = default_text(Lang::En, sv, key);
            if key != "mail-subject" {
                assert_ne!(en, sv, "{key}");
            }
            let fields = |t: &str| {
                let mut f: Vec<String> = PLACEHOLDERS
                    .iter()
                    .filter(|(k, _)| t.contains(&format!("{{{k}}}")))
                    .map(|(k, _)| (*k).to_string())
                    .collect();
                f.sort();
                f
            };
            assert_eq!(fields(&en), fields(sv), "{key}");
            MailTemplate::parse(&en).unwrap();
        }
        // A text the kommun wrote stays as it is.
        let own = MailTemplate::parse("Hej {chef}").unwrap();
        assert_eq!(in_surface_language(&own), own);
    }

    #[test]
    fn localhost_only() {
        for h in ["localhost", "127.0.0.1", "::1", "[::1]", "LOCALHOST"] {
            assert!(is_localhost(h), "{h}");
        }
        for h in ["smtp.ekebo.se", "10.0.0.1", "localhost.ekebo.se"] {
            assert!(!is_localhost(h), "{h}");
        }
    }
}
