//! Summaries, terminal tables, bars, the narrative paragraph, the dashboard, diff and rollover.

use super::Lang;
use crate::tr;

// ---- narrative ----

/// Narrative, first sentence: the as-of date of the figures.
pub fn narrative_as_of(lang: Lang, date: &str) -> String {
    tr!(lang, "Au {date}", "As of {date}")
}

/// Narrative, first sentence, when no progress was recorded.
pub fn narrative_no_record(lang: Lang) -> &'static str {
    lang.pick("Sans enregistrement de suivi", "With no progress recorded")
}

/// Narrative: after the undefined physical rate.
pub fn narrative_no_active_activity(lang: Lang) -> &'static str {
    lang.pick(
        "(aucune activité non abandonnée)",
        "(no activity left that is not cancelled)",
    )
}

/// Narrative: after the undefined financial rate.
pub fn narrative_zero_budget(lang: Lang) -> &'static str {
    lang.pick("(budget nul)", "(zero budget)")
}

/// Narrative, first sentence: the physical and financial rates.
pub fn narrative_rates(lang: Lang, when: &str, physical: &str, financial: &str) -> String {
    tr!(
        lang,
        "{when}, le taux d'exécution physique est de {physical} et le taux d'exécution financière de {financial}.",
        "{when}, the physical execution rate is {physical} and the financial execution rate {financial}."
    )
}

/// Narrative: the word joining the last two of a list ("A1, A2 et A3").
pub fn and(lang: Lang) -> &'static str {
    lang.pick("et", "and")
}

/// Narrative: one axis named, or several ("l'axe A1", "les axes A1 et A2").
pub fn narrative_axes(lang: Lang, count: usize, names: &str) -> String {
    if count == 1 {
        tr!(lang, "l'axe {names}", "axis {names}")
    } else {
        tr!(lang, "les axes {names}", "axes {names}")
    }
}

/// Narrative, when every axis with a physical rate has the same one.
pub fn narrative_axes_same_rate(lang: Lang, axes: usize, rate: &str) -> String {
    tr!(
        lang,
        "Les {axes} axes ont le même taux d'exécution physique ({rate}).",
        "The {axes} axes have the same physical execution rate ({rate})."
    )
}

/// Narrative: the axes with the highest and the lowest physical rate (`top`
/// names `top_count` axes).
pub fn narrative_axes_highest_lowest(
    lang: Lang,
    top: &str,
    top_count: usize,
    max: &str,
    bottom: &str,
    min: &str,
) -> String {
    let a = super::plural(Lang::Fr, top_count, "a", "ont");
    let has = super::plural(Lang::En, top_count, "has", "have");
    tr!(
        lang,
        "{top} {a} le taux d'exécution physique le plus élevé ({max}), {bottom} le plus bas ({min}).",
        "{top} {has} the highest physical execution rate ({max}), {bottom} the lowest ({min})."
    )
}

/// Narrative, when the plan is fully funded.
pub fn narrative_no_gap(lang: Lang) -> &'static str {
    lang.pick(
        "Aucun financement n'est à rechercher.",
        "No funding remains to be found.",
    )
}

/// Narrative: the funding still to be found and its share of the budget.
pub fn narrative_gap(lang: Lang, amount: &str, share: &str) -> String {
    tr!(
        lang,
        "Le financement à rechercher s'élève à {amount}, soit {share} du budget.",
        "Funding still to be found amounts to {amount}, {share} of the budget."
    )
}

/// Narrative and dashboard, when no activity is late.
pub fn no_late_activity(lang: Lang) -> &'static str {
    lang.pick(
        "Aucune activité n'est en retard sur le chronogramme.",
        "No activity is behind schedule.",
    )
}

/// Narrative: how many activities are late (one or more).
pub fn narrative_late(lang: Lang, n: usize) -> String {
    let (activites, est) = (
        super::count(Lang::Fr, n, "activité", "activités"),
        super::plural(Lang::Fr, n, "est", "sont"),
    );
    let (activities, is) = (
        super::count(Lang::En, n, "activity", "activities"),
        super::plural(Lang::En, n, "is", "are"),
    );
    tr!(
        lang,
        "{activites} {est} en retard sur le chronogramme.",
        "{activities} {is} behind schedule."
    )
}

