//! The run's files checked and joined in the run's order, within its caps.
//! Over all files of a run, at most `max_findings_per_code_in_run`
//! findings of one code are listed, at most `max_innovations_in_run`
//! innovations and `max_statements_in_run` evidence statements are kept,
//! earlier files first (each file stops at the first row that does not
//! fit what the files before it left). The cap per file alone let a
//! folder of many small files list files x codes x 5,000 findings (98 CSVs
//! of 0.5 MB took 3.6 GB). Files are handed to the workers in the run's
//! order and a worker begins a file only a few places past the next one to
//! join ([`READ_AHEAD`]), so that results waiting their turn are a few
//! files, whatever order the threads finish them in; the outcome is the
//! same as if the files had been checked one after the other. Owns no
//! rule: it only moves findings from the list to the counts.

use super::file_check::{Allowance, FileResult, Left, count_for_every_row};
use super::sink::{RunFull, capped_finding, counts_in_run, run_scope_en};
use crate::diag::{Code, Finding, Severity};
use crate::outcome::{Innovation, Statement};
use crate::template::Template;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// How many places past the next file to join a worker may begin a file.
/// The results waiting their turn are then at most this many files and
/// those in hand, not the whole run's (a folder of 98 CSVs whose later
/// files finished first peaked a third higher); more gives the workers
/// room when one file is much longer than the next ones.
pub const READ_AHEAD: usize = 4;

/// Gathers the files' results, keeping within the run-wide caps (see the
/// module), and joins them into the run's lists in the run's order as soon
/// as every earlier file has come: a file's innovations, findings and
/// statements are moved into the run's lists then, not held until the
/// last file is done. A finding taken off the list still counts for its
/// innovation's errors and warnings, and the file's F017 for its code says
/// how many more there were.
pub struct Gather<'t> {
    template: &'t Template,
    /// Told of each code the joined files list in full (see
    /// [`Gather::telling`]).
    full: Option<&'t RunFull>,
    state: Mutex<State>,
    /// Told whenever the next place to join, the reading again or the
    /// files in hand change.
    turn: Condvar,
}

/// Checks the file at a place of the run, within an allowance of rows.
pub type CheckAt<'c> = &'c (dyn Fn(usize, Allowance) -> FileResult + Sync);

#[derive(Default)]
enum Slot {
    /// Not come yet, or joined.
    #[default]
    Empty,
    Done(FileResult),
    /// Let go of while it waited: to be read again in its turn.
    Again,
}

#[derive(Default)]
struct State {
    /// The results waiting their turn, by their place in the run's order.
    slots: Vec<Slot>,
    /// The place of the next result to join the run.
    next: usize,
    /// A worker is reading the file at `next` again (see
    /// [`Gather::join_ready`]): no file is begun and nothing joins.
    rereading: bool,
    /// Files being read by the workers (not counting a reading again).
    in_hand: usize,
    /// A worker's check panicked: the others stop waiting.
    failed: bool,
    /// Per code, the findings each file lists, by the file's place.
    listed: foldhash::HashMap<Code, BTreeMap<usize, u32>>,
    /// Per code, the findings the joined files list.
    joined: foldhash::HashMap<Code, u32>,
    /// The statements the joined files kept.
    statements: u64,
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

/// Innovations from which the run's list, when it must grow, is made as
/// large as the run may hold (`max_innovations_in_run`) at once: growing
/// by doubling copies the list and for a moment holds it twice. Below
/// this a small run does not take the whole room.
const ROOM_AT_ONCE_FROM: usize = 1 << 16;

/// Marks the run failed if a worker's check panics, so that the workers
/// waiting for its file's turn stop waiting (the panic then goes on).
struct FailOnPanic<'g, 't>(&'g Gather<'t>);

impl Drop for FailOnPanic<'_, '_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().failed = true;
            self.0.turn.notify_all();
        }
    }
}

