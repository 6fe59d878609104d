//! Some columns of a large CSV export, row by row, through polars' lazy CSV reader: the text
//! (already UTF-8) is handed over in memory, every column read as text, only the columns asked
//! for are materialised.
//!
//! A row's line number is the header's line plus its position, which holds when every record
//! is one line. When the count of lines says otherwise (a quoted field with a line break, blank
//! lines), the file is read again record by record with the `csv` crate, which knows each
//! record's line: a line number in a message or in the store is never a guess.

use polars::prelude::*;

/// Why the rows could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CsvError(pub String);

/// The text of a CSV file, UTF-8, shared with polars without a copy.
#[derive(Clone)]
pub struct CsvText(polars_buffer::Buffer<u8>);

impl CsvText {
    pub fn new(text: String) -> Self {
        Self(polars_buffer::Buffer::from(text.into_bytes()))
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_slice()
    }

    /// The column names of line `header_row` (1-based), split as CSV.
    pub fn header(&self, delimiter: u8, header_row: usize) -> Option<Vec<String>> {
        let mut r = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(self.bytes());
        let mut rec = csv::ByteRecord::new();
        let mut lines = LineCounter::new(self.bytes());
        loop {
            match r.read_byte_record(&mut rec) {
                Ok(true) => {
                    let line = lines.at(rec.position());
                    if line == header_row {
                        return Some(
                            rec.iter()
                                .map(|s| String::from_utf8_lossy(s).trim().to_string())
                                .collect(),
                        );
                    }
                    if line > header_row {
                        return None;
                    }
                }
                _ => return None,
            }
        }
    }

    /// The text of some lines (1-based, without the line break), for messages.
    pub fn lines(&self, wanted: &[usize]) -> std::collections::HashMap<usize, String> {
        let mut out = std::collections::HashMap::new();
        let bytes = self.bytes();
        let mut start = 0;
        let mut line = 1;
        let mut want: Vec<usize> = wanted.to_vec();
        want.sort_unstable();
        want.dedup();
        let mut next = want.into_iter().peekable();
        while let Some(&w) = next.peek() {
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
            if line == w {
                let text = String::from_utf8_lossy(&bytes[start..end]);
                out.insert(w, text.trim_end_matches('\r').to_string());
                next.next();
            }
            if end >= bytes.len() {
                break;
            }
            start = end + 1;
            line += 1;
        }
        out
    }
}

/// The line a record starts on, from its byte offset (the `csv` crate's own line count leaves
/// out blank lines). Records come in order, so the newlines are counted once.
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        Self {
            text,
            at: 0,
            line: 1,
        }
    }

    fn at(&mut self, pos: Option<&csv::Position>) -> usize {
        let byte = pos
            .map_or(self.at, |p| usize::try_from(p.byte()).unwrap_or(self.at))
            .min(self.text.len());
        // The record's position is where reading it began: before any blank lines skipped.
        let byte = byte
            + self.text[byte..]
                .iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .count();
        if byte > self.at {
            self.line += memchr::memchr_iter(b'\n', &self.text[self.at..byte]).count();
            self.at = byte;
        }
        self.line
    }
}

fn lines_of(text: &[u8]) -> usize {
    let n = memchr::memchr_iter(b'\n', text).count();
    if text.is_empty() || text.ends_with(b"\n") {
        n
    } else {
        n + 1
    }
}

