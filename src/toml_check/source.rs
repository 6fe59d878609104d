//! Text sources and positions: turns byte offsets from the TOML parser into `file:line:col`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};

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
            let msg = e.message().trim().to_string();
            Diagnostic::error("C001", loc, format!("filen går inte att läsa här: {msg}"))
                .hint(toml_hint(&msg))
        })
    }

    /// Parses the whole file as TOML into `T`; when it does not fit, every finding against
    /// `schema` (the JSON Schema of `T`) at once, in plain Swedish (`workspace::shape`).
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

fn toml_hint(msg: &str) -> &'static str {
    if msg.starts_with("unknown field") {
        "ta bort nyckeln eller rätta stavningen; README beskriver filens nycklar"
    } else if msg.starts_with("missing field") {
        "varje post i tabellen behöver den nyckeln"
    } else if msg.starts_with("unknown variant") {
        "skriv ett av värdena som räknas upp ovan"
    } else if msg.contains("invalid type") {
        "kontrollera citattecknen: text skrivs \"inom citattecken\", tal och datum utan"
    } else {
        "TOML skrivs nyckel = \"text\", nyckel = 12.5, nyckel = 2026-05-08 eller nyckel = [\"a\", \"b\"], en per rad"
    }
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
        assert!(d.message.contains("unknown field"), "{}", d.message);
        assert!(!d.hints.is_empty());
    }
}
