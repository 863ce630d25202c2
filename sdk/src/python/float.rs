//! Python's `repr(float)`, which `json.dumps` and `str()` of parsed JSON use for floats.

/// Formats a finite `f64` like Python's `repr`: the shortest digits that round-trip, in
/// fixed notation (always with a fractional part, `1.0`) when the decimal exponent is in
/// `-4..16`, else in scientific notation with a signed, at least two-digit exponent
/// (`1e+16`, `1.5e-05`). Non-finite values, which JSON values cannot hold, are written as
/// `repr` writes them (`nan`, `inf`).
pub(crate) fn python_float_repr(value: f64) -> String {
    if value.is_nan() {
        return "nan".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    // Rust's `{:e}` prints the shortest round-trip digits, like Python's repr.
    let scientific = format!("{:e}", value.abs());
    let (mantissa, exponent) = scientific
        .split_once('e')
        .unwrap_or((scientific.as_str(), "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if value.is_sign_negative() { "-" } else { "" };
    // Python switches to scientific notation outside 1e-4 <= |x| < 1e16.
    let body = if (-4..16).contains(&exponent) {
        fixed(&digits, exponent)
    } else {
        scientific_notation(&digits, exponent)
    };
    format!("{sign}{body}")
}

/// `digits` × 10^(exponent - len + 1) in positional notation with at least one fraction digit.
fn fixed(digits: &str, exponent: i32) -> String {
    let point = exponent + 1; // digits before the decimal point
    if point <= 0 {
        let zeros = "0".repeat(point.unsigned_abs() as usize);
        return format!("0.{zeros}{digits}");
    }
    let point = point as usize;
    if digits.len() <= point {
        let zeros = "0".repeat(point - digits.len());
        format!("{digits}{zeros}.0")
    } else {
        format!("{}.{}", &digits[..point], &digits[point..])
    }
}

fn scientific_notation(digits: &str, exponent: i32) -> String {
    let (first, rest) = digits.split_at(1.min(digits.len()));
    let mantissa = if rest.is_empty() {
        first.to_owned()
    } else {
        format!("{first}.{rest}")
    };
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exponent.unsigned_abs())
}

#[cfg(test)]
mod tests {
    use super::python_float_repr;

    // Expected strings are CPython 3.11's `repr(x)` for the same literals.
    #[test]
    fn matches_python_repr() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (100.0, "100.0"),
            (0.1, "0.1"),
            (1.0 / 3.0, "0.3333333333333333"),
            (0.0001, "0.0001"),
            (1.5e-5, "1.5e-05"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (123.456, "123.456"),
            (1e15, "1000000000000000.0"),
            (123456789012345.6, "123456789012345.6"),
            (1e16, "1e+16"),
            (12345678901234567.0, "1.2345678901234568e+16"),
            (1e22, "1e+22"),
            (2.5e300, "2.5e+300"),
            (1e100, "1e+100"),
            (-2.5e-300, "-2.5e-300"),
            (5e-324, "5e-324"),
            (-0.0, "-0.0"),
            (-1.5, "-1.5"),
        ];
        for (value, expected) in cases {
            assert_eq!(python_float_repr(*value), *expected, "{value:?}");
        }
    }
}
