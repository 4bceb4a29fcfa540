//! The vocabulary of the other families of real workbooks (SPEC §7, round
//! 2): unit scales in every usual spelling, month names (French, English,
//! one letter), periods written as free text, funder names that stand as
//! column headers without a group title, and budget columns (initial,
//! revised). Pure functions of folded text, used by the hand-made reader.

use rust_decimal::Decimal;

use crate::text::fold;

/// The unit scale a title, note or header states: "(en milliers de FCFA)",
/// "(000 FCFA)", "KFCFA", "en millions", "x 1 000", "'000 USD"… → 1 000 or
/// 1 000 000 (or 10^9). `None` when the text states none.
pub fn scale_of(text: &str) -> Option<Decimal> {
    let f = fold(text);
    let words: Vec<&str> = f.split(' ').filter(|w| !w.is_empty()).collect();
    // "2 milliards", "1,2 millions de FCFA": an amount, not a unit.
    let counted = |w: &str| {
        words.iter().enumerate().any(|(i, x)| {
            *x == w
                && i > 0
                && words[i - 1].chars().all(|c| c.is_ascii_digit())
                && words[i - 1] != "000"
        })
    };
    let has = |w: &str| words.contains(&w) && !counted(w);
    let joined = format!(" {} ", words.join(" "));
    let thousand = Decimal::from(1000);
    let million = Decimal::from(1_000_000);
    let billion = Decimal::from(1_000_000_000);
    if has("milliards")
        || has("milliard")
        || has("billions")
        || joined.contains(" x 1 000 000 000 ")
    {
        return Some(billion);
    }
    if has("millions")
        || has("million")
        || has("mfcfa")
        || has("musd")
        || joined.contains(" x 1 000 000 ")
        || joined.contains(" x 1000000 ")
        || joined.contains(" 000 000 fcfa ")
    {
        return Some(million);
    }
    if has("milliers")
        || has("millier")
        || has("thousands")
        || has("kfcfa")
        || has("kf")
        || has("kusd")
        || has("keur")
        || has("kxof")
        || joined.contains(" x 1 000 ")
        || joined.contains(" x 1000 ")
        || joined.contains(" x1000 ")
        || joined.contains(" x1 000 ")
        || joined.contains(" en 000 ")
        || joined.contains(" k fcfa ")
        || joined.contains(" 000 fcfa ")
        || joined.contains(" 000 f cfa ")
        || joined.contains(" 000 usd ")
        || joined.contains(" 000 eur ")
        || joined.contains(" 000 xof ")
        || joined.contains(" 000 ")
            && (text.contains("(000") || text.contains("'000") || text.contains("’000"))
    {
        return Some(thousand);
    }
    None
}

/// Month names and abbreviations, French and English → 1..12. One-letter
/// names are read only as a run of twelve (see [`month_run`]).
pub fn month_of(f: &str) -> Option<u8> {
    Some(match f {
        "janvier" | "janv" | "jan" | "january" => 1,
        "fevrier" | "fevr" | "fev" | "february" | "feb" => 2,
        "mars" | "mar" | "march" => 3,
        "avril" | "avr" | "april" | "apr" => 4,
        "mai" | "may" => 5,
        "juin" | "june" | "jun" => 6,
        "juillet" | "juil" | "july" | "jul" => 7,
        "aout" | "august" | "aug" => 8,
        "septembre" | "sept" | "sep" | "september" => 9,
        "octobre" | "oct" | "october" => 10,
        "novembre" | "nov" | "november" => 11,
        "decembre" | "dec" | "december" => 12,
        _ => return None,
    })
}

/// Whether twelve folded labels, in order, are the months January..December
/// (full, abbreviated or one letter: "J F M A M J J A S O N D").
pub fn month_run(labels: &[String]) -> bool {
    const LETTERS: [&str; 12] = ["j", "f", "m", "a", "m", "j", "j", "a", "s", "o", "n", "d"];
    labels.len() == 12
        && labels
            .iter()
            .enumerate()
            .all(|(i, l)| month_of(l) == Some(i as u8 + 1) || l == LETTERS[i])
}

