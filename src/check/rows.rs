//! Fields against each other within one row: the trial before application,
//! and the dates a stage needs.

use super::Sink;
use super::fields::finding;
use crate::diag::{Finding, Location};
use crate::normalize::date::portal_format;
use crate::normalize::{DateValue, Record, Value};
use crate::template::Template;

pub(super) fn check(t: &Template, loc: &Location, r: &Record, sink: &mut Sink<'_>) {
    trial_before_application(t, loc, r, sink);
    stage_dates(t, loc, r, sink);
}

fn date_of(r: &Record, f: Option<usize>) -> Option<chrono::NaiveDate> {
    match r.cell(f?).map(|c| &c.value) {
        Some(Value::Date(DateValue::Ok(d, _))) => Some(*d),
        _ => None,
    }
}

fn trial_before_application(t: &Template, loc: &Location, r: &Record, sink: &mut Sink<'_>) {
    let uji = t.field_index("waktu_uji_coba");
    let pen = t.field_index("waktu_penerapan");
    if let (Some(u), Some(p)) = (date_of(r, uji), date_of(r, pen))
        && u > p
    {
        let fi = uji.expect("has date");
        let cell = r.cell(fi).expect("has date");
        sink.push(finding("D005", loc, &t.fields[fi], cell).arg("penerapan", portal_format(p)));
    }
}

fn stage_dates(t: &Template, loc: &Location, r: &Record, sink: &mut Sink<'_>) {
    for (fi, field) in t.fields.iter().enumerate() {
        let Some(cell) = r.cell(fi) else { continue };
        let Value::Enum { index, .. } = cell.value else {
            continue;
        };
        let chosen = &field.values[index];
        for &needed in &chosen.requires {
            let nf = &t.fields[needed];
            let missing = r.cell(needed).is_none_or(|c| c.value == Value::Empty);
            // A required field's emptiness is already R001 (or H002).
            if !missing || nf.required {
                continue;
            }
            let finding = match r.cell(needed) {
                Some(nc) => {
                    let mut l = loc.clone();
                    l.col = Some(nc.col);
                    l.header = Some(nc.header.to_string());
                    Finding::new("D006", l)
                }
                None => {
                    let mut l = loc.clone();
                    l.col = Some(cell.col);
                    l.header = Some(cell.header.to_string());
                    Finding::new("D006", l).value(&cell.text)
                }
            };
            sink.push(
                finding
                    .field(&nf.key)
                    .arg("stage", &chosen.value)
                    .arg("label", &nf.label)
                    .arg("label_en", &nf.label_en),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn d005_trial_after_application() {
        let t = template();
        let mut cells = clean_cells();
        cells.retain(|(k, _)| *k != "waktu_uji_coba");
        cells.push(("waktu_uji_coba", text("01/09/2024")));
        assert_eq!(codes(&t, &record(&t, &cells, &[])), ["D005"]);
        // Same day is fine.
        cells.retain(|(k, _)| *k != "waktu_uji_coba");
        cells.push(("waktu_uji_coba", text("01/06/2024")));
        assert!(codes(&t, &record(&t, &cells, &[])).is_empty());
    }

    #[test]
    fn d006_stage_needs_its_date() {
        let t = template();
        let mut cells = clean_cells();
        cells.retain(|(k, _)| *k != "waktu_penerapan");
        assert_eq!(codes(&t, &record(&t, &cells, &[])), ["D006"]);
        // Without the column at all, the finding points at the stage cell.
        assert_eq!(
            codes(&t, &record(&t, &cells, &["waktu_penerapan"])),
            ["D006"]
        );
        // Inisiatif needs no date.
        cells.retain(|(k, _)| *k != "tahapan");
        cells.push(("tahapan", text("Inisiatif")));
        assert!(codes(&t, &record(&t, &cells, &[])).is_empty());
    }
}
