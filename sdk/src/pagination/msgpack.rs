//! The small MessagePack subset page tokens need, over `serde_json::Value`, on the `rmp` crate.
//!
//! The token bytes must match the reference encoder exactly (protocol README §8.2): smallest
//! integer, string, array and map forms, the `str` family for text, `float64` for every float,
//! and nothing else. `rmp`'s low-level writers choose those smallest forms; the page-token
//! vectors (`tests/page_tokens.rs`) check the bytes. Decoding accepts only what JSON can hold.

use rmp::decode;
use rmp::{encode, Marker};
use serde_json::{Map, Number, Value};

/// Deepest nesting the decoder accepts, like msgpack's C unpacker and `serde_json`; keeps a
/// hostile token from exhausting the stack.
const MAX_DEPTH: usize = 128;

/// Why a value could not be encoded or decoded. The text is for logs only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MsgpackError(pub(crate) &'static str);

type Result<T> = std::result::Result<T, MsgpackError>;

/// Writing to a `Vec` cannot fail; any error is reported the same way.
const WRITE: MsgpackError = MsgpackError("write failed");
const TRUNCATED: MsgpackError = MsgpackError("truncated input");

/// Appends the canonical (smallest-form) encoding of `value` to `out`.
pub(crate) fn encode(value: &Value, out: &mut Vec<u8>) -> Result<()> {
    match value {
        Value::Null => encode::write_nil(out).map_err(|_| WRITE)?,
        Value::Bool(b) => encode::write_bool(out, *b).map_err(|_| WRITE)?,
        Value::Number(n) => encode_number(n, out)?,
        Value::String(s) => encode_str(s, out)?,
        Value::Array(items) => {
            let len = u32::try_from(items.len())
                .map_err(|_| MsgpackError("collection longer than 2^32 entries"))?;
            encode::write_array_len(out, len).map_err(|_| WRITE)?;
            for item in items {
                encode(item, out)?;
            }
        }
        Value::Object(map) => {
            let len = u32::try_from(map.len())
                .map_err(|_| MsgpackError("collection longer than 2^32 entries"))?;
            encode::write_map_len(out, len).map_err(|_| WRITE)?;
            for (key, item) in map {
                encode_str(key, out)?;
                encode(item, out)?;
            }
        }
    }
    Ok(())
}

fn encode_number(n: &Number, out: &mut Vec<u8>) -> Result<()> {
    if let Some(u) = n.as_u64() {
        encode::write_uint(out, u).map_err(|_| WRITE)?;
    } else if let Some(i) = n.as_i64() {
        // `as_u64` took every non-negative integer, so `i` is negative here.
        encode::write_sint(out, i).map_err(|_| WRITE)?;
    } else if let Some(f) = n.as_f64() {
        encode::write_f64(out, f).map_err(|_| WRITE)?;
    } else {
        return Err(MsgpackError("number has no msgpack form"));
    }
    Ok(())
}

fn encode_str(s: &str, out: &mut Vec<u8>) -> Result<()> {
    if u32::try_from(s.len()).is_err() {
        return Err(MsgpackError("string longer than 4 GiB"));
    }
    encode::write_str(out, s).map_err(|_| WRITE)
}

/// Decodes exactly one value spanning all of `bytes` (no trailing data, not empty).
///
/// Only what JSON can hold is accepted: `bin`, `ext`, non-string map keys and non-finite
/// floats are errors.
pub(crate) fn decode(bytes: &[u8]) -> Result<Value> {
    let mut reader = Reader { rest: bytes };
    let value = reader.value(0)?;
    if !reader.rest.is_empty() {
        return Err(MsgpackError("trailing bytes after the value"));
    }
    Ok(value)
}

/// The bytes not read yet; `rmp` reads advance the slice.
struct Reader<'a> {
    rest: &'a [u8],
}

