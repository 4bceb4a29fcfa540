//! Plan and progress log from TOML text: block by block (see `scan`), every
//! value kept with its location, every structural problem a diagnostic.

use std::ops::Range;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use toml::de::DeTable;

use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::model::*;
use crate::money::{self, AmountError, Currency};
use crate::text::nearest;
use crate::tr;

use super::scan::scan_block;
use super::tree::{self, Key, Node, Table, Value};

/// Deepest nesting of arrays and inline tables accepted. Real plans need 3.
pub const MAX_DEPTH: usize = 64;

type Val<'i> = Node<'i>;

pub const PLAN_KEYS: &[&str] = &[
    "title",
    "organization",
    "year",
    "currency",
    "lang",
    "progress",
    "budget_total",
    "weighting",
];
pub const SOURCE_KEYS: &[&str] = &["id", "name", "status"];
pub const AXIS_KEYS: &[&str] = &["id", "title", "indicator"];
pub const ACTION_KEYS: &[&str] = &["id", "axis", "title", "indicator"];
pub const ACTIVITY_KEYS: &[&str] = &[
    "id",
    "action",
    "title",
    "responsible",
    "partners",
    "quarters",
    "start",
    "end",
    "weight",
    "budget",
    "indicator",
];
pub const BUDGET_KEYS: &[&str] = &[
    "source",
    "amount",
    "quantity",
    "unit_cost",
    "category",
    "initial",
];
pub const INDICATOR_KEYS: &[&str] = &["name", "unit", "baseline", "target"];
pub const RECORD_KEYS: &[&str] = &[
    "activity",
    "date",
    "status",
    "progress",
    "committed",
    "spent",
    "source",
    "category",
    "indicators",
    "note",
    "correction",
];
const PLAN_ROOT_KEYS: &[&str] = &["plan", "source", "axis", "action", "activity"];
const LOG_ROOT_KEYS: &[&str] = &["record"];

/// Where values of the current block are, and where problems go.
struct Ctx<'d> {
    file: FileId,
    lang: Lang,
    diags: &'d mut Vec<Diagnostic>,
    /// The plan's currency when known; otherwise amounts written with a
    /// currency word are kept in `pending` and checked once it is.
    currency: Option<&'d Currency>,
    pending: &'d mut Vec<(Range<usize>, String)>,
}

/// Checks again, against the plan's currency, the amounts that were written
/// with a currency word before it was known ("3 200 000 USD" in an XOF plan).
fn check_pending(
    pending: &[(Range<usize>, String)],
    currency: &Currency,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    for (span, text) in pending {
        if let Err(e) = money::parse_decimal_in(text, Some(currency)) {
            let loc = Loc::Span {
                file,
                start: span.start as u32,
                end: span.end as u32,
            };
            diags.push(Diagnostic::error(Code::InvalidAmount, loc, e.message(lang)));
        }
    }
}

