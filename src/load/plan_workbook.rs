//! The plan workbook (docs/workbook-layout.md) into the model: sheets
//! `Plan`, `Sources`, `Axes`, `Actions`, `Activités`, `Budget`,
//! `Indicateurs`, `Suivi`. Every problem is a diagnostic at its cell.
//! Workbooks of another shape go to [`super::handmade`].

use std::collections::HashMap;

use rust_decimal::Decimal;
use toml::de::{DeTable, DeValue};

use super::book::{Book, Sheet};
use super::cells::{Header, Reading, is_mark};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::i18n::workbook::{self as w, Name};
use crate::layout::Columns;
use crate::layout::plan::{
    self as lay, ActionCol, ActivityCol, AxisCol, BudgetCol, IndicatorCol, PlanCol, ProgressCol,
    SourceCol,
};
use crate::model::*;
use crate::money::{self, Currency};
use crate::text::{fold, nearest};
use crate::tr;

/// "Did you mean" is looked for on the first unknown ids only: each costs a
/// pass over the plan.
pub const MAX_SUGGESTIONS: usize = 20;

/// The sheet of the layout named `name` in either language.
fn sheet(book: &Book, name: Name) -> Option<&Sheet> {
    book.sheet(&name.both())
}

/// The column of the header in either language.
fn col<C: Columns>(h: &Header, c: C) -> Option<u32> {
    h.col(&c.name().both())
}

/// The French headers of `cols`, as a missing-column message names them
/// ("Code / Axe").
fn french(cols: &[Name]) -> String {
    cols.iter().map(|n| n.fr).collect::<Vec<_>>().join(" / ")
}

/// Whether the workbook has the layout `ptba convert` writes: a `Sources`
/// sheet and an `Activités` sheet whose first row has `Code` and `Activité`.
pub fn is_plan_layout(book: &Book) -> bool {
    let Some(act) = sheet(book, lay::ACTIVITIES) else {
        return false;
    };
    sheet(book, lay::SOURCES).is_some()
        && Header::first_row(act).is_some_and(|h| {
            col(&h, ActivityCol::Id).is_some() && col(&h, ActivityCol::Title).is_some()
        })
}

/// Data rows below the header: (row, is blank).
fn data_rows<'a>(sheet: &'a Sheet, header: &Header) -> impl Iterator<Item = u32> + 'a {
    (header.row + 1..sheet.end_row()).filter(move |&r| {
        let (r0, _) = sheet.origin;
        sheet
            .rows
            .get((r - r0) as usize)
            .is_some_and(|row| row.iter().any(|v| !v.is_empty()))
    })
}

/// A table sheet read from its header row, with a warning for each header
/// it does not know (`extra`: headers known besides `known`).
fn table<'s, 'd>(
    s: &'s Sheet,
    file: FileId,
    lang: Lang,
    diags: &'d mut Vec<Diagnostic>,
    known: &[&str],
    extra: &dyn Fn(&str) -> bool,
) -> Option<(Reading<'s, 'd>, Header)> {
    let mut rd = Reading::new(s, file, lang, diags);
    let h = Header::first_row(s)?;
    unknown_headers(&mut rd, &h, known, extra);
    Some((rd, h))
}

/// Reports headers that are none of `known` (nor accepted by `extra`).
fn unknown_headers(
    rd: &mut Reading<'_, '_>,
    header: &Header,
    known: &[&str],
    extra: &dyn Fn(&str) -> bool,
) {
    let folded: Vec<String> = known.iter().map(|k| fold(k)).collect();
    for (h, col, shown) in &header.cols {
        if folded.contains(h) || extra(shown) {
            continue;
        }
        let lang = rd.lang;
        let mut d = Diagnostic::error(
            Code::UnknownKey,
            rd.loc(header.row, *col),
            tr!(
                lang,
                "colonne inconnue « {} » dans la feuille {}",
                "unknown column \"{}\" in sheet {}",
                shown,
                rd.name()
            ),
        );
        d.help = Some(match nearest(shown, known.iter().copied()) {
            Some(n) => tr!(
                lang,
                "vouliez-vous dire « {} » ?",
                "did you mean \"{}\"?",
                n
            ),
            None => tr!(
                lang,
                "colonnes connues : {}",
                "known columns: {}",
                known.join(", ")
            ),
        });
        rd.diags.push(d);
    }
}

