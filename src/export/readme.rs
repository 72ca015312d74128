//! The package's read-me (`BACA-SAYA.txt`, and `README.txt` in English):
//! every file it holds and what it is for.

use super::{Entry, Source};

/// What each file of the package is for, in the order the read-me gives
/// them: (path, Bahasa Indonesia, English). A path ending in `/` is a
/// folder. A file missing here is still named in the read-me.
const README_FILES: &[(&str, &str, &str)] = &[
    (
        "BACA-SAYA.txt",
        "Berkas ini: isi paket dan langkah berikutnya.",
        "The read-me in Bahasa Indonesia.",
    ),
    (
        "README.txt",
        "Berkas ini dalam bahasa Inggris.",
        "This file: what the package holds and what to do next.",
    ),
    (
        "data/inovasi.xlsx",
        "Buku kerja untuk dibuka di Excel. Lembar \"Inovasi\": satu baris per inovasi yang \
         disertakan, kolom menurut urutan isian portal. Lembar \"Dikecualikan\", \"Bukti\" dan \
         \"Tidak Terbaca\": daftar yang sama dengan berkas CSV di bawah.",
        "The workbook to open in Excel. Sheet \"Inovasi\": one row per included innovation, \
         columns in the portal's field order. Sheets \"Dikecualikan\" (excluded), \"Bukti\" \
         (evidence) and \"Tidak Terbaca\" (unreadable): the same lists as the CSV files below.",
    ),
    (
        "entri-portal.xlsx",
        "Untuk mengisi portal IID: per inovasi satu baris profil, lalu satu baris per indikator \
         dengan parameter, nomor, tanggal dan tentang dokumen, dan berkas yang diunggah (atau \
         tautan video), dalam urutan formulir portal.",
        "For entering the IID portal: per innovation one profile row, then one row per indicator \
         with the parameter, the document's number, date and subject, and the file to upload (or \
         the video link), in the portal form's order.",
    ),
    (
        "data/inovasi.csv",
        "Baris yang sama dengan lembar \"Inovasi\", untuk skrip dan program lain.",
        "The rows of sheet \"Inovasi\", for scripts and other programs.",
    ),
    (
        "dikecualikan.csv",
        "Inovasi yang tidak disertakan karena berstatus GALAT, dengan alasannya (lembar \
         \"Dikecualikan\").",
        "Innovations left out because they have errors, with the reasons (sheet \
         \"Dikecualikan\").",
    ),
    (
        "data/bukti/",
        "Berkas bukti dukung inovasi yang disertakan: OPD/INOVASI/indikator-NN.",
        "The evidence files of the included innovations: AGENCY/INNOVATION/indikator-NN.",
    ),
    (
        "data/bukti.csv",
        "Catatan bukti dukung per indikator, dengan berkasnya di data/bukti/ atau tautannya \
         (lembar \"Bukti\").",
        "The evidence records per indicator, with their file in data/bukti/ or their link \
         (sheet \"Bukti\").",
    ),
    (
        "data/tidak-terbaca.csv",
        "Nilai yang tidak dapat dibaca bimtek: dibiarkan kosong di baris inovasi, tidak ada \
         yang dikarang (lembar \"Tidak Terbaca\").",
        "Values bimtek could not read: left empty in the rows, nothing is invented (sheet \
         \"Tidak Terbaca\").",
    ),
    (
        "temuan.xlsx",
        "Semua temuan pemeriksaan, dengan sel dan saran perbaikannya, untuk dibuka di Excel.",
        "Every finding of the check, with its cell and how to fix it, to open in Excel.",
    ),
    (
        "laporan.html",
        "Laporan ringkas untuk peramban atau proyektor (tanpa internet).",
        "The summary report for a browser or a projector (no network).",
    ),
    (
        "temuan.csv",
        "Temuan yang sama, untuk skrip (sama dengan bimtek check --format csv).",
        "The same findings, for scripts (the same as bimtek check --format csv).",
    ),
    (
        "temuan.json",
        "Temuan yang sama, untuk skrip (sama dengan bimtek check --format json).",
        "The same findings, for scripts (the same as bimtek check --format json).",
    ),
    (
        "manifest.json",
        "Versi bimtek, templat, pilihan, dan sidik SHA-256 setiap berkas masukan dan berkas \
         paket: bukti bahwa paket tidak berubah.",
        "bimtek's version, the template, the options, and the SHA-256 of every input and \
         packaged file: proof that the package is unchanged.",
    ),
];

/// The read-me of the package: `BACA-SAYA.txt`, and with `--lang en`
/// `README.txt` beside it. It names every file of `entries` (and itself,
/// and the manifest, which come after).
pub fn readme(entries: &[Entry], lang: crate::diag::Lang) -> Vec<Entry> {
    let mut names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    names.push("BACA-SAYA.txt");
    names.push("manifest.json");
    if lang == crate::diag::Lang::En {
        names.push("README.txt");
    }
    let mut out = vec![Entry {
        name: "BACA-SAYA.txt".into(),
        source: Source::Bytes(readme_text(&names, crate::diag::Lang::Id).into_bytes()),
    }];
    if lang == crate::diag::Lang::En {
        out.push(Entry {
            name: "README.txt".into(),
            source: Source::Bytes(readme_text(&names, lang).into_bytes()),
        });
    }
    out
}