impl Ctx<'_> {
    fn loc(&self, span: Range<usize>) -> Loc {
        Loc::Span {
            file: self.file,
            start: span.start as u32,
            end: span.end as u32,
        }
    }

    fn error(&mut self, code: Code, span: Range<usize>, message: String) {
        let loc = self.loc(span);
        self.diags.push(Diagnostic::error(code, loc, message));
    }

    fn unknown_key(&mut self, key: &Key<'_>, known: &[&str], what: &str) {
        let name = key.name.as_ref();
        let mut d = Diagnostic::error(
            Code::UnknownKey,
            self.loc(key.span.clone()),
            tr!(
                self.lang,
                "clé inconnue `{}` dans {}",
                "unknown key `{}` in {}",
                name,
                what
            ),
        );
        d.help = Some(match nearest(name, known.iter().copied()) {
            Some(n) => tr!(
                self.lang,
                "vouliez-vous dire `{}` ?",
                "did you mean `{}`?",
                n
            ),
            None => tr!(
                self.lang,
                "clés connues : {}",
                "known keys: {}",
                known.join(", ")
            ),
        });
        self.diags.push(d);
    }

    fn missing(&mut self, span: Range<usize>, key: &str, what: &str) {
        self.error(
            Code::MissingKey,
            span,
            tr!(
                self.lang,
                "{} : la clé `{}` est obligatoire",
                "{}: key `{}` is required",
                what,
                key
            ),
        );
    }

    fn wrong_type(&mut self, v: &Val<'_>, expected_fr: &str, expected_en: &str) {
        let found = v.value.type_str();
        let msg = tr!(
            self.lang,
            "type inattendu : {} attendu, {} trouvé",
            "wrong type: expected {}, found {}",
            self.lang.pick(expected_fr, expected_en),
            type_name(found, self.lang),
        );
        self.error(Code::WrongType, v.span.clone(), msg);
    }

    fn string(&mut self, v: &Val<'_>) -> Option<String> {
        match &v.value {
            Value::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(v, "un texte", "a text");
                None
            }
        }
    }

    fn table<'a, 'i>(&mut self, v: &'a Val<'i>) -> Option<&'a Table<'i>> {
        match &v.value {
            Value::Table(t) => Some(t),
            _ => {
                self.wrong_type(v, "une table", "a table");
                None
            }
        }
    }

    fn array<'a, 'i>(&mut self, v: &'a Val<'i>) -> Option<&'a [Val<'i>]> {
        match &v.value {
            Value::Array(a) => Some(&a[..]),
            _ => {
                self.wrong_type(v, "une liste", "a list");
                None
            }
        }
    }

    fn amount_error(&mut self, v: &Val<'_>, e: AmountError) {
        let code = if e == AmountError::TooLarge {
            Code::TooLarge
        } else {
            Code::InvalidAmount
        };
        self.error(code, v.span.clone(), e.message(self.lang));
    }

    /// A number as an exact decimal: TOML integer, float (from its literal)
    /// or text ("12 500 000"). `signed` allows negative values.
    fn decimal(&mut self, v: &Val<'_>, signed: bool) -> Option<Decimal> {
        let parsed = match &v.value {
            Value::Integer(raw, radix) => money::parse_toml_integer(raw, *radix),
            Value::Float(raw) => money::parse_toml_float(raw),
            Value::String(s) => {
                let r = money::parse_decimal_in(s, self.currency);
                if self.currency.is_none()
                    && r.is_ok()
                    && s.chars()
                        .any(|c| !c.is_ascii() || c.is_ascii_alphabetic() || c == '$')
                {
                    self.pending.push((v.span.clone(), s.to_string()));
                }
                r
            }
            _ => {
                self.wrong_type(v, "un nombre", "a number");
                return None;
            }
        };
        let checked = parsed.and_then(|d| if signed { Ok(d) } else { money::check_range(d) });
        let checked = checked.and_then(|d| {
            if d.abs() > money::MAX_AMOUNT {
                Err(AmountError::TooLarge)
            } else {
                Ok(d)
            }
        });
        match checked {
            Ok(d) => Some(d),
            Err(e) => {
                self.amount_error(v, e);
                None
            }
        }
    }

    fn date(&mut self, v: &Val<'_>) -> Option<NaiveDate> {
        let parsed = match &v.value {
            Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                }
                (Some(d), Some(_), _) => {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                        .filter(|_| false)
                }
                _ => None,
            },
            Value::String(s) => parse_date_text(s),
            _ => {
                self.wrong_type(v, "une date (2024-03-31)", "a date (2024-03-31)");
                return None;
            }
        };
        if parsed.is_none() {
            self.error(
                Code::InvalidDate,
                v.span.clone(),
                tr!(
                    self.lang,
                    "date invalide : écrire une date seule, comme 2024-03-31 (sans heure)",
                    "invalid date: write a plain date such as 2024-03-31 (no time)"
                ),
            );
        }
        parsed
    }

    fn indicators(&mut self, v: &Val<'_>, out: &mut Vec<Indicator>) {
        let Some(items) = self.array(v) else { return };
        out.reserve_exact(tables(items));
        for item in items {
            if let Some(t) = self.table(item) {
                out.push(self.indicator(t, item.span.clone()));
            }
        }
    }

    fn indicator(&mut self, t: &Table<'_>, span: Range<usize>) -> Indicator {
        let what = self.lang.pick("un indicateur", "an indicator");
        let mut ind = Indicator {
            loc: self.loc(span.clone()),
            ..Default::default()
        };
        let (mut has_name, mut has_target) = (false, false);
        for (k, v) in t.iter() {
            match k.name.as_ref() {
                "name" => {
                    if let Some(s) = self.string(v) {
                        ind.name = s;
                        ind.loc = self.loc(v.span.clone());
                        has_name = true;
                    }
                }
                "unit" => ind.unit = self.string(v),
                "baseline" => ind.baseline = self.decimal(v, true),
                "target" => {
                    has_target = true;
                    ind.target = self.decimal(v, true).unwrap_or_default();
                }
                _ => self.unknown_key(k, INDICATOR_KEYS, what),
            }
        }
        if !has_name {
            self.missing(span.clone(), "name", what);
        }
        if !has_target {
            self.missing(span, "target", what);
        }
        ind
    }
}

