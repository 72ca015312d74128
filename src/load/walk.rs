//! Turn the paths a user gives into the list of input files: folders are
//! walked recursively in a stable order; Excel lock files (`~$...`), hidden
//! files and files that are not spreadsheets by extension are skipped inside
//! folders. A file named explicitly is taken whatever its name, so its
//! content can be judged, but it must be a regular file (it may be reached
//! through a link: an officer's shortcut).
//!
//! What is not read is said, each a [`NotRead`] for the caller to report:
//! - a link inside a folder is followed only to a regular file inside the
//!   given folders (as evidence links are): a link pointing out of them
//!   (to `/etc/passwd`) is refused, a link to a pipe or a device skipped;
//! - a pipe, socket or device in a folder is skipped (reading it would
//!   block forever);
//! - bimtek's own outputs told by their first bytes ([`super::marker`]:
//!   an HTML, JSON, CSV or table report, an export package folder or zip)
//!   are skipped. A workbook's mark is in its zip, which the walk does not
//!   open: load reads it, from its one reading of the directory, and tells
//!   its caller of a report workbook ([`super::LoadError::Own`]); a
//!   feedback workbook is data, read without its findings sheet.

use super::marker::{self, Output};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One file to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    /// Path as found under the given input, `/`-separated, for reports.
    pub display: String,
    pub path: PathBuf,
    /// The agency the file's place suggests: the first folder below the
    /// given input folder (agencies' files are often sorted into one folder
    /// each), otherwise the file name without extension.
    pub agency_hint: String,
}

/// Why a path given or found is not read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum NotRead {
    /// A path named on the command line that does not exist.
    Missing,
    /// A path longer than the system takes (it may name a file that is
    /// there).
    TooLong,
    /// A folder or file that cannot be walked or opened: the reason.
    Unreadable(String),
    /// A pipe, socket or device (reading it would block or never end),
    /// named or found, or the target of a link: what it is.
    NotRegular(Special),
    /// A link whose target does not exist.
    BrokenLink,
    /// A link pointing out of the given folders: its target.
    LinkOut(PathBuf),
    /// One of bimtek's own outputs.
    Own(Output),
}

/// A file that is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Special {
    Pipe,
    Socket,
    Device,
}

impl Special {
    fn of(kind: std::fs::FileType) -> Special {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                return Special::Pipe;
            }
            if kind.is_socket() {
                return Special::Socket;
            }
        }
        let _ = kind;
        Special::Device
    }

    /// What it is, for messages: the catalogue's words.
    pub fn say(self) -> crate::diag::Say {
        use crate::diag::Say;
        match self {
            Special::Pipe => Say::SpecialPipe,
            Special::Socket => Say::SpecialSocket,
            Special::Device => Say::SpecialDevice,
        }
    }
}

/// The extensions a folder's files are taken by.
pub const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv"];
/// Not spreadsheets, looked at only to tell bimtek's own outputs.
const OUTPUT_EXTENSIONS: &[&str] = &["html", "htm", "json", "zip"];

