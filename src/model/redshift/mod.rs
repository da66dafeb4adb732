//! Amazon Redshift: provisioned clusters (sized from data and a compute floor, or
//! given) and Serverless workgroups (Amazon Redshift pricing page; node specifications from
//! the Redshift management guide, "Overview of Amazon Redshift clusters").
//!
//! A warehouse may follow S3 layers month by month (`from_layers`); it is then sized
//! and priced each month on the layers' stored bytes.

pub mod keys;

use super::timeline::DAYS_PER_MONTH;
use super::{Bill, CapacityRow, Finding, LineItem, Service, Severity};
use crate::pricing::spec::PriceKey;
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::{DataSize, Purchase, RedshiftCluster, RedshiftServerless, Scenario};

/// dc2 nodes keep their local disks under 80% full: headroom for vacuum and sorts.
pub const DC2_MAX_FILL: f64 = 0.8;
/// One free hour of concurrency scaling per 24 hours of main-cluster time.
pub const FREE_SCALING_PER_CLUSTER_HOUR: f64 = 1.0 / 24.0;
const SECONDS_PER_HOUR: f64 = 3600.0;
/// Serverless bills per second with a 60-second minimum.
pub const SERVERLESS_MINIMUM_HOURS: f64 = 1.0 / 60.0;

/// Where a node type keeps data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Storage {
    /// Local SSD of this many GB per node (dc2).
    Local(f64),
    /// Redshift Managed Storage, up to this many GB per node, billed apart (ra3).
    Managed(f64),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeType {
    pub name: &'static str,
    /// Its on-demand price key.
    pub key: &'static PriceKey,
    /// Its concurrency-scaling price key: a scaling cluster's node bills per second at
    /// its own rate, not the node-hour rate.
    pub scaling_key: &'static PriceKey,
    pub vcpu: f64,
    /// Memory per node, GiB: what a Serverless workgroup of the same size is matched
    /// on (an RPU has 16 GB).
    pub memory_gib: f64,
    pub storage: Storage,
    pub min_nodes: u32,
    pub max_nodes: u32,
}

const TB: f64 = 1024.0;

/// Node shapes from the Amazon Redshift Management Guide ("Amazon Redshift provisioned
/// clusters", node type details): vCPUs, memory, storage per node and node counts.
pub const NODE_TYPES: &[NodeType] = &[
    NodeType {
        name: "dc2.large",
        key: &keys::NODE_DC2_LARGE,
        scaling_key: &keys::CONCURRENCY_SCALING_DC2_LARGE,
        vcpu: 2.0,
        memory_gib: 15.0,
        storage: Storage::Local(160.0),
        min_nodes: 1,
        max_nodes: 32,
    },
    NodeType {
        name: "dc2.8xlarge",
        key: &keys::NODE_DC2_8XLARGE,
        scaling_key: &keys::CONCURRENCY_SCALING_DC2_8XLARGE,
        vcpu: 32.0,
        memory_gib: 244.0,
        storage: Storage::Local(2.56 * TB),
        min_nodes: 2,
        max_nodes: 128,
    },
    NodeType {
        name: "ra3.xlplus",
        key: &keys::NODE_RA3_XLPLUS,
        scaling_key: &keys::CONCURRENCY_SCALING_RA3_XLPLUS,
        vcpu: 4.0,
        memory_gib: 32.0,
        storage: Storage::Managed(32.0 * TB),
        min_nodes: 1,
        max_nodes: 16,
    },
    NodeType {
        name: "ra3.4xlarge",
        key: &keys::NODE_RA3_4XLARGE,
        scaling_key: &keys::CONCURRENCY_SCALING_RA3_4XLARGE,
        vcpu: 12.0,
        memory_gib: 96.0,
        storage: Storage::Managed(128.0 * TB),
        min_nodes: 2,
        max_nodes: 32,
    },
    NodeType {
        name: "ra3.16xlarge",
        key: &keys::NODE_RA3_16XLARGE,
        scaling_key: &keys::CONCURRENCY_SCALING_RA3_16XLARGE,
        vcpu: 48.0,
        memory_gib: 384.0,
        storage: Storage::Managed(128.0 * TB),
        min_nodes: 2,
        max_nodes: 128,
    },
];