impl Reader<'_> {
    fn value(&mut self, depth: usize) -> Result<Value> {
        if depth > MAX_DEPTH {
            return Err(MsgpackError("nesting too deep"));
        }
        // Peeked, not consumed: each `rmp` reader below reads its own marker.
        let marker = Marker::from_u8(*self.rest.first().ok_or(TRUNCATED)?);
        let rd = &mut self.rest;
        let value = match marker {
            Marker::FixPos(_) | Marker::U8 | Marker::U16 | Marker::U32 | Marker::U64 => {
                Value::from(decode::read_int::<u64, _>(rd).map_err(|_| TRUNCATED)?)
            }
            Marker::FixNeg(_) | Marker::I8 | Marker::I16 | Marker::I32 | Marker::I64 => {
                Value::from(decode::read_int::<i64, _>(rd).map_err(|_| TRUNCATED)?)
            }
            Marker::Null => {
                decode::read_nil(rd).map_err(|_| TRUNCATED)?;
                Value::Null
            }
            Marker::True | Marker::False => {
                Value::Bool(decode::read_bool(rd).map_err(|_| TRUNCATED)?)
            }
            Marker::F32 => float(f64::from(decode::read_f32(rd).map_err(|_| TRUNCATED)?))?,
            Marker::F64 => float(decode::read_f64(rd).map_err(|_| TRUNCATED)?)?,
            Marker::FixStr(_) | Marker::Str8 | Marker::Str16 | Marker::Str32 => {
                Value::String(self.str()?)
            }
            Marker::FixArray(_) | Marker::Array16 | Marker::Array32 => {
                let len = decode::read_array_len(rd).map_err(|_| TRUNCATED)?;
                self.seq(len, depth)?
            }
            Marker::FixMap(_) | Marker::Map16 | Marker::Map32 => {
                let len = decode::read_map_len(rd).map_err(|_| TRUNCATED)?;
                self.map(len, depth)?
            }
            // 0xc1 (never used), bin and ext.
            _ => return Err(MsgpackError("type not allowed in a page token")),
        };
        Ok(value)
    }

    fn str(&mut self) -> Result<String> {
        let (s, rest) = decode::read_str_from_slice(self.rest).map_err(|e| match e {
            decode::DecodeStringError::InvalidUtf8(..) => MsgpackError("string is not UTF-8"),
            _ => TRUNCATED,
        })?;
        self.rest = rest;
        Ok(s.to_owned())
    }

    /// Every element takes at least one byte: capping the pre-allocation by the bytes left
    /// stops a forged length from reserving gigabytes.
    fn capacity(&self, len: u32) -> usize {
        usize::try_from(len).map_or(self.rest.len(), |len| len.min(self.rest.len()))
    }

    fn seq(&mut self, len: u32, depth: usize) -> Result<Value> {
        let mut items = Vec::with_capacity(self.capacity(len));
        for _ in 0..len {
            items.push(self.value(depth + 1)?);
        }
        Ok(Value::Array(items))
    }

    fn map(&mut self, len: u32, depth: usize) -> Result<Value> {
        let mut map = Map::with_capacity(self.capacity(len));
        for _ in 0..len {
            let key = match self.value(depth + 1)? {
                Value::String(key) => key,
                _ => return Err(MsgpackError("map key is not a string")),
            };
            let item = self.value(depth + 1)?;
            // A repeated key keeps the last value, as a Python dict built from the map would.
            map.insert(key, item);
        }
        Ok(Value::Object(map))
    }
}

