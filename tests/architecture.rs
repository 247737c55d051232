//! The data flows one way, and the imports say so: no stage imports a later stage, and the shared
//! modules import no stage at all. Reads every `src/**/*.rs` (no `cargo tree`): each `crate::X`
//! path (in `use` lines, inline paths and doc links alike) names the module `X` a file depends on.
//!
//! The order is paper_list < s2 < graph < rank < picture (and curate) < export, with the result printers
//! (`console/`) at the export level. `model`, `defaults`, `wording`, `atomic_file` and `terminal`
//! are shared by every stage and import none. `main.rs`, `lib.rs`, `config.rs` and `pipeline.rs`
//! tie the stages together and may import anything; `cli.rs` may import only `defaults`. A new
//! top-level module fails the check until it is placed in the lists below.

use std::path::Path;

/// The stages in the order the data flows through them (equal numbers: the same level).
const STAGES: &[(&str, usize)] = &[
    ("paper_list", 1),
    ("s2", 2),
    ("demo", 2),
    ("graph", 3),
    ("rank", 4),
    ("curate", 5),
    ("picture", 5),
    ("export", 6),
    ("console", 6),
];

/// Shared by every stage; they import no stage.
const SHARED: &[&str] = &["model", "defaults", "wording", "atomic_file", "terminal", "links"];

/// The files that tie the stages together and may import anything.
const EXEMPT: &[&str] = &["main", "lib", "config", "pipeline"];

/// The command line: it may import only these.
const CLI: &str = "cli";
const CLI_MAY_IMPORT: &[&str] = &["defaults"];

/// Where a top-level module stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Stage(usize),
    Shared,
    CommandLine,
    Exempt,
}

fn place(module: &str) -> Option<Place> {
    if let Some(&(_, level)) = STAGES.iter().find(|(name, _)| *name == module) {
        Some(Place::Stage(level))
    } else if SHARED.contains(&module) {
        Some(Place::Shared)
    } else if EXEMPT.contains(&module) {
        Some(Place::Exempt)
    } else if module == CLI {
        Some(Place::CommandLine)
    } else {
        None
    }
}

/// The top-level module a file under `src/` belongs to: `src/s2/cache.rs` -> `s2`,
/// `src/model.rs` -> `model`.
fn module_of(path: &str) -> String {
    let path = path.replace('\\', "/");
    let inside = path.split_once("src/").map_or(path.as_str(), |(_, rest)| rest);
    let first = inside.split('/').next().unwrap_or(inside);
    first.strip_suffix(".rs").unwrap_or(first).to_owned()
}

