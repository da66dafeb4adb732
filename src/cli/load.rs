//! A scenario file loaded and checked, with the prices it is estimated with: the
//! bundled snapshot, a snapshot directory, or live prices falling back loudly.

use super::*;

pub(crate) fn load(
    file: &Path,
    pricing: Option<&str>,
    api: &ApiArgs,
    set: &[Override],
) -> Result<(Scenario, PriceBook), Failure> {
    let (scenario, book, _) = load_with_text(file, pricing, api, set)?;
    Ok((scenario, book))
}

/// [`load`], with the scenario's text as read: a command that also edits or re-reads
/// the text uses this one reading (standard input can be read only once).
pub(crate) fn load_with_text(
    file: &Path,
    pricing: Option<&str>,
    api: &ApiArgs,
    set: &[Override],
) -> Result<(Scenario, PriceBook, String), Failure> {
    let (name, text) = if file == Path::new("-") {
        let text = lakecost::files::read_stdin(lakecost::files::SCENARIO_LIMIT, "scenario")
            .map_err(|e| BadInput(format!("error: {e}\n")))?;
        ("<stdin>".to_string(), text)
    } else {
        let text = lakecost::files::read_text(file, lakecost::files::SCENARIO_LIMIT, "scenario")
            .map_err(|e| BadInput(format!("error: {e}\n")))?;
        (file.display().to_string(), text)
    };
    let mut scenario = scenario::overrides::load_with(&text, set)
        .map_err(|e| BadInput(e.in_file(&name).to_string()))?;
    if !set.is_empty() {
        // The report header names the overrides.
        scenario.name = format!(
            "{} (with {})",
            scenario.name,
            set.iter()
                .map(|o| o.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let book = match pricing {
        Some("live") | None => PriceBook::bundled_for(&scenario.regions()),
        Some(dir) => pricing::load_dir(Path::new(dir)),
    }
    .map_err(|e| BadInput(format!("error: {e}\n")))?;
    book.covers(&scenario.region)
        .map_err(|e| BadInput(format!("error: {name}: {e}\n")))?;
    if pricing == Some("live") {
        let book = live_book(&scenario, book, api);
        return Ok((scenario, book, text));
    }
    Ok((scenario, book, text))
}

/// Live prices for the scenario, or the bundled snapshot with a prominent warning.
pub(crate) fn live_book(scenario: &Scenario, bundled: PriceBook, api: &ApiArgs) -> PriceBook {
    let keys = model::price_keys_needed(scenario, &bundled);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    let fetched = match runtime {
        Ok(rt) => rt.block_on(pricing::live::price_live(
            &bundled,
            pricing::live::Wanted {
                region: &scenario.region,
                keys: &keys,
                catalogue: &model::services::catalogue(),
            },
            &api.config(),
            pricing::live::cache_dir().as_deref(),
            std::time::Duration::from_secs_f64(api.cache_ttl * 3600.0),
            &api.on_event(),
        )),
        Err(e) => Err(pricing::live::client::LiveError::Api {
            service_code: String::new(),
            message: format!("cannot start the async runtime: {e}"),
        }),
    };
    match fetched {
        Ok(book) => book,
        Err(e) => {
            eprintln!(
                "warning: live pricing is unavailable: {}",
                lakecost::text::for_terminal(&e.to_string())
            );
            eprintln!(
                "warning: FALLING BACK to the bundled price snapshot dated {}; these prices may be out of date",
                bundled.provenance.snapshot_date
            );
            pricing::live::fallback(bundled)
        }
    }
}
