//! What `export --out` says it did, on stderr (stdout stays empty): where
//! the package went, what it holds, why innovations were left out, and what
//! to do next.

use crate::diag::{Code, Lang, Say};
use std::fmt::Write;

/// How many reasons the summary names; the rest are in `dikecualikan.csv`.
const REASONS_SHOWN: usize = 3;

/// What a package holds, for the summary.
#[derive(Debug, Clone, Default)]
pub struct ExportSummary {
    /// Where it was written, as shown.
    pub target: String,
    pub included: usize,
    /// Of the included, those with errors (`--include-invalid`).
    pub included_with_errors: usize,
    pub excluded: usize,
    /// Error codes of the excluded innovations, each with how many it
    /// concerns, commonest first.
    pub reasons: Vec<(Code, usize)>,
    pub evidence_files: usize,
    /// Included innovations whose `Nama Pemda` in entri-portal.xlsx is
    /// empty: their rows name no pemda and `--pemda` was not given.
    pub pemda_missing: usize,
}

/// The summary's text.
pub fn render_export_summary(s: &ExportSummary, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", lang.say(Say::PackageWrittenTo), s.target);
    let _ = write!(out, "  {}", lang.counted(s.included, Say::IncludedNoun));
    if s.included_with_errors > 0 {
        let _ = write!(
            out,
            " ({} {})",
            crate::diag::count(s.included_with_errors as u64, lang),
            lang.say(Say::IncludedWithErrors)
        );
    }
    let _ = writeln!(
        out,
        ", {} {}",
        crate::diag::count(s.excluded as u64, lang),
        lang.say(Say::ExcludedForErrors)
    );
    if !s.reasons.is_empty() {
        let _ = writeln!(out, "  {}", lang.say(Say::CommonestReasons));
        for (code, n) in s.reasons.iter().take(REASONS_SHOWN) {
            let summary = code.info().summary(lang);
            let n = crate::diag::count(*n as u64, lang);
            let _ = writeln!(out, "    {n:>5}  {code}  {summary}");
        }
        let more = s.reasons.len().saturating_sub(REASONS_SHOWN);
        if more > 0 {
            let _ = writeln!(
                out,
                "    {}",
                lang.fill(
                    Say::MoreReasons,
                    &[("more", &lang.counted(more, Say::MoreReasonNoun))]
                )
            );
        }
    }
    let _ = writeln!(
        out,
        "  {}",
        lang.counted(s.evidence_files, Say::EvidencePackagedNoun)
    );
    if s.pemda_missing > 0 {
        let n = s.pemda_missing;
        let _ = writeln!(
            out,
            "  {}",
            lang.fill(
                if n == 1 {
                    Say::PemdaMissingOne
                } else {
                    Say::PemdaMissingMany
                },
                &[("n", &crate::diag::count(n as u64, lang))]
            )
        );
    }
    let next = lang.say(if s.excluded > 0 {
        Say::NextWithExcluded
    } else {
        Say::Next
    });
    let _ = writeln!(out, "{next}");
    out
}

/// The summary on stderr.
pub fn export_summary(s: &ExportSummary, lang: Lang) {
    eprint!("{}", render_export_summary(s, lang));
}
