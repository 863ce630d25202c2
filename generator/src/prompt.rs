//! Terminal prompts (dialoguer), used only on a terminal and only for unanswered questions.

use std::io::IsTerminal;

use anyhow::Context as _;
use dialoguer::{Input, MultiSelect, Select};

use crate::answers::{Asker, Defaults, NoTerminal};
use crate::name::ConnectorName;
use crate::vocabulary::{ApiKind, AuthKind, Capability};

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

impl Asker for Terminal {
    fn name(&mut self) -> anyhow::Result<ConnectorName> {
        let raw: String = Input::new()
            .with_prompt("App id (kebab-case, e.g. myapp)")
            .validate_with(|raw: &String| -> Result<(), String> {
                ConnectorName::new(raw)
                    .map(|_| ())
                    .map_err(|r| format!("{} (help: {})", r.message(), r.help()))
            })
            .interact_text()
            .context("reading the app name")?;
        Ok(ConnectorName::new(&raw)?)
    }

    fn api(&mut self, question: &str, default: ApiKind) -> anyhow::Result<ApiKind> {
        let items: Vec<String> = ApiKind::ALL
            .iter()
            .map(|a| format!("{:<26} {}", a.as_str(), a.description()))
            .collect();
        let start = ApiKind::ALL.iter().position(|a| *a == default).unwrap_or(0);
        // dialoguer adds its own `:` after the question.
        let index = Select::new()
            .with_prompt(question.trim_end_matches('?'))
            .report(false)
            .items(&items)
            .default(start)
            .interact()
            .context("reading the API kind")?;
        ApiKind::ALL
            .get(index)
            .copied()
            .context("the prompt returned an unknown choice")
    }

    fn auth(&mut self, question: &str, default: AuthKind) -> anyhow::Result<AuthKind> {
        let items: Vec<String> = AuthKind::ALL
            .iter()
            .map(|a| format!("{:<26} {}", a.as_str(), a.description()))
            .collect();
        let start = AuthKind::ALL
            .iter()
            .position(|a| *a == default)
            .unwrap_or(0);
        // dialoguer adds its own `:` after the question.
        let index = Select::new()
            .with_prompt(question.trim_end_matches('?'))
            .report(false)
            .items(&items)
            .default(start)
            .interact()
            .context("reading the auth kind")?;
        AuthKind::ALL
            .get(index)
            .copied()
            .context("the prompt returned an unknown choice")
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
        let chosen = MultiSelect::new()
            .with_prompt("Capabilities (space toggles, enter confirms; validate_credentials is always included)")
            .items(&items)
            .defaults(&checked)
            .report(false)
            .interact()
            .context("reading the capabilities")?;
        Ok(chosen
            .into_iter()
            .filter_map(|i| open.get(i).map(|(c, _)| *c))
            .collect())
    }
}
