//! Issue 34: the words docs/GLOSARIUM.md retired stay out of what users
//! read: the Rust sources (their messages, help and reports), the shipped
//! templates (their notes go into the agencies' form), README.md and
//! PANDUAN.txt. The glossary itself names them, and is left out.

mod common;

use common::manifest;
use std::path::{Path, PathBuf};

/// Retired words, each with whether it must stand as a whole word ("bita"
/// is also a part of "habitat").
const RETIRED: &[(&str, bool)] = &[
    ("atomik", false),
    ("bilah kemajuan", false),
    ("gambar ulang", false),
    ("bermakna ganda", false),
    ("wadah", true),
    ("rekaman CSV", false),
    ("penyandian", false),
    ("bita", true),
    ("jendela kelayakan", false),
    ("jendela penilaian", false),
    ("re-implementasi", false),
    ("data LAN", false),
    ("tidak diperbarui", false),
];

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// Where `word` occurs in `text` (case ignored), as line numbers.
fn occurrences(text: &str, word: &str, whole: bool) -> Vec<usize> {
    let lower = text.to_lowercase();
    let word = word.to_lowercase();
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    lower
        .match_indices(&word)
        .filter(|(at, _)| {
            !whole
                || (!letter(lower[..*at].chars().next_back())
                    && !letter(lower[at + word.len()..].chars().next()))
        })
        .map(|(at, _)| lower[..at].matches('\n').count() + 1)
        .collect()
}

#[test]
fn retired_words_stay_out_of_user_facing_text_issue_34() {
    let mut paths = Vec::new();
    files(&manifest("src"), "rs", &mut paths);
    files(&manifest("templates"), "toml", &mut paths);
    paths.push(manifest("README.md"));
    paths.push(manifest("PANDUAN.txt"));
    assert!(paths.len() > 20, "{paths:?}");
    let mut found = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        for &(word, whole) in RETIRED {
            for line in occurrences(&text, word, whole) {
                found.push(format!("{}:{line}: {word}", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "retired words (docs/GLOSARIUM.md gives the word to use):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_glossary_names_each_retired_word() {
    let glossary = std::fs::read_to_string(manifest("docs/GLOSARIUM.md")).unwrap();
    for &(word, _) in RETIRED {
        assert!(
            glossary.to_lowercase().contains(&word.to_lowercase()),
            "{word} is not in docs/GLOSARIUM.md"
        );
    }
    // The words to use.
    for word in [
        "GALAT",
        "kesalahan",
        "OPD",
        "rentang penilaian",
        "lembar",
        "jalur",
        "isian",
        "penerapan",
        "belum diperbarui",
    ] {
        assert!(glossary.contains(word), "{word}");
    }
}

#[test]
fn whole_words_are_told_from_parts_of_words() {
    assert_eq!(occurrences("0 bita\nhabitat", "bita", true), [1]);
    assert_eq!(occurrences("Wadah berkas", "wadah", true), [1]);
    assert!(occurrences("pewadahan", "wadah", true).is_empty());
}
