//! The sentences of mapping files (--mapping).

use std::fmt::Display;

use crate::i18n::Lang;
use crate::tr;

// ---- mapping files (--mapping) ----

/// E001: a mapping file that is not valid TOML.
pub fn mapping_invalid(lang: Lang, reason: impl Display) -> String {
    tr!(
        lang,
        "fichier de correspondance invalide : {reason}",
        "invalid mapping file: {reason}"
    )
}

/// E001 help: the keys of a mapping file.
pub fn mapping_keys(lang: Lang) -> String {
    tr!(
        lang,
        "clés : sheet, sheets, header_row, scale, totals, [levels] (axis, action), [plan] (title, organization, year, currency), [columns], [sources.ID] (name, status)",
        "keys: sheet, sheets, header_row, scale, totals, [levels] (axis, action), [plan] (title, organization, year, currency), [columns], [sources.ID] (name, status)"
    )
}

/// E019: `totals` other than "error" or "warning".
pub fn mapping_totals(lang: Lang, value: impl Display) -> String {
    tr!(
        lang,
        "totals = « {value} » : valeurs possibles « error » ou « warning »",
        "totals = \"{value}\": possible values \"error\" or \"warning\""
    )
}

/// E019: `scale` other than a power of a thousand.
pub fn mapping_scale(lang: Lang, value: impl Display) -> String {
    tr!(
        lang,
        "scale = {value} : valeurs possibles 1, 1000, 1000000, 1000000000",
        "scale = {value}: possible values 1, 1000, 1000000, 1000000000"
    )
}

/// E003: a field name a mapping file gives that is not one.
pub fn mapping_unknown_field(lang: Lang, field: impl Display, column: impl Display) -> String {
    tr!(
        lang,
        "champ inconnu « {field} » pour la colonne « {column} »",
        "unknown field \"{field}\" for column \"{column}\""
    )
}

/// E003 help: the nearest known name.
pub fn did_you_mean(lang: Lang, name: impl Display) -> String {
    tr!(
        lang,
        "vouliez-vous dire `{name}` ?",
        "did you mean `{name}`?"
    )
}

/// E003 help: the field names a mapping file may use.
pub fn possible_fields(lang: Lang, fields: impl Display) -> String {
    tr!(
        lang,
        "champs possibles : {fields}",
        "possible fields: {fields}"
    )
}

/// E019: a source status that is not secured, pledged or unfunded.
pub fn mapping_unknown_status(lang: Lang, source: impl Display, status: impl Display) -> String {
    tr!(
        lang,
        "[sources.{source}] : statut inconnu « {status} » (secured, pledged, unfunded)",
        "[sources.{source}]: unknown status \"{status}\" (secured, pledged, unfunded)"
    )
}
