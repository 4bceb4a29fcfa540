//! Header names: built-in synonyms, group titles, funders and statuses.

use super::*;

/// Built-in header synonyms (folded, currency words removed).
pub(super) fn field_of(label: &str) -> Option<Field> {
    let f = strip_currency(&fold(label));
    let f = f.as_str();
    let starts = |p: &str| f == p || f.starts_with(&format!("{p} "));
    Some(match f {
        "code axe" | "n axe" | "no axe" | "code de l axe" | "axe n" | "num axe" => Field::AxisCode,
        "axe"
        | "axes"
        | "axe strategique"
        | "axes strategiques"
        | "intitule de l axe"
        | "intitule axe"
        | "libelle axe"
        | "programme"
        | "programmes"
        | "orientation strategique"
        | "pilier"
        | "domaine"
        | "domaines"
        | "composante"
        | "composantes"
        | "component"
        | "components"
        | "objectif strategique"
        | "objectifs strategiques"
        | "os"
        | "effet"
        | "effets"
        | "outcome"
        | "outcomes" => Field::Axis,
        "code action" | "n action" | "no action" | "code de l action" | "num action" => {
            Field::ActionCode
        }
        "action"
        | "actions"
        | "intitule de l action"
        | "intitule action"
        | "libelle action"
        | "actions prioritaires"
        | "action prioritaire"
        | "objectif specifique"
        | "objectifs specifiques"
        | "sous programme"
        | "resultat attendu"
        | "resultats attendus"
        | "sous composante"
        | "sous composantes"
        | "subcomponent"
        | "subcomponents"
        | "sub component"
        | "sub components"
        | "produit"
        | "produits"
        | "output"
        | "outputs" => Field::Action,
        "code" | "n" | "no" | "num" | "numero" | "ref" | "reference" | "code activite"
        | "n activite" | "code de l activite" | "n d ordre" | "ordre" => Field::Code,
        "activite"
        | "activites"
        | "intitule"
        | "intitule de l activite"
        | "intitule activite"
        | "intitule des activites"
        | "libelle"
        | "libelle de l activite"
        | "libelle activite"
        | "designation"
        | "description"
        | "description de l activite"
        | "activites prevues"
        | "activites programmees"
        | "taches"
        | "activity"
        | "activities"
        | "activity description"
        | "description of activities"
        | "description des activites"
        | "actions activites"
        | "taches activites"
        | "activites taches"
        | "title" => Field::Title,
        "responsable"
        | "responsables"
        | "structure responsable"
        | "structures responsables"
        | "responsable de mise en oeuvre"
        | "entite responsable"
        | "porteur"
        | "resp"
        | "responsable de l activite"
        | "service responsable"
        | "responsible"
        | "responsibility"
        | "lead"
        | "implementing agency"
        | "structure porteuse" => Field::Responsible,
        "partenaires"
        | "partenaire"
        | "structures associees"
        | "partenaires associes"
        | "acteurs associes"
        | "partenaires de mise en oeuvre"
        | "intervenants"
        | "partners" => Field::Partners,
        "debut" | "date debut" | "date de debut" | "start" => Field::Start,
        "fin" | "date fin" | "date de fin" | "echeance" | "end" => Field::End,
        "ponderation" | "poids" | "weight" => Field::Weight,
        "cout" | "cout total" | "montant" | "montant total" | "budget" | "budget total"
        | "cout estimatif" | "cout previsionnel" | "montant prevu" | "budget prevu" | "total"
        | "cout global" | "amount" | "total budget" | "total cost" | "cost" | "budget amount"
        | "cout total estime" => Field::Amount,
        "source"
        | "sources"
        | "source de financement"
        | "sources de financement"
        | "bailleur"
        | "bailleurs"
        | "financement"
        | "financements"
        | "source financement" => Field::Source,
        "quantite" | "qte" | "nombre" | "quantity" | "qty" | "nbre" => Field::Quantity,
        "cout unitaire" | "prix unitaire" | "pu" | "cu" | "unit cost" | "unit price"
        | "cout unit" => Field::UnitCost,
        "periode"
        | "periodes"
        | "periode d execution"
        | "periode de mise en oeuvre"
        | "periode de realisation"
        | "calendrier"
        | "chronogramme"
        | "delai"
        | "delais"
        | "period"
        | "timing"
        | "timeframe"
        | "calendrier d execution" => Field::Period,
        "categorie"
        | "nature"
        | "nature de la depense"
        | "rubrique"
        | "categorie de depense"
        | "ligne budgetaire"
        | "category" => Field::Category,
        "indicateur"
        | "indicateurs"
        | "indicateur de resultat"
        | "indicateurs de resultat"
        | "indicateurs de performance"
        | "indicator" => Field::Indicator,
        "unite" | "unite de mesure" | "unit" => Field::Unit,
        "valeur de reference" | "situation de reference" | "baseline" => Field::Baseline,
        "cible" | "valeur cible" | "cibles" | "target" => Field::Target,
        "observations" | "observation" | "commentaires" | "commentaire" | "remarques" => {
            Field::Ignore
        }
        _ => {
            let words: Vec<&str> = f.split(' ').collect();
            let has = |w: &str| words.contains(&w);
            let year = |w: &str| {
                w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1990..=2100).contains(&y))
            };
            if let Some(q) = quarter_of(f) {
                Field::Quarter(q)
            } else if starts("cout total") || starts("montant total") || starts("budget total") {
                Field::Amount
            } else if starts("cible") || starts("valeur cible") || starts("target") {
                Field::Target
            } else if (starts("budget") || starts("cout") || starts("montant"))
                && words.iter().skip(1).any(|w| year(w))
            {
                // "Budget 2024", "Budget révisé 2024": which is the budget
                // is settled over the whole header (see `budget_columns`).
                Field::Amount
            } else if (has("activite") || has("activites") || has("activity") || has("activities"))
                && ![
                    "indicateur",
                    "indicateurs",
                    "indicator",
                    "responsable",
                    "code",
                    "cout",
                    "montant",
                    "budget",
                    "date",
                    "debut",
                    "fin",
                    "cible",
                    "unite",
                    "n",
                    "no",
                    "nombre",
                    "nbre",
                    "taux",
                ]
                .iter()
                .any(|w| has(w))
            {
                // "Composante / Sous-composante / Activités", "Actions / Activités".
                Field::Title
            } else {
                return None;
            }
        }
    })
}

