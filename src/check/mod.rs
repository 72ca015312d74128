//! Records + template -> findings, filling the data model
//! ([`crate::outcome`]); the score stage scores it after. One file per rule
//! family: `files` (what loading said), `fields` (each cell against its
//! field), `rows` (fields against each other), `unique` (names across rows
//! and agencies), `evidence` (each indicator's evidence, judged for the
//! score), `spd` (the pemda's SPD sheet), `portal` (against the portal's
//! lists and the assessment window), `roster` (against the list of OPD
//! expected), `labinov` (Laboratorium Inovasi lists: group titles, idea
//! codes, dates), `similar` (ideas alike), `lablist` (a lab's lists over time and
//! against its year: stage order, launch dates, the code's year),
//! `follow` and `catalog` (a lab's ideas into the IID lists and against a
//! catalogue); `portal` finds an innovation's entries
//! through `name_index`; `dates` holds what the rules ordering two dates
//! share. `file_check` checks one file's events as they
//! arrive, `sink` lists the findings within `cap`'s limits, and `combine`
//! (here) joins the files' results and runs the checks across files. No
//! I/O, no terminal: everything here is testable on records built in
//! memory.

mod cap;
mod catalog;
mod dates;
pub mod evidence;
mod fields;
mod file_check;
mod files;
pub mod follow;
mod labinov;
mod lablist;
pub mod name_index;
pub mod portal;
mod roster;
mod rows;
mod similar;
mod sink;
pub use roster::read as read_roster;
pub mod spd;
mod unique;

pub use cap::{CheckAt, Gather, READ_AHEAD, Run};
pub use evidence::Resolver;
pub use fields::{MAX_CELL_CHARS, too_long_for_a_cell};
pub use file_check::{Allowance, Budget};
pub use file_check::{FileCheck, FileResult};
pub use files::{load_error_finding, load_note_findings};
pub(crate) use sink::{Places, Sink};

use crate::diag::{Finding, Severity};
use crate::outcome::{Innovation, Outcome};
use crate::template::Template;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::sync::Arc;

/// Options that shape the checks.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Reference date: dates after it are in the future.
    pub as_of: NaiveDate,
    /// Pemda name for innovations whose rows name none.
    pub pemda: String,
    /// SPD points of the pemda, when known.
    pub spd: Option<f64>,
    /// The agencies expected, with the roster file's own findings.
    pub roster: Option<Arc<(crate::template::Roster, Vec<Finding>)>>,
    /// Existing innovations the ideas are compared with (`--catalog`).
    pub catalog: Option<Arc<Vec<portal::PortalEntry>>>,
    /// The innovations the run has taken (`max_innovations_in_run`),
    /// shared by the files checked at once.
    pub budget: Arc<Budget>,
}

/// What the portal holds, and how to compare with it.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub entries: Vec<portal::PortalEntry>,
    /// Findings about baseline files that could not be read.
    pub findings: Vec<Finding>,
    pub options: portal::PortalOptions,
}

