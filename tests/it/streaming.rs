//! Kinesis and Firehose through the scenario file and the estimate.

use lakecost::model::{self, Estimate};
use lakecost::pricing::PriceBook;
use lakecost::scenario::load_str;

fn run(yaml: &str) -> Estimate {
    let s = load_str(yaml).unwrap_or_else(|e| panic!("{e}"));
    model::estimate(&s, &PriceBook::bundled().unwrap()).unwrap_or_else(|e| panic!("{e}"))
}

fn stream(body: &str) -> String {
    format!(
        "version: 1\nname: t\nregion: us-east-1\nmonths: 1\nkinesis:\n  streams:\n    - {{ name: s, {body} }}\n"
    )
}

fn capacity(e: &Estimate, metric: &str) -> Option<f64> {
    e.capacity
        .iter()
        .find(|c| c.metric == metric)
        .map(|c| c.value)
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-6 * b.abs().max(1.0), "{a} != {b}");
}

#[test]
fn provisioned_bill_by_the_rules() {
    // 10,000 records/s of 1 KB, one consumer → 10 shards (records bind).
    //   shard-hours     10 × 730 = 7,300 × $0.015 = $109.50
    //   payload units   10,000/s × 1 unit × 2,628,000 s = 26.28 billion × $0.014/M = $367.92
    //   extended retention (48 h > 24 h): 7,300 shard-hours × $0.02 = $146.00
    let e = run(&stream(
        "records_per_second: 10000, record_size: 1 KB, retention: 48 h",
    ));
    assert_eq!(capacity(&e, "shards"), Some(10.0));
    close(e.months[0].total().value(), 109.5 + 367.92 + 146.0);
}

#[test]
fn on_demand_bill_by_the_rules() {
    // 1,000 records/s of 4.5 KB, billed as 5 KB each, two shared consumers, 48 h.
    //   stream-hours   730 × $0.04 = $29.20
    //   ingested       1,000 × 5 KB × 2,628,000 s = 12,531.28 GB × $0.08
    //   retrieved      2 × 1,000 × 4.5 KB × 2,628,000 s = 22,556.31 GB × $0.04
    //   extended       1,000 × 4.5 KB × 24 h × 3,600 s = 370.79 GB-Mo × $0.10
    let e = run(&stream(
        "records_per_second: 1000, record_size: 4.5 KB, consumers: 2, retention: 48 h, mode: on_demand",
    ));
    let gib = 1024.0 * 1024.0 * 1024.0;
    let ingested = 1000.0 * 5.0 * 1024.0 * 2_628_000.0 / gib;
    let retrieved = 2.0 * 1000.0 * 4.5 * 1024.0 * 2_628_000.0 / gib;
    let held = 1000.0 * 4.5 * 1024.0 * 24.0 * 3600.0 / gib;
    close(
        e.months[0].total().value(),
        29.2 + ingested * 0.08 + retrieved * 0.04 + held * 0.10,
    );
}

#[test]
fn compare_on_a_small_steady_stream_prefers_provisioned() {
    // 100 records/s of 1 KB: 1 shard. Provisioned $10.95 + $3.68 against on-demand
    // $29.20 + $20.05 + $10.02: provisioned is cheaper at any traffic one shard carries.
    let e = run(&stream(
        "records_per_second: 100, record_size: 1 KB, mode: compare",
    ));
    let (p, o) = (
        capacity(&e, "provisioned").unwrap(),
        capacity(&e, "on-demand").unwrap(),
    );
    assert!(p < o, "{p} {o}");
    close(p, 10.95 + 100.0 * 2_628_000.0 * 0.014 / 1e6);
    assert!(capacity(&e, "utilisation").is_some());
    assert!(
        e.months[0]
            .lines
            .iter()
            .any(|l| &*l.component == "shard-hours")
    );
}

#[test]
fn compare_on_a_large_spiky_stream_finds_the_crossing() {
    // 500 records/s of 1 KB on average, peaks of 50×: 25 shards sized for 25,000/s,
    // used 2% on average. Provisioned: 25 × $10.95 + payload units ≈ $292; on-demand
    // ≈ $29.20 + $100.24 + $50.12 ≈ $180: on-demand is cheaper, and the two cross
    // at a higher average use of the shards.
    let e = run(&stream(
        "records_per_second: 500, peak_factor: 50, record_size: 1 KB, mode: compare",
    ));
    let (p, o) = (
        capacity(&e, "provisioned").unwrap(),
        capacity(&e, "on-demand").unwrap(),
    );
    assert!(o < p, "{p} {o}");
    let crossing = capacity(&e, "break-even utilisation").expect("a crossing");
    // Now: 500 / 25,000 = 2% of the shards' record capacity.
    assert!(crossing > 2.0 && crossing < 100.0, "{crossing}");
    // At the crossing, the two bills are equal: fixed_p + x·var_p = fixed_o + x·var_o.
    let x = crossing / 2.0;
    let fixed_p = 25.0 * 10.95;
    let var_p = p - fixed_p;
    let var_o = o - 29.2;
    close(fixed_p + x * var_p, 29.2 + x * var_o);
    assert!(
        e.months[0]
            .lines
            .iter()
            .any(|l| &*l.component == "stream-hours")
    );
    assert!(e.findings.iter().any(|f| f.code == "LC-KDS-003"));
}

