//! Building the plan from the rows of one sheet.

mod activity;
mod meta;
mod rows;

use super::*;
use crate::i18n;

pub(super) struct Builder<'a> {
    plan: &'a mut Plan,
    header: &'a HeaderFound,
    mapping: Option<&'a Mapping>,
    by_field: Vec<(Field, u32)>,
    /// Current axis and action (indexes in plan.axes / plan.actions).
    axis: Option<usize>,
    action: Option<usize>,
    /// The activity the next continuation row adds to.
    last_activity: Option<usize>,
    /// The code cell as written on the last activity's first row.
    last_code: Option<String>,
    implicit_actions: bool,
    data: Vec<DataRow>,
    totals: Vec<TotalRow>,
    /// First data-row index since the last total row.
    since_total: usize,
    money_cols: Vec<u32>,
    currency_hint: Option<&'static str>,
    /// Indexes, so that no step is linear in the plan's size.
    source_by_label: HashMap<String, String>,
    source_ids: HashSet<String>,
    axis_index: HashMap<String, usize>,
    action_index: HashMap<String, usize>,
    actions_per_axis: HashMap<String, usize>,
    activities_per_action: HashMap<String, usize>,
    /// The last row with an activity title (total rows after it close the plan).
    last_title_row: u32,
    /// One past the sheet's last column (computed once: it scans every row).
    end_col: u32,
    /// Columns whose figures are in thousands or millions.
    scales: HashMap<u32, Decimal>,
    /// The scale stated above the table (or in the mapping): value, where.
    table_scale: Option<(Decimal, String)>,
    /// Hidden rows below the header, skipped.
    hidden_skipped: Vec<u32>,
    /// "Résultat" opens an axis when "Produit" rows open actions.
    resultat_is_axis: bool,
    /// The current action comes from the dotted code of an activity.
    action_from_code: bool,
    /// Reading one sheet of several (the sheet gives the axis).
    pub multi: bool,
    /// How each level was found.
    levels: Vec<(String, String)>,
    /// Dotted codes that other rows' codes extend, and the deepest code.
    parent_codes: HashSet<String>,
    code_depth: usize,
    /// The sheet's own total rows disagreeing with the rows are errors.
    totals_error: bool,
}

impl<'a> Builder<'a> {
    pub(super) fn new(
        plan: &'a mut Plan,
        header: &'a HeaderFound,
        mapping: Option<&'a Mapping>,
    ) -> Self {
        let by_field: Vec<(Field, u32)> = header
            .columns
            .iter()
            .filter_map(|c| c.field.clone().map(|f| (f, c.col)))
            .collect();
        let money_cols = by_field
            .iter()
            .filter(|(f, _)| matches!(f, Field::Amount | Field::SourceColumn(_) | Field::Initial))
            .map(|(_, c)| *c)
            .collect();
        Builder {
            plan,
            header,
            mapping,
            by_field,
            axis: None,
            action: None,
            last_activity: None,
            last_code: None,
            implicit_actions: false,
            data: Vec::new(),
            totals: Vec::new(),
            since_total: 0,
            money_cols,
            currency_hint: None,
            source_by_label: HashMap::new(),
            source_ids: HashSet::new(),
            axis_index: HashMap::new(),
            action_index: HashMap::new(),
            actions_per_axis: HashMap::new(),
            activities_per_action: HashMap::new(),
            last_title_row: 0,
            end_col: 0,
            scales: header
                .columns
                .iter()
                .filter(|c| {
                    matches!(
                        c.field,
                        Some(
                            Field::Amount
                                | Field::SourceColumn(_)
                                | Field::UnitCost
                                | Field::Initial
                        )
                    )
                })
                .filter_map(|c| families::scale_of(&c.shown()).map(|d| (c.col, d)))
                .collect(),
            table_scale: None,
            hidden_skipped: Vec::new(),
            resultat_is_axis: false,
            action_from_code: false,
            multi: false,
            levels: Vec::new(),
            parent_codes: HashSet::new(),
            code_depth: 0,
            totals_error: !mapping.is_some_and(|m| m.totals_warning),
        }
    }

