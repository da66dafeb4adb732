//! Charts of a report, drawn with plotters: SVG by default, PNG on request. Text is
//! drawn with DejaVu Sans compiled into the binary, so PNG output works on a machine
//! without fonts. Colours are the Okabe–Ito colour-blind-safe palette, one colour per
//! service and per storage class in every chart.

use super::Report;
use super::compare::CompareReport;
use crate::model::Service;
use crate::scenario::StorageClass;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::colors::TRANSPARENT;
use std::sync::Once;

const SIZE: (u32, u32) = (1200, 700);
const LEGEND_WIDTH: u32 = 250;
const FONT: &str = "sans-serif";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    Png,
}

impl ChartFormat {
    fn extension(self) -> &'static str {
        match self {
            ChartFormat::Svg => "svg",
            ChartFormat::Png => "png",
        }
    }
}

/// A chart that could not be drawn or written.
#[derive(Debug)]
pub struct ChartError(pub String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "chart: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

fn err(e: impl std::fmt::Display) -> ChartError {
    ChartError(e.to_string())
}

type Drawn = Result<(), ChartError>;

/// Registers the embedded font with plotters, once per process.
fn fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The font is compiled in; registering it cannot fail for a valid TTF.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, dejavu::sans::regular());
        let _ = plotters::style::register_font(FONT, FontStyle::Bold, dejavu::sans::bold());
    });
}

/// Okabe–Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple,
/// black, and grey.
const OI: [RGBColor; 9] = [
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 158, 115),
    RGBColor(240, 228, 66),
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(204, 121, 167),
    RGBColor(0, 0, 0),
    RGBColor(153, 153, 153),
];

/// A service's colour: its room's slot in the palette (`model::services`). Past the
/// nine Okabe–Ito colours the palette grows by lightening them in turn, so that a tenth
/// service still gets a colour of its own.
pub fn service_colour(s: Service) -> RGBColor {
    palette(s.room().colour)
}

fn palette(slot: usize) -> RGBColor {
    let RGBColor(r, g, b) = OI[slot % OI.len()];
    let round = (slot / OI.len()) as u32;
    let lighten = |c: u8| -> u8 {
        let mut v = u32::from(c);
        for _ in 0..round {
            v += (255 - v) / 2;
        }
        v as u8
    };
    RGBColor(lighten(r), lighten(g), lighten(b))
}

pub fn class_colour(c: StorageClass) -> RGBColor {
    OI[match c {
        StorageClass::Standard => 4,
        StorageClass::IntelligentTiering => 1,
        StorageClass::StandardIa => 2,
        StorageClass::OnezoneIa => 3,
        StorageClass::GlacierIr => 0,
        StorageClass::Glacier => 5,
        StorageClass::DeepArchive => 6,
    }]
}

/// `$1.2k`, `$3.4M`: short money for ticks.
pub fn money_tick(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("${}M", short(v / 1e6))
    } else if a >= 1e3 {
        format!("${}k", short(v / 1e3))
    } else if a >= 1.0 || a == 0.0 {
        format!("${v:.0}")
    } else {
        format!("${v:.2}")
    }
}

/// One decimal, dropped when it is zero: `2.5`, `10`.
fn short(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn number_tick(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{}M", short(v / 1e6))
    } else if a >= 1e3 {
        format!("{}k", short(v / 1e3))
    } else if a >= 10.0 || a == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Draws `points` as a line with a dot at each point (any coordinate system).
macro_rules! draw_line {
    ($chart:expr, $points:expr, $colour:expr) => {{
        let points = $points;
        $chart
            .draw_series(LineSeries::new(points.clone(), $colour.stroke_width(3)))
            .map_err(err)?;
        $chart
            .draw_series(points.iter().map(|p| Circle::new(*p, 3, $colour.filled())))
            .map_err(err)?;
    }};
}

/// Draws a chart into the bytes of an SVG or PNG file. Nothing is written here: the
/// caller writes every output of a run together (see `crate::files::Staged`).
macro_rules! render {
    ($format:expr, $draw:expr) => {{
        fonts();
        match $format {
            ChartFormat::Svg => {
                let mut svg = String::new();
                {
                    let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
                    root.fill(&WHITE).map_err(err)?;
                    $draw(&root)?;
                    root.present().map_err(err)?;
                }
                svg.into_bytes()
            }
            ChartFormat::Png => {
                let mut rgb = vec![0u8; (SIZE.0 * SIZE.1 * 3) as usize];
                {
                    let root = BitMapBackend::with_buffer(&mut rgb, SIZE).into_drawing_area();
                    root.fill(&WHITE).map_err(err)?;
                    $draw(&root)?;
                    root.present().map_err(err)?;
                }
                png(&rgb)?
            }
        }
    }};
}

/// Encodes an RGB buffer of [`SIZE`] as PNG.
fn png(rgb: &[u8]) -> Result<Vec<u8>, ChartError> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(rgb, SIZE.0, SIZE.1, image::ColorType::Rgb8)
        .map_err(err)?;
    Ok(out)
}

