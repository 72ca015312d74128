//! CSV and TSV, record by record. The delimiter is sniffed (`,` `;` tab:
//! Excel in an Indonesian locale saves with `;`), a UTF-8 BOM is dropped, and
//! fields that are not UTF-8 are decoded as Windows-1252 one by one, so a
//! file with mixed encodings still reads and a huge file is never held whole.

use super::csv_split::{Record, SplitError, Splitter};
use super::{Damage, Feed, Format, Limit, LoadError, LoadNotes, RawCell, RawRow, SheetInfo};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

const SNIFF_BYTES: usize = 64 * 1024;
/// Longest CSV record read. A profile row is a few KB (a cell holds at most
/// 32,767 characters in Excel); a longer record is almost always an
/// unclosed quote swallowing the rest of the file, which would otherwise be
/// held in memory whole.
const MAX_RECORD_BYTES: u64 = 16 << 20;
/// Largest UTF-16 text file read: it is decoded whole (Excel's "Unicode
/// Text" exports are small; 256 MiB is 128 million characters).
const MAX_UTF16_BYTES: u64 = 256 << 20;

pub(super) fn read(
    path: &Path,
    format: Format,
    sink: &mut dyn Feed,
    notes: &mut LoadNotes,
) -> Result<(), LoadError> {
    if format == Format::Utf16Text {
        let size = std::fs::metadata(path).map_err(io_err)?.len();
        if size > MAX_UTF16_BYTES {
            return Err(LoadError::TooLarge(Limit::FileSize {
                size,
                limit: MAX_UTF16_BYTES,
            }));
        }
        let bytes = std::fs::read(path).map_err(io_err)?;
        let (text, _, _) = encoding_rs::UTF_16LE.decode(&bytes);
        let text = text.into_owned();
        let delimiter = sniff_delimiter(text.as_bytes());
        return stream(
            || Ok(io::Cursor::new(text.as_bytes())),
            delimiter,
            sink,
            notes,
        );
    }
    let mut file = File::open(path).map_err(io_err)?;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    file.by_ref()
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io_err)?;
    let delimiter = sniff_delimiter(&head);
    stream(|| File::open(path), delimiter, sink, notes)
}

fn io_err(e: io::Error) -> LoadError {
    LoadError::Corrupt(Damage::Io, e.to_string())
}

/// Bytes read at a time when counting lines.
const READ_BUFFER: usize = 1 << 16;
/// Records read before the sink is told about how many the input holds:
/// its size over theirs, and an eighth more (an estimate a little short
/// costs a second list of all the rows; one a little long costs nothing).
const EXPECT_AFTER: u32 = 64;

