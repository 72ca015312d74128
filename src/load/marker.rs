//! bimtek's own outputs, told by the mark their writers leave in them, so
//! that a report or a package written into the checked folder is never read
//! back as agencies' data. The writers (`report`, `export`) take the marks
//! from here; the input walk and load read them. Only the first bytes of a
//! file, or one small part of a workbook, are ever read to tell.
//!
//! The marks:
//! - a workbook (the report workbook, a feedback workbook) carries the
//!   custom document property [`PROPERTY`], whose value says which output it
//!   is; a feedback workbook also names its findings sheet in
//!   [`FINDINGS_SHEET_PROPERTY`]. Excel and LibreOffice keep custom
//!   properties when they save. A feedback workbook is the one output that
//!   is data: the agency's rows, sent back to it to fix and return; only its
//!   findings sheet is not;
//! - the HTML report carries [`HTML_MARK`] in its head;
//! - the JSON report and a package's `manifest.json` open with
//!   `"tool": {"name": "bimtek"`;
//! - the CSV report's first line is its fixed header, [`CSV_REPORT_HEADER`];
//! - the table report written to a file (`-o FILE` without `--format`, so
//!   also under a .csv or .xlsx name) opens with its title line,
//!   `bimtek VERSION · TEMPLATE`.
//!
//! The walk ([`super::walk`]) tells the outputs it can by their first
//! bytes, before any file is read: an output is no input (it is not among
//! the files checked, and "nothing to check" says why each found file was
//! not read). It does not open a workbook's zip: load parses a workbook's
//! directory once per file, and the size and ratio guards, this mark
//! ([`of_properties`], read through that same archive) and the readers all
//! share it. A report workbook is then told to load's caller
//! ([`super::LoadError::Own`]), which reports it as the walk reports its
//! outputs and decides "nothing to check" after loading; a feedback
//! workbook's findings sheet reaches the sink marked
//! ([`super::SheetInfo::findings`]) and is skipped from its first row.
//! Reading the mark in the walk instead parsed each workbook's directory
//! twice, and carrying the walk's parsed archive on to load would hold an
//! open file (or a small workbook's bytes) per input of a folder meanwhile,
//! and read a file that may have changed since.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Name of the custom document property that marks a workbook bimtek wrote.
pub const PROPERTY: &str = "bimtek";
/// [`PROPERTY`] of the report workbook (`check --format xlsx`, a package's
/// `temuan.xlsx`).
pub const REPORT: &str = "laporan";
/// [`PROPERTY`] of a feedback workbook (`export --feedback`).
pub const FEEDBACK: &str = "umpan-balik";
/// Custom property of a feedback workbook naming its findings sheet: the
/// sheet that is not the agency's data when the workbook comes back.
pub const FINDINGS_SHEET_PROPERTY: &str = "bimtek-temuan";
/// In the head of the HTML report.
pub const HTML_MARK: &str = "<meta name=\"generator\" content=\"bimtek\">";
/// The CSV report's header row.
pub const CSV_REPORT_HEADER: [&str; 14] = [
    "code",
    "severity",
    "file",
    "sheet",
    "row",
    "column",
    "cell",
    "field",
    "indicator",
    "value",
    "message",
    "hint",
    "innovation",
    "agency",
];
/// A package's manifest, at the top of the folder or the zip.
pub const MANIFEST: &str = "manifest.json";

/// How much of a text file is read to find its mark.
const HEAD_BYTES: u64 = 4096;
/// The most of a workbook's property part that is read.
pub(super) const PART_BYTES: u64 = 64 << 10;

/// Which of bimtek's outputs a file or folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Output {
    ReportWorkbook,
    ReportHtml,
    ReportJson,
    ReportCsv,
    /// The table report written to a file.
    ReportTable,
    /// An export package folder (its `manifest.json`).
    Package,
    /// An export package zip.
    PackageZip,
}

