//! The portal-entry workbook (`entri-portal.xlsx`): what an officer types
//! into the portal, top to bottom, in the order of its form. One sheet;
//! per innovation one profile row (every profile field, canonical, in the
//! template's order) and then, in the template's order, one row per
//! indicator it has something for (the chosen parameter, and per evidence
//! record its number, date, subject and the packaged file to upload or the
//! link; an indicator with neither has no row), each row carrying the pemda,
//! innovation and agency first so that a filter keeps a group whole (and
//! the package's id of the row last, to trace it). A second sheet only past
//! Excel's row limit.
//!
//! Built only from what the package already holds (the rows, the evidence
//! records with their packaged names, the check's chosen parameters): it
//! never re-reads an input or re-checks anything.

use super::{EvidenceItem, Row};
use crate::diag::{Lang, Say};
use crate::outcome::Innovation;
use crate::template::Template;
use rust_xlsxwriter::{Color, Format, FormatAlign, Worksheet};
use std::borrow::Cow;
use std::collections::HashMap;

/// The workbook's path inside the package.
pub const NAME: &str = "entri-portal.xlsx";

/// `--pemda`'s default (see `cli.rs`): a placeholder, not a pemda's name,
/// so it is never typed into the portal.
const PEMDA_PLACEHOLDER: &str = "Pemda";

/// Fields on every row, so that a filter on them keeps an innovation's
/// rows together (the pemda, the innovation's name and its agency); the
/// rest of the profile is on its profile row only.
fn key_fields(t: &Template) -> [Option<usize>; 3] {
    [t.roles.pemda, t.roles.name, t.roles.agency]
}

/// Rows per sheet, header included (Excel's limit). An innovation's rows
/// that would not fit start the next sheet.
const MAX_ROWS: u32 = 1_048_576;

/// The widest a column is made; longer texts wrap.
const MAX_WIDTH: usize = 80;

/// The workbook, written, and what the export's summary says about it.
pub struct Portal {
    pub file: std::fs::File,
    /// Innovations whose row names no pemda while `--pemda` gave none: their
    /// `Nama Pemda` cell is empty (0 when the template asks for no pemda).
    pub pemda_missing: usize,
}

/// What goes in one cell of the sheet: a column and its text.
struct Line<'a> {
    /// An innovation's first row (its profile), shaded.
    profile: bool,
    cells: Vec<(u16, Cow<'a, str>)>,
}

/// The workbook for the included innovations (`included[k]` is `rows[k]`'s),
/// saved to an unnamed temporary file in `spill`.
#[allow(clippy::too_many_arguments)]
pub fn workbook(
    t: &Template,
    fields: &[usize],
    included: &[&Innovation],
    rows: &[Row],
    items: &[EvidenceItem],
    pemda: &str,
    spill: &std::path::Path,
    lang: Lang,
) -> anyhow::Result<Portal> {
    super::catching_write_panics(|| {
        write(
            t, fields, included, rows, items, pemda, spill, lang, MAX_ROWS,
        )
    })
}

