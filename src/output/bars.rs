//! One unicode bar per group under the `summary` table, in a terminal only
//! (SPEC §6b): the physical execution rate, 1/8 of a character exact.

use rust_decimal::Decimal;

use crate::compute::Summary;
use crate::i18n::Lang;
use crate::money;

/// Width of a 100 % bar, in characters.
const WIDTH: u32 = 30;

/// A bar of `rate` percent over [`WIDTH`] characters, in eighths (rounded
/// half away from zero), within 0..=100 %.
pub fn bar(rate: Decimal) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let r = rate.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
    let eighths: u32 = money::round(r * Decimal::from(WIDTH * 8) / Decimal::ONE_HUNDRED, 0)
        .to_string()
        .parse()
        .unwrap_or(0);
    let mut s = "█".repeat((eighths / 8) as usize);
    if !eighths.is_multiple_of(8) {
        s.push(PARTS[(eighths % 8) as usize]);
    }
    s
}

/// The block: a title line, then per group its id, its bar and its rate
/// ("—" and no bar when undefined).
pub fn block(s: &Summary, lang: Lang, precision: u32) -> String {
    let width = s
        .groups
        .iter()
        .map(|g| g.id.chars().count().min(16))
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "\n{} — {}\n",
        crate::i18n::output::bars_title(lang),
        crate::output::labels::group_by(s.by, lang)
    );
    for g in &s.groups {
        let id: String = crate::text::printable(&g.id).chars().take(16).collect();
        let id = if id.is_empty() {
            crate::i18n::output::unattributed(lang).to_string()
        } else {
            id
        };
        let r = g.figures.rates().physical;
        let b = r.map(bar).unwrap_or_default();
        out.push_str(&format!(
            "{id:<width$} {b:<w$} {}\n",
            money::format_rate(r, precision, lang),
            w = WIDTH as usize
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_in_eighths() {
        assert_eq!(bar(Decimal::ZERO), "");
        assert_eq!(bar(Decimal::ONE_HUNDRED), "█".repeat(30));
        assert_eq!(bar(Decimal::from(150)), "█".repeat(30));
        // 70 % of 240 eighths = 168 = 21 full.
        assert_eq!(bar(Decimal::from(70)), "█".repeat(21));
        // 15 % → 36 eighths = 4 full + 4/8.
        assert_eq!(bar(Decimal::from(15)), format!("{}▌", "█".repeat(4)));
        // 42.5 % → 102 eighths = 12 full + 6/8.
        assert_eq!(bar(Decimal::new(425, 1)), format!("{}▊", "█".repeat(12)));
    }
}