impl Output {
    /// What it is, for messages: the catalogue's words.
    pub fn say(self) -> crate::diag::Say {
        use crate::diag::Say;
        match self {
            Output::ReportWorkbook => Say::OwnReportWorkbook,
            Output::ReportHtml => Say::OwnReportHtml,
            Output::ReportJson => Say::OwnReportJson,
            Output::ReportCsv => Say::OwnReportCsv,
            Output::ReportTable => Say::OwnReportTable,
            Output::Package => Say::OwnPackage,
            Output::PackageZip => Say::OwnPackageZip,
        }
    }
}

/// What the mark of a file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// One of bimtek's outputs: not data.
    Output(Output),
    /// A feedback workbook (as written, or returned by the agency): data,
    /// except its findings sheet, named here.
    Feedback { findings_sheet: String },
}

/// Which output file `path` is, judged by its extension (lowercase) and
/// first bytes; `None` for a file bimtek did not write (nearly all), and
/// for a workbook, whose mark load reads ([`of_properties`]).
pub fn of_file(path: &Path, ext: &str) -> Option<Output> {
    match ext {
        // A workbook's own mark is read by load, from its one reading of the
        // zip directory ([`of_properties`]): here only the table report
        // under a workbook's name, which is text.
        "xlsx" | "xlsm" => table(path),
        "csv" | "tsv" | "xls" => {
            let head = head(path)?;
            let head = head.strip_prefix("\u{feff}").unwrap_or(&head);
            let first = head.lines().next()?.trim_end_matches('\r');
            // The first twelve columns, so that a report of an earlier version
            // (without the innovation and agency) is known too; `;` between
            // them in the report written with --excel-csv.
            let report = |sep: &str| first.starts_with(&CSV_REPORT_HEADER[..12].join(sep));
            if report(",") || report(";") {
                Some(Output::ReportCsv)
            } else {
                is_table_title(first).then_some(Output::ReportTable)
            }
        }
        "html" | "htm" => head(path)?
            .contains(HTML_MARK)
            .then_some(Output::ReportHtml),
        "json" => is_bimtek_json(&head(path)?).then_some(Output::ReportJson),
        "zip" => {
            let mut zip = zip::ZipArchive::new(File::open(path).ok()?).ok()?;
            let manifest = read_entry(&mut zip, MANIFEST)?;
            is_bimtek_json(&manifest).then_some(Output::PackageZip)
        }
        _ => None,
    }
}

/// The table report under a workbook's name: text, not a zip.
fn table(path: &Path) -> Option<Output> {
    let head = head(path)?;
    is_table_title(head.lines().next()?).then_some(Output::ReportTable)
}

/// The table report's title line: `bimtek 0.1.0 · Template name (id) · ...`
/// (`-` for `·` on Windows).
fn is_table_title(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("bimtek ") else {
        return false;
    };
    let version_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    version_end > 0
        && rest[..version_end].contains('.')
        && (rest[version_end..].starts_with(" · ") || rest[version_end..].starts_with(" - "))
}

/// Whether folder `dir` is one bimtek wrote, an export package or a
/// feedback folder: its `manifest.json` (a regular file, not a link) is
/// bimtek's. `--force` may replace such a folder.
pub fn is_package(dir: &Path) -> bool {
    manifest_head(dir).is_some()
}

/// Whether folder `dir` is an export package, not data: a feedback
/// folder holds the agencies' workbooks, which are data.
pub fn is_export_package(dir: &Path) -> bool {
    manifest_head(dir).is_some_and(|h| !compact(&h).contains("\"kind\":\"feedback\""))
}

/// The first bytes of `dir`'s `manifest.json`, when bimtek wrote it.
fn manifest_head(dir: &Path) -> Option<String> {
    let manifest = dir.join(MANIFEST);
    if !std::fs::symlink_metadata(&manifest).is_ok_and(|m| m.is_file()) {
        return None;
    }
    head(&manifest).filter(|h| is_bimtek_json(h))
}

