//! The labels output gives what `compute` returns as ids: the groups ptba
//! makes up (quarters, activities without a responsible, unattributed
//! spending), the grouping and the indicator levels.

use crate::compute::{Group, GroupBy, Level};
use crate::i18n::{Label, Lang};

/// The title shown for a group: the plan's own name where it gives one,
/// else the label of the group ptba made up ("Trimestre 1",
/// "(sans responsable)", "Non ventilé").
pub fn group_title(group: &Group, lang: Lang) -> String {
    if let Some(name) = &group.name {
        return name.clone();
    }
    match group.by {
        GroupBy::Quarter => {
            let q = group.id.strip_prefix('T').unwrap_or(&group.id);
            format!("{} {q}", Label::Quarter.text(lang))
        }
        GroupBy::Responsible => Label::NoResponsible.text(lang).to_string(),
        GroupBy::Source => Label::Unattributed.text(lang).to_string(),
        GroupBy::Axis | GroupBy::Action => String::new(),
    }
}

/// The name of a grouping, as a column header ("Axe", "Source", …).
pub fn group_by(by: GroupBy, lang: Lang) -> &'static str {
    match by {
        GroupBy::Axis => Label::Axis.text(lang),
        GroupBy::Action => Label::Action.text(lang),
        GroupBy::Source => Label::Source.text(lang),
        GroupBy::Responsible => Label::Responsible.text(lang),
        GroupBy::Quarter => Label::Quarter.text(lang),
    }
}

/// Where an indicator is attached, as shown ("Axe", "Action", "Activité").
pub fn level(level: Level, lang: Lang) -> &'static str {
    match level {
        Level::Axis => Label::Axis.text(lang),
        Level::Action => Label::Action.text(lang),
        Level::Activity => Label::Activity.text(lang),
    }
}
