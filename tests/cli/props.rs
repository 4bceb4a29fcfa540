//! Property tests (proptest) of the text side:
//! - amounts: parse ↔ display round trip for every currency precision;
//! - record then load: n + 1 records, the new one with the same figures;
//! - rates on random small plans built through the library API are within
//!   [0, +∞) and equal the formulas of SPEC §4 computed here independently;
//! - the consolidation of two plans with disjoint ids equals the plan of
//!   their union (through the binary).

use std::str::FromStr;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

use ptba::compute::{self, GroupBy, Options};
use ptba::i18n::Lang;
use ptba::model::*;
use ptba::money::{self, Currency};

use crate::support::{Env, Rng};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

// ------------------------------------------------------------- amounts --

/// (code, decimals) for each ISO 4217 precision the project knows.
const CURRENCIES: [(&str, u32); 4] = [("XOF", 0), ("EUR", 2), ("TND", 3), ("CLF", 4)];

fn amount_strategy() -> impl Strategy<Value = (Currency, Decimal)> {
    (0..CURRENCIES.len(), 0u32..=18, any::<u128>()).prop_map(|(c, digits, raw)| {
        let (code, decimals) = CURRENCIES[c];
        // Up to 10^18 (MAX_AMOUNT), with the currency's decimals; small
        // and large magnitudes alike.
        let limit = 10u128.pow(digits + decimals);
        let mantissa = raw % (limit + 1);
        let amount = Decimal::from_i128_with_scale(mantissa as i128, decimals).normalize();
        (
            Currency {
                code: code.into(),
                decimals,
            },
            amount,
        )
    })
}

/// What a displayed amount reads back as: itself, except in a currency with
/// three decimals between 1 and 1 000, where "1,250" (1.25 TND) has the form
/// of a thousands grouping ("85,000") and reads as 1 250 — the documented
/// rule for a lone separator before exactly three digits.
fn read_back(amount: Decimal, cur: &Currency) -> Decimal {
    read_back_shown(amount, cur.decimals)
}

