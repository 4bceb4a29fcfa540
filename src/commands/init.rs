//! `ptba init`: writes a commented starter plan.

use std::path::{Path, PathBuf};

use crate::cli::InitArgs;
use crate::error::Error;
use crate::i18n::Lang;
use crate::session::emit;
use crate::tr;

/// A small plan that passes `ptba check`, with every kind of entry explained
/// (in French).
pub fn starter_plan(year: i32, organization: &str) -> String {
    starter_plan_in(year, organization, crate::i18n::Lang::Fr)
}

/// The starter plan with its comments, titles and `lang` in `lang`.
pub fn starter_plan_in(year: i32, organization: &str, lang: crate::i18n::Lang) -> String {
    let org = toml_edit::Value::from(organization).to_string();
    let org = org.trim();
    lang.pick(TEMPLATE, TEMPLATE_EN)
        .replace("{YEAR}", &year.to_string())
        .replace("\"{ORG}\"", org)
}

const TEMPLATE_EN: &str = r#"# Annual work plan — ptba file
# Check:     ptba check <this file>
# Summary:   ptba summary <this file>
# Progress:  ptba record <this file> A1.1.1 --progress 40 --spent 500000 --source STATE
#
# The plan is a tree: strategic axes → actions → activities. Each entry has an
# identifier (`id`, 1 to 32 letters, digits, `.`, `-`, `_`) and refers to its
# parent. Amounts are exact: 12_500_000, "12 500 000" or "1250.50".

[plan]
title = "Annual work plan {YEAR}"
organization = "{ORG}"
year = {YEAR}
currency = "XOF"        # ISO 4217 code; XOF and XAF have no decimals
lang = "en"             # language of the reports: fr | en
# weighting = "budget"  # weighted physical rate: activities (default) | budget | weight
# budget_total = 20_000_000   # if given, must equal the sum of the lines

# Funding sources — status: secured, pledged, unfunded (still to be found).
[[source]]
id = "STATE"
name = "State budget"
status = "secured"

[[source]]
id = "PARTNER"
name = "Technical and financial partner"
status = "pledged"

[[source]]
id = "GAP"
name = "Funding still to be found"
status = "unfunded"

# Strategic axes
[[axis]]
id = "A1"
title = "Prevention"

[[axis]]
id = "A2"
title = "Coordination"

# Actions: each refers to its axis.
[[action]]
id = "A1.1"
axis = "A1"
title = "Raise awareness in communities"

[[action]]
id = "A2.1"
axis = "A2"
title = "Steer the implementation of the plan"

# Activities: each refers to its action. quarters = schedule (Q1..Q4).
[[activity]]
id = "A1.1.1"
action = "A1.1"
title = "Awareness campaigns in the regions"
responsible = "Prevention department"
partners = ["Local NGOs"]
quarters = [1, 2]
start = {YEAR}-02-01
end = {YEAR}-06-30
budget = [
  { source = "STATE", amount = 6_000_000, category = "Goods and services" },
  { source = "GAP", quantity = 4, unit_cost = 1_500_000 },   # 4 × 1 500 000
]

[[activity.indicator]]
name = "Campaigns held"
unit = "campaigns"
baseline = 0
target = 8

[[activity]]
id = "A2.1.1"
action = "A2.1"
title = "Annual review of the plan with the partners"
responsible = "Permanent secretariat"
quarters = [4]
budget = [
  { source = "PARTNER", amount = 8_000_000 },
]
"#;

const TEMPLATE: &str = r#"# Plan de travail budgétisé annuel — fichier ptba
# Vérifier :  ptba check <ce fichier>
# Synthèse :  ptba summary <ce fichier>
# Suivi :     ptba record <ce fichier> A1.1.1 --progress 40 --spent 500000 --source ETAT
#
# Le plan est un arbre : axes stratégiques → actions → activités. Chaque entrée
# a un identifiant (`id`, 1 à 32 lettres, chiffres, `.`, `-`, `_`) et renvoie à
# son parent. Les montants sont exacts : 12_500_000, "12 500 000" ou "1250.50".