/// Expand `inputs` into files, and say what is not read and why. Nothing
/// here stops the others: each [`NotRead`] becomes a finding.
pub fn collect_inputs(inputs: &[PathBuf]) -> (Vec<InputFile>, Vec<(PathBuf, NotRead)>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    // Links inside a folder may point anywhere inside the given folders.
    let roots: Vec<PathBuf> = inputs
        .iter()
        .filter(|i| i.is_dir())
        .filter_map(|i| i.canonicalize().ok())
        .collect();
    for input in inputs {
        if input.is_dir() {
            if marker::is_export_package(input) {
                problems.push((input.clone(), NotRead::Own(Output::Package)));
                continue;
            }
            // The input's own entries first; its folders (a province holds
            // hundreds of pemda folders) are then walked in parallel and
            // put back in that order, the order of one sorted walk.
            let top: Vec<walkdir::Result<walkdir::DirEntry>> = walker(input)
                .max_depth(1)
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || keep(e))
                .collect();
            let parts: Vec<Found> = top
                .par_iter()
                .map(|entry| {
                    let mut found = Found::default();
                    match entry {
                        Ok(e) if e.depth() == 0 => {}
                        Ok(e) if e.file_type().is_dir() => walk_dir(&roots, input, e, &mut found),
                        other => take(&roots, input, other, &mut found),
                    }
                    found
                })
                .collect();
            for (f, p) in parts {
                files.extend(f);
                problems.extend(p);
            }
        } else if input.is_file() {
            let ext = extension(input);
            match marker::of_file(input, &ext) {
                Some(o) => problems.push((input.clone(), NotRead::Own(o))),
                None => files.push(InputFile {
                    display: display_path(input),
                    path: input.clone(),
                    agency_hint: stem(input),
                }),
            }
        } else if let Ok(meta) = std::fs::metadata(input) {
            // A named pipe or a device would block the reader forever.
            problems.push((
                input.clone(),
                NotRead::NotRegular(Special::of(meta.file_type())),
            ));
        } else if std::fs::symlink_metadata(input).is_ok() {
            problems.push((input.clone(), NotRead::BrokenLink));
        } else {
            // "not found" only when the system says so: a path over its
            // length limit may name a file that is there.
            let why = match std::fs::symlink_metadata(input) {
                Err(e) if e.kind() == std::io::ErrorKind::InvalidFilename => NotRead::TooLong,
                Err(e)
                    if !matches!(
                        e.kind(),
                        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                    ) =>
                {
                    NotRead::Unreadable(e.to_string())
                }
                _ => NotRead::Missing,
            };
            problems.push((input.clone(), why));
        }
    }
    files.sort();
    files.dedup();
    problems.sort();
    problems.dedup();
    (files, problems)
}

/// Files and problems found under one folder.
type Found = (Vec<InputFile>, Vec<(PathBuf, NotRead)>);

/// A sorted walk that does not follow folder links (a link loop cannot trap it).
fn walker(dir: &Path) -> WalkDir {
    WalkDir::new(dir).follow_links(false).sort_by_file_name()
}

/// Walk folder `dir` (found below `input`), leaving out export packages.
fn walk_dir(roots: &[PathBuf], input: &Path, dir: &walkdir::DirEntry, found: &mut Found) {
    if marker::is_export_package(dir.path()) {
        found
            .1
            .push((dir.path().to_path_buf(), NotRead::Own(Output::Package)));
        return;
    }
    let mut it = walker(dir.path())
        .min_depth(1)
        .into_iter()
        .filter_entry(keep);
    while let Some(sub) = it.next() {
        if let Ok(e) = &sub
            && e.file_type().is_dir()
        {
            if marker::is_export_package(e.path()) {
                found
                    .1
                    .push((e.path().to_path_buf(), NotRead::Own(Output::Package)));
                it.skip_current_dir();
            }
            continue;
        }
        take(roots, input, &sub, found);
    }
}

/// Whether the walk goes into (or takes) an entry below the input:
/// hidden entries and evidence folders are left out.
fn keep(e: &walkdir::DirEntry) -> bool {
    !(is_hidden(e.file_name()) || e.file_type().is_dir() && is_evidence_dir(e.file_name()))
}

