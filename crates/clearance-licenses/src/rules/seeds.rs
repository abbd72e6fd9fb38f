//! The approximate matcher's seed index, laid out by `build.rs` and read in place at run time.
//!
//! Every rule of at least [`SEED_MIN`] words gives a five-word seed every five words. The index
//! holds each seed as (hash, rule, position in the rule), bucketed by the hash's top bits and
//! sorted inside each bucket, with a bit filter over the hashes and the number of seeds each
//! rule has indexed. Seeds shared by more than [`SEED_POSTINGS_MAX`] rule positions are left
//! out: a phrase that hundreds of rules share (a common license's name) says nothing about which
//! rule is there.
//!
//! Built once by `build.rs` (this file is compiled there too) and embedded uncompressed, the
//! table is read where it lies: loading it costs nothing, and a scan touches only the pages of
//! the buckets its texts look up. Building it at start-up cost ~85 ms of the index's load.
//!
//! Layout, little-endian u32 unless said: `log2` (buckets = 2^log2), `entries`, `rules`; then
//! `starts` (buckets + 1: bucket b is entries starts[b]..starts[b + 1]); `entries` × (low 32
//! bits of the hash, rule, position); `rules` × seeds indexed; the bit filter, 2^[`BITS_LOG2`]
//! bits as u64 words.

/// Words per seed, and the stride between a rule's seeds.
pub const SEED: usize = 5;
/// Rules shorter than this match exactly only.
pub const SEED_MIN: usize = 20;
/// Seeds shared by more rule positions than this are not indexed.
#[cfg_attr(not(test), allow(dead_code))]
pub const SEED_POSTINGS_MAX: usize = 1000;
/// The bit filter's size (8 Mi bits, 1 MiB): most seeds of ordinary text stop there.
const BITS_LOG2: u32 = 23;
const HEADER: usize = 12;
const ENTRY: usize = 12;

/// The hash of a seed's word numbers.
#[inline]
pub fn seed_hash(words: &[u32]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        h = (h ^ u64::from(*w)).wrapping_mul(0x0000_0100_0000_01b3);
        h = h.rotate_left(23);
    }
    h
}

#[inline]
fn bit_of(h: u64) -> usize {
    // The high bits, like the buckets: the low 32 are what an entry keeps.
    ((h >> 40) & ((1 << BITS_LOG2) - 1)) as usize
}

/// The index's bytes for rules given as their word numbers, in rule order (`build.rs`; a test
/// checks the embedded table against it).
#[cfg_attr(not(test), allow(dead_code))]
pub fn layout(rules: &[Vec<u32>]) -> Vec<u8> {
    let mut all: Vec<(u64, u32, u32)> = Vec::new();
    for (ri, words) in rules.iter().enumerate() {
        if words.len() < SEED_MIN {
            continue;
        }
        for p in (0..=words.len() - SEED).step_by(SEED) {
            all.push((seed_hash(&words[p..p + SEED]), ri as u32, p as u32));
        }
    }
    all.sort_unstable();
    let mut kept: Vec<(u64, u32, u32)> = Vec::with_capacity(all.len());
    for group in all.chunk_by(|a, b| a.0 == b.0) {
        if group.len() <= SEED_POSTINGS_MAX {
            kept.extend_from_slice(group);
        }
    }
    // About four entries a bucket: a lookup reads one or two cache lines.
    let log2 = (kept.len() / 4).max(2).next_power_of_two().trailing_zeros();
    let shift = 64 - log2;
    let mut starts = vec![0u32; (1 << log2) + 1];
    for e in &kept {
        starts[(e.0 >> shift) as usize + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut count = vec![0u32; rules.len()];
    let mut bits = vec![0u64; 1 << (BITS_LOG2 - 6)];
    for e in &kept {
        count[e.1 as usize] += 1;
        let i = bit_of(e.0);
        bits[i >> 6] |= 1 << (i & 63);
    }
    let mut b = Vec::with_capacity(HEADER + 4 * starts.len() + ENTRY * kept.len() + 4 * count.len() + 8 * bits.len());
    for v in [log2, kept.len() as u32, rules.len() as u32] {
        b.extend(v.to_le_bytes());
    }
    for s in &starts {
        b.extend(s.to_le_bytes());
    }
    for &(h, ri, p) in &kept {
        b.extend((h as u32).to_le_bytes());
        b.extend(ri.to_le_bytes());
        b.extend(p.to_le_bytes());
    }
    for c in &count {
        b.extend(c.to_le_bytes());
    }
    for w in &bits {
        b.extend(w.to_le_bytes());
    }
    b
}

/// The index, read where it lies.
pub struct SeedTable {
    b: &'static [u8],
    shift: u32,
    starts: usize,
    entries: usize,
    count: usize,
    bits: usize,
}

impl SeedTable {
    /// The table in `b` (as [`layout`] wrote it), for an index of `rules` rules.
    pub fn new(b: &'static [u8], rules: usize) -> SeedTable {
        let u = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"));
        let (log2, n, n_rules) = (u(0), u(4) as usize, u(8) as usize);
        assert_eq!(n_rules, rules, "the seed index was built for these rules");
        let starts = HEADER;
        let entries = starts + 4 * ((1usize << log2) + 1);
        let count = entries + ENTRY * n;
        let bits = count + 4 * n_rules;
        assert_eq!(b.len(), bits + (1 << (BITS_LOG2 - 3)), "the seed index is whole");
        SeedTable { b, shift: 64 - log2, starts, entries, count, bits }
    }

    #[inline]
    fn u32_at(&self, at: usize) -> u32 {
        u32::from_le_bytes(self.b[at..at + 4].try_into().expect("4 bytes"))
    }

    /// The entries of seed `h` (a range for [`SeedTable::entry`]), if any rule has it.
    #[inline]
    pub fn postings(&self, h: u64) -> Option<(u32, u32)> {
        let i = bit_of(h);
        let at = self.bits + 8 * (i >> 6);
        let word = u64::from_le_bytes(self.b[at..at + 8].try_into().expect("8 bytes"));
        if word & (1 << (i & 63)) == 0 {
            return None;
        }
        let bucket = (h >> self.shift) as usize;
        let (s, e) = (self.u32_at(self.starts + 4 * bucket), self.u32_at(self.starts + 4 * bucket + 4));
        let low = h as u32;
        let first = (s..e).find(|&k| self.u32_at(self.entries + ENTRY * k as usize) == low)?;
        let end = (first..e).find(|&k| self.u32_at(self.entries + ENTRY * k as usize) != low).unwrap_or(e);
        Some((first, end))
    }

    /// Entry `k`: (rule, position of the seed in the rule).
    #[inline]
    pub fn entry(&self, k: u32) -> (u32, u32) {
        let at = self.entries + ENTRY * k as usize;
        (self.u32_at(at + 4), self.u32_at(at + 8))
    }

    /// How many seeds of rule `ri` are indexed.
    #[inline]
    pub fn count(&self, ri: u32) -> u32 {
        self.u32_at(self.count + 4 * ri as usize)
    }
}
