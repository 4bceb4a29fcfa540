//! `ptba report`: the workbook is read back with calamine and compared with
//! `summary --format json` / `--format csv`, figure for figure.

use crate::xlsx_util::*;
use calamine::Data;
use serde_json::Value;

const SHEETS_FR: [&str; 7] = [
    "Synthèse",
    "Période",
    "Activités",
    "Par source",
    "Par catégorie",
    "Chronogramme",
    "Indicateurs",
];

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/plans/exemple-2024.toml");

fn example() -> Env {
    let env = Env::new();
    let dir = std::path::Path::new(EXAMPLE).parent().unwrap();
    for f in ["exemple-2024.toml", "exemple-2024.progress.toml"] {
        std::fs::copy(dir.join(f), env.path(f)).unwrap();
    }
    env
}

fn fixture() -> Env {
    let env = Env::new();
    env.copy("report/plan.toml", "plan.toml");
    env.copy("report/plan.progress.toml", "plan.progress.toml");
    env
}

/// Where the by-axis table of Synthèse is: header row and column of each label.
struct AxisTable {
    header: u32,
    cols: Vec<(String, u32)>,
}

impl AxisTable {
    fn find(r: &calamine::Range<Data>) -> AxisTable {
        let header = (0..200)
            .find(|&row| text_or_empty(r, row, 0) == "Code" && text_or_empty(r, row, 1) == "Axe")
            .expect("by-axis header");
        let mut cols = Vec::new();
        for c in 0..30 {
            let t = text_or_empty(r, header, c);
            if !t.is_empty() {
                cols.push((t, c));
            }
        }
        AxisTable { header, cols }
    }

    fn col(&self, label: &str) -> u32 {
        self.cols
            .iter()
            .find(|(l, _)| l == label)
            .unwrap_or_else(|| panic!("column {label} in {:?}", self.cols))
            .1
    }
}

fn text_or_empty(r: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match get(r, row, col) {
        Data::String(s) => s,
        _ => String::new(),
    }
}

/// Compares one row of figures (amount columns, counts, rates) with a JSON
/// group or the JSON totals.
fn assert_row(r: &calamine::Range<Data>, t: &AxisTable, row: u32, g: &Value, what: &str) {
    let cur = if g["currency"] == "EUR" {
        "EUR"
    } else {
        "FCFA"
    };
    let amounts = [
        ("Budget", "budget"),
        ("Budget abandonné", "cancelled_budget"),
        ("Engagé", "committed"),
        ("Décaissé", "spent"),
        ("Solde", "balance"),
        ("Acquis", "secured"),
        ("Promis", "pledged"),
        ("À rechercher", "unfunded"),
    ];
    for (label, key) in amounts {
        let label = &format!("{label} ({cur})");
        assert_eq!(num(r, row, t.col(label)), amount(&g[key]), "{what} {label}");
    }
    for (label, key) in [
        ("Activités", "activities"),
        ("Abandonnées", "cancelled"),
        ("Réalisées", "done"),
    ] {
        assert_eq!(
            num(r, row, t.col(label)),
            g[key].as_f64().unwrap(),
            "{what} {label}"
        );
    }
    for (label, key) in [
        ("Exéc. physique", "physical"),
        ("Réalisation", "completion"),
        ("Exéc. financière", "financial"),
        ("Engagement", "commitment"),
        ("Mobilisation", "mobilisation"),
    ] {
        assert_rate(
            &get(r, row, t.col(label)),
            &g["rates"][key],
            &format!("{what} {label}"),
        );
    }
}

#[test]
fn synthese_agrees_with_summary_json_and_csv() {
    let env = fixture();
    let out = env.ok(&["report", "plan.toml", "-o", "rapport.xlsx"]);
    assert!(out.contains("Rapport écrit : rapport.xlsx"), "{out}");
    assert!(
        out.contains("Taux d'exécution physique : 42 % — 4 actions / 6 activités"),
        "{out}"
    );
    let json = env.json(&["summary", "plan.toml", "--format", "json"]);
    let mut book = Book::open(&env.path("rapport.xlsx"));
    assert_eq!(book.names(), SHEETS_FR);
    let r = book.values("Synthèse");
    assert_eq!(text(&r, 0, 0), "Plan de travail annuel 2024 — test");
    assert_eq!(text(&r, 1, 1), "Comité national de test");
    assert_eq!(num(&r, 2, 1), 2024.0);
    // The as-of date is an Excel date (30/09/2024), not text.
    match get(&r, 3, 1) {
        Data::DateTime(d) => assert_eq!(d.as_f64(), 45565.0),
        other => panic!("as-of date: {other:?}"),
    }
    assert_eq!(
        text(&r, 5, 0),
        "Taux d'exécution physique : 42 % — 4 actions / 6 activités, dont 1 abandonnée"
    );

    let t = AxisTable::find(&r);
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 4);
    for (i, g) in groups.iter().enumerate() {
        let row = t.header + 1 + i as u32;
        assert_eq!(text(&r, row, 0), g["id"].as_str().unwrap());
        assert_eq!(text(&r, row, 1), g["title"].as_str().unwrap());
        assert_row(&r, &t, row, g, g["id"].as_str().unwrap());
    }
    let total = t.header + 1 + groups.len() as u32;
    assert_eq!(text(&r, total, 0), "TOTAL");
    assert_row(&r, &t, total, &json, "TOTAL");

    // Key figures: label in B, value (a formula on the total row) in C.
    for (label, key) in [
        ("Taux d'exécution physique", "physical"),
        ("Taux de réalisation", "completion"),
        ("Taux d'exécution financière", "financial"),
        ("Taux d'engagement", "commitment"),
        ("Taux de mobilisation", "mobilisation"),
    ] {
        let row = find_row(&r, 1, label).unwrap_or_else(|| panic!("{label}"));
        assert_rate(&get(&r, row, 2), &json["rates"][key], label);
    }
    for (label, key) in [
        ("Budget (FCFA)", "budget"),
        ("Engagé (FCFA)", "committed"),
        ("Décaissé (FCFA)", "spent"),
        ("Solde (FCFA)", "balance"),
        ("Acquis (FCFA)", "secured"),
        ("Promis (FCFA)", "pledged"),
        ("À rechercher (gap) (FCFA)", "unfunded"),
        (
            "Budget des activités abandonnées (FCFA)",
            "cancelled_budget",
        ),
    ] {
        let row = find_row(&r, 1, label).unwrap_or_else(|| panic!("{label}"));
        assert_eq!(num(&r, row, 2), amount(&json[key]), "{label}");
    }
    let row = find_row(&r, 1, "Activités").unwrap();
    assert_eq!(num(&r, row, 2), 6.0);
    let row = find_row(&r, 1, "Actions").unwrap();
    assert_eq!(num(&r, row, 2), 4.0);

    // The same figures as `summary --format csv`, row by row.
    let csv = env.ok(&["summary", "plan.toml", "--format", "csv"]);
    let lines: Vec<Vec<String>> = csv.lines().map(parse_csv_line).collect();
    let header = &lines[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for line in &lines[1..] {
        let row = if line[col("by")] == "plan" {
            total
        } else {
            find_row(&r, 0, &line[col("id")]).expect("axis row")
        };
        for (label, key) in [
            ("Budget (FCFA)", "budget"),
            ("Décaissé (FCFA)", "spent"),
            ("Engagé (FCFA)", "committed"),
            ("Solde (FCFA)", "balance"),
            ("À rechercher (FCFA)", "unfunded"),
        ] {
            let want: f64 = line[col(key)].parse().unwrap();
            assert_eq!(num(&r, row, t.col(label)), want, "csv {key}");
        }
        for (label, key) in [
            ("Exéc. physique", "physical"),
            ("Exéc. financière", "financial"),
            ("Mobilisation", "mobilisation"),
        ] {
            let want = &line[col(key)];
            match get(&r, row, t.col(label)) {
                Data::Float(x) => {
                    let w: f64 = want.parse().unwrap();
                    assert!(
                        (x * 100.0 - w).abs() <= 0.005 + 1e-9,
                        "csv {key}: {x} vs {w}"
                    );
                }
                Data::String(s) => {
                    assert_eq!(s, "—");
                    assert_eq!(want, "", "csv {key}");
                }
                other => panic!("{other:?}"),
            }
        }
    }
}

/// A minimal CSV line parser (quoted fields, doubled quotes).
fn parse_csv_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[test]
fn totals_and_rates_are_formulas_with_numeric_formats() {
    let env = fixture();
    env.ok(&["report", "plan.toml", "-o", "r.xlsx"]);
    let mut book = Book::open(&env.path("r.xlsx"));
    let r = book.values("Synthèse");
    let fm = book.formulas("Synthèse");
    let st = book.styles("Synthèse");
    let t = AxisTable::find(&r);
    let first = t.header + 1;
    let total = first + 4;
    let formula =
        |row: u32, col: u32| -> String { fm.get_value((row, col)).cloned().unwrap_or_default() };
    let budget = t.col("Budget (FCFA)");
    let fin = t.col("Exéc. financière");
    let phys = t.col("Exéc. physique");
    assert_eq!(
        formula(total, budget),
        format!("SUM({}:{})", a1(first, budget), a1(total - 1, budget))
    );
    assert!(formula(first, fin).contains('/'), "{}", formula(first, fin));
    // SUMIFS, which LibreOffice and Gnumeric evaluate alike (never EXACT
    // inside SUMPRODUCT).
    assert_eq!(
        formula(first, phys),
        format!(
            "IF(SUMIFS('Activités'!$R$2:$R$7,'Activités'!$A$2:$A$7,A{0})=0,\"—\",\
             SUMIFS('Activités'!$S$2:$S$7,'Activités'!$A$2:$A$7,A{0})/\
             SUMIFS('Activités'!$R$2:$R$7,'Activités'!$A$2:$A$7,A{0}))",
            first + 1
        )
    );
    for (row, col, f) in fm.used_cells() {
        assert!(!f.contains("EXACT"), "{}: {f}", a1(row as u32, col as u32));
    }
    assert!(formula(total, phys).contains("SUM('Activités'!$S$2:$S$7)"));
    let key = find_row(&r, 1, "Taux d'exécution financière").unwrap();
    assert_eq!(formula(key, 2), a1(total, fin));
    // A rate on an axis without budget is "—", from a formula too.
    let a4 = find_row(&r, 0, "A4").unwrap();
    assert!(formula(a4, fin).starts_with("IF("));
    assert_eq!(get(&r, a4, fin), Data::String("—".into()));

    let code = |row: u32, col: u32| -> String {
        st.get((row, col))
            .and_then(|s| s.number_format.as_ref())
            .map(|n| n.format_code.clone())
            .unwrap_or_default()
    };
    assert_eq!(code(first, budget), "#,##0");
    assert_eq!(code(total, budget), "#,##0");
    assert_eq!(code(first, fin), "0%");
    assert_eq!(code(key, 2), "0%");

    // Every amount and rate cell of the data sheets is a number or "—".
    for sheet in ["Synthèse", "Activités", "Par source"] {
        let r = book.values(sheet);
        let st = book.styles(sheet);
        let mut checked = 0;
        for (row, col, v) in r.used_cells() {
            let Some(fmt) = st
                .get((row as u32, col as u32))
                .and_then(|s| s.number_format.as_ref())
            else {
                continue;
            };
            if fmt.format_code == "#,##0" || fmt.format_code == "0%" {
                checked += 1;
                match v {
                    Data::Float(_) | Data::Int(_) => {}
                    Data::String(s) if s == "—" => {}
                    other => panic!("{sheet}!{}: {other:?}", a1(row as u32, col as u32)),
                }
            }
        }
        assert!(checked > 10, "{sheet}: {checked} numeric cells");
    }
}