/// "T1", "Trim 1", "1er trimestre", "Trimestre 1", "Q1" → 1.
pub(super) fn quarter_of(f: &str) -> Option<u8> {
    let words: Vec<&str> = f.split(' ').collect();
    let num = |w: &str| match w {
        "1" | "1er" | "1ere" | "premier" | "i" => Some(1),
        "2" | "2e" | "2eme" | "2nd" | "deuxieme" | "ii" => Some(2),
        "3" | "3e" | "3eme" | "troisieme" | "iii" => Some(3),
        "4" | "4e" | "4eme" | "quatrieme" | "iv" => Some(4),
        _ => None,
    };
    match words.as_slice() {
        [w] => match *w {
            "t1" | "q1" | "trim1" => Some(1),
            "t2" | "q2" | "trim2" => Some(2),
            "t3" | "q3" | "trim3" => Some(3),
            "t4" | "q4" | "trim4" => Some(4),
            _ => None,
        },
        ["trimestre" | "trim" | "t" | "q", n] | [n, "trimestre" | "trim"] => num(n),
        _ => None,
    }
}

/// Drops currency words and units from a folded header: "cout total fcfa" → "cout total".
pub(super) fn strip_currency(f: &str) -> String {
    let drop = [
        "fcfa", "cfa", "f", "xof", "xaf", "en", "eur", "euros", "usd", "gnf", "ht", "ttc",
    ];
    // "en milliers de FCFA": the unit, not the field (see `scales`).
    let mut f = format!(" {f} ");
    for unit in [
        " en milliers de ",
        " en millions de ",
        " montants en ",
        " milliers de ",
        " millions de ",
        " milliers ",
        " millions ",
        " x 1 000 000 ",
        " x 1 000 ",
        " x 1000 ",
        " x1000 ",
        " en 000 ",
        " 000 ",
        " kfcfa ",
        " thousands ",
        " in ",
    ] {
        f = f.replace(unit, " ");
    }
    f.split(' ')
        .filter(|w| !w.is_empty())
        .filter(|w| !drop.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Group titles of a two-row header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Group {
    Schedule,
    Funding,
    Axis,
    Action,
    Activity,
    Indicator,
    Other,
}

pub(super) fn group_of(label: &str) -> Group {
    let f = strip_currency(&fold(label));
    let has = |w: &str| f.split(' ').any(|x| x == w);
    if has("chronogramme")
        || has("calendrier")
        || has("periode")
        || has("trimestres")
        || has("planning")
        || has("execution") && has("periode")
    {
        Group::Schedule
    } else if has("financement")
        || has("financements")
        || has("bailleurs")
        || has("bailleur")
        || has("sources")
        || has("source")
        || has("budget")
        || has("cout")
        || has("montant")
        || has("montants")
        || has("contributions")
        || has("repartition")
    {
        Group::Funding
    } else if has("indicateur") || has("indicateurs") {
        Group::Indicator
    } else if has("axe") || has("axes") || has("programme") {
        Group::Axis
    } else if has("action") || has("actions") {
        Group::Action
    } else if has("activite") || has("activites") {
        Group::Activity
    } else {
        Group::Other
    }
}

/// "Budget de l'État" → "ETAT", "UNICEF" → "UNICEF", "Banque mondiale" → "BANQUE_MONDIALE".
pub fn source_id(label: &str) -> String {
    let f = strip_currency(&fold(label));
    let words: Vec<&str> = f.split(' ').filter(|w| !w.is_empty()).collect();
    let has = |w: &str| words.contains(&w);
    if has("etat")
        || has("tresor")
        || has("gouvernement")
        || has("government")
        || has("govt")
        || f.contains("budget national")
        || f == "bn"
        || f == "bge"
    {
        return "ETAT".into();
    }
    if has("gap")
        || f.contains("a rechercher")
        || f.contains("a mobiliser")
        || f.contains("non acquis")
    {
        return "GAP".into();
    }
    let stop = [
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "et",
        "contribution",
        "financement",
        "montant",
        "apport",
        "part",
        "budget",
        "source",
    ];
    let kept: Vec<String> = words
        .iter()
        .filter(|w| !stop.contains(w))
        .map(|w| w.to_uppercase())
        .collect();
    let mut id = if kept.is_empty() {
        words
            .iter()
            .map(|w| w.to_uppercase())
            .collect::<Vec<_>>()
            .join("_")
    } else {
        kept.join("_")
    };
    id.retain(|c| c.is_alphanumeric() || c == '_');
    if id.chars().count() > 32 {
        id = id.chars().take(32).collect();
    }
    if id.is_empty() { "SOURCE".into() } else { id }
}

pub(super) fn status_of(label: &str) -> FundingStatus {
    let f = fold(label);
    if f.contains("rechercher")
        || f.contains("gap")
        || f.contains("mobiliser")
        || f.contains("non acquis")
        || f.contains("non finance")
    {
        FundingStatus::Unfunded
    } else if f.contains("promis") || f.contains("annonce") || f.contains("attendu") {
        FundingStatus::Pledged
    } else {
        FundingStatus::Secured
    }
}
