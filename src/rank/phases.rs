//! Stage 4 bookkeeping: how long each phase of a ranking took (reading the file, the ids, the
//! adjacency, each metric), for `citegraph rank --edges -v`.

use std::fmt;
use std::time::{Duration, Instant};

/// Phase times, in the order the phases ran.
#[derive(Debug, Clone)]
pub struct Phases {
    laps: Vec<(&'static str, Duration)>,
    since: Instant,
}

impl Phases {
    /// Starts the clock of the first phase.
    pub fn start() -> Self {
        Phases { laps: Vec::new(), since: Instant::now() }
    }

    /// Ends the phase running since the last lap (or the start), naming it.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.since));
        self.since = now;
    }

    /// The phases ended so far, with their times.
    pub fn laps(&self) -> &[(&'static str, Duration)] {
        &self.laps
    }

    /// The time of all phases ended so far.
    pub fn total(&self) -> Duration {
        self.laps.iter().map(|(_, time)| *time).sum()
    }
}

impl Default for Phases {
    fn default() -> Self {
        Phases::start()
    }
}

/// `file 0.05 s, ids 0.41 s, adjacency 0.12 s`.
impl fmt::Display for Phases {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (name, time)) in self.laps.iter().enumerate() {
            let comma = if i == 0 { "" } else { ", " };
            write!(f, "{comma}{name} {:.2} s", time.as_secs_f64())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_are_named_in_order_and_add_up() {
        let mut phases = Phases::start();
        phases.lap("file");
        phases.lap("ids");
        let names: Vec<&str> = phases.laps().iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["file", "ids"]);
        assert_eq!(phases.total(), phases.laps()[0].1 + phases.laps()[1].1);
        let text = phases.to_string();
        assert!(text.starts_with("file 0.") && text.contains(" s, ids 0.") && text.ends_with(" s"), "{text}");
    }
}
