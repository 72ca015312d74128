//! bimtek: get Indonesian regional-innovation (IID) data ready for submission.
//!
//! ```text
//!  files ─load─▶ rows ─normalize─▶ records ─check─▶ outcome ─score─▶ outcome ─report─▶ stdout
//!                      (template)           (template)                        └─export─▶ package
//! ```
//!
//! Data flows one way. `load` knows files, not templates; `normalize` maps
//! headers and reads values as the template's types; `check` judges records
//! and never does I/O; `score` turns the indicators check judged into
//! maturity scores and pemda estimates; `report` is the only place that
//! prints (the JSON contract's types are in `report/json/contract.rs`), and
//! `export` writes the package. `outcome` is the data model between them:
//! check fills it, score scores it, report and export read it. Only `cmd/*`
//! wires the stages together.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod diag;
pub mod evidence;
pub mod export;
pub mod form;
pub mod history;
pub mod load;
pub mod normalize;
pub mod outcome;
pub mod report;
pub mod score;
pub mod settings;
pub mod since;
pub mod template;

/// Exit code: nothing at or above `--fail-on`.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: the tool could not do its job.
pub const EXIT_TROUBLE: u8 = 2;

/// How a run ended: its exit code, and the check's outcome when it made
/// one, left to `main` (which lets the OS take it back whole).
pub struct Ran {
    pub code: u8,
    pub outcome: Option<outcome::Outcome>,
}

impl From<u8> for Ran {
    fn from(code: u8) -> Ran {
        Ran {
            code,
            outcome: None,
        }
    }
}

/// Run a parsed command line; returns the exit code.
pub fn run(cli: cli::Cli) -> anyhow::Result<Ran> {
    let code = match cli.command {
        cli::Command::Check(args) => {
            settings::refuse_unused(&args, settings::Command::Check)?;
            return cmd::check::run(settings::resolve_check(args, cli.lang)?);
        }
        cli::Command::Show(args) => {
            settings::refuse_unused(&args.check, settings::Command::Show)?;
            cmd::show::run(&args.query, settings::resolve_check(args.check, cli.lang)?)
        }
        cli::Command::Export(mut args) => {
            settings::refuse_unused(&args.check, settings::Command::Export)?;
            // The package is written whatever the findings: exit code 1
            // only when --fail-on asks for it.
            args.check.fail_on.get_or_insert(cli::FailOn::Never);
            let opts = cmd::export::ExportOptions {
                out: args.out,
                feedback: args.feedback,
                force: args.check.force,
                include_invalid: args.include_invalid,
            };
            cmd::export::run(opts, settings::resolve_check(args.check, cli.lang)?)
        }
        cli::Command::Explain(args) => {
            cmd::explain::run(args.code.as_deref(), settings::lang(cli.lang))
        }
        cli::Command::History(args) => {
            cmd::history::run(settings::resolve_history(args, cli.lang)?)
        }
        cli::Command::Template(args) => {
            let action = match args.command {
                cli::TemplateCommand::List => cmd::template::Action::List,
                cli::TemplateCommand::Show { template } => cmd::template::Action::Show(template),
                cli::TemplateCommand::Form {
                    template,
                    output,
                    roster,
                    force,
                } => cmd::template::Action::Form {
                    template,
                    output,
                    roster,
                    force,
                },
                cli::TemplateCommand::Check { file } => cmd::template::Action::Check(file),
            };
            cmd::template::run(action, settings::lang(cli.lang))
        }
    }?;
    Ok(Ran::from(code))
}

/// The crate's own source, for the tests that hold its shape (how the
/// stages import each other, where texts are worded).
#[cfg(test)]
pub(crate) mod source {
    use std::path::{Path, PathBuf};

