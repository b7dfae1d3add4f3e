//! `vads_trans_date`: the current UTC time as `YYYYMMDDHHMMSS`, without a date-time dependency.

use std::time::{SystemTime, UNIX_EPOCH};

/// Formats seconds since the Unix epoch as `YYYYMMDDHHMMSS` (UTC).
pub fn format_trans_date(unix_seconds: u64) -> String {
    let days = unix_seconds / 86_400;
    let secs_of_day = unix_seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}",
        secs_of_day / 3600,
        (secs_of_day / 60) % 60,
        secs_of_day % 60
    )
}

pub fn now_trans_date() -> String {
    // A clock before 1970 is a broken host; signing with the epoch makes the platform refuse it loudly.
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    format_trans_date(secs)
}

/// True for a well-formed `YYYYMMDDHHMMSS` with plausible ranges.
pub fn is_valid_trans_date(s: &str) -> bool {
    if s.len() != 14 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let num = |range: std::ops::Range<usize>| s[range].parse::<u32>().unwrap_or(u32::MAX);
    let (month, day, hour, minute, second) = (num(4..6), num(6..8), num(8..10), num(10..12), num(12..14));
    (1..=12).contains(&month) && (1..=31).contains(&day) && hour < 24 && minute < 60 && second < 60
}

/// Howard Hinnant's days-to-civil algorithm for the proleptic Gregorian calendar.
fn civil_from_days(days_since_epoch: u64) -> (u64, u64, u64) {
    let z = days_since_epoch + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_trans_date(0), "19700101000000");
        assert_eq!(format_trans_date(1_241_206_530), "20090501193530");
        assert_eq!(format_trans_date(1_485_695_225), "20170129130705");
        assert_eq!(format_trans_date(951_782_400), "20000229000000");
        assert_eq!(format_trans_date(4_102_444_799), "20991231235959");
    }

    #[test]
    fn validates_trans_dates() {
        assert!(is_valid_trans_date("20170129130025"));
        assert!(is_valid_trans_date(&now_trans_date()));
        for bad in ["", "2017012913002", "201701291300250", "20171329130025", "20170100130025", "20170129240025", "2017-01-29T13:0"] {
            assert!(!is_valid_trans_date(bad), "{bad}");
        }
    }
}
