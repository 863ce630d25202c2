//! The direct renderer of the template subset (src/subset.rs) must give exactly Tera's bytes,
//! for every template, every auth kind and a spread of capability sets, and must handle
//! every template (otherwise the fast path silently stops being used).

use connector_new::render::render;
use connector_new::subset;
use connector_new::template_config::TemplateConfig;
use connector_new::templates;
use connector_new::vars::Vars;
use connector_new::vocabulary::{AuthKind, Capability};

fn capability_sets() -> Vec<Vec<Capability>> {
    let all = Capability::ALL.to_vec();
    let mut sets = vec![vec![Capability::ValidateCredentials], all.clone()];
    // Each capability alone (with validate_credentials), and all but each one.
    for capability in &all[1..] {
        sets.push(vec![Capability::ValidateCredentials, *capability]);
        sets.push(all.iter().copied().filter(|c| c != capability).collect());
    }
    sets
}

#[test]
fn the_direct_renderer_matches_tera_on_every_template() {
    let config = TemplateConfig::embedded().unwrap();
    let mut tera = tera::Tera::default();
    tera.autoescape_on(Vec::new());
    connector_new::tera_filters::register(&mut tera);
    let mut compared = 0;
    for auth in AuthKind::ALL {
        for capabilities in capability_sets() {
            let vars = Vars::new("my_app", auth, &capabilities, "../sdk");
            let context = vars.to_tera_context();
            for (path, source) in templates::files().unwrap() {
                if config.is_verbatim(path) || config.is_ignored(path, &vars).unwrap() {
                    continue;
                }
                let direct = subset::render(source, &vars)
                    .unwrap_or_else(|| panic!("{} is outside the direct subset", path.display()));
                let by_tera = tera.render_str(source, &context).unwrap();
                assert_eq!(
                    direct,
                    by_tera,
                    "{} for {auth:?} {capabilities:?}",
                    path.display()
                );
                compared += 1;
            }
            // And the whole pipeline still renders.
            render(&config, &vars).unwrap();
        }
    }
    assert!(compared > 1000, "compared {compared} renders");
}
