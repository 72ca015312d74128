//! CSV and TSV, record by record. The delimiter is sniffed (`,` `;` tab:
//! Excel in an Indonesian locale saves with `;`), a UTF-8 BOM is dropped, and
//! fields that are not UTF-8 are decoded as Windows-1252 one by one, so a
//! file with mixed encodings still reads and a huge file is never held whole.

use super::{Format, LoadError, LoadNotes, RawCell, RawRow, RowSink, SheetInfo};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

const SNIFF_BYTES: usize = 64 * 1024;

pub(super) fn read(
    path: &Path,
    format: Format,
    sink: &mut dyn RowSink,
    notes: &mut LoadNotes,
) -> Result<(), LoadError> {
    let io_err = |e: std::io::Error| LoadError::Corrupt(e.to_string());
    if format == Format::Utf16Text {
        let bytes = std::fs::read(path).map_err(io_err)?;
        let (text, _, _) = encoding_rs::UTF_16LE.decode(&bytes);
        let text = text.into_owned();
        let delimiter = sniff_delimiter(text.as_bytes());
        return stream(text.as_bytes(), delimiter, sink, notes);
    }
    let mut file = File::open(path).map_err(io_err)?;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    file.by_ref()
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io_err)?;
    let delimiter = sniff_delimiter(&head);
    let file = File::open(path).map_err(io_err)?;
    stream(BufReader::with_capacity(1 << 16, file), delimiter, sink, notes)
}

fn stream(
    input: impl Read,
    delimiter: u8,
    sink: &mut dyn RowSink,
    notes: &mut LoadNotes,
) -> Result<(), LoadError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let info = SheetInfo {
        name: None,
        hidden: false,
    };
    if !sink.begin_sheet(&info) {
        return Ok(());
    }
    let mut record = csv::ByteRecord::new();
    let mut index: u32 = 0;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                sink.end_sheet();
                return Err(LoadError::Corrupt(format!("baris {}: {e}", index + 1)));
            }
        }
        let mut row = RawRow {
            index,
            cells: Vec::new(),
        };
        for (col, field) in record.iter().enumerate() {
            let field = if index == 0 && col == 0 {
                field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field)
            } else {
                field
            };
            if field.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = decode(field, &mut notes.decoded_cp1252);
            row.cells.push((col as u32, RawCell::Text(text)));
        }
        if !row.cells.is_empty() {
            sink.row(row);
        }
        index = index.saturating_add(1);
    }
    sink.end_sheet();
    Ok(())
}

/// UTF-8 when valid, otherwise Windows-1252 (what Excel writes on Windows).
/// NUL bytes are dropped: they are never meaningful in a cell.
fn decode(bytes: &[u8], used_cp1252: &mut bool) -> String {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            *used_cp1252 = true;
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            s.into_owned()
        }
    };
    if text.contains('\0') {
        text.replace('\0', "")
    } else {
        text
    }
}

/// Pick the delimiter that splits the first lines most consistently.
/// Quoted sections are skipped so `;` inside a quoted text does not count.
pub(super) fn sniff_delimiter(head: &[u8]) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
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
    }

    #[test]
    fn decodes_windows_1252_only_when_needed() {
        let mut used = false;
        assert_eq!(decode("café".as_bytes(), &mut used), "café");
        assert!(!used);
        assert_eq!(decode(b"caf\xE9 \x93x\x94", &mut used), "café \u{201c}x\u{201d}");
        assert!(used);
    }
}