    /// Two budget columns of different years ("Budget 2024", "Budget
    /// 2025") and no revised one: which is the plan's budget is not proven
    /// (the second one would be left out without a word): refused.
    pub(super) fn unproven_budget(&self, rd: &mut Reading<'_, '_>) {
        let Some(ac) = self.col(&Field::Amount) else {
            return;
        };
        // The mapping named the budget column: the user chose.
        let chosen = self.header.columns.iter().any(|c| {
            c.col == ac
                && self
                    .mapping
                    .is_some_and(|m| m.field(&c.label).is_some() || m.field(&c.shown()).is_some())
        });
        if chosen {
            return;
        }
        let lang = rd.lang;
        let read = self.column_label(ac);
        for c in &self.header.columns {
            if c.field.is_some()
                || self.mapping.is_some_and(|m| m.field(&c.label).is_some())
                || families::budget_kind(&c.shown()).is_none()
            {
                continue;
            }
            rd.error(
                Code::InvalidValue,
                self.header.last,
                c.col,
                i18n::load::two_budget_columns(lang, &read, c.shown(), self.plan.year),
            );
            if let Some(d) = rd.diags.last_mut() {
                d.help = Some(i18n::load::two_budget_columns_help(
                    lang,
                    &c.label,
                    self.header
                        .columns
                        .iter()
                        .find(|x| x.col == ac)
                        .map(|x| x.label.clone())
                        .unwrap_or_default(),
                ));
            }
        }
    }

