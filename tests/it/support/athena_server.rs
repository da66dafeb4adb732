//! An Athena stand-in on 127.0.0.1 speaking the real protocol (AWS JSON 1.1,
//! `X-Amz-Target: AmazonAthena.<Operation>`): GetTableMetadata from a column list,
//! StartQueryExecution recording the SQL, GetQueryExecution answering RUNNING before
//! the state the test set (SUCCEEDED, FAILED, CANCELLED), GetQueryResults paging the
//! rows the test gave (a header row first, as Athena sends for a SELECT).
#![allow(dead_code)]

use serde_json::{Value, json};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};

pub struct State {
    /// The table's columns: name and Athena type.
    pub columns: Vec<(String, String)>,
    pub partition_keys: Vec<String>,
    /// The query's result: column names, then rows of values (None is SQL NULL).
    pub result_columns: Vec<String>,
    pub rows: Vec<Vec<Option<String>>>,
    pub page_size: usize,
    /// The state the query ends in, after one RUNNING answer.
    pub end_state: &'static str,
    pub reason: String,
    pub scanned_bytes: i64,
    /// SQL received by StartQueryExecution.
    pub queries: Vec<String>,
    /// Operations called, in order.
    pub calls: Vec<String>,
    polls: usize,
}

pub struct Fixture {
    pub url: String,
    pub state: Arc<Mutex<State>>,
}

impl Fixture {
    pub fn start() -> Fixture {
        let state = Arc::new(Mutex::new(State {
            columns: Vec::new(),
            partition_keys: vec!["billing_period".into()],
            result_columns: Vec::new(),
            rows: Vec::new(),
            page_size: 3,
            end_state: "SUCCEEDED",
            reason: String::new(),
            scanned_bytes: 52_428_800,
            queries: Vec::new(),
            calls: Vec::new(),
            polls: 0,
        }));
        let shared = state.clone();
        let url = super::http::listen(move |stream| serve(stream, &shared));
        Fixture { url, state }
    }

    pub fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        f(&mut self.state.lock().unwrap())
    }
}

fn respond(stream: TcpStream, status: &str, body: &Value) {
    super::http::respond(
        stream,
        status,
        &[("Content-Type", "application/x-amz-json-1.1")],
        body.to_string().as_bytes(),
    );
}

fn serve(stream: TcpStream, state: &Mutex<State>) {
    let Some(request) = super::http::read_request(&stream) else {
        return;
    };
    let op = request
        .header("x-amz-target")
        .and_then(|t| t.strip_prefix("AmazonAthena."))
        .unwrap_or_default()
        .to_string();
    let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
    let mut st = state.lock().unwrap();
    st.calls.push(op.clone());
    let answer = match op.as_str() {
        "GetTableMetadata" => json!({ "TableMetadata": {
            "Name": body["TableName"],
            "Columns": st.columns.iter().map(|(n, t)| json!({"Name": n, "Type": t})).collect::<Vec<_>>(),
            "PartitionKeys": st.partition_keys.iter().map(|n| json!({"Name": n, "Type": "string"})).collect::<Vec<_>>(),
        }}),
        "StartQueryExecution" => {
            st.queries
                .push(body["QueryString"].as_str().unwrap_or_default().into());
            json!({ "QueryExecutionId": "q-0001" })
        }
        "GetQueryExecution" => {
            st.polls += 1;
            let state = if st.polls == 1 {
                "RUNNING"
            } else {
                st.end_state
            };
            let mut status = json!({ "State": state });
            if state != "RUNNING" && !st.reason.is_empty() {
                status["StateChangeReason"] = json!(st.reason);
            }
            json!({ "QueryExecution": {
                "QueryExecutionId": "q-0001",
                "Status": status,
                "Statistics": { "DataScannedInBytes": st.scanned_bytes },
            }})
        }
        "GetQueryResults" => {
            let start: usize = body["NextToken"]
                .as_str()
                .and_then(|t| t.parse().ok())
                .unwrap_or(0);
            let header = json!({ "Data": st.result_columns.iter().map(|c| json!({"VarCharValue": c})).collect::<Vec<_>>() });
            let mut rows: Vec<Value> = Vec::new();
            if start == 0 {
                rows.push(header);
            }
            let end = (start + st.page_size).min(st.rows.len());
            for r in &st.rows[start..end] {
                rows.push(json!({ "Data": r.iter().map(|v| match v {
                    Some(v) => json!({"VarCharValue": v}),
                    None => json!({}),
                }).collect::<Vec<_>>() }));
            }
            let mut out = json!({ "ResultSet": {
                "ResultSetMetadata": { "ColumnInfo": st.result_columns.iter().map(|c| json!({"Name": c, "Type": "varchar"})).collect::<Vec<_>>() },
                "Rows": rows,
            }});
            if end < st.rows.len() {
                out["NextToken"] = json!(end.to_string());
            }
            out
        }
        _ => {
            drop(st);
            return respond(
                stream,
                "400 Bad Request",
                &json!({"__type": "UnknownOperationException", "message": "unknown"}),
            );
        }
    };
    drop(st);
    respond(stream, "200 OK", &answer);
}