/// Memory of one Redshift Processing Unit: "1 RPU provides 16 GB of memory" (Amazon
/// Redshift Management Guide, "Billing for Amazon Redshift Serverless").
pub const RPU_MEMORY_GIB: f64 = 16.0;

/// The smallest base capacity Serverless offers for `data_gb` of data with at least
/// `memory_gib` of memory: 4 RPU holds under 32 TB, 8 to 24 RPU under 128 TB (the
/// limits `LC-RS-004` checks), and capacity comes in the steps `valid_base_rpus` allows.
pub fn serverless_rpus_for(memory_gib: f64, data_gb: f64, region: &str) -> Option<u32> {
    let by_memory = (memory_gib / RPU_MEMORY_GIB).ceil().max(4.0) as u32;
    let by_data = if data_gb < 32.0 * TB {
        4
    } else if data_gb < 128.0 * TB {
        8
    } else {
        32
    };
    (by_memory.max(by_data)..=1024).find(|r| valid_base_rpus(*r, region))
}

/// A single ra3.xlplus node holds at most 4 TB of managed storage.
const XLPLUS_SINGLE_NODE_GB: f64 = 4.0 * TB;

pub fn node_type(name: &str) -> Option<&'static NodeType> {
    NODE_TYPES.iter().find(|n| n.name == name)
}

/// The fewest nodes of `t` that hold `data_gb` and give `min_vcpus`, if any.
pub fn nodes_needed(t: &NodeType, data_gb: f64, min_vcpus: f64) -> Option<u32> {
    let by_data = match t.storage {
        Storage::Local(gb) => (data_gb / (gb * DC2_MAX_FILL)).ceil(),
        Storage::Managed(gb) => {
            let n = (data_gb / gb).ceil();
            if t.name == "ra3.xlplus" && n <= 1.0 && data_gb > XLPLUS_SINGLE_NODE_GB {
                2.0
            } else {
                n
            }
        }
    };
    let by_cpu = (min_vcpus / t.vcpu).ceil();
    let n = by_data.max(by_cpu).max(f64::from(t.min_nodes)) as u32;
    (n <= t.max_nodes).then_some(n)
}

/// Whether `nodes` of `t` hold `data_gb`.
fn holds(t: &NodeType, nodes: u32, data_gb: f64) -> bool {
    nodes_needed(t, data_gb, 0.0).is_some_and(|n| n <= nodes.max(t.min_nodes))
}

fn node_key(t: &NodeType, purchase: Purchase) -> std::borrow::Cow<'static, str> {
    match purchase {
        Purchase::OnDemand => t.key.key.into(),
        p => format!("{}.{}", t.key.key, p.name()).into(),
    }
}

/// Monthly node and storage cost of `nodes` of `t` for `data_gb`, on-demand or
/// reserved (the reserved effective hourly rate must be in the book).
fn monthly(
    book: &PriceBook,
    region: &str,
    c: &RedshiftCluster,
    t: &NodeType,
    nodes: u32,
    data_gb: f64,
) -> Result<f64, PricingError> {
    let node = book.get(region, &node_key(t, c.purchase))?.rate();
    let mut usd = f64::from(nodes) * node * c.hours_per_day * DAYS_PER_MONTH;
    if matches!(t.storage, Storage::Managed(_)) {
        usd += data_gb * book.price(region, &keys::MANAGED_STORAGE)?.rate();
    }
    Ok(usd)
}

/// A sized cluster and the runners-up (for `auto`).
pub struct Sizing {
    pub node: &'static NodeType,
    pub nodes: u32,
    pub candidates: Vec<(&'static NodeType, u32, f64)>,
}

/// Chooses node type and count. `None`: no type holds the data (reported by `check`).
pub fn size(
    book: &PriceBook,
    region: &str,
    c: &RedshiftCluster,
    data_gb: f64,
) -> Result<Option<Sizing>, PricingError> {
    if let (Some(name), Some(n)) = (&c.node_type, c.nodes) {
        return Ok(node_type(name).map(|t| Sizing {
            node: t,
            nodes: n,
            candidates: Vec::new(),
        }));
    }
    let types: Vec<&'static NodeType> = match &c.node_type {
        Some(name) => node_type(name).into_iter().collect(),
        None => NODE_TYPES.iter().collect(),
    };
    let mut candidates = Vec::new();
    for t in types {
        if let Some(n) = nodes_needed(t, data_gb, c.min_vcpus) {
            candidates.push((t, n, monthly(book, region, c, t, n, data_gb)?));
        }
    }
    candidates.sort_by(|a, b| a.2.total_cmp(&b.2));
    Ok(candidates.first().map(|&(t, n, _)| Sizing {
        node: t,
        nodes: n,
        candidates: candidates[1..].iter().take(2).copied().collect(),
    }))
}