impl<'t> Gather<'t> {
    /// A gatherer for a run of `files` results, each added once by its
    /// place (more may be added after them).
    pub fn new(template: &'t Template, files: usize) -> Self {
        let mut slots = Vec::new();
        slots.resize_with(files, Slot::default);
        Gather {
            template,
            full: None,
            state: Mutex::new(State {
                slots,
                ..State::default()
            }),
            turn: Condvar::new(),
        }
    }

    /// Tells `full` of each code the joined files list the run's whole cap
    /// of, so that the files being checked count them from the start.
    pub fn telling(mut self, full: &'t RunFull) -> Self {
        self.full = Some(full);
        self
    }

    /// Moves the result of the file at `next` into the run's lists.
    fn join(&self, state: &mut State, r: FileResult) {
        join_within(self.template, self.full, state, r);
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn wait<'g>(&self, guard: MutexGuard<'g, State>) -> MutexGuard<'g, State> {
        self.turn.wait(guard).unwrap_or_else(|e| e.into_inner())
    }

    /// All of `results`, checked one after the other in their order,
    /// within the run-wide caps.
    pub fn all(template: &Template, results: Vec<FileResult>) -> Run {
        let gather = Gather::new(template, results.len());
        for (i, r) in results.into_iter().enumerate() {
            gather.add(i, r);
        }
        gather.finish()
    }

    /// Checks the run's first `files` places with `check` on `workers`
    /// threads (this one among them), handing the files out in the run's
    /// order, and joins each result in its turn; `done` is called as each
    /// file is. A worker begins the file at a place only while it is at
    /// most [`READ_AHEAD`] places past the next to join: that one is
    /// always in some worker's hands already (files are handed out in
    /// order), so the wait ends. Plain threads, not rayon's: a rayon
    /// worker waiting here could have stolen the very file it waits for.
    ///
    /// A file is checked with what the run's budget has left
    /// ([`Allowance::Run`]); when the files in hand reach
    /// `max_innovations_in_run` or `max_statements_in_run`, a later file
    /// may have taken what an earlier one is due, and the earlier one is
    /// read again in its turn with what the run's order leaves it
    /// ([`Allowance::Upto`]; the later one too), so that the run checks the
    /// same rows however its files were scheduled.
    pub fn check_all(
        &self,
        files: usize,
        workers: usize,
        check: CheckAt<'_>,
        done: &(dyn Fn() + Sync),
    ) {
        let handed = AtomicUsize::new(0);
        let work = || {
            let _fail = FailOnPanic(self);
            loop {
                let i = handed.fetch_add(1, Ordering::Relaxed);
                if i >= files {
                    return;
                }
                {
                    let mut state = self.lock();
                    while !state.failed && (state.rereading || i > state.next + READ_AHEAD) {
                        state = self.wait(state);
                    }
                    if state.failed {
                        return;
                    }
                    state.in_hand += 1;
                }
                let r = check(i, Allowance::Run);
                let mut state = self.lock();
                state.in_hand -= 1;
                self.turn.notify_all();
                self.store(&mut state, i, r);
                self.join_ready(state, Some(check));
                done();
            }
        };
        std::thread::scope(|s| {
            for _ in 1..workers.max(1) {
                s.spawn(work);
            }
            work();
        });
    }

    /// Adds the result of the file at place `index` of the run, as it is
    /// (never read again: the results of the files after those of
    /// [`Gather::check_all`], or of files checked one after the other).
    pub fn add(&self, index: usize, result: FileResult) {
        let mut state = self.lock();
        self.store(&mut state, index, result);
        self.join_ready(state, None);
    }

    /// Puts the result of the file at `index` in its place, within the
    /// run-wide finding cap.
    fn store(&self, state: &mut State, index: usize, mut result: FileResult) {
        let State { slots, listed, .. } = state;
        if slots.len() <= index {
            slots.resize_with(index + 1, Slot::default);
        }
        self.cap_findings(listed, slots, index, &mut result);
        slots[index] = Slot::Done(result);
    }

    /// Joins the results whose turn has come. With `again`, a result that
    /// did not check the rows the run's order gives it (see
    /// [`Gather::check_all`]) is read again first, with those rows, out of
    /// the lock: the other workers wait for it to finish their files,
    /// and the results after it that hold innovations or statements are
    /// let go of, to be read again in their turn, so that the run never
    /// holds more of them than it may keep (a folder whose later files were read
    /// first held the limit joined and half of it waiting).
    fn join_ready<'g>(&'g self, mut state: MutexGuard<'g, State>, again: Option<CheckAt<'_>>) {
        let settings = &self.template.settings;
        let left_of = |limit: u32, kept: u64| match limit {
            0 => u64::MAX,
            n => u64::from(n).saturating_sub(kept),
        };
        while !state.rereading {
            let next = state.next;
            let left = Left {
                innovations: left_of(
                    settings.max_innovations_in_run,
                    state.run.innovations.len() as u64,
                ),
                statements: left_of(settings.max_statements_in_run, state.statements),
            };
            match state.slots.get_mut(next).map(std::mem::take) {
                None | Some(Slot::Empty) => break,
                Some(Slot::Done(r)) => {
                    if again.is_none() || r.is_within(left) {
                        self.join(&mut state, r);
                        state.next += 1;
                        self.turn.notify_all();
                        continue;
                    }
                    // Its memory is given back before it is read again.
                    drop(r);
                }
                Some(Slot::Again) => {}
            }
            let Some(again) = again else {
                unreachable!("only a run read by its workers lets results go")
            };
            state.rereading = true;
            while state.in_hand > 0 && !state.failed {
                state = self.wait(state);
            }
            let State { slots, listed, .. } = &mut *state;
            for (at, slot) in slots.iter_mut().enumerate().skip(next + 1) {
                if matches!(slot, Slot::Done(r) if !r.innovations.is_empty() || r.statements > 0) {
                    *slot = Slot::Again;
                    for files in listed.values_mut() {
                        files.remove(&at);
                    }
                }
            }
            for files in listed.values_mut() {
                files.remove(&next);
            }
            drop(state);
            let most = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
            let r = again(
                next,
                Allowance::Upto {
                    innovations: most(left.innovations),
                    statements: most(left.statements),
                },
            );
            state = self.lock();
            state.rereading = false;
            let State { slots, listed, .. } = &mut *state;
            let mut r = r;
            self.cap_findings(listed, slots, next, &mut r);
            self.join(&mut state, r);
            state.next += 1;
            self.turn.notify_all();
        }
    }

    /// Keeps the findings of `result`, the file at place `index`, and of
    /// the files after it that are waiting, within the run-wide cap: each
    /// keeps what the files before it leave, whatever order they come in.
    fn cap_findings(
        &self,
        listed: &mut foldhash::HashMap<Code, BTreeMap<usize, u32>>,
        slots: &mut [Slot],
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
                    match slots.get_mut(at) {
                        Some(Slot::Done(r)) => Some(r),
                        _ => None,
                    }
                };
                if let Some(r) = target {
                    trim(self.template, r, code, keep, limit);
                }
            }
        }
    }

    /// The run: every result added, in the run's order.
    pub fn finish(self) -> Run {
        let (template, full) = (self.template, self.full);
        let mut state = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        let slots = std::mem::take(&mut state.slots);
        // Places never added are skipped (none, when every file was added:
        // then every result has joined as it came).
        for slot in slots.into_iter().skip(state.next) {
            debug_assert!(!matches!(slot, Slot::Again));
            if let Slot::Done(r) = slot {
                join_within(template, full, &mut state, r);
            }
        }
        state.run
    }
}

