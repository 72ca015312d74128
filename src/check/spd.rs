//! The pemda's SPD sheet -> its SPD points. One row per SPD indicator
//! (template `[[spd]]`): its number or name, its value and its evidence.
//! A value becomes a tier (1..3) by the indicator's rule; a row scores
//! weight x tier, and counts in the verified SPD only with evidence, as
//! the SID indicators do. Rows are given already read; no I/O here.

use crate::diag::{Code, Finding, Location};
use crate::load::{RawRow, RowSink, SheetInfo};
use crate::template::{SpdIndicator, Template, fold};

/// The rows of every sheet of a file, in order (an SPD sheet is small).
#[derive(Debug, Default)]
pub struct SheetRows {
    pub sheets: Vec<(Option<String>, Vec<RawRow>)>,
}

impl RowSink for SheetRows {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        if sheet.hidden {
            return false;
        }
        self.sheets.push((sheet.name.clone(), Vec::new()));
        true
    }
    fn row(&mut self, row: RawRow) {
        if let Some((_, rows)) = self.sheets.last_mut() {
            rows.push(row);
        }
    }
    fn end_sheet(&mut self) {}
}

/// The SPD points of a sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SpdScore {
    /// Every value given.
    pub claimed: f64,
    /// Only values with evidence: what the estimate uses.
    pub verified: f64,
}

/// The columns of the header row: (indikator, nilai, bukti).
fn header(t: &Template, row: &RawRow) -> Option<(u32, u32, Option<u32>)> {
    let col = |which: usize| {
        row.cells
            .iter()
            .find(|(_, c)| t.spd_columns[which].contains(&fold(&c.display())))
            .map(|(col, _)| *col)
    };
    Some((col(0)?, col(1)?, col(2)))
}

/// The indicator a row's first cell names: its number ("2a", "2a."), its
/// name or an alias, after folding.
fn indicator<'t>(t: &'t Template, text: &str) -> Option<&'t SpdIndicator> {
    let f = fold(text);
    if f.is_empty() {
        return None;
    }
    if let Some(i) = t.spd.iter().find(|i| i.folded.contains(&f)) {
        return Some(i);
    }
    let first = fold(text.split_whitespace().next()?);
    t.spd.iter().find(|i| fold(&i.no) == first)
}

