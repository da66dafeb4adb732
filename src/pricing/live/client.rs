//! The Price List Query API client: the AWS SDK with the default credential chain,
//! profiles and `AWS_REGION`, the standard endpoint overrides (`AWS_ENDPOINT_URL`,
//! `AWS_ENDPOINT_URL_PRICING`) or `--endpoint-url`, and the SDK's retry (throttling,
//! 5xx, with backoff) and timeout configuration.
//!
//! Nothing here prints or logs credentials, signatures or request headers: errors are
//! reported by their service code and message only.

use aws_config::Region;
use aws_sdk_pricing::types::{Filter, FilterType};
use std::fmt;
use std::time::Duration;

/// The regions that serve the Price List API, whatever region is being priced.
pub const API_REGIONS: [&str; 3] = ["us-east-1", "eu-central-1", "ap-south-1"];

#[derive(Clone, Debug, PartialEq)]
pub struct LiveConfig {
    pub endpoint_url: Option<String>,
    /// Attempts per request, the first included.
    pub max_attempts: u32,
    pub initial_backoff: Duration,
    /// Time allowed for one attempt.
    pub timeout: Duration,
    pub limits: FetchLimits,
}

/// Caps on what one refresh or live estimate reads, so that a misbehaving endpoint
/// (endless or cycling NextTokens, huge pages) ends in a clear error instead of
/// running forever or exhausting memory. Real queries read one or two pages of a few
/// KB each: the defaults are far above that.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FetchLimits {
    /// Pages read for one query (at 100 items a page).
    pub pages_per_query: usize,
    /// Bytes of price items kept in memory over the whole run.
    pub bytes: usize,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            pages_per_query: 100,
            bytes: 128 << 20,
        }
    }
}

/// The largest `--max-attempts` accepted: with exponential backoff, ten attempts
/// already wait minutes.
pub const MAX_ATTEMPTS: u32 = 10;

impl Default for LiveConfig {
    fn default() -> Self {
        LiveConfig {
            endpoint_url: None,
            max_attempts: 5,
            initial_backoff: Duration::from_secs(1),
            timeout: Duration::from_secs(30),
            limits: FetchLimits::default(),
        }
    }
}

/// Why prices could not be fetched.
#[derive(Clone, Debug, PartialEq)]
pub enum LiveError {
    NoCredentials(String),
    Api {
        service_code: String,
        message: String,
    },
    /// The endpoint sent more than the limits allow, or a paging cycle.
    Limit {
        service_code: String,
        message: String,
    },
}

impl fmt::Display for LiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LiveError::NoCredentials(why) => write!(
                f,
                "no AWS credentials for the Price List API ({why}). Provide them the standard ways: \
                 AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile in ~/.aws/credentials or \
                 ~/.aws/config (AWS_PROFILE), SSO (aws sso login), or an instance or container role. \
                 The caller needs pricing:GetProducts."
            ),
            LiveError::Api {
                service_code,
                message,
            } => {
                write!(f, "Price List API, {service_code}: {message}")
            }
            LiveError::Limit {
                service_code,
                message,
            } => write!(
                f,
                "Price List API, {service_code}: {message}; nothing was written (the limits are --max-pages and --max-mb)"
            ),
        }
    }
}

impl std::error::Error for LiveError {}

pub struct PriceListClient {
    client: aws_sdk_pricing::Client,
}

/// The SDK configuration loader with lakecost's retries, timeouts and endpoint.
fn loader(cfg: &LiveConfig) -> aws_config::ConfigLoader {
    crate::aws::loader(&crate::aws::Connection {
        endpoint_url: cfg.endpoint_url.clone(),
        profile: None,
        max_attempts: cfg.max_attempts.clamp(1, MAX_ATTEMPTS),
        initial_backoff: cfg.initial_backoff,
        timeout: cfg.timeout,
    })
}

