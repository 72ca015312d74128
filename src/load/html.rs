//! HTML tables saved with an .xls name, as web portals export their lists
//! ("Unduh XLS"). Read leniently: every `<tr>` of the document in order, its
//! `<td>`/`<th>` cells with `colspan` honoured, tags stripped, entities
//! decoded. Only baselines are read this way; `check` reports such a file as
//! not a spreadsheet, since agencies must send real workbooks.

use super::{Damage, Feed, Limit, LoadError, RawCell, RawRow, SheetInfo};
use std::path::Path;

/// Largest HTML export read whole.
const MAX_BYTES: u64 = 256 << 20;

pub(super) fn read(path: &Path, sink: &mut dyn Feed) -> Result<(), LoadError> {
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if len > MAX_BYTES {
        return Err(LoadError::TooLarge(Limit::FileSize {
            size: len,
            limit: MAX_BYTES,
        }));
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError::Corrupt(Damage::Io, e.to_string()))?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned(),
    };
    if !sink.begin_sheet(&SheetInfo {
        name: None,
        hidden: false,
        findings: false,
    }) {
        return Ok(());
    }
    for row in rows(&text) {
        sink.row(row);
    }
    sink.end_sheet();
    Ok(())
}

/// Every table row of the document. A row runs from its `<tr` to the next
/// `<tr` (or, for the last, to `</table`); its cells are the `<td`/`<th`
/// in it, each running to the first `</td`, `</th`, `<td`, `<th` or `</tr`.
/// One pass over the document: a portal list of 100k rows took seconds
/// when every cell searched the rest of its row for each of those.
pub fn rows(html: &str) -> Vec<RawRow> {
    let lower = html.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut index = 0u32;
    let mut next_row = next_tag(b, 0, b.len(), b"tr");
    while let Some(start) = next_row {
        next_row = next_tag(b, start + 3, b.len(), b"tr");
        let end = next_row
            .or_else(|| lower[start..].find("</table").map(|i| start + i))
            .unwrap_or(b.len());
        let mut row = RawRow {
            index,
            cells: Vec::new(),
        };
        let mut col = 0u32;
        let mut p = start + 3;
        while let Some(cell_start) = next_cell(b, p, end) {
            let Some(open_end) =
                memchr::memchr(b'>', &b[cell_start..end]).map(|i| cell_start + i + 1)
            else {
                break;
            };
            let attrs = &lower[cell_start..open_end];
            let span = attr_number(attrs, "colspan").unwrap_or(1).clamp(1, 1000);
            let close = cell_end(b, open_end, end);
            let text = cell_text(&html[open_end..close]);
            if !text.is_empty() {
                row.cells.push((col, RawCell::Text(text)));
            }
            col += span;
            p = close;
        }
        if !row.cells.is_empty() {
            out.push(row);
        }
        index += 1;
    }
    out
}