/// A legend entry: a filled swatch, or a dashed line for reference lines.
enum Key {
    Fill(String, RGBColor),
    Dashed(String),
}

/// A legend in its own column to the right of the plot, so it never covers data.
fn legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, items: &[Key]) -> Drawn {
    let text = TextStyle::from((FONT, 16).into_font());
    for (i, item) in items.iter().enumerate() {
        let y = 90 + i as i32 * 26;
        let label = match item {
            Key::Fill(label, colour) => {
                area.draw(&Rectangle::new([(10, y), (28, y + 16)], colour.filled()))
                    .map_err(err)?;
                label
            }
            Key::Dashed(label) => {
                for x in [10, 20] {
                    area.draw(&PathElement::new(
                        vec![(x, y + 8), (x + 6, y + 8)],
                        BLACK.stroke_width(2),
                    ))
                    .map_err(err)?;
                }
                label
            }
        };
        area.draw(&Text::new(label.clone(), (36, y), text.clone()))
            .map_err(err)?;
    }
    Ok(())
}

/// Stacked areas of `series` (label, colour, value per month), bottom first.
fn stacked<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    y_label: &str,
    months: usize,
    series: &[(String, RGBColor, Vec<f64>)],
    y_tick: &dyn Fn(&f64) -> String,
    dashed: Option<(f64, &str)>,
) -> Drawn {
    let (plot, side) = root.split_horizontally(SIZE.0 - LEGEND_WIDTH);
    let top: f64 = (0..months)
        .map(|m| series.iter().map(|s| s.2[m]).sum::<f64>())
        .fold(0.0, f64::max);
    let top = top.max(dashed.map_or(0.0, |d| d.0)).max(1e-9) * 1.08;
    let x_max = months.max(2) as f64;
    let mut chart = ChartBuilder::on(&plot)
        .caption(title, (FONT, 22).into_font())
        .margin(16)
        .x_label_area_size(50)
        .y_label_area_size(80)
        .build_cartesian_2d(1.0..x_max, 0.0..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc("month")
        .y_desc(y_label)
        .x_labels(months.clamp(2, 13))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(y_tick)
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    let mut base = vec![0.0; months];
    for (_, colour, values) in series {
        let upper: Vec<f64> = base.iter().zip(values).map(|(b, v)| b + v).collect();
        let mut points: Vec<(f64, f64)> = (0..months).map(|m| ((m + 1) as f64, upper[m])).collect();
        points.extend((0..months).rev().map(|m| ((m + 1) as f64, base[m])));
        chart
            .draw_series(std::iter::once(Polygon::new(
                points,
                colour.mix(0.85).filled(),
            )))
            .map_err(err)?;
        base = upper;
    }
    let mut items: Vec<Key> = series
        .iter()
        .rev()
        .map(|(l, c, _)| Key::Fill(l.clone(), *c))
        .collect();
    if let Some((value, label)) = dashed {
        chart
            .draw_series(DashedLineSeries::new(
                vec![(1.0, value), (x_max, value)],
                10,
                6,
                BLACK.stroke_width(2),
            ))
            .map_err(err)?;
        items.push(Key::Dashed(label.to_string()));
    }
    legend(&side, &items)
}

/// Monthly cost by service, stacked, with the steady-state run-rate dashed.
fn monthly_cost<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, r: &Report) -> Drawn {
    let months = r.months.len();
    let series: Vec<(String, RGBColor, Vec<f64>)> = r
        .services()
        .into_iter()
        .map(|s| {
            (
                s.name().to_string(),
                service_colour(s),
                r.months.iter().map(|m| m.total_for(s).value()).collect(),
            )
        })
        .collect();
    // With growth the month-1 steady state lies below a rising curve: draw the full
    // lake at the last month's rate instead, and say which it is.
    let final_label = format!("full lake, month-{months} rate");
    let steady = match (&r.steady_state_at_final_rate, &r.steady_state) {
        (Some(f), _) => Some((f.total_usd.value(), final_label.as_str())),
        (None, Some(s)) => Some((s.total_usd.value(), "full lake, month-1 rate")),
        _ => None,
    };
    stacked(
        root,
        &format!("{} — monthly cost by service", r.scenario.name),
        "$ per month",
        months,
        &series,
        &|v| money_tick(*v),
        steady,
    )
}