#[test]
fn chart_references_the_by_axis_table() {
    let env = fixture();
    env.ok(&["report", "plan.toml", "-o", "r.xlsx"]);
    let mut book = Book::open(&env.path("r.xlsx"));
    let r = book.values("Synthèse");
    // The chart's data block: axis titles and the two rates, as numbers.
    let title = find_row(
        &r,
        0,
        "Données du graphique (valeurs de la situation, non recalculées)",
    )
    .expect("chart data");
    let (first, last) = (title + 2, title + 5);
    assert_eq!(text(&r, first, 1), "Prévention");
    let chart = book.part("xl/charts/chart1.xml").expect("a chart");
    assert!(chart.contains("<c:barChart>"), "a column chart");
    for c in ["C", "D"] {
        // Excel writes a sheet name of letters unquoted, accents included.
        let range = format!("<c:f>Synthèse!${c}${}:${c}${}</c:f>", first + 1, last + 1);
        assert!(chart.contains(&range), "{range} in chart:\n{chart}");
    }
    // Categories: the axis titles, cached; values cached too.
    assert!(chart.contains(&format!(
        "<c:f>Synthèse!$B${}:$B${}</c:f>",
        first + 1,
        last + 1
    )));
    assert!(chart.contains("<c:strCache>"), "{chart}");
    assert!(chart.contains("<c:v>Prévention</c:v>"), "{chart}");
    assert!(
        chart.contains("<c:v>Protection des victimes</c:v>"),
        "{chart}"
    );
    // A1's financial rate: 9 900 000 / 20 500 000 + 3 000 000 + 4 000 000 … as stored.
    let stored = num(&r, first, 3);
    assert!(
        chart.contains(&format!("<c:v>{stored}</c:v>")),
        "{stored} in {chart}"
    );
    let drawing_rels = book.part("xl/worksheets/_rels/sheet1.xml.rels").unwrap();
    assert!(drawing_rels.contains("drawing"), "chart on the first sheet");
}

#[test]
fn formula_like_text_stays_text_everywhere() {
    let env = fixture();
    env.ok(&["report", "plan.toml", "-o", "r.xlsx"]);
    let mut book = Book::open(&env.path("r.xlsx"));
    let mut seen = Vec::new();
    for sheet in SHEETS_FR {
        let r = book.values(sheet);
        let fm = book.formulas(sheet);
        for (row, col, v) in r.used_cells() {
            if let Data::String(s) = v
                && s.starts_with(['=', '+', '-', '@'])
            {
                let f = fm
                    .get_value((row as u32, col as u32))
                    .cloned()
                    .unwrap_or_default();
                assert!(
                    f.is_empty(),
                    "{sheet}!{}: {s} became {f}",
                    a1(row as u32, col as u32)
                );
                seen.push(s.clone());
            }
        }
        for (_, _, f) in fm.used_cells() {
            assert!(
                !f.contains("HYPERLINK") && !f.contains("SUM(1,2)"),
                "{sheet}: {f}"
            );
        }
    }
    for want in [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+Formation des enseignants",
        "-Prise en charge médicale et psychosociale",
        "@Suivre le plan",
        "=SUM(1,2)",
    ] {
        assert!(
            seen.iter().any(|s| s == want),
            "{want} not found in {seen:?}"
        );
    }
    // The axis title shows on Synthèse, Activités and Par source.
    let count = seen
        .iter()
        .filter(|s| s.as_str() == "=HYPERLINK(\"http://x\",\"y\")")
        .count();
    assert!(count >= 3, "{count}");
}

#[test]
fn activities_sheet_one_row_per_activity() {
    let env = fixture();
    env.ok(&["report", "plan.toml", "-o", "r.xlsx"]);
    let mut book = Book::open(&env.path("r.xlsx"));
    let r = book.values("Activités");
    let h = |label: &str| find_col(&r, 0, label).unwrap_or_else(|| panic!("{label}"));
    assert_eq!(r.height(), 7, "header + 6 activities");
    let row = find_row(&r, h("Code"), "A1.1.1").unwrap();
    assert_eq!(text(&r, row, h("Code axe")), "A1");
    assert_eq!(text(&r, row, h("Axe")), "Prévention");
    assert_eq!(text(&r, row, h("Code action")), "A1.1");
    assert_eq!(text(&r, row, h("Responsable")), "CNLTP");
    assert_eq!(text(&r, row, h("Trimestres")), "T1, T2");
    assert_eq!(num(&r, row, h("Budget (FCFA)")), 20_500_000.0);
    assert_eq!(num(&r, row, h("Engagé (FCFA)")), 7_000_000.0);
    assert_eq!(num(&r, row, h("Décaissé (FCFA)")), 7_000_000.0);
    assert_eq!(num(&r, row, h("Solde (FCFA)")), 13_500_000.0);
    assert_eq!(num(&r, row, h("Avancement")), 0.8);
    assert_eq!(
        num(&r, row, h("Exéc. financière")),
        7_000_000.0 / 20_500_000.0
    );
    assert_eq!(text(&r, row, h("Statut")), "en cours");
    assert_eq!(
        text(&r, row, h("Dernière note")),
        "Deux campagnes tenues à San Pedro et Man"
    );
    let done = find_row(&r, h("Code"), "A1.1.2").unwrap();
    assert_eq!(text(&r, done, h("Statut")), "réalisée");
    assert_eq!(num(&r, done, h("Avancement")), 1.0);
    let cancelled = find_row(&r, h("Code"), "A2.1.2").unwrap();
    assert_eq!(text(&r, cancelled, h("Statut")), "abandonnée");
    assert_eq!(num(&r, cancelled, h("Poids (taux physique)")), 0.0);
    let none = find_row(&r, h("Code"), "A3.1.1").unwrap();
    assert_eq!(text(&r, none, h("Statut")), "prévue");

    let sheet = book.part("xl/worksheets/sheet3.xml").unwrap();
    assert!(sheet.contains("<autoFilter ref=\"A1:T7\""), "autofilter");
    assert!(sheet.contains("state=\"frozen\""), "frozen header");
    assert!(sheet.contains("<col "), "column widths");
}

#[test]
fn by_source_agrees_with_summary_by_source() {
    let env = fixture();
    env.ok(&["report", "plan.toml", "-o", "r.xlsx"]);
    let json = env.json(&["summary", "plan.toml", "--by", "source", "--format", "json"]);
    let mut book = Book::open(&env.path("r.xlsx"));
    let r = book.values("Par source");
    let fm = book.formulas("Par source");
    let header = find_row(&r, 0, "Code").unwrap();
    let h = |label: &str| find_col(&r, header, label).unwrap_or_else(|| panic!("{label}"));
    for g in json["groups"].as_array().unwrap() {
        let id = g["id"].as_str().unwrap();
        let label = if id.is_empty() {
            "Total Non ventilé".to_string()
        } else {
            format!("Total {id}")
        };
        let row = find_row(&r, 0, &label).unwrap_or_else(|| panic!("{label}"));
        for (col, key) in [
            ("Budget (FCFA)", "budget"),
            ("Budget abandonné (FCFA)", "cancelled_budget"),
            ("Engagé (FCFA)", "committed"),
            ("Décaissé (FCFA)", "spent"),
            ("Solde (FCFA)", "balance"),
        ] {
            assert_eq!(num(&r, row, h(col)), amount(&g[key]), "{label} {col}");
        }
        assert_eq!(
            num(&r, row, h("Activités")),
            g["activities"].as_f64().unwrap()
        );
        assert_rate(
            &get(&r, row, h("Exéc. financière")),
            &g["rates"]["financial"],
            &label,
        );
        assert_rate(
            &get(&r, row, h("Engagement")),
            &g["rates"]["commitment"],
            &label,
        );
        let f = fm
            .get_value((row, h("Budget (FCFA)")))
            .cloned()
            .unwrap_or_default();
        assert!(f.starts_with("SUBTOTAL(9,") || f == "0", "{label}: {f}");
    }
    // Source status, and the source × axis detail.
    let etat_a1 = (header + 1..)
        .take(30)
        .find(|&row| {
            text_or_empty(&r, row, 0) == "ETAT" && text_or_empty(&r, row, h("Code axe")) == "A1"
        })
        .expect("ETAT × A1");
    assert_eq!(text(&r, etat_a1, h("Statut de la source")), "acquis");
    assert_eq!(num(&r, etat_a1, h("Budget (FCFA)")), 15_500_000.0);
    assert_eq!(num(&r, etat_a1, h("Décaissé (FCFA)")), 9_900_000.0);
    let gap = find_row(&r, 0, "GAP").unwrap();
    assert_eq!(text(&r, gap, h("Statut de la source")), "à rechercher");
    let unicef = find_row(&r, 0, "UNICEF").unwrap();
    assert_eq!(text(&r, unicef, h("Statut de la source")), "promis");
    // Grand total: every line, every payment.
    let total = find_row(&r, 0, "TOTAL").unwrap();
    assert_eq!(num(&r, total, h("Budget (FCFA)")), 38_000_000.0);
    assert_eq!(num(&r, total, h("Décaissé (FCFA)")), 10_700_000.0);
}

#[test]
fn schedule_shades_planned_quarters_by_status() {
    let env = fixture();
    env.ok(&["report", "plan.toml", "-o", "r.xlsx"]);
    env.ok(&[
        "report",
        "plan.toml",
        "-o",
        "dec.xlsx",
        "--as-of",
        "2024-12-31",
    ]);
    let mut book = Book::open(&env.path("r.xlsx"));
    let r = book.values("Chronogramme");
    let st = book.styles("Chronogramme");
    let header = find_row(&r, 0, "Code").unwrap();
    let q = |n: u32| find_col(&r, header, &format!("T{n}")).unwrap();
    let row = |id: &str| find_row(&r, 0, id).unwrap();
    // As of 30/09/2024 (last record): T1–T3 have ended.
    assert_eq!(text(&r, row("A1.1.2"), q(2)), "réalisée");
    assert_eq!(text(&r, row("A1.1.2"), q(1)), "");
    assert_eq!(text(&r, row("A2.1.2"), q(4)), "abandonnée");
    // 10 % where T3's end implies 50 %.
    assert_eq!(text(&r, row("A2.1.1"), q(3)), "en retard");
    assert_eq!(text(&r, row("A2.1.1"), q(4)), "prévue");
    // Planned all year, nothing done: late in every ended quarter.
    for n in 1..=3 {
        assert_eq!(text(&r, row("A3.1.1"), q(n)), "en retard");
    }
    assert_eq!(text(&r, row("A3.1.1"), q(4)), "prévue");
    // 80 % over T1–T2: T1 (50 % implied) on track, T2 (100 %) late.
    assert_eq!(text(&r, row("A1.1.1"), q(1)), "à jour");
    assert_eq!(text(&r, row("A1.1.1"), q(2)), "en retard");
    assert_eq!(text(&r, row("A1.2.1"), q(1)), "en retard");
    let late = find_col(&r, header, "En retard").unwrap();
    assert_eq!(text(&r, row("A3.1.1"), late), "oui");
    assert_eq!(text(&r, row("A1.1.2"), late), "");
    assert_eq!(text(&r, row("A2.1.2"), late), "");
    let fill = |row: u32, col: u32| {
        st.get((row, col))
            .and_then(|s| s.fill.as_ref())
            .and_then(|f| f.get_color())
            .map(|c| c.to_argb() & 0xFFFFFF)
    };
    assert_eq!(fill(row("A3.1.1"), q(1)), Some(0xFFC7CE), "late is red");
    assert_eq!(fill(row("A1.1.2"), q(2)), Some(0xC6EFCE), "done is green");
    assert_eq!(
        fill(row("A3.1.1"), q(4)),
        Some(0xDDEBF7),
        "planned is shaded"
    );
    assert_eq!(fill(row("A1.1.2"), q(1)), None, "unplanned is blank");

    let mut dec = Book::open(&env.path("dec.xlsx"));
    let r = dec.values("Chronogramme");
    assert_eq!(
        text(&r, find_row(&r, 0, "A3.1.1").unwrap(), q(3)),
        "en retard"
    );
    assert_eq!(
        text(&r, find_row(&r, 0, "A3.1.1").unwrap(), q(4)),
        "en retard"
    );
    assert!(text(&r, 0, 0).contains("31/12/2024"));

    // As of 30/06: future quarters are planned, whatever the status; an
    // activity planned all year at 70 % on 15/12 is late in T3 only (75 %
    // implied), and in T4 it is the current quarter.
    env.ok(&[
        "report",
        "plan.toml",
        "-o",
        "june.xlsx",
        "--as-of",
        "2024-06-30",
    ]);
    let mut june = Book::open(&env.path("june.xlsx"));
    let r = june.values("Chronogramme");
    let row = |id: &str| find_row(&r, 0, id).unwrap();
    assert_eq!(text(&r, row("A2.1.1"), q(3)), "prévue");
    assert_eq!(text(&r, row("A3.1.1"), q(3)), "prévue");
    assert_eq!(text(&r, row("A3.1.1"), q(2)), "en retard");
    env.write(
        "plan.progress.toml",
        format!(
            "{}
[[record]]
activity = \"A3.1.1\"\ndate = 2024-12-15\nstatus = \"ongoing\"\nprogress = 70\n",
            std::fs::read_to_string(env.path("plan.progress.toml")).unwrap()
        ),
    );
    env.ok(&["report", "plan.toml", "-o", "d15.xlsx"]);
    let mut d15 = Book::open(&env.path("d15.xlsx"));
    let r = d15.values("Chronogramme");
    let a3 = find_row(&r, 0, "A3.1.1").unwrap();
    let cells: Vec<String> = (1..=4).map(|n| text(&r, a3, q(n))).collect();
    assert_eq!(cells, ["à jour", "à jour", "en retard", "en cours"]);
}