fn missing_sheet(file: FileId, lang: Lang, name: &str, diags: &mut Vec<Diagnostic>) {
    diags.push(Diagnostic::error(
        Code::MissingKey,
        Loc::File(file),
        tr!(
            lang,
            "la feuille « {} » manque",
            "sheet \"{}\" is missing",
            name
        ),
    ));
}

fn missing_column(rd: &mut Reading<'_, '_>, header: &Header, name: &str) {
    let found: Vec<String> = header.cols.iter().map(|c| c.2.clone()).collect();
    let lang = rd.lang;
    let d = Diagnostic::error(
        Code::MissingKey,
        rd.loc(header.row, header.cols.first().map_or(0, |c| c.1)),
        tr!(
            lang,
            "la feuille {} n'a pas de colonne « {} » (colonnes trouvées : {})",
            "sheet {} has no \"{}\" column (columns found: {})",
            rd.name(),
            name,
            found.join(", ")
        ),
    );
    rd.diags.push(d);
}

/// Reads a plan workbook in the layout of docs/workbook-layout.md.
pub fn read_plan(book: &Book, file: FileId, lang: Lang, diags: &mut Vec<Diagnostic>) -> Plan {
    let mut plan = Plan {
        file,
        loc: Loc::File(file),
        ..Default::default()
    };
    match sheet(book, lay::PLAN) {
        Some(s) => plan_sheet(&mut plan, s, file, lang, diags),
        None => missing_sheet(file, lang, lay::PLAN.fr, diags),
    }
    if let Some(s) = sheet(book, lay::SOURCES) {
        sources_sheet(&mut plan, s, file, lang, diags);
    }
    let source_ids: Vec<String> = plan.sources.iter().map(|s| s.id.clone()).collect();
    if let Some(s) = sheet(book, lay::AXES) {
        axes_sheet(&mut plan, s, file, lang, diags);
    }
    if let Some(s) = sheet(book, lay::ACTIONS) {
        actions_sheet(&mut plan, s, file, lang, diags);
    }
    let has_budget = sheet(book, lay::BUDGET).is_some();
    let mut per_source: Vec<PerSource> = Vec::new();
    if let Some(s) = sheet(book, lay::ACTIVITIES) {
        per_source = activities_sheet(&mut plan, s, file, lang, diags, &source_ids, has_budget);
    }
    if let Some(s) = sheet(book, lay::BUDGET) {
        budget_sheet(&mut plan, s, file, lang, diags);
        // Each per-source cell of Activités must agree with the Budget sheet.
        for p in per_source {
            let Some(a) = plan.activities.get(p.activity) else {
                continue;
            };
            let sum: Decimal = a
                .budget
                .iter()
                .filter(|l| l.source == p.source)
                .map(BudgetLine::total)
                .sum();
            if sum != p.amount {
                let cur = plan.currency.clone();
                let d = Diagnostic::error(
                    Code::InvalidValue,
                    p.loc.clone(),
                    tr!(
                        lang,
                        "{} pour {} dans la feuille Activités, mais {} dans la feuille Budget (écart {}) : corriger l'une des deux",
                        "{} for {} in sheet Activities, but {} in sheet Budget (difference {}): fix one of them",
                        money::format_amount(p.amount, &cur, lang),
                        p.source,
                        money::format_amount(sum, &cur, lang),
                        money::format_amount(p.amount - sum, &cur, lang)
                    ),
                );
                diags.push(d);
            }
        }
    }
    if let Some(s) = sheet(book, lay::INDICATORS) {
        indicators_sheet(&mut plan, s, file, lang, diags);
    }
    plan
}

