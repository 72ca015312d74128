//! Reading a big file on a thread of its own. A workbook's rows come out of
//! inflating and parsing XML (a CSV's out of splitting and decoding), which
//! costs about as much as normalizing and checking them; on two cores the
//! two halves overlap, so one big file takes about as long as the slower
//! half instead of both. Rows cross in batches through a bounded channel,
//! so only a few batches are ever in flight, and the sink sees exactly the
//! calls it would see reading directly, in the same order.
//!
//! The halves are rarely even: a CSV is split faster than its rows are
//! checked. So a caller may say what work on the current sheet's rows needs
//! none of its sink's state ([`Reading::ahead`]: normalizing a row once the
//! sheet's header is known), and whenever batches wait for it, the reader
//! does that work on the next batch itself rather than wait for room in the
//! channel.
//!
//! Rows and texts are freed where they were allocated. Every cell's text is
//! allocated on the reading thread; mimalloc frees a block another thread
//! allocated by putting it on a list its owner must collect, and on a
//! 100k-row csv allocating and collecting were a fifth of the reading
//! thread. So the rows the caller's thread is done with, and what the work
//! made of them, go back to the reader with each batch, and the reader
//! frees them.

use super::{Feed, LoadError, LoadNotes, RawRow, Reading, RowSink, SheetInfo, Work};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Files smaller than this are read on the caller's thread: handing rows
/// over costs more than it saves, and `bimtek check` already spreads many
/// small files over the cores.
const MIN_BYTES: u64 = 8 << 20;
/// Rows per message, and messages the channel holds before the reader waits
/// (deep enough for the reader to run ahead while the checker waits; see
/// load/archive/inflate.rs's DEPTH).
const BATCH: usize = 128;
const DEPTH: usize = 32;
/// Batches waiting for the sink at which the reader does the work on the
/// next one itself. Low, so that little work is left queued when the reader
/// ends; not so low that the sink ever waits on a reader busy with a batch
/// (one batch takes either of them about a millisecond).
const BEHIND: usize = 4;

/// Whether `path` is big enough, and the machine has a core to spare.
pub(super) fn worth_it(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() >= MIN_BYTES)
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

enum Msg<D> {
    Begin(SheetInfo),
    Expect(u32),
    Rows(Vec<RawRow>),
    /// Rows with the work done on them.
    Done(Vec<D>),
    End,
}

/// What the caller's thread is done with, to be freed by the reader.
struct Spent<D> {
    rows: Vec<RawRow>,
    done: Vec<D>,
}

impl<D> Spent<D> {
    fn new() -> Self {
        Spent {
            rows: Vec::new(),
            done: Vec::new(),
        }
    }

    fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.done.is_empty()
    }
}

/// The reader thread's feed: forwards every call to the caller's thread.
struct Forward<'r, 'q, D> {
    tx: mpsc::SyncSender<Msg<D>>,
    answers: mpsc::Receiver<bool>,
    /// What the caller is done with, to be freed here.
    spent: mpsc::Receiver<Spent<D>>,
    /// The work on the current sheet's rows, once the caller knows it.
    works: mpsc::Receiver<Work<'r, D>>,
    work: Option<Work<'r, D>>,
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
                Msg::Done(rows.into_iter().map(|mut row| work(&mut row)).collect())
            }
            _ => Msg::Rows(rows),
        };
        self.queued.fetch_add(1, Ordering::Relaxed);
        // A closed channel means the caller stopped (it panicked): the
        // rows have nowhere to go.
        let _ = self.tx.send(msg);
    }
}

