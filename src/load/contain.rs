//! Containment: a panic while a file is read becomes that file's damage
//! ([`LoadError::Corrupt`] with [`Damage::Other`], finding F001), so one
//! malformed file never ends the run and loses every other file's report.
//! Every reader runs inside it, bimtek's own (xlsx, CSV, HTML) and
//! calamine: calamine panics on some malformed files (a cell reference
//! such as `ZZZZZZZZZZ6` overflows its arithmetic), and our own readers are
//! held to the same rule.
//!
//! The sink the rows go to is not the reader: its code runs through
//! [`Outside`], and a panic there (a bug in normalize or check) goes on
//! unwinding as it would without containment, its message printed.

use super::{Damage, Feed, LoadError, RawRow, SheetInfo};
use crate::diag::quiet::{self, Payload};
use std::panic;

/// A panic raised by the sink, carried through [`contain`] untouched.
struct SinkPanic(Payload);

/// Run a reader, turning a panic in it into a damaged-file error. The
/// default panic message is kept off stderr for these.
pub(super) fn contain<T>(f: impl FnOnce() -> Result<T, LoadError>) -> Result<T, LoadError> {
    let outer = quiet::is_quiet();
    quiet::quietly(f).unwrap_or_else(|payload| {
        let payload = match payload.downcast::<SinkPanic>() {
            // An enclosing `contain` passes it on too; the outermost
            // resumes the sink's own panic.
            Ok(sink) if outer => panic::resume_unwind(sink),
            Ok(sink) => panic::resume_unwind(sink.0),
            Err(payload) => payload,
        };
        Err(LoadError::Corrupt(
            Damage::Other,
            format!(
                "the spreadsheet reader failed: {}",
                quiet::message(&payload).unwrap_or_default()
            ),
        ))
    })
}

/// Run part of a reader on a thread of its own (one that inflates ahead of
/// the parser): a panic in it is caught, quietly, and its message given
/// back, for the reader to report as the file's damage.
pub(super) fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    quiet::quietly(f).map_err(|payload| quiet::message(&payload).unwrap_or_default().to_string())
}

/// Run sink code from inside [`contain`]: its panics are not the reader's.
fn outside<T>(f: impl FnOnce() -> T) -> T {
    let was = quiet::is_quiet();
    match quiet::aloud(f) {
        Ok(value) => value,
        Err(payload) if was => panic::resume_unwind(Box::new(SinkPanic(payload))),
        Err(payload) => panic::resume_unwind(payload),
    }
}

/// The sink, as a contained reader calls it.
pub(super) struct Outside<'s>(pub &'s mut dyn Feed);

impl Feed for Outside<'_> {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        outside(|| self.0.begin_sheet(sheet))
    }
    fn expect_rows(&mut self, rows: u32) {
        outside(|| self.0.expect_rows(rows));
    }
    fn row(&mut self, row: RawRow) {
        outside(|| self.0.row(row));
    }
    fn end_sheet(&mut self) {
        outside(|| self.0.end_sheet());
    }
}

/// A panic injected into bimtek's own xlsx reader when it starts the sheet
/// named by `BIMTEK_PANIC_IN_SHEET` (debug builds only), so that the tests
/// can show that a panic in it is contained.
#[cfg(debug_assertions)]
pub(super) fn injected(sheet: &str) {
    if std::env::var_os("BIMTEK_PANIC_IN_SHEET").is_some_and(|s| s == sheet) {
        panic!("injected into the reader of sheet {sheet}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::AssertUnwindSafe;

    struct Panicking;

    impl Feed for Panicking {
        fn begin_sheet(&mut self, _: &SheetInfo) -> bool {
            true
        }
        fn row(&mut self, _: RawRow) {
            panic!("the sink failed");
        }
        fn end_sheet(&mut self) {}
    }

    #[test]
    fn a_panic_in_the_reader_is_damage() {
        let result: Result<(), _> = contain(|| panic!("bad cell"));
        assert_eq!(
            result,
            Err(LoadError::Corrupt(
                Damage::Other,
                "the spreadsheet reader failed: bad cell".into()
            ))
        );
        // Nested: the inner one answers.
        let result: Result<(), _> = contain(|| contain(|| panic!("deep")));
        assert!(matches!(result, Err(LoadError::Corrupt(Damage::Other, _))));
    }

    #[test]
    fn a_panic_in_the_sink_goes_on_unwinding() {
        let mut sink = Panicking;
        let panic = panic::catch_unwind(AssertUnwindSafe(|| {
            contain(|| {
                contain(|| {
                    Outside(&mut sink).row(RawRow::default());
                    Ok(())
                })
            })
        }))
        .expect_err("the sink's panic is not contained");
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"the sink failed"));
    }
}