/// Reads the input once, record by record. `open` gives the input from its
/// start; it is opened again only to say on which line a record too long
/// or a quote never closed begins (each byte is otherwise read once, by the
/// splitter alone).
fn stream<R: Read + Seek>(
    open: impl Fn() -> io::Result<R>,
    delimiter: u8,
    sink: &mut dyn Feed,
    notes: &mut LoadNotes,
) -> Result<(), LoadError> {
    let mut input = open().map_err(io_err)?;
    let len = input.seek(SeekFrom::End(0)).map_err(io_err)?;
    input.rewind().map_err(io_err)?;
    let mut splitter = Splitter::new(input, delimiter, MAX_RECORD_BYTES as usize, len);
    let info = SheetInfo {
        name: None,
        hidden: false,
        findings: false,
    };
    if !sink.begin_sheet(&info) {
        return Ok(());
    }
    let too_long = |start: u64| {
        LoadError::TooLarge(Limit::Record {
            line: open().map_or(0, |input| record_line(input, start)),
            limit: MAX_RECORD_BYTES,
        })
    };
    let mut record = Record::default();
    let mut index: u32 = 0;
    loop {
        match splitter.next(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                sink.end_sheet();
                return Err(match e {
                    SplitError::TooLong(start) => too_long(start),
                    SplitError::Io(e) => {
                        LoadError::Corrupt(Damage::CsvRecord(u64::from(index) + 1), e.to_string())
                    }
                });
            }
        }
        let (start, end) = (record.start, record.end);
        if end - start > MAX_RECORD_BYTES {
            sink.end_sheet();
            return Err(too_long(start));
        }
        if index + 1 == EXPECT_AFTER {
            let rows = len.saturating_mul(u64::from(EXPECT_AFTER)) / end.max(1);
            let rows = rows.saturating_add(rows / 8);
            sink.expect_rows(u32::try_from(rows).unwrap_or(u32::MAX));
        }
        let mut row = RawRow {
            index,
            cells: Vec::with_capacity(record.len()),
        };
        if let Some(texts) = splitter.texts(&record) {
            for (col, text) in texts.enumerate() {
                if let Some(kept) = kept_text(index, col, text) {
                    row.cells
                        .push((col as u32, RawCell::Text(kept.to_string())));
                }
            }
        } else {
            for (col, field) in splitter.fields(&record).enumerate() {
                if let Some(kept) = kept_field(index, col, field) {
                    let text = decode(kept, &mut notes.decoded_cp1252);
                    row.cells.push((col as u32, RawCell::Text(text)));
                }
            }
        }
        if !row.cells.is_empty() {
            sink.row(row);
        }
        index = index.saturating_add(1);
    }
    sink.end_sheet();
    notes.unbalanced_quote = splitter
        .unclosed_quote()
        .and_then(|at| Some(line_at(open().ok()?, at)));
    Ok(())
}

/// The bytes of field `col` of record `index` that become a cell: the first
/// field's UTF-8 BOM dropped; `None` when nothing but whitespace is left.
fn kept_field(index: u32, col: usize, field: &[u8]) -> Option<&[u8]> {
    let field = if index == 0 && col == 0 {
        field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field)
    } else {
        field
    };
    (!field.iter().all(u8::is_ascii_whitespace)).then_some(field)
}

/// [`kept_field`] of a field that is text already.
fn kept_text(index: u32, col: usize, field: &str) -> Option<&str> {
    let field = if index == 0 && col == 0 {
        field.strip_prefix('\u{feff}').unwrap_or(field)
    } else {
        field
    };
    (!field.bytes().all(|b| b.is_ascii_whitespace())).then_some(field)
}

/// The line (1-based) on which byte `offset` of `input` is: `\r`, `\n`
/// and `\r\n` each end one.
fn line_at(input: impl Read, offset: u64) -> u64 {
    lines_to(input, offset).0
}

/// [`line_at`], and the byte before `offset` (0 at the start).
fn lines_to(mut input: impl Read, offset: u64) -> (u64, u8) {
    let mut line = 1;
    let mut last = 0u8;
    let mut left = offset;
    let mut buf = vec![0u8; READ_BUFFER];
    while left > 0 {
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = match input.read(&mut buf[..want]) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let chunk = &buf[..n];
        for i in memchr::memchr2_iter(b'\r', b'\n', chunk) {
            let before = if i == 0 { last } else { chunk[i - 1] };
            if !(chunk[i] == b'\n' && before == b'\r') {
                line += 1;
            }
        }
        last = chunk[n - 1];
        left -= n as u64;
    }
    (line, last)
}

/// The line on which the record read from byte `start` begins: past the
/// blank lines the splitter skips before it.
fn record_line(mut input: impl Read, start: u64) -> u64 {
    let (mut line, mut last) = lines_to(input.by_ref(), start);
    let mut buf = [0u8; 256];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) | Err(_) => return line,
            Ok(n) => n,
        };
        for &b in &buf[..n] {
            if b != b'\r' && b != b'\n' {
                return line;
            }
            if !(b == b'\n' && last == b'\r') {
                line += 1;
            }
            last = b;
        }
    }
}

/// UTF-8 when valid, otherwise Windows-1252 (what Excel writes on Windows).
/// NUL bytes are dropped: they are never meaningful in a cell.
fn decode(bytes: &[u8], used_cp1252: &mut bool) -> String {
    if memchr::memchr(0, bytes).is_some() {
        let kept: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
        return decode(&kept, used_cp1252);
    }
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            *used_cp1252 = true;
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            s.into_owned()
        }
    }
}