impl<D> Feed for Forward<'_, '_, D> {
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
/// (and `how`'s closures) on this one. Returns what `read` returned; a
/// panic in it is resumed here.
pub(super) fn read<'r, S: RowSink + ?Sized, D: Send + 'r>(
    path: &Path,
    sink: &mut S,
    how: &mut Reading<'r, S, D>,
    read: fn(&Path, &mut dyn Feed) -> Result<LoadNotes, LoadError>,
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
        // The current sheet's work, done here on the rows that come as
        // they were read, once the sink knows it.
        let mut work: Option<Work<'r, D>> = None;
        let mut done = Spent::new();
        // Ends when the reader is done and its sender dropped.
        for msg in rx {
            match msg {
                Msg::Begin(info) => {
                    work = None;
                    let _ = answer.send(sink.begin_sheet(&info));
                }
                Msg::Expect(rows) => {
                    if let Some(hint) = &mut how.rows {
                        hint(rows);
                    }
                }
                Msg::Rows(rows) => {
                    queued.fetch_sub(1, Ordering::Relaxed);
                    for mut row in rows {
                        match (&mut work, &mut how.done) {
                            (Some(work), Some(give)) => {
                                let mut made = work(&mut row);
                                give(&mut made);
                                done.done.push(made);
                                done.rows.push(row);
                            }
                            _ => sink.row(row),
                        }
                    }
                    if work.is_none()
                        && let Some(share) = &how.work
                        && let Some(mine) = share(sink)
                    {
                        work = Some(mine);
                        if let Some(theirs) = share(sink) {
                            let _ = give_work.send(theirs);
                        }
                    }
                }
                Msg::Done(made) => {
                    queued.fetch_sub(1, Ordering::Relaxed);
                    if let Some(give) = &mut how.done {
                        for mut made in made {
                            give(&mut made);
                            done.done.push(made);
                        }
                    }
                }
                Msg::End => {
                    work = None;
                    sink.end_sheet();
                }
            }
            if !done.is_empty() {
                // Once the reader is done, what it cannot take is freed
                // here.
                let _ = give_back.send(std::mem::replace(&mut done, Spent::new()));
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
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::sync::Mutex;
    use std::thread::ThreadId;

    /// Records every call (in a log the test keeps too), and skips sheets
    /// named "skip".
    #[derive(Default)]
    struct Log(Rc<RefCell<Vec<String>>>);

    impl RowSink for Log {
        fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
            let name = sheet.name.clone().unwrap_or_default();
            self.0.borrow_mut().push(format!("begin {name}"));
            name != "skip"
        }
        fn row(&mut self, row: RawRow) {
            self.0
                .borrow_mut()
                .push(format!("row {} {}", row.index, row.cells.len()));
        }
        fn end_sheet(&mut self) {
            self.0.borrow_mut().push("end".into());
        }
    }

    fn script(_: &Path, feed: &mut dyn Feed) -> Result<LoadNotes, LoadError> {
        for name in ["a", "skip", "b"] {
            let info = SheetInfo {
                name: Some(name.into()),
                hidden: false,
                findings: false,
            };
            if !feed.begin_sheet(&info) {
                continue;
            }
            feed.expect_rows(BATCH as u32 * 3 + 7);
            for i in 0..(BATCH as u32 * 3 + 7) {
                if i == 5 {
                    feed.expect_rows(i);
                }
                feed.row(RawRow {
                    index: i,
                    cells: vec![(0, RawCell::Number(f64::from(i)))],
                });
            }
            feed.end_sheet();
        }
        Err(LoadError::Corrupt(Damage::Other, "at the end".into()))
    }

    /// A log, and a reading whose row hints go to it.
    fn logged<'r>() -> (Log, Reading<'r, Log>) {
        let log = Log::default();
        let hints = log.0.clone();
        let how =
            Reading::new().rows_hint(move |rows| hints.borrow_mut().push(format!("expect {rows}")));
        (log, how)
    }

    #[test]
    fn the_sink_sees_the_same_calls_as_reading_directly() {
        let (mut direct, mut how) = logged();
        let direct_result = script(
            Path::new("x"),
            &mut crate::load::Direct {
                sink: &mut direct,
                rows: how.rows.as_deref_mut(),
            },
        );
        let (mut piped, mut how) = logged();
        let piped_result = read(Path::new("x"), &mut piped, &mut how, script);
        assert_eq!(*piped.0.borrow(), *direct.0.borrow());
        assert_eq!(piped_result, direct_result);
        assert!(piped.0.borrow().contains(&"begin skip".to_string()));
        assert!(piped.0.borrow().contains(&"expect 5".to_string()));
    }

    /// A sink slower than the reader: a while every 32 rows.
    fn pace(index: u32) {
        if index.is_multiple_of(32) {
            std::thread::sleep(std::time::Duration::from_micros(100));
        }
    }

    /// What a sheet's work made of a row: the sheet it was given for, the
    /// row, and the thread it was made on. Notes the thread it is freed on.
    struct Made {
        sheet: String,
        index: u32,
        on: ThreadId,
        freed: Arc<Mutex<Vec<(ThreadId, ThreadId)>>>,
    }

    impl Drop for Made {
        fn drop(&mut self) {
            let here = std::thread::current().id();
            self.freed.lock().unwrap().push((self.on, here));
        }
    }

    use std::sync::Arc;

    /// Logs every row with its sheet, and has work for a sheet once it has
    /// seen three of its rows. Rows it is handed itself take a while, so
    /// the reader falls behind and does the work.
    #[derive(Default)]
    struct Sharing {
        sheet: String,
        seen: usize,
        log: Rc<RefCell<Vec<String>>>,
    }

    impl RowSink for Sharing {
        fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
            self.sheet = sheet.name.clone().unwrap_or_default();
            self.seen = 0;
            self.log.borrow_mut().push(format!("begin {}", self.sheet));
            self.sheet != "skip"
        }
        fn row(&mut self, row: RawRow) {
            pace(row.index);
            self.seen += 1;
            self.log
                .borrow_mut()
                .push(format!("row {} {}", self.sheet, row.index));
        }
        fn end_sheet(&mut self) {
            self.log.borrow_mut().push("end".into());
        }
    }

