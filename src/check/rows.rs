//! Fields against each other within one row: the trial before application,
//! the dates a stage needs, and the age a scheme asks of an innovation
//! (which a chosen value such as kelompok Replikasi may change).

use super::dates::{at_precision, coarser, dated};
use super::fields::finding;
use super::{CheckOptions, Sink};
use crate::diag::{Code, Finding, Lang, Location, Say};
use crate::normalize::date::portal_format;
use crate::normalize::{Record, Value};
use crate::template::Template;

pub(super) fn check(
    t: &Template,
    opts: &CheckOptions,
    loc: &Location,
    r: &Record,
    sink: &mut Sink<'_>,
) {
    trial_before_application(t, loc, r, sink);
    super::labinov::launch_before_diagnose(t, loc, r, sink);
    super::labinov::idea_code(t, loc, r, sink);
    super::lablist::future_launch(t, opts.as_of, loc, r, sink);
    stage_dates(t, loc, r, sink);
    age(t, opts, loc, r, sink);
}

/// D008: a date field with `min_age_years` must lie that many whole years
/// before --as-of. A chosen enum value with its own `min_age_years` (the
/// smallest, when several) replaces the field's.
fn age(t: &Template, opts: &CheckOptions, loc: &Location, r: &Record, sink: &mut Sink<'_>) {
    if !t.fields.iter().any(|f| f.min_age_years.is_some()) {
        return;
    }
    let chosen = t
        .fields
        .iter()
        .enumerate()
        .filter_map(|(fi, f)| match r.cell(fi).map(|c| &c.value) {
            Some(Value::Enum { index, .. }) => f.values[*index].min_age_years,
            _ => None,
        })
        .min();
    for (fi, field) in t.fields.iter().enumerate() {
        let Some(field_min) = field.min_age_years else {
            continue;
        };
        let min = chosen.unwrap_or(field_min);
        let Some(start) = date_of(r, Some(fi)) else {
            continue;
        };
        let latest = opts
            .as_of
            .checked_sub_months(chrono::Months::new(12 * min))
            .unwrap_or(chrono::NaiveDate::MIN);
        if start <= latest || start > opts.as_of {
            // Dates after --as-of are D004 already.
            continue;
        }
        let months = months_between(start, opts.as_of);
        // Years and months, each noun in the form its count needs.
        let age = |lang: Lang| {
            let said = |n, noun| format!("{n} {}", lang.noun(n as usize, noun));
            if months >= 12 {
                let (y, m) = (months / 12, months % 12);
                format!("{} {}", said(y, Say::YearNoun), said(m, Say::MonthNoun))
            } else {
                said(months, Say::MonthNoun)
            }
        };
        let (age, age_en) = (age(Lang::Id), age(Lang::En));
        let cell = r.cell(fi).expect("has a date");
        sink.push(
            finding(Code::D008, loc, r, field, cell)
                .arg("age", age)
                .arg("age_en", age_en)
                .arg("min", min)
                .arg("as_of", portal_format(opts.as_of))
                .arg("latest", portal_format(latest)),
        );
    }
}

/// Whole months from `a` to `b` (b >= a).
fn months_between(a: chrono::NaiveDate, b: chrono::NaiveDate) -> u32 {
    use chrono::Datelike;
    let mut m = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    if b.day() < a.day() {
        m -= 1;
    }
    m.max(0) as u32
}

fn date_of(r: &Record, f: Option<usize>) -> Option<chrono::NaiveDate> {
    dated(r, f).map(|(d, _)| d)
}

fn trial_before_application(t: &Template, loc: &Location, r: &Record, sink: &mut Sink<'_>) {
    let uji = t.roles.trial;
    let pen = t.roles.application;
    if let (Some((u, up)), Some((p, pp))) = (dated(r, uji), dated(r, pen))
        && at_precision(u, coarser(up, pp)) > at_precision(p, coarser(up, pp))
    {
        let fi = uji.expect("has date");
        let cell = r.cell(fi).expect("has date");
        sink.push(
            finding(Code::D005, loc, r, &t.fields[fi], cell).arg("penerapan", portal_format(p)),
        );
    }
}

