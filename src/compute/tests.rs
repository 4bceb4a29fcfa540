use super::*;
use crate::model::*;
use crate::money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn line(source: &str, amount: &str) -> BudgetLine {
    BudgetLine {
        source: source.into(),
        amount: Some(d(amount)),
        ..Default::default()
    }
}

fn rec(activity: &str, date: &str) -> Record {
    Record {
        activity: activity.into(),
        date: NaiveDate::from_str(date).unwrap(),
        ..Default::default()
    }
}

/// Found while timing hostile inputs: per-record scans of an activity's
/// sources and indicators made one activity of 30 000 budget lines and a
/// log of 100 000 records take 40-65 s to check and summarize. The
/// hashed lookups must give the figures the scans gave.
#[test]
fn an_activity_with_many_sources_and_indicators() {
    let n = 40;
    let mut p = project();
    p.plan.sources = (0..n)
        .map(|i| Source {
            id: format!("S{i}"),
            name: format!("Source {i}"),
            status: FundingStatus::Secured,
            ..Default::default()
        })
        .collect();
    let a = &mut p.plan.activities[0];
    a.budget = (0..n).map(|i| line(&format!("S{i}"), "100")).collect();
    a.budget.push(line("S0", "50"));
    a.indicators = (0..n)
        .map(|i| Indicator {
            name: format!("I{i}"),
            target: d("10"),
            ..Default::default()
        })
        .collect();
    p.records = (0..3 * n)
        .map(|i| {
            let mut r = rec("a", "2024-03-01");
            r.spent = Some(d("1"));
            r.source = (i % 4 != 3).then(|| format!("S{}", i % n));
            r.indicators = vec![IndicatorValue {
                name: format!("I{}", i % n),
                value: Decimal::from(i),
                loc: Loc::None,
            }];
            r
        })
        .collect();
    let s = summarize(
        std::slice::from_ref(&p),
        GroupBy::Source,
        &Options::default(),
    );
    let group = |id: &str| s.groups.iter().find(|g| g.id == id).expect(id);
    // S0: lines of 100 and 50; records 0, 40, 80 name it.
    assert_eq!(group("S0").figures.budget, d("150"));
    assert_eq!(group("S0").figures.spent, d("3"));
    // Records 3, 7, … (every fourth, 30 of them) name no source, so
    // S3 (records 3, 43, 83) gets nothing and S1 (1, 41, 81) gets 3.
    assert_eq!(group("S1").figures.spent, d("3"));
    assert_eq!(group("S3").figures.spent, d("0"));
    assert_eq!(group(UNATTRIBUTED).figures.spent, d("30"));
    assert_eq!(s.total.spent, d("120"));
    let rows = indicators(&p, None);
    let row = |name: &str| rows.iter().find(|r| r.name == name).expect(name);
    assert_eq!(row("I0").actual, Some(d("80")));
    assert_eq!(row("I39").actual, Some(d("119")));
}

