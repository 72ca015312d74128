//! Findings: what bimtek says about the user's data. A `Finding` is a value
//! (a problem in the data), never an error (a problem that stops the tool).
//! This module owns the finding type, its location, severities and the one
//! registry of codes with their messages in both languages, and the quiet
//! catching of a panic that becomes a finding or a trouble ([`quiet`]); it
//! renders nothing to the terminal.

mod codes;
pub mod quiet;
mod say;

pub use codes::{CODES, Code, CodeInfo};
pub use say::Say;

use serde::Serialize;
use std::fmt;

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// User-facing language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

/// User-facing words in both languages, `[Bahasa Indonesia, English]`: the
/// one shape of every text bimtek shows (the registry's finding texts, the
/// catalogue [`Say`] of the rest, troubles, template mistakes). A run shows one of them through
/// [`Lang::pick`], with the language it was given: no text knows it alone.
pub type Text<S = String> = [S; 2];

impl Lang {
    /// The language's tag, as HTML's `lang` and the manifest write it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// The words of `text` in this language.
    pub fn pick<S>(self, text: &Text<S>) -> &S {
        match self {
            Lang::Id => &text[0],
            Lang::En => &text[1],
        }
    }
}

/// `x` as `lang` writes numbers, with `decimals` digits after the mark:
/// Bahasa Indonesia with a decimal comma and a thousands dot (`12.345,67`),
/// English with a decimal point and a thousands comma (`12,345.67`). The one
/// way a number is shown to a reader (tables, cards, summaries, messages);
/// JSON and CSV keep numbers as programs read them.
pub fn number(x: f64, decimals: usize, lang: Lang) -> String {
    let (thousands, mark) = match lang {
        Lang::Id => ('.', ','),
        Lang::En => (',', '.'),
    };
    let plain = format!("{:.*}", decimals, x);
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::with_capacity(plain.len() + whole.len() / 3 + 1);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push(mark);
        out.push_str(fraction);
    }
    out
}

/// The fewest decimals, up to two, that show `x` whole: a limit of 2 MB is
/// "2 MB", of 0.5 MB "0,5 MB", 1.25 points "1,25".
pub fn decimals(x: f64) -> usize {
    (0..2)
        .find(|&d| {
            let scaled = x * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-9
        })
        .unwrap_or(2)
}

/// A count as `lang` writes it: [`number`] without decimals.
pub fn count(n: impl Into<u64>, lang: Lang) -> String {
    number(n.into() as f64, 0, lang)
}

/// A problem that stops the tool (exit code 2), worded in both languages.
/// Errors travel up through `anyhow` far from the flags, so a trouble keeps
/// both wordings and [`error_text`] picks one where the error is shown, in
/// the language the run was asked for. Its `Display` is Bahasa Indonesia,
/// the default language.
#[derive(Debug)]
pub struct Trouble {
    text: Text,
    /// What caused it (an I/O error, another trouble), told after it.
    /// Kept as an `anyhow::Error`, whose inner error (a trouble) can still
    /// be downcast: a boxed one with a backtrace could not.
    cause: Option<anyhow::Error>,
}

impl Trouble {
    /// Private: a trouble is worded by the catalogue ([`Trouble::say`]) or
    /// from its texts ([`Trouble::each`]), never by two strings at its site.
    fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Trouble {
            text: [id.into(), en.into()],
            cause: None,
        }
    }

    /// The trouble the catalogue words as `key`, its `{name}`s filled from
    /// `args`.
    pub fn say(key: Say, args: &[(&str, &dyn fmt::Display)]) -> Self {
        let [id, en] = key.both(args);
        Trouble::new(id, en)
    }

    /// The trouble worded by `words` in each language: for a text whose
    /// arguments are worded too (a finding's message, another text).
    pub fn each(words: impl Fn(Lang) -> String) -> Self {
        Trouble::new(words(Lang::Id), words(Lang::En))
    }

    /// The same trouble, caused by `cause`.
    pub fn because(mut self, cause: impl Into<anyhow::Error>) -> Self {
        self.cause = Some(cause.into());
        self
    }

    /// The words in `lang`.
    pub fn in_lang(&self, lang: Lang) -> &str {
        lang.pick(&self.text).as_str()
    }
}

impl fmt::Display for Trouble {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.in_lang(Lang::Id))
    }
}

