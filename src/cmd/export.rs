//! `bimtek export`: the cleaned submission package, or the agencies'
//! feedback workbooks. Checks once (as `check` does), keeping each row's
//! canonical values as the check reads it, and writes everything
//! atomically. Feedback workbooks are written from the same reading.

use crate::check::evidence::{Resolver, is_link};
use crate::diag::{OrTrouble, Say, Severity, Trouble};
use crate::evidence::EvidenceStore;
use crate::export::write::Target;
use crate::export::{self, Entry, EvidenceItem, FileHash, Row, Source, Unread};
use crate::load::{self, InputFile};
use crate::normalize::Record;
use crate::outcome::{Innovation, Outcome, Resolved};
use crate::report::{self, RenderOptions};
use crate::settings::CheckSettings;
use crate::template::{EvidenceKey, Template};
use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The SHA-256 and size of an entry's bytes.
fn hash_source(source: &Source) -> std::io::Result<(String, u64)> {
    Ok(match source {
        Source::Bytes(b) => (export::sha256_hex(b), b.len() as u64),
        Source::File(p) => export::sha256_file(p)?,
        Source::Spilled(f) => export::sha256_spilled(f)?,
        Source::Packed { digest, .. } => digest.clone(),
    })
}

/// An entry's line in a manifest: its name, SHA-256 and size.
fn file_hash(e: &Entry) -> Result<FileHash> {
    let (sha256, size) = hash_source(&e.source)?;
    Ok(FileHash {
        path: e.name.clone(),
        sha256,
        size,
    })
}

/// What to write.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub out: Option<PathBuf>,
    pub feedback: Option<PathBuf>,
    pub force: bool,
    pub include_invalid: bool,
}

pub fn run(o: ExportOptions, s: CheckSettings) -> Result<u8> {
    // Checked before any work; the output replaces only what was checked.
    let read = super::check::read_paths(&s);
    let feedback_target = match &o.feedback {
        Some(dir) => Some(Target::check(dir, o.force, &read)?),
        None => None,
    };
    let out_target = match &o.out {
        Some(out) if o.feedback.is_none() => Some(Target::check(out, o.force, &read)?),
        _ => None,
    };
    if let Some(target) = feedback_target {
        // Each profile row's cells are taken as the check reads it: the
        // files are read once.
        let rows = Mutex::new(HashMap::new());
        let tap = |f: &InputFile, r: &Record| {
            let (key, cells) = export::feedback::form_row(&s.template, &f.display, r);
            rows.lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key, cells);
        };
        let outcome = super::check::evaluate_with(&s, Some(&tap))?;
        let rows = rows.into_inner().unwrap_or_else(|e| e.into_inner());
        let books = export::feedback::workbooks(&outcome, &s.template, &rows, s.lang)?;
        let mut entries: Vec<Entry> = books
            .into_iter()
            .map(|(name, bytes)| Entry {
                name,
                source: Source::Bytes(bytes),
            })
            .collect();
        entries.push(feedback_manifest(&entries)?);
        target.package(&mut entries)?;
        return Ok(crate::EXIT_OK);
    }
    let target = out_target.ok_or_else(|| Trouble::say(Say::OutOrFeedbackIsRequired, &[]))?;
    let out = target.path().to_path_buf();
    // The canonical values of every row are taken as the check reads it:
    // the files are read once.
    let fields = export::export_fields(&s.template);
    let values = Mutex::new(Values::default());
    let tap = |f: &InputFile, r: &Record| {
        let row = row_values(&s.template, &fields, f, r);
        values
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(row.0, row.1);
    };
    let outcome = super::check::evaluate_with(&s, Some(&tap))?;
    let values = values.into_inner().unwrap_or_else(|e| e.into_inner());
    let (mut inputs, _) = load::collect_inputs(&s.paths);
    // bimtek's own workbooks among them, told when they were loaded, are
    // not the package's inputs.
    inputs.retain(|f| !outcome.own_workbooks.contains(&f.display));
    let (mut entries, mut summary) = package(&o, &out, &s, &outcome, &inputs, &fields, values)?;
    target.package(&mut entries)?;
    summary.target = report::visible(&out.to_string_lossy()).into_owned();
    if !s.quiet {
        report::export_summary(&summary, s.lang);
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

/// The feedback folder's manifest: it names bimtek, so that `--force` may
/// replace the folder later (and only such a folder), and lists the
/// workbooks with their hashes.
fn feedback_manifest(books: &[Entry]) -> Result<Entry> {
    #[derive(Serialize)]
    struct FeedbackManifest {
        version: u32,
        tool: Tool,
        kind: &'static str,
        files: Vec<FileHash>,
    }
    let files = books.iter().map(file_hash).collect::<Result<Vec<_>>>()?;
    let manifest = FeedbackManifest {
        version: 1,
        tool: Tool {
            name: "bimtek",
            version: env!("CARGO_PKG_VERSION"),
        },
        kind: "feedback",
        files,
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest)?;
    bytes.push(b'\n');
    Ok(Entry {
        name: "manifest.json".into(),
        source: Source::Bytes(bytes),
    })
}

/// Where a row is: (file, sheet, row).
type RowKey = (String, Option<String>, u32);
/// A row's canonical values, and what could not be read (field, as written).
type RowValues = (Vec<String>, Vec<(String, String)>);
/// Every row's values by where it is.
type Values = HashMap<RowKey, RowValues>;

/// One row's canonical values, keyed by (file, sheet, row).
fn row_values(t: &Template, fields: &[usize], f: &InputFile, r: &Record) -> (RowKey, RowValues) {
    let mut values = Vec::with_capacity(fields.len());
    let mut unread = Vec::new();
    for &fi in fields {
        match export::canonical(t, fi, r) {
            Ok(v) => values.push(v),
            Err(written) => {
                values.push(String::new());
                unread.push((t.fields[fi].key.clone(), written));
            }
        }
    }
    (
        (
            f.display.clone(),
            r.sheet.as_deref().map(str::to_string),
            r.row,
        ),
        (values, unread),
    )
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    tool: Tool,
    template: TemplateHash<'a>,
    as_of: String,
    options: ManifestOptions<'a>,
    inputs: Vec<FileHash>,
    files: Vec<FileHash>,
    counts: export::Counts,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct TemplateHash<'a> {
    id: &'a str,
    year: i32,
    sha256: String,
}

#[derive(Serialize)]
struct ManifestOptions<'a> {
    include_invalid: bool,
    excel_csv: bool,
    lang: &'static str,
    pemda: &'a str,
    spd: Option<f64>,
    evidence: Vec<String>,
    baselines: Vec<String>,
    /// The `--roster` file, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    roster: Option<String>,
}

