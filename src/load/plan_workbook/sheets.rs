//! The plan's own sheets: `Plan` (key / value), `Sources`, `Axes`,
//! `Actions`, `Indicateurs`.

use std::collections::HashMap;

use super::{col, data_rows, french, missing_column, missing_sheet, table};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::i18n::workbook as w;
use crate::layout::Columns;
use crate::layout::plan::{self as lay, ActionCol, AxisCol, IndicatorCol, PlanCol, SourceCol};
use crate::load::book::Sheet;
use crate::load::cells::{Header, Reading};
use crate::model::*;
use crate::money::{self, Currency};
use crate::text::{fold, nearest};

pub(super) fn plan_sheet(
    plan: &mut Plan,
    s: &Sheet,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
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
                if let Some(y) = year_cell(&mut rd, r, vc) {
                    plan.year = y;
                }
            }
            "currency" => {
                if let Some(c) = currency_cell(&mut rd, r, vc, text) {
                    plan.currency = c;
                }
            }
            "lang" => match text.as_deref().and_then(Lang::parse) {
                Some(l) => plan.lang = Some(l),
                None => rd.error(Code::InvalidValue, r, vc, w::unknown_language_cell(lang)),
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
                None => rd.error(Code::InvalidValue, r, vc, w::unknown_weighting_cell(lang)),
            },
            _ => unknown_plan_key(&mut rd, r, kc, &key),
        }
    }
    for (ok, key) in [(seen.0, "title"), (seen.1, "year")] {
        if !ok {
            let d = Diagnostic::error(
                Code::MissingKey,
                rd.loc(h.row, kc),
                w::plan_sheet_key_required(lang, key),
            );
            rd.diags.push(d);
        }
    }
}

/// The `year` of the Plan sheet: a whole year from 1900 to 2200.
fn year_cell(rd: &mut Reading<'_, '_>, r: u32, vc: u32) -> Option<i32> {
    use rust_decimal::prelude::ToPrimitive;
    let lang = rd.lang;
    let year = rd.number(r, Some(vc), true).and_then(|d| {
        d.to_i32()
            .filter(|y| (1900..=2200).contains(y) && d.fract().is_zero())
    });
    if year.is_none() {
        rd.error(Code::InvalidValue, r, vc, w::invalid_year(lang));
    }
    year
}

/// The `currency` of the Plan sheet: an ISO 4217 code.
fn currency_cell(
    rd: &mut Reading<'_, '_>,
    r: u32,
    vc: u32,
    text: Option<String>,
) -> Option<Currency> {
    let lang = rd.lang;
    let c = text.unwrap_or_default().trim().to_ascii_uppercase();
    match money::minor_units(&c) {
        Some(d) => Some(Currency {
            code: c,
            decimals: d,
        }),
        None => {
            rd.error(Code::UnknownCurrency, r, vc, w::unknown_currency(lang, &c));
            None
        }
    }
}

/// A key of the Plan sheet that is none of `[plan]`'s.
fn unknown_plan_key(rd: &mut Reading<'_, '_>, r: u32, kc: u32, key: &str) {
    let lang = rd.lang;
    let mut d = Diagnostic::error(Code::UnknownKey, rd.loc(r, kc), w::unknown_key(lang, key));
    if let Some(n) = nearest(key, crate::load::toml::PLAN_KEYS.iter().copied()) {
        d.help = Some(w::did_you_mean(lang, n));
    }
    rd.diags.push(d);
}

pub(super) fn sources_sheet(
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
                    w::unknown_funding_status(lang, &t),
                ),
            }
        }
        plan.sources.push(src);
    }
}

pub(super) fn axes_sheet(
    plan: &mut Plan,
    s: &Sheet,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
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

pub(super) fn actions_sheet(
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

pub(super) fn indicators_sheet(
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
                w::indicator_without_target(lang),
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
                rd.error(Code::InvalidValue, r, lc, w::unknown_level(lang));
                continue;
            }
        };
        match list {
            Some(l) => l.push(ind),
            None => rd.error(
                Code::UnknownActivity,
                r,
                idc,
                w::indicator_of_unknown_id(lang, &id),
            ),
        }
    }
}
