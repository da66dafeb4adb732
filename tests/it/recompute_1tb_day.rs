//! The flagship scenario's S3 bill (its other services are tested apart) recomputed without the model: month 24 by brute
//! force (every hour of the month, every daily cohort), the steady state in closed
//! form with the arithmetic written out. Both must agree with `estimate` to the cent.
//!
//! Conventions (docs/conventions.md): a month is 730 h; a GB is 2^30 bytes; objects
//! written on day d land on average at midday; S3 moves/expires them at the first
//! midnight after creation + N days, i.e. at age N + 1 days.

use lakecost::model::{self, Service};
use lakecost::pricing::PriceBook;

const DPM: f64 = 730.0 / 24.0; // days per month

/// us-east-1 prices from the bundled snapshot (Price List items and Price-List-generated goldens, all V).
const STD_TIERS: [(f64, f64, f64); 3] = [
    (0.0, 51_200.0, 0.023),
    (51_200.0, 512_000.0, 0.022),
    (512_000.0, f64::INFINITY, 0.021),
];
const SIA: f64 = 0.0125;
const GLACIER: f64 = 0.0036;
const PUT_STD: f64 = 0.000005;
const GET_STD: f64 = 0.0000004;
const GET_SIA: f64 = 0.000001;
const RETRIEVAL_SIA: f64 = 0.01;
const TO_SIA: f64 = 0.00001;
const TO_GLACIER: f64 = 0.00003;
// Bulk restores from GLACIER are free (requests and GB). The restored copy lives from
// the restore completing until that time + 1 day, rounded up to the next midnight UTC
// (S3 User Guide, "Working with archived objects"): 1.5 days on average.
const COPY_DAYS: f64 = 1.5;

fn standard(gb: f64) -> f64 {
    STD_TIERS
        .iter()
        .map(|&(b, e, p)| (gb.min(e) - b).max(0.0) * p)
        .sum()
}

#[derive(Default, Debug)]
struct Tally {
    std_gb_mo: f64,
    sia_gb_mo: f64,
    glacier_gb_mo: f64,
    glacier_objects_mo: f64,
    puts: f64,
    gets_std: f64,
    gets_sia: f64,
    retrieval_sia_gb: f64,
    to_sia: f64,
    to_glacier: f64,
    restored_gb: f64,
}

impl Tally {
    /// Prices a month's tally; restored copies are kept COPY_DAYS at the STANDARD rate.
    fn cost(&self) -> f64 {
        let kib = 1.0 / (1024.0 * 1024.0); // GB per KB
        let standard_gb = self.std_gb_mo
            + self.glacier_objects_mo * 8.0 * kib
            + self.restored_gb * COPY_DAYS / DPM;
        standard(standard_gb)
            + self.sia_gb_mo * SIA
            + (self.glacier_gb_mo + self.glacier_objects_mo * 32.0 * kib) * GLACIER
            + self.puts * PUT_STD
            + self.gets_std * GET_STD
            + self.gets_sia * GET_SIA
            + self.retrieval_sia_gb * RETRIEVAL_SIA
            + self.to_sia * TO_SIA
            + self.to_glacier * TO_GLACIER
    }
}

/// A layer as the scenario file states it, with ages in days.
struct Layer {
    gb_per_day: f64,
    object_gb: f64,
    ia_from: f64,      // age entering STANDARD_IA (∞: never)
    glacier_from: f64, // age entering GLACIER (∞: never)
    expire: f64,       // age of expiration
    /// (from age, to age, reads per month) of STANDARD/IA reads
    reads: &'static [(f64, f64, f64)],
    /// (from age, share restored per month) of GLACIER restores
    restores: (f64, f64),
}

const INF: f64 = f64::INFINITY;
const BRONZE: Layer = Layer {
    gb_per_day: 1024.0,
    object_gb: 0.125,
    ia_from: 31.0,
    glacier_from: 91.0,
    expire: 731.0,
    reads: &[(1.0, 2.0, 30.42), (2.0, 91.0, 0.2)],
    restores: (91.0, 0.01),
};
const SILVER: Layer = Layer {
    gb_per_day: 256.0,
    object_gb: 0.25,
    ia_from: 31.0,
    glacier_from: 366.0,
    expire: 731.0,
    reads: &[(0.0, 31.0, 4.0), (31.0, 366.0, 0.25)],
    restores: (366.0, 0.005),
};
const GOLD: Layer = Layer {
    gb_per_day: 30.72,
    object_gb: 0.03125,
    ia_from: INF,
    glacier_from: INF,
    expire: 731.0,
    reads: &[(0.0, 731.0, 20.0)],
    restores: (INF, 0.0),
};

/// Adds one cohort's presence during one hour (at the hour's midpoint: every phase
/// and month boundary falls on a whole hour, so this is exact).
fn hour(t: &mut Tally, l: &Layer, gb: f64, age: f64) {
    let objects = gb / l.object_gb;
    let h = 1.0 / 730.0; // one hour in months
    if age < 0.5 || age >= l.expire {
        return;
    }
    if age >= l.glacier_from {
        t.glacier_gb_mo += gb * h;
        t.glacier_objects_mo += objects * h;
        if age >= l.restores.0 {
            t.restored_gb += gb * l.restores.1 * h;
        }
        return;
    }
    let ia = age >= l.ia_from;
    if ia {
        t.sia_gb_mo += gb * h
    } else {
        t.std_gb_mo += gb * h
    }
    for &(a0, a1, rate) in l.reads {
        if age >= a0 && age < a1 {
            if ia {
                t.gets_sia += objects * rate * h;
                t.retrieval_sia_gb += gb * rate * h;
            } else {
                t.gets_std += objects * rate * h;
            }
        }
    }
}

