//! Activity rows and their fields; the checks of products and totals.

use super::*;
use crate::i18n;

impl Builder<'_> {
    pub(super) fn data_row(&mut self, rd: &mut Reading<'_, '_>, r: u32) {
        let first_col = self.header.columns[0].col;
        // Axis and action columns: a value opens (or reopens) a group; blank
        // keeps the current one (written once, blank below).
        self.axis_columns(rd, r, first_col);
        self.action_columns(rd, r, first_col);
        let code_col = self.col(&Field::Code);
        let title_col = self.col(&Field::Title).unwrap_or(first_col);
        let keys = RowKeys {
            code: rd.text(r, code_col),
            title: rd.text(r, Some(title_col)),
            code_col,
            title_col,
        };
        self.levels_from_dotted_code(rd, r, &keys);
        let action = self.ensure_action(rd, r, title_col);
        let Some((idx, continuation)) = self.activity_of_row(rd, r, action, keys) else {
            return;
        };
        self.last_activity = Some(idx);
        self.activity_fields(rd, r, idx, continuation);
        // Money of this row, for the total checks.
        let values = self.money_values_quiet(rd, r);
        self.data.push(DataRow {
            axis: self.axis.unwrap_or(0),
            action,
            values,
        });
    }

    /// The axis columns of a data row: a value opens (or reopens) an axis.
    fn axis_columns(&mut self, rd: &mut Reading<'_, '_>, r: u32, first_col: u32) {
        let lang = rd.lang;
        let Some((c, code, title)) = self.level_columns(
            rd,
            r,
            [Field::AxisCode, Field::Axis],
            first_col,
            i18n::load::axes(lang),
        ) else {
            return;
        };
        let same = self.axis.is_some_and(|i| {
            let a = &self.plan.axes[i];
            code.as_ref().map_or(a.title == title, |k| *k == a.id)
        });
        if !same {
            self.open_axis(rd, r, c, code, title);
        }
    }

    /// The action columns of a data row: a value opens (or reopens) an
    /// action of the current axis.
    fn action_columns(&mut self, rd: &mut Reading<'_, '_>, r: u32, first_col: u32) {
        let lang = rd.lang;
        let Some((c, code, title)) = self.level_columns(
            rd,
            r,
            [Field::ActionCode, Field::Action],
            first_col,
            i18n::load::actions(lang),
        ) else {
            return;
        };
        let axis_id = self.axis.map(|i| self.plan.axes[i].id.clone());
        let same = self.action.is_some_and(|i| {
            let a = &self.plan.actions[i];
            Some(&a.axis) == axis_id.as_ref()
                && match &code {
                    Some(k) => a.id == *k || a.id.ends_with(&format!(".{k}")),
                    None => a.title == title,
                }
        });
        if !same {
            self.open_action(rd, r, c, code, title);
        }
    }

    /// The code and title a row gives in a level's columns (`[code, title]`
    /// fields), with the column to point at; noted as how the level is read.
    /// `None` when both are blank (the current group goes on).
    fn level_columns(
        &mut self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        [code_field, text_field]: [Field; 2],
        first_col: u32,
        level: &str,
    ) -> Option<(u32, Option<String>, String)> {
        let lang = rd.lang;
        let code = rd.text(r, self.col(&code_field));
        let text = rd.text(r, self.col(&text_field));
        if code.is_none() && text.is_none() {
            return None;
        }
        let c = self
            .col(&code_field)
            .or(self.col(&text_field))
            .unwrap_or(first_col);
        let how = i18n::load::column_named(lang, self.column_label(c));
        self.level_note(level, how);
        let (code, title) = split_label(code, text);
        Some((c, code, title))
    }

    /// "1.2.3" with no action column or row: activity 3 of action 1.2 of
    /// axis 1.
    fn levels_from_dotted_code(&mut self, rd: &mut Reading<'_, '_>, r: u32, keys: &RowKeys) {
        let lang = rd.lang;
        if self.col(&Field::Action).is_some()
            || self.col(&Field::ActionCode).is_some()
            || !(self.action.is_none() || self.action_from_code)
        {
            return;
        }
        let Some(c) = keys.code.as_deref() else {
            return;
        };
        let parts = c
            .trim()
            .trim_end_matches('.')
            .split('.')
            .collect::<Vec<_>>();
        if parts.len() < 3
            || !parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|x| x.is_ascii_digit()))
        {
            return;
        }
        let axis_id = parts[0].to_string();
        let action_id = parts[..parts.len() - 1].join(".");
        let cc = keys.code_col.unwrap_or(keys.title_col);
        let same_axis = self.axis.is_some_and(|i| self.plan.axes[i].id == axis_id);
        if !same_axis {
            let t = match self.axis_index.get(&axis_id) {
                Some(&i) => self.plan.axes[i].title.clone(),
                None => i18n::load::axis_numbered(lang, &axis_id),
            };
            self.open_axis(rd, r, cc, Some(axis_id), t);
        }
        let same_action = self
            .action
            .is_some_and(|i| self.plan.actions[i].id == action_id);
        if !same_action {
            let t = format!("Action {action_id}");
            self.open_action(rd, r, cc, Some(action_id), t);
        }
        self.action_from_code = true;
        self.level_note(
            i18n::load::actions(lang),
            i18n::load::from_dotted_codes(lang).to_string(),
        );
    }

    /// The activity a data row belongs to (the one above, continued, or a
    /// new one) and whether it continues the one above; `None`, with an
    /// error, for amounts with no activity.
    fn activity_of_row(
        &mut self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        action: usize,
        keys: RowKeys,
    ) -> Option<(usize, bool)> {
        let RowKeys {
            code,
            title,
            code_col,
            title_col,
        } = keys;
        let continuation = match self.last_activity {
            Some(i) => {
                let a = &self.plan.activities[i];
                a.action == self.plan.actions[action].id
                    && match (&code, &title) {
                        (None, None) => true,
                        (Some(c), Some(t)) => Some(c) == self.last_code.as_ref() && *t == a.title,
                        (Some(c), None) => Some(c) == self.last_code.as_ref(),
                        (None, Some(t)) => code_col.is_none() && *t == a.title,
                    }
            }
            None => false,
        };
        if continuation {
            return Some((self.last_activity.unwrap_or(0), true));
        }
        if title.is_none() && code.is_none() {
            // Amounts with no activity above them.
            rd.error(
                Code::MissingKey,
                r,
                title_col,
                i18n::load::row_without_activity(rd.lang).to_string(),
            );
            return None;
        }
        let action_id = self.plan.actions[action].id.clone();
        let count = self
            .activities_per_action
            .entry(action_id.clone())
            .or_default();
        *count += 1;
        let n = *count;
        // A bare number is an order number ("N°"), not a code.
        let id = code
            .clone()
            .filter(|c| !c.chars().all(|x| x.is_ascii_digit()))
            .unwrap_or_else(|| format!("{action_id}.{n}"));
        let id_col = code_col.filter(|_| code.is_some()).unwrap_or(title_col);
        self.last_code = code;
        self.plan.activities.push(Activity {
            id,
            action: action_id,
            action_loc: rd.loc(r, title_col),
            title: title.unwrap_or_default(),
            loc: rd.loc(r, id_col),
            quarters_loc: rd.loc(r, title_col),
            start_loc: rd.loc(r, title_col),
            end_loc: rd.loc(r, title_col),
            ..Default::default()
        });
        Some((self.plan.activities.len() - 1, false))
    }

    /// Money values again without diagnostics (they were reported once).
    /// "en milliers de FCFA" / "en millions": what a column's figures are worth.
    pub(super) fn scale(&self, col: u32) -> Decimal {
        self.scales.get(&col).copied().unwrap_or(Decimal::ONE)
    }

    /// An amount cell, in currency units.
    pub(super) fn amount(&self, rd: &mut Reading<'_, '_>, r: u32, col: u32) -> Option<Decimal> {
        let d = rd.number(r, Some(col), false)?;
        match d.checked_mul(self.scale(col)) {
            Some(x) if x <= money::MAX_AMOUNT => Some(x),
            _ => {
                let lang = rd.lang;
                rd.error(
                    Code::TooLarge,
                    r,
                    col,
                    money::AmountError::TooLarge.message(lang).to_string(),
                );
                None
            }
        }
    }

    pub(super) fn money_values_quiet(&self, rd: &Reading<'_, '_>, r: u32) -> Vec<(u32, Decimal)> {
        self.money_cols
            .iter()
            .filter_map(|&c| quiet_number(rd.get(r, c)).map(|d| (c, d * self.scale(c))))
            .collect()
    }

    pub(super) fn activity_fields(
        &mut self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        idx: usize,
        cont: bool,
    ) {
        let lang = rd.lang;
        let fields = [
            Field::Responsible,
            Field::Partners,
            Field::Start,
            Field::End,
            Field::Weight,
            Field::Category,
            Field::Amount,
            Field::Quantity,
            Field::UnitCost,
            Field::Source,
            Field::Indicator,
            Field::Target,
            Field::Baseline,
            Field::Unit,
        ];
        let found: Vec<(Field, Option<u32>)> =
            fields.iter().map(|f| (f.clone(), self.col(f))).collect();
        let col = |f: Field| found.iter().find(|(x, _)| *x == f).and_then(|(_, c)| *c);
        let responsible = rd.text(r, col(Field::Responsible));
        let partners = rd.text(r, col(Field::Partners));
        let start_col = col(Field::Start);
        let end_col = col(Field::End);
        let start = rd.date(r, start_col);
        let end = rd.date(r, end_col);
        let weight = rd.number(r, col(Field::Weight), false);
        let category = rd.text(r, col(Field::Category));
        let (quarters, first_q) = self.row_quarters(rd, r);
        let lines = self.row_budget(rd, r, &category);
        let indicator = rd.text(r, col(Field::Indicator));
        let target = rd.number(r, col(Field::Target), true);
        let baseline = rd.number(r, col(Field::Baseline), true);
        let unit = rd.text(r, col(Field::Unit));
        let ind_col = col(Field::Indicator);
        let a = &mut self.plan.activities[idx];
        if !cont || a.responsible.is_none() {
            a.responsible = a.responsible.take().or(responsible);
        }
        if let Some(p) = partners {
            for x in p
                .split([';', ',', '/', '\n'])
                .map(str::trim)
                .filter(|x| !x.is_empty())
            {
                if !a.partners.iter().any(|y| y == x) {
                    a.partners.push(x.to_string());
                }
            }
        }
        for q in quarters {
            if !a.quarters.contains(&q) {
                a.quarters.push(q);
            }
        }
        a.quarters.sort_unstable();
        if let Some(c) = first_q.filter(|_| !cont) {
            a.quarters_loc = rd.loc(r, c);
        }
        if a.start.is_none() && start.is_some() {
            a.start = start;
            a.start_loc = rd.loc(r, start_col.unwrap_or(0));
        }
        if a.end.is_none() && end.is_some() {
            a.end = end;
            a.end_loc = rd.loc(r, end_col.unwrap_or(0));
        }
        a.weight = a.weight.or(weight);
        a.budget.extend(lines);
        if let Some(name) = indicator {
            if let Some(target) = target {
                if !a.indicators.iter().any(|i| i.name == name) {
                    a.indicators.push(Indicator {
                        name,
                        unit,
                        baseline,
                        target,
                        loc: rd.loc(r, ind_col.unwrap_or(0)),
                    });
                }
            } else {
                rd.warning(
                    Code::ImportNote,
                    r,
                    ind_col.unwrap_or(0),
                    i18n::load::indicator_without_target(lang, name),
                );
            }
        }
    }

    /// The quarters marked on the row (quarter or month columns, shaded
    /// cells, a period written as text) and the first of their columns.
    fn row_quarters(&self, rd: &mut Reading<'_, '_>, r: u32) -> (Vec<u8>, Option<u32>) {
        let lang = rd.lang;
        let mut quarters: Vec<u8> = Vec::new();
        let mut first_q: Option<u32> = None;
        for (f, c) in &self.by_field {
            let q = match f {
                Field::Quarter(q) => *q,
                Field::Month(m) => (m - 1) / 3 + 1,
                _ => continue,
            };
            first_q = first_q.or(Some(*c));
            let marked = is_mark(rd.get(r, *c)) || rd.sheet.is_shaded(r, *c);
            if marked && !quarters.contains(&q) {
                quarters.push(q);
            }
        }
        // A period written as text: "T2-T3", "S1", "Continu", "Annuel".
        if let Some(pc) = self.col(&Field::Period)
            && let Some(text) = rd.text(r, Some(pc))
        {
            first_q = first_q.or(Some(pc));
            match families::period_quarters(&text) {
                Some(qs) => {
                    for q in qs {
                        if !quarters.contains(&q) {
                            quarters.push(q);
                        }
                    }
                }
                None => {
                    rd.error(
                        Code::InvalidQuarter,
                        r,
                        pc,
                        i18n::load::period_not_recognised(lang, text),
                    );
                }
            }
        }
        (quarters, first_q)
    }

    /// The budget lines of the row: one per funder column, or the amount
    /// column with the row's source.
    fn row_budget(
        &mut self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        category: &Option<String>,
    ) -> Vec<BudgetLine> {
        let lang = rd.lang;
        // Budget lines of this row.
        let mut lines: Vec<BudgetLine> = Vec::new();
        let src_cols = self.source_cols();
        let amount_col = self.col(&Field::Amount);
        let qty = rd.number(r, self.col(&Field::Quantity), false);
        let unit_cost = self
            .col(&Field::UnitCost)
            .and_then(|c| self.amount(rd, r, c));
        let initial_col = self.col(&Field::Initial);
        let initial = initial_col
            .filter(|&c| !is_blankish(rd.get(r, c)))
            .and_then(|c| self.amount(rd, r, c));
        self.check_product(rd, r, qty, unit_cost, &src_cols, amount_col);
        if !src_cols.is_empty() {
            let mut sum = Decimal::ZERO;
            for (id, c) in &src_cols {
                if is_blankish(rd.get(r, *c)) {
                    continue;
                }
                if let Some(d) = self.amount(rd, r, *c) {
                    sum += d;
                    if d.is_zero() {
                        continue;
                    }
                    lines.push(BudgetLine {
                        source: id.clone(),
                        source_loc: rd.loc(self.header.last, *c),
                        amount: Some(d),
                        category: category.clone(),
                        loc: rd.loc(r, *c),
                        ..Default::default()
                    });
                }
            }
            // The row's own total column, when there is one.
            if let Some(ac) = amount_col
                && !is_blankish(rd.get(r, ac))
                && let Some(total) = self.amount(rd, r, ac)
                && total != sum
            {
                let cur = self.plan.currency.clone();
                let label = self.column_label(ac);
                rd.warning(
                    Code::SubtotalMismatch,
                    r,
                    ac,
                    i18n::load::sources_differ_from_total(
                        lang,
                        r + 1,
                        label,
                        money::format_amount(total, &cur, lang),
                        money::format_amount(sum, &cur, lang),
                        money::format_amount(total - sum, &cur, lang),
                    ),
                );
            }
        } else if let Some(ac) = amount_col {
            let amount = if is_blankish(rd.get(r, ac)) {
                None
            } else {
                self.amount(rd, r, ac)
            };
            let has_qu = qty.is_some() && unit_cost.is_some();
            let has_initial = initial.is_some_and(|a| !a.is_zero());
            if amount.is_some_and(|a| !a.is_zero()) || has_qu || has_initial {
                let source_col = self.col(&Field::Source);
                let source = match rd.text(r, source_col) {
                    Some(name) => {
                        let id = source_id(&name);
                        let loc = rd.loc(r, source_col.unwrap_or(ac));
                        self.add_source(&id, &name, loc)
                    }
                    None => {
                        let loc = rd.loc(r, ac);
                        let label = i18n::load::unspecified_source(lang);
                        let new = !self.plan.sources.iter().any(|s| s.id == "NP");
                        let id = self.add_source("NP", label, loc.clone());
                        if new {
                            rd.diags.push(Diagnostic::warning(
                                Code::ImportNote,
                                loc,
                                i18n::load::no_funding_source(lang).to_string(),
                            ));
                        }
                        id
                    }
                };
                let amount = if amount.is_none() && !has_qu {
                    Some(Decimal::ZERO)
                } else {
                    amount
                };
                lines.push(BudgetLine {
                    source_loc: rd.loc(r, self.col(&Field::Source).unwrap_or(ac)),
                    source,
                    amount,
                    quantity: qty.filter(|_| has_qu),
                    unit_cost: unit_cost.filter(|_| has_qu),
                    category: category.clone(),
                    initial,
                    loc: rd.loc(r, ac),
                });
            }
        }
        lines
    }

    /// Quantity × unit cost against the row's total (its total column, else
    /// the sum of its funder columns). Off by exactly 1 000 or 1 000 000,
    /// the unit of one column is only implied: refused, with the fix.
    pub(super) fn check_product(
        &self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        qty: Option<Decimal>,
        unit_cost: Option<Decimal>,
        src_cols: &[(String, u32)],
        amount_col: Option<u32>,
    ) {
        let (Some(q), Some(u)) = (qty, unit_cost) else {
            return;
        };
        let Some(product) = q.checked_mul(u) else {
            return;
        };
        let total = match amount_col.filter(|&c| !is_blankish(rd.get(r, c))) {
            Some(c) => quiet_number(rd.get(r, c)).map(|d| (d * self.scale(c), c)),
            None => {
                let vals: Vec<(u32, Decimal)> = src_cols
                    .iter()
                    .filter_map(|(_, c)| {
                        quiet_number(rd.get(r, *c)).map(|d| (*c, d * self.scale(*c)))
                    })
                    .collect();
                vals.first()
                    .map(|(c, _)| (vals.iter().map(|(_, d)| *d).sum(), *c))
            }
        };
        let Some((total, tc)) = total else { return };
        if total == product || total.is_zero() {
            return;
        }
        let lang = rd.lang;
        let ratio = product.checked_div(total);
        let implied = ratio.and_then(|x| {
            [1000u64, 1_000_000]
                .into_iter()
                .find(|k| x == Decimal::from(*k) || x * Decimal::from(*k) == Decimal::ONE)
        });
        let cur = self.plan.currency.clone();
        rd.error(
            Code::QuantityMismatch,
            r,
            tc,
            i18n::load::quantity_mismatch(
                lang,
                r + 1,
                money::raw(q),
                money::format_amount(u, &cur, lang),
                money::format_amount(product, &cur, lang),
                money::format_amount(total, &cur, lang),
                match implied {
                    Some(k) => i18n::load::implied_factor(lang, k),
                    None => String::new(),
                },
            ),
        );
        if let Some(d) = rd.diags.last_mut() {
            d.help = Some(match implied {
                Some(k) => i18n::load::implied_factor_help(lang, k),
                None => i18n::load::fix_quantity_help(lang).to_string(),
            });
        }
    }

    /// Compares each total row with the sums of the rows it closes. The
    /// sums by plan, axis and action are made once; the ranges of rows
    /// between totals do not overlap, so the whole check is linear.
    pub(super) fn check_totals(&self, rd: &mut Reading<'_, '_>) {
        let lang = rd.lang;
        let cur = self.plan.currency.clone();
        let mut plan: HashMap<u32, Decimal> = HashMap::new();
        let mut axes: HashMap<(usize, u32), Decimal> = HashMap::new();
        let mut actions: HashMap<(usize, u32), Decimal> = HashMap::new();
        for d in &self.data {
            for &(c, v) in &d.values {
                *plan.entry(c).or_default() += v;
                *axes.entry((d.axis, c)).or_default() += v;
                *actions.entry((d.action, c)).or_default() += v;
            }
        }
        for t in &self.totals {
            for &(c, declared) in &t.values {
                let computed = match t.scope {
                    Scope::Plan => plan.get(&c).copied(),
                    Scope::Axis(i) => axes.get(&(i, c)).copied(),
                    Scope::Action(i) => actions.get(&(i, c)).copied(),
                    Scope::Rows(a, b) => Some(
                        self.data
                            .get(a..b)
                            .unwrap_or_default()
                            .iter()
                            .flat_map(|d| d.values.iter())
                            .filter(|(col, _)| *col == c)
                            .map(|(_, v)| *v)
                            .sum(),
                    ),
                }
                .unwrap_or_default();
                if computed != declared {
                    let label = self.column_label(c);
                    let grand = matches!(t.scope, Scope::Plan) && self.totals_error;
                    let msg = i18n::load::total_row_mismatch(
                        lang,
                        &t.label,
                        t.row + 1,
                        money::format_amount(declared, &cur, lang),
                        label,
                        money::format_amount(computed, &cur, lang),
                        money::format_amount(declared - computed, &cur, lang),
                    );
                    if grand {
                        rd.error(Code::TotalMismatch, t.row, c, msg);
                    } else {
                        rd.warning(Code::SubtotalMismatch, t.row, c, msg);
                    }
                    if grand && let Some(d) = rd.diags.last_mut() {
                        d.help = Some(i18n::load::total_row_mismatch_help(lang).to_string());
                    }
                }
            }
        }
    }
}

/// The code and title of a data row, and their columns.
struct RowKeys {
    code: Option<String>,
    title: Option<String>,
    code_col: Option<u32>,
    title_col: u32,
}