/// Every crate module `source` refers to, with the line it is named on: `crate::X` paths,
/// including grouped ones (`use crate::{X::a, Y}`) and doc links. Plain `//` comments are not
/// read; string literals are (a false alarm there is better than a missed import). `super::` and
/// `self::` stay within a module and are not counted.
fn references(source: &str) -> Vec<(usize, String)> {
    let code: String = source.lines().map(without_plain_comment).collect::<Vec<_>>().join("\n");
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = code[from..].find("crate::") {
        let at = from + offset;
        from = at + "crate::".len();
        // `foo_crate::`, `$crate::` are not this crate's paths.
        if code[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &code[from..];
        let start = from + (rest.len() - rest.trim_start().len());
        if code[start..].starts_with('{') {
            for item in group_items(&code, start) {
                found.push((line_of(item), ident_at(&code, item)));
            }
        } else {
            found.push((line_of(start), ident_at(&code, start)));
        }
    }
    found.retain(|(_, module)| !module.is_empty() && module != "self" && module != "super");
    found
}

/// The line without a plain `//` comment; doc comments (`///`, `//!`) are kept for their links.
fn without_plain_comment(line: &str) -> &str {
    let mut search = 0;
    while let Some(offset) = line[search..].find("//") {
        let at = search + offset;
        let next = line[at + 2..].chars().next();
        if matches!(next, Some('/' | '!')) {
            return line;
        }
        if at > 0 && line[..at].ends_with(':') {
            // A URL such as `https://`, not a comment.
            search = at + 2;
            continue;
        }
        return &line[..at];
    }
    line
}

/// Byte offsets of the first identifier of each top-level item in the `{ ... }` group at `open`.
fn group_items(code: &str, open: usize) -> Vec<usize> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut expect_item = false;
    for (i, c) in code[open..].char_indices() {
        let at = open + i;
        match c {
            '{' => {
                depth += 1;
                expect_item = depth == 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => expect_item = true,
            c if c.is_whitespace() => {}
            _ if expect_item => {
                items.push(at);
                expect_item = false;
            }
            _ => {}
        }
    }
    items
}

/// The identifier starting at `at` (empty when there is none).
fn ident_at(code: &str, at: usize) -> String {
    code[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// Every import that points the wrong way, as `file:line: what is wrong`.
fn violations(files: &[(&str, &str)]) -> Vec<String> {
    let mut found = Vec::new();
    for &(path, source) in files {
        let module = module_of(path);
        let Some(importer) = place(&module) else {
            found.push(format!(
                "{path}:1: module `{module}` has no place in the stage order: add it to tests/architecture.rs"
            ));
            continue;
        };
        if importer == Place::Exempt {
            continue;
        }
        for (line, target) in references(source) {
            let problem = match (importer, place(&target)) {
                (_, None) => Some(format!("has no place in the stage order: add `{target}` to tests/architecture.rs")),
                (Place::CommandLine, _) if CLI_MAY_IMPORT.contains(&target.as_str()) => None,
                (Place::CommandLine, _) => Some("is imported by cli.rs, which may import only defaults".to_owned()),
                (_, Some(Place::Shared)) => None,
                (Place::Shared, Some(_)) => {
                    Some(format!("is imported by `{module}`, which is shared and imports no stage"))
                }
                (Place::Stage(own), Some(Place::Stage(other))) if other <= own => None,
                (Place::Stage(_), Some(Place::Stage(_))) => Some(format!("is a later stage than `{module}`")),
                (Place::Stage(_), Some(Place::Exempt | Place::CommandLine)) => {
                    Some(format!("ties the stages together: `{module}` must not import it (take options instead)"))
                }
                (Place::Exempt, _) => None,
            };
            if let Some(problem) = problem {
                found.push(format!("{path}:{line}: `crate::{target}` {problem}"));
            }
        }
    }
    found
}

/// Every `.rs` file under `dir`, as (path relative to the crate, source).
fn read_tree(dir: &Path, root: &Path, files: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_tree(&path, root, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            files.push((relative, source));
        }
    }
}

#[test]
fn every_import_in_src_points_to_an_earlier_stage_or_a_shared_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    read_tree(&root.join("src"), root, &mut files);
    let files: Vec<(&str, &str)> = files.iter().map(|(p, s)| (p.as_str(), s.as_str())).collect();
    assert!(files.len() > 30, "the check reads the whole tree ({} files found)", files.len());
    // The check sees real imports: the pipeline names every stage.
    let pipeline = files.iter().find(|(p, _)| *p == "src/pipeline.rs").expect("src/pipeline.rs exists").1;
    let named: Vec<String> = references(pipeline).into_iter().map(|(_, m)| m).collect();
    for stage in ["paper_list", "s2", "graph", "rank", "export"] {
        assert!(named.iter().any(|m| m == stage), "pipeline.rs names {stage}: {named:?}");
    }
    let found = violations(&files);
    assert!(found.is_empty(), "imports that point the wrong way:\n{}", found.join("\n"));
}

#[test]
fn a_stage_importing_a_later_stage_fails() {
    let found = violations(&[("src/s2/foo.rs", "//! Stage 2.\n\nuse crate::model::Corpus;\nuse crate::export::x;\n")]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("src/s2/foo.rs:4: `crate::export`"), "{found:?}");
    assert!(found[0].contains("later stage"), "{found:?}");
}

#[test]
fn an_inline_path_to_a_later_stage_fails() {
    let source = "fn f(g: &Graph) {\n    let r = crate::rank::rank(g, &Default::default());\n}\n";
    let found = violations(&[("src/graph/build.rs", source)]);
    assert_eq!(found, ["src/graph/build.rs:2: `crate::rank` is a later stage than `graph`"]);
}

#[test]
fn a_grouped_import_is_read_item_by_item() {
    let source = "use crate::{\n    model::Corpus,\n    rank::{Rankings, rank},\n    wording,\n};\n";
    let found = violations(&[("src/s2/mod.rs", source)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("src/s2/mod.rs:3: `crate::rank`"), "{found:?}");
}

#[test]
fn a_shared_module_importing_any_stage_fails_even_in_a_doc_link() {
    let found = violations(&[
        ("src/model.rs", "/// Index in [`PaperList::papers`](crate::paper_list::PaperList::papers).\npub x: usize,\n"),
        ("src/terminal/progress.rs", "use crate::s2::Progress;\n"),
        ("src/defaults.rs", "pub const TOP: usize = crate::export::rankings_md::TOP;\n"),
    ]);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].starts_with("src/model.rs:1: `crate::paper_list`"), "{found:?}");
    assert!(found[1].starts_with("src/terminal/progress.rs:1: `crate::s2`"), "{found:?}");
    assert!(found.iter().all(|v| v.contains("shared and imports no stage")), "{found:?}");
}

