//! Quantities with their units: bytes, durations, fractions and money.
//!
//! AWS meters storage in binary units (a "GB" on a bill is 2^30 bytes) and the AWS
//! Pricing Calculator uses the same 1024 ladder, so every size in lakecost is a
//! [`Bytes`] and every conversion to GB goes through [`Bytes::gib`]. A month is 730
//! hours (see [`HOURS_PER_MONTH`]). Money is [`Usd`], kept unrounded until a report
//! presents it.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Sub};

/// Hours in a billing month: the AWS Pricing Calculator's convention (8,760 h / 12).
pub const HOURS_PER_MONTH: f64 = 730.0;
/// Seconds in a month of [`HOURS_PER_MONTH`]: what a per-second rate bills in a month.
pub const SECONDS_PER_MONTH: f64 = HOURS_PER_MONTH * 3600.0;
/// Hours in a day.
pub const HOURS_PER_DAY: f64 = 24.0;
/// One KiB, the unit S3 uses for its 128 KB minimum and 40 KB archive overhead.
pub const KIB: f64 = 1024.0;
/// One MiB: the "MB" of AWS's per-query, per-record and memory figures.
pub const MIB: f64 = 1024.0 * 1024.0;
/// One GiB: the "GB" of every AWS storage and transfer price.
pub const GIB: f64 = 1024.0 * 1024.0 * 1024.0;
/// One TiB and one PiB, for limits.
pub const TIB: f64 = GIB * KIB;
pub const PIB: f64 = TIB * KIB;

/// A number of bytes. Fractional because cohorts are averages (bytes per day × share).
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd, Serialize)]
pub struct Bytes(pub f64);

impl Bytes {
    pub const ZERO: Bytes = Bytes(0.0);

    pub fn from_kib(k: f64) -> Self {
        Bytes(k * KIB)
    }

    pub fn from_gib(g: f64) -> Self {
        Bytes(g * GIB)
    }

    /// Gibibytes: what AWS calls GB on a price sheet.
    pub fn gib(self) -> f64 {
        self.0 / GIB
    }

    pub fn max(self, other: Bytes) -> Bytes {
        Bytes(self.0.max(other.0))
    }
}

impl Add for Bytes {
    type Output = Bytes;
    fn add(self, o: Bytes) -> Bytes {
        Bytes(self.0 + o.0)
    }
}

impl Sub for Bytes {
    type Output = Bytes;
    fn sub(self, o: Bytes) -> Bytes {
        Bytes(self.0 - o.0)
    }
}

impl Mul<f64> for Bytes {
    type Output = Bytes;
    fn mul(self, f: f64) -> Bytes {
        Bytes(self.0 * f)
    }
}

impl fmt::Display for Bytes {
    /// Human form on the 1024 ladder, e.g. `1 TB`, `128 MB`, `40 KB`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NAMES: [&str; 6] = ["B", "KB", "MB", "GB", "TB", "PB"];
        let mut v = self.0;
        let mut i = 0;
        while v.abs() >= 1024.0 && i + 1 < NAMES.len() {
            v /= 1024.0;
            i += 1;
        }
        if (v - v.round()).abs() < 1e-9 {
            write!(f, "{} {}", v.round(), NAMES[i])
        } else {
            write!(f, "{:.2} {}", v, NAMES[i])
        }
    }
}

/// A span of time, stored in seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd, Serialize)]
pub struct Duration(pub f64);

impl Duration {
    pub fn from_hours(h: f64) -> Self {
        Duration(h * 3600.0)
    }
    pub fn seconds(self) -> f64 {
        self.0
    }
    pub fn hours(self) -> f64 {
        self.0 / 3600.0
    }
    pub fn days(self) -> f64 {
        self.0 / 86_400.0
    }
}

/// A share or rate in [0, ∞): `20%` and `0.2` are the same value.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd, Serialize)]
pub struct Fraction(pub f64);

impl Fraction {
    pub const ZERO: Fraction = Fraction(0.0);
    pub const ONE: Fraction = Fraction(1.0);
    pub fn value(self) -> f64 {
        self.0
    }
}

