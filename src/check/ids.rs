//! Ids: their form, and look-alikes (letters of other scripts).

use rustc_hash::FxHashMap as HashMap;

use super::Checker;
use crate::diagnostic::Code;
use crate::i18n;
use std::collections::HashSet;

use crate::model::{Loc, Plan};

/// 1–32 characters: letters, digits, `.`, `-`, `_`.
pub fn valid_id(id: &str) -> bool {
    let n = id.chars().count();
    (1..=32).contains(&n)
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

impl Checker {
    /// E033 when `id` looks like an id already seen (same skeleton, other
    /// characters); W121 when it mixes scripts. Ids of pure ASCII are
    /// their own skeleton and cannot collide with one another here.
    pub(super) fn look_alike<'i>(
        &mut self,
        skeletons: &mut HashMap<String, &'i str>,
        id: &'i str,
        loc: &Loc,
    ) {
        let lang = self.lang;
        let shown = crate::text::printable(id);
        if !id.is_ascii() && crate::confusables::mixes_scripts(id) {
            self.warn(
                Code::MixedScriptId,
                loc,
                i18n::check::mixed_scripts(lang, &shown, crate::confusables::non_ascii(id)),
            )
            .help = Some(i18n::check::mixed_scripts_help(lang).to_string());
        }
        let sk = crate::confusables::skeleton(id);
        match skeletons.get(&sk) {
            Some(&other) if other != id => {
                let (a, b) = (crate::text::printable(other), shown.clone());
                let odd = crate::confusables::non_ascii(&format!("{other}{id}"));
                self.err(
                    Code::LookAlikeId,
                    loc,
                    i18n::check::look_alike_id(lang, &b, &a, &odd),
                )
                .help = Some(i18n::check::look_alike_id_help(lang).to_string());
            }
            Some(_) => {}
            None => {
                skeletons.insert(sk, id);
            }
        }
    }

    pub(super) fn id(&mut self, id: &str, loc: &Loc) {
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
                i18n::check::invalid_id(lang, crate::text::printable(id)),
            );
        }
    }

    /// Ids: format, and unique across axes, actions and activities —
    /// also to the eye (look-alike letters of other scripts).
    pub(super) fn plan_ids(&mut self, plan: &Plan) {
        let lang = self.lang;
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
                self.err(Code::DuplicateId, loc, i18n::check::duplicate_id(lang, id))
                    .help = Some(i18n::check::duplicate_id_help(lang).to_string());
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
                    i18n::check::duplicate_source(lang, &s.id),
                );
            }
        }
    }
}
