//! What is new since the last run: `build` records a small [`State`] (candidates with rank and
//! score, the listed papers' citation counts, the papers citing the list, the data date); the next
//! run compares its own with it into [`Changes`]. A missing, corrupt or older state file means
//! "first run", with a warning, never a failure.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result};
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

use crate::atomic_file::write_atomically;
use crate::graph::CitationGraph;
use crate::rank::Rankings;

/// The state file's format version; older files are read as "first run".
pub const STATE_VERSION: u32 = 1;

/// One build's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct State {
    /// [`STATE_VERSION`].
    pub version: u32,
    /// The date of the data (`YYYY-MM-DD`), when known.
    pub data_date: Option<String>,
    /// Every candidate, best first.
    pub candidates: Vec<StateCandidate>,
    /// Every listed paper found on Semantic Scholar.
    pub listed: Vec<StateListed>,
    /// Papers of the graph citing a listed paper (S2 ids, sorted).
    pub citing: Vec<String>,
}

/// A candidate in the state file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateCandidate {
    /// Semantic Scholar id.
    pub paper_id: String,
    /// Title.
    pub title: String,
    /// 1-based rank.
    pub rank: usize,
    /// Score.
    pub score: f64,
}

/// A listed paper in the state file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateListed {
    /// Semantic Scholar id.
    pub paper_id: String,
    /// Title.
    pub title: String,
    /// Citations in all of Semantic Scholar.
    pub citation_count: Option<u64>,
}

/// What changed between two states.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Changes {
    /// The previous state's data date.
    pub since: Option<String>,
    /// The current data date.
    pub until: Option<String>,
    /// Candidates that were not candidates before, best first.
    pub new_candidates: Vec<StateCandidate>,
    /// Candidates that rose by more than the threshold: (candidate, previous rank).
    pub moved_up: Vec<MovedUp>,
    /// Listed papers whose citation count grew.
    pub new_citations: Vec<NewCitations>,
    /// Papers citing the list that did not before (S2 id, title).
    pub newly_citing: Vec<CitingPaper>,
}

/// A candidate that moved up.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MovedUp {
    /// The candidate now.
    pub candidate: StateCandidate,
    /// Its rank before.
    pub previous_rank: usize,
}

/// A listed paper with new citations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewCitations {
    /// Semantic Scholar id.
    pub paper_id: String,
    /// Title.
    pub title: String,
    /// Citations before.
    pub before: u64,
    /// Citations now.
    pub after: u64,
}

/// A paper newly citing the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CitingPaper {
    /// Semantic Scholar id.
    pub paper_id: String,
    /// Title.
    pub title: String,
}

/// A state file as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Previous {
    /// A state of this version.
    State(Box<State>),
    /// None usable: first run; the warning says why (missing, corrupt, older version).
    FirstRun(String),
}

