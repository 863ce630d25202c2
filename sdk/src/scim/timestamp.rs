//! RFC 3339 timestamps (SCIM's `dateTime`, RFC 7643 §2.3.5) as an ordering key.
//!
//! The changed-users walk needs only two things from a timestamp: is it valid (a `since` or
//! cursor is checked before it goes into a filter) and which of two is later (the cursor is
//! the newest `meta.lastModified` seen). Strings do not order correctly (`…:43Z` sorts after
//! `…:43.5Z`, offsets differ), so they are read into UTC seconds and nanoseconds. Written
//! here rather than taken from a date crate: this is all the `scim` feature needs, and it
//! keeps the feature free of extra crates.

/// A point in time: seconds since 1970-01-01T00:00:00Z and nanoseconds, comparable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Instant {
    seconds: i64,
    nanos: u32,
}

/// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (`t` and a space are accepted for `T`,
/// `z` for `Z`); `None` for anything else.
pub(crate) fn parse(text: &str) -> Option<Instant> {
    let b = text.trim().as_bytes();
    let digits = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter().try_fold(0_i64, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
        })
    };
    let year = digits(0, 4)?;
    let month = digits(5, 2)?;
    let day = digits(8, 2)?;
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(at, c)| b.get(at) != Some(&c))
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut at = 19;
    let mut nanos = 0_u32;
    if b.get(at) == Some(&b'.') {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            if at - start < 9 {
                nanos = nanos * 10 + u32::from(b[at] - b'0');
            }
            at += 1;
        }
        if at == start {
            return None;
        }
        for _ in (at - start)..9 {
            nanos *= 10;
        }
    }
    let offset = match b.get(at..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (h, m) = (digits(at + 1, 2)?, digits(at + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let offset = h * 3600 + m * 60;
            if *sign == b'-' {
                -offset
            } else {
                offset
            }
        }
        _ => return None,
    };
    let seconds = days_from_civil(year, month, day) * 86_400
        + hour * 3600
        + minute * 60
        // A leap second (`:60`) orders with the second after it.
        + second
        - offset;
    Some(Instant { seconds, nanos })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_epoch_and_orders_what_strings_do_not() {
        assert_eq!(
            parse("1970-01-01T00:00:00Z"),
            Some(Instant {
                seconds: 0,
                nanos: 0
            })
        );
        assert_eq!(
            parse("2000-03-01T00:00:00Z").map(|i| i.seconds),
            Some(951_868_800)
        );
        let whole = parse("2026-11-30T19:38:43Z").unwrap();
        let half = parse("2026-11-30T19:38:43.5Z").unwrap();
        assert!(
            half > whole,
            "a fraction is later, though it sorts earlier as text"
        );
        assert_eq!(
            parse("2026-11-30T20:38:43.5+01:00"),
            Some(half),
            "offsets are applied"
        );
        assert_eq!(parse("2026-11-30t19:38:43.500000000z"), Some(half));
        assert!(parse("2026-11-30T19:38:43.514932Z").unwrap() > half);
    }

    #[test]
    fn refuses_what_is_no_rfc_3339_timestamp() {
        for bad in [
            "",
            "garbage",
            "2026-11-30",
            "2026-11-30T19:38:43",
            "2026-11-30T19:38:43.Z",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-30T24:00:00Z",
            "2026-11-30T19:38:43+0100",
            "2026-11-30T19:38:43Z trailing",
            "２026-11-30T19:38:43Z",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert!(parse("2024-02-29T00:00:00Z").is_some());
        assert!(parse("2023-02-29T00:00:00Z").is_none());
    }
}