fn type_name(found: &str, lang: Lang) -> String {
    match lang {
        Lang::En => found.to_string(),
        Lang::Fr => match found {
            "string" => "un texte",
            "integer" => "un entier",
            "float" => "un nombre décimal",
            "boolean" => "un booléen",
            "datetime" => "une date",
            "array" => "une liste",
            "table" => "une table",
            other => other,
        }
        .to_string(),
    }
}

pub use crate::model::dates::parse_date_text;

/// Whether `s` is a day, month and a year of one or two digits ("1/2/24"),
/// for a message that says so.
pub fn two_digit_year(s: &str) -> bool {
    let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[2].len() <= 2
        && parts[0].len() <= 2
}

/// Parses a document block by block, calling `f` with each block's root
/// table: the fast path first, the `toml` crate where it gives up. Syntax
/// errors and hostile nesting become diagnostics and the block is skipped.
fn for_each_block<'i>(
    text: &'i str,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
    f: impl FnMut(Table<'i>, &mut Vec<Diagnostic>),
) {
    for_blocks_in(text, 0, text.len(), file, lang, diags, f);
}

/// [`for_each_block`] over the blocks that start in `from..stop`; returns
/// where the last one ends (past `stop` if a block runs over it).
fn for_blocks_in<'i>(
    text: &'i str,
    from: usize,
    stop: usize,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
    mut f: impl FnMut(Table<'i>, &mut Vec<Diagnostic>),
) -> usize {
    let mut pos = from;
    while pos < stop {
        if let Some((root, end)) = tree::parse_block(text, pos)
            && end > pos
        {
            f(root, diags);
            pos = end;
            continue;
        }
        let (end, depth) = scan_block(text, pos);
        let end = end.max(pos + 1).min(text.len());
        let span_loc = |s: usize, e: usize| Loc::Span {
            file,
            start: s as u32,
            end: e as u32,
        };
        if depth > MAX_DEPTH {
            diags.push(Diagnostic::error(
                Code::TooLarge,
                span_loc(pos, pos),
                tr!(
                    lang,
                    "listes ou tables imbriquées sur {} niveaux (au plus {}) : ce n'est pas un plan",
                    "arrays or tables nested {} levels deep (at most {}): this is not a plan",
                    depth,
                    MAX_DEPTH
                ),
            ));
        } else {
            match DeTable::parse(&text[pos..end]) {
                Ok(t) => f(tree::from_de(t.into_inner(), pos), diags),
                Err(e) => {
                    let span = e.span().unwrap_or(0..0);
                    let start = (pos + span.start).min(text.len());
                    let stop = (pos + span.end).min(text.len()).max(start);
                    let message = e.message().trim().replace('\n', " ");
                    diags.push(Diagnostic::error(
                        Code::Syntax,
                        span_loc(start, stop),
                        tr!(
                            lang,
                            "syntaxe TOML invalide : {}",
                            "invalid TOML syntax: {}",
                            message
                        ),
                    ));
                }
            }
        }
        pos = end;
    }
    pos
}

