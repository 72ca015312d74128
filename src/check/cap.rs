//! The run-wide finding cap: over all files of a run, at most
//! `max_findings_per_code_in_run` findings of one code are listed, earlier
//! files first. The cap per file alone let a folder of many small files
//! list files x codes x 5,000 findings (98 CSVs of 0.5 MB took 3.6 GB).
//! Results are trimmed as each file finishes, in whatever order the files
//! finish, and the outcome is the same as if they had come in order.
//! Owns no rule: it only moves findings from the list to the counts.

use super::FileResult;
use crate::diag::{Code, Finding, Location, Severity};
use crate::outcome::{Innovation, Statement};
use crate::template::Template;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Gathers the files' results as they finish, keeping within the run-wide
/// cap (see the module), and joins them into the run's lists in the run's
/// order as soon as every earlier file has come: a file's innovations,
/// findings and statements are moved into the run's lists then, not held
/// until the last file is done (a folder of 98 CSVs held every file's list
/// and the joined one at once). A finding taken off the list still counts
/// for its innovation's errors and warnings, and the file's F017 for its
/// code says how many more there were.
pub struct Gather<'t> {
    template: &'t Template,
    /// Checks the file at a place again, checking at most so many rows
    /// (see [`Gather::rechecking`]).
    recheck: Option<Recheck<'t>>,
    state: Mutex<State>,
}

/// Checks the file at a place of the run again, checking at most so many
/// of its rows.
pub type Recheck<'t> = &'t (dyn Fn(usize, u32) -> FileResult + Sync);

#[derive(Default)]
struct State {
    /// Results that finished before an earlier file, by their place in the
    /// run's order; `None` once joined or not yet come.
    waiting: Vec<Option<FileResult>>,
    /// The place of the next result to join the run.
    next: usize,
    /// Results let go of while they waited (their file's rows, checked or
    /// not), to be read again when their turn comes: the run holds at
    /// most `max_innovations_in_run` innovations joined and waiting.
    let_go: BTreeMap<usize, u64>,
    /// Per code, the findings each file lists, by the file's place.
    listed: foldhash::HashMap<Code, BTreeMap<usize, u32>>,
    run: Run,
}

/// The files' results joined in the run's order: what
/// [`super::combine`] starts from.
#[derive(Debug, Default)]
pub struct Run {
    /// Every file with its agency hint, in the run's order.
    pub files: Vec<(String, String)>,
    pub findings: Vec<Finding>,
    pub innovations: Vec<Innovation>,
    /// Long-layout evidence rows, attached to innovations when combining.
    pub statements: Vec<Statement>,
    /// A file has an evidence layout: the run gives evidence.
    pub evidence_layout: bool,
    pub(crate) ideas: Vec<super::lablist::Idea>,
}

/// The innovations a run has taken, shared by the files checked at once
/// (`max_innovations_in_run`). A file takes one for each row it checks,
/// first come first served, so that the files in hand never hold more
/// than the run may; which rows the run checks is then decided in the
/// run's order when the files join it ([`Gather`]).
#[derive(Debug, Default)]
pub struct Budget {
    taken: AtomicU64,
}

impl Budget {
    /// Takes one innovation of at most `limit` for the run; `false` when
    /// they are all taken.
    pub(crate) fn take(&self, limit: u32) -> bool {
        self.taken.fetch_add(1, Ordering::Relaxed) < u64::from(limit)
    }
}

/// How many rows one file may check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowance {
    /// What the run's [`Budget`] has left, row by row.
    Run,
    /// So many rows, decided in the run's order ([`Gather`]).
    Rows(u32),
}

/// Innovations from which the run's list, when it must grow, is made as
/// large as the run may hold (`max_innovations_in_run`) at once: growing
/// by doubling copies the list and for a moment holds it twice. Below
/// this a small run does not take the whole room.
const ROOM_AT_ONCE_FROM: usize = 1 << 16;

