//! `add entitlement-type ID --label TEXT [--resource-type ID]`: an entitlement type declared
//! in `src/enums.rs`, granted on a declared resource type or on the global resource.

use crate::refusal::Refusal;

use super::super::target::GeneratedCrate;
use super::edit::Addition;
use super::type_id::{self, ENUMS};

/// The addition of entitlement type `id` to `krate`.
pub fn addition(
    krate: &GeneratedCrate,
    id: &str,
    label: &str,
    resource_type: Option<&str>,
) -> anyhow::Result<Addition> {
    type_id::check(id, "entitlement type")?;
    type_id::check_label(label)?;
    let declared = type_id::declared(krate)?;
    if declared.iter().any(|c| c == id) {
        return Err(Refusal::new(
            format!("{ENUMS} already declares `{id}`"),
            "choose another id, or change the existing declaration by hand",
        )
        .into());
    }
    let on = match resource_type {
        None => "\"\"".to_owned(),
        Some(resource) => {
            type_id::check(resource, "resource type")?;
            if !declared.iter().any(|c| c == resource) {
                return Err(Refusal::new(
                    format!("{ENUMS} declares no resource type `{resource}`"),
                    format!(
                        "add it first: connector-new add resource-type {resource} --label \"...\"; or leave --resource-type out for the global resource"
                    ),
                )
                .into());
            }
            resource.to_owned()
        }
    };
    let on_what = resource_type.map_or("the global resource".to_owned(), |r| format!("a {r}"));
    let constant = format!(
        "/// Entitlement type id of a {label} (on {on_what}).\npub const {id}: &str = \"{id}\";"
    );
    let entry = format!("EntitlementType::new({id}, \"{label}\", {on})");
    let (old, new) = type_id::declare(krate, &constant, "entitlement_types", &entry)?;
    Ok(Addition {
        kind: "entitlement type",
        names: vec![id.to_owned()],
        old,
        new,
        answers: None,
    })
}