    /// This crate's `src/`.
    pub fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
    }

    /// Every file under folder `dir`, at any depth; none when `dir` is no
    /// folder.
    pub fn files_under(dir: &Path) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut folders = vec![dir.to_path_buf()];
        while let Some(folder) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(folder) else {
                continue;
            };
            for path in entries.map(|e| e.unwrap().path()) {
                if path.is_dir() {
                    folders.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        files
    }

    /// A file's text before its inline unit tests (which may use and word
    /// anything).
    pub fn before_unit_tests(text: &str) -> &str {
        ["#[cfg(test)]\nmod ", "#[cfg(test)]\npub(crate) mod "]
            .iter()
            .filter_map(|m| text.find(m))
            .min()
            .map_or(text, |end| &text[..end])
    }
}

#[cfg(test)]
mod tests {
    use super::source;

    /// The stages import one way: each may use the stages before it, never
    /// one after it, and none the commands that wire them (tests aside).
    /// The template is read before any row, and knows nothing of them.
    #[test]
    fn the_stages_import_one_way() {
        let stages = [
            "load",
            "template",
            "normalize",
            "check",
            "history",
            "report",
            "export",
        ];
        let src = source::root();
        let mut checked = 0;
        for (i, stage) in stages.iter().enumerate() {
            let mut later: Vec<&str> = stages[i + 1..].to_vec();
            later.push("cmd");
            if i < 3 {
                // Reading files and rows comes before any judging or scoring.
                later.push("score");
            }
            // The stage's own file or folder, and its folders within.
            let mut files = vec![src.join(format!("{stage}.rs"))];
            files.extend(source::files_under(&src.join(stage)));
            for file in files.iter().filter(|f| f.is_file()) {
                let text = std::fs::read_to_string(file).unwrap();
                // Unit tests may use anything.
                let code = source::before_unit_tests(&text);
                for (n, line) in code.lines().enumerate() {
                    if line.trim_start().starts_with("//") {
                        continue;
                    }
                    for l in &later {
                        let path = format!("crate::{l}");
                        let uses = line.match_indices(&path).any(|(at, _)| {
                            !line[at + path.len()..]
                                .starts_with(|c: char| c.is_alphanumeric() || c == '_')
                        });
                        assert!(
                            !uses,
                            "{}:{}: {stage} uses {l}: {line}",
                            file.display(),
                            n + 1
                        );
                    }
                }
                checked += 1;
            }
        }
        assert!(checked > 40, "only {checked} files read");
    }

    /// No import cycle between the files of a module. The files (and
    /// folders) directly inside a module's folder are its children; a child
    /// names another child by a path through the module (`super::x::f`,
    /// `crate::check::x::f`), or by a name the module's `mod.rs` re-exports
    /// from it (`use super::Sink`, which `mod.rs` takes from `sink.rs`).
    /// Those uses between children must not go round in a circle. The
    /// module's own file (`mod.rs`, or `x.rs` beside a folder `x/`) is not a
    /// child: it declares and re-exports its children and holds what they
    /// share, so children using it and it using them is the usual shape,
    /// not a cycle. A folder inside the module is one child, and is itself
    /// checked the same way; the crate's top-level modules are the children
    /// of `src/`. Unit tests (`#[cfg(test)]` modules, inline or in their own
    /// file) may use anything.
    #[test]
    fn the_files_of_a_module_import_one_way() {
        use std::collections::{BTreeMap, BTreeSet};
        use std::path::{Path, PathBuf};
        type ModPath = Vec<String>;

        // (module, child, child) pairs allowed to import each other, each
        // with why (none now).
        let allowed: &[(&str, &[&str])] = &[];

        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        // Every module's file, by module path; which modules are folders.
        let mut files: BTreeMap<ModPath, PathBuf> = BTreeMap::new();
        let mut folders: BTreeSet<ModPath> = BTreeSet::new();
        let mut dirs = vec![src.clone()];
        while let Some(dir) = dirs.pop() {
            for path in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
                let rel: Vec<String> = path
                    .strip_prefix(&src)
                    .unwrap()
                    .iter()
                    .map(|c| c.to_string_lossy().into_owned())
                    .collect();
                if path.is_dir() {
                    folders.insert(rel);
                    dirs.push(path);
                } else if let Some(stem) = rel.last().unwrap().strip_suffix(".rs") {
                    let mut m = rel[..rel.len() - 1].to_vec();
                    match stem {
                        "mod" | "lib" => {}
                        "main" => continue,
                        _ => m.push(stem.to_string()),
                    }
                    files.insert(m, path);
                }
            }
        }
        folders.insert(Vec::new());

