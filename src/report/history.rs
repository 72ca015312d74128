//! `bimtek history`: the campaign as a table for people (first run,
//! previous run and now, per agency), JSON and CSV for scripts, and an HTML
//! page with a small chart per agency.

use super::chart::{campaign_svg, chart_points, chart_scale, shown_time};
use super::layout::BORDERS;
use super::markup::escape;
use super::visible::visible;
use crate::diag::{Lang, Say};
use crate::history::{AgencyRun, Campaign};
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};

struct Words {
    title: &'static str,
    agency: &'static str,
    innovations: &'static str,
    errors: &'static str,
    verified: &'static str,
    last_change: &'static str,
    phases: &'static str,
    no_runs: &'static str,
    runs: &'static str,
}

fn words(lang: Lang) -> Words {
    Words {
        title: lang.say(Say::HistoryTitle),
        agency: lang.say(Say::Agency),
        innovations: lang.say(Say::InnovationsHead),
        errors: lang.say(Say::ErrorsHead),
        verified: lang.say(Say::VerifiedScoreHead),
        last_change: lang.say(Say::LastChanged),
        phases: lang.say(Say::Phases),
        no_runs: lang.say(Say::NoRunYet),
        runs: lang.say(Say::RunsRecorded),
    }
}

/// The indices of the first, previous and last runs.
fn phases(n: usize) -> [usize; 3] {
    let last = n.saturating_sub(1);
    [0, last.saturating_sub(1), last]
}

pub fn table(c: &Campaign, lang: Lang, width: Option<u16>) -> anyhow::Result<()> {
    let width = width.unwrap_or_else(|| {
        if io::stdout().is_terminal() {
            Table::new().width().unwrap_or(100)
        } else {
            100
        }
    });
    let mut out = io::stdout().lock();
    out.write_all(render_table(c, lang, width).as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The campaign table at `width` columns: per agency, innovations, errors
/// and the mean verified score at the first run, the previous run and now,
/// and when it last changed anything.
pub fn render_table(c: &Campaign, lang: Lang, width: u16) -> String {
    let w = words(lang);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "bimtek {} - {} - {} {}",
        env!("CARGO_PKG_VERSION"),
        w.title,
        c.runs.len(),
        w.runs
    );
    if c.runs.is_empty() {
        let _ = writeln!(s, "\n{}", w.no_runs);
        return s;
    }
    let ph = phases(c.runs.len());
    let _ = writeln!(
        s,
        "{}: {} / {} / {} (UTC)\n",
        w.phases,
        shown_time(&c.runs[ph[0]].time),
        shown_time(&c.runs[ph[1]].time),
        shown_time(&c.runs[ph[2]].time),
    );
    let mut tbl = Table::new();
    tbl.load_style(BORDERS)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .force_no_tty();
    tbl.set_header(vec![
        w.agency,
        w.innovations,
        w.errors,
        w.verified,
        w.last_change,
    ]);
    let right = |s: String| Cell::new(s).set_alignment(CellAlignment::Right);
    for a in &c.agencies {
        let at = |k: usize| a.runs[k].as_ref();
        let three = |f: &dyn Fn(Option<&AgencyRun>) -> String| {
            ph.iter().map(|&k| f(at(k))).collect::<Vec<_>>().join(" / ")
        };
        tbl.add_row(vec![
            Cell::new(visible(&a.agency)),
            right(three(&|r| r.map_or(0, |r| r.innovations).to_string())),
            right(three(&|r| r.map_or(0, |r| r.errors).to_string())),
            right(three(&|r| {
                r.and_then(|r| r.verified)
                    .map_or("-".to_string(), |v| format!("{v:.1}"))
            })),
            Cell::new(a.last_change.as_deref().map(shown_time).unwrap_or_default()),
        ]);
    }
    let _ = writeln!(s, "{tbl}");
    s
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    runs: Vec<JsonRun<'a>>,
    agencies: Vec<JsonAgency<'a>>,
}

#[derive(Serialize)]
struct JsonRun<'a> {
    time: &'a str,
    as_of: String,
    innovations: u32,
    errors: u32,
    warnings: u32,
}

#[derive(Serialize)]
struct JsonAgency<'a> {
    agency: &'a str,
    runs: Vec<JsonAgencyRun>,
    last_change: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonAgencyRun {
    innovations: u32,
    errors: u32,
    verified: Option<f64>,
}

/// A mean score to two decimals, as a script wants to read it.
fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

pub fn json(c: &Campaign) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    json_to(&mut out, c)?;
    out.flush()?;
    Ok(())
}