/// Data a warehouse holds this month, GB: fixed, or the layers' stored bytes.
pub fn data_gb(data: &DataSize, s: &Scenario, stored_by_layer: &[f64]) -> f64 {
    match data {
        DataSize::Fixed(b) => b.gib(),
        DataSize::FromLayers(names) => {
            s.s3.layers
                .iter()
                .zip(stored_by_layer)
                .filter(|(l, _)| names.contains(&l.name))
                .map(|(_, gb)| gb)
                .sum()
        }
    }
}

/// TB of Spectrum scan billed a month: each query's share of the scan rounded up to the
/// MB with a 10 MB minimum (Redshift pricing page, Redshift Spectrum); without a query
/// count the month's scan is one query. 1 TB = 2^20 MB.
pub fn spectrum_tb(c: &RedshiftCluster) -> f64 {
    let scanned = c.spectrum_scanned_per_month.0;
    if scanned <= 0.0 {
        return 0.0;
    }
    let queries = c.spectrum_queries_per_month.unwrap_or(1.0);
    queries * super::per_query_billed_mb(scanned / queries) / crate::units::MIB
}

/// One month of Redshift's lines, for the layers' stored GB that month.
pub fn month(
    s: &Scenario,
    book: &PriceBook,
    stored_by_layer: &[f64],
) -> Result<Vec<LineItem>, PricingError> {
    let mut b = Bill::new(book, &s.region, Service::Redshift);
    for c in &s.redshift.clusters {
        let data = data_gb(&c.data, s, stored_by_layer);
        let Some(z) = size(book, &s.region, c, data)? else {
            continue;
        };
        let t = z.node;
        let hours = c.hours_per_day * DAYS_PER_MONTH;
        let key = node_key(t, c.purchase);
        b.add_derived(
            &c.name,
            &key,
            format!("{} node-hours ({})", t.name, c.purchase.name()),
            f64::from(z.nodes) * hours,
        )?;
        if matches!(t.storage, Storage::Managed(_)) {
            b.add(&c.name, &keys::MANAGED_STORAGE, "managed storage", data)?;
        }
        // Concurrency scaling: one free hour per 24 h of main-cluster time; beyond,
        // each scaling node per second at the concurrency-scaling rate of its type
        // (on demand whatever the main cluster's purchase).
        let scaling = (c.concurrency_scaling_hours_per_day * DAYS_PER_MONTH
            - hours * FREE_SCALING_PER_CLUSTER_HOUR)
            .max(0.0);
        b.add(
            &c.name,
            t.scaling_key,
            "concurrency scaling beyond the free credit, node-seconds",
            scaling * SECONDS_PER_HOUR * f64::from(z.nodes),
        )?;
        b.add(
            &c.name,
            &keys::SPECTRUM,
            "Spectrum data scanned",
            spectrum_tb(c),
        )?;
    }
    for w in &s.redshift.serverless {
        let data = data_gb(&w.data, s, stored_by_layer);
        b.add(
            &w.name,
            &keys::SERVERLESS_RPU,
            format!("{} base RPUs × active hours", w.base_rpus),
            rpu_hours(w),
        )?;
        b.add(&w.name, &keys::MANAGED_STORAGE, "managed storage", data)?;
    }
    Ok(b.lines)
}