/// Pick the delimiter that splits the first lines most consistently.
/// Quoted sections are skipped so `;` inside a quoted text does not count.
pub(super) fn sniff_delimiter(head: &[u8]) -> u8 {
    choose(&line_counts(head))
}

/// The delimiters the sniffer chooses from.
const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];

/// How often each candidate occurs outside quotes on each of the first 20
/// lines that have any.
fn line_counts(head: &[u8]) -> Vec<[usize; 3]> {
    let mut per_line: Vec<[usize; 3]> = Vec::new();
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut i = 0;
    while i < head.len() {
        if in_quotes {
            // A quoted text (often a long one) ends at the next quote.
            match memchr::memchr(b'"', &head[i..]) {
                Some(p) => {
                    i += p + 1;
                    in_quotes = false;
                    continue;
                }
                None => break,
            }
        }
        // Outside quotes only a quote or a line end changes the state:
        // count the candidates up to the next one in one go.
        let stop = memchr::memchr3(b'"', b'\n', b'\r', &head[i..]).map_or(head.len(), |p| i + p);
        let plain = &head[i..stop];
        for (count, &c) in counts.iter_mut().zip(&CANDIDATES) {
            *count += count_byte(plain, c);
        }
        i = stop;
        let Some(&b) = head.get(i) else { break };
        i += 1;
        if b == b'"' {
            in_quotes = true;
            continue;
        }
        // A line end.
        if counts.iter().any(|&c| c > 0) {
            per_line.push(counts);
        }
        counts = [0; 3];
        if per_line.len() >= 20 {
            break;
        }
    }
    if counts.iter().any(|&c| c > 0) {
        per_line.push(counts);
    }
    per_line
}

/// How often `c` occurs in `bytes`. Counted in byte-wide lanes, 255 bytes
/// at a time so that no lane overflows: counted straight into a `usize`,
/// the compiler widened every byte to 64 bits, and sniffing showed in the
/// profile of a country's check.
fn count_byte(bytes: &[u8], c: u8) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            chunk
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == c))) as usize
        })
        .sum()
}

