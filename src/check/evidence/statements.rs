//! Statements made from normalize's rows (a long evidence sheet's rows,
//! a profile row's `Indikator N` cells), and attached to the innovations
//! they are about.

use crate::check::{Innovation, Sink};
use crate::diag::{Code, Finding};
use crate::normalize::{EvidenceCell, EvidenceRow, HeaderMap, Record};
use crate::outcome::{Parts, Statement, StatementSheet};
use crate::template::{EvidenceKey, WideKind, fold};
use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

/// Makes the statements of one file: those of a sheet share one
/// [`StatementSheet`] (the file, the sheet, its evidence columns' headers),
/// and each statement's parts are written in one buffer, then copied into
/// the statement in one allocation.
#[derive(Debug)]
pub struct StatementMaker {
    file: Arc<str>,
    sheet: Option<Arc<StatementSheet>>,
    parts: Parts,
    number: String,
}

impl StatementMaker {
    /// For the file `file` (as displayed), shared by its statements.
    pub fn new(file: &str) -> Self {
        StatementMaker {
            file: Arc::from(file),
            sheet: None,
            parts: Parts::default(),
            number: String::new(),
        }
    }

    /// A sheet's header was read: its rows' statements find their
    /// headers in its evidence columns.
    pub fn header(&mut self, sheet: Option<&Arc<str>>, header: &HeaderMap) {
        let headers = header
            .columns
            .iter()
            .filter(|c| c.evidence.is_some() || c.wide.is_some())
            .map(|c| (c.col, Arc::from(c.header.as_str())));
        self.sheet = Some(Arc::new(StatementSheet::new(
            self.file.clone(),
            sheet.cloned(),
            headers,
        )));
    }

    /// The sheet for a row of `sheet` with `cells` (a long layout's row:
    /// of `agency`): the last one when it is that sheet, knows each cell's
    /// header and has an agency if asked, else one that adds them (a
    /// header not told, or told otherwise: the cells say; the agency: the
    /// sheet's first row's).
    fn sheet_for<'c>(
        &mut self,
        sheet: &Option<Arc<str>>,
        cells: impl Iterator<Item = &'c EvidenceCell> + Clone,
        agency: Option<&str>,
    ) -> Arc<StatementSheet> {
        let knows = |s: &StatementSheet| {
            s.sheet == *sheet
                && (agency.is_none() || s.agency().is_some())
                && cells
                    .clone()
                    .all(|c| s.header(c.col).is_some_and(|h| **h == *c.header))
        };
        match &self.sheet {
            Some(s) if knows(s) => s.clone(),
            last => {
                let last = last.as_ref().filter(|s| s.sheet == *sheet);
                let mut headers: Vec<(u32, Arc<str>)> =
                    last.map(|s| s.headers().to_vec()).unwrap_or_default();
                headers.extend(cells.map(|c| (c.col, c.header.clone())));
                let agency = last
                    .and_then(|s| s.agency().cloned())
                    .or_else(|| agency.map(Arc::from));
                let s = Arc::new(
                    StatementSheet::new(self.file.clone(), sheet.clone(), headers)
                        .with_agency(agency),
                );
                self.sheet = Some(s.clone());
                s
            }
        }
    }
}

fn push(parts: &mut Parts, key: EvidenceKey, c: &EvidenceCell) {
    match key {
        EvidenceKey::Date => parts.push_date(Some(c.col), &c.text, &c.raw),
        _ => parts.push(key, Some(c.col), &c.text),
    }
}

impl Statement {
    /// From a long-layout row.
    pub fn from_row(maker: &mut StatementMaker, r: &EvidenceRow) -> Statement {
        let cells = r.cells.iter().map(|(_, c)| c);
        let sheet = maker.sheet_for(&r.sheet, cells, Some(&r.agency));
        let parts = &mut maker.parts;
        parts.clear();
        if sheet.agency().is_none_or(|a| **a != *r.agency) {
            parts.push_agency(&r.agency);
        }
        for key in [
            EvidenceKey::Innovation,
            EvidenceKey::Indicator,
            EvidenceKey::Parameter,
            EvidenceKey::File,
            EvidenceKey::Date,
            EvidenceKey::Number,
            EvidenceKey::About,
        ] {
            if let Some(c) = r.get(key) {
                push(parts, key, c);
            }
        }
        Statement::new(sheet, r.row, parts)
    }

    /// From the wide cells of profile row `record`: one statement per
    /// indicator (of two cells of one indicator and kind, the later).
    pub fn from_wide(maker: &mut StatementMaker, record: &Record) -> Vec<Statement> {
        let mut by_indicator: BTreeMap<u32, [Option<&EvidenceCell>; 3]> = BTreeMap::new();
        for w in &record.wide {
            let cells = by_indicator.entry(w.indicator).or_default();
            let k = match w.kind {
                WideKind::Parameter => 0,
                WideKind::File => 1,
                WideKind::Date => 2,
            };
            cells[k] = Some(&w.cell);
        }
        let sheet = maker.sheet_for(&record.sheet, record.wide.iter().map(|w| &w.cell), None);
        by_indicator
            .into_iter()
            .map(|(no, [parameter, reference, date])| {
                maker.number.clear();
                write!(maker.number, "{no}").expect("a String takes any text");
                let parts = &mut maker.parts;
                parts.clear();
                parts.push(EvidenceKey::Indicator, None, &maker.number);
                for (key, cell) in [
                    (EvidenceKey::Parameter, parameter),
                    (EvidenceKey::File, reference),
                    (EvidenceKey::Date, date),
                ] {
                    if let Some(c) = cell {
                        push(parts, key, c);
                    }
                }
                Statement::new(sheet.clone(), record.row, parts)
            })
            .collect()
    }
}

