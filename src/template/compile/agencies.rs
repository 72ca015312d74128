//! The template's lists of agencies: `[award]` (the agencies, their
//! spellings, the quota) and `[roster]` (the agencies expected).

use super::Ctx;
use crate::diag::Say;
use crate::template::TemplateError;
use crate::template::fold;
use crate::template::model::{Award, AwardAgency, Field};
use foldhash::{HashMap, HashMapExt};
use toml::Spanned;

impl Ctx<'_> {
    pub(super) fn award(
        &self,
        a: crate::template::raw::RawAward,
        keys: &HashMap<String, usize>,
        fields: &[Field],
    ) -> Result<Award, TemplateError> {
        let key_of = |k: &Option<Spanned<String>>, what: &str| match k {
            None => Ok(None),
            Some(k) => keys.get(k.get_ref()).copied().map(Some).ok_or_else(|| {
                self.err(
                    k.span(),
                    Say::AwardKeyUnknown.both(&[("what", &what), ("key", k.get_ref())]),
                )
            }),
        };
        let group_field = key_of(&a.group_by, "group_by")?;
        let quota_field = key_of(&a.quota_by, "quota_by")?;
        let mut quota = Vec::new();
        for (value, max) in &a.quota {
            let canonical = quota_field
                .and_then(|f| fields[f].lookup_value(&fold(value)))
                .map(|v| v.value.clone());
            let Some(canonical) = canonical else {
                return Err(self.err(max.span(), Say::AwardQuotaUnknown.both(&[("value", value)])));
            };
            quota.push((canonical, *max.get_ref()));
        }
        let mut agencies: Vec<AwardAgency> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for name in &a.agencies {
            let folded = fold(name.get_ref());
            if folded.is_empty() {
                return Err(self.err(name.span(), Say::AwardEmptyName.both(&[])));
            }
            if seen.insert(folded.clone(), agencies.len()).is_some() {
                return Err(self.err(
                    name.span(),
                    Say::AwardAgencyTwice.both(&[("name", name.get_ref())]),
                ));
            }
            agencies.push(AwardAgency {
                name: name.get_ref().trim().to_string(),
                spellings: Vec::new(),
                folded: vec![folded],
            });
        }
        for (name, spellings) in a.spellings {
            let Some(&i) = seen.get(&fold(&name)) else {
                return Err(self.err(
                    spellings.span(),
                    Say::AwardSpellingUnknown.both(&[("name", &name)]),
                ));
            };
            for s in spellings.get_ref() {
                let f = fold(s);
                if let Some(&other) = seen.get(&f)
                    && other != i
                {
                    return Err(
                        self.err(spellings.span(), Say::AwardSpellingTaken.both(&[("s", s)]))
                    );
                }
                seen.insert(f.clone(), i);
                agencies[i].spellings.push(s.clone());
                agencies[i].folded.push(f);
            }
        }
        Ok(Award {
            agencies,
            group_field,
            unique_titles: a.unique_titles,
            quota_field,
            quota,
            note: a.note,
        })
    }

    /// `[roster]`: a name twice, or an alias of two agencies, is a mistake
    /// in the template. Its source is named when it is used
    /// ([`Template::expected_agencies`]), since the file is known only then.
    pub(super) fn roster(
        &self,
        r: crate::template::raw::RawRoster,
    ) -> Result<crate::template::Roster, TemplateError> {
        use crate::template::{Clash, Roster, RosterAgency, RosterSource};
        let mut roster = Roster::new(RosterSource::Template(String::new()));
        for a in r.agencies {
            let span = a.name.span();
            let added = roster.add(RosterAgency {
                name: a.name.into_inner(),
                aliases: a.aliases,
                group: a.group.filter(|g| !g.trim().is_empty()),
                sheet: None,
                row: None,
            });
            let clash = match added {
                Ok(clashes) => clashes.into_iter().next(),
                Err(c) => Some(c),
            };
            match clash {
                None => {}
                Some(Clash::EmptyName) => {
                    return Err(self.err(span, Say::RosterEmptyName.both(&[])));
                }
                Some(Clash::Taken(name, other)) => {
                    return Err(self.err(
                        span,
                        Say::RosterTaken.both(&[("name", &name), ("other", &other)]),
                    ));
                }
            }
        }
        Ok(roster)
    }
}

#[cfg(test)]
mod tests {
    use crate::template::Template;

    #[test]
    fn award_agencies_and_spellings() {
        let src = "[template]\nid = \"t\"\nname = \"T\"\nyear = 2026\nextends = \"kalsel-2026\"\n\n[award]\nagencies = [\"Dinas Kesehatan\", \"BRIDA\"]\n[award.spellings]\n\"Dinas Kesehatan\" = [\"Dinkes\"]\n";
        let t = Template::parse(src, "t.toml").unwrap();
        let a = t.award.as_ref().unwrap();
        assert!(a.agencies[0].matches("DINKES"));
        assert!(a.agencies[0].matches("dinas  kesehatan"));
        assert!(!a.agencies[0].matches("Dinas Kesehatan Hewan"));
        assert_eq!(t.extends.as_deref(), Some("kalsel-2026"));
        // Two levels: the IID fields and indicators come through kalsel-2026.
        assert!(t.field("rancang_bangun").is_some());
        assert!(t.field("kategori_peserta").is_some());
        assert_eq!(t.indicators.len(), 20);
        let twice = src.replace("\"BRIDA\"", "\"dinas kesehatan\"");
        assert!(Template::parse(&twice, "t.toml").unwrap_err().message[1].contains("twice"));
        let stray = src.replace("\"Dinas Kesehatan\" = ", "\"Dinas Sosial\" = ");
        let e = Template::parse(&stray, "t.toml").unwrap_err();
        assert!(e.message[1].contains("not in award.agencies"), "{e}");
        assert!(e.message[0].contains("tidak ada di award.agencies"), "{e}");
        assert_eq!(e.line, 10, "{e}");
    }
}
