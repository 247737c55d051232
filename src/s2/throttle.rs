//! Stage 2 (fetch): politeness. One [`Throttle`] paces every request (S2 counts a key's rate
//! summed over all endpoints), slows down by 1.1x after each 429, as S2's maintainers advise, and
//! recovers by as much after each streak of answers without one, never faster than `--rps`;
//! a [`RetryPolicy`] spaces retries with exponential backoff and full jitter, or by `Retry-After`
//! when the server sends one (the real service does not).

use std::time::Duration;

use tokio::time::Instant;

/// Paces requests: one at a time, at least `interval` apart. The interval grows after a 429
/// (multiplicative decrease of the rate) and shrinks again after a streak of answers (a gentle
/// multiplicative increase), between the configured interval and [`MAX_SLOWDOWN`] times it.
#[derive(Debug)]
pub struct Throttle {
    interval: Duration,
    min_interval: Duration,
    max_interval: Duration,
    streak: u32,
    next: Option<Instant>,
}

/// How much slower the pace gets after each 429.
pub const SLOWDOWN_AFTER_429: f64 = 1.1;

/// The pace never slows below this multiple of the configured interval.
pub const MAX_SLOWDOWN: u32 = 10;

/// Answers in a row, without a 429, after which the pace recovers by [`SLOWDOWN_AFTER_429`]
/// (undoing one slow-down). So a server that answers 429 to fewer than one request in this many
/// lets the pace return to `--rps`; a steadier storm keeps it slow.
pub const RECOVER_AFTER: u32 = 4;

impl Throttle {
    /// A throttle allowing `rps` requests per second (a positive, finite number).
    pub fn new(rps: f64) -> Self {
        let interval = Duration::from_secs_f64(1.0 / rps);
        Throttle { interval, min_interval: interval, max_interval: interval * MAX_SLOWDOWN, streak: 0, next: None }
    }

    /// Waits for the next slot and takes it. The first request goes at once.
    pub async fn wait(&mut self) {
        if let Some(next) = self.next {
            tokio::time::sleep_until(next).await;
        }
        self.next = Some(Instant::now() + self.interval);
    }

    /// After a 429: space requests 1.1x further apart from now on (at most 10x the configured
    /// interval).
    pub fn slow_down(&mut self) {
        self.streak = 0;
        self.interval = self.interval.mul_f64(SLOWDOWN_AFTER_429).min(self.max_interval);
    }

    /// After an answer that was not a 429 (a 200 or a definitive 404): every
    /// [`RECOVER_AFTER`] such answers in a row, space requests 1.1x closer, never closer than the
    /// configured interval.
    pub fn answered(&mut self) {
        if self.interval <= self.min_interval {
            self.streak = 0;
            return;
        }
        self.streak += 1;
        if self.streak >= RECOVER_AFTER {
            self.streak = 0;
            self.interval = self.interval.div_f64(SLOWDOWN_AFTER_429).max(self.min_interval);
        }
    }

    /// [`Throttle::answered`], passing the answer through.
    pub fn answered_with<T>(&mut self, answer: T) -> T {
        self.answered();
        answer
    }

    /// The current spacing.
    pub fn interval(&self) -> Duration {
        self.interval
    }
}

/// How often and how long to retry a request that failed in a way worth retrying.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Tries in all, the first one included.
    pub max_tries: u32,
    /// The backoff ceiling of the first retry; it doubles with each further retry.
    pub base_delay: Duration,
    /// The backoff ceiling never exceeds this.
    pub max_delay: Duration,
    /// A `Retry-After` longer than this is shortened to it.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// Seven tries, backoff ceilings 2, 4, 8, 16, 32, 60 s (S2's own example uses six retries with
    /// factor 2), `Retry-After` honoured up to 10 minutes.
    fn default() -> Self {
        RetryPolicy {
            max_tries: 7,
            base_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(60),
            max_retry_after: Duration::from_secs(600),
        }
    }
}

impl RetryPolicy {
    /// The ceiling of the backoff before retry number `retry` (1 for the first retry).
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1).min(30));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }

    /// How long to wait before retry number `retry`: the server's `Retry-After` when it sent one,
    /// otherwise a uniformly random time up to the ceiling ("full jitter").
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>, rng: &mut fastrand::Rng) -> Duration {
        match retry_after {
            Some(wait) => wait.min(self.max_retry_after),
            None => self.ceiling(retry).mul_f64(rng.f64()),
        }
    }
}

