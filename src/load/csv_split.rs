//! CSV records split the way the csv crate splits them (its defaults: `"`
//! quotes, a doubled quote inside quotes is one quote, `\r`, `\n` and
//! `\r\n` end a record, blank lines are skipped, a UTF-8 BOM at the very
//! start is dropped, and no input is ever an error), but with each field's
//! end found by `memchr` rather than byte by byte. The csv crate's state
//! machine reads one byte per step; rancang bangun texts are hundreds of
//! words inside quotes, and it was the largest part of reading a big csv
//! (100k innovations: 0.31 s of the reading thread's 0.69 s). The csv crate
//! stays the oracle: a property test compares every record, field and
//! position.

use std::io::{self, Read};

/// Bytes asked of the input at a time (fewer for a smaller input).
const READ: usize = 1 << 18;

/// One record: where each field's bytes are, and the input's byte offsets
/// before and after it (the csv crate's `record.position()` and
/// `reader.position()`: the start takes in the blank lines skipped before
/// the record, the end its first terminator byte). A field that is one
/// piece of the input (nearly all are, quoted or not) is read where the
/// splitter holds it, until its next record; only a field joined from
/// pieces (a `""` inside quotes, text after a closing quote) is copied.
#[derive(Debug, Default)]
pub(super) struct Record {
    /// The bytes of the fields joined from pieces, one after another.
    bytes: Vec<u8>,
    fields: Vec<Span>,
    /// The field being split, while it is.
    open: Option<Span>,
    /// Where the input the record was split from starts in the splitter's
    /// buffer.
    base: usize,
    /// The record's own bytes in that input, from..to: past the blank
    /// lines before it, up to its terminator.
    own: (usize, usize),
    pub start: u64,
    pub end: u64,
}

/// Where a field's bytes are.
#[derive(Debug, Clone, Copy)]
enum Span {
    /// In the input split, from..to.
    Input(usize, usize),
    /// In the record's own `bytes`, from..to.
    Own(usize, usize),
}

impl Record {
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.fields.clear();
        self.open = None;
    }

    /// Adds `s[from..to]` to the field being split.
    fn add(&mut self, s: &[u8], from: usize, to: usize) {
        if from == to {
            return;
        }
        self.open = Some(match self.open {
            None => Span::Input(from, to),
            Some(Span::Input(a, b)) => {
                // A second piece: the field is joined in `bytes`.
                let start = self.bytes.len();
                self.bytes.extend_from_slice(&s[a..b]);
                self.bytes.extend_from_slice(&s[from..to]);
                Span::Own(start, self.bytes.len())
            }
            Some(Span::Own(start, _)) => {
                self.bytes.extend_from_slice(&s[from..to]);
                Span::Own(start, self.bytes.len())
            }
        });
    }

    fn end_field(&mut self) {
        let span = self.open.take().unwrap_or(Span::Input(0, 0));
        self.fields.push(span);
    }
}

/// Why no record came.
pub(super) enum SplitError {
    Io(io::Error),
    /// The record starting at this byte is longer than the limit: almost
    /// always a quote never closed, swallowing the rest of the input.
    TooLong(u64),
}

pub(super) struct Splitter<R> {
    input: R,
    buf: Vec<u8>,
    /// `buf[head..tail]` is read and not yet split.
    head: usize,
    tail: usize,
    eof: bool,
    /// Input bytes before `buf[head]`.
    offset: u64,
    delimiter: u8,
    started: bool,
    /// Where the next record starts: the csv reader counts a BOM it drops
    /// as part of the first record.
    next_start: u64,
    /// Longest record, in input bytes, held while it is read.
    limit: usize,
    /// Where a quote opened that the end of the input leaves open.
    unclosed: Option<u64>,
}

impl<R: Read> Splitter<R> {
    /// `size`: the input's length, as far as it is known; a small input
    /// (a country holds hundreds of small csv files) gets a small buffer.
    pub fn new(input: R, delimiter: u8, limit: usize, size: u64) -> Self {
        let capacity = usize::try_from(size).map_or(READ, |n| n.saturating_add(1).min(READ));
        Splitter {
            input,
            buf: vec![0; capacity],
            head: 0,
            tail: 0,
            eof: false,
            offset: 0,
            delimiter,
            started: false,
            next_start: 0,
            limit,
            unclosed: None,
        }
    }

    /// The byte offset of a quote that the end of the input left open (it
    /// swallowed the rest of the input into the last record's last field).
    pub fn unclosed_quote(&self) -> Option<u64> {
        self.unclosed
    }

    /// The fields of `rec`, the record the last [`Splitter::next`] gave.
    pub fn fields<'a>(&'a self, rec: &'a Record) -> impl Iterator<Item = &'a [u8]> {
        let input = &self.buf[rec.base..];
        rec.fields.iter().map(move |&span| match span {
            Span::Input(from, to) => &input[from..to],
            Span::Own(from, to) => &rec.bytes[from..to],
        })
    }

