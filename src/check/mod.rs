//! The rules of a plan and its progress log (SPEC §2–§3), each a diagnostic
//! with a stable code. Pure: model in, diagnostics out.

mod activity;
mod ids;
mod plan;
mod records;
#[cfg(test)]
mod tests;

use rust_decimal::Decimal;

use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::{self, Lang};
use crate::model::{Loc, Project};
use crate::money::{self, Currency};
use crate::text::nearest;

/// The id index lives in `model` now; kept here so that code written
/// against `check::Index` / `check::Names` still builds.
pub use crate::model::{Index, Names};
pub use ids::valid_id;

/// Every rule of the plan and its log.
pub fn check(project: &Project, lang: Lang) -> Vec<Diagnostic> {
    let mut c = Checker {
        lang,
        diags: Vec::new(),
        suggestion_budget: SUGGESTION_BUDGET,
    };
    let index = c.plan(&project.plan);
    c.records(&project.plan, &index, &project.records);
    c.diags
}

/// Candidates compared, all "did you mean" suggestions of one check
/// together. Each unknown id is compared with every id of its kind: a log
/// of 20 000 records naming activities of another plan, against a plan of
/// 20 000 activities, took 208 s. Past this budget, errors come without a
/// suggestion (a few tenths of a second of comparisons at most).
const SUGGESTION_BUDGET: usize = 200_000;

struct Checker {
    lang: Lang,
    diags: Vec<Diagnostic>,
    suggestion_budget: usize,
}

impl Checker {
    pub(super) fn err(&mut self, code: Code, loc: &Loc, msg: String) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(code, loc.clone(), msg));
        self.diags.last_mut().expect("just pushed")
    }

    pub(super) fn warn(&mut self, code: Code, loc: &Loc, msg: String) -> &mut Diagnostic {
        self.diags.push(Diagnostic::warning(code, loc.clone(), msg));
        self.diags.last_mut().expect("just pushed")
    }

    pub(super) fn suggest<'a>(
        &mut self,
        word: &str,
        candidates: impl ExactSizeIterator<Item = &'a str>,
    ) -> Option<String> {
        self.suggestion_budget = self.suggestion_budget.checked_sub(candidates.len())?;
        nearest(word, candidates).map(|n| i18n::check::did_you_mean(self.lang, n))
    }

    pub(super) fn decimals(
        &mut self,
        value: Option<Decimal>,
        currency: &Currency,
        loc: &Loc,
        what: &str,
    ) {
        let Some(v) = value else { return };
        let dp = money::significant_decimals(v);
        if dp > currency.decimals {
            let lang = self.lang;
            self.err(
                Code::TooManyDecimals,
                loc,
                i18n::check::too_many_decimals(
                    lang,
                    what,
                    money::raw(v),
                    dp,
                    &currency.code,
                    currency.decimals,
                ),
            )
            .help = Some(i18n::check::too_many_decimals_help(lang, currency.decimals));
        }
    }
}
