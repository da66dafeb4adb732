//! A CloudWatch stand-in on 127.0.0.1 speaking the protocol aws-sdk-cloudwatch 1.140
//! speaks: Smithy RPC v2 CBOR (`POST /service/GraniteServiceVersion20100801/operation/
//! {Operation}`, `smithy-protocol: rpc-v2-cbor`, CBOR bodies, timestamps as CBOR tag 1
//! epoch seconds, query-compatible error codes in `x-amzn-query-error`). It serves
//! GetMetricData (paged by datapoints with NextToken), ListMetrics and
//! GetMetricStatistics from series the test generates, and can throttle, deny a
//! namespace, or leave a metric out.
#![allow(dead_code)]

use ciborium::Value;
use std::collections::BTreeMap;
use std::net::TcpStream;
use std::sync::{Arc, Mutex};

/// A metric's identity: namespace, name, dimensions (sorted by name), statistic.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub namespace: String,
    pub metric: String,
    pub dimensions: Vec<(String, String)>,
    pub stat: String,
}

impl Key {
    pub fn new(namespace: &str, metric: &str, dims: &[(&str, &str)], stat: &str) -> Key {
        let mut dimensions: Vec<(String, String)> = dims
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        dimensions.sort();
        Key {
            namespace: namespace.into(),
            metric: metric.into(),
            dimensions,
            stat: stat.into(),
        }
    }
}

#[derive(Default)]
pub struct State {
    /// Datapoints by metric: (epoch seconds, value), any order.
    pub series: BTreeMap<Key, Vec<(i64, f64)>>,
    /// Datapoints per GetMetricData page, over all its results.
    pub page_points: usize,
    /// Answer the next N requests with Throttling.
    pub throttle: usize,
    /// GetMetricData calls asking for this namespace are denied.
    pub deny_namespace: Option<String>,
    /// Operation of every request, and every header line seen.
    pub operations: Vec<String>,
    pub headers_seen: Vec<String>,
    /// Datapoints returned per GetMetricData query id (to check paging joined them).
    pub bodies: usize,
}

impl State {
    /// Serves `points` for one metric, its dimensions and statistic.
    pub fn put(
        &mut self,
        namespace: &str,
        metric: &str,
        dims: &[(&str, &str)],
        stat: &str,
        points: Vec<(i64, f64)>,
    ) {
        self.series
            .insert(Key::new(namespace, metric, dims, stat), points);
    }
}

pub struct Fixture {
    pub url: String,
    pub state: Arc<Mutex<State>>,
}

impl Fixture {
    pub fn start() -> Fixture {
        let state = Arc::new(Mutex::new(State {
            page_points: 1000,
            ..State::default()
        }));
        let shared = state.clone();
        let url = super::http::listen(move |stream| serve(stream, &shared));
        Fixture { url, state }
    }

    pub fn with(&self, f: impl FnOnce(&mut State)) {
        f(&mut self.state.lock().unwrap());
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    Value::Map(entries.into_iter().map(|(k, v)| (text(k), v)).collect())
}

fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Map(m) => m
            .iter()
            .find(|(k, _)| matches!(k, Value::Text(t) if t == key))
            .map(|(_, v)| v),
        _ => None,
    }
}

fn string(v: Option<&Value>) -> String {
    match v {
        Some(Value::Text(t)) => t.clone(),
        _ => String::new(),
    }
}

fn number(v: Option<&Value>) -> f64 {
    match v {
        Some(Value::Integer(i)) => i128::from(*i) as f64,
        Some(Value::Float(f)) => *f,
        Some(Value::Tag(1, inner)) => number(Some(inner)),
        _ => f64::NAN,
    }
}

fn timestamp(secs: i64) -> Value {
    Value::Tag(1, Box::new(Value::Float(secs as f64)))
}

fn encode(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::into_writer(v, &mut out).unwrap();
    out
}

const CBOR: (&str, &str) = ("Content-Type", "application/cbor");
const PROTOCOL: (&str, &str) = ("smithy-protocol", "rpc-v2-cbor");

