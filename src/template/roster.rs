//! The roster: the agencies (and other units a pemda counts, such as UPT
//! Puskesmas, schools or villages) expected to send innovations. It comes
//! from a `--roster` file (read in `check::roster`), a template's
//! `[roster]`, or an award's list of agencies. A name in the data is the
//! roster's agency when it folds (as values do: case, spaces and
//! punctuation ignored) to its name or one of its aliases; nothing is
//! guessed. This module owns the list and its matching; it reads no file.

use super::fold;
use std::collections::HashMap;

/// Where a roster was given: findings about its agencies point there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterSource {
    /// A `--roster` file, as displayed.
    File(String),
    /// A template's `[roster]` (the template file).
    Template(String),
    /// An award's `agencies` (the template file). Its rule U003 already
    /// reports an agency without innovations.
    Award(String),
}

impl RosterSource {
    /// The file that holds the list.
    pub fn file(&self) -> &str {
        match self {
            RosterSource::File(f) | RosterSource::Template(f) | RosterSource::Award(f) => f,
        }
    }
}

/// One agency on the roster.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterAgency {
    pub name: String,
    pub aliases: Vec<String>,
    /// Kelompok (Dinas, Badan, Kecamatan, Puskesmas, ...), when given.
    pub group: Option<String>,
    /// Its sheet and row in a roster file.
    pub sheet: Option<String>,
    pub row: Option<u32>,
}

/// Why an entry could not join the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// The name folds to nothing.
    EmptyName,
    /// The name (or an alias, `.0`) already names agency `.1`.
    Taken(String, String),
}

/// The list of agencies expected, with every name and alias folded.
#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    pub source: RosterSource,
    pub agencies: Vec<RosterAgency>,
    /// Folded name or alias -> agency index.
    index: HashMap<String, usize>,
}

impl Roster {
    pub fn new(source: RosterSource) -> Self {
        Roster {
            source,
            agencies: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// Add an agency. A name that folds like a name or alias already on
    /// the roster is refused whole; an alias that does is refused alone
    /// (the others are kept) and returned among the clashes.
    pub fn add(&mut self, mut agency: RosterAgency) -> Result<Vec<Clash>, Clash> {
        agency.name = super::collapse_spaces(&agency.name);
        let folded = fold(&agency.name);
        if folded.is_empty() {
            return Err(Clash::EmptyName);
        }
        if let Some(&other) = self.index.get(&folded) {
            return Err(Clash::Taken(
                agency.name.clone(),
                self.agencies[other].name.clone(),
            ));
        }
        let at = self.agencies.len();
        self.index.insert(folded, at);
        let mut clashes = Vec::new();
        let mut aliases = Vec::new();
        for alias in std::mem::take(&mut agency.aliases) {
            let alias = super::collapse_spaces(&alias);
            let f = fold(&alias);
            if f.is_empty() {
                continue;
            }
            match self.index.get(&f) {
                Some(&i) if i == at => {}
                Some(&other) => clashes.push(Clash::Taken(alias, self.name_of(other, at, &agency))),
                None => {
                    self.index.insert(f, at);
                    aliases.push(alias);
                }
            }
        }
        agency.aliases = aliases;
        self.agencies.push(agency);
        Ok(clashes)
    }

    fn name_of(&self, i: usize, at: usize, adding: &RosterAgency) -> String {
        if i == at {
            adding.name.clone()
        } else {
            self.agencies[i].name.clone()
        }
    }

    /// The roster agency an agency name in the data is, after folding.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.index.get(&fold(name)).copied()
    }

    /// The roster agency whose name or alias is most like `name`, when
    /// alike enough to suggest (never taken as a match).
    pub fn nearest(&self, name: &str, threshold: f64) -> Option<&RosterAgency> {
        let mut best: Option<(f64, usize)> = None;
        for (i, a) in self.agencies.iter().enumerate() {
            for candidate in std::iter::once(&a.name).chain(&a.aliases) {
                let score = super::similarity(name, candidate);
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, i));
                }
            }
        }
        best.filter(|(s, _)| *s >= threshold)
            .map(|(_, i)| &self.agencies[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(name: &str, aliases: &[&str]) -> RosterAgency {
        RosterAgency {
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            group: None,
            sheet: None,
            row: None,
        }
    }

    #[test]
    fn names_and_aliases_match_after_folding_and_nothing_is_guessed() {
        let mut r = Roster::new(RosterSource::File("daftar.csv".into()));
        r.add(agency("Dinas Kesehatan", &["Dinkes"])).unwrap();
        r.add(agency("Dinas Kesehatan Hewan", &[])).unwrap();
        assert_eq!(r.find("DINKES"), Some(0));
        assert_eq!(r.find("dinas  kesehatan."), Some(0));
        assert_eq!(r.find("Dinas Kesehatan Hewan"), Some(1));
        assert_eq!(r.find("Dinas Kesehatn"), None);
        assert_eq!(
            r.nearest("Dinas Kesehatn", 0.42).map(|a| a.name.as_str()),
            Some("Dinas Kesehatan")
        );
    }

    #[test]
    fn a_name_twice_is_refused_and_a_taken_alias_dropped() {
        let mut r = Roster::new(RosterSource::File("daftar.csv".into()));
        r.add(agency("Dinas Kesehatan", &["Dinkes"])).unwrap();
        assert_eq!(
            r.add(agency("DINKES", &[])),
            Err(Clash::Taken("DINKES".into(), "Dinas Kesehatan".into()))
        );
        assert_eq!(
            r.add(agency("Dinas Sosial", &["Dinkes", "Dinsos"])),
            Ok(vec![Clash::Taken(
                "Dinkes".into(),
                "Dinas Kesehatan".into()
            )])
        );
        assert_eq!(r.find("dinsos"), Some(1));
        assert_eq!(r.add(agency(" - ", &[])), Err(Clash::EmptyName));
    }
}
