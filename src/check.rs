//! The rules of a plan and its progress log (SPEC §2–§3), each a diagnostic
//! with a stable code. Pure: model in, diagnostics out.

use std::collections::HashSet;

use rustc_hash::FxHashMap as HashMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::model::*;
use crate::money::{self, Currency};
use crate::text::nearest;
use crate::tr;

/// 1–32 characters: letters, digits, `.`, `-`, `_`.
pub fn valid_id(id: &str) -> bool {
    let n = id.chars().count();
    (1..=32).contains(&n)
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

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

/// Ids of the plan resolved once: every lookup afterwards is a hash lookup.
pub struct Index<'p> {
    pub sources: HashMap<&'p str, usize>,
    pub axes: HashMap<&'p str, usize>,
    pub actions: HashMap<&'p str, usize>,
    pub activities: HashMap<&'p str, usize>,
}

impl<'p> Index<'p> {
    pub fn new(plan: &'p Plan) -> Self {
        fn map<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, usize> {
            let mut m = HashMap::with_capacity_and_hasher(items.len(), Default::default());
            for (i, it) in items.iter().enumerate() {
                m.entry(id(it)).or_insert(i);
            }
            m
        }
        Index {
            sources: map(&plan.sources, |s| s.id.as_str()),
            axes: map(&plan.axes, |a| a.id.as_str()),
            actions: map(&plan.actions, |a| a.id.as_str()),
            activities: map(&plan.activities, |a| a.id.as_str()),
        }
    }
}

/// Candidates compared, all "did you mean" suggestions of one check
/// together. Each unknown id is compared with every id of its kind: a log
/// of 20 000 records naming activities of another plan, against a plan of
/// 20 000 activities, took 208 s. Past this budget, errors come without a
/// suggestion (a few tenths of a second of comparisons at most).
const SUGGESTION_BUDGET: usize = 200_000;

/// Whether an entry has an indicator (or an activity a source) of a given
/// name. Short lists are scanned; long ones (a hostile plan may give one
/// activity 50 000 indicators or 30 000 budget lines) are hashed once, so that
/// a lookup per record stays cheap. Levels: 0 axis, 1 action, 2 activity.
pub struct Names<'p> {
    long: HashSet<(u8, usize, &'p str)>,
}

impl<'p> Names<'p> {
    const SHORT: usize = 16;

