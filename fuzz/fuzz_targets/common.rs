#![allow(dead_code)] // each target uses part of it
//! Shared by the loader targets: write the input to a file (the loader reads
//! paths) and push it through loading and normalizing.

use bimtek::load::{self, RawRow, RowSink, SheetInfo};
use bimtek::normalize::Normalizer;
use bimtek::template::Template;
use std::path::PathBuf;
use std::sync::OnceLock;

pub fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| Template::builtin("iid-2026").unwrap().unwrap())
}

/// One temporary folder per fuzzing process; each input overwrites the file.
pub fn path(name: &str) -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap())
        .path()
        .join(name)
}

/// Checks the loader's promises to its sink while passing rows on.
struct Strict<'a, S: RowSink> {
    inner: &'a mut S,
    open: bool,
}

impl<S: RowSink> RowSink for Strict<'_, S> {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        assert!(!self.open, "sheets do not nest");
        self.open = self.inner.begin_sheet(sheet);
        self.open
    }
    fn row(&mut self, row: RawRow) {
        assert!(self.open, "a row outside a sheet");
        assert!(row.cells.is_sorted_by_key(|(c, _)| *c), "cells sorted");
        self.inner.row(row);
    }
    fn end_sheet(&mut self) {
        self.open = false;
        self.inner.end_sheet();
    }
}

/// Load `bytes` saved as `name`, normalizing every row with the shipped template.
pub fn load(name: &str, bytes: &[u8]) {
    load_with(name, bytes, false);
}

/// The same through the portal-download reader, which also takes HTML tables.
pub fn load_export(name: &str, bytes: &[u8]) {
    load_with(name, bytes, true);
}

fn load_with(name: &str, bytes: &[u8], html_tables: bool) {
    let path = path(name);
    std::fs::write(&path, bytes).unwrap();
    let mut events = 0usize;
    let mut norm = Normalizer::new(template(), "fuzz", |_| events += 1);
    let mut strict = Strict {
        inner: &mut norm,
        open: false,
    };
    let how = load::Reading::new();
    let how = if html_tables { how.html_tables() } else { how };
    let _ = load::read(&path, &mut strict, how);
}
