//! `bimtek show`: one innovation as a card for the projector: its fields,
//! a checklist of the indicators (parameter, evidence, points) and what is
//! missing.

use super::visible::{visible, visible_report};
use super::{RenderOptions, severity_word, use_color};
use crate::diag::{Finding, Lang, Say, Severity};
use crate::normalize::Record;
use crate::outcome::Innovation;
use crate::outcome::idea::Idea;
use crate::template::Template;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};
use std::fmt::Write as _;
use std::io::{self, Write};

pub fn card(
    inn: &Innovation,
    record: Option<&Record>,
    findings: &[&Finding],
    t: &Template,
    opts: &RenderOptions,
    idea: Option<&Idea>,
) -> anyhow::Result<()> {
    let mut text = render_card(
        inn,
        record,
        findings,
        t,
        opts,
        opts.width.unwrap_or(100),
        use_color(),
    );
    if let Some(idea) = idea {
        text.push_str(&render_idea(idea, opts.lang));
    }
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// What following a lab's idea found: its IID entry and the catalogue's
/// innovations like it, the likest first.
pub fn render_idea(idea: &Idea, lang: Lang) -> String {
    let mut s = String::new();
    if let Some(m) = &idea.iid {
        let sim = m
            .similarity
            .map(|x| crate::diag::number(x, 2, lang))
            .unwrap_or_default();
        let said = match (m.status, &m.matched) {
            ("entered", Some(name)) => lang.fill(
                Say::EnteredAs,
                &[("name", &visible(name)), ("similarity", &sim)],
            ),
            ("ambiguous", _) => {
                let names = m
                    .candidates
                    .iter()
                    .map(|c| format!("\"{}\"", visible(c)))
                    .collect::<Vec<_>>()
                    .join("; ");
                lang.fill(Say::EquallyClose, &[("names", &names)])
            }
            _ => lang.say(Say::NotEnteredYet).to_string(),
        };
        let _ = writeln!(s);
        let _ = writeln!(s, "IID: {said}");
    }
    if let Some(list) = &idea.catalog {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{}",
            lang.say(if list.is_empty() {
                Say::NewToTheCatalogue
            } else {
                Say::LikeItElsewhere
            })
        );
        for l in list {
            let pemda = l.pemda.as_deref().unwrap_or(lang.say(Say::NoPemdaNamed));
            let place = match &l.sheet {
                Some(sh) => format!("{}, {}", visible(&l.file), visible(sh)),
                None => visible(&l.file).into_owned(),
            };
            let _ = writeln!(
                s,
                "  {} %  \"{}\" - {} ({place}, {} {})",
                (l.similarity * 100.0).round(),
                visible(&l.name),
                visible(pemda),
                lang.say(Say::Row),
                l.row
            );
        }
    }
    s
}

