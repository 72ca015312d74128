//! `bimtek check`: load every input, normalize and check it, report.
//! Files are checked in parallel (one file per task); the per-file results
//! are combined and sorted, so the output does not depend on scheduling.

use crate::check::{self, CheckOptions, FileCheck, FileResult};
use crate::diag::{Finding, Location};
use crate::evidence::EvidenceStore;
use crate::load::{self, InputFile};
use crate::normalize::Normalizer;
use crate::report;
use crate::settings::{CheckSettings, Format};
use crate::template::Template;
use anyhow::Result;
use rayon::prelude::*;

pub fn run(s: CheckSettings) -> Result<u8> {
    let outcome = evaluate(&s);
    let render = report::RenderOptions {
        lang: s.lang,
        as_of: s.as_of,
        width: s.width,
    };
    match s.format {
        Format::Table => report::table(&outcome, &s.template, &render)?,
        Format::Json => report::json(&outcome, &s.template, &render)?,
        Format::Csv => report::csv(&outcome, &render)?,
    }
    let failed = s
        .fail_on
        .is_some_and(|level| outcome.findings.iter().any(|f| f.severity >= level));
    Ok(if failed {
        crate::EXIT_FINDINGS
    } else {
        crate::EXIT_OK
    })
}

/// Load, normalize and check every input; combine the results.
pub fn evaluate(s: &CheckSettings) -> check::Outcome {
    let (files, problems) = load::collect_inputs(&s.paths);
    let options = CheckOptions {
        as_of: s.as_of,
        pemda: s.pemda.clone(),
        spd: s.spd,
    };
    let progress = report::Progress::new(
        files.len() as u64,
        !s.quiet && s.format == Format::Table && files.len() > 1,
    );
    let mut results: Vec<FileResult> = files
        .par_iter()
        .map(|f| {
            let r = check_file(&s.template, &options, f);
            progress.inc();
            r
        })
        .collect();
    progress.finish();
    for (path, why) in problems {
        let display = path.to_string_lossy().replace('\\', "/");
        results.push(FileResult {
            agency_hint: display.clone(),
            findings: vec![
                Finding::new("F001", Location::file(&display))
                    .arg("detail", format!("tidak dapat dibuka: {why}"))
                    .arg("detail_en", format!("cannot be opened: {why}")),
            ],
            file: display,
            innovations: Vec::new(),
            evidence: Vec::new(),
        });
    }
    let workbooks: Vec<(String, std::path::PathBuf)> = files
        .iter()
        .map(|f| (f.display.clone(), f.path.clone()))
        .collect();
    let store = EvidenceStore::new(&s.evidence, &workbooks);
    check::combine(&s.template, &options, results, &store)
}

/// Load, normalize and check one file. Never panics on bad input: a file
/// that cannot be read becomes a finding.
pub fn check_file(t: &Template, options: &CheckOptions, f: &InputFile) -> FileResult {
    let mut fc = FileCheck::new(t, options, &f.display, &f.agency_hint);
    // Rows stream from the file through normalizing into the checks: a
    // record is dropped as soon as it is checked.
    let result = {
        let mut norm = Normalizer::new(t, &f.agency_hint, |e| fc.event(e));
        load::read(&f.path, &mut norm)
    };
    match result {
        Ok(notes) => {
            for finding in check::load_note_findings(&f.display, &notes) {
                fc.file_finding(finding);
            }
        }
        Err(e) => fc.file_finding(check::load_error_finding(&f.display, &e)),
    }
    fc.finish()
}
