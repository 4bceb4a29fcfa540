use super::*;
use crate::model::{Activity, Plan, Record};
use chrono::NaiveDate;

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