#[allow(clippy::too_many_arguments)]
fn write(
    t: &Template,
    fields: &[usize],
    included: &[&Innovation],
    rows: &[Row],
    items: &[EvidenceItem],
    pemda: &str,
    spill: &std::path::Path,
    lang: Lang,
    max_rows: u32,
) -> anyhow::Result<Portal> {
    // Columns: the key fields, the part of the form, the rest of the
    // profile, then the indicator's record. (Positions in `fields`.)
    let key_fields = key_fields(t);
    let keys: Vec<usize> = (0..fields.len())
        .filter(|&c| key_fields.contains(&Some(fields[c])))
        .collect();
    let profile: Vec<usize> = (0..fields.len()).filter(|c| !keys.contains(c)).collect();
    let pemda_at = (0..fields.len()).find(|&c| t.roles.pemda == Some(fields[c]));
    let pemda = pemda.trim();
    let fallback = (pemda != PEMDA_PLACEHOLDER && !pemda.is_empty()).then_some(pemda);

    let mut headers: Vec<String> = keys
        .iter()
        .map(|&c| t.fields[fields[c]].label.clone())
        .collect();
    let part_col = headers.len() as u16;
    headers.push(lang.say(Say::Part).into());
    headers.push(lang.say(Say::Indicator).into());
    let profile_col = headers.len() as u16;
    headers.extend(profile.iter().map(|&c| t.fields[fields[c]].label.clone()));
    let record_col = headers.len() as u16;
    // The portal's own labels of an evidence record (iid.md 2.3).
    headers.push("Parameter".into());
    headers.push("Nomor Surat / Dokumen".into());
    headers.push("Tanggal Surat".into());
    headers.push("Tentang".into());
    headers.push(lang.say(Say::FileToUploadLink).into());
    // Last: the package's id of the row, to trace it, not to type.
    let id_col = headers.len() as u16;
    headers.push("ID".into());

    let mut by_id: HashMap<&str, Vec<&EvidenceItem>> = HashMap::new();
    for e in items {
        by_id.entry(e.id.as_str()).or_default().push(e);
    }
    let layout = Layout {
        t,
        keys: &keys,
        profile: &profile,
        pemda_at,
        fallback,
        part_col,
        profile_col,
        record_col,
        id_col,
        profile_word: lang.say(Say::Profile),
        parts: t
            .indicators
            .iter()
            .map(|i| format!("{} {}", lang.say(Say::Indicator), i.no))
            .collect(),
        by_id,
    };

    // A first pass for the sizes: each column as wide as its longest line
    // (within bounds), so long texts wrap in a wide column and short ones
    // waste no room; and each innovation's rows. The rows themselves are
    // made again as they are written rather than held (a country's
    // innovations make millions of rows).
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    let mut sizes = Vec::with_capacity(rows.len());
    let mut pemda_missing = 0;
    for (k, r) in rows.iter().enumerate() {
        let (lines, missing) = layout.group(r, included.get(k).copied());
        pemda_missing += usize::from(missing);
        sizes.push(lines.len() as u32);
        for (c, v) in lines.iter().flat_map(|l| &l.cells) {
            let longest = v.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            let w = &mut widths[*c as usize];
            *w = (*w).max(longest.min(MAX_WIDTH));
        }
    }

    // Sheets: whole innovations while they fit (the first innovation of
    // each sheet, by position).
    let mut starts = vec![0usize];
    let mut used = 1u32;
    for (k, &n) in sizes.iter().enumerate() {
        if used + n > max_rows && used > 1 {
            starts.push(k);
            used = 1;
        }
        used += n;
    }
    starts.push(rows.len());

    let mut wb = crate::report::new_workbook()?;
    wb.set_tempdir(spill)?;
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let shaded = wrap.clone().set_background_color(Color::RGB(0xDDEBF7));
    let base = lang.say(Say::PortalEntry);
    for (s, span) in starts.windows(2).enumerate() {
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(if s == 0 {
            base.to_string()
        } else {
            format!("{base} {}", s + 1)
        })?;
        header(ws, &headers, &widths, &bold)?;
        ws.set_freeze_panes(1, part_col + 2)?;
        let mut row = 0u32;
        for (k, r) in rows.iter().enumerate().take(span[1]).skip(span[0]) {
            let (lines, _) = layout.group(r, included.get(k).copied());
            for line in &lines {
                // (An innovation with more rows than a sheet holds, a
                // million evidence records, is refused by the writer: an
                // error.)
                row += 1;
                let format = if line.profile { &shaded } else { &wrap };
                if line.profile {
                    // Shaded across, so that each innovation's start shows.
                    for c in 0..headers.len() as u16 {
                        ws.write_blank(row, c, format)?;
                    }
                }
                for (c, v) in &line.cells {
                    if !v.is_empty() {
                        let v = crate::report::cell_text(v, lang);
                        ws.write_string_with_format(row, *c, v.as_ref(), format)?;
                    }
                }
            }
        }
        ws.autofilter(0, 0, row.max(1), headers.len() as u16 - 1)?;
    }
    let mut file = super::archive::spill_file(spill)?;
    wb.save_to_writer(&mut file)?;
    Ok(Portal {
        file,
        pemda_missing,
    })
}

