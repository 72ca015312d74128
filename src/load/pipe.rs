//! Reading a big file on a thread of its own. A workbook's rows come out of
//! inflating and parsing XML (a CSV's out of splitting and decoding), which
//! costs about as much as normalizing and checking them; on two cores the
//! two halves overlap, so one big file takes about as long as the slower
//! half instead of both. Rows cross in batches through a bounded channel,
//! so only a few batches are ever in flight, and the sink sees exactly the
//! calls it would see reading directly, in the same order.
//!
//! The halves are rarely even: a CSV is split faster than its rows are
//! checked. So the sink may share the part of its work that needs none of
//! its state ([`ShareRows`]: normalizing a row once the sheet's header is
//! known), and whenever batches wait for it, the reader does that work on
//! the next batch itself rather than wait for room in the channel.

use super::spent::{self, Spent};
use super::{LoadError, LoadNotes, RawRow, RowSink, RowWork, ShareRows, SheetInfo};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Files smaller than this are read on the caller's thread: handing rows
/// over costs more than it saves, and `bimtek check` already spreads many
/// small files over the cores.
const MIN_BYTES: u64 = 8 << 20;
/// Rows per message, and messages the channel holds before the reader waits
/// (deep enough for the reader to run ahead while the checker waits; see
/// load/ahead.rs's DEPTH).
const BATCH: usize = 128;
const DEPTH: usize = 32;
/// Batches waiting for the sink at which the reader does the shared work on
/// the next one itself. Low, so that little unshared work is left queued
/// when the reader ends; not so low that the sink ever waits on a reader
/// busy with a batch (one batch takes either of them about a millisecond).
const BEHIND: usize = 4;

/// Whether `path` is big enough, and the machine has a core to spare.
pub(super) fn worth_it(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() >= MIN_BYTES)
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

/// A sink that shares nothing.
pub(super) struct Unshared<'s>(pub &'s mut dyn RowSink);

impl RowSink for Unshared<'_> {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        self.0.begin_sheet(sheet)
    }
    fn expect_rows(&mut self, rows: u32) {
        self.0.expect_rows(rows);
    }
    fn row(&mut self, row: RawRow) {
        self.0.row(row);
    }
    fn end_sheet(&mut self) {
        self.0.end_sheet();
    }
}

impl<'a> ShareRows<'a> for Unshared<'_> {
    type Done = std::convert::Infallible;
    fn share(&mut self) -> Option<RowWork<'a, Self::Done>> {
        None
    }
    fn done(&mut self, done: Self::Done) {
        match done {}
    }
}

enum Msg<D> {
    Begin(SheetInfo),
    Expect(u32),
    Rows(Vec<RawRow>),
    /// Rows with the shared work done on them.
    Done(Vec<D>),
    End,
}

/// The reader thread's sink: forwards every call to the caller's thread.
struct Forward<'a, 'q, D> {
    tx: mpsc::SyncSender<Msg<D>>,
    answers: mpsc::Receiver<bool>,
    /// Rows and texts the caller is done with, to be freed here.
    spent: mpsc::Receiver<Spent>,
    /// The shared work on the current sheet's rows, once the caller knows it.
    works: mpsc::Receiver<RowWork<'a, D>>,
    work: Option<RowWork<'a, D>>,
    /// Batches sent and not yet taken by the caller.
    queued: &'q AtomicUsize,
    batch: Vec<RawRow>,
}

impl<D> Forward<'_, '_, D> {
    fn flush(&mut self) {
        while let Ok(spent) = self.spent.try_recv() {
            drop(spent);
        }
        if let Ok(work) = self.works.try_recv() {
            self.work = Some(work);
        }
        if self.batch.is_empty() {
            return;
        }
        let rows = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        let msg = match &mut self.work {
            Some(work) if self.queued.load(Ordering::Relaxed) >= BEHIND => {
                Msg::Done(rows.into_iter().map(work).collect())
            }
            _ => Msg::Rows(rows),
        };
        self.queued.fetch_add(1, Ordering::Relaxed);
        // A closed channel means the caller stopped (it panicked): the
        // rows have nowhere to go.
        let _ = self.tx.send(msg);
    }
}