/// Capacity rows for a month: the nodes each cluster is sized to (and the next
/// cheapest choices), the RPU-hours of each workgroup.
pub fn capacity(
    s: &Scenario,
    book: &PriceBook,
    stored_by_layer: &[f64],
) -> Result<Vec<CapacityRow>, PricingError> {
    let mut capacity = Vec::new();
    for c in &s.redshift.clusters {
        let data = data_gb(&c.data, s, stored_by_layer);
        let Some(z) = size(book, &s.region, c, data)? else {
            continue;
        };
        let t = z.node;
        let mut note = format!(
            "{} × {} for {:.1} TB, {} vCPU",
            z.nodes,
            t.name,
            data / TB,
            f64::from(z.nodes) * t.vcpu
        );
        if !z.candidates.is_empty() {
            let alts: Vec<String> = z
                .candidates
                .iter()
                .map(|(t, n, usd)| format!("{n} × {} ${usd:.0}", t.name))
                .collect();
            note.push_str(&format!("; next: {}", alts.join(", ")));
        }
        capacity.push(CapacityRow {
            service: Service::Redshift,
            resource: c.name.clone(),
            metric: "nodes".into(),
            value: f64::from(z.nodes),
            unit: "nodes".into(),
            note,
        });
    }
    for w in &s.redshift.serverless {
        let data = data_gb(&w.data, s, stored_by_layer);
        capacity.push(CapacityRow {
            service: Service::Redshift,
            resource: w.name.clone(),
            metric: "RPU-hours per month".into(),
            value: rpu_hours(w),
            unit: "RPU-hours".into(),
            note: format!("serverless, {:.1} TB", data / TB),
        });
    }
    Ok(capacity)
}

/// RPU-hours a month: base RPUs × active hours a day (at least a minute) × 30.42.
pub fn rpu_hours(w: &RedshiftServerless) -> f64 {
    let hours = if w.active_hours_per_day > 0.0 {
        w.active_hours_per_day.max(SERVERLESS_MINIMUM_HOURS)
    } else {
        0.0
    };
    f64::from(w.base_rpus) * hours * DAYS_PER_MONTH
}

/// Valid base capacities: 4, then 8 to 512 in steps of 8, then to 1,024 in steps of 32
/// in the regions that offer it (Redshift Serverless docs, "Understanding capacity").
pub fn valid_base_rpus(rpus: u32, region: &str) -> bool {
    const LARGE: &[&str] = &[
        "us-east-1",
        "us-east-2",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
    ];
    rpus == 4
        || (rpus <= 512 && rpus.is_multiple_of(8) && rpus >= 8)
        || (rpus > 512 && rpus <= 1024 && rpus.is_multiple_of(32) && LARGE.contains(&region))
}

