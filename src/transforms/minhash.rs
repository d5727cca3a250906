//! Word shingles and MinHash signatures (Broder, "On the resemblance and
//! containment of documents", 1997).
//!
//! A text is reduced to the set of its word `k`-shingles (runs of `k`
//! consecutive normalized words), each hashed to 64 bits with XXH3
//! (xxhash-rust, a fixed, documented hash: the same text gives the same
//! shingles on every platform and release, so signatures can be stored and
//! compared across runs). A MinHash signature keeps, for each of
//! [`SIGNATURE_LEN`] hash functions `h_i(x) = (a_i·x + b_i) mod (2^61 − 1)`,
//! the smallest value over the set; the share of positions where two
//! signatures agree estimates the Jaccard similarity of the two sets
//! (|A ∩ B| / |A ∪ B|, in 0..=1) with standard error about
//! `sqrt(J(1 − J) / SIGNATURE_LEN)`.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

/// Number of hash functions in a [`Signature`].
pub const SIGNATURE_LEN: usize = 64;

/// The Mersenne prime 2^61 − 1, modulus of the hash family.
const PRIME: u64 = (1 << 61) - 1;

/// Seed of the hash family's coefficients. Changing it invalidates every
/// stored signature.
const FAMILY_SEED: u64 = 0x7079_7163_6f6e_7631; // "pyqconv1"

