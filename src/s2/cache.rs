//! Stage 2 (fetch): the on-disk response cache.
//!
//! Every 200 answer and every definitive 404 is stored under a name hashed from an explicit,
//! serialisable [`RequestKey`] (API, endpoint, id, query, fields, offset, limit, batch body), in
//! a versioned JSON envelope that records when it was fetched. Writes go through
//! [`crate::atomic_file`], so a killed run never leaves half an entry. The API key is not part of
//! any key or envelope: it is never written.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::atomic_file::write_atomically;

/// Version of the envelope format; entries of another version are fetched again (and said to be).
pub const CACHE_VERSION: u32 = 1;

/// The endpoints citegraph calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Endpoint {
    /// `POST /paper/batch`.
    Batch,
    /// `GET /paper/search/match`.
    Match,
    /// `GET /paper/{id}/references`.
    References,
    /// `GET /paper/{id}/citations`.
    Citations,
    /// `POST /recommendations/v1/papers/` (its `api` is the recommendations base URL; `ids` holds
    /// the positive ids, then the negative ones marked by [`NEGATIVE_MARK`]).
    Recommendations,
}

/// Marks a negative example among the `ids` of a [`Endpoint::Recommendations`] key.
pub const NEGATIVE_MARK: char = '-';

impl Endpoint {
    /// Short name, used as the cache sub-directory and in logs.
    pub fn name(self) -> &'static str {
        match self {
            Endpoint::Batch => "batch",
            Endpoint::Match => "match",
            Endpoint::References => "references",
            Endpoint::Citations => "citations",
            Endpoint::Recommendations => "recommendations",
        }
    }
}

/// Everything that determines an answer: what was asked, and of which API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestKey {
    /// The API base URL (answers of a mock never stand in for the real service's).
    pub api: String,
    /// Which endpoint.
    pub endpoint: Endpoint,
    /// The paper id in the path (references, citations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The `query` parameter (title match).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The `fields` parameter.
    pub fields: String,
    /// The `offset` parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// The `limit` parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// The batch body's `ids`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
}

impl RequestKey {
    /// The file-name stem: SHA-256 of the key's canonical JSON, 32 hex digits.
    pub fn hash(&self) -> String {
        let json = serde_json::to_vec(self).expect("a request key always serialises");
        Sha256::digest(&json)[..16].iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// What is stored per answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    version: u32,
    fetched_at: jiff::Timestamp,
    request: RequestKey,
    status: u16,
    body: serde_json::Value,
}

/// A cached answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// When it was fetched.
    pub fetched_at: jiff::Timestamp,
    /// HTTP status: 200 or 404.
    pub status: u16,
    /// The JSON body.
    pub body: serde_json::Value,
}

/// The result of looking a request up.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// A usable answer.
    Hit(Entry),
    /// Nothing stored.
    Miss,
    /// An entry written by another version of citegraph (its envelope format): not used.
    OtherVersion(u32),
    /// An entry that cannot be used; the reason names the file.
    Corrupt(String),
}

/// The cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// A cache rooted at `dir` (created on the first write).
    pub fn new(dir: &Path) -> Self {
        Cache { dir: dir.to_path_buf() }
    }

    /// Where the answer to `key` is stored.
    pub fn path_of(&self, key: &RequestKey) -> PathBuf {
        self.dir.join(key.endpoint.name()).join(format!("{}.json", key.hash()))
    }

    /// Looks `key` up.
    pub fn read(&self, key: &RequestKey) -> Lookup {
        let path = self.path_of(key);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Lookup::Miss,
            Err(err) => return Lookup::Corrupt(format!("cannot read {}: {err}", path.display())),
        };
        // Peek at the version first, so another format is told apart from a corrupt entry.
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        match serde_json::from_slice::<Version>(&bytes) {
            Ok(v) if v.version != CACHE_VERSION => return Lookup::OtherVersion(v.version),
            Ok(_) => {}
            Err(err) => return Lookup::Corrupt(format!("{} is not a cache entry: {err}", path.display())),
        }
        match serde_json::from_slice::<Envelope>(&bytes) {
            Ok(env) if env.request != *key => {
                Lookup::Corrupt(format!("{} holds the answer to another request", path.display()))
            }
            Ok(env) if !matches!(env.status, 200 | 404) => {
                Lookup::Corrupt(format!("{} holds an answer with status {}", path.display(), env.status))
            }
            Ok(env) => Lookup::Hit(Entry { fetched_at: env.fetched_at, status: env.status, body: env.body }),
            Err(err) => Lookup::Corrupt(format!("{} is not a cache entry: {err}", path.display())),
        }
    }

    /// Stores an answer atomically.
    pub fn write(&self, key: &RequestKey, entry: &Entry) -> Result<()> {
        let envelope = Envelope {
            version: CACHE_VERSION,
            fetched_at: entry.fetched_at,
            request: key.clone(),
            status: entry.status,
            body: entry.body.clone(),
        };
        let path = self.path_of(key);
        let bytes = serde_json::to_vec(&envelope).context("cannot serialise a cache entry")?;
        write_atomically(&path, &bytes)
            .with_context(|| format!("cannot write the cache (--cache-dir {})", self.dir.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(offset: u64) -> RequestKey {
        RequestKey {
            api: "http://127.0.0.1:1/graph/v1/".into(),
            endpoint: Endpoint::Citations,
            id: Some("5f5f00".into()),
            query: None,
            fields: "title,year".into(),
            offset: Some(offset),
            limit: Some(1000),
            ids: None,
        }
    }

    #[test]
    fn every_part_of_the_request_changes_the_key() {
        let base = key(0);
        let mut other_fields = base.clone();
        other_fields.fields = "title".into();
        let mut other_api = base.clone();
        other_api.api = "https://api.semanticscholar.org/graph/v1/".into();
        let hashes = [base.hash(), key(1000).hash(), other_fields.hash(), other_api.hash()];
        for (i, a) in hashes.iter().enumerate() {
            assert_eq!(a.len(), 32);
            for b in &hashes[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(base.hash(), key(0).hash());
    }

    #[test]
    fn entries_round_trip_and_bad_ones_are_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let k = key(0);
        assert_eq!(cache.read(&k), Lookup::Miss);
        let entry =
            Entry { fetched_at: jiff::Timestamp::UNIX_EPOCH, status: 200, body: serde_json::json!({"data": []}) };
        cache.write(&k, &entry).unwrap();
        assert_eq!(cache.read(&k), Lookup::Hit(entry));
        std::fs::write(cache.path_of(&k), b"{\"version\":1,\"trunc").unwrap();
        assert!(matches!(cache.read(&k), Lookup::Corrupt(reason) if reason.contains("not a cache entry")));
        std::fs::write(cache.path_of(&k), b"{\"version\":999}").unwrap();
        assert_eq!(cache.read(&k), Lookup::OtherVersion(999));
    }
}
