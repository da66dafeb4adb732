//! The user's files: outputs are checked before anything is written, never written
//! through a link, never onto an input or a device; inputs are read only from regular
//! files of bounded size; standard output that goes away or fills up ends the run
//! cleanly.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::run::{lakecost, text};

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs lakecost with a deadline: a command that blocks is killed and reported.
fn lakecost_within(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lakecost"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("lakecost {args:?} still ran after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(p: &Path) {
    let status = Command::new("mkfifo").arg(p).status().unwrap();
    assert!(status.success());
}

#[test]
fn png_charts_never_follow_a_planted_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let charts = dir.path().join("charts");
    std::fs::create_dir(&charts).unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    // The temporary name older versions used, and every chart name.
    for name in [".top-costs.png.tmp.png", ".monthly-cost.png.tmp.png"] {
        std::os::unix::fs::symlink(&victim, charts.join(name)).unwrap();
    }
    let args = [
        "estimate",
        "scenarios/1tb-day.yaml",
        "--chart",
        path(&charts),
        "--chart-format",
        "png",
    ];
    let o = lakecost(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    // A link at a chart's own name is refused, not followed and not replaced.
    std::fs::remove_file(charts.join("top-costs.png")).unwrap();
    std::os::unix::fs::symlink(&victim, charts.join("top-costs.png")).unwrap();
    let o = lakecost(&args);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("symbolic link"), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        std::fs::symlink_metadata(charts.join("top-costs.png"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_failing_run_writes_no_charts_and_leaves_devices_alone() {
    let dir = tempfile::tempdir().unwrap();
    let charts = dir.path().join("charts");
    let o = lakecost(&[
        "estimate",
        "scenarios/1tb-day.yaml",
        "--chart",
        path(&charts),
        "--out",
        "/dev/null",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("a device"), "{}", text(&o));
    assert!(!charts.exists(), "charts were written by a failed run");
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn out_onto_a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = lakecost(&[
        "estimate",
        "scenarios/1tb-day.yaml",
        "--out",
        path(dir.path()),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("a directory"), "{}", text(&o));
}

#[test]
fn out_onto_the_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.yaml");
    std::fs::copy("scenarios/small-team.yaml", &victim).unwrap();
    let before = std::fs::read(&victim).unwrap();
    // The same file by another spelling.
    let spelled = dir.path().join(".").join("victim.yaml");
    let o = lakecost(&["estimate", path(&victim), "--out", path(&spelled)]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("is the input"), "{}", text(&o));
    assert_eq!(std::fs::read(&victim).unwrap(), before);
    let o = lakecost(&[
        "diff",
        path(&victim),
        "scenarios/small-team.yaml",
        "--out",
        path(&victim),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert_eq!(std::fs::read(&victim).unwrap(), before);
}

/// A Markdown review with charts, as a user writes one.
fn markdown_with_charts(out: &Path, charts: &Path) {
    let o = lakecost(&[
        "estimate",
        "scenarios/small-team.yaml",
        "--format",
        "markdown",
        "--out",
        path(out),
        "--chart",
        path(charts),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn written_files_get_the_umask_mode() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.md");
    let charts = dir.path().join("c");
    markdown_with_charts(&out, &charts);
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let umask = status
        .lines()
        .find_map(|l| l.strip_prefix("Umask:"))
        .map(|m| u32::from_str_radix(m.trim(), 8).unwrap())
        .unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out), 0o666 & !umask);
    assert_eq!(mode(&charts.join("monthly-cost.svg")), 0o666 & !umask);
}

#[test]
fn markdown_chart_links_resolve_from_the_documents_folder() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("md");
    std::fs::create_dir(&md).unwrap();
    let out = md.join("review.md");
    markdown_with_charts(&out, &dir.path().join("charts"));
    let doc = std::fs::read_to_string(&out).unwrap();
    assert!(doc.contains("](../charts/monthly-cost.svg)"), "{doc}");
    assert!(md.join("../charts/monthly-cost.svg").exists());
}

#[test]
fn a_fifo_as_scenario_or_snapshot_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("s.yaml");
    mkfifo(&fifo);
    let o = lakecost_within(&["estimate", path(&fifo)], Duration::from_secs(20));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("a FIFO, not a regular file"),
        "{}",
        text(&o)
    );
    let snap = dir.path().join("snap");
    std::fs::create_dir(&snap).unwrap();
    std::fs::copy("pricing-data/manifest.json", snap.join("manifest.json")).unwrap();
    mkfifo(&snap.join("prices.csv"));
    let o = lakecost_within(
        &[
            "estimate",
            "scenarios/1tb-day.yaml",
            "--pricing",
            path(&snap),
        ],
        Duration::from_secs(20),
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("a FIFO"), "{}", text(&o));
}

#[test]
fn dev_zero_as_scenario_is_refused() {
    let o = lakecost_within(&["validate", "/dev/zero"], Duration::from_secs(20));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("a device"), "{}", text(&o));
}

#[test]
fn an_oversized_scenario_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.yaml");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(11 << 20).unwrap();
    let o = lakecost(&["validate", path(&big)]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("more than the 10 MiB"), "{}", text(&o));
}

#[test]
fn a_broken_pipe_ends_the_run_quietly() {
    for format in ["csv", "json", "table"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lakecost"))
            .args(["estimate", "scenarios/1tb-day.yaml", "--format", format])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // `| head -1`: read one line, then go away.
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{format}: {err}");
        assert_eq!(o.status.code(), Some(0), "{format}: {err}");
    }
    // `pricing show` prints the most.
    let mut child = Command::new(env!("CARGO_BIN_EXE_lakecost"))
        .args(["pricing", "show"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
}

#[test]
fn a_full_disk_on_standard_output_is_one_line_and_exit_1() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else {
        return; // No /dev/full on this system.
    };
    let o = Command::new(env!("CARGO_BIN_EXE_lakecost"))
        .args(["estimate", "scenarios/1tb-day.yaml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("no space left"), "{err}");
}

#[test]
fn escape_sequences_in_a_scenario_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil.yaml");
    std::fs::write(
        &evil,
        "version: 1\nname: \"\\e]0;pwned\\a\\e[31mred\"\nregion: us-east-1\n",
    )
    .unwrap();
    let misspelt = dir.path().join("misspelt.yaml");
    std::fs::write(
        &misspelt,
        "version: 1\nname: x\nregion: us-east-1\n\"na\\e[2Jme\": y\n",
    )
    .unwrap();
    for args in [
        vec!["estimate", path(&evil)],
        vec!["estimate", path(&evil), "--format", "csv"],
        vec!["estimate", path(&evil), "--format", "markdown"],
        vec!["validate", path(&misspelt)],
    ] {
        let o = lakecost(&args);
        let raw = [o.stdout.as_slice(), o.stderr.as_slice()].concat();
        assert!(
            !raw.iter().any(|&b| b == 0x1b || b == 0x07),
            "{args:?}: {}",
            text(&o)
        );
    }
}
