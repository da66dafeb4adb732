//! What CloudWatch is asked for each bound resource: namespace, metric, dimensions,
//! statistic and period, as docs/calibration.md lists them with their sources.

use crate::scenario::{Binding, Bound, StorageClass};

/// One metric series to fetch.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// `m0`, `m1`…: the GetMetricData query id (lowercase letter first, as required).
    pub id: String,
    /// The binding it serves (index into the scenario's bindings).
    pub binding: usize,
    pub namespace: &'static str,
    pub metric: &'static str,
    pub dimensions: Vec<(&'static str, String)>,
    /// `Sum`, `Average` or `SampleCount`.
    pub stat: &'static str,
    /// Seconds per datapoint.
    pub period: i32,
}

/// S3 storage types (`StorageType` of `AWS/S3 BucketSizeBytes`) for each class's
/// object bytes. The size-overhead types (`StandardIASizeOverhead`,
/// `GlacierObjectOverhead`…) are S3's per-object minimums and metadata: reported with
/// the class they belong to but not compared with object bytes.
pub const STORAGE_TYPES: [(&str, StorageClass); 9] = [
    ("StandardStorage", StorageClass::Standard),
    (
        "IntelligentTieringFAStorage",
        StorageClass::IntelligentTiering,
    ),
    (
        "IntelligentTieringIAStorage",
        StorageClass::IntelligentTiering,
    ),
    (
        "IntelligentTieringAIAStorage",
        StorageClass::IntelligentTiering,
    ),
    ("StandardIAStorage", StorageClass::StandardIa),
    ("OneZoneIAStorage", StorageClass::OnezoneIa),
    ("GlacierInstantRetrievalStorage", StorageClass::GlacierIr),
    ("GlacierStorage", StorageClass::Glacier),
    ("DeepArchiveStorage", StorageClass::DeepArchive),
];

/// The class a storage type's object bytes belong to; `None` for overhead types.
pub fn class_of(storage_type: &str) -> Option<StorageClass> {
    STORAGE_TYPES
        .iter()
        .find(|(t, _)| *t == storage_type)
        .map(|(_, c)| *c)
}

/// Seconds per datapoint for per-minute traffic metrics: CloudWatch keeps 1-minute
/// data 15 days, 5-minute data 63 days, 1-hour data 455 days.
pub fn traffic_period(days: u32) -> i32 {
    match days {
        0..=15 => 60,
        16..=63 => 300,
        _ => 3600,
    }
}

/// The NAT gateway metrics whose sum is the bytes a gateway processed (Amazon VPC
/// User Guide, "CloudWatch metrics for your NAT gateway").
pub const NAT_PROCESSED: [&str; 2] = ["BytesOutToDestination", "BytesOutToSource"];

/// The queries for every binding. `storage_types` are the bucket's StorageType
/// values found by ListMetrics (all the object-byte types when it could not tell).
pub fn queries(
    bindings: &[Binding],
    days: u32,
    storage_types: &dyn Fn(&str) -> Vec<String>,
) -> Vec<Query> {
    let mut out = Vec::new();
    let traffic = traffic_period(days);
    const DAY: i32 = 86_400;
    for (i, b) in bindings.iter().enumerate() {
        let mut add = |namespace, metric, dims: Vec<(&'static str, String)>, stat, period| {
            out.push(Query {
                id: String::new(),
                binding: i,
                namespace,
                metric,
                dimensions: dims,
                stat,
                period,
            })
        };
        let id = || b.id.clone();
        match b.kind {
            Bound::Bucket => {
                for t in storage_types(&b.id) {
                    add(
                        "AWS/S3",
                        "BucketSizeBytes",
                        vec![("BucketName", id()), ("StorageType", t)],
                        "Average",
                        DAY,
                    );
                }
                add(
                    "AWS/S3",
                    "NumberOfObjects",
                    vec![
                        ("BucketName", id()),
                        ("StorageType", "AllStorageTypes".into()),
                    ],
                    "Average",
                    DAY,
                );
            }
            Bound::Stream => {
                for m in [
                    "IncomingRecords",
                    "IncomingBytes",
                    "WriteProvisionedThroughputExceeded",
                ] {
                    add("AWS/Kinesis", m, vec![("StreamName", id())], "Sum", traffic);
                }
            }
            Bound::DeliveryStream => {
                for m in ["IncomingRecords", "IncomingBytes", "DeliveryToS3.Records"] {
                    add(
                        "AWS/Firehose",
                        m,
                        vec![("DeliveryStreamName", id())],
                        "Sum",
                        traffic,
                    );
                }
            }
            Bound::Function => {
                for m in ["Invocations", "Duration"] {
                    add("AWS/Lambda", m, vec![("FunctionName", id())], "Sum", DAY);
                }
                add(
                    "AWS/Lambda",
                    "Duration",
                    vec![("FunctionName", id())],
                    "p99",
                    DAY,
                );
            }
            Bound::AthenaWorkgroup => {
                let dims = vec![
                    ("QueryState", "SUCCEEDED".to_string()),
                    ("QueryType", "DML".to_string()),
                    ("WorkGroup", id()),
                ];
                add("AWS/Athena", "ProcessedBytes", dims.clone(), "Sum", DAY);
                add("AWS/Athena", "ProcessedBytes", dims, "SampleCount", DAY);
            }
            Bound::ServerlessWorkgroup => {
                add(
                    "AWS/Redshift-Serverless",
                    "ComputeSeconds",
                    vec![("Workgroup", id())],
                    "Sum",
                    DAY,
                );
                add(
                    "AWS/Redshift-Serverless",
                    "ComputeCapacity",
                    vec![("Workgroup", id())],
                    "Average",
                    DAY,
                );
                // Storage is the namespace's: read only when the binding names it.
                if let Some(n) = &b.namespace {
                    add(
                        "AWS/Redshift-Serverless",
                        "DataStorage",
                        vec![("Namespace", n.clone())],
                        "Average",
                        DAY,
                    );
                }
            }
            Bound::Cluster => {
                for m in ["CPUUtilization", "PercentageDiskSpaceUsed"] {
                    add(
                        "AWS/Redshift",
                        m,
                        vec![("ClusterIdentifier", id())],
                        "Average",
                        DAY,
                    );
                }
            }
            Bound::StateMachine => {
                add(
                    "AWS/States",
                    "ExecutionsStarted",
                    vec![("StateMachineArn", id())],
                    "Sum",
                    DAY,
                );
            }
            // Glue publishes job metrics only when a job enables them, and never its
            // DPU-hours: nothing is asked (docs/calibration.md).
            Bound::GlueJob => {}
            Bound::LogGroup => {
                add(
                    "AWS/Logs",
                    "IncomingBytes",
                    vec![("LogGroupName", id())],
                    "Sum",
                    DAY,
                );
            }
            // Every byte a NAT gateway forwards is data processed, either way: out to
            // the destination (from the VPC) and out to the source (the replies).
            Bound::NatGateways => {
                for nat in b.id.split(',').map(str::trim) {
                    for m in NAT_PROCESSED {
                        add(
                            "AWS/NATGateway",
                            m,
                            vec![("NatGatewayId", nat.to_string())],
                            "Sum",
                            DAY,
                        );
                    }
                }
            }
            Bound::Table => {
                for m in ["ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits"] {
                    add("AWS/DynamoDB", m, vec![("TableName", id())], "Sum", DAY);
                }
            }
        }
    }
    for (n, q) in out.iter_mut().enumerate() {
        q.id = format!("m{n}");
    }
    out
}
