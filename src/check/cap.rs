//! The run-wide finding cap: over all files of a run, at most
//! `max_findings_per_code_in_run` findings of one code are listed, earlier
//! files first. The cap per file alone let a folder of many small files
//! list files x codes x 5,000 findings (98 CSVs of 0.5 MB took 3.6 GB).
//! Results are trimmed as each file finishes, in whatever order the files
//! finish, and the outcome is the same as if they had come in order.
//! Owns no rule: it only moves findings from the list to the counts.

use super::FileResult;
use crate::diag::{Code, Finding, Location, Severity};
use crate::template::Template;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// Gathers the files' results as they finish, keeping within the run-wide
/// cap (see the module). A finding taken off the list still counts for its
/// innovation's errors and warnings, and the file's F017 for its code says
/// how many more there were.
pub struct Gather<'t> {
    template: &'t Template,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Each file's result, by its place in the run's order.
    results: Vec<Option<FileResult>>,
    /// Per code, the findings each file lists, by the file's place.
    listed: foldhash::HashMap<Code, BTreeMap<usize, u32>>,
}

/// Whether the run-wide cap counts a finding: F017 itself (one per file and
/// code, telling of the others) is neither counted nor taken off.
pub(crate) fn counts_in_run(f: &Finding) -> bool {
    f.code != Code::F017
}

impl<'t> Gather<'t> {
    /// A gatherer for a run of `files` results, each added once by its place.
    pub fn new(template: &'t Template, files: usize) -> Self {
        let mut results = Vec::new();
        results.resize_with(files, || None);
        Gather {
            template,
            state: Mutex::new(State {
                results,
                listed: foldhash::HashMap::default(),
            }),
        }
    }

    /// All of `results`, in their order, within the run-wide cap.
    pub fn all(template: &Template, results: Vec<FileResult>) -> Vec<FileResult> {
        if template.settings.max_findings_per_code_in_run == 0 {
            return results;
        }
        let gather = Gather::new(template, results.len());
        for (i, r) in results.into_iter().enumerate() {
            gather.add(i, r);
        }
        gather.finish()
    }

    /// Adds the result of the file at place `index` of the run.
    pub fn add(&self, index: usize, mut result: FileResult) {
        let limit = self.template.settings.max_findings_per_code_in_run;
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let State { results, listed } = &mut *state;
        if results.len() <= index {
            results.resize_with(index + 1, || None);
        }
        if limit > 0 {
            let mut own: BTreeMap<Code, u32> = BTreeMap::new();
            for f in result.findings.iter().filter(|f| counts_in_run(f)) {
                *own.entry(f.code).or_default() += 1;
            }
            for (code, n) in own {
                let files = listed.entry(code).or_default();
                files.insert(index, n);
                // Each file keeps what the earlier files left of the cap.
                let mut before = 0u32;
                let mut cuts = Vec::new();
                for (&at, &n) in files.iter() {
                    let keep = n.min(limit.saturating_sub(before));
                    if keep < n {
                        cuts.push((at, keep));
                    }
                    before = before.saturating_add(keep);
                }
                for &(at, keep) in &cuts {
                    if keep == 0 {
                        files.remove(&at);
                    } else {
                        files.insert(at, keep);
                    }
                }
                for (at, keep) in cuts {
                    let target = if at == index {
                        Some(&mut result)
                    } else {
                        results[at].as_mut()
                    };
                    if let Some(r) = target {
                        trim(self.template, r, code, keep, limit);
                    }
                }
            }
        }
        results[index] = Some(result);
    }

    /// The results, in the run's order.
    pub fn finish(self) -> Vec<FileResult> {
        let state = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        state.results.into_iter().flatten().collect()
    }
}