/// Reads a `Retry-After` value: delay seconds, or an HTTP date (relative to `now`; a date in the
/// past means "now").
pub fn parse_retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse().ok().map(Duration::from_secs);
    }
    static PARSER: jiff::fmt::rfc2822::DateTimeParser = jiff::fmt::rfc2822::DateTimeParser::new();
    let at = PARSER.parse_timestamp(value).ok()?;
    Some(Duration::try_from(at.duration_since(now)).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn requests_are_spaced_by_the_rate_and_the_first_goes_at_once() {
        let mut throttle = Throttle::new(2.0);
        let start = Instant::now();
        throttle.wait().await;
        assert_eq!(start.elapsed(), Duration::ZERO);
        throttle.wait().await;
        throttle.wait().await;
        assert_eq!(start.elapsed(), Duration::from_millis(1000));
    }

    #[tokio::test(start_paused = true)]
    async fn each_429_slows_the_pace_by_a_tenth_up_to_a_limit() {
        let mut throttle = Throttle::new(1.0);
        throttle.slow_down();
        assert_eq!(throttle.interval(), Duration::from_millis(1100));
        let start = Instant::now();
        throttle.wait().await;
        throttle.wait().await;
        assert_eq!(start.elapsed(), Duration::from_millis(1100));
        for _ in 0..100 {
            throttle.slow_down();
        }
        assert_eq!(throttle.interval(), Duration::from_secs(10));
    }

    /// The interval in seconds, to a microsecond (1.1x steps are not exact in nanoseconds).
    fn seconds(throttle: &Throttle) -> f64 {
        (throttle.interval().as_secs_f64() * 1e6).round() / 1e6
    }

    #[tokio::test(start_paused = true)]
    async fn a_streak_of_answers_recovers_the_pace_but_never_beyond_the_rate() {
        let mut throttle = Throttle::new(1.0);
        for _ in 0..3 {
            throttle.slow_down();
        }
        assert_eq!(seconds(&throttle), 1.331);
        // Three answers are not yet a streak; a 429 then starts the count again.
        for _ in 0..RECOVER_AFTER - 1 {
            throttle.answered();
        }
        assert_eq!(seconds(&throttle), 1.331);
        throttle.slow_down();
        assert_eq!(seconds(&throttle), 1.4641);
        for _ in 0..RECOVER_AFTER - 1 {
            throttle.answered();
        }
        assert_eq!(seconds(&throttle), 1.4641);
        throttle.answered();
        assert_eq!(seconds(&throttle), 1.331);
        // The recovered pace is the one requests keep.
        let start = Instant::now();
        throttle.wait().await;
        throttle.wait().await;
        assert_eq!(start.elapsed(), throttle.interval());
        // Three more streaks bring it back to the rate, and no number of answers goes beyond.
        for _ in 0..3 * RECOVER_AFTER {
            throttle.answered();
        }
        assert_eq!(throttle.interval(), Duration::from_secs(1));
        for _ in 0..100 {
            throttle.answered();
        }
        assert_eq!(throttle.interval(), Duration::from_secs(1));
        // At the rate, answers build no credit: the next 429 slows at once.
        throttle.slow_down();
        assert_eq!(seconds(&throttle), 1.1);
    }

    #[test]
    fn from_the_slowest_pace_the_rate_returns_after_enough_answers() {
        let mut throttle = Throttle::new(2.0);
        for _ in 0..100 {
            throttle.slow_down();
        }
        assert_eq!(throttle.interval(), Duration::from_secs(5));
        let mut answers = 0;
        while throttle.interval() > Duration::from_millis(500) {
            throttle.answered();
            answers += 1;
            assert!(answers < 1000, "the pace never recovered: {:?}", throttle.interval());
        }
        // 1.1^24 > 10 > 1.1^23: 25 recoveries at most (the last one clamps at the rate).
        assert!((24 * RECOVER_AFTER..=25 * RECOVER_AFTER).contains(&answers), "{answers}");
        assert_eq!(throttle.interval(), Duration::from_millis(500));
    }

    #[test]
    fn backoff_doubles_up_to_a_ceiling_with_full_jitter() {
        let policy = RetryPolicy::default();
        let ceilings: Vec<u64> = (1..=7).map(|r| policy.ceiling(r).as_secs()).collect();
        assert_eq!(ceilings, [2, 4, 8, 16, 32, 60, 60]);
        let mut rng = fastrand::Rng::with_seed(7);
        let delays: Vec<Duration> = (0..200).map(|_| policy.delay(3, None, &mut rng)).collect();
        assert!(delays.iter().all(|d| *d <= Duration::from_secs(8)));
        assert!(
            delays.iter().any(|d| *d < Duration::from_secs(2)) && delays.iter().any(|d| *d > Duration::from_secs(6))
        );
    }

    #[test]
    fn retry_after_is_honoured_in_seconds_or_as_an_http_date() {
        let policy = RetryPolicy::default();
        let mut rng = fastrand::Rng::with_seed(7);
        let now: jiff::Timestamp = "2024-12-08T10:00:00Z".parse().unwrap();
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("Sun, 08 Dec 2024 10:00:05 GMT", now), Some(Duration::from_secs(5)));
        assert_eq!(parse_retry_after("Sun, 08 Dec 2024 09:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(policy.delay(1, Some(Duration::from_secs(3)), &mut rng), Duration::from_secs(3));
        assert_eq!(policy.delay(1, Some(Duration::from_secs(86_400)), &mut rng), Duration::from_secs(600));
    }
}
