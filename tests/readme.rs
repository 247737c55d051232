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
        format!("the candidates the map draws (`--map-top N`, default {}", defaults::MAP_TOP),
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

/// The `citegraph demo` lines of the README's shell blocks, without their `#` comments.
fn readme_demo_commands() -> Vec<Vec<String>> {
    let readme = read("README.md");
    let mut in_shell = false;
    let mut commands = Vec::new();
    for line in readme.lines() {
        if line.starts_with("```") {
            in_shell = line.trim_start_matches('`').trim() == "sh";
            continue;
        }
        let command = line.split(" #").next().unwrap_or(line).trim();
        if in_shell && command.starts_with("citegraph demo") {
            commands.push(command.split_whitespace().skip(1).map(str::to_owned).collect());
        }
    }
    commands
}

#[test]
fn the_demo_command_and_the_readmes_demo_lines_work() {
    let mut runs = readme_demo_commands();
    runs.push(vec!["demo".to_owned()]);
    for args in runs {
        let output = assert_cmd::Command::cargo_bin("citegraph")
            .unwrap()
            .env_remove("S2_API_KEY")
            .env_remove("S2_API_URL")
            .args(&args)
            .output()
            .unwrap();
        assert!(output.status.success(), "citegraph {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr));
        let stdout = String::from_utf8(output.stdout).unwrap();
        let map = stdout.lines().find(|l| l.ends_with("literature-map.svg")).expect("the demo prints where the map is");
        let map = Path::new(map);
        assert!(map.is_file(), "{}", map.display());
        let dir = map.parent().unwrap();
        // Clean up: the demo's own temporary directory, or the README's --out-dir.
        if dir.file_name().is_some_and(|n| n.to_string_lossy().starts_with("citegraph-demo-")) {
            std::fs::remove_dir_all(dir).unwrap();
        } else if dir.is_relative() {
            std::fs::remove_dir_all(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).ok();
            std::fs::remove_dir_all(dir).ok();
        }
    }
}

#[test]
fn the_readme_gives_the_install_step_the_demo_completions_and_exit_statuses() {
    let readme = read("README.md");
    for promise in [
        "cargo install --path .",
        "citegraph demo",
        "citegraph completions",
        "citegraph man",
        "HTTPS_PROXY",
        "usage error",
    ] {
        assert!(readme.contains(promise), "README says `{promise}`");
    }
    assert!(!readme_demo_commands().is_empty(), "README shows the demo command in a shell block");
}