[plan]
title = "Plan de travail annuel {YEAR}"
organization = "{ORG}"
year = {YEAR}
currency = "XOF"        # code ISO 4217 ; XOF et XAF n'ont pas de décimales
lang = "fr"             # langue des rapports : fr | en
# weighting = "budget"  # taux physique pondéré : activities (défaut) | budget | weight
# budget_total = 20_000_000   # si présent, doit égaler la somme des lignes

# Sources de financement — status : secured (acquis), pledged (promis),
# unfunded (à rechercher).
[[source]]
id = "ETAT"
name = "Budget de l'État"
status = "secured"

[[source]]
id = "PTF"
name = "Partenaire technique et financier"
status = "pledged"

[[source]]
id = "GAP"
name = "Financement à rechercher"
status = "unfunded"

# Axes stratégiques
[[axis]]
id = "A1"
title = "Prévention"

[[axis]]
id = "A2"
title = "Coordination"

# Actions : chacune renvoie à son axe.
[[action]]
id = "A1.1"
axis = "A1"
title = "Sensibiliser les communautés"

[[action]]
id = "A2.1"
axis = "A2"
title = "Piloter la mise en œuvre du plan"

# Activités : chacune renvoie à son action. quarters = chronogramme (T1..T4).
[[activity]]
id = "A1.1.1"
action = "A1.1"
title = "Campagnes de sensibilisation dans les régions"
responsible = "Direction de la prévention"
partners = ["ONG locales"]
quarters = [1, 2]
start = {YEAR}-02-01
end = {YEAR}-06-30
budget = [
  { source = "ETAT", amount = 6_000_000, category = "Biens et services" },
  { source = "GAP", quantity = 4, unit_cost = 1_500_000 },   # 4 × 1 500 000
]

[[activity.indicator]]
name = "Campagnes réalisées"
unit = "campagnes"
baseline = 0
target = 8

[[activity]]
id = "A2.1.1"
action = "A2.1"
title = "Revue annuelle du plan avec les partenaires"
responsible = "Secrétariat permanent"
quarters = [4]
budget = [
  { source = "PTF", amount = 8_000_000 },
]
"#;

pub fn run(args: &InitArgs, lang: Lang) -> Result<(), Error> {
    let (output, force, year, organization) = (
        args.output.as_deref(),
        args.force,
        args.year,
        args.organization.as_deref(),
    );
    let year = year.unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    if !(1900..=2200).contains(&year) {
        return Err(Error::Usage(tr!(
            lang,
            "--year {} : année invalide",
            "--year {}: invalid year",
            year
        )));
    }
    let path = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(format!("plan-{year}.toml")));
    let out = crate::fsutil::output(&path, &["toml"], &[], force, lang)?;
    let text = starter_plan_in(
        year,
        organization.unwrap_or(lang.pick("Mon organisation", "My organisation")),
        lang,
    );
    crate::fsutil::write_bytes(&out.path, text.as_bytes(), lang)?;
    emit(&tr!(
        lang,
        "Plan de départ écrit dans {} — vérifier avec : ptba check {}\n",
        "Starter plan written to {} — check it with: ptba check {}\n",
        path.display(),
        path.display()
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_starters_are_valid_plans_in_their_language() {
        use crate::i18n::Lang;
        for lang in [Lang::Fr, Lang::En] {
            let t = starter_plan_in(2025, "Org", lang);
            let (plan, diags) = crate::load::toml::parse_plan(&t, 0, Lang::Fr);
            assert!(diags.is_empty(), "{lang}: {diags:?}");
            assert_eq!(plan.lang, Some(lang));
        }
    }

    #[test]
    fn organization_is_escaped() {
        let t = starter_plan(2025, "Comité \"national\" d'O'");
        let (plan, diags) = crate::load::toml::parse_plan(&t, 0, crate::i18n::Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            plan.organization.as_deref(),
            Some("Comité \"national\" d'O'")
        );
        assert_eq!(plan.year, 2025);
    }
}
