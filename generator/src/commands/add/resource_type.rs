//! `add resource-type ID --label TEXT`: a resource type declared in `src/enums.rs`.

use crate::refusal::Refusal;

use super::super::target::GeneratedCrate;
use super::edit::Addition;
use super::type_id::{self, ENUMS};

/// The addition of resource type `id` to `krate`.
pub fn addition(krate: &GeneratedCrate, id: &str, label: &str) -> anyhow::Result<Addition> {
    type_id::check(id, "resource type")?;
    type_id::check_label(label)?;
    if type_id::declared(krate)?.iter().any(|c| c == id) {
        return Err(Refusal::new(
            format!("{ENUMS} already declares `{id}`"),
            "choose another id, or change the existing declaration by hand",
        )
        .into());
    }
    let constant = format!("/// Resource type id of a {label}.\npub const {id}: &str = \"{id}\";");
    let entry = format!("ResourceType::new({id}, \"{label}\")");
    let (old, new) = type_id::declare(krate, &constant, "resource_types", &entry)?;
    Ok(Addition {
        kind: "resource type",
        names: vec![id.to_owned()],
        old,
        new,
        answers: None,
    })
}