/// Stored bytes by S3 class, stacked: lifecycle at work.
fn storage<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, r: &Report) -> Drawn {
    let months = r.months.len();
    let mut classes: Vec<StorageClass> = r.storage.iter().map(|s| s.storage_class).collect();
    classes.sort();
    classes.dedup();
    let series: Vec<(String, RGBColor, Vec<f64>)> = classes
        .into_iter()
        .map(|c| {
            let mut v = vec![0.0; months];
            for s in r.storage.iter().filter(|s| s.storage_class == c) {
                v[s.month as usize - 1] = s.gb / 1024.0;
            }
            (c.api_name().to_string(), class_colour(c), v)
        })
        .collect();
    stacked(
        root,
        &format!("{} — S3 storage by class", r.scenario.name),
        "TB stored (monthly average)",
        months,
        &series,
        &|v| number_tick(*v),
        None,
    )
}

/// The label of a horizontal bar chart's tick at `v`: bar i spans [n-1-i, n-i), so
/// its label goes at its centre and the ticks between bars stay empty; labels longer
/// than `max` characters end in `…`.
fn bar_label(labels: &[String], v: f64, max: usize) -> String {
    let pos = labels.len() as f64 - v - 0.5;
    let i = pos.round();
    if (pos - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < labels.len() {
        let l = &labels[i as usize];
        if l.chars().count() > max {
            format!("{}…", l.chars().take(max - 1).collect::<String>())
        } else {
            l.clone()
        }
    } else {
        String::new()
    }
}

/// The largest cost components of the steady-state month (or the last month).
fn top_costs<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, r: &Report) -> Drawn {
    const TOP: usize = 12;
    let (month, when) = match &r.steady_state {
        Some(s) => (s, "steady state".to_string()),
        None => match r.months.last() {
            Some(m) => (m, format!("month {}", m.month)),
            None => return Ok(()),
        },
    };
    // Volume tiers of one component add up into one bar.
    let mut bars: Vec<(String, Service, f64)> = Vec::new();
    for l in &month.lines {
        let component = l.component.split(" (").next().unwrap_or(&l.component);
        let label = format!("{} {}: {component}", l.service.name(), l.resource);
        match bars.iter_mut().find(|b| b.0 == label) {
            Some(b) => b.2 += l.cost_usd.value(),
            None => bars.push((label, l.service, l.cost_usd.value())),
        }
    }
    bars.sort_by(|a, b| b.2.total_cmp(&a.2));
    bars.truncate(TOP);
    let n = bars.len().max(1);
    let top = bars.first().map_or(1.0, |b| b.2).max(1e-9) * 1.15;
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!("{} — largest costs, {when}", r.scenario.name),
            (FONT, 22).into_font(),
        )
        .margin(16)
        .x_label_area_size(50)
        .y_label_area_size(430)
        .build_cartesian_2d(0.0..top, 0.0..n as f64)
        .map_err(err)?;
    let labels: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc("$ per month")
        .x_label_formatter(&|v| money_tick(*v))
        .y_labels(n * 2 + 1)
        .y_label_formatter(&|v| bar_label(&labels, *v, 52))
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    for (i, (_, service, usd)) in bars.iter().enumerate() {
        let y0 = (n - 1 - i) as f64 + 0.15;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(0.0, y0), (*usd, y0 + 0.7)],
                service_colour(*service).filled(),
            )))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                money_tick_exact(*usd),
                (*usd + top * 0.01, y0 + 0.5),
                (FONT, 13).into_font(),
            )))
            .map_err(err)?;
    }
    Ok(())
}

