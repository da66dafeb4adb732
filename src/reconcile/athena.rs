//! Reconciling a bill that lives in Athena (an organisation's CUR 2.0 or FOCUS table
//! of hundreds of GB): the same sums [`super::bill::Summer`] makes of a file, made by
//! one SQL query over the table instead — one billing period, grouped by meter and
//! kind of charge — and read back through `aws-sdk-athena` (AWS JSON 1.1):
//! GetTableMetadata (the table's columns, free), StartQueryExecution, GetQueryExecution
//! polled with backoff, GetQueryResults page by page.

use super::bill::{Bill, BillError, Col, Dialect, Field, Period, Summer, Tags};
use crate::aws::{Connection, check_credentials, loader, sdk_error_message};
use aws_config::Region;
use aws_sdk_athena::types::{QueryExecutionContext, QueryExecutionState, ResultConfiguration};
use std::time::Duration;

const EXPECTED: &str = "an Athena error (not the expected JSON)";

/// The Data Catalog Athena tables live in unless told otherwise.
pub const CATALOG: &str = "AwsDataCatalog";

/// Pages of results read before the endpoint is taken to be misbehaving (1,000 rows a
/// page: two million meters, the bill's limit).
const MAX_PAGES: usize = 2_000;

/// Longest wait for a query, polling included.
const MAX_WAIT: Duration = Duration::from_secs(2 * 3600);

/// Where the query runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub database: String,
    pub table: String,
    pub workgroup: Option<String>,
    /// `s3://…` for results, where the workgroup does not set one.
    pub output_location: Option<String>,
}

impl Target {
    pub fn name(&self) -> String {
        format!("athena:{}.{}", self.database, self.table)
    }
}

/// Whether `name` can be written in the query as a quoted identifier: Glue database
/// and table names are letters, digits, `_` and `-` (Athena's DDL naming rules).
pub fn identifier_ok(name: &str) -> bool {
    (1..=255).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A table's columns as GetTableMetadata gives them: name and type, partition keys
/// after the columns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Columns {
    pub columns: Vec<(String, String)>,
    pub partition_keys: Vec<String>,
}

/// The aggregation, and the dialect it was written for.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub dialect: Dialect,
    pub sql: String,
    /// How many of the table's columns it reads.
    pub columns: usize,
}

/// The query over `table` for `period`: the columns `reconcile` reads, usage and costs
/// summed, grouped by everything else; only the period's rows (and, where the table is
/// partitioned by `billing_period` as Data Exports' Athena tables are, only its
/// partition, which is what bounds the bytes scanned).
pub fn query(t: &Target, cols: &Columns, period: Period, tags: &Tags) -> Result<Query, String> {
    let names: Vec<&str> = cols.columns.iter().map(|(n, _)| n.as_str()).collect();
    let dialect = Dialect::of_header(names.iter().copied()).ok_or_else(|| {
        format!(
            "the table {}.{} is not a CUR 2.0 or FOCUS 1.2 table: it has neither `line_item_usage_type` nor `ChargeCategory`/`BilledCost`",
            t.database, t.table
        )
    })?;
    let at = Col::find(dialect, &names).map_err(|c| {
        format!(
            "the {} table {}.{} has no column `{c}`, which reconcile needs",
            dialect.name(),
            t.database,
            t.table
        )
    })?;
    let summed = [
        Col::Quantity,
        Col::Cost,
        Col::ReservationCost,
        Col::SavingsPlanCost,
    ];
    let mut grouped = Vec::new();
    let mut sums = Vec::new();
    for (i, c) in Col::ALL.iter().enumerate() {
        if at[i].is_none() {
            continue;
        }
        let name = c.name(dialect).0;
        if summed.contains(c) {
            sums.push(format!("SUM(\"{name}\") AS \"{name}\""));
        } else {
            grouped.push(format!("\"{name}\""));
        }
    }
    let period_col = Col::Period.name(dialect).0;
    let is_text = cols
        .columns
        .iter()
        .find(|(n, _)| n == period_col)
        .is_some_and(|(_, ty)| ty.starts_with("string") || ty.starts_with("varchar"));
    let mut filter = if is_text {
        format!("\"{period_col}\" LIKE '{}%'", period.first_day())
    } else {
        format!(
            "\"{period_col}\" = TIMESTAMP '{} 00:00:00'",
            period.first_day()
        )
    };
    if !tags.is_empty() {
        // Tag keys and values are AWS's tag characters (checked by the CLI), which
        // hold no quote.
        let column = Tags::column(dialect);
        let ty = cols
            .columns
            .iter()
            .find(|(n, _)| n == column)
            .map(|(_, ty)| ty.as_str())
            .ok_or_else(|| {
                format!(
                    "--tag: the {} table {}.{} has no column `{column}`",
                    dialect.name(),
                    t.database,
                    t.table
                )
            })?;
        for (k, v) in &tags.0 {
            if ty.starts_with("map") {
                filter.push_str(&format!(" AND element_at(\"{column}\", '{k}') = '{v}'"));
            } else {
                filter.push_str(&format!(
                    " AND json_extract_scalar(\"{column}\", '$[\"{k}\"]') = '{v}'"
                ));
            }
        }
    }
    if cols.partition_keys.iter().any(|k| k == "billing_period") {
        filter.push_str(&format!(" AND \"billing_period\" = '{period}'"));
    }
    let group_by: Vec<String> = (1..=grouped.len()).map(|i| i.to_string()).collect();
    let sql = format!(
        "SELECT {}, {}\nFROM \"{}\".\"{}\"\nWHERE {filter}\nGROUP BY {}",
        grouped.join(", "),
        sums.join(", "),
        t.database,
        t.table,
        group_by.join(", ")
    );
    Ok(Query {
        dialect,
        sql,
        columns: grouped.len() + sums.len(),
    })
}

