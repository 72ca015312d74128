//! Turn the paths a user gives into the list of input files: folders are
//! walked recursively in a stable order; Excel lock files (`~$...`), hidden
//! files and files that are not spreadsheets by extension are skipped inside
//! folders. A file named explicitly is always taken, whatever its name, so
//! its content can be judged.

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

/// The extensions a folder's files are taken by.
pub const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv"];

/// Expand `inputs` into files. Unreadable folders and missing paths are
/// returned as errors for the caller to report; they stop nothing.
pub fn collect_inputs(inputs: &[PathBuf]) -> (Vec<InputFile>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        if input.is_dir() {
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
                        Ok(e) if e.file_type().is_dir() => {
                            for sub in walker(e.path()).min_depth(1).into_iter().filter_entry(keep)
                            {
                                take(input, &sub, &mut found);
                            }
                        }
                        other => take(input, other, &mut found),
                    }
                    found
                })
                .collect();
            for (f, p) in parts {
                files.extend(f);
                problems.extend(p);
            }
        } else if input.is_file() {
            files.push(InputFile {
                display: display_path(input),
                path: input.clone(),
                agency_hint: stem(input),
            });
        } else if input.exists() {
            // A named pipe or a device would block the reader forever.
            problems.push((
                input.clone(),
                "not a regular file (a pipe or a device)".to_string(),
            ));
        } else {
            // "not found" only when the system says so (a path over its
            // length limit may name a file that is there).
            let why = match std::fs::symlink_metadata(input) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => e.to_string(),
                _ => "not found".to_string(),
            };
            problems.push((input.clone(), why));
        }
    }
    files.sort();
    files.dedup();
    (files, problems)
}

/// Files and problems found under one folder.
type Found = (Vec<InputFile>, Vec<(PathBuf, String)>);

/// A sorted walk that does not follow folder links (a link loop cannot trap it).
fn walker(dir: &Path) -> WalkDir {
    WalkDir::new(dir).follow_links(false).sort_by_file_name()
}

/// Whether the walk goes into (or takes) an entry below the input:
/// hidden entries and evidence folders are left out.
fn keep(e: &walkdir::DirEntry) -> bool {
    !(is_hidden(e.file_name()) || e.file_type().is_dir() && is_evidence_dir(e.file_name()))
}

/// One walked entry: a spreadsheet file (or a link to a file) is taken, a
/// walk error becomes a problem.
fn take(input: &Path, entry: &walkdir::Result<walkdir::DirEntry>, found: &mut Found) {
    match entry {
        Ok(e)
            if (e.file_type().is_file() || e.path_is_symlink() && e.path().is_file())
                && is_spreadsheet_name(e.path()) =>
        {
            found.0.push(InputFile {
                display: display_path(e.path()),
                path: e.path().to_path_buf(),
                agency_hint: agency_hint(input, e.path()),
            });
        }
        Ok(_) => {}
        Err(err) => found
            .1
            .push((err.path().unwrap_or(input).to_path_buf(), err.to_string())),
    }
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
fn display_path(path: &Path) -> String {
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
        assert!(problems.is_empty());
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
