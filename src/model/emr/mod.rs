//! Amazon EMR on EC2 and EMR Serverless (Amazon EMR pricing page; EMR Serverless user guide).
//!
//! On EC2, each instance pays the EC2 price (on-demand, or spot: on-demand less a
//! discount) plus the EMR price for its type — in full on spot too — plus its EBS
//! volumes pro rata; per second with a one-minute minimum. A transient cluster bills
//! bootstrap + job + idle time per run, and spot interruptions add expected rework.

pub mod keys;

use super::instances::{INSTANCE_TYPES, instance};
use super::timeline::DAYS_PER_MONTH;
use super::{Bill, CapacityRow, Finding, LineItem, Monthly, Service, Severity};
use crate::pricing::spec::PriceKey;
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::{Architecture, EmrCluster, InstanceGroup, Market, Scenario, Schedule};
use crate::units::HOURS_PER_MONTH;

/// EMR bills per second with a one-minute minimum.
pub const MINIMUM_SECONDS: f64 = 60.0;

/// A cluster's groups with their role names.
fn groups(c: &EmrCluster) -> Vec<(&'static str, &InstanceGroup)> {
    let mut v = vec![("primary", &c.primary)];
    v.extend(c.core.as_ref().map(|g| ("core", g)));
    v.extend(c.task.as_ref().map(|g| ("task", g)));
    v
}

fn spot_instances(c: &EmrCluster) -> f64 {
    groups(c)
        .iter()
        .filter(|(_, g)| g.market == Market::Spot)
        .map(|(_, g)| f64::from(g.count))
        .sum()
}

/// Instance-hours a month for one instance of the cluster, and the extra hours of
/// spot replacements a month (for one spot group's type).
///
/// Rework model: interruptions arrive at `spot_interruptions_per_hour` per spot
/// instance-hour of job time. Each loses half a stage of that instance's work, which
/// the cluster redoes, lengthening the run by `stage/2 ÷ workers`; and each brings a
/// replacement that bills its own bootstrap.
pub fn hours_per_instance(c: &EmrCluster) -> (f64, f64) {
    let workers = groups(c)
        .iter()
        .filter(|(role, _)| *role != "primary")
        .map(|(_, g)| f64::from(g.count))
        .sum::<f64>()
        .max(1.0);
    let half_stage = c.stage_length.hours() / 2.0;
    match c.schedule {
        Schedule::Runs {
            runs_per_day,
            duration,
            bootstrap,
            idle,
        } => {
            let interruptions =
                c.spot_interruptions_per_hour * spot_instances(c) * duration.hours();
            let run = bootstrap.hours()
                + duration.hours()
                + idle.hours()
                + interruptions * half_stage / workers;
            let billed = run.max(MINIMUM_SECONDS / 3600.0);
            let runs = runs_per_day * DAYS_PER_MONTH;
            (billed * runs, interruptions * bootstrap.hours() * runs)
        }
        Schedule::LongRunning { hours_per_day } => {
            let hours = hours_per_day * DAYS_PER_MONTH;
            let interruptions = c.spot_interruptions_per_hour * spot_instances(c) * hours;
            (hours, interruptions * half_stage)
        }
    }
}