/// Whether the run-wide cap counts a finding: F017 itself (one per file and
/// code, telling of the others) and F020 (one per file, telling of rows
/// not checked) are neither counted nor taken off.
pub(crate) fn counts_in_run(f: &Finding) -> bool {
    f.code != Code::F017 && f.code != Code::F020
}

impl<'t> Gather<'t> {
    /// A gatherer for a run of `files` results, each added once by its
    /// place (more may be added after them).
    pub fn new(template: &'t Template, files: usize) -> Self {
        let mut waiting = Vec::new();
        waiting.resize_with(files, || None);
        Gather {
            template,
            recheck: None,
            state: Mutex::new(State {
                waiting,
                ..State::default()
            }),
        }
    }

    /// Checks a file again when it did not check the rows the run's order
    /// gives it: when the files checked at once reach
    /// `max_innovations_in_run`, a later file may have taken rows an
    /// earlier one is due. The file is read again with the rows it is due,
    /// so that the run checks the same rows however its files were
    /// scheduled.
    pub fn rechecking(mut self, recheck: Recheck<'t>) -> Self {
        self.recheck = Some(recheck);
        self
    }

    /// All of `results`, in their order, within the run-wide cap.
    pub fn all(template: &Template, results: Vec<FileResult>) -> Run {
        let gather = Gather::new(template, results.len());
        for (i, r) in results.into_iter().enumerate() {
            gather.add(i, r);
        }
        gather.finish()
    }

    /// Adds the result of the file at place `index` of the run.
    pub fn add(&self, index: usize, mut result: FileResult) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let State {
            waiting,
            next,
            let_go,
            listed,
            run,
        } = &mut *state;
        if waiting.len() <= index {
            waiting.resize_with(index + 1, || None);
        }
        self.cap_findings(listed, waiting, index, &mut result);
        waiting[index] = Some(result);
        let settings = &self.template.settings;
        let limit = settings.max_innovations_in_run;
        let room = limit as usize;
        loop {
            let mut r = match waiting.get_mut(*next).and_then(Option::take) {
                Some(r) => r,
                None => match (let_go.remove(next), self.recheck) {
                    (Some(rows), Some(recheck)) => {
                        let left = u64::from(limit).saturating_sub(run.innovations.len() as u64);
                        let due = rows.min(left);
                        let_go_past(
                            limit,
                            run.innovations.len() as u64 + due,
                            waiting,
                            *next,
                            let_go,
                            listed,
                        );
                        let mut r = recheck(*next, due as u32);
                        self.cap_findings(listed, waiting, *next, &mut r);
                        r
                    }
                    _ => break,
                },
            };
            if let Some(recheck) = self.recheck
                && limit > 0
            {
                let rows = r.innovations.len() as u64 + r.rows_not_checked;
                let left = u64::from(limit).saturating_sub(run.innovations.len() as u64);
                let due = rows.min(left);
                if r.innovations.len() as u64 != due {
                    // Its memory is given back before it is read again, and
                    // so is that of later results the run may not keep.
                    drop(r);
                    let_go_past(
                        limit,
                        run.innovations.len() as u64 + due,
                        waiting,
                        *next,
                        let_go,
                        listed,
                    );
                    r = recheck(*next, due as u32);
                    for files in listed.values_mut() {
                        files.remove(next);
                    }
                    self.cap_findings(listed, waiting, *next, &mut r);
                }
            }
            join(run, r, room);
            *next += 1;
        }
        if self.recheck.is_some() && limit > 0 {
            let_go_past(
                limit,
                run.innovations.len() as u64,
                waiting,
                *next,
                let_go,
                listed,
            );
        }
    }

    /// Keeps the findings of `result`, the file at place `index`, and of
    /// the files after it that are waiting, within the run-wide cap.
    fn cap_findings(
        &self,
        listed: &mut foldhash::HashMap<Code, BTreeMap<usize, u32>>,
        waiting: &mut [Option<FileResult>],
        index: usize,
        result: &mut FileResult,
    ) {
        let limit = self.template.settings.max_findings_per_code_in_run;
        if limit == 0 {
            return;
        }
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
            // Only this file and later ones are cut: the earlier ones
            // already keep within what the files before them left, so a
            // file joined to the run is never cut again.
            for (at, keep) in cuts {
                let target = if at == index {
                    Some(&mut *result)
                } else {
                    waiting.get_mut(at).and_then(Option::as_mut)
                };
                if let Some(r) = target {
                    trim(self.template, r, code, keep, limit);
                }
            }
        }
    }

    /// The run: every result added, in the run's order.
    pub fn finish(self) -> Run {
        let state = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        let State {
            waiting,
            next,
            let_go,
            mut run,
            ..
        } = state;
        // Places never added are skipped (none, when every file was added:
        // then every result, let go of or not, has joined in `add`).
        debug_assert!(let_go.is_empty());
        let room = self.template.settings.max_innovations_in_run as usize;
        for r in waiting.into_iter().skip(next).flatten() {
            join(&mut run, r, room);
        }
        run
    }
}

