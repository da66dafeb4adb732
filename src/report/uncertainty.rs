//! The uncertainty sections of a report, as rows every renderer lays out in its own
//! medium: the bill's percentiles by service, what drives it (the tornado), and how
//! many samples stand behind the numbers.

use super::format::money;
use crate::uncertainty::{Metric, Percentiles, UncertaintyReport};
use crate::units::Usd;

pub const PERCENTILE_HEADER: [&str; 7] = [
    "service",
    "steady P10",
    "steady P50",
    "steady P90",
    "horizon P10",
    "horizon P50",
    "horizon P90",
];

pub const TORNADO_HEADER: [&str; 7] = [
    "",
    "input",
    "P10 → P90",
    "bill at P10",
    "bill at P90",
    "swing",
    "rank corr.",
];

fn three(p: Option<&Percentiles>) -> [String; 3] {
    match p {
        Some(p) => [p.p10, p.p50, p.p90].map(|v| money(Usd(v))),
        None => Default::default(),
    }
}

/// One row per service, then the total: steady-state month and horizon, P10/P50/P90.
pub fn percentile_rows(u: &UncertaintyReport) -> Vec<Vec<String>> {
    let row = |name: &str, steady: Option<&Percentiles>, horizon: &Percentiles| {
        let mut r = vec![name.to_string()];
        r.extend(three(steady));
        r.extend(three(Some(horizon)));
        r
    };
    let mut rows: Vec<Vec<String>> = u
        .services
        .iter()
        .map(|s| {
            row(
                s.service.name(),
                s.steady_state_usd.as_ref(),
                &s.horizon_usd,
            )
        })
        .collect();
    rows.push(row(
        "total",
        u.steady_state_usd.as_ref(),
        &u.horizon_total_usd,
    ));
    rows
}

/// The tornado, widest swing first.
pub fn tornado_rows(u: &UncertaintyReport) -> Vec<Vec<String>> {
    u.tornado
        .iter()
        .enumerate()
        .map(|(i, t)| {
            vec![
                format!("{}", i + 1),
                t.key.clone(),
                format!("{} → {}", t.low, t.high),
                money(Usd(t.usd_at_low)),
                money(Usd(t.usd_at_high)),
                money(Usd(t.swing_usd)),
                format!("{:+.2}", t.spearman),
            ]
        })
        .collect()
}

/// What the tornado measures.
pub fn metric_name(u: &UncertaintyReport) -> &'static str {
    match u.metric {
        Metric::Steady => "steady-state monthly bill",
        Metric::Horizon => "horizon total",
    }
}

/// How many samples, drawn how, and the standard error of the headline percentiles.
pub fn note(u: &UncertaintyReport) -> String {
    let headline = u.steady_state_usd.as_ref().unwrap_or(&u.horizon_total_usd);
    let what = if u.steady_state_usd.is_some() {
        "steady state"
    } else {
        "horizon"
    };
    let [a, b, c] = headline.se.map(|v| money(Usd(v)));
    format!(
        "n = {} samples, seed {} ({}). Standard error of the {what} P10 / P50 / P90: ±{a} / ±{b} / ±{c}.",
        u.samples, u.seed, u.method
    )
}