/// The sheet's columns, and how an innovation's rows fill them.
struct Layout<'a> {
    t: &'a Template,
    /// Positions in the package's fields: on every row, then on the
    /// profile row only.
    keys: &'a [usize],
    profile: &'a [usize],
    pemda_at: Option<usize>,
    /// `--pemda`, unless it is the placeholder.
    fallback: Option<&'a str>,
    part_col: u16,
    profile_col: u16,
    record_col: u16,
    id_col: u16,
    profile_word: &'static str,
    /// "Indikator N", per indicator of the template.
    parts: Vec<String>,
    by_id: HashMap<&'a str, Vec<&'a EvidenceItem>>,
}

impl<'a> Layout<'a> {
    /// An innovation's rows (`inn` is its check, when it is `r`'s), and
    /// whether its pemda is missing.
    fn group<'s>(&'s self, r: &'s Row, inn: Option<&'s Innovation>) -> (Vec<Line<'s>>, bool) {
        let inn = inn.filter(|i| i.id() == r.id);
        let mut missing = false;
        let mut key_cells: Vec<(u16, Cow<'s, str>)> = vec![(self.id_col, r.id.as_str().into())];
        for (n, &c) in self.keys.iter().enumerate() {
            let mut v: &str = &r.values[c];
            if Some(c) == self.pemda_at && v.is_empty() {
                match self.fallback {
                    Some(p) => v = p,
                    None => missing = true,
                }
            }
            key_cells.push((n as u16, v.into()));
        }
        let mut lines = Vec::new();
        let mut cells = key_cells.clone();
        cells.push((self.part_col, self.profile_word.into()));
        for (n, &c) in self.profile.iter().enumerate() {
            cells.push((self.profile_col + n as u16, r.values[c].as_str().into()));
        }
        lines.push(Line {
            profile: true,
            cells,
        });
        let records = self
            .by_id
            .get(r.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (ind, part) in self.t.indicators.iter().zip(&self.parts) {
            let tier = inn
                .and_then(|i| i.score.indicators().iter().find(|s| s.no == ind.no))
                .and_then(|s| s.tier);
            let of_ind: Vec<&EvidenceItem> = records
                .iter()
                .copied()
                .filter(|e| e.indicator == ind.no)
                .collect();
            // The option as the portal lists it, when the check read one;
            // else the parameter as written.
            let parameter: Cow<'s, str> = match tier.and_then(|n| {
                ind.params
                    .get(usize::from(n).wrapping_sub(1))
                    .map(|p| (n, p))
            }) {
                Some((n, p)) => format!("{n}. {p}").into(),
                None => of_ind
                    .iter()
                    .map(|e| e.parameter.as_str())
                    .find(|p| !p.is_empty())
                    .unwrap_or_default()
                    .into(),
            };
            let start = |parameter: &Cow<'s, str>| {
                let mut cells = key_cells.clone();
                cells.push((self.part_col, part.as_str().into()));
                cells.push((self.part_col + 1, ind.name.as_str().into()));
                cells.push((self.record_col, parameter.clone()));
                cells
            };
            if of_ind.is_empty() && parameter.is_empty() {
                // Nothing to type: the officer skips it, and so does the
                // sheet (20 rows per innovation would be a country's
                // millions, most of them empty).
                continue;
            }
            if of_ind.is_empty() {
                lines.push(Line {
                    profile: false,
                    cells: start(&parameter),
                });
            }
            for e in of_ind {
                let mut cells = start(&parameter);
                cells.push((self.record_col + 1, e.nomor.as_str().into()));
                cells.push((self.record_col + 2, e.tanggal.as_str().into()));
                cells.push((self.record_col + 3, e.tentang.as_str().into()));
                cells.push((self.record_col + 4, e.file.as_str().into()));
                lines.push(Line {
                    profile: false,
                    cells,
                });
            }
        }
        (lines, missing)
    }
}