/// The candidate whose count on the first line most other lines repeat.
fn choose(per_line: &[[usize; 3]]) -> u8 {
    let Some(first) = per_line.first() else {
        return b',';
    };
    // Score: how many lines have the same count as the header line, then
    // how many fields the header line has.
    let mut best = (0usize, 0usize, b',');
    for (i, &cand) in CANDIDATES.iter().enumerate() {
        if first[i] == 0 {
            continue;
        }
        let consistent = per_line.iter().filter(|l| l[i] == first[i]).count();
        let score = (consistent, first[i], cand);
        if (score.0, score.1) > (best.0, best.1) {
            best = score;
        }
    }
    best.2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_counted_exactly_however_many_there_are() {
        // Runs of the byte longer than a lane can count, and mixed text.
        let mixed: Vec<u8> = (0..5000u32)
            .map(|i| b",;a\t"[(i * 7 % 5 % 4) as usize])
            .collect();
        for bytes in [vec![b','; 1000], vec![b';'; 255], vec![], mixed] {
            for c in CANDIDATES {
                let naive = bytes.iter().filter(|&&b| b == c).count();
                assert_eq!(count_byte(&bytes, c), naive);
            }
        }
    }

    #[test]
    fn sniffs_semicolon_comma_and_tab() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc\n1\t2\t3\n"), b'\t');
        // Commas inside quoted text and as decimal separators do not win.
        assert_eq!(
            sniff_delimiter(b"nama;anggaran\n\"Si Cantik, Sehat\";1,5\nB;2,5\n"),
            b';'
        );
        assert_eq!(sniff_delimiter(b"just one column\n"), b',');
        // A quoted text over several lines, with "" inside, is one field.
        assert_eq!(
            sniff_delimiter(b"a;b\n\"x, \"\"y\"\",\nz, w\";1\n\"q\";2\n"),
            b';'
        );
    }

    /// Rows read, and the load notes and result, of `input` read as a file.
    fn read_all(input: &[u8], delimiter: u8) -> (Vec<RawRow>, LoadNotes, Result<(), LoadError>) {
        let mut rows = crate::load::AllRows::default();
        let mut notes = LoadNotes::default();
        let r = stream(
            || Ok(io::Cursor::new(input)),
            delimiter,
            &mut rows,
            &mut notes,
        );
        (rows.0, notes, r)
    }

    #[test]
    fn the_sink_is_told_about_how_many_records_there_are() {
        #[derive(Default)]
        struct Expect(Vec<u32>, u32);
        impl Feed for Expect {
            fn begin_sheet(&mut self, _: &SheetInfo) -> bool {
                true
            }
            fn expect_rows(&mut self, rows: u32) {
                assert_eq!(self.1, EXPECT_AFTER - 1, "told after the first records");
                self.0.push(rows);
            }
            fn row(&mut self, _: RawRow) {
                self.1 += 1;
            }
            fn end_sheet(&mut self) {}
        }
        for records in [10u32, 63, 64, 1_000, 20_000] {
            let mut input = String::from("nama;rancang bangun;tanggal\n");
            for i in 1..records {
                // The first records a tenth longer than the rest.
                let words = "kata ".repeat(if i < EXPECT_AFTER { 110 } else { 100 });
                input.push_str(&format!("Inovasi {i};\"{words}\";01/02/2024\n"));
            }
            let mut sink = Expect::default();
            let mut notes = LoadNotes::default();
            let input = input.as_bytes();
            stream(|| Ok(io::Cursor::new(input)), b';', &mut sink, &mut notes).unwrap();
            assert_eq!(sink.1, records);
            if records < EXPECT_AFTER {
                assert_eq!(sink.0, Vec::<u32>::new());
            } else {
                let [told] = sink.0[..] else {
                    panic!("{records} records: told {:?}", sink.0)
                };
                // Never short (the list would be copied), and not far over.
                assert!(
                    (records..records + records / 4 + 8).contains(&told),
                    "{records} records: told {told}"
                );
            }
        }
    }

    /// Where a quote left open by the end of `input` opened, as reading it
    /// says (from where the splitter found the quote).
    fn unclosed(input: &[u8]) -> Option<u64> {
        read_all(input, b';').1.unbalanced_quote
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Quoting {
        RecordStart,
        FieldStart,
        Unquoted,
        Quoted,
        /// A quote inside a quoted field: the closing one, or the first of `""`.
        QuoteInQuoted,
    }

    /// The quoting rules (RFC 4180 as the csv crate reads it: a quote opens a
    /// field only at its start, `""` inside is one quote) followed over the
    /// bytes of a whole input, to say on which line a quote that its end
    /// leaves open was opened: what reading did before the splitter said so
    /// itself, kept as the oracle. Lines are counted from 1 at the start.
    struct QuoteScan {
        delimiter: u8,
        state: Quoting,
        /// Line (1-based) of the next byte; `\r`, `\n` and `\r\n` each end one.
        line: u64,
        last: u8,
        /// Bytes of a UTF-8 byte-order mark still to be skipped at the start of
        /// the input (the splitter does not read them as a field's start).
        bom_left: u8,
        quote_line: u64,
    }

    impl QuoteScan {
        fn new(delimiter: u8, at_input_start: bool) -> Self {
            QuoteScan {
                delimiter,
                state: Quoting::RecordStart,
                line: 1,
                last: 0,
                bom_left: if at_input_start { 3 } else { 0 },
                quote_line: 0,
            }
        }

        /// The line where a quote opened that the bytes scanned leave open.
        fn unclosed_quote(&self) -> Option<u64> {
            (self.state == Quoting::Quoted).then_some(self.quote_line)
        }

        fn scan(&mut self, bytes: &[u8]) {
            let n = bytes.len();
            let mut i = 0;
            while i < n {
                // Inside a quoted field only a quote or a line end changes the
                // state; inside an unquoted one only a line end or the
                // delimiter. Skip the bytes between in one go.
                let plain = match self.state {
                    Quoting::Quoted => memchr::memchr3(b'"', b'\r', b'\n', &bytes[i..]),
                    Quoting::Unquoted => memchr::memchr3(b'\r', b'\n', self.delimiter, &bytes[i..]),
                    _ => Some(0),
                }
                .unwrap_or(n - i);
                if plain > 0 {
                    self.last = bytes[i + plain - 1];
                    i += plain;
                    continue;
                }
                self.step(bytes[i]);
                i += 1;
            }
        }

        fn step(&mut self, b: u8) {
            let line_end = b == b'\r' || b == b'\n';
            let state = self.state;
            if line_end && !(b == b'\n' && self.last == b'\r') {
                self.line += 1;
            }
            self.last = b;
            if state == Quoting::RecordStart {
                let bom = self.line == 1 && self.bom_left > 0 && matches!(b, 0xEF | 0xBB | 0xBF);
                if bom {
                    self.bom_left -= 1;
                }
                if line_end || bom {
                    return;
                }
            }
            self.state = match (state, b) {
                (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
                (Quoting::Quoted, _) => Quoting::Quoted,
                (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
                (_, b'\r' | b'\n') => Quoting::RecordStart,
                (_, d) if d == self.delimiter => Quoting::FieldStart,
                (Quoting::RecordStart | Quoting::FieldStart, b'"') => {
                    self.quote_line = self.line;
                    Quoting::Quoted
                }
                _ => Quoting::Unquoted,
            };
        }
    }

    /// The same, from a scan of the whole input.
    fn unclosed_by_whole_scan(input: &[u8]) -> Option<u64> {
        let mut scan = QuoteScan::new(b';', true);
        scan.scan(input);
        scan.unclosed_quote()
    }

    #[test]
    fn finds_the_line_of_a_quote_never_closed() {
        assert_eq!(unclosed(b"a;b\n\"x;\"\"y\"\"\"\n\"z\nw;v\n"), Some(3));
        assert_eq!(unclosed(b"a;b\n\"x;\"\"y\"\"\nz\nw;v\n"), Some(2));
        assert_eq!(
            unclosed(b"\xEF\xBB\xBF\"a\";b\r\n\"multi\r\nline\";c\r\n"),
            None
        );
        // A quote inside an unquoted field is literal, as the splitter reads it.
        assert_eq!(unclosed(b"a;5\" layar\n1;2\n"), None);
        assert_eq!(unclosed(b"a;b\rc;\"d\re\r"), Some(2));
        // Lines before the last record, ended by CR LF, CR alone and LF.
        assert_eq!(unclosed(b"a;b\r\nc;d\re;f\n\r\ng;\"h\r\ni\n"), Some(5));
        assert_eq!(unclosed(b"\xEF\xBB\xBF\"a;b\nc"), Some(1));
    }

    #[test]
    fn stops_a_record_past_the_limit() {
        // One record: the reader stops before holding all of it.
        let mut long = b"a;b\nc;d\r\n\"".to_vec();
        long.resize(MAX_RECORD_BYTES as usize + 2 * READ_BUFFER, b'x');
        let (rows, _, r) = read_all(&long, b';');
        assert_eq!(rows.len(), 2);
        assert!(
            matches!(r, Err(LoadError::TooLarge(Limit::Record { line: 3, .. }))),
            "{r:?}"
        );
        // Just past the limit, read whole but refused all the same.
        let mut long = b"a;b\n".to_vec();
        long.resize(MAX_RECORD_BYTES as usize + 10, b'x');
        long.extend(b"\nc;d\n");
        let (rows, _, r) = read_all(&long, b';');
        assert_eq!(rows.len(), 1);
        assert!(
            matches!(r, Err(LoadError::TooLarge(Limit::Record { line: 2, .. }))),
            "{r:?}"
        );
        // The line named is the record's own, past the blank lines before it.
        for (blank, line) in [(&b"\n\r\n"[..], 3), (b"\r\r\n", 4), (b"\n\n", 3)] {
            let mut long = b"a;b\r".to_vec();
            long.extend(blank);
            long.resize(MAX_RECORD_BYTES as usize + 2 * READ_BUFFER, b'x');
            let (rows, _, r) = read_all(&long, b';');
            assert_eq!(rows.len(), 1);
            assert!(
                matches!(r, Err(LoadError::TooLarge(Limit::Record { line: l, .. })) if l == line),
                "{blank:?}: {r:?}"
            );
        }
    }

    #[test]
    fn records_decode_as_their_fields_would_one_by_one() {
        let input: &[u8] = b"\xEF\xBB\xBFNo;Nama\n1;caf\xC3\xA9 \xE2\x80\x9Cx\xE2\x80\x9D;  \n2;caf\xE9;ok\n3;a\0b;\xC3\xA9\n;\t;\n";
        let (rows, notes, result) = read_all(input, b';');
        assert_eq!(result, Ok(()));
        let texts: Vec<Vec<(u32, String)>> = rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|(c, cell)| (*c, cell.display()))
                    .collect()
            })
            .collect();
        let row = |cells: &[(u32, &str)]| -> Vec<(u32, String)> {
            cells.iter().map(|(c, s)| (*c, s.to_string())).collect()
        };
        assert_eq!(
            texts,
            [
                row(&[(0, "No"), (1, "Nama")]),
                row(&[(0, "1"), (1, "café \u{201c}x\u{201d}")]),
                row(&[(0, "2"), (1, "café"), (2, "ok")]),
                row(&[(0, "3"), (1, "ab"), (2, "é")]),
            ]
        );
        assert!(notes.decoded_cp1252);
    }

    #[test]
    fn decodes_windows_1252_only_when_needed() {
        let mut used = false;
        assert_eq!(decode("café".as_bytes(), &mut used), "café");
        assert!(!used);
        assert_eq!(
            decode(b"caf\xE9 \x93x\x94", &mut used),
            "café \u{201c}x\u{201d}"
        );
        assert!(used);
        let mut used = false;
        assert_eq!(decode(b"a\0b\0", &mut used), "ab");
        assert!(!used);
        assert_eq!(decode(b"\0caf\xE9", &mut used), "café");
        assert!(used);
    }

    /// The byte-by-byte counting this module had before the memchr one.
    fn reference_counts(head: &[u8]) -> Vec<[usize; 3]> {
        let mut per_line: Vec<[usize; 3]> = Vec::new();
        let mut counts = [0usize; 3];
        let mut in_quotes = false;
        for &b in head {
            match b {
                b'"' => in_quotes = !in_quotes,
                b'\n' | b'\r' if !in_quotes => {
                    if counts.iter().any(|&c| c > 0) {
                        per_line.push(counts);
                    }
                    counts = [0; 3];
                    if per_line.len() >= 20 {
                        break;
                    }
                }
                _ if !in_quotes => {
                    if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                        counts[i] += 1;
                    }
                }
                _ => {}
            }
        }
        if counts.iter().any(|&c| c > 0) {
            per_line.push(counts);
        }
        per_line
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The splitter finds the quote a scan of the whole input finds,
        /// on the same line.
        #[test]
        fn an_open_quote_is_found_where_a_whole_scan_finds_it(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "kata", ";", "\"", "\"\"", "\n", "\r\n", "\r", "\u{feff}", "x\"y",
                ]),
                0..40,
            ),
        ) {
            let input: Vec<u8> = parts.concat().into_bytes();
            proptest::prop_assert_eq!(
                unclosed(&input),
                unclosed_by_whole_scan(&input),
                "{:?}",
                parts
            );
        }

        #[test]
        fn sniffing_skips_as_the_byte_loop_did(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "kata panjang", ",", ";", "\t", "\"", "\"\"", "\n", "\r\n", "\r", "1,5",
                ]),
                0..60,
            ),
        ) {
            let head: Vec<u8> = parts.concat().into_bytes();
            proptest::prop_assert_eq!(line_counts(&head), reference_counts(&head), "{:?}", parts);
        }
    }
}
