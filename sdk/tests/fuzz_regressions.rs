//! Inputs the fuzz targets (`fuzz/`, run by `scripts/fuzz.sh`) found failing, kept as tests
//! after their fix. Each test names its target; the input is written out as the target saw it.

/// `scim_response`: an unknown attribute holding `5e90` was read as the double one ulp below
/// 5e90 (serde_json's fast float parsing), written back as `4.9999999999999995e90` and read
/// again as yet another double: a user's unknown attributes did not survive a write-back.
/// Fixed by serde_json's `float_roundtrip` (the nearest double, as Python's json reads it).
#[cfg(feature = "scim")]
#[test]
fn scim_unknown_number_attributes_survive_a_write_back() {
    use connector_sdk::scim::ScimUser;

    let input = br#"{"sErrm": 5e90}"#;
    let user: ScimUser = serde_json::from_slice(input).unwrap();
    assert_eq!(user.extra["sErrm"].as_f64(), Some(5e90));
    let written = serde_json::to_vec(&user).unwrap();
    let again: ScimUser = serde_json::from_slice(&written).unwrap();
    assert_eq!(again, user, "{}", String::from_utf8_lossy(&written));
}

/// `settings`: a number in the envelope's settings reached the connector one ulp off
/// (`5.0299999999999994e-54` was read as `5.029999999999999e-54`), so settings the
/// connector answered did not read back as themselves. Same fix as above.
#[test]
fn settings_numbers_reach_the_connector_as_the_nearest_double() {
    use connector_sdk::integration::Integration;
    use connector_sdk::request::{Request, Response};
    use schemars::JsonSchema;
    use serde::Deserialize;
    use serde_json::Value;

    #[derive(Deserialize, JsonSchema)]
    struct Ratio {
        ratio: f64,
    }

    let integration = Integration::builder("float-settings", "0.0.0")
        .custom_capability("bits", |request: Request<Value, Ratio>| async move {
            Ok(Response::new(request.settings.ratio.to_bits().to_string()))
        })
        .build()
        .unwrap();
    let output = integration.call_blocking(
        "bits",
        r#"{"request":{},"settings":{"ratio":5.0299999999999994e-54}}"#,
    );
    let document: Value = serde_json::from_str(&output).unwrap();
    let expected = "5.0299999999999994e-54".parse::<f64>().unwrap().to_bits();
    assert_eq!(document["response"], expected.to_string(), "{output}");
}