fn plan_sheet(plan: &mut Plan, s: &Sheet, file: FileId, lang: Lang, diags: &mut Vec<Diagnostic>) {
    let mut rd = Reading::new(s, file, lang, diags);
    let Some(h) = Header::first_row(s) else {
        missing_sheet(file, lang, lay::PLAN.fr, rd.diags);
        return;
    };
    let (Some(kc), Some(vc)) = (col(&h, PlanCol::Key), col(&h, PlanCol::Value)) else {
        missing_column(&mut rd, &h, &french(&[w::KEY, w::VALUE]));
        return;
    };
    let mut seen = (false, false);
    for r in data_rows(s, &h).collect::<Vec<_>>() {
        let Some(key) = rd.text(r, Some(kc)) else {
            continue;
        };
        let text = rd.text(r, Some(vc));
        let key_folded = fold(&key).replace(' ', "_");
        match key_folded.as_str() {
            "title" => {
                seen.0 = true;
                plan.title = text.unwrap_or_default();
            }
            "organization" => plan.organization = text,
            "year" => {
                seen.1 = true;
                match rd.number(r, Some(vc), true).and_then(|d| {
                    use rust_decimal::prelude::ToPrimitive;
                    d.to_i32()
                        .filter(|y| (1900..=2200).contains(y) && d.fract().is_zero())
                }) {
                    Some(y) => plan.year = y,
                    None => rd.error(
                        Code::InvalidValue,
                        r,
                        vc,
                        tr!(
                            lang,
                            "année invalide (attendu : 2024)",
                            "invalid year (expected 2024)"
                        ),
                    ),
                }
            }
            "currency" => {
                let c = text.unwrap_or_default().trim().to_ascii_uppercase();
                match money::minor_units(&c) {
                    Some(d) => {
                        plan.currency = Currency {
                            code: c,
                            decimals: d,
                        }
                    }
                    None => rd.error(
                        Code::UnknownCurrency,
                        r,
                        vc,
                        tr!(
                            lang,
                            "devise inconnue `{}` : un code ISO 4217 est attendu",
                            "unknown currency `{}`: an ISO 4217 code is expected",
                            c
                        ),
                    ),
                }
            }
            "lang" => match text.as_deref().and_then(Lang::parse) {
                Some(l) => plan.lang = Some(l),
                None => rd.error(
                    Code::InvalidValue,
                    r,
                    vc,
                    tr!(
                        lang,
                        "langue inconnue : fr ou en",
                        "unknown language: fr or en"
                    ),
                ),
            },
            "progress" => {
                plan.progress = text;
                plan.progress_loc = rd.loc(r, vc);
            }
            "budget_total" => {
                plan.budget_total = rd.number(r, Some(vc), false);
                plan.budget_total_loc = rd.loc(r, vc);
            }
            "weighting" => match text.as_deref().and_then(Weighting::parse) {
                Some(w) => plan.weighting = Some(w),
                None => rd.error(
                    Code::InvalidValue,
                    r,
                    vc,
                    tr!(
                        lang,
                        "pondération inconnue : activities, budget ou weight",
                        "unknown weighting: activities, budget or weight"
                    ),
                ),
            },
            _ => {
                let mut d = Diagnostic::error(
                    Code::UnknownKey,
                    rd.loc(r, kc),
                    tr!(lang, "clé inconnue `{}`", "unknown key `{}`", key),
                );
                if let Some(n) = nearest(&key, super::toml::PLAN_KEYS.iter().copied()) {
                    d.help = Some(tr!(
                        lang,
                        "vouliez-vous dire `{}` ?",
                        "did you mean `{}`?",
                        n
                    ));
                }
                rd.diags.push(d);
            }
        }
    }
    for (ok, key) in [(seen.0, "title"), (seen.1, "year")] {
        if !ok {
            let d = Diagnostic::error(
                Code::MissingKey,
                rd.loc(h.row, kc),
                tr!(
                    lang,
                    "feuille Plan : la clé `{}` est obligatoire",
                    "sheet Plan: key `{}` is required",
                    key
                ),
            );
            rd.diags.push(d);
        }
    }
}

