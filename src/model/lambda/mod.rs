//! AWS Lambda (AWS Lambda pricing page): requests, and GB-seconds of duration by
//! architecture in monthly volume tiers shared by the account's functions; ephemeral
//! storage beyond 512 MB. The free tier (1 M requests and 400,000 GB-seconds a month)
//! applies only to functions that ask for it, shared in proportion.

pub mod keys;

use super::services::LayerMonth;
use super::timeline::DAYS_PER_MONTH;
use super::{Bill, CapacityRow, LineItem, Service, price_shared_tiers};
use crate::pricing::spec::PriceKey;
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::{Architecture, LambdaFunction, Scenario};

/// The duration price of an architecture.
fn duration_key(arch: Architecture) -> &'static PriceKey {
    match arch {
        Architecture::X86_64 => &keys::DURATION_X86_64,
        Architecture::Arm64 => &keys::DURATION_ARM64,
    }
}

pub const FREE_REQUESTS: f64 = 1_000_000.0;
pub const FREE_GB_SECONDS: f64 = 400_000.0;
/// Storage included with every function: 512 MB.
pub const INCLUDED_STORAGE_GB: f64 = 0.5;

/// Duration is billed in 1 ms steps.
pub fn billed_seconds(f: &LambdaFunction) -> f64 {
    (f.duration.seconds() * 1000.0).ceil() / 1000.0
}

fn requests(f: &LambdaFunction) -> f64 {
    f.invocations_per_day * DAYS_PER_MONTH
}

/// GB-seconds a month: invocations × billed seconds × memory in GB.
pub fn gb_seconds(f: &LambdaFunction) -> f64 {
    requests(f) * billed_seconds(f) * f.memory.gib()
}

fn after_free(f: &LambdaFunction, free: f64, total_asking: f64) -> f64 {
    super::after_free_tier(f.free_tier, free, total_asking)
}

/// The functions as they run in a month of what the layers did: one that names a layer
/// is invoked once per object landed in its share of the layer.
fn functions_in(s: &Scenario, layers: &LayerMonth) -> Vec<LambdaFunction> {
    s.lambda
        .functions
        .iter()
        .map(|f| {
            let mut f = f.clone();
            if let Some(input) = &f.input {
                f.invocations_per_day = layers.objects_per_day(s, input);
            }
            f
        })
        .collect()
}

/// What the functions read of a month: their layers' objects.
fn reads(s: &Scenario, layers: &LayerMonth) -> Vec<f64> {
    layers.each(
        s,
        s.lambda.functions.iter().filter_map(|f| f.input.as_ref()),
        LayerMonth::objects_per_day,
    )
}

fn month(
    s: &Scenario,
    book: &PriceBook,
    layers: &LayerMonth,
) -> Result<Vec<LineItem>, PricingError> {
    let functions = functions_in(s, layers);
    let asking = |q: fn(&LambdaFunction) -> f64| -> f64 {
        functions.iter().filter(|f| f.free_tier).map(q).sum()
    };
    let (asking_requests, asking_gbs) = (asking(requests), asking(gb_seconds));
    let mut b = Bill::new(book, &s.region, Service::Lambda);
    for f in &functions {
        b.add(
            &f.name,
            &keys::REQUESTS,
            "requests",
            requests(f) * after_free(f, FREE_REQUESTS, asking_requests),
        )?;
    }
    for arch in [Architecture::X86_64, Architecture::Arm64] {
        let shares: Vec<(&str, &str, f64)> = functions
            .iter()
            .filter(|f| f.architecture == arch)
            .map(|f| {
                (
                    f.name.as_str(),
                    match arch {
                        Architecture::X86_64 => "duration GB-seconds (x86_64)",
                        Architecture::Arm64 => "duration GB-seconds (arm64)",
                    },
                    gb_seconds(f) * after_free(f, FREE_GB_SECONDS, asking_gbs),
                )
            })
            .collect();
        if shares.iter().any(|x| x.2 > 0.0) {
            let price = book.price(&s.region, duration_key(arch))?;
            b.lines.extend(
                price_shared_tiers(Service::Lambda, price, &shares)?
                    .into_iter()
                    .map(|(_, l)| l),
            );
        }
    }
    for f in &functions {
        let extra = (f.ephemeral_storage.gib() - INCLUDED_STORAGE_GB).max(0.0);
        b.add(
            &f.name,
            &keys::EPHEMERAL_STORAGE,
            "ephemeral storage beyond 512 MB, GB-seconds",
            extra * requests(f) * billed_seconds(f),
        )?;
    }
    Ok(b.lines)
}