/// Amounts of a log written with a currency word, to check against the
/// plan's currency once it is known.
#[derive(Debug, Default)]
pub struct Pending {
    file: FileId,
    pending: Vec<(Range<usize>, String)>,
}

/// Errors for the amounts of a log that name another currency than the plan's.
pub fn check_log_currency(
    p: &Pending,
    currency: &Currency,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    check_pending(&p.pending, currency, p.file, lang, diags);
}

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
            tr!(
                lang,
                "la table [plan] manque (titre, organisation, année, devise)",
                "the [plan] table is missing (title, organization, year, currency)"
            ),
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
                        ctx.error(
                            Code::Syntax,
                            k.span.clone(),
                            tr!(
                                ctx.lang,
                                "la table [plan] est définie deux fois",
                                "the [plan] table is defined twice"
                            ),
                        );
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
                _ => ctx.unknown_key(k, PLAN_ROOT_KEYS, ctx.lang.pick("le plan", "the plan")),
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
            _ => ctx.wrong_type(
                v,
                "une liste de tables ([[…]])",
                "an array of tables ([[…]])",
            ),
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
                        tr!(
                            ctx.lang,
                            "`{}.{}` : écrire chaque entrée sous un en-tête [[{}]]",
                            "`{}.{}`: write each entry under a [[{}]] header",
                            kind,
                            sub,
                            kind
                        ),
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
                    tr!(
                        ctx.lang,
                        "[[{}.{}]] doit suivre un [[{}]]",
                        "[[{}.{}]] must follow an [[{}]]",
                        kind,
                        sub,
                        kind
                    ),
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
                                tr!(
                                    ctx.lang,
                                    "année invalide (attendu : 2024)",
                                    "invalid year (expected 2024)"
                                ),
                            ),
                        },
                        _ => ctx.wrong_type(v, "une année (2024)", "a year (2024)"),
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
                                    tr!(
                                        ctx.lang,
                                        "devise inconnue `{}` : un code ISO 4217 est attendu",
                                        "unknown currency `{}`: an ISO 4217 code is expected",
                                        c
                                    ),
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
                                tr!(
                                    ctx.lang,
                                    "langue inconnue `{}` : fr ou en",
                                    "unknown language `{}`: fr or en",
                                    s
                                ),
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
                                tr!(
                                    ctx.lang,
                                    "pondération inconnue `{}` : activities, budget ou weight",
                                    "unknown weighting `{}`: activities, budget or weight",
                                    s
                                ),
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