fn sources_sheet(
    plan: &mut Plan,
    s: &Sheet,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    let known = SourceCol::known();
    let Some((mut rd, h)) = table(s, file, lang, diags, &known, &|_| false) else {
        return;
    };
    let Some(idc) = col(&h, SourceCol::Id) else {
        missing_column(&mut rd, &h, w::ID.fr);
        return;
    };
    let (nc, sc) = (col(&h, SourceCol::Name), col(&h, SourceCol::Status));
    for r in data_rows(s, &h).collect::<Vec<_>>() {
        let mut src = Source {
            id: rd.text(r, Some(idc)).unwrap_or_default(),
            name: rd.text(r, nc).unwrap_or_default(),
            loc: rd.loc(r, idc),
            ..Default::default()
        };
        if let (Some(c), Some(t)) = (sc, rd.text(r, sc)) {
            match FundingStatus::parse(&t) {
                Some(st) => src.status = st,
                None => rd.error(
                    Code::InvalidValue,
                    r,
                    c,
                    tr!(
                        lang,
                        "statut de financement inconnu « {} » : acquis, promis ou à rechercher",
                        "unknown funding status \"{}\": secured, pledged or unfunded",
                        t
                    ),
                ),
            }
        }
        plan.sources.push(src);
    }
}

fn axes_sheet(plan: &mut Plan, s: &Sheet, file: FileId, lang: Lang, diags: &mut Vec<Diagnostic>) {
    let known = AxisCol::known();
    let Some((mut rd, h)) = table(s, file, lang, diags, &known, &|_| false) else {
        return;
    };
    let Some(idc) = col(&h, AxisCol::Id) else {
        missing_column(&mut rd, &h, w::ID.fr);
        return;
    };
    let tc = col(&h, AxisCol::Title);
    for r in data_rows(s, &h).collect::<Vec<_>>() {
        plan.axes.push(Axis {
            id: rd.text(r, Some(idc)).unwrap_or_default(),
            title: rd.text(r, tc).unwrap_or_default(),
            loc: rd.loc(r, idc),
            ..Default::default()
        });
    }
}

fn actions_sheet(
    plan: &mut Plan,
    s: &Sheet,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    let known = ActionCol::known();
    let Some((mut rd, h)) = table(s, file, lang, diags, &known, &|_| false) else {
        return;
    };
    let (Some(idc), Some(ac)) = (col(&h, ActionCol::Id), col(&h, ActionCol::Axis)) else {
        missing_column(&mut rd, &h, &french(&[w::ID, w::AXIS]));
        return;
    };
    let tc = col(&h, ActionCol::Title);
    for r in data_rows(s, &h).collect::<Vec<_>>() {
        plan.actions.push(Action {
            id: rd.text(r, Some(idc)).unwrap_or_default(),
            axis: rd.text(r, Some(ac)).unwrap_or_default(),
            axis_loc: rd.loc(r, ac),
            title: rd.text(r, tc).unwrap_or_default(),
            loc: rd.loc(r, idc),
            ..Default::default()
        });
    }
}

/// A per-source cell of `Activités`, to compare with the `Budget` sheet.
struct PerSource {
    activity: usize,
    source: String,
    amount: Decimal,
    loc: Loc,
}