        // A file's code without its unit tests and comments; the modules it
        // declares as test-only files.
        let mut test_only: BTreeSet<ModPath> = BTreeSet::new();
        let mut code: BTreeMap<ModPath, String> = BTreeMap::new();
        for (m, path) in &files {
            let text = std::fs::read_to_string(path).unwrap();
            let mut kept = String::new();
            let mut lines = text.lines().peekable();
            while let Some(line) = lines.next() {
                if line.trim() == "#[cfg(test)]" {
                    let next = lines.peek().map_or("", |l| l.trim());
                    let decl = next.strip_prefix("pub(crate) ").unwrap_or(next);
                    if let Some(name) = decl.strip_prefix("mod ") {
                        match name.strip_suffix(';') {
                            Some(name) => {
                                let mut t = m.clone();
                                t.push(name.to_string());
                                test_only.insert(t);
                                continue;
                            }
                            None => break,
                        }
                    }
                }
                let line = match line.find("//") {
                    Some(at) if !line[..at].contains('"') => &line[..at],
                    _ => line,
                };
                kept.push_str(line);
                kept.push('\n');
            }
            code.insert(m.clone(), kept);
        }
        code.retain(|m, _| !test_only.iter().any(|t| m.starts_with(t)));

        // The paths a text names from `crate`, `super` or `self`, groups
        // (`super::{a, b::c}`) spelled out.
        fn paths(s: &[u8], i: &mut usize, mut prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
            let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
            let skip = |i: &mut usize| {
                while *i < s.len() && s[*i].is_ascii_whitespace() {
                    *i += 1;
                }
            };
            loop {
                skip(i);
                if s.get(*i) == Some(&b'{') {
                    *i += 1;
                    loop {
                        paths(s, i, prefix.clone(), out);
                        skip(i);
                        match s.get(*i) {
                            Some(b',') => *i += 1,
                            Some(b'}') => {
                                *i += 1;
                                break;
                            }
                            _ => break,
                        }
                        skip(i);
                        if s.get(*i) == Some(&b'}') {
                            *i += 1;
                            break;
                        }
                    }
                    return;
                }
                let start = *i;
                while *i < s.len() && ident(s[*i]) {
                    *i += 1;
                }
                if start == *i {
                    out.push(prefix);
                    return;
                }
                prefix.push(String::from_utf8_lossy(&s[start..*i]).into_owned());
                skip(i);
                if s[*i..].starts_with(b"::") {
                    *i += 2;
                } else {
                    out.push(prefix);
                    return;
                }
            }
        }
        let named = |text: &str| -> Vec<Vec<String>> {
            let s = text.as_bytes();
            let mut out = Vec::new();
            for root in ["crate::", "super::", "self::"] {
                for (at, _) in text.match_indices(root) {
                    let before = at.checked_sub(1).map(|b| s[b]);
                    if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b':') {
                        continue;
                    }
                    let mut i = at + root.len();
                    paths(
                        s,
                        &mut i,
                        vec![root[..root.len() - 2].to_string()],
                        &mut out,
                    );
                }
            }
            out
        };

        // What each folder module's own file re-exports, name -> child.
        let mut reexported: BTreeMap<ModPath, BTreeMap<String, String>> = BTreeMap::new();
        for m in &folders {
            let Some(text) = code.get(m) else { continue };
            let names = reexported.entry(m.clone()).or_default();
            for stmt in text.split(';') {
                let Some(at) = stmt.find("use ") else {
                    continue;
                };
                if !stmt[..at].trim_start().starts_with("pub") {
                    continue;
                }
                let tree = &stmt[at + 4..];
                let child = tree.split("::").next().unwrap().trim();
                // Each name the statement ends a path or an alias with.
                let words: Vec<&str> = tree
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .filter(|w| !w.is_empty())
                    .collect();
                for (k, w) in words.iter().enumerate() {
                    let ends = tree
                        .match_indices(w)
                        .any(|(p, _)| tree[p + w.len()..].trim_start().starts_with([',', '}']))
                        || k + 1 == words.len();
                    if ends && *w != "self" && k > 0 {
                        names.insert(w.to_string(), child.to_string());
                    }
                }
            }
        }

        // child -> child -> an example of the use, per folder module.
        let mut edges: BTreeMap<ModPath, BTreeMap<String, BTreeMap<String, String>>> =
            BTreeMap::new();
        for (me, text) in &code {
            for path in named(text) {
                let mut target: Vec<String> = if path[0] == "crate" {
                    Vec::new()
                } else {
                    me.clone()
                };
                let mut segs = path.iter().skip(usize::from(path[0] == "crate")).peekable();
                while let Some(s) = segs.next_if(|s| *s == "super" || *s == "self") {
                    if s == "super" {
                        target.pop();
                    }
                }
                target.extend(segs.cloned());
                for m in &folders {
                    let l = m.len();
                    if me.len() <= l
                        || target.len() <= l
                        || !me.starts_with(m)
                        || !target.starts_with(m)
                    {
                        continue;
                    }
                    let from = &me[l];
                    let is_child = |c: &str| {
                        let mut p = m.clone();
                        p.push(c.to_string());
                        files.contains_key(&p) || folders.contains(&p)
                    };
                    let to = if is_child(&target[l]) {
                        target[l].clone()
                    } else if let Some(c) = reexported.get(m).and_then(|r| r.get(&target[l])) {
                        c.clone()
                    } else {
                        continue;
                    };
                    if *from == to || !is_child(&to) {
                        continue;
                    }
                    edges
                        .entry(m.clone())
                        .or_default()
                        .entry(from.clone())
                        .or_default()
                        .entry(to)
                        .or_insert_with(|| {
                            let file = files[me].strip_prefix(&src).unwrap().display();
                            format!("{file}: {}", path.join("::"))
                        });
                }
            }
        }

        // A cycle: a child that reaches itself again.
        let cycle = |graph: &BTreeMap<String, BTreeMap<String, String>>| -> Option<Vec<String>> {
            for start in graph.keys() {
                let mut stack = vec![(start.clone(), vec![start.clone()])];
                let mut seen = BTreeSet::new();
                while let Some((at, trail)) = stack.pop() {
                    for next in graph.get(&at).into_iter().flat_map(|n| n.keys()) {
                        if next == start {
                            return Some(trail.clone());
                        }
                        if seen.insert(next.clone()) {
                            let mut t = trail.clone();
                            t.push(next.clone());
                            stack.push((next.clone(), t));
                        }
                    }
                }
            }
            None
        };
        for (m, graph) in &mut edges {
            let module = if m.is_empty() {
                "crate".to_string()
            } else {
                m.join("::")
            };
            if let Some((_, group)) = allowed.iter().find(|(a, _)| *a == module) {
                let mut within: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
                for (from, tos) in graph.iter_mut() {
                    if group.contains(&from.as_str()) {
                        tos.retain(|to, _| {
                            let inside = group.contains(&to.as_str());
                            if inside {
                                within
                                    .entry(from.clone())
                                    .or_default()
                                    .insert(to.clone(), String::new());
                            }
                            !inside
                        });
                    }
                }
                assert!(
                    cycle(&within).is_some(),
                    "{module}: {group:?} no longer import each other in a cycle: take them off the allowed list"
                );
            }
            if let Some(trail) = cycle(graph) {
                let steps: Vec<String> = trail
                    .iter()
                    .zip(trail.iter().cycle().skip(1))
                    .map(|(a, b)| format!("  {a} -> {b} ({})", graph[a][b]))
                    .collect();
                panic!(
                    "{module}: its files import each other in a cycle:\n{}",
                    steps.join("\n")
                );
            }
        }
        assert!(
            edges.len() > 5,
            "only {} modules with uses between files",
            edges.len()
        );
    }
}