    /// The fields of `rec` as text, when all of its bytes are UTF-8 and
    /// none is NUL (nearly always): the record is checked in one go and its
    /// fields are cut from it, where checking field by field cost a call
    /// each. Each field begins and ends at the record's ends or next to an
    /// ASCII byte (a delimiter, a quote, a line end), so on a character's
    /// boundary.
    pub fn texts<'a>(&'a self, rec: &'a Record) -> Option<impl Iterator<Item = &'a str>> {
        let (from, to) = rec.own;
        let bytes = &self.buf[rec.base..][from..to];
        if memchr::memchr(0, bytes).is_some() || memchr::memchr(0, &rec.bytes).is_some() {
            return None;
        }
        let text = simdutf8::basic::from_utf8(bytes).ok()?;
        let joined = simdutf8::basic::from_utf8(&rec.bytes).ok()?;
        Some(rec.fields.iter().map(move |&span| match span {
            Span::Input(a, b) if a < b => &text[a - from..b - from],
            Span::Input(..) => "",
            Span::Own(a, b) => &joined[a..b],
        }))
    }

    /// The next record into `rec`; `false` at the end of the input.
    pub fn next(&mut self, rec: &mut Record) -> Result<bool, SplitError> {
        if !self.started {
            while !self.eof && self.tail < 3 {
                self.fill()?;
            }
            if self.buf[..self.tail].starts_with(b"\xEF\xBB\xBF") {
                self.head = 3;
                self.offset = 3;
            }
            self.started = true;
        }
        loop {
            let data = &self.buf[self.head..self.tail];
            let mut open = None;
            match split(data, self.eof, self.delimiter, rec, &mut open) {
                Some(n) => {
                    if let Some(at) = open {
                        self.unclosed = Some(self.offset + at as u64);
                    }
                    rec.start = self.next_start;
                    rec.base = self.head;
                    self.head += n;
                    self.offset += n as u64;
                    rec.end = self.offset;
                    self.next_start = self.offset;
                    return Ok(true);
                }
                None if self.eof => {
                    self.offset += data.len() as u64;
                    self.head = self.tail;
                    return Ok(false);
                }
                None => {
                    if self.tail - self.head > self.limit {
                        return Err(SplitError::TooLong(self.next_start));
                    }
                    self.make_room();
                    self.fill()?;
                }
            }
        }
    }

    /// Moves what is not split yet to the front.
    fn make_room(&mut self) {
        if self.head > 0 {
            self.buf.copy_within(self.head..self.tail, 0);
            self.tail -= self.head;
            self.head = 0;
        }
    }