/// Lowercase words of `text`: maximal runs of letters, digits and `_`.
///
/// ```
/// use pyqconv::transforms::minhash::words;
/// assert_eq!(words("Use `is_none()`, not ==!"), ["use", "is_none", "not"]);
/// ```
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The set of word `k`-shingles of `words`, hashed, sorted and without
/// duplicates. A text shorter than `k` words gives one shingle of all its
/// words; no words give the empty set. `k == 0` is treated as 1.
pub fn shingles(words: &[String], k: usize) -> Vec<u64> {
    let k = k.max(1);
    let mut out: Vec<u64> = if words.is_empty() {
        Vec::new()
    } else if words.len() < k {
        vec![hash_words(words)]
    } else {
        words.windows(k).map(hash_words).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn hash_words(words: &[String]) -> u64 {
    xxh3_64(words.join("\u{1f}").as_bytes())
}

/// Exact Jaccard similarity of two sorted, duplicate-free sets, in 0..=1
/// (two empty sets: 0).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

/// A MinHash signature: [`SIGNATURE_LEN`] minima, each kept to its low 32
/// bits (two different minima then agree by chance with probability 2^-32).
/// The empty set's signature is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Signature(pub Vec<u32>);

impl Signature {
    /// The signature of a shingle set (as [`shingles`] returns it):
    /// [`SIGNATURE_LEN`] minima.
    pub fn of(shingles: &[u64]) -> Signature {
        Signature::with_len(shingles, SIGNATURE_LEN)
    }

    /// A signature of `len` minima. The first [`SIGNATURE_LEN`] hash
    /// functions are those of [`Signature::of`], so a longer signature
    /// starts with the shorter one.
    pub fn with_len(shingles: &[u64], len: usize) -> Signature {
        if shingles.is_empty() {
            return Signature(Vec::new());
        }
        let family = family(len);
        let mut minima = vec![u64::MAX; len];
        for &shingle in shingles {
            let x = shingle % PRIME;
            for (min, &(a, b)) in minima.iter_mut().zip(family.iter()) {
                let h = mul_add_mod(a, x, b);
                if h < *min {
                    *min = h;
                }
            }
        }
        Signature(minima.iter().map(|&m| m as u32).collect())
    }

    /// The signature of `text`'s word `k`-shingles.
    pub fn of_text(text: &str, k: usize) -> Signature {
        Signature::of(&shingles(&words(text), k))
    }

    /// Estimated Jaccard similarity, in 0..=1: the share of positions where
    /// both signatures agree. 0 when either is empty or their lengths differ
    /// (a signature stored by another version).
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.0.is_empty() || self.0.len() != other.0.len() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len() as f64
    }
}

impl Signature {
    /// LSH band keys (Indyk & Motwani 1998; Leskovec, Rajaraman & Ullman,
    /// *Mining of Massive Datasets*, ch. 3.4): the signature cut into bands
    /// of `rows` values, each band hashed with its index to one `u64`. Two
    /// signatures share at least one key with probability
    /// `1 − (1 − J^rows)^bands` for Jaccard similarity `J`, so only pairs
    /// sharing a key need comparing. Empty for an empty signature; `rows`
    /// of 0 is treated as 1, and a last, shorter band is dropped.
    pub fn band_keys(&self, rows: usize) -> Vec<u64> {
        let rows = rows.max(1);
        self.0
            .chunks_exact(rows)
            .enumerate()
            .map(|(band, values)| {
                let mut bytes = Vec::with_capacity(8 + 4 * rows);
                bytes.extend_from_slice(&(band as u64).to_le_bytes());
                for v in values {
                    bytes.extend_from_slice(&v.to_le_bytes());
                }
                xxh3_64(&bytes)
            })
            .collect()
    }
}

/// `(a·x + b) mod (2^61 − 1)` for `a, x, b < 2^61 − 1`, without a 128-bit
/// division: for a Mersenne prime `p = 2^61 − 1`, `2^61 ≡ 1 (mod p)`, so
/// the high bits of the product fold onto the low ones (Carter & Wegman's
/// family as Thorup computes it, "High speed hashing for integers and
/// strings", 2015, §3). Equal to the `%` it replaces.
#[inline]
fn mul_add_mod(a: u64, x: u64, b: u64) -> u64 {
    let product = a as u128 * x as u128 + b as u128; // < 2^122 + 2^61
    let folded = (product as u64 & PRIME) + (product >> 61) as u64; // < 2^62
    let folded = (folded & PRIME) + (folded >> 61);
    if folded >= PRIME {
        folded - PRIME
    } else {
        folded
    }
}

/// Coefficients `(a_i, b_i)` of a hash family.
type Family = Vec<(u64, u64)>;

/// The first `len` coefficients `(a_i, b_i)` of the hash family,
/// `1 <= a_i < p`, `0 <= b_i < p`, drawn from SplitMix64 (Steele et al.,
/// 2014) seeded with [`FAMILY_SEED`]. Computed once per length and kept.
fn family(len: usize) -> std::sync::Arc<Family> {
    use std::sync::{Arc, Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<Vec<Arc<Family>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = cache.iter().find(|f| f.len() == len) {
        return Arc::clone(found);
    }
    let mut state = FAMILY_SEED;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let family: Arc<Family> = Arc::new(
        (0..len)
            .map(|_| {
                let a = 1 + next() % (PRIME - 1);
                (a, next() % PRIME)
            })
            .collect(),
    );
    cache.push(Arc::clone(&family));
    family
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn shingles_are_sets_of_k_word_runs() {
        let s = shingles(&w("a b c a b c"), 2);
        // ab, bc, ca — "a b" twice counts once.
        assert_eq!(s.len(), 3);
        assert_eq!(shingles(&w("one"), 3).len(), 1);
        assert!(shingles(&[], 3).is_empty());
        assert_eq!(shingles(&w("x y"), 0), shingles(&w("x y"), 1));
    }

    #[test]
    fn exact_jaccard() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[1], &[1]), 1.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(jaccard(&[1], &[2]), 0.0);
    }

    #[test]
    fn signature_estimates_jaccard() {
        // Two sets of 400 shingles sharing 200: J = 200 / 600 = 1/3.
        let a: Vec<u64> = (0..400).map(|i| xxh3_64(&u64::to_le_bytes(i))).collect();
        let b: Vec<u64> = (200..600).map(|i| xxh3_64(&u64::to_le_bytes(i))).collect();
        let mut a_sorted = a.clone();
        a_sorted.sort_unstable();
        let mut b_sorted = b.clone();
        b_sorted.sort_unstable();
        let exact = jaccard(&a_sorted, &b_sorted);
        assert!((exact - 1.0 / 3.0).abs() < 1e-9);
        let estimate = Signature::of(&a_sorted).similarity(&Signature::of(&b_sorted));
        // Standard error sqrt(J(1-J)/64) ≈ 0.059; allow four of them.
        assert!((estimate - exact).abs() < 0.24, "{estimate}");
    }

    #[test]
    fn identical_texts_agree_everywhere_and_empty_never_matches() {
        let a = Signature::of_text("The GIL lets one thread run Python bytecode.", 3);
        assert_eq!(a.0.len(), SIGNATURE_LEN);
        assert_eq!(a.similarity(&a.clone()), 1.0);
        let empty = Signature::of_text("", 3);
        assert!(empty.0.is_empty());
        assert_eq!(empty.similarity(&empty), 0.0);
        assert_eq!(a.similarity(&empty), 0.0);
    }

    #[test]
    fn band_keys_are_shared_by_equal_bands_only() {
        let a = Signature((0..64).collect());
        let mut b = a.clone();
        b.0[0] = 999; // only band 0 differs
        let (ka, kb) = (a.band_keys(2), b.band_keys(2));
        assert_eq!(ka.len(), 32);
        assert_ne!(ka[0], kb[0]);
        assert_eq!(ka[1..], kb[1..]);
        // Equal values in different bands give different keys.
        let c = Signature(vec![7; 4]);
        let keys = c.band_keys(2);
        assert_ne!(keys[0], keys[1]);
        assert!(Signature(vec![]).band_keys(2).is_empty());
        assert_eq!(Signature(vec![1, 2, 3]).band_keys(2).len(), 1);
    }

    #[test]
    fn mersenne_folding_equals_the_remainder() {
        let values = [
            0,
            1,
            2,
            PRIME - 1,
            PRIME - 2,
            1 << 60,
            0x1234_5678_9abc_def0 % PRIME,
        ];
        for &a in &values {
            for &x in &values {
                for &b in &values {
                    let expected = ((a as u128 * x as u128 + b as u128) % PRIME as u128) as u64;
                    assert_eq!(mul_add_mod(a, x, b), expected, "{a} {x} {b}");
                }
            }
        }
    }

    #[test]
    fn signature_ignores_case_and_punctuation_but_not_words() {
        let first = family(SIGNATURE_LEN)[0];
        assert_eq!(
            family(2 * SIGNATURE_LEN)[..SIGNATURE_LEN],
            family(SIGNATURE_LEN)[..]
        );
        assert!(first.0 >= 1 && first.0 < PRIME && first.1 < PRIME);
        assert_eq!(
            Signature::of_text("a b c", 3),
            Signature::of_text("A, b; C!", 3)
        );
        assert_ne!(
            Signature::of_text("a b c", 3),
            Signature::of_text("a b d", 3)
        );
    }
}