    /// One sheet of several: the axis is the one its title line names
    /// ("Programme 1 : Productions végétales"), else its sheet name.
    pub(super) fn sheet_axis(&mut self, rd: &mut Reading<'_, '_>) {
        let sheet = rd.sheet;
        let mut found = None;
        'rows: for r in sheet.origin.0..self.header.first {
            for c in sheet.origin.1..sheet.end_col() {
                let t = text_at(sheet, r, c);
                if let Some((Level::Axis, code, title)) = section(&t)
                    && code.is_some()
                {
                    found = Some((r, c, code, title));
                    break 'rows;
                }
            }
        }
        let (r, c, code, title) = match found {
            Some(f) => f,
            None => match section(&sheet.name) {
                Some((Level::Axis, code, title)) => (
                    self.header.first,
                    sheet.origin.1,
                    code,
                    if title.is_empty() {
                        sheet.name.clone()
                    } else {
                        title
                    },
                ),
                _ => (self.header.first, sheet.origin.1, None, sheet.name.clone()),
            },
        };
        let lang = rd.lang;
        let how = i18n::load::sheet_per_axis(lang, &sheet.name, &title);
        self.level_note(i18n::load::axes(lang), how);
        self.open_axis(rd, r, c, code, title);
    }

    /// Hidden rows and columns that held something: skipped, and said.
    pub(super) fn report_skipped(&self, rd: &mut Reading<'_, '_>) {
        let lang = rd.lang;
        let sheet = rd.sheet;
        let cols: Vec<u32> = sheet
            .hidden_cols
            .iter()
            .copied()
            .filter(|&c| {
                (self.header.first..=self.header.last).any(|r| !sheet.get(r, c).is_empty())
            })
            .collect();
        if !cols.is_empty() {
            let names: Vec<String> = cols
                .iter()
                .map(|&c| {
                    format!(
                        "{} « {} »",
                        col_name(c),
                        text_at(sheet, self.header.last, c)
                    )
                })
                .collect();
            rd.diags.push(Diagnostic::warning(
                Code::ImportNote,
                rd.loc(self.header.last, cols[0]),
                i18n::load::hidden_columns_skipped(lang, names.join(", ")),
            ));
        }
        if let Some(&first) = self.hidden_skipped.first() {
            let rows: Vec<String> = self
                .hidden_skipped
                .iter()
                .map(|r| (r + 1).to_string())
                .collect();
            rd.diags.push(Diagnostic::warning(
                Code::ImportNote,
                rd.loc(first, self.header.columns[0].col),
                i18n::load::hidden_rows_skipped(lang, rows.join(", ")),
            ));
        }
    }

    /// Carries on a plan already holding other sheets' axes, actions and
    /// sources (one sheet per axis or programme).
    pub(super) fn seed(&mut self) {
        for (i, a) in self.plan.axes.iter().enumerate() {
            self.axis_index.insert(a.id.clone(), i);
        }
        for (i, a) in self.plan.actions.iter().enumerate() {
            self.action_index.insert(a.id.clone(), i);
            *self.actions_per_axis.entry(a.axis.clone()).or_default() += 1;
        }
        for a in &self.plan.activities {
            *self
                .activities_per_action
                .entry(a.action.clone())
                .or_default() += 1;
        }
        for s in &self.plan.sources {
            self.source_ids.insert(s.id.clone());
            self.source_by_label.insert(s.name.clone(), s.id.clone());
        }
    }

    /// The scale of the money columns: the mapping's, else the one a title
    /// or note above the table states, else each column's own header. A
    /// title and a header that state two different scales are an error.
    pub(super) fn settle_scale(&mut self, rd: &mut Reading<'_, '_>) {
        let lang = rd.lang;
        let money: Vec<u32> = self
            .header
            .columns
            .iter()
            .filter(|c| {
                matches!(
                    c.field,
                    Some(Field::Amount | Field::SourceColumn(_) | Field::UnitCost | Field::Initial)
                )
            })
            .map(|c| c.col)
            .collect();
        if let Some(s) = self.mapping.and_then(|m| m.scale) {
            let d = Decimal::from(s);
            self.table_scale = Some((d, "--mapping (scale)".into()));
            for &c in &money {
                self.scales.insert(c, d);
            }
            self.scales.retain(|_, v| *v != Decimal::ONE);
            return;
        }
        let sheet = rd.sheet;
        let mut found: Option<(Decimal, u32, u32, String)> = None;
        'rows: for r in sheet.origin.0..self.header.first {
            for c in sheet.origin.1..sheet.end_col() {
                let t = text_at(sheet, r, c);
                if let Some(d) = families::scale_of(&t) {
                    found = Some((d, r, c, t));
                    break 'rows;
                }
            }
        }
        let Some((d, r, c, text)) = found else { return };
        for &col in &money {
            match self.scales.get(&col) {
                Some(own) if *own != d => {
                    let label = self.column_label(col);
                    rd.error(
                        Code::InvalidValue,
                        r,
                        c,
                        i18n::load::two_units(lang, &text, r + 1, d, label, own),
                    );
                    if let Some(last) = rd.diags.last_mut() {
                        last.help = Some(i18n::load::two_units_help(lang).to_string());
                    }
                }
                _ => {
                    self.scales.insert(col, d);
                }
            }
        }
        self.table_scale = Some((d, i18n::load::unit_found_at(lang, &text, r + 1)));
    }

    pub(super) fn col(&self, f: &Field) -> Option<u32> {
        self.by_field.iter().find(|(x, _)| x == f).map(|(_, c)| *c)
    }

    pub(super) fn source_cols(&self) -> Vec<(String, u32)> {
        self.by_field
            .iter()
            .filter_map(|(f, c)| match f {
                Field::SourceColumn(id) => Some((id.clone(), *c)),
                _ => None,
            })
            .collect()
    }

    pub(super) fn column_label(&self, col: u32) -> String {
        self.header
            .columns
            .iter()
            .find(|c| c.col == col)
            .map(Column::shown)
            .unwrap_or_default()
    }

    pub(super) fn run(mut self, rd: &mut Reading<'_, '_>, path: &Path) -> SheetReport {
        let lang = rd.lang;
        let before = (
            self.plan.axes.len(),
            self.plan.actions.len(),
            self.plan.activities.len(),
        );
        self.seed();
        if self.plan.title.is_empty() {
            self.meta(rd, path);
        }
        self.settle_scale(rd);
        self.unproven_budget(rd);
        if self.multi {
            self.sheet_axis(rd);
        }
        // Sources of funder columns, in column order.
        for c in &self.header.columns {
            if let Some(Field::SourceColumn(id)) = &c.field {
                let name = c.label.clone();
                self.add_source(id, &name, rd.loc(self.header.last, c.col));
            }
        }
        let end = rd.sheet.end_row();
        self.end_col = rd.sheet.end_col();
        self.scan_rows(rd, end);
        for r in self.header.last + 1..end {
            if rd.sheet.row_hidden(r) {
                if (self.header.columns.iter()).any(|c| !rd.get(r, c.col).is_empty()) {
                    self.hidden_skipped.push(r);
                }
                continue;
            }
            self.row(rd, r);
        }
        self.report_skipped(rd);
        self.layout_notes(rd);
        self.check_totals(rd);
        if self.plan.activities.is_empty() {
            let loc = rd.loc(self.header.last, self.header.columns[0].col);
            rd.diags.push(Diagnostic::error(
                Code::MissingKey,
                loc,
                i18n::load::no_activity_below_header(lang, rd.name()),
            ));
        }
        self.report(rd, before)
    }

    /// Before the rows: the last titled row, whether "Produit" rows are axes,
    /// and the dotted codes that are parents of others.
    fn scan_rows(&mut self, rd: &Reading<'_, '_>, end: u32) {
        if let Some(tc) = self.col(&Field::Title) {
            self.last_title_row = (self.header.last + 1..end)
                .rev()
                .find(|&x| {
                    let t = text_at(rd.sheet, x, tc);
                    !t.is_empty() && !is_total(&fold(&t))
                })
                .unwrap_or(0);
        }
        if let Some(tc) = self.col(&Field::Title) {
            self.resultat_is_axis = (self.header.last + 1..end).any(|r| {
                let f = fold(&text_at(rd.sheet, r, tc));
                [
                    "produit ",
                    "output ",
                    "sous composante ",
                    "subcomponent ",
                    "sub component ",
                ]
                .iter()
                .any(|p| f.starts_with(p))
            });
        }
        // Dotted codes that others extend ("1" and "1.2" above "1.2.3"):
        // parent rows, whatever their title says.
        if let Some(cc) = self.col(&Field::Code) {
            let codes: Vec<String> = (self.header.last + 1..end)
                .filter(|&r| !rd.sheet.row_hidden(r))
                .filter_map(|r| dotted(&text_at(rd.sheet, r, cc)))
                .collect();
            self.code_depth = codes
                .iter()
                .map(|c| c.split('.').count())
                .max()
                .unwrap_or(0);
            for c in &codes {
                let mut parts: Vec<&str> = c.split('.').collect();
                while parts.len() > 1 {
                    parts.pop();
                    self.parent_codes.insert(parts.join("."));
                }
            }
        }
    }

    /// Notes on the layout as read: funder names over text columns, two
    /// budgets, the unit of the amounts, actions created.
    fn layout_notes(&self, rd: &mut Reading<'_, '_>) {
        let lang = rd.lang;
        for c in &self.header.columns {
            if c.field.is_none() && c.group.is_none() && families::is_funder(&c.label) {
                rd.diags.push(Diagnostic::warning(
                    Code::ImportNote,
                    rd.loc(self.header.last, c.col),
                    i18n::load::funder_column_text(lang, &c.label, source_id(&c.label)),
                ));
            }
        }
        if let (Some(ic), Some(ac)) = (self.col(&Field::Initial), self.col(&Field::Amount)) {
            rd.diags.push(Diagnostic::warning(
                Code::ImportNote,
                rd.loc(self.header.last, ac),
                i18n::load::two_budgets_chosen(lang, self.column_label(ac), self.column_label(ic)),
            ));
        }
        if let Some((d, origin)) = self.table_scale.clone()
            && d != Decimal::ONE
        {
            rd.diags.push(Diagnostic::warning(
                Code::ImportNote,
                rd.loc(self.header.last, self.header.columns[0].col),
                i18n::load::unit_of_amounts(
                    lang,
                    origin,
                    money::format_amount(
                        d,
                        &Currency {
                            code: String::new(),
                            decimals: 0,
                        },
                        lang,
                    )
                    .trim(),
                ),
            ));
        } else if !self.scales.is_empty() {
            let mut cols: Vec<(u32, Decimal)> = self.scales.iter().map(|(c, d)| (*c, *d)).collect();
            cols.sort();
            let (c, d) = cols[0];
            let label = self.column_label(c);
            rd.diags.push(Diagnostic::warning(
                Code::ImportNote,
                rd.loc(self.header.last, c),
                i18n::load::column_scaled(
                    lang,
                    label,
                    if d == Decimal::from(1000) {
                        i18n::load::thousands(lang)
                    } else {
                        i18n::load::millions(lang)
                    },
                    d,
                ),
            ));
        }
        if self.implicit_actions {
            rd.diags.push(Diagnostic::warning(
                Code::ImportNote,
                rd.loc(self.header.last, self.header.columns[0].col),
                i18n::load::one_action_per_axis(lang).to_string(),
            ));
        }
    }

    /// What was understood of the sheet, for `inspect` and the notes.
    fn report(&self, rd: &Reading<'_, '_>, before: (usize, usize, usize)) -> SheetReport {
        let added = &self.plan.activities[before.2.min(self.plan.activities.len())..];
        let lines = || added.iter().flat_map(|a| a.budget.iter());
        SheetReport {
            sheet: rd.sheet.name.clone(),
            header_rows: (self.header.first + 1, self.header.last + 1),
            columns: self
                .header
                .columns
                .iter()
                .map(|c| ColumnReport {
                    letter: col_name(c.col),
                    label: c.label.clone(),
                    shown: c.shown(),
                    field: c.field.clone(),
                    scale: self.scales.get(&c.col).copied(),
                })
                .collect(),
            levels: self.levels.clone(),
            scale: self.table_scale.clone(),
            axes: self.plan.axes.len() - before.0.min(self.plan.axes.len()),
            actions: self.plan.actions.len() - before.1.min(self.plan.actions.len()),
            activities: added.len(),
            budget: lines().map(BudgetLine::total).sum(),
            initial: lines().filter_map(|l| l.initial).sum(),
            hidden_rows: self.hidden_skipped.iter().map(|r| r + 1).collect(),
            hidden_cols: rd
                .sheet
                .hidden_cols
                .iter()
                .filter(|&&c| c < self.end_col)
                .map(|&c| col_name(c))
                .collect(),
        }
    }

    /// Says once how a level was found (for `ptba inspect`).
    pub(super) fn level_note(&mut self, key: &str, how: String) {
        if !self.levels.iter().any(|(k, _)| k == key) {
            self.levels.push((key.to_string(), how));
        }
    }
}
