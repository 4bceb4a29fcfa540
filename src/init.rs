//! The commented starter plan written by `ptba init`.

/// A small plan that passes `ptba check`, with every kind of entry explained.
pub fn starter_plan(year: i32, organization: &str) -> String {
    let org = toml_edit::Value::from(organization).to_string();
    let org = org.trim();
    TEMPLATE
        .replace("{YEAR}", &year.to_string())
        .replace("\"{ORG}\"", org)
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
