//! What lakecost's two AWS clients share (the Price List API for live prices,
//! CloudWatch for `calibrate`): the SDK's configuration with lakecost's retries,
//! timeouts, endpoint and profile, and error messages that never carry credentials,
//! signatures or request headers.

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use std::time::Duration;

/// How to reach an AWS API.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    /// `--endpoint-url`; the SDK also honours `AWS_ENDPOINT_URL` and the
    /// service-specific `AWS_ENDPOINT_URL_<SERVICE>`.
    pub endpoint_url: Option<String>,
    /// `--profile`; else `AWS_PROFILE`, else the default profile.
    pub profile: Option<String>,
    /// Attempts per request, the first included (throttling and 5xx are retried with
    /// exponential backoff by the SDK's standard retry strategy).
    pub max_attempts: u32,
    pub initial_backoff: Duration,
    /// Time allowed for one attempt.
    pub timeout: Duration,
}

/// The SDK configuration loader: default credential chain, `AWS_REGION`, profiles, and
/// the connection's endpoint, retries and timeout. The HTTPS client is rustls on
/// ring, the TLS stack lakecost's other downloads use; credential providers (SSO,
/// STS, the instance metadata service) share it.
pub fn loader(c: &Connection) -> aws_config::ConfigLoader {
    use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
    let https = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(https)
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(c.max_attempts.max(1))
                .with_initial_backoff(c.initial_backoff),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .operation_attempt_timeout(c.timeout)
                .build(),
        );
    if let Some(url) = &c.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    if let Some(p) = &c.profile {
        loader = loader.profile_name(p);
    }
    loader
}

/// The error's kind and message, without request details. `expected` names what an
/// error body should have been (`a CloudWatch error (not the expected CBOR)`).
pub fn sdk_error_message<E, R>(e: &SdkError<E, R>, expected: &str) -> String
where
    E: ProvideErrorMetadata + std::error::Error,
    R: HasStatus,
{
    match e {
        SdkError::ServiceError(s) => {
            let err = s.err();
            let status = s.raw().status();
            match (err.code(), err.message()) {
                (Some(code), Some(m)) => format!(
                    "{}: {}",
                    crate::text::server_message(code),
                    crate::text::server_message(m)
                ),
                (Some(code), None) => {
                    format!("{} (HTTP {status})", crate::text::server_message(code))
                }
                (None, _) => format!(
                    "the endpoint answered HTTP {status} with a body that is not {expected}"
                ),
            }
        }
        SdkError::TimeoutError(_) => "the request timed out".into(),
        SdkError::DispatchFailure(d) if d.is_io() => "the endpoint could not be reached".into(),
        SdkError::DispatchFailure(d) if d.is_timeout() => "the connection timed out".into(),
        SdkError::DispatchFailure(_) => "the request could not be sent".into(),
        SdkError::ResponseError(_) => {
            format!("the response could not be read (truncated, or not {expected})")
        }
        SdkError::ConstructionFailure(_) => "the request could not be built".into(),
        _ => "unknown error".into(),
    }
}

/// A raw response's HTTP status.
pub trait HasStatus {
    fn status(&self) -> u16;
}

impl HasStatus for aws_smithy_runtime_api::http::Response {
    fn status(&self) -> u16 {
        self.status().as_u16()
    }
}

/// The error code of a service error (`Throttling`, `AccessDenied`), if it is one.
pub fn error_code<E: ProvideErrorMetadata, R>(e: &SdkError<E, R>) -> Option<String> {
    match e {
        SdkError::ServiceError(s) => s.err().code().map(str::to_string),
        _ => None,
    }
}

/// Why credentials could not be loaded, in words that carry none of them.
pub fn credential_error(e: &aws_credential_types::provider::error::CredentialsError) -> String {
    use aws_credential_types::provider::error::CredentialsError;
    match e {
        CredentialsError::CredentialsNotLoaded(_) => {
            "none of the standard sources provided credentials".into()
        }
        CredentialsError::ProviderTimedOut(_) => "the credential provider timed out".into(),
        CredentialsError::InvalidConfiguration(_) => "the AWS configuration is invalid".into(),
        CredentialsError::ProviderError(_) => "the credential provider failed".into(),
        _ => "credentials could not be loaded".into(),
    }
}

/// Checks that the configuration's credentials resolve, so that a missing credential
/// is one clear error rather than a failure per request.
pub async fn check_credentials(shared: &aws_config::SdkConfig) -> Result<(), String> {
    use aws_credential_types::provider::ProvideCredentials;
    let provider = shared
        .credentials_provider()
        .ok_or_else(|| "no credential provider is configured".to_string())?;
    provider
        .provide_credentials()
        .await
        .map(|_| ())
        .map_err(|e| credential_error(&e))
}