fn project() -> Project {
    let plan = Plan {
        year: 2024,
        sources: vec![
            Source {
                id: "E".into(),
                name: "État".into(),
                status: FundingStatus::Secured,
                ..Default::default()
            },
            Source {
                id: "G".into(),
                name: "Gap".into(),
                status: FundingStatus::Unfunded,
                ..Default::default()
            },
        ],
        axes: vec![Axis {
            id: "A1".into(),
            title: "Axe".into(),
            ..Default::default()
        }],
        actions: vec![Action {
            id: "A1.1".into(),
            axis: "A1".into(),
            title: "Act".into(),
            ..Default::default()
        }],
        activities: vec![
            Activity {
                id: "a".into(),
                action: "A1.1".into(),
                quarters: vec![1, 2],
                budget: vec![line("E", "600"), line("G", "400")],
                ..Default::default()
            },
            Activity {
                id: "b".into(),
                action: "A1.1".into(),
                quarters: vec![2],
                weight: Some(d("3")),
                budget: vec![line("E", "3000")],
                ..Default::default()
            },
            Activity {
                id: "c".into(),
                action: "A1.1".into(),
                budget: vec![line("E", "500")],
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    let records = vec![
        Record {
            progress: Some(d("50")),
            spent: Some(d("100")),
            source: Some("E".into()),
            ..rec("a", "2024-03-31")
        },
        Record {
            spent: Some(d("50")),
            ..rec("a", "2024-04-30")
        },
        Record {
            status: Some(Status::Done),
            spent: Some(d("2500")),
            committed: Some(d("3000")),
            ..rec("b", "2024-06-30")
        },
        Record {
            progress: Some(d("20")),
            ..rec("b", "2024-02-01")
        },
        Record {
            status: Some(Status::Cancelled),
            ..rec("c", "2024-05-01")
        },
    ];
    Project {
        plan,
        records,
        ..Default::default()
    }
}

#[test]
fn plan_figures_by_hand() {
    let p = project();
    let s = summarize(std::slice::from_ref(&p), GroupBy::Axis, &Options::default());
    let t = &s.total;
    assert_eq!((t.activities, t.cancelled, t.done), (3, 1, 1));
    assert_eq!(t.budget, d("4500"));
    assert_eq!(t.cancelled_budget, d("500"));
    assert_eq!(t.active_budget, d("4000"));
    assert_eq!(t.spent, d("2650"));
    assert_eq!(t.committed, d("3000"));
    assert_eq!((t.secured, t.unfunded), (d("3600"), d("400")));
    let r = t.rates();
    // (50 + 100) / 2 over the non-cancelled activities
    assert_eq!(r.physical, Some(d("75")));
    assert_eq!(r.completion, Some(d("50")));
    assert_eq!(r.financial, Some(d("66.25")));
    assert_eq!(r.commitment, Some(d("75")));
    assert_eq!(r.mobilisation, Some(d("90")));
    assert_eq!(s.as_of, NaiveDate::from_ymd_opt(2024, 6, 30));
}

/// SPEC §4: c (500, source E) spent 120 before it was cancelled: it
/// stays in every money figure, whole budget included, and still leaves
/// the physical and completion rates.
#[test]
fn a_cancelled_activity_with_money_stays_in_the_money() {
    let mut p = project();
    p.records.push(Record {
        spent: Some(d("120")),
        ..rec("c", "2024-04-01")
    });
    let s = summarize(std::slice::from_ref(&p), GroupBy::Axis, &Options::default());
    let t = &s.total;
    assert_eq!((t.activities, t.cancelled, t.cancelled_kept), (3, 1, 1));
    assert_eq!(t.cancelled_budget, Decimal::ZERO);
    assert_eq!(t.active_budget, d("4500"));
    // 2650 + 120
    assert_eq!(t.spent, d("2770"));
    assert_eq!((t.secured, t.unfunded), (d("4100"), d("400")));
    let r = t.rates();
    // physical and completion over a and b only, as before
    assert_eq!(r.physical, Some(d("75")));
    assert_eq!(r.completion, Some(d("50")));
    // 2770 / 4500
    assert_eq!(r.financial.map(|x| money::round(x, 4)), Some(d("61.5556")));
    // A correction taking it back to zero: set apart again.
    p.records.push(Record {
        spent: Some(d("-120")),
        correction: true,
        note: Some("erreur".into()),
        ..rec("c", "2024-05-02")
    });
    let s = summarize(std::slice::from_ref(&p), GroupBy::Axis, &Options::default());
    assert_eq!(s.total.cancelled_budget, d("500"));
    assert_eq!(s.total.cancelled_kept, 0);
    assert_eq!(s.total.spent, d("2650"));
}

#[test]
fn weightings() {
    let p = project();
    let by = |w| {
        let o = Options {
            weighting: Some(w),
            ..Default::default()
        };
        summarize(std::slice::from_ref(&p), GroupBy::Axis, &o)
            .total
            .rates()
            .physical
    };
    // budget: (50×1000 + 100×3000) / 4000
    assert_eq!(by(Weighting::Budget), Some(d("87.5")));
    // weight: (50×1 + 100×3) / 4
    assert_eq!(by(Weighting::Weight), Some(d("87.5")));
    assert_eq!(by(Weighting::Activities), Some(d("75")));
}

#[test]
fn as_of_takes_latest_state_and_sums_flows() {
    let p = project();
    let o = Options {
        as_of: NaiveDate::from_ymd_opt(2024, 3, 31),
        ..Default::default()
    };
    let s = summarize(std::slice::from_ref(&p), GroupBy::Axis, &o);
    let t = &s.total;
    assert_eq!(t.cancelled, 0);
    assert_eq!(t.spent, d("100"));
    // a: 50, b: 20, c: 0 → 70 / 3
    assert_eq!(
        t.rates().physical.map(|x| money::round(x, 2)),
        Some(d("23.33"))
    );
}

#[test]
fn by_source_attributes_spending() {
    let p = project();
    let s = summarize(
        std::slice::from_ref(&p),
        GroupBy::Source,
        &Options::default(),
    );
    let ids: Vec<_> = s.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["E", "G", UNATTRIBUTED]);
    let e = &s.groups[0].figures;
    assert_eq!(
        (e.budget, e.spent, e.cancelled_budget),
        (d("4100"), d("2600"), d("500"))
    );
    assert_eq!(e.rates().mobilisation, Some(d("100")));
    let g = &s.groups[1].figures;
    assert_eq!(
        (g.budget, g.spent, g.unfunded),
        (d("400"), d("0"), d("400"))
    );
    let u = &s.groups[2].figures;
    assert_eq!((u.budget, u.spent, u.activities), (d("0"), d("50"), 1));
    assert_eq!(u.rates().financial, None);
}

#[test]
fn by_quarter_counts_each_planned_quarter() {
    let p = project();
    let s = summarize(
        std::slice::from_ref(&p),
        GroupBy::Quarter,
        &Options::default(),
    );
    let counts: Vec<_> = s
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.figures.activities))
        .collect();
    assert_eq!(counts, [("T1", 1), ("T2", 2), ("T3", 0), ("T4", 0)]);
    assert_eq!(s.groups[2].figures.rates().physical, None);
}