fn float(f: f64) -> Result<Value> {
    Number::from_f64(f)
        .map(Value::Number)
        .ok_or(MsgpackError("float is not finite"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn enc(value: &Value) -> Vec<u8> {
        let mut out = Vec::new();
        encode(value, &mut out).unwrap();
        out
    }

    /// Encodes, checks the leading bytes, and checks that decoding gives the value back.
    fn check(value: Value, header: &[u8], total_len: usize) {
        let bytes = enc(&value);
        let what: String = value.to_string().chars().take(40).collect();
        assert_eq!(&bytes[..header.len()], header, "header of {what}");
        assert_eq!(bytes.len(), total_len, "length of {what}");
        assert!(decode(&bytes).unwrap() == value, "round trip of {what}");
    }

    #[test]
    fn string_sizes() {
        check(json!(""), &[0xa0], 1);
        check(json!("a".repeat(31)), &[0xbf], 32);
        check(json!("a".repeat(32)), &[0xd9, 32], 34);
        check(json!("a".repeat(255)), &[0xd9, 255], 257);
        check(json!("a".repeat(256)), &[0xda, 0x01, 0x00], 259);
        check(json!("a".repeat(65535)), &[0xda, 0xff, 0xff], 65538);
        check(json!("a".repeat(65536)), &[0xdb, 0, 1, 0, 0], 65541);
        // Length counts UTF-8 bytes, not characters.
        check(json!("ë".repeat(16)), &[0xd9, 32], 34);
    }

    #[test]
    fn map_sizes() {
        // Five-byte keys: each entry is a fixstr header, the key and a fixint.
        let map = |n: usize| Value::Object((0..n).map(|i| (format!("{i:05}"), json!(0))).collect());
        check(map(0), &[0x80], 1);
        check(map(15), &[0x8f], 1 + 15 * 7);
        check(map(16), &[0xde, 0x00, 0x10], 3 + 16 * 7);
        check(map(65535), &[0xde, 0xff, 0xff], 3 + 65535 * 7);
        check(map(65536), &[0xdf, 0, 1, 0, 0], 5 + 65536 * 7);
    }

    #[test]
    fn map_keeps_key_order() {
        let value = json!({"z": 1, "a": 2});
        assert_eq!(enc(&value), [0x82, 0xa1, b'z', 1, 0xa1, b'a', 2]);
    }

    #[test]
    fn array_sizes() {
        let arr = |n: usize| Value::Array(vec![Value::Null; n]);
        check(arr(0), &[0x90], 1);
        check(arr(15), &[0x9f], 16);
        check(arr(16), &[0xdc, 0x00, 0x10], 19);
        check(arr(65535), &[0xdc, 0xff, 0xff], 3 + 65535);
        check(arr(65536), &[0xdd, 0, 1, 0, 0], 5 + 65536);
    }

    #[test]
    fn unsigned_sizes() {
        check(json!(0), &[0x00], 1);
        check(json!(127), &[0x7f], 1);
        check(json!(128), &[0xcc, 0x80], 2);
        check(json!(255), &[0xcc, 0xff], 2);
        check(json!(256), &[0xcd, 0x01, 0x00], 3);
        check(json!(65535), &[0xcd, 0xff, 0xff], 3);
        check(json!(65536), &[0xce, 0, 1, 0, 0], 5);
        check(json!(u32::MAX), &[0xce, 0xff, 0xff, 0xff, 0xff], 5);
        check(
            json!(u64::from(u32::MAX) + 1),
            &[0xcf, 0, 0, 0, 1, 0, 0, 0, 0],
            9,
        );
        check(json!(u64::MAX), &[0xcf, 0xff, 0xff, 0xff, 0xff], 9);
        // A positive value of an i64 takes the unsigned forms too.
        check(json!(200_i64), &[0xcc, 200], 2);
    }

    #[test]
    fn signed_sizes() {
        check(json!(-1), &[0xff], 1);
        check(json!(-32), &[0xe0], 1);
        check(json!(-33), &[0xd0, 0xdf], 2);
        check(json!(-128), &[0xd0, 0x80], 2);
        check(json!(-129), &[0xd1, 0xff, 0x7f], 3);
        check(json!(-32768), &[0xd1, 0x80, 0x00], 3);
        check(json!(-32769), &[0xd2, 0xff, 0xff, 0x7f, 0xff], 5);
        check(json!(i32::MIN), &[0xd2, 0x80, 0, 0, 0], 5);
        check(
            json!(i64::from(i32::MIN) - 1),
            &[0xd3, 0xff, 0xff, 0xff, 0xff],
            9,
        );
        check(json!(i64::MIN), &[0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0], 9);
    }

    #[test]
    fn floats_are_float64() {
        check(json!(1.5), &[0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0], 9);
        // A float with an integral value stays a float.
        check(json!(2.0), &[0xcb, 0x40, 0x00], 9);
        check(json!(-0.1), &[0xcb], 9);
        check(json!(f64::MAX), &[0xcb], 9);
    }

    #[test]
    fn scalars() {
        check(Value::Null, &[0xc0], 1);
        check(json!(false), &[0xc2], 1);
        check(json!(true), &[0xc3], 1);
    }

    #[test]
    fn float32_is_read_as_f64() {
        let bytes = [&[0xca][..], &1.5_f32.to_be_bytes()].concat();
        assert_eq!(decode(&bytes).unwrap(), json!(1.5));
    }

    #[test]
    fn rejects_what_json_cannot_hold() {
        let nan = [&[0xcb][..], &f64::NAN.to_be_bytes()].concat();
        for bytes in [
            &[0xc4, 0x01, 0x00][..], // bin8
            &[0xd4, 0x01, 0x00][..], // fixext1
            &[0xc1][..],             // never used
            &[0x81, 0x01, 0x02][..], // integer map key
            &[0xa2, 0xff, 0xfe][..], // invalid UTF-8
            &nan[..],                // NaN
        ] {
            assert!(decode(bytes).is_err(), "{bytes:02x?}");
        }
    }

    #[test]
    fn rejects_empty_truncated_and_trailing_input() {
        assert!(decode(&[]).is_err());
        assert!(decode(&[0x92, 0x01]).is_err());
        assert!(decode(&[0xcd, 0x01]).is_err());
        assert!(decode(&[0xdb, 0xff, 0xff, 0xff, 0xff]).is_err());
        assert!(decode(&[0xdd, 0xff, 0xff, 0xff, 0xff]).is_err());
        assert!(decode(&[0xdf, 0xff, 0xff, 0xff, 0xff]).is_err());
        assert!(decode(&[0x01, 0x02]).is_err());
    }

    #[test]
    fn rejects_deep_nesting_without_overflowing_the_stack() {
        let deep = vec![0x91; 100_000];
        assert!(decode(&deep).is_err());
        let mut ok = vec![0x91; MAX_DEPTH];
        ok.push(0xc0);
        assert!(decode(&ok).is_ok());
    }
}
