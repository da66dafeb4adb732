//! The canonical JSON form (`lakecost.report/v1`, `docs/report-format.md`).

use super::Report;

pub fn render(r: &Report) -> String {
    let mut s =
        serde_json::to_string_pretty(r).expect("a report holds only finite numbers and strings");
    s.push('\n');
    s
}
