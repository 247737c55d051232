//! Stage 4 input, the id table of the edge-list reader: opaque ids -> dense `u32` indices in order
//! of first appearance. Ids of up to 15 bytes (nearly all: integers, Semantic Scholar corpus ids,
//! arXiv ids) are packed into a 16-byte key, so hashing and comparing one touches no other memory
//! (no pointer into the file, no `memcmp` call); longer ids are keyed by their text.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use foldhash::fast::FixedState;

/// The longest id packed into a [`Packed`] key.
const PACKED_MAX: usize = 15;

/// An id of up to [`PACKED_MAX`] bytes: its bytes, zero-padded, little-endian, with its length in
/// the last byte (so `a` and `a\0` differ).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Packed([u64; 2]);

impl Packed {
    fn of(id: &str) -> Option<Packed> {
        let bytes = id.as_bytes();
        if bytes.len() > PACKED_MAX {
            return None;
        }
        let mut buf = [0u8; 16];
        buf[..bytes.len()].copy_from_slice(bytes);
        buf[15] = bytes.len() as u8;
        let (lo, hi) = buf.split_at(8);
        Some(Packed([
            u64::from_le_bytes(lo.try_into().expect("8 bytes")),
            u64::from_le_bytes(hi.try_into().expect("8 bytes")),
        ]))
    }
}

impl Hash for Packed {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // One 128-bit write: a single multiply in foldhash (an array would hash its length too).
        state.write_u128(u128::from(self.0[0]) | (u128::from(self.0[1]) << 64));
    }
}

/// Ids interned to indices `0, 1, 2, ...` in the order they were first given.
pub(crate) struct IdTable<'a> {
    ids: Vec<&'a str>,
    packed: HashMap<Packed, u32, FixedState>,
    long: HashMap<&'a str, u32, FixedState>,
}

impl<'a> IdTable<'a> {
    /// An empty table with room for `capacity` ids.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        IdTable {
            ids: Vec::with_capacity(capacity),
            packed: HashMap::with_capacity_and_hasher(capacity, FixedState::default()),
            long: HashMap::default(),
        }
    }

    /// The index of `id`, added if new. The index of the `u32::MAX + 1`-th id wraps to 0: callers
    /// that may see that many check [`IdTable::len`].
    pub(crate) fn intern(&mut self, id: &'a str) -> u32 {
        let next = self.ids.len() as u32; // wraps only as documented
        let index = match Packed::of(id) {
            Some(key) => *self.packed.entry(key).or_insert(next),
            None => *self.long.entry(id).or_insert(next),
        };
        if index == next {
            self.ids.push(id);
        }
        index
    }

    /// Ids interned so far.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The ids, by index.
    pub(crate) fn ids(&self) -> &[&'a str] {
        &self.ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_get_indices_in_order_of_first_appearance_whatever_their_length() {
        let long = "10.1145/3292500.3330925-a-long-doi";
        let mut table = IdTable::with_capacity(0);
        let given = ["b", long, "a", "b", "a\0", "", long, "exactly15bytes!", "exactly16bytes!!", "a"];
        let indices: Vec<u32> = given.iter().map(|id| table.intern(id)).collect();
        assert_eq!(indices, [0, 1, 2, 0, 3, 4, 1, 5, 6, 2]);
        assert_eq!(table.ids(), ["b", long, "a", "a\0", "", "exactly15bytes!", "exactly16bytes!!"]);
        assert_eq!(table.len(), 7);
    }
}