/// The monthly bill over uncertain inputs: the P10–P90 band and the P50 line.
fn fan<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    r: &Report,
    u: &crate::uncertainty::UncertaintyReport,
) -> Drawn {
    let months = u.months.len();
    let top = u.months.iter().map(|m| m.usd.p90).fold(1e-9, f64::max) * 1.1;
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!(
                "{} — monthly cost, P10–P90 over {} samples",
                r.scenario.name, u.samples
            ),
            (FONT, 22).into_font(),
        )
        .margin(16)
        .x_label_area_size(50)
        .y_label_area_size(90)
        .build_cartesian_2d(0.5..months as f64 + 0.5, 0.0..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc("month")
        .y_desc("$ per month")
        .y_label_formatter(&|v| money_tick(*v))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .draw()
        .map_err(err)?;
    let band: Vec<(f64, f64)> = u
        .months
        .iter()
        .map(|m| (f64::from(m.month), m.usd.p90))
        .chain(
            u.months
                .iter()
                .rev()
                .map(|m| (f64::from(m.month), m.usd.p10)),
        )
        .collect();
    let colour = OI[4];
    chart
        .draw_series(std::iter::once(Polygon::new(
            band,
            colour.mix(0.25).filled(),
        )))
        .map_err(err)?
        .label("P10–P90")
        .legend(move |(x, y)| {
            Rectangle::new([(x, y - 6), (x + 16, y + 6)], colour.mix(0.25).filled())
        });
    let median: Vec<(f64, f64)> = u
        .months
        .iter()
        .map(|m| (f64::from(m.month), m.usd.p50))
        .collect();
    chart
        .draw_series(LineSeries::new(median, colour.stroke_width(3)))
        .map_err(err)?
        .label("P50")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], colour.stroke_width(3)));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font((FONT, 14))
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()
        .map_err(err)
}

/// What drives the bill: each input's bar runs from the bill at its P10 to the bill
/// at its P90, the others at their P50; widest swing on top.
fn tornado<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    r: &Report,
    u: &crate::uncertainty::UncertaintyReport,
) -> Drawn {
    let rows = &u.tornado;
    let n = rows.len().max(1);
    let lo = rows
        .iter()
        .map(|t| t.usd_at_low.min(t.usd_at_high))
        .fold(f64::INFINITY, f64::min);
    let hi = rows
        .iter()
        .map(|t| t.usd_at_low.max(t.usd_at_high))
        .fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if lo.is_finite() && hi > lo {
        let pad = (hi - lo) * 0.1;
        (lo - pad, hi + pad)
    } else {
        (0.0, hi.max(1.0) * 1.1)
    };
    let what = super::uncertainty::metric_name(u);
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!("{} — what drives the {what}", r.scenario.name),
            (FONT, 22).into_font(),
        )
        .margin(16)
        .x_label_area_size(50)
        .y_label_area_size(380)
        .build_cartesian_2d(lo..hi, 0.0..n as f64)
        .map_err(err)?;
    let labels: Vec<String> = rows
        .iter()
        .map(|t| format!("{} ({} → {})", t.key, t.low, t.high))
        .collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc(format!("{what}, $ (each input from its P10 to its P90)"))
        .x_label_formatter(&|v| money_tick(*v))
        .y_labels(n * 2 + 1)
        .y_label_formatter(&|v| bar_label(&labels, *v, 46))
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    for (i, t) in rows.iter().enumerate() {
        let y0 = (n - 1 - i) as f64 + 0.15;
        let (a, b) = (
            t.usd_at_low.min(t.usd_at_high),
            t.usd_at_low.max(t.usd_at_high),
        );
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(a, y0), (b.max(a + (hi - lo) * 0.002), y0 + 0.7)],
                OI[4].filled(),
            )))
            .map_err(err)?;
    }
    Ok(())
}

