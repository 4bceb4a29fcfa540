//! `ptba inspect FILE [--write-mapping FILE]`: what the reader understood of
//! a hand-made workbook — sheets, header rows, each column's field, the
//! levels, the unit, counts and totals per sheet, what was skipped — and a
//! mapping file the user can correct and give back with `--mapping`.

use std::fmt::Write as _;
use std::path::Path;

use rust_decimal::Decimal;

use crate::cli::InspectArgs;
use crate::diagnostic::{self, Files, Severity};
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::load::handmade::{self, SheetReport};
use crate::load::mapping::{self, Field};
use crate::money::{self, Currency};

use crate::session::{emit, load_options, sort_diags};

fn field_text(f: &Option<Field>, lang: Lang) -> String {
    match f {
        None => i18n::commands::inspect::not_recognised(lang).to_string(),
        Some(Field::Ignore) => i18n::commands::inspect::ignored(lang).to_string(),
        Some(Field::Month(m)) => i18n::commands::inspect::month_column(lang, m, &(m - 1) / 3 + 1),
        Some(f) => f.name(),
    }
}

fn unit(d: Decimal, lang: Lang) -> String {
    let plain = Currency {
        code: String::new(),
        decimals: 0,
    };
    format!("×{}", money::format_amount(d, &plain, lang).trim())
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The report, as the user reads it.
fn describe(path: &Path, reports: &[SheetReport], cur: &Currency, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        i18n::commands::inspect::workbook_heading(lang, path.display())
    );
    for r in reports {
        describe_sheet(&mut out, r, cur, lang);
    }
    out
}

/// One sheet: its header, its columns, levels, unit, what was read and
/// what was skipped.
fn describe_sheet(out: &mut String, r: &SheetReport, cur: &Currency, lang: Lang) {
    let _ = writeln!(
        out,
        "\n{}",
        i18n::commands::inspect::sheet_heading(
            lang,
            &r.sheet,
            &if r.header_rows.0 == r.header_rows.1 {
                r.header_rows.0.to_string()
            } else {
                format!("{}-{}", r.header_rows.0, r.header_rows.1)
            }
        )
    );
    let _ = writeln!(out, "  {}", i18n::commands::inspect::columns_heading(lang));
    describe_columns(out, r, lang);
    let levels = if r.levels.is_empty() {
        "—".to_string()
    } else {
        r.levels
            .iter()
            .map(|(k, v)| format!("{k} : {v}"))
            .collect::<Vec<_>>()
            .join(" ; ")
    };
    let _ = writeln!(
        out,
        "  {} {levels}",
        i18n::commands::inspect::levels_heading(lang)
    );
    let scale = match &r.scale {
        Some((d, origin)) => format!("{} ({origin})", unit(*d, lang)),
        None if r.columns.iter().any(|c| c.scale.is_some()) => {
            i18n::commands::inspect::unit_per_column(lang).to_string()
        }
        None => i18n::commands::inspect::unit_as_written(lang).to_string(),
    };
    let _ = writeln!(
        out,
        "  {} {scale}",
        i18n::commands::inspect::unit_heading(lang)
    );
    let _ = write!(
        out,
        "  {}",
        i18n::commands::inspect::sheet_read(
            lang,
            r.axes,
            r.actions,
            r.activities,
            money::format_amount(r.budget, cur, lang),
            &cur.code
        )
    );
    if !r.initial.is_zero() {
        let _ = write!(
            out,
            "{}",
            i18n::commands::inspect::initial_budget(
                lang,
                money::format_amount(r.initial, cur, lang)
            )
        );
    }
    out.push('\n');
    let mut skipped = Vec::new();
    if !r.hidden_rows.is_empty() {
        let rows: Vec<String> = r.hidden_rows.iter().map(u32::to_string).collect();
        skipped.push(i18n::commands::inspect::hidden_rows(lang, rows.join(", ")));
    }
    if !r.hidden_cols.is_empty() {
        skipped.push(i18n::commands::inspect::hidden_columns(
            lang,
            r.hidden_cols.join(", "),
        ));
    }
    let _ = writeln!(
        out,
        "  {} {}",
        i18n::commands::inspect::skipped_heading(lang),
        if skipped.is_empty() {
            "—".to_string()
        } else {
            skipped.join(" ; ")
        }
    );
}

/// The columns of a sheet, one a line: letter, header, field (and unit).
fn describe_columns(out: &mut String, r: &SheetReport, lang: Lang) {
    let width = r
        .columns
        .iter()
        .map(|c| c.shown.chars().count().min(50))
        .max()
        .unwrap_or(0);
    for c in &r.columns {
        let (letter, field, scale) = (&c.letter, &c.field, &c.scale);
        let shown: String = c.shown.chars().take(50).collect();
        let pad = width.saturating_sub(shown.chars().count());
        let _ = write!(
            out,
            "    {letter:<3} {shown}{} → {}",
            " ".repeat(pad),
            field_text(field, lang)
        );
        if let Some(s) = scale {
            let _ = write!(out, " ({})", unit(*s, lang));
        }
        out.push('\n');
    }
}

