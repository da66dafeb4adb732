//! Running the `lakecost` binary from the repository root, as a user would.
//!
//! Each test crate uses what it needs of this module.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `lakecost ARGS` in the repository root.
pub fn lakecost(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lakecost"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // Reports print the snapshot's age: pin the day so that snapshots hold.
        .env("LAKECOST_TODAY", "2026-12-05")
        .output()
        .expect("run lakecost")
}

/// Standard output and standard error together, for messages and assertions.
pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A marker that must never appear in any output: the secret key of the dummy
/// credentials the AWS-calling tests run with.
pub const SECRET: &str = "MARKERsecretDoNotPrint0123456789abcdefgh";

/// `lakecost ARGS` with a clean environment for AWS calls: dummy credentials (unless
/// `creds` is false), no instance metadata, no profile files, `env` on top.
pub fn lakecost_aws(args: &[&str], creds: bool, home: &Path, env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lakecost"));
    c.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("LAKECOST_CACHE_DIR", home.join("cache"))
        .env("LAKECOST_TODAY", "2026-12-05")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.join("no-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("no-credentials"))
        .envs(env.iter().copied());
    if creds {
        c.env("AWS_ACCESS_KEY_ID", "AKIAFIXTUREFIXTURE00")
            .env("AWS_SECRET_ACCESS_KEY", SECRET)
            .env("AWS_SESSION_TOKEN", format!("{SECRET}-token"));
    }
    c.output().expect("run lakecost")
}