fn stage_dates(t: &Template, loc: &Location, r: &Record, sink: &mut Sink<'_>) {
    for (fi, field) in t.fields.iter().enumerate() {
        let Some(cell) = r.cell(fi) else { continue };
        let Value::Enum { index, .. } = cell.value else {
            continue;
        };
        let chosen = &field.values[index];
        let named = chosen
            .requires
            .iter()
            .map(|&f| (f, true))
            .chain(chosen.recommends.iter().map(|&f| (f, false)));
        for (needed, must) in named {
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
                    l.header = Some(r.header_of(nc).to_string());
                    Finding::new(Code::D006, l)
                }
                None => {
                    let mut l = loc.clone();
                    l.col = Some(cell.col);
                    l.header = Some(r.header_of(cell).to_string());
                    Finding::new(Code::D006, l).value(&cell.text)
                }
            };
            let mut finding = finding
                .field(&nf.key)
                .arg("stage", &chosen.value)
                .arg("label", &nf.label)
                .arg("label_en", &nf.label_en);
            if !must {
                finding.severity = crate::diag::Severity::Warning;
            }
            sink.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::diag::Code;

    fn kipp_with(changes: &[(&'static str, crate::load::RawCell)]) -> Vec<Code> {
        let t = crate::template::Template::builtin("kipp-2026")
            .unwrap()
            .unwrap();
        codes_after(&t, kipp_clean(), changes)
    }

    #[test]
    fn d008_implementation_age_counts_back_from_as_of() {
        // --as-of 2026-11-24 in the tests; kelompok Umum needs 2 years.
        assert!(kipp_with(&[("tanggal_mulai", text("24/11/2024"))]).is_empty());
        assert_eq!(
            kipp_with(&[("tanggal_mulai", text("25/11/2024"))]),
            [Code::D008]
        );
        assert_eq!(
            kipp_with(&[("tanggal_mulai", text("01/06/2026"))]),
            [Code::D008]
        );
        // Replikasi needs only 1 year.
        assert!(
            kipp_with(&[
                ("tanggal_mulai", text("01/06/2025")),
                ("kelompok", text("Replikasi"))
            ])
            .is_empty()
        );
        assert_eq!(
            kipp_with(&[
                ("tanggal_mulai", text("01/06/2026")),
                ("kelompok", text("Replikasi"))
            ]),
            [Code::D008]
        );
    }

    #[test]
    fn months_between_counts_whole_months() {
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(super::months_between(d(2024, 11, 25), d(2026, 11, 24)), 23);
        assert_eq!(super::months_between(d(2024, 11, 24), d(2026, 11, 24)), 24);
        assert_eq!(super::months_between(d(2026, 6, 1), d(2026, 11, 24)), 5);
    }

    #[test]
    fn d005_trial_after_application() {
        let t = template();
        let mut cells = clean_cells();
        cells.retain(|(k, _)| *k != "waktu_uji_coba");
        cells.push(("waktu_uji_coba", text("01/09/2024")));
        assert_eq!(codes(&t, &record(&t, &cells, &[])), [Code::D005]);
        // Same day is fine.
        cells.retain(|(k, _)| *k != "waktu_uji_coba");
        cells.push(("waktu_uji_coba", text("01/06/2024")));
        assert!(codes(&t, &record(&t, &cells, &[])).is_empty());
        // A warning by default: the order rests on a GUESS.
        let f = findings_after(
            &t,
            clean_cells(),
            &[("waktu_uji_coba", text("01/09/2024"))],
            &[],
        );
        assert_eq!(f[0].severity, crate::diag::Severity::Warning);
    }

    #[test]
    fn d005_compares_only_at_the_coarser_precision() {
        let t = template();
        let with = |uji: &str, pen: &str| {
            codes_after(
                &t,
                clean_cells(),
                &[
                    ("waktu_uji_coba", text(uji)),
                    ("waktu_penerapan", text(pen)),
                ],
            )
            .into_iter()
            .filter(|c| *c == Code::D005)
            .count()
        };
        // Within the year (or month) the penerapan names: not after it.
        assert_eq!(with("01/02/2024", "2024"), 0);
        assert_eq!(with("20/05/2024", "Mei 2024"), 0);
        // A later year or month still is.
        assert_eq!(with("01/02/2025", "2024"), 1);
        assert_eq!(with("01/06/2024", "Mei 2024"), 1);
        assert_eq!(with("2025", "01/06/2024"), 1);
    }

    #[test]
    fn d006_stage_needs_its_date() {
        let t = template();
        let mut cells = clean_cells();
        cells.retain(|(k, _)| *k != "waktu_penerapan");
        assert_eq!(codes(&t, &record(&t, &cells, &[])), [Code::D006]);
        // Without the column at all, the finding points at the stage cell.
        assert_eq!(
            codes(&t, &record(&t, &cells, &["waktu_penerapan"])),
            [Code::D006]
        );
        // At Inisiatif and Uji Coba the penerapan date is asked too
        // (SIMONDA, INOVAHUB, the portal list's *), as a warning.
        let sev = |stage: &str| -> Vec<_> {
            findings_after(&t, cells.clone(), &[("tahapan", text(stage))], &[])
                .into_iter()
                .map(|f| (f.code, f.field.clone(), f.severity))
                .collect()
        };
        let warn = (
            Code::D006,
            Some("waktu_penerapan".to_string()),
            crate::diag::Severity::Warning,
        );
        assert_eq!(sev("Inisiatif"), std::slice::from_ref(&warn));
        assert_eq!(sev("Uji Coba"), [warn]);
        assert_eq!(
            sev("Penerapan"),
            [(
                Code::D006,
                Some("waktu_penerapan".to_string()),
                crate::diag::Severity::Error
            )]
        );
    }
}
