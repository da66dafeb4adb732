//! Calendar dates in UTC, without a date library: manifests' `fetched_at`, a
//! snapshot's age, and the cache's clock.

use std::time::{SystemTime, UNIX_EPOCH};

/// `YYYY-MM-DD` and an RFC 3339 time for a UNIX time (UTC), for manifests.
pub fn utc_date_time(secs: u64) -> (String, String) {
    let (y, m, d) = civil((secs / 86_400) as i64);
    let rem = secs % 86_400;
    let date = format!("{y:04}-{m:02}-{d:02}");
    let time = format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    );
    (date, time)
}

/// The year, month and day of a day counted from 1970-01-01 (H. Hinnant's algorithm).
pub fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m as u32, d as u32)
}

pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (H. Hinnant's algorithm), or `None`
/// when the text is not such a date.
pub fn days_from_civil(date: &str) -> Option<i64> {
    let day = date.get(..10)?;
    let digits = |r: std::ops::Range<usize>| {
        day.get(r)
            .filter(|f| f.bytes().all(|b| b.is_ascii_digit()))?
            .parse::<i64>()
            .ok()
    };
    if day.as_bytes()[4] != b'-' || day.as_bytes()[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date given on the command line: exactly `YYYY-MM-DD`, a day the calendar has
/// (`2026-02-30` is not 2026-03-02), from 1970 on; days since 1970-01-01.
pub fn parse_day(text: &str) -> Option<i64> {
    (text.len() == 10)
        .then(|| days_from_civil(text))
        .flatten()
        .filter(|d| *d >= 0)
}

/// Today's date in UTC: `LAKECOST_TODAY` when set (for reproducible reports and
/// tests), else the system clock.
pub fn today() -> String {
    std::env::var("LAKECOST_TODAY")
        .ok()
        .filter(|d| days_from_civil(d).is_some())
        .unwrap_or_else(|| utc_date_time(now_secs()).0)
}

/// Whole days from `from` to `to` (both `YYYY-MM-DD`).
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    Some(days_from_civil(to)? - days_from_civil(from)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(utc_date_time(0).1, "1970-01-01T00:00:00Z");
        // 2026-11-25T22:44:48Z
        assert_eq!(utc_date_time(1_795_646_688).1, "2026-11-25T22:44:48Z");
        assert_eq!(utc_date_time(951_782_400).0, "2000-02-29");
    }

    #[test]
    fn days_round_trip() {
        for secs in [0u64, 951_782_400, 1_795_646_688] {
            let (date, _) = utc_date_time(secs);
            assert_eq!(days_from_civil(&date), Some((secs / 86_400) as i64));
        }
        assert_eq!(days_between("2026-11-25", "2026-11-27"), Some(2));
        assert_eq!(days_between("2025-12-31", "2026-01-01"), Some(1));
        assert_eq!(days_from_civil("2026-13-01"), None);
    }

    #[test]
    fn a_command_line_date_is_a_real_day_and_nothing_more() {
        assert_eq!(parse_day("2024-02-29"), days_from_civil("2024-02-29"));
        assert!(parse_day("2024-02-29").is_some());
        for bad in [
            "2025-02-29",
            "2026-02-30",
            "2026-04-31",
            "2026-02-28x",
            "2026-2-28",
            "0000-01-01",
            "1969-12-31",
            "+026-01-01",
            "2026-01-01T00:00:00Z",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
        // A manifest's timestamp still gives its day.
        assert_eq!(
            days_from_civil("2026-11-25T22:44:48Z"),
            days_from_civil("2026-11-25")
        );
    }
}