/// Narrative: how many activities were cancelled (one or more); the
/// sentence goes on with [`narrative_set_apart`] or a full stop.
pub fn narrative_cancelled(lang: Lang, n: usize) -> String {
    let (activites, abandonnees, sortent) = (
        super::count(Lang::Fr, n, "activité", "activités"),
        super::plural(Lang::Fr, n, "a été abandonnée", "ont été abandonnées"),
        super::plural(Lang::Fr, n, "elle sort", "elles sortent"),
    );
    let (activities, cancelled, leave) = (
        super::count(Lang::En, n, "activity", "activities"),
        super::plural(Lang::En, n, "was cancelled", "were cancelled"),
        super::plural(Lang::En, n, "it leaves", "they leave"),
    );
    tr!(
        lang,
        "{activites} {abandonnees} : {sortent} des taux d'exécution physique et de réalisation",
        "{activities} {cancelled}: {leave} the physical execution and completion rates"
    )
}

/// Narrative: the budget of the cancelled activities set apart.
pub fn narrative_set_apart(lang: Lang, amount: &str) -> String {
    tr!(
        lang,
        ", et {amount} de budget sans aucune dépense ni engagement sont mis à part",
        ", and {amount} of budget with nothing spent or committed is set apart"
    )
}

// ---- rollover ----

/// Rollover draft, first line: what the draft is and where it comes from.
pub fn rollover_header(lang: Lang, year: i32, source: &str, old_year: i32) -> String {
    tr!(
        lang,
        "# Projet de plan {year} établi par `ptba rollover` depuis {source} ({old_year}).",
        "# Draft plan {year} made by `ptba rollover` from {source} ({old_year})."
    )
}

/// Rollover draft, second line: the activities carried over and left behind.
pub fn rollover_counts(lang: Lang, carried: usize, closed: usize) -> String {
    tr!(
        lang,
        "# Activités reprises : {carried} ; réalisées ou abandonnées, non reprises : {closed}.",
        "# Activities carried over: {carried}; done or cancelled, left behind: {closed}."
    )
}

/// Rollover draft, third line: the budget carried, and which budget.
pub fn rollover_budget(lang: Lang, amount: &str, full_budget: bool) -> String {
    let budget = if full_budget {
        lang.pick(
            "budget entier (--full-budget)",
            "whole budget (--full-budget)",
        )
    } else {
        lang.pick(
            "budget restant par source (budget − dépensé, jamais négatif)",
            "remaining budget per source (budget − spent, never negative)",
        )
    };
    tr!(
        lang,
        "# Budget repris : {budget} — {amount}.",
        "# Budget carried: {budget} — {amount}."
    )
}

/// Rollover draft, fourth line: what is left to do.
pub fn rollover_to_do(lang: Lang) -> &'static str {
    lang.pick(
        "# À faire : fixer les trimestres (quarters) et les dates, revoir budgets et cibles.",
        "# To do: set the quarters and dates, review budgets and targets.",
    )
}

/// Rollover draft: the comment above each carried activity.
pub fn rollover_carried(
    lang: Lang,
    source: &str,
    old_year: i32,
    id: &str,
    budget: &str,
    spent: &str,
    carried: &str,
) -> String {
    tr!(
        lang,
        "# Reprise de {source} ({old_year}), activité {id} : budget {budget}, dépensé {spent}, repris {carried}.",
        "# Carried over from {source} ({old_year}), activity {id}: budget {budget}, spent {spent}, carried {carried}."
    )
}

/// Rollover draft: spending without a source, not deducted.
pub fn rollover_unattributed(lang: Lang, amount: &str) -> String {
    tr!(
        lang,
        "# Dont {amount} dépensés sans source (non ventilés) : non déduits, la source n'étant pas connue — à répartir.",
        "# Of which {amount} spent without a source (unattributed): not deducted, the source being unknown — to apportion."
    )
}

/// Rollover draft: lines of one source merged into one.
pub fn rollover_merged(lang: Lang) -> &'static str {
    lang.pick(
        "# Plusieurs lignes d'une même source regroupées en une (catégories à reprendre).",
        "# Several lines of one source merged into one (categories to set again).",
    )
}

/// Rollover draft: heading of the activities left behind.
pub fn rollover_not_carried(lang: Lang, source: &str, old_year: i32) -> String {
    tr!(
        lang,
        "Non reprises de {source} ({old_year}) :",
        "Not carried over from {source} ({old_year}):"
    )
}

/// Rollover draft: one activity left behind.
pub fn rollover_closed(
    lang: Lang,
    id: &str,
    title: &str,
    status: &str,
    budget: &str,
    spent: &str,
) -> String {
    tr!(
        lang,
        "#   {id} « {title} » — {status} ; budget {budget}, dépensé {spent}",
        "#   {id} « {title} » — {status} ; budget {budget}, spent {spent}"
    )
}