fn capacity(
    s: &Scenario,
    _: &PriceBook,
    layers: &LayerMonth,
) -> Result<Vec<CapacityRow>, PricingError> {
    Ok(functions_in(s, layers)
        .iter()
        .zip(&s.lambda.functions)
        .map(|(f, written)| CapacityRow {
            service: Service::Lambda,
            resource: f.name.clone(),
            metric: "invocations per day".into(),
            value: f.invocations_per_day,
            unit: "invocations".into(),
            note: match &written.input {
                Some(input) => format!(
                    "one per object landed in {:.0}% of layer `{}`",
                    input.share.value() * 100.0,
                    input.layer
                ),
                None => "fixed: follows no layer".into(),
            },
        })
        .collect())
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::Lambda,
    keys: keys::ALL,
    billing: super::services::Billing::FollowsLayers {
        month,
        capacity,
        reads: Some(reads),
        fixed: None,
    },
    check: None,
    feeds: None,
    colour: 7,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{Bytes, Duration};

    fn function(memory_mb: f64, arch: Architecture, free_tier: bool) -> LambdaFunction {
        // 1,000,000 invocations a month of 1 s.
        LambdaFunction {
            name: "f".into(),
            loc: None,
            invocations_per_day: 1_000_000.0 / DAYS_PER_MONTH,
            input: None,
            duration: Duration(1.0),
            memory: Bytes::from_kib(memory_mb * 1024.0),
            ephemeral_storage: Bytes::from_kib(512.0 * 1024.0),
            architecture: arch,
            free_tier,
        }
    }

    fn total(f: LambdaFunction) -> f64 {
        let mut s = Scenario::new("t", "us-east-1", 1);
        s.lambda.functions.push(f);
        month(&s, &PriceBook::bundled().unwrap(), &LayerMonth::NONE)
            .unwrap()
            .iter()
            .map(|l| l.cost_usd.value())
            .sum()
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-6 * b.abs().max(1.0), "{a} != {b}");
    }

    #[test]
    fn memory_and_architecture() {
        // 1 M requests × $0.20/M = $0.20.
        // 128 MB: 1 M × 1 s × 0.125 GB = 125,000 GB-s × $0.0000166667 (x86) = $2.0833.
        close(
            total(function(128.0, Architecture::X86_64, false)),
            0.2 + 125_000.0 * 0.0000166667,
        );
        //                                                 × $0.0000133334 (arm) = $1.6667.
        close(
            total(function(128.0, Architecture::Arm64, false)),
            0.2 + 125_000.0 * 0.0000133334,
        );
        // 10 GB: 10,000,000 GB-s × $0.0000166667 = $166.667 (first tier).
        close(
            total(function(10_240.0, Architecture::X86_64, false)),
            0.2 + 10_000_000.0 * 0.0000166667,
        );
    }

    #[test]
    fn free_tier_only_when_asked() {
        // With the free tier, the first 1 M requests and 400,000 GB-s are free: 128 MB
        // uses 125,000 GB-s, all free; 10 GB pays for 9,600,000 GB-s.
        close(total(function(128.0, Architecture::X86_64, true)), 0.0);
        close(
            total(function(10_240.0, Architecture::X86_64, true)),
            9_600_000.0 * 0.0000166667,
        );
    }
}