fn package(
    o: &ExportOptions,
    out: &Path,
    s: &CheckSettings,
    outcome: &Outcome,
    inputs: &[InputFile],
    fields: &[usize],
    mut values: Values,
) -> Result<(Vec<Entry>, report::ExportSummary)> {
    let t = &s.template;
    let included: Vec<&Innovation> = outcome
        .innovations
        .iter()
        .filter(|i| o.include_invalid || i.status != Severity::Error)
        .collect();
    let excluded: Vec<&Innovation> = outcome
        .innovations
        .iter()
        .filter(|i| !o.include_invalid && i.status == Severity::Error)
        .collect();

    let mut rows = Vec::new();
    let mut unread = Vec::new();
    for i in &included {
        let key = (i.file().to_string(), i.sheet().map(str::to_string), i.row);
        // Each row is one innovation's: its values move into the package.
        let (mut vals, bad) = values
            .remove(&key)
            .unwrap_or_else(|| (vec![String::new(); fields.len()], Vec::new()));
        // The agency is known even when the sheet has no agency column: it
        // comes from the file's folder or name.
        if let Some(pos) = fields.iter().position(|&f| t.roles.agency == Some(f))
            && vals[pos].is_empty()
        {
            vals[pos] = i.agency.to_string();
        }
        for (field, written) in bad {
            unread.push(Unread {
                id: i.id(),
                field,
                written,
            });
        }
        rows.push(Row {
            id: i.id(),
            values: vals,
            status: i.status,
        });
    }

    // Evidence of the included innovations, copied under stable names.
    let workbooks: Vec<(String, PathBuf)> = inputs
        .iter()
        .map(|f| (f.display.clone(), f.path.clone()))
        .collect();
    let store = EvidenceStore::new(&s.evidence, &workbooks);
    // Every file the included innovations name, found and inspected in one
    // pass on every core (one at a time, this was two seconds of a single
    // core for a province's 200,000 evidence files).
    let wanted: Vec<(&str, &str)> = {
        let mut wanted: Vec<(&str, &str)> = included
            .iter()
            .flat_map(|i| &i.statements)
            .filter_map(|st| {
                let reference = st.reference().filter(|r| !r.text.is_empty())?;
                t.indicator_for(st.indicator().text)?;
                (!is_link(reference.text)).then_some((&**st.file(), reference.text))
            })
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        wanted
    };
    let found: HashMap<(&str, &str), Resolved> = wanted
        .iter()
        .copied()
        .zip(store.resolve_all(&wanted))
        .collect();
    let mut names = export::Names::default();
    let mut items = Vec::new();
    let mut copies: Vec<Entry> = Vec::new();
    for i in &included {
        let base_dir = format!(
            "data/bukti/{}/{}",
            export::slug(&i.agency),
            export::slug(i.name())
        );
        for st in &i.statements {
            let Some(reference) = st.reference().filter(|r| !r.text.is_empty()) else {
                continue;
            };
            let Some(no) = t.indicator_for(st.indicator().text) else {
                continue;
            };
            let text = |key| st.text(key).to_string();
            let file = if is_link(reference.text) {
                reference.text.trim().to_string()
            } else {
                let key = (&**st.file(), reference.text);
                match found.get(&key) {
                    Some(Resolved::Found(facts)) => {
                        let ext = facts.kind.map(str::to_string).unwrap_or_else(|| {
                            std::path::Path::new(&facts.path)
                                .extension()
                                .map(|e| export::slug(&e.to_string_lossy()))
                                .unwrap_or_else(|| "bin".into())
                        });
                        let name = names.take(&format!("{base_dir}/indikator-{no:02}"), &ext);
                        copies.push(Entry {
                            name: name.clone(),
                            // The file as found, never a name made for showing.
                            source: Source::File(facts.path.clone()),
                        });
                        name
                    }
                    // Missing or refused: the record keeps no file (the finding says why).
                    _ => String::new(),
                }
            };
            items.push(EvidenceItem {
                id: i.id(),
                name: i.name().to_string(),
                indicator: no,
                parameter: text(EvidenceKey::Parameter),
                nomor: text(EvidenceKey::Number),
                tanggal: text(EvidenceKey::Date),
                tentang: text(EvidenceKey::About),
                file,
                source: reference.text.to_string(),
            });
        }
    }
    drop(found);

    let render = RenderOptions {
        lang: s.lang,
        as_of: s.as_of,
        width: None,
    };
    // The big data files wait for the package in unnamed temporary files
    // beside it.
    let spill = export::write::folder_of(out);
    let cannot_spill = |name: &str| {
        let d = spill.display();
        Trouble::say(Say::CannotSpill, &[("name", &name), ("d", &d)])
    };
    // The submission workbook (most of the time: its sheet is deflated as
    // it is saved) is built on one core while the rest is written on the
    // other, and, for a zip package, deflated there too.
    let as_zip = export::archive::is_zip(out);
    let pack = |name: &str, source: Source| -> Result<Source> {
        if as_zip {
            export::archive::pack(&spill, name, source).or_trouble(|| cannot_spill(name))
        } else {
            Ok(source)
        }
    };
    let dialect = s.csv_dialect();
    let (excluded_list, reasons) = export::excluded_list(outcome, &excluded, s.lang);
    // The portal-entry workbook reads the records too (a copy: at a
    // country's scale, memory to win back by building both from one list).
    let evidence_list = export::evidence_list(items.clone(), s.lang);
    let unread_values = unread.len();
    let unread_list = export::unread_list(unread, s.lang);
    let lists = [&excluded_list, &evidence_list, &unread_list];
    let (workbook, others) = rayon::join(
        || {
            export::rows_xlsx(t, fields, &rows, o.include_invalid, &lists, &spill, s.lang)
                .or_trouble(|| cannot_spill("data/inovasi.xlsx"))
        },
        || -> Result<_> {
            let csv = export::rows_csv(
                BufWriter::new(export::archive::spill_file(&spill)?),
                t,
                fields,
                &rows,
                o.include_invalid,
                dialect,
            )
            .and_then(|w| w.into_inner().map_err(|e| e.into_error().into()))
            .or_trouble(|| cannot_spill("data/inovasi.csv"))?;
            let csv = pack("data/inovasi.csv", Source::Spilled(csv))?;
            let mut temuan_json = Vec::new();
            report::json_to(&mut temuan_json, outcome, t, &render)?;
            let temuan_json = pack("temuan.json", Source::Bytes(temuan_json))?;
            let mut temuan_csv = Vec::new();
            report::csv_to(&mut temuan_csv, outcome, &render, dialect)?;
            let temuan_csv = pack("temuan.csv", Source::Bytes(temuan_csv))?;
            let temuan_xlsx = report::render_xlsx(outcome, t, &render)?;
            let html = report::render_html(outcome, t, &render);
            let html = pack("laporan.html", Source::Bytes(html.into_bytes()))?;
            let portal = export::portal::workbook(
                t, fields, &included, &rows, &items, &s.pemda, &spill, s.lang,
            )
            .or_trouble(|| cannot_spill(export::portal::NAME))?;
            Ok((csv, temuan_json, temuan_csv, temuan_xlsx, html, portal))
        },
    );
    let (csv, temuan_json, temuan_csv, temuan_xlsx, html, portal) = others?;

    let mut entries = vec![
        Entry {
            name: "data/inovasi.csv".into(),
            source: csv,
        },
        Entry {
            name: "data/inovasi.xlsx".into(),
            source: Source::Spilled(workbook?),
        },
        Entry {
            name: "data/bukti.csv".into(),
            source: Source::Bytes(evidence_list.csv(dialect)?),
        },
        Entry {
            name: "data/tidak-terbaca.csv".into(),
            source: Source::Bytes(unread_list.csv(dialect)?),
        },
        Entry {
            name: "dikecualikan.csv".into(),
            source: Source::Bytes(excluded_list.csv(dialect)?),
        },
        Entry {
            name: "temuan.json".into(),
            source: temuan_json,
        },
        Entry {
            name: "temuan.csv".into(),
            source: temuan_csv,
        },
        Entry {
            name: "temuan.xlsx".into(),
            source: Source::Bytes(temuan_xlsx),
        },
        Entry {
            name: "laporan.html".into(),
            source: html,
        },
        Entry {
            name: export::portal::NAME.into(),
            source: Source::Spilled(portal.file),
        },
    ];
    let evidence_files = copies.len();
    entries.extend(copies);
    entries.extend(export::readme(&entries, s.lang));
    entries.sort_by(|a, b| a.name.cmp(&b.name));

    // Hashed on every core (the data files and each evidence file are
    // read once more for it).
    let files = entries
        .par_iter()
        .map(file_hash)
        .collect::<Result<Vec<_>>>()?;
    let mut input_hashes = Vec::new();
    for f in inputs {
        let (sha256, size) = export::sha256_file(&f.path)?;
        input_hashes.push(FileHash {
            path: f.display.clone(),
            sha256,
            size,
        });
    }
    let count = |s| outcome.count(s);
    let manifest = Manifest {
        version: 1,
        tool: Tool {
            name: "bimtek",
            version: env!("CARGO_PKG_VERSION"),
        },
        template: TemplateHash {
            id: &t.id,
            year: t.year,
            sha256: export::sha256_hex(t.sources.concat().as_bytes()),
        },
        as_of: s.as_of.format("%Y-%m-%d").to_string(),
        options: ManifestOptions {
            include_invalid: o.include_invalid,
            excel_csv: s.excel_csv,
            lang: s.lang.tag(),
            pemda: &s.pemda,
            spd: s.spd,
            evidence: s
                .evidence
                .iter()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect(),
            baselines: s
                .baselines
                .iter()
                .map(|(y, p)| match y {
                    Some(y) => format!("{y}={}", p.to_string_lossy().replace('\\', "/")),
                    None => p.to_string_lossy().replace('\\', "/"),
                })
                .collect(),
            roster: s
                .roster
                .as_ref()
                .map(|p| p.to_string_lossy().replace('\\', "/")),
        },
        inputs: input_hashes,
        files,
        counts: export::Counts {
            innovations: outcome.innovations.len(),
            included: rows.len(),
            excluded: excluded.len(),
            findings: outcome.findings.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            evidence_files,
            unread_values,
            pemda_missing: portal.pemda_missing,
        },
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest)?;
    bytes.push(b'\n');
    entries.push(Entry {
        name: "manifest.json".into(),
        source: Source::Bytes(bytes),
    });
    let summary = report::ExportSummary {
        target: String::new(),
        included: rows.len(),
        included_with_errors: rows.iter().filter(|r| r.status == Severity::Error).count(),
        excluded: excluded.len(),
        reasons,
        evidence_files,
        pemda_missing: portal.pemda_missing,
    };
    Ok((entries, summary))
}
