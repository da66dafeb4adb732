//! Time: the horizon as consecutive 730-hour months (the AWS Pricing Calculator's
//! month), month m (0-based here) covering hours [730·m, 730·(m+1)).

use crate::units::{HOURS_PER_DAY, HOURS_PER_MONTH};

/// Days in a 730-hour month: 30 5/12.
pub const DAYS_PER_MONTH: f64 = HOURS_PER_MONTH / HOURS_PER_DAY;

/// The 0-based month holding day `t` (days from hour 0), by the expression
/// [`MonthWindow::month_of`] uses for hours: events on a month boundary belong to the
/// month that starts there.
pub fn month_of_day(t: f64) -> f64 {
    (t * HOURS_PER_DAY / HOURS_PER_MONTH).floor()
}

/// The first `months` months of a simulation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MonthWindow {
    pub months: usize,
}

impl MonthWindow {
    /// The 0-based month holding hour `t`, if it is inside the window.
    pub fn month_of(self, t: f64) -> Option<usize> {
        if t < 0.0 {
            return None;
        }
        let m = (t / HOURS_PER_MONTH).floor() as usize;
        (m < self.months).then_some(m)
    }

    /// Calls `f(month, from, to)` for each month the interval `[start, end)` (hours)
    /// overlaps, with the overlap `[from, to)`. `end` may be infinite.
    pub fn spread(self, start: f64, end: f64, mut f: impl FnMut(usize, f64, f64)) {
        let horizon = self.months as f64 * HOURS_PER_MONTH;
        let (s, e) = (start.max(0.0), end.min(horizon));
        if e <= s {
            return;
        }
        let first = (s / HOURS_PER_MONTH).floor() as usize;
        let mut m = first;
        while m < self.months {
            let ms = m as f64 * HOURS_PER_MONTH;
            let me = ms + HOURS_PER_MONTH;
            if ms >= e {
                break;
            }
            let (from, to) = (s.max(ms), e.min(me));
            if to > from {
                f(m, from, to);
            }
            m += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreading_an_interval_over_730_hour_months() {
        // A month is 730 h (AWS Pricing Calculator), so hours 700–800 fall 30 h in
        // month 0 and 70 h in month 1.
        let w = MonthWindow { months: 3 };
        let mut got = vec![];
        w.spread(700.0, 800.0, |m, a, b| got.push((m, b - a)));
        assert_eq!(got, vec![(0, 30.0), (1, 70.0)]);
        let mut total = 0.0;
        w.spread(-50.0, f64::INFINITY, |_, a, b| total += b - a);
        assert_eq!(total, 3.0 * 730.0);
        assert_eq!(w.month_of(729.9), Some(0));
        assert_eq!(w.month_of(2190.0), None);
        assert!((DAYS_PER_MONTH - 30.416_666).abs() < 1e-5);
    }
}