impl Run {
    /// Moves one file's result into the run's lists. The first file's lists
    /// become the run's as they are (a single big file is not copied); the
    /// run's innovations, once many, are given room for as many as the run may
    /// hold (`room`, 0: no bound) in one step.
    fn join(&mut self, r: FileResult, room: usize) {
        let run = self;
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
}

/// Moves a result, in its turn, into the run's lists, telling `full` of
/// the codes the run now lists in full.
fn join_within(t: &Template, full: Option<&RunFull>, state: &mut State, mut r: FileResult) {
    let limit = t.settings.max_findings_per_code_in_run;
    if limit > 0 {
        for f in r.findings.iter().filter(|f| counts_in_run(f)) {
            let n = state.joined.entry(f.code).or_default();
            *n += 1;
            if *n >= limit
                && let Some(full) = full
            {
                full.fill(f.code);
            }
        }
    }
    run_cap_told_last(&mut r);
    state.statements += r.statements;
    let room = t.settings.max_innovations_in_run as usize;
    state.run.join(r, room);
}

/// Puts a file's F017s of the run-wide cap after its other findings, by
/// code, as they are when the file's findings are trimmed once: trimmed
/// again as earlier files came, or counted by its sink from the start
/// ([`RunFull`]), they would be in another order, and the report's sort
/// keeps the order of findings it holds alike.
fn run_cap_told_last(r: &mut FileResult) {
    let told = |f: &Finding| {
        (f.code == Code::F017 && arg(f, "scope_en") == Some(run_scope_en()))
            .then(|| arg(f, "code").unwrap_or_default().to_string())
    };
    if r.findings.iter().any(|f| told(f).is_some()) {
        r.findings.sort_by_cached_key(told);
    }
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
        count_for_every_row(&mut r.innovations, sheet.as_deref(), errors, warnings);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{options, record, template, text};
    use crate::check::{CheckOptions, FileCheck, FileResult};
    use crate::load::RawCell;
    use crate::normalize::{Event, EvidenceCell, EvidenceRow, WideCell};
    use crate::template::WideKind;
    use std::sync::Arc;

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
            let mut e = Event::Record(r);
            if fc.admits(&e) {
                fc.event(&mut e);
            }
        }
        fc.finish()
    }

    /// File `k` of four rows, five statements: an evidence row (one
    /// statement), a profile row whose `Indikator 1` and `Indikator 2`
    /// cells are two statements, and two more evidence rows; checking the
    /// rows `allowance` gives.
    fn evidence_file(t: &Template, o: &CheckOptions, k: usize, allowance: Allowance) -> FileResult {
        let file = format!("{k}.csv");
        let mut fc = FileCheck::new(t, o, &file, "Dinas Uji").within(allowance);
        let evidence = |row| {
            Event::Evidence(EvidenceRow {
                sheet: Some(Arc::from("Data")),
                row,
                agency: "Dinas Uji".into(),
                cells: Vec::new(),
            })
        };
        let wide = |indicator: u32, kind| WideCell {
            indicator,
            kind,
            cell: EvidenceCell {
                col: 30 + indicator,
                header: Arc::from("Indikator"),
                text: "sk.pdf".into(),
                raw: RawCell::Text("sk.pdf".into()),
            },
        };
        let mut r = record(t, &[("nama_inovasi", text(&format!("Inovasi {k}")))], &[]);
        r.row = 3;
        r.wide = vec![
            wide(1, WideKind::Parameter),
            wide(1, WideKind::File),
            wide(2, WideKind::File),
        ];
        for mut e in [evidence(2), Event::Record(r), evidence(4), evidence(5)] {
            if fc.admits(&e) {
                fc.event(&mut e);
            }
        }
        fc.finish()
    }

    type CheckFile = fn(&Template, &CheckOptions, usize, Allowance) -> FileResult;

    /// The four files of `check` checked four at once as `Gather::check_all`
    /// does, finishing in each of the 24 orders: whichever finish first
    /// take the budget, and the others are read again in their turn with
    /// what the run's order gives them. `each` is given the order, the run
    /// and the files read again with their allowance.
    fn in_every_order(
        t: &Template,
        check: CheckFile,
        each: impl Fn(&[usize], Run, Vec<(usize, Allowance)>),
    ) {
        let mut orders = vec![vec![0, 1, 2, 3]];
        while let Some(order) = next_order(orders.last().unwrap()) {
            orders.push(order);
        }
        assert_eq!(orders.len(), 24);
        for order in orders {
            let o = options();
            // (files begun, files finished)
            let finished = (Mutex::new((0, Vec::new())), std::sync::Condvar::new());
            let read_again = Mutex::new(Vec::new());
            let check_at = |k: usize, allowance: Allowance| {
                if allowance != Allowance::Run {
                    read_again.lock().unwrap().push((k, allowance));
                    return check(t, &o, k, allowance);
                }
                // All four are in hand (so none is read again while
                // another waits here for a file not yet begun), and the
                // files before it in `order` finish first.
                let before = &order[..order.iter().position(|&j| j == k).unwrap()];
                let mut state = finished.0.lock().unwrap();
                state.0 += 1;
                finished.1.notify_all();
                while state.0 < 4 || !before.iter().all(|j| state.1.contains(j)) {
                    state = finished.1.wait(state).unwrap();
                }
                drop(state);
                let r = check(t, &o, k, allowance);
                finished.0.lock().unwrap().1.push(k);
                finished.1.notify_all();
                r
            };
            let gather = Gather::new(t, 4);
            gather.check_all(4, 4, &check_at, &|| ());
            each(&order, gather.finish(), read_again.into_inner().unwrap());
        }
    }

    /// Four files of three rows, each row one V001.
    fn results(t: &Template) -> Vec<FileResult> {
        let o = options();
        (0..4).map(|k| file(t, &o, k, Allowance::Run)).collect()
    }

    fn listed(run: &Run) -> Vec<(String, Option<u32>, String)> {
        run.findings
            .iter()
            .filter(|f| matches!(f.code, Code::V001 | Code::F017 | Code::F020 | Code::F021))
            .map(|f| {
                let m = f.message(crate::diag::Lang::En);
                (f.location.file.clone(), f.location.row, m)
            })
            .collect()
    }

    /// Where the files stopped (F020, F021): (file, row, message).
    fn stops(run: &Run) -> Vec<(String, Option<u32>, String)> {
        run.findings
            .iter()
            .filter(|f| matches!(f.code, Code::F020 | Code::F021))
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

    /// A file checked after the earlier ones listed a code's whole run-wide
    /// cap counts that code's findings from the start (its sink is told,
    /// [`RunFull`]), and lists, counts and tells of them in F017 as if it
    /// had listed them and been trimmed when it joined.
    #[test]
    fn a_file_counting_a_full_code_from_the_start_lists_the_same() {
        let mut t = template();
        t.settings.max_findings_per_code_in_run = 5;
        let trimmed = Gather::all(&t, results(&t));
        let o = options();
        let gather = Gather::new(&t, 4).telling(&o.budget.full);
        for k in 0..4 {
            gather.add(k, file(&t, &o, k, Allowance::Run));
        }
        assert!(o.budget.full.is_full(Code::V001));
        let counted = gather.finish();
        assert_eq!(listed(&counted), listed(&trimmed));
        let counts = |run: &Run| -> Vec<u32> { run.innovations.iter().map(|i| i.errors).collect() };
        assert_eq!(counts(&counted), counts(&trimmed));
    }

    /// Issue 27: the run checks `max_innovations_in_run` rows, earlier
    /// files first, however its files were scheduled, and lists the same
    /// findings: each file with rows not checked has one F020 saying where
    /// and how many.
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
        let stops = stops(&in_order);
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
        // The files are checked four at once and finish in every order.
        in_every_order(&t, file, |order, run, read_again| {
            assert_eq!(places(&run), expected, "{order:?}");
            assert_eq!(listed(&run), listed(&in_order), "{order:?}");
            let read_again: Vec<(usize, u32)> = (read_again.into_iter())
                .map(|(k, a)| match a {
                    Allowance::Upto { innovations, .. } => (k, innovations),
                    Allowance::Run => unreachable!(),
                })
                .collect();
            if order == [3, 2, 1, 0] {
                // The last files took the budget: each is read again with
                // what the files before it left (the first, the whole
                // run's five; the last, none).
                assert_eq!(read_again, [(0, 5), (1, 2), (2, 0), (3, 0)]);
            }
            if order == [0, 1, 2, 3] {
                assert_eq!(read_again, []);
            }
        });
    }

    /// Issue 27: the run keeps `max_statements_in_run` statements, earlier
    /// files first, however its files were scheduled: each file stops at
    /// the first row whose statements do not fit what the files before it
    /// left (a profile row is kept whole or not checked, so a later file
    /// may still fit a smaller row), and F021 says where.
    #[test]
    fn the_statement_cap_checks_the_same_rows_whatever_file_finishes_first() {
        let mut t = template();
        t.settings.max_statements_in_run = 7;
        let o = options();
        let in_order: Vec<FileResult> = (0..4)
            .map(|k| evidence_file(&t, &o, k, Allowance::Run))
            .collect();
        let in_order = Gather::all(&t, in_order);
        // 0.csv keeps its five; 1.csv its first evidence row, and its
        // profile row's two do not fit the one left; 2.csv's first
        // evidence row takes that one; 3.csv keeps nothing.
        assert_eq!(places(&in_order), [("0.csv".to_string(), 3)]);
        let kept = |run: &Run| {
            let on_innovations: usize = (run.innovations.iter()).map(|i| i.statements.len()).sum();
            (run.statements.len(), on_innovations)
        };
        assert_eq!(kept(&in_order), (5, 2));
        let stops = stops(&in_order);
        let stop = |file: &str, row: u32, rows: u32| {
            let m = format!(
                "Checking stopped at this row: the limit of 7 evidence statements in one run was reached, and {rows} rows of this file from this row on were not checked"
            );
            (file.to_string(), Some(row), m)
        };
        assert_eq!(
            stops,
            [
                stop("1.csv", 3, 3),
                stop("2.csv", 3, 3),
                stop("3.csv", 2, 4)
            ]
        );
        in_every_order(&t, evidence_file, |order, run, read_again| {
            assert_eq!(places(&run), places(&in_order), "{order:?}");
            assert_eq!(kept(&run), kept(&in_order), "{order:?}");
            assert_eq!(listed(&run), listed(&in_order), "{order:?}");
            let f021 = |run: &Run| -> Vec<(String, Option<u32>, String)> {
                (run.findings.iter())
                    .filter(|f| f.code == Code::F021)
                    .map(|f| {
                        let m = f.message(crate::diag::Lang::En);
                        (f.location.file.clone(), f.location.row, m)
                    })
                    .collect()
            };
            assert_eq!(f021(&run), stops, "{order:?}");
            if order == [0, 1, 2, 3] {
                assert_eq!(read_again, [], "{order:?}");
            }
            if order == [3, 2, 1, 0] {
                let statements: Vec<(usize, u32)> = (read_again.into_iter())
                    .map(|(k, a)| match a {
                        Allowance::Upto { statements, .. } => (k, statements),
                        Allowance::Run => unreachable!(),
                    })
                    .collect();
                assert_eq!(statements, [(0, 7), (1, 2), (2, 1), (3, 0)]);
            }
        });
    }

    /// The next permutation in lexicographic order.
    fn next_order(order: &[usize]) -> Option<Vec<usize>> {
        let mut o = order.to_vec();
        let i = (0..o.len() - 1).rev().find(|&i| o[i] < o[i + 1])?;
        let j = (i + 1..o.len()).rev().find(|&j| o[j] > o[i])?;
        o.swap(i, j);
        o[i + 1..].reverse();
        Some(o)
    }
}