/// US dollars, unrounded. Rounding happens only in renderers.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd, Serialize)]
pub struct Usd(pub f64);

impl Usd {
    pub const ZERO: Usd = Usd(0.0);
    pub fn value(self) -> f64 {
        self.0
    }
}

impl Add for Usd {
    type Output = Usd;
    fn add(self, o: Usd) -> Usd {
        Usd(self.0 + o.0)
    }
}

impl AddAssign for Usd {
    fn add_assign(&mut self, o: Usd) {
        self.0 += o.0;
    }
}

impl Sub for Usd {
    type Output = Usd;
    fn sub(self, o: Usd) -> Usd {
        Usd(self.0 - o.0)
    }
}

impl Sum for Usd {
    /// Starts from +0: `f64`'s own sum starts from −0 (so that a sum of negative
    /// zeros stays negative), which would print an empty bill as `-0.0`.
    fn sum<I: Iterator<Item = Usd>>(iter: I) -> Usd {
        Usd(iter.fold(0.0, |acc, u| acc + u.0))
    }
}

/// An error from reading a quantity: what was expected, for the scenario loader to
/// attach a file position to.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityError(pub String);

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Splits `"128 MB"` into `(128.0, "MB")`; the unit may be glued to the number.
pub fn split_number(text: &str) -> Option<(f64, &str)> {
    let t = text.trim();
    let (value, end) = leading_number(t)?;
    Some((value, t[end..].trim()))
}

/// The number a text starts with and where it ends: digits with `_` separators
/// (`1_000`), a sign, a decimal point and an exponent (`1e3`, `2.5E-1`; an `e` starts an
/// exponent only when a digit follows, so `5 events` is not one). The one number
/// grammar of scenario values, `--set` and `sweep --vary`.
pub fn leading_number(t: &str) -> Option<(f64, usize)> {
    let b = t.as_bytes();
    let mut end = 0;
    while end < b.len() {
        let c = b[end];
        let exponent = (c == b'e' || c == b'E')
            && end > 0
            && b[end - 1].is_ascii_digit()
            && match b.get(end + 1) {
                Some(d) if d.is_ascii_digit() => true,
                Some(b'+' | b'-') => b.get(end + 2).is_some_and(u8::is_ascii_digit),
                _ => false,
            };
        if exponent {
            end += if b[end + 1].is_ascii_digit() { 2 } else { 3 };
        } else if c.is_ascii_digit()
            || matches!(c, b'.' | b'_')
            || (end == 0 && matches!(c, b'-' | b'+'))
        {
            end += 1;
        } else {
            break;
        }
    }
    let num: String = t[..end].chars().filter(|c| *c != '_').collect();
    let value: f64 = num.parse().ok()?;
    value.is_finite().then_some((value, end))
}

/// The 1024 ladder for sizes; IEC names are accepted as synonyms.
fn size_multiplier(unit: &str) -> Option<f64> {
    let m = match unit {
        "B" => 0,
        "KB" | "KiB" => 1,
        "MB" | "MiB" => 2,
        "GB" | "GiB" => 3,
        "TB" | "TiB" => 4,
        "PB" | "PiB" => 5,
        _ => return None,
    };
    Some(1024f64.powi(m))
}

impl std::str::FromStr for Bytes {
    type Err = QuantityError;
    fn from_str(s: &str) -> Result<Self, QuantityError> {
        let bad = || {
            QuantityError(format!(
                "expected a size such as `128 MB` (units B, KB, MB, GB, TB, PB, 1024-based), found `{s}`"
            ))
        };
        let (v, unit) = split_number(s).ok_or_else(bad)?;
        let mult = size_multiplier(unit).ok_or_else(bad)?;
        if v < 0.0 {
            return Err(QuantityError(format!(
                "a size cannot be negative, found `{s}`"
            )));
        }
        Ok(Bytes(v * mult))
    }
}

