//! `bimtek template` output: the list of shipped templates, one template
//! shown in full, the result of checking a template file, and the line that
//! says where a form was written (stderr: stdout stays empty for `form`).

use crate::diag::{Lang, Say};
use crate::template::{FieldKind, Template, TemplateError};
use std::io::{self, Write};
use std::path::Path;

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
        lang.say(Say::YearHead),
        lang.say(Say::NameHead)
    )?;
    for t in templates {
        let parent = match &t.extends {
            Some(p) => format!(" ({} {p})", lang.say(Say::ExtendsLower)),
            None => String::new(),
        };
        writeln!(out, "{:width$}  {:<5}  {}{parent}", t.id, t.year, t.name)?;
        if !t.source.is_empty() {
            writeln!(
                out,
                "{:width$}  {:5}  {}: {}",
                "",
                "",
                lang.say(Say::SourceLower),
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
    let word = crate::template::kind_words(name).map_or("?", |k| lang.say(k));
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
        line(format!("{}: {}", lang.say(Say::Source), t.source));
    }
    if let Some(p) = &t.extends {
        line(format!("{}: {p}", lang.say(Say::Extends)));
    }
    if !t.file.is_empty() {
        line(format!("{}: {}", lang.say(Say::File), t.file));
    }
    line(String::new());
    line(format!("{} ({}):", lang.say(Say::Fields), t.fields.len()));
    for f in &t.fields {
        let mut rules = vec![kind_word(&f.kind, lang)];
        if f.required {
            rules.push(lang.say(Say::Required).into());
        }
        match f.kind.bounds() {
            (Some(a), Some(b)) => rules.push(format!("{a}..{b}")),
            (Some(a), None) => rules.push(format!("{} {a}", lang.say(Say::Min))),
            (None, Some(b)) => rules.push(format!("{} {b}", lang.say(Say::MaxAbbrev))),
            (None, None) => {}
        }
        if let Some(m) = f.min_words {
            rules.push(format!(
                "{} {m} {}",
                lang.say(Say::Min),
                lang.say(Say::WordsLower)
            ));
        }
        if let Some(m) = f.max_words {
            rules.push(format!(
                "{} {m} {}",
                lang.say(Say::MaxAbbrev),
                lang.say(Say::WordsLower)
            ));
        }
        if !f.links.is_empty() {
            rules.push(format!("{}: {}", lang.say(Say::Link), f.links.join("/")));
        }
        if let Some(a) = f.min_age_years {
            rules.push(format!(
                "{} {a} {}",
                lang.say(Say::MinAge),
                lang.say(Say::Years)
            ));
        }
        if !f.in_form {
            rules.push(lang.say(Say::NotInTheForm).into());
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
                    Some(a) => format!("{} ({a} {})", v.value, lang.say(Say::YearsAbbrev)),
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
                    lang.say(Say::Values)
                ));
            }
        }
    }
    if !t.indicators.is_empty() {
        line(String::new());
        line(format!(
            "{} ({}):",
            lang.say(Say::Indicators),
            t.indicators.len()
        ));
        for i in &t.indicators {
            let mandatory = if i.mandatory {
                lang.say(Say::Mandatory)
            } else {
                ""
            };
            line(format!(
                "  {:>2}. {} ({} {}{mandatory}; {})",
                i.no,
                i.name,
                lang.say(Say::WeightLower),
                i.weight,
                i.types.join("/")
            ));
        }
    }
    if !t.spd.is_empty() {
        line(String::new());
        line(format!(
            "{} ({}; --spd-sheet):",
            lang.say(Say::SpdIndicators),
            t.spd.len()
        ));
        for i in &t.spd {
            let mandatory = if i.mandatory {
                lang.say(Say::Mandatory)
            } else {
                ""
            };
            let rule = match &i.rule {
                crate::template::SpdRule::Options(_) => {
                    lang.say(Say::OptionsOneToThree).to_string()
                }
                crate::template::SpdRule::Higher([a, b]) => format!("<= {a} / > {a} / >= {b}"),
                crate::template::SpdRule::Lower([a, b]) => format!(">= {a} / < {a} / <= {b}"),
            };
            line(format!(
                "  {:>3}. {} ({} {}{mandatory}; {rule})",
                i.no,
                i.name,
                lang.say(Say::WeightLower),
                i.weight,
            ));
        }
    }
    if let Some(w) = &t.window {
        line(String::new());
        line(format!(
            "{}: {} .. {}",
            lang.say(Say::AssessmentWindow),
            w.start,
            w.end
        ));
    }
    if let Some(a) = &t.award {
        line(String::new());
        if let Some(g) = a.group_field {
            let group = t.fields[g].label(lang);
            if a.unique_titles {
                line(format!("{} {group}.", lang.say(Say::NoTwoTitlesAlike)));
            }
            for (class, max) in &a.quota {
                line(format!(
                    "{} {group}: {class} {max}",
                    lang.say(Say::QuotaPer)
                ));
            }
        }
        if a.agencies.is_empty() && a.group_field.is_some() {
            // Per-group rules only: no list of required agencies to show.
        } else if a.agencies.is_empty() {
            line(lang.say(Say::AwardNoAgencies).into());
        } else {
            line(format!(
                "{} ({}):",
                lang.say(Say::AgenciesThatMustSubmit),
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
        line(format!("{}:", lang.say(Say::SeverityOverrides)));
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
        lang.say(Say::TemplateIsValid),
        t.fields.len(),
        lang.say(Say::FieldsLower),
        t.indicators.len(),
        lang.say(Say::IndicatorsLower),
        match &t.extends {
            Some(p) => format!(", {} {p}", lang.say(Say::ExtendsFromLower)),
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
        lang.say(Say::Roster),
        super::visible(&t.id),
        super::visible(&path.display().to_string())
    )
}

pub fn form_written(t: &Template, path: &Path, lang: Lang) -> io::Result<()> {
    writeln!(
        io::stderr().lock(),
        "{} {} ({}) -> {}",
        lang.say(Say::Form),
        super::visible(&t.id),
        super::visible(&t.name),
        super::visible(&path.display().to_string())
    )
}