#[test]
fn a_stage_importing_the_configuration_or_the_command_line_fails() {
    let found = violations(&[
        ("src/s2/fetcher.rs", "use crate::config::FetchConfig;\n"),
        ("src/console/ranking.rs", "use crate::cli::TableFormat;\n"),
    ]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("src/s2/fetcher.rs:1: `crate::config`"), "{found:?}");
    assert!(found[1].starts_with("src/console/ranking.rs:1: `crate::cli`"), "{found:?}");
}

#[test]
fn the_command_line_may_import_only_the_defaults() {
    assert!(violations(&[("src/cli.rs", "use crate::defaults;\n")]).is_empty());
    let found = violations(&[("src/cli.rs", "use crate::defaults;\nuse crate::config::defaults as d;\n")]);
    assert_eq!(found, ["src/cli.rs:2: `crate::config` is imported by cli.rs, which may import only defaults"]);
}

#[test]
fn earlier_stages_the_same_level_shared_modules_and_comments_pass() {
    let source = "use super::markdown::escape;\n\
                  use crate::export::ExportInput;\n\
                  use crate::rank::Rankings;\n\
                  use crate::paper_list::PaperList;\n\
                  use crate::{model::Corpus, wording::count};\n\
                  // crate::pipeline would be wrong, but a comment imports nothing\n\
                  let url = \"https://example.org\"; // crate::config neither\n\
                  let other = some_crate::pipeline::run;\n";
    assert_eq!(violations(&[("src/export/rankings_md.rs", source)]), Vec::<String>::new());
    assert!(violations(&[("src/console/ranking.rs", "use crate::export::rankings_csv;\n")]).is_empty());
    assert!(violations(&[("src/picture/layout.rs", "use crate::rank::Rankings;\nuse crate::defaults;\n")]).is_empty());
    assert_eq!(violations(&[("src/picture/layout.rs", "use crate::export::ExportInput;\n")]).len(), 1);
}

#[test]
fn the_files_that_tie_the_stages_together_may_import_anything() {
    let everything = "use crate::{cli, config, console, export, graph, paper_list, pipeline, rank, s2};\n";
    for path in ["src/main.rs", "src/lib.rs", "src/config.rs", "src/pipeline.rs"] {
        assert!(violations(&[(path, everything)]).is_empty(), "{path}");
    }
}

#[test]
fn a_module_without_a_place_in_the_order_fails() {
    let found = violations(&[("src/discovery/mod.rs", "use crate::model::Corpus;\n")]);
    assert_eq!(
        found,
        ["src/discovery/mod.rs:1: module `discovery` has no place in the stage order: add it to tests/architecture.rs"]
    );
    let found = violations(&[("src/rank/mod.rs", "use crate::discovery::Signal;\n")]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("add `discovery`"), "{found:?}");
}