/// The endpoint region: the caller's region when it serves the API, else us-east-1.
fn api_region(configured: Option<&Region>) -> Region {
    match configured {
        Some(r) if API_REGIONS.contains(&r.as_ref()) => r.clone(),
        _ => Region::from_static("us-east-1"),
    }
}

impl PriceListClient {
    /// Builds a client and checks that credentials resolve, so that a missing
    /// credential is one clear error rather than a failure per request.
    pub async fn new(cfg: &LiveConfig) -> Result<PriceListClient, LiveError> {
        let shared = loader(cfg).load().await;
        crate::aws::check_credentials(&shared)
            .await
            .map_err(LiveError::NoCredentials)?;
        Ok(PriceListClient::from_shared(&shared))
    }

    /// A client with the given credentials instead of the default chain (for tools
    /// and tests that must not read the environment).
    pub async fn with_static_credentials(
        cfg: &LiveConfig,
        access_key_id: &str,
        secret: &str,
    ) -> PriceListClient {
        let creds = aws_credential_types::Credentials::new(
            access_key_id,
            secret,
            None,
            None,
            "lakecost-static",
        );
        let shared = loader(cfg)
            .credentials_provider(creds)
            .region(Region::from_static("us-east-1"))
            .load()
            .await;
        PriceListClient::from_shared(&shared)
    }

    fn from_shared(shared: &aws_config::SdkConfig) -> PriceListClient {
        let conf = aws_sdk_pricing::config::Builder::from(shared)
            .region(api_region(shared.region()))
            .build();
        PriceListClient {
            client: aws_sdk_pricing::Client::from_conf(conf),
        }
    }

    /// Every `PriceList` item of a service matching the TERM_MATCH filters, following
    /// NextToken to the end, within `limits`: at most `pages_per_query` pages, no token
    /// seen twice, and the items' bytes counted against `bytes_left` (shared by every
    /// query of a run). Returns the items and the number of pages read.
    pub async fn products(
        &self,
        service_code: &str,
        filters: &[(String, String)],
        limits: &FetchLimits,
        bytes_left: &mut usize,
    ) -> Result<(Vec<String>, usize), LiveError> {
        let limit = |message: String| LiveError::Limit {
            service_code: service_code.into(),
            message,
        };
        let mut items = Vec::new();
        let mut token: Option<String> = None;
        let mut seen = std::collections::HashSet::new();
        let mut pages = 0;
        loop {
            if pages == limits.pages_per_query {
                return Err(limit(format!(
                    "the endpoint kept paging past {} pages for one query",
                    limits.pages_per_query
                )));
            }
            let mut req = self
                .client
                .get_products()
                .service_code(service_code)
                .format_version("aws_v1")
                .max_results(100);
            for (field, value) in filters {
                let f = Filter::builder()
                    .r#type(FilterType::TermMatch)
                    .field(field)
                    .value(value)
                    .build()
                    .map_err(|e| LiveError::Api {
                        service_code: service_code.into(),
                        message: crate::text::server_message(&e.to_string()),
                    })?;
                req = req.filters(f);
            }
            if let Some(t) = &token {
                req = req.next_token(t);
            }
            let out = req.send().await.map_err(|e| LiveError::Api {
                service_code: service_code.into(),
                message: crate::aws::sdk_error_message(
                    &e,
                    "a Price List error (not the expected JSON)",
                ),
            })?;
            pages += 1;
            for item in out.price_list() {
                *bytes_left = bytes_left.checked_sub(item.len()).ok_or_else(|| {
                    limit(format!(
                        "the endpoint sent more than {} MiB of price items",
                        limits.bytes >> 20
                    ))
                })?;
                items.push(item.clone());
            }
            match out.next_token() {
                // An empty page with a token is not the end: keep reading.
                Some(t) if !t.is_empty() => {
                    if !seen.insert(t.to_string()) {
                        return Err(limit(
                            "the endpoint sent a NextToken it had sent before (a paging cycle)"
                                .into(),
                        ));
                    }
                    token = Some(t.to_string())
                }
                _ => break,
            }
        }
        Ok((items, pages))
    }
}
