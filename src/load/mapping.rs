//! `--mapping FILE.toml`: how a hand-made workbook's headers map to fields,
//! for headers the built-in synonyms do not know, plus the plan values the
//! sheet does not hold.
//!
//! ```toml
//! sheet = "PTBA 2024"        # optional, like --sheet
//! header_row = 6             # optional: 1-based row of the (last) header row
//!
//! [plan]                     # optional: what the sheet does not say
//! title = "PTBA 2024 du Comité national"
//! organization = "Comité national"
//! year = 2024
//! currency = "XOF"
//!
//! [columns]                  # header as written in the sheet = field
//! "Libellé de la tâche" = "title"
//! "Structure porteuse" = "responsible"
//! "Montant BN" = "source:ETAT"
//! "Observations" = "ignore"
//!
//! [sources.ETAT]             # optional: name and status of a source
//! name = "Budget de l'État"
//! status = "secured"
//! ```

use crate::i18n;
use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::LoadError;
use crate::diagnostic::{Code, Diagnostic, Files};
use crate::i18n::Lang;
use crate::model::{FileId, FundingStatus, Loc};
use crate::text::{fold, nearest};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    AxisCode,
    Axis,
    ActionCode,
    Action,
    Code,
    Title,
    Responsible,
    Partners,
    Quarter(u8),
    Month(u8),
    Start,
    End,
    Weight,
    Amount,
    Source,
    /// One column per funder: the source id.
    SourceColumn(String),
    Quantity,
    UnitCost,
    Category,
    Indicator,
    Unit,
    Baseline,
    Target,
    /// A period as free text ("T2-T3", "S1", "Continu").
    Period,
    /// The budget first adopted, beside a revised one.
    Initial,
    Ignore,
}

/// The field names a mapping file may use.
pub const FIELD_NAMES: &[&str] = &[
    "axis_code",
    "axis",
    "action_code",
    "action",
    "id",
    "title",
    "responsible",
    "partners",
    "t1",
    "t2",
    "t3",
    "t4",
    "start",
    "end",
    "weight",
    "amount",
    "source",
    "source:ID",
    "quantity",
    "unit_cost",
    "category",
    "indicator",
    "unit",
    "baseline",
    "target",
    "period",
    "initial",
    "ignore",
];

impl Field {
    pub fn parse(s: &str) -> Option<Field> {
        let s = s.trim();
        if let Some(id) = s.strip_prefix("source:") {
            let id = id.trim();
            return (!id.is_empty()).then(|| Field::SourceColumn(id.to_string()));
        }
        Some(match s {
            "axis_code" => Field::AxisCode,
            "axis" => Field::Axis,
            "action_code" => Field::ActionCode,
            "action" => Field::Action,
            "id" | "code" => Field::Code,
            "title" => Field::Title,
            "responsible" => Field::Responsible,
            "partners" => Field::Partners,
            "t1" => Field::Quarter(1),
            "t2" => Field::Quarter(2),
            "t3" => Field::Quarter(3),
            "t4" => Field::Quarter(4),
            "start" => Field::Start,
            "end" => Field::End,
            "weight" => Field::Weight,
            "amount" => Field::Amount,
            "source" => Field::Source,
            "quantity" => Field::Quantity,
            "unit_cost" => Field::UnitCost,
            "category" => Field::Category,
            "indicator" => Field::Indicator,
            "unit" => Field::Unit,
            "baseline" => Field::Baseline,
            "target" => Field::Target,
            "period" => Field::Period,
            "initial" => Field::Initial,
            "ignore" => Field::Ignore,
            _ => return None,
        })
    }

