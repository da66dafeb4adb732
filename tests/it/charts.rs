//! Charts and Markdown: files are produced, SVGs parse as XML, PNGs decode to the
//! expected size, Markdown links the charts.

use std::path::Path;

use crate::support::run::lakecost;

/// Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian).
fn png_size(path: &Path) -> (u32, u32) {
    let b = std::fs::read(path).unwrap();
    assert_eq!(
        &b[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is not a PNG",
        path.display()
    );
    let be = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    (be(16), be(20))
}

#[test]
fn estimate_charts_as_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let o = lakecost(&["estimate", "scenarios/1tb-day.yaml", "--chart", d]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for name in ["monthly-cost", "storage-by-class", "top-costs"] {
        let svg = std::fs::read_to_string(dir.path().join(format!("{name}.svg"))).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        assert!(
            svg.contains("Medallion lake, 1 TB/day"),
            "{name} names the scenario"
        );
    }
    let o = lakecost(&[
        "estimate",
        "scenarios/1tb-day.yaml",
        "--chart",
        d,
        "--chart-format",
        "png",
    ]);
    assert_eq!(o.status.code(), Some(0));
    for name in ["monthly-cost", "storage-by-class", "top-costs"] {
        assert_eq!(
            png_size(&dir.path().join(format!("{name}.png"))),
            (1200, 700)
        );
    }
    // No temporary files are left behind.
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with('.'))
    );
}

#[test]
fn compare_chart_as_png() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let o = lakecost(&[
        "compare",
        "scenarios/glue-vs-emr.yaml",
        "--chart",
        d,
        "--chart-format",
        "png",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        png_size(&dir.path().join("compare-daily-sales-transform.png")),
        (1200, 700)
    );
}

#[test]
fn markdown_links_the_charts_relative_to_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("review.md");
    let charts = dir.path().join("charts");
    let o = lakecost(&[
        "estimate",
        "scenarios/1tb-day.yaml",
        "--format",
        "markdown",
        "--out",
        md.to_str().unwrap(),
        "--chart",
        charts.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("![monthly-cost](charts/monthly-cost.svg)"),
        "{text}"
    );
    assert!(text.contains("<details>") && text.contains("</details>"));
}

#[test]
fn markdown_review_documents() {
    let o = lakecost(&[
        "estimate",
        "--format",
        "markdown",
        "scenarios/streaming-10k-eps.yaml",
    ]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("markdown_streaming", String::from_utf8(o.stdout).unwrap());
    let o = lakecost(&[
        "compare",
        "--format",
        "markdown",
        "scenarios/glue-vs-emr.yaml",
    ]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("markdown_compare", String::from_utf8(o.stdout).unwrap());
}

#[test]
fn compare_markdown_carries_the_unverified_caveat_the_table_shows() {
    let o = lakecost(&[
        "compare",
        "scenarios/glue-vs-emr.yaml",
        "--format",
        "markdown",
    ]);
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(
        md.contains("of its cost rests on unverified prices"),
        "{md}"
    );
}

#[test]
fn charts_never_loop_on_non_finite_or_degenerate_data() {
    use lakecost::report::chart::{ChartFormat, estimate_charts};
    let book = lakecost::pricing::PriceBook::bundled().unwrap();
    let report = |yaml: &str| {
        let s = lakecost::scenario::load_str(yaml).unwrap();
        let e = lakecost::model::estimate(&s, &book).unwrap();
        lakecost::report::Report::new(&s, &book, &e)
    };
    // One month, nothing priced: flat zero series draw.
    let empty = report("version: 1\nname: empty\nregion: us-east-1\nmonths: 1\n");
    assert_eq!(estimate_charts(&empty, ChartFormat::Svg).unwrap().len(), 2);
    // A NaN cost is refused at once instead of spinning.
    let mut r = report(&std::fs::read_to_string("scenarios/small-team.yaml").unwrap());
    r.months[0].lines[0].cost_usd = lakecost::units::Usd(f64::NAN);
    let start = std::time::Instant::now();
    assert!(estimate_charts(&r, ChartFormat::Png).is_err());
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn sweep_draws_a_line_chart() {
    let dir = tempfile::tempdir().unwrap();
    let o = lakecost(&[
        "sweep",
        "scenarios/1tb-day.yaml",
        "--vary",
        "ingest.per_day=0.5 TB..4 TB:4",
        "--chart",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let svg = std::fs::read_to_string(dir.path().join("sweep.svg")).unwrap();
    roxmltree::Document::parse(&svg).unwrap();
    assert!(svg.contains("ingest.per_day"));
    // Sizes in one unit sit on a linear axis that says so, wherever the steps fall: a
    // ×2 series (1, 2, 4, 8 TB) is not spaced evenly: the gaps between the points grow
    // 1 : 2 : 4.
    let o = lakecost(&[
        "sweep",
        "scenarios/1tb-day.yaml",
        "--vary",
        "ingest.per_day=1 TB..8 TB*2",
        "--chart",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let svg = std::fs::read_to_string(dir.path().join("sweep.svg")).unwrap();
    assert!(svg.contains("(linear scale)"), "the axis names its scale");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // The cost line: the polyline through the four points.
    let xs: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter_map(|n| n.attribute("points"))
        .map(|line| {
            line.split_whitespace()
                .map(|p| p.split(',').next().unwrap().parse().unwrap())
                .collect::<Vec<f64>>()
        })
        .find(|xs| xs.len() == 4)
        .expect("a line through the 4 points");
    let gap = |i: usize| xs[i + 1] - xs[i];
    assert!(
        (gap(1) / gap(0) - 2.0).abs() < 0.05 && (gap(2) / gap(0) - 4.0).abs() < 0.1,
        "{xs:?}"
    );
}
