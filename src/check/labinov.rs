//! LAN's Laboratorium Inovasi idea lists: the groups under title rows
//! ("Laboratorium Inovasi Pemerintah Kota Yogyakarta (120 Ide Inovasi)"),
//! which give the pemda of the ideas under them, and the count each title
//! states against the ideas read under it (L001).

use std::sync::Arc;

use crate::diag::{Code, Finding, Location, Say};

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
    /// The year its title names (L012).
    year: Option<i32>,
}

/// The title-row groups of one file, in reading order.
#[derive(Default)]
pub(crate) struct Groups {
    open: Option<Group>,
    /// Each well-formed idea code seen in the file: its sheet and row (L006).
    codes: std::collections::HashMap<String, (Option<String>, u32)>,
    /// The ideas with a stage, for comparing lists (L010).
    pub ideas: super::lablist::Ideas,
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
            year: super::lablist::title_year(&title),
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

    /// L006: a well-formed idea code (L004 tells the others) used by an
    /// earlier row of the same file, which it names.
    pub fn code(
        &mut self,
        t: &crate::template::Template,
        loc: &Location,
        r: &crate::normalize::Record,
        sink: &mut Sink,
    ) {
        let code =
            code_cell(t, r).filter(|(_, c)| code_fault(&t.settings.code_sources, &c.text).is_ok());
        self.ideas
            .note(t, loc, r, code.map(|(_, c)| c.text.as_str()));
        let Some((fi, cell)) = code else {
            return;
        };
        let year = self.open.as_ref().filter(|g| {
            g.sheet.as_deref() == r.sheet.as_deref() && g.last.is_none_or(|last| r.row <= last + 1)
        });
        super::lablist::code_year(t, loc, r, year.and_then(|g| g.year), (fi, cell), sink);
        let key = cell.text.split_whitespace().collect::<Vec<_>>().join(" ");
        match self.codes.entry(key) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((loc.sheet.clone(), r.row));
            }
            std::collections::hash_map::Entry::Occupied(e) => {
                let (sheet, row) = e.get();
                let other = match sheet {
                    Some(s) => Say::SheetRow.both(&[("sheet", s), ("row", row)]),
                    None => Say::RowAt.both(&[("row", row)]),
                };
                sink.push(
                    super::fields::finding(Code::L006, loc, r, &t.fields[fi], cell)
                        .words("other", "other_en", other),
                );
            }
        }
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
            Finding::new(Code::L001, loc)
                .value(&g.title)
                .arg("pemda", &g.pemda)
                .arg("stated", stated)
                .arg("read", g.read),
        );
    }
}

/// L003: an idea launched (`tanggal_peluncuran`) before it was diagnosed
/// (`tanggal_diagnose`), when both are recorded: one of the dates is wrong.
/// Ordered only as finely as the coarser of the two dates.
pub(super) fn launch_before_diagnose(
    t: &crate::template::Template,
    loc: &Location,
    r: &crate::normalize::Record,
    sink: &mut Sink,
) {
    use super::dates::{at_precision, coarser, dated};
    let diagnose = t.roles.diagnosed;
    let launch = t.roles.launched;
    if let (Some((d, dp)), Some((l, lp))) = (dated(r, diagnose), dated(r, launch))
        && at_precision(l, coarser(dp, lp)) < at_precision(d, coarser(dp, lp))
        && let Some(fi) = launch
        && let Some(cell) = r.cell(fi)
    {
        sink.push(
            super::fields::finding(Code::L003, loc, r, &t.fields[fi], cell)
                .arg("diagnose", crate::normalize::date::portal_format(d)),
        );
    }
}

/// What is wrong with a LAN idea code (`YY SRC LLnn BBB NNN`: year,
/// source, location, urusan, running number; kipp.md 2.3): the first part
/// that is not as the scheme says, in the catalogue's words; `Ok(true)`
/// when the urusan part is the placeholder `...`.
fn code_fault(sources: &[String], code: &str) -> Result<bool, Say> {
    let parts: Vec<&str> = code.split_whitespace().collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let upper = |s: &str| s.bytes().all(|b| b.is_ascii_uppercase());
    if parts.len() != 5 {
        return Err(Say::CodeNotFiveParts);
    }
    if !digits(parts[0], 2) {
        return Err(Say::CodeYear);
    }
    if !sources.iter().any(|s| s == parts[1]) {
        return Err(Say::CodeSource);
    }
    let loc = parts[2];
    if !(loc.len() == 4 && upper(&loc[..2]) && digits(&loc[2..], 2)) {
        return Err(Say::CodeLocation);
    }
    let placeholder = parts[3] == "...";
    let urusan = parts[3].len() == 3 && upper(parts[3]);
    if !(placeholder || urusan) {
        return Err(Say::CodeUrusan);
    }
    if !digits(parts[4], 3) {
        return Err(Say::CodeNumber);
    }
    Ok(placeholder)
}

/// The idea code of a row, with its field, when the template checks codes
/// (names their sources) and the cell holds one.
fn code_cell<'r>(
    t: &crate::template::Template,
    r: &'r crate::normalize::Record,
) -> Option<(usize, &'r crate::normalize::FieldCell)> {
    if t.settings.code_sources.is_empty() {
        return None;
    }
    let fi = t.roles.code?;
    r.cell(fi)
        .filter(|c| !c.text.trim().is_empty())
        .map(|c| (fi, c))
}

/// L004 (a code not in LAN's scheme) and L005 (the urusan part left as
/// `...`), when the template names the sources (`code_sources`).
pub(super) fn idea_code(
    t: &crate::template::Template,
    loc: &Location,
    r: &crate::normalize::Record,
    sink: &mut Sink,
) {
    let Some((fi, cell)) = code_cell(t, r) else {
        return;
    };
    let found = match code_fault(&t.settings.code_sources, &cell.text) {
        Ok(false) => return,
        Ok(true) => super::fields::finding(Code::L005, loc, r, &t.fields[fi], cell),
        Err(why) => super::fields::finding(Code::L004, loc, r, &t.fields[fi], cell).say(
            "why",
            "why_en",
            why,
            &[],
        ),
    };
    sink.push(found);
}

#[cfg(test)]
mod tests {
    use super::code_fault;

    #[test]
    fn lan_codes_are_read_part_by_part() {
        let src: Vec<String> = ["LI", "DI", "PP4"].map(String::from).into();
        assert_eq!(code_fault(&src, "15 LI YO05 KIF 001"), Ok(false));
        assert_eq!(code_fault(&src, "16 LI JT20 ... 001"), Ok(true));
        assert!(
            code_fault(&src, "15 LI YO5 AKP 013").is_err(),
            "a dropped zero"
        );
        assert!(code_fault(&src, "16 LI KL10").is_err(), "cut short");
        assert!(code_fault(&src, "16 XX KL10 KIF 001").is_err());
        assert!(code_fault(&src, "2016 LI KL10 KIF 001").is_err());
        assert!(code_fault(&src, "16 LI KL10 KI 001").is_err());
        assert!(code_fault(&src, "16 LI KL10 KIF 1").is_err());
    }
}
