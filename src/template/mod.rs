//! The submission template language: a TOML file per scheme describes the
//! profile fields (keys, labels, header aliases, types, allowed values), the
//! indicators, the eligibility window and the scoring constants. Uncertain
//! domain facts live here as settings, never as constants in code.
//!
//! `raw.rs` mirrors the file (serde, unknown keys rejected); `compile/`
//! resolves references and builds lookup tables, reporting mistakes with
//! file, line and column; `model.rs` holds the compiled `Template` and its
//! lookups.

mod compile;
mod error;
mod merge;
mod message;
mod model;
pub mod raw;
pub mod roles;
mod roster;
mod spelling;

pub use error::TemplateError;
pub use model::{
    Award, AwardAgency, DateOrder, EnumValue, EvidenceKey, Field, FieldKind, Indicator, Predicate,
    Scoring, Settings, SpdIndicator, SpdRule, Template, WideKind, Window, has_brackets, kind_words,
};
pub use roles::Roles;
pub use roster::{Clash, Roster, RosterAgency, RosterSource};
pub use spelling::{collapse_spaces, similarity};

/// Templates shipped inside the binary: (id, source text).
pub static BUILTIN: &[(&str, &str)] = &[
    ("iid-2026", include_str!("../../templates/iid-2026.toml")),
    ("kipp-2026", include_str!("../../templates/kipp-2026.toml")),
    (
        "kalsel-2026",
        include_str!("../../templates/kalsel-2026.toml"),
    ),
    ("labinov", include_str!("../../templates/labinov.toml")),
];

/// Sheets of a form that hold instructions, examples and lists, never data:
/// the two `bimtek template form` writes besides its data sheets (first),
/// and those agencies' own forms carry. Every template skips them (after
/// folding case and spaces), so a filled form checks clean.
pub const FORM_INFO_SHEETS: [&str; 4] = ["Petunjuk", "Referensi", "Contoh", "Daftar Pilihan"];

/// Fold a header or value for matching: lowercase, letters and digits only.
/// "Nama Inovasi*", "nama_inovasi", "namaInovasi" and "NAMA  INOVASI" all
/// fold to "namainovasi".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`], appended to `out`. It runs on every cell that might be a
/// repeated header, so ASCII text (nearly all of it) takes a byte path.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        out.extend(
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
    }
}

/// [`fold_into`], giving up (and returning false) as soon as the folded
/// text would be longer than `limit` bytes. Bytes are folded one by one
/// until the first that is not ASCII, when the text is folded again by
/// characters: a long ASCII text gives up after `limit` letters and digits
/// instead of being scanned whole first.
pub fn fold_bounded(s: &str, out: &mut String, limit: usize) -> bool {
    let start = out.len();
    for b in s.bytes() {
        if !b.is_ascii() {
            out.truncate(start);
            return fold_chars_bounded(s, out, limit);
        }
        if b.is_ascii_alphanumeric() {
            if out.len() - start >= limit {
                return false;
            }
            out.push(char::from(b.to_ascii_lowercase()));
        }
    }
    true
}

fn fold_chars_bounded(s: &str, out: &mut String, limit: usize) -> bool {
    let start = out.len();
    for c in s
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
    {
        if out.len() - start + c.len_utf8() > limit {
            return false;
        }
        out.push(c);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_space_punctuation_and_stars() {
        for s in [
            "Nama Inovasi*",
            "nama_inovasi",
            "namaInovasi",
            " NAMA  INOVASI ",
            "Nama-Inovasi",
        ] {
            assert_eq!(fold(s), "namainovasi", "{s}");
        }
        assert_eq!(fold("Uji Coba"), fold("UJI-COBA"));
    }

    #[test]
    fn every_shipped_template_compiles() {
        for (id, src) in BUILTIN {
            let t = Template::parse(src, &format!("templates/{id}.toml"))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(t.id, *id);
            assert!(!t.fields.is_empty());
        }
    }

    /// `fold_bounded` as it was: the whole text checked for ASCII first.
    fn fold_bounded_whole_scan(s: &str, out: &mut String, limit: usize) -> bool {
        if s.is_ascii() {
            let start = out.len();
            for b in s.bytes().filter(u8::is_ascii_alphanumeric) {
                if out.len() - start >= limit {
                    return false;
                }
                out.push(char::from(b.to_ascii_lowercase()));
            }
            true
        } else {
            fold_chars_bounded(s, out, limit)
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_bounded_gives_what_the_whole_scan_gave(
            s in "[aZ9 .(-]{0,12}[\\u{e9}\\u{130}\\u{df}\\u{2160}a ]{0,3}[aZ9 ]{0,6}",
            prefix in "[a-z]{0,3}",
            limit in 0usize..16,
        ) {
            let (mut new, mut old) = (prefix.clone(), prefix);
            let fits = fold_bounded(&s, &mut new, limit);
            proptest::prop_assert_eq!(fits, fold_bounded_whole_scan(&s, &mut old, limit));
            proptest::prop_assert_eq!(new, old);
        }
    }
}