/// The read-me's text, with Windows line ends (Notepad before 2018 shows
/// a file of bare line feeds on one line).
fn readme_text(names: &[&str], lang: crate::diag::Lang) -> String {
    use crate::diag::Lang;
    let pick = |id: &'static str, en: &'static str| match lang {
        Lang::Id => id,
        Lang::En => en,
    };
    let present = |path: &str| match path.strip_suffix('/') {
        Some(_) => names.iter().any(|n| n.starts_with(path)),
        None => names.contains(&path),
    };
    let mut text = String::new();
    let mut line = |s: &str| {
        text.push_str(s);
        text.push_str("\r\n");
    };
    line(pick(
        "PAKET PENGIRIMAN INOVASI DAERAH",
        "REGIONAL INNOVATION SUBMISSION PACKAGE",
    ));
    line(&format!(
        "{} bimtek {}.",
        pick(
            "Dibuat dari lembar kerja OPD oleh",
            "Made from the agencies' spreadsheets by",
        ),
        env!("CARGO_PKG_VERSION")
    ));
    line("");
    line(pick("ISI PAKET", "WHAT IS IN IT"));
    line("");
    let mut described: Vec<&str> = Vec::new();
    for (path, id, en) in README_FILES {
        if !present(path) {
            continue;
        }
        described.push(path);
        line(path);
        for l in wrap(pick(id, en), 76) {
            line(&format!("    {l}"));
        }
    }
    for name in names {
        let in_folder = README_FILES
            .iter()
            .any(|(p, _, _)| p.ends_with('/') && name.starts_with(p));
        if !described.contains(name) && !in_folder {
            line(name);
        }
    }
    line("");
    line(pick("LANGKAH BERIKUTNYA", "WHAT TO DO NEXT"));
    line("");
    for step in [
        pick(
            "1. Buka data/inovasi.xlsx. Input setiap inovasi di lembar \"Inovasi\" ke portal \
             IID, dengan berkas bukti dukungnya dari data/bukti/ (daftarnya di lembar \"Bukti\").",
            "1. Open data/inovasi.xlsx. Enter each innovation of sheet \"Inovasi\" into the IID \
             portal, with its evidence files from data/bukti/ (listed in sheet \"Bukti\").",
        ),
        pick(
            "2. Kembalikan inovasi di lembar \"Dikecualikan\" ke OPD-nya untuk diperbaiki \
             (bimtek export --feedback FOLDER DATA menulis satu buku kerja per OPD). Setelah \
             diperbaiki, periksa lagi (bimtek check DATA) dan buat paket baru.",
            "2. Return the innovations of sheet \"Dikecualikan\" to their agencies to fix \
             (bimtek export --feedback DIR DATA writes one workbook per agency). Once fixed, \
             check again (bimtek check DATA) and make a new package.",
        ),
        pick(
            "3. Nilai di lembar \"Tidak Terbaca\" kosong di paket: tanyakan ke OPD-nya sebelum \
             menginput.",
            "3. The values of sheet \"Tidak Terbaca\" are empty in the package: ask their \
             agency before entering them.",
        ),
        pick(
            "4. Simpan paket ini apa adanya: manifest.json membuktikan isinya tidak berubah.",
            "4. Keep this package as it is: manifest.json proves its contents unchanged.",
        ),
    ] {
        let mut first = true;
        for l in wrap(step, 76) {
            line(&if first { l } else { format!("   {l}") });
            first = false;
        }
    }
    text
}

/// `s` cut into lines of at most `width` characters, at spaces.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in s.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_read_me_names_every_file_and_wraps_its_lines() {
        let entry = |name: &str| Entry {
            name: name.into(),
            source: Source::Bytes(Vec::new()),
        };
        let entries = [
            entry("data/inovasi.xlsx"),
            entry("data/bukti/dinas-a/x/indikator-01.pdf"),
            entry("lain.xlsx"),
        ];
        let [id, en] =
            [crate::diag::Lang::Id, crate::diag::Lang::En].map(|lang| readme(&entries, lang));
        assert_eq!(id.len(), 1);
        assert_eq!(
            en.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
            ["BACA-SAYA.txt", "README.txt"]
        );
        let Source::Bytes(bytes) = &en[1].source else {
            panic!("bytes")
        };
        let text = String::from_utf8(bytes.clone()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        // Only what is in the package; a file without a description is
        // still named; evidence copies by their folder.
        for name in [
            "BACA-SAYA.txt",
            "README.txt",
            "data/inovasi.xlsx",
            "data/bukti/",
            "lain.xlsx",
            "manifest.json",
        ] {
            assert!(lines.contains(&name), "{name}:\n{text}");
        }
        assert!(!lines.contains(&"temuan.csv"), "{text}");
        assert!(!text.contains("indikator-01.pdf"), "{text}");
        assert!(lines.iter().all(|l| l.chars().count() <= 80), "{text}");
    }
}
