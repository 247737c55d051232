//! Redirects: the API key never leaves the configured API. citegraph follows no redirect (the real
//! API does not redirect): a 3xx fails the run naming its `Location`, and the host it points to
//! never hears from citegraph, key or no key.

mod common;

use citegraph::s2::ApiKey;
use common::loopback::{Elsewhere, Fault, Loopback};
use common::mock_s2::MockS2;
use common::universe::Universe;
use common::{citegraph_on, fetch, fetch_config, list_from, outputs};

const KEY: &str = "sYnThEtIc-KeY-redirects-0123456789";

#[test]
fn no_redirect_status_carries_the_key_to_another_host() {
    for status in [301, 302, 303, 307, 308] {
        let mock = MockS2::start(Universe::builtin_field());
        let elsewhere = Loopback::start_on(Elsewhere, 0);
        let location = format!("http://{}/graph/v1/paper/batch", elsewhere.addr());
        mock.queue_faults_on("batch", [Fault::Redirect(status, location.clone())]);
        let cache = tempfile::tempdir().unwrap();
        let mut config = fetch_config(&mock, cache.path());
        config.api_key = ApiKey::new(KEY);
        let list = list_from("## S\n1. [Synthetic](https://arxiv.org/abs/2301.00001)\n");
        let err = fetch(&list, &config).expect_err("a redirect stops the run").to_string();
        assert_eq!(elsewhere.request_count(), 0, "{status}: the other host was contacted");
        assert!(err.contains(&location) && err.contains("does not follow redirects"), "{status}: {err}");
        assert!(!err.contains(KEY));
        assert_eq!(mock.count("batch"), 1, "{status}: a redirect is not retried");
    }
}

#[test]
fn a_redirect_fails_the_command_with_the_location_and_a_hint_at_the_api_url() {
    let mock = MockS2::start(Universe::builtin_field());
    let elsewhere = Loopback::start_on(Elsewhere, 0);
    let location = format!("http://{}/steal", elsewhere.addr());
    mock.queue_faults([Fault::Redirect(307, location.clone())]);
    let cache = tempfile::tempdir().unwrap();
    let output = citegraph_on(&mock, cache.path()).env("S2_API_KEY", KEY).arg("fetch").output().unwrap();
    let (stdout, stderr) = outputs(&output);
    assert!(!output.status.success());
    assert!(elsewhere.requests().iter().all(|r| r.header("x-api-key").is_none()));
    assert_eq!(elsewhere.request_count(), 0);
    assert!(stderr.contains(&location) && stderr.contains("--api-url"), "{stderr}");
    assert!(!stdout.contains(KEY) && !stderr.contains(KEY));
}
