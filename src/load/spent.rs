//! Rows and texts given back to the thread that read them. When a big file
//! is read on a thread of its own (`pipe`), every cell's text is allocated
//! there and let go on the checking thread. mimalloc frees a block another
//! thread allocated by putting it on a list its owner must collect: on a
//! 100k-row csv, allocating and collecting were a fifth of the reading
//! thread, which is the slower of the two. Whoever is done with a row or a
//! text read from a file lets go of it here; on a checking thread (marked
//! with [`collect`]) it is kept, and the pipe sends each batch's worth back
//! to the reader, which frees it where it was allocated. Anywhere else it is
//! simply dropped.

use super::RawRow;
use std::cell::RefCell;

/// What a checking thread let go of since it was last taken.
#[derive(Debug, Default)]
pub(super) struct Spent {
    texts: Vec<String>,
    rows: Vec<RawRow>,
}

impl Spent {
    pub(super) fn is_empty(&self) -> bool {
        self.texts.is_empty() && self.rows.is_empty()
    }
}

thread_local! {
    static SPENT: RefCell<Option<Spent>> = const { RefCell::new(None) };
}

/// Let go of a text read from a file.
pub fn let_go(text: String) {
    if text.capacity() == 0 {
        return;
    }
    SPENT.with(|spent| match spent.borrow_mut().as_mut() {
        Some(spent) => spent.texts.push(text),
        None => drop(text),
    });
}

/// Let go of a row read from a file, with the cells still in it.
pub fn let_go_row(row: RawRow) {
    SPENT.with(|spent| match spent.borrow_mut().as_mut() {
        Some(spent) => spent.rows.push(row),
        None => drop(row),
    });
}

/// Keeps what this thread lets go of until the guard is dropped; [`take`]
/// hands it over.
pub(super) fn collect() -> Collecting {
    SPENT.with(|spent| *spent.borrow_mut() = Some(Spent::default()));
    Collecting(())
}

pub(super) struct Collecting(());

/// Whether this thread keeps what it lets go of.
#[cfg(test)]
pub(super) fn is_collecting() -> bool {
    SPENT.with(|spent| spent.borrow().is_some())
}

impl Collecting {
    /// What was let go of since the last call.
    pub(super) fn take(&self) -> Spent {
        SPENT.with(|spent| {
            spent
                .borrow_mut()
                .as_mut()
                .map(std::mem::take)
                .unwrap_or_default()
        })
    }
}

impl Drop for Collecting {
    fn drop(&mut self) {
        // Anything still kept is freed here.
        SPENT.with(|spent| *spent.borrow_mut() = None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::RawCell;

    fn row(text: &str) -> RawRow {
        RawRow {
            index: 0,
            cells: vec![(0, RawCell::Text(text.into()))],
        }
    }

    #[test]
    fn kept_only_while_collecting() {
        let_go("before".into());
        {
            let guard = collect();
            let_go("a".into());
            let_go(String::new());
            let_go_row(row("b"));
            let spent = guard.take();
            assert_eq!(spent.texts, ["a"]);
            assert_eq!(spent.rows, [row("b")]);
            assert!(guard.take().is_empty());
            let_go("c".into());
        }
        let_go("after".into());
        assert!(!is_collecting());
        let guard = collect();
        assert!(guard.take().is_empty());
    }
}
