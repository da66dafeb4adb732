//! Calendar dates in UTC, without a date library: manifests' `fetched_at`, a
//! snapshot's age, and the cache's clock.

use std::time::{SystemTime, UNIX_EPOCH};

/// `YYYY-MM-DD` and an RFC 3339 time for a UNIX time (UTC), for manifests.
pub fn utc_date_time(secs: u64) -> (String, String) {
    // Days to civil date (H. Hinnant's algorithm).
    let days = (secs / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
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

pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (H. Hinnant's algorithm), or `None`
/// when the text is not such a date.
pub fn days_from_civil(date: &str) -> Option<i64> {
    let mut parts = date.get(..10)?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
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
}
