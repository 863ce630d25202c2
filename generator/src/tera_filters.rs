//! The case filters, registered under cargo-generate's names so templates work in both engines.
//!
//! Each filter takes a string and no arguments (filters with arguments are outside the
//! Liquid/Tera common subset, so they are refused rather than ignored).

use std::collections::HashMap;

use heck::{
    ToKebabCase, ToLowerCamelCase, ToShoutyKebabCase, ToShoutySnakeCase, ToSnakeCase, ToTitleCase,
    ToUpperCamelCase,
};
use tera::{Tera, Value};

/// A case conversion.
pub type Conversion = fn(&str) -> String;

/// Every filter: (name as in cargo-generate, conversion).
pub const FILTERS: &[(&str, Conversion)] = &[
    ("snake_case", |s| s.to_snake_case()),
    ("kebab_case", |s| s.to_kebab_case()),
    ("pascal_case", |s| s.to_upper_camel_case()),
    ("upper_camel_case", |s| s.to_upper_camel_case()),
    ("lower_camel_case", |s| s.to_lower_camel_case()),
    ("shouty_snake_case", |s| s.to_shouty_snake_case()),
    ("shouty_kebab_case", |s| s.to_shouty_kebab_case()),
    ("title_case", |s| s.to_title_case()),
];

/// Registers every case filter on `tera`.
pub(crate) fn register(tera: &mut Tera) {
    for (name, convert) in FILTERS {
        let name = *name;
        let convert = *convert;
        tera.register_filter(
            name,
            move |value: &Value, args: &HashMap<String, Value>| -> tera::Result<Value> {
                if !args.is_empty() {
                    return Err(tera::Error::msg(format!(
                        "filter `{name}` takes no arguments (filters with arguments are not in the \
                         Liquid/Tera common subset)"
                    )));
                }
                match value.as_str() {
                    Some(s) => Ok(Value::String(convert(s))),
                    None => Err(tera::Error::msg(format!(
                        "filter `{name}` applies to strings, got {value}"
                    ))),
                }
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str) -> tera::Result<String> {
        let mut tera = Tera::default();
        register(&mut tera);
        let mut context = tera::Context::new();
        context.insert("crate_name", "my_app");
        context.insert("flag", &true);
        tera.render_str(source, &context)
    }

    #[test]
    fn converts_like_cargo_generate() {
        let out = render(
            "{{crate_name | kebab_case}} {{crate_name | pascal_case}} {{crate_name | shouty_snake_case}} \
             {{crate_name | title_case}} {{crate_name | lower_camel_case}} {{crate_name | snake_case}}",
        )
        .unwrap();
        assert_eq!(out, "my-app MyApp MY_APP My App myApp my_app");
    }

    #[test]
    fn refuses_arguments_and_non_strings() {
        let err = render("{{crate_name | kebab_case(x=1)}}").unwrap_err();
        assert!(format!("{err:?}").contains("takes no arguments"), "{err:?}");
        let err = render("{{flag | kebab_case}}").unwrap_err();
        assert!(format!("{err:?}").contains("applies to strings"), "{err:?}");
    }
}
