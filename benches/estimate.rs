//! Speed of the library call behind `lakecost estimate` (the issue asks for well under
//! 50 ms for the whole command on 1tb-day over 36 months).

use criterion::{Criterion, criterion_group, criterion_main};
use lakecost::pricing::PriceBook;
use lakecost::{model, report, scenario};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
    let book = PriceBook::bundled().unwrap();
    let s = scenario::load_str(&text).unwrap();
    c.bench_function("load 1tb-day.yaml", |b| {
        b.iter(|| scenario::load_str(black_box(&text)).unwrap())
    });
    c.bench_function("bundled price book", |b| {
        b.iter(|| PriceBook::bundled().unwrap())
    });
    // What `lakecost estimate` reads: one region's rows of the 18-region snapshot.
    c.bench_function("bundled price book, one region (us-east-1)", |b| {
        b.iter(|| PriceBook::bundled_for(black_box(&["us-east-1"])).unwrap())
    });
    c.bench_function("estimate 1tb-day (36 months + steady state)", |b| {
        b.iter(|| model::estimate(black_box(&s), &book).unwrap())
    });
    // What each sample of an uncertain scenario costs (issue: ≤ 0.25 ms).
    c.bench_function(
        "evaluate 1tb-day (one sample: 36 months + steady state)",
        |b| b.iter(|| model::evaluate(black_box(&s), &book).unwrap()),
    );
    let streaming = std::fs::read_to_string("scenarios/streaming-10k-eps.yaml").unwrap();
    let streaming = scenario::load_str(&streaming).unwrap();
    c.bench_function("estimate streaming-10k-eps (12 months)", |b| {
        b.iter(|| model::estimate(black_box(&streaming), &book).unwrap())
    });
    let glue = std::fs::read_to_string("scenarios/glue-vs-emr.yaml").unwrap();
    let glue = scenario::load_str(&glue).unwrap();
    c.bench_function("compare glue-vs-emr (ranking + 17-point sweep)", |b| {
        b.iter(|| model::compare::compare(black_box(&glue), &book).unwrap())
    });
    // `lakecost optimize` (the issue asks for under 2 s on the 2-core machine).
    c.bench_function("optimize 1tb-day (search + verification)", |b| {
        b.iter(|| {
            lakecost::optimize::optimize(
                black_box(&text),
                &book,
                lakecost::optimize::Options::new(model::Metric::Steady),
            )
            .unwrap()
        })
    });
    let e = model::estimate(&s, &book).unwrap();
    c.bench_function("render table + json", |b| {
        b.iter(|| {
            let r = report::Report::new(&s, &book, &e);
            (report::table::render(&r), report::json::render(&r))
        })
    });
}

/// Every chart of a 36-month scenario (the issue asks for under 300 ms).
fn charts(c: &mut Criterion) {
    use lakecost::report::chart::{ChartFormat, estimate_charts};
    let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
    let book = PriceBook::bundled().unwrap();
    let s = scenario::load_str(&text).unwrap();
    let e = model::estimate(&s, &book).unwrap();
    let r = report::Report::new(&s, &book, &e);
    for (name, format) in [("svg", ChartFormat::Svg), ("png", ChartFormat::Png)] {
        c.bench_function(&format!("charts 1tb-day (36 months), {name}"), |b| {
            b.iter(|| estimate_charts(&r, format).unwrap())
        });
    }
}

criterion_group!(benches, bench, charts);
criterion_main!(benches);