    /// Reads more, first doubling the buffer when less than half of it
    /// (or of `READ`) is free: a record longer than the buffer is split
    /// again from its start after each read.
    fn fill(&mut self) -> Result<(), SplitError> {
        let free = self.buf.len() - self.tail;
        if free < (self.buf.len() / 2).clamp(1, READ / 2) {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        loop {
            match self.input.read(&mut self.buf[self.tail..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.tail += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(SplitError::Io(e)),
            }
        }
    }
}

fn is_term(b: u8) -> bool {
    b == b'\r' || b == b'\n'
}

/// Splits one record off the front of `s` into `rec`, and says how many
/// bytes it took: the blank lines before it, its fields, and the first
/// byte of its terminator (a `\n` after a `\r` is skipped as a blank line
/// before the next record, as the csv reader does). `None` when `s` ends
/// inside the record and more input may follow (`eof` false), or when `s`
/// holds no record at all. `open` is where a quote opened that the end of
/// the input leaves open.
fn split(
    s: &[u8],
    eof: bool,
    delimiter: u8,
    rec: &mut Record,
    open: &mut Option<usize>,
) -> Option<usize> {
    rec.clear();
    let mut i = s.iter().position(|&b| !is_term(b))?;
    rec.own.0 = i;
    // At the start of a field.
    loop {
        let Some(&c) = s.get(i) else {
            // The input ends after a delimiter: one more empty field.
            if !eof {
                return None;
            }
            rec.end_field();
            rec.own.1 = i;
            return Some(i);
        };
        if c == b'"' {
            let quote = i;
            i += 1;
            // Inside quotes: up to the next quote.
            loop {
                let Some(k) = memchr::memchr(b'"', &s[i..]) else {
                    if !eof {
                        return None;
                    }
                    *open = Some(quote);
                    rec.add(s, i, s.len());
                    rec.end_field();
                    rec.own.1 = s.len();
                    return Some(s.len());
                };
                rec.add(s, i, i + k);
                i += k + 1;
                match s.get(i) {
                    None if !eof => return None,
                    None => {
                        rec.end_field();
                        rec.own.1 = i;
                        return Some(i);
                    }
                    Some(b'"') => {
                        rec.add(s, i, i + 1);
                        i += 1;
                    }
                    Some(_) => break,
                }
            }
            // The field goes on after the closing quote, unquoted: `"a"b`
            // is `ab`.
        }
        // Up to the delimiter or the line end (at once for an empty field);
        // quotes here are plain text.
        match memchr::memchr3(delimiter, b'\r', b'\n', &s[i..]) {
            None => {
                if !eof {
                    return None;
                }
                rec.add(s, i, s.len());
                rec.end_field();
                rec.own.1 = s.len();
                return Some(s.len());
            }
            Some(k) => {
                rec.add(s, i, i + k);
                rec.end_field();
                i += k;
                if s[i] == delimiter {
                    i += 1;
                } else {
                    rec.own.1 = i;
                    return Some(i + 1);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every record the csv crate reads (as bimtek configures it), with its
    /// start and end positions.
    fn by_csv(input: &[u8], delimiter: u8) -> Vec<(Vec<Vec<u8>>, u64, u64)> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let mut out = Vec::new();
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let start = record.position().unwrap().byte();
            let fields = record.iter().map(<[u8]>::to_vec).collect();
            out.push((fields, start, reader.position().byte()));
        }
        out
    }

    /// The same, split here, reading `step` bytes at a time, told the
    /// input is `size` bytes long.
    fn by_splitter(
        input: &[u8],
        delimiter: u8,
        step: usize,
        size: u64,
    ) -> Vec<(Vec<Vec<u8>>, u64, u64)> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(buf.len()).min(self.1);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut splitter = Splitter::new(Trickle(input, step), delimiter, usize::MAX, size);
        let mut rec = Record::default();
        let mut out = Vec::new();
        // A valid input's records are each given as text too.
        let valid = std::str::from_utf8(input).is_ok() && !input.contains(&0);
        while splitter.next(&mut rec).ok().unwrap() {
            let fields: Vec<Vec<u8>> = splitter.fields(&rec).map(<[u8]>::to_vec).collect();
            match splitter.texts(&rec) {
                Some(texts) => {
                    let texts: Vec<Vec<u8>> = texts.map(|t| t.as_bytes().to_vec()).collect();
                    assert_eq!(texts, fields, "{input:?}");
                }
                None => assert!(!valid, "{input:?}"),
            }
            out.push((fields, rec.start, rec.end));
        }
        out
    }

    #[test]
    fn known_cases() {
        for input in [
            &b"a,b\r\nc,d\n\n\re"[..],
            b"\xEF\xBB\xBFa,\"b\"\"c\",\"d\"e\"f,\n",
            b"\"unclosed,\nstill",
            b",",
            b"\"\"",
            b"\xEF\xBB",
            b"\xEF\xBB\xBF",
            b"\xEF\xBB\xBF\n\nx",
            b"",
        ] {
            let size = input.len() as u64;
            for (step, size) in [(1 << 20, size), (1, size), (1 << 20, 0), (1, u64::MAX)] {
                assert_eq!(
                    by_splitter(input, b',', step, size),
                    by_csv(input, b','),
                    "{input:?}"
                );
            }
        }
    }

    #[test]
    fn a_record_too_long_is_refused_at_its_start() {
        let input = b"a,b\n\"never closed";
        let mut splitter = Splitter::new(&input[..], b',', 4, input.len() as u64);
        let mut rec = Record::default();
        assert!(splitter.next(&mut rec).ok().unwrap());
        match splitter.next(&mut rec) {
            Err(SplitError::TooLong(start)) => assert_eq!(start, 4),
            _ => panic!("expected TooLong"),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn splits_as_the_csv_crate_does(
            bytes in proptest::collection::vec(
                prop_oneof![
                    Just(b'a'), Just(b'b'), Just(b','), Just(b';'), Just(b'"'),
                    Just(b'\r'), Just(b'\n'), Just(b' '), Just(0xEF), Just(0xBB), Just(0xBF),
                ],
                0..60,
            ),
            bom in any::<bool>(),
            semicolon in any::<bool>(),
            step in 1usize..8,
            // The length the splitter is told: none, a little short, right.
            told in 0u64..3,
        ) {
            let mut input = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
            input.extend_from_slice(&bytes);
            let delimiter = if semicolon { b';' } else { b',' };
            let size = (input.len() as u64).saturating_sub(2 - told);
            let expected = by_csv(&input, delimiter);
            prop_assert_eq!(&by_splitter(&input, delimiter, step, size), &expected);
            prop_assert_eq!(&by_splitter(&input, delimiter, 1 << 20, size), &expected);
            prop_assert_eq!(by_splitter(&input, delimiter, 1 << 20, 0), expected);
        }
    }
}