impl std::error::Error for Trouble {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause
            .as_ref()
            .map(|e| e.as_ref() as &(dyn std::error::Error + 'static))
    }
}

/// A failed result as a [`Trouble`] caused by its error: what
/// `anyhow::Context::with_context` does, but the trouble stays a trouble
/// in the chain, so [`error_text`] can word it in the run's language.
pub trait OrTrouble<T> {
    fn or_trouble(self, trouble: impl FnOnce() -> Trouble) -> anyhow::Result<T>;
}

impl<T, E: Into<anyhow::Error>> OrTrouble<T> for Result<T, E> {
    fn or_trouble(self, trouble: impl FnOnce() -> Trouble) -> anyhow::Result<T> {
        self.map_err(|e| trouble().because(e).into())
    }
}

/// An error and its causes in `lang`, joined by `: ` as `{:#}` joins
/// them: each [`Trouble`] in its words in `lang`, any other error as it
/// shows itself.
pub fn error_text(e: &anyhow::Error, lang: Lang) -> String {
    let mut out = String::new();
    for (i, link) in e.chain().enumerate() {
        if i > 0 {
            out.push_str(": ");
        }
        match link.downcast_ref::<Trouble>() {
            Some(t) => out.push_str(t.in_lang(lang)),
            None => out.push_str(&link.to_string()),
        }
    }
    out
}

/// Where a finding points. Every part is optional because a finding may be
/// about a whole file, a sheet, a column or a single cell.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Path as found under the given input, with `/` separators.
    pub file: String,
    pub sheet: Option<String>,
    /// Row number as the spreadsheet shows it (1-based).
    pub row: Option<u32>,
    /// Column index (0-based); rendered as letters.
    pub col: Option<u32>,
    /// Header text of the column as the agency wrote it.
    pub header: Option<String>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            ..Location::default()
        }
    }

    /// Column letters (`A`, `Z`, `AA`, ...), if a column is known.
    pub fn column_letters(&self) -> Option<String> {
        self.col.map(column_letters)
    }

    /// Cell reference such as `Inovasi!D12` or, for a CSV, `D12`.
    pub fn cell(&self) -> Option<String> {
        let (row, col) = (self.row?, self.col?);
        let cell = format!("{}{}", column_letters(col), row);
        Some(match &self.sheet {
            Some(s) if needs_quotes(s) => format!("'{}'!{cell}", s.replace('\'', "''")),
            Some(s) => format!("{s}!{cell}"),
            None => cell,
        })
    }
}

fn needs_quotes(sheet: &str) -> bool {
    !sheet.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// `0 -> A`, `25 -> Z`, `26 -> AA`.
pub fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// One problem found in the data.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub location: Location,
    /// Template field key, when the finding is about a field.
    pub field: Option<String>,
    /// SID indicator number, when the finding is about an indicator.
    pub indicator: Option<u32>,
    /// The offending value as the agency wrote it (shortened if long).
    pub value: Option<String>,
    /// Named parameters substituted into the message and hint.
    pub args: Vec<(&'static str, String)>,
    /// The finding is about its sheet (or, without a sheet, its file) and
    /// holds for every innovation read from there, as a required column
    /// that is missing: each of them counts it.
    pub every_row: bool,
    /// The innovation it concerns (an index into the check's list), set
    /// when the check's results are combined: the one on its row, or the
    /// one its evidence row is attached to.
    pub innovation: Option<u32>,
    /// The agency it concerns when no innovation says so: a roster
    /// agency that sent nothing (O001), a name not on the roster (O004).
    pub agency: Option<String>,
}

/// Longest value kept in a finding; long texts are cut with an ellipsis so
/// reports stay readable and memory stays flat on huge sheets.
const MAX_VALUE_CHARS: usize = 120;

impl Finding {
    /// A finding with the registry's default severity for `code`.
    pub fn new(code: Code, location: Location) -> Self {
        Finding {
            code,
            severity: code.info().severity,
            location,
            field: None,
            indicator: None,
            value: None,
            args: Vec::new(),
            every_row: false,
            innovation: None,
            agency: None,
        }
    }

    /// The agency the finding concerns (see [`Finding::agency`]).
    pub fn agency(mut self, name: &str) -> Self {
        self.agency = Some(name.to_string());
        self
    }

    /// Marks the finding as holding for every innovation of its sheet (or
    /// file): see [`Finding::every_row`].
    pub fn for_every_row(mut self) -> Self {
        self.every_row = true;
        self
    }

    pub fn field(mut self, key: &str) -> Self {
        self.field = Some(key.to_string());
        self
    }

    pub fn indicator(mut self, no: u32) -> Self {
        self.indicator = Some(no);
        self
    }

    pub fn value(mut self, value: &str) -> Self {
        self.value = Some(shorten(value, MAX_VALUE_CHARS));
        self
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// An argument in each language's words: under `name` in Bahasa
    /// Indonesia and under `name_en` (`name` + `_en`) in English.
    pub fn words(self, name: &'static str, name_en: &'static str, words: Text) -> Self {
        debug_assert_eq!(name_en, format!("{name}_en"));
        let [id, en] = words;
        self.arg(name, id).arg(name_en, en)
    }

    /// An argument worded by the catalogue's `key`, its `{name}`s filled
    /// from `args`: as [`Finding::words`].
    pub fn say(
        self,
        name: &'static str,
        name_en: &'static str,
        key: Say,
        args: &[(&str, &dyn fmt::Display)],
    ) -> Self {
        self.words(name, name_en, key.both(args))
    }

    /// A numeric argument, written as each language writes numbers
    /// ([`number`]): under `name` in Bahasa Indonesia and under `name_en`
    /// (`name` + `_en`, the name English takes first) in English.
    pub fn number(
        self,
        name: &'static str,
        name_en: &'static str,
        x: f64,
        decimals: usize,
    ) -> Self {
        debug_assert_eq!(name_en, format!("{name}_en"));
        let (id, en) = (number(x, decimals, Lang::Id), number(x, decimals, Lang::En));
        self.arg(name, id).arg(name_en, en)
    }

    /// The message in `lang`, with the arguments filled in.
    pub fn message(&self, lang: Lang) -> String {
        fill(self.code.info().message(lang), self, lang)
    }

    /// How to fix it, in `lang`.
    pub fn hint(&self, lang: Lang) -> String {
        fill(self.code.info().hint(lang), self, lang)
    }

    /// Sort key: file, sheet, row, column, code.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.location.file,
            &self.location.sheet,
            self.location.row,
            self.location.col,
            self.code,
            self.indicator,
            &self.value,
        )
    }
}

