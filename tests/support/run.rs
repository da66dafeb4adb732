//! Running the `lakecost` binary from the repository root, as a user would.
//!
//! Each test crate uses what it needs of this module.
#![allow(dead_code)]

use std::process::{Command, Output};

/// `lakecost ARGS` in the repository root.
pub fn lakecost(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lakecost"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // Reports print the snapshot's age: pin the day so that snapshots hold.
        .env("LAKECOST_TODAY", "2026-11-27")
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
