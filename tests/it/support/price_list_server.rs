//! A Price List Query API stand-in on 127.0.0.1: it speaks the real protocol (AWS JSON
//! 1.1 over HTTP/1.1, `X-Amz-Target: AWSPriceListService.GetProducts`), filters its
//! items by the request's TERM_MATCH filters, pages with NextToken, and can throttle,
//! fail with 5xx, send an empty page first, or slip a malformed item in — and misbehave
//! as a hostile endpoint would: endless or cycling NextTokens, huge pages, error bodies
//! that echo the signed request or carry terminal escapes, and bodies that are not JSON.

use lakecost::pricing::{Price, PriceBook};
use serde_json::{Value, json};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct State {
    /// Items as the API sends them: JSON documents in strings.
    pub items: Vec<String>,
    pub page_size: usize,
    /// Answer the next N requests with ThrottlingException.
    pub throttle: usize,
    /// Answer the next N requests with an internal error (500).
    pub fail_5xx: usize,
    /// Send an empty page (with a NextToken) before the first page of every query.
    pub empty_first_page: bool,
    /// A malformed item added to every page of queries with this filter (field, value).
    pub malformed_for: Option<(String, String)>,
    pub requests: usize,
    /// Every header line received, to check what the client sent.
    pub headers_seen: Vec<String>,
    pub paging: Paging,
    /// Bytes of filler item added to every page (a huge page).
    pub page_padding: usize,
    /// Answer every request with a 400 error carrying this message.
    pub error_message: Option<String>,
    /// Answer every request with a 400 error whose message echoes the request headers.
    pub echo_headers: bool,
    /// Answer every request with 200 and a body that is not JSON.
    pub not_json: bool,
}

/// How the stand-in pages.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Paging {
    #[default]
    Normal,
    /// Every page carries a new NextToken, forever.
    Endless,
    /// The second page sends the first page's token again.
    Cycle,
}

pub struct Fixture {
    pub url: String,
    pub state: Arc<Mutex<State>>,
}

/// The items parsed once, for filtering: (service code, product attributes, item).
type Catalog = Arc<Vec<(String, serde_json::Map<String, Value>, String)>>;

fn catalog(items: &[String]) -> Catalog {
    Arc::new(
        items
            .iter()
            .map(|raw| {
                let v: Value = serde_json::from_str(raw).unwrap();
                let mut attrs = v["product"]["attributes"]
                    .as_object()
                    .cloned()
                    .unwrap_or_default();
                attrs.insert(
                    "productFamily".into(),
                    v["product"]["productFamily"].clone(),
                );
                (
                    v["serviceCode"].as_str().unwrap_or_default().to_string(),
                    attrs,
                    raw.clone(),
                )
            })
            .collect(),
    )
}

impl Fixture {
    pub fn start(items: Vec<String>) -> Fixture {
        let state = Arc::new(Mutex::new(State {
            items,
            page_size: 2,
            ..State::default()
        }));
        let shared = state.clone();
        let items = catalog(&shared.lock().unwrap().items);
        let url = super::http::listen(move |stream| serve(stream, &shared, &items));
        Fixture { url, state }
    }

    pub fn with(&self, f: impl FnOnce(&mut State)) {
        f(&mut self.state.lock().unwrap());
    }
}

fn respond(stream: TcpStream, status: &str, error_type: Option<&str>, body: &str) {
    let mut headers = vec![("Content-Type", "application/x-amz-json-1.1")];
    if let Some(t) = error_type {
        headers.push(("x-amzn-ErrorType", t));
    }
    super::http::respond(stream, status, &headers, body.as_bytes());
}