    /// The name used in messages and mapping files.
    pub fn name(&self) -> String {
        match self {
            Field::AxisCode => "axis_code".into(),
            Field::Axis => "axis".into(),
            Field::ActionCode => "action_code".into(),
            Field::Action => "action".into(),
            Field::Code => "id".into(),
            Field::Title => "title".into(),
            Field::Responsible => "responsible".into(),
            Field::Partners => "partners".into(),
            Field::Quarter(q) => format!("t{q}"),
            Field::Month(m) => format!("month {m}"),
            Field::Start => "start".into(),
            Field::End => "end".into(),
            Field::Weight => "weight".into(),
            Field::Amount => "amount".into(),
            Field::Source => "source".into(),
            Field::SourceColumn(id) => format!("source:{id}"),
            Field::Quantity => "quantity".into(),
            Field::UnitCost => "unit_cost".into(),
            Field::Category => "category".into(),
            Field::Indicator => "indicator".into(),
            Field::Unit => "unit".into(),
            Field::Baseline => "baseline".into(),
            Field::Target => "target".into(),
            Field::Period => "period".into(),
            Field::Initial => "initial".into(),
            Field::Ignore => "ignore".into(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    sheet: Option<String>,
    sheets: Option<Vec<String>>,
    header_row: Option<u32>,
    scale: Option<u64>,
    totals: Option<String>,
    levels: Option<LevelWords>,
    #[serde(default)]
    plan: PlanValues,
    #[serde(default)]
    columns: BTreeMap<String, String>,
    #[serde(default)]
    sources: BTreeMap<String, SourceValues>,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct PlanValues {
    pub title: Option<String>,
    pub organization: Option<String>,
    pub year: Option<i32>,
    pub currency: Option<String>,
}

/// Words that open section rows, when the user states them.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct LevelWords {
    #[serde(default)]
    pub axis: Option<Vec<String>>,
    #[serde(default)]
    pub action: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct SourceValues {
    name: Option<String>,
    status: Option<String>,
}

/// A mapping file, read.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    pub sheet: Option<String>,
    /// Several sheets read as one plan (one per axis or programme).
    pub sheets: Option<Vec<String>>,
    /// Figures of the money columns are in this unit (1 000: thousands).
    pub scale: Option<u64>,
    /// `totals = "warning"`: the user confirms that a workbook total that
    /// disagrees with its rows is the total that is wrong.
    pub totals_warning: bool,
    pub levels: Option<LevelWords>,
    /// 0-based.
    pub header_row: Option<u32>,
    pub plan: PlanValues,
    /// Folded header → field, with the header as written.
    pub columns: Vec<(String, Field, String)>,
    pub sources: BTreeMap<String, (Option<String>, Option<FundingStatus>)>,
}

impl Mapping {
    /// The field of a header (matched folded).
    pub fn field(&self, header: &str) -> Option<&Field> {
        let f = fold(header);
        self.columns.iter().find(|c| c.0 == f).map(|c| &c.1)
    }
}

/// Reads a mapping file. Its problems are diagnostics (exit 1); an absent
/// file is an I/O error (exit 2).
pub fn load(
    path: &Path,
    files: &mut Files,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<Mapping>, LoadError> {
    let (id, text) = super::read_text(path, files, lang, diags)?;
    let Some(text) = text else { return Ok(None) };
    let mut rd = MappingReading {
        file: id,
        text: &text,
        lang,
        diags,
        ok: true,
    };
    let raw: File = match toml::from_str(&text) {
        Ok(f) => f,
        Err(e) => {
            let loc = rd.loc(e.span());
            rd.diags.push(
                Diagnostic::error(
                    Code::Syntax,
                    loc,
                    i18n::load::mapping_invalid(lang, e.message().trim()),
                )
                .with_help(i18n::load::mapping_keys(lang)),
            );
            return Ok(None);
        }
    };
    let totals_warning = rd.totals(raw.totals.as_deref());
    rd.check_scale(raw.scale);
    let m = Mapping {
        sheet: raw.sheet,
        sheets: raw.sheets,
        scale: raw.scale,
        totals_warning,
        levels: raw.levels,
        header_row: raw.header_row.map(|r| r.saturating_sub(1)),
        plan: raw.plan,
        columns: rd.columns(raw.columns),
        sources: rd.sources(raw.sources),
    };
    Ok(rd.ok.then_some(m))
}

/// A mapping file being read: its text, and whether every value is right
/// so far.
struct MappingReading<'a> {
    file: FileId,
    text: &'a str,
    lang: Lang,
    diags: &'a mut Vec<Diagnostic>,
    ok: bool,
}

impl MappingReading<'_> {
    /// The place of a span of the file, or the whole file.
    fn loc(&self, span: Option<std::ops::Range<usize>>) -> Loc {
        match span {
            Some(s) => Loc::Span {
                file: self.file,
                start: s.start as u32,
                end: s.end as u32,
            },
            None => Loc::File(self.file),
        }
    }

    /// A value that makes the mapping unusable.
    fn refuse(&mut self, d: Diagnostic) {
        self.ok = false;
        self.diags.push(d);
    }

    /// `totals = "warning"`: whether the user confirms that wrong totals
    /// are the workbook's.
    fn totals(&mut self, totals: Option<&str>) -> bool {
        match totals {
            None | Some("error") => false,
            Some("warning" | "avertissement") => true,
            Some(other) => {
                self.refuse(Diagnostic::error(
                    Code::InvalidValue,
                    self.loc(None),
                    i18n::load::mapping_totals(self.lang, other),
                ));
                false
            }
        }
    }

    /// `scale`: a power of a thousand.
    fn check_scale(&mut self, scale: Option<u64>) {
        if let Some(s) = scale
            && !matches!(s, 1 | 1000 | 1_000_000 | 1_000_000_000)
        {
            self.refuse(Diagnostic::error(
                Code::InvalidValue,
                self.loc(None),
                i18n::load::mapping_scale(self.lang, s),
            ));
        }
    }

    /// `[columns]`: header → field, each field a known one.
    fn columns(&mut self, columns: BTreeMap<String, String>) -> Vec<(String, Field, String)> {
        let lang = self.lang;
        let mut out = Vec::new();
        for (header, field) in columns {
            // Point at the field's text in the file when it can be found.
            let at = self
                .text
                .find(&format!("\"{field}\""))
                .map(|s| s..s + field.len() + 2);
            match Field::parse(&field) {
                Some(f) => out.push((fold(&header), f, header)),
                None => {
                    let mut d = Diagnostic::error(
                        Code::UnknownKey,
                        self.loc(at),
                        i18n::load::mapping_unknown_field(lang, &field, &header),
                    );
                    d.help = Some(match nearest(&field, FIELD_NAMES.iter().copied()) {
                        Some(n) => i18n::load::did_you_mean(lang, n),
                        None => i18n::load::possible_fields(lang, FIELD_NAMES.join(", ")),
                    });
                    self.refuse(d);
                }
            }
        }
        out
    }

    /// `[sources.ID]`: name and funding status of each source.
    fn sources(
        &mut self,
        sources: BTreeMap<String, SourceValues>,
    ) -> BTreeMap<String, (Option<String>, Option<FundingStatus>)> {
        let mut out = BTreeMap::new();
        for (id, s) in sources {
            let status = match s.status.as_deref() {
                None => None,
                Some(t) => match FundingStatus::parse(t) {
                    Some(st) => Some(st),
                    None => {
                        self.refuse(Diagnostic::error(
                            Code::InvalidValue,
                            self.loc(None),
                            i18n::load::mapping_unknown_status(self.lang, &id, t),
                        ));
                        None
                    }
                },
            };
            out.insert(id, (s.name, status));
        }
        out
    }
}
