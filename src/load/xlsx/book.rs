//! A workbook's metadata: its relationships, sheets and shared strings,
//! and (through load/xlsx/styles.rs) which cell styles are dates.

use super::styles::date_styles;
use super::text::{decoded, read_string};
use crate::load::MAX_SHEETS;
use crate::load::archive::Archive;
use crate::load::xml::{Attrs, Token, Tokens, attr, local};
use std::collections::HashMap;
use std::io::Read;

/// What the workbook's metadata says.
pub(super) struct Book {
    /// The worksheets, in order (chart and dialog sheets hold no cells).
    pub(super) sheets: Vec<Sheet>,
    pub(super) strings: Vec<String>,
    /// For each cell style (`s`), whether its number format is a date.
    pub(super) dates: Vec<bool>,
    pub(super) is_1904: bool,
    /// Worksheets past [`MAX_SHEETS`], not read.
    pub(super) past_limit: u64,
    /// Worksheets whose part an earlier one names, not read: the first,
    /// its part, and how many.
    pub(super) repeating: Option<(String, String, u64)>,
}

pub(super) struct Sheet {
    pub(super) name: String,
    pub(super) hidden: bool,
    pub(super) path: String,
    /// Its part's index in the archive.
    pub(super) part: usize,
}

/// The archive's parts by name, looked up the way calamine does: exactly,
/// or ignoring ASCII case and with `\` read as `/`.
struct Parts {
    exact: HashMap<String, usize>,
    folded: HashMap<String, usize>,
}

impl Parts {
    fn new(zip: &Archive) -> Option<Parts> {
        let mut parts = Parts {
            exact: HashMap::with_capacity(zip.len()),
            folded: HashMap::with_capacity(zip.len()),
        };
        for i in 0..zip.len() {
            let name = zip.name(i)?;
            let folded = name.replace('\\', "/").to_ascii_lowercase();
            parts.exact.entry(name.into_owned()).or_insert(i);
            parts.folded.insert(folded, i);
        }
        Some(parts)
    }

    fn find(&self, path: &str) -> Option<usize> {
        let folded = self.folded.get(&path.to_ascii_lowercase());
        folded.or_else(|| self.exact.get(path)).copied()
    }
}

impl Book {
    /// None when anything is missing or odd.
    pub(super) fn read(zip: &mut Archive) -> Option<Book> {
        let parts = Parts::new(zip)?;
        let package = zip.part(parts.find("_rels/.rels")?).ok()?;
        let document = relationships(package, true)?
            .into_iter()
            .rfind(|r| r.typ.ends_with("/relationships/officeDocument") && r.target.is_some())
            .and_then(|r| r.target)?;
        let (dir, name) = document.split_at(document.rfind('/').map_or(0, |i| i + 1));
        let dir = dir.strip_prefix('/').unwrap_or(dir).to_string();
        let name = if name.is_empty() {
            "workbook.xml"
        } else {
            name
        };

        let strings = match parts.find(&format!("{dir}sharedStrings.xml")) {
            Some(i) => shared_strings(Tokens::new(zip.part(i).ok()?))?,
            None => Vec::new(),
        };
        let dates = match parts.find(&format!("{dir}styles.xml")) {
            Some(i) => date_styles(Tokens::new(zip.part(i).ok()?))?,
            None => Vec::new(),
        };
        let path = format!("{dir}_rels/{name}.rels");
        let relationships: HashMap<String, Relationship> =
            relationships(zip.part(parts.find(&path)?).ok()?, false)?
                .into_iter()
                .map(|r| (r.id.clone(), r))
                .collect();
        let mut book = Book {
            sheets: Vec::new(),
            strings,
            dates,
            is_1904: false,
            past_limit: 0,
            repeating: None,
        };
        let mut parts_read = std::collections::HashSet::new();
        let Some(index) = parts.find(&format!("{dir}{name}")) else {
            return Some(book);
        };
        let mut t = Tokens::new(zip.part(index).ok()?);
        // Two sheets of one name: calamine reads the first twice.
        let mut names = std::collections::HashSet::new();
        loop {
            match t.next().ok()? {
                Token::Start { name, attrs } => {
                    let (tag, attrs) = (local(t.get(name)), t.get(attrs));
                    if tag == b"sheet" {
                        let (mut name, mut rel, mut hidden) = (String::new(), &b""[..], false);
                        for item in Attrs::new(attrs) {
                            let (key, value) = item.ok()?;
                            match key {
                                b"name" => name = decoded(value)?,
                                b"state" => {
                                    hidden = match value {
                                        b"visible" => false,
                                        b"hidden" | b"veryHidden" => true,
                                        _ => return None,
                                    }
                                }
                                _ if local(key) == b"id" => rel = value,
                                _ => {}
                            }
                        }
                        let Relationship { target, typ, .. } =
                            relationships.get(std::str::from_utf8(rel).ok()?)?;
                        let target = target.as_deref().unwrap_or_default();
                        let path = match target.strip_prefix('/') {
                            Some(absolute) => absolute.to_string(),
                            None => format!("{dir}{target}"),
                        };
                        if !names.insert(name.clone()) {
                            return None;
                        }
                        match typ.rsplit('/').next() {
                            // Every worksheet must be there: calamine would
                            // stop at a missing one after reading the others.
                            Some("worksheet") => {
                                let part = parts.find(&path)?;
                                if book.sheets.len() >= MAX_SHEETS {
                                    book.past_limit += 1;
                                } else if !parts_read.insert(part) {
                                    // Each part is read once (4,000 sheets
                                    // naming one part took 82 s).
                                    match &mut book.repeating {
                                        Some((.., n)) => *n += 1,
                                        None => book.repeating = Some((name, path, 1)),
                                    }
                                } else {
                                    book.sheets.push(Sheet {
                                        part,
                                        name,
                                        hidden,
                                        path,
                                    });
                                }
                            }
                            Some("chartsheet" | "dialogsheet") => {}
                            _ => return None,
                        }
                    } else if tag == b"workbookPr"
                        && let Some(v) = attr(attrs, b"date1904").ok()?
                    {
                        book.is_1904 = v == b"1" || v == b"true";
                    }
                }
                Token::End { name } if local(t.get(name)) == b"workbook" => break,
                Token::Eof => return None,
                _ => {}
            }
        }
        Some(book)
    }
}

