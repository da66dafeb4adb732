//! Glue versus EMR: sizes each engine-neutral workload on every engine and purchase
//! option so that it meets its deadline, prices one run with the same models that
//! price `glue:` and `emr:` sections, ranks the options, and sweeps the input size to
//! find where the cheapest option changes (docs/compare.md).

use super::instances::INSTANCE_TYPES;
use super::timeline::DAYS_PER_MONTH;
use super::{emr, glue};
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::{
    Architecture, EmrCluster, EmrServerless, ExecutionClass, GlueJob, GlueVersion, InstanceGroup,
    Market, RunLength, Scenario, Schedule, Workload, serverless_worker_memory,
};
use crate::units::{Bytes, Duration, Usd};
use serde::Serialize;

/// Assumptions every option states in the report.
const EMR_BOOTSTRAP_MINUTES: f64 = 8.0;
const EMR_EBS_GIB: f64 = 32.0;
/// The primary node, matching the cluster's architecture.
fn emr_primary(arch: Architecture) -> &'static str {
    match arch {
        Architecture::X86_64 => "m5.xlarge",
        Architecture::Arm64 => "m6g.xlarge",
    }
}
const EMR_CORE_NODES: u32 = 2;
const SPOT_INTERRUPTIONS_PER_HOUR: f64 = 0.05;
/// Glue Spark jobs run on at least 2 workers.
const GLUE_MIN_WORKERS: u32 = 2;