// ---- dashboard ----

/// Dashboard: description of the execution chart.
pub fn dashboard_execution_chart(lang: Lang) -> &'static str {
    lang.pick(
        "Taux d'exécution physique et financière par axe",
        "Physical and financial execution rate by axis",
    )
}

/// Dashboard: description of the funding chart.
pub fn dashboard_funding_chart(lang: Lang) -> &'static str {
    lang.pick(
        "Budget par statut de financement et par axe",
        "Budget by funding status and axis",
    )
}

/// Dashboard: description of the late activities chart.
pub fn dashboard_late_chart(lang: Lang) -> &'static str {
    lang.pick(
        "Avancement des activités en retard et avancement attendu",
        "Progress of the late activities and expected progress",
    )
}

/// Dashboard: the first cell of a table's total row.
pub fn dashboard_total(lang: Lang) -> &'static str {
    lang.pick("Total", "Total")
}

/// Dashboard: heading of the execution section.
pub fn dashboard_execution_heading(lang: Lang) -> &'static str {
    lang.pick("Exécution par axe", "Execution by axis")
}

/// Dashboard: legend of the physical bars.
pub fn dashboard_physical(lang: Lang) -> &'static str {
    lang.pick("physique", "physical")
}

/// Dashboard: legend of the financial bars.
pub fn dashboard_financial(lang: Lang) -> &'static str {
    lang.pick("financière", "financial")
}

/// Dashboard: heading of the funding section.
pub fn dashboard_funding_heading(lang: Lang) -> &'static str {
    lang.pick(
        "Financement par axe : acquis, promis, à rechercher",
        "Funding by axis: secured, pledged, to be found",
    )
}

/// Dashboard: legend of the secured part, with its amount.
pub fn dashboard_secured(lang: Lang, amount: &str) -> String {
    tr!(lang, "acquis {amount}", "secured {amount}")
}

/// Dashboard: legend of the pledged part, with its amount.
pub fn dashboard_pledged(lang: Lang, amount: &str) -> String {
    tr!(lang, "promis {amount}", "pledged {amount}")
}

/// Dashboard: legend of the part to be found, with its amount.
pub fn dashboard_unfunded(lang: Lang, amount: &str) -> String {
    tr!(lang, "à rechercher {amount}", "to be found {amount}")
}

/// Dashboard: note under the funding chart.
pub fn dashboard_funding_note(lang: Lang) -> &'static str {
    lang.pick(
        "Parts du budget de chaque axe (hors budget mis à part des activités abandonnées sans dépense).",
        "Shares of each axis' budget (without the budget set apart of cancelled activities with no money spent).",
    )
}

/// Dashboard: heading of the late activities section.
pub fn dashboard_late_heading(lang: Lang) -> &'static str {
    lang.pick("Activités en retard", "Late activities")
}

/// Dashboard: legend of the progress bars of late activities.
pub fn dashboard_progress(lang: Lang) -> &'static str {
    lang.pick("avancement", "progress")
}

/// Dashboard: legend of the expected progress mark.
pub fn dashboard_expected_mark(lang: Lang) -> &'static str {
    lang.pick(
        "avancement attendu selon le chronogramme",
        "progress the schedule implies",
    )
}

/// Dashboard: note when the table shows only the most late activities.
pub fn dashboard_late_both_cut(lang: Lang, chart: usize, table: usize, n: usize) -> String {
    tr!(
        lang,
        "Le graphique montre les {chart} activités les plus en retard et le tableau les {table} plus en retard, sur {n} ; la liste complète : ptba list PLAN --late.",
        "The chart shows the {chart} activities most behind and the table the {table} most behind, out of {n}; the whole list: ptba list PLAN --late."
    )
}

/// Dashboard: note when the chart shows only the most late activities.
pub fn dashboard_late_chart_cut(lang: Lang, chart: usize, n: usize) -> String {
    tr!(
        lang,
        "Le graphique montre les {chart} activités les plus en retard sur {n} ; le tableau les liste toutes.",
        "The chart shows the {chart} activities most behind out of {n}; the table lists them all."
    )
}

/// Dashboard: header of the id column of late activities.
pub fn dashboard_id(lang: Lang) -> &'static str {
    lang.pick("Code", "Id")
}

/// Dashboard: header of the expected progress column.
pub fn dashboard_expected(lang: Lang) -> &'static str {
    lang.pick("Attendu", "Expected")
}

/// Dashboard: heading of the table by axis.
pub fn dashboard_by_axis(lang: Lang) -> &'static str {
    lang.pick("Par axe", "By axis")
}

