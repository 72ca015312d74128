//! The package's read-me (`BACA-SAYA.txt`, and `README.txt` in English):
//! every file it holds and what it is for.

use super::{Entry, Source};
use crate::diag::Say;

/// What each file of the package is for, in the order the read-me gives
/// them: (path, what it is for). A path ending in `/` is a
/// folder. A file missing here is still named in the read-me.
const README_FILES: &[(&str, Say)] = &[
    ("BACA-SAYA.txt", Say::ReadmeBacaSaya),
    ("README.txt", Say::ReadmeReadme),
    ("data/inovasi.xlsx", Say::ReadmeDataInovasiXlsx),
    ("entri-portal.xlsx", Say::ReadmeEntriPortalXlsx),
    ("data/inovasi.csv", Say::ReadmeDataInovasiCsv),
    ("dikecualikan.csv", Say::ReadmeDikecualikanCsv),
    ("data/bukti/", Say::ReadmeDataBukti),
    ("data/bukti.csv", Say::ReadmeDataBuktiCsv),
    ("data/tidak-terbaca.csv", Say::ReadmeDataTidakTerbacaCsv),
    ("temuan.xlsx", Say::ReadmeTemuanXlsx),
    ("laporan.html", Say::ReadmeLaporanHtml),
    ("temuan.csv", Say::ReadmeTemuanCsv),
    ("temuan.json", Say::ReadmeTemuanJson),
    ("manifest.json", Say::ReadmeManifestJson),
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
    let present = |path: &str| match path.strip_suffix('/') {
        Some(_) => names.iter().any(|n| n.starts_with(path)),
        None => names.contains(&path),
    };
    let mut text = String::new();
    let mut line = |s: &str| {
        text.push_str(s);
        text.push_str("\r\n");
    };
    line(lang.say(Say::ReadmeTitle));
    line(&format!(
        "{} bimtek {}.",
        lang.say(Say::ReadmeMadeBy),
        env!("CARGO_PKG_VERSION")
    ));
    line("");
    line(lang.say(Say::ReadmeContents));
    line("");
    let mut described: Vec<&str> = Vec::new();
    for (path, what) in README_FILES {
        if !present(path) {
            continue;
        }
        described.push(path);
        line(path);
        for l in wrap(lang.say(*what), 76) {
            line(&format!("    {l}"));
        }
    }
    for name in names {
        let in_folder = README_FILES
            .iter()
            .any(|(p, _)| p.ends_with('/') && name.starts_with(p));
        if !described.contains(name) && !in_folder {
            line(name);
        }
    }
    line("");
    line(lang.say(Say::ReadmeNextSteps));
    line("");
    for step in [
        lang.say(Say::ReadmeStepEnter),
        lang.say(Say::ReadmeStepReturn),
        lang.say(Say::ReadmeStepUnread),
        lang.say(Say::ReadmeKeep),
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