/// Sweep: 10 GB to 100 TB, four points a decade.
const SWEEP_FROM_GB: f64 = 10.0;
const SWEEP_DECADES: u32 = 4;
const SWEEP_PER_DECADE: u32 = 4;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OptionResult {
    pub engine: &'static str,
    pub option: String,
    pub configuration: String,
    pub runtime_hours: f64,
    pub cost_per_run_usd: Usd,
    pub monthly_usd: Usd,
    pub meets_deadline: bool,
    /// Share of the cost priced with unverified (S or M) prices.
    pub unverified_share: f64,
    pub assumptions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweepPoint {
    pub input_gb: f64,
    pub cheapest: String,
    pub cost_per_run_usd: Usd,
    /// Every option's cost per run at this size (those that meet the deadline).
    pub options: Vec<OptionCost>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OptionCost {
    pub option: String,
    pub cost_per_run_usd: Usd,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakEven {
    /// Input size per run at which the cheapest option changes.
    pub input_gb: f64,
    pub below: String,
    pub above: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkloadComparison {
    pub name: String,
    pub input_per_run_gb: f64,
    pub runs_per_day: f64,
    pub deadline_hours: f64,
    pub vcpu_hours_per_run: f64,
    /// Ranked: options that meet the deadline first, cheapest first.
    pub options: Vec<OptionResult>,
    /// Options the price book cannot price in the region, each with the price it lacks:
    /// left out of the ranking rather than shown at a partial cost.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<LeftOut>,
    pub sweep: Vec<SweepPoint>,
    pub break_even: Vec<BreakEven>,
}

/// An option `compare` could not price, and the price it lacks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeftOut {
    pub option: String,
    pub price_key: String,
    pub reason: String,
}

/// The options of one size of one workload, ranked.
pub fn options_for(
    s: &Scenario,
    book: &PriceBook,
    w: &Workload,
    input: Bytes,
) -> Result<Vec<OptionResult>, PricingError> {
    Ok(priced_options(s, book, w, input)?.0)
}

/// The options of one size of one workload, ranked, and those the book cannot price.
fn priced_options(
    s: &Scenario,
    book: &PriceBook,
    w: &Workload,
    input: Bytes,
) -> Result<(Vec<OptionResult>, Vec<LeftOut>), PricingError> {
    let tb = input.gib() / 1024.0;
    let work = w.vcpu_hours_per_tb * tb;
    let mem = w.memory_per_vcpu.gib();
    let deadline = w.deadline.hours();
    let runs_month = w.runs_per_day * DAYS_PER_MONTH;
    let mut out = Vec::new();
    let mut left_out = Vec::new();
    // A missing price leaves its option out, named; any other error stops the run.
    let mut priced = |option: String, r: Result<Option<OptionResult>, PricingError>| match r {
        Ok(o) => Ok(o),
        Err(PricingError::Missing { key, region }) => {
            left_out.push(LeftOut {
                reason: format!(
                    "no price for `{key}` in {region} in the price snapshot (`lakecost pricing refresh --region {region}` fetches it)"
                ),
                option,
                price_key: key,
            });
            Ok(None)
        }
        Err(e) => Err(e),
    };
    for class in [ExecutionClass::Standard, ExecutionClass::Flex] {
        let name = match class {
            ExecutionClass::Standard => "Glue standard",
            ExecutionClass::Flex => "Glue Flex",
        };
        let r = glue_options(book, &s.region, work, mem, deadline, class).map(best);
        out.extend(priced(name.into(), r)?);
    }
    for spot in [false, true] {
        if let Some(o) = best(emr_options(s, book, work, mem, deadline, spot)?) {
            out.push(o);
        }
    }
    for arch in [Architecture::X86_64, Architecture::Arm64] {
        let r = serverless_option(s, book, work, mem, deadline, arch);
        out.extend(priced(format!("EMR Serverless {}", arch.name()), r)?);
    }
    for o in &mut out {
        o.monthly_usd = Usd(o.cost_per_run_usd.value() * runs_month);
    }
    out.sort_by(|a, b| {
        b.meets_deadline.cmp(&a.meets_deadline).then(
            a.cost_per_run_usd
                .value()
                .total_cmp(&b.cost_per_run_usd.value()),
        )
    });
    if out.is_empty() {
        let mut gaps: Vec<crate::pricing::Gap> = left_out
            .iter()
            .map(|l| super::services::gap(&l.price_key, &s.region))
            .collect();
        gaps.dedup();
        return Err(PricingError::MissingMany(gaps));
    }
    Ok((out, left_out))
}

/// The cheapest of an engine's configurations that meets the deadline, else the
/// fastest.
fn best(mut v: Vec<OptionResult>) -> Option<OptionResult> {
    v.sort_by(|a, b| {
        b.meets_deadline
            .cmp(&a.meets_deadline)
            .then(if a.meets_deadline {
                a.cost_per_run_usd
                    .value()
                    .total_cmp(&b.cost_per_run_usd.value())
            } else {
                a.runtime_hours.total_cmp(&b.runtime_hours)
            })
    });
    v.into_iter().next()
}

/// vCPUs of a machine the work can use when each needs `mem` GB: memory may bind.
fn usable_vcpu(vcpu: f64, memory_gib: f64, mem: f64) -> f64 {
    vcpu.min(memory_gib / mem)
}

fn glue_options(
    book: &PriceBook,
    region: &str,
    work: f64,
    mem: f64,
    deadline: f64,
    class: ExecutionClass,
) -> Result<Vec<OptionResult>, PricingError> {
    let mut out = Vec::new();
    for w in glue::WORKER_TYPES
        .iter()
        .filter(|w| w.family == glue::Family::General && w.name.starts_with("G.") && w.dpu >= 1.0)
        .filter(|w| class == ExecutionClass::Standard || glue::FLEX_WORKER_TYPES.contains(&w.name))
    {
        let usable = usable_vcpu(w.vcpu, w.memory_gib, mem);
        if usable <= 0.0 {
            continue;
        }
        // Flex may wait for capacity or be re-run: it must fit the deadline twice
        // over, as `optimize` asks (glue::FLEX_DEADLINE_FACTOR).
        let window = match class {
            ExecutionClass::Standard => deadline,
            ExecutionClass::Flex => deadline / glue::FLEX_DEADLINE_FACTOR,
        };
        let workers = ((work / (window * usable)).ceil() as u32).max(GLUE_MIN_WORKERS);
        let runtime = work / (f64::from(workers) * usable);
        let job = GlueJob {
            name: String::new(),
            loc: None,
            worker_type: w.name.into(),
            workers,
            runs_per_day: 1.0,
            length: RunLength::Fixed(Duration::from_hours(runtime)),
            input: None,
            execution_class: class,
            glue_version: GlueVersion { major: 4, minor: 0 },
            deadline: None,
            alternative_of: None,
        };
        let price = book.price(region, glue::price_key(&job, w))?;
        let cost = glue::dpu_hours_per_run(&job, w) * price.rate();
        let unverified_share = if price.confidence.is_unverified() {
            1.0
        } else {
            0.0
        };
        let mut assumptions = vec![
            format!(
                "{:.0} of {} vCPUs per worker usable at {mem} GB per vCPU",
                usable, w.vcpu
            ),
            "Glue 4.0, per-second billing, 1-minute minimum; start-up not billed".into(),
        ];
        if class == ExecutionClass::Flex {
            assumptions.push(format!(
                "Flex may start late or be re-run (spare capacity, no start-time guarantee): sized to finish within 1/{} of the deadline",
                glue::FLEX_DEADLINE_FACTOR
            ));
        }
        out.push(OptionResult {
            engine: "glue",
            option: match class {
                ExecutionClass::Standard => "Glue standard".into(),
                ExecutionClass::Flex => "Glue Flex".into(),
            },
            configuration: format!("{workers} × {} ({} DPU)", w.name, w.dpu),
            runtime_hours: runtime,
            cost_per_run_usd: Usd(cost),
            monthly_usd: Usd::ZERO,
            meets_deadline: runtime <= window + 1e-9,
            unverified_share,
            assumptions,
        });
    }
    Ok(out)
}

/// The cost of one run of a cluster or application, priced by the EMR model, and the
/// share of it priced with unverified prices.
fn emr_run_cost(
    s: &Scenario,
    book: &PriceBook,
    cluster: Option<EmrCluster>,
    app: Option<EmrServerless>,
) -> Result<(f64, f64), PricingError> {
    let mut one = Scenario::new("compare", &s.region, 1);
    one.emr.clusters.extend(cluster);
    one.emr.serverless.extend(app);
    let lines = emr::estimate(&one, book)?.lines;
    let total: f64 = lines.iter().map(|l| l.cost_usd.value()).sum();
    // Summed as money: an empty sum is 0, not the −0 a float sum starts from (which a
    // CSV cell would show as "-0").
    let unverified: Usd = lines
        .iter()
        .filter(|l| l.confidence.is_unverified())
        .map(|l| l.cost_usd)
        .sum();
    Ok((
        total,
        if total > 0.0 {
            unverified.value() / total
        } else {
            0.0
        },
    ))
}

fn emr_options(
    s: &Scenario,
    book: &PriceBook,
    work: f64,
    mem: f64,
    deadline: f64,
    spot: bool,
) -> Result<Vec<OptionResult>, PricingError> {
    let mut out = Vec::new();
    let bootstrap = EMR_BOOTSTRAP_MINUTES / 60.0;
    // Only types the book prices in full in the region: a type whose EMR price (or
    // spot saving) is unknown would look cheaper than it is.
    let priced = |name: &str| {
        let has = |k: String| book.get(&s.region, &k).is_ok();
        has(emr::keys::EC2_INSTANCE.of(name))
            && has(emr::keys::FEE_INSTANCE.of(name))
            && (!spot || has(emr::keys::EC2_SPOT_DISCOUNT.of(name)))
    };
    for it in INSTANCE_TYPES
        .iter()
        .filter(|it| priced(it.name) && priced(emr_primary(it.architecture)))
    {
        let usable = usable_vcpu(it.vcpu, it.memory_gib, mem);
        if usable <= 0.0 {
            continue;
        }
        let room = deadline - bootstrap;
        let first = if room > 0.0 {
            (work / (room * usable)).ceil().max(1.0) as u32
        } else {
            1
        };
        let min_nodes = if spot { EMR_CORE_NODES + 1 } else { 1 };
        let primary = emr_primary(it.architecture);
        // Spot rework lengthens the run: add nodes until the deadline holds (or give
        // up after doubling, and report the option as late).
        let build = |nodes: u32| {
            let job = work / (f64::from(nodes) * usable);
            let (core, task) = if spot {
                (
                    InstanceGroup {
                        instance: it.name.into(),
                        count: EMR_CORE_NODES,
                        market: Market::OnDemand,
                    },
                    Some(InstanceGroup {
                        instance: it.name.into(),
                        count: nodes - EMR_CORE_NODES,
                        market: Market::Spot,
                    }),
                )
            } else {
                (
                    InstanceGroup {
                        instance: it.name.into(),
                        count: nodes,
                        market: Market::OnDemand,
                    },
                    None,
                )
            };
            EmrCluster {
                name: "compare".into(),
                loc: None,
                primary: InstanceGroup {
                    instance: primary.into(),
                    count: 1,
                    market: Market::OnDemand,
                },
                core: Some(core),
                task,
                ebs_per_instance: Bytes::from_gib(EMR_EBS_GIB),
                // One run a month: the month's cost is the run's cost.
                schedule: Schedule::Runs {
                    runs_per_day: 1.0 / DAYS_PER_MONTH,
                    duration: Duration::from_hours(job),
                    bootstrap: Duration::from_hours(bootstrap),
                    idle: Duration(0.0),
                },
                spot_discount: None,
                spot_interruptions_per_hour: if spot {
                    SPOT_INTERRUPTIONS_PER_HOUR
                } else {
                    0.0
                },
                stage_length: Duration(600.0),
                memory_per_vcpu: None,
                alternative_of: None,
            }
        };
        let mut nodes = first.max(min_nodes);
        let mut cluster = build(nodes);
        while emr::hours_per_instance(&cluster).0 > deadline && nodes < 2 * first.max(min_nodes) {
            nodes += 1;
            cluster = build(nodes);
        }
        let per_instance = emr::hours_per_instance(&cluster).0;
        let (cost, unverified_share) = emr_run_cost(s, book, Some(cluster), None)?;
        let mut assumptions = vec![
            format!(
                "{EMR_BOOTSTRAP_MINUTES:.0} min provisioning and bootstrap billed; terminates when the step ends"
            ),
            format!("primary {primary} on-demand; {EMR_EBS_GIB:.0} GB gp3 per instance"),
            format!(
                "{:.0} of {} vCPUs per node usable at {mem} GB per vCPU",
                usable, it.vcpu
            ),
        ];
        if spot {
            let saving = book
                .get(&s.region, &emr::keys::EC2_SPOT_DISCOUNT.of(it.name))
                .map(|p| {
                    format!(
                        "{:.0}% off (Spot Instance Advisor, dated {}; an assumption, not a price)",
                        p.rate() * 100.0,
                        p.effective_date
                    )
                })
                .unwrap_or_default();
            assumptions.push(format!(
                "{EMR_CORE_NODES} core nodes on-demand, task nodes on spot at {saving}; {SPOT_INTERRUPTIONS_PER_HOUR} interruptions per instance-hour, each losing half a 10-min stage and a replacement's bootstrap"
            ));
        }
        let configuration = if spot {
            format!(
                "1 × {primary} + {EMR_CORE_NODES} × {} + {} × {} spot",
                it.name,
                nodes - EMR_CORE_NODES,
                it.name
            )
        } else {
            format!("1 × {primary} + {nodes} × {}", it.name)
        };
        out.push(OptionResult {
            engine: "emr",
            option: if spot {
                "EMR on EC2, spot task nodes".into()
            } else {
                "EMR on EC2, on-demand".into()
            },
            configuration,
            runtime_hours: per_instance,
            cost_per_run_usd: Usd(cost),
            monthly_usd: Usd::ZERO,
            meets_deadline: per_instance <= deadline + 1e-9,
            unverified_share,
            assumptions,
        });
    }
    Ok(out)
}

/// EMR Serverless's worker shape for `mem` GB per vCPU: the default 4 vCPU worker when
/// its memory range holds the need, else the largest smaller one that does (1 and 2
/// vCPU workers reach 8 GB per vCPU). `None` when no supported shape has that much
/// memory per vCPU.
pub fn serverless_shape(mem: f64) -> Option<(f64, f64)> {
    [4.0, 2.0, 1.0]
        .into_iter()
        .find_map(|v| serverless_worker_memory(v, v * mem).ok().map(|gb| (v, gb)))
}

/// EMR Serverless sized to meet the deadline on supported worker shapes, memory billed
/// as the shape runs it (rounded up to the shape's step); `None` when no worker shape
/// offers `mem` GB per vCPU.
fn serverless_option(
    s: &Scenario,
    book: &PriceBook,
    work: f64,
    mem: f64,
    deadline: f64,
    arch: Architecture,
) -> Result<Option<OptionResult>, PricingError> {
    let Some((worker_vcpu, worker_gb)) = serverless_shape(mem) else {
        return Ok(None);
    };
    let workers = (work / (deadline * worker_vcpu)).ceil().max(1.0);
    let runtime = work / (workers * worker_vcpu);
    // Each worker bills at least a minute.
    let vcpu_hours = work.max(workers * worker_vcpu / 60.0);
    let app = EmrServerless {
        name: "compare".into(),
        loc: None,
        runs_per_day: 1.0 / DAYS_PER_MONTH,
        vcpu_hours,
        memory_gb_hours: vcpu_hours * worker_gb / worker_vcpu,
        extra_storage_gb_hours: 0.0,
        architecture: arch,
        alternative_of: None,
    };
    let (cost, unverified_share) = emr_run_cost(s, book, None, Some(app))?;
    Ok(Some(OptionResult {
        engine: "emr-serverless",
        option: format!("EMR Serverless {}", arch.name()),
        configuration: format!(
            "{workers:.0} worker{} × {worker_vcpu:.0} vCPU / {worker_gb:.0} GB",
            if workers == 1.0 { "" } else { "s" }
        ),
        runtime_hours: runtime,
        cost_per_run_usd: Usd(cost),
        monthly_usd: Usd::ZERO,
        meets_deadline: runtime <= deadline + 1e-9,
        unverified_share,
        assumptions: vec![
            "billed from workers ready to stopped, per second, 1-minute minimum; no pre-initialized capacity".into(),
            "20 GB ephemeral storage per worker suffices".into(),
        ],
    }))
}

fn cheapest(
    s: &Scenario,
    book: &PriceBook,
    w: &Workload,
    gb: f64,
) -> Result<OptionResult, PricingError> {
    let opts = options_for(s, book, w, Bytes::from_gib(gb))?;
    Ok(opts
        .into_iter()
        .next()
        .expect("options_for returns at least one option"))
}

fn sweep_point(
    s: &Scenario,
    book: &PriceBook,
    w: &Workload,
    gb: f64,
) -> Result<SweepPoint, PricingError> {
    let opts = options_for(s, book, w, Bytes::from_gib(gb))?;
    let best = opts
        .first()
        .expect("options_for returns at least one option");
    Ok(SweepPoint {
        input_gb: gb,
        cheapest: best.option.clone(),
        cost_per_run_usd: best.cost_per_run_usd,
        options: opts
            .iter()
            .filter(|o| o.meets_deadline)
            .map(|o| OptionCost {
                option: o.option.clone(),
                cost_per_run_usd: o.cost_per_run_usd,
            })
            .collect(),
    })
}

/// Compares every workload of the scenario.
pub fn compare(s: &Scenario, book: &PriceBook) -> Result<Vec<WorkloadComparison>, PricingError> {
    let mut out = Vec::new();
    for w in &s.workloads {
        let (options, left_out) = priced_options(s, book, w, w.input_per_run)?;
        let mut sweep = Vec::new();
        let mut break_even = Vec::new();
        let steps = SWEEP_DECADES * SWEEP_PER_DECADE;
        let mut prev: Option<(f64, String)> = None;
        for i in 0..=steps {
            let gb = SWEEP_FROM_GB * 10f64.powf(f64::from(i) / f64::from(SWEEP_PER_DECADE));
            let point = sweep_point(s, book, w, gb)?;
            if let Some((pgb, pname)) = &prev
                && *pname != point.cheapest
            {
                // Narrow the change down by bisection on a log scale.
                let (mut lo, mut hi) = (*pgb, gb);
                for _ in 0..30 {
                    let mid = (lo * hi).sqrt();
                    if cheapest(s, book, w, mid)?.option == *pname {
                        lo = mid
                    } else {
                        hi = mid
                    }
                }
                break_even.push(BreakEven {
                    input_gb: hi,
                    below: pname.clone(),
                    above: cheapest(s, book, w, hi)?.option,
                });
            }
            prev = Some((gb, point.cheapest.clone()));
            sweep.push(point);
        }
        out.push(WorkloadComparison {
            name: w.name.clone(),
            input_per_run_gb: w.input_per_run.gib(),
            runs_per_day: w.runs_per_day,
            deadline_hours: w.deadline.hours(),
            vcpu_hours_per_run: w.vcpu_hours_per_tb * w.input_per_run.gib() / 1024.0,
            options,
            left_out,
            sweep,
            break_even,
        });
    }
    Ok(out)
}

/// A provisioned cluster and a Serverless workgroup over the same data.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WarehouseComparison {
    pub cluster: String,
    pub serverless: String,
    pub data_gb: f64,
    pub cluster_monthly_usd: Usd,
    pub serverless_monthly_usd: Usd,
    pub cheaper: String,
    /// Active hours a day at which Serverless costs what the cluster costs; `None`
    /// when one is cheaper at any number of hours.
    pub break_even_active_hours_per_day: Option<f64>,
}

/// Pairs every cluster with every Serverless workgroup that describes the same data,
/// and finds the active hours a day at which they cost the same: Serverless costs
/// storage + base RPUs × hours × 30.42 days × the RPU-hour price.
pub fn compare_warehouses(
    s: &Scenario,
    book: &PriceBook,
    stored_by_layer: &[f64],
) -> Result<Vec<WarehouseComparison>, PricingError> {
    use super::redshift;
    let mut out = Vec::new();
    for c in &s.redshift.clusters {
        for w in s.redshift.serverless.iter().filter(|w| w.data == c.data) {
            let mut alone = s.clone();
            alone.redshift.clusters = vec![c.clone()];
            alone.redshift.serverless = vec![w.clone()];
            let lines = redshift::month(&alone, book, stored_by_layer)?;
            let sum = |name: &str| -> f64 {
                lines
                    .iter()
                    .filter(|l| &*l.resource == name)
                    .map(|l| l.cost_usd.value())
                    .sum()
            };
            let (cluster_usd, serverless_usd) = (sum(&c.name), sum(&w.name));
            let data_gb = redshift::data_gb(&w.data, s, stored_by_layer);
            let storage = data_gb
                * book
                    .price(&s.region, &redshift::keys::MANAGED_STORAGE)?
                    .rate();
            let per_hour_a_day = f64::from(w.base_rpus)
                * DAYS_PER_MONTH
                * book
                    .price(&s.region, &redshift::keys::SERVERLESS_RPU)?
                    .rate();
            let hours = (cluster_usd - storage) / per_hour_a_day;
            out.push(WarehouseComparison {
                cluster: c.name.clone(),
                serverless: w.name.clone(),
                data_gb,
                cluster_monthly_usd: Usd(cluster_usd),
                serverless_monthly_usd: Usd(serverless_usd),
                cheaper: if serverless_usd < cluster_usd {
                    w.name.clone()
                } else {
                    c.name.clone()
                },
                break_even_active_hours_per_day: (0.0..=24.0).contains(&hours).then_some(hours),
            });
        }
    }
    Ok(out)
}
