//! `ptba init`: writes a commented starter plan.

use std::path::{Path, PathBuf};

use crate::cli::InitArgs;
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::session::emit;

/// The starter plan with its comments, titles and `lang` in `lang`.
pub(crate) fn starter_plan(year: i32, organization: &str, lang: crate::i18n::Lang) -> String {
    let org = toml_edit::Value::from(organization).to_string();
    let org = org.trim();
    i18n::commands::starter_plan(lang)
        .replace("{YEAR}", &year.to_string())
        .replace("\"{ORG}\"", org)
}

pub fn run(args: &InitArgs, lang: Lang) -> Result<(), Error> {
    let (output, force, year, organization) = (
        args.output.as_deref(),
        args.force,
        args.year,
        args.organization.as_deref(),
    );
    let year = year.unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    if !(1900..=2200).contains(&year) {
        return Err(Error::Usage(i18n::commands::invalid_year(lang, year)));
    }
    let path = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(format!("plan-{year}.toml")));
    let out = crate::fsutil::output(&path, &["toml"], &[], force, lang)?;
    let text = starter_plan(
        year,
        organization.unwrap_or(i18n::commands::my_organisation(lang)),
        lang,
    );
    crate::fsutil::write_bytes(&out.path, text.as_bytes(), lang)?;
    emit(&i18n::commands::starter_written(lang, path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_starters_are_valid_plans_in_their_language() {
        use crate::i18n::Lang;
        for lang in [Lang::Fr, Lang::En] {
            let t = starter_plan(2025, "Org", lang);
            let (plan, diags) = crate::load::toml::parse_plan(&t, 0, Lang::Fr);
            assert!(diags.is_empty(), "{lang}: {diags:?}");
            assert_eq!(plan.lang, Some(lang));
        }
    }

    #[test]
    fn organization_is_escaped() {
        let t = starter_plan(2025, "Comité \"national\" d'O'", Lang::Fr);
        let (plan, diags) = crate::load::toml::parse_plan(&t, 0, crate::i18n::Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            plan.organization.as_deref(),
            Some("Comité \"national\" d'O'")
        );
        assert_eq!(plan.year, 2025);
    }
}
