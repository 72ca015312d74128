//! What `export --out` says it did, on stderr (stdout stays empty): where
//! the package went, what it holds, why innovations were left out, and what
//! to do next.

use crate::diag::{Code, Lang};
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
    let id = lang == Lang::Id;
    let _ = writeln!(
        out,
        "{} {}",
        if id {
            "Paket ditulis ke"
        } else {
            "Package written to"
        },
        s.target
    );
    let _ = write!(
        out,
        "  {}",
        if id {
            format!(
                "{} inovasi disertakan",
                crate::diag::count(s.included as u64, lang)
            )
        } else {
            super::counted(
                s.included,
                lang,
                "",
                "innovation included",
                "innovations included",
            )
        }
    );
    if s.included_with_errors > 0 {
        let _ = write!(
            out,
            " ({} {})",
            crate::diag::count(s.included_with_errors as u64, lang),
            if id {
                "di antaranya berstatus GALAT, ditandai di kolom Status"
            } else {
                "of them with errors, marked in the Status column"
            }
        );
    }
    let _ = writeln!(
        out,
        ", {} {}",
        crate::diag::count(s.excluded as u64, lang),
        if id {
            "dikecualikan karena berstatus GALAT"
        } else {
            "excluded for errors"
        }
    );
    if !s.reasons.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            if id {
                "Alasan tersering (jumlah inovasi, kode):"
            } else {
                "Commonest reasons (innovations, code):"
            }
        );
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
                if id {
                    format!("dan {more} alasan lain: lihat dikecualikan.csv")
                } else {
                    format!(
                        "and {}: see dikecualikan.csv",
                        super::counted(more, lang, "", "more reason", "more reasons")
                    )
                }
            );
        }
    }
    let _ = writeln!(
        out,
        "  {}",
        if id {
            format!("{} berkas bukti dikemas", s.evidence_files)
        } else {
            super::counted(
                s.evidence_files,
                lang,
                "",
                "evidence file packaged",
                "evidence files packaged",
            )
        }
    );
    if s.pemda_missing > 0 {
        let n = s.pemda_missing;
        let _ = writeln!(
            out,
            "  {}",
            if id {
                format!(
                    "Nama Pemda kosong untuk {n} inovasi di entri-portal.xlsx: barisnya tidak \
                     menyebut pemda dan --pemda tidak diberikan. Beri --pemda \"NAMA PEMDA\"."
                )
            } else {
                format!(
                    "Nama Pemda is empty for {} in entri-portal.xlsx: {} no pemda and --pemda \
                     was not given. Give --pemda \"NAME\".",
                    super::counted(n, lang, "", "innovation", "innovations"),
                    if n == 1 {
                        "its row names"
                    } else {
                        "their rows name"
                    }
                )
            }
        );
    }
    let next = match (id, s.excluded > 0) {
        (true, true) => {
            "Langkah berikutnya: baca BACA-SAYA.txt di dalam paket dan input inovasinya ke \
             portal; kembalikan yang dikecualikan ke OPD-nya (bimtek export --feedback FOLDER), \
             lalu periksa lagi."
        }
        (true, false) => {
            "Langkah berikutnya: baca BACA-SAYA.txt di dalam paket dan input inovasinya ke portal."
        }
        (false, true) => {
            "Next: read README.txt in the package and enter the innovations into the portal; \
             return the excluded ones to their agencies (bimtek export --feedback DIR), then \
             check again."
        }
        (false, false) => {
            "Next: read README.txt in the package and enter the innovations into the portal."
        }
    };
    let _ = writeln!(out, "{next}");
    out
}

/// The summary on stderr.
pub fn export_summary(s: &ExportSummary, lang: Lang) {
    eprint!("{}", render_export_summary(s, lang));
}