/// `LC-RS-…` findings, with the month-1 data size for layer-fed warehouses.
pub fn check(s: &Scenario, stored_by_layer: &[f64]) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &s.redshift.clusters {
        let finding = |code, message| Finding {
            code,
            severity: Severity::Error,
            resource: c.name.clone(),
            message,
            monthly_cost_usd: None,
            loc: c.loc,
        };
        let data = data_gb(&c.data, s, stored_by_layer);
        match c.node_type.as_deref().map(|n| (n, node_type(n))) {
            Some((n, None)) => {
                let known: Vec<&str> = NODE_TYPES.iter().map(|t| t.name).collect();
                out.push(finding("LC-RS-001", format!("unknown node type `{n}`; known: {}, or `auto`", known.join(", "))));
            }
            Some((_, Some(t))) => match c.nodes {
                Some(n) if n < t.min_nodes || n > t.max_nodes => out.push(finding(
                    "LC-RS-002",
                    format!("{} clusters have {} to {} nodes, found {n}", t.name, t.min_nodes, t.max_nodes),
                )),
                Some(n) if !holds(t, n, data) => out.push(finding(
                    "LC-RS-002",
                    format!("{n} × {} cannot hold {:.1} TB (dc2 disks kept under 80% full; ra3 managed-storage quota per node)", t.name, data / TB),
                )),
                None if nodes_needed(t, data, c.min_vcpus).is_none() => out.push(finding(
                    "LC-RS-002",
                    format!("no {} cluster ({} nodes at most) holds {:.1} TB", t.name, t.max_nodes, data / TB),
                )),
                _ => {}
            },
            None if NODE_TYPES.iter().all(|t| nodes_needed(t, data, c.min_vcpus).is_none()) => out.push(finding(
                "LC-RS-002",
                format!("no node type holds {:.1} TB with {} vCPUs", data / TB, c.min_vcpus),
            )),
            None => {}
        }
    }
    for w in &s.redshift.serverless {
        if !valid_base_rpus(w.base_rpus, &s.region) {
            out.push(Finding {
                code: "LC-RS-003",
                severity: Severity::Error,
                resource: w.name.clone(),
                message: format!(
                    "base capacity {} RPU is not offered: 4, or 8 to 512 in steps of 8 (to 1,024 in steps of 32 in some regions)",
                    w.base_rpus
                ),
                monthly_cost_usd: None,
                loc: w.loc,
            });
        }
        let data = data_gb(&w.data, s, stored_by_layer);
        let limit_tb = match w.base_rpus {
            4 => Some(32.0),
            8..=24 => Some(128.0),
            _ => None,
        };
        if let Some(limit) = limit_tb
            && data / TB >= limit
        {
            out.push(Finding {
                code: "LC-RS-004",
                severity: Severity::Warning,
                resource: w.name.clone(),
                message: format!("{} base RPUs support less than {limit:.0} TB of data; the workgroup holds {:.1} TB", w.base_rpus, data / TB),
                monthly_cost_usd: None,
                loc: w.loc,
            });
        }
    }
    out
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::Redshift,
    keys: keys::ALL,
    billing: super::services::Billing::FollowsLayers {
        month: |s, book, layers| month(s, book, layers.stored_gb),
        capacity: |s, book, layers| capacity(s, book, layers.stored_gb),
        reads: Some(|_, layers| layers.stored_gb.to_vec()),
        fixed: None,
    },
    check: Some(|c| Ok(check(c.scenario, c.stored_at_end))),
    feeds: None,
    colour: 6,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Bytes;

    #[test]
    fn node_keys_are_spelled_from_their_names() {
        for t in NODE_TYPES {
            assert_eq!(t.key.key, format!("redshift.node.{}", t.name));
            assert_eq!(
                t.scaling_key.key,
                format!("redshift.concurrency_scaling.{}", t.name)
            );
        }
    }

    fn cluster(node: Option<&str>, nodes: Option<u32>, data_tb: f64) -> RedshiftCluster {
        RedshiftCluster {
            name: "w".into(),
            loc: None,
            node_type: node.map(str::to_string),
            nodes,
            data: DataSize::Fixed(Bytes::from_gib(data_tb * TB)),
            min_vcpus: 0.0,
            hours_per_day: 24.0,
            active_hours_per_day: 24.0,
            purchase: Purchase::OnDemand,
            concurrency_scaling_hours_per_day: 0.0,
            spectrum_scanned_per_month: Bytes::ZERO,
            spectrum_queries_per_month: None,
        }
    }

    fn total(c: RedshiftCluster) -> f64 {
        let mut s = Scenario::new("t", "us-east-1", 1);
        s.redshift.clusters.push(c);
        month(&s, &PriceBook::bundled().unwrap(), &[])
            .unwrap()
            .iter()
            .map(|l| l.cost_usd.value())
            .sum()
    }

    #[test]
    fn spectrum_rounds_each_query_up_to_the_mb_with_a_10_mb_minimum() {
        // Redshift pricing, Spectrum: "rounded up to the next megabyte, with a 10 MB
        // minimum per query", $5 per TB (1 TB = 2^20 MB).
        // 100,000 queries of 3 MB bill 10 MB each: 1,000,000 MB = 0.95367 TB = $4.7684,
        // where the bytes alone (300,000 MB) would say $1.4305.
        let mut c = cluster(Some("ra3.xlplus"), Some(2), 1.0);
        c.spectrum_scanned_per_month = Bytes(300_000.0 * 1024.0 * 1024.0);
        c.spectrum_queries_per_month = Some(100_000.0);
        assert!((spectrum_tb(&c) - 1_000_000.0 / 1_048_576.0).abs() < 1e-12);
        // Without a query count the month's scan is one query: 300,000 MB.
        c.spectrum_queries_per_month = None;
        assert!((spectrum_tb(&c) - 300_000.0 / 1_048_576.0).abs() < 1e-12);
        // 2.5 MB a query rounds up to 3 MB... and then to the 10 MB minimum.
        c.spectrum_scanned_per_month = Bytes(250.0 * 1024.0 * 1024.0);
        c.spectrum_queries_per_month = Some(100.0);
        assert!((spectrum_tb(&c) - 1000.0 / 1_048_576.0).abs() < 1e-12);
    }

    #[test]
    fn serverless_capacity_matches_memory_and_the_data_it_holds() {
        // 1 RPU has 16 GB ("Billing for Amazon Redshift Serverless"). 2 × ra3.xlplus
        // (32 GiB each) = 64 GB → 4 RPU, and 5 TB is under 4 RPU's 32 TB.
        assert_eq!(serverless_rpus_for(64.0, 5.0 * TB, "us-east-1"), Some(4));
        // 2 × ra3.4xlarge (96 GiB each) = 192 GB → 12 RPU, not offered (8 to 512 in
        // steps of 8): 16.
        assert_eq!(serverless_rpus_for(192.0, 5.0 * TB, "us-east-1"), Some(16));
        // 40 TB needs 8 RPU at least (4 RPU holds under 32 TB), 200 TB 32 (8 to 24
        // RPU hold under 128 TB), whatever the memory.
        assert_eq!(serverless_rpus_for(64.0, 40.0 * TB, "us-east-1"), Some(8));
        assert_eq!(serverless_rpus_for(64.0, 200.0 * TB, "us-east-1"), Some(32));
    }

    #[test]
    fn two_ra3_xlplus_with_5_tb() {
        // 2 × 730 h × $1.086 = $1,585.56; 5 TB = 5,120 GB × $0.024 = $122.88.
        close(
            total(cluster(Some("ra3.xlplus"), Some(2), 5.0)),
            1585.56 + 122.88,
        );
        // Paused 12 hours a day: half the node-hours, the same storage.
        let mut c = cluster(Some("ra3.xlplus"), Some(2), 5.0);
        c.hours_per_day = 12.0;
        close(total(c), 1585.56 / 2.0 + 122.88);
    }

    #[test]
    fn dc2_8xlarge_for_10_tb_with_80_percent_fill() {
        // 2.56 TB per node × 80% = 2.048 TB usable; 10 ÷ 2.048 = 4.88 → 5 nodes.
        assert_eq!(
            nodes_needed(node_type("dc2.8xlarge").unwrap(), 10.0 * TB, 0.0),
            Some(5)
        );
    }

    #[test]
    fn auto_picks_a_cheaper_type_when_the_data_shrinks() {
        let book = PriceBook::bundled().unwrap();
        // 10 TB: dc2.large cannot hold it (32 × 128 GB usable = 4 TB); a single
        // ra3.xlplus holds 4 TB at most, so 2 × ra3.xlplus: $1,585.56 + 10,240 GB ×
        // $0.024 = $1,831.32, well under 5 × dc2.8xlarge ($17,520).
        let big = size(&book, "us-east-1", &cluster(None, None, 10.0), 10.0 * TB)
            .unwrap()
            .unwrap();
        assert_eq!((big.node.name, big.nodes), ("ra3.xlplus", 2));
        // 100 GB: one dc2.large ($0.25 × 730 = $182.50) beats one ra3.xlplus ($792.78
        // plus storage).
        let small = size(&book, "us-east-1", &cluster(None, None, 0.1), 0.1 * TB)
            .unwrap()
            .unwrap();
        assert_eq!((small.node.name, small.nodes), ("dc2.large", 1));
        assert_eq!(small.candidates.len(), 2);
    }

    #[test]
    fn concurrency_scaling_beyond_the_free_hour() {
        // 2 × ra3.xlplus up 24 h: 30.42 free hours a month (one per 24 h of cluster
        // time). 3 h a day of scaling = 91.25 h; 60.83 h billable × 3,600 s × 2 nodes
        // × $0.0003 per node-second (the feed's "ra3 xlplus Redshift Concurrency
        // Scaling" item, us-east-1) = $131.40, not the node-hour rate's $132.13.
        let mut c = cluster(Some("ra3.xlplus"), Some(2), 5.0);
        c.concurrency_scaling_hours_per_day = 3.0;
        let extra = (3.0 - 1.0) * DAYS_PER_MONTH * 3600.0 * 2.0 * 0.0003;
        close(extra, 131.4);
        close(total(c), 1585.56 + 122.88 + extra);
    }

    #[test]
    fn serverless_16_rpu_two_hours_a_day() {
        // 16 RPU × 2 h × 30.42 days = 973.33 RPU-hours × $0.375 = $365.00.
        let w = RedshiftServerless {
            name: "bi".into(),
            loc: None,
            base_rpus: 16,
            active_hours_per_day: 2.0,
            data: DataSize::Fixed(Bytes::ZERO),
        };
        close(rpu_hours(&w) * 0.375, 365.0);
        assert!(
            valid_base_rpus(16, "us-east-1")
                && !valid_base_rpus(12, "us-east-1")
                && !valid_base_rpus(544, "ap-south-1")
        );
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-6 * b.abs().max(1.0), "{a} != {b}");
    }
}
