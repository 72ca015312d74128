//! An agency's detail as the database stores it: its innovations and
//! findings, their texts once each.
//!
//! Schema 2 writes it in a compact binary form (a tag byte, then
//! variable-length integers and the texts); schema 1 wrote compact JSON,
//! which is still read, so a database recorded by an older bimtek compares
//! with the next run as it did.

use std::borrow::Cow;

/// The first byte of the binary form (compact JSON starts with `{`).
const BINARY: u8 = 1;

/// What one agency had in one run, stored as one value: its innovations
/// and findings, their texts once each in `strings`. One row per agency,
/// not one per innovation and finding: a run of 10k innovations is
/// recorded in a few milliseconds and under a megabyte.
#[derive(Debug, Default, PartialEq, serde::Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(super) struct Detail<'a> {
    /// Borrowed from the outcome when written, and from the stored bytes
    /// when read back (owned only from JSON text with escapes).
    #[serde(rename = "s", borrow)]
    pub(super) strings: Vec<Cow<'a, str>>,
    #[serde(rename = "i")]
    pub(super) innovations: Vec<InnovationRow>,
    #[serde(rename = "f")]
    pub(super) findings: Vec<FindingRow>,
}

/// (place in the check, name key, name, status, errors, warnings, claimed,
/// verified): texts as indices into [`Detail::strings`], scores in
/// hundredths.
pub(super) type InnovationRow = (u32, u32, u32, i64, u32, u32, Option<i64>, Option<i64>);

/// (place in the check, its innovation's place, code, severity, field,
/// file, sheet, row, column, indicator).
pub(super) type FindingRow = (
    u32,
    Option<u32>,
    u32,
    i64,
    Option<u32>,
    u32,
    Option<u32>,
    Option<u32>,
    Option<u32>,
    Option<u32>,
);

impl<'a> Detail<'a> {
    /// The binary form. Places ascend within an agency, so each is written
    /// as its distance from the one before (mostly one byte).
    #[cfg(test)]
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode_into(&mut out);
        out
    }

    /// The binary form into `out`, which is emptied first (one buffer
    /// serves every agency of a run).
    pub(super) fn encode_into(&self, out: &mut Vec<u8>) {
        out.clear();
        let texts: usize = self.strings.iter().map(|s| s.len() + 2).sum();
        out.reserve(8 + texts + 12 * self.innovations.len() + 14 * self.findings.len());
        let out = &mut *out;
        out.push(BINARY);
        put(out, self.strings.len() as u64);
        for s in &self.strings {
            put(out, s.len() as u64);
            out.extend_from_slice(s.as_bytes());
        }
        put(out, self.innovations.len() as u64);
        let mut place = 0u32;
        for &(n, key, name, status, errors, warnings, claimed, verified) in &self.innovations {
            put(out, u64::from(n.wrapping_sub(place)));
            place = n;
            put(out, u64::from(key));
            put(out, u64::from(name));
            put(out, status as u64);
            put(out, u64::from(errors));
            put(out, u64::from(warnings));
            put(out, signed(claimed));
            put(out, signed(verified));
        }
        put(out, self.findings.len() as u64);
        let mut place = 0u32;
        for &(n, inn, code, severity, field, file, sheet, row, col, indicator) in &self.findings {
            put(out, u64::from(n.wrapping_sub(place)));
            place = n;
            put(out, maybe(inn));
            put(out, u64::from(code));
            put(out, severity as u64);
            put(out, maybe(field));
            put(out, u64::from(file));
            put(out, maybe(sheet));
            put(out, maybe(row));
            put(out, maybe(col));
            put(out, maybe(indicator));
        }
    }

    /// A stored detail, in either form; its texts borrowed from `bytes`.
    /// `Err` says what is wrong with it.
    pub(super) fn decode(bytes: &'a [u8]) -> Result<Detail<'a>, String> {
        match bytes.first() {
            Some(&BINARY) => Reader { bytes, at: 1 }.detail(),
            _ => serde_json::from_slice(bytes).map_err(|e| e.to_string()),
        }
    }
}

/// Writes `v` as a LEB128 variable-length integer.
fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// `None` as 0, `Some(v)` as v + 1.
fn maybe(v: Option<u32>) -> u64 {
    v.map_or(0, |v| u64::from(v) + 1)
}

/// `None` as 0, `Some(v)` zigzagged, plus one.
fn signed(v: Option<i64>) -> u64 {
    v.map_or(0, |v| (((v << 1) ^ (v >> 63)) as u64) + 1)
}