impl std::str::FromStr for Duration {
    type Err = QuantityError;
    fn from_str(s: &str) -> Result<Self, QuantityError> {
        let bad = || {
            QuantityError(format!(
                "expected a duration such as `90 s`, `4 min`, `2 h` or `7 d` (units ms, s, min, h, d), found `{s}`"
            ))
        };
        let (v, unit) = split_number(s).ok_or_else(bad)?;
        let secs = match unit {
            "ms" => 0.001,
            "s" => 1.0,
            "min" => 60.0,
            "h" => 3600.0,
            "d" => 86_400.0,
            _ => return Err(bad()),
        };
        if v < 0.0 {
            return Err(QuantityError(format!(
                "a duration cannot be negative, found `{s}`"
            )));
        }
        Ok(Duration(v * secs))
    }
}

impl std::str::FromStr for Fraction {
    type Err = QuantityError;
    fn from_str(s: &str) -> Result<Self, QuantityError> {
        let bad = || {
            QuantityError(format!(
                "expected a percentage such as `20%` or a fraction such as `0.2`, found `{s}`"
            ))
        };
        let (v, unit) = split_number(s).ok_or_else(bad)?;
        let v = match unit {
            "%" => v / 100.0,
            // `15` is more likely meant as 15% than as 1500%: above 1, say which.
            "" if v > 1.0 => {
                return Err(QuantityError(format!(
                    "`{t}` as a bare number is {}%: write `{t}%` or `{}`, or `{}%` if more than 100% is meant",
                    v * 100.0,
                    v / 100.0,
                    v * 100.0,
                    t = s.trim()
                )));
            }
            "" => v,
            _ => return Err(bad()),
        };
        if v < 0.0 {
            return Err(QuantityError(format!(
                "a share cannot be negative, found `{s}`"
            )));
        }
        Ok(Fraction(v))
    }
}

/// YAML gives a number (`0.2`, `30`) or a string (`20%`, `1 TB`); both are read as text
/// and parsed by the unit's own rules so that every quantity error reads the same.
fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Num(f64),
        Text(String),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Num(n) => n.to_string(),
        Raw::Text(t) => t,
    })
}

