//! `add capability NAME...`: the templates' version of the crate for the recorded answers,
//! before and after the capabilities join them.

use crate::refusal::Refusal;
use crate::vocabulary::Capability;

use super::super::target::GeneratedCrate;
use super::edit::Addition;

/// The addition of `names` to `krate`, or a refusal naming the first name that cannot be
/// added (unknown, already implemented, or not expressible by the crate's API kind).
pub fn addition(krate: &GeneratedCrate, names: &[String]) -> anyhow::Result<Addition> {
    let before = &krate.answers;
    let mut added = Vec::new();
    for name in names {
        let capability = Capability::parse(name)?;
        if before.capabilities.contains(&capability) {
            return Err(Refusal::new(
                format!(
                    "{}-connector already implements {capability}",
                    before.name.as_str()
                ),
                format!(
                    "leave {capability} out; `cargo run -q -- info` lists what the connector registers"
                ),
            )
            .into());
        }
        if !before.api.supports(capability) {
            return Err(Refusal::new(
                format!(
                    "an api = \"{}\" connector cannot implement {capability}: {}",
                    before.api,
                    before.api.why_not(capability)
                ),
                format!("leave {capability} out"),
            )
            .into());
        }
        if !added.contains(&capability) {
            added.push(capability);
        }
    }
    let mut after = before.clone();
    after.capabilities = Capability::ALL
        .into_iter()
        .filter(|c| before.capabilities.contains(c) || added.contains(c))
        .collect();
    Ok(Addition {
        kind: "capability",
        names: added.iter().map(|c| c.as_str().to_owned()).collect(),
        old: before.render()?,
        new: after.render()?,
        answers: Some(after),
    })
}