#[test]
fn firehose_feeds_its_layer_with_buffer_sized_objects() {
    let text = std::fs::read_to_string("scenarios/streaming-10k-eps.yaml").unwrap();
    let e = run(&text);
    // 10,000 × 1 KB/s fills 128 MB in 13.1 s; at 20% each object is 25.6 MB.
    let objects = e
        .capacity
        .iter()
        .find(|c| c.metric == "objects delivered per day")
        .unwrap();
    close(objects.value, 86_400.0 / 13.1072);
    let steady = e.steady_state.as_ref().unwrap();
    let puts: f64 = steady
        .lines
        .iter()
        .filter(|l| &*l.resource == "bronze" && &*l.component == "PUT requests STANDARD")
        .map(|l| l.quantity)
        .sum();
    close(puts, 86_400.0 / 13.1072 * 730.0 / 24.0);
    // The producers aggregate (KPL): 24 records of 1 KB to a Kinesis record of 24,806 B
    // (docs/model-streaming.md), which Firehose bills rounded up to 5 KB steps: 25 KB.
    // 10,000 ÷ 24 × 25 KB × 2,628,000 s = 26,106.8 GB; no rounding finding.
    let ingest_gb = |e: &lakecost::model::Estimate| -> f64 {
        e.steady_state
            .as_ref()
            .unwrap()
            .lines
            .iter()
            .filter(|l| l.price.key == "firehose.ingest")
            .map(|l| l.quantity)
            .sum()
    };
    let gib = 1024.0f64 * 1024.0 * 1024.0;
    close(
        ingest_gb(&e),
        10_000.0 / 24.0 * 25.0 * 1024.0 * 2_628_000.0 / gib,
    );
    assert!(!e.findings.iter().any(|f| f.code == "LC-FH-001"));
    // Without aggregation Firehose bills each 1 KB record as 5 KB: 10,000 × 5 KB ×
    // 2,628,000 s, and LC-FH-001 says so. The objects delivered are the same: Firehose
    // de-aggregates before delivery.
    let plain = run(&text.replace("aggregation: true", "aggregation: false"));
    close(
        ingest_gb(&plain),
        10_000.0 * 5.0 * 1024.0 * 2_628_000.0 / gib,
    );
    assert!(plain.findings.iter().any(|f| f.code == "LC-FH-001"));
    let objects_plain = plain
        .capacity
        .iter()
        .find(|c| c.metric == "objects delivered per day")
        .unwrap();
    close(objects_plain.value, objects.value);
}

#[test]
fn streaming_references_are_checked_with_suggestions() {
    let yaml = "version: 1\nname: t\nregion: us-east-1\nkinesis:\n  streams:\n    - { name: sales-events, records_per_second: 10, record_size: 1 KB }\nfirehose:\n  streams:\n    - { name: f, source: sales-event }\n";
    let e = load_str(yaml).unwrap_err();
    assert_eq!(e.field, "firehose.streams[0].source");
    assert_eq!(e.suggestion.as_deref(), Some("sales-events"));
    let yaml = "version: 1\nname: t\nregion: us-east-1\nkinesis:\n  streams:\n    - { name: s, records_per_second: 10, record_size: 2 MB }\n";
    assert!(load_str(yaml).unwrap_err().message.contains("1 MB"));
    let yaml = "version: 1\nname: t\nregion: us-east-1\nkinesis:\n  streams:\n    - { name: s, records_per_second: 10, record_size: 1 KB, mode: ondemand }\n";
    assert_eq!(
        load_str(yaml).unwrap_err().suggestion.as_deref(),
        Some("on_demand")
    );
}

