//! Judging replays and reporting the result per run.

use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::deviations::{self, Deviation, Observed};
use crate::normalize::{compare, Verdict};
use crate::replay::Outcome;

/// The result for one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Category {
    /// stdout byte-identical (after the upstream address substitution).
    Exact,
    /// Identical after the README's normalizations.
    Normalized,
    /// Listed in `KNOWN_DEVIATIONS`, and its check of our output passed.
    Deviation,
    /// Anything else: the test fails.
    Failed(String),
}

/// One judged run.
#[derive(Debug)]
pub struct Entry {
    /// The case name.
    pub case: String,
    /// The result.
    pub category: Category,
}

/// Judges an envelope run: exit code, upstream calls, stdout; or, for a known deviation,
/// its check.
pub fn judge(outcome: &Outcome) -> Entry {
    let vector = &outcome.vector;
    let verdict = stdout_verdict(outcome);
    let category = match deviations::find(&vector.case) {
        Some(deviation) => judge_deviation(deviation, &verdict, outcome),
        None if outcome.exit_code != vector.exit_code => Category::Failed(format!(
            "exit code {} instead of {}; stderr: {}",
            outcome.exit_code, vector.exit_code, outcome.stderr
        )),
        None => judge_match(verdict, outcome),
    };
    Entry {
        case: vector.case.clone(),
        category,
    }
}

/// Our stdout against the recording: the text with the README's normalizations, or, when the
/// recording keeps only a digest, its length and SHA-256 (no normalization applies then).
fn stdout_verdict(outcome: &Outcome) -> Verdict {
    let vector = &outcome.vector;
    let Some((length, sha256)) = &vector.stdout_digest else {
        return compare(&vector.case, &vector.stdout, &outcome.stdout);
    };
    let ours = (
        outcome.stdout.len(),
        format!("{:x}", Sha256::digest(outcome.stdout.as_bytes())),
    );
    if ours.0 == *length && ours.1 == *sha256 {
        Verdict::Exact
    } else {
        Verdict::Different {
            expected: format!("{length} bytes, SHA-256 {sha256}"),
            actual: format!("{} bytes, SHA-256 {}", ours.0, ours.1),
        }
    }
}

fn judge_match(verdict: Verdict, outcome: &Outcome) -> Category {
    if let Some(problem) = upstream_problem(outcome).or_else(|| leaked_secret(outcome)) {
        return Category::Failed(problem);
    }
    match verdict {
        Verdict::Exact => Category::Exact,
        Verdict::Normalized => Category::Normalized,
        Verdict::Different { expected, actual } => Category::Failed(format!(
            "stdout differs\n    expected: {expected}    actual:   {actual}"
        )),
    }
}

fn judge_deviation(deviation: &Deviation, verdict: &Verdict, outcome: &Outcome) -> Category {
    if !matches!(verdict, Verdict::Different { .. }) {
        return Category::Failed(format!(
            "listed in KNOWN_DEVIATIONS ({}) but now matches the recording: remove the entry",
            deviation.reason
        ));
    }
    let parse = |text: &str| serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
    let observed = Observed {
        case: &outcome.vector.case,
        exit_code: outcome.exit_code,
        stdout: &outcome.stdout,
        ours: parse(&outcome.stdout),
        recorded: parse(&outcome.vector.stdout),
    };
    let check = deviation.check;
    match catch_unwind(AssertUnwindSafe(|| check(&observed))) {
        Ok(()) => Category::Deviation,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Category::Failed(format!(
                "deviation check failed ({}): {message}\n    ours: {}",
                deviation.reason, outcome.stdout
            ))
        }
    }
}

/// The upstream must have seen exactly the calls the recording names (method and path; the
/// recording sometimes leaves out the query).
fn upstream_problem(outcome: &Outcome) -> Option<String> {
    let expected = outcome.vector.upstream_calls();
    let mut seen = outcome.requests.clone();
    if outcome.vector.capability() == Some("probe_integration") {
        // The probe reads the accounts twice (its associations check fetches them again,
        // in the reference too); the recording names each distinct call once.
        let mut first = Vec::new();
        seen.retain(|call| {
            let path = call.split('?').next().unwrap_or(call).to_owned();
            let new = !first.contains(&path);
            first.push(path);
            new
        });
    }
    let seen = &seen;
    let same = expected.len() == seen.len()
        && expected
            .iter()
            .zip(seen)
            .all(|(e, s)| s == e || (!e.contains('?') && s.split('?').next() == Some(e.as_str())));
    (!same).then(|| format!("upstream calls {seen:?}, recording says {expected:?}"))
}