/// What running the query cost.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Scan {
    pub query_execution_id: String,
    pub data_scanned_bytes: u64,
}

pub struct Athena {
    client: aws_sdk_athena::Client,
}

impl Athena {
    /// A client for `region` whose credentials resolve; an error says why not, in
    /// words that carry no secret.
    pub async fn new(conn: &Connection, region: &str) -> Result<Athena, String> {
        let shared = loader(conn)
            .region(Region::new(region.to_string()))
            .load()
            .await;
        check_credentials(&shared).await?;
        Ok(Athena {
            client: aws_sdk_athena::Client::new(&shared),
        })
    }

    /// The table's columns (GetTableMetadata, which Athena does not bill).
    pub async fn columns(&self, t: &Target) -> Result<Columns, String> {
        let out = self
            .client
            .get_table_metadata()
            .catalog_name(CATALOG)
            .database_name(&t.database)
            .table_name(&t.table)
            .send()
            .await
            .map_err(|e| format!("GetTableMetadata: {}", sdk_error_message(&e, EXPECTED)))?;
        let meta = out
            .table_metadata()
            .ok_or("GetTableMetadata answered without the table")?;
        Ok(Columns {
            columns: meta
                .columns()
                .iter()
                .map(|c| {
                    (
                        c.name().to_string(),
                        c.r#type().unwrap_or_default().to_ascii_lowercase(),
                    )
                })
                .collect(),
            partition_keys: meta
                .partition_keys()
                .iter()
                .map(|c| c.name().to_string())
                .collect(),
        })
    }

    /// Runs the query and sums its rows into a bill.
    pub async fn run(&self, t: &Target, q: &Query) -> Result<(Bill, Scan), String> {
        let mut start = self
            .client
            .start_query_execution()
            .query_string(&q.sql)
            .query_execution_context(
                QueryExecutionContext::builder()
                    .catalog(CATALOG)
                    .database(&t.database)
                    .build(),
            );
        if let Some(w) = &t.workgroup {
            start = start.work_group(w);
        }
        if let Some(o) = &t.output_location {
            start = start
                .result_configuration(ResultConfiguration::builder().output_location(o).build());
        }
        let started = start
            .send()
            .await
            .map_err(|e| format!("StartQueryExecution: {}", sdk_error_message(&e, EXPECTED)))?;
        let id = started
            .query_execution_id()
            .ok_or("StartQueryExecution answered without a query execution ID")?
            .to_string();
        let scanned = self.wait(&id).await?;
        let name = t.name();
        let mut summer = Summer::new(q.dialect);
        summer.file(&name);
        let mut token: Option<String> = None;
        let mut at: Option<[Option<usize>; 13]> = None;
        let mut row = 0u64;
        for _ in 0..MAX_PAGES {
            let mut req = self
                .client
                .get_query_results()
                .query_execution_id(&id)
                .max_results(1000);
            if let Some(tk) = &token {
                req = req.next_token(tk);
            }
            let page = req
                .send()
                .await
                .map_err(|e| format!("GetQueryResults: {}", sdk_error_message(&e, EXPECTED)))?;
            let set = page
                .result_set()
                .ok_or("GetQueryResults answered without a result set")?;
            let mut rows = set.rows();
            if at.is_none() {
                let header: Vec<&str> = set
                    .result_set_metadata()
                    .map(|m| m.column_info().iter().map(|c| c.name()).collect())
                    .unwrap_or_default();
                at = Some(
                    Col::find(q.dialect, &header)
                        .map_err(|c| format!("the query's results have no column `{c}`"))?,
                );
                // A SELECT's first row repeats the column names.
                rows = rows.get(1..).unwrap_or_default();
            }
            let at = at.as_ref().expect("set above");
            for r in rows {
                row += 1;
                let data = r.data();
                let mut f = [Field::Null; 13];
                for (i, a) in at.iter().enumerate() {
                    if let Some(v) = a.and_then(|a| data.get(a)).and_then(|d| d.var_char_value()) {
                        f[i] = Field::Text(v.as_bytes());
                    }
                }
                summer
                    .add(&f, &name, row)
                    .map_err(|BillError(e)| crate::text::one_line(&e))?;
            }
            match page.next_token() {
                Some(next) if token.as_deref() != Some(next) => token = Some(next.to_string()),
                Some(_) => return Err("GetQueryResults sent the same page token twice".into()),
                None => {
                    return Ok((
                        summer.finish(),
                        Scan {
                            query_execution_id: id,
                            data_scanned_bytes: scanned,
                        },
                    ));
                }
            }
        }
        Err(format!("GetQueryResults sent more than {MAX_PAGES} pages"))
    }