    /// The reading of a [`Sharing`] sink: its work, once it has any, tags
    /// each row with the sheet and the thread; what was made is logged,
    /// and the sheets the reader made some of are noted. `fail` makes the
    /// work panic on that row.
    fn sharing<'r>(
        log: Rc<RefCell<Vec<String>>>,
        by_reader: Rc<RefCell<std::collections::BTreeSet<String>>>,
        freed: Arc<Mutex<Vec<(ThreadId, ThreadId)>>>,
        fail: Option<u32>,
    ) -> Reading<'r, Sharing, Made> {
        let caller = std::thread::current().id();
        Reading::new().ahead(
            move |s: &Sharing| {
                if s.seen < 3 {
                    return None;
                }
                let sheet = s.sheet.clone();
                let freed = freed.clone();
                Some(move |row: &mut RawRow| {
                    assert!(Some(row.index) != fail, "shared work failed");
                    Made {
                        sheet: sheet.clone(),
                        index: row.index,
                        on: std::thread::current().id(),
                        freed: freed.clone(),
                    }
                })
            },
            move |made: &mut Made| {
                if made.on != caller {
                    by_reader.borrow_mut().insert(made.sheet.clone());
                } else {
                    pace(made.index);
                }
                log.borrow_mut()
                    .push(format!("row {} {}", made.sheet, made.index));
            },
        )
    }

    fn long_script(_: &Path, feed: &mut dyn Feed) -> Result<LoadNotes, LoadError> {
        for name in ["a", "skip", "b", "c", "d"] {
            let info = SheetInfo {
                name: Some(name.into()),
                hidden: false,
                findings: false,
            };
            if !feed.begin_sheet(&info) {
                continue;
            }
            // More batches than the channel holds, so the reader runs
            // into the sink's pace. The sink has work for sheet "c" only
            // after the reader has gone on to "d".
            let rows = if name == "c" {
                3
            } else {
                (BATCH * (DEPTH + 2 * BEHIND)) as u32 + 7
            };
            for i in 0..rows {
                feed.row(RawRow {
                    index: i,
                    cells: vec![(0, RawCell::Number(f64::from(i)))],
                });
            }
            feed.end_sheet();
        }
        Ok(LoadNotes::default())
    }

    #[test]
    fn a_sink_behind_has_its_work_done_by_the_reader_and_freed_there() {
        let mut direct = Sharing::default();
        let mut feed = crate::load::Direct {
            sink: &mut direct,
            rows: None,
        };
        long_script(Path::new("x"), &mut feed).unwrap();
        let mut piped = Sharing::default();
        let by_reader = Rc::default();
        let freed = Arc::default();
        let mut how = sharing(
            piped.log.clone(),
            Rc::clone(&by_reader),
            Arc::clone(&freed),
            None,
        );
        read(Path::new("x"), &mut piped, &mut how, long_script).unwrap();
        drop(how);
        assert_eq!(*piped.log.borrow(), *direct.log.borrow());
        assert_eq!(Vec::from_iter(by_reader.borrow().clone()), ["a", "b", "d"]);
        assert!(piped.log.borrow().contains(&"row c 2".to_string()));
        // Made on either thread, what was made is freed on the reader's
        // while it runs (after it, here).
        let caller = std::thread::current().id();
        let freed = freed.lock().unwrap();
        let rows = (BATCH * (DEPTH + 2 * BEHIND)) + 7;
        assert_eq!(freed.len(), 3 * (rows - BATCH), "all but the first batches");
        assert!(
            freed
                .iter()
                .any(|(made, on)| *made == caller && *on != caller)
        );
    }

    #[test]
    fn a_panic_in_work_done_by_the_reader_reaches_the_caller() {
        let mut sink = Sharing::default();
        let mut how = sharing(sink.log.clone(), Rc::default(), Arc::default(), Some(5000));
        let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read(Path::new("x"), &mut sink, &mut how, long_script)
        }))
        .expect_err("the reader's panic is resumed here");
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"shared work failed"));
    }
}
