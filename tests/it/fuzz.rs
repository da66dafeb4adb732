//! The fuzz harness: arbitrary bytes and structure-aware mutations of the bundled
//! scenarios go through load → validate → estimate. Nothing may panic; an accepted
//! scenario is estimated within a second and every figure of its bill is finite; the
//! whole run stays under 200 MB.
//!
//! `cargo test --test it fuzz` runs a short pass (part of `.ci/run`). A longer run:
//! `PROPTEST_CASES=20000 cargo test --release --test it fuzz` (README, Development).

use lakecost::model;
use lakecost::pricing::PriceBook;
use lakecost::scenario::load_str;
use proptest::prelude::*;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const SCENARIOS: &[&str] = &[
    include_str!("../../scenarios/1tb-day.yaml"),
    include_str!("../../scenarios/1tb-day-uncertain.yaml"),
    include_str!("../../scenarios/streaming-10k-eps.yaml"),
    include_str!("../../scenarios/glue-vs-emr.yaml"),
    include_str!("../../scenarios/small-team.yaml"),
    include_str!("../../scenarios/lifecycle-mistakes.yaml"),
    include_str!("../../scenarios/starter.yaml"),
    include_str!("../../scenarios/minimal.yaml"),
];

/// Values a number or a quantity may be replaced with: edges, extremes, nonsense.
const VALUES: &[&str] = &[
    "0",
    "-1",
    "1",
    "0.5",
    "1e308",
    "-1e308",
    "1e-308",
    "NaN",
    ".nan",
    "inf",
    ".inf",
    "36500",
    "36501",
    "4294967295",
    "4294967296",
    "999999999999",
    "1 B",
    "1 PB",
    "1024 PB",
    "5 TB",
    "1000000 days",
    "100%",
    "0%",
    "1000%",
    "-5%",
    "1 ms",
    "900 s",
    "\"\"",
    "[]",
    "{}",
    "~",
    "{ p10: 1, p90: 2 }",
    "{ min: 0, mode: 1, max: 1e300 }",
    "\"\\u202e\"",
];

fn book() -> &'static PriceBook {
    static BOOK: OnceLock<PriceBook> = OnceLock::new();
    BOOK.get_or_init(|| PriceBook::bundled().unwrap())
}

/// Loads, checks and prices `text`; an accepted scenario is priced within the time
/// bound and every figure of its bill is finite.
fn exercise(text: &str) {
    let started = Instant::now();
    let Ok(s) = load_str(text) else { return };
    let _ = model::check(&s, book());
    if let Ok(e) = model::estimate(&s, book()) {
        let lines = e
            .months
            .iter()
            .chain(e.steady_state.iter())
            .flat_map(|m| &m.lines);
        for l in lines {
            assert!(
                l.quantity.is_finite() && l.cost_usd.value().is_finite(),
                "{l:?}"
            );
            assert!(l.cost_usd.value() >= 0.0, "{l:?}");
        }
        for c in &e.capacity {
            assert!(c.value.is_finite(), "{c:?}");
        }
    }
    let took = started.elapsed();
    // Debug builds run the models about ten times slower than release: the bound is
    // the second, scaled accordingly.
    let bound = if cfg!(debug_assertions) {
        Duration::from_secs(10)
    } else {
        Duration::from_secs(1)
    };
    assert!(took < bound, "took {took:?}:\n{text}");
}

/// A mutation of a bundled scenario, line by line: a value replaced, a line dropped,
/// doubled or swapped with another, or a character inserted.
#[derive(Clone, Debug)]
enum Mutation {
    Value { line: usize, value: usize },
    Drop(usize),
    Double(usize),
    Swap(usize, usize),
    Insert { line: usize, at: usize, c: char },
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match *m {
            Mutation::Value { line, value } => {
                let l = &mut lines[line % n];
                // The value after the last `key:` on the line.
                if let Some(i) = l.rfind(": ") {
                    let end = l[i + 2..]
                        .find([',', '}', '#'])
                        .map_or(l.len(), |j| i + 2 + j);
                    l.replace_range(i + 2..end, VALUES[value % VALUES.len()]);
                }
            }
            Mutation::Drop(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::Double(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::Insert { line, at, c } if !lines.is_empty() => {
                let l = &mut lines[line % n];
                let at = l
                    .char_indices()
                    .nth(at % (l.chars().count() + 1))
                    .map_or(l.len(), |(i, _)| i);
                l.insert(at, c);
            }
            _ => {}
        }
    }
    lines.join("\n") + "\n"
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), any::<usize>()).prop_map(|(line, value)| Mutation::Value { line, value }),
        1 => any::<usize>().prop_map(Mutation::Drop),
        1 => any::<usize>().prop_map(Mutation::Double),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        1 => (any::<usize>(), any::<usize>(), any::<char>()).prop_map(|(line, at, c)| Mutation::Insert { line, at, c }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn mutated_scenarios_never_panic(
        which in 0..SCENARIOS.len(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        exercise(&mutate(SCENARIOS[which], &mutations));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        exercise(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_text_after_a_valid_head_never_panics(tail in "\\PC{0,300}") {
        exercise(&format!("version: 1\nname: t\nregion: us-east-1\n{tail}"));
    }
}

/// Peak memory of every bundled scenario loaded, validated and estimated. The tests
/// share one process, so the measuring is done in a process of its own: the test
/// binary run again for this test only.
#[test]
fn the_run_stays_under_200_mb() {
    const CHILD: &str = "LAKECOST_MEASURE_MEMORY";
    if std::env::var_os(CHILD).is_none() {
        let o = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "fuzz::the_run_stays_under_200_mb",
                "--test-threads=1",
            ])
            .env(CHILD, "1")
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success() && out.contains("1 passed"),
            "{out}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        return;
    }
    for text in SCENARIOS {
        exercise(text);
    }
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    // ru_maxrss is in KiB on Linux.
    assert!(
        usage.ru_maxrss < 200 * 1024,
        "peak RSS {} KiB",
        usage.ru_maxrss
    );
}