/// The same for a figure shown with `shown` decimals.
fn read_back_shown(amount: Decimal, shown: u32) -> Decimal {
    if shown == 3 && amount >= Decimal::ONE && amount < Decimal::from(1000) {
        (amount * Decimal::from(1000)).normalize()
    } else {
        amount
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// What ptba displays in French, with or without the currency, and the
    /// raw machine value, all read back to the same amount (but see
    /// `read_back`).
    #[test]
    fn amount_display_parses_back((cur, amount) in amount_strategy()) {
        let want = read_back(amount, &cur);
        let fr = money::format_amount(amount, &cur, Lang::Fr);
        prop_assert_eq!(money::parse_amount_text(&fr), Ok(want), "{}", fr);
        let with_currency = money::format_money(amount, &cur, Lang::Fr);
        prop_assert_eq!(money::parse_amount_text(&with_currency), Ok(want), "{}", with_currency);
        let raw = money::raw(amount);
        let raw_want = read_back_shown(amount, money::significant_decimals(amount));
        prop_assert_eq!(money::parse_amount_text(&raw), Ok(raw_want), "{}", raw);
        prop_assert!(money::significant_decimals(amount) <= cur.decimals);
        // The TOML literal a record is written with reads back exactly.
        let lit = ptba::progress::number(amount);
        let back = if lit.contains('.') {
            money::parse_toml_float(&lit)
        } else {
            money::parse_toml_integer(&lit, 10)
        };
        prop_assert_eq!(back, Ok(amount), "{}", lit);
    }

    /// English display reads back too: "85,000" (XOF) is 85 000, "1,250.50"
    /// (EUR) is 1 250.50 — a lone separator before exactly three digits
    /// groups thousands.
    #[test]
    fn english_display_parses_back((cur, amount) in amount_strategy()) {
        let en = money::format_amount(amount, &cur, Lang::En);
        prop_assert_eq!(money::parse_amount_text(&en), Ok(read_back(amount, &cur)), "{}", en);
    }

    /// Display rounds half away from zero to the currency's unit.
    #[test]
    fn display_rounds_half_away_from_zero(units in 0i64..1_000_000, dec in 0usize..4) {
        let (code, decimals) = CURRENCIES[dec];
        let cur = Currency { code: code.into(), decimals };
        // x.5 of the last unit shown
        let half = Decimal::from_i128_with_scale(units as i128 * 10 + 5, decimals + 1);
        let up = Decimal::from_i128_with_scale(units as i128 + 1, decimals);
        let fr = money::format_amount(half, &cur, Lang::Fr);
        prop_assert_eq!(money::parse_amount_text(&fr), Ok(read_back(up.normalize(), &cur)), "{} → {}", half, fr);
    }
}

/// The cases proptest found or that sit on the rule's edges, always run.
#[test]
fn lone_separator_edges() {
    let xof = Currency {
        code: "XOF".into(),
        decimals: 0,
    };
    for n in ["85000", "1000", "999000", "100"] {
        let a = d(n);
        let en = money::format_amount(a, &xof, Lang::En);
        assert_eq!(money::parse_amount_text(&en), Ok(a), "{en}");
    }
    let tnd = Currency {
        code: "TND".into(),
        decimals: 3,
    };
    let en = money::format_amount(d("1.25"), &tnd, Lang::En);
    assert_eq!(en, "1.250");
    assert_eq!(money::parse_amount_text(&en), Ok(d("1250")));
    assert_eq!(money::parse_amount_text("0,125"), Ok(d("0.125")));
}

// ------------------------------------------------------- random plans --

/// A small random plan: its parts, kept so that it can be built through
/// the library API or written as TOML.
#[derive(Debug, Clone)]
struct Spec {
    prefix: String,
    axes: Vec<String>,
    /// (id, axis index)
    actions: Vec<(String, usize)>,
    activities: Vec<ActSpec>,
    records: Vec<RecSpec>,
    weighting: Option<Weighting>,
}

#[derive(Debug, Clone)]
struct ActSpec {
    id: String,
    action: usize,
    responsible: Option<String>,
    quarters: Vec<u8>,
    weight: Option<Decimal>,
    /// (source index, amount, or quantity × unit cost)
    lines: Vec<(usize, Line)>,
    indicator: Option<(Option<Decimal>, Decimal)>,
}

#[derive(Debug, Clone, Copy)]
enum Line {
    Amount(Decimal),
    Product(Decimal, Decimal),
}

impl Line {
    fn total(self) -> Decimal {
        match self {
            Line::Amount(a) => a,
            Line::Product(q, u) => q * u,
        }
    }
}

#[derive(Debug, Clone)]
struct RecSpec {
    activity: usize,
    date: NaiveDate,
    status: Option<Status>,
    progress: Option<Decimal>,
    spent: Option<Decimal>,
    committed: Option<Decimal>,
    source: Option<usize>,
    indicator: Option<Decimal>,
}

/// Shared by every random plan (a consolidation shares its funders).
const SOURCES: [(&str, FundingStatus); 3] = [
    ("ETAT", FundingStatus::Secured),
    ("PTF", FundingStatus::Pledged),
    ("GAP", FundingStatus::Unfunded),
];
const RESPONSIBLES: [&str; 3] = ["DGPS", "ONG", "Ministère"];

fn random_spec(seed: u64, prefix: &str) -> Spec {
    let mut rng = Rng::new(seed);
    let mut pick = |n: usize| rng.below(n as u64) as usize;
    let n_axes = 1 + pick(3);
    let axes: Vec<String> = (0..n_axes).map(|i| format!("{prefix}X{i}")).collect();
    let mut actions = Vec::new();
    for (a, _) in axes.iter().enumerate() {
        for j in 0..1 + pick(2) {
            actions.push((format!("{prefix}X{a}.{j}"), a));
        }
    }
    let mut activities = Vec::new();
    for (c, (action_id, _)) in actions.iter().enumerate() {
        for k in 0..1 + pick(3) {
            let mut lines = Vec::new();
            for _ in 0..pick(4) {
                let source = pick(3);
                let line = if pick(3) == 0 {
                    Line::Product(Decimal::from(1 + pick(20)), Decimal::from(pick(5_000_000)))
                } else {
                    Line::Amount(Decimal::from(pick(1_000_000_000)))
                };
                lines.push((source, line));
            }
            let mut quarters: Vec<u8> = (1..=4).filter(|_| pick(2) == 0).collect();
            quarters.dedup();
            activities.push(ActSpec {
                id: format!("{action_id}.{k}"),
                action: c,
                responsible: (pick(4) > 0).then(|| RESPONSIBLES[pick(3)].to_string()),
                quarters,
                weight: match pick(3) {
                    0 => None,
                    1 => Some(Decimal::from(pick(5))),
                    _ => Some(Decimal::new(pick(1000) as i64, 2)),
                },
                lines,
                indicator: (pick(2) == 0).then(|| {
                    let target = Decimal::from(1 + pick(100));
                    let baseline = (pick(2) == 0).then(|| Decimal::from(pick(50)));
                    (baseline, target)
                }),
            });
        }
    }
    let statuses = [
        Status::Planned,
        Status::Ongoing,
        Status::Done,
        Status::Postponed,
        Status::Cancelled,
    ];
    let mut records = Vec::new();
    for _ in 0..pick(3 * activities.len() + 1) {
        let activity = pick(activities.len());
        let a = &activities[activity];
        let spend = pick(2) == 0;
        records.push(RecSpec {
            activity,
            // Few distinct dates, so that same-day records are common.
            date: NaiveDate::from_ymd_opt(2024, 1 + pick(12) as u32, 1 + 14 * pick(2) as u32)
                .unwrap(),
            status: (pick(3) == 0).then(|| statuses[pick(5)]),
            progress: (pick(2) == 0).then(|| Decimal::new(pick(1001) as i64, 1)),
            spent: spend.then(|| Decimal::from(pick(100_000_000))),
            committed: (pick(3) == 0).then(|| Decimal::from(pick(100_000_000))),
            source: if a.lines.is_empty() || pick(3) == 0 {
                None
            } else {
                Some(a.lines[pick(a.lines.len())].0)
            },
            indicator: a
                .indicator
                .and_then(|_| (pick(2) == 0).then(|| Decimal::from(pick(120)))),
        });
    }
    Spec {
        prefix: prefix.to_string(),
        axes,
        actions,
        activities,
        records,
        weighting: [None, Some(Weighting::Budget), Some(Weighting::Weight)][pick(3)],
    }
}

/// The plan and its records through the library API (no text involved).
fn build(spec: &Spec) -> Project {
    let plan = Plan {
        title: format!("Plan {}", spec.prefix),
        year: 2024,
        weighting: spec.weighting,
        sources: SOURCES
            .iter()
            .map(|(id, status)| Source {
                id: id.to_string(),
                name: id.to_string(),
                status: *status,
                ..Default::default()
            })
            .collect(),
        axes: spec
            .axes
            .iter()
            .map(|id| Axis {
                id: id.clone(),
                title: format!("Axe {id}"),
                ..Default::default()
            })
            .collect(),
        actions: spec
            .actions
            .iter()
            .map(|(id, axis)| Action {
                id: id.clone(),
                axis: spec.axes[*axis].clone(),
                title: format!("Action {id}"),
                ..Default::default()
            })
            .collect(),
        activities: spec
            .activities
            .iter()
            .map(|a| Activity {
                id: a.id.clone(),
                action: spec.actions[a.action].0.clone(),
                title: format!("Activité {}", a.id),
                responsible: a.responsible.clone(),
                quarters: a.quarters.clone(),
                weight: a.weight,
                budget: a
                    .lines
                    .iter()
                    .map(|(s, l)| {
                        let (amount, quantity, unit_cost) = match *l {
                            Line::Amount(x) => (Some(x), None, None),
                            Line::Product(q, u) => (None, Some(q), Some(u)),
                        };
                        BudgetLine {
                            source: SOURCES[*s].0.to_string(),
                            amount,
                            quantity,
                            unit_cost,
                            ..Default::default()
                        }
                    })
                    .collect(),
                indicators: a
                    .indicator
                    .map(|(baseline, target)| Indicator {
                        name: "n".into(),
                        baseline,
                        target,
                        ..Default::default()
                    })
                    .into_iter()
                    .collect(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    let records = spec
        .records
        .iter()
        .map(|r| Record {
            activity: spec.activities[r.activity].id.clone(),
            date: r.date,
            status: r.status,
            progress: r.progress,
            spent: r.spent,
            committed: r.committed,
            source: r.source.map(|s| SOURCES[s].0.to_string()),
            indicators: r
                .indicator
                .map(|v| IndicatorValue {
                    name: "n".into(),
                    value: v,
                    ..Default::default()
                })
                .into_iter()
                .collect(),
            ..Default::default()
        })
        .collect();
    Project {
        plan,
        records,
        ..Default::default()
    }
}

/// The same plan as TOML text, and its log.
fn plan_toml(spec: &Spec, log_name: &str) -> String {
    let mut s = format!(
        "[plan]\ntitle = \"Plan {}\"\nyear = 2024\ncurrency = \"XOF\"\nprogress = \"{log_name}\"\n",
        spec.prefix
    );
    if let Some(w) = spec.weighting {
        s.push_str(&format!("weighting = \"{}\"\n", w.key()));
    }
    s.push_str(&sources_toml());
    s.push_str(&entries_toml(spec));
    s
}

fn sources_toml() -> String {
    SOURCES
        .iter()
        .map(|(id, st)| {
            format!(
                "\n[[source]]\nid = \"{id}\"\nname = \"{id}\"\nstatus = \"{}\"\n",
                st.key()
            )
        })
        .collect()
}

fn entries_toml(spec: &Spec) -> String {
    let mut s = String::new();
    for id in &spec.axes {
        s.push_str(&format!(
            "\n[[axis]]\nid = \"{id}\"\ntitle = \"Axe {id}\"\n"
        ));
    }
    for (id, axis) in &spec.actions {
        s.push_str(&format!(
            "\n[[action]]\nid = \"{id}\"\naxis = \"{}\"\ntitle = \"Action {id}\"\n",
            spec.axes[*axis]
        ));
    }
    for a in &spec.activities {
        s.push_str(&format!(
            "\n[[activity]]\nid = \"{}\"\naction = \"{}\"\ntitle = \"Activité {}\"\n",
            a.id, spec.actions[a.action].0, a.id
        ));
        if let Some(r) = &a.responsible {
            s.push_str(&format!("responsible = \"{r}\"\n"));
        }
        let qs: Vec<String> = a.quarters.iter().map(u8::to_string).collect();
        s.push_str(&format!("quarters = [{}]\n", qs.join(", ")));
        if let Some(w) = a.weight {
            s.push_str(&format!("weight = \"{w}\"\n"));
        }
        let lines: Vec<String> = a
            .lines
            .iter()
            .map(|(src, l)| match l {
                Line::Amount(x) => format!("{{ source = \"{}\", amount = {x} }}", SOURCES[*src].0),
                Line::Product(q, u) => format!(
                    "{{ source = \"{}\", quantity = {q}, unit_cost = \"{}\" }}",
                    SOURCES[*src].0,
                    money::format_amount(*u, &Currency::default(), Lang::Fr)
                ),
            })
            .collect();
        s.push_str(&format!("budget = [{}]\n", lines.join(", ")));
        if let Some((baseline, target)) = a.indicator {
            s.push_str(&format!(
                "\n[[activity.indicator]]\nname = \"n\"\ntarget = {target}\n"
            ));
            if let Some(b) = baseline {
                s.push_str(&format!("baseline = {b}\n"));
            }
        }
    }
    s
}

fn log_toml(spec: &Spec) -> String {
    let mut s = String::from("# journal\n");
    for r in &spec.records {
        s.push_str(&format!(
            "\n[[record]]\nactivity = \"{}\"\ndate = {}\n",
            spec.activities[r.activity].id, r.date
        ));
        if let Some(st) = r.status {
            s.push_str(&format!("status = \"{}\"\n", st.key()));
        }
        if let Some(p) = r.progress {
            s.push_str(&format!("progress = {p}\n"));
        }
        if let Some(x) = r.spent {
            s.push_str(&format!("spent = {x}\n"));
        }
        if let Some(x) = r.committed {
            s.push_str(&format!("committed = \"{x}\"\n"));
        }
        if let Some(src) = r.source {
            s.push_str(&format!("source = \"{}\"\n", SOURCES[src].0));
        }
        if let Some(v) = r.indicator {
            s.push_str(&format!("indicators = {{ n = {v} }}\n"));
        }
    }
    s
}

// ------------------------------------------------- rates by hand (SPEC §4) --

/// The ids of the groups an activity belongs to, by action, responsible or quarter.
fn group_keys(spec: &Spec, by: GroupBy, a: &ActSpec) -> Vec<String> {
    match by {
        GroupBy::Action => vec![spec.actions[a.action].0.clone()],
        GroupBy::Responsible => vec![a.responsible.clone().unwrap_or_default()],
        GroupBy::Quarter => a.quarters.iter().map(|q| format!("T{q}")).collect(),
        _ => unreachable!(),
    }
}

/// What SPEC §4 says of one activity as of a date, computed naively.
#[derive(Debug, Default, Clone)]
struct Hand {
    cancelled: bool,
    done: bool,
    physical: Decimal,
    spent: Decimal,
    committed: Decimal,
    /// Spending per source index; `None`: non ventilé.
    spent_by: Vec<(Option<usize>, Decimal)>,
}

fn by_hand(spec: &Spec, a: usize, as_of: Option<NaiveDate>) -> Hand {
    let act = &spec.activities[a];
    let mut recs: Vec<&RecSpec> = spec
        .records
        .iter()
        .filter(|r| r.activity == a && as_of.is_none_or(|d| r.date <= d))
        .collect();
    recs.sort_by_key(|r| r.date); // stable: log order within a day
    let mut status = None;
    let mut progress = Decimal::ZERO;
    let mut h = Hand::default();
    let single = act
        .lines
        .first()
        .map(|l| l.0)
        .filter(|s| act.lines.iter().all(|l| l.0 == *s));
    for r in recs {
        status = r.status.or(status);
        progress = r.progress.unwrap_or(progress);
        let src = r.source.or(single);
        if let Some(x) = r.spent {
            h.spent += x;
            match h.spent_by.iter_mut().find(|(s, _)| *s == src) {
                Some((_, t)) => *t += x,
                None => h.spent_by.push((src, x)),
            }
        }
        h.committed += r.committed.unwrap_or_default();
    }
    h.cancelled = status == Some(Status::Cancelled);
    h.done = status == Some(Status::Done);
    h.physical = if h.done {
        Decimal::ONE_HUNDRED
    } else {
        progress
    };
    h
}

/// Totals and rates of a set of (activity, share of budget by source) by hand.
#[derive(Debug, Default, PartialEq)]
struct HandFig {
    activities: usize,
    cancelled: usize,
    done: usize,
    budget: Decimal,
    cancelled_budget: Decimal,
    spent: Decimal,
    committed: Decimal,
    secured: Decimal,
    pledged: Decimal,
    unfunded: Decimal,
    rates: [Option<Decimal>; 5],
}

fn pct(num: Decimal, den: Decimal) -> Option<Decimal> {
    (!den.is_zero()).then(|| num * Decimal::ONE_HUNDRED / den)
}

/// `only_source`: count only that source's lines and spending (a source group).
fn hand_fig(
    spec: &Spec,
    members: &[usize],
    as_of: Option<NaiveDate>,
    weighting: Weighting,
    only_source: Option<usize>,
) -> HandFig {
    let mut f = HandFig::default();
    let (mut psum, mut pw, mut active_budget) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for &a in members {
        let act = &spec.activities[a];
        let h = by_hand(spec, a, as_of);
        let lines: Vec<(usize, Decimal)> = act
            .lines
            .iter()
            .filter(|(s, _)| only_source.is_none_or(|o| o == *s))
            .map(|(s, l)| (*s, l.total()))
            .collect();
        let budget: Decimal = lines.iter().map(|l| l.1).sum();
        f.activities += 1;
        f.budget += budget;
        // SPEC §4: a cancelled activity on which nothing moved is set
        // apart; one on which money moved stays in every money figure.
        let moved = !h.spent.is_zero() || !h.committed.is_zero();
        if h.cancelled && !moved {
            f.cancelled += 1;
            f.cancelled_budget += budget;
            continue;
        }
        active_budget += budget;
        match only_source {
            None => {
                f.spent += h.spent;
                f.committed += h.committed;
            }
            Some(o) => {
                f.spent += h
                    .spent_by
                    .iter()
                    .filter(|(s, _)| *s == Some(o))
                    .map(|x| x.1)
                    .sum::<Decimal>();
            }
        }
        for (s, t) in &lines {
            match SOURCES[*s].1 {
                FundingStatus::Secured => f.secured += t,
                FundingStatus::Pledged => f.pledged += t,
                FundingStatus::Unfunded => f.unfunded += t,
            }
        }
        if h.cancelled {
            f.cancelled += 1;
            continue;
        }
        f.done += usize::from(h.done);
        let w = match weighting {
            Weighting::Activities => Decimal::ONE,
            Weighting::Budget => budget,
            Weighting::Weight => act.weight.unwrap_or(Decimal::ONE),
        };
        psum += h.physical * w;
        pw += w;
    }
    let active = Decimal::from(f.activities - f.cancelled);
    f.rates = [
        (!pw.is_zero()).then(|| psum / pw),
        pct(Decimal::from(f.done), active),
        pct(f.spent, active_budget),
        if only_source.is_some() {
            None // compared apart: commitments per source
        } else {
            pct(f.committed, active_budget)
        },
        pct(f.secured, active_budget),
    ];
    f
}

fn close(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() < d("0.000000000001"),
        _ => false,
    }
}

#[track_caller]
fn assert_matches(fig: &compute::Figures, hand: &HandFig, skip_commitment: bool, what: &str) {
    assert_eq!(fig.activities, hand.activities, "{what}: activities");
    assert_eq!(fig.cancelled, hand.cancelled, "{what}: cancelled");
    assert_eq!(fig.done, hand.done, "{what}: done");
    assert_eq!(fig.budget, hand.budget, "{what}: budget");
    assert_eq!(
        fig.cancelled_budget, hand.cancelled_budget,
        "{what}: cancelled_budget"
    );
    assert_eq!(fig.spent, hand.spent, "{what}: spent");
    if !skip_commitment {
        assert_eq!(fig.committed, hand.committed, "{what}: committed");
    }
    assert_eq!(
        (fig.secured, fig.pledged, fig.unfunded),
        (hand.secured, hand.pledged, hand.unfunded),
        "{what}: funding"
    );
    let rates = fig.rates().all();
    for (i, (got, want)) in rates.iter().zip(hand.rates).enumerate() {
        if let Some(x) = got {
            assert!(
                !x.is_sign_negative() || x.is_zero(),
                "{what}: rate {i} = {x} < 0"
            );
        }
        if skip_commitment && i == 3 {
            continue;
        }
        assert!(
            close(*got, want),
            "{what}: rate {i}: {got:?} ≠ {want:?} (by hand)"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn rates_equal_the_formulas_of_the_spec(seed in any::<u64>(), month in 0u32..13) {
        let spec = random_spec(seed, "");
        let project = build(&spec);
        let as_of = (month > 0).then(|| NaiveDate::from_ymd_opt(2024, month, 15).unwrap());
        let all: Vec<usize> = (0..spec.activities.len()).collect();
        for weighting in [None, Some(Weighting::Activities), Some(Weighting::Budget), Some(Weighting::Weight)] {
            let opts = Options { as_of, weighting };
            let effective = weighting.or(spec.weighting).unwrap_or_default();
            let projects = std::slice::from_ref(&project);
            let s = compute::summarize(projects, GroupBy::Axis, &opts);
            let what = format!("seed {seed}, as of {as_of:?}, {effective:?}");
            assert_matches(&s.total, &hand_fig(&spec, &all, as_of, effective, None), false, &what);
            // By axis: every axis, in order.
            prop_assert_eq!(s.groups.len(), spec.axes.len());
            for (g, (x, id)) in s.groups.iter().zip(spec.axes.iter().enumerate()) {
                prop_assert_eq!(&g.id, id);
                let members: Vec<usize> = all
                    .iter()
                    .copied()
                    .filter(|&a| spec.actions[spec.activities[a].action].1 == x)
                    .collect();
                let hand = hand_fig(&spec, &members, as_of, effective, None);
                assert_matches(&g.figures, &hand, false, &format!("{what}, axis {id}"));
            }
            // By source: that source's lines and the spending attributed to it.
            let s = compute::summarize(projects, GroupBy::Source, &opts);
            for (x, (id, _)) in SOURCES.iter().enumerate() {
                let g = s.groups.iter().find(|g| g.id == *id).expect("source group");
                let members: Vec<usize> = all
                    .iter()
                    .copied()
                    .filter(|&a| spec.activities[a].lines.iter().any(|l| l.0 == x))
                    .collect();
                let hand = hand_fig(&spec, &members, as_of, effective, Some(x));
                assert_matches(&g.figures, &hand, true, &format!("{what}, source {id}"));
            }
            // Every source group and the non ventilé one add up to the plan's spending.
            let spent: Decimal = s.groups.iter().map(|g| g.figures.spent).sum();
            prop_assert_eq!(spent, s.total.spent);

            // By action, responsible and quarter: the activities of each group.
            for by in [GroupBy::Action, GroupBy::Responsible, GroupBy::Quarter] {
                let keys = |a: &ActSpec| group_keys(&spec, by, a);
                let s = compute::summarize(projects, by, &opts);
                for g in &s.groups {
                    let members: Vec<usize> = all
                        .iter()
                        .copied()
                        .filter(|&a| keys(&spec.activities[a]).contains(&g.id))
                        .collect();
                    let hand = hand_fig(&spec, &members, as_of, effective, None);
                    assert_matches(&g.figures, &hand, false, &format!("{what}, {by:?} {}", g.id));
                }
                // Every activity is in its groups.
                for a in &spec.activities {
                    for k in keys(a) {
                        prop_assert!(s.groups.iter().any(|g| g.id == k), "{:?} {}", by, k);
                    }
                }
            }
        }

        // Indicators: the latest value as of the date, and its achievement.
        let rows = compute::indicators(&project, as_of);
        let with_indicator: Vec<&ActSpec> =
            spec.activities.iter().filter(|a| a.indicator.is_some()).collect();
        prop_assert_eq!(rows.len(), with_indicator.len());
        for (row, a) in rows.iter().zip(with_indicator) {
            prop_assert_eq!(&row.owner, &a.id);
            let idx = spec.activities.iter().position(|x| x.id == a.id).unwrap();
            let mut recs: Vec<&RecSpec> = spec
                .records
                .iter()
                .filter(|r| r.activity == idx && as_of.is_none_or(|d| r.date <= d))
                .collect();
            recs.sort_by_key(|r| r.date);
            let actual = recs.iter().filter_map(|r| r.indicator).next_back();
            prop_assert_eq!(row.actual, actual);
            let (baseline, target) = a.indicator.unwrap();
            let want = actual.and_then(|v| match baseline {
                Some(b) => pct(v - b, target - b),
                None => pct(v, target),
            });
            prop_assert!(close(row.achievement(), want), "{:?} ≠ {:?}", row.achievement(), want);
        }
    }
}

// --------------------------------------------------- record then load --

/// (plan seed, day of the year, status, progress in hundredths, spent,
/// committed, which source, note)
type RecordArgs = (
    u64,
    u64,
    Option<u8>,
    Option<u32>,
    Option<u64>,
    Option<u64>,
    u8,
    Option<String>,
);

fn new_record_strategy() -> impl Strategy<Value = RecordArgs> {
    (
        any::<u64>(),
        0u64..366,
        proptest::option::of(0u8..5),
        proptest::option::of(0u32..=10_000),
        proptest::option::of(0u64..=1_000_000_000_000),
        proptest::option::of(0u64..=1_000_000_000_000),
        0u8..4,
        proptest::option::of(any::<String>()),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Appending a record (as `ptba record` does) and loading the log back
    /// gives n + 1 records, the new one with exactly the figures given, and
    /// the old text kept byte for byte.
    #[test]
    fn record_then_load((seed, day, status, progress, spent, committed, source, note) in new_record_strategy()) {
        let spec = random_spec(seed, "");
        let env = Env::new();
        env.write("plan.toml", plan_toml(&spec, "plan.log.toml"));
        env.write("plan.log.toml", log_toml(&spec));
        let old = env.read("plan.log.toml");
        let mut files = ptba::diagnostic::Files::default();
        let mut diags = Vec::new();
        let project = ptba::load::load_project(&env.path("plan.toml"), &mut files, Lang::Fr, &mut diags)
            .expect("load");
        prop_assert!(diags.iter().all(|d| d.severity != ptba::diagnostic::Severity::Error), "{:?}", diags);
        let n = project.records.len();
        prop_assert_eq!(n, spec.records.len());

        let mut rng = Rng::new(seed ^ 0xABCD);
        let a = rng.below(spec.activities.len() as u64) as usize;
        let act = &spec.activities[a];
        let rec = ptba::progress::NewRecord {
            activity: act.id.clone(),
            date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(day),
            status: status.map(|s| Status::ALL[s as usize]),
            // 0 to 100 with up to two decimals
            progress: progress.map(|p| Decimal::new(p as i64, 2)),
            spent: spent.map(Decimal::from),
            committed: committed.map(Decimal::from),
            source: (source < 3 && !act.lines.is_empty()).then(|| SOURCES[act.lines[source as usize % act.lines.len()].0].0.to_string()),
            category: None,
            indicators: act.indicator.map(|_| ("n".to_string(), Decimal::new(seed as i64 % 100_000, 1))).into_iter().collect(),
            note: note.or_else(|| Some("Note \"entre guillemets\"\n[[record]]\n'''\"\"\"\\".into())),
            correction: false,
        };
        let (_, new_diags, written) =
            ptba::commands::record::append_records(&env.path("plan.toml"), &project, std::slice::from_ref(&rec), Lang::Fr)
                .expect("append");
        prop_assert!(written, "{:?}", new_diags);
        let after = env.read("plan.log.toml");
        prop_assert!(after.starts_with(&old));

        let mut files = ptba::diagnostic::Files::default();
        let mut diags = Vec::new();
        let back = ptba::load::load_project(&env.path("plan.toml"), &mut files, Lang::Fr, &mut diags)
            .expect("reload");
        prop_assert!(diags.iter().all(|d| d.severity != ptba::diagnostic::Severity::Error), "{:?}", diags);
        prop_assert_eq!(back.records.len(), n + 1);
        prop_assert_eq!(&back.records[..n], &project.records[..n], "old records unchanged");
        let r = back.records.last().unwrap();
        prop_assert_eq!(&r.activity, &rec.activity);
        prop_assert_eq!(r.date, rec.date);
        prop_assert_eq!(r.status, rec.status);
        prop_assert_eq!(r.progress, rec.progress);
        prop_assert_eq!(r.spent, rec.spent);
        prop_assert_eq!(r.committed, rec.committed);
        prop_assert_eq!(&r.source, &rec.source);
        prop_assert_eq!(&r.note, &rec.note);
        let inds: Vec<(String, Decimal)> = r.indicators.iter().map(|i| (i.name.clone(), i.value)).collect();
        prop_assert_eq!(inds, rec.indicators.clone());
    }
}

// ------------------------------------------------------ consolidation --

fn strip(mut j: Value) -> Value {
    let o = j.as_object_mut().unwrap();
    o.remove("plans");
    o.remove("title");
    if let Some(Value::Array(inds)) = o.get_mut("indicators") {
        inds.sort_by_key(|v| v.to_string());
    }
    j
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// `ptba summary a.toml b.toml` equals `ptba summary ab.toml` where ab
    /// holds both plans' entries (ids disjoint, funders shared) and both logs.
    #[test]
    fn consolidation_equals_the_plan_of_the_union(seed_a in any::<u64>(), seed_b in any::<u64>(), by in 0usize..5, month in 0u32..13) {
        let a = random_spec(seed_a, "a-");
        let mut b = random_spec(seed_b, "b-");
        // The first plan's weighting is the consolidation's.
        b.weighting = a.weighting;
        let env = Env::new();
        env.write("a.toml", plan_toml(&a, "a.log.toml"));
        env.write("a.log.toml", log_toml(&a));
        env.write("b.toml", plan_toml(&b, "b.log.toml"));
        env.write("b.log.toml", log_toml(&b));
        let mut union = plan_toml(&a, "ab.log.toml").replace("title = \"Plan a-\"", "title = \"Plan ab\"");
        union.push_str(&entries_toml(&b));
        env.write("ab.toml", union);
        env.write("ab.log.toml", format!("{}{}", log_toml(&a), log_toml(&b)));

        let by = ["axis", "action", "source", "responsible", "quarter"][by];
        let date = format!("2024-{:02}-10", month.max(1));
        let mut extra = vec!["--format", "json", "--by", by];
        if month > 0 {
            extra.extend(["--as-of", date.as_str()]);
        }
        let run = |plans: &[&str]| {
            let mut args = vec!["summary"];
            args.extend_from_slice(plans);
            args.extend_from_slice(&extra);
            let r = env.run(&args);
            assert_eq!(r.code, 0, "{r:?}");
            r.json()
        };
        let consolidated = run(&["a.toml", "b.toml"]);
        let merged = run(&["ab.toml"]);
        prop_assert_eq!(consolidated["plans"].as_array().map(Vec::len), Some(2));
        prop_assert_eq!(strip(consolidated), strip(merged));
    }
}
