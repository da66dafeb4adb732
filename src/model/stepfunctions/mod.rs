//! AWS Step Functions (AWS Step Functions pricing page): standard workflows bill state
//! transitions; express workflows bill requests and GB-seconds of duration (rounded up
//! to 100 ms, memory in 64 MB steps, both unverified), in tiers shared by the account's
//! express workflows. GB-seconds are the Price List's unit (usage type
//! `StepFunctions-GB-Second`), so its tier bounds (3,600,000 and 18,000,000 GB-s) apply
//! as written.

pub mod keys;

use super::timeline::DAYS_PER_MONTH;
use super::{Bill, Monthly, Service, price_shared_tiers};
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::{Scenario, StateMachine, WorkflowType};

use crate::units::MIB as MB;
const DURATION_STEP_SECONDS: f64 = 0.1;
const MEMORY_STEP_MB: f64 = 64.0;
/// State transitions a month the free tier covers (standard workflows).
pub const FREE_TRANSITIONS: f64 = 4_000.0;

fn transitions(m: &StateMachine) -> f64 {
    executions(m) * m.transitions_per_execution
}

fn executions(m: &StateMachine) -> f64 {
    m.executions_per_day * DAYS_PER_MONTH
}

/// GB-seconds a month of an express workflow.
pub fn express_gb_seconds(m: &StateMachine) -> f64 {
    let seconds = (m.duration.seconds() / DURATION_STEP_SECONDS).ceil() * DURATION_STEP_SECONDS;
    let gb = ((m.memory.0 / MB) / MEMORY_STEP_MB).ceil().max(1.0) * MEMORY_STEP_MB / 1024.0;
    executions(m) * seconds * gb
}

pub fn estimate(s: &Scenario, book: &PriceBook) -> Result<Monthly, PricingError> {
    let mut b = Bill::new(book, &s.region, Service::Stepfunctions);
    let standard = |m: &&StateMachine| m.kind == WorkflowType::Standard;
    let asking: f64 = s
        .stepfunctions
        .state_machines
        .iter()
        .filter(standard)
        .filter(|m| m.free_tier)
        .map(transitions)
        .sum();
    for m in &s.stepfunctions.state_machines {
        match m.kind {
            WorkflowType::Standard => b.add(
                &m.name,
                &keys::STANDARD_TRANSITIONS,
                if m.free_tier {
                    "state transitions (after the free 4,000)"
                } else {
                    "state transitions"
                },
                transitions(m) * super::after_free_tier(m.free_tier, FREE_TRANSITIONS, asking),
            )?,
            WorkflowType::Express => b.add(
                &m.name,
                &keys::EXPRESS_REQUESTS,
                "express requests",
                executions(m),
            )?,
        }
    }
    let shares: Vec<(&str, String, f64)> = s
        .stepfunctions
        .state_machines
        .iter()
        .filter(|m| m.kind == WorkflowType::Express)
        .map(|m| {
            (
                m.name.as_str(),
                "express duration GB-seconds".to_string(),
                express_gb_seconds(m),
            )
        })
        .collect();
    if shares.iter().any(|x| x.2 > 0.0) {
        let price = book.price(&s.region, &keys::EXPRESS_DURATION)?;
        b.lines.extend(
            price_shared_tiers(Service::Stepfunctions, price, &shares)?
                .into_iter()
                .map(|(_, l)| l),
        );
    }
    Ok(Monthly {
        lines: b.lines,
        capacity: Vec::new(),
    })
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::Stepfunctions,
    keys: keys::ALL,
    billing: super::services::Billing::Steady(estimate),
    check: None,
    feeds: None,
    colour: 8,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{Bytes, Duration};

    fn machine(kind: WorkflowType) -> StateMachine {
        StateMachine {
            name: "m".into(),
            loc: None,
            kind,
            executions_per_day: 1_000_000.0 / DAYS_PER_MONTH,
            transitions_per_execution: 12.0,
            duration: Duration(0.25),
            memory: Bytes(100.0 * MB),
            free_tier: false,
        }
    }

    fn total(m: StateMachine) -> f64 {
        let mut s = Scenario::new("t", "us-east-1", 1);
        s.stepfunctions.state_machines.push(m);
        estimate(&s, &PriceBook::bundled().unwrap())
            .unwrap()
            .total()
            .value()
    }

    #[test]
    fn standard_bills_transitions() {
        // 1 M executions × 12 transitions = 12 M × $0.025 per 1,000 = $300.
        assert!((total(machine(WorkflowType::Standard)) - 300.0).abs() < 1e-6);
    }

    #[test]
    fn the_standard_free_tier_covers_4000_transitions_when_asked() {
        // AWS Step Functions pricing: 4,000 free state transitions a month. 12 M
        // transitions − 4,000 = 11,996,000 × $0.000025 = $299.90.
        let mut m = machine(WorkflowType::Standard);
        m.free_tier = true;
        assert!((total(m) - 299.9).abs() < 1e-6);
        // Two machines asking share it: 12 M + 12 M − 4,000 = $599.90 in all.
        let mut s = Scenario::new("t", "us-east-1", 1);
        for name in ["a", "b"] {
            let mut m = machine(WorkflowType::Standard);
            m.name = name.into();
            m.free_tier = true;
            s.stepfunctions.state_machines.push(m);
        }
        let both = estimate(&s, &PriceBook::bundled().unwrap()).unwrap();
        assert!((both.total().value() - 599.9).abs() < 1e-6);
    }

    #[test]
    fn express_bills_requests_and_gb_seconds() {
        // 1 M requests × $1/M = $1. Duration 250 ms → 300 ms; 100 MB → 128 MB:
        // 1 M × 0.3 s × 0.125 GB = 37,500 GB-s × $0.00001667 (first 3,600,000 GB-s,
        // us-east-1, feed meteredUnitMaps/states 2025-08-28) = $0.625125.
        let expected = 1.0 + 37_500.0 * 0.00001667;
        assert!((total(machine(WorkflowType::Express)) - expected).abs() < 1e-6);
    }
}