fn money_tick_exact(v: f64) -> String {
    super::format::money(crate::units::Usd(v))
}

/// Cost per run against input size for each option, log-log, break-evens marked.
fn compare_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    r: &CompareReport,
    w: usize,
) -> Drawn {
    let wl = &r.workloads[w];
    let (plot, side) = root.split_horizontally(SIZE.0 - LEGEND_WIDTH - 50);
    let mut options: Vec<String> = Vec::new();
    for p in &wl.sweep {
        for o in &p.options {
            if !options.contains(&o.option) {
                options.push(o.option.clone());
            }
        }
    }
    let costs = wl
        .sweep
        .iter()
        .flat_map(|p| p.options.iter().map(|o| o.cost_per_run_usd.value()))
        .filter(|c| *c > 0.0);
    let (lo, hi) = costs.fold((f64::INFINITY, 0.0f64), |(a, b), c| (a.min(c), b.max(c)));
    let (lo, hi) = if lo.is_finite() {
        (lo / 1.5, hi * 1.5)
    } else {
        (0.01, 1.0)
    };
    let x0 = wl.sweep.first().map_or(10.0, |p| p.input_gb);
    let x1 = wl.sweep.last().map_or(1e5, |p| p.input_gb);
    let mut chart = ChartBuilder::on(&plot)
        .caption(
            format!("{} — {}: cost per run by input size", r.scenario, wl.name),
            (FONT, 22).into_font(),
        )
        .margin(16)
        .x_label_area_size(50)
        .y_label_area_size(80)
        .build_cartesian_2d((x0..x1).log_scale(), (lo..hi).log_scale())
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc("input per run (GB)")
        .y_desc("$ per run")
        .x_label_formatter(&|v| number_tick(*v))
        .y_label_formatter(&|v| money_tick(*v))
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    let mut items = Vec::new();
    for (i, name) in options.iter().enumerate() {
        let colour = line_colour(i);
        let points: Vec<(f64, f64)> = wl
            .sweep
            .iter()
            .filter_map(|p| {
                p.options
                    .iter()
                    .find(|o| &o.option == name)
                    .map(|o| (p.input_gb, o.cost_per_run_usd.value()))
            })
            .collect();
        draw_line!(chart, points, colour);
        items.push(Key::Fill(name.clone(), colour));
    }
    for b in &wl.break_even {
        chart
            .draw_series(DashedLineSeries::new(
                vec![(b.input_gb, lo), (b.input_gb, hi)],
                8,
                6,
                BLACK.stroke_width(1),
            ))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!("{} GB", number_tick(b.input_gb)),
                (b.input_gb * 1.05, hi / 1.3),
                (FONT, 14).into_font(),
            )))
            .map_err(err)?;
    }
    if !wl.break_even.is_empty() {
        items.push(Key::Dashed("break-even".into()));
    }
    legend(&side, &items)
}

