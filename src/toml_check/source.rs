//! Text sources and positions: turns byte offsets from the TOML parser into `file:line:col`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};
use crate::tx;

/// A text file read into memory, named as the user should see it.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: PathBuf,
    pub text: String,
    /// Byte offset of the start of each line: a position is a binary search, not a scan from
    /// the top (a catalogue locates every entry it reads).
    line_starts: Vec<usize>,
}

impl Source {
    pub fn new(name: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            name: name.into(),
            text,
            line_starts,
        }
    }

    pub fn name(&self) -> &Path {
        &self.name
    }

    /// The location of a byte offset: 1-based line and column (columns count characters).
    pub fn at(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line.saturating_sub(1)];
        let col = self
            .text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        Location::Text {
            file: self.name.clone(),
            line,
            col,
        }
    }

    pub fn span(&self, span: &Range<usize>) -> Location {
        self.at(span.start)
    }

    /// Parses the whole file as TOML into `T`, turning a syntax or shape error into a diagnostic
    /// at its line and column.
    ///
    /// # Errors
    /// One [`Diagnostic`] (code `C001`) naming the position and the parser's message.
    pub fn parse_toml<T: serde::de::DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        toml::from_str(&self.text).map_err(|e| {
            let loc = e
                .span()
                .map_or_else(|| Location::File(self.name.clone()), |s| self.span(&s));
            serde_diagnostic(loc, e.message().trim())
        })
    }

    /// Parses the whole file as TOML into `T`; when it does not fit, every finding against
    /// `schema` (the JSON Schema of `T`) at once, in plain words (`toml_check::shape`).
    ///
    /// # Errors
    /// Every shape finding, or the syntax error.
    pub fn parse_toml_checked<T: serde::de::DeserializeOwned>(
        &self,
        schema: &serde_json::Value,
    ) -> Result<T, Vec<Diagnostic>> {
        self.parse_toml().map_err(|first| {
            let all = crate::toml_check::shape::check_source(self, schema);
            if all.is_empty() { vec![first] } else { all }
        })
    }
}

/// `C001` for what serde says about a file that does not fit its type, in the language of the
/// run: the parser's own (English) words are kept as detail, the names it quotes in the message.
fn serde_diagnostic(loc: Location, msg: &str) -> Diagnostic {
    let first = msg.lines().next().unwrap_or_default();
    // `unknown field `x`, expected one of `a`, `b``: the names between backticks.
    let quoted: Vec<&str> = first.split('`').skip(1).step_by(2).collect();
    let d = if let Some(rest) = first.strip_prefix("unknown field ") {
        let key = quoted.first().copied().unwrap_or(rest);
        let known: Vec<&str> = quoted.iter().skip(1).copied().collect();
        let d = Diagnostic::error("C001", loc, tx!("config-unknown-key-here", "key" => key));
        match crate::diag::closest(key, known.iter().copied()) {
            Some(c) => d.hint(tx!("config-did-you-mean-keys", "keys" => format!("`{c}`"))),
            None => d.hint(tx!("config-unknown-key-hint")),
        }
    } else if let Some(rest) = first.strip_prefix("missing field ") {
        let key = quoted.first().copied().unwrap_or(rest);
        Diagnostic::error("C001", loc, tx!("config-missing-key-here", "key" => key))
            .hint(tx!("config-missing-key-hint"))
    } else if let Some(rest) = first.strip_prefix("unknown variant ") {
        let value = quoted.first().copied().unwrap_or(rest);
        let known: Vec<String> = quoted.iter().skip(1).map(|v| format!("\"{v}\"")).collect();
        Diagnostic::error("C001", loc, tx!("config-unknown-value", "value" => value))
            .hint(tx!("config-write-one-of", "list" => known.join(", ")))
    } else if first.contains("invalid type") {
        Diagnostic::error("C001", loc, tx!("config-invalid-type"))
            .hint(tx!("config-invalid-type-hint"))
    } else {
        Diagnostic::error("C001", loc, tx!("config-unreadable")).hint(tx!("config-syntax-hint"))
    };
    d.detail(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let s = Source::new("a.toml", "x = 1\nnamn = \"å\" y\n");
        let off = s.text.find('y').unwrap();
        assert_eq!(s.at(off).to_string(), "a.toml:2:12");
        assert_eq!(s.at(0).to_string(), "a.toml:1:1");
    }

    /// The line index agrees with counting from the top, at every offset, also at line ends,
    /// the end of the text and beyond it.
    #[test]
    fn positions_agree_with_counting_from_the_top() {
        let text = "a\n\nåäö = 2\r\n  [x]\nsista";
        let s = Source::new("b.toml", text);
        for offset in (0..=text.len() + 2).filter(|o| text.is_char_boundary((*o).min(text.len()))) {
            let before = &text[..offset.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let col = before[start..].chars().count() + 1;
            assert_eq!(
                s.at(offset).to_string(),
                format!("b.toml:{line}:{col}"),
                "{offset}"
            );
        }
    }

    #[test]
    fn toml_errors_point_at_the_line() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            a: u32,
        }
        let s = Source::new("a.toml", "a = 1\nb = 2\n");
        let d = s.parse_toml::<T>().unwrap_err();
        assert_eq!(d.location.to_string(), "a.toml:2:1");
        assert!(d.message.contains("`b`"), "{}", d.message);
        assert!(d.detail.as_deref().unwrap_or("").contains("unknown field"));
        assert!(!d.hints.is_empty());
    }
}
