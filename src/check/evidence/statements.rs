//! Statements made from normalize's rows (a long evidence sheet's rows,
//! a profile row's `Indikator N` cells), and attached to the innovations
//! they are about.

use crate::check::{Innovation, Sink};
use crate::diag::{Code, Finding};
use crate::normalize::{EvidenceCell, EvidenceRow, WideCell};
use crate::outcome::{DatePart, Part, Place, Statement};
use crate::template::{EvidenceKey, WideKind, fold};
use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;
use std::sync::Arc;

fn date_part(c: &EvidenceCell) -> Box<DatePart> {
    Box::new(DatePart {
        part: part(c),
        raw: c.raw.clone(),
    })
}

fn part(c: &EvidenceCell) -> Part {
    Part {
        text: c.text.clone(),
        col: Some(c.col),
        header: Some(c.header.clone()),
    }
}

impl Statement {
    /// From a long-layout row.
    pub fn from_row(file: &Arc<str>, r: &EvidenceRow) -> Statement {
        let date = r.get(EvidenceKey::Date);
        Statement {
            loc: Place {
                file: file.clone(),
                sheet: r.sheet.clone(),
                row: r.row,
            },
            agency: Arc::from(r.agency.as_str()),
            innovation: r.get(EvidenceKey::Innovation).map(|c| Box::new(part(c))),
            indicator: r.get(EvidenceKey::Indicator).map(part).unwrap_or(Part {
                text: String::new(),
                col: None,
                header: None,
            }),
            parameter: r.get(EvidenceKey::Parameter).map(part),
            reference: r.get(EvidenceKey::File).map(part),
            date: date.map(date_part),
            number: r.get(EvidenceKey::Number).map(|c| Box::new(part(c))),
            about: r.get(EvidenceKey::About).map(|c| Box::new(part(c))),
        }
    }

    /// From the wide cells of one profile row: one statement per indicator.
    pub fn from_wide(loc: &Place, agency: &Arc<str>, wide: &[WideCell]) -> Vec<Statement> {
        let mut by_indicator: BTreeMap<u32, Statement> = BTreeMap::new();
        for w in wide {
            let s = by_indicator
                .entry(w.indicator)
                .or_insert_with(|| Statement {
                    loc: loc.clone(),
                    agency: agency.clone(),
                    innovation: None,
                    indicator: Part {
                        text: w.indicator.to_string(),
                        col: None,
                        header: None,
                    },
                    parameter: None,
                    reference: None,
                    date: None,
                    number: None,
                    about: None,
                });
            match w.kind {
                WideKind::Parameter => s.parameter = Some(part(&w.cell)),
                WideKind::File => s.reference = Some(part(&w.cell)),
                WideKind::Date => s.date = Some(date_part(&w.cell)),
            }
        }
        by_indicator.into_values().collect()
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
    let mut targets: Vec<(usize, Statement)> = Vec::new();
    for s in statements {
        let reference = s
            .innovation
            .as_ref()
            .map(|p| p.text.trim().to_string())
            .unwrap_or_default();
        let in_file = by_file.get(&*s.loc.file);
        let target = if let Ok(n) = reference.parse::<f64>() {
            (n.fract() == 0.0 && n >= 1.0)
                .then(|| in_file.and_then(|v| v.get(n as usize - 1)).copied())
                .flatten()
        } else {
            let key = fold(&reference);
            by_name.get(key.as_str()).and_then(|cands| {
                let same_file = cands
                    .iter()
                    .find(|&&i| *innovations[i].file() == *s.loc.file);
                let same_agency = || {
                    cands
                        .iter()
                        .find(|&&i| fold(&innovations[i].agency) == fold(&s.agency))
                };
                same_file
                    .or_else(same_agency)
                    .or_else(|| (cands.len() == 1).then(|| &cands[0]))
                    .copied()
            })
        };
        match target {
            Some(i) => targets.push((i, s)),
            None => {
                let p = s.innovation.as_deref();
                sink.push(
                    Finding::new(Code::E014, s.at(p))
                        .value(&reference)
                        .field(crate::template::roles::NAME),
                );
            }
        }
    }
    for (i, s) in targets {
        innovations[i].statements.push(s);
    }
}