/// One `<Relationship>` of a `.rels` part.
struct Relationship {
    id: String,
    typ: String,
    target: Option<String>,
}

/// The relationships of a `.rels` part, with an `Id`, in order. calamine
/// wants the package's (`_rels/.rels`) inside `<Relationships>` and its
/// targets decoded, and takes a workbook's targets as they are written.
fn relationships<R: Read>(part: R, package: bool) -> Option<Vec<Relationship>> {
    let mut t = Tokens::new(part);
    if package {
        until_start(&mut t, b"Relationships")?;
    }
    let mut found = Vec::new();
    loop {
        match t.next().ok()? {
            Token::Start { name, attrs } if local(t.get(name)) == b"Relationship" => {
                let attrs = t.get(attrs);
                let text = |key: &[u8]| -> Option<Option<String>> {
                    Some(match attr(attrs, key).ok()? {
                        Some(v) if package && key == b"Target" => Some(decoded(v)?),
                        Some(v) => Some(String::from_utf8_lossy(v).into_owned()),
                        None => None,
                    })
                };
                if let Some(id) = text(b"Id")? {
                    found.push(Relationship {
                        id,
                        typ: text(b"Type")?.unwrap_or_default(),
                        target: text(b"Target")?,
                    });
                }
            }
            Token::End { name } if local(t.get(name)) == b"Relationships" => return Some(found),
            Token::Eof => return None,
            _ => {}
        }
    }
}

/// Skip to the start tag named `tag`; None at the end of the part.
fn until_start<R: Read>(t: &mut Tokens<R>, tag: &[u8]) -> Option<()> {
    loop {
        match t.next().ok()? {
            Token::Start { name, .. } if local(t.get(name)) == tag => return Some(()),
            Token::Eof => return None,
            _ => {}
        }
    }
}

fn shared_strings<R: Read>(mut t: Tokens<R>) -> Option<Vec<String>> {
    until_start(&mut t, b"sst")?;
    let mut strings = Vec::new();
    let (mut closing, mut t_name) = (Vec::new(), Vec::new());
    loop {
        match t.next().ok()? {
            Token::Start { name, .. } if local(t.get(name)) == b"si" => {
                closing.clear();
                closing.extend_from_slice(t.get(name));
                strings.push(read_string(&mut t, &closing, &mut t_name).ok()?);
            }
            Token::End { name } if local(t.get(name)) == b"sst" => return Some(strings),
            Token::Eof => return None,
            _ => {}
        }
    }
}
