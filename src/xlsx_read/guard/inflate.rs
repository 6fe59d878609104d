//! One zip entry's data, checked and inflated by the pre-flight: the entry's bytes are taken
//! from the file in memory (no copy), inflated by one decompressor reused for every entry of
//! a file (a fresh one per entry costs more than inflating a small part), and its CRC-32 is
//! compared with the one the zip declares.

use flate2::{Decompress, FlushDecompress, Status};

use crate::tx;

/// A reusable inflater for the entries of one file.
pub(crate) struct Inflater {
    deflate: Decompress,
}

impl Inflater {
    pub(crate) fn new() -> Self {
        Self {
            deflate: Decompress::new(false),
        }
    }

    /// The data of an entry, checked: `raw` as stored in the file (`deflated` or stored),
    /// inflated into `out` (cleared first), at most `cap` bytes, its CRC-32 compared with
    /// `crc`. `size` (what the zip declares) only sizes the buffer; the declared size may
    /// lie, the cap may not.
    ///
    /// # Errors
    /// A one-line reason: a damaged or cut deflate stream, more data than `cap`, or a CRC
    /// that does not match.
    pub(crate) fn entry(
        &mut self,
        raw: &[u8],
        deflated: bool,
        size: u64,
        cap: u64,
        crc: u32,
        out: &mut Vec<u8>,
    ) -> Result<(), String> {
        out.clear();
        let cap = usize::try_from(cap).unwrap_or(usize::MAX);
        if deflated {
            let hint = usize::try_from(size).unwrap_or(usize::MAX).min(cap);
            self.inflate(raw, hint, cap, out)?;
        } else {
            if raw.len() > cap {
                return Err(too_large(cap));
            }
            out.extend_from_slice(raw);
        }
        if crc32fast::hash(out) == crc {
            Ok(())
        } else {
            Err(tx!("R032-crc"))
        }
    }

    fn inflate(
        &mut self,
        raw: &[u8],
        hint: usize,
        cap: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), String> {
        let d = &mut self.deflate;
        d.reset(false);
        // One byte more than declared, so that a stream ending exactly at its size says so
        // without a second round.
        out.reserve_exact(hint.saturating_add(1).min(cap.saturating_add(1)));
        loop {
            if out.len() > cap {
                return Err(too_large(cap));
            }
            if out.len() == out.capacity() {
                let more = out.len().clamp(4096, 1 << 20);
                out.reserve_exact(more.min(cap.saturating_add(1) - out.len()).max(1));
            }
            let consumed = usize::try_from(d.total_in()).unwrap_or(usize::MAX);
            let input = raw.get(consumed..).unwrap_or_default();
            let (before_in, before_out) = (d.total_in(), d.total_out());
            let status = d
                .decompress_vec(input, out, FlushDecompress::None)
                .map_err(|_| tx!("R032-damaged"))?;
            match status {
                Status::StreamEnd => {
                    return if out.len() > cap {
                        Err(too_large(cap))
                    } else {
                        Ok(())
                    };
                }
                Status::Ok | Status::BufError => {
                    let stuck = d.total_in() == before_in && d.total_out() == before_out;
                    if stuck && out.len() < out.capacity() {
                        return Err(tx!("R032-cut"));
                    }
                }
            }
        }
    }
}

fn too_large(cap: usize) -> String {
    tx!("R032-too-large", "limit" => super::human_size(cap as u64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn inflates_checks_and_reuses() {
        let mut inf = Inflater::new();
        let mut out = Vec::new();
        for data in [&b""[..], b"a", &[7u8; 100_000], b"<x>tv\xc3\xa5</x>"] {
            let raw = deflate(data);
            let crc = crc32fast::hash(data);
            // Right, declared too small, declared too large: the data decides.
            for size in [data.len() as u64, 0, data.len() as u64 * 3 + 9] {
                inf.entry(&raw, true, size, 1 << 20, crc, &mut out).unwrap();
                assert_eq!(out, data);
            }
            inf.entry(data, false, 0, 1 << 20, crc, &mut out).unwrap();
            assert_eq!(out, data);
            assert_eq!(
                inf.entry(&raw, true, 1, 1 << 20, crc ^ 1, &mut out),
                Err(tx!("R032-crc"))
            );
        }
    }

    #[test]
    fn refuses_cut_damaged_and_oversized_streams() {
        let mut inf = Inflater::new();
        let mut out = Vec::new();
        let data = (0..50_000u32)
            .flat_map(|i| i.to_le_bytes())
            .collect::<Vec<u8>>();
        let raw = deflate(&data);
        let crc = crc32fast::hash(&data);
        let cut = &raw[..raw.len() / 2];
        assert!(
            inf.entry(cut, true, 200_000, 1 << 20, crc, &mut out)
                .is_err()
        );
        let mut bad = raw.clone();
        bad[0] = 0xff;
        assert!(
            inf.entry(&bad, true, 200_000, 1 << 20, crc, &mut out)
                .is_err()
        );
        // A declared size that lies does not lift the cap.
        let err = inf.entry(&raw, true, 10, 1000, crc, &mut out).unwrap_err();
        assert_eq!(
            err,
            tx!("R032-too-large", "limit" => super::super::human_size(1000))
        );
        // ... nor is more than the cap inflated into a fresh buffer.
        let mut fresh = Vec::new();
        inf.entry(&raw, true, 10, 1000, crc, &mut fresh)
            .unwrap_err();
        assert!(fresh.len() <= 1001, "{}", fresh.len());
        // Exactly at the cap is fine.
        inf.entry(&raw, true, 0, data.len() as u64, crc, &mut out)
            .unwrap();
        assert_eq!(out, data);
    }
}
