//! Recognise a file's format from its first bytes. calamine picks a reader by
//! extension and fails with "Cannot detect file format" on anything else, so
//! a CSV named .xlsx, an HTML table named .xls (web portal exports) or an
//! encrypted workbook would all look alike; the bytes tell them apart.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

/// What a file holds, judged by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Empty,
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    /// Delimited text (CSV/TSV), UTF-8 or a single-byte code page.
    Text,
    /// Delimited text in UTF-16 (Excel's "Unicode Text").
    Utf16Text,
    /// An OOXML workbook encrypted with a password (a CFB container holding
    /// `EncryptedPackage`).
    Encrypted,
    Html,
    Pdf,
    /// A zip that is not a workbook.
    Zip,
    Binary,
}

impl Format {
    /// The format an extension promises.
    pub fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext {
            "xlsx" | "xlsm" | "xltx" | "xltm" => Format::Xlsx,
            "xlsb" => Format::Xlsb,
            "xls" | "xla" => Format::Xls,
            "ods" => Format::Ods,
            "csv" | "tsv" | "txt" => Format::Text,
            _ => return None,
        })
    }

    /// Whether `found` is what this extension's format may legitimately hold.
    pub fn compatible_with(self, found: Format) -> bool {
        self == found
            || (self == Format::Text && found == Format::Utf16Text)
            || found == Format::Encrypted
    }

    /// Whether bimtek can read rows from it.
    pub fn is_readable(self) -> bool {
        matches!(
            self,
            Format::Xlsx
                | Format::Xlsb
                | Format::Xls
                | Format::Ods
                | Format::Text
                | Format::Utf16Text
        )
    }

    /// Human name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Empty => "empty",
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Text => "csv",
            Format::Utf16Text => "csv (UTF-16)",
            Format::Encrypted => "encrypted",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Zip => "zip",
            Format::Binary => "binary",
        }
    }
}

const HEAD: usize = 8192;
/// Largest CFB file scanned whole for the `EncryptedPackage` stream name.
const CFB_SCAN_LIMIT: u64 = 64 << 20;

/// Look at the first bytes of `path` and say what it holds.
pub fn sniff(path: &Path) -> io::Result<Format> {
    let mut file = File::open(path)?;
    let mut head = Vec::with_capacity(HEAD);
    file.by_ref().take(HEAD as u64).read_to_end(&mut head)?;
    if head.is_empty() {
        return Ok(Format::Empty);
    }
    if head.starts_with(b"PK\x03\x04") {
        return Ok(sniff_zip(&head, path));
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return sniff_cfb(&mut file);
    }
    if head.starts_with(b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Ok(Format::Utf16Text);
    }
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    if looks_like_html(body) {
        return Ok(Format::Html);
    }
    if looks_like_text(body) {
        return Ok(Format::Text);
    }
    Ok(Format::Binary)
}

fn sniff_zip(head: &[u8], path: &Path) -> Format {
    // ODS stores an uncompressed `mimetype` entry first.
    if contains(head, b"application/vnd.oasis.opendocument.spreadsheet") {
        return Format::Ods;
    }
    if contains(head, b"xl/workbook.bin")
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsb"))
    {
        return Format::Xlsb;
    }
    // Most writers put [Content_Types].xml or xl/ entries first; when they do
    // not, the workbook reader decides.
    if contains(head, b"[Content_Types].xml") || contains(head, b"xl/") {
        return Format::Xlsx;
    }
    if contains(head, b"mimetype") || contains(head, b"content.xml") {
        return Format::Ods;
    }
    // A zip whose first entries are not recognisable: let the xlsx reader try
    // when the name says xlsx, otherwise it is some other zip.
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("xlsx" | "xlsm" | "xltx" | "xltm") => Format::Xlsx,
        Some("ods") => Format::Ods,
        _ => Format::Zip,
    }
}

fn sniff_cfb(file: &mut File) -> io::Result<Format> {
    // Directory entries store stream names in UTF-16LE; an encrypted OOXML
    // package has "EncryptedPackage" and "EncryptionInfo" streams.
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    file.seek(SeekFrom::Start(0))?;
    let mut all = Vec::new();
    file.by_ref().take(CFB_SCAN_LIMIT).read_to_end(&mut all)?;
    if contains(&all, &needle) {
        return Ok(Format::Encrypted);
    }
    Ok(Format::Xls)
}

fn looks_like_html(body: &[u8]) -> bool {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let rest = &body[start..];
    if !rest.starts_with(b"<") {
        return false;
    }
    let lower: Vec<u8> = rest.iter().take(2048).map(u8::to_ascii_lowercase).collect();
    contains(&lower, b"<html")
        || contains(&lower, b"<table")
        || contains(&lower, b"<!doctype html")
        || contains(&lower, b"<?xml") && contains(&lower, b"urn:schemas-microsoft-com:office")
}

/// Text when control characters (NUL included) are at most 1 % of the
/// bytes: a CSV with a stray NUL from a broken export, or NUL padding at its
/// end from an interrupted copy, is still text (NULs are dropped when
/// decoding), while binary data and UTF-16 without a byte-order mark are
/// full of them.
fn looks_like_text(body: &[u8]) -> bool {
    let end = body.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    let body = &body[..end];
    if body.is_empty() {
        return false;
    }
    let control = body
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    control * 100 <= body.len()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn sniff_bytes(name: &str, bytes: &[u8]) -> Format {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::File::create(&path)
            .unwrap()
            .write_all(bytes)
            .unwrap();
        sniff(&path).unwrap()
    }

    #[test]
    fn recognises_formats_by_content() {
        assert_eq!(sniff_bytes("a.xlsx", b""), Format::Empty);
        assert_eq!(sniff_bytes("a.xlsx", b"%PDF-1.4\n"), Format::Pdf);
        assert_eq!(
            sniff_bytes("a.xls", b"  <html><body><table><tr><td>1</td></tr></table>"),
            Format::Html
        );
        assert_eq!(sniff_bytes("a.xlsx", b"nama;opd\nA;B\n"), Format::Text);
        assert_eq!(
            sniff_bytes("a.csv", b"\xEF\xBB\xBFnama,opd\n"),
            Format::Text
        );
        assert_eq!(sniff_bytes("a.txt", b"\xFF\xFEn\0"), Format::Utf16Text);
        assert_eq!(sniff_bytes("a.xlsx", &[1, 2, 0, 4, 5]), Format::Binary);
        let mut stray_nul = b"nama;opd\n".repeat(20);
        stray_nul[30] = 0;
        assert_eq!(sniff_bytes("a.csv", &stray_nul), Format::Text);
        assert_eq!(
            sniff_bytes("a.csv", b"n\0a\0m\0a\0;\0o\0p\0d\0"),
            Format::Binary
        );
    }

    #[test]
    fn extension_compatibility() {
        assert!(Format::Text.compatible_with(Format::Utf16Text));
        assert!(!Format::Xlsx.compatible_with(Format::Text));
        assert!(Format::Xlsx.compatible_with(Format::Encrypted));
    }
}