#[test]
fn status_and_progress_are_tracked_separately() {
    let mut p = project();
    p.records.push(Record {
        progress: Some(d("10")),
        ..rec("b", "2024-07-01")
    });
    let st = activity_states(&p.plan, &p.records, None);
    assert_eq!(st[1].status, Some(Status::Done));
    assert_eq!(st[1].physical(), d("100"));
}

#[test]
fn same_date_last_in_log_wins() {
    let mut p = project();
    p.records.push(Record {
        progress: Some(d("70")),
        ..rec("a", "2024-03-31")
    });
    p.records.push(Record {
        progress: Some(d("60")),
        ..rec("a", "2024-03-31")
    });
    let st = activity_states(&p.plan, &p.records, NaiveDate::from_ymd_opt(2024, 3, 31));
    assert_eq!(st[0].progress, d("60"));
}

#[test]
fn achievement() {
    let row = |baseline: Option<&str>, target: &str, actual: Option<&str>| IndicatorRow {
        level: Level::Activity,
        owner: "a".into(),
        name: "n".into(),
        unit: None,
        baseline: baseline.map(d),
        target: d(target),
        actual: actual.map(d),
    };
    assert_eq!(row(None, "5", Some("2")).achievement(), Some(d("40")));
    assert_eq!(
        row(Some("10"), "20", Some("15")).achievement(),
        Some(d("50"))
    );
    // decreasing target: from 40 % down to 10 %, now 20 %
    assert_eq!(
        row(Some("40"), "10", Some("20"))
            .achievement()
            .map(|x| money::round(x, 2)),
        Some(d("66.67"))
    );
    assert_eq!(row(Some("5"), "5", Some("5")).achievement(), None);
    assert_eq!(row(None, "5", None).achievement(), None);
}

#[test]
fn lateness_follows_the_schedule() {
    let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    let all_year = Activity {
        quarters: vec![4, 1, 2, 3, 2],
        ..Activity::default()
    };
    let at = |p: i64, status: Option<Status>| ActivityState {
        progress: Decimal::from(p),
        status,
        ..ActivityState::default()
    };
    let q = planned_quarters(&all_year);
    assert_eq!(q, [1, 2, 3, 4]);
    // Nothing ended before 31/03; a quarter ends on its last day.
    assert_eq!(expected_progress(2024, &q, day(3, 30)), None);
    assert_eq!(
        expected_progress(2024, &q, day(3, 31)),
        Some(Decimal::from(25))
    );
    assert_eq!(
        expected_progress(2024, &q, day(12, 15)),
        Some(Decimal::from(75))
    );
    assert!(!late(2024, &all_year, &at(0, None), day(3, 30)));
    assert!(late(2024, &all_year, &at(24, None), day(3, 31)));
    assert!(!late(2024, &all_year, &at(75, None), day(12, 15)));
    assert!(late(2024, &all_year, &at(70, None), day(12, 15)));
    assert!(late(2024, &all_year, &at(99, None), day(12, 31)));
    // Done and cancelled are never late.
    assert!(!late(
        2024,
        &all_year,
        &at(0, Some(Status::Done)),
        day(12, 31)
    ));
    assert!(!late(
        2024,
        &all_year,
        &at(0, Some(Status::Cancelled)),
        day(12, 31)
    ));
    // Without planned quarters, nothing is expected.
    let unplanned = Activity::default();
    assert!(!late(2024, &unplanned, &at(0, None), day(12, 31)));
    // One quarter of three ended: a third implied.
    let t2_t4 = Activity {
        quarters: vec![2, 3, 4],
        ..Activity::default()
    };
    assert!(late(2024, &t2_t4, &at(33, None), day(7, 1)));
    assert!(!late(2024, &t2_t4, &at(34, None), day(7, 1)));
}

#[test]
fn set_apart_only_without_money() {
    let st = |spent: i64, committed: i64, status| ActivityState {
        status,
        spent: Decimal::from(spent),
        committed: Decimal::from(committed),
        ..ActivityState::default()
    };
    assert!(set_apart(&st(0, 0, Some(Status::Cancelled))));
    assert!(!set_apart(&st(1, 0, Some(Status::Cancelled))));
    assert!(!set_apart(&st(0, 1, Some(Status::Cancelled))));
    assert!(!set_apart(&st(0, 0, Some(Status::Postponed))));
}
