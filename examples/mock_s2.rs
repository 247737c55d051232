//! The tests' loopback Semantic Scholar mock, serving the synthetic fixture universe around the
//! built-in list, for trying the fetch stage by hand without the real service (to just see the
//! outputs, `citegraph demo` is quicker). It runs until stopped, so use a second terminal:
//!
//! ```sh
//! cargo run --example mock_s2 -- 8089      # first terminal: keeps serving until Ctrl-C
//! citegraph build --api-url http://127.0.0.1:8089/graph/v1 --cache-dir /tmp/citegraph-mock-cache \
//!     --out-dir /tmp/citegraph-mock-output --rps 100
//! ```
//!
//! Everything it serves is synthetic (see `src/demo/universe.rs`). Use a cache and an output
//! directory of their own: the cache keys answers by API URL, but keeping mock data apart is tidier.

#[path = "../tests/common/loopback.rs"]
#[allow(dead_code)]
mod loopback;
#[path = "../tests/common/mock_s2.rs"]
#[allow(dead_code)]
mod mock_s2;
#[path = "../tests/common/universe.rs"]
#[allow(dead_code)]
mod universe;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let port = match args.next().as_deref().map(str::parse::<u16>) {
        None => 8089,
        Some(Ok(port)) => port,
        Some(Err(_)) => {
            eprintln!("usage: cargo run --example mock_s2 -- [PORT] [--key KEY]");
            return ExitCode::FAILURE;
        }
    };
    let mock = mock_s2::MockS2::start_on(universe::Universe::builtin_field(), port);
    if let (Some(flag), Some(key)) = (args.next(), args.next())
        && flag == "--key"
    {
        mock.require_key(&key);
    }
    eprintln!("mock Semantic Scholar (synthetic data) at {}", mock.api_url());
    eprintln!(
        "in a second terminal: citegraph build --api-url {} --cache-dir /tmp/citegraph-mock-cache \
         --out-dir /tmp/citegraph-mock-output --rps 100   (Ctrl-C here stops the mock)",
        mock.api_url()
    );
    let mut seen = 0;
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
        let now = mock.request_count();
        if now != seen {
            eprintln!("{now} requests served");
            seen = now;
        }
    }
}
