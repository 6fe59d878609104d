//! Text sources and positions: turns byte offsets from the TOML parser into `file:line:col`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};

/// A text file read into memory, named as the user should see it.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: PathBuf,
    pub text: String,
}

impl Source {
    pub fn new(name: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }

    pub fn name(&self) -> &Path {
        &self.name
    }

    /// The location of a byte offset: 1-based line and column (columns count characters).
    pub fn at(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or(&self.text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
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
            let hint = toml_hint(&msg);
            let d = Diagnostic::error("C001", loc, msg);
            match hint {
                Some(h) => d.hint(h),
                None => d,
            }
        })
    }
}

fn toml_hint(msg: &str) -> Option<String> {
    if msg.starts_with("unknown field") {
        Some(
            "remove the key or check its spelling against the README's description of the file"
                .into(),
        )
    } else if msg.starts_with("missing field") {
        Some("every entry of this table needs that key".into())
    } else if msg.starts_with("unknown variant") {
        Some("use one of the values listed above".into())
    } else if msg.contains("invalid type") {
        Some("check the quotes: text is written \"in quotes\", numbers and dates without".into())
    } else {
        Some("TOML is written key = \"text\", key = 12.5, key = 2026-05-08 or key = [\"a\", \"b\"], one per line".into())
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