/// Score the SPD sheet of `file`: the first sheet with a header row naming
/// an indicator column and a value column.
pub fn score(t: &Template, file: &str, rows: &SheetRows) -> (SpdScore, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut total = SpdScore::default();
    let scan = t.settings.header_scan_rows as usize;
    let found = rows.sheets.iter().find_map(|(sheet, rows)| {
        rows.iter()
            .take(scan)
            .enumerate()
            .find_map(|(i, r)| header(t, r).map(|h| (sheet, i, h, r)))
            .map(|(sheet, i, h, head)| (sheet, &rows[i + 1..], h, head))
    });
    let Some((sheet, data, (ind_col, val_col, ev_col), head)) = found else {
        return (total, findings);
    };
    let header_text = |col: u32| head.get(col).map(|c| c.display()).unwrap_or_default();
    let mut filled = vec![false; t.spd.len()];
    for r in data {
        let Some(ind) = r.get(ind_col).and_then(|c| indicator(t, &c.display())) else {
            continue;
        };
        let ii = t
            .spd
            .iter()
            .position(|x| std::ptr::eq(x, ind))
            .expect("an indicator");
        let value = r.get(val_col).map(|c| c.display()).unwrap_or_default();
        let value = value.trim();
        // The first row with a value counts: an indicator written twice is
        // not scored twice.
        if value.is_empty() || filled[ii] {
            continue;
        }
        let loc = |col: u32| Location {
            file: file.to_string(),
            sheet: sheet.clone(),
            row: Some(r.index.saturating_add(1)),
            col: Some(col),
            header: Some(header_text(col)),
        };
        let named = |f: Finding| f.field("spd").arg("no", &ind.no).arg("name", &ind.name);
        // Written, readable or not: an unreadable value is S001, not S002 too.
        filled[ii] = true;
        let Some(tier) = ind.tier(value) else {
            findings.push(named(Finding::new(Code::S001, loc(val_col)).value(value)));
            continue;
        };
        let points = ind.weight * f64::from(tier);
        total.claimed += points;
        let evidence = ev_col
            .and_then(|c| r.get(c))
            .is_some_and(|c| !c.display().trim().is_empty());
        if evidence {
            total.verified += points;
        } else {
            findings.push(named(
                Finding::new(Code::S003, loc(ev_col.unwrap_or(val_col)))
                    .value(value)
                    .number("points", "points_en", points, crate::diag::decimals(points)),
            ));
        }
    }
    for (ind, filled) in t.spd.iter().zip(&filled) {
        if ind.mandatory && !filled {
            let loc = Location {
                file: file.to_string(),
                sheet: sheet.clone(),
                row: None,
                col: None,
                header: None,
            };
            findings.push(
                Finding::new(Code::S002, loc)
                    .field("spd")
                    .value(&ind.no)
                    .arg("no", &ind.no)
                    .arg("name", &ind.name),
            );
        }
    }
    (total, findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::RawCell;

    fn t() -> Template {
        Template::builtin("iid-2026").unwrap().unwrap()
    }

    fn row(index: u32, cells: &[&str]) -> RawRow {
        RawRow {
            index,
            cells: cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_empty())
                .map(|(i, c)| (i as u32, RawCell::Text(c.to_string())))
                .collect(),
        }
    }

    fn sheet(rows: &[&[&str]]) -> SheetRows {
        SheetRows {
            sheets: vec![(
                Some("SPD".into()),
                rows.iter()
                    .enumerate()
                    .map(|(i, r)| row(i as u32, r))
                    .collect(),
            )],
        }
    }

    #[test]
    fn the_template_spd_adds_up_to_63() {
        let t = t();
        assert_eq!(t.spd.len(), 20);
        let weights: f64 = t.spd.iter().map(|i| i.weight).sum();
        assert_eq!(weights * 3.0, t.scoring.as_ref().unwrap().spd_max);
    }

    #[test]
    fn values_become_tiers_by_the_section_3_2_thresholds() {
        let t = t();
        let tier = |no: &str, v: &str| t.spd.iter().find(|i| i.no == no).unwrap().tier(v);
        // Opini BPK: TMP/TW / WDP / WTP.
        assert_eq!(tier("8", "WTP"), Some(3));
        assert_eq!(tier("8", "Wajar Dengan Pengecualian"), Some(2));
        assert_eq!(tier("8", "2"), Some(2));
        assert_eq!(tier("8", "baik"), None);
        // Perizinan, higher is better: <= -50.32 / between / >= 8.17 (%).
        assert_eq!(tier("3", "-60"), Some(1));
        assert_eq!(tier("3", "8,17 %"), Some(3));
        assert_eq!(tier("3", "1.5"), Some(2));
        // TPT, lower is better: >= 5.91 / between / <= 2.35.
        assert_eq!(tier("5b", "6,2"), Some(1));
        assert_eq!(tier("5b", "2.1"), Some(3));
        assert_eq!(tier("5b", "4"), Some(2));
        assert_eq!(tier("5b", "tinggi"), None);
    }

    #[test]
    fn an_indicator_written_twice_is_scored_once() {
        let t = t();
        let rows = sheet(&[
            &["No", "Indikator", "Nilai", "Bukti"],
            &["8", "Opini BPK", "WTP", "lhp-bpk.pdf"],
            &["8", "Opini BPK", "WTP", "lhp-bpk.pdf"],
        ]);
        let (s, _) = score(&t, "spd.xlsx", &rows);
        assert_eq!((s.claimed, s.verified), (4.5, 4.5));
    }

    #[test]
    fn a_sheet_scores_with_evidence_and_names_what_is_missing() {
        let t = t();
        let rows = sheet(&[
            &["SPD Kabupaten Uji 2026"],
            &["No", "Indikator", "Nilai", "Bukti"],
            &["1", "Visi dan Misi", "Visi dan misi", "rpjmd.pdf"],
            &["8", "Opini BPK", "WTP", "lhp-bpk.pdf"],
            // No evidence: claimed, not verified (S003).
            &["5b", "TPT", "4,1", ""],
            // Cannot be read (S001).
            &["9", "LAKIP", "bagus", "lakip.pdf"],
            &["11b", "IPM", "72,5", "ipm.pdf"],
        ]);
        let (s, f) = score(&t, "spd.xlsx", &rows);
        // 1 x 3 + 1.5 x 3 + 0.75 x 2 (claimed only) + 0.75 x 2.
        assert_eq!(s.claimed, 3.0 + 4.5 + 1.5 + 1.5);
        assert_eq!(s.verified, 3.0 + 4.5 + 1.5);
        let codes: Vec<(Code, Option<String>)> =
            f.iter().map(|f| (f.code, f.value.clone())).collect();
        assert!(
            codes.contains(&(Code::S003, Some("4,1".into()))),
            "{codes:?}"
        );
        assert!(
            codes.contains(&(Code::S001, Some("bagus".into()))),
            "{codes:?}"
        );
        // Mandatory ones not filled: 3, 4, 5a, 6, 7, 10a, 10b, 11a (9 was
        // written, unreadably: S001 only).
        let s002: Vec<&str> = f
            .iter()
            .filter(|f| f.code == Code::S002)
            .map(|f| f.value.as_deref().unwrap())
            .collect();
        assert_eq!(s002, ["3", "4", "5a", "6", "7", "10a", "10b", "11a"]);
        // The S001 cell is where the value is.
        let s001 = f.iter().find(|f| f.code == Code::S001).unwrap();
        assert_eq!(s001.location.cell().as_deref(), Some("SPD!C6"));
    }
}
