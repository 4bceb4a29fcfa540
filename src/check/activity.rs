//! One activity: its budget lines, dates and partners.

use chrono::Datelike;

use super::Checker;
use crate::diagnostic::Code;
use crate::model::{Activity, BudgetLine, Index, Plan};
use crate::money::{self, Currency};
use crate::tr;

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
                tr!(
                    lang,
                    "l'activité `{}` finit ({}) avant de commencer ({})",
                    "activity `{}` ends ({}) before it starts ({})",
                    a.id,
                    e,
                    s
                ),
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
                    tr!(
                        lang,
                        "date {} hors de l'année du plan ({})",
                        "date {} is outside the plan year ({})",
                        d,
                        plan.year
                    ),
                );
            }
        }
        // A workbook holds the partners in one cell, joined with "; ".
        if let Some(p) = a.partners.iter().find(|p| p.contains([';', '\n', '\r'])) {
            let lang = self.lang;
            self.warn(
                Code::PartnerSeparator,
                &a.loc,
                tr!(
                    lang,
                    "partenaire « {} » de `{}` : un « ; » ou un saut de ligne le couperait en plusieurs dans un classeur",
                    "partner \"{}\" of `{}`: a \";\" or a line break would split it into several in a workbook",
                    crate::text::printable(p),
                    a.id
                ),
            )
            .help = Some(lang.pick("écrire un partenaire par élément de la liste", "write one partner per list item").to_string());
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
                .or_else(|| {
                    Some(
                        lang.pick(
                            "déclarer la source dans un bloc [[source]]",
                            "declare the source in a [[source]] block",
                        )
                        .to_string(),
                    )
                });
            self.err(
                Code::UnknownSource,
                &line.source_loc,
                tr!(
                    lang,
                    "l'activité `{}` est financée par `{}`, source qui n'est pas déclarée",
                    "activity `{}` is funded by `{}`, a source that is not declared",
                    a.id,
                    line.source
                ),
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
                    lang.pick(
                        "montant (quantité × coût unitaire)",
                        "amount (quantity × unit cost)",
                    ),
                ),
                _ => {
                    self.err(
                        Code::TooLarge,
                        &line.loc,
                        tr!(
                            lang,
                            "quantité × coût unitaire démesuré",
                            "quantity × unit cost out of range"
                        ),
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
                        tr!(
                            lang,
                            "amount = {} mais quantity × unit_cost = {} × {} = {}",
                            "amount = {} but quantity × unit_cost = {} × {} = {}",
                            money::raw(amt),
                            money::raw(q),
                            money::raw(u),
                            product
                        ),
                    )
                    .help = Some(
                        lang.pick(
                            "garder amount seul, ou quantity et unit_cost seuls",
                            "keep amount alone, or quantity and unit_cost alone",
                        )
                        .to_string(),
                    );
                }
            }
            _ => {
                self.err(
                    Code::BudgetLineForm,
                    &line.loc,
                    tr!(
                        lang,
                        "ligne budgétaire de `{}` : indiquer amount, ou quantity et unit_cost",
                        "budget line of `{}`: give amount, or quantity and unit_cost",
                        a.id
                    ),
                );
            }
        }
        self.decimals(line.amount, cur, &line.loc, lang.pick("montant", "amount"));
        self.decimals(
            line.unit_cost,
            cur,
            &line.loc,
            lang.pick("coût unitaire", "unit cost"),
        );
        self.decimals(
            line.initial,
            cur,
            &line.loc,
            lang.pick("montant initial", "initial amount"),
        );
    }
}