/// Reads the binary form, checking every length against the bytes left.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn detail(mut self) -> Result<Detail<'a>, String> {
        let n = self.count()?;
        let mut strings = Vec::with_capacity(n);
        for _ in 0..n {
            let len = self.count()?;
            let end = self
                .at
                .checked_add(len)
                .filter(|&e| e <= self.bytes.len())
                .ok_or("a text runs past the end")?;
            let text = std::str::from_utf8(&self.bytes[self.at..end])
                .map_err(|_| "a text is not UTF-8".to_string())?;
            strings.push(Cow::Borrowed(text));
            self.at = end;
        }
        let n = self.count()?;
        let mut innovations = Vec::with_capacity(n);
        let mut place = 0u32;
        for _ in 0..n {
            place = place.wrapping_add(self.u32()?);
            innovations.push((
                place,
                self.u32()?,
                self.u32()?,
                self.u32()? as i64,
                self.u32()?,
                self.u32()?,
                self.signed()?,
                self.signed()?,
            ));
        }
        let n = self.count()?;
        let mut findings = Vec::with_capacity(n);
        let mut place = 0u32;
        for _ in 0..n {
            place = place.wrapping_add(self.u32()?);
            findings.push((
                place,
                self.maybe()?,
                self.u32()?,
                self.u32()? as i64,
                self.maybe()?,
                self.u32()?,
                self.maybe()?,
                self.maybe()?,
                self.maybe()?,
                self.maybe()?,
            ));
        }
        if self.at != self.bytes.len() {
            return Err("bytes left after the findings".into());
        }
        Ok(Detail {
            strings,
            innovations,
            findings,
        })
    }

    fn get(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at).ok_or("cut short")?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err("a number too long".into())
    }

    fn u32(&mut self) -> Result<u32, String> {
        u32::try_from(self.get()?).map_err(|_| "a number out of range".to_string())
    }

    /// A count of things each at least a byte long: never more than the
    /// bytes left (a damaged count allocates nothing big).
    fn count(&mut self) -> Result<usize, String> {
        let n = self.get()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.bytes.len() - self.at)
            .ok_or_else(|| "a count larger than the bytes left".to_string())
    }

    fn maybe(&mut self) -> Result<Option<u32>, String> {
        match self.get()? {
            0 => Ok(None),
            v => u32::try_from(v - 1)
                .map(Some)
                .map_err(|_| "a number out of range".to_string()),
        }
    }

    fn signed(&mut self) -> Result<Option<i64>, String> {
        match self.get()? {
            0 => Ok(None),
            v => {
                let z = v - 1;
                Ok(Some(((z >> 1) as i64) ^ -((z & 1) as i64)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Detail<'static> {
        Detail {
            strings: [
                "si cepat", "Si Cepat", "R002", "tahapan", "a.xlsx", "Inovasi", "ü",
            ]
            .into_iter()
            .map(Cow::Borrowed)
            .collect(),
            innovations: vec![
                (3, 0, 1, 2, 1, 0, Some(1250), Some(-7)),
                (9, 6, 6, 0, 0, 0, None, None),
            ],
            findings: vec![
                (
                    4,
                    Some(3),
                    2,
                    2,
                    Some(3),
                    4,
                    Some(5),
                    Some(12),
                    Some(2),
                    None,
                ),
                (7, None, 2, 1, None, 4, None, None, None, Some(u32::MAX - 1)),
            ],
        }
    }

    #[test]
    fn the_binary_form_reads_back_as_written_and_json_is_still_read() {
        let d = sample();
        let bytes = d.encode();
        assert_eq!(bytes[0], BINARY);
        assert_eq!(Detail::decode(&bytes).unwrap(), d);
        // What schema 1 stored.
        let json = serde_json::to_vec(&d).unwrap();
        assert_eq!(json[0], b'{');
        assert_eq!(Detail::decode(&json).unwrap(), d);
        assert_eq!(Detail::decode(b"{}").ok(), None);
    }

    #[test]
    fn a_damaged_detail_is_an_error_not_a_panic() {
        let bytes = sample().encode();
        for cut in 1..bytes.len() {
            assert!(Detail::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Detail::decode(&longer).is_err());
        // A count of four billion texts in a few bytes.
        assert!(Detail::decode(&[BINARY, 0xff, 0xff, 0xff, 0xff, 0x0f]).is_err());
        assert!(Detail::decode(&[BINARY, 1, 2, 0xff, 0xfe, 0, 0]).is_err());
    }
}