/// The mapping file that states what was understood.
fn mapping_text(path: &Path, reports: &[SheetReport], lang: Lang) -> String {
    let mut out = String::new();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}",
        i18n::commands::inspect::mapping_header(lang, &name)
    );
    match reports {
        [one] => {
            let _ = writeln!(out, "sheet = {}", quote(&one.sheet));
        }
        many => {
            let names: Vec<String> = many.iter().map(|r| quote(&r.sheet)).collect();
            let _ = writeln!(out, "sheets = [{}]", names.join(", "));
        }
    }
    if let Some(first) = reports.first() {
        let _ = writeln!(out, "header_row = {}", first.header_rows.1);
        match &first.scale {
            Some((d, _)) => {
                let _ = writeln!(out, "scale = {d}");
            }
            None => {
                let _ = writeln!(out, "{}", i18n::commands::inspect::mapping_scale_hint(lang));
            }
        }
        if !first.levels.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                i18n::commands::inspect::mapping_levels_heading(lang)
            );
            for (k, v) in &first.levels {
                let _ = writeln!(out, "#   {k} : {}", v.replace('\n', " "));
            }
        }
        let _ = writeln!(out, "\n[columns]");
        for c in &first.columns {
            let header = c.label.as_str();
            match &c.field {
                Some(Field::Month(m)) => {
                    let _ = writeln!(
                        out,
                        "# {} : {}",
                        quote(header),
                        i18n::commands::inspect::month(lang, m)
                    );
                }
                Some(f) => {
                    let _ = writeln!(out, "{} = {}", quote(header), quote(&f.name()));
                }
                None => {
                    let _ = writeln!(
                        out,
                        "# {} = \"?\"   # {}",
                        quote(header),
                        i18n::commands::inspect::not_recognised(lang)
                    );
                }
            }
        }
    }
    out
}

/// After the sheets: the plan's totals (several sheets), the diagnostics,
/// and the verdict.
fn finish(
    text: &mut String,
    reports: &[SheetReport],
    diags: &mut [crate::diagnostic::Diagnostic],
    files: &Files,
    cur: &Currency,
    lang: Lang,
) {
    if reports.len() > 1 {
        let (axes, actions, acts, budget) = reports
            .iter()
            .fold((0, 0, 0, Decimal::ZERO), |(a, b, c, d), r| {
                (a + r.axes, b + r.actions, c + r.activities, d + r.budget)
            });
        let _ = writeln!(
            text,
            "\n{}",
            i18n::commands::inspect::plan_read(
                lang,
                axes,
                actions,
                acts,
                money::format_amount(budget, cur, lang),
                &cur.code
            )
        );
    }
    if !diags.is_empty() {
        sort_diags(diags);
        text.push('\n');
        for d in diags.iter() {
            text.push_str(&diagnostic::render_human(d, files, lang));
            text.push('\n');
        }
    }
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let _ = writeln!(
        text,
        "{}",
        if errors == 0 {
            i18n::commands::inspect::read_without_error(lang).to_string()
        } else {
            i18n::commands::inspect::read_with_errors(lang, errors)
        }
    );
}

pub fn run(args: &InspectArgs, lang: Lang) -> Result<(), Error> {
    let opts = load_options(&args.input);
    let path = &args.file;
    // Where the mapping goes: checked before anything is read.
    if let Some(out) = &args.write_mapping {
        let mut inputs: Vec<&Path> = vec![path.as_path()];
        inputs.extend(opts.mapping.as_deref());
        crate::fsutil::output(out, &["toml"], &inputs, args.force, lang)?;
    }
    let mut files = Files::default();
    let file = files.add(path, None::<String>);
    let mut diags = Vec::new();
    let book = crate::session::open_book(
        path,
        &opts.limits,
        (&mut files, file),
        lang,
        |files, message, flag| {
            let d = crate::diagnostic::Diagnostic::error(
                crate::diagnostic::Code::TooLarge,
                crate::model::Loc::File(file),
                message,
            )
            .with_help(i18n::check::workbook_too_large_help(lang, flag));
            emit(&format!("{}\n", diagnostic::render_human(&d, files, lang)))
        },
    )?;
    let map = match &opts.mapping {
        Some(p) => mapping::load(p, &mut files, lang, &mut diags)?,
        None => None,
    };
    if opts.mapping.is_none()
        && opts.sheet.is_none()
        && crate::load::plan_workbook::is_plan_layout(&book)
    {
        emit(&i18n::commands::inspect::plan_workbook_exact(
            lang,
            path.display(),
        ))?;
        return Ok(());
    }
    let (plan, reports) = if opts.mapping.is_some() && map.is_none() {
        (Default::default(), Vec::new())
    } else {
        handmade::read_with_report(
            &book,
            path,
            file,
            opts.sheet.as_deref(),
            map.as_ref(),
            lang,
            &mut diags,
        )
    };
    let cur = if plan.currency.code.is_empty() {
        Currency {
            code: "XOF".into(),
            decimals: 0,
        }
    } else {
        plan.currency.clone()
    };
    let mut text = describe(path, &reports, &cur, lang);
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    finish(&mut text, &reports, &mut diags, &files, &cur, lang);
    emit(&text)?;
    if let Some(out) = &args.write_mapping {
        if reports.is_empty() {
            return Err(Error::Usage(
                i18n::commands::inspect::no_table_no_mapping(lang).to_string(),
            ));
        }
        crate::fsutil::write_bytes(out, mapping_text(path, &reports, lang).as_bytes(), lang)?;
        emit(&i18n::commands::inspect::mapping_written(
            lang,
            out.display(),
        ))?;
    }
    if errors == 0 {
        Ok(())
    } else {
        Err(Error::Invalid)
    }
}
