//! Each row: section rows, parent rows, total rows; opening axes and actions.

use super::*;
use crate::i18n;

impl Builder<'_> {
    /// Texts of the row's non-money cells, and whether any money cell has a value.
    pub(super) fn row(&mut self, rd: &mut Reading<'_, '_>, r: u32) {
        let sheet = rd.sheet;
        let cols: Vec<u32> = self.header.columns.iter().map(|c| c.col).collect();
        let money: HashSet<u32> = self.money_cols.iter().copied().collect();
        let texts: Vec<(u32, String)> = (sheet.origin.1..self.end_col)
            .filter(|c| !money.contains(c) && !sheet.col_hidden(*c))
            .filter_map(|c| {
                let v = sheet.get(r, c);
                matches!(v, Value::Text(_)).then(|| (c, v.text()))
            })
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let any_value = cols.iter().any(|&c| !is_blankish(sheet.get(r, c))) || !texts.is_empty();
        if !any_value {
            return;
        }
        // Total rows.
        if let Some((_, label)) = texts.iter().find(|(_, t)| is_total(&fold(t))) {
            let label = label.clone();
            self.total_row(rd, r, &label);
            return;
        }
        // Section rows: one distinct text (besides its own code in the code
        // column), nothing in the other identifying columns.
        // The section's code beside it: "1", "1.2", or a short tag like
        // "C1", "SC 1.1", "OS2", in the code column or in a column the
        // header does not name (IFAD's "Results #").
        let is_tag = |c: &str| {
            c.chars().count() <= 10
                && c.chars().any(|x| x.is_ascii_digit())
                && c.chars()
                    .all(|x| x.is_ascii_alphanumeric() || x == '.' || x == ' ')
        };
        let title_col = self.col(&Field::Title);
        let named = |c: u32| {
            self.header
                .columns
                .iter()
                .any(|h| h.col == c && h.field.as_ref().is_some_and(|f| *f != Field::Code))
        };
        let tag = self
            .col(&Field::Code)
            .and_then(|c| rd.text(r, Some(c)).map(|t| (c, t)))
            .or_else(|| {
                texts
                    .iter()
                    .find(|(c, t)| Some(*c) != title_col && !named(*c) && is_tag(t))
                    .cloned()
            })
            .filter(|(_, t)| is_tag(t));
        let own_code = tag.as_ref().map(|(_, t)| t.clone());
        let rest: Vec<&(u32, String)> = texts
            .iter()
            .filter(|(c, _)| tag.as_ref().is_none_or(|(tc, _)| c != tc))
            .collect();
        let distinct: HashSet<&str> = rest.iter().map(|(_, t)| t.as_str()).collect();
        let sec = if distinct.len() == 1 {
            self.section_of(rd, r, rest[0].0, rest[0].1.as_str())
        } else {
            None
        };
        if let Some(sec) = sec {
            let Some((level, code, title)) = sec else {
                return; // refused: the error is said
            };
            let code = code.or(own_code.map(|c| {
                // "SC 1.1" → "1.1": the number is the code.
                let n = c.trim_start_matches(|x: char| x.is_ascii_alphabetic() || x == ' ');
                n.trim_end_matches('.').to_string()
            }));
            let lang = rd.lang;
            let key = match level {
                Level::Axis => i18n::load::axes(lang),
                Level::Action => i18n::load::actions(lang),
            };
            self.level_note(key, i18n::load::section_rows(lang, &rest[0].1, r + 1));
            // A section merged across fills the money columns with its
            // title: only numbers there are totals.
            let values = self.money_values_quiet(rd, r);
            let loc_col = rest[0].0;
            let scope = match level {
                Level::Axis => {
                    self.open_axis(rd, r, loc_col, code, title);
                    Scope::Axis(self.axis.unwrap_or(0))
                }
                Level::Action => {
                    self.open_action(rd, r, loc_col, code, title);
                    Scope::Action(self.action.unwrap_or(0))
                }
            };
            if !values.is_empty() {
                self.totals.push(TotalRow {
                    row: r,
                    label: rest[0].1.clone(),
                    scope,
                    values,
                });
            }
            return;
        }
        if self.parent_row(rd, r) {
            return;
        }
        self.data_row(rd, r);
    }

    /// A row whose dotted code other rows extend is a level, not an
    /// activity: with three levels of codes, "1" opens an axis and "1.2" an
    /// action (their amounts are subtotals). A fourth level (tâches under
    /// activités) is refused: which rows are the activities is not proven.
    pub(super) fn parent_row(&mut self, rd: &mut Reading<'_, '_>, r: u32) -> bool {
        let Some(cc) = self.col(&Field::Code) else {
            return false;
        };
        let Some(code) = dotted(&text_at(rd.sheet, r, cc)) else {
            return false;
        };
        if !self.parent_codes.contains(&code) {
            return false;
        }
        let lang = rd.lang;
        let depth = code.split('.').count();
        let title_col = self.col(&Field::Title).unwrap_or(cc);
        let title = rd.text(r, Some(title_col)).unwrap_or_else(|| code.clone());
        if self.code_depth > 3 {
            let child = format!("{code}.1");
            rd.error(
                Code::LevelUnproven,
                r,
                cc,
                i18n::load::code_levels_unproven(lang, code, r + 1, child, self.code_depth),
            );
            if let Some(d) = rd.diags.last_mut() {
                d.help = Some(i18n::load::code_levels_help(lang).to_string());
            }
            return true;
        }
        let values = self.money_values_quiet(rd, r);
        let (key, scope) = if depth == 1 {
            self.open_axis(rd, r, cc, Some(code.clone()), title.clone());
            (i18n::load::axes(lang), Scope::Axis(self.axis.unwrap_or(0)))
        } else {
            self.open_action(rd, r, cc, Some(code.clone()), title.clone());
            (
                i18n::load::actions(lang),
                Scope::Action(self.action.unwrap_or(0)),
            )
        };
        self.level_note(
            key,
            i18n::load::dotted_rows_with_children(lang, code, r + 1),
        );
        if !values.is_empty() {
            self.totals.push(TotalRow {
                row: r,
                label: title,
                scope,
                values,
            });
        }
        true
    }

    /// Whether a row's lone text opens a section: `None` when it does not,
    /// `Some(None)` when it looks like one but nothing proves it (refused),
    /// else the level, code and title. With `[levels]` in the mapping, only
    /// the words stated there open sections, and they need no other proof.
    #[allow(clippy::type_complexity)]
    pub(super) fn section_of(
        &mut self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        c: u32,
        text: &str,
    ) -> Option<Option<(Level, Option<String>, String)>> {
        let lang = rd.lang;
        if let Some(levels) = self.mapping.and_then(|m| m.levels.as_ref()) {
            let f = fold(text);
            let starts = |words: &Option<Vec<String>>| {
                words.as_ref().is_some_and(|ws| {
                    ws.iter().any(|w| {
                        let w = fold(w);
                        !w.is_empty() && (f == w || f.starts_with(&format!("{w} ")))
                    })
                })
            };
            let level = if starts(&levels.action) {
                Level::Action
            } else if starts(&levels.axis) {
                Level::Axis
            } else {
                return None;
            };
            let (_, code, title) = section(text).unwrap_or((level.clone(), None, text.to_string()));
            return Some(Some((level, code, title)));
        }
        let (mut level, code, title) = section(text)?;
        let f = fold(text);
        if level == Level::Action
            && self.resultat_is_axis
            && (f.starts_with("resultat") || f.starts_with("effet") || f.starts_with("outcome"))
        {
            level = Level::Axis;
        }
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        let upper = letters.len() > 3 && letters.iter().all(|c| c.is_uppercase());
        let head = text.chars().take(48).collect::<String>();
        let separated = head.contains(':') || head.contains(" - ") || head.contains(" – ");
        if code.is_some() || upper || separated || title.is_empty() {
            return Some(Some((level, code, title)));
        }
        let what = match level {
            Level::Axis => i18n::load::axis_lower(lang),
            Level::Action => i18n::load::action_lower(lang),
        };
        let word = text
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        let (number, key) = if level == Level::Axis {
            ("1", "axis")
        } else {
            ("1.2", "action")
        };
        rd.error(
            Code::LevelUnproven,
            r,
            c,
            i18n::load::level_unproven(lang, text, r + 1, what, &word, number),
        );
        if let Some(d) = rd.diags.last_mut() {
            d.help = Some(i18n::load::level_unproven_help(lang, word, number, key));
        }
        Some(None)
    }

    pub(super) fn money_values(&mut self, rd: &mut Reading<'_, '_>, r: u32) -> Vec<(u32, Decimal)> {
        let mut out = Vec::new();
        for &c in &self.money_cols.clone() {
            if is_blankish(rd.get(r, c)) {
                continue;
            }
            if let Some(d) = self.amount(rd, r, c) {
                out.push((c, d));
            }
        }
        out
    }

    pub(super) fn total_row(&mut self, rd: &mut Reading<'_, '_>, r: u32, label: &str) {
        let f = fold(label);
        let words: Vec<&str> = f.split(' ').collect();
        let has = |w: &str| words.contains(&w);
        let later_data = self.later_data(rd, r);
        let scope = if has("general")
            || has("global")
            || f.starts_with("grand total")
            || has("ptba")
            || has("pta")
            || has("plan")
        {
            Scope::Plan
        } else if has("sous") && (has("composante") || has("programme"))
            || has("subcomponent")
            || has("sub") && has("component")
            || has("produit")
            || has("output")
        {
            Scope::Action(self.action.unwrap_or(0))
        } else if has("axe")
            || has("programme")
            || has("pilier")
            || has("composante")
            || has("component")
            || has("os")
            || has("effet")
            || has("outcome")
        {
            Scope::Axis(self.axis.unwrap_or(0))
        } else if has("action") {
            Scope::Action(self.action.unwrap_or(0))
        } else if f == "total" && !later_data {
            Scope::Plan
        } else {
            Scope::Rows(self.since_total, self.data.len())
        };
        let values = self.money_values(rd, r);
        self.totals.push(TotalRow {
            row: r,
            label: label.to_string(),
            scope,
            values,
        });
        self.since_total = self.data.len();
    }

    /// Whether an activity follows row `r`.
    pub(super) fn later_data(&self, _rd: &Reading<'_, '_>, r: u32) -> bool {
        r < self.last_title_row
    }

    pub(super) fn open_axis(
        &mut self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        c: u32,
        code: Option<String>,
        title: String,
    ) {
        let id = code.unwrap_or_else(|| (self.plan.axes.len() + 1).to_string());
        if let Some(&i) = self.axis_index.get(&id) {
            self.axis = Some(i);
        } else {
            self.axis_index.insert(id.clone(), self.plan.axes.len());
            self.plan.axes.push(Axis {
                id,
                title,
                loc: rd.loc(r, c),
                ..Default::default()
            });
            self.axis = Some(self.plan.axes.len() - 1);
        }
        self.action = None;
        self.last_activity = None;
    }

    pub(super) fn open_action(
        &mut self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        c: u32,
        code: Option<String>,
        title: String,
    ) {
        self.action_from_code = false;
        let axis = self.ensure_axis(rd, r, c);
        let axis_id = self.plan.axes[axis].id.clone();
        let n = self.actions_per_axis.get(&axis_id).copied().unwrap_or(0) + 1;
        let id = match code {
            Some(c) if c.contains('.') => c,
            Some(c) => format!("{axis_id}.{c}"),
            None => format!("{axis_id}.{n}"),
        };
        if let Some(&i) = self.action_index.get(&id) {
            self.action = Some(i);
        } else {
            *self.actions_per_axis.entry(axis_id.clone()).or_default() += 1;
            self.push_action(rd.loc(r, c), id, axis_id, title);
        }
        self.last_activity = None;
    }

    pub(super) fn ensure_axis(&mut self, rd: &mut Reading<'_, '_>, r: u32, c: u32) -> usize {
        if let Some(a) = self.axis {
            return a;
        }
        let lang = rd.lang;
        rd.diags.push(Diagnostic::warning(
            Code::ImportNote,
            rd.loc(r, c),
            i18n::load::axis_created(lang).to_string(),
        ));
        let title = self.plan.title.clone();
        self.level_note(
            i18n::load::axes(lang),
            i18n::load::no_axis_created(lang).to_string(),
        );
        self.open_axis(rd, r, c, Some("1".into()), title);
        self.axis.unwrap_or(0)
    }

    pub(super) fn ensure_action(&mut self, rd: &mut Reading<'_, '_>, r: u32, c: u32) -> usize {
        if let Some(a) = self.action {
            return a;
        }
        let axis = self.ensure_axis(rd, r, c);
        let axis_id = self.plan.axes[axis].id.clone();
        let id = format!("{axis_id}.0");
        if let Some(&i) = self.action_index.get(&id) {
            self.action = Some(i);
            return i;
        }
        self.implicit_actions = true;
        let lang = rd.lang;
        self.level_note(
            i18n::load::actions(lang),
            i18n::load::no_action_per_axis(lang).to_string(),
        );
        let title = self.plan.axes[axis].title.clone();
        self.push_action(rd.loc(r, c), id, axis_id, title)
    }

    /// A new action of axis `axis_id`, found at `loc`; it becomes the
    /// current one.
    fn push_action(&mut self, loc: Loc, id: String, axis_id: String, title: String) -> usize {
        let i = self.plan.actions.len();
        self.action_index.insert(id.clone(), i);
        self.plan.actions.push(Action {
            id,
            axis: axis_id,
            axis_loc: loc.clone(),
            title,
            loc,
            ..Default::default()
        });
        self.action = Some(i);
        i
    }
}