/// `{runs: [{time, as_of, innovations, errors, warnings}], agencies:
/// [{agency, runs: [{innovations, errors, verified}], last_change}]}`; an
/// agency's runs are the document's runs, with zeros where it was absent.
pub fn json_to(out: &mut dyn Write, c: &Campaign) -> anyhow::Result<()> {
    let doc = JsonDoc {
        runs: c
            .runs
            .iter()
            .map(|r| JsonRun {
                time: &r.time,
                as_of: r.as_of.format("%Y-%m-%d").to_string(),
                innovations: r.innovations,
                errors: r.errors,
                warnings: r.warnings,
            })
            .collect(),
        agencies: c
            .agencies
            .iter()
            .map(|a| JsonAgency {
                agency: &a.agency,
                runs: a
                    .runs
                    .iter()
                    .map(|r| JsonAgencyRun {
                        innovations: r.as_ref().map_or(0, |r| r.innovations),
                        errors: r.as_ref().map_or(0, |r| r.errors),
                        verified: r.as_ref().and_then(|r| r.verified).map(round2),
                    })
                    .collect(),
                last_change: a.last_change.as_deref(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")?;
    Ok(())
}

pub fn csv(c: &Campaign) -> anyhow::Result<()> {
    let out = io::BufWriter::new(io::stdout().lock());
    csv_to(out, c)
}

/// One row per agency and run it took part in: `time, as_of, agency,
/// innovations, errors, warnings, verified`.
pub fn csv_to<W: Write>(out: W, c: &Campaign) -> anyhow::Result<()> {
    let mut w = super::csv::Writer::from_writer(out);
    w.write_record([
        "time",
        "as_of",
        "agency",
        "innovations",
        "errors",
        "warnings",
        "verified",
    ])?;
    for (k, run) in c.runs.iter().enumerate() {
        for a in &c.agencies {
            let Some(r) = &a.runs[k] else { continue };
            w.write_record([
                run.time.clone(),
                run.as_of.format("%Y-%m-%d").to_string(),
                a.agency.clone(),
                r.innovations.to_string(),
                r.errors.to_string(),
                r.warnings.to_string(),
                r.verified
                    .map(|v| round2(v).to_string())
                    .unwrap_or_default(),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

const STYLE: &str = "body{font-family:system-ui,'Segoe UI',Roboto,sans-serif;margin:2rem;color:#1b1b1b;max-width:75rem}\
h1{font-size:1.6rem}table{border-collapse:collapse;width:100%;font-size:.9rem}\
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:middle}\
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#555}\
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}";

/// The campaign as one self-contained HTML page: the table of
/// [`render_table`] with a chart per agency.
pub fn render_html(c: &Campaign, lang: Lang) -> String {
    let w = words(lang);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>bimtek · {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>bimtek · {}</h1>\n",
        lang.tag(),
        w.title,
        w.title,
    );
    let _ = writeln!(h, "<p class=\"muted\">{} {}</p>", c.runs.len(), w.runs);
    if c.runs.is_empty() {
        let _ = writeln!(h, "<p>{}</p>\n</body>\n</html>", w.no_runs);
        return h;
    }
    let ph = phases(c.runs.len());
    let _ = writeln!(
        h,
        "<p class=\"legend\"><span style=\"background:{}\"></span>{}<span style=\"background:{}\"></span>{}</p>",
        super::chart::ERROR_COLOR,
        w.errors,
        super::chart::VERIFIED_COLOR,
        w.verified
    );
    let _ = writeln!(
        h,
        "<table>\n<thead><tr><th>{}</th><th>{}<br><span class=\"muted\">{}</span></th>\
         <th>{}<br><span class=\"muted\">{}</span></th><th>{}<br><span class=\"muted\">{}</span></th>\
         <th>{}</th><th></th></tr></thead>\n<tbody>",
        w.agency, w.innovations, w.phases, w.errors, w.phases, w.verified, w.phases, w.last_change
    );
    let scale = chart_scale(c);
    for a in &c.agencies {
        let at = |k: usize| a.runs[k].as_ref();
        let three = |f: &dyn Fn(Option<&AgencyRun>) -> String| {
            ph.iter().map(|&k| f(at(k))).collect::<Vec<_>>().join(" / ")
        };
        let points = chart_points(c, a);
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td>{}</td><td>{}</td></tr>",
            escape(&a.agency),
            three(&|r| r.map_or(0, |r| r.innovations).to_string()),
            three(&|r| r.map_or(0, |r| r.errors).to_string()),
            three(&|r| r
                .and_then(|r| r.verified)
                .map_or("-".to_string(), |v| format!("{v:.1}"))),
            escape(&a.last_change.as_deref().map(shown_time).unwrap_or_default()),
            campaign_svg(&points, scale, lang),
        );
    }
    h.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    h
}