fn error(stream: TcpStream, status: &str, code: &str, message: &str) {
    let body = map(vec![
        ("__type", text(&format!("com.amazonaws.cloudwatch#{code}"))),
        ("message", text(message)),
    ]);
    let query_error = format!("{code};Sender");
    super::http::respond(
        stream,
        status,
        &[CBOR, PROTOCOL, ("x-amzn-query-error", &query_error)],
        &encode(&body),
    );
}

fn dimensions_of(metric: &Value) -> Vec<(String, String)> {
    match get(metric, "Dimensions") {
        Some(Value::Array(ds)) => ds
            .iter()
            .map(|d| (string(get(d, "Name")), string(get(d, "Value"))))
            .collect(),
        _ => Vec::new(),
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>) {
    let Some(req) = super::http::read_request(&stream) else {
        return;
    };
    let operation = req
        .path
        .strip_prefix("/service/GraniteServiceVersion20100801/operation/")
        .unwrap_or("")
        .to_string();
    let mut st = state.lock().unwrap();
    st.operations.push(operation.clone());
    st.headers_seen.extend(req.headers.iter().cloned());
    if req.method != "POST" || req.header("smithy-protocol") != Some("rpc-v2-cbor") {
        drop(st);
        return error(
            stream,
            "400 Bad Request",
            "InvalidAction",
            "expected rpc-v2-cbor",
        );
    }
    if st.throttle > 0 {
        st.throttle -= 1;
        drop(st);
        return error(stream, "400 Bad Request", "Throttling", "Rate exceeded");
    }
    let body: Value = ciborium::from_reader(req.body.as_slice()).unwrap_or(Value::Null);
    let answer = match operation.as_str() {
        "GetMetricData" => get_metric_data(&body, &mut st),
        "ListMetrics" => Ok(list_metrics(&body, &st)),
        "GetMetricStatistics" => Ok(get_metric_statistics(&body, &st)),
        _ => Err((
            "400 Bad Request",
            "InvalidAction",
            "unknown operation".to_string(),
        )),
    };
    drop(st);
    match answer {
        Ok(v) => super::http::respond(stream, "200 OK", &[CBOR, PROTOCOL], &encode(&v)),
        Err((status, code, message)) => error(stream, status, code, &message),
    }
}

type Failure = (&'static str, &'static str, String);

/// Results in query order, datapoints in time order, at most `page_points` datapoints
/// a page; the token says where the next page starts (query, point).
fn get_metric_data(body: &Value, st: &mut State) -> Result<Value, Failure> {
    let (start, end) = (number(get(body, "StartTime")), number(get(body, "EndTime")));
    let Some(Value::Array(queries)) = get(body, "MetricDataQueries") else {
        return Err((
            "400 Bad Request",
            "InvalidParameterValue",
            "no queries".into(),
        ));
    };
    if queries.len() > 500 {
        return Err((
            "400 Bad Request",
            "InvalidParameterValue",
            "more than 500 queries".into(),
        ));
    }
    let mut wanted = Vec::new();
    for q in queries {
        let stat = get(q, "MetricStat").unwrap_or(&Value::Null);
        let metric = get(stat, "Metric").unwrap_or(&Value::Null);
        let namespace = string(get(metric, "Namespace"));
        if st.deny_namespace.as_deref() == Some(namespace.as_str()) {
            return Err((
                "403 Forbidden",
                "AccessDenied",
                "User is not authorized to perform: cloudwatch:GetMetricData".into(),
            ));
        }
        let mut dims = dimensions_of(metric);
        dims.sort();
        let key = Key {
            namespace,
            metric: string(get(metric, "MetricName")),
            dimensions: dims,
            stat: string(get(stat, "Stat")),
        };
        let mut points: Vec<(i64, f64)> = st
            .series
            .get(&key)
            .map(|s| {
                s.iter()
                    .filter(|(t, _)| (*t as f64) >= start && (*t as f64) < end)
                    .copied()
                    .collect()
            })
            .unwrap_or_default();
        points.sort_by_key(|p| p.0);
        wanted.push((string(get(q, "Id")), points));
    }
    let (mut qi, mut pi) = match get(body, "NextToken") {
        Some(Value::Text(t)) => {
            let (a, b) = t.split_once(':').unwrap_or(("0", "0"));
            (a.parse().unwrap_or(0), b.parse().unwrap_or(0))
        }
        _ => (0usize, 0usize),
    };
    let mut budget = st.page_points;
    let mut results = Vec::new();
    while qi < wanted.len() && budget > 0 {
        let (id, points) = &wanted[qi];
        let take = (points.len() - pi).min(budget);
        let slice = &points[pi..pi + take];
        budget -= take;
        results.push(map(vec![
            ("Id", text(id)),
            ("Label", text(id)),
            (
                "Timestamps",
                Value::Array(slice.iter().map(|p| timestamp(p.0)).collect()),
            ),
            (
                "Values",
                Value::Array(slice.iter().map(|p| Value::Float(p.1)).collect()),
            ),
            (
                "StatusCode",
                text(if pi + take < points.len() {
                    "PartialData"
                } else {
                    "Complete"
                }),
            ),
        ]));
        if pi + take < points.len() {
            pi += take;
        } else {
            qi += 1;
            pi = 0;
        }
    }
    st.bodies += 1;
    let mut out = vec![
        ("MetricDataResults", Value::Array(results)),
        ("Messages", Value::Array(vec![])),
    ];
    if qi < wanted.len() {
        out.push(("NextToken", text(&format!("{qi}:{pi}"))));
    }
    Ok(map(out))
}

fn list_metrics(body: &Value, st: &State) -> Value {
    let (namespace, metric) = (
        string(get(body, "Namespace")),
        string(get(body, "MetricName")),
    );
    let filters = dimensions_of(body);
    let metrics: Vec<Value> = st
        .series
        .keys()
        .filter(|k| k.namespace == namespace && k.metric == metric)
        .filter(|k| filters.iter().all(|f| k.dimensions.contains(f)))
        .map(|k| {
            map(vec![
                ("Namespace", text(&k.namespace)),
                ("MetricName", text(&k.metric)),
                (
                    "Dimensions",
                    Value::Array(
                        k.dimensions
                            .iter()
                            .map(|(n, v)| map(vec![("Name", text(n)), ("Value", text(v))]))
                            .collect(),
                    ),
                ),
            ])
        })
        .collect();
    map(vec![("Metrics", Value::Array(metrics))])
}

/// Datapoints summed into the request's period (the fixture's series are finer).
fn get_metric_statistics(body: &Value, st: &State) -> Value {
    let (start, end) = (
        number(get(body, "StartTime")) as i64,
        number(get(body, "EndTime")) as i64,
    );
    let period = number(get(body, "Period")) as i64;
    // A percentile comes as an extended statistic, and goes back as one.
    let (stat, extended) = match (get(body, "Statistics"), get(body, "ExtendedStatistics")) {
        (Some(Value::Array(s)), _) => (string(s.first()), false),
        (_, Some(Value::Array(s))) => (string(s.first()), true),
        _ => (String::new(), false),
    };
    let mut dims = dimensions_of(body);
    dims.sort();
    let key = Key {
        namespace: string(get(body, "Namespace")),
        metric: string(get(body, "MetricName")),
        dimensions: dims,
        stat: stat.clone(),
    };
    let mut buckets: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
    for (t, v) in st.series.get(&key).into_iter().flatten() {
        if *t >= start && *t < end {
            buckets
                .entry(start + (t - start) / period * period)
                .or_default()
                .push(*v);
        }
    }
    let points: Vec<Value> = buckets
        .iter()
        .map(|(t, vs)| {
            let v = match stat.as_str() {
                "Average" => vs.iter().sum::<f64>() / vs.len() as f64,
                // The stand-in's percentile of a period: its largest point.
                _ if extended => vs.iter().copied().fold(f64::MIN, f64::max),
                _ => vs.iter().sum(),
            };
            let value = if extended {
                (
                    "ExtendedStatistics",
                    map(vec![(stat.as_str(), Value::Float(v))]),
                )
            } else {
                (stat.as_str(), Value::Float(v))
            };
            map(vec![("Timestamp", timestamp(*t)), value])
        })
        .collect();
    map(vec![
        ("Label", text(&key.metric)),
        ("Datapoints", Value::Array(points)),
    ])
}