/// One walked entry that is not a folder: a spreadsheet file (or a link to
/// one inside the given folders) is taken unless bimtek wrote it; links
/// out, pipes and devices are refused; a walk error becomes a problem.
fn take(
    roots: &[PathBuf],
    input: &Path,
    entry: &walkdir::Result<walkdir::DirEntry>,
    found: &mut Found,
) {
    let e = match entry {
        Ok(e) => e,
        Err(err) => {
            found.1.push((
                err.path().unwrap_or(input).to_path_buf(),
                NotRead::Unreadable(err.to_string()),
            ));
            return;
        }
    };
    let path = e.path();
    let kind = e.file_type();
    if kind.is_dir() {
        return;
    }
    if kind.is_symlink() {
        let Ok(target) = path.canonicalize() else {
            if is_spreadsheet_name(path) {
                found.1.push((path.to_path_buf(), NotRead::BrokenLink));
            }
            return;
        };
        if !roots.iter().any(|r| target.starts_with(r)) {
            found.1.push((path.to_path_buf(), NotRead::LinkOut(target)));
            return;
        }
        match std::fs::metadata(&target) {
            Ok(m) if m.is_file() => {}
            // A link to a folder inside is not followed (it is walked
            // where it is).
            Ok(m) if m.is_dir() => return,
            Ok(m) => {
                found.1.push((
                    path.to_path_buf(),
                    NotRead::NotRegular(Special::of(m.file_type())),
                ));
                return;
            }
            Err(_) => return,
        }
    } else if !kind.is_file() {
        found
            .1
            .push((path.to_path_buf(), NotRead::NotRegular(Special::of(kind))));
        return;
    }
    let ext = extension(path);
    let spreadsheet = is_spreadsheet_name(path);
    if !spreadsheet && !OUTPUT_EXTENSIONS.contains(&ext.as_str()) {
        return;
    }
    match marker::of_file(path, &ext) {
        Some(o) => found.1.push((path.to_path_buf(), NotRead::Own(o))),
        None if spreadsheet => found.0.push(InputFile {
            display: display_path(path),
            path: path.to_path_buf(),
            agency_hint: agency_hint(input, path),
        }),
        None => {}
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn agency_hint(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let mut parts = rel.components();
    match (parts.next(), parts.next()) {
        (Some(first), Some(_)) => first.as_os_str().to_string_lossy().trim().to_string(),
        _ => stem(file),
    }
}

/// File name without extension, separators turned into spaces.
fn stem(path: &Path) -> String {
    let s = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    s.replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Evidence folders (`bukti/`, `evidence/`) hold documents, not agency
/// data: a spreadsheet in them is evidence and is not checked as input.
fn is_evidence_dir(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.eq_ignore_ascii_case("bukti") || n.eq_ignore_ascii_case("evidence"))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn is_spreadsheet_name(path: &Path) -> bool {
    // A name that is not UTF-8 (saved on an old Windows in a local code
    // page) is still a file to check: judge it lossily, never skip it.
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    if name.starts_with("~$") || name.starts_with('.') {
        return false;
    }
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SPREADSHEET_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// `/`-separated, without a leading `./`.
pub(crate) fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_lock_hidden_and_non_spreadsheet_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for rel in [
            "b.xlsx",
            "a.CSV",
            "~$b.xlsx",
            ".x.csv",
            "notes.pdf",
            "sub/c.ods",
            "sub/Bukti/rekap-anggaran.xlsx",
            ".git/d.csv",
            "bukti/e.xlsx",
            "sub/.cache/f.csv",
            "sub/deeper/g.xlsx",
            "z/h.tsv",
        ] {
            let path = d.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
        let (files, problems) = collect_inputs(&[d.to_path_buf()]);
        assert!(problems.is_empty(), "{problems:?}");
        let names: Vec<_> = files
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(d)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(
            names,
            [
                "a.CSV",
                "b.xlsx",
                "sub/c.ods",
                "sub/deeper/g.xlsx",
                "z/h.tsv"
            ]
        );
        let hints: Vec<_> = files.iter().map(|f| f.agency_hint.as_str()).collect();
        assert_eq!(hints, ["a", "b", "sub", "sub", "z"]);
    }

    #[test]
    fn missing_path_is_a_problem_not_a_panic() {
        let (files, problems) = collect_inputs(&[PathBuf::from("/no/such/place.xlsx")]);
        assert!(files.is_empty());
        assert_eq!(problems.len(), 1);
    }
}