/// Complete the run's joined results: evidence, cross-file checks, sorting and
/// per-innovation counts. The scores are the score stage's
/// ([`crate::score::score`]).
pub fn combine(
    template: &Template,
    options: &CheckOptions,
    run: Run,
    resolver: &dyn Resolver,
    baseline: Option<&Baseline>,
) -> Outcome {
    // The files' lists were joined in the run's order as each file came
    // (`Gather`), so no file's list is held beside the run's here.
    let Run {
        mut files,
        findings,
        mut innovations,
        statements,
        evidence_layout: evidence_given,
        ideas,
    } = run;
    files.sort();
    let mut sink = Sink::keeping_places(template);
    sink.findings = findings;
    sink.count_listed_in_run();
    evidence::attach(&mut innovations, statements, &mut sink);
    evidence::check_all(
        template,
        &mut innovations,
        evidence_given,
        resolver,
        &mut sink,
    );
    lablist::repeats(template, &innovations, &mut sink);
    lablist::stage_order(template, &innovations, ideas, &mut sink);
    unique::agencies_without_innovation(template, &innovations, &mut sink);
    unique::award_groups(template, &innovations, &mut sink);
    if let Some(r) = &options.roster {
        let (list, read) = &**r;
        let in_portal: Vec<(Option<&str>, &str)> = baseline
            .iter()
            .flat_map(|b| &b.entries)
            .map(|e| (e.agency.as_deref(), e.name.as_str()))
            .collect();
        let lab = lablist::lab_list(template);
        roster::check(list, &files, &innovations, &in_portal, lab, &mut sink);
        for f in read {
            sink.push(f.clone());
        }
    }
    // Per innovation, on every core (the findings are sorted below).
    let outside: Vec<Finding> = innovations
        .par_iter()
        .filter_map(|inn| portal::window(template, options.as_of, inn))
        .collect();
    for f in outside {
        sink.push(f);
    }
    if let Some(b) = baseline {
        sink.findings.extend(b.findings.iter().cloned());
    }
    // A lab's ideas are followed into the IID lists instead of being
    // compared with the portal as agency innovations.
    let lab = !template.settings.launched_stages.is_empty();
    let mut ideas = follow::follow(
        template,
        &innovations,
        baseline,
        options.catalog.as_deref().map(Vec::as_slice),
        &mut sink,
    );
    let portal_only = baseline.filter(|_| !lab).map(|b| {
        portal::compare(
            template,
            &b.options,
            &mut innovations,
            &b.entries,
            &mut sink,
        )
    });
    sink.finish_capped();
    let dropped = sink.dropped_rows();
    let mut findings = sink.findings;
    // Usually in order already (one file, or files read in order): a stable
    // sort would still take a scratch copy of every innovation.
    if !innovations.is_sorted_by(|a, b| a.place() <= b.place()) {
        follow::resort(&mut ideas, &innovations);
        innovations.sort_by(|a, b| a.place().cmp(&b.place()));
    }
    count_dropped(&mut innovations, dropped);
    // Stable, on every core (tens of thousands of findings at 100k).
    findings.par_sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
    let counts = tie_findings(&innovations, &mut findings);
    for (inn, (errors, warnings)) in innovations.iter_mut().zip(counts) {
        inn.errors = errors;
        inn.warnings = warnings;
        inn.status = if errors > 0 {
            Severity::Error
        } else if warnings > 0 {
            Severity::Warning
        } else {
            Severity::Info
        };
    }
    Outcome {
        files,
        innovations,
        findings,
        portal_only,
        ideas,
        ..Outcome::default()
    }
}

/// Add the errors and warnings past the cap of the checks across files to
/// the innovations they fall on (their row, or an evidence row attached to
/// them), as [`tie_findings`] adds the listed ones.
fn count_dropped(innovations: &mut [Innovation], dropped: Places) {
    if dropped.rows.is_empty() {
        return;
    }
    // Evidence rows by place; an innovation's own row is found in the
    // sorted list (a map of every innovation took 100 MB at 660,000).
    let mut rows: foldhash::HashMap<(&str, Option<&str>, u32), usize> =
        foldhash::HashMap::default();
    for (i, inn) in innovations.iter().enumerate() {
        for st in &inn.statements {
            rows.insert((st.file(), st.sheet(), st.row), i);
        }
    }
    let mut add: Vec<(usize, Severity)> = Vec::new();
    for &(origin, row, severity) in &dropped.rows {
        let (file, sheet) = &dropped.origins[origin as usize];
        let key = (file.as_str(), sheet.as_deref(), row);
        // Of two innovations at one place (a row number used twice), the
        // later one, as a map filled in order kept it.
        let end = innovations.partition_point(|i| i.place() <= key);
        let own = end
            .checked_sub(1)
            .filter(|&k| innovations[k].place() == key);
        if let Some(i) = own.or_else(|| rows.get(&key).copied()) {
            add.push((i, severity));
        }
    }
    drop(rows);
    for (i, severity) in add {
        match severity {
            Severity::Error => innovations[i].errors += 1,
            Severity::Warning => innovations[i].warnings += 1,
            Severity::Info => {}
        }
    }
}

