//! Title, organization, year and currency; the funders met.

use super::*;
use crate::i18n;

impl Builder<'_> {
    /// Title, organization, year and currency: the mapping, else the
    /// banner rows above the header, the sheet and file names, the dates.
    pub(super) fn meta(&mut self, rd: &mut Reading<'_, '_>, path: &Path) {
        let sheet = rd.sheet;
        let banners = banners(sheet, self.header.first);
        let m = self.mapping.map(|m| m.plan.clone()).unwrap_or_default();
        self.plan.title = m
            .title
            .or_else(|| banners.iter().find(|t| plan_word(t)).cloned())
            .or_else(|| banners.iter().find(|t| !institution(t)).cloned())
            .unwrap_or_else(|| sheet.name.clone());
        self.plan.organization = m.organization.or_else(|| {
            banners
                .iter()
                .find(|t| institution(t) && **t != self.plan.title)
                .cloned()
        });
        let file_name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let year = m
            .year
            .or_else(|| banners.iter().find_map(|t| year_in(t)))
            .or_else(|| year_in(&sheet.name))
            .or_else(|| year_in(&file_name));
        self.year(rd, year);
        let mut hint_text: Vec<String> = banners;
        hint_text.extend(self.header.columns.iter().map(Column::shown));
        if let Some(hint) = hint_text.iter().find_map(|t| currency_hint(t)) {
            self.currency_hint = Some(hint);
        }
        let code = m
            .currency
            .map(|c| c.trim().to_ascii_uppercase())
            .or(self.currency_hint.map(str::to_string))
            .unwrap_or_else(|| "XOF".into());
        self.currency(rd, code);
        self.plan.lang = Some(Lang::Fr);
    }

    /// The plan's year, or an error saying where to write it.
    fn year(&mut self, rd: &mut Reading<'_, '_>, year: Option<i32>) {
        let lang = rd.lang;
        let sheet = rd.sheet;
        match year {
            Some(y) => self.plan.year = y,
            None => {
                let loc = rd.loc(sheet.origin.0, sheet.origin.1);
                rd.diags.push(
                    Diagnostic::error(
                        Code::MissingKey,
                        loc,
                        i18n::load::year_not_found(lang).to_string(),
                    )
                    .with_help(i18n::load::year_not_found_help(lang)),
                );
            }
        }
    }

    /// The plan's currency, or an error when the code is not a known one.
    fn currency(&mut self, rd: &mut Reading<'_, '_>, code: String) {
        let lang = rd.lang;
        match money::minor_units(&code) {
            Some(d) => self.plan.currency = Currency { code, decimals: d },
            None => {
                let loc = Loc::File(rd.file);
                rd.diags.push(Diagnostic::error(
                    Code::UnknownCurrency,
                    loc,
                    i18n::load::unknown_currency(lang, code),
                ));
            }
        }
    }

    pub(super) fn add_source(&mut self, id: &str, label: &str, loc: Loc) -> String {
        if let Some(id) = self.source_by_label.get(label) {
            return id.clone();
        }
        let mut unique = id.to_string();
        let mut n = 2;
        while self.source_ids.contains(&unique) {
            unique = format!("{id}_{n}");
            n += 1;
        }
        let (name, status) = self
            .mapping
            .and_then(|m| m.sources.get(id).cloned())
            .unwrap_or((None, None));
        self.plan.sources.push(Source {
            id: unique.clone(),
            name: name.unwrap_or_else(|| label.to_string()),
            status: status.unwrap_or_else(|| status_of(label)),
            loc,
        });
        self.source_ids.insert(unique.clone());
        self.source_by_label
            .insert(label.to_string(), unique.clone());
        unique
    }
}

/// The texts of the banner rows above the header, each once per row.
fn banners(sheet: &Sheet, header_first: u32) -> Vec<String> {
    let mut banners = Vec::new();
    for r in sheet.origin.0..header_first {
        let mut seen = HashSet::new();
        for c in sheet.origin.1..sheet.end_col() {
            let t = text_at(sheet, r, c);
            if !t.is_empty() && seen.insert(t.clone()) {
                banners.push(t);
            }
        }
    }
    banners
}

/// Whether a banner names an institution ("Ministère de la Santé").
fn institution(t: &str) -> bool {
    let f = fold(t);
    [
        "ministere",
        "comite",
        "commission",
        "direction",
        "agence",
        "secretariat",
        "cellule",
        "programme",
        "projet",
        "office",
        "institut",
        "conseil",
        "unite",
    ]
    .iter()
    .any(|w| f.split(' ').any(|x| x == *w))
}

/// Whether a banner names a plan ("PTBA 2024", "Plan de travail…").
fn plan_word(t: &str) -> bool {
    let f = fold(t);
    f.contains("plan") || f.contains("ptba") || f.contains("pta") || f.contains("budget")
}

/// A year (1990–2100) standing alone in a text.
fn year_in(t: &str) -> Option<i32> {
    let b = t.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let w = &t.get(i..i + 4)?;
        let before = i == 0 || !b[i - 1].is_ascii_digit();
        let after = b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        let y: i32 = w.parse().ok()?;
        (before && after && w.bytes().all(|c| c.is_ascii_digit()) && (1990..=2100).contains(&y))
            .then_some(y)
    })
}

/// The currency a banner or a column header names ("en FCFA", "Montant €").
fn currency_hint(t: &str) -> Option<&'static str> {
    let f = fold(t);
    let words: Vec<&str> = f.split(' ').collect();
    if words.contains(&"fcfa") || f.contains("f cfa") || words.contains(&"xof") {
        Some("XOF")
    } else if words.contains(&"xaf") {
        Some("XAF")
    } else if words.contains(&"gnf") {
        Some("GNF")
    } else if words.contains(&"eur") || words.contains(&"euros") || t.contains('€') {
        Some("EUR")
    } else if words.contains(&"usd") || t.contains('$') {
        Some("USD")
    } else {
        None
    }
}