fn cluster_lines(
    b: &mut Bill,
    book: &PriceBook,
    region: &str,
    c: &EmrCluster,
    capacity: &mut Vec<CapacityRow>,
) -> Result<(), PricingError> {
    let (per_instance, replacements) = hours_per_instance(c);
    let mut instance_hours = 0.0;
    let mut vcpu_hours = 0.0;
    let mut replaced = false;
    for (role, g) in groups(c) {
        let Some(it) = instance(&g.instance) else {
            continue;
        };
        let mut hours = per_instance * f64::from(g.count);
        if g.market == Market::Spot && !replaced {
            // Replacements come from the first spot group.
            hours += replacements;
            replaced = true;
        }
        if hours <= 0.0 {
            continue;
        }
        instance_hours += hours;
        vcpu_hours += hours * it.vcpu;
        let ec2 = book.get(region, &keys::EC2_INSTANCE.of(it.name))?;
        match g.market {
            Market::OnDemand => {
                b.add_derived(
                    &c.name,
                    &ec2.key,
                    format!("EC2 {} {role} on-demand", it.name),
                    hours,
                )?;
            }
            Market::Spot => {
                // The scenario's own discount wins; else the Spot Advisor's saving for
                // the type and region, an assumption that moves daily.
                let (discount, from_book) = match c.spot_discount {
                    Some(d) => (d.value(), None),
                    None => {
                        let p = book.get(region, &keys::EC2_SPOT_DISCOUNT.of(it.name))?;
                        (p.rate(), Some(p))
                    }
                };
                let mut line = LineItem::priced(
                    Service::Emr,
                    c.name.as_str(),
                    format!("EC2 {} {role} spot ({:.0}% off)", it.name, discount * 100.0),
                    hours,
                    ec2,
                    crate::pricing::Tier {
                        usd: ec2.rate() * (1.0 - discount),
                        ..ec2.tiers[0]
                    },
                );
                if let Some(p) = from_book
                    && p.confidence.is_unverified()
                {
                    line.confidence = p.confidence;
                }
                b.lines.push(line);
                capacity.push(CapacityRow {
                    service: Service::Emr,
                    resource: c.name.clone(),
                    metric: format!("spot discount {} {role}", it.name),
                    value: discount * 100.0,
                    unit: "%".into(),
                    note: spot_note(from_book.map(|p| &**p)),
                });
            }
        }
        // The EMR price is charged in full whatever the EC2 market. Where no price for
        // the type is known in the region, it is left out and said so, never guessed.
        let uplift = keys::FEE_INSTANCE.of(it.name);
        match book.get(region, &uplift) {
            Err(PricingError::Missing { .. }) => capacity.push(CapacityRow {
                service: Service::Emr,
                resource: c.name.clone(),
                metric: format!("EMR price {} {role}", it.name),
                value: 0.0,
                unit: "$/hour".into(),
                note: format!(
                    "unknown in {region}: NOT included (see LC-EMR-003); `lakecost pricing refresh --region {region} --services emr` fetches it"
                ),
            }),
            _ => b.add_derived(&c.name, &uplift, format!("EMR {} {role}", it.name), hours)?,
        }
        b.add(
            &c.name,
            &keys::EBS_GP3,
            format!("EBS gp3 {role}"),
            c.ebs_per_instance.gib() * hours / HOURS_PER_MONTH,
        )?;
    }
    capacity.push(CapacityRow {
        service: Service::Emr,
        resource: c.name.clone(),
        metric: "instance-hours per month".into(),
        value: instance_hours,
        unit: "instance-hours".into(),
        note: format!(
            "{:.2} h billed per instance{}",
            match c.schedule {
                Schedule::Runs { runs_per_day, .. } =>
                    per_instance / (runs_per_day * DAYS_PER_MONTH).max(1e-12),
                Schedule::LongRunning { hours_per_day } => hours_per_day,
            },
            match c.schedule {
                Schedule::Runs { .. } => " a run (bootstrap + job + idle + expected spot rework)",
                Schedule::LongRunning { .. } => " a day",
            }
        ),
    });
    capacity.push(CapacityRow {
        service: Service::Emr,
        resource: c.name.clone(),
        metric: "vCPU-hours per month".into(),
        value: vcpu_hours,
        unit: "vCPU-hours".into(),
        note: String::new(),
    });
    Ok(())
}

/// EMR Serverless's vCPU-hour and memory GB-hour prices of an architecture.
fn serverless_keys(arch: Architecture) -> (&'static PriceKey, &'static PriceKey) {
    match arch {
        Architecture::X86_64 => (
            &keys::SERVERLESS_VCPU_X86_64,
            &keys::SERVERLESS_MEMORY_X86_64,
        ),
        Architecture::Arm64 => (&keys::SERVERLESS_VCPU_ARM64, &keys::SERVERLESS_MEMORY_ARM64),
    }
}

pub fn estimate(s: &Scenario, book: &PriceBook) -> Result<Monthly, PricingError> {
    let mut b = Bill::new(book, &s.region, Service::Emr);
    let mut capacity = Vec::new();
    for c in &s.emr.clusters {
        cluster_lines(&mut b, book, &s.region, c, &mut capacity)?;
    }
    for a in &s.emr.serverless {
        let (vcpu, memory) = serverless_keys(a.architecture);
        let arch = a.architecture.name();
        let runs = a.runs_per_day * DAYS_PER_MONTH;
        b.add(
            &a.name,
            vcpu,
            format!("vCPU-hours ({arch})"),
            a.vcpu_hours * runs,
        )?;
        b.add(
            &a.name,
            memory,
            format!("memory GB-hours ({arch})"),
            a.memory_gb_hours * runs,
        )?;
        b.add(
            &a.name,
            &keys::SERVERLESS_STORAGE,
            "ephemeral storage beyond 20 GB/worker",
            a.extra_storage_gb_hours * runs,
        )?;
        capacity.push(CapacityRow {
            service: Service::Emr,
            resource: a.name.clone(),
            metric: "vCPU-hours per month".into(),
            value: a.vcpu_hours * runs,
            unit: "vCPU-hours".into(),
            note: format!("serverless, {arch}"),
        });
    }
    Ok(Monthly {
        lines: b.lines,
        capacity,
    })
}