/// Whether a tag `<name` starts at `at`: followed by whitespace, `>`, `/`
/// or `end`.
fn tag_at(b: &[u8], at: usize, end: usize, name: &[u8]) -> bool {
    let after = at + 1 + name.len();
    after <= end
        && b[at + 1..after] == *name
        && (after == end || matches!(b[after], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'))
}

/// Every `<` in `b[from..end]`, by position in `b`.
fn opening_brackets(b: &[u8], from: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
    let from = from.min(end);
    memchr::memchr_iter(b'<', &b[from..end]).map(move |i| from + i)
}

/// The next `<name` tag in `b[from..end]`.
fn next_tag(b: &[u8], from: usize, end: usize, name: &[u8]) -> Option<usize> {
    opening_brackets(b, from, end).find(|&at| tag_at(b, at, end, name))
}

/// The next `<td` or `<th` tag in `b[from..end]`.
fn next_cell(b: &[u8], from: usize, end: usize) -> Option<usize> {
    opening_brackets(b, from, end)
        .find(|&at| tag_at(b, at, end, b"td") || tag_at(b, at, end, b"th"))
}

/// Where a cell's content starting at `from` ends: the first `</td`,
/// `</th`, `<td`, `<th` or `</tr` (as text, whatever follows), else `end`.
fn cell_end(b: &[u8], from: usize, end: usize) -> usize {
    opening_brackets(b, from, end)
        .find(|&at| {
            let rest = &b[at + 1..end];
            [&b"/td"[..], b"/th", b"td", b"th", b"/tr"]
                .iter()
                .any(|t| rest.starts_with(t))
        })
        .unwrap_or(end)
}

fn attr_number(attrs: &str, name: &str) -> Option<u32> {
    let i = attrs.find(name)?;
    let rest = attrs[i + name.len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Strip tags (a `<br>` is a space), decode entities, collapse whitespace.
fn cell_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = decode_entities(&out);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader as it was before it read in one pass: each cell searched
    /// its row for every tag that can end it.
    fn rows_by_search(html: &str) -> Vec<RawRow> {
        fn find_tag(lower: &str, from: usize, tag: &str) -> Option<usize> {
            let needle = format!("<{tag}");
            let mut p = from;
            while let Some(i) = lower.get(p..)?.find(&needle) {
                let at = p + i;
                match lower.as_bytes().get(at + needle.len()) {
                    Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/') | None => return Some(at),
                    _ => p = at + needle.len(),
                }
            }
            None
        }
        let lower = html.to_ascii_lowercase();
        let mut out = Vec::new();
        let mut pos = 0;
        let mut index = 0u32;
        while let Some(start) = find_tag(&lower, pos, "tr") {
            let end = find_tag(&lower, start + 3, "tr")
                .or_else(|| lower[start..].find("</table").map(|i| start + i))
                .unwrap_or(lower.len());
            let mut row = RawRow {
                index,
                cells: Vec::new(),
            };
            let mut col = 0u32;
            let mut p = start + 3;
            loop {
                let td = find_tag(&lower[..end], p, "td");
                let th = find_tag(&lower[..end], p, "th");
                let Some(cell_start) = [td, th].into_iter().flatten().min() else {
                    break;
                };
                let Some(open_end) = lower[cell_start..end].find('>').map(|i| cell_start + i + 1)
                else {
                    break;
                };
                let attrs = &lower[cell_start..open_end];
                let span = attr_number(attrs, "colspan").unwrap_or(1).clamp(1, 1000);
                let close = ["</td", "</th", "<td", "<th", "</tr"]
                    .iter()
                    .filter_map(|t| lower[open_end..end].find(t).map(|i| open_end + i))
                    .min()
                    .unwrap_or(end);
                let text = cell_text(&html[open_end..close]);
                if !text.is_empty() {
                    row.cells.push((col, RawCell::Text(text)));
                }
                col += span;
                p = close;
            }
            if !row.cells.is_empty() {
                out.push(row);
            }
            index += 1;
            pos = end;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn one_pass_reads_what_searching_read(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<tr>", "<TR class=x>", "<tr", "</tr>", "<td>", "<TD colspan=\"2\">",
                    "<th>", "<th colspan=3>", "</td>", "</th>", "<thead>", "<tbody>", "</table>",
                    "<table>", "<tdx>", "<trx>", "<td/>", "a", "Kota Batu", " ", "\n", "&amp;",
                    "&nbsp;", "<b>", "<br>", ">", "<", "é", "<td", "<th",
                ]),
                0..60,
            )
        ) {
            let html = parts.concat();
            proptest::prop_assert_eq!(rows(&html), rows_by_search(&html));
        }
    }

    #[test]
    fn reads_rows_cells_spans_and_entities() {
        let html = "<html><body><table>\n<tr><th>Nama Inovasi</th><th colspan=\"2\">Waktu</th><th>Tahapan</th></tr>\
            <TR><TD>SI&nbsp;CANTIK &amp; Co</td><td>01/02/2024</td><td>02/03/2024<td>Penerapan</tr>\
            <tr><td><b>Kartu</b><br>Sehat</td></tr></table>";
        let r = rows(html);
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].cells[2], (3, RawCell::Text("Tahapan".into())));
        assert_eq!(r[1].cells[0].1, RawCell::Text("SI CANTIK & Co".into()));
        assert_eq!(r[1].cells[3], (3, RawCell::Text("Penerapan".into())));
        assert_eq!(r[2].cells[0].1, RawCell::Text("Kartu Sehat".into()));
        // <thead> and <tbody> are not rows.
        assert_eq!(
            rows("<table><thead><tr><td>a</td></tr></thead></table>").len(),
            1
        );
    }
}