/// A period written as free text → its quarters: "T2-T3", "T2 à T4",
/// "S1", "2e semestre", "Continu", "Annuel", "Toute l'année", "Q1-Q2",
/// "Mars-Mai", "T1, T3". `None` when the text is not a period.
pub fn period_quarters(text: &str) -> Option<Vec<u8>> {
    let f = fold(text);
    let f = f.trim();
    if f.is_empty() {
        return None;
    }
    let all = vec![1, 2, 3, 4];
    match f {
        "continu"
        | "continue"
        | "permanent"
        | "permanente"
        | "annuel"
        | "annuelle"
        | "toute l annee"
        | "tout au long de l annee"
        | "en continu"
        | "annual"
        | "continuous"
        | "ongoing"
        | "all year"
        | "year round"
        | "t1 t4"
        | "q1 q4" => return Some(all),
        _ => {}
    }
    let words: Vec<&str> = f.split(' ').collect();
    // "S1", "S2", "1er semestre", "2e semestre", "H1".
    let semester = |w: &str| match w {
        "s1" | "h1" => Some([1u8, 2]),
        "s2" | "h2" => Some([3, 4]),
        _ => None,
    };
    let quarter = |w: &str| match w {
        "t1" | "q1" => Some(1u8),
        "t2" | "q2" => Some(2),
        "t3" | "q3" => Some(3),
        "t4" | "q4" => Some(4),
        _ => None,
    };
    match words.as_slice() {
        [n, "semestre"] | ["semestre", n] => {
            return match *n {
                "1" | "1er" | "premier" => Some(vec![1, 2]),
                "2" | "2e" | "2eme" | "second" | "deuxieme" => Some(vec![3, 4]),
                _ => None,
            };
        }
        _ => {}
    }
    let connectors = ["a", "au", "et", "to", "and", "du", "de"];
    let mut out: Vec<u8> = Vec::new();
    let mut range_from: Option<u8> = None;
    let mut pending_range = false;
    let mut months_seen = false;
    for w in &words {
        let qs: Vec<u8> = if let Some(s) = semester(w) {
            s.to_vec()
        } else if let Some(q) = quarter(w) {
            vec![q]
        } else if let Some(m) = month_of(w) {
            months_seen = true;
            vec![(m - 1) / 3 + 1]
        } else if connectors.contains(w) {
            // "T2 à T4": a range.
            if *w == "a" || *w == "au" || *w == "to" {
                pending_range = true;
            }
            continue;
        } else {
            return None;
        };
        if pending_range && let (Some(a), Some(&b)) = (range_from, qs.last()) {
            for q in a..=b {
                out.push(q);
            }
            pending_range = false;
        }
        range_from = qs.first().copied();
        out.extend(qs);
    }
    // "T2-T3" folds to "t2 t3": a dash between two quarters is a range too.
    if !months_seen
        && text.contains(['-', '–'])
        && out.len() == 2
        && let [a, b] = out[..]
        && a < b
    {
        out = (a..=b).collect();
    }
    if months_seen && text.contains(['-', '–']) && out.len() == 2 {
        let (a, b) = (out[0], out[1]);
        if a <= b {
            out = (a..=b).collect();
        }
    }
    out.sort_unstable();
    out.dedup();
    (!out.is_empty()).then_some(out)
}

/// Funder names that head a column on their own (no "Financement" title
/// above): "IFAD loan", "Government", "Beneficiaries", "IDA", "BAD"…
pub fn is_funder(label: &str) -> bool {
    let f = fold(label);
    let words: Vec<&str> = f.split(' ').collect();
    const FUNDERS: &[&str] = &[
        "ifad",
        "fida",
        "ida",
        "bird",
        "ibrd",
        "bad",
        "afdb",
        "afd",
        "bid",
        "bm",
        "unicef",
        "pnud",
        "undp",
        "unfpa",
        "oms",
        "who",
        "fao",
        "pam",
        "wfp",
        "usaid",
        "giz",
        "ue",
        "eu",
        "jica",
        "koica",
        "boad",
        "bidc",
        "beneficiaires",
        "beneficiaries",
        "gouvernement",
        "government",
        "govt",
        "contrepartie",
        "counterpart",
        "etat",
        "tresor",
        "ptf",
        "don",
        "pret",
        "loan",
        "grant",
        "cofinancement",
        "cofinancing",
    ];
    const NOT: &[&str] = &[
        "avancement",
        "execution",
        "realisation",
        "situation",
        "statut",
        "status",
        "niveau",
        "taux",
        "observation",
        "observations",
        "commentaire",
        "commentaires",
        "date",
        "indicateur",
        "progress",
    ];
    !words.iter().any(|w| NOT.contains(w)) && words.iter().any(|w| FUNDERS.contains(w))
        || f.contains("banque mondiale")
        || f.contains("world bank")
        || f.contains("fonds mondial")
        || f.contains("global fund")
}