/// Dashboard: heading of the table by source.
pub fn dashboard_by_source(lang: Lang) -> &'static str {
    lang.pick("Par source de financement", "By funding source")
}

// ---- diff ----
// The change sentences are written with French punctuation (" : ", « »)
// in both languages; `output::diff` turns it English for English.

/// Diff: a change sentence written with French punctuation, in the
/// punctuation of `lang` (English: "a: b", "a; b", quotes “ ”).
pub fn diff_punctuation(lang: Lang, sentence: String) -> String {
    match lang {
        Lang::Fr => sentence,
        Lang::En => sentence
            .replace(" : ", ": ")
            .replace(" ; ", "; ")
            .replace("« ", "\u{201c}")
            .replace(" »", "\u{201d}"),
    }
}

/// Diff: the kind of entry a change is about.
pub fn diff_level(lang: Lang, level: crate::diff::Level) -> &'static str {
    use crate::diff::Level;
    match level {
        Level::Source => lang.pick("source", "source"),
        Level::Axis => lang.pick("axe", "axis"),
        Level::Action => lang.pick("action", "action"),
        Level::Activity => lang.pick("activité", "activity"),
    }
}

/// Diff: a field of the plan itself that changed ("plan année : 2024 → 2025").
pub fn diff_plan_field(lang: Lang, field: crate::diff::PlanField) -> &'static str {
    use crate::diff::PlanField;
    match field {
        PlanField::Title => lang.pick("plan intitulé", "plan title"),
        PlanField::Organization => lang.pick("plan organisation", "plan organization"),
        PlanField::Year => lang.pick("plan année", "plan year"),
    }
}

/// Diff: the prefix of a quarter ("T1", "Q1").
pub fn quarter_prefix(lang: Lang) -> &'static str {
    lang.pick("T", "Q")
}

/// Diff: before the parent of an added or removed entry ("dans A1").
pub fn diff_in(lang: Lang) -> &'static str {
    lang.pick("dans", "in")
}

/// Diff: an entry with another title ("renommé" for an axis).
pub fn diff_retitled(lang: Lang, axis: bool) -> &'static str {
    match axis {
        true => lang.pick("renommé", "retitled"),
        false => lang.pick("renommée", "retitled"),
    }
}

/// Diff: an entry under another parent ("déplacé" for an axis).
pub fn diff_moved(lang: Lang, axis: bool) -> &'static str {
    match axis {
        true => lang.pick("déplacé", "moved"),
        false => lang.pick("déplacée", "moved"),
    }
}

/// Diff: an activity's budget from one source changed.
pub fn diff_budget(lang: Lang) -> &'static str {
    lang.pick("budget", "budget")
}

/// Diff: an activity's quarters, start or end changed.
pub fn diff_rescheduled(lang: Lang) -> &'static str {
    lang.pick("reprogrammée", "rescheduled")
}

/// Diff, rescheduled: the quarters before and after.
pub fn diff_quarters(lang: Lang) -> &'static str {
    lang.pick("trimestres", "quarters")
}

/// Diff, rescheduled: the start before and after.
pub fn diff_start(lang: Lang) -> &'static str {
    lang.pick("début", "start")
}

/// Diff, rescheduled: the end before and after.
pub fn diff_end(lang: Lang) -> &'static str {
    lang.pick("fin", "end")
}

/// Diff: the two versions are the same.
pub fn diff_no_change(lang: Lang) -> &'static str {
    lang.pick("aucune différence", "no change")
}

/// Diff, terminal: heading of the list of changes.
pub fn diff_changes(lang: Lang, n: usize) -> String {
    tr!(lang, "Changements ({n}) :", "Changes ({n}) :")
}

/// Diff: heading of the budget table by axis.
pub fn diff_budget_by_axis(lang: Lang) -> &'static str {
    lang.pick("Budget par axe", "Budget by axis")
}

/// Diff: heading of the budget table by source.
pub fn diff_budget_by_source(lang: Lang) -> &'static str {
    lang.pick("Budget par source", "Budget by source")
}

/// Diff: the columns of the budget tables.
pub fn diff_headers(lang: Lang) -> [&'static str; 5] {
    [
        "id",
        lang.pick("intitulé", "title"),
        lang.pick("avant", "before"),
        lang.pick("après", "after"),
        lang.pick("écart", "difference"),
    ]
}

/// Diff: the first cell of the budget tables' total row.
pub fn diff_total(lang: Lang) -> &'static str {
    lang.pick("Total", "Total")
}