fn activities_sheet(
    plan: &mut Plan,
    s: &Sheet,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
    source_ids: &[String],
    has_budget: bool,
) -> Vec<PerSource> {
    let mut out = Vec::new();
    let is_source = |name: &str| source_ids.iter().any(|id| id == name.trim());
    let known = ActivityCol::known_by_language();
    let Some((mut rd, h)) = table(s, file, lang, diags, &known, &is_source) else {
        return out;
    };
    rd.currency = Some(plan.currency.clone());
    let (Some(idc), Some(ac)) = (col(&h, ActivityCol::Id), col(&h, ActivityCol::ActionId)) else {
        missing_column(&mut rd, &h, &french(&[w::ID, w::ACTION_ID]));
        return out;
    };
    let c = |x: ActivityCol| col(&h, x);
    let (axc, axt, act) = (
        c(ActivityCol::AxisId),
        c(ActivityCol::Axis),
        c(ActivityCol::Action),
    );
    let tc = c(ActivityCol::Title);
    let (rc, pc) = (c(ActivityCol::Responsible), c(ActivityCol::Partners));
    let qcols: Vec<Option<u32>> = ActivityCol::QUARTERS.iter().map(|&q| c(q)).collect();
    let (sc, ec, wc) = (
        c(ActivityCol::Start),
        c(ActivityCol::End),
        c(ActivityCol::Weight),
    );
    let src_cols: Vec<(String, u32)> = h
        .cols
        .iter()
        .filter(|(_, _, shown)| is_source(shown))
        .map(|(_, col, shown)| (shown.trim().to_string(), *col))
        .collect();
    let make_axes = plan.axes.is_empty();
    let make_actions = plan.actions.is_empty();
    let mut seen_axes: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut seen_actions: std::collections::HashSet<String> = std::collections::HashSet::new();
    for r in data_rows(s, &h).collect::<Vec<_>>() {
        let action = rd.text(r, Some(ac)).unwrap_or_default();
        if make_axes && let Some(axis_id) = rd.text(r, axc) {
            if seen_axes.insert(axis_id.clone()) {
                plan.axes.push(Axis {
                    id: axis_id.clone(),
                    title: rd.text(r, axt).unwrap_or_default(),
                    loc: rd.loc(r, axc.unwrap_or(0)),
                    ..Default::default()
                });
            }
            if make_actions && !action.is_empty() && seen_actions.insert(action.clone()) {
                plan.actions.push(Action {
                    id: action.clone(),
                    axis: axis_id,
                    axis_loc: rd.loc(r, axc.unwrap_or(0)),
                    title: rd.text(r, act).unwrap_or_default(),
                    loc: rd.loc(r, ac),
                    ..Default::default()
                });
            }
        }
        let mut a = Activity {
            id: rd.text(r, Some(idc)).unwrap_or_default(),
            action,
            action_loc: rd.loc(r, ac),
            title: rd.text(r, tc).unwrap_or_default(),
            responsible: rd.text(r, rc),
            partners: rd
                .text(r, pc)
                .map(|p| {
                    p.split([';', '\n'])
                        .map(|x| x.trim().to_string())
                        .filter(|x| !x.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            quarters: (1..=4u8)
                .filter(|&q| qcols[q as usize - 1].is_some_and(|col| is_mark(rd.get(r, col))))
                .collect(),
            quarters_loc: rd.loc(r, qcols[0].unwrap_or(idc)),
            start: rd.date(r, sc),
            start_loc: rd.loc(r, sc.unwrap_or(idc)),
            end: rd.date(r, ec),
            end_loc: rd.loc(r, ec.unwrap_or(idc)),
            weight: rd.number(r, wc, false),
            loc: rd.loc(r, idc),
            ..Default::default()
        };
        for (src, col) in &src_cols {
            let Some(amount) = rd.number(r, Some(*col), false) else {
                continue;
            };
            if has_budget {
                out.push(PerSource {
                    activity: plan.activities.len(),
                    source: src.clone(),
                    amount,
                    loc: rd.loc(r, *col),
                });
            } else {
                a.budget.push(BudgetLine {
                    source: src.clone(),
                    source_loc: rd.loc(h.row, *col),
                    amount: Some(amount),
                    loc: rd.loc(r, *col),
                    ..Default::default()
                });
            }
        }
        plan.activities.push(a);
    }
    out
}

fn budget_sheet(plan: &mut Plan, s: &Sheet, file: FileId, lang: Lang, diags: &mut Vec<Diagnostic>) {
    let known = BudgetCol::known();
    let Some((mut rd, h)) = table(s, file, lang, diags, &known, &|_| false) else {
        return;
    };
    rd.currency = Some(plan.currency.clone());
    let (Some(ac), Some(sc)) = (col(&h, BudgetCol::Activity), col(&h, BudgetCol::Source)) else {
        missing_column(&mut rd, &h, &french(&[w::ACTIVITY, w::SOURCE]));
        return;
    };
    let (mc, qc, uc, cc) = (
        col(&h, BudgetCol::Amount),
        col(&h, BudgetCol::Quantity),
        col(&h, BudgetCol::UnitCost),
        col(&h, BudgetCol::Category),
    );
    let ic = col(&h, BudgetCol::Initial);
    let index: HashMap<String, usize> = plan
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    let mut unknown = 0;
    for r in data_rows(s, &h).collect::<Vec<_>>() {
        let id = rd.text(r, Some(ac)).unwrap_or_default();
        let line = BudgetLine {
            source: rd.text(r, Some(sc)).unwrap_or_default(),
            source_loc: rd.loc(r, sc),
            amount: rd.number(r, mc, false),
            quantity: rd.number(r, qc, false),
            unit_cost: rd.number(r, uc, false),
            category: rd.text(r, cc),
            initial: rd.number(r, ic, false),
            loc: rd.loc(r, mc.unwrap_or(ac)),
        };
        match index.get(&id) {
            Some(&i) => plan.activities[i].budget.push(line),
            None => {
                let mut d = Diagnostic::error(
                    Code::UnknownActivity,
                    rd.loc(r, ac),
                    tr!(
                        lang,
                        "ligne budgétaire d'une activité inconnue `{}`",
                        "budget line of an unknown activity `{}`",
                        id
                    ),
                );
                unknown += 1;
                if unknown <= MAX_SUGGESTIONS
                    && let Some(n) = nearest(&id, plan.activities.iter().map(|a| a.id.as_str()))
                {
                    d.help = Some(tr!(
                        lang,
                        "vouliez-vous dire `{}` ?",
                        "did you mean `{}`?",
                        n
                    ));
                }
                rd.diags.push(d);
            }
        }
    }
}

fn indicators_sheet(
    plan: &mut Plan,
    s: &Sheet,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    let known = IndicatorCol::known();
    let Some((mut rd, h)) = table(s, file, lang, diags, &known, &|_| false) else {
        return;
    };
    let (Some(lc), Some(idc), Some(nc)) = (
        col(&h, IndicatorCol::Level),
        col(&h, IndicatorCol::Id),
        col(&h, IndicatorCol::Name),
    ) else {
        missing_column(&mut rd, &h, &french(&[w::LEVEL, w::ID, w::INDICATOR]));
        return;
    };
    let (uc, bc, tc) = (
        col(&h, IndicatorCol::Unit),
        col(&h, IndicatorCol::Baseline),
        col(&h, IndicatorCol::Target),
    );
    let index = |ids: Vec<&str>| -> HashMap<String, usize> {
        ids.into_iter()
            .enumerate()
            .map(|(i, id)| (id.to_string(), i))
            .collect()
    };
    let axes = index(plan.axes.iter().map(|a| a.id.as_str()).collect());
    let actions = index(plan.actions.iter().map(|a| a.id.as_str()).collect());
    let activities = index(plan.activities.iter().map(|a| a.id.as_str()).collect());
    for r in data_rows(s, &h).collect::<Vec<_>>() {
        let level = fold(&rd.text(r, Some(lc)).unwrap_or_default());
        let id = rd.text(r, Some(idc)).unwrap_or_default();
        let target = rd.number(r, tc, true);
        if target.is_none() && rd.text(r, tc).is_none() {
            rd.error(
                Code::MissingKey,
                r,
                tc.unwrap_or(nc),
                tr!(lang, "indicateur sans cible", "indicator without a target"),
            );
        }
        let ind = Indicator {
            name: rd.text(r, Some(nc)).unwrap_or_default(),
            unit: rd.text(r, uc),
            baseline: rd.number(r, bc, true),
            target: target.unwrap_or_default(),
            loc: rd.loc(r, nc),
        };
        let list = match level.as_str() {
            "axe" | "axis" => axes.get(&id).map(|&i| &mut plan.axes[i].indicators),
            "action" => actions.get(&id).map(|&i| &mut plan.actions[i].indicators),
            "activite" | "activity" => activities
                .get(&id)
                .map(|&i| &mut plan.activities[i].indicators),
            _ => {
                rd.error(
                    Code::InvalidValue,
                    r,
                    lc,
                    tr!(
                        lang,
                        "niveau inconnu : axe, action ou activité",
                        "unknown level: axis, action or activity"
                    ),
                );
                continue;
            }
        };
        match list {
            Some(l) => l.push(ind),
            None => rd.error(
                Code::UnknownActivity,
                r,
                idc,
                tr!(
                    lang,
                    "indicateur rattaché à un code inconnu `{}`",
                    "indicator attached to an unknown id `{}`",
                    id
                ),
            ),
        }
    }
}

/// Progress records of a `Suivi` sheet (`None` when the workbook has none).
pub fn read_progress(
    book: &Book,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Record>> {
    read_progress_in(book, file, None, lang, diags)
}

/// [`read_progress`] for a plan in `currency`: amounts naming another
/// currency are refused at their cell.
pub fn read_progress_in(
    book: &Book,
    file: FileId,
    currency: Option<&Currency>,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Record>> {
    let s = sheet(book, lay::PROGRESS)?;
    let known = ProgressCol::known();
    let (mut rd, h) = table(s, file, lang, diags, &known, &|_| false)?;
    let c = |x: ProgressCol| col(&h, x);
    let (Some(ac), Some(dc)) = (c(ProgressCol::Activity), c(ProgressCol::Date)) else {
        missing_column(&mut rd, &h, &french(&[w::ACTIVITY, w::DATE]));
        return Some(Vec::new());
    };
    let (stc, pc, cc, spc, sc, ic, nc) = (
        c(ProgressCol::Status),
        c(ProgressCol::Progress),
        c(ProgressCol::Committed),
        c(ProgressCol::Spent),
        c(ProgressCol::Source),
        c(ProgressCol::Indicators),
        c(ProgressCol::Note),
    );
    let gc = c(ProgressCol::Category);
    let correction_col = c(ProgressCol::Correction);
    rd.currency = currency.cloned();
    let mut records = Vec::new();
    for r in data_rows(s, &h).collect::<Vec<_>>() {
        // "oui" / "yes" / "true" / "x" / 1 / TRUE: a correction, whose
        // amounts may be negative.
        let correction = correction_col.is_some_and(|col| match rd.get(r, col) {
            crate::load::book::Value::Bool(b) => *b,
            crate::load::book::Value::Number(Some(d)) => *d == Decimal::ONE,
            v => matches!(
                crate::text::fold(&v.text()).as_str(),
                "oui" | "yes" | "true" | "vrai" | "x"
            ),
        });
        let date = match rd.date(r, Some(dc)) {
            Some(d) => d,
            None => {
                if rd.text(r, Some(dc)).is_none() {
                    rd.error(
                        Code::MissingKey,
                        r,
                        dc,
                        tr!(lang, "enregistrement sans date", "record without a date"),
                    );
                }
                continue;
            }
        };
        let status = match (stc, rd.text(r, stc)) {
            (Some(col), Some(t)) => match Status::parse(&t) {
                Some(s) => Some(s),
                None => {
                    rd.error(
                        Code::InvalidValue,
                        r,
                        col,
                        tr!(
                            lang,
                            "statut inconnu « {} » (prévue, en cours, réalisée, reportée, abandonnée)",
                            "unknown status \"{}\" (planned, ongoing, done, postponed, cancelled)",
                            t
                        ),
                    );
                    None
                }
            },
            _ => None,
        };
        let mut rec = Record {
            activity: rd.text(r, Some(ac)).unwrap_or_default(),
            activity_loc: rd.loc(r, ac),
            date,
            date_loc: rd.loc(r, dc),
            status,
            status_loc: rd.loc(r, stc.unwrap_or(ac)),
            progress: rd.number(r, pc, true),
            progress_loc: rd.loc(r, pc.unwrap_or(ac)),
            committed: rd.number(r, cc, correction),
            committed_loc: rd.loc(r, cc.unwrap_or(ac)),
            spent: rd.number(r, spc, correction),
            spent_loc: rd.loc(r, spc.unwrap_or(ac)),
            correction,
            source: rd.text(r, sc),
            source_loc: rd.loc(r, sc.unwrap_or(ac)),
            note: rd.text(r, nc),
            category: rd.text(r, gc),
            category_loc: rd.loc(r, gc.unwrap_or(ac)),
            loc: rd.loc(r, ac),
            ..Default::default()
        };
        if let (Some(col), Some(t)) = (ic, rd.text(r, ic)) {
            match inline_indicators(&t) {
                Some(list) => {
                    rec.indicators = list
                        .into_iter()
                        .map(|(name, value)| IndicatorValue {
                            name,
                            value,
                            loc: rd.loc(r, col),
                        })
                        .collect()
                }
                None => rd.error(
                    Code::Syntax,
                    r,
                    col,
                    tr!(
                        lang,
                        "indicateurs illisibles : écrire \"Nom\" = valeur, séparés par des virgules",
                        "unreadable indicators: write \"Name\" = value, separated by commas"
                    ),
                ),
            }
        }
        records.push(rec);
    }
    Some(records)
}

/// The import fingerprints kept in the hidden `Imports` sheet (one per
/// row, column A), written by `convert` from the log's comment lines.
pub fn import_marks_sheet(book: &Book) -> Vec<String> {
    let Some(s) = book.sheet(&[lay::IMPORTS]) else {
        return Vec::new();
    };
    (0..s.end_row())
        .map(|r| s.get(r, 0).text())
        .filter(|t| t.starts_with(crate::progress::IMPORT_MARK))
        .collect()
}

/// `"Campagnes réalisées" = 2, "Personnes formées" = 120` → pairs.
pub fn inline_indicators(text: &str) -> Option<Vec<(String, Decimal)>> {
    let doc = format!("v = {{ {} }}", text.replace('\n', " "));
    let t = DeTable::parse(&doc).ok()?;
    let v = t.get_ref().get("v")?;
    let DeValue::Table(items) = v.get_ref() else {
        return None;
    };
    let mut out = Vec::new();
    for (k, v) in items.iter() {
        let value = match v.get_ref() {
            DeValue::Integer(i) => money::parse_toml_integer(i.as_str(), i.radix()),
            DeValue::Float(f) => money::parse_toml_float(f.as_str()),
            DeValue::String(s) => money::parse_decimal_text(s),
            _ => return None,
        }
        .ok()?;
        out.push((k.get_ref().to_string(), value));
    }
    Some(out)
}

/// Loads a workbook plan (either layout) and its progress: the `Suivi`
/// sheet when it holds records, else the TOML log beside the workbook.
pub fn load(
    path: &std::path::Path,
    opts: &super::LoadOptions,
    files: &mut crate::diagnostic::Files,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Result<Project, super::LoadError> {
    use super::book::{self, BookError};
    let file = files.add(path, None::<String>);
    let mut project = Project::default();
    project.plan.file = file;
    project.plan.loc = Loc::File(file);
    project.log_path = super::log_path(path, None);
    let book = match book::open(path, &opts.limits, lang) {
        Ok(b) => b,
        Err(BookError::TooLarge { message, flag }) => {
            diags.push(
                Diagnostic::error(Code::TooLarge, Loc::File(file), message).with_help(tr!(
                    lang,
                    "classeur refusé avant lecture ; s'il est légitime, relever la limite avec {} (voir docs/import.md)",
                    "workbook refused before reading; if it is legitimate, raise the limit with {} (see docs/import.md)",
                    flag
                )),
            );
            return Ok(project);
        }
        Err(BookError::Unreadable(message)) => {
            return Err(super::LoadError::Unreadable {
                path: path.to_path_buf(),
                message,
            });
        }
    };
    files.set_sheets(file, book.names());
    let mapping = match &opts.mapping {
        Some(p) => match super::mapping::load(p, files, lang, diags)? {
            Some(m) => Some(m),
            None => return Ok(project),
        },
        None => None,
    };
    let structured = opts.sheet.is_none() && mapping.is_none() && is_plan_layout(&book);
    let plan = if structured {
        read_plan(&book, file, lang, diags)
    } else {
        super::handmade::read(
            &book,
            path,
            file,
            opts.sheet.as_deref(),
            mapping.as_ref(),
            lang,
            diags,
        )
    };
    project.log_path = super::log_path(path, plan.progress.as_deref());
    project.plan = plan;
    let sheet_records = if structured {
        read_progress_in(&book, file, Some(&project.plan.currency), lang, diags).unwrap_or_default()
    } else {
        Vec::new()
    };
    if sheet_records.is_empty() {
        if super::log_place_ok(path, &project, lang, diags) {
            super::load_log(&mut project, files, lang, diags)?;
        }
    } else {
        project.records = sheet_records;
        project.imports = import_marks_sheet(&book);
        if project.log_path.exists() {
            diags.push(Diagnostic::warning(
                Code::ImportNote,
                Loc::File(file),
                tr!(
                    lang,
                    "les enregistrements viennent de la feuille Suivi du classeur ; le journal {} n'est pas lu",
                    "records come from the workbook's Suivi sheet; the log {} is not read",
                    project.log_path.display()
                ),
            ));
        }
    }
    // Hundreds of thousands of cells: freed while the plan is used.
    super::free_in_background(book);
    Ok(project)
}
