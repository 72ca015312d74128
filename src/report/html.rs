//! A self-contained HTML report (no network: styles and the filter script
//! are inline): a bar per agency (clean / warning / error), the score
//! estimate and predicate, basic-service urusan coverage, points at risk,
//! and the findings table with a filter. Used by `--format html` and the
//! export package's `laporan.html`.

use super::{RenderOptions, severity_word};
use crate::check::Outcome;
use crate::diag::{Lang, Severity};
use crate::normalize::date::portal_format;
use crate::template::Template;
use std::fmt::Write as _;

/// Escape text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,'Segoe UI',Roboto,sans-serif;margin:2rem;color:#1b1b1b;max-width:75rem}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;font-size:1.25rem}\
.muted{color:#555}table{border-collapse:collapse;width:100%;font-size:.9rem}\
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}\
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}\
.bar{display:flex;height:1.1rem;min-width:12rem;border-radius:3px;overflow:hidden;background:#eee}\
.bar span{display:block;height:100%}.ok{background:#2e7d32}.warning{background:#f9a825}.error{background:#c62828}\
.sev-error{color:#c62828;font-weight:600}.sev-warning{color:#a06800;font-weight:600}.sev-info{color:#1565c0}\
.cards{display:flex;flex-wrap:wrap;gap:1rem}.card{border:1px solid #ddd;border-radius:6px;padding:1rem;min-width:16rem}\
.big{font-size:2rem;font-weight:700}input,select{font-size:1rem;padding:.3rem;margin:.5rem .5rem .5rem 0}\
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}";

const SCRIPT: &str = "(function(){var q=document.getElementById('q'),s=document.getElementById('sev'),\
rows=document.querySelectorAll('#findings tbody tr'),count=document.getElementById('count');\
function apply(){var t=q.value.toLowerCase(),v=s.value,n=0;rows.forEach(function(r){\
var show=(!t||r.textContent.toLowerCase().indexOf(t)>=0)&&(!v||r.getAttribute('data-sev')===v);\
r.style.display=show?'':'none';if(show)n++;});count.textContent=n;}\
q.addEventListener('input',apply);s.addEventListener('change',apply);apply();})();";

/// Render the whole report as one HTML document.
pub fn render_html(outcome: &Outcome, t: &Template, opts: &RenderOptions) -> String {
    let id = opts.lang == Lang::Id;
    let tr = |a: &'static str, b: &'static str| if id { a } else { b };
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         {}\n<title>bimtek · {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        if id { "id" } else { "en" },
        crate::load::marker::HTML_MARK,
        escape(&t.name)
    );
    let count = |s| outcome.count(s);
    let _ = write!(
        h,
        "<h1>{}</h1>\n<p class=\"muted\">bimtek {} · {} ({}) · {} {}</p>\n",
        tr(
            "Laporan pemeriksaan inovasi daerah",
            "Regional innovation check report"
        ),
        env!("CARGO_PKG_VERSION"),
        escape(&t.name),
        escape(&t.id),
        tr("tanggal acuan", "reference date"),
        portal_format(opts.as_of)
    );
    let _ = writeln!(
        h,
        "<div class=\"cards\"><div class=\"card\"><div class=\"big\">{}</div>{}</div>\
         <div class=\"card\"><div class=\"big\">{}</div>{}</div>\
         <div class=\"card\"><div class=\"big sev-error\">{}</div>{}</div>\
         <div class=\"card\"><div class=\"big sev-warning\">{}</div>{}</div></div>",
        outcome.files.len(),
        tr("berkas", "files"),
        outcome.innovations.len(),
        tr("inovasi", "innovations"),
        count(Severity::Error),
        tr("galat", "errors"),
        count(Severity::Warning),
        tr("peringatan", "warnings"),
    );

    // Per agency: a bar of clean / warning / error innovations.
    let agencies = super::agency_tallies(outcome);
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p class=\"legend\"><span class=\"ok\"></span>{}<span class=\"warning\"></span>{}<span class=\"error\"></span>{}</p>\n\
         <table id=\"agencies\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
        tr("Per perangkat daerah", "Per agency"),
        tr("bersih", "clean"),
        tr("peringatan", "warnings"),
        tr("galat", "errors"),
        tr("Perangkat Daerah", "Agency"),
        tr("Inovasi", "Innovations"),
        tr("Bersih / peringatan / galat", "Clean / warnings / errors"),
        tr("Bersih", "Clean"),
        tr("Galat", "Errors"),
        tr("Skor klaim", "Score claimed"),
        tr("Skor verif.", "Score verified"),
    );
    for (name, a) in &agencies {
        let pct = |x: usize| {
            if a.innovations == 0 {
                0.0
            } else {
                x as f64 * 100.0 / a.innovations as f64
            }
        };
        let avg = |x: f64| {
            if a.innovations == 0 {
                0.0
            } else {
                x / a.innovations as f64
            }
        };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td><div class=\"bar\" title=\"{} / {} / {}\">\
             <span class=\"ok\" style=\"width:{:.1}%\"></span><span class=\"warning\" style=\"width:{:.1}%\"></span>\
             <span class=\"error\" style=\"width:{:.1}%\"></span></div></td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{:.1}</td><td class=\"n\">{:.1}</td></tr>",
            escape(name),
            a.innovations,
            a.clean,
            a.warnings,
            a.errors,
            pct(a.clean),
            pct(a.warnings),
            pct(a.errors),
            a.clean,
            a.errors,
            avg(a.claimed),
            avg(a.verified),
        );
    }
    let _ = writeln!(h, "</tbody></table>");

    for p in &outcome.pemda {
        let _ = write!(
            h,
            "<h2>{} {}</h2>\n<div class=\"cards\"><div class=\"card\"><div class=\"big\">{:.2}</div>IID · {}</div>\
             <div class=\"card\"><div class=\"big\">{:.2}</div>SID ({} {:.2})</div>\
             <div class=\"card\"><div class=\"big\">{:.2}</div>{}</div>\
             <div class=\"card\"><div class=\"big\">{}</div>SPD</div></div>\n",
            tr("Estimasi skor", "Score estimate"),
            escape(&p.name),
            p.iid,
            escape(&p.predicate),
            p.sid,
            tr("bila semua klaim lolos", "if every claim passed"),
            p.sid_claimed,
            p.count_score,
            tr("skor jumlah inovasi", "innovation-count score"),
            p.spd.map_or("-".to_string(), |x| format!("{x:.2}")),
        );
        if p.left_out > 0 {
            let why = p
                .left_out_by
                .iter()
                .map(|(code, n)| format!("{code} {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                h,
                "<p>{} {} ({}). {} {:.2}.</p>",
                p.left_out,
                tr(
                    "inovasi tidak lolos kelayakan dan tidak dihitung dalam estimasi terverifikasi",
                    "innovations would not pass eligibility and are left out of the verified estimate"
                ),
                escape(&why),
                tr(
                    "Estimasi bila semua inovasi dan klaim dihitung:",
                    "Estimate with every innovation and claim counted:"
                ),
                p.iid_claimed,
            );
        }
        let _ = write!(
            h,
            "<p>{} {} {} {}.</p>\n<ul>",
            tr(
                "Urusan pelayanan dasar tercakup",
                "Basic-service affairs covered:"
            ),
            p.yandas_covered.len(),
            tr("dari", "of"),
            p.yandas_covered.len() + p.yandas_missing.len()
        );
        for y in &p.yandas_covered {
            let _ = write!(h, "<li>&#10003; {}</li>", escape(y));
        }
        for y in &p.yandas_missing {
            let _ = write!(
                h,
                "<li class=\"sev-error\">&#10007; {} ({})</li>",
                escape(y),
                tr("belum ada inovasi", "no innovation yet")
            );
        }
        let _ = writeln!(h, "</ul>");
        if p.short_of_k > 0 {
            let _ = writeln!(
                h,
                "<p class=\"sev-warning\">{} {} {}</p>",
                tr("Kurang", "Short by"),
                p.short_of_k,
                tr(
                    "inovasi dari jumlah minimum pembagi; setiap kursi kosong bernilai 0.",
                    "innovations of the minimum divisor; each empty seat scores 0."
                )
            );
        }
    }

    let risks: Vec<_> = outcome
        .innovations
        .iter()
        .flat_map(|i| i.score.at_risk().iter().map(move |r| (i, r)))
        .collect();
    if !risks.is_empty() {
        let _ = write!(
            h,
            "<h2>{}</h2>\n<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
            tr("Poin yang terancam hilang", "Points at risk"),
            tr("Perangkat Daerah", "Agency"),
            tr("Inovasi", "Innovation"),
            tr("Indikator", "Indicator"),
            tr("Sebab", "Reason"),
            tr("Poin", "Points"),
        );
        for (i, r) in risks {
            let name = t
                .indicator(r.indicator)
                .map_or(String::new(), |x| x.name.clone());
            let reason = crate::diag::lookup(r.code)
                .map_or(String::new(), |c| c.summary(opts.lang).to_string());
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{} {}</td><td>{} ({})</td><td class=\"n\">-{}</td></tr>",
                escape(&i.agency),
                escape(i.name()),
                r.indicator,
                escape(&name),
                escape(&reason),
                r.code,
                r.points
            );
        }
        let _ = writeln!(h, "</tbody></table>");
    }

    let _ = write!(
        h,
        "<h2>{}</h2>\n<label>{} <input id=\"q\" type=\"search\" placeholder=\"{}\"></label>\
         <label>{} <select id=\"sev\"><option value=\"\">{}</option><option value=\"error\">{}</option>\
         <option value=\"warning\">{}</option><option value=\"info\">{}</option></select></label>\
         <span class=\"muted\"><span id=\"count\">{}</span> {}</span>\n\
         <table id=\"findings\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
        tr("Temuan", "Findings"),
        tr("Saring", "Filter"),
        tr(
            "kode, berkas, OPD, pesan...",
            "code, file, agency, message..."
        ),
        tr("Tingkat", "Severity"),
        tr("semua", "all"),
        severity_word(Severity::Error, opts.lang),
        severity_word(Severity::Warning, opts.lang),
        severity_word(Severity::Info, opts.lang),
        outcome.findings.len(),
        tr("temuan ditampilkan", "findings shown"),
        tr("Tingkat", "Severity"),
        tr("Kode", "Code"),
        tr("Perangkat Daerah", "Agency"),
        tr("Inovasi", "Innovation"),
        tr("Berkas", "File"),
        tr("Sel", "Cell"),
        tr("Isian", "Field"),
        tr("Pesan", "Message"),
        tr("Saran", "Hint"),
    );
    // In reading order: agency by agency, innovation by innovation.
    for (agency, findings) in super::findings_by_agency(outcome) {
        for f in findings {
            let l = &f.location;
            let place = l
                .cell()
                .or_else(|| l.row.map(|r| format!("{} {r}", tr("baris", "row"))))
                .or_else(|| l.sheet.clone())
                .unwrap_or_else(|| l.file.rsplit('/').next().unwrap_or(&l.file).to_string());
            let innovation = outcome.innovation_of(f).map_or("", |i| i.name());
            let mut field = f
                .field
                .as_deref()
                .and_then(|key| t.field(key))
                .map(|x| x.label(opts.lang).to_string())
                .unwrap_or_default();
            if let Some(no) = f.indicator {
                if !field.is_empty() {
                    field.push_str(", ");
                }
                field.push_str(&format!("{} {no}", tr("Indikator", "Indicator")));
            }
            let sev = f.severity.as_str();
            let _ = writeln!(
                h,
                "<tr data-sev=\"{sev}\"><td class=\"sev-{sev}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                severity_word(f.severity, opts.lang),
                f.code,
                escape(agency),
                escape(innovation),
                escape(&l.file),
                escape(&place),
                escape(&field),
                escape(&f.message(opts.lang)),
                escape(&f.hint(opts.lang)),
            );
        }
    }
    let _ = write!(
        h,
        "</tbody></table>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    h
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<b>\"A&B\"</b>'"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&#39;"
        );
    }
}