/// Steady-state cost at each value of a sweep: one line, or one per value of the second
/// key. The x axis is the point's position, labelled with the value as written.
fn sweep_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &crate::sweep::Sweep,
) -> Drawn {
    let (plot, side) = root.split_horizontally(SIZE.0 - LEGEND_WIDTH - 50);
    let firsts: Vec<&String> =
        s.points
            .iter()
            .map(|p| &p.values[0])
            .fold(Vec::new(), |mut v, x| {
                if !v.contains(&x) {
                    v.push(x);
                }
                v
            });
    let seconds: Vec<Option<&String>> =
        s.points
            .iter()
            .map(|p| p.values.get(1))
            .fold(Vec::new(), |mut v, x| {
                if !v.contains(&x) {
                    v.push(x);
                }
                v
            });
    let cost = |p: &crate::sweep::Point| p.steady_state_usd.unwrap_or(p.horizon_usd).value();
    let top = s.points.iter().map(cost).fold(0.0, f64::max).max(1e-9) * 1.1;
    let n = firsts.len().max(2);
    // Values that are numbers in one unit go on a linear axis at their own positions
    // (1, 2, 4, 8 are not evenly spaced); anything else is a category, evenly spaced,
    // and the axis says so.
    let numbers: Option<Vec<f64>> = {
        let parsed: Vec<Option<(f64, String)>> =
            firsts.iter().map(|f| crate::sweep::split(f)).collect();
        let unit = parsed.first().cloned().flatten().map(|(_, u)| u);
        parsed
            .into_iter()
            .map(|p| p.filter(|(_, u)| Some(u) == unit.as_ref()).map(|(x, _)| x))
            .collect()
    };
    let position = |i: usize| numbers.as_ref().map_or(i as f64, |xs| xs[i]);
    let (x0, x1) = match &numbers {
        Some(xs) if xs.len() > 1 => (
            xs.iter().copied().fold(f64::INFINITY, f64::min),
            xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        ),
        _ => (0.0, (n - 1) as f64),
    };
    let x_desc = match &numbers {
        Some(_) => format!("{} (linear scale)", s.keys[0]),
        None => format!("{} (values evenly spaced, not to scale)", s.keys[0]),
    };
    let mut chart = ChartBuilder::on(&plot)
        .caption(
            format!("{} — monthly cost by {}", s.scenario, s.keys[0]),
            (FONT, 22).into_font(),
        )
        .margin(16)
        .x_label_area_size(50)
        .y_label_area_size(80)
        .build_cartesian_2d(x0..x1.max(x0 + 1e-9), 0f64..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc(x_desc.as_str())
        .y_desc("$ per month (steady state)")
        .x_labels(n)
        .x_label_formatter(&|v| match &numbers {
            // A linear axis labels its ticks in the values' unit.
            Some(_) => {
                let unit = firsts
                    .first()
                    .and_then(|f| crate::sweep::split(f))
                    .map_or(String::new(), |(_, u)| u);
                format!("{}{unit}", crate::sweep::round(*v))
            }
            None => firsts
                .get(v.round() as usize)
                .filter(|_| (v - v.round()).abs() < 1e-6)
                .map_or(String::new(), |x| x.to_string()),
        })
        .y_label_formatter(&|v| money_tick(*v))
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    let mut items = Vec::new();
    for (i, second) in seconds.iter().enumerate() {
        let colour = line_colour(i);
        let points: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter(|p| p.values.get(1) == *second)
            .filter_map(|p| {
                firsts
                    .iter()
                    .position(|f| *f == &p.values[0])
                    .map(|i| (position(i), cost(p)))
            })
            .collect();
        draw_line!(chart, points, colour);
        let label = match (second, s.keys.get(1)) {
            // The key's last part fits the legend: `expire_after_days = 365`.
            (Some(v), Some(k)) => format!("{} = {v}", k.rsplit('.').next().unwrap_or(k)),
            _ => "steady state".to_string(),
        };
        items.push(Key::Fill(label, colour));
    }
    legend(&side, &items)
}

/// Draws the sweep's chart.
pub fn sweep_charts(
    s: &crate::sweep::Sweep,
    format: ChartFormat,
) -> Result<Vec<Chart>, ChartError> {
    all_finite(s.points.iter().flat_map(|p| {
        [
            p.horizon_usd.value(),
            p.steady_state_usd.map_or(0.0, |u| u.value()),
        ]
    }))?;
    let bytes = render!(format, |a| sweep_chart(a, s));
    Ok(vec![Chart {
        file_name: file_name("sweep", format, &[]),
        bytes,
    }])
}

/// The colour of the i-th line of a line chart, from the Okabe–Ito palette.
fn line_colour(i: usize) -> RGBColor {
    OI[[4, 0, 2, 5, 6, 1, 3, 7, 8][i % 9]]
}

/// A drawn chart: its file name (unique within one run) and its bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The file name for a chart: `stem` reduced to ASCII letters, digits and `-`, made
/// unique among `taken` by a numeric suffix (`a b` and `a_b` both read `a_b`).
fn file_name(stem: &str, format: ChartFormat, taken: &[Chart]) -> String {
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let ext = format.extension();
    let mut name = format!("{safe}.{ext}");
    let mut n = 2;
    while taken.iter().any(|c| c.file_name == name) {
        name = format!("{safe}-{n}.{ext}");
        n += 1;
    }
    name
}

/// Refuses to draw non-finite amounts: plotters would loop on an infinite axis range
/// (degenerate but finite data — one month, all zeros, flat series — is drawn).
fn all_finite<'a>(values: impl IntoIterator<Item = f64> + 'a) -> Result<(), ChartError> {
    if values.into_iter().all(f64::is_finite) {
        Ok(())
    } else {
        Err(ChartError(
            "the report holds an amount that is not a finite number; no chart is drawn".into(),
        ))
    }
}