/// Keeps the first `keep` findings of `code` in `r` that the run-wide cap
/// counts; the rest count for the innovations on their rows, and the file's
/// F017 for the code tells of them.
fn trim(t: &Template, r: &mut FileResult, code: Code, keep: u32, limit: u32) {
    let mut seen = 0u32;
    // (sheet, row) -> (errors, warnings) taken off the list.
    let mut off: foldhash::HashMap<(Option<String>, u32), (u32, u32)> =
        foldhash::HashMap::default();
    // Those about every row of a sheet: (sheet, errors, warnings).
    let mut every_row: Vec<(Option<String>, u32, u32)> = Vec::new();
    let mut more = 0u64;
    r.findings.retain(|f| {
        if f.code != code || !counts_in_run(f) {
            return true;
        }
        seen += 1;
        if seen <= keep {
            return true;
        }
        more += 1;
        let (errors, warnings) = match f.severity {
            Severity::Error => (1, 0),
            Severity::Warning => (0, 1),
            Severity::Info => (0, 0),
        };
        if f.every_row {
            every_row.push((f.location.sheet.clone(), errors, warnings));
        } else if let Some(row) = f.location.row {
            let c = off.entry((f.location.sheet.clone(), row)).or_default();
            c.0 += errors;
            c.1 += warnings;
        }
        false
    });
    for (sheet, errors, warnings) in every_row {
        super::count_for_every_row(&mut r.innovations, sheet.as_deref(), errors, warnings);
    }
    if more == 0 {
        return;
    }
    if r.findings.capacity() > 2 * r.findings.len() + 64 {
        r.findings.shrink_to_fit();
    }
    // The first innovation at a place, as the listed ones are tied.
    if !off.is_empty() {
        for inn in r.innovations.iter_mut() {
            let key = (inn.sheet().map(str::to_string), inn.row);
            if let Some((errors, warnings)) = off.remove(&key) {
                inn.errors += errors;
                inn.warnings += warnings;
                if off.is_empty() {
                    break;
                }
            }
        }
    }
    // The file's F017 for the code, if the cap per file already wrote one,
    // grows by what was taken off here.
    let told = r
        .findings
        .iter()
        .position(|f| f.code == Code::F017 && arg(f, "code") == Some(code.as_str()));
    if let Some(k) = told {
        let earlier = arg(&r.findings[k], "more_en").map_or(0, whole_number);
        more += earlier;
        r.findings.remove(k);
    }
    if let Some(f) = capped_finding(t, &r.file, code, more, limit, true) {
        r.findings.push(f);
    }
}

fn arg<'f>(f: &'f Finding, name: &str) -> Option<&'f str> {
    f.args
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.as_str())
}

/// A whole number as English writes it ("175,000").
fn whole_number(s: &str) -> u64 {
    s.bytes().filter(u8::is_ascii_digit).fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    })
}

/// The F017 telling that `more` findings of `code` in `file` were not
/// listed, under the cap per file or (`run`) the run-wide one; `None` when
/// the template switches F017 off.
pub(crate) fn capped_finding(
    t: &Template,
    file: &str,
    code: Code,
    more: u64,
    limit: u32,
    run: bool,
) -> Option<Finding> {
    let s = t.severity_of(Code::F017, Severity::Info)?;
    let (scope, scope_en) = if run {
        (
            "per kode untuk seluruh pemeriksaan, berkas yang lebih dulu diutamakan",
            "per code in the whole run, earlier files first",
        )
    } else {
        ("per kode per berkas", "per code per file")
    };
    let mut f = Finding::new(Code::F017, Location::file(file))
        .arg("code", code)
        .number("more", "more_en", more as f64, 0)
        .number("limit", "limit_en", limit as f64, 0)
        .arg("scope", scope)
        .arg("scope_en", scope_en);
    f.severity = s;
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{options, record, template, text};
    use crate::check::{FileCheck, FileResult};
    use crate::normalize::Event;

    /// Four files of three rows, each row one V001.
    fn results(t: &Template) -> Vec<FileResult> {
        let o = options();
        (0..4)
            .map(|k| {
                let file = format!("{k}.csv");
                let mut fc = FileCheck::new(t, &o, &file, "Dinas Uji");
                for row in 0..3 {
                    let name = format!("Inovasi {k} {row}");
                    let mut r = record(
                        t,
                        &[("nama_inovasi", text(&name)), ("tahapan", text("zz"))],
                        &[],
                    );
                    r.row = row + 2;
                    fc.event(&mut Event::Record(r));
                }
                fc.finish()
            })
            .collect()
    }

    fn listed(rs: &[FileResult]) -> Vec<(String, Option<u32>, String)> {
        rs.iter()
            .flat_map(|r| &r.findings)
            .filter(|f| f.code == Code::V001 || f.code == Code::F017)
            .map(|f| {
                let m = f.message(crate::diag::Lang::En);
                (f.location.file.clone(), f.location.row, m)
            })
            .collect()
    }

    /// Files finish in any order; what each lists is as if they had come
    /// in order: the first files first, up to the cap.
    #[test]
    fn files_finishing_in_any_order_list_the_same_findings() {
        let mut t = template();
        t.settings.max_findings_per_code_in_run = 5;
        let in_order = Gather::all(&t, results(&t));
        let gather = Gather::new(&t, 4);
        for (i, r) in results(&t).into_iter().enumerate().rev() {
            gather.add(i, r);
        }
        let reversed = gather.finish();
        assert_eq!(listed(&reversed), listed(&in_order));
        let v001 = |rs: &[FileResult]| -> Vec<usize> {
            rs.iter()
                .map(|r| r.findings.iter().filter(|f| f.code == Code::V001).count())
                .collect()
        };
        assert_eq!(v001(&in_order), [3, 2, 0, 0]);
        let counts = |rs: &[FileResult]| -> Vec<u32> {
            rs.iter()
                .flat_map(|r| &r.innovations)
                .map(|i| i.errors)
                .collect()
        };
        assert_eq!(counts(&reversed), counts(&in_order));
    }
}
