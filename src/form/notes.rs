//! What a field's header note says: required or not, its rules in words,
//! and the template's note with the assessment window's dates put in.

use super::{Notes, REFERENCE_SHEET};
use crate::template::{Field, FieldKind, Window};

/// What a field's header note says: required or not, the rules, the note
/// (with the template's assessment window put in, [`with_window`]).
pub fn field_note(f: &Field, window: Option<&Window>) -> String {
    header_note(f, Notes::Full, window)
}

pub(super) fn header_note(f: &Field, notes: Notes, window: Option<&Window>) -> String {
    let mut lines = vec![if f.required {
        "Wajib diisi.".to_string()
    } else {
        "Boleh dikosongkan.".to_string()
    }];
    lines.extend(rules(f));
    if notes == Notes::Full && !f.note.is_empty() {
        lines.push(with_window(&f.note, window));
    }
    lines.join("\n")
}

/// A date as an agency writes it in a letter: "1 Januari 2024".
fn long_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// The assessment window in words: "antara 1 Januari 2024 dan 31 Desember
/// 2025".
pub fn window_words(w: &Window) -> String {
    format!("antara {} dan {}", long_date(w.start), long_date(w.end))
}

/// A template's note with its window's dates put in, so a note stays true
/// for a template that moves the window: `{rentang}` becomes "antara
/// 1 Januari 2024 dan 31 Desember 2025", `{mulai}` and `{akhir}` its first
/// and last day. Without a window the words stay as written.
pub fn with_window(text: &str, window: Option<&Window>) -> String {
    match window {
        Some(w) => text
            .replace("{rentang}", &window_words(w))
            .replace("{mulai}", &long_date(w.start))
            .replace("{akhir}", &long_date(w.end)),
        None => text.to_string(),
    }
}

/// The rules of a field in words, one per line.
pub(super) fn rules(f: &Field) -> Vec<String> {
    let mut out = Vec::new();
    match &f.kind {
        FieldKind::Enum => out.push(format!(
            "Pilih dari daftar ({} pilihan; lihat lembar {REFERENCE_SHEET}).",
            f.values.len()
        )),
        FieldKind::Date => out.push("Tanggal, misalnya 17/05/2024 (hari/bulan/tahun).".into()),
        FieldKind::Integer { min, max } => out.push(match (min, max) {
            (Some(a), Some(b)) => format!("Bilangan bulat {a} sampai {b}."),
            (Some(a), None) => format!("Bilangan bulat paling sedikit {a}."),
            (None, Some(b)) => format!("Bilangan bulat paling banyak {b}."),
            (None, None) => "Bilangan bulat.".into(),
        }),
        FieldKind::Amount { min, max } => out.push(match (min, max) {
            (Some(a), Some(b)) => {
                format!("Nominal rupiah {a} sampai {b}, misalnya 1500000, atau nama berkas.")
            }
            (Some(a), None) => {
                format!("Nominal rupiah paling sedikit {a}, misalnya 1500000, atau nama berkas.")
            }
            (None, Some(b)) => {
                format!("Nominal rupiah paling banyak {b}, misalnya 1500000, atau nama berkas.")
            }
            (None, None) => "Nominal rupiah, misalnya 1500000, atau nama berkas.".into(),
        }),
        FieldKind::Coordinate => {
            out.push("Lintang,bujur dalam derajat desimal, misalnya -3.3194,114.5908.".into())
        }
        FieldKind::File => out.push("Nama berkas (PDF) di folder bukti, atau tautannya.".into()),
        FieldKind::Text => {}
    }
    if let Some(min) = f.min_words {
        out.push(format!("Minimal {min} kata."));
    }
    if let Some(max) = f.max_words {
        out.push(format!("Paling banyak {max} kata."));
    }
    if !f.links.is_empty() {
        let kinds: Vec<&str> = f
            .links
            .iter()
            .map(|k| match k.as_str() {
                "youtube" => "YouTube",
                "gdrive" => "Google Drive",
                _ => "web",
            })
            .collect();
        out.push(format!("Tautan lengkap ({}).", kinds.join(" atau ")));
    }
    if let Some(age) = f.min_age_years {
        out.push(format!(
            "Paling lambat {age} tahun sebelum penutupan pendaftaran."
        ));
    }
    for v in &f.values {
        if let Some(age) = v.min_age_years {
            out.push(format!("Untuk \"{}\": umur minimal {age} tahun.", v.value));
        }
    }
    out
}

pub(super) fn kind_word(f: &Field) -> &'static str {
    match f.kind {
        FieldKind::Text => "teks",
        FieldKind::Enum => "pilihan",
        FieldKind::Date => "tanggal",
        FieldKind::Integer { .. } => "angka",
        FieldKind::Amount { .. } => "nominal",
        FieldKind::Coordinate => "koordinat",
        FieldKind::File => "berkas",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::form_fields;
    use crate::template::Template;

    fn iid() -> Template {
        Template::builtin("iid-2026").unwrap().unwrap()
    }

    #[test]
    fn notes_say_required_and_word_limits() {
        let t = Template::builtin("kipp-2026").unwrap().unwrap();
        let n = field_note(t.field("ringkasan").unwrap(), None);
        assert!(n.starts_with("Wajib diisi."), "{n}");
        assert!(n.contains("Paling banyak 200 kata."), "{n}");
        let n = field_note(iid().field("rancang_bangun").unwrap(), None);
        assert!(n.contains("Minimal 300 kata."), "{n}");
    }

    /// Issue 34: the form's notes speak to agencies: the window as dates,
    /// nothing of the sources a template was made from or of what an
    /// officer may relax.
    #[test]
    fn notes_speak_to_agencies_with_the_window_as_dates_issue_34() {
        for (id, _) in crate::template::BUILTIN {
            let t = Template::builtin(id).unwrap().unwrap();
            for f in form_fields(&t) {
                let n = field_note(f, t.window.as_ref());
                for word in [
                    "SIMONDA",
                    "Rote Ndao",
                    "Pedoman",
                    "kipp.md",
                    "petugas",
                    "melonggarkan",
                    "jendela",
                    "{rentang}",
                    "{mulai}",
                    "{akhir}",
                ] {
                    assert!(!n.contains(word), "{id} {}: {word} in {n}", f.key);
                }
            }
        }
        let t = iid();
        let n = field_note(t.field("waktu_penerapan").unwrap(), t.window.as_ref());
        assert!(
            n.contains("antara 1 Januari 2024 dan 31 Desember 2025"),
            "{n}"
        );
        // A window moved by a template moves the note's dates with it.
        let mut w = t.window.clone().unwrap();
        w.start = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let n = field_note(t.field("waktu_pengembangan").unwrap(), Some(&w));
        assert!(n.contains("sebelum 1 Maret 2025"), "{n}");
    }
}