impl<D> RowSink for Forward<'_, '_, D> {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        self.flush();
        if self.tx.send(Msg::Begin(sheet.clone())).is_err() {
            return false;
        }
        // The caller decides whether the sheet is read at all.
        let read = self.answers.recv().unwrap_or(false);
        // The caller has taken everything before the sheet: any work still
        // here was for an earlier one.
        self.work = None;
        while self.works.try_recv().is_ok() {}
        read
    }

    fn expect_rows(&mut self, rows: u32) {
        self.flush();
        let _ = self.tx.send(Msg::Expect(rows));
    }

    fn row(&mut self, row: RawRow) {
        self.batch.push(row);
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    fn end_sheet(&mut self) {
        self.flush();
        let _ = self.tx.send(Msg::End);
    }
}

/// Run `read` over `path` on a new thread, delivering its calls to `sink`
/// on this one. Returns what `read` returned; a panic in it is resumed here.
pub(super) fn read<'a, S: ShareRows<'a>>(
    path: &Path,
    sink: &mut S,
    read: fn(&Path, &mut dyn RowSink) -> Result<LoadNotes, LoadError>,
) -> Result<LoadNotes, LoadError> {
    let (tx, rx) = mpsc::sync_channel(DEPTH);
    let (answer, answers) = mpsc::channel();
    let (give_back, spent) = mpsc::channel();
    let (give_work, works) = mpsc::channel();
    let queued = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let queued = &queued;
        let reader = scope.spawn(move || {
            let mut forward = Forward {
                tx,
                answers,
                spent,
                works,
                work: None,
                queued,
                batch: Vec::with_capacity(BATCH),
            };
            let result = read(path, &mut forward);
            forward.flush();
            result
        });
        let collecting = spent::collect();
        // Whether the current sheet's work was shared.
        let mut shared = false;
        // Ends when the reader is done and its sender dropped.
        for msg in rx {
            match msg {
                Msg::Begin(info) => {
                    shared = false;
                    let _ = answer.send(sink.begin_sheet(&info));
                }
                Msg::Expect(rows) => sink.expect_rows(rows),
                Msg::Rows(rows) => {
                    queued.fetch_sub(1, Ordering::Relaxed);
                    for row in rows {
                        sink.row(row);
                    }
                    if !shared && let Some(work) = sink.share() {
                        shared = true;
                        let _ = give_work.send(work);
                    }
                }
                Msg::Done(done) => {
                    queued.fetch_sub(1, Ordering::Relaxed);
                    for d in done {
                        sink.done(d);
                    }
                }
                Msg::End => sink.end_sheet(),
            }
            let spent = collecting.take();
            if !spent.is_empty() {
                // Once the reader is done, what it cannot take is freed
                // here.
                let _ = give_back.send(spent);
            }
        }
        match reader.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Damage, RawCell};

    /// Records every call, and skips sheets named "skip".
    #[derive(Default)]
    struct Log(Vec<String>);

    impl RowSink for Log {
        fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
            let name = sheet.name.clone().unwrap_or_default();
            self.0.push(format!("begin {name}"));
            name != "skip"
        }
        fn expect_rows(&mut self, rows: u32) {
            self.0.push(format!("expect {rows}"));
        }
        fn row(&mut self, row: RawRow) {
            self.0
                .push(format!("row {} {}", row.index, row.cells.len()));
            // Piped, the row goes back to the reader thread.
            if spent::is_collecting() {
                self.0.push("collecting".into());
            }
            super::super::let_go_row(row);
        }
        fn end_sheet(&mut self) {
            self.0.push("end".into());
        }
    }

    fn script(_: &Path, sink: &mut dyn RowSink) -> Result<LoadNotes, LoadError> {
        for name in ["a", "skip", "b"] {
            let info = SheetInfo {
                name: Some(name.into()),
                hidden: false,
            };
            if !sink.begin_sheet(&info) {
                continue;
            }
            sink.expect_rows(BATCH as u32 * 3 + 7);
            for i in 0..(BATCH as u32 * 3 + 7) {
                if i == 5 {
                    sink.expect_rows(i);
                }
                sink.row(RawRow {
                    index: i,
                    cells: vec![(0, RawCell::Number(f64::from(i)))],
                });
            }
            sink.end_sheet();
        }
        Err(LoadError::Corrupt(Damage::Other, "at the end".into()))
    }

    #[test]
    fn the_sink_sees_the_same_calls_as_reading_directly() {
        let mut direct = Log::default();
        let direct_result = script(Path::new("x"), &mut direct);
        let mut piped = Log::default();
        let piped_result = read(Path::new("x"), &mut Unshared(&mut piped), script);
        let collected = piped.0.iter().filter(|c| *c == "collecting").count();
        piped.0.retain(|c| c != "collecting");
        assert_eq!(collected, 2 * (BATCH * 3 + 7));
        assert!(!spent::is_collecting());
        assert_eq!(piped.0, direct.0);
        assert_eq!(piped_result, direct_result);
        assert!(piped.0.contains(&"begin skip".to_string()));
        assert!(piped.0.contains(&"expect 5".to_string()));
    }

    /// A sink slower than the reader: a while every 32 rows.
    fn pace(index: u32) {
        if index.is_multiple_of(32) {
            std::thread::sleep(std::time::Duration::from_micros(100));
        }
    }

    /// Logs every row with its sheet, and shares its work once it has seen
    /// three rows of a sheet: the work tags a row with the sheet it was
    /// shared for. Rows it is handed itself take a while, so the reader
    /// falls behind and does the work.
    #[derive(Default)]
    struct Sharing {
        sheet: String,
        seen: usize,
        log: Vec<String>,
        /// Sheets some of whose rows the reader did the work on.
        done_in: std::collections::BTreeSet<String>,
    }

    impl RowSink for Sharing {
        fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
            self.sheet = sheet.name.clone().unwrap_or_default();
            self.seen = 0;
            self.log.push(format!("begin {}", self.sheet));
            self.sheet != "skip"
        }
        fn row(&mut self, row: RawRow) {
            pace(row.index);
            self.seen += 1;
            self.log.push(format!("row {} {}", self.sheet, row.index));
        }
        fn end_sheet(&mut self) {
            self.log.push("end".into());
        }
    }

    impl<'a> ShareRows<'a> for Sharing {
        type Done = (String, u32);
        fn share(&mut self) -> Option<RowWork<'a, (String, u32)>> {
            if self.seen < 3 {
                return None;
            }
            let sheet = self.sheet.clone();
            Some(Box::new(move |row: RawRow| (sheet.clone(), row.index)))
        }
        fn done(&mut self, (sheet, index): (String, u32)) {
            // Work shared for one sheet is never done on another's rows.
            assert_eq!(sheet, self.sheet);
            self.done_in.insert(sheet.clone());
            self.log.push(format!("row {sheet} {index}"));
        }
    }

    fn long_script(_: &Path, sink: &mut dyn RowSink) -> Result<LoadNotes, LoadError> {
        for name in ["a", "skip", "b", "c", "d"] {
            let info = SheetInfo {
                name: Some(name.into()),
                hidden: false,
            };
            if !sink.begin_sheet(&info) {
                continue;
            }
            // More batches than the channel holds, so the reader runs
            // into the sink's pace. The sink shares sheet "c"'s work only
            // after the reader has gone on to "d".
            let rows = if name == "c" {
                3
            } else {
                (BATCH * (DEPTH + 2 * BEHIND)) as u32 + 7
            };
            for i in 0..rows {
                sink.row(RawRow {
                    index: i,
                    cells: vec![(0, RawCell::Number(f64::from(i)))],
                });
            }
            sink.end_sheet();
        }
        Ok(LoadNotes::default())
    }

    #[test]
    fn a_sink_behind_has_its_shared_work_done_by_the_reader() {
        let mut direct = Sharing::default();
        long_script(Path::new("x"), &mut direct).unwrap();
        let mut piped = Sharing::default();
        read(Path::new("x"), &mut piped, long_script).unwrap();
        assert_eq!(piped.log, direct.log);
        assert!(direct.done_in.is_empty());
        assert_eq!(Vec::from_iter(piped.done_in), ["a", "b", "d"]);
        assert!(piped.log.contains(&"row c 2".to_string()));
    }

    /// The rows of the file at `path`, over and over, as one sheet long
    /// enough for the reader to run into the sink's pace.
    fn replay(path: &Path, sink: &mut dyn RowSink) -> Result<LoadNotes, LoadError> {
        let mut rows = crate::load::AllRows::default();
        crate::load::read_with(path, &mut rows, false)?;
        let info = SheetInfo {
            name: Some("Data".into()),
            hidden: false,
        };
        if sink.begin_sheet(&info) {
            let mut index = 0;
            while (index as usize) < BATCH * (DEPTH + 4 * BEHIND) {
                for row in &rows.0 {
                    sink.row(RawRow {
                        index,
                        cells: row.cells.clone(),
                    });
                    index += 1;
                }
            }
            sink.end_sheet();
        }
        Ok(LoadNotes::default())
    }

    /// A sink that takes a while over rows it is handed itself, and counts
    /// the rows the reader did the shared work on.
    struct Slow<S>(S, usize);

    impl<S: RowSink> RowSink for Slow<S> {
        fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
            self.0.begin_sheet(sheet)
        }
        fn row(&mut self, row: RawRow) {
            pace(row.index);
            self.0.row(row);
        }
        fn end_sheet(&mut self) {
            self.0.end_sheet();
        }
    }

    impl<'a, S: ShareRows<'a>> ShareRows<'a> for Slow<S> {
        type Done = S::Done;
        fn share(&mut self) -> Option<RowWork<'a, S::Done>> {
            self.0.share()
        }
        fn done(&mut self, done: S::Done) {
            self.1 += 1;
            self.0.done(done);
        }
    }

    #[test]
    fn rows_normalized_by_the_reader_are_the_rows_normalized_here() {
        use crate::normalize::Normalizer;
        let t = crate::template::Template::builtin("iid-2026")
            .unwrap()
            .unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        // Records, and a long evidence sheet.
        for file in [
            "sample-data/Dinas Pendidikan/data_inovasi_disdik.csv",
            "tests/fixtures/codes/E016/bukti.csv",
        ] {
            let path = root.join(file);
            let mut direct = Vec::new();
            let mut norm = Normalizer::new(&t, "Dinas", |e| direct.push(format!("{e:?}")));
            replay(&path, &mut norm).unwrap();
            drop(norm);
            let mut piped = Vec::new();
            let mut norm = Slow(
                Normalizer::new(&t, "Dinas", |e| piped.push(format!("{e:?}"))),
                0,
            );
            read(&path, &mut norm, replay).unwrap();
            let by_reader = norm.1;
            drop(norm);
            assert_eq!(piped, direct, "{file}");
            assert!(by_reader > 0, "{file}");
        }
    }

    /// Shares work that panics on row 5000.
    struct Panicking(Sharing);

    impl RowSink for Panicking {
        fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
            self.0.begin_sheet(sheet)
        }
        fn row(&mut self, row: RawRow) {
            self.0.row(row);
        }
        fn end_sheet(&mut self) {
            self.0.end_sheet();
        }
    }

    impl<'a> ShareRows<'a> for Panicking {
        type Done = (String, u32);
        fn share(&mut self) -> Option<RowWork<'a, (String, u32)>> {
            let mut work = self.0.share()?;
            Some(Box::new(move |row: RawRow| {
                assert!(row.index != 5000, "shared work failed");
                work(row)
            }))
        }
        fn done(&mut self, done: (String, u32)) {
            self.0.done(done);
        }
    }

    #[test]
    fn a_panic_in_work_done_by_the_reader_reaches_the_caller() {
        let mut sink = Panicking(Sharing::default());
        let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read(Path::new("x"), &mut sink, long_script)
        }))
        .expect_err("the reader's panic is resumed here");
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"shared work failed"));
    }
}
