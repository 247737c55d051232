//! Trust, the output and cache directories: a build holds a lock
//! on its `--out-dir` and a second build into it fails at once naming it; temporary files a
//! killed run left behind are removed by the next run (all of them in the locked output
//! directory, only old ones in the shared cache); each cause of a failure is said once; outputs
//! keep an ordinary file's mode.

mod common;

use std::fs::File;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, outputs};

fn build(mock: &MockS2, cache: &Path, out: &Path) -> std::process::Output {
    citegraph_on(mock, cache).arg("--out-dir").arg(out).arg("build").output().unwrap()
}

#[test]
fn a_build_into_a_locked_out_dir_fails_at_once_naming_it() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let (cache, out) = (dir.path().join("cache"), dir.path().join("out"));
    std::fs::create_dir_all(&out).unwrap();
    let lock = File::create(out.join(".citegraph.lock")).unwrap();
    lock.try_lock().expect("the test takes the lock first");
    let started = Instant::now();
    let output = build(&mock, &cache, &out);
    let (_, stderr) = outputs(&output);
    assert!(!output.status.success(), "the second build must not write into a locked directory");
    assert!(started.elapsed() < Duration::from_secs(20), "it fails at once");
    assert!(stderr.contains(&out.display().to_string()), "the message names the directory: {stderr}");
    assert!(stderr.contains("another citegraph build"), "{stderr}");
    assert_eq!(mock.request_count(), 0, "it fails before fetching anything");
    assert!(!out.join("rankings.csv").exists());
    drop(lock);
    let output = build(&mock, &cache, &out);
    assert!(output.status.success(), "{}", outputs(&output).1);
}

/// Sets a file's modification time `age` into the past.
fn age(path: &Path, age: Duration) {
    File::options().write(true).open(path).unwrap().set_modified(SystemTime::now() - age).unwrap();
}

#[test]
fn stale_temporary_files_are_removed_and_fresh_cache_ones_kept() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let (cache, out) = (dir.path().join("cache"), dir.path().join("out"));
    assert!(build(&mock, &cache, &out).status.success());
    let hour = Duration::from_secs(3600);
    let litter = [
        out.join(".citegraph-tmp-AbC123"),
        out.join(".tmp-Xy12Zq"),
        cache.join("batch").join(".citegraph-tmp-old001"),
        cache.join("match").join(".tmp-old002"),
    ];
    for path in &litter {
        std::fs::write(path, b"half an entry").unwrap();
        age(path, hour);
    }
    let fresh = cache.join("batch").join(".citegraph-tmp-fresh1");
    std::fs::write(&fresh, b"being written by a concurrent run").unwrap();
    let user_file = out.join(".tmp-notes-of-the-user.txt");
    std::fs::write(&user_file, b"not ours").unwrap();
    age(&user_file, hour);

    let output = build(&mock, &cache, &out);
    assert!(output.status.success(), "{}", outputs(&output).1);
    for path in &litter {
        assert!(!path.exists(), "{} is removed", path.display());
    }
    assert!(fresh.exists(), "a fresh temporary file in the shared cache may be a concurrent write: kept");
    assert!(user_file.exists(), "a file that is not one of ours is kept");
}

#[test]
fn files_written_get_no_tmp_name_and_an_ordinary_mode() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let (cache, out) = (dir.path().join("cache"), dir.path().join("out"));
    assert!(build(&mock, &cache, &out).status.success());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        for entry in std::fs::read_dir(&out).unwrap() {
            let path = entry.unwrap().path();
            assert_eq!(mode(&path), mode(&plain), "{}", path.display());
        }
    }
    for entry in std::fs::read_dir(&out).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(!name.contains("tmp"), "{name}");
    }
}

/// How often `needle` occurs in `text`.
fn occurrences(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[test]
fn an_out_dir_that_is_a_file_is_said_once() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a-file");
    std::fs::write(&out, b"x").unwrap();
    let output = build(&mock, &dir.path().join("cache"), &out);
    let (_, stderr) = outputs(&output);
    assert!(!output.status.success());
    assert!(stderr.contains(&out.display().to_string()) && stderr.contains("--out-dir"), "{stderr}");
    assert!(occurrences(&stderr, "(os error") <= 1, "each cause once: {stderr}");
}

#[test]
fn an_output_name_taken_by_a_directory_is_said_once() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("rankings.csv").join("inside")).unwrap();
    let output = build(&mock, &dir.path().join("cache"), &out);
    let (_, stderr) = outputs(&output);
    assert!(!output.status.success());
    assert!(stderr.contains("rankings.csv"), "{stderr}");
    assert_eq!(occurrences(&stderr, "Is a directory"), 1, "each cause once: {stderr}");
}

#[test]
fn a_list_that_is_a_directory_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let output = common::citegraph().args(["list", "--list"]).arg(dir.path()).output().unwrap();
    let (_, stderr) = outputs(&output);
    assert!(!output.status.success());
    assert!(stderr.contains("--list"), "{stderr}");
    assert!(occurrences(&stderr, "(os error") <= 1, "each cause once: {stderr}");
}

#[test]
fn a_cache_dir_that_is_a_file_is_said_once_not_as_corrupt_entries() {
    let mock = MockS2::start(Universe::builtin_field());
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("a-file");
    std::fs::write(&cache, b"x").unwrap();
    let output = build(&mock, &cache, &dir.path().join("out"));
    let (_, stderr) = outputs(&output);
    assert!(!output.status.success());
    assert!(stderr.contains(&cache.display().to_string()) && stderr.contains("--cache-dir"), "{stderr}");
    assert!(!stderr.contains("corrupt"), "a cache directory that is a file is not a corrupt entry: {stderr}");
    assert!(occurrences(&stderr, "(os error") <= 1, "each cause once: {stderr}");
}
