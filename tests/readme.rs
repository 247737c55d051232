//! The README's promises stay true: its two commands exist and CI runs its test command.

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn the_readme_gives_the_two_commands_and_ci_runs_the_test_one() {
    let readme = read("README.md");
    assert!(readme.contains("cargo run --release -- build"), "README names the main job");
    assert!(readme.contains("\ncargo test "), "README names the test command");
    let ci = read(".ci/run");
    assert!(ci.lines().any(|l| l.trim().starts_with("cargo test")), ".ci/run runs the README's test command");
}

#[test]
fn the_readme_documents_every_global_option_and_default() {
    use citegraph::defaults;
    let readme = read("README.md");
    for option in ["--list", "--cache-dir", "--out-dir", "--api-url", "--offline", "--refresh", "--rps", "S2_API_KEY"] {
        assert!(readme.contains(option), "README documents {option}");
    }
    for default in [defaults::CACHE_DIR, defaults::OUT_DIR, defaults::API_URL] {
        assert!(readme.contains(&format!("`{default}`")), "README shows the default {default}");
    }
}

#[test]
fn the_readme_states_the_defaults_the_code_uses() {
    use citegraph::defaults;
    let readme = read("README.md");
    let promises = [
        format!("`--top N` (default {})", defaults::TOP),
        format!("`--map-top N`, default {}", defaults::MAP_TOP),
        format!("{} with a key, {} without", defaults::RPS_WITH_KEY, defaults::RPS_WITHOUT_KEY),
        format!("the {} papers with the highest PageRank", defaults::RANKINGS_MD_TOP),
        format!("the top {} candidates as list entries", defaults::MISSING_MD_TOP),
        format!("(degree + {})", defaults::DEGREE_PRIOR),
        format!("damping {}", defaults::PAGERANK_DAMPING),
        format!("move less than {:e} in total", defaults::PAGERANK_TOLERANCE),
        format!("from {} sources drawn with a fixed seed", defaults::BETWEENNESS_SAMPLES),
    ];
    for promise in promises {
        assert!(readme.contains(&promise), "README states `{promise}`");
    }
}

#[test]
fn fetched_data_is_never_committed() {
    let ignore = read(".gitignore");
    assert!(ignore.lines().any(|l| l == "/cache/*"));
    assert!(ignore.lines().any(|l| l == "/output/*"));
}
