//! The report for people: a summary table per agency, then every finding
//! grouped by agency and file, wrapped to the width (100 columns reads well
//! on a projector). Rendered into a string by one function that takes the
//! width, so tests can fix it.

use super::{RenderOptions, severity_word, use_color};
use crate::check::Outcome;
use crate::diag::{Finding, Lang, Severity};
use crate::normalize::date::portal_format;
use crate::template::Template;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};

struct Words {
    agency: &'static str,
    files: &'static str,
    innovations: &'static str,
    clean: &'static str,
    warnings: &'static str,
    errors: &'static str,
    total: &'static str,
    findings: &'static str,
    hint: &'static str,
    none: &'static str,
    reference: &'static str,
    row: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Id => Words {
            agency: "Perangkat Daerah",
            files: "Berkas",
            innovations: "Inovasi",
            clean: "Bersih",
            warnings: "Dgn peringatan",
            errors: "Dgn galat",
            total: "Jumlah",
            findings: "Temuan",
            hint: "saran",
            none: "Tidak ada temuan.",
            reference: "tanggal acuan",
            row: "baris",
        },
        Lang::En => Words {
            agency: "Agency",
            files: "Files",
            innovations: "Innovations",
            clean: "Clean",
            warnings: "With warnings",
            errors: "With errors",
            total: "Total",
            findings: "Findings",
            hint: "hint",
            none: "No findings.",
            reference: "reference date",
            row: "row",
        },
    }
}