/// Lets go of waiting results, the latest first, until those after `next`
/// and `joined` innovations are at most `limit`: they are read again in
/// their turn ([`Gather::rechecking`]), so that the run never holds more
/// than it may keep (a folder whose later files were read first held the
/// limit joined and half of it waiting).
fn let_go_past(
    limit: u32,
    joined: u64,
    waiting: &mut [Option<FileResult>],
    next: usize,
    let_go: &mut BTreeMap<usize, u64>,
    listed: &mut foldhash::HashMap<Code, BTreeMap<usize, u32>>,
) {
    let count = |r: &FileResult| r.innovations.len() as u64;
    let mut held: u64 = waiting.iter().skip(next + 1).flatten().map(count).sum();
    let mut at = waiting.len();
    while joined + held > u64::from(limit) && at > next + 1 {
        at -= 1;
        if let Some(r) = waiting[at].take_if(|r| !r.innovations.is_empty()) {
            held -= count(&r);
            let_go.insert(at, count(&r) + r.rows_not_checked);
            for files in listed.values_mut() {
                files.remove(&at);
            }
        }
    }
}

/// Moves one file's result into the run's lists. The first file's lists
/// become the run's as they are (a single big file is not copied); the
/// run's innovations, once many, are given room for as many as the run may
/// hold (`room`, 0: no bound) in one step.
fn join(run: &mut Run, r: FileResult, room: usize) {
    run.files.push((r.file, r.agency_hint));
    run.evidence_layout |= r.evidence_layout;
    let inn = &mut run.innovations;
    let needed = inn.len() + r.innovations.len();
    if !inn.is_empty() && needed > inn.capacity() && needed > ROOM_AT_ONCE_FROM && room > 0 {
        inn.reserve_exact(room.max(needed) - inn.len());
    }
    append(inn, r.innovations);
    append(&mut run.findings, r.findings);
    append(&mut run.statements, r.evidence);
    append(&mut run.ideas, r.ideas);
}

