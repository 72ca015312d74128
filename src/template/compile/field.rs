//! One `[[field]]`: its type and the settings that type uses, its header
//! aliases, its allowed values and their spellings.

use super::{Ctx, severity_word};
use crate::diag::{Lang, Say};
use crate::template::TemplateError;
use crate::template::fold;
use crate::template::model::{EnumValue, Field, FieldKind, kind_words};
use crate::template::raw::{KIND_SETTINGS, RawField};
use foldhash::{HashMap, HashMapExt};
use std::ops::Range;
use toml::Spanned;

/// Kinds of link a text field may ask for (see `check::evidence::link_kind_accepted`).
const LINK_KINDS: &[&str] = &["youtube", "gdrive", "web"];

const KINDS: &[&str] = &[
    "text",
    "enum",
    "date",
    "integer",
    "amount",
    "coordinate",
    "file",
];

impl Ctx<'_> {
    pub(super) fn field(
        &self,
        f: RawField,
        index: usize,
        keys: &HashMap<String, usize>,
        header_index: &mut HashMap<String, usize>,
        earlier: &[(String, String, Range<usize>)],
    ) -> Result<Field, TemplateError> {
        let key = f.key.get_ref().clone();
        let kind = match f.kind.get_ref().as_str() {
            "text" => FieldKind::Text,
            "enum" => FieldKind::Enum,
            "date" => FieldKind::Date,
            "integer" => FieldKind::Integer {
                min: f.min.as_ref().map(|x| *x.get_ref()),
                max: f.max.as_ref().map(|x| *x.get_ref()),
            },
            "amount" => FieldKind::Amount {
                min: f.min.as_ref().map(|x| *x.get_ref()),
                max: f.max.as_ref().map(|x| *x.get_ref()),
            },
            "coordinate" => FieldKind::Coordinate,
            "file" => FieldKind::File,
            other => {
                return Err(self.err(f.kind.span(), {
                    let kinds = KINDS.join(", ");
                    let near = crate::template::message::nearest(other, KINDS);
                    let [near_id, near_en] = near
                        .map(|n| Say::NearParen.both(&[("n", &n)]))
                        .unwrap_or_default();
                    Say::FieldTypeUnknown.both(&[
                        ("key", &key),
                        ("other", &other),
                        ("near", &near_id),
                        ("near_en", &near_en),
                        ("kinds", &kinds),
                    ])
                }));
            }
        };
        let kind_name = kind.toml_name();
        let used: [(&str, Option<Range<usize>>); 9] = [
            (
                "filler_below_words",
                f.filler_below_words.as_ref().map(Spanned::span),
            ),
            ("min_words", f.min_words.as_ref().map(Spanned::span)),
            ("max_words", f.max_words.as_ref().map(Spanned::span)),
            ("links", f.links.as_ref().map(Spanned::span)),
            ("min_age_years", f.min_age_years.as_ref().map(Spanned::span)),
            ("future", f.future.as_ref().map(Spanned::span)),
            ("min", f.min.as_ref().map(Spanned::span)),
            ("max", f.max.as_ref().map(Spanned::span)),
            ("value", f.values.first().map(|v| v.value.span())),
        ];
        for (setting, span) in used {
            let Some(span) = span else { continue };
            let Some((_, kinds)) = KIND_SETTINGS.iter().find(|(s, _)| *s == setting) else {
                continue;
            };
            if kinds.contains(&kind_name) {
                continue;
            }
            let named = |word: &str, k: &str| {
                if word == k {
                    word.to_string()
                } else {
                    format!("{word} ({k})")
                }
            };
            let word = |k: &str, lang: Lang| kind_words(k).map_or("?", |w| lang.say(w));
            let this_id = named(word(kind_name, Lang::Id), kind_name);
            let this_en = named(word(kind_name, Lang::En), kind_name);
            let ids: Vec<String> = kinds.iter().map(|k| named(word(k, Lang::Id), k)).collect();
            let ens: Vec<String> = kinds.iter().map(|k| named(word(k, Lang::En), k)).collect();
            let (ids, ens) = (ids.join(" dan "), ens.join(" and "));
            return Err(self.err(
                span,
                Say::FieldSettingNotForKind.both(&[
                    ("key", &key),
                    ("setting", &setting),
                    ("kinds", &ids),
                    ("kinds_en", &ens),
                    ("this", &this_id),
                    ("this_en", &this_en),
                ]),
            ));
        }
        if let (Some(min), Some(max)) = (&f.min, &f.max)
            && min.get_ref() > max.get_ref()
        {
            return Err(self.err(
                max.span(),
                Say::FieldMaxBelowMin.both(&[
                    ("key", &key),
                    ("max", max.get_ref()),
                    ("min", min.get_ref()),
                ]),
            ));
        }
        if kind == FieldKind::Enum && f.values.is_empty() {
            return Err(self.err(f.kind.span(), Say::EnumWithoutValues.both(&[("key", &key)])));
        }
        if let Some(max) = &f.max_words
            && f.min_words
                .as_ref()
                .is_some_and(|min| min.get_ref() > max.get_ref())
        {
            return Err(self.err(max.span(), Say::MaxWordsBelowMin.both(&[("key", &key)])));
        }
        let links = match &f.links {
            None => Vec::new(),
            Some(l) => {
                let mut out = Vec::new();
                for kind in l.get_ref() {
                    let k = kind.trim().to_ascii_lowercase();
                    if !LINK_KINDS.contains(&k.as_str()) {
                        return Err(self.err(
                            l.span(),
                            Say::LinkKindUnknown.both(&[
                                ("key", &key),
                                ("kind", kind),
                                ("kinds", &LINK_KINDS.join(", ")),
                            ]),
                        ));
                    }
                    out.push(k);
                }
                out
            }
        };
        // The key and label always match, besides the aliases.
        for alias in [key.as_str(), f.label.as_str()]
            .into_iter()
            .chain(f.aliases.iter().map(String::as_str))
        {
            let folded = fold(alias);
            if folded.is_empty() {
                continue;
            }
            if let Some(&other) = header_index.get(&folded)
                && other != index
            {
                let (other_key, other_label, other_at) = &earlier[other];
                let at = format!("@@{}@@", other_at.start);
                return Err(self.err(
                    f.key.span(),
                    Say::HeaderNamesTwoFields.both(&[
                        ("key", &key),
                        ("alias", &alias),
                        ("other_key", other_key),
                        ("other_label", other_label),
                        ("at", &at),
                    ]),
                ));
            }
            header_index.insert(folded, index);
        }
        let required_severity = match &f.required_severity {
            None => None,
            Some(s) => match severity_word(s.get_ref()) {
                Some(Some(sev)) => Some(sev),
                _ => {
                    return Err(self.err(
                        s.span(),
                        Say::RequiredSeverityBad.both(&[("key", &key), ("s", s.get_ref())]),
                    ));
                }
            },
        };
        let mut values = Vec::new();
        let mut value_index = HashMap::new();
        for (vi, v) in f.values.into_iter().enumerate() {
            let mut requires = Vec::new();
            let mut recommends = Vec::new();
            let named = v
                .requires
                .iter()
                .map(|r| (r, true))
                .chain(v.recommends.iter().map(|r| (r, false)));
            for (r, must) in named {
                match keys.get(r.get_ref()) {
                    Some(&i) if must => requires.push(i),
                    Some(&i) => recommends.push(i),
                    None => {
                        return Err(self.err(
                            r.span(),
                            Say::RequiresUnknown.both(&[("key", &key), ("name", r.get_ref())]),
                        ));
                    }
                }
            }
            for spelling in std::iter::once(v.value.get_ref()).chain(v.spellings.iter()) {
                let folded = fold(spelling);
                if let Some(&prev) = value_index.get(&folded)
                    && prev != vi
                {
                    return Err(self.err(
                        v.value.span(),
                        Say::SpellingTwoValues.both(&[("key", &key), ("spelling", spelling)]),
                    ));
                }
                value_index.insert(folded, vi);
            }
            values.push(EnumValue {
                value: v.value.into_inner(),
                spellings: v.spellings,
                requires,
                recommends,
                min_age_years: v.min_age_years,
            });
        }
        Ok(Field {
            label_en: f.label_en.unwrap_or_else(|| f.label.clone()),
            label: f.label,
            key,
            aliases: f.aliases,
            kind,
            required: f.required,
            required_severity,
            foreign_values: f.foreign_values.iter().map(|v| fold(v)).collect(),
            filler_below_words: f.filler_below_words.map(Spanned::into_inner),
            min_words: f.min_words.map(Spanned::into_inner),
            max_words: f.max_words.map(Spanned::into_inner),
            links,
            min_age_years: f.min_age_years.map(Spanned::into_inner),
            future: f.future.is_some_and(Spanned::into_inner),
            in_form: f.form.unwrap_or(true),
            values,
            value_index,
            grade: f.grade,
            note: f.note,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::template::Template;

    #[test]
    fn new_field_settings_are_checked() {
        let base = "[template]\nid = \"t\"\nname = \"T\"\nyear = 2026\n\n[[field]]\nkey = \"a\"\nlabel = \"A\"\n";
        let ok = format!(
            "{base}type = \"text\"\nmin_words = 5\nmax_words = 10\nlinks = [\"YouTube\"]\n"
        );
        let t = Template::parse(&ok, "t.toml").unwrap();
        let f = t.field("a").unwrap();
        assert_eq!((f.min_words, f.max_words), (Some(5), Some(10)));
        assert_eq!(f.links, ["youtube"]);
        for (bad, what) in [
            (
                "type = \"text\"\nmin_words = 50\nmax_words = 10\n",
                "below min_words",
            ),
            ("type = \"date\"\nmax_words = 10\n", "text fields only"),
            ("type = \"text\"\nlinks = [\"vimeo\"]\n", "vimeo"),
            ("type = \"text\"\nmin_age_years = 2\n", "date fields only"),
        ] {
            let e = Template::parse(&format!("{base}{bad}"), "t.toml").unwrap_err();
            assert!(e.message[1].contains(what), "{e}");
            assert!(e.line >= 9, "{e}");
        }
    }
}
