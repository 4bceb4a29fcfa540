//! The plan file from TOML text: `[plan]`, `[[source]]`, `[[axis]]`,
//! `[[action]]`, `[[activity]]` and their budget lines and indicators.

use std::ops::Range;

use super::values::{Ctx, check_pending, id_field};
use super::{
    ACTION_KEYS, ACTIVITY_KEYS, AXIS_KEYS, BUDGET_KEYS, PLAN_KEYS, PLAN_ROOT_KEYS, SOURCE_KEYS,
    Val, for_each_block,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::i18n::workbook as w;
use crate::load::tree::{Key, Table, Value};
use crate::model::*;
use crate::money::{self, Currency};

/// Reads a plan from TOML text.
pub fn parse_plan(text: &str, file: FileId, lang: Lang) -> (Plan, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut b = PlanBuilder {
        plan: Plan {
            file,
            loc: Loc::File(file),
            ..Default::default()
        },
        seen_plan: false,
    };
    let mut pending = Vec::new();
    for_each_block(text, file, lang, &mut diags, |root, diags| {
        let mut ctx = Ctx {
            file,
            lang,
            diags,
            currency: None,
            pending: &mut pending,
        };
        b.root(&mut ctx, &root);
    });
    check_pending(&pending, &b.plan.currency, file, lang, &mut diags);
    if !b.seen_plan {
        diags.push(Diagnostic::error(
            Code::MissingKey,
            Loc::File(file),
            w::plan_table_missing(lang),
        ));
    }
    (b.plan, diags)
}

struct PlanBuilder {
    plan: Plan,
    seen_plan: bool,
}

impl PlanBuilder {
    fn root(&mut self, ctx: &mut Ctx<'_>, root: &Table<'_>) {
        for (k, v) in root.iter() {
            match k.name.as_ref() {
                "plan" => {
                    if self.seen_plan {
                        ctx.error(Code::Syntax, k.span.clone(), w::plan_table_twice(ctx.lang));
                    } else if let Some(t) = ctx.table(v) {
                        self.seen_plan = true;
                        self.plan.loc = ctx.loc(k.span.clone());
                        self.plan_table(ctx, t, k.span.clone());
                    }
                }
                "source" => self.each(ctx, k, v, |b, ctx, t, span| {
                    let s = source(ctx, t, span);
                    b.plan.sources.push(s);
                }),
                "axis" => self.each(ctx, k, v, |b, ctx, t, span| {
                    let a = axis(ctx, t, span);
                    b.plan.axes.push(a);
                }),
                "action" => self.each(ctx, k, v, |b, ctx, t, span| {
                    let a = action(ctx, t, span);
                    b.plan.actions.push(a);
                }),
                "activity" => self.each(ctx, k, v, |b, ctx, t, span| {
                    let a = activity(ctx, t, span);
                    b.plan.activities.push(a);
                }),
                _ => ctx.unknown_key(k, PLAN_ROOT_KEYS, w::the_plan(ctx.lang)),
            }
        }
    }

    /// `[[kind]]` entries (an array of tables), or a continuation table
    /// (`[[activity.indicator]]` parsed alone gives `activity = { indicator = [...] }`)
    /// that extends the last entry.
    fn each(
        &mut self,
        ctx: &mut Ctx<'_>,
        key: &Key<'_>,
        v: &Val<'_>,
        mut f: impl FnMut(&mut Self, &mut Ctx<'_>, &Table<'_>, Range<usize>),
    ) {
        match &v.value {
            Value::Array(items) => {
                for item in items.iter() {
                    if let Some(t) = ctx.table(item) {
                        // An array-of-tables entry has no span of its own
                        // worth showing: point at the header key.
                        let span = if item.span.clone().is_empty() {
                            key.span.clone()
                        } else {
                            item.span.clone()
                        };
                        f(self, ctx, t, span);
                    }
                }
            }
            Value::Table(t) => self.continuation(ctx, key, t),
            _ => ctx.wrong_type(v, w::Expected::ArrayOfTables),
        }
    }

    fn continuation(&mut self, ctx: &mut Ctx<'_>, key: &Key<'_>, t: &Table<'_>) {
        let kind = key.name.as_ref();
        for (k, v) in t.iter() {
            let sub = k.name.as_ref();
            let target: Option<&mut Vec<Indicator>> = match (kind, sub) {
                ("axis", "indicator") => self.plan.axes.last_mut().map(|a| &mut a.indicators),
                ("action", "indicator") => self.plan.actions.last_mut().map(|a| &mut a.indicators),
                ("activity", "indicator") => {
                    self.plan.activities.last_mut().map(|a| &mut a.indicators)
                }
                ("activity", "budget") => {
                    if self.plan.activities.is_empty() {
                        None
                    } else {
                        let mut lines = Vec::new();
                        budget_lines(ctx, v, &mut lines);
                        if let Some(a) = self.plan.activities.last_mut() {
                            a.budget.extend(lines);
                        }
                        continue;
                    }
                }
                _ => {
                    ctx.error(
                        Code::Syntax,
                        k.span.clone(),
                        w::entry_outside_header(ctx.lang, kind, sub),
                    );
                    continue;
                }
            };
            match target {
                Some(list) => {
                    let mut found = Vec::new();
                    ctx.indicators(v, &mut found);
                    list.extend(found);
                }
                None => ctx.error(
                    Code::Syntax,
                    k.span.clone(),
                    w::continuation_first(ctx.lang, kind, sub),
                ),
            }
        }
    }

    fn plan_table(&mut self, ctx: &mut Ctx<'_>, t: &Table<'_>, span: Range<usize>) {
        let what = "[plan]";
        let p = &mut self.plan;
        let (mut has_title, mut has_year) = (false, false);
        for (k, v) in t.iter() {
            match k.name.as_ref() {
                "title" => {
                    has_title = true;
                    p.title = ctx.string(v).unwrap_or_default();
                }
                "organization" => p.organization = ctx.string(v),
                "year" => {
                    has_year = true;
                    match &v.value {
                        Value::Integer(raw, 10) => match raw.replace('_', "").parse::<i32>() {
                            Ok(y) if (1900..=2200).contains(&y) => p.year = y,
                            _ => ctx.error(
                                Code::InvalidValue,
                                v.span.clone(),
                                w::invalid_year(ctx.lang),
                            ),
                        },
                        _ => ctx.wrong_type(v, w::Expected::Year),
                    }
                }
                "currency" => {
                    if let Some(c) = ctx.string(v) {
                        let code = c.trim().to_ascii_uppercase();
                        match money::minor_units(&code) {
                            Some(d) => p.currency = Currency { code, decimals: d },
                            None => {
                                let loc = ctx.loc(v.span.clone());
                                let mut d = Diagnostic::error(
                                    Code::UnknownCurrency,
                                    loc,
                                    w::unknown_currency(ctx.lang, &c),
                                );
                                d.help = Some("XOF, XAF, EUR, USD, GNF, CDF, MAD…".into());
                                ctx.diags.push(d);
                            }
                        }
                    }
                }
                "lang" => {
                    if let Some(s) = ctx.string(v) {
                        match Lang::parse(&s) {
                            Some(l) => p.lang = Some(l),
                            None => ctx.error(
                                Code::InvalidValue,
                                v.span.clone(),
                                w::unknown_language(ctx.lang, &s),
                            ),
                        }
                    }
                }
                "progress" => {
                    p.progress = ctx.string(v);
                    p.progress_loc = ctx.loc(v.span.clone());
                }
                "budget_total" => {
                    p.budget_total = ctx.decimal(v, false);
                    p.budget_total_loc = ctx.loc(v.span.clone());
                }
                "weighting" => {
                    if let Some(s) = ctx.string(v) {
                        match Weighting::parse(&s) {
                            Some(w) => p.weighting = Some(w),
                            None => ctx.error(
                                Code::InvalidValue,
                                v.span.clone(),
                                w::unknown_weighting(ctx.lang, &s),
                            ),
                        }
                    }
                }
                _ => ctx.unknown_key(k, PLAN_KEYS, what),
            }
        }
        if !has_title {
            ctx.missing(span.clone(), "title", what);
        }
        if !has_year {
            ctx.missing(span, "year", what);
        }
    }
}

fn source(ctx: &mut Ctx<'_>, t: &Table<'_>, span: Range<usize>) -> Source {
    let what = "[[source]]";
    let mut s = Source {
        loc: ctx.loc(span.clone()),
        ..Default::default()
    };
    let (mut has_id, mut has_name) = (false, false);
    for (k, v) in t.iter() {
        match k.name.as_ref() {
            "id" => has_id = id_field(ctx, v, &mut s.id, &mut s.loc),
            "name" => {
                has_name = true;
                s.name = ctx.string(v).unwrap_or_default();
            }
            "status" => {
                if let Some(st) = ctx.string(v) {
                    match FundingStatus::parse(&st) {
                        Some(x) => s.status = x,
                        None => ctx.error(
                            Code::InvalidValue,
                            v.span.clone(),
                            w::unknown_funding_status_key(ctx.lang, &st),
                        ),
                    }
                }
            }
            _ => ctx.unknown_key(k, SOURCE_KEYS, what),
        }
    }
    if !has_id {
        ctx.missing(span, "id", what);
    }
    if !has_name {
        s.name = s.id.clone();
    }
    s
}

fn axis(ctx: &mut Ctx<'_>, t: &Table<'_>, span: Range<usize>) -> Axis {
    let what = "[[axis]]";
    let mut a = Axis {
        loc: ctx.loc(span.clone()),
        ..Default::default()
    };
    let (mut has_id, mut has_title) = (false, false);
    for (k, v) in t.iter() {
        match k.name.as_ref() {
            "id" => has_id = id_field(ctx, v, &mut a.id, &mut a.loc),
            "title" => {
                has_title = true;
                a.title = ctx.string(v).unwrap_or_default();
            }
            "indicator" => ctx.indicators(v, &mut a.indicators),
            _ => ctx.unknown_key(k, AXIS_KEYS, what),
        }
    }
    if !has_id {
        ctx.missing(span.clone(), "id", what);
    }
    if !has_title {
        ctx.missing(span, "title", what);
    }
    a
}

fn action(ctx: &mut Ctx<'_>, t: &Table<'_>, span: Range<usize>) -> Action {
    let what = "[[action]]";
    let mut a = Action {
        loc: ctx.loc(span.clone()),
        ..Default::default()
    };
    let (mut has_id, mut has_title, mut has_axis) = (false, false, false);
    for (k, v) in t.iter() {
        match k.name.as_ref() {
            "id" => has_id = id_field(ctx, v, &mut a.id, &mut a.loc),
            "axis" => has_axis = id_field(ctx, v, &mut a.axis, &mut a.axis_loc),
            "title" => {
                has_title = true;
                a.title = ctx.string(v).unwrap_or_default();
            }
            "indicator" => ctx.indicators(v, &mut a.indicators),
            _ => ctx.unknown_key(k, ACTION_KEYS, what),
        }
    }
    for (has, key) in [(has_id, "id"), (has_axis, "axis"), (has_title, "title")] {
        if !has {
            ctx.missing(span.clone(), key, what);
        }
    }
    a
}

fn activity(ctx: &mut Ctx<'_>, t: &Table<'_>, span: Range<usize>) -> Activity {
    let what = "[[activity]]";
    let mut a = Activity {
        loc: ctx.loc(span.clone()),
        ..Default::default()
    };
    let (mut has_id, mut has_title, mut has_action) = (false, false, false);
    for (k, v) in t.iter() {
        match k.name.as_ref() {
            "id" => has_id = id_field(ctx, v, &mut a.id, &mut a.loc),
            "action" => has_action = id_field(ctx, v, &mut a.action, &mut a.action_loc),
            "title" => {
                has_title = true;
                a.title = ctx.string(v).unwrap_or_default();
            }
            "responsible" => a.responsible = ctx.string(v),
            "partners" => match &v.value {
                Value::String(s) => a.partners.push(s.to_string()),
                _ => {
                    if let Some(items) = ctx.array(v) {
                        for item in items {
                            if let Some(s) = ctx.string(item) {
                                a.partners.push(s);
                            }
                        }
                    }
                }
            },
            "quarters" => {
                a.quarters_loc = ctx.loc(v.span.clone());
                if let Some(items) = ctx.array(v) {
                    for item in items {
                        match quarter(&item.value) {
                            Some(q) => a.quarters.push(q),
                            None => ctx.error(
                                Code::InvalidQuarter,
                                item.span.clone(),
                                w::invalid_quarter(ctx.lang),
                            ),
                        }
                    }
                }
            }
            "start" => {
                a.start = ctx.date(v);
                a.start_loc = ctx.loc(v.span.clone());
            }
            "end" => {
                a.end = ctx.date(v);
                a.end_loc = ctx.loc(v.span.clone());
            }
            "weight" => a.weight = ctx.decimal(v, false),
            "budget" => budget_lines(ctx, v, &mut a.budget),
            "indicator" => ctx.indicators(v, &mut a.indicators),
            _ => ctx.unknown_key(k, ACTIVITY_KEYS, what),
        }
    }
    for (has, key) in [(has_id, "id"), (has_action, "action"), (has_title, "title")] {
        if !has {
            ctx.missing(span.clone(), key, what);
        }
    }
    a
}

/// 1..4, or "T1".."T4" / "Q1".."Q4".
fn quarter(v: &Value<'_>) -> Option<u8> {
    match v {
        Value::Integer(raw, _) => match raw.as_ref() {
            "1" => Some(1),
            "2" => Some(2),
            "3" => Some(3),
            "4" => Some(4),
            _ => None,
        },
        Value::String(s) => {
            let s = s.trim().to_ascii_uppercase();
            let digits = s.trim_start_matches(['T', 'Q']);
            match digits {
                "1" | "2" | "3" | "4" => digits.parse().ok(),
                _ => None,
            }
        }
        _ => None,
    }
}

/// How many items of an array are tables (what a list of lines or
/// indicators may hold; `[1, 1, 1, …]` reserves nothing).
pub(super) fn tables(items: &[Val<'_>]) -> usize {
    items
        .iter()
        .filter(|i| matches!(i.value, Value::Table(_)))
        .count()
}

fn budget_lines(ctx: &mut Ctx<'_>, v: &Val<'_>, out: &mut Vec<BudgetLine>) {
    let Some(items) = ctx.array(v) else { return };
    // Exactly as many lines as written (a vector left to grow keeps room
    // for four: a quarter of the plan's memory at national scale).
    out.reserve_exact(tables(items));
    let what = w::a_budget_line(ctx.lang);
    for item in items {
        let Some(t) = ctx.table(item) else { continue };
        let mut line = BudgetLine {
            loc: ctx.loc(item.span.clone()),
            ..Default::default()
        };
        let mut has_source = false;
        for (k, v) in t.iter() {
            match k.name.as_ref() {
                "source" => has_source = id_field(ctx, v, &mut line.source, &mut line.source_loc),
                // An invalid value is reported here; it stands as 0 so that
                // the form of the line is not reported again by `check`.
                "amount" => {
                    line.amount = Some(ctx.decimal(v, false).unwrap_or_default());
                    line.loc = ctx.loc(v.span.clone());
                }
                "quantity" => line.quantity = Some(ctx.decimal(v, false).unwrap_or_default()),
                "unit_cost" => line.unit_cost = Some(ctx.decimal(v, false).unwrap_or_default()),
                "category" => line.category = ctx.string(v),
                "initial" => line.initial = Some(ctx.decimal(v, false).unwrap_or_default()),
                _ => ctx.unknown_key(k, BUDGET_KEYS, what),
            }
        }
        if !has_source {
            ctx.missing(item.span.clone(), "source", what);
        }
        out.push(line);
    }
}
