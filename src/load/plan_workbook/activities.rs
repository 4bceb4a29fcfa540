//! `Activités` (one row per activity, one budget column per source) and
//! `Budget` (the budget lines).

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{MAX_SUGGESTIONS, col, data_rows, french, missing_column, table};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::i18n::workbook as w;
use crate::layout::Columns;
use crate::layout::plan::{ActivityCol, BudgetCol};
use crate::load::book::Sheet;
use crate::load::cells::is_mark;
use crate::model::*;
use crate::money::{self};
use crate::text::nearest;

/// A per-source cell of `Activités`, to compare with the `Budget` sheet.
pub(super) struct PerSource {
    activity: usize,
    source: String,
    amount: Decimal,
    loc: Loc,
}

pub(super) fn activities_sheet(
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

pub(super) fn budget_sheet(
    plan: &mut Plan,
    s: &Sheet,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
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
                    w::budget_line_of_unknown_activity(lang, &id),
                );
                unknown += 1;
                if unknown <= MAX_SUGGESTIONS
                    && let Some(n) = nearest(&id, plan.activities.iter().map(|a| a.id.as_str()))
                {
                    d.help = Some(w::did_you_mean(lang, n));
                }
                rd.diags.push(d);
            }
        }
    }
}

/// Each per-source cell of `Activités` must agree with the `Budget` sheet.
pub(super) fn check_per_source(
    plan: &Plan,
    per_source: Vec<PerSource>,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
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
                w::per_source_differs(
                    lang,
                    money::format_amount(p.amount, &cur, lang),
                    &p.source,
                    money::format_amount(sum, &cur, lang),
                    money::format_amount(p.amount - sum, &cur, lang),
                ),
            );
            diags.push(d);
        }
    }
}