/// Replace `{name}` with the finding's argument of that name; `{value}`,
/// `{field}`, `{header}` and `{cell}` come from the finding itself. In
/// English an argument `name_en`, when given, wins over `name`.
fn fill(template: &str, f: &Finding, lang: Lang) -> String {
    fill_with(template, |name| {
        let replacement = match name {
            "value" => f.value.clone(),
            "field" => f.field.clone(),
            "header" => f.location.header.clone(),
            "indicator" => f.indicator.map(|n| n.to_string()),
            "cell" => f.location.cell(),
            _ => {
                let find = |key: &str| {
                    f.args
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, v)| v.clone())
                };
                let english = match lang {
                    Lang::En => find(&format!("{name}_en")),
                    Lang::Id => None,
                };
                english.or_else(|| find(name))
            }
        };
        Some(replacement.unwrap_or_default())
    })
}

/// `text` with each `{name}` replaced by `value(name)`; a name without a
/// value, and a `{` without its `}`, stay as they are. The one way a text
/// of the registry or the catalogue takes its arguments.
fn fill_with(text: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        match value(&after[..end]) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[start..start + end + 2]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Cut `s` to at most `max` characters, adding `…` when cut.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        assert_eq!(number(7.28, 2, Lang::Id), "7,28");
        assert_eq!(number(7.28, 2, Lang::En), "7.28");
        assert_eq!(number(12345.0, 0, Lang::Id), "12.345");
        assert_eq!(number(12345.0, 0, Lang::En), "12,345");
        assert_eq!(number(1234567.891, 2, Lang::Id), "1.234.567,89");
        assert_eq!(number(-2500000.0, 0, Lang::Id), "-2.500.000");
        assert_eq!(number(2.1, 1, Lang::Id), "2,1");
        assert_eq!(number(999.0, 0, Lang::Id), "999");
        assert_eq!(number(0.004, 2, Lang::En), "0.00");
        assert_eq!(count(5000u32, Lang::Id), "5.000");
        let f = Finding::new(Code::E006, Location::file("a.csv"))
            .indicator(3)
            .value("x.pdf")
            .number("size", "size_en", 2.14, 1)
            .number("max", "max_en", 2.0, 0);
        assert!(
            f.message(Lang::Id).contains("2,1 MB; batas 2 MB"),
            "{}",
            f.message(Lang::Id)
        );
        assert!(
            f.message(Lang::En).contains("2.1 MB; the limit is 2 MB"),
            "{}",
            f.message(Lang::En)
        );
    }

    use super::*;

    #[test]
    fn column_letters_roll_over() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(16383), "XFD");
    }

    #[test]
    fn cell_reference_quotes_sheet_names_with_spaces() {
        let mut loc = Location::file("a.xlsx");
        loc.row = Some(12);
        loc.col = Some(3);
        assert_eq!(loc.cell().unwrap(), "D12");
        loc.sheet = Some("Inovasi".into());
        assert_eq!(loc.cell().unwrap(), "Inovasi!D12");
        loc.sheet = Some("Data OPD".into());
        assert_eq!(loc.cell().unwrap(), "'Data OPD'!D12");
    }

    #[test]
    fn a_trouble_and_its_causes_are_told_in_the_language_passed() {
        let gone = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let read: anyhow::Result<()> =
            Err(gone).or_trouble(|| Trouble::new("x tidak dapat dibaca", "x cannot be read"));
        let e = read
            .or_trouble(|| Trouble::new("paket gagal", "the package failed"))
            .unwrap_err();
        assert_eq!(
            error_text(&e, Lang::En),
            "the package failed: x cannot be read: gone"
        );
        assert_eq!(
            error_text(&e, Lang::Id),
            "paket gagal: x tidak dapat dibaca: gone"
        );
        assert_eq!(format!("{e:#}"), error_text(&e, Lang::Id));
    }

    #[test]
    fn shorten_cuts_on_char_boundaries() {
        assert_eq!(shorten("abc", 5), "abc");
        assert_eq!(shorten("ééééé", 2), "éé…");
    }
}