fn append<T>(to: &mut Vec<T>, from: Vec<T>) {
    if to.is_empty() {
        *to = from;
    } else {
        to.extend(from);
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
    use crate::check::{CheckOptions, FileCheck, FileResult};
    use crate::normalize::Event;

    /// File `k` of three rows, each row one V001, checking the rows
    /// `allowance` gives.
    fn file(t: &Template, o: &CheckOptions, k: usize, allowance: Allowance) -> FileResult {
        let file = format!("{k}.csv");
        let mut fc = FileCheck::new(t, o, &file, "Dinas Uji").within(allowance);
        for row in 0..3 {
            let name = format!("Inovasi {k} {row}");
            let mut r = record(
                t,
                &[("nama_inovasi", text(&name)), ("tahapan", text("zz"))],
                &[],
            );
            r.row = row + 2;
            if fc.admits(&r) {
                fc.event(&mut Event::Record(r));
            }
        }
        fc.finish()
    }

    /// Four files of three rows, each row one V001.
    fn results(t: &Template) -> Vec<FileResult> {
        let o = options();
        (0..4).map(|k| file(t, &o, k, Allowance::Run)).collect()
    }

    fn listed(run: &Run) -> Vec<(String, Option<u32>, String)> {
        run.findings
            .iter()
            .filter(|f| matches!(f.code, Code::V001 | Code::F017 | Code::F020))
            .map(|f| {
                let m = f.message(crate::diag::Lang::En);
                (f.location.file.clone(), f.location.row, m)
            })
            .collect()
    }

    fn places(run: &Run) -> Vec<(String, u32)> {
        run.innovations
            .iter()
            .map(|i| (i.file().to_string(), i.row))
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
        let v001: Vec<usize> = (0..4)
            .map(|k| {
                let name = format!("{k}.csv");
                (in_order.findings.iter())
                    .filter(|f| f.code == Code::V001 && f.location.file == name)
                    .count()
            })
            .collect();
        assert_eq!(v001, [3, 2, 0, 0]);
        let counts = |run: &Run| -> Vec<u32> { run.innovations.iter().map(|i| i.errors).collect() };
        assert_eq!(counts(&reversed), counts(&in_order));
        assert_eq!(places(&reversed), places(&in_order));
        assert_eq!(in_order.files.len(), 4);
    }

    /// Issue 27: the run checks `max_innovations_in_run` rows, earlier
    /// files first, however its files were scheduled. Here the later files
    /// are checked first and take the run's budget; the earlier ones are
    /// read again with the rows the run's order gives them, and each file
    /// with rows not checked has one F020 saying where and how many.
    #[test]
    fn the_innovation_cap_checks_the_same_rows_whatever_file_finishes_first() {
        let mut t = template();
        t.settings.max_innovations_in_run = 5;
        let o = options();
        let in_order: Vec<FileResult> = (0..4).map(|k| file(&t, &o, k, Allowance::Run)).collect();
        let in_order = Gather::all(&t, in_order);
        let expected = [
            ("0.csv", 2),
            ("0.csv", 3),
            ("0.csv", 4),
            ("1.csv", 2),
            ("1.csv", 3),
        ];
        let expected: Vec<(String, u32)> =
            expected.iter().map(|&(f, r)| (f.to_string(), r)).collect();
        assert_eq!(places(&in_order), expected);
        let stops: Vec<(String, Option<u32>, String)> = in_order
            .findings
            .iter()
            .filter(|f| f.code == Code::F020)
            .map(|f| {
                let m = f.message(crate::diag::Lang::En);
                (f.location.file.clone(), f.location.row, m)
            })
            .collect();
        let stop = |file: &str, row: u32, rows: u32| {
            let m = format!(
                "Checking stopped at this row: the limit of 5 innovations in one run was reached, and {rows} rows of this file from this row on were not checked"
            );
            (file.to_string(), Some(row), m)
        };
        assert_eq!(
            stops,
            [
                stop("1.csv", 4, 1),
                stop("2.csv", 2, 3),
                stop("3.csv", 2, 3)
            ]
        );
        // The last files are checked first and take the budget.
        let o = options();
        let mut late: Vec<(usize, FileResult)> = (0..4)
            .rev()
            .map(|k| (k, file(&t, &o, k, Allowance::Run)))
            .collect();
        assert_eq!(late[0].1.innovations.len(), 3);
        assert_eq!(late[3].1.innovations.len(), 0);
        let rechecked = Mutex::new(Vec::new());
        let recheck = |k: usize, rows: u32| {
            rechecked.lock().unwrap().push((k, rows));
            file(&t, &options(), k, Allowance::Rows(rows))
        };
        let gather = Gather::new(&t, 4).rechecking(&recheck);
        for (k, r) in late.drain(..) {
            gather.add(k, r);
        }
        let run = gather.finish();
        assert_eq!(places(&run), expected);
        assert_eq!(listed(&run), listed(&in_order));
        assert_eq!(
            rechecked.into_inner().unwrap(),
            [(0, 3), (1, 2), (2, 0), (3, 0)]
        );
    }
}
