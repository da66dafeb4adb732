//! What S3 meters, before any price: one dense table of quantities per layer and month.

use crate::scenario::{RestoreTier, StorageClass};

/// INTELLIGENT_TIERING's automatic access tiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItTier {
    Frequent,
    Infrequent,
    ArchiveInstant,
}

impl ItTier {
    pub const ALL: [ItTier; 3] = [ItTier::Frequent, ItTier::Infrequent, ItTier::ArchiveInstant];
    pub fn name(self) -> &'static str {
        match self {
            ItTier::Frequent => "frequent",
            ItTier::Infrequent => "infrequent",
            ItTier::ArchiveInstant => "archive_instant",
        }
    }
}

const TIERS: [RestoreTier; 3] = [
    RestoreTier::Expedited,
    RestoreTier::Standard,
    RestoreTier::Bulk,
];

/// One S3 meter. Units: GB-months for storage meters, requests, GB, object-months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Meter {
    /// Object bytes (rounded up to the class's minimum object size) in a class other
    /// than INTELLIGENT_TIERING, GB-months.
    Storage(StorageClass),
    /// INTELLIGENT_TIERING bytes by access tier, GB-months.
    ItStorage(ItTier),
    /// 32 KB per archived object at the archive class's rate, GB-months.
    ArchiveOverhead(StorageClass),
    /// 8 KB per archived object at the STANDARD rate, GB-months.
    ArchiveMetadata,
    /// Temporary copies of restored objects, at the STANDARD rate, GB-months.
    RestoredCopy,
    Put(StorageClass),
    Get(StorageClass),
    /// GB read from a class with a retrieval fee.
    Retrieval(StorageClass),
    /// Lifecycle transition requests into a class.
    Transition(StorageClass),
    /// Minimum-duration charge for objects removed early, GB-months.
    EarlyDelete(StorageClass),
    RestoreRequests(StorageClass, RestoreTier),
    RestoreRetrieval(StorageClass, RestoreTier),
    /// INTELLIGENT_TIERING monitoring, object-months.
    Monitoring,
}

/// A class's place in [`StorageClass::ALL`], which lists the classes in declaration
/// order (a test holds it): `add` runs millions of times a simulation.
fn class_index(c: StorageClass) -> usize {
    c as usize
}

/// A tier's place in [`TIERS`], likewise in declaration order.
fn tier_index(t: RestoreTier) -> usize {
    t as usize
}

const NC: usize = StorageClass::ALL.len();
/// Number of distinct meters.
pub const METERS: usize = 13 * NC + 6;

impl Meter {
    /// Position in a [`Usage`] table.
    pub fn index(self) -> usize {
        use Meter::*;
        match self {
            Storage(c) => class_index(c),
            ItStorage(t) => NC + ItTier::ALL.iter().position(|x| *x == t).unwrap_or(0),
            ArchiveOverhead(c) => NC + 3 + class_index(c),
            ArchiveMetadata => 2 * NC + 3,
            RestoredCopy => 2 * NC + 4,
            Monitoring => 2 * NC + 5,
            Put(c) => 2 * NC + 6 + class_index(c),
            Get(c) => 3 * NC + 6 + class_index(c),
            Retrieval(c) => 4 * NC + 6 + class_index(c),
            Transition(c) => 5 * NC + 6 + class_index(c),
            EarlyDelete(c) => 6 * NC + 6 + class_index(c),
            RestoreRequests(c, t) => 7 * NC + 6 + class_index(c) * 3 + tier_index(t),
            RestoreRetrieval(c, t) => 10 * NC + 6 + class_index(c) * 3 + tier_index(t),
        }
    }

    /// Every meter, in index order.
    pub fn all() -> Vec<Meter> {
        use Meter::*;
        let mut v = Vec::with_capacity(METERS);
        v.extend(StorageClass::ALL.map(Storage));
        v.extend(ItTier::ALL.map(ItStorage));
        v.extend(StorageClass::ALL.map(ArchiveOverhead));
        v.extend([ArchiveMetadata, RestoredCopy, Monitoring]);
        for f in [Put, Get, Retrieval, Transition, EarlyDelete] {
            v.extend(StorageClass::ALL.map(f));
        }
        for f in [RestoreRequests, RestoreRetrieval] {
            for c in StorageClass::ALL {
                v.extend(TIERS.map(|t| f(c, t)));
            }
        }
        v
    }

    /// Meters billed at the STANDARD storage rate, which share its volume tiers.
    pub fn at_standard_rate(self) -> bool {
        matches!(
            self,
            Meter::Storage(StorageClass::Standard) | Meter::ArchiveMetadata | Meter::RestoredCopy
        )
    }
}

/// Quantities of every meter for one layer in one month.
#[derive(Clone, Debug, PartialEq)]
pub struct Usage(pub [f64; METERS]);

impl Default for Usage {
    fn default() -> Self {
        Usage([0.0; METERS])
    }
}

impl Usage {
    pub fn add(&mut self, m: Meter, q: f64) {
        self.0[m.index()] += q;
    }

    pub fn get(&self, m: Meter) -> f64 {
        self.0[m.index()]
    }

    /// Stored GB (average over the month) in `class`, object bytes only.
    pub fn stored_gb(&self, class: StorageClass) -> f64 {
        match class {
            StorageClass::IntelligentTiering => ItTier::ALL
                .iter()
                .map(|t| self.get(Meter::ItStorage(*t)))
                .sum(),
            c => self.get(Meter::Storage(c)),
        }
    }

    /// The mean of several months, meter by meter.
    pub fn mean(months: &[Usage]) -> Usage {
        let mut out = Usage::default();
        for u in months {
            for (o, v) in out.0.iter_mut().zip(u.0.iter()) {
                *o += v;
            }
        }
        let n = months.len().max(1) as f64;
        out.0.iter_mut().for_each(|v| *v /= n);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_and_tier_indexes_follow_their_lists() {
        for (i, c) in StorageClass::ALL.iter().enumerate() {
            assert_eq!(class_index(*c), i);
        }
        for (i, t) in TIERS.iter().enumerate() {
            assert_eq!(tier_index(*t), i);
        }
    }

    #[test]
    fn every_meter_has_its_own_slot() {
        let all = Meter::all();
        assert_eq!(all.len(), METERS);
        for (i, m) in all.iter().enumerate() {
            assert_eq!(m.index(), i, "{m:?}");
        }
    }
}