macro_rules! deserialize_from_text {
    ($t:ty) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = text_or_number(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

deserialize_from_text!(Fraction);
deserialize_from_text!(Duration);

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = text_or_number(d)?;
        if text.parse::<f64>().is_ok() {
            // A bare number is ambiguous (bytes? GB?); ask for the unit.
            return Err(serde::de::Error::custom(format!(
                "a size needs a unit, e.g. `{text} GB` (units B, KB, MB, GB, TB, PB)"
            )));
        }
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A calendar month, the unit of AWS's billing periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    /// `YYYY-MM`, or the start of a timestamp written `YYYY-MM-DD…`.
    pub fn parse(text: &str) -> Option<Period> {
        let b = text.as_bytes();
        if b.len() < 7 || b[4] != b'-' || !b[..4].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let year: i32 = text[..4].parse().ok()?;
        let month: u32 = text.get(5..7)?.parse().ok()?;
        if !(1..=12).contains(&month) || (b.len() > 7 && b[7] != b'-') {
            return None;
        }
        Some(Period { year, month })
    }

    pub(crate) fn of_seconds(secs: i64) -> Option<Period> {
        let (year, month, _) = crate::pricing::dates::civil(secs.div_euclid(86_400));
        Some(Period {
            year: i32::try_from(year)
                .ok()
                .filter(|y| (1..=9999).contains(y))?,
            month,
        })
    }

    /// The number of days in the month (the Gregorian calendar).
    pub fn days(self) -> u32 {
        match self.month {
            2 if (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    pub fn hours(self) -> f64 {
        f64::from(self.days() * 24)
    }

    /// Months from `self` to `later` (0 for the same month; negative before).
    pub fn months_to(self, later: Period) -> i64 {
        (i64::from(later.year) - i64::from(self.year)) * 12 + i64::from(later.month)
            - i64::from(self.month)
    }

    /// The month `n` months after this one.
    pub fn plus(self, n: u32) -> Period {
        let m = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(n);
        Period {
            year: (m / 12) as i32,
            month: (m % 12) as u32 + 1,
        }
    }

    /// The first day, `YYYY-MM-01`.
    pub fn first_day(self) -> String {
        format!("{:04}-{:02}-01", self.year, self.month)
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One grammar for every number a user writes: separators and exponents both, in
    /// scenario values as in `sweep --vary`.
    #[test]
    fn numbers_take_separators_and_exponents_alike() {
        assert_eq!(split_number("1_000 GB"), Some((1000.0, "GB")));
        assert_eq!(split_number("1e3 GB"), Some((1000.0, "GB")));
        assert_eq!(split_number("2.5E-1%"), Some((0.25, "%")));
        assert_eq!(split_number("-3 h"), Some((-3.0, "h")));
        assert_eq!(split_number("5 events"), Some((5.0, "events")));
        assert_eq!(split_number("5e"), Some((5.0, "e")));
        assert_eq!(split_number("1-2"), Some((1.0, "-2")));
        assert_eq!(split_number("e3"), None);
        assert_eq!(
            crate::sweep::split("1_000 GB"),
            Some((1000.0, " GB".into()))
        );
        assert_eq!(crate::sweep::split("1e3GB"), Some((1000.0, "GB".into())));
    }

    #[test]
    fn an_empty_bill_is_zero_not_negative_zero() {
        let none: Usd = std::iter::empty().sum();
        assert_eq!(none.0.to_string(), "0");
        assert!(none.0.is_sign_positive());
    }

    #[test]
    fn sizes_use_the_1024_ladder_aws_meters_with() {
        // AWS bills a GB as 2^30 bytes; a TB is 1024 of those.
        assert_eq!("1 TB".parse::<Bytes>().unwrap().gib(), 1024.0);
        assert_eq!("128 KB".parse::<Bytes>().unwrap().0, 131_072.0);
        assert_eq!("1.5 GiB".parse::<Bytes>().unwrap().gib(), 1.5);
        assert_eq!("64MB".parse::<Bytes>().unwrap().0, 64.0 * 1024.0 * 1024.0);
    }

    #[test]
    fn bad_quantities_say_what_was_expected() {
        assert!("-1 TB".parse::<Bytes>().unwrap_err().0.contains("negative"));
        assert!(
            "1 XB"
                .parse::<Bytes>()
                .unwrap_err()
                .0
                .contains("expected a size")
        );
        assert!("2 weeks".parse::<Duration>().is_err());
        assert!("-5%".parse::<Fraction>().is_err());
    }

    #[test]
    fn durations_and_fractions() {
        assert_eq!("4 min".parse::<Duration>().unwrap().seconds(), 240.0);
        assert_eq!("2 h".parse::<Duration>().unwrap().hours(), 2.0);
        assert_eq!("7 d".parse::<Duration>().unwrap().days(), 7.0);
        assert_eq!("800 ms".parse::<Duration>().unwrap().seconds(), 0.8);
        assert_eq!("20%".parse::<Fraction>().unwrap().value(), 0.2);
        assert_eq!("0.25".parse::<Fraction>().unwrap().value(), 0.25);
        // A bare 15 is read as neither 15% nor 1500% silently.
        let e = "15".parse::<Fraction>().unwrap_err().0;
        assert!(e.contains("is 1500%: write `15%` or `0.15`"), "{e}");
        let e = "2.5".parse::<Fraction>().unwrap_err().0;
        assert!(e.contains("is 250%: write `2.5%` or `0.025`"), "{e}");
        assert_eq!("150%".parse::<Fraction>().unwrap().value(), 1.5);
        assert_eq!("1".parse::<Fraction>().unwrap().value(), 1.0);
    }

    #[test]
    fn display_is_readable() {
        assert_eq!(Bytes::from_gib(1024.0).to_string(), "1 TB");
        assert_eq!(Bytes::from_kib(40.0).to_string(), "40 KB");
    }
}
