//! Presenting numbers: the only place money is rounded.

use crate::units::Usd;

use crate::text::group_thousands as group;

/// `$12,345.68`: money to the cent, with separators.
pub fn money(u: Usd) -> String {
    let v = u.value();
    let v = if v.abs() < 0.005 { 0.0 } else { v };
    let sign = if v < 0.0 { "-" } else { "" };
    format!("{sign}${}", group(&format!("{:.2}", v.abs())))
}

/// A change of money: `+$12.00`, `-$3.40`, `$0.00`.
pub fn signed_money(u: Usd) -> String {
    if u.value() >= 0.005 {
        format!("+{}", money(u))
    } else {
        money(u)
    }
}

/// A quantity: two decimals with separators, more significant digits when small.
pub fn quantity(q: f64) -> String {
    if q == 0.0 {
        "0".into()
    } else if q.abs() >= 100.0 || q.fract() == 0.0 {
        group(&format!("{q:.0}"))
    } else if q.abs() >= 1.0 {
        format!("{q:.2}")
    } else {
        format!("{q:.4}")
    }
}

/// A unit price at full precision (`$0.0000004`), trailing zeros trimmed.
pub fn unit_price(p: f64) -> String {
    let s = format!("{p:.10}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("${s}")
}

/// `0.034` → `3.4%`.
pub fn percent(f: f64) -> String {
    let v = f * 100.0;
    format!("{:.1}%", if v.abs() < 0.05 { 0.0 } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_rounded_only_here() {
        assert_eq!(money(Usd(1234567.891)), "$1,234,567.89");
        assert_eq!(money(Usd(-0.001)), "$0.00");
        assert_eq!(money(Usd(-1234.5)), "-$1,234.50");
        assert_eq!(unit_price(0.0000004), "$0.0000004");
        assert_eq!(unit_price(0.023), "$0.023");
        assert_eq!(quantity(51200.4), "51,200");
        assert_eq!(percent(0.0342), "3.4%");
    }
}