/// The opening of a JSON text without white space.
fn compact(text: &str) -> String {
    text.chars()
        .take(400)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The JSON bimtek writes opens with its version, then `"tool"` naming it.
fn is_bimtek_json(text: &str) -> bool {
    let compact = compact(text);
    compact.starts_with('{') && compact.contains("\"tool\":{\"name\":\"bimtek\"")
}

/// The first bytes of a regular file, as text (lossy).
fn head(path: &Path) -> Option<String> {
    let mut bytes = Vec::new();
    File::open(path)
        .ok()?
        .take(HEAD_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

fn read_entry(zip: &mut zip::ZipArchive<File>, name: &str) -> Option<String> {
    let entry = zip.by_name(name).ok()?;
    let mut bytes = Vec::new();
    entry.take(PART_BYTES).read_to_end(&mut bytes).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// The custom properties part of a workbook, where its mark is.
pub(super) const PROPERTIES_PART: &str = "docProps/custom.xml";

/// A workbook's mark, from the text of its [`PROPERTIES_PART`] (at most
/// [`PART_BYTES`] of it).
pub(super) fn of_properties(custom: &str) -> Option<Mark> {
    let kind = property(custom, PROPERTY)?;
    match kind.as_str() {
        REPORT => Some(Mark::Output(Output::ReportWorkbook)),
        FEEDBACK => Some(Mark::Feedback {
            findings_sheet: property(custom, FINDINGS_SHEET_PROPERTY)
                .unwrap_or_else(|| "Temuan".into()),
        }),
        _ => None,
    }
}

/// Whether sheet `name` is the findings sheet a feedback workbook names:
/// compared as sheet names are matched (case, spaces and punctuation
/// aside), so a sheet the agency renamed slightly is still known.
pub(super) fn is_findings_sheet(name: &str, findings_sheet: &str) -> bool {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    fold(name) == fold(findings_sheet)
}

/// The text value of custom property `name` in `docProps/custom.xml`.
fn property(xml: &str, name: &str) -> Option<String> {
    let at = xml.find(&format!("name=\"{name}\""))?;
    let rest = &xml[at..];
    let end = rest.find("</property>").unwrap_or(rest.len());
    let rest = &rest[..end];
    let open = rest.find("<vt:lpwstr>")? + "<vt:lpwstr>".len();
    let close = rest[open..].find("</vt:lpwstr>")?;
    Some(unescape(&rest[open..open + close]))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_found() {
        let xml = r#"<Properties><property fmtid="{x}" pid="2" name="bimtek"><vt:lpwstr>umpan-balik</vt:lpwstr></property><property fmtid="{x}" pid="3" name="bimtek-temuan"><vt:lpwstr>Temuan &amp; Saran</vt:lpwstr></property></Properties>"#;
        assert_eq!(property(xml, PROPERTY).as_deref(), Some(FEEDBACK));
        assert_eq!(
            property(xml, FINDINGS_SHEET_PROPERTY).as_deref(),
            Some("Temuan & Saran")
        );
        assert_eq!(property(xml, "lain"), None);
    }

    #[test]
    fn the_table_title_is_told_from_data() {
        assert!(is_table_title(
            "bimtek 0.1.0 · Indeks Inovasi Daerah 2026 (iid-2026) · tanggal acuan 24/11/2026"
        ));
        assert!(is_table_title(
            "bimtek 1.12.3 - KIPP (kipp-2026) - as of 24/11/2026"
        ));
        assert!(!is_table_title("bimtek,Dinas Kesehatan,Penerapan"));
        assert!(!is_table_title("bimtek 2026 · x"));
        assert!(!is_table_title("Nama Inovasi,bimtek 0.1.0 · x"));
    }

    #[test]
    fn bimtek_json_is_told_by_its_tool() {
        assert!(is_bimtek_json(
            "{\n  \"version\": 1,\n  \"tool\": {\n    \"name\": \"bimtek\","
        ));
        assert!(is_bimtek_json(
            "{\"version\":1,\"tool\":{\"name\":\"bimtek\""
        ));
        assert!(!is_bimtek_json("{\"tool\":{\"name\":\"lain\"}}"));
        assert!(!is_bimtek_json("nama,tool\nbimtek,x"));
    }
}