    /// Polls the query until it ends, waiting longer between polls (0.25 s, growing by
    /// half each time, up to 5 s); returns the bytes it scanned.
    async fn wait(&self, id: &str) -> Result<u64, String> {
        let mut pause = Duration::from_millis(250);
        let mut waited = Duration::ZERO;
        loop {
            let out = self
                .client
                .get_query_execution()
                .query_execution_id(id)
                .send()
                .await
                .map_err(|e| format!("GetQueryExecution: {}", sdk_error_message(&e, EXPECTED)))?;
            let exec = out
                .query_execution()
                .ok_or("GetQueryExecution answered without the query")?;
            let status = exec.status();
            let reason = || {
                status
                    .and_then(|s| {
                        s.athena_error()
                            .and_then(|e| e.error_message())
                            .or(s.state_change_reason())
                    })
                    .map(crate::text::server_message)
                    .unwrap_or_else(|| "no reason given".into())
            };
            match status.and_then(|s| s.state()) {
                Some(QueryExecutionState::Succeeded) => {
                    return Ok(exec
                        .statistics()
                        .and_then(|s| s.data_scanned_in_bytes())
                        .and_then(|b| u64::try_from(b).ok())
                        .unwrap_or(0));
                }
                Some(QueryExecutionState::Failed) => {
                    return Err(format!("the Athena query {id} failed: {}", reason()));
                }
                Some(QueryExecutionState::Cancelled) => {
                    return Err(format!("the Athena query {id} was cancelled: {}", reason()));
                }
                _ => {}
            }
            if waited >= MAX_WAIT {
                return Err(format!(
                    "the Athena query {id} did not finish in {} hours",
                    MAX_WAIT.as_secs() / 3600
                ));
            }
            tokio::time::sleep(pause).await;
            waited += pause;
            pause = (pause * 3 / 2).min(Duration::from_secs(5));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> Target {
        Target {
            database: "cur".into(),
            table: "data".into(),
            workgroup: None,
            output_location: None,
        }
    }

    fn cur_columns() -> Columns {
        let mut columns: Vec<(String, String)> = Col::ALL
            .iter()
            .map(|c| (c.name(Dialect::Cur2).0.to_string(), "string".to_string()))
            .collect();
        columns[Col::Period as usize].1 = "timestamp".into();
        columns.push(("resource_tags".into(), "map<string,string>".into()));
        Columns {
            columns,
            partition_keys: vec!["billing_period".into()],
        }
    }

    #[test]
    fn the_query_sums_one_period_of_one_partition_by_meter() {
        let q = query(
            &target(),
            &cur_columns(),
            Period::parse("2026-11").unwrap(),
            &Tags::default(),
        )
        .unwrap();
        assert_eq!(q.dialect, Dialect::Cur2);
        assert!(
            q.sql
                .contains("SUM(\"line_item_usage_amount\") AS \"line_item_usage_amount\"")
        );
        assert!(q.sql.contains("SUM(\"reservation_effective_cost\")"));
        assert!(q.sql.contains("FROM \"cur\".\"data\""));
        assert!(q.sql.contains(
            "WHERE \"bill_billing_period_start_date\" = TIMESTAMP '2026-11-01 00:00:00' AND \"billing_period\" = '2026-11'"
        ));
        // Nine columns grouped, four summed; the tags are never read.
        assert!(
            q.sql.ends_with("GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9"),
            "{}",
            q.sql
        );
        assert!(!q.sql.contains("resource_tags"));
    }

    #[test]
    fn a_table_without_a_needed_column_is_named() {
        let mut c = cur_columns();
        c.columns.retain(|(n, _)| n != "line_item_operation");
        let e = query(
            &target(),
            &c,
            Period::parse("2026-11").unwrap(),
            &Tags::default(),
        )
        .unwrap_err();
        assert!(e.contains("no column `line_item_operation`"), "{e}");
    }

    #[test]
    fn tags_filter_the_map_or_the_json_of_tags() {
        let tags = Tags(vec![("user_team".into(), "lake".into())]);
        let period = Period::parse("2026-11").unwrap();
        let q = query(&target(), &cur_columns(), period, &tags).unwrap();
        assert!(
            q.sql
                .contains(" AND element_at(\"resource_tags\", 'user_team') = 'lake'")
        );
        let mut c = cur_columns();
        c.columns.retain(|(n, _)| n != "resource_tags");
        let e = query(&target(), &c, period, &tags).unwrap_err();
        assert!(e.contains("no column `resource_tags`"), "{e}");
    }

    #[test]
    fn only_plain_names_reach_the_query() {
        assert!(identifier_ok("cur_2"));
        assert!(identifier_ok("my-exports"));
        assert!(!identifier_ok("data\" ; DROP TABLE x; --"));
        assert!(!identifier_ok(""));
    }
}
