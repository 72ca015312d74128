//! `bimtek template` output: the list of shipped templates, one template
//! shown in full, the result of checking a template file, and the line that
//! says where a form was written (stderr: stdout stays empty for `form`).

use crate::diag::Lang;
use crate::template::{FieldKind, Template, TemplateError};
use std::io::{self, Write};
use std::path::Path;

fn pick(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

/// One line per shipped template: id, year, name, parent; then its source.
pub fn list(templates: &[Template], lang: Lang) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let width = templates
        .iter()
        .map(|t| t.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    writeln!(
        out,
        "{:width$}  {}  {}",
        "ID",
        pick(lang, "TAHUN", "YEAR "),
        pick(lang, "NAMA", "NAME")
    )?;
    for t in templates {
        let parent = match &t.extends {
            Some(p) => format!(" ({} {p})", pick(lang, "turunan", "extends")),
            None => String::new(),
        };
        writeln!(out, "{:width$}  {:<5}  {}{parent}", t.id, t.year, t.name)?;
        if !t.source.is_empty() {
            writeln!(
                out,
                "{:width$}  {:5}  {}: {}",
                "",
                "",
                pick(lang, "sumber", "source"),
                t.source
            )?;
        }
    }
    Ok(())
}

/// A type by its word for officers and, where that differs, its name in
/// the template file: "pilihan (enum)", "teks".
fn kind_word(kind: &FieldKind, lang: Lang) -> String {
    let name = kind.toml_name();
    let (id, en) = crate::template::kind_words(name);
    let word = pick(lang, id, en);
    if word == name {
        word.to_string()
    } else {
        format!("{word} ({name})")
    }
}

/// Render a template in full.
pub fn render_show(t: &Template, lang: Lang) -> String {
    let mut s = String::new();
    let mut line = |l: String| {
        s.push_str(&l);
        s.push('\n');
    };
    line(format!("{} — {} ({})", t.id, t.name, t.year));
    if !t.source.is_empty() {
        line(format!("{}: {}", pick(lang, "Sumber", "Source"), t.source));
    }
    if let Some(p) = &t.extends {
        line(format!("{}: {p}", pick(lang, "Turunan dari", "Extends")));
    }
    if !t.file.is_empty() {
        line(format!("{}: {}", pick(lang, "Berkas", "File"), t.file));
    }
    line(String::new());
    line(format!(
        "{} ({}):",
        pick(lang, "Isian", "Fields"),
        t.fields.len()
    ));
    for f in &t.fields {
        let mut rules = vec![kind_word(&f.kind, lang)];
        if f.required {
            rules.push(pick(lang, "wajib", "required").into());
        }
        match f.kind.bounds() {
            (Some(a), Some(b)) => rules.push(format!("{a}..{b}")),
            (Some(a), None) => rules.push(format!("{} {a}", pick(lang, "min", "min"))),
            (None, Some(b)) => rules.push(format!("{} {b}", pick(lang, "maks", "max"))),
            (None, None) => {}
        }
        if let Some(m) = f.min_words {
            rules.push(format!(
                "{} {m} {}",
                pick(lang, "min", "min"),
                pick(lang, "kata", "words")
            ));
        }
        if let Some(m) = f.max_words {
            rules.push(format!(
                "{} {m} {}",
                pick(lang, "maks", "max"),
                pick(lang, "kata", "words")
            ));
        }
        if !f.links.is_empty() {
            rules.push(format!(
                "{}: {}",
                pick(lang, "tautan", "link"),
                f.links.join("/")
            ));
        }
        if let Some(a) = f.min_age_years {
            rules.push(format!(
                "{} {a} {}",
                pick(lang, "umur min", "min age"),
                pick(lang, "tahun", "years")
            ));
        }
        if !f.in_form {
            rules.push(pick(lang, "tidak di formulir", "not in the form").into());
        }
        line(format!(
            "  {:24} {} [{}]",
            f.key,
            f.label(lang),
            rules.join(", ")
        ));
        if f.kind == FieldKind::Enum {
            let values: Vec<String> = f
                .values
                .iter()
                .map(|v| match v.min_age_years {
                    Some(a) => format!("{} ({a} {})", v.value, pick(lang, "th", "y")),
                    None => v.value.clone(),
                })
                .collect();
            if values.len() <= 12 {
                line(format!("  {:24} = {}", "", values.join("; ")));
            } else {
                line(format!(
                    "  {:24} = {}; ... ({} {})",
                    "",
                    values[..5].join("; "),
                    values.len(),
                    pick(lang, "pilihan", "values")
                ));
            }
        }
    }
    if !t.indicators.is_empty() {
        line(String::new());
        line(format!(
            "{} ({}):",
            pick(lang, "Indikator", "Indicators"),
            t.indicators.len()
        ));
        for i in &t.indicators {
            let mandatory = if i.mandatory {
                pick(lang, ", wajib", ", mandatory")
            } else {
                ""
            };
            line(format!(
                "  {:>2}. {} ({} {}{mandatory}; {})",
                i.no,
                i.name,
                pick(lang, "bobot", "weight"),
                i.weight,
                i.types.join("/")
            ));
        }
    }
    if !t.spd.is_empty() {
        line(String::new());
        line(format!(
            "{} ({}; --spd-sheet):",
            pick(lang, "Indikator SPD", "SPD indicators"),
            t.spd.len()
        ));
        for i in &t.spd {
            let mandatory = if i.mandatory {
                pick(lang, ", wajib", ", mandatory")
            } else {
                ""
            };
            let rule = match &i.rule {
                crate::template::SpdRule::Options(_) => {
                    pick(lang, "pilihan 1-3", "options 1-3").to_string()
                }
                crate::template::SpdRule::Higher([a, b]) => format!("<= {a} / > {a} / >= {b}"),
                crate::template::SpdRule::Lower([a, b]) => format!(">= {a} / < {a} / <= {b}"),
            };
            line(format!(
                "  {:>3}. {} ({} {}{mandatory}; {rule})",
                i.no,
                i.name,
                pick(lang, "bobot", "weight"),
                i.weight,
            ));
        }
    }
    if let Some(w) = &t.window {
        line(String::new());
        line(format!(
            "{}: {} .. {}",
            pick(lang, "Rentang penilaian", "Assessment window"),
            w.start,
            w.end
        ));
    }
    if let Some(a) = &t.award {
        line(String::new());
        if let Some(g) = a.group_field {
            let group = t.fields[g].label(lang);
            if a.unique_titles {
                line(format!(
                    "{} {group}.",
                    pick(
                        lang,
                        "Judul tidak boleh sama dalam satu",
                        "No two titles alike within one"
                    )
                ));
            }
            for (class, max) in &a.quota {
                line(format!(
                    "{} {group}: {class} {max}",
                    pick(lang, "Kuota per", "Quota per")
                ));
            }
        }
        if a.agencies.is_empty() && a.group_field.is_some() {
            // Per-group rules only: no list of required agencies to show.
        } else if a.agencies.is_empty() {
            line(
                pick(
                    lang,
                    "Penghargaan: daftar OPD wajib belum diisi ([award] agencies).",
                    "Award: the list of required agencies is empty ([award] agencies).",
                )
                .into(),
            );
        } else {
            line(format!(
                "{} ({}):",
                pick(
                    lang,
                    "OPD yang wajib mengirim minimal satu inovasi",
                    "Agencies that must submit at least one innovation"
                ),
                a.agencies.len()
            ));
            for ag in &a.agencies {
                if ag.spellings.is_empty() {
                    line(format!("  {}", ag.name));
                } else {
                    line(format!("  {} ({})", ag.name, ag.spellings.join("; ")));
                }
            }
        }
    }
    if !t.severity.is_empty() {
        line(String::new());
        line(format!(
            "{}:",
            pick(lang, "Tingkat temuan diubah", "Severity overrides")
        ));
        for (code, sev) in &t.severity {
            line(format!("  {code} = {}", sev.map_or("off", |s| s.as_str())));
        }
    }
    s
}

/// `bimtek template show`.
pub fn show(t: &Template, lang: Lang) -> io::Result<()> {
    // A user's template may hold anything in its names and notes.
    io::stdout()
        .lock()
        .write_all(super::visible_lines(&render_show(t, lang)).as_bytes())
}

/// `bimtek template check`: the template is valid.
pub fn check_ok(t: &Template, lang: Lang) -> io::Result<()> {
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{}: {} ({} {}, {} {}{})",
        super::visible(&t.file),
        pick(lang, "templat valid", "template is valid"),
        t.fields.len(),
        pick(lang, "isian", "fields"),
        t.indicators.len(),
        pick(lang, "indikator", "indicators"),
        match &t.extends {
            Some(p) => format!(", {} {p}", pick(lang, "turunan dari", "extends")),
            None => String::new(),
        }
    )
}

/// `bimtek template check`: the mistake, as `file:line:col: message`.
pub fn check_failed(e: &TemplateError, lang: Lang) -> io::Result<()> {
    writeln!(
        io::stdout().lock(),
        "{}",
        super::visible_lines(&e.display(lang))
    )
}

/// `bimtek template form`: where the form went (stderr).
/// Where the roster workbook of `template form --roster` went.
pub fn roster_written(t: &Template, path: &Path, lang: Lang) -> io::Result<()> {
    writeln!(
        io::stderr().lock(),
        "{} {} -> {}",
        pick(lang, "Daftar OPD", "Roster"),
        super::visible(&t.id),
        super::visible(&path.display().to_string())
    )
}

pub fn form_written(t: &Template, path: &Path, lang: Lang) -> io::Result<()> {
    writeln!(
        io::stderr().lock(),
        "{} {} ({}) -> {}",
        pick(lang, "Formulir", "Form"),
        super::visible(&t.id),
        super::visible(&t.name),
        super::visible(&path.display().to_string())
    )
}
