//! Reading a big file on a thread of its own. A workbook's rows come out of
//! inflating and parsing XML (a CSV's out of splitting and decoding), which
//! costs about as much as normalizing and checking them; on two cores the
//! two halves overlap, so one big file takes about as long as the slower
//! half instead of both. Rows cross in batches through a bounded channel,
//! so only a few batches are ever in flight, and the sink sees exactly the
//! calls it would see reading directly, in the same order.

use super::spent::{self, Spent};
use super::{LoadError, LoadNotes, RawRow, RowSink, SheetInfo};
use std::path::Path;
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

/// Whether `path` is big enough, and the machine has a core to spare.
pub(super) fn worth_it(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() >= MIN_BYTES)
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

enum Msg {
    Begin(SheetInfo),
    Expect(u32),
    Rows(Vec<RawRow>),
    End,
}

/// The reader thread's sink: forwards every call to the caller's thread.
struct Forward {
    tx: mpsc::SyncSender<Msg>,
    answers: mpsc::Receiver<bool>,
    /// Rows and texts the caller is done with, to be freed here.
    spent: mpsc::Receiver<Spent>,
    batch: Vec<RawRow>,
}

impl Forward {
    fn flush(&mut self) {
        while let Ok(spent) = self.spent.try_recv() {
            drop(spent);
        }
        if !self.batch.is_empty() {
            let rows = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
            // A closed channel means the caller stopped (it panicked): the
            // rows have nowhere to go.
            let _ = self.tx.send(Msg::Rows(rows));
        }
    }
}

impl RowSink for Forward {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        self.flush();
        if self.tx.send(Msg::Begin(sheet.clone())).is_err() {
            return false;
        }
        // The caller decides whether the sheet is read at all.
        self.answers.recv().unwrap_or(false)
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
pub(super) fn read(
    path: &Path,
    sink: &mut dyn RowSink,
    read: fn(&Path, &mut dyn RowSink) -> Result<LoadNotes, LoadError>,
) -> Result<LoadNotes, LoadError> {
    let (tx, rx) = mpsc::sync_channel(DEPTH);
    let (answer, answers) = mpsc::channel();
    let (give_back, spent) = mpsc::channel();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut forward = Forward {
                tx,
                answers,
                spent,
                batch: Vec::with_capacity(BATCH),
            };
            let result = read(path, &mut forward);
            forward.flush();
            result
        });
        let collecting = spent::collect();
        // Ends when the reader is done and its sender dropped.
        for msg in rx {
            match msg {
                Msg::Begin(info) => {
                    let _ = answer.send(sink.begin_sheet(&info));
                }
                Msg::Expect(rows) => sink.expect_rows(rows),
                Msg::Rows(rows) => {
                    for row in rows {
                        sink.row(row);
                    }
                    let spent = collecting.take();
                    if !spent.is_empty() {
                        // Once the reader is done, what it cannot take is
                        // freed here.
                        let _ = give_back.send(spent);
                    }
                }
                Msg::End => sink.end_sheet(),
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
        let piped_result = read(Path::new("x"), &mut piped, script);
        let collected = piped.0.iter().filter(|c| *c == "collecting").count();
        piped.0.retain(|c| c != "collecting");
        assert_eq!(collected, 2 * (BATCH * 3 + 7));
        assert!(!spent::is_collecting());
        assert_eq!(piped.0, direct.0);
        assert_eq!(piped_result, direct_result);
        assert!(piped.0.contains(&"begin skip".to_string()));
        assert!(piped.0.contains(&"expect 5".to_string()));
    }
}