    pub fn new(plan: &'p Plan) -> Self {
        let mut long = HashSet::new();
        for (i, a) in plan.activities.iter().enumerate() {
            if a.budget.len() > Self::SHORT {
                long.extend(a.budget.iter().map(|l| (3, i, l.source.as_str())));
            }
        }
        let levels: [(u8, Vec<&'p [Indicator]>); 3] = [
            (0, plan.axes.iter().map(|x| &x.indicators[..]).collect()),
            (1, plan.actions.iter().map(|x| &x.indicators[..]).collect()),
            (
                2,
                plan.activities.iter().map(|x| &x.indicators[..]).collect(),
            ),
        ];
        for (level, lists) in &levels {
            for (i, list) in lists.iter().enumerate() {
                if list.len() > Self::SHORT {
                    long.extend(list.iter().map(|ind| (*level, i, ind.name.as_str())));
                }
            }
        }
        Names { long }
    }

    /// Entry `i` of `level`, whose indicators are `list`, has one named `name`.
    pub fn indicator(&self, level: u8, i: usize, list: &[Indicator], name: &str) -> bool {
        if list.len() > Self::SHORT {
            self.long.contains(&(level, i, name))
        } else {
            list.iter().any(|ind| ind.name == name)
        }
    }

    /// Activity `ai` (`a`) has a budget line from `source`.
    pub fn source(&self, ai: usize, a: &Activity, source: &str) -> bool {
        if a.budget.len() > Self::SHORT {
            self.long.contains(&(3, ai, source))
        } else {
            a.has_source(source)
        }
    }
}

struct Checker {
    lang: Lang,
    diags: Vec<Diagnostic>,
    suggestion_budget: usize,
}

impl Checker {
    fn err(&mut self, code: Code, loc: &Loc, msg: String) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(code, loc.clone(), msg));
        self.diags.last_mut().expect("just pushed")
    }

    fn warn(&mut self, code: Code, loc: &Loc, msg: String) -> &mut Diagnostic {
        self.diags.push(Diagnostic::warning(code, loc.clone(), msg));
        self.diags.last_mut().expect("just pushed")
    }

    fn suggest<'a>(
        &mut self,
        word: &str,
        candidates: impl ExactSizeIterator<Item = &'a str>,
    ) -> Option<String> {
        self.suggestion_budget = self.suggestion_budget.checked_sub(candidates.len())?;
        nearest(word, candidates).map(|n| {
            tr!(
                self.lang,
                "vouliez-vous dire `{}` ?",
                "did you mean `{}`?",
                n
            )
        })
    }

    fn decimals(&mut self, value: Option<Decimal>, currency: &Currency, loc: &Loc, what: &str) {
        let Some(v) = value else { return };
        let dp = money::significant_decimals(v);
        if dp > currency.decimals {
            let lang = self.lang;
            self.err(
                Code::TooManyDecimals,
                loc,
                tr!(
                    lang,
                    "{} {} : {} décimale(s) alors que {} n'en a que {}",
                    "{} {}: {} decimal(s) but {} has only {}",
                    what,
                    money::raw(v),
                    dp,
                    currency.code,
                    currency.decimals
                ),
            )
            .help = Some(tr!(
                lang,
                "arrondir le montant à l'unité de la devise ({} décimale(s))",
                "round the amount to the currency's unit ({} decimal(s))",
                currency.decimals
            ));
        }
    }

    /// E033 when `id` looks like an id already seen (same skeleton, other
    /// characters); W121 when it mixes scripts. Ids of pure ASCII are
    /// their own skeleton and cannot collide with one another here.
    fn look_alike<'i>(&mut self, skeletons: &mut HashMap<String, &'i str>, id: &'i str, loc: &Loc) {
        let lang = self.lang;
        let shown = crate::text::printable(id);
        if !id.is_ascii() && crate::confusables::mixes_scripts(id) {
            self.warn(
                Code::MixedScriptId,
                loc,
                tr!(
                    lang,
                    "l'identifiant `{}` mêle des alphabets (latin, cyrillique, grec…) : {}",
                    "id `{}` mixes scripts (Latin, Cyrillic, Greek…): {}",
                    shown,
                    crate::confusables::non_ascii(id)
                ),
            )
            .help = Some(
                lang.pick(
                    "retaper l'identifiant au clavier latin",
                    "type the id again on a Latin keyboard",
                )
                .to_string(),
            );
        }
        let sk = crate::confusables::skeleton(id);
        match skeletons.get(&sk) {
            Some(&other) if other != id => {
                let (a, b) = (crate::text::printable(other), shown.clone());
                let odd = crate::confusables::non_ascii(&format!("{other}{id}"));
                self.err(
                    Code::LookAlikeId,
                    loc,
                    tr!(
                        lang,
                        "identifiant `{}` identique à l'œil à `{}`, déjà utilisé : ce sont des caractères différents ({})",
                        "id `{}` looks the same as `{}`, already used: they are different characters ({})",
                        b,
                        a,
                        odd
                    ),
                )
                .help = Some(
                    lang.pick(
                        "retaper l'identifiant au clavier latin ; s'il s'agit d'une autre entrée, lui donner un identifiant distinct",
                        "type the id again on a Latin keyboard; if it is another entry, give it a distinct id",
                    )
                    .to_string(),
                );
            }
            Some(_) => {}
            None => {
                skeletons.insert(sk, id);
            }
        }
    }

    fn id(&mut self, id: &str, loc: &Loc) {
        // A missing, mistyped or empty id in a text plan is the loader's to
        // report (E004, E005, E006): do not say it twice.
        if id.is_empty() && matches!(loc, Loc::Span { .. } | Loc::File(_)) {
            return;
        }
        if !valid_id(id) {
            let lang = self.lang;
            self.err(
                Code::InvalidId,
                loc,
                tr!(
                    lang,
                    "identifiant invalide `{}` : 1 à 32 lettres, chiffres, `.`, `-` ou `_`",
                    "invalid id `{}`: 1 to 32 letters, digits, `.`, `-` or `_`",
                    crate::text::printable(id)
                ),
            );
        }
    }

    fn plan<'p>(&mut self, plan: &'p Plan) -> Index<'p> {
        let lang = self.lang;
        let index = Index::new(plan);
        let cur = &plan.currency;

        // Ids: format, and unique across axes, actions and activities —
        // also to the eye (look-alike letters of other scripts).
        let mut seen: HashMap<&str, &Loc> = HashMap::default();
        let mut skeletons: HashMap<String, &str> = HashMap::default();
        let entries = plan
            .axes
            .iter()
            .map(|a| (a.id.as_str(), &a.loc))
            .chain(plan.actions.iter().map(|a| (a.id.as_str(), &a.loc)))
            .chain(plan.activities.iter().map(|a| (a.id.as_str(), &a.loc)));
        for (id, loc) in entries {
            self.id(id, loc);
            if id.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(id) {
                let first = (*first).clone();
                self.err(
                    Code::DuplicateId,
                    loc,
                    tr!(
                        lang,
                        "identifiant `{}` déjà utilisé",
                        "id `{}` is already used",
                        id
                    ),
                )
                .help = Some(
                    lang.pick(
                        "chaque axe, action et activité a son propre identifiant",
                        "each axis, action and activity needs its own id",
                    )
                    .to_string(),
                );
                let _ = first;
            } else {
                seen.insert(id, loc);
                self.look_alike(&mut skeletons, id, loc);
            }
        }
        let mut source_skeletons = HashMap::default();
        let mut source_seen = HashSet::new();
        for s in &plan.sources {
            self.id(&s.id, &s.loc);
            if !s.id.is_empty() && !source_seen.contains(s.id.as_str()) {
                self.look_alike(&mut source_skeletons, &s.id, &s.loc);
            }
            if !source_seen.insert(s.id.as_str()) {
                self.err(
                    Code::DuplicateId,
                    &s.loc,
                    tr!(
                        lang,
                        "source `{}` déclarée deux fois",
                        "source `{}` is declared twice",
                        s.id
                    ),
                );
            }
        }

        // References.
        let mut actions_per_axis: HashMap<&str, usize> = HashMap::default();
        for a in &plan.actions {
            if a.axis.is_empty() {
                continue;
            }
            if index.axes.contains_key(a.axis.as_str()) {
                *actions_per_axis.entry(a.axis.as_str()).or_default() += 1;
            } else {
                let help = self.suggest(&a.axis, plan.axes.iter().map(|x| x.id.as_str()));
                self.err(
                    Code::UnknownAxis,
                    &a.axis_loc,
                    tr!(
                        lang,
                        "l'action `{}` renvoie à l'axe `{}`, qui n'existe pas",
                        "action `{}` refers to axis `{}`, which does not exist",
                        a.id,
                        a.axis
                    ),
                )
                .help = help;
            }
        }
        let mut activities_per_action: HashMap<&str, usize> = HashMap::default();
        for a in &plan.activities {
            if !a.action.is_empty() {
                if index.actions.contains_key(a.action.as_str()) {
                    *activities_per_action.entry(a.action.as_str()).or_default() += 1;
                } else {
                    let help = self.suggest(&a.action, plan.actions.iter().map(|x| x.id.as_str()));
                    self.err(
                        Code::UnknownAction,
                        &a.action_loc,
                        tr!(
                            lang,
                            "l'activité `{}` renvoie à l'action `{}`, qui n'existe pas",
                            "activity `{}` refers to action `{}`, which does not exist",
                            a.id,
                            a.action
                        ),
                    )
                    .help = help;
                }
            }
            self.activity(plan, &index, a, cur);
        }
        for ax in &plan.axes {
            if !ax.id.is_empty() && !actions_per_axis.contains_key(ax.id.as_str()) {
                self.warn(
                    Code::EmptyAxis,
                    &ax.loc,
                    tr!(
                        lang,
                        "l'axe `{}` n'a aucune action",
                        "axis `{}` has no action",
                        ax.id
                    ),
                );
            }
            self.indicators(&ax.indicators, &ax.id);
        }
        for ac in &plan.actions {
            if !ac.id.is_empty() && !activities_per_action.contains_key(ac.id.as_str()) {
                self.warn(
                    Code::EmptyAction,
                    &ac.loc,
                    tr!(
                        lang,
                        "l'action `{}` n'a aucune activité",
                        "action `{}` has no activity",
                        ac.id
                    ),
                );
            }
            self.indicators(&ac.indicators, &ac.id);
        }

        // The classic typo of hand-made plans: a total that is not the sum.
        if let Some(declared) = plan.budget_total {
            self.decimals(Some(declared), cur, &plan.budget_total_loc, "budget_total");
            let computed: Decimal = plan.activities.iter().map(Activity::budget_total).sum();
            if declared != computed {
                let diff = declared - computed;
                let (d, c, x) = (
                    money::format_money(declared, cur, lang),
                    money::format_money(computed, cur, lang),
                    money::format_money(diff, cur, lang),
                );
                self.err(
                    Code::BudgetTotal,
                    &plan.budget_total_loc,
                    tr!(
                        lang,
                        "budget_total = {} mais la somme des lignes budgétaires est {} (écart : {})",
                        "budget_total = {} but the budget lines add up to {} (difference: {})",
                        d,
                        c,
                        x
                    ),
                )
                .help = Some(
                    lang.pick(
                        "corriger le total déclaré ou la ligne erronée",
                        "fix the declared total or the wrong line",
                    )
                    .to_string(),
                );
            }
        }
        index
    }

    fn activity(&mut self, plan: &Plan, index: &Index<'_>, a: &Activity, cur: &Currency) {
        let lang = self.lang;
        for line in &a.budget {
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

    fn indicators(&mut self, list: &[Indicator], owner: &str) {
        let mut names = HashSet::new();
        for ind in list {
            if !ind.name.is_empty() && !names.insert(ind.name.as_str()) {
                let lang = self.lang;
                self.err(
                    Code::DuplicateIndicator,
                    &ind.loc,
                    tr!(
                        lang,
                        "`{}` a deux indicateurs nommés « {} »",
                        "`{}` has two indicators named \"{}\"",
                        owner,
                        ind.name
                    ),
                );
            }
        }
    }

    /// E031: a correction takes a cumulative spent or committed below zero,
    /// of the activity (`src` = `None`) or of one of its sources.
    fn negative_cumulative(
        &mut self,
        plan: &Plan,
        a: &Activity,
        r: &Record,
        x: Decimal,
        is_spent: bool,
        src: Option<Option<usize>>,
    ) {
        let lang = self.lang;
        let what = match (is_spent, lang) {
            (true, Lang::Fr) => "décaissé",
            (false, Lang::Fr) => "engagé",
            (true, Lang::En) => "spent",
            (false, Lang::En) => "committed",
        };
        let whose = match src {
            None => tr!(lang, "de l'activité `{}`", "of activity `{}`", a.id),
            Some(Some(si)) => tr!(
                lang,
                "de la source `{}` sur l'activité `{}`",
                "of source `{}` on activity `{}`",
                plan.sources[si].id,
                a.id
            ),
            Some(None) => tr!(
                lang,
                "non ventilé de l'activité `{}`",
                "unattributed of activity `{}`",
                a.id
            ),
        };
        let loc = if is_spent {
            &r.spent_loc
        } else {
            &r.committed_loc
        };
        let shown = money::format_money(x, &plan.currency, lang);
        self.err(
            Code::NegativeCumulative,
            loc,
            tr!(
                lang,
                "cette correction rend négatif le cumul {} {} au {} : {}",
                "this correction makes the cumulative {} {} negative on {}: {}",
                what,
                whose,
                r.date,
                shown
            ),
        )
        .help = Some(
            lang.pick(
                "une correction annule au plus ce qui a été enregistré avant elle (même activité, même source, date antérieure ou égale)",
                "a correction reverses at most what was recorded before it (same activity, same source, same or earlier date)",
            )
            .to_string(),
        );
    }

    fn records(&mut self, plan: &Plan, index: &Index<'_>, records: &[Record]) {
        let lang = self.lang;
        let cur = &plan.currency;
        // Each activity's history is walked in date order (then log order),
        // as computed; activity after activity, so that the work on one
        // stays together (the log of a national plan is in no useful order).
        let mut order: Vec<(u32, NaiveDate, u32)> = Vec::with_capacity(records.len());
        #[derive(Default)]
        struct Acc {
            status: Option<Status>,
            spent: Decimal,
            committed: Decimal,
            warned_over: bool,
            warned_paid: bool,
            /// Cumulative (spent, committed) per source index (`None`:
            /// unattributed), to refuse a correction that takes one below 0.
            by_source: rustc_hash::FxHashMap<Option<usize>, (Decimal, Decimal)>,
        }
        let mut acc: Vec<Acc> = Vec::new();
        acc.resize_with(plan.activities.len(), Acc::default);
        // Per-source sums are only needed to check corrections.
        let track_sources = records.iter().any(|r| r.correction);
        // Per record, whether the activity is funded by a source and has an
        // indicator: long lists are hashed once (an activity of 30 000
        // budget lines and a log of 100 000 records took 40 s).
        let single: Vec<Option<&str>> = plan
            .activities
            .iter()
            .map(Activity::single_source)
            .collect();
        let budgets: Vec<Decimal> = plan.activities.iter().map(Activity::budget_total).collect();
        let names = Names::new(plan);
        let has_indicator = |level: u8, i: usize, list: &[Indicator], name: &str| {
            names.indicator(level, i, list, name)
        };
        let funds = |ai: usize, a: &Activity, source: &str| names.source(ai, a, source);
        for (i, r) in records.iter().enumerate() {
            if r.activity.is_empty() {
                continue;
            }
            let Some(&ai) = index.activities.get(r.activity.as_str()) else {
                let help = self.suggest(&r.activity, plan.activities.iter().map(|a| a.id.as_str()));
                self.err(
                    Code::UnknownActivity,
                    &r.activity_loc,
                    tr!(
                        lang,
                        "activité inconnue `{}`",
                        "unknown activity `{}`",
                        r.activity
                    ),
                )
                .help = help;
                continue;
            };
            order.push((ai as u32, r.date, i as u32));
        }
        order.sort_unstable();
        // The action and axis of the activity whose records are walked.
        let mut levels: Option<(usize, Option<usize>, Option<usize>)> = None;
        for (ai, _, i) in order {
            let (ai, r) = (ai as usize, &records[i as usize]);
            let a = &plan.activities[ai];
            if r.date != NaiveDate::MAX && plan.year != 0 && r.date.year() != plan.year {
                self.warn(
                    Code::RecordOutsideYear,
                    &r.date_loc,
                    tr!(
                        lang,
                        "enregistrement daté du {}, hors de l'année du plan ({})",
                        "record dated {}, outside the plan year ({})",
                        r.date,
                        plan.year
                    ),
                );
            }
            if r.correction && r.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                self.err(
                    Code::CorrectionNote,
                    &r.loc,
                    lang.pick(
                        "une correction (correction = true) doit porter une note qui dit ce qu'elle corrige",
                        "a correction (correction = true) must carry a note saying what it corrects",
                    )
                    .to_string(),
                );
            }
            if let Some(p) = r.progress
                && (p < Decimal::ZERO || p > Decimal::ONE_HUNDRED)
            {
                self.err(
                    Code::ProgressRange,
                    &r.progress_loc,
                    tr!(
                        lang,
                        "avancement {} % : doit être entre 0 et 100",
                        "progress {}%: must be between 0 and 100",
                        money::raw(p)
                    ),
                );
            }
            if r.status == Some(Status::Done)
                && let Some(p) = r.progress
                && p < Decimal::ONE_HUNDRED
            {
                self.warn(
                    Code::DoneBelow100,
                    &r.progress_loc,
                    tr!(
                        lang,
                        "statut « done » mais avancement {} % : une activité réalisée compte pour 100 %",
                        "status \"done\" but progress {}%: a done activity counts as 100%",
                        money::raw(p)
                    ),
                );
            }
            self.decimals(r.spent, cur, &r.spent_loc, lang.pick("décaissé", "spent"));
            self.decimals(
                r.committed,
                cur,
                &r.committed_loc,
                lang.pick("engagé", "committed"),
            );
            if let Some(s) = &r.source {
                if !index.sources.contains_key(s.as_str()) {
                    let help = self.suggest(s, plan.sources.iter().map(|x| x.id.as_str()));
                    self.err(
                        Code::UnknownSource,
                        &r.source_loc,
                        tr!(lang, "source inconnue `{}`", "unknown source `{}`", s),
                    )
                    .help = help;
                } else if !funds(ai, a, s) {
                    self.warn(
                        Code::SourceNotFunding,
                        &r.source_loc,
                        tr!(
                            lang,
                            "la source `{}` ne finance pas l'activité `{}` dans le plan",
                            "source `{}` does not fund activity `{}` in the plan",
                            s,
                            a.id
                        ),
                    );
                }
            } else if (r.spent.is_some_and(|x| !x.is_zero())
                || r.committed.is_some_and(|x| !x.is_zero()))
                && single[ai].is_none()
                && !a.budget.is_empty()
            {
                self.warn(
                    Code::Unattributed,
                    &r.loc,
                    tr!(
                        lang,
                        "montant sans source sur `{}`, financée par plusieurs sources : compté comme « non ventilé »",
                        "amount without a source on `{}`, which has several sources: counted as \"unattributed\"",
                        a.id
                    ),
                )
                .help = Some(tr!(lang, "ajouter source = \"…\"", "add source = \"…\""));
            }
            if let Some(c) = &r.category
                && !a
                    .budget
                    .iter()
                    .any(|l| l.category.as_deref() == Some(c.as_str()))
            {
                let mut known: Vec<&str> = a
                    .budget
                    .iter()
                    .filter_map(|l| l.category.as_deref())
                    .collect();
                known.sort_unstable();
                known.dedup();
                self.warn(
                    Code::UnknownCategory,
                    &r.category_loc,
                    tr!(
                        lang,
                        "la catégorie « {} » n'est celle d'aucune ligne budgétaire de `{}` : la dépense est rangée sous cette catégorie telle quelle",
                        "category \"{}\" is not that of any budget line of `{}`: the spending is shown under it as written",
                        c,
                        a.id
                    ),
                )
                .help = Some(if known.is_empty() {
                    tr!(
                        lang,
                        "les lignes de `{}` n'ont pas de catégorie : ajouter category = \"…\" aux lignes du plan",
                        "the lines of `{}` have no category: add category = \"…\" to the plan's lines",
                        a.id
                    )
                } else {
                    tr!(lang, "catégories de l'activité : {}", "the activity's categories: {}", known.join(", "))
                });
            }
            let (action, axis) = match levels {
                Some((at, action, axis)) if at == ai => (action, axis),
                _ if r.indicators.is_empty() => (None, None),
                _ => {
                    let action = index.actions.get(a.action.as_str()).copied();
                    let axis =
                        action.and_then(|x| index.axes.get(plan.actions[x].axis.as_str()).copied());
                    levels = Some((ai, action, axis));
                    (action, axis)
                }
            };
            for iv in &r.indicators {
                let name = iv.name.as_str();
                let known = has_indicator(2, ai, &a.indicators, name)
                    || action
                        .is_some_and(|x| has_indicator(1, x, &plan.actions[x].indicators, name))
                    || axis.is_some_and(|x| has_indicator(0, x, &plan.axes[x].indicators, name));
                if !known {
                    let help = self.suggest(&iv.name, a.indicators.iter().map(|x| x.name.as_str()));
                    self.err(
                        Code::UnknownIndicator,
                        &iv.loc,
                        tr!(
                            lang,
                            "l'activité `{}` n'a pas d'indicateur « {} »",
                            "activity `{}` has no indicator \"{}\"",
                            a.id,
                            iv.name
                        ),
                    )
                    .help = help;
                }
            }
            let st = &mut acc[ai];
            if r.status.is_some() {
                st.status = r.status;
            }
            st.spent += r.spent.unwrap_or_default();
            st.committed += r.committed.unwrap_or_default();
            if track_sources && (r.spent.is_some() || r.committed.is_some()) {
                // Flows are summed per source (the record's, else the
                // activity's only one; `None`: unattributed); only a
                // correction can take a cumulative below zero.
                let source = match &r.source {
                    Some(s) => index.sources.get(s.as_str()).copied(),
                    None => single[ai].and_then(|s| index.sources.get(s).copied()),
                };
                let slot = st.by_source.entry(source).or_default();
                slot.0 += r.spent.unwrap_or_default();
                slot.1 += r.committed.unwrap_or_default();
                let (src_spent, src_committed) = *slot;
                let (act_spent, act_committed) = (st.spent, st.committed);
                if r.correction {
                    let checks = [
                        (act_spent, true, None),
                        (act_committed, false, None),
                        (src_spent, true, Some(source)),
                        (src_committed, false, Some(source)),
                    ];
                    for (x, is_spent, src) in checks {
                        if x >= Decimal::ZERO {
                            continue;
                        }
                        // One error per flow: the activity's, else the source's.
                        if src.is_some()
                            && ((is_spent && act_spent < Decimal::ZERO)
                                || (!is_spent && act_committed < Decimal::ZERO))
                        {
                            continue;
                        }
                        self.negative_cumulative(plan, a, r, x, is_spent, src);
                    }
                }
            }
            let st = &mut acc[ai];
            let spent_now = r.spent.is_some_and(|x| x > Decimal::ZERO);
            let (status, spent, committed) = (st.status, st.spent, st.committed);
            let over = spent_now && !st.warned_over && spent > budgets[ai];
            let paid = spent_now && !st.warned_paid && !committed.is_zero() && spent > committed;
            st.warned_over |= over;
            st.warned_paid |= paid;
            if spent_now && status == Some(Status::Cancelled) {
                self.warn(
                    Code::SpentOnCancelled,
                    &r.spent_loc,
                    tr!(
                        lang,
                        "décaissement sur l'activité `{}`, abandonnée",
                        "spending on activity `{}`, which is cancelled",
                        a.id
                    ),
                );
            }
            if over {
                let (s, b) = (
                    money::format_money(spent, cur, lang),
                    money::format_money(budgets[ai], cur, lang),
                );
                self.warn(
                    Code::Overspent,
                    &r.spent_loc,
                    tr!(
                        lang,
                        "`{}` : {} décaissés au total, au-delà du budget de {}",
                        "`{}`: {} spent in all, above the budget of {}",
                        a.id,
                        s,
                        b
                    ),
                );
            }
            if paid {
                let (s, c) = (
                    money::format_money(spent, cur, lang),
                    money::format_money(committed, cur, lang),
                );
                self.warn(
                    Code::PaidAboveCommitted,
                    &r.spent_loc,
                    tr!(
                        lang,
                        "`{}` : {} décaissés pour {} engagés",
                        "`{}`: {} paid out for {} committed",
                        a.id,
                        s,
                        c
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<Code> {
        let (plan, mut diags) = crate::load::toml::parse_plan(text, 0, Lang::En);
        let project = Project {
            plan,
            ..Default::default()
        };
        diags.extend(check(&project, Lang::En));
        diags.iter().map(|d| d.code).collect()
    }

    const HEAD: &str = "[plan]\ntitle = \"t\"\nyear = 2024\n[[source]]\nid = \"S\"\n[[axis]]\nid = \"A\"\ntitle = \"a\"\n[[action]]\nid = \"A.1\"\naxis = \"A\"\ntitle = \"b\"\n";

    #[test]
    fn one_problem_one_diagnostic() {
        // An invalid amount is E011 only, not also "give amount or quantity".
        let bad_amount = format!(
            "{HEAD}[[activity]]\nid = \"x\"\naction = \"A.1\"\ntitle = \"X\"\nbudget = [{{ source = \"S\", amount = \"abc\" }}]\n"
        );
        assert_eq!(codes(&bad_amount), [Code::InvalidAmount]);
        // A missing id is E004 only; an empty one E006 only.
        let missing = format!("{HEAD}[[activity]]\naction = \"A.1\"\ntitle = \"X\"\n");
        assert_eq!(codes(&missing), [Code::MissingKey]);
        let empty = format!("{HEAD}[[activity]]\nid = \"\"\naction = \"A.1\"\ntitle = \"X\"\n");
        assert_eq!(codes(&empty), [Code::InvalidId]);
        // A partner that a workbook would split is a warning.
        let split = format!(
            "{HEAD}[[activity]]\nid = \"x\"\naction = \"A.1\"\ntitle = \"X\"\npartners = [\"a; b\"]\n"
        );
        assert_eq!(codes(&split), [Code::PartnerSeparator]);
        // An empty reference is reported too.
        let empty_ref = format!("{HEAD}[[activity]]\nid = \"x\"\naction = \"\"\ntitle = \"X\"\n");
        assert_eq!(codes(&empty_ref), [Code::InvalidId, Code::EmptyAction]);
    }

    #[test]
    fn ids() {
        assert!(valid_id("A1.1.1"));
        assert!(valid_id("axe-2_b"));
        assert!(valid_id("Été"));
        assert!(!valid_id(""));
        assert!(!valid_id("a b"));
        assert!(!valid_id("a\u{7}"));
        assert!(!valid_id(&"x".repeat(33)));
    }

    /// Found while timing hostile inputs: every unknown activity of a log
    /// was compared with every activity of the plan for a "did you mean";
    /// a log of 20 000 records meant for another plan, against a plan of
    /// 20 000 activities, took 208 s to check. Suggestions now share a
    /// budget of comparisons; past it, the errors come without one.
    #[test]
    fn suggestions_share_a_bounded_budget() {
        let n = 1000;
        let plan = Plan {
            activities: (0..n)
                .map(|i| Activity {
                    id: format!("ACT-{i}"),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        let records = (0..n)
            .map(|i| Record {
                activity: format!("ACT-{i}x"),
                date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                ..Default::default()
            })
            .collect();
        let project = Project {
            plan,
            records,
            ..Default::default()
        };
        let unknown: Vec<_> = check(&project, Lang::En)
            .into_iter()
            .filter(|d| d.code == Code::UnknownActivity)
            .collect();
        assert_eq!(unknown.len(), n);
        assert_eq!(
            unknown[0].help.as_deref(),
            Some("did you mean `ACT-0`?"),
            "the first ones still get one"
        );
        let helped = unknown.iter().filter(|d| d.help.is_some()).count();
        assert_eq!(helped, SUGGESTION_BUDGET / n);
    }
}