/// Ties each finding to the innovation it concerns (the one on its row, or
/// the one its evidence row is attached to) and counts each innovation's
/// errors and warnings: those tied to it, and those that hold for every
/// row of its sheet or file (a required column missing).
fn tie_findings(innovations: &[Innovation], findings: &mut [Finding]) -> Vec<(u32, u32)> {
    let mut evidence_rows: foldhash::HashMap<(&str, Option<&str>, u32), u32> =
        foldhash::HashMap::default();
    for (i, inn) in innovations.iter().enumerate() {
        for st in &inn.statements {
            if !st.is_at(inn.file(), inn.sheet(), inn.row) {
                evidence_rows.insert((st.file(), st.sheet(), st.row), i as u32);
            }
        }
    }
    let mut counts: Vec<(u32, u32)> = innovations.iter().map(|i| (i.errors, i.warnings)).collect();
    let add = |c: &mut (u32, u32), severity: Severity| match severity {
        Severity::Error => c.0 += 1,
        Severity::Warning => c.1 += 1,
        Severity::Info => {}
    };
    // Per sheet (or file, for a finding without a sheet): the errors and
    // warnings every innovation read from there counts.
    let mut every_row: foldhash::HashMap<(&str, Option<&str>), (u32, u32)> =
        foldhash::HashMap::default();
    // Both lists are sorted by (file, sheet, row): walk them together.
    let mut ii = 0;
    for f in findings.iter_mut() {
        let l = &f.location;
        if f.every_row {
            add(
                every_row
                    .entry((l.file.as_str(), l.sheet.as_deref()))
                    .or_default(),
                f.severity,
            );
            continue;
        }
        let Some(row) = l.row else { continue };
        let key = (l.file.as_str(), l.sheet.as_deref(), row);
        while ii < innovations.len() {
            let inn = &innovations[ii];
            if inn.place() < key {
                ii += 1;
            } else {
                break;
            }
        }
        let tied = match innovations.get(ii) {
            Some(inn) if inn.place() == key => Some(ii as u32),
            _ => evidence_rows
                .get(&(l.file.as_str(), l.sheet.as_deref(), row))
                .copied(),
        };
        if let Some(i) = tied {
            add(&mut counts[i as usize], f.severity);
        }
        f.innovation = tied;
    }
    if !every_row.is_empty() {
        for (inn, c) in innovations.iter().zip(counts.iter_mut()) {
            let sheet = every_row.get(&(inn.file(), inn.sheet()));
            let file = match inn.sheet() {
                Some(_) => every_row.get(&(inn.file(), None)),
                None => None,
            };
            for (errors, warnings) in sheet.into_iter().chain(file) {
                c.0 += errors;
                c.1 += warnings;
            }
        }
    }
    counts
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers to build records in memory for rule tests.
    use super::*;
    use crate::diag::{Code, Location};
    use crate::load::RawCell;
    use crate::normalize::{Record, read_cell};

    pub fn template() -> Template {
        Template::builtin("iid-2026").unwrap().unwrap()
    }

    /// An innovation of `file` at `row`, with nothing checked yet.
    pub fn innovation(file: &str, row: u32, agency: &str, name: &str) -> Innovation {
        Innovation::new(file, None, row, agency, name)
    }

    pub fn options() -> CheckOptions {
        CheckOptions {
            as_of: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            pemda: "Pemda".into(),
            spd: None,
            roster: None,
            catalog: None,
            budget: Arc::default(),
        }
    }

    /// A record with the given (field key, cell) pairs; other fields have
    /// columns but are empty, except those in `missing`.
    pub fn record(t: &Template, cells: &[(&str, RawCell)], missing: &[&str]) -> Record {
        let mut out = Vec::new();
        for (i, f) in t.fields.iter().enumerate() {
            if missing.contains(&f.key.as_str()) {
                out.push(None);
                continue;
            }
            let raw = cells
                .iter()
                .find(|(k, _)| *k == f.key)
                .map(|(_, c)| c.clone())
                .unwrap_or(RawCell::Empty);
            out.push(Some(read_cell(t, i, i as u32, &raw)));
        }
        Record {
            sheet: Some(Arc::from("Data")),
            row: 5,
            agency: "Dinas Uji".into(),
            cells: out,
            wide: Vec::new(),
            headers: crate::normalize::Headers::new(
                (t.fields.iter().enumerate()).map(|(i, f)| (i as u32, Arc::from(f.label.as_str()))),
            ),
        }
    }

    pub fn text(s: &str) -> RawCell {
        RawCell::Text(s.to_string())
    }

    /// A complete, clean innovation.
    pub fn clean_cells() -> Vec<(&'static str, RawCell)> {
        let long = "kata ".repeat(320);
        vec![
            ("nama_inovasi", text("SIPANDU Posyandu Digital")),
            ("perangkat_daerah", text("Dinas Kesehatan")),
            ("tahapan", text("Penerapan")),
            ("inisiator", text("OPD")),
            ("nama_inisiator", text("dr. Sari")),
            ("jenis", text("Digital")),
            ("bentuk", text("Inovasi Pelayanan Publik")),
            ("klasifikasi", text("Inovasi Perangkat Daerah")),
            ("urusan_utama", text("Kesehatan")),
            ("waktu_uji_coba", text("01/03/2024")),
            ("waktu_penerapan", text("01/06/2024")),
            ("rancang_bangun", RawCell::Text(long)),
            ("tujuan", text("Mempercepat layanan")),
            ("manfaat", text("Layanan lebih cepat")),
            ("hasil", text("Waktu layanan turun")),
            ("koordinat", text("-3.3194,114.5908")),
            ("asta_cita", RawCell::Number(4.0)),
            ("pkpn_klaster", text("Kesehatan")),
        ]
    }

    /// A complete, clean KIPP proposal (template kipp-2026, as of 2026-11-24).
    pub fn kipp_clean() -> Vec<(&'static str, RawCell)> {
        vec![
            ("nama_inovasi", text("Layanan Adminduk Keliling")),
            ("perangkat_daerah", text("Dinas Dukcapil")),
            ("instansi", text("Kabupaten Uji")),
            ("kelompok", text("Umum")),
            ("kategori", text("Tata Kelola Pemerintahan")),
            ("tanggal_mulai", text("02/01/2023")),
            ("pernah_finalis99", text("Tidak")),
            ("ringkasan", text(&"ringkas ".repeat(150))),
            ("latar_belakang", text(&"latar ".repeat(250))),
            ("kebaruan", text(&"baru ".repeat(150))),
            ("implementasi", text(&"terap ".repeat(150))),
            ("signifikansi", text(&"dampak ".repeat(500))),
            ("adaptabilitas_replikasi", text("Belum direplikasi")),
            ("adaptabilitas_potensi", text(&"potensi ".repeat(100))),
            ("sumber_daya", text(&"sumber ".repeat(100))),
            ("keberlanjutan", text(&"lanjut ".repeat(400))),
            ("video", text("https://www.youtube.com/watch?v=abc123xyz00")),
            ("sk_inisiator", text("sk-inisiator.pdf")),
            ("surat_implementasi", text("pernyataan-implementasi.pdf")),
            ("surat_identitas", text("pernyataan-identitas.pdf")),
            ("surat_replikasi", text("pernyataan-replikasi.pdf")),
            ("bukti_usia", text("bukti-usia.pdf")),
        ]
    }

    /// The codes a clean record (`base`) gets once `changes` replace some
    /// of its cells, under template `t`.
    pub fn codes_after(
        t: &Template,
        mut base: Vec<(&'static str, RawCell)>,
        changes: &[(&'static str, RawCell)],
    ) -> Vec<Code> {
        for (k, v) in changes {
            base.retain(|(key, _)| key != k);
            base.push((k, v.clone()));
        }
        codes(t, &record(t, &base, &[]))
    }

    /// The findings a clean record gets once `changes` replace some of
    /// its cells, with the given columns `missing`.
    pub fn findings_after(
        t: &Template,
        mut base: Vec<(&'static str, RawCell)>,
        changes: &[(&'static str, RawCell)],
        missing: &[&str],
    ) -> Vec<Finding> {
        for (k, v) in changes {
            base.retain(|(key, _)| key != k);
            base.push((k, v.clone()));
        }
        let r = record(t, &base, missing);
        let mut sink = Sink::new(t);
        let loc = Location {
            file: "x.xlsx".into(),
            sheet: Some("Data".into()),
            row: Some(r.row),
            ..Location::default()
        };
        fields::check(t, &options(), &loc, &r, &mut sink);
        rows::check(t, &options(), &loc, &r, &mut sink);
        sink.findings
    }

    /// Run the per-row rules on one record and return the codes found.
    pub fn codes(t: &Template, r: &Record) -> Vec<Code> {
        let mut sink = Sink::new(t);
        let loc = Location {
            file: "x.xlsx".into(),
            sheet: Some("Data".into()),
            row: Some(r.row),
            ..Location::default()
        };
        fields::check(t, &options(), &loc, r, &mut sink);
        rows::check(t, &options(), &loc, r, &mut sink);
        let mut c: Vec<_> = sink.findings.iter().map(|f| f.code).collect();
        c.sort_unstable();
        c
    }

    #[test]
    fn a_clean_record_has_no_findings() {
        let t = template();
        let r = record(&t, &clean_cells(), &[]);
        assert_eq!(codes(&t, &r), Vec::<Code>::new());
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::diag::{Code, Location};
    use crate::normalize::Event;
    use crate::outcome::{Digest, Resolved};

    /// A finding about a whole sheet (or file) counts for every innovation
    /// read from there, once; one on a row is tied to the innovation there.
    #[test]
    fn sheet_findings_count_for_each_of_its_innovations() {
        let inn = |file: &str, sheet: Option<&str>, row: u32| {
            Innovation::new(file, sheet, row, "Dinas Uji", &format!("{file} {row}"))
        };
        let innovations = vec![
            inn("a.xlsx", Some("A"), 5),
            inn("a.xlsx", Some("A"), 6),
            inn("a.xlsx", Some("B"), 5),
            inn("b.csv", None, 2),
        ];
        let at = |code: Code, file: &str, sheet: Option<&str>, row: Option<u32>| {
            let mut loc = Location::file(file);
            loc.sheet = sheet.map(str::to_string);
            loc.row = row;
            Finding::new(code, loc)
        };
        let mut findings = vec![
            at(Code::F007, "a.xlsx", None, None),
            at(Code::H002, "a.xlsx", Some("A"), Some(1)).for_every_row(),
            at(Code::V001, "a.xlsx", Some("A"), Some(6)),
            at(Code::D007, "a.xlsx", Some("B"), Some(5)),
            at(Code::H003, "b.csv", None, Some(1)).for_every_row(),
        ];
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let counts = tie_findings(&innovations, &mut findings);
        assert_eq!(counts, [(1, 0), (2, 0), (0, 1), (0, 1)]);
        let tied: Vec<(Code, Option<u32>)> =
            findings.iter().map(|f| (f.code, f.innovation)).collect();
        assert_eq!(
            tied,
            [
                (Code::F007, None),
                (Code::H002, None),
                (Code::V001, Some(1)),
                (Code::D007, Some(2)),
                (Code::H003, None)
            ]
        );
        let outcome = Outcome {
            innovations,
            findings,
            ..Outcome::default()
        };
        let codes = |list: Vec<&Finding>| list.iter().map(|f| f.code).collect::<Vec<_>>();
        assert_eq!(codes(outcome.findings_of(1)), [Code::H002, Code::V001]);
        assert_eq!(codes(outcome.findings_of(2)), [Code::D007]);
        assert_eq!(codes(outcome.findings_of(3)), [Code::H003]);
        let per: Vec<Vec<Code>> = outcome
            .findings_per_innovation()
            .into_iter()
            .map(codes)
            .collect();
        assert_eq!(
            per,
            [
                vec![Code::H002],
                vec![Code::H002, Code::V001],
                vec![Code::D007],
                vec![Code::H003]
            ]
        );
    }

    struct NoEvidence;

    impl Resolver for NoEvidence {
        fn resolve_all(&self, _: &[(&str, &str)]) -> Vec<Resolved> {
            Vec::new()
        }
        fn content_hash(&self, _: &std::path::Path) -> Option<Digest> {
            None
        }
    }

    /// "Safe at the edges": six rows with the same mistakes and their
    /// names alike, checked with a cap of `cap` findings per code and file.
    fn capped(cap: u32) -> Outcome {
        let mut t = template();
        t.settings.max_findings_per_code = cap;
        let o = options();
        let mut results = Vec::new();
        for file in ["a.xlsx", "b.xlsx"] {
            let mut fc = FileCheck::new(&t, &o, file, "Dinas Uji");
            for row in 0..6 {
                let mut r = record(
                    &t,
                    &[
                        // The same name in a file; another in each file:
                        // two files of one agency's same names would
                        // repeat each other (one U004, no U001).
                        ("nama_inovasi", text(&format!("Sama {file}"))),
                        ("tahapan", text("zz")),
                        ("jenis", text("zz")),
                        ("waktu_penerapan", text("99/99/9999")),
                    ],
                    &[],
                );
                r.row = row + 2;
                fc.event(&mut Event::Record(r));
            }
            results.push(fc.finish());
        }
        combine(&t, &o, Gather::all(&t, results), &NoEvidence, None)
    }

    #[test]
    fn findings_past_the_cap_still_count_for_their_innovations() {
        let (all, some) = (capped(0), capped(2));
        let counts = |o: &Outcome| -> Vec<(u32, u32)> {
            o.innovations
                .iter()
                .map(|i| (i.errors, i.warnings))
                .collect()
        };
        assert_eq!(counts(&some), counts(&all));
        assert!(
            all.innovations.iter().all(|i| i.errors >= 3),
            "{:?}",
            counts(&all)
        );
        let per = |o: &Outcome, file: &str, code: Code| {
            o.findings
                .iter()
                .filter(|f| f.location.file == file && f.code == code)
                .count()
        };
        assert!(all.findings.iter().all(|f| f.code != Code::F017));
        // V001 twice a row, U001 (checked across files) once a row: two of
        // each listed per file, and one F017 each telling of the rest.
        for file in ["a.xlsx", "b.xlsx"] {
            assert_eq!(per(&all, file, Code::V001), 12);
            assert_eq!(per(&some, file, Code::V001), 2);
            assert!(
                per(&all, file, Code::U001) >= 3,
                "{}",
                per(&all, file, Code::U001)
            );
            assert_eq!(per(&some, file, Code::U001), 2);
            let told: Vec<_> = some
                .findings
                .iter()
                .filter(|f| f.location.file == file && f.code == Code::F017)
                .map(|f| f.message(crate::diag::Lang::En))
                .collect();
            assert!(
                told.iter().any(|m| m.starts_with("10 more V001 findings")),
                "{told:?}"
            );
            assert!(told.iter().any(|m| m.contains(" more U001 ")), "{told:?}");
        }
    }
}