#[test]
fn indicators_with_achievement() {
    let env = fixture();
    env.ok(&["report", "plan.toml", "-o", "r.xlsx"]);
    let json = env.json(&["summary", "plan.toml", "--format", "json"]);
    let mut book = Book::open(&env.path("r.xlsx"));
    let r = book.values("Indicateurs");
    assert_eq!(text(&r, 0, 0), "Indicateurs — situation au 30/09/2024");
    assert_eq!(text(&r, 1, 0), "Plan de travail annuel 2024 — test");
    assert_eq!(
        (0..8).map(|c| text(&r, 3, c)).collect::<Vec<_>>(),
        [
            "Niveau",
            "Code",
            "Indicateur",
            "Unité",
            "Référence",
            "Cible",
            "Réalisé",
            "Atteinte"
        ]
    );
    let inds = json["indicators"].as_array().unwrap();
    assert_eq!(r.height(), inds.len() + 4);
    for (i, ind) in inds.iter().enumerate() {
        let row = i as u32 + 4;
        assert_eq!(text(&r, row, 1), ind["owner"].as_str().unwrap());
        assert_eq!(text(&r, row, 2), ind["name"].as_str().unwrap());
        assert_eq!(num(&r, row, 5), amount(&ind["target"]));
        match &ind["actual"] {
            Value::Null => assert_eq!(get(&r, row, 6), Data::Empty),
            a => assert_eq!(num(&r, row, 6), amount(a)),
        }
        assert_rate(
            &get(&r, row, 7),
            &ind["achievement"],
            ind["name"].as_str().unwrap(),
        );
    }
    let row = find_row(&r, 2, "Communes couvertes").unwrap();
    assert_eq!(text(&r, row, 0), "Axe");
    assert_eq!(num(&r, row, 7), 0.4);
    let row = find_row(&r, 2, "Campagnes réalisées").unwrap();
    assert_eq!(num(&r, row, 7), 0.8);
}

#[test]
fn english_report() {
    let env = fixture();
    env.ok(&["--lang", "en", "report", "plan.toml", "-o", "r.xlsx"]);
    let mut book = Book::open(&env.path("r.xlsx"));
    assert_eq!(
        book.names(),
        [
            "Summary",
            "Period",
            "Activities",
            "By source",
            "By category",
            "Schedule",
            "Indicators"
        ]
    );
    let r = book.values("Summary");
    assert!(find_row(&r, 1, "Physical execution rate").is_some());
    assert!(find_row(&r, 1, "Budget (FCFA)").is_some());
    let a = book.values("Activities");
    assert_eq!(text(&a, 0, 0), "Axis code");
    assert!(find_col(&a, 0, "Last note").is_some());
    let s = book.values("Schedule");
    let header = find_row(&s, 0, "Code").unwrap();
    assert!(find_col(&s, header, "Status").is_some());
    // Quarters are Q1..Q4 in English, everywhere.
    let quarters: Vec<String> = (3..7).map(|c| text(&s, header, c)).collect();
    assert_eq!(quarters, ["Q1", "Q2", "Q3", "Q4"]);
    let row = find_row(&a, 4, "A1.1.1").unwrap();
    assert_eq!(
        text(&a, row, find_col(&a, 0, "Quarters").unwrap()),
        "Q1, Q2"
    );
    let p = book.values("Period");
    assert_eq!(
        text(&p, 0, 0),
        "Execution for the period, the year to date and cumulative — Q3 2024 (2024-07-01 – 2024-09-30)"
    );
    let i = book.values("Indicators");
    assert_eq!(text(&i, 0, 0), "Indicators — as of 2024-09-30");
}