/// Error messages must not repeat credential values from the envelope (quirk Q21: the
/// reference echoes the whole envelope in some `Invalid request - ...` messages).
fn leaked_secret(outcome: &Outcome) -> Option<String> {
    let envelope: Value = serde_json::from_str(outcome.vector.envelope()?).ok()?;
    let message = serde_json::from_str::<Value>(&outcome.stdout).ok()?["error"]["message"]
        .as_str()?
        .to_owned();
    let mut secrets = Vec::new();
    for key in ["auth", "credentials"] {
        collect_strings(&envelope[key], &mut secrets);
    }
    secrets
        .into_iter()
        // Short values (`u`, `p`) occur in ordinary text.
        .filter(|s| s.len() >= 4)
        .find(|secret| message.contains(secret.as_str()))
        .map(|secret| format!("the error message repeats the credential value {secret:?}"))
}

fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        // A credential's `id` is a declared name, not a secret; messages may name it.
        Value::Object(map) => map
            .iter()
            .filter(|(key, _)| *key != "id")
            .for_each(|(_, v)| collect_strings(v, out)),
        _ => {}
    }
}

/// Judges a CLI run: exit code, stdout, diagnostics, and the `--result-file-path` file.
pub fn judge_cli(outcome: &Outcome) -> Entry {
    let vector = &outcome.vector;
    if let Some(deviation) = deviations::find(&vector.case) {
        let verdict = stdout_verdict(outcome);
        return Entry {
            case: vector.case.clone(),
            category: judge_deviation(deviation, &verdict, outcome),
        };
    }
    let mut problems = Vec::new();
    if outcome.exit_code != vector.exit_code {
        problems.push(format!(
            "exit code {} instead of {}",
            outcome.exit_code, vector.exit_code
        ));
    }
    if vector.exit_code != 0 && outcome.stderr.trim().is_empty() {
        problems.push("a failing run must explain itself on stderr".to_owned());
    }
    let mut verdict = stdout_verdict(outcome);
    if let Some((path, expected)) = &vector.result_file {
        match &outcome.result_file {
            None => problems.push(format!("no result file {path}")),
            Some(bytes) if !bytes.starts_with(&[0x1f, 0x8b]) => {
                problems.push(format!("{path} is not gzip"));
            }
            Some(bytes) => {
                let mut text = String::new();
                flate2::read::GzDecoder::new(bytes.as_slice())
                    .read_to_string(&mut text)
                    .expect("decompress the result file");
                let file_verdict = compare(&vector.case, expected, &text);
                if let Verdict::Different { expected, actual } = &file_verdict {
                    problems.push(format!("{path} holds {actual}, expected {expected}"));
                }
                if verdict == Verdict::Exact {
                    verdict = file_verdict;
                }
            }
        }
    }
    if vector.result_file.is_none() && outcome.result_file.is_some() {
        problems.push("a result file was written, the recording has none".to_owned());
    }
    if let Verdict::Different { expected, actual } = &verdict {
        problems.push(format!("stdout {actual:?}, expected {expected:?}"));
    }
    if let Some(problem) = upstream_problem(outcome) {
        problems.push(problem);
    }
    let category = match (problems.is_empty(), verdict) {
        (false, _) => Category::Failed(problems.join("; ")),
        (true, Verdict::Exact) => Category::Exact,
        (true, _) => Category::Normalized,
    };
    Entry {
        case: vector.case.clone(),
        category,
    }
}

/// Collects entries, prints a summary and fails on any `Failed` entry.
pub struct Report {
    title: &'static str,
    entries: Vec<Entry>,
}

impl Report {
    /// An empty report.
    pub fn new(title: &'static str) -> Self {
        Self {
            title,
            entries: Vec::new(),
        }
    }

    /// Adds one judged run.
    pub fn record(&mut self, entry: Entry) {
        self.entries.push(entry);
    }

    /// Number of entries in `category` (compared by variant).
    pub fn count(&self, category: &Category) -> usize {
        self.entries
            .iter()
            .filter(|e| std::mem::discriminant(&e.category) == std::mem::discriminant(category))
            .count()
    }

    /// Prints the report and panics if any run failed.
    pub fn finish(self) {
        let failed: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| matches!(e.category, Category::Failed(_)))
            .collect();
        let mut text = format!(
            "{}: {} runs: {} exact, {} normalized, {} known deviations, {} failed\n",
            self.title,
            self.entries.len(),
            self.count(&Category::Exact),
            self.count(&Category::Normalized),
            self.count(&Category::Deviation),
            failed.len()
        );
        for entry in &self.entries {
            let label = match &entry.category {
                Category::Exact => "exact".to_owned(),
                Category::Normalized => "normalized".to_owned(),
                Category::Deviation => format!(
                    "deviation: {}",
                    deviations::find(&entry.case).map_or("", |d| d.reason)
                ),
                Category::Failed(_) => "FAILED".to_owned(),
            };
            text.push_str(&format!("  {:<60} {label}\n", entry.case));
        }
        eprintln!("{text}");
        if !failed.is_empty() {
            let details: Vec<String> = failed
                .iter()
                .map(|e| match &e.category {
                    Category::Failed(why) => format!("{}: {why}", e.case),
                    _ => String::new(),
                })
                .collect();
            panic!("{} runs failed:\n{}", failed.len(), details.join("\n"));
        }
    }
}
