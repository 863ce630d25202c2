//! Terminal prompts (dialoguer), used only on a terminal and only for unanswered questions.
//!
//! An answered prompt stays on screen as `question: answer`, so a session's transcript shows
//! what was chosen. Ctrl-C at a prompt ends the run with a refusal; nothing is written.

use std::fmt;
use std::io::{self, IsTerminal};

use anyhow::Context as _;
use dialoguer::console::Term;
use dialoguer::theme::Theme;
use dialoguer::{Input, MultiSelect, Select};

use crate::answers::{Asker, Defaults, NoTerminal};
use crate::name::ConnectorName;
use crate::vocabulary::{ApiKind, AuthKind, Capability, PaginationKind};

/// Asks on the terminal.
#[derive(Debug, Default)]
pub struct Terminal;

/// The asker for this run: defaults with `--yes`, prompts on a terminal, errors otherwise.
pub fn asker(yes: bool) -> Box<dyn Asker> {
    if yes {
        Box::new(Defaults)
    } else if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        Box::new(Terminal)
    } else {
        Box::new(NoTerminal)
    }
}

/// Dialoguer's plain theme, except that an answer is reported by the choice's name alone (the
/// items are `name  description`) and a multi-select's report drops the key hint.
struct Answered;

/// The first word of an item: the choice's name.
fn name_of(item: &str) -> &str {
    item.split_whitespace().next().unwrap_or(item)
}

impl Theme for Answered {
    fn format_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        write!(f, "{prompt}: {}", name_of(sel))
    }

    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> fmt::Result {
        let label = prompt.split(" (").next().unwrap_or(prompt);
        let names: Vec<&str> = selections.iter().map(|s| name_of(s)).collect();
        if names.is_empty() {
            write!(f, "{label}: none")
        } else {
            write!(f, "{label}: {}", names.join(", "))
        }
    }
}

/// One choice among `all` (each shown with its description), starting at `default`.
fn select_one<T: Copy + PartialEq + fmt::Display>(
    what: &str,
    question: &str,
    all: &[T],
    default: T,
    describe: fn(T) -> &'static str,
) -> anyhow::Result<T> {
    let items: Vec<String> = all
        .iter()
        .map(|choice| format!("{:<26} {}", choice.to_string(), describe(*choice)))
        .collect();
    let start = all
        .iter()
        .position(|choice| *choice == default)
        .unwrap_or(0);
    // dialoguer adds its own `:` after the question.
    let index = ask(what, || {
        Select::with_theme(&Answered)
            .with_prompt(question.trim_end_matches('?'))
            .items(&items)
            .default(start)
            .interact()
    })?;
    all.get(index)
        .copied()
        .context("the prompt returned an unknown choice")
}

/// Runs one prompt, with Ctrl-C caught (see [`interrupt`]).
fn ask<T>(what: &str, prompt: impl FnOnce() -> dialoguer::Result<T>) -> anyhow::Result<T> {
    let result = {
        let _caught = interrupt::Catch::install();
        prompt()
    };
    result.map_err(|error| {
        // dialoguer hides the cursor while it draws and does not show it again on an error.
        let _shown = Term::stderr().show_cursor();
        anyhow::Error::new(io::Error::from(error)).context(format!("reading {what}"))
    })
}

/// Ctrl-C at a prompt. dialoguer reads keys in raw mode and raises SIGINT itself, which by
/// default kills the process silently with the cursor hidden; a Ctrl-C that lands just before
/// raw mode is on is a SIGINT from the terminal. Either way the run ends the same: cursor
/// shown, a refusal on stderr, exit 130 (128 + SIGINT, as shells report an interrupt), and
/// nothing written, since prompts come before any write.
#[cfg(unix)]
mod interrupt {
    const MESSAGE: &[u8] = b"\x1b[?25h\nerror: interrupted at a prompt; nothing was written\n\
help: run connector-new again to answer, or give the answers as flags \
(--api, --auth, --capabilities; --yes takes the defaults)\n";

    extern "C" fn interrupted(_signal: libc::c_int) {
        // SAFETY: write and _exit are async-signal-safe; MESSAGE is a static buffer.
        unsafe {
            libc::write(libc::STDERR_FILENO, MESSAGE.as_ptr().cast(), MESSAGE.len());
            libc::_exit(130);
        }
    }

    /// While alive, SIGINT ends the run as above; the previous disposition comes back on drop.
    pub(super) struct Catch {
        previous: libc::sigaction,
    }

    impl Catch {
        pub(super) fn install() -> Option<Self> {
            // SAFETY: sigaction with zeroed structures, an empty mask and a handler that only
            // calls async-signal-safe functions.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction =
                    interrupted as extern "C" fn(libc::c_int) as libc::sighandler_t;
                libc::sigemptyset(&mut action.sa_mask);
                let mut previous: libc::sigaction = std::mem::zeroed();
                (libc::sigaction(libc::SIGINT, &action, &mut previous) == 0)
                    .then_some(Catch { previous })
            }
        }
    }

    impl Drop for Catch {
        fn drop(&mut self) {
            // SAFETY: restores the disposition sigaction returned.
            unsafe {
                libc::sigaction(libc::SIGINT, &self.previous, std::ptr::null_mut());
            }
        }
    }
}

#[cfg(not(unix))]
mod interrupt {
    /// Elsewhere Ctrl-C keeps its default effect.
    pub(super) struct Catch;

    impl Catch {
        pub(super) fn install() -> Option<Self> {
            None
        }
    }
}

impl Asker for Terminal {
    fn name(&mut self) -> anyhow::Result<ConnectorName> {
        let raw: String = ask("the app name", || {
            Input::new()
                .with_prompt("App id (kebab-case, e.g. myapp)")
                .validate_with(|raw: &String| -> Result<(), String> {
                    ConnectorName::new(raw)
                        .map(|_| ())
                        .map_err(|r| format!("{} (help: {})", r.message(), r.help()))
                })
                .interact_text()
        })?;
        Ok(ConnectorName::new(&raw)?)
    }

    fn api(&mut self, question: &str, default: ApiKind) -> anyhow::Result<ApiKind> {
        select_one(
            "the API kind",
            question,
            &ApiKind::ALL,
            default,
            ApiKind::description,
        )
    }

    fn auth(&mut self, question: &str, default: AuthKind) -> anyhow::Result<AuthKind> {
        select_one(
            "the auth kind",
            question,
            &AuthKind::ALL,
            default,
            AuthKind::description,
        )
    }

    fn pagination(
        &mut self,
        question: &str,
        default: PaginationKind,
    ) -> anyhow::Result<PaginationKind> {
        select_one(
            "the pagination",
            question,
            &PaginationKind::ALL,
            default,
            PaginationKind::description,
        )
    }

    fn capabilities(
        &mut self,
        open: &[(Capability, bool)],
        _partly_answered: bool,
    ) -> anyhow::Result<Vec<Capability>> {
        let items: Vec<String> = open
            .iter()
            .map(|(c, _)| format!("{:<30} {}", c.as_str(), c.description()))
            .collect();
        let checked: Vec<bool> = open.iter().map(|(_, on)| *on).collect();
        let chosen = ask("the capabilities", || {
            MultiSelect::with_theme(&Answered)
                .with_prompt("Capabilities (space toggles, enter confirms; validate_credentials is always included)")
                .items(&items)
                .defaults(&checked)
                .interact()
        })?;
        Ok(chosen
            .into_iter()
            .filter_map(|i| open.get(i).map(|(c, _)| *c))
            .collect())
    }
}