#[test]
fn same_input_same_bytes_and_document_properties() {
    let env = fixture();
    env.ok(&["report", "plan.toml", "-o", "a.xlsx"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    env.ok(&["report", "plan.toml", "-o", "b.xlsx"]);
    let a = std::fs::read(env.path("a.xlsx")).unwrap();
    let b = std::fs::read(env.path("b.xlsx")).unwrap();
    assert!(a == b, "two runs differ");
    let core = zip_part(&env.path("a.xlsx"), "docProps/core.xml").unwrap();
    assert!(
        core.contains("<dc:title>Plan de travail annuel 2024 — test</dc:title>"),
        "{core}"
    );
    assert!(
        core.contains("2024-09-30T00:00:00Z"),
        "creation date is the as-of date: {core}"
    );
    let app = zip_part(&env.path("a.xlsx"), "docProps/app.xml").unwrap();
    assert!(
        app.contains("<Company>Comité national de test</Company>"),
        "{app}"
    );
    // No made-up address in the description.
    assert!(!core.contains("github"), "{core}");
    assert!(
        core.contains("<dc:description>ptba</dc:description>"),
        "{core}"
    );
}

#[test]
fn failures_leave_the_output_untouched() {
    let env = fixture();
    let out = env.write("r.xlsx", "previous report");
    // An invalid plan: exit 1, nothing written.
    env.write(
        "bad.toml",
        "[plan]\ntitle = \"x\"\nyear = 2024\n[[activity]]\nid = \"a\"\naction = \"nope\"\ntitle = \"t\"\n",
    );
    let r = env.output(&["report", "bad.toml", "-o", "r.xlsx", "--force"]);
    assert_eq!(
        r.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous report");
    // A missing plan: exit 2.
    let r = env.output(&["report", "missing.toml", "-o", "r.xlsx", "--force"]);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous report");
    // Not an .xlsx name, a folder that does not exist, the plan itself: exit 2.
    for target in ["r.csv", "nowhere/r.xlsx", "plan.progress.toml"] {
        let r = env.output(&["report", "plan.toml", "-o", target]);
        assert_eq!(r.status.code(), Some(2), "{target}");
    }
    assert!(!env.path("r.csv").exists());
    assert!(
        std::fs::read_to_string(env.path("plan.progress.toml"))
            .unwrap()
            .contains("[[record]]")
    );
    // No temporary file left behind.
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Without --force an existing report is kept (exit 2); with it, a
    // success replaces it.
    let r = env.output(&["report", "plan.toml", "-o", "r.xlsx"]);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous report");
    env.ok(&["report", "plan.toml", "-o", "r.xlsx", "--force"]);
    assert!(Book::open(&out).names().len() == 7);
}

#[test]
fn consolidation_of_two_plans() {
    let env = fixture();
    env.write(
        "other.toml",
        r#"[plan]
title = "Plan régional"
organization = "Direction régionale"
year = 2024
currency = "XOF"

[[source]]
id = "ETAT"
name = "Budget de l'État"

[[axis]]
id = "A1"
title = "Prévention"

[[action]]
id = "R1.1"
axis = "A1"
title = "Action régionale"

[[activity]]
id = "R1.1.1"
action = "R1.1"
title = "Ateliers régionaux"
quarters = [1]
budget = [{ source = "ETAT", amount = 2_000_000 }]
"#,
    );
    env.ok(&["report", "plan.toml", "other.toml", "-o", "c.xlsx"]);
    let json = env.json(&["summary", "plan.toml", "other.toml", "--format", "json"]);
    let mut book = Book::open(&env.path("c.xlsx"));
    let r = book.values("Synthèse");
    assert_eq!(
        text(&r, 0, 0),
        "Plan de travail annuel 2024 — test + Plan régional"
    );
    let t = AxisTable::find(&r);
    let total = find_row(&r, 0, "TOTAL").unwrap();
    assert_row(&r, &t, total, &json, "TOTAL");
    let a1row = find_row(&r, 0, "A1").unwrap();
    assert_row(&r, &t, a1row, &json["groups"][0], "A1");
    let a = book.values("Activités");
    assert_eq!(text(&a, 0, 0), "Plan");
    assert_eq!(a.height(), 8);
    // A subtotal per plan on Synthèse: budget, cancelled budget, committed,
    // spent, outstanding, balance (columns F–K).
    let sub = find_row(&r, 0, "Sous-total par plan").unwrap();
    assert_eq!(text(&r, sub + 1, 0), "Plan");
    for (k, (title, activities, amounts)) in [
        (
            "Plan de travail annuel 2024 — test",
            6.0,
            [
                38_000_000.0,
                1_000_000.0,
                10_000_000.0,
                10_700_000.0,
                -700_000.0,
                26_300_000.0,
            ],
        ),
        (
            "Plan régional",
            1.0,
            [2_000_000.0, 0.0, 0.0, 0.0, 0.0, 2_000_000.0],
        ),
        (
            "TOTAL",
            7.0,
            [
                40_000_000.0,
                1_000_000.0,
                10_000_000.0,
                10_700_000.0,
                -700_000.0,
                28_300_000.0,
            ],
        ),
    ]
    .iter()
    .enumerate()
    {
        let row = sub + 2 + k as u32;
        assert_eq!(text(&r, row, 0), *title);
        assert_eq!(num(&r, row, 2), *activities, "{title}");
        for (c, v) in amounts.iter().enumerate() {
            assert_eq!(num(&r, row, 5 + c as u32), *v, "{title} column {c}");
        }
    }
    assert_eq!(num(&r, sub + 4, 5), amount(&json["budget"]));
    // A plan column on every sheet whose rows come from both plans.
    for sheet in ["Période", "Chronogramme", "Indicateurs"] {
        let x = book.values(sheet);
        let header = find_row(&x, 0, "Plan").unwrap_or_else(|| panic!("{sheet}"));
        let plans: std::collections::BTreeSet<String> = (header + 1..x.height() as u32)
            .map(|row| text_or_empty(&x, row, 0))
            .filter(|t| !t.is_empty() && t != "TOTAL")
            .collect();
        assert!(
            plans.contains("Plan de travail annuel 2024 — test"),
            "{sheet}: {plans:?}"
        );
        if sheet != "Indicateurs" {
            assert!(plans.contains("Plan régional"), "{sheet}: {plans:?}");
        }
    }

    // Another currency cannot be consolidated: exit 1, nothing written.
    env.write(
        "eur.toml",
        "[plan]\ntitle = \"E\"\nyear = 2024\ncurrency = \"EUR\"\n",
    );
    let r = env.output(&["report", "plan.toml", "eur.toml", "-o", "e.xlsx"]);
    assert_eq!(r.status.code(), Some(1));
    assert!(!env.path("e.xlsx").exists());
}

#[test]
fn empty_plan_still_gives_a_report() {
    let env = Env::new();
    env.write(
        "p.toml",
        "[plan]\ntitle = \"Vide\"\nyear = 2025\ncurrency = \"EUR\"\n",
    );
    env.ok(&["report", "p.toml", "-o", "r.xlsx"]);
    let mut book = Book::open(&env.path("r.xlsx"));
    assert_eq!(book.names(), SHEETS_FR);
    let r = book.values("Synthèse");
    let row = find_row(&r, 1, "Taux d'exécution physique").unwrap();
    assert_eq!(get(&r, row, 2), Data::String("—".into()));
    let row = find_row(&r, 1, "Budget (EUR)").unwrap();
    assert_eq!(num(&r, row, 2), 0.0);
    assert!(
        book.part("xl/charts/chart1.xml").is_none(),
        "no axis, no chart"
    );
}

#[test]
fn two_decimal_currency_amounts() {
    let env = Env::new();
    env.write(
        "p.toml",
        r#"[plan]
title = "Plan en euros"
year = 2024
currency = "EUR"

[[source]]
id = "UE"
name = "Union européenne"

[[axis]]
id = "A1"
title = "Axe"

[[action]]
id = "A1.1"
axis = "A1"
title = "Action"

[[activity]]
id = "a"
action = "A1.1"
title = "Activité"
budget = [{ source = "UE", amount = "1250.55" }, { source = "UE", quantity = 3, unit_cost = 0.1 }]

[[activity]]
id = "b"
action = "A1.1"
title = "Activité b"
budget = [{ source = "UE", amount = 0.2 }]
"#,
    );
    env.write(
        "p.progress.toml",
        "[[record]]\nactivity = \"a\"\ndate = 2024-03-01\nspent = 100.10\nprogress = 50\n",
    );
    env.ok(&["report", "p.toml", "-o", "r.xlsx"]);
    let json = env.json(&["summary", "p.toml", "--format", "json"]);
    assert_eq!(json["budget"], "1251.05");
    let mut book = Book::open(&env.path("r.xlsx"));
    let r = book.values("Synthèse");
    let st = book.styles("Synthèse");
    let t = AxisTable::find(&r);
    let total = find_row(&r, 0, "TOTAL").unwrap();
    let b = t.col("Budget (EUR)");
    assert_eq!(num(&r, total, b), 1251.05);
    assert_eq!(
        st.get((total, b))
            .unwrap()
            .number_format
            .as_ref()
            .unwrap()
            .format_code,
        "#,##0.00"
    );
    assert_row(&r, &t, total, &json, "TOTAL");
}

/// Converts a workbook with LibreOffice, recalculating every formula on load.
fn libreoffice_recalc(env: &Env, file: &str) -> std::path::PathBuf {
    let profile = env.path("lo-profile");
    std::fs::create_dir_all(profile.join("user")).unwrap();
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    let outdir = env.path("lo-out");
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&outdir)
        .arg(env.path(file))
        .status()
        .expect("soffice");
    assert!(status.success());
    let out = outdir.join(file);
    assert!(out.exists(), "LibreOffice could not open {file}");
    out
}

/// Recalculates `file` with LibreOffice and compares every formula's value
/// with the one cached in the file; returns how many were compared.
fn compare_with_libreoffice(env: &Env, file: &str, sheets: &[&str]) -> usize {
    let recalc = libreoffice_recalc(env, file);
    compare_recalculated(env, file, &recalc, sheets, "LibreOffice")
}

/// Every formula cell of `file` against the same cell of `recalc` (the file
/// recalculated by a spreadsheet): the number of formulas compared.
fn compare_recalculated(
    env: &Env,
    file: &str,
    recalc: &std::path::Path,
    sheets: &[&str],
    client: &str,
) -> usize {
    let mut ours = Book::open(&env.path(file));
    let mut theirs = Book::open(recalc);
    let mut compared = 0;
    let mut differences = Vec::new();
    for &sheet in sheets {
        let fm = ours.formulas(sheet);
        let mine = ours.values(sheet);
        let lo = theirs.values(sheet);
        let Some(start) = fm.start() else { continue };
        for (row, col, f) in fm.used_cells() {
            if f.is_empty() {
                continue;
            }
            let (row, col) = (row as u32 + start.0, col as u32 + start.1);
            let (a, b) = (get(&mine, row, col), get(&lo, row, col));
            let same = match (&a, &b) {
                (Data::Float(x), Data::Float(y)) => (x - y).abs() <= 1e-12 * x.abs().max(1.0),
                (Data::Float(x), Data::Int(y)) => *x == *y as f64,
                _ => a == b,
            };
            if !same {
                differences.push(format!(
                    "{file} {sheet}!{} = {f}: cached {a:?}, {client} {b:?}",
                    a1(row, col)
                ));
            }
            compared += 1;
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    compared
}

/// Converts a workbook with Gnumeric, recalculating every formula.
fn gnumeric_recalc(env: &Env, file: &str) -> std::path::PathBuf {
    let out = env.path(&format!("gnumeric-{file}"));
    let status = std::process::Command::new("ssconvert")
        .arg("--recalc")
        .arg(env.path(file))
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("ssconvert");
    assert!(status.success(), "ssconvert {file}");
    out
}

/// Whether a program runs here; in the Linux CI (`CI=true`, where
/// `.ci/run` installs it) a missing one fails; elsewhere (a developer's
/// machine, the Windows build) the test is skipped with a line saying so.
fn available(program: &str, package: &str) -> bool {
    let found = std::process::Command::new(program)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            !(cfg!(target_os = "linux")
                && std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")),
            "{program} is missing in CI: install the Debian package {package} (.ci/run)"
        );
        println!("skipped: {program} is not installed (Debian package {package})");
    }
    found
}

/// Every formula's cached value equals what LibreOffice computes, for the
/// fixture at two dates, in English, consolidated with a second plan, and in
/// a two-decimal currency. Needs LibreOffice:
/// `cargo test --test report -- --ignored`.
#[test]
#[ignore = "needs LibreOffice (soffice) on the PATH"]
fn libreoffice_recalculation_gives_the_cached_values() {
    let env = fixture();
    for (file, sheets) in variants(&env) {
        let n = compare_with_libreoffice(&env, file, sheets);
        assert!(n > 20, "{file}: {n} formulas compared");
    }
}

#[test]
fn example_plan_report_agrees_with_summary() {
    let env = example();
    for as_of in [None, Some("2024-06-30")] {
        let mut args = vec!["report", "exemple-2024.toml", "-o", "r.xlsx", "--force"];
        let mut sargs = vec!["summary", "exemple-2024.toml", "--format", "json"];
        if let Some(d) = as_of {
            args.extend(["--as-of", d]);
            sargs.extend(["--as-of", d]);
        }
        env.ok(&args);
        let json = env.json(&sargs);
        let mut book = Book::open(&env.path("r.xlsx"));
        assert_eq!(book.names(), SHEETS_FR);
        let r = book.values("Synthèse");
        let t = AxisTable::find(&r);
        let groups = json["groups"].as_array().unwrap();
        for (i, g) in groups.iter().enumerate() {
            let row = t.header + 1 + i as u32;
            assert_eq!(text(&r, row, 0), g["id"].as_str().unwrap());
            assert_row(&r, &t, row, g, g["id"].as_str().unwrap());
        }
        let total = t.header + 1 + groups.len() as u32;
        assert_row(&r, &t, total, &json, "TOTAL");
        assert_eq!(text(&r, 5, 0), json["headline"].as_str().unwrap());
        let a = book.values("Activités");
        assert_eq!(a.height(), 83);
        let i = book.values("Indicateurs");
        assert_eq!(i.height(), json["indicators"].as_array().unwrap().len() + 4);
        assert!(book.part("xl/charts/chart1.xml").is_some());

        // Every source subtotal equals `summary --by source`.
        let mut bargs = sargs.clone();
        bargs.extend(["--by", "source"]);
        let by_source = env.json(&bargs);
        let p = book.values("Par source");
        let header = find_row(&p, 0, "Code").unwrap();
        let budget = find_col(&p, header, "Budget (FCFA)").unwrap();
        let spent = find_col(&p, header, "Décaissé (FCFA)").unwrap();
        for g in by_source["groups"].as_array().unwrap() {
            let id = g["id"].as_str().unwrap();
            let label = if id.is_empty() {
                "Total Non ventilé".to_string()
            } else {
                format!("Total {id}")
            };
            let row = find_row(&p, 0, &label).unwrap_or_else(|| panic!("{label}"));
            assert_eq!(num(&p, row, budget), amount(&g["budget"]), "{label}");
            assert_eq!(num(&p, row, spent), amount(&g["spent"]), "{label}");
        }
    }
}

/// The example plan's report, recalculated by LibreOffice.
#[test]
#[ignore = "needs LibreOffice (soffice) on the PATH"]
fn libreoffice_recalculation_of_the_example_report() {
    let env = example();
    env.ok(&["report", "exemple-2024.toml", "-o", "r.xlsx"]);
    let n = compare_with_libreoffice(&env, "r.xlsx", &SHEETS_FR);
    assert!(n > 300, "{n} formulas compared");
}

#[test]
fn report_of_the_plan_workbook_equals_report_of_the_toml() {
    let env = fixture();
    env.ok(&["convert", "plan.toml", "-o", "plan.xlsx"]);
    env.ok(&["report", "plan.toml", "-o", "from-toml.xlsx"]);
    env.ok(&["report", "plan.xlsx", "-o", "from-xlsx.xlsx"]);
    let mut a = Book::open(&env.path("from-toml.xlsx"));
    let mut b = Book::open(&env.path("from-xlsx.xlsx"));
    for sheet in SHEETS_FR {
        assert_eq!(a.values(sheet), b.values(sheet), "{sheet}");
    }
}

/// The sheets with a row per activity are streamed to disk as they are
/// written (rust_xlsxwriter's constant-memory mode drops any write to an
/// earlier row): every activity and indicator of a large generated plan must
/// be there, in order, with its figures and its formulas' cached values.
#[test]
fn large_report_has_every_row_of_every_sheet() {
    use ptba::compute;
    use ptba::i18n::Lang;
    use ptba::output::xlsx::fraction;
    let (plan_text, log_text) = ptba::synth::generate(3_000, 12_000, 7);
    let env = Env::new();
    env.write("plan.toml", &plan_text);
    env.write("plan.progress.toml", &log_text);
    env.ok(&[
        "report",
        "plan.toml",
        "-o",
        "r.xlsx",
        "--as-of",
        "2024-09-30",
    ]);

    let (plan, d1) = ptba::load::toml::parse_plan(&plan_text, 0, Lang::Fr);
    let (records, d2) = ptba::load::toml::parse_log(&log_text, 1, Lang::Fr);
    assert!(d1.is_empty() && d2.is_empty(), "{d1:?} {d2:?}");
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 9, 30);
    let states = compute::activity_states(&plan, &records, as_of);
    let project = ptba::model::Project {
        plan,
        records,
        log_path: env.path("plan.progress.toml"),
        imports: Vec::new(),
    };
    let plan = &project.plan;
    let indicators = compute::indicators_from(&project, &states);
    assert_eq!(plan.activities.len(), 3_000);
    assert!(indicators.len() > 1_000, "{}", indicators.len());
    let f = |d: rust_decimal::Decimal| d.to_string().parse::<f64>().unwrap();

    let mut book = Book::open(&env.path("r.xlsx"));
    // Activités: header + one row per activity, every column filled.
    let r = book.values("Activités");
    let h = |label: &str| find_col(&r, 0, label).unwrap_or_else(|| panic!("{label}"));
    let (code, title, budget, committed, spent, balance, financial, progress, status) = (
        h("Code"),
        h("Activité"),
        h("Budget (FCFA)"),
        h("Engagé (FCFA)"),
        h("Décaissé (FCFA)"),
        h("Solde (FCFA)"),
        h("Exéc. financière"),
        h("Avancement"),
        h("Statut"),
    );
    assert_eq!(r.height(), 3_001, "header + 3 000 activities");
    for (i, (a, st)) in plan.activities.iter().zip(&states).enumerate() {
        let row = i as u32 + 1;
        assert_eq!(text(&r, row, code), a.id, "row {row}");
        assert_eq!(text(&r, row, title), a.title, "row {row}");
        assert_eq!(num(&r, row, budget), f(a.budget_total()), "row {row}");
        assert_eq!(num(&r, row, committed), f(st.committed), "row {row}");
        assert_eq!(num(&r, row, spent), f(st.spent), "row {row}");
        assert_eq!(
            num(&r, row, balance),
            f(a.budget_total() - st.spent),
            "row {row}"
        );
        let rate = match ptba::money::percent(st.spent, a.budget_total()) {
            Some(p) => Data::Float(fraction(p)),
            None => Data::String("—".into()),
        };
        assert_eq!(get(&r, row, financial), rate, "row {row}");
        assert_eq!(num(&r, row, progress), fraction(st.physical()), "row {row}");
        assert!(!text(&r, row, status).is_empty(), "row {row}");
    }
    let fr = book.formulas("Activités");
    let fml = fr.get_value((3_000, balance)).unwrap();
    assert_eq!(fml, &format!("{}-{}", a1(3_000, budget), a1(3_000, spent)));

    // Chronogramme: banner, legend, note, header on row 5, then activities.
    let r = book.values("Chronogramme");
    let code = find_col(&r, 4, "Code").unwrap();
    assert_eq!(r.end().unwrap().0, 4 + 3_000);
    for (i, a) in plan.activities.iter().enumerate() {
        let row = 5 + i as u32;
        assert_eq!(text(&r, row, code), a.id, "row {row}");
        assert_eq!(text(&r, row, code + 1), a.title, "row {row}");
        for q in 1..=4u8 {
            let planned = a.quarters.contains(&q);
            let shown = text_or_empty(&r, row, code + 2 + u32::from(q));
            assert_eq!(!shown.is_empty(), planned, "row {row} T{q}");
        }
        assert!(!text(&r, row, code + 7).is_empty(), "row {row}");
    }

    // Indicateurs: every indicator, with target and actual.
    let r = book.values("Indicateurs");
    assert_eq!(r.height(), indicators.len() + 4);
    for (i, ind) in indicators.iter().enumerate() {
        let row = i as u32 + 4;
        assert_eq!(text(&r, row, 1), ind.owner, "row {row}");
        assert_eq!(text(&r, row, 2), ind.name, "row {row}");
        assert_eq!(num(&r, row, 5), f(ind.target), "row {row}");
        match ind.actual {
            Some(a) => assert_eq!(num(&r, row, 6), f(a), "row {row}"),
            None => assert_eq!(text_or_empty(&r, row, 6), "", "row {row}"),
        }
        let shown = get(&r, row, 7);
        match ind.achievement() {
            Some(p) => assert_eq!(shown, Data::Float(fraction(p)), "row {row}"),
            None => assert_eq!(shown, Data::String("—".into()), "row {row}"),
        }
    }
}

const SHEETS_EN: [&str; 7] = [
    "Summary",
    "Period",
    "Activities",
    "By source",
    "By category",
    "Schedule",
    "Indicators",
];

/// The report variants the recalculation tests go through: (file, sheets).
fn variants(env: &Env) -> Vec<(&'static str, &'static [&'static str])> {
    env.write(
        "other.toml",
        "[plan]\ntitle = \"R\"\nyear = 2024\ncurrency = \"XOF\"\n[[source]]\nid = \"ETAT\"\nname = \"E\"\n\
         [[axis]]\nid = \"A1\"\ntitle = \"P\"\n[[action]]\nid = \"R1\"\naxis = \"A1\"\ntitle = \"R\"\n\
         [[activity]]\nid = \"R1.1\"\naction = \"R1\"\ntitle = \"r\"\nquarters = [2, 3]\nbudget = [{ source = \"ETAT\", amount = 3_000_000 }]\n",
    );
    env.write(
        "other.progress.toml",
        "[[record]]\nactivity = \"R1.1\"\ndate = 2024-06-30\nprogress = 35\nspent = 1_000_000\n",
    );
    env.write(
        "eur.toml",
        "[plan]\ntitle = \"E\"\nyear = 2024\ncurrency = \"EUR\"\nweighting = \"budget\"\n[[source]]\nid = \"S\"\nname = \"S\"\n\
         [[axis]]\nid = \"A\"\ntitle = \"A\"\n[[axis]]\nid = \"1\"\ntitle = \"numeric code\"\n\
         [[action]]\nid = \"A.1\"\naxis = \"A\"\ntitle = \"a\"\n[[action]]\nid = \"1.1\"\naxis = \"1\"\ntitle = \"n\"\n\
         [[activity]]\nid = \"a\"\naction = \"A.1\"\ntitle = \"a\"\nbudget = [{ source = \"S\", amount = \"0.10\" }, { source = \"S\", amount = \"0.20\" }]\n\
         [[activity]]\nid = \"b\"\naction = \"A.1\"\ntitle = \"b\"\nbudget = [{ source = \"S\", amount = \"1234.56\" }]\n\
         [[activity]]\nid = \"c\"\naction = \"1.1\"\ntitle = \"c\"\nbudget = [{ source = \"S\", amount = \"10\" }]\n",
    );
    env.write(
        "eur.progress.toml",
        "[[record]]\nactivity = \"a\"\ndate = 2024-02-01\nprogress = 33.3\nspent = \"0.1\"\n\
         [[record]]\nactivity = \"b\"\ndate = 2024-02-01\nprogress = 66.7\nspent = \"1000.01\"\n\
         [[record]]\nactivity = \"c\"\ndate = 2024-03-01\nprogress = 50\n",
    );
    env.ok(&["report", "plan.toml", "-o", "r.xlsx"]);
    env.ok(&[
        "report",
        "plan.toml",
        "-o",
        "june.xlsx",
        "--as-of",
        "2024-06-30",
        "--weighting",
        "weight",
    ]);
    env.ok(&["report", "plan.toml", "other.toml", "-o", "both.xlsx"]);
    env.ok(&["report", "eur.toml", "-o", "eur.xlsx"]);
    env.ok(&["--lang", "en", "report", "plan.toml", "-o", "en.xlsx"]);
    env.ok(&["report", "plan.toml", "--period", "T2", "-o", "t2.xlsx"]);
    env.ok(&[
        "--lang",
        "en",
        "report",
        "plan.toml",
        "other.toml",
        "--from",
        "2024-02-01",
        "--to",
        "2024-08-15",
        "-o",
        "en-both.xlsx",
    ]);
    env.ok(&["report", "plan.toml", "--source", "ETAT", "-o", "etat.xlsx"]);
    env.ok(&[
        "report",
        "plan.toml",
        "--source",
        "GAP",
        "--period",
        "T1",
        "-o",
        "gap.xlsx",
    ]);
    vec![
        ("r.xlsx", &SHEETS_FR),
        ("june.xlsx", &SHEETS_FR),
        ("both.xlsx", &SHEETS_FR),
        ("eur.xlsx", &SHEETS_FR),
        ("en.xlsx", &SHEETS_EN),
        ("t2.xlsx", &SHEETS_FR),
        ("en-both.xlsx", &SHEETS_EN),
        ("etat.xlsx", &["Rapport bailleur", "Par catégorie"]),
        ("gap.xlsx", &["Rapport bailleur", "Par catégorie"]),
    ]
}

/// Every formula of every report variant recalculates in Gnumeric to the
/// value ptba stored (Gnumeric evaluated `EXACT(range, cell)` inside
/// `SUMPRODUCT` on one row only: the physical rate by axis was wrong).
#[test]
fn gnumeric_recalculation_gives_the_cached_values() {
    if !available("ssconvert", "gnumeric") {
        return;
    }
    let env = fixture();
    let mut total = 0;
    for (file, sheets) in variants(&env) {
        let recalc = gnumeric_recalc(&env, file);
        let n = compare_recalculated(&env, file, &recalc, sheets, "Gnumeric");
        assert!(n > 20, "{file}: {n} formulas compared");
        total += n;
    }
    // Cancelled activities with and without money; a period in T2.
    let c = cancelled_env();
    c.ok(&["report", "c.toml", "-o", "c.xlsx"]);
    let p = period_env();
    p.ok(&["report", "p.toml", "--period", "T2", "-o", "p.xlsx"]);
    p.ok(&["report", "p.toml", "--source", "ETAT", "-o", "pe.xlsx"]);
    for (env, file, sheets) in [
        (&c, "c.xlsx", &SHEETS_FR[..]),
        (&p, "p.xlsx", &SHEETS_FR[..]),
        (&p, "pe.xlsx", &["Rapport bailleur", "Par catégorie"][..]),
    ] {
        let recalc = gnumeric_recalc(env, file);
        total += compare_recalculated(env, file, &recalc, sheets, "Gnumeric");
    }
    println!("Gnumeric: {total} formulas compared, 0 differences");
}

/// A plan with a cancelled activity on which money moved (x1) and one on
/// which none did (x2), in two sources and two axes.
fn cancelled_env() -> Env {
    let env = Env::new();
    env.write(
        "c.toml",
        "[plan]\ntitle = \"C\"\nyear = 2024\ncurrency = \"XOF\"\n\
         [[source]]\nid = \"ETAT\"\nname = \"État\"\nstatus = \"secured\"\n\
         [[source]]\nid = \"UNICEF\"\nname = \"Unicef\"\nstatus = \"pledged\"\n\
         [[axis]]\nid = \"X\"\ntitle = \"Axe X\"\n[[axis]]\nid = \"Y\"\ntitle = \"Axe Y\"\n\
         [[action]]\nid = \"X.1\"\naxis = \"X\"\ntitle = \"x\"\n[[action]]\nid = \"Y.1\"\naxis = \"Y\"\ntitle = \"y\"\n\
         [[activity]]\nid = \"x1\"\naction = \"X.1\"\ntitle = \"x1\"\nquarters = [1, 2]\nbudget = [{ source = \"ETAT\", amount = 1_000_000 }]\n\
         [[activity]]\nid = \"x2\"\naction = \"X.1\"\ntitle = \"x2\"\nquarters = [3]\nbudget = [{ source = \"ETAT\", amount = 2_000_000 }, { source = \"UNICEF\", amount = 1_000_000 }]\n\
         [[activity]]\nid = \"y1\"\naction = \"Y.1\"\ntitle = \"y1\"\nquarters = [2]\nbudget = [{ source = \"UNICEF\", amount = 500_000 }]\n",
    );
    env.write(
        "c.progress.toml",
        "[[record]]\nactivity = \"x1\"\ndate = 2024-02-15\nprogress = 30\ncommitted = 600_000\nspent = 400_000\n\
         [[record]]\nactivity = \"x1\"\ndate = 2024-05-02\nstatus = \"cancelled\"\nnote = \"Abandonnée après un premier paiement\"\n\
         [[record]]\nactivity = \"x2\"\ndate = 2024-03-01\nstatus = \"cancelled\"\n\
         [[record]]\nactivity = \"y1\"\ndate = 2024-06-30\nprogress = 50\ncommitted = 100_000\nspent = 100_000\n",
    );
    env
}

/// SPEC §4: money that moved never disappears. Synthèse, Par source and
/// Activités agree on spent to the franc; the cancelled activity with money
/// keeps its whole budget in the rates' base; the one without is set apart.
/// Hand-computed: budget 4 500 000, cancelled budget 3 000 000 (x2),
/// spent 500 000, committed 700 000, base 1 500 000, financial 1/3.
#[test]
fn cancelled_activity_with_money_stays_in_every_money_figure() {
    let env = cancelled_env();
    env.ok(&["report", "c.toml", "-o", "c.xlsx"]);
    let mut book = Book::open(&env.path("c.xlsx"));
    let r = book.values("Synthèse");
    let t = AxisTable::find(&r);
    let (x, y, total) = (t.header + 1, t.header + 2, t.header + 3);
    let col = |l: &str| t.col(l);
    assert_eq!(text(&r, total, 0), "TOTAL");
    for (row, budget, cancelled, spent, committed, balance) in [
        (x, 4_000_000.0, 3_000_000.0, 400_000.0, 600_000.0, 600_000.0),
        (y, 500_000.0, 0.0, 100_000.0, 100_000.0, 400_000.0),
        (
            total,
            4_500_000.0,
            3_000_000.0,
            500_000.0,
            700_000.0,
            1_000_000.0,
        ),
    ] {
        assert_eq!(num(&r, row, col("Budget (FCFA)")), budget);
        assert_eq!(num(&r, row, col("Budget abandonné (FCFA)")), cancelled);
        assert_eq!(num(&r, row, col("Décaissé (FCFA)")), spent);
        assert_eq!(num(&r, row, col("Engagé (FCFA)")), committed);
        assert_eq!(num(&r, row, col("Solde (FCFA)")), balance);
        assert_eq!(
            num(&r, row, col("Engagements restants (FCFA)")),
            committed - spent
        );
    }
    assert_eq!(num(&r, x, col("Exéc. financière")), 400_000.0 / 1_000_000.0);
    assert_eq!(
        num(&r, total, col("Exéc. financière")),
        500_000.0 / 1_500_000.0
    );
    // Secured: x1's line (ETAT) stays, x2's leaves.
    assert_eq!(num(&r, total, col("Acquis (FCFA)")), 1_000_000.0);
    assert_eq!(num(&r, total, col("Promis (FCFA)")), 500_000.0);

    // Par source: the same spent, source by source, and in total.
    let p = book.values("Par source");
    let header = find_row(&p, 0, "Code").unwrap();
    let pc = |l: &str| find_col(&p, header, l).unwrap_or_else(|| panic!("{l}"));
    for (label, budget, cancelled, spent) in [
        ("Total ETAT", 3_000_000.0, 2_000_000.0, 400_000.0),
        ("Total UNICEF", 1_500_000.0, 1_000_000.0, 100_000.0),
        ("TOTAL", 4_500_000.0, 3_000_000.0, 500_000.0),
    ] {
        let row = find_row(&p, 0, label).unwrap_or_else(|| panic!("{label}"));
        assert_eq!(num(&p, row, pc("Budget (FCFA)")), budget, "{label}");
        assert_eq!(
            num(&p, row, pc("Budget abandonné (FCFA)")),
            cancelled,
            "{label}"
        );
        assert_eq!(num(&p, row, pc("Décaissé (FCFA)")), spent, "{label}");
    }

    // Activités: the rows add up to the same spent.
    let a = book.values("Activités");
    let spent = find_col(&a, 0, "Décaissé (FCFA)").unwrap();
    let sum: f64 = (1..a.height() as u32).map(|row| num(&a, row, spent)).sum();
    assert_eq!(sum, 500_000.0);
}

/// A plan for period figures: records on the last day of a quarter, the day
/// after, a cancelled activity with money and one without.
fn period_env() -> Env {
    let env = Env::new();
    env.write(
        "p.toml",
        "[plan]\ntitle = \"Plan & période\"\nyear = 2024\ncurrency = \"XOF\"\n\
         [[source]]\nid = \"ETAT\"\nname = \"État\"\nstatus = \"secured\"\n\
         [[axis]]\nid = \"X\"\ntitle = \"Axe X\"\n[[action]]\nid = \"X.1\"\naxis = \"X\"\ntitle = \"x\"\n\
         [[activity]]\nid = \"a\"\naction = \"X.1\"\ntitle = \"a\"\nquarters = [1, 2, 3]\nbudget = [{ source = \"ETAT\", amount = 1_000_001 }]\n\
         [[activity]]\nid = \"b\"\naction = \"X.1\"\ntitle = \"b\"\nquarters = [2]\nbudget = [{ source = \"ETAT\", amount = 400_000 }]\n\
         [[activity]]\nid = \"c\"\naction = \"X.1\"\ntitle = \"c\"\nquarters = [2]\nbudget = [{ source = \"ETAT\", amount = 300_000 }]\n\
         [[activity]]\nid = \"d\"\naction = \"X.1\"\ntitle = \"d\"\nquarters = [1, 2]\nbudget = [{ source = \"ETAT\", amount = 200_000 }]\n",
    );
    env.write(
        "p.progress.toml",
        "[[record]]\nactivity = \"a\"\ndate = 2024-03-31\nprogress = 30\ncommitted = 150_000\nspent = 100_000\n\
         [[record]]\nactivity = \"a\"\ndate = 2024-06-30\nprogress = 60\nspent = 200_000\n\
         [[record]]\nactivity = \"a\"\ndate = 2024-07-01\nspent = 50_000\n\
         [[record]]\nactivity = \"b\"\ndate = 2024-04-10\ncommitted = 120_000\nspent = 120_000\n\
         [[record]]\nactivity = \"b\"\ndate = 2024-05-01\nstatus = \"cancelled\"\n\
         [[record]]\nactivity = \"c\"\ndate = 2024-04-15\nstatus = \"cancelled\"\n\
         [[record]]\nactivity = \"d\"\ndate = 2024-02-01\nspent = 80_000\n\
         [[record]]\nactivity = \"d\"\ndate = 2024-05-05\nspent = 20_000\nnote = \"complément du paiement de février\"\n",
    );
    env
}

/// The columns of the period table, after its code column.
struct PeriodCols(u32);

impl PeriodCols {
    fn at(&self, what: &str) -> u32 {
        let k = [
            "budget",
            "cancelled",
            "p.budget",
            "p.spent",
            "p.var",
            "p.pct",
            "y.budget",
            "y.spent",
            "y.var",
            "y.pct",
            "committed",
            "spent",
            "outstanding",
            "balance",
            "financial",
        ]
        .iter()
        .position(|x| *x == what)
        .unwrap();
        self.0 + 4 + k as u32
    }
}

/// `--period T2`, hand-computed. a: 1 000 001 over T1–T3 is 333 333,
/// 333 333, 333 335; its 31/03 record is before the period, its 30/06 one
/// inside, its 01/07 one after (left out of everything). b, cancelled after
/// spending 120 000, keeps its budget; c, cancelled without money, is set
/// apart (no budget to date). d: a payment in T1 completed in T2.
#[test]
fn period_year_to_date_and_cumulative_side_by_side() {
    let env = period_env();
    let out = env.ok(&["report", "p.toml", "--period", "T2", "-o", "t2.xlsx"]);
    assert!(out.contains("Rapport écrit : t2.xlsx"), "{out}");
    let mut book = Book::open(&env.path("t2.xlsx"));
    assert_eq!(book.names()[1], "Période");
    let r = book.values("Période");
    assert_eq!(
        text(&r, 0, 0),
        "Exécution de la période, de l'année à date et cumulée — T2 2024 (01/04/2024 – 30/06/2024)"
    );
    let c = PeriodCols(0);
    let header = find_row(&r, 0, "Code").unwrap();
    assert_eq!(text(&r, header - 1, c.at("p.budget")), "Période");
    assert_eq!(text(&r, header - 1, c.at("y.budget")), "Année à date");
    assert_eq!(text(&r, header - 1, c.at("committed")), "Cumulé");
    assert_eq!(text(&r, header, c.at("y.budget")), "Budget à date (FCFA)");
    let row = |id: &str| find_row(&r, 0, id).unwrap_or_else(|| panic!("{id}"));
    let expect = |id: &str, values: &[(&str, f64)]| {
        for (what, v) in values {
            assert_eq!(num(&r, row(id), c.at(what)), *v, "{id} {what}");
        }
    };
    expect(
        "a",
        &[
            ("budget", 1_000_001.0),
            ("cancelled", 0.0),
            ("p.budget", 333_333.0),
            ("p.spent", 200_000.0),
            ("p.var", -133_333.0),
            ("p.pct", -133_333.0 / 333_333.0),
            ("y.budget", 666_666.0),
            ("y.spent", 300_000.0),
            ("y.var", -366_666.0),
            ("committed", 150_000.0),
            ("spent", 300_000.0),
            ("outstanding", -150_000.0),
            ("balance", 700_001.0),
        ],
    );
    expect(
        "b",
        &[
            ("budget", 400_000.0),
            ("cancelled", 0.0),
            ("p.budget", 400_000.0),
            ("p.spent", 120_000.0),
            ("y.budget", 400_000.0),
            ("spent", 120_000.0),
            ("balance", 280_000.0),
        ],
    );
    expect(
        "c",
        &[
            ("budget", 300_000.0),
            ("cancelled", 300_000.0),
            ("p.budget", 0.0),
            ("y.budget", 0.0),
            ("spent", 0.0),
            ("balance", 0.0),
        ],
    );
    assert_eq!(text(&r, row("c"), c.at("p.pct")), "—");
    expect(
        "d",
        &[
            ("p.budget", 100_000.0),
            ("p.spent", 20_000.0),
            ("y.budget", 200_000.0),
            ("y.spent", 100_000.0),
            ("spent", 100_000.0),
        ],
    );
    expect(
        "TOTAL",
        &[
            ("budget", 1_900_001.0),
            ("cancelled", 300_000.0),
            ("p.budget", 833_333.0),
            ("p.spent", 340_000.0),
            ("y.budget", 1_266_666.0),
            ("y.spent", 520_000.0),
            ("committed", 270_000.0),
            ("spent", 520_000.0),
            ("outstanding", -250_000.0),
            ("balance", 1_080_001.0),
            ("financial", 520_000.0 / 1_600_001.0),
        ],
    );
    // The cumulative stops at the period's end: Synthèse says the same.
    let s = book.values("Synthèse");
    assert_eq!(
        text(&s, 6, 0),
        "Période : T2 2024 (01/04/2024 – 30/06/2024) (feuille « Période »)"
    );
    match get(&s, 3, 1) {
        Data::DateTime(d) => assert_eq!(d.as_f64(), 45473.0, "30/06/2024"),
        other => panic!("as-of date: {other:?}"),
    }
    let t = AxisTable::find(&s);
    assert_eq!(num(&s, t.header + 2, t.col("Décaissé (FCFA)")), 520_000.0);
    // Variances past ±20 % are flagged by a conditional format.
    let sheet = book.part("xl/worksheets/sheet2.xml").unwrap();
    assert!(
        sheet.contains("ABS(J7)&gt;0.2") && sheet.contains("ABS(N7)&gt;0.2"),
        "{sheet}"
    );

    // The funder's report of the same quarter: every line is ETAT's, so
    // the same figures, row by row.
    env.ok(&[
        "report",
        "p.toml",
        "--source",
        "ETAT",
        "--period",
        "T2",
        "-o",
        "etat.xlsx",
    ]);
    let mut etat = Book::open(&env.path("etat.xlsx"));
    let e = etat.values("Rapport bailleur");
    for id in ["a", "b", "c", "d", "TOTAL"] {
        let er = find_row(&e, 0, id).unwrap();
        for what in [
            "budget",
            "cancelled",
            "p.budget",
            "p.spent",
            "y.budget",
            "y.spent",
            "committed",
            "spent",
            "balance",
        ] {
            assert_eq!(
                num(&e, er, c.at(what)),
                num(&r, row(id), c.at(what)),
                "{id} {what}"
            );
        }
    }

    // --from/--to: the same figures as the quarter.
    env.ok(&[
        "report",
        "p.toml",
        "--from",
        "2024-04-01",
        "--to",
        "2024-06-30",
        "-o",
        "ft.xlsx",
    ]);
    let mut ft = Book::open(&env.path("ft.xlsx"));
    let f = ft.values("Période");
    assert_eq!(
        text(&f, 0, 0),
        "Exécution de la période, de l'année à date et cumulée — 01/04/2024 – 30/06/2024"
    );
    let total = find_row(&f, 0, "TOTAL").unwrap();
    assert_eq!(num(&f, total, c.at("p.spent")), 340_000.0);
    assert_eq!(num(&f, total, c.at("p.budget")), 833_333.0);

    // Without a period: the quarter of the as-of date, to that date
    // (01/07/2024: T3 has begun; a's 50 000 is in it).
    env.ok(&["report", "p.toml", "-o", "all.xlsx"]);
    let mut all = Book::open(&env.path("all.xlsx"));
    let a = all.values("Période");
    assert_eq!(
        text(&a, 0, 0),
        "Exécution de la période, de l'année à date et cumulée — 01/07/2024 – 01/07/2024"
    );
    let total = find_row(&a, 0, "TOTAL").unwrap();
    assert_eq!(num(&a, total, c.at("p.spent")), 50_000.0);
    assert_eq!(num(&a, total, c.at("p.budget")), 333_335.0);
    assert_eq!(num(&a, total, c.at("spent")), 570_000.0);
}

/// A correction across quarters, hand-computed: 300 000 paid in T1, then in
/// T2 a reversal of 100 000 (`correction = true`, a negative flow). The T1
/// period shows 300 000; T2 shows −100 000 for the period and 200 000 for
/// the year to date and the cumulative, as `summary` does at 30/06.
#[test]
fn period_with_a_correction_across_quarters() {
    let env = Env::new();
    env.write(
        "p.toml",
        "[plan]\ntitle = \"Correction\"\nyear = 2024\ncurrency = \"XOF\"\n\
         [[source]]\nid = \"ETAT\"\nname = \"État\"\nstatus = \"secured\"\n\
         [[axis]]\nid = \"X\"\ntitle = \"Axe X\"\n[[action]]\nid = \"X.1\"\naxis = \"X\"\ntitle = \"x\"\n\
         [[activity]]\nid = \"e\"\naction = \"X.1\"\ntitle = \"e\"\nquarters = [1, 2]\nbudget = [{ source = \"ETAT\", amount = 500_000 }]\n",
    );
    env.write(
        "p.progress.toml",
        "[[record]]\nactivity = \"e\"\ndate = 2024-03-15\nprogress = 50\ncommitted = 300_000\nspent = 300_000\n\
         [[record]]\nactivity = \"e\"\ndate = 2024-05-10\ncorrection = true\ncommitted = -100_000\nspent = -100_000\n\
         note = \"annule le double paiement saisi en mars\"\n",
    );
    let c = PeriodCols(0);
    let period = |q: &str| {
        let file = format!("{q}.xlsx");
        env.ok(&["report", "p.toml", "--period", q, "-o", &file]);
        Book::open(&env.path(&file)).values("Période")
    };
    let t1 = period("T1");
    let row = find_row(&t1, 0, "e").unwrap();
    assert_eq!(num(&t1, row, c.at("p.budget")), 250_000.0);
    assert_eq!(num(&t1, row, c.at("p.spent")), 300_000.0);
    assert_eq!(num(&t1, row, c.at("spent")), 300_000.0);
    let t2 = period("T2");
    let row = find_row(&t2, 0, "e").unwrap();
    assert_eq!(num(&t2, row, c.at("p.budget")), 250_000.0);
    assert_eq!(num(&t2, row, c.at("p.spent")), -100_000.0);
    assert_eq!(num(&t2, row, c.at("y.budget")), 500_000.0);
    assert_eq!(num(&t2, row, c.at("y.spent")), 200_000.0);
    assert_eq!(num(&t2, row, c.at("committed")), 200_000.0);
    assert_eq!(num(&t2, row, c.at("spent")), 200_000.0);
    assert_eq!(num(&t2, row, c.at("outstanding")), 0.0);
    assert_eq!(num(&t2, row, c.at("balance")), 300_000.0);
    let json: Value = serde_json::from_str(&env.ok(&[
        "summary",
        "p.toml",
        "--as-of",
        "2024-06-30",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["spent"], "200000");
    assert_eq!(json["committed"], "200000");
}

/// A period that cannot be read, or that contradicts --as-of, is a usage
/// error (exit 2) and nothing is written.
#[test]
fn period_errors_are_usage_errors() {
    let env = period_env();
    for (args, message) in [
        (
            vec!["--period", "T5"],
            "--period T5 : un trimestre de l'année du plan, T1, T2, T3 ou T4",
        ),
        (
            vec!["--period", "T2", "--as-of", "2024-05-01"],
            "--as-of 2024-05-01 et la fin de la période (2024-06-30) diffèrent",
        ),
        (
            vec!["--from", "2024-06-01", "--to", "2024-04-01"],
            "--from 2024-06-01 est après --to 2024-04-01",
        ),
        (
            vec!["--source", "UNICEF"],
            "--source UNICEF : aucune source de ce code dans le plan ; sources : ETAT",
        ),
    ] {
        let mut all = vec!["report", "p.toml", "-o", "x.xlsx"];
        all.extend(args);
        let out = env.output(&all);
        assert_eq!(out.status.code(), Some(2), "{all:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{all:?}: {err}");
        assert!(!env.path("x.xlsx").exists());
    }
}

/// `report --source X`: only that funder's lines and the spending
/// attributed to it; its totals equal `summary --by source` for it.
#[test]
fn funder_extract_agrees_with_summary_by_source() {
    let env = fixture();
    let json = env.json(&["summary", "plan.toml", "--by", "source", "--format", "json"]);
    for (id, name, activities) in [
        ("ETAT", "Budget de l'État", 4),
        ("UNICEF", "UNICEF", 2),
        ("GAP", "Financement à rechercher", 2),
    ] {
        let file = format!("{id}.xlsx");
        env.ok(&["report", "plan.toml", "--source", id, "-o", &file]);
        let mut book = Book::open(&env.path(&file));
        assert_eq!(book.names(), ["Rapport bailleur", "Par catégorie"]);
        let r = book.values("Rapport bailleur");
        assert_eq!(text(&r, 0, 0), format!("Rapport financier — {name} ({id})"));
        let meta = |label: &str| text(&r, find_row(&r, 0, label).unwrap(), 1);
        assert_eq!(meta("Plan"), "Plan de travail annuel 2024 — test");
        assert_eq!(meta("Devise"), "FCFA (XOF)");
        assert_eq!(meta("Période"), "T3 2024 (01/07/2024 – 30/09/2024)");
        assert_eq!(meta("Situation au"), "30/09/2024");
        let header = find_row(&r, 0, "Code").unwrap();
        let total = find_row(&r, 0, "TOTAL").unwrap();
        assert_eq!(
            total - header - 1,
            activities,
            "{id}: one row per activity it funds"
        );
        let g = json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == id)
            .unwrap();
        let c = PeriodCols(0);
        assert_eq!(num(&r, total, c.at("budget")), amount(&g["budget"]), "{id}");
        assert_eq!(num(&r, total, c.at("spent")), amount(&g["spent"]), "{id}");
        assert_eq!(
            num(&r, total, c.at("committed")),
            amount(&g["committed"]),
            "{id}"
        );
        assert_eq!(
            num(&r, total, c.at("cancelled")),
            amount(&g["cancelled_budget"]),
            "{id}"
        );
        // Its uses by category add up to the same budget and spent.
        let k = book.values("Par catégorie");
        let kt = find_row(&k, 0, "TOTAL").unwrap();
        assert_eq!(num(&k, kt, 1), amount(&g["budget"]), "{id} categories");
        assert_eq!(num(&k, kt, 5), amount(&g["spent"]), "{id} categories");
        // The signature block.
        for label in ["Préparé par", "Approuvé par"] {
            assert!(
                find_row(&r, 1, label).is_some() || find_row(&r, 7, label).is_some(),
                "{label}"
            );
        }
        let sig = find_row(&r, 1, "Préparé par").unwrap();
        assert!(sig > total);
        for (k, field) in ["Nom :", "Fonction :", "Date :", "Signature :"]
            .iter()
            .enumerate()
        {
            assert_eq!(text(&r, sig + 1 + k as u32, 1), *field);
        }
    }
    // A1.1.1 is funded by ETAT and GAP: in GAP's report, only GAP's line
    // (5 × 1 600 000) and nothing spent (all its spending is ETAT's).
    let mut book = Book::open(&env.path("GAP.xlsx"));
    let r = book.values("Rapport bailleur");
    let row = find_row(&r, 0, "A1.1.1").unwrap();
    let c = PeriodCols(0);
    assert_eq!(num(&r, row, c.at("budget")), 8_000_000.0);
    assert_eq!(num(&r, row, c.at("spent")), 0.0);
}

/// Reads one attribute of the first element `tag` of an XML part.
fn attr(xml: &str, tag: &str, name: &str) -> Option<String> {
    let start = xml.find(&format!("<{tag} "))?;
    let end = start + xml[start..].find('>')?;
    let el = &xml[start..end];
    let key = format!(" {name}=\"");
    let at = el.find(&key)? + key.len();
    Some(el[at..at + el[at..].find('"')?].to_string())
}

/// The print setup of every sheet of a workbook (hidden sheets aside):
/// A4 landscape, fit to the page width with no fit to height (and the
/// columns narrow enough for 60 % at least) or a scale of 60 % or more,
/// print titles, the page header `header` and page numbers.
fn assert_prints_on_a4(path: &std::path::Path, header: &[&str]) -> usize {
    let workbook = zip_part(path, "xl/workbook.xml").unwrap();
    let mut checked = 0;
    for (i, sheet) in workbook.split("<sheet ").skip(1).enumerate() {
        let name = sheet.split('"').nth(1).unwrap().to_string();
        if sheet.contains("state=\"hidden\"") {
            continue;
        }
        let xml = zip_part(path, &format!("xl/worksheets/sheet{}.xml", i + 1)).unwrap();
        let what = format!("{}: {name}", path.display());
        assert_eq!(
            attr(&xml, "pageSetup", "paperSize").as_deref(),
            Some("9"),
            "{what}"
        );
        assert_eq!(
            attr(&xml, "pageSetup", "orientation").as_deref(),
            Some("landscape"),
            "{what}"
        );
        let fit = attr(&xml, "pageSetUpPr", "fitToPage").as_deref() == Some("1");
        if fit {
            // One page wide (the default of fitToWidth), as many down as needed.
            assert_eq!(attr(&xml, "pageSetup", "fitToWidth"), None, "{what}");
            assert_eq!(
                attr(&xml, "pageSetup", "fitToHeight").as_deref(),
                Some("0"),
                "{what}"
            );
            // And one page wide is 60 % at least: the columns' width on paper.
            let mut points = 0.0;
            for col in xml.split("<col ").skip(1) {
                let get = |k: &str| -> f64 {
                    let key = format!("{k}=\"");
                    let at = col.find(&key).unwrap() + key.len();
                    col[at..at + col[at..].find('"').unwrap()].parse().unwrap()
                };
                points += (get("max") - get("min") + 1.0) * get("width") * 7.0 * 0.75;
            }
            let scale = (841.9 - 2.0 * 50.4) / points;
            assert!(scale >= 0.6, "{what}: one page wide at {scale:.2}");
        } else {
            let scale: u32 = attr(&xml, "pageSetup", "scale")
                .unwrap_or_else(|| panic!("{what}: neither fit to width nor scale"))
                .parse()
                .unwrap();
            assert!(scale >= 60, "{what}: scale {scale}");
        }
        let head = xml
            .split("<oddHeader>")
            .nth(1)
            .and_then(|h| h.split("</oddHeader>").next())
            .unwrap_or_else(|| panic!("{what}: no page header"));
        for h in header {
            assert!(head.contains(h), "{what}: {h} in {head}");
        }
        assert!(
            xml.contains("<oddFooter>") && xml.contains("&amp;P / &amp;N"),
            "{what}"
        );
        // Every table repeats its header row (the template's instructions
        // are no table).
        let titles = format!("name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\"");
        assert!(
            name == "Instructions" || workbook.contains(&titles),
            "{what}: print titles"
        );
        checked += 1;
    }
    checked
}

/// Every sheet of the report, of a funder's extract and of the template
/// prints on A4 landscape at a readable size, with its titles repeated.
#[test]
fn every_sheet_prints_on_a4_landscape() {
    let env = fixture();
    env.ok(&["report", "plan.toml", "-o", "r.xlsx"]);
    env.ok(&["report", "plan.toml", "--source", "ETAT", "-o", "etat.xlsx"]);
    env.ok(&["template", "plan.toml", "-o", "t.xlsx"]);
    let header = [
        "&amp;LPlan de travail annuel 2024 — test",
        "Situation au 30/09/2024",
    ];
    assert_eq!(assert_prints_on_a4(&env.path("r.xlsx"), &header), 7);
    assert_eq!(assert_prints_on_a4(&env.path("etat.xlsx"), &header), 2);
    assert_eq!(
        assert_prints_on_a4(
            &env.path("t.xlsx"),
            &["Suivi — Plan de travail annuel 2024 — test"]
        ),
        2
    );
    // The template's input columns print beside the activity's code and
    // title; its instructions sheet is one page wide.
    let wb = zip_part(&env.path("t.xlsx"), "xl/workbook.xml").unwrap();
    assert!(wb.contains("Saisie!$A:$B,Saisie!$1:$1"), "{wb}");
    let ins = zip_part(&env.path("t.xlsx"), "xl/worksheets/sheet2.xml").unwrap();
    assert_eq!(
        attr(&ins, "pageSetup", "orientation").as_deref(),
        Some("landscape")
    );
    assert_eq!(attr(&ins, "pageSetUpPr", "fitToPage").as_deref(), Some("1"));
    // A long title wraps in a row tall enough for it.
    let saisie = zip_part(&env.path("t.xlsx"), "xl/worksheets/sheet1.xml").unwrap();
    let row2 = saisie.split("<row r=\"2\"").nth(1).unwrap();
    let row2 = &row2[..row2.find('>').unwrap()];
    assert!(row2.contains("ht=\"30\""), "{row2}");
    // In the report too: Activités' title column wraps, its rows grow.
    let acts = zip_part(&env.path("r.xlsx"), "xl/worksheets/sheet3.xml").unwrap();
    let row2 = acts.split("<row r=\"2\"").nth(1).unwrap();
    let row2 = &row2[..row2.find('>').unwrap()];
    assert!(row2.contains("ht=\"30\""), "{row2}");
}

/// Spending above the budget (141 %) is red wherever the financial rate is
/// shown, by a conditional format on the rate's value.
#[test]
fn overspending_is_flagged() {
    let env = fixture();
    env.write(
        "plan.progress.toml",
        "[[record]]\nactivity = \"A1.2.1\"\ndate = 2024-03-10\nprogress = 90\nspent = 5_640_000\n",
    );
    env.ok(&["report", "plan.toml", "-o", "r.xlsx"]);
    let mut book = Book::open(&env.path("r.xlsx"));
    let a = book.values("Activités");
    let fin = find_col(&a, 0, "Exéc. financière").unwrap();
    assert_eq!(fin, 13);
    let row = find_row(&a, 4, "A1.2.1").unwrap();
    assert_eq!(num(&a, row, fin), 1.41);
    let s = book.values("Synthèse");
    let path = env.path("r.xlsx");
    let rule = |part: &str, range: &str, first: &str| {
        let xml = zip_part(&path, part).unwrap();
        let cf = xml
            .split(&format!("<conditionalFormatting sqref=\"{range}\">"))
            .nth(1)
            .unwrap_or_else(|| panic!("{part}: {range} in {xml}"));
        assert!(
            cf.contains(&format!(
                "<formula>AND(ISNUMBER({first}),{first}&gt;1)</formula>"
            )),
            "{part}: {cf}"
        );
        let styles = zip_part(&path, "xl/styles.xml").unwrap();
        assert!(styles.contains("FFFFC7CE"), "red fill");
    };
    rule("xl/worksheets/sheet3.xml", "N2:N7", "N2");
    let t = AxisTable::find(&s);
    let c = a1(0, t.col("Exéc. financière"))
        .trim_end_matches('1')
        .to_string();
    let (first, total) = (t.header + 2, t.header + 6);
    rule(
        "xl/worksheets/sheet1.xml",
        &format!("{c}{first}:{c}{total}"),
        &format!("{c}{first}"),
    );
}

/// Spending by expenditure category, hand-computed for `--period T2`:
/// a record naming its category (on the last day of T1), records without
/// one whose source's lines have one category (UE: Formation) or several
/// (ETAT: non ventilé), an activity whose only line has none, a category
/// no line has (a warning, shown as named), a cancelled activity without
/// money (its budget set apart).
#[test]
fn spending_by_category() {
    let env = Env::new();
    env.write(
        "k.toml",
        "[plan]\ntitle = \"K\"\nyear = 2024\ncurrency = \"XOF\"\n\
         [[source]]\nid = \"ETAT\"\nname = \"État\"\n[[source]]\nid = \"UE\"\nname = \"Union européenne\"\n\
         [[axis]]\nid = \"X\"\ntitle = \"X\"\n[[action]]\nid = \"X.1\"\naxis = \"X\"\ntitle = \"x\"\n\
         [[activity]]\nid = \"k1\"\naction = \"X.1\"\ntitle = \"k1\"\nquarters = [1, 2]\nbudget = [\n\
           { source = \"ETAT\", amount = 1_000_000, category = \"Fournitures\" },\n\
           { source = \"ETAT\", amount = 500_000, category = \"Transport\" },\n\
           { source = \"UE\", amount = 2_000_000, category = \"Formation\" },\n]\n\
         [[activity]]\nid = \"k2\"\naction = \"X.1\"\ntitle = \"k2\"\nquarters = [2]\nbudget = [{ source = \"ETAT\", amount = 300_000 }]\n\
         [[activity]]\nid = \"k3\"\naction = \"X.1\"\ntitle = \"k3\"\nquarters = [3]\nbudget = [{ source = \"UE\", amount = 400_000, category = \"Formation\" }]\n",
    );
    env.write(
        "k.progress.toml",
        "[[record]]\nactivity = \"k1\"\ndate = 2024-03-31\nspent = 100_000\nsource = \"ETAT\"\ncategory = \"Transport\"\n\
         [[record]]\nactivity = \"k1\"\ndate = 2024-04-01\nspent = 200_000\nsource = \"UE\"\n\
         [[record]]\nactivity = \"k1\"\ndate = 2024-05-10\nspent = 50_000\nsource = \"ETAT\"\n\
         [[record]]\nactivity = \"k2\"\ndate = 2024-05-11\ncommitted = 40_000\nspent = 30_000\n\
         [[record]]\nactivity = \"k1\"\ndate = 2024-06-01\nspent = 10_000\nsource = \"ETAT\"\ncategory = \"Carburant\"\n\
         [[record]]\nactivity = \"k3\"\ndate = 2024-04-02\nstatus = \"cancelled\"\n",
    );
    let check = env.output(&["check", "k.toml"]);
    let out = String::from_utf8_lossy(&check.stdout).to_string()
        + &String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{out}");
    assert!(
        out.contains("W120")
            && out.contains(
                "la catégorie « Carburant » n'est celle d'aucune ligne budgétaire de `k1`"
            ),
        "{out}"
    );
    assert!(
        out.contains("catégories de l'activité : Formation, Fournitures, Transport"),
        "{out}"
    );
    env.ok(&["report", "k.toml", "--period", "T2", "-o", "k.xlsx"]);
    let mut book = Book::open(&env.path("k.xlsx"));
    let r = book.values("Par catégorie");
    let header = find_row(&r, 0, "Catégorie").unwrap();
    let names: Vec<String> = (header + 1..header + 8)
        .map(|row| text(&r, row, 0))
        .collect();
    assert_eq!(
        names,
        [
            "Fournitures",
            "Transport",
            "Formation",
            "Carburant",
            "(sans catégorie)",
            "Non ventilé",
            "TOTAL"
        ]
    );
    // budget, cancelled, committed, spent in T2, spent, outstanding, balance
    let expected: [[f64; 7]; 7] = [
        [1_000_000.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1_000_000.0],
        [500_000.0, 0.0, 0.0, 0.0, 100_000.0, -100_000.0, 400_000.0],
        [
            2_400_000.0,
            400_000.0,
            0.0,
            200_000.0,
            200_000.0,
            -200_000.0,
            1_800_000.0,
        ],
        [0.0, 0.0, 0.0, 10_000.0, 10_000.0, -10_000.0, -10_000.0],
        [
            300_000.0, 0.0, 40_000.0, 30_000.0, 30_000.0, 10_000.0, 270_000.0,
        ],
        [0.0, 0.0, 0.0, 50_000.0, 50_000.0, -50_000.0, -50_000.0],
        [
            4_200_000.0,
            400_000.0,
            40_000.0,
            290_000.0,
            390_000.0,
            -350_000.0,
            3_410_000.0,
        ],
    ];
    for (i, row) in expected.iter().enumerate() {
        let at = header + 1 + i as u32;
        for (c, v) in row.iter().enumerate() {
            assert_eq!(
                num(&r, at, 1 + c as u32),
                *v,
                "{} column {}",
                names[i],
                c + 1
            );
        }
    }
    assert_eq!(num(&r, header + 7, 8), 390_000.0 / 3_800_000.0);
    assert_eq!(text(&r, header + 4, 8), "—");
    // The cumulative spent is Synthèse's.
    let s = book.values("Synthèse");
    let t = AxisTable::find(&s);
    assert_eq!(num(&s, t.header + 2, t.col("Décaissé (FCFA)")), 390_000.0);

    // `record --category` writes it to the log.
    env.ok(&[
        "record",
        "k.toml",
        "k1",
        "--date",
        "2024-06-02",
        "--spent",
        "1000",
        "--source",
        "ETAT",
        "--category",
        "Transport",
    ]);
    let log = std::fs::read_to_string(env.path("k.progress.toml")).unwrap();
    assert!(
        log.ends_with("source = \"ETAT\"\ncategory = \"Transport\"\n"),
        "{log}"
    );
}

/// The narrative paragraph on Synthèse is the one `summary` prints after its
/// table (SPEC §6b), in the report language.
#[test]
fn synthese_carries_the_narrative_of_summary() {
    for lang in ["fr", "en"] {
        let env = Env::new();
        env.copy("workshop/atelier.toml", "atelier.toml");
        env.copy("workshop/atelier.progress.toml", "atelier.progress.toml");
        env.ok(&["report", "atelier.toml", "-o", "r.xlsx", "--lang", lang]);
        let table = env.ok(&["summary", "atelier.toml", "--lang", lang]);
        let paragraph = table.lines().last().unwrap().to_string();
        assert!(paragraph.contains("3 "), "{paragraph}");
        let mut book = Book::open(&env.path("r.xlsx"));
        let sheet = if lang == "fr" { "Synthèse" } else { "Summary" };
        let r = book.values(sheet);
        let title = if lang == "fr" {
            "Commentaire"
        } else {
            "Commentary"
        };
        let row = (0..200)
            .find(|&row| text_or_empty(&r, row, 0) == title)
            .expect("narrative title");
        assert_eq!(text(&r, row + 1, 0), paragraph);
    }
}

/// A revised plan (lines keeping their `initial`): Synthèse and Par source
/// show the initial budget and the difference, as values and formulas
/// that LibreOffice-free clients (Gnumeric) recalculate to the same figures.
#[test]
fn revised_plan_shows_initial_budget_and_difference() {
    let env = Env::new();
    let plan = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cycle/old.toml"),
    )
    .unwrap()
    .replace(
        "{ source = \"ETAT\", amount = 10_000_000 }",
        "{ source = \"ETAT\", amount = 7_500_000, initial = 10_000_000 }",
    )
    .replace(
        "{ source = \"BM\", amount = 8_000_000 }",
        "{ source = \"BM\", amount = 9_250_000, initial = 8_000_000 }",
    );
    env.write("r.toml", &plan);
    env.ok(&["report", "r.toml", "-o", "r.xlsx"]);
    let txt = |r: &calamine::Range<Data>, row: u32, col: u32| match get(r, row, col) {
        Data::String(s) => s,
        _ => String::new(),
    };
    let mut book = Book::open(&env.path("r.xlsx"));
    let syn = book.values("Synthèse");
    // Find the by-axis header row and its initial columns.
    let (hr, init_col) = (0..syn.height() as u32)
        .find_map(|r| {
            (0..syn.width() as u32)
                .find(|&c| txt(&syn, r, c) == "Budget initial (FCFA)")
                .map(|c| (r, c))
        })
        .expect("Budget initial column on Synthèse");
    assert_eq!(txt(&syn, hr, init_col + 1), "Écart révisé − initial (FCFA)");
    let row_of = |r: &calamine::Range<Data>, code: &str| {
        (hr..r.height() as u32)
            .find(|&x| txt(r, x, 0) == code)
            .unwrap_or_else(|| panic!("row {code}"))
    };
    let num = |r: &calamine::Range<Data>, row: u32, col: u32| match get(r, row, col) {
        Data::Float(x) => x,
        Data::Int(x) => x as f64,
        d => panic!("not a number: {d:?}"),
    };
    let a1 = row_of(&syn, "A1");
    assert_eq!(num(&syn, a1, init_col), 23_000_000.0);
    assert_eq!(num(&syn, a1, init_col + 1), -2_500_000.0);
    let a2 = row_of(&syn, "A2");
    assert_eq!(num(&syn, a2, init_col), 28_000_000.0);
    assert_eq!(num(&syn, a2, init_col + 1), 1_250_000.0);
    let tot = row_of(&syn, "TOTAL");
    assert_eq!(num(&syn, tot, init_col), 51_000_000.0);
    assert_eq!(num(&syn, tot, init_col + 1), -1_250_000.0);

    let ps = book.values("Par source");
    let hdr = (0..ps.height() as u32)
        .find(|&r| txt(&ps, r, 0) == "Code")
        .unwrap();
    let ic = (0..ps.width() as u32)
        .find(|&c| txt(&ps, hdr, c) == "Budget initial (FCFA)")
        .expect("Budget initial column on Par source");
    let etat = (hdr..ps.height() as u32)
        .find(|&r| txt(&ps, r, 0) == "Total ETAT")
        .unwrap();
    assert_eq!(num(&ps, etat, ic), 33_000_000.0);
    assert_eq!(num(&ps, etat, ic + 1), -2_500_000.0);
    let bm = (hdr..ps.height() as u32)
        .find(|&r| txt(&ps, r, 0) == "Total BM")
        .unwrap();
    assert_eq!(num(&ps, bm, ic), 18_000_000.0);
    assert_eq!(num(&ps, bm, ic + 1), 1_250_000.0);
    let total = (hdr..ps.height() as u32)
        .rev()
        .find(|&r| txt(&ps, r, 0) == "TOTAL")
        .unwrap();
    assert_eq!(num(&ps, total, ic), 51_000_000.0);

    // A plan without `initial`: no such column.
    env.write(
        "o.toml",
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cycle/old.toml"),
        )
        .unwrap(),
    );
    env.ok(&["report", "o.toml", "-o", "o.xlsx"]);
    let mut plain = Book::open(&env.path("o.xlsx"));
    let s = plain.values("Synthèse");
    assert!(
        !(0..s.height() as u32)
            .any(|r| (0..s.width() as u32).any(|c| txt(&s, r, c) == "Budget initial (FCFA)"))
    );

    if available("ssconvert", "gnumeric") {
        let recalc = gnumeric_recalc(&env, "r.xlsx");
        let n = compare_recalculated(
            &env,
            "r.xlsx",
            &recalc,
            &["Synthèse", "Par source"],
            "Gnumeric",
        );
        assert!(n > 20, "{n} formulas compared");
    }
}