/// What kind of budget a money header names, when a plan has several:
/// "Budget révisé 2024", "Revised budget" → revised; "Budget 2024",
/// "Budget initial", "Initial budget", "Budget approuvé" → initial.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetKind {
    Revised,
    Initial,
}

pub fn budget_kind(label: &str) -> Option<BudgetKind> {
    let f = fold(label);
    let words: Vec<&str> = f.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    let money = has("budget")
        || has("cout")
        || has("montant")
        || has("dotation")
        || has("credits")
        || has("allocation")
        || has("ptba")
        || has("pta");
    if !money {
        return None;
    }
    if has("revise") || has("revisee") || has("revised") || has("rectifie") || has("revision") {
        Some(BudgetKind::Revised)
    } else if has("initial")
        || has("initiale")
        || has("approuve")
        || has("adopte")
        || has("approved")
        || has("original")
        || words
            .iter()
            .any(|w| w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1990..=2100).contains(&y)))
    {
        Some(BudgetKind::Initial)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales() {
        let k = Some(Decimal::from(1000));
        let m = Some(Decimal::from(1_000_000));
        for t in [
            "(Montants en milliers de FCFA)",
            "Coût (000 FCFA)",
            "Coût total (KFCFA)",
            "Montant x 1 000 FCFA",
            "Budget (x 1000)",
            "Total cost ('000 USD)",
            "en milliers",
        ] {
            assert_eq!(scale_of(t), k, "{t}");
        }
        for t in [
            "Coût (en millions de FCFA)",
            "en millions",
            "Montant (x 1 000 000)",
        ] {
            assert_eq!(scale_of(t), m, "{t}");
        }
        for t in [
            "Coût total (FCFA)",
            "PTBA 2024",
            "Budget 2 000",
            "Montant",
            "Budget total : 2 milliards de FCFA",
            "dont 1,5 millions pour la riposte",
        ] {
            assert_eq!(scale_of(t), None, "{t}");
        }
    }

    #[test]
    fn months() {
        let letters: Vec<String> = "J F M A M J J A S O N D"
            .split(' ')
            .map(|s| s.to_lowercase())
            .collect();
        assert!(month_run(&letters));
        let en: Vec<String> = "jan feb mar apr may jun jul aug sep oct nov dec"
            .split(' ')
            .map(String::from)
            .collect();
        assert!(month_run(&en));
        let mut wrong = letters.clone();
        wrong.swap(0, 1);
        assert!(!month_run(&wrong));
    }

    #[test]
    fn periods() {
        let p = |t: &str| period_quarters(t);
        assert_eq!(p("T2-T3"), Some(vec![2, 3]));
        assert_eq!(p("T1-T4"), Some(vec![1, 2, 3, 4]));
        assert_eq!(p("T2 à T4"), Some(vec![2, 3, 4]));
        assert_eq!(p("T1, T3"), Some(vec![1, 3]));
        assert_eq!(p("S1"), Some(vec![1, 2]));
        assert_eq!(p("2e semestre"), Some(vec![3, 4]));
        assert_eq!(p("Continu"), Some(vec![1, 2, 3, 4]));
        assert_eq!(p("Annuel"), Some(vec![1, 2, 3, 4]));
        assert_eq!(p("Mars-Mai"), Some(vec![1, 2]));
        assert_eq!(p("Q4"), Some(vec![4]));
        assert_eq!(p("selon disponibilité"), None);
        assert_eq!(p(""), None);
    }

    #[test]
    fn budgets() {
        assert_eq!(budget_kind("Budget révisé 2024"), Some(BudgetKind::Revised));
        assert_eq!(budget_kind("Budget 2024"), Some(BudgetKind::Initial));
        assert_eq!(
            budget_kind("Revised budget (USD)"),
            Some(BudgetKind::Revised)
        );
        assert_eq!(budget_kind("Budget initial"), Some(BudgetKind::Initial));
        assert_eq!(budget_kind("Coût total"), None);
        assert!(is_funder("IFAD loan") && is_funder("Government") && is_funder("Banque mondiale"));
        assert!(!is_funder("Observations") && !is_funder("Responsable"));
        assert!(!is_funder("État d'avancement") && !is_funder("Taux d'exécution État"));
    }
}