/// Draws the estimate's charts.
pub fn estimate_charts(r: &Report, format: ChartFormat) -> Result<Vec<Chart>, ChartError> {
    all_finite(
        r.months
            .iter()
            .chain(r.steady_state.iter())
            .flat_map(|m| {
                m.lines
                    .iter()
                    .map(|l| l.cost_usd.value())
                    .chain([m.total_usd.value()])
            })
            .chain(r.storage.iter().map(|s| s.gb)),
    )?;
    let mut out = Vec::new();
    let mut push = |stem: &str, bytes: Vec<u8>| {
        let file_name = file_name(stem, format, &out);
        out.push(Chart { file_name, bytes });
    };
    push("monthly-cost", render!(format, |a| monthly_cost(a, r)));
    if !r.storage.is_empty() {
        push("storage-by-class", render!(format, |a| storage(a, r)));
    }
    push("top-costs", render!(format, |a| top_costs(a, r)));
    if let Some(u) = &r.uncertainty {
        all_finite(
            u.months
                .iter()
                .flat_map(|m| [m.usd.p10, m.usd.p50, m.usd.p90])
                .chain(u.tornado.iter().flat_map(|t| [t.usd_at_low, t.usd_at_high])),
        )?;
        push("cost-fan", render!(format, |a| fan(a, r, u)));
        push("tornado", render!(format, |a| tornado(a, r, u)));
    }
    Ok(out)
}

/// Draws one cost-by-input-size chart per workload.
pub fn compare_charts(r: &CompareReport, format: ChartFormat) -> Result<Vec<Chart>, ChartError> {
    all_finite(r.workloads.iter().flat_map(|w| {
        w.sweep
            .iter()
            .flat_map(|p| [p.input_gb, p.cost_per_run_usd.value()])
            .chain(w.options.iter().map(|o| o.cost_per_run_usd.value()))
    }))?;
    let mut out: Vec<Chart> = Vec::new();
    for (i, w) in r.workloads.iter().enumerate() {
        let bytes = render!(format, |a| compare_chart(a, r, i));
        let file_name = file_name(&format!("compare-{}", w.name), format, &out);
        out.push(Chart { file_name, bytes });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_grows_past_nine_services_without_repeating() {
        let colours: Vec<RGBColor> = (0..27).map(palette).collect();
        assert_eq!(colours[..9], OI);
        for (i, a) in colours.iter().enumerate() {
            assert!(!colours[i + 1..].contains(a), "slot {i} repeats");
        }
    }

    #[test]
    fn chart_names_never_collide() {
        let mut taken = Vec::new();
        for stem in ["compare-a b", "compare-a_b", "compare-a?b"] {
            let file_name = file_name(stem, ChartFormat::Svg, &taken);
            taken.push(Chart {
                file_name,
                bytes: Vec::new(),
            });
        }
        let names: Vec<&str> = taken.iter().map(|c| c.file_name.as_str()).collect();
        assert_eq!(
            names,
            ["compare-a_b.svg", "compare-a_b-2.svg", "compare-a_b-3.svg"]
        );
    }

    #[test]
    fn ticks_are_short() {
        assert_eq!(money_tick(1234.0), "$1.2k");
        assert_eq!(money_tick(9000.0), "$9k");
        assert_eq!(number_tick(100_000.0), "100k");
        assert_eq!(money_tick(3_400_000.0), "$3.4M");
        assert_eq!(money_tick(12.0), "$12");
        assert_eq!(number_tick(640.0), "640");
        assert_eq!(number_tick(2.5), "2.5");
    }
}