#[test]
fn firehose_with_format_conversion_buffers_64_to_128_mib() {
    // Firehose developer guide: with record format conversion the buffer size is 64 to
    // 128 MiB, and Firehose uses 128 MiB when none is given.
    let fh = |buffer: &str| {
        format!(
            "version: 1\nname: t\nregion: us-east-1\nmonths: 1\nfirehose:\n  streams:\n    - {{ name: f, records_per_second: 100, record_size: 1 KB, format_conversion: parquet, output_ratio: 25%{buffer} }}\n"
        )
    };
    let e = load_str(&fh(", buffer: { size: 5 MB }")).unwrap_err();
    assert_eq!(e.field, "firehose.streams[0].buffer.size");
    assert!(e.message.contains("64"), "{}", e.message);
    assert!(e.message.contains("format conversion"), "{}", e.message);
    let s = load_str(&fh("")).unwrap();
    assert_eq!(s.firehose.streams[0].buffer_size.0, 128.0 * 1024.0 * 1024.0);
}

#[test]
fn a_share_of_nothing_is_an_error() {
    // A layer whose writes are a share of ingest, in a scenario without `ingest`, used
    // to get 0 bytes without a word.
    let e = load_str("version: 1\nname: t\nregion: us-east-1\ns3:\n  layers:\n    - { name: raw, share_of_ingest: 100%, object_size: 64 MB }\n")
        .unwrap_err();
    assert_eq!(e.field, "s3.layers[0].share_of_ingest");
    assert!(e.message.contains("add `ingest:"), "{}", e.message);
    assert!(e.loc.is_some());
}

#[test]
fn from_layer_derives_silver_from_a_firehose_fed_bronze() {
    // Bronze is fed by Firehose (10,000 × 1 KB records/s, Parquet at 20 %): 10,000 ×
    // 1,024 × 86,400 × 0.2 = 176,947,200,000 B/day. Silver keeps 25 % of that.
    let yaml = "version: 1\nname: t\nregion: us-east-1\nmonths: 2\n\
firehose:\n  streams:\n    - { name: f, records_per_second: 10000, record_size: 1 KB, format_conversion: parquet, output_ratio: 20%, deliver_to: bronze }\n\
s3:\n  layers:\n    - { name: bronze, expire_after_days: 30 }\n    - { name: silver, from_layer: { name: bronze, ratio: 25% }, object_size: 256 MB, expire_after_days: 30 }\n";
    let e = run(yaml);
    let silver = e
        .capacity
        .iter()
        .find(|c| c.resource == "silver" && c.metric == "writes per day")
        .unwrap();
    let bytes = 10_000.0 * 1024.0 * 86_400.0 * 0.2 * 0.25;
    assert!(
        (silver.value - bytes / 1024f64.powi(3)).abs() < 1e-6,
        "{} {}",
        silver.value,
        silver.unit
    );
    assert!(
        e.months[1]
            .lines
            .iter()
            .any(|l| &*l.resource == "silver" && l.cost_usd.value() > 0.0)
    );
    // A chain from ingest multiplies the shares: gold = 25 % of 40 % of ingest.
    let chained = load_str("version: 1\nname: t\nregion: us-east-1\ningest: { per_day: 1 TB }\ns3:\n  layers:\n    - { name: bronze, share_of_ingest: 40%, object_size: 64 MB, expire_after_days: 30 }\n    - { name: silver, from_layer: { name: bronze, ratio: 50% }, object_size: 64 MB, expire_after_days: 30 }\n    - { name: gold, from_layer: { name: silver, ratio: 50% }, object_size: 64 MB, expire_after_days: 30 }\n").unwrap();
    let r = lakecost::model::resolve(&chained);
    assert!((r.s3.layers[2].share_of_ingest.value() - 0.1).abs() < 1e-12);
}

#[test]
fn from_layer_names_a_layer_and_no_circle() {
    let base =
        "version: 1\nname: t\nregion: us-east-1\ningest: { per_day: 1 TB }\ns3:\n  layers:\n";
    let e = load_str(&format!("{base}    - {{ name: bronze, share_of_ingest: 1, object_size: 64 MB }}\n    - {{ name: silver, from_layer: {{ name: bronz, ratio: 25% }}, object_size: 64 MB }}\n")).unwrap_err();
    assert_eq!(e.field, "s3.layers[1].from_layer.name");
    assert_eq!(e.suggestion.as_deref(), Some("bronze"));
    let e = load_str(&format!("{base}    - {{ name: a, from_layer: {{ name: b, ratio: 1 }}, object_size: 64 MB }}\n    - {{ name: b, from_layer: {{ name: a, ratio: 1 }}, object_size: 64 MB }}\n")).unwrap_err();
    assert!(e.message.contains("circle"), "{}", e.message);
}