/// Reads `id` and checks nothing else: format and uniqueness are `check`'s.
fn id_field(ctx: &mut Ctx<'_>, v: &Val<'_>, out: &mut String, loc: &mut Loc) -> bool {
    match &v.value {
        Value::String(s) => {
            if s.is_empty() {
                ctx.error(
                    Code::InvalidId,
                    v.span.clone(),
                    ctx.lang.pick("identifiant vide", "empty id").to_string(),
                );
            }
            *out = s.to_string();
            *loc = ctx.loc(v.span.clone());
            true
        }
        Value::Integer(raw, _) => {
            // `id = 1` is a common slip: accept the digits as the id.
            *out = raw.to_string();
            *loc = ctx.loc(v.span.clone());
            true
        }
        _ => {
            ctx.wrong_type(v, "un identifiant (texte)", "an id (text)");
            false
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
                            tr!(
                                ctx.lang,
                                "statut de financement inconnu `{}` : secured (acquis), pledged (promis) ou unfunded (à rechercher)",
                                "unknown funding status `{}`: secured, pledged or unfunded",
                                st
                            ),
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
                                tr!(
                                    ctx.lang,
                                    "trimestre invalide : 1, 2, 3 ou 4 attendu",
                                    "invalid quarter: expected 1, 2, 3 or 4"
                                ),
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
fn tables(items: &[Val<'_>]) -> usize {
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
    let what = ctx.lang.pick("une ligne budgétaire", "a budget line");
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

/// The shortest text of a record that counts: a header, an activity and a
/// date (`[[record]]\nactivity="a"\ndate=2024-01-01\n`).
const MIN_RECORD_BYTES: usize = 40;

/// Logs above this size are parsed in two halves on two threads.
const PARALLEL_LOG_BYTES: usize = 1 << 20;

/// Reads a progress log from TOML text. A large log is cut in two at a
/// `[[record]]` line near its middle and both halves are parsed at once; if
/// the first half's last block runs past the cut (the line was inside a
/// multi-line string or array), the second half is parsed again from where
/// the first really ended, so the result is always that of one sequential pass.
pub fn parse_log(text: &str, file: FileId, lang: Lang) -> (Vec<Record>, Vec<Diagnostic>) {
    let (records, diags, _) = parse_log_pending(text, file, lang);
    (records, diags)
}

/// [`parse_log`] for a plan in `currency`: amounts written with another
/// currency's word are errors.
pub fn parse_log_in(
    text: &str,
    file: FileId,
    lang: Lang,
    currency: &Currency,
) -> (Vec<Record>, Vec<Diagnostic>) {
    let (records, mut diags, pending) = parse_log_pending(text, file, lang);
    check_log_currency(&pending, currency, lang, &mut diags);
    (records, diags)
}

/// [`parse_log`], with the amounts written with a currency word (for
/// [`check_log_currency`] once the plan's currency is known).
pub fn parse_log_pending(
    text: &str,
    file: FileId,
    lang: Lang,
) -> (Vec<Record>, Vec<Diagnostic>, Pending) {
    // Records are a few hundred bytes each and a national log holds
    // hundreds of thousands: size the vector once (from the `[[record]]`
    // headers of `counted`) rather than let it double and copy. The count is
    // a hint: capped by the shortest text a record can have (headers inside
    // comments or strings count too), and dropped if memory is short.
    let parse_range = |from: usize, stop: usize, counted: Range<usize>| {
        let mut diags = Vec::new();
        let most = counted.len() / MIN_RECORD_BYTES;
        let hint = text[counted].matches("[[record]]").take(most).count();
        let mut records = Vec::new();
        let _ = records.try_reserve_exact(hint);
        let mut pending = Vec::new();
        let end = for_blocks_in(text, from, stop, file, lang, &mut diags, |root, diags| {
            let mut ctx = Ctx {
                file,
                lang,
                diags,
                currency: None,
                pending: &mut pending,
            };
            log_root(&mut ctx, &root, &mut records);
        });
        (records, diags, end, pending)
    };
    let cut = (text.len() >= PARALLEL_LOG_BYTES)
        .then(|| {
            // The middle byte may be inside a character ("é"): start at the
            // next character boundary.
            let mut mid = text.len() / 2;
            while !text.is_char_boundary(mid) {
                mid += 1;
            }
            text[mid..].find("\n[[record]]").map(|p| mid + p + 1)
        })
        .flatten();
    let Some(cut) = cut else {
        let (records, diags, _, pending) = parse_range(0, text.len(), 0..text.len());
        return (records, diags, Pending { file, pending });
    };
    // The first half's vector has room for the second's.
    let ((mut records, mut diags, end, mut pending), second) = std::thread::scope(|s| {
        let second = s.spawn(|| parse_range(cut, text.len(), cut..text.len()));
        (parse_range(0, cut, 0..text.len()), second.join())
    });
    let (more, more_diags, more_pending) = match second {
        Ok((r, d, _, p)) if end == cut => (r, d, p),
        _ => {
            let (r, d, _, p) = parse_range(end, text.len(), 0..0);
            (r, d, p)
        }
    };
    records.extend(more);
    diags.extend(more_diags);
    pending.extend(more_pending);
    (records, diags, Pending { file, pending })
}

fn log_root(ctx: &mut Ctx<'_>, root: &Table<'_>, records: &mut Vec<Record>) {
    for (k, v) in root {
        if k.name.as_ref() != "record" {
            let what = ctx.lang.pick("le journal de suivi", "the progress log");
            ctx.unknown_key(k, LOG_ROOT_KEYS, what);
            continue;
        }
        let Some(items) = ctx.array(v) else { continue };
        for item in items {
            if let Some(t) = ctx.table(item) {
                let span = if item.span.is_empty() {
                    k.span.clone()
                } else {
                    item.span.clone()
                };
                records.push(record(ctx, t, span));
            }
        }
    }
}

fn record(ctx: &mut Ctx<'_>, t: &Table<'_>, span: Range<usize>) -> Record {
    let what = "[[record]]";
    let mut r = Record {
        loc: ctx.loc(span.clone()),
        ..Default::default()
    };
    let (mut has_activity, mut has_date) = (false, false);
    let (mut spent_span, mut committed_span) = (None, None);
    for (k, v) in t.iter() {
        match k.name.as_ref() {
            "activity" => has_activity = id_field(ctx, v, &mut r.activity, &mut r.activity_loc),
            "date" => {
                r.date_loc = ctx.loc(v.span.clone());
                if let Some(d) = ctx.date(v) {
                    r.date = d;
                    has_date = true;
                } else {
                    // Reported; keep the record out of every computation.
                    has_date = true;
                    r.date = NaiveDate::MAX;
                }
            }
            "status" => {
                r.status_loc = ctx.loc(v.span.clone());
                if let Some(s) = ctx.string(v) {
                    match Status::parse(&s) {
                        Some(st) => r.status = Some(st),
                        None => {
                            let known = Status::KEYS.join(", ");
                            let mut d = Diagnostic::error(
                                Code::InvalidValue,
                                ctx.loc(v.span.clone()),
                                tr!(ctx.lang, "statut inconnu `{}`", "unknown status `{}`", s),
                            );
                            d.help = Some(match nearest(&s, Status::KEYS) {
                                Some(n) => tr!(
                                    ctx.lang,
                                    "vouliez-vous dire `{}` ?",
                                    "did you mean `{}`?",
                                    n
                                ),
                                None => tr!(
                                    ctx.lang,
                                    "statuts possibles : {}",
                                    "possible statuses: {}",
                                    known
                                ),
                            });
                            ctx.diags.push(d);
                        }
                    }
                }
            }
            "progress" => {
                r.progress_loc = ctx.loc(v.span.clone());
                r.progress = ctx.decimal(v, true);
            }
            // Signed here: only a correction may be negative, and
            // `correction` may come after the amounts.
            "committed" => {
                r.committed_loc = ctx.loc(v.span.clone());
                r.committed = ctx.decimal(v, true);
                committed_span = Some(v.span.clone());
            }
            "spent" => {
                r.spent_loc = ctx.loc(v.span.clone());
                r.spent = ctx.decimal(v, true);
                spent_span = Some(v.span.clone());
            }
            "correction" => match &v.value {
                Value::Boolean(b) => r.correction = *b,
                _ => ctx.wrong_type(v, "true ou false", "true or false"),
            },
            "source" => {
                let mut s = String::new();
                if id_field(ctx, v, &mut s, &mut r.source_loc) {
                    r.source = Some(s);
                }
            }
            "category" => {
                r.category_loc = ctx.loc(v.span.clone());
                r.category = ctx.string(v);
            }
            "indicators" => {
                if let Some(t) = ctx.table(v) {
                    for (name, value) in t.iter() {
                        if let Some(x) = ctx.decimal(value, true) {
                            r.indicators.push(IndicatorValue {
                                name: name.name.to_string(),
                                value: x,
                                loc: ctx.loc(name.span.clone()),
                            });
                        }
                    }
                }
            }
            "note" => r.note = ctx.string(v),
            _ => ctx.unknown_key(k, RECORD_KEYS, what),
        }
    }
    if !r.correction {
        // A negative flow outside a correction: refused, and kept out of
        // every figure.
        for (amount, sp) in [
            (&mut r.committed, &committed_span),
            (&mut r.spent, &spent_span),
        ] {
            if let (Some(d), Some(sp)) = (*amount, sp)
                && d.is_sign_negative()
                && !d.is_zero()
            {
                *amount = None;
                let mut diag = Diagnostic::error(
                    Code::InvalidAmount,
                    ctx.loc(sp.clone()),
                    AmountError::Negative.message(ctx.lang),
                );
                diag.help = Some(tr!(
                    ctx.lang,
                    "pour annuler un montant déjà enregistré, ajouter correction = true et une note qui dit ce qui est corrigé",
                    "to reverse an amount already recorded, add correction = true and a note saying what is corrected"
                ));
                ctx.diags.push(diag);
            }
        }
    }
    if !has_activity {
        ctx.missing(span.clone(), "activity", what);
    }
    if !has_date {
        ctx.missing(span, "date", what);
        r.date = NaiveDate::MAX;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_tables_extend_the_last_entry() {
        let text = r#"
[plan]
title = "t"
year = 2024

[[activity]]
id = "x"
action = "a"
title = "X"

[[activity.indicator]]
name = "n"
target = 5

[[activity.budget]]
source = "S"
amount = "1 000"
"#;
        let (plan, diags) = parse_plan(text, 0, Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(plan.activities.len(), 1);
        assert_eq!(plan.activities[0].indicators.len(), 1);
        assert_eq!(
            plan.activities[0].budget[0].amount,
            Some(Decimal::from(1000))
        );
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let text = "[plan]\ntitle = \"t\"\nyear = 2024\n[[activity]]\nid = \"x\"\naction = \"a\"\ntitle = \"X\"\nbugdet = []\n";
        let (_, diags) = parse_plan(text, 0, Lang::En);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::UnknownKey);
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `budget`?"));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let text = format!(
            "[plan]\nx = {}{}\n",
            "[".repeat(200_000),
            "]".repeat(200_000)
        );
        let (_, diags) = parse_plan(&text, 0, Lang::Fr);
        assert!(diags.iter().any(|d| d.code == Code::TooLarge));
    }

    /// Found by fuzzing (`log_parallel`): a log of 1 MiB or more whose middle
    /// byte fell inside a two-byte character ("é") made the cut panic, so
    /// `ptba check` aborted on a large French log one time in a few.
    #[test]
    fn record_headers_in_comments_reserve_little() {
        // 2 MiB of `[[record]]` in comments: no record, and room reserved
        // for at most one per 40 bytes (not one per 12).
        let text = "# [[record]][[record]][[record]]\n".repeat(64 * 1024);
        let (records, diags) = parse_log(&text, 0, Lang::En);
        assert!(records.is_empty() && diags.is_empty());
        assert!(
            records.capacity() <= text.len() / MIN_RECORD_BYTES + 1,
            "{}",
            records.capacity()
        );
    }

    #[test]
    fn a_large_log_is_cut_at_a_character_boundary() {
        let record = "[[record]]\nactivity = \"A1\"\ndate = 2024-03-31\nnote = \"é\"\n";
        let mut text = record.repeat(PARALLEL_LOG_BYTES / record.len() + 2);
        while text.is_char_boundary(text.len() / 2) {
            text.insert(0, '\n');
        }
        let (records, diags) = parse_log(&text, 0, Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(records.len(), PARALLEL_LOG_BYTES / record.len() + 2);
        assert!(records.iter().all(|r| r.note.as_deref() == Some("é")));
    }

    #[test]
    fn dates_with_time_are_refused() {
        let text = "[[record]]\nactivity = \"x\"\ndate = 2024-03-31T10:00:00\n";
        let (records, diags) = parse_log(text, 0, Lang::Fr);
        assert_eq!(records.len(), 1);
        assert_eq!(diags[0].code, Code::InvalidDate);
    }
}