fn header(
    ws: &mut Worksheet,
    headers: &[String],
    widths: &[usize],
    bold: &Format,
) -> anyhow::Result<()> {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, bold)?;
        ws.set_column_width(c as u16, (widths[c] + 2).clamp(10, MAX_WIDTH + 2) as f64)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{innovation, template};
    use crate::diag::Severity;
    use crate::outcome::score::{IndicatorScore, InnovationScore};
    use calamine::{Reader, Xlsx};

    /// The workbook's sheets, each as rows of cell texts.
    fn read(mut file: std::fs::File) -> Vec<(String, Vec<Vec<String>>)> {
        use std::io::{Read, Seek};
        let mut bytes = Vec::new();
        file.rewind().unwrap();
        file.read_to_end(&mut bytes).unwrap();
        let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        wb.sheet_names()
            .into_iter()
            .map(|name| {
                let range = wb.worksheet_range(&name).unwrap();
                let rows = range
                    .rows()
                    .map(|r| r.iter().map(|c| c.to_string()).collect())
                    .collect();
                (name, rows)
            })
            .collect()
    }

    fn item(id: &str, indicator: u32, nomor: &str, file: &str) -> EvidenceItem {
        EvidenceItem {
            id: id.into(),
            name: String::new(),
            indicator,
            parameter: "2".into(),
            nomor: nomor.into(),
            tanggal: "01/02/2025".into(),
            tentang: "SK".into(),
            file: file.into(),
            source: String::new(),
        }
    }

    /// Two innovations; the first names its pemda, chose parameter 2 of
    /// indicator 1 and has two records for it.
    fn build(pemda: &str, max_rows: u32) -> (Portal, Template) {
        build_in(pemda, max_rows, Lang::Id)
    }

    fn build_in(pemda: &str, max_rows: u32, lang: Lang) -> (Portal, Template) {
        let t = template();
        let fields = crate::export::export_fields(&t);
        let mut a = innovation("a.xlsx", 2, "Dinas A", "Inovasi A");
        a.score = InnovationScore::new(vec![IndicatorScore {
            no: 1,
            weight: 3.0,
            tier: Some(2),
            verified: true,
            code: None,
        }]);
        let b = innovation("b.xlsx", 2, "Dinas B", "Inovasi B");
        let row = |i: &Innovation, pemda: &str, text: &str| Row {
            id: i.id(),
            values: fields
                .iter()
                .map(|&f| match t.fields[f].key.as_str() {
                    "pemda" => pemda.to_string(),
                    "nama_inovasi" => i.name().to_string(),
                    "perangkat_daerah" => i.agency.to_string(),
                    "rancang_bangun" => text.to_string(),
                    _ => String::new(),
                })
                .collect(),
            status: Severity::Info,
        };
        let rows = vec![
            row(&a, "Kota Satu", "pendek"),
            row(&b, "", &"kata ".repeat(8000)),
        ];
        let items = vec![
            item(
                &a.id(),
                1,
                "1/2025",
                "data/bukti/dinas-a/inovasi-a/indikator-01.pdf",
            ),
            item(
                &a.id(),
                1,
                "2/2025",
                "data/bukti/dinas-a/inovasi-a/indikator-01-2.pdf",
            ),
            item(&b.id(), 20, "", "https://youtu.be/x"),
        ];
        let dir = std::env::temp_dir();
        let p = write(
            &t,
            &fields,
            &[&a, &b],
            &rows,
            &items,
            pemda,
            &dir,
            lang,
            max_rows,
        )
        .unwrap();
        (p, t)
    }

    #[test]
    fn one_profile_row_then_a_row_per_indicator_and_record() {
        let (p, t) = build("Kabupaten Dua", MAX_ROWS);
        assert_eq!(p.pemda_missing, 0);
        let sheets = read(p.file);
        assert_eq!(sheets.len(), 1);
        let (name, rows) = &sheets[0];
        assert_eq!(name, "Entri Portal");
        // Header, then per innovation a profile row and a row per
        // record of an indicator it has something for (indicator 1 of the
        // first has two; the second has its video).
        assert_eq!(rows.len(), 1 + 3 + 2);
        let head = &rows[0];
        assert_eq!(
            head[..5],
            [
                "Nama Pemda",
                "Nama Inovasi",
                "Nama Perangkat Daerah",
                "Bagian",
                "Indikator"
            ]
        );
        assert_eq!(
            head[head.len() - 6..],
            [
                "Parameter",
                "Nomor Surat / Dokumen",
                "Tanggal Surat",
                "Tentang",
                "Berkas untuk diunggah / Tautan",
                "ID"
            ]
        );
        let col = |h: &str| head.iter().position(|x| x == h).unwrap();
        // The profile row: every profile field, in the template's order.
        assert_eq!(head[5], "Tahapan Inovasi");
        assert_eq!(
            rows[1][..4],
            ["Kota Satu", "Inovasi A", "Dinas A", "Profil"]
        );
        assert_eq!(rows[1][col("ID")], "a.xlsx:2");
        assert_eq!(rows[1][col("Rancang Bangun")], "pendek");
        assert_eq!(rows[1][col("Parameter")], "");
        // Indicator 1: the chosen parameter as the portal lists it, and
        // one row per record.
        let first = &t.indicators[0];
        for (r, nomor, file) in [
            (2, "1/2025", "data/bukti/dinas-a/inovasi-a/indikator-01.pdf"),
            (
                3,
                "2/2025",
                "data/bukti/dinas-a/inovasi-a/indikator-01-2.pdf",
            ),
        ] {
            assert_eq!(rows[r][..3], rows[1][..3]);
            assert_eq!(rows[r][col("ID")], "a.xlsx:2");
            assert_eq!(rows[r][col("Bagian")], "Indikator 1");
            assert_eq!(rows[r][col("Indikator")], first.name);
            assert_eq!(rows[r][col("Parameter")], format!("2. {}", first.params[1]));
            assert_eq!(rows[r][col("Nomor Surat / Dokumen")], nomor);
            assert_eq!(rows[r][col("Tanggal Surat")], "01/02/2025");
            assert_eq!(rows[r][col("Berkas untuk diunggah / Tautan")], file);
            assert_eq!(rows[r][col("Rancang Bangun")], "");
        }
        // No row for an indicator with nothing to type.
        assert!(rows.iter().all(|r| r[col("Bagian")] != "Indikator 2"));
        // The second innovation: --pemda where its row names none; its
        // long text cut with the marker; its video as a link, the
        // parameter as written since the check read none.
        let b = 4;
        assert_eq!(
            rows[b][..4],
            ["Kabupaten Dua", "Inovasi B", "Dinas B", "Profil"]
        );
        let long = &rows[b][col("Rancang Bangun")];
        assert!(
            long.ends_with("[dipotong bimtek: 40000 karakter]"),
            "{}",
            &long[long.len() - 60..]
        );
        let video = &rows[b + 1];
        assert_eq!(video[col("Bagian")], "Indikator 20");
        assert_eq!(video[col("Parameter")], "2");
        assert_eq!(
            video[col("Berkas untuk diunggah / Tautan")],
            "https://youtu.be/x"
        );
    }

    #[test]
    fn the_placeholder_pemda_is_no_name_and_is_counted() {
        let (p, _) = build("Pemda", MAX_ROWS);
        assert_eq!(p.pemda_missing, 1);
        let sheets = read(p.file);
        let rows = &sheets[0].1;
        let id = rows[0].len() - 1;
        for r in &rows[1..] {
            match r[id].as_str() {
                "a.xlsx:2" => assert_eq!(r[0], "Kota Satu"),
                _ => assert_eq!(r[0], ""),
            }
        }
    }

    #[test]
    fn an_innovation_that_would_not_fit_starts_the_next_sheet() {
        // Room for the header and the first innovation's three rows, not
        // for the second's two.
        let (p, _) = build("Pemda", 4);
        let sheets = read(p.file);
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Entri Portal", "Entri Portal 2"]);
        assert_eq!(sheets[0].1.len(), 4);
        assert_eq!(sheets[1].1.len(), 3);
        assert_eq!(sheets[1].1[0], sheets[0].1[0]);
        assert_eq!(sheets[1].1[1].last().unwrap(), "b.xlsx:2");
    }

    #[test]
    fn bimtek_speaks_english_and_the_portal_keeps_its_labels() {
        let (p, _) = build_in("Pemda", MAX_ROWS, Lang::En);
        let sheets = read(p.file);
        assert_eq!(sheets[0].0, "Portal entry");
        let head = &sheets[0].1[0];
        assert_eq!(
            head[..5],
            [
                "Nama Pemda",
                "Nama Inovasi",
                "Nama Perangkat Daerah",
                "Part",
                "Indicator"
            ]
        );
        assert_eq!(head[head.len() - 2], "File to upload / Link");
        assert_eq!(head[head.len() - 3], "Tentang");
        assert_eq!(sheets[0].1[1][3], "Profile");
        assert_eq!(sheets[0].1[2][3], "Indicator 1");
    }
}
