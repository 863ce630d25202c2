//! One reader's terminal session through the tutorial: shell blocks run in order with the
//! working directory and exported variables carried from one to the next, files written and
//! edited where the session stands, and the sample app kept running in the background.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::edit;
use super::markdown::Block;
use crate::support::ChildGuard;

/// The port the page writes for the sample app. The runner starts the app on a free port
/// instead and puts that port wherever the page says `127.0.0.1:8765`.
const PAGE_PORT: &str = "8765";

/// How long the sample app may take to print its address.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// The most lines of a failed command's output a failure message repeats.
const SHOWN_LINES: usize = 200;

/// A session: where it stands, what it exported, what runs in the background.
pub struct Session {
    cwd: PathBuf,
    state: tempfile::TempDir,
    env: Vec<(String, String)>,
    address: Option<String>,
    background: Vec<ChildGuard>,
}

/// The outcome of one shell script: success, and both outputs.
struct Ran {
    ok: bool,
    stdout: String,
    stderr: String,
    /// The line of the script's body that failed, 1-based.
    failed_line: Option<usize>,
}

impl Session {
    /// A session standing in `cwd`, whose commands see `env` on top of this process's
    /// environment (less the `CARGO_*` variables of the enclosing `cargo test`).
    pub fn new(cwd: &Path, env: Vec<(String, String)>) -> Self {
        Self {
            cwd: cwd.to_owned(),
            state: tempfile::tempdir().unwrap_or_else(|e| panic!("a temp dir: {e}")),
            env,
            address: None,
            background: Vec::new(),
        }
    }

    /// Replays one block; `Err` says which line of the page failed and why.
    pub fn run(&mut self, block: &Block) -> Result<(), String> {
        let at = |offset: usize, message: String| format!("{}: {message}", block.line + offset);
        if let Some(path) = block.value("file") {
            return self.edit(block, path).map_err(|(line, m)| at(line, m));
        }
        match block.language() {
            "sh" if block.has("no-run") => Ok(()),
            "sh" if block.has("background") => self.background(block).map_err(|m| at(1, m)),
            "sh" => {
                let ran = self.shell(&self.substituted(&block.body));
                if ran.ok {
                    self.follow();
                    Ok(())
                } else {
                    let line = ran.failed_line.unwrap_or(1);
                    Err(at(line, format!("the command failed:\n{}", shown(&ran))))
                }
            }
            "console" => self.console(block),
            _ => Ok(()),
        }
    }

    /// The page's sample-app address replaced by the running app's.
    fn substituted(&self, text: &str) -> String {
        match &self.address {
            Some(address) => text.replace(&format!("127.0.0.1:{PAGE_PORT}"), address),
            None => text.to_owned(),
        }
    }