/// Diff, terminal: what the last line checks.
pub fn diff_reconcile(lang: Lang) -> &'static str {
    lang.pick(
        "Total avant + écarts = total après",
        "Total before + differences = total after",
    )
}

// ---- summary ----

/// How dates are written in summaries, tables and sentences.
pub fn date_format(lang: Lang) -> &'static str {
    lang.pick("%d/%m/%Y", "%Y-%m-%d")
}

/// Summary headline: the physical rate and what the plans hold.
pub fn headline(lang: Lang, rate: &str, actions: usize, activities: usize) -> String {
    let actions = super::count(lang, actions, "action", "actions");
    let (activites, activities) = (
        super::count(Lang::Fr, activities, "activité", "activités"),
        super::count(Lang::En, activities, "activity", "activities"),
    );
    tr!(
        lang,
        "Taux d'exécution physique : {rate} — {actions} / {activites}",
        "Physical execution: {rate} — {actions} / {activities}"
    )
}

/// Summary headline, when activities were cancelled.
pub fn headline_cancelled(lang: Lang, n: usize) -> String {
    let abandonnees = super::plural(Lang::Fr, n, "abandonnée", "abandonnées");
    tr!(lang, ", dont {n} {abandonnees}", ", of which {n} cancelled")
}

/// The group of spending no source can be attributed to, in the bars and
/// the dashboard's tables.
pub fn unattributed(lang: Lang) -> &'static str {
    lang.pick("non ventilé", "unattributed")
}

/// Summary table: the short headers when the terminal is narrow (activities,
/// then the five rates).
pub fn short_headers(lang: Lang) -> [&'static str; 6] {
    [
        lang.pick("Act.", "Act."),
        lang.pick("Phys.", "Phys."),
        lang.pick("Réal.", "Compl."),
        lang.pick("Fin.", "Fin."),
        lang.pick("Eng.", "Comm."),
        lang.pick("Mob.", "Mob."),
    ]
}

/// Summary table: how many of a group's activities are cancelled ("ab.").
pub fn cancelled_short(lang: Lang) -> &'static str {
    lang.pick("ab.", "canc.")
}

/// Summary, under the table: budget, flows and funding.
pub fn money_lines(lang: Lang, m: [&str; 7]) -> String {
    let [
        budget,
        committed,
        spent,
        balance,
        secured,
        pledged,
        unfunded,
    ] = m;
    tr!(
        lang,
        "Budget : {budget} — engagé : {committed} — décaissé : {spent} — solde : {balance}\nFinancement : acquis {secured} — promis {pledged} — à rechercher {unfunded}",
        "Budget: {budget} — committed: {committed} — spent: {spent} — balance: {balance}\nFunding: secured {secured} — pledged {pledged} — unfunded {unfunded}"
    )
}

/// Summary, under the table: the cancelled activities and the budget set apart.
pub fn money_cancelled(lang: Lang, cancelled: usize, budget: &str, apart: usize) -> String {
    tr!(
        lang,
        "\nActivités abandonnées : {cancelled} — budget mis à part : {budget} ({apart} sans dépense ni engagement)",
        "\nCancelled activities: {cancelled} — budget set apart: {budget} ({apart} with nothing spent or committed)"
    )
}

/// Summary, under the table: cancelled activities on which money moved.
pub fn money_cancelled_kept(lang: Lang, kept: usize) -> String {
    let (abandonnees, gardees) = (
        super::plural(Lang::Fr, kept, "abandonnée", "abandonnées"),
        super::plural(Lang::Fr, kept, "gardée", "gardées"),
    );
    tr!(
        lang,
        "\n{kept} {abandonnees} avec dépenses ou engagements : {gardees} dans tous les montants, budget compris",
        "\n{kept} cancelled with money spent or committed: kept in every amount, budget included"
    )
}

// ---- terminal ----

/// Terminal table: between the entries of the legend of short headers.
pub fn legend_separator(lang: Lang) -> &'static str {
    lang.pick(" · ", " · ")
}

/// Terminal table: the columns left out on a narrow terminal.
pub fn columns_left_out(lang: Lang, columns: &str) -> String {
    tr!(
        lang,
        "Colonnes omises, faute de largeur : {columns} (terminal plus large, ou --format csv).",
        "Columns left out for lack of width: {columns} (a wider terminal, or --format csv)."
    )
}

// ---- bars ----

/// Bars: the title line, before the grouping.
pub fn bars_title(lang: Lang) -> &'static str {
    lang.pick("Exécution physique", "Physical execution")
}