/// Attach long-layout statements to innovations: by number within the same
/// file, else by folded name in the same file, then the same agency, then
/// anywhere when only one innovation has the name. Unmatched rows are E014.
pub(crate) fn attach(
    innovations: &mut [Innovation],
    statements: Vec<Statement>,
    sink: &mut Sink<'_>,
) {
    if statements.is_empty() {
        return;
    }
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, inn) in innovations.iter().enumerate() {
        by_name.entry(inn.name_key()).or_default().push(i);
        by_file.entry(inn.file()).or_default().push(i);
    }
    // Where each goes (`NONE`: nowhere), decided before any moves: a
    // statement moved twice would be held twice for a moment.
    const NONE: u32 = u32::MAX;
    let mut targets: Vec<u32> = Vec::with_capacity(statements.len());
    for s in &statements {
        let reference = s.innovation().map_or("", |p| p.text.trim());
        let in_file = by_file.get(&**s.file());
        let target = if let Ok(n) = reference.parse::<f64>() {
            (n.fract() == 0.0 && n >= 1.0)
                .then(|| in_file.and_then(|v| v.get(n as usize - 1)).copied())
                .flatten()
        } else {
            let key = fold(reference);
            by_name.get(key.as_str()).and_then(|cands| {
                let same_file = cands
                    .iter()
                    .find(|&&i| *innovations[i].file() == **s.file());
                let same_agency = || {
                    cands.iter().find(|&&i| {
                        fold(&innovations[i].agency) == fold(s.agency().unwrap_or_default())
                    })
                };
                same_file
                    .or_else(same_agency)
                    .or_else(|| (cands.len() == 1).then(|| &cands[0]))
                    .copied()
            })
        };
        match target {
            Some(i) => targets.push(i as u32),
            None => {
                targets.push(NONE);
                sink.push(
                    Finding::new(Code::E014, s.at(s.innovation()))
                        .value(reference)
                        .field(crate::template::roles::NAME),
                );
            }
        }
    }
    for (s, i) in statements.into_iter().zip(targets) {
        if i != NONE {
            innovations[i as usize].statements.push(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{innovation, template};
    use crate::load::RawCell;

    fn row(row: u32, agency: &str, name: &str) -> EvidenceRow {
        let cell = |col: u32, header: &str, text: &str| EvidenceCell {
            col,
            header: Arc::from(header),
            text: text.to_string(),
            raw: RawCell::Text(text.to_string()),
        };
        EvidenceRow {
            sheet: Some(Arc::from("Bukti")),
            row,
            agency: agency.to_string(),
            cells: vec![
                (EvidenceKey::Innovation, cell(0, "Nama Inovasi", name)),
                (EvidenceKey::Indicator, cell(1, "Indikator", "1")),
                (EvidenceKey::File, cell(3, "File", "sk.pdf")),
            ],
        }
    }

    /// Rows of one sheet naming an innovation of two agencies go to their
    /// own agency's (their sheet keeps the first row's agency, a row of
    /// another its own); one naming none is E014 at its innovation cell.
    #[test]
    fn long_rows_go_to_the_innovation_of_their_agency() {
        let t = template();
        let mut innovations = vec![
            innovation("a.xlsx", 2, "Dinas A", "Satu"),
            innovation("b.xlsx", 2, "Dinas B", "Satu"),
        ];
        let mut maker = StatementMaker::new("bukti.xlsx");
        let statements: Vec<Statement> = [
            row(2, "Dinas B", "Satu"),
            row(3, "Dinas A", "satu"),
            row(4, "Dinas B", "Dua"),
        ]
        .iter()
        .map(|r| Statement::from_row(&mut maker, r))
        .collect();
        assert_eq!(statements[1].agency(), Some("Dinas A"));
        let mut sink = Sink::new(&t);
        attach(&mut innovations, statements, &mut sink);
        let rows =
            |i: usize| -> Vec<u32> { innovations[i].statements.iter().map(|s| s.row).collect() };
        assert_eq!((rows(0), rows(1)), (vec![3], vec![2]));
        let s = &innovations[1].statements[0];
        assert_eq!(s.reference().unwrap().text, "sk.pdf");
        let at = s.at(s.reference());
        assert_eq!((at.col, at.header.as_deref()), (Some(3), Some("File")));
        let e014: Vec<_> = sink
            .findings
            .iter()
            .filter(|f| f.code == Code::E014)
            .collect();
        assert_eq!(e014.len(), 1);
        assert_eq!(e014[0].location.row, Some(4));
        assert_eq!(e014[0].location.header.as_deref(), Some("Nama Inovasi"));
    }
}
