//! One activity: its budget lines, dates and partners.

use chrono::Datelike;

use super::Checker;
use crate::diagnostic::Code;
use crate::i18n;
use crate::model::{Activity, BudgetLine, Index, Plan};
use crate::money::{self, Currency};

impl Checker {
    pub(super) fn activity(
        &mut self,
        plan: &Plan,
        index: &Index<'_>,
        a: &Activity,
        cur: &Currency,
    ) {
        let lang = self.lang;
        for line in &a.budget {
            self.budget_line(plan, index, a, line, cur);
        }
        if let (Some(s), Some(e)) = (a.start, a.end)
            && s > e
        {
            self.err(
                Code::DateOrder,
                &a.end_loc,
                i18n::check::activity_ends_before_start(lang, &a.id, e, s),
            );
        }
        for (d, loc) in [(a.start, &a.start_loc), (a.end, &a.end_loc)] {
            if let Some(d) = d
                && plan.year != 0
                && d.year() != plan.year
            {
                self.warn(
                    Code::DateOutsideYear,
                    loc,
                    i18n::check::activity_date_outside_year(lang, d, plan.year),
                );
            }
        }
        // A workbook holds the partners in one cell, joined with "; ".
        if let Some(p) = a.partners.iter().find(|p| p.contains([';', '\n', '\r'])) {
            let lang = self.lang;
            self.warn(
                Code::PartnerSeparator,
                &a.loc,
                i18n::check::partner_would_split(lang, crate::text::printable(p), &a.id),
            )
            .help = Some(i18n::check::partner_would_split_help(lang).to_string());
        }
        self.indicators(&a.indicators, &a.id);
    }

    /// One budget line: a declared source, amount or quantity × unit cost
    /// (consistent when both), decimals of the currency.
    fn budget_line(
        &mut self,
        plan: &Plan,
        index: &Index<'_>,
        a: &Activity,
        line: &BudgetLine,
        cur: &Currency,
    ) {
        let lang = self.lang;
        if !line.source.is_empty() && !index.sources.contains_key(line.source.as_str()) {
            let help = self
                .suggest(&line.source, plan.sources.iter().map(|s| s.id.as_str()))
                .or_else(|| Some(i18n::check::declare_source_help(lang).to_string()));
            self.err(
                Code::UnknownSource,
                &line.source_loc,
                i18n::check::line_source_not_declared(lang, &a.id, &line.source),
            )
            .help = help;
        }
        match (line.amount, line.quantity, line.unit_cost) {
            (Some(_), None, None) => {}
            (None, Some(q), Some(u)) => match q.checked_mul(u) {
                Some(t) if t <= money::MAX_AMOUNT => self.decimals(
                    Some(t),
                    cur,
                    &line.loc,
                    i18n::check::what_quantity_times_cost(lang),
                ),
                _ => {
                    self.err(
                        Code::TooLarge,
                        &line.loc,
                        i18n::check::quantity_times_cost_too_large(lang),
                    );
                }
            },
            (Some(amt), Some(q), Some(u)) => {
                if q.checked_mul(u) != Some(amt) {
                    let product = q
                        .checked_mul(u)
                        .map(money::raw)
                        .unwrap_or_else(|| "∞".into());
                    self.err(
                        Code::QuantityMismatch,
                        &line.loc,
                        i18n::check::quantity_mismatch(
                            lang,
                            money::raw(amt),
                            money::raw(q),
                            money::raw(u),
                            &product,
                        ),
                    )
                    .help = Some(i18n::check::quantity_mismatch_help(lang).to_string());
                }
            }
            _ => {
                self.err(
                    Code::BudgetLineForm,
                    &line.loc,
                    i18n::check::budget_line_form(lang, &a.id),
                );
            }
        }
        self.decimals(line.amount, cur, &line.loc, i18n::check::what_amount(lang));
        self.decimals(
            line.unit_cost,
            cur,
            &line.loc,
            i18n::check::what_unit_cost(lang),
        );
        self.decimals(
            line.initial,
            cur,
            &line.loc,
            i18n::check::what_initial_amount(lang),
        );
    }
}