fn serve(stream: TcpStream, state: &Mutex<State>, items: &Catalog) {
    let Some(request) = super::http::read_request(&stream) else {
        return;
    };
    let headers = request.headers;
    let body = request.body;
    let target_ok = headers
        .iter()
        .any(|h| h.eq_ignore_ascii_case("x-amz-target: AWSPriceListService.GetProducts"));
    let mut st = state.lock().unwrap();
    st.requests += 1;
    st.headers_seen.extend(headers);
    if !target_ok {
        drop(st);
        return respond(
            stream,
            "400 Bad Request",
            Some("UnknownOperationException"),
            r#"{"__type":"UnknownOperationException","message":"unknown"}"#,
        );
    }
    if st.throttle > 0 {
        st.throttle -= 1;
        drop(st);
        return respond(
            stream,
            "400 Bad Request",
            Some("ThrottlingException"),
            r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
        );
    }
    if st.fail_5xx > 0 {
        st.fail_5xx -= 1;
        drop(st);
        return respond(
            stream,
            "500 Internal Server Error",
            Some("InternalErrorException"),
            r#"{"__type":"InternalErrorException","message":"try again"}"#,
        );
    }
    if st.not_json {
        drop(st);
        return respond(stream, "200 OK", None, "<html>gateway</html>");
    }
    if st.echo_headers || st.error_message.is_some() {
        let message = match &st.error_message {
            Some(m) => m.clone(),
            None => format!("cannot parse request: {}", st.headers_seen.join("; ")),
        };
        drop(st);
        let body = json!({ "__type": "InvalidParameterException", "message": message });
        return respond(
            stream,
            "400 Bad Request",
            Some("InvalidParameterException"),
            &body.to_string(),
        );
    }
    let req: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let service = req["ServiceCode"].as_str().unwrap_or_default().to_string();
    let filters: Vec<(String, String)> = req["Filters"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["Field"].as_str().unwrap_or_default().to_string(),
                        f["Value"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let matching: Vec<&String> = items
        .iter()
        .filter(|(code, attrs, _)| {
            *code == service
                && filters
                    .iter()
                    .all(|(f, val)| attrs.get(f.as_str()).and_then(Value::as_str) == Some(val))
        })
        .map(|(_, _, raw)| raw)
        .collect();
    let token = req["NextToken"].as_str().map(str::to_string);
    let (page, next): (Vec<String>, Option<String>) = match token.as_deref() {
        None if st.empty_first_page => (Vec::new(), Some("0".into())),
        t => {
            let start: usize = t.and_then(|t| t.parse().ok()).unwrap_or(0);
            let end = (start + st.page_size).min(matching.len());
            let mut page: Vec<String> = matching[start.min(end)..end]
                .iter()
                .map(|s| s.to_string())
                .collect();
            if st
                .malformed_for
                .as_ref()
                .is_some_and(|m| filters.contains(m))
            {
                page.push(r#"{"product":{"sku":"BROKEN"},"terms":"#.into());
            }
            if st.page_padding > 0 {
                page.push(format!("{{\"pad\":\"{}\"}}", "x".repeat(st.page_padding)));
            }
            let next = match st.paging {
                Paging::Normal => (end < matching.len()).then(|| end.to_string()),
                Paging::Endless => Some(format!("{}", start + 1)),
                Paging::Cycle => Some(if start == 0 { "1" } else { "0" }.to_string()),
            };
            (page, next)
        }
    };
    drop(st);
    let mut out = json!({ "FormatVersion": "aws_v1", "PriceList": page });
    if let Some(n) = next {
        out["NextToken"] = json!(n);
    }
    respond(stream, "200 OK", None, &out.to_string());
}

/// A Price List item for a snapshot price, with its tiers in reverse order (as the API
/// may send them) and a stable made-up SKU.
pub fn item(p: &Price) -> String {
    let sku: String = format!(
        "{:X}",
        p.key.len() * 7919 + p.region.len() * 104_729 + p.usage_type.len() * 13
    ) + &p
        .key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(8)
        .collect::<String>()
        .to_uppercase();
    let mut attributes =
        json!({ "regionCode": p.region, "usagetype": p.usage_type, "servicecode": p.service_code });
    if !p.operation.is_empty() {
        attributes["operation"] = json!(p.operation);
    }
    for kv in p.attributes.split(';').filter(|s| !s.is_empty()) {
        if let Some((k, v)) = kv.split_once('=') {
            attributes[k] = json!(v);
        }
    }
    // What a real product carries besides: every attribute lakecost filters on.
    if let Some(id) = lakecost::model::services::catalogue().identity(&p.key, &p.region) {
        for (k, v) in id.attributes {
            attributes[k] = json!(v);
        }
        if !id.operation.is_empty() {
            attributes["operation"] = json!(id.operation);
        }
    }
    let term = format!("{sku}.JRTCKXETXF");
    let mut dims = serde_json::Map::new();
    for (i, t) in p.tiers.iter().enumerate().rev() {
        let code = format!("{term}.R{i}");
        dims.insert(
            code.clone(),
            json!({
                "unit": p.unit,
                "beginRange": t.begin.to_string(),
                "endRange": if t.end.is_infinite() { "Inf".to_string() } else { t.end.to_string() },
                "description": format!("${} per {}", t.usd, p.unit),
                "appliesTo": [],
                "rateCode": code,
                "pricePerUnit": { "USD": format!("{:.10}", t.usd) }
            }),
        );
    }
    json!({
        "product": {
            "productFamily": lakecost::model::services::catalogue().identity(&p.key, &p.region)
                .map_or(p.product_family.clone(), |id| id.product_family),
            "attributes": attributes,
            "sku": sku
        },
        "serviceCode": p.service_code,
        "terms": { "OnDemand": { term.clone(): {
            "priceDimensions": dims, "sku": sku, "effectiveDate": "2026-11-01T00:00:00Z",
            "offerTermCode": "JRTCKXETXF", "termAttributes": {}
        } } },
        "version": "20261120000000",
        "publicationDate": "2026-11-20T00:00:00Z"
    })
    .to_string()
}

/// Items for every price of the bundled snapshot the Query API would serve, with
/// `change` applied to the prices first.
pub fn items_from_bundled(change: impl Fn(&mut Price)) -> Vec<String> {
    PriceBook::bundled()
        .unwrap()
        .prices()
        .into_iter()
        .filter(|p| p.unit != "Fraction")
        .map(|p| {
            let mut p = p.clone();
            change(&mut p);
            item(&p)
        })
        .collect()
}
