//! LAN's Laboratorium Inovasi idea lists: the groups under title rows
//! ("Laboratorium Inovasi Pemerintah Kota Yogyakarta (120 Ide Inovasi)"),
//! which give the pemda of the ideas under them, and the count each title
//! states against the ideas read under it (L001).

use std::sync::Arc;

use crate::diag::{Finding, Location};

use super::Sink;

/// The group being read, and what its title said.
struct Group {
    sheet: Option<Arc<str>>,
    row: u32,
    title: String,
    pemda: String,
    stated: Option<u32>,
    read: u32,
    /// The row of the last idea read.
    last: Option<u32>,
}

/// The title-row groups of one file, in reading order.
#[derive(Default)]
pub(crate) struct Groups {
    open: Option<Group>,
}

impl Groups {
    /// A title row opens a group, closing the one before it.
    pub fn title(
        &mut self,
        file: &str,
        sink: &mut Sink,
        (sheet, row, title, pemda, stated): (Option<Arc<str>>, u32, String, String, Option<u32>),
    ) {
        self.close(file, sink);
        self.open = Some(Group {
            sheet,
            row,
            title,
            pemda,
            stated,
            read: 0,
            last: None,
        });
    }

    /// A header on another sheet ends the group.
    pub fn header(&mut self, file: &str, sheet: Option<&Arc<str>>, sink: &mut Sink) {
        if self
            .open
            .as_ref()
            .is_some_and(|g| g.sheet.as_ref() != sheet)
        {
            self.close(file, sink);
        }
    }

    /// The pemda of the record at `row` of `sheet`: its group's, counted
    /// there. Blank rows after a group's ideas end it (LAN leaves blank
    /// rows between pemda; the loader passes no blank row, so they show
    /// as a gap in the row numbers); between the title and the first
    /// idea they do not.
    pub fn record(
        &mut self,
        file: &str,
        sheet: Option<&Arc<str>>,
        row: u32,
        sink: &mut Sink,
    ) -> Option<String> {
        if self
            .open
            .as_ref()
            .is_some_and(|g| g.last.is_some_and(|last| row > last + 1))
        {
            self.close(file, sink);
        }
        let g = self.open.as_mut().filter(|g| g.sheet.as_ref() == sheet)?;
        g.read += 1;
        g.last = Some(row);
        Some(g.pemda.clone())
    }

    /// Close the open group: its stated count against the ideas read.
    pub fn close(&mut self, file: &str, sink: &mut Sink) {
        let Some(g) = self.open.take() else { return };
        let Some(stated) = g.stated else { return };
        if stated == g.read {
            return;
        }
        let loc = Location {
            file: file.to_string(),
            sheet: g.sheet.as_deref().map(str::to_string),
            row: Some(g.row),
            col: None,
            header: None,
        };
        sink.push(
            Finding::new("L001", loc)
                .value(&g.title)
                .arg("pemda", &g.pemda)
                .arg("stated", stated)
                .arg("read", g.read),
        );
    }
}
