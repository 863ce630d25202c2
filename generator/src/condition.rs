//! The `[conditional.'<expr>']` expressions of cargo-generate.toml, evaluated without Rhai.
//!
//! cargo-generate evaluates these keys as Rhai; connector-new understands exactly the subset the
//! templates are allowed to use: `name == literal` (or `!=`), joined by `&&` and `||` with the
//! usual precedence (`&&` binds tighter), where a literal is `true`, `false` or a double-quoted
//! string without escapes. Anything else is refused with the offending token, so a template
//! author who reaches for more Rhai finds out at once instead of getting a silent difference.

use std::fmt;

use crate::vars::{VarValue, Vars};

/// A parsed condition in disjunctive form: any of the groups, each requiring all its comparisons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    any_of: Vec<Vec<Comparison>>,
}

/// `variable op literal`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Comparison {
    variable: String,
    equal: bool,
    literal: VarValue,
}

/// Why a condition could not be parsed or evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionError(String);

impl fmt::Display for ConditionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConditionError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    Literal(VarValue),
    Eq,
    Ne,
    And,
    Or,
}

impl Condition {
    /// Parses `source`, refusing anything outside the subset.
    pub fn parse(source: &str) -> Result<Self, ConditionError> {
        let tokens = tokenize(source)?;
        let fail = |what: String| {
            ConditionError(format!(
                "{what} in condition `{source}`: connector-new understands only \
                 `name == literal` / `name != literal` joined by `&&` and `||`"
            ))
        };
        let mut any_of = vec![Vec::new()];
        let mut rest = tokens.as_slice();
        loop {
            let comparison = match rest {
                [Token::Ident(variable), op @ (Token::Eq | Token::Ne), Token::Literal(literal), tail @ ..] =>
                {
                    rest = tail;
                    Comparison {
                        variable: variable.clone(),
                        equal: *op == Token::Eq,
                        literal: literal.clone(),
                    }
                }
                [] => return Err(fail("expected a comparison at the end".into())),
                [first, ..] => {
                    return Err(fail(format!("expected `name == literal` at {first:?}")))
                }
            };
            if let Some(group) = any_of.last_mut() {
                group.push(comparison);
            }
            match rest {
                [] => return Ok(Self { any_of }),
                [Token::And, tail @ ..] => rest = tail,
                [Token::Or, tail @ ..] => {
                    rest = tail;
                    any_of.push(Vec::new());
                }
                [other, ..] => return Err(fail(format!("expected `&&` or `||`, found {other:?}"))),
            }
        }
    }

    /// Every variable the condition reads, for checking them against the placeholders.
    pub fn variables(&self) -> impl Iterator<Item = &str> {
        self.any_of.iter().flatten().map(|c| c.variable.as_str())
    }

    /// Evaluates the condition; an unknown variable or a type mismatch is an error, never false.
    pub fn eval(&self, vars: &Vars) -> Result<bool, ConditionError> {
        let mut result = false;
        for group in &self.any_of {
            let mut all = true;
            for comparison in group {
                let value = vars.get(&comparison.variable).ok_or_else(|| {
                    ConditionError(format!("unknown variable `{}`", comparison.variable))
                })?;
                let same_type = matches!(
                    (value, &comparison.literal),
                    (VarValue::Bool(_), VarValue::Bool(_)) | (VarValue::Str(_), VarValue::Str(_))
                );
                if !same_type {
                    return Err(ConditionError(format!(
                        "`{}` is compared with a literal of another type",
                        comparison.variable
                    )));
                }
                all &= (value == &comparison.literal) == comparison.equal;
            }
            result |= all;
        }
        Ok(result)
    }
}

fn tokenize(source: &str) -> Result<Vec<Token>, ConditionError> {
    let mut tokens = Vec::new();
    let mut chars = source.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let two = |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, second: char| {
            chars.next_if(|(_, n)| *n == second).is_some()
        };
        let token = match c {
            c if c.is_whitespace() => continue,
            '=' if two(&mut chars, '=') => Token::Eq,
            '!' if two(&mut chars, '=') => Token::Ne,
            '&' if two(&mut chars, '&') => Token::And,
            '|' if two(&mut chars, '|') => Token::Or,
            '"' => {
                let mut text = String::new();
                loop {
                    match chars.next() {
                        Some((_, '"')) => break,
                        Some((_, '\\')) => {
                            return Err(ConditionError(format!(
                            "escapes are not supported in string literals in condition `{source}`"
                        )))
                        }
                        Some((_, ch)) => text.push(ch),
                        None => {
                            return Err(ConditionError(format!(
                                "unterminated string in condition `{source}`"
                            )))
                        }
                    }
                }
                Token::Literal(VarValue::Str(text))
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut word = String::from(c);
                while let Some((_, ch)) =
                    chars.next_if(|(_, n)| n.is_ascii_alphanumeric() || *n == '_')
                {
                    word.push(ch);
                }
                match word.as_str() {
                    "true" => Token::Literal(VarValue::Bool(true)),
                    "false" => Token::Literal(VarValue::Bool(false)),
                    _ => Token::Ident(word),
                }
            }
            other => {
                return Err(ConditionError(format!(
                    "unsupported `{other}` at byte {at} in condition `{source}`: connector-new \
                     understands only `name == literal` / `name != literal` joined by `&&` and `||`"
                )))
            }
        };
        tokens.push(token);
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vars {
        let mut vars = Vars::default();
        vars.insert("a", VarValue::Bool(true));
        vars.insert("b", VarValue::Bool(false));
        vars.insert("auth", VarValue::Str("basic".into()));
        vars
    }

    fn eval(source: &str) -> bool {
        Condition::parse(source).unwrap().eval(&vars()).unwrap()
    }

    #[test]
    fn single_comparisons() {
        assert!(eval("a == true"));
        assert!(!eval("a == false"));
        assert!(eval("b != true"));
        assert!(eval(r#"auth == "basic""#));
        assert!(!eval(r#"auth != "basic""#));
    }

    #[test]
    fn and_binds_tighter_than_or() {
        // Read as (b == true && a == true) || a == true.
        assert!(eval("b == true && a == true || a == true"));
        // Read as a == false || (a == true && b == false).
        assert!(eval("a == false || a == true && b == false"));
        assert!(!eval("a == false || a == true && b == true"));
        assert!(!eval("a == true && b == true"));
    }

    #[test]
    fn refuses_anything_outside_the_subset() {
        for source in [
            "a",
            "!a",
            "(a == true)",
            "a == true &&",
            "a = true",
            "a == b",
            "a == 1",
            "a & b",
            r#"auth == "x\"y""#,
            r#"auth == "open"#,
            "a == true b == true",
            "",
        ] {
            let err = Condition::parse(source).unwrap_err();
            assert!(err.to_string().contains("condition"), "{source}: {err}");
        }
    }

    #[test]
    fn unknown_variables_and_type_mismatches_are_errors() {
        let unknown = Condition::parse("c == true").unwrap();
        assert!(unknown
            .eval(&vars())
            .unwrap_err()
            .to_string()
            .contains("unknown variable `c`"));
        let mismatch = Condition::parse(r#"a == "true""#).unwrap();
        assert!(mismatch.eval(&vars()).is_err());
    }

    #[test]
    fn lists_its_variables() {
        let c = Condition::parse(r#"a == true && auth == "jwt" || b == false"#).unwrap();
        assert_eq!(c.variables().collect::<Vec<_>>(), ["a", "auth", "b"]);
    }
}