fn brute_force_month(m: u32) -> f64 {
    let mut t = Tally::default();
    let (start, end) = (730 * (m - 1), 730 * m);
    for l in [BRONZE, SILVER, GOLD] {
        for hr in start..end {
            let now = (hr as f64 + 0.5) / 24.0;
            for d in 0..=(now.floor() as i64) {
                hour(&mut t, &l, l.gb_per_day, now - d as f64);
            }
        }
        // Point events: PUT at midday of day d, transitions at midnight of day d + N.
        let objects = l.gb_per_day / l.object_gb;
        for d in 0..=(end / 24 + 1) {
            let in_month = |h: f64| h >= start as f64 && h < end as f64;
            let d = d as f64;
            if in_month(24.0 * d + 12.0) {
                t.puts += objects
            }
            if in_month(24.0 * (d + l.ia_from)) {
                t.to_sia += objects
            }
            if in_month(24.0 * (d + l.glacier_from)) {
                t.to_glacier += objects
            }
        }
    }
    // bronze's existing 200 TB of 64 MB objects in GLACIER, 400 days old: they expire at
    // age 731, i.e. 331 days into the horizon, long before month 24.
    assert!(331.0 < (m - 1) as f64 * DPM);
    t.cost()
}

fn estimate() -> model::Estimate {
    let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
    let s = lakecost::scenario::load_str(&text).unwrap();
    model::estimate(&s, &PriceBook::bundled().unwrap()).unwrap()
}

#[test]
fn month_24_agrees_to_the_cent() {
    let e = estimate();
    let reported = e.months[23].total_for(Service::S3).value();
    let expected = brute_force_month(24);
    assert!(
        (reported - expected).abs() < 0.005,
        "reported {reported:.4}, recomputed {expected:.4}"
    );
}

#[test]
fn steady_state_agrees_to_the_cent() {
    // At steady state, a class phase [a0, a1) holds gb_per_day × (a1 − a0) GB at all
    // times, and every daily event happens DPM (30.4167) times a month.
    //
    // bronze (1,024 GB/day, 8,192 objects/day of 128 MB):
    //   STANDARD   1,024 × (31 − 0.5)  =  31,232 GB-Mo
    //   IA         1,024 × (91 − 31)   =  61,440 GB-Mo
    //   GLACIER    1,024 × (731 − 91)  = 655,360 GB-Mo, 5,242,880 objects
    //   overhead   5,242,880 × 32 KB = 160 GB at GLACIER; × 8 KB = 40 GB at STANDARD
    //   PUTs, transitions to IA, to GLACIER: 8,192 × 30.4167 = 249,173.3 each
    //   GETs STANDARD: 8,192 × 1 day × 30.42 + 8,192 × 29 days × 0.2 = 296,714.24
    //   GETs IA: 8,192 × 60 × 0.2 = 98,304; retrieval 1,024 × 60 × 0.2 = 12,288 GB
    //   restores: 1% of 655,360 GB = 6,553.6 GB a month, each copy billed 1.5
    //   days (COPY_DAYS): 323.19 GB-Mo
    // silver (256 GB/day, 1,024 objects/day of 256 MB):
    //   STANDARD 7,808; IA 85,760; GLACIER 93,440 GB-Mo, 373,760 objects
    //   overhead 11.406 GB at GLACIER, 2.852 GB at STANDARD
    //   PUTs, transitions: 1,024 × 30.4167 = 31,146.7 each
    //   GETs STANDARD 1,024 × 30.5 × 4 = 124,928; IA 1,024 × 335 × 0.25 = 85,760
    //   retrieval 256 × 335 × 0.25 = 21,440 GB; restores 0.5% of 93,440 = 467.2 GB
    // gold (30.72 GB/day, 983.04 objects/day of 32 MB):
    //   STANDARD 30.72 × 730.5 = 22,440.96 GB-Mo; PUTs 29,900.8
    //   GETs 983.04 × 730.5 × 20 = 14,362,214.4
    let t = Tally {
        std_gb_mo: 31_232.0 + 7_808.0 + 22_440.96,
        sia_gb_mo: 61_440.0 + 85_760.0,
        glacier_gb_mo: 655_360.0 + 93_440.0,
        glacier_objects_mo: 5_242_880.0 + 373_760.0,
        puts: (8_192.0 + 1_024.0 + 983.04) * DPM,
        gets_std: 296_714.24 + 124_928.0 + 14_362_214.4,
        gets_sia: 98_304.0 + 85_760.0,
        retrieval_sia_gb: 12_288.0 + 21_440.0,
        to_sia: (8_192.0 + 1_024.0) * DPM,
        to_glacier: (8_192.0 + 1_024.0) * DPM,
        restored_gb: 6_553.6 + 467.2,
    };
    let expected = t.cost();
    let e = estimate();
    let reported = e
        .steady_state
        .as_ref()
        .unwrap()
        .total_for(Service::S3)
        .value();
    assert!(
        (reported - expected).abs() < 0.005,
        "reported {reported:.4}, closed form {expected:.4}"
    );
}