pub fn table(outcome: &Outcome, t: &Template, opts: &RenderOptions) -> anyhow::Result<()> {
    let width = opts.width.unwrap_or_else(|| {
        if io::stdout().is_terminal() {
            comfy_table::Table::new().width().unwrap_or(100)
        } else {
            100
        }
    });
    let text = render_table(outcome, t, opts, width, use_color());
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Render the whole report at `width` columns.
pub fn render_table(outcome: &Outcome, t: &Template, opts: &RenderOptions, width: u16, color: bool) -> String {
    let w = words(opts.lang);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "bimtek {} · {} ({}) · {} {}",
        env!("CARGO_PKG_VERSION"),
        t.name,
        t.id,
        w.reference,
        portal_format(opts.as_of)
    );
    let _ = writeln!(s);

    // Agency of each finding: the innovation's on that row, else the file's.
    let mut row_agency: HashMap<(&str, Option<&str>, u32), &str> = HashMap::new();
    let mut file_agency: HashMap<&str, &str> = HashMap::new();
    for (file, hint) in &outcome.files {
        file_agency.insert(file, hint);
    }
    #[derive(Default)]
    struct Counts {
        files: std::collections::BTreeSet<String>,
        innovations: usize,
        clean: usize,
        warnings: usize,
        errors: usize,
    }
    let mut per_agency: BTreeMap<&str, Counts> = BTreeMap::new();
    for i in &outcome.innovations {
        row_agency.insert((&i.file, i.sheet.as_deref(), i.row), &i.agency);
        let c = per_agency.entry(&i.agency).or_default();
        c.files.insert(i.file.clone());
        c.innovations += 1;
        match i.status {
            Severity::Info => c.clean += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Error => c.errors += 1,
        }
    }
    // Files that gave no innovation still appear under their agency.
    for (file, hint) in &outcome.files {
        if !outcome.innovations.iter().any(|i| &i.file == file) {
            per_agency.entry(hint).or_default().files.insert(file.clone());
        }
    }

    let mut tbl = Table::new();
    tbl.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    if !color {
        tbl.force_no_tty();
    }
    tbl.set_header(vec![w.agency, w.files, w.innovations, w.clean, w.warnings, w.errors]);
    let mut total = [0usize; 5];
    for (agency, c) in &per_agency {
        let nums = [c.files.len(), c.innovations, c.clean, c.warnings, c.errors];
        for (t, n) in total.iter_mut().zip(nums) {
            *t += n;
        }
        let mut row = vec![Cell::new(agency)];
        row.extend(nums.iter().map(|n| Cell::new(n).set_alignment(CellAlignment::Right)));
        tbl.add_row(row);
    }
    let mut row = vec![Cell::new(w.total)];
    row.extend(total.iter().map(|n| Cell::new(n).set_alignment(CellAlignment::Right)));
    tbl.add_row(row);
    let _ = writeln!(s, "{tbl}");
    let _ = writeln!(s);

    let agency_of = |f: &Finding| -> String {
        let l = &f.location;
        l.row
            .and_then(|r| row_agency.get(&(l.file.as_str(), l.sheet.as_deref(), r)))
            .or_else(|| file_agency.get(l.file.as_str()))
            .map(|a| a.to_string())
            .unwrap_or_default()
    };
    let mut grouped: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
    for f in &outcome.findings {
        grouped.entry(agency_of(f)).or_default().push(f);
    }
    let _ = writeln!(s, "{}", bold(w.findings, color));
    if grouped.is_empty() {
        let _ = writeln!(s, "{}", w.none);
    }
    let width = width as usize;
    for (agency, findings) in &grouped {
        let _ = writeln!(s);
        let _ = writeln!(s, "{}", bold(agency, color));
        let mut last_file = "";
        for f in findings {
            if f.location.file != last_file {
                last_file = &f.location.file;
                let _ = writeln!(s, "  {last_file}");
            }
            let sev = severity_word(f.severity, opts.lang);
            let place = f
                .location
                .cell()
                .or_else(|| {
                    f.location.row.map(|r| match &f.location.sheet {
                        Some(sh) => format!("{sh} {} {r}", w.row),
                        None => format!("{} {r}", w.row),
                    })
                })
                .or_else(|| f.location.sheet.clone())
                .unwrap_or_default();
            let head = format!("    {:<10} {} {}", sev, f.code, place);
            let head = if color { colorize(&head, f.severity) } else { head };
            let _ = writeln!(s, "{head}");
            let indent = "      ";
            for line in wrap(&f.message(opts.lang), width.saturating_sub(indent.len()).max(30)) {
                let _ = writeln!(s, "{indent}{line}");
            }
            let hint = format!("{}: {}", w.hint, f.hint(opts.lang));
            for line in wrap(&hint, width.saturating_sub(indent.len() + 2).max(30)) {
                let _ = writeln!(s, "{indent}  {line}");
            }
        }
    }
    let _ = writeln!(s);
    let count = |sev: Severity| outcome.findings.iter().filter(|f| f.severity == sev).count();
    let _ = writeln!(
        s,
        "{}",
        match opts.lang {
            Lang::Id => format!(
                "{} berkas, {} inovasi: {} galat, {} peringatan, {} info.",
                outcome.files.len(),
                outcome.innovations.len(),
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info)
            ),
            Lang::En => format!(
                "{} files, {} innovations: {} errors, {} warnings, {} infos.",
                outcome.files.len(),
                outcome.innovations.len(),
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info)
            ),
        }
    );
    s
}

fn bold(s: &str, color: bool) -> String {
    if color { format!("\x1b[1m{s}\x1b[0m") } else { s.to_string() }
}

fn colorize(s: &str, sev: Severity) -> String {
    let code = match sev {
        Severity::Error => "31",
        Severity::Warning => "33",
        Severity::Info => "36",
    };
    format!("\x1b[{code}m{s}\x1b[0m")
}

/// Greedy word wrap; words longer than the width are cut.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in para.split_whitespace() {
            let wl = word.chars().count();
            if len > 0 && len + 1 + wl > width {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            if wl > width {
                let mut chars = word.chars().peekable();
                while chars.peek().is_some() {
                    let chunk: String = chars.by_ref().take(width.saturating_sub(len).max(1)).collect();
                    len += chunk.chars().count();
                    line.push_str(&chunk);
                    if len >= width {
                        lines.push(std::mem::take(&mut line));
                        len = 0;
                    }
                }
            } else {
                line.push_str(word);
                len += wl;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_respects_width() {
        let lines = wrap("satu dua tiga empat lima enam", 10);
        assert!(lines.iter().all(|l| l.chars().count() <= 10), "{lines:?}");
        assert_eq!(lines.join(" "), "satu dua tiga empat lima enam");
        let long = wrap(&"x".repeat(25), 10);
        assert!(long.iter().all(|l| l.chars().count() <= 10), "{long:?}");
    }
}
