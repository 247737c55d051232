//! The pace after 429s: each one slows the requests down, and a streak of answers brings the pace
//! back to `--rps`, never beyond; `-v` shows the pace of every request.

mod common;

use common::loopback::Fault;
use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, outputs};

/// `(status, pace in seconds)` of every request in a `-v` log, in order.
fn paces(stderr: &str) -> Vec<(u16, String)> {
    stderr
        .lines()
        .filter_map(|line| {
            let (_, answer) = line.split_once(" -> ")?;
            let status = answer.split_whitespace().next()?.parse().ok()?;
            let (_, pace) = answer.split_once("pace ")?;
            Some((status, pace.trim_end_matches(" s)").to_owned()))
        })
        .collect()
}

#[test]
fn the_pace_slows_after_each_429_and_recovers_after_a_streak_of_answers() {
    let mock = MockS2::start(Universe::builtin_field());
    // `Retry-After: 0`: the retries themselves do not wait, only the throttle paces them.
    mock.queue_faults(vec![Fault::TooManyRequestsRetryAfter("0".to_owned()); 3]);
    let cache = tempfile::tempdir().unwrap();
    let output = citegraph_on(&mock, cache.path()).args(["fetch", "-v"]).output().unwrap();
    let (_, stderr) = outputs(&output);
    assert!(output.status.success(), "{stderr}");

    let seen = paces(&stderr);
    assert_eq!(seen.len(), mock.request_count(), "every request logs its pace:\n{stderr}");
    let expected: Vec<(u16, &str)> = [(429, "0.010"), (429, "0.011"), (429, "0.012")]
        .into_iter()
        .chain([(200, "0.013"); 4])
        .chain([(200, "0.012"); 4])
        .chain([(200, "0.011"); 4])
        .chain([(200, "0.010"); 4])
        .collect();
    let head: Vec<(u16, &str)> = seen.iter().take(expected.len()).map(|(s, p)| (*s, p.as_str())).collect();
    assert_eq!(head, expected, "slower after each 429, a step faster after every 4 answers:\n{stderr}");
    // Back at --rps 100 it stays there: never faster.
    assert!(seen[expected.len()..].iter().all(|(status, pace)| *status == 200 && pace == "0.010"), "{seen:?}");
}