/// Calls `f(line, cells)` for every record after line `header_row`, with the cells of the
/// columns `cols` (0-based positions; a missing cell is `None`).
///
/// # Errors
/// [`CsvError`] when polars or the `csv` crate cannot read the text.
pub fn for_each_row(
    text: &CsvText,
    delimiter: u8,
    header_row: usize,
    cols: &[usize],
    mut f: impl FnMut(usize, &[Option<&str>]),
) -> Result<(), CsvError> {
    let width = cols.iter().max().map_or(0, |m| m + 1);
    let buffer = text.0.clone();
    let names: Vec<PlSmallStr> = (0..width)
        .map(|i| PlSmallStr::from(format!("c{i}")))
        .collect();
    let schema: Schema = names
        .iter()
        .map(|n| Field::new(n.clone(), DataType::String))
        .collect();
    let lf = LazyCsvReader::new_with_sources(ScanSources::Buffers([buffer].into()))
        .with_has_header(false)
        .with_skip_rows(header_row)
        .with_separator(delimiter)
        .with_schema(Some(Arc::new(schema)))
        .with_truncate_ragged_lines(true)
        .with_quote_char(Some(b'"'))
        .finish()
        .map_err(|e| CsvError(e.to_string()))?;
    let picked: Vec<Expr> = cols.iter().map(|c| col(names[*c].clone())).collect();
    let df = lf
        .select(picked)
        .collect()
        .map_err(|e| CsvError(e.to_string()))?;
    if df.height() + header_row == lines_of(text.bytes()) {
        let columns: Vec<&StringChunked> = df
            .columns()
            .iter()
            .map(|c| c.str())
            .collect::<PolarsResult<_>>()
            .map_err(|e| CsvError(e.to_string()))?;
        let mut iters: Vec<_> = columns.iter().map(|c| c.iter()).collect();
        let mut cells: Vec<Option<&str>> = vec![None; cols.len()];
        for i in 0..df.height() {
            for (cell, it) in cells.iter_mut().zip(iters.iter_mut()) {
                *cell = it.next().flatten();
            }
            f(header_row + 1 + i, &cells);
        }
        return Ok(());
    }
    drop(df);
    let text = std::str::from_utf8(text.bytes()).map_err(|e| CsvError(e.to_string()))?;
    record_by_record(text, delimiter, header_row, cols, f)
}

fn record_by_record(
    text: &str,
    delimiter: u8,
    header_row: usize,
    cols: &[usize],
    mut f: impl FnMut(usize, &[Option<&str>]),
) -> Result<(), CsvError> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rec = csv::StringRecord::new();
    let mut lines = LineCounter::new(text.as_bytes());
    loop {
        match r.read_record(&mut rec) {
            Ok(true) => {
                let line = lines.at(rec.position());
                if line <= header_row {
                    continue;
                }
                let cells: Vec<Option<&str>> = cols
                    .iter()
                    .map(|c| rec.get(*c).filter(|s| !s.is_empty()))
                    .collect();
                f(line, &cells);
            }
            Ok(false) => return Ok(()),
            Err(e) => return Err(CsvError(e.to_string())),
        }
    }
}

/// The character column (1-based) where field `field` (0-based) of a line starts.
pub fn column_of_field(line: &str, delimiter: u8, field: usize) -> usize {
    let d = char::from(delimiter);
    let mut n = 0;
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        if n == field {
            return i + 1;
        }
        match c {
            '"' => quoted = !quoted,
            c if c == d && !quoted => n += 1,
            _ => {}
        }
    }
    line.chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Vec<Option<String>>)> {
        let mut out = Vec::new();
        for_each_row(&CsvText::new(text.into()), b';', 1, &[2, 0], |l, c| {
            out.push((l, c.iter().map(|x| x.map(str::to_string)).collect()));
        })
        .unwrap();
        out
    }

    #[test]
    fn rows_keep_their_lines_also_when_a_record_spans_lines() {
        let plain = "a;b;c\n1;x;10,5\n2;y;\n3;z;7\n";
        let want = vec![
            (2, vec![Some("10,5".into()), Some("1".into())]),
            (3, vec![None, Some("2".into())]),
            (4, vec![Some("7".into()), Some("3".into())]),
        ];
        assert_eq!(rows(plain), want);
        let spanning = "a;b;c\n1;\"x\ny\";10,5\n2;y;\n\n3;z;7";
        assert_eq!(
            rows(spanning),
            vec![
                (2, vec![Some("10,5".into()), Some("1".into())]),
                (4, vec![None, Some("2".into())]),
                (6, vec![Some("7".into()), Some("3".into())]),
            ]
        );
    }

    #[test]
    fn header_and_field_columns() {
        let t = CsvText::new("Rapport\nPeriod;Ansvar;Belopp\n202601;1;2\r\n3".into());
        assert_eq!(
            t.lines(&[3, 1, 4, 9]).get(&3).map(String::as_str),
            Some("202601;1;2")
        );
        assert_eq!(t.lines(&[4]).get(&4).map(String::as_str), Some("3"));
        assert_eq!(
            t.header(b';', 2),
            Some(vec!["Period".into(), "Ansvar".into(), "Belopp".into()])
        );
        assert_eq!(column_of_field("202601;\"å;ä\";12,5", b';', 2), 14);
        assert_eq!(column_of_field("202601;1", b';', 0), 1);
    }
}