pub fn render_card(
    inn: &Innovation,
    record: Option<&Record>,
    findings: &[&Finding],
    t: &Template,
    opts: &RenderOptions,
    width: u16,
    color: bool,
) -> String {
    let lang = opts.lang;
    let mut s = String::new();
    let _ = writeln!(s, "{}", visible(inn.name()));
    let place = match &inn.sheet() {
        Some(sh) => format!(
            "{} - {} - {} {}",
            visible(inn.file()),
            visible(sh),
            lang.say(Say::Row),
            inn.row
        ),
        None => format!(
            "{} - {} {}",
            visible(inn.file()),
            lang.say(Say::Row),
            inn.row
        ),
    };
    let _ = writeln!(s, "{} - {place}", visible(&inn.agency));
    let status = match inn.status {
        Severity::Error => severity_word(Severity::Error, lang),
        Severity::Warning => severity_word(Severity::Warning, lang),
        Severity::Info => "OK",
    };
    let _ = writeln!(
        s,
        "Status: {status} ({}, {})",
        lang.counted(inn.errors as usize, Say::ErrorNoun),
        lang.counted(inn.warnings as usize, Say::WarningNoun),
    );

    let _ = writeln!(s);
    let _ = writeln!(s, "{}", lang.say(Say::Profile));
    let label_width = t
        .fields
        .iter()
        .map(|f| f.label(lang).chars().count())
        .max()
        .unwrap_or(10)
        .min(34);
    let value_width = (width as usize).saturating_sub(label_width + 6).max(20);
    for (fi, f) in t.fields.iter().enumerate() {
        let value = match record.and_then(|r| r.cell(fi)) {
            Some(c) if !c.text.is_empty() => {
                let one_line = visible(&crate::normalize::collapse_spaces(&c.text)).into_owned();
                if f.min_words.is_some() {
                    let words = crate::normalize::scalar::count_words(&c.text);
                    format!(
                        "({words} {}) {}",
                        lang.noun(words, Say::WordNoun),
                        crate::diag::shorten(&one_line, value_width.saturating_sub(12))
                    )
                } else {
                    crate::diag::shorten(&one_line, value_width)
                }
            }
            Some(_) => "-".to_string(),
            None => lang.say(Say::NoColumn).to_string(),
        };
        let label = crate::diag::shorten(&visible(f.label(lang)), label_width);
        let mark = if f.required { "*" } else { " " };
        let _ = writeln!(s, "  {label:<label_width$}{mark} {value}");
    }

    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{} {} / {} {} / {} {}",
        lang.say(Say::IndicatorsScoreClaimed),
        crate::diag::number(inn.score.claimed, 0, lang),
        lang.say(Say::Verified),
        crate::diag::number(inn.score.verified, 0, lang),
        lang.say(Say::Max),
        crate::diag::number(crate::score::max_score(t), 0, lang)
    );
    let mut tbl = Table::new();
    tbl.load_style(super::layout::BORDERS)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    if !color {
        tbl.force_no_tty();
    }
    tbl.set_header(
        [
            Say::No,
            Say::Indicator,
            Say::Weight,
            Say::Parameter,
            Say::Evidence,
            Say::Points,
        ]
        .map(|k| lang.say(k)),
    );
    for ind in &t.indicators {
        let sc = inn.score.indicators().iter().find(|x| x.no == ind.no);
        let tier = sc.and_then(|x| x.tier);
        let has_docs = inn.statements.iter().any(|st| {
            t.indicator_for(st.indicator().text) == Some(ind.no)
                && st.reference().is_some_and(|r| !r.text.is_empty())
        });
        let evidence = match (sc, has_docs) {
            (Some(x), true) if x.verified => lang.say(Say::Passed).to_string(),
            (Some(x), true) => match x.code {
                Some(c) => format!("{} ({c})", lang.say(Say::Problem)),
                None => lang.say(Say::Given).to_string(),
            },
            _ => lang.say(Say::Absent).to_string(),
        };
        let points = match sc {
            Some(x) if x.tier.is_some() && x.verified => format!("{}", x.points()),
            Some(x) if x.tier.is_some() => format!("0 (-{})", x.points()),
            _ => "0".to_string(),
        };
        let name = if ind.mandatory {
            format!("{}*", visible(&ind.name))
        } else {
            visible(&ind.name).into_owned()
        };
        tbl.add_row(vec![
            Cell::new(ind.no).set_alignment(CellAlignment::Right),
            Cell::new(name),
            Cell::new(ind.weight).set_alignment(CellAlignment::Right),
            Cell::new(tier.map_or("-".to_string(), |x| x.to_string()))
                .set_alignment(CellAlignment::Right),
            Cell::new(evidence),
            Cell::new(points).set_alignment(CellAlignment::Right),
        ]);
    }
    let _ = writeln!(s, "{tbl}");
    let _ = writeln!(s, "{}", lang.say(Say::MandatoryIndicator));

    let _ = writeln!(s);
    let _ = writeln!(s, "{}", lang.say(Say::ToFix));
    if findings.is_empty() {
        let _ = writeln!(s, "  {}", lang.say(Say::NoFindings));
    }
    for f in findings {
        let cell = f.location.cell().unwrap_or_default();
        let _ = writeln!(
            s,
            "  {} {} {}: {}",
            severity_word(f.severity, lang),
            f.code,
            visible(&cell),
            visible(&f.message(lang))
        );
        let _ = writeln!(
            s,
            "      {}: {}",
            lang.say(Say::HintWord),
            visible(&f.hint(lang))
        );
    }
    // A value not wrapped above still cannot command the terminal.
    visible_report(s, color)
}