    fn edit(&self, block: &Block, path: &str) -> Result<(), (usize, String)> {
        let file = self.cwd.join(path);
        let body = self.substituted(&block.body);
        let edited = if block.has("replace") || block.has("add") || block.has("remove") {
            let source = std::fs::read_to_string(&file)
                .map_err(|e| (0, format!("cannot read {path} to edit it: {e}")))?;
            let result = if block.has("replace") {
                edit::replace(&source, &body)
            } else if block.has("add") {
                edit::add(&source, &body)
            } else {
                edit::remove(&source, &body)
            };
            result.map_err(|(line, message)| (line, format!("{path}: {message}")))?
        } else {
            body
        };
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| (0, format!("{path}: {e}")))?;
        }
        std::fs::write(&file, edited).map_err(|e| (0, format!("cannot write {path}: {e}")))
    }

    fn console(&mut self, block: &Block) -> Result<(), String> {
        let mut commands: Vec<(usize, String, String)> = Vec::new();
        for (index, line) in block.body.lines().enumerate() {
            match (line.strip_prefix("$ "), commands.last_mut()) {
                (Some(command), _) => commands.push((index + 1, command.to_owned(), String::new())),
                (None, Some((_, _, expected))) => {
                    expected.push_str(line);
                    expected.push('\n');
                }
                (None, None) => {
                    return Err(format!(
                        "{}: a console block starts with a `$ ` command",
                        block.line + index + 1
                    ))
                }
            }
        }
        for (offset, command, expected) in commands {
            let line = block.line + offset;
            let ran = self.shell(&self.substituted(&command));
            if !ran.ok {
                return Err(format!("{line}: `{command}` failed:\n{}", shown(&ran)));
            }
            self.follow();
            let expected = self.substituted(&expected);
            // A last line without its newline (curl's) reads the same on the page.
            let mut actual = ran.stdout.clone();
            if !actual.is_empty() && !actual.ends_with('\n') {
                actual.push('\n');
            }
            snapbox::Assert::new()
                .palette(snapbox::report::Palette::plain())
                .try_eq(
                    Some(&"stdout"),
                    snapbox::Data::text(actual),
                    snapbox::Data::text(expected),
                )
                .map_err(|error| {
                    format!(
                        "{line}: `{command}` printed something else than the page shows:\n\
                         {error}\nstderr:\n{}",
                        ran.stderr
                    )
                })?;
        }
        Ok(())
    }

    /// Starts the block's one command with `--port 0` and waits for its address.
    fn background(&mut self, block: &Block) -> Result<(), String> {
        let command = block.body.trim();
        let command = command.replace(&format!("--port {PAGE_PORT}"), "--port 0");
        let script = format!("{}\nexec {command}\n", self.prologue());
        let mut child = self
            .bash(&script)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("`{command}` did not start: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let mut guard = ChildGuard::new(child);
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let address = line
                    .split_whitespace()
                    .find_map(|word| word.strip_prefix("http://"))
                    .and_then(|rest| rest.split('/').next())
                    .map(str::to_owned);
                if let Some(address) = address {
                    let _ = tx.send(address);
                }
            }
        });
        match rx.recv_timeout(START_TIMEOUT) {
            Ok(address) => {
                self.address = Some(address);
                self.background.push(guard);
                Ok(())
            }
            Err(_) => {
                let state = match guard.try_wait() {
                    Some(status) => format!("exited ({status})"),
                    None => format!("printed no address within {START_TIMEOUT:?}"),
                };
                drop(guard);
                let mut errors = String::new();
                let _ = std::io::Read::read_to_string(&mut BufReader::new(stderr), &mut errors);
                Err(format!(
                    "`{command}` {state}; it should print `listening on http://...`. \
                     Its errors:\n{errors}"
                ))
            }
        }
    }

    /// Restores the exported variables and the directory of the previous block.
    fn prologue(&self) -> String {
        format!(
            "[ -f {env} ] && . {env} >/dev/null 2>&1\ncd {cwd}",
            env = quoted(&self.state.path().join("env")),
            cwd = quoted(&self.cwd),
        )
    }

    fn bash(&self, script: &str) -> Command {
        let mut command = Command::new("bash");
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy().into_owned();
            if key.starts_with("CARGO_") && key != "CARGO_HOME" {
                command.env_remove(&key);
            }
        }
        command
            .arg("-c")
            .arg(script)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null());
        command
    }

    /// Runs `body` as a script of the session; on success the session moves to where the
    /// script ended and keeps what it exported.
    fn shell(&self, body: &str) -> Ran {
        let dir = self.state.path();
        let (failed, cwd, env) = (dir.join("failed"), dir.join("cwd"), dir.join("env"));
        let _ = std::fs::remove_file(&failed);
        let prologue = self.prologue();
        let header = format!(
            "{prologue}\nset -eo pipefail\ntrap 'echo $LINENO > {}' ERR\n",
            quoted(&failed)
        );
        let offset = header.lines().count();
        let script = format!(
            "{header}{body}\nexport -p > {}\npwd > {}\n",
            quoted(&env),
            quoted(&cwd)
        );
        let output = self.bash(&script).output();
        let (ok, stdout, stderr) = match output {
            Ok(output) => (
                output.status.success(),
                String::from_utf8_lossy(&output.stdout).into_owned(),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            ),
            Err(error) => (false, String::new(), format!("bash did not run: {error}")),
        };
        let failed_line = std::fs::read_to_string(&failed)
            .ok()
            .and_then(|text| text.trim().parse::<usize>().ok())
            .map(|line| line.saturating_sub(offset).max(1));
        Ran {
            ok,
            stdout,
            stderr,
            failed_line,
        }
    }

    /// Moves the session to where the last successful script ended.
    fn follow(&mut self) {
        if let Ok(text) = std::fs::read_to_string(self.state.path().join("cwd")) {
            let cwd = PathBuf::from(text.trim_end_matches('\n'));
            if cwd.is_dir() {
                self.cwd = cwd;
            }
        }
    }
}

/// A path in single quotes for bash.
fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// The end of a failed command's output, stdout then stderr.
fn shown(ran: &Ran) -> String {
    let text = format!("{}{}", ran.stdout, ran.stderr);
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(SHOWN_LINES);
    lines[start..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tutorial::blocks;

    fn replay(page: &str) -> Result<PathBuf, String> {
        let dir = tempfile::tempdir().unwrap();
        let mut session = Session::new(dir.path(), Vec::new());
        for block in blocks(page).unwrap() {
            session.run(&block)?;
        }
        Ok(dir.keep())
    }

    #[test]
    fn a_failing_command_names_its_line_of_the_page() {
        let page = "# T\n\n```sh\nmkdir a && cd a\nexport X=1\n```\n\n```sh\ntest \"$X\" = 1\ntrue\nfalse\n```\n";
        let error = replay(page).unwrap_err();
        assert!(error.starts_with("11: the command failed"), "{error}");
    }

    #[test]
    fn directory_and_exports_carry_over_and_edits_land_there() {
        let page = "```sh\nmkdir -p w && cd w\nexport WHO=page\n```\n```rust file=x.rs\nfn a() {}\n```\n```rust file=x.rs add\nfn b() {}\n```\n```console\n$ cat x.rs; echo \"$WHO\"\nfn a() {}\n\nfn b() {}\npage\n```\n";
        let dir = replay(page).unwrap();
        assert!(dir.join("w/x.rs").is_file());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_edit_that_no_longer_fits_names_its_line_of_the_page() {
        let page = "```rust file=x.rs\nfn a() {}\n```\n\n```rust file=x.rs replace\nfn a() {}\n\nfn gone() {}\n```\n";
        assert_eq!(
            replay(page).unwrap_err(),
            "8: x.rs: there is no `gone` to replace"
        );
    }

    #[test]
    fn unexpected_output_names_the_command_line() {
        let page = "```console\n$ echo one\none\n$ echo two\nthree\n```\n";
        let error = replay(page).unwrap_err();
        assert!(
            error.starts_with("4: `echo two` printed something else"),
            "{error}"
        );
    }
}