/// Where a spot discount came from, for the capacity note.
fn spot_note(from_book: Option<&crate::pricing::Price>) -> String {
    match from_book {
        None => "from the scenario's spot_discount".into(),
        Some(p) => {
            let band = p
                .attributes
                .split(';')
                .find_map(|a| a.strip_prefix("interruption="))
                .map(|b| format!(", interruptions {b}"))
                .unwrap_or_default();
            format!(
                "Spot Instance Advisor saving dated {}{band}: an assumption that moves daily, not a price; set spot_discount to use your own",
                if p.effective_date.is_empty() {
                    "unknown"
                } else {
                    &p.effective_date
                }
            )
        }
    }
}

/// `LC-EMR-…` findings.
pub fn check(s: &Scenario, book: &PriceBook) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &s.emr.clusters {
        // One LC-EMR-003 per instance type a cluster lacks the EMR price of, naming
        // every role it plays.
        let mut unpriced: Vec<(&str, Vec<&str>)> = Vec::new();
        for (role, g) in groups(c) {
            if instance(&g.instance).is_none() {
                let mut families: Vec<&str> = INSTANCE_TYPES.iter().map(|i| i.family()).collect();
                families.dedup();
                let near = crate::scenario::did_you_mean(
                    &g.instance,
                    INSTANCE_TYPES.iter().map(|i| i.name),
                );
                out.push(Finding {
                    code: "LC-EMR-002",
                    severity: Severity::Error,
                    resource: c.name.clone(),
                    message: format!(
                        "instance type `{}` ({role}) is not in lakecost's catalogue{near}; it knows the families {} in sizes xlarge to 16xlarge",
                        g.instance,
                        families.join(", ")
                    ),
                    monthly_cost_usd: None,
                    loc: c.loc,
                });
                continue;
            }
            if matches!(
                book.get(&s.region, &keys::FEE_INSTANCE.of(&g.instance)),
                Err(PricingError::Missing { .. })
            ) {
                match unpriced.iter_mut().find(|(t, _)| *t == g.instance) {
                    Some((_, roles)) => roles.push(role),
                    None => unpriced.push((&g.instance, vec![role])),
                }
            }
            if let (Some(need), Some(t)) = (c.memory_per_vcpu, instance(&g.instance))
                && role != "primary"
                && t.memory_gib / t.vcpu < need.gib()
            {
                out.push(Finding {
                    code: "LC-EMR-004",
                    severity: Severity::Warning,
                    resource: c.name.clone(),
                    message: format!(
                        "{role} nodes ({}) have {} GB per vCPU, less than the {} GB per vCPU the work needs (`memory_per_vcpu`): executors spill to disk or fail; choose a type with more memory per vCPU",
                        g.instance,
                        crate::text::significant(t.memory_gib / t.vcpu, 3),
                        crate::text::significant(need.gib(), 3)
                    ),
                    monthly_cost_usd: None,
                    loc: c.loc,
                });
            }
            if g.market == Market::Spot && role != "task" {
                out.push(Finding {
                    code: "LC-EMR-001",
                    severity: Severity::Warning,
                    resource: c.name.clone(),
                    message: format!(
                        "{role} nodes on spot: losing the {role} node{} loses the cluster or its HDFS data; keep primary and core on-demand and put spot on task nodes",
                        if role == "core" { "s" } else { "" }
                    ),
                    monthly_cost_usd: None,
                    loc: c.loc,
                });
            }
        }
        for (instance, roles) in unpriced {
            out.push(Finding {
                code: "LC-EMR-003",
                severity: Severity::Warning,
                resource: c.name.clone(),
                message: format!(
                    "the EMR price for {instance} ({}) in {} is not in the price snapshot, so the estimate includes its EC2 and EBS cost but not the EMR charge on top; `lakecost pricing refresh --region {} --services emr` fetches it",
                    roles.join(", "),
                    s.region,
                    s.region
                ),
                monthly_cost_usd: None,
                loc: c.loc,
            });
        }
    }
    out
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::Emr,
    keys: keys::ALL,
    billing: super::services::Billing::Steady(estimate),
    check: Some(|c| Ok(check(c.scenario, c.book))),
    feeds: None,
    colour: 5,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{Bytes, Duration, Fraction};

    fn cluster(task: Option<InstanceGroup>, runs: Schedule) -> EmrCluster {
        EmrCluster {
            name: "c".into(),
            loc: None,
            primary: InstanceGroup {
                instance: "m5.xlarge".into(),
                count: 1,
                market: Market::OnDemand,
            },
            core: Some(InstanceGroup {
                instance: "m5.xlarge".into(),
                count: 2,
                market: Market::OnDemand,
            }),
            task,
            ebs_per_instance: Bytes::ZERO,
            schedule: runs,
            spot_discount: None,
            spot_interruptions_per_hour: 0.0,
            stage_length: Duration(600.0),
            memory_per_vcpu: None,
            alternative_of: None,
        }
    }

    fn one_hour_once() -> Schedule {
        // One run a month (runs_per_day × 30.42 = 1), one hour, no bootstrap or idle.
        Schedule::Runs {
            runs_per_day: 1.0 / DAYS_PER_MONTH,
            duration: Duration(3600.0),
            bootstrap: Duration(0.0),
            idle: Duration(0.0),
        }
    }

    fn total(c: EmrCluster) -> f64 {
        let mut s = Scenario::new("t", "us-east-1", 1);
        s.emr.clusters.push(c);
        estimate(&s, &PriceBook::bundled().unwrap())
            .unwrap()
            .total()
            .value()
    }

    #[test]
    fn three_m5_xlarge_for_an_hour_pay_ec2_plus_emr_each() {
        // 3 × (EC2 $0.192 + EMR $0.048) = $0.72.
        assert!((total(cluster(None, one_hour_once())) - 0.72).abs() < 1e-9);
    }

    #[test]
    fn spot_task_nodes_pay_full_emr_on_discounted_ec2() {
        // + 4 × r5.4xlarge spot at 65% off: 4 × (1.008 × 0.35 + 0.252) = $2.4192.
        let mut c = cluster(
            Some(InstanceGroup {
                instance: "r5.4xlarge".into(),
                count: 4,
                market: Market::Spot,
            }),
            one_hour_once(),
        );
        c.spot_discount = Some(Fraction(0.65));
        assert!((total(c) - (0.72 + 4.0 * (1.008 * 0.35 + 0.252))).abs() < 1e-9);
    }

    #[test]
    fn ebs_is_pro_rata_and_bootstrap_and_idle_are_billed() {
        // 64 GB gp3 × 3 instances for 1 h = 192 GB × 1/730 month × $0.08 = $0.021041;
        // 8 min bootstrap + 10 min idle add 18/60 h to each instance-hour:
        // 3 × 1.3 h × $0.24 = $0.936.
        let mut c = cluster(
            None,
            Schedule::Runs {
                runs_per_day: 1.0 / DAYS_PER_MONTH,
                duration: Duration(3600.0),
                bootstrap: Duration(480.0),
                idle: Duration(600.0),
            },
        );
        c.ebs_per_instance = Bytes::from_gib(64.0);
        let expected = 3.0 * 1.3 * 0.24 + 192.0 * 1.3 / 730.0 * 0.08;
        assert!((total(c) - expected).abs() < 1e-9);
    }

    #[test]
    fn a_ten_second_job_bills_a_minute() {
        let c = cluster(
            None,
            Schedule::Runs {
                runs_per_day: 1.0 / DAYS_PER_MONTH,
                duration: Duration(10.0),
                bootstrap: Duration(0.0),
                idle: Duration(0.0),
            },
        );
        assert!((total(c) - 0.72 / 60.0).abs() < 1e-9);
    }

    #[test]
    fn spot_interruptions_add_rework_and_replacements() {
        // 4 spot task nodes, 0.5 interruptions per instance-hour, 1 h job: 2
        // interruptions. Each loses half a 10-min stage, spread over 6 workers:
        // 2 × 5 min ÷ 6 = 1.667 min longer for all 7 nodes; 2 replacements bootstrap
        // 8 min each on the task type.
        let mut c = cluster(
            Some(InstanceGroup {
                instance: "m5.xlarge".into(),
                count: 4,
                market: Market::Spot,
            }),
            Schedule::Runs {
                runs_per_day: 1.0 / DAYS_PER_MONTH,
                duration: Duration(3600.0),
                bootstrap: Duration(480.0),
                idle: Duration(0.0),
            },
        );
        c.spot_interruptions_per_hour = 0.5;
        let (per_instance, replacements) = hours_per_instance(&c);
        assert!((per_instance - (1.0 + 8.0 / 60.0 + 2.0 * (5.0 / 60.0) / 6.0)).abs() < 1e-12);
        assert!((replacements - 2.0 * 8.0 / 60.0).abs() < 1e-12);
    }
}