impl State {
    /// The state of a ranked graph.
    pub fn of(graph: &CitationGraph, rankings: &Rankings, data_date: Option<String>) -> State {
        let candidates = rankings
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let paper = graph.node(c.node);
                StateCandidate {
                    paper_id: paper.paper_id.clone(),
                    title: paper.title.clone(),
                    rank: i + 1,
                    score: c.score,
                }
            })
            .collect();
        let listed_nodes: Vec<NodeIndex> = graph.listed().collect();
        let listed = listed_nodes
            .iter()
            .map(|&n| {
                let paper = graph.node(n);
                StateListed {
                    paper_id: paper.paper_id.clone(),
                    title: paper.title.clone(),
                    citation_count: paper.citation_count,
                }
            })
            .collect();
        let mut citing: Vec<String> = listed_nodes
            .iter()
            .flat_map(|&n| graph.graph().neighbors_directed(n, Direction::Incoming))
            .map(|n| graph.node(n).paper_id.clone())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        citing.sort();
        State { version: STATE_VERSION, data_date, candidates, listed, citing }
    }

    /// Writes the state atomically (pretty JSON, for diffs in a list's repository).
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut json = serde_json::to_vec_pretty(self)?;
        json.push(b'\n');
        write_atomically(path, &json)
            .with_context(|| format!("cannot write the state file {} (--state)", path.display()))
    }

    /// Reads a state file; never fails (see [`Previous`]).
    pub fn load(path: &Path) -> Previous {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Previous::FirstRun(format!(
                    "no state file at {}: this is the first run, so nothing is marked new",
                    path.display()
                ));
            }
            Err(e) => {
                return Previous::FirstRun(format!(
                    "cannot read the state file {}: {e}; treated as a first run",
                    path.display()
                ));
            }
        };
        #[derive(Deserialize)]
        struct Version {
            version: Option<u32>,
        }
        match serde_json::from_slice::<Version>(&bytes) {
            Err(e) => Previous::FirstRun(format!(
                "the state file {} is corrupt ({e}); treated as a first run, and replaced by this run's",
                path.display()
            )),
            Ok(Version { version }) if version != Some(STATE_VERSION) => Previous::FirstRun(format!(
                "the state file {} is of version {}, this citegraph writes version {STATE_VERSION}; treated as a first run, and replaced",
                path.display(),
                version.map_or_else(|| "none".to_owned(), |v| v.to_string())
            )),
            Ok(_) => match serde_json::from_slice::<State>(&bytes) {
                Ok(state) => Previous::State(Box::new(state)),
                Err(e) => Previous::FirstRun(format!(
                    "the state file {} is corrupt ({e}); treated as a first run, and replaced by this run's",
                    path.display()
                )),
            },
        }
    }

    /// What changed from `previous` to this state; candidates that rose by more than
    /// `moved_up_places` count as moved up. `titles` names papers for `newly_citing`.
    pub fn changes_since(&self, previous: &State, moved_up_places: usize, graph: &CitationGraph) -> Changes {
        let before: HashMap<&str, usize> = previous.candidates.iter().map(|c| (c.paper_id.as_str(), c.rank)).collect();
        let mut changes =
            Changes { since: previous.data_date.clone(), until: self.data_date.clone(), ..Changes::default() };
        for candidate in &self.candidates {
            match before.get(candidate.paper_id.as_str()) {
                None => changes.new_candidates.push(candidate.clone()),
                Some(&rank) if rank > candidate.rank + moved_up_places => {
                    changes.moved_up.push(MovedUp { candidate: candidate.clone(), previous_rank: rank });
                }
                Some(_) => {}
            }
        }
        let counts: HashMap<&str, Option<u64>> =
            previous.listed.iter().map(|l| (l.paper_id.as_str(), l.citation_count)).collect();
        for listed in &self.listed {
            if let (Some(Some(before)), Some(after)) = (counts.get(listed.paper_id.as_str()), listed.citation_count)
                && after > *before
            {
                changes.new_citations.push(NewCitations {
                    paper_id: listed.paper_id.clone(),
                    title: listed.title.clone(),
                    before: *before,
                    after,
                });
            }
        }
        let old_citing: HashSet<&str> = previous.citing.iter().map(String::as_str).collect();
        for id in &self.citing {
            if !old_citing.contains(id.as_str()) {
                let title = graph.find(id).map(|n| graph.node(n).title.clone()).unwrap_or_default();
                changes.newly_citing.push(CitingPaper { paper_id: id.clone(), title });
            }
        }
        changes
    }
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.new_candidates.is_empty()
            && self.moved_up.is_empty()
            && self.new_citations.is_empty()
            && self.newly_citing.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        State {
            version: STATE_VERSION,
            data_date: Some("2026-01-01".into()),
            candidates: vec![StateCandidate { paper_id: "a".into(), title: "A".into(), rank: 1, score: 1.0 }],
            listed: vec![],
            citing: vec![],
        }
    }

    #[test]
    fn missing_corrupt_and_older_state_files_are_a_first_run_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert!(matches!(State::load(&path), Previous::FirstRun(w) if w.contains("first run")));
        std::fs::write(&path, "{ not json").unwrap();
        assert!(matches!(State::load(&path), Previous::FirstRun(w) if w.contains("corrupt")));
        std::fs::write(&path, r#"{"version": 0, "candidates": 3}"#).unwrap();
        assert!(matches!(State::load(&path), Previous::FirstRun(w) if w.contains("version 0")));
        std::fs::write(&path, format!(r#"{{"version": {STATE_VERSION}, "candidates": 3}}"#)).unwrap();
        assert!(matches!(State::load(&path), Previous::FirstRun(w) if w.contains("corrupt")));
        state().save(&path).unwrap();
        assert_eq!(State::load(&path), Previous::State(Box::new(state())));
    }
}
