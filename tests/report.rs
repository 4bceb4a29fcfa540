//! `ptba report`: the workbook is read back with calamine and compared with
//! `summary --format json` / `--format csv`, figure for figure.

mod xlsx_util;

use calamine::Data;
use serde_json::Value;
use xlsx_util::*;

const SHEETS_FR: [&str; 5] = [
    "Synthèse",
    "Activités",
    "Par source",
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
    assert!(
        formula(first, phys).contains("SUMPRODUCT")
            && formula(first, phys).contains("'Activités'!"),
        "{}",
        formula(first, phys)
    );
    assert!(formula(total, phys).contains("SUMPRODUCT"));
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
    let t = AxisTable::find(&r);
    let (first, last) = (t.header + 1, t.header + 4);
    let chart = book.part("xl/charts/chart1.xml").expect("a chart");
    assert!(chart.contains("<c:barChart>"), "a column chart");
    for label in ["Exéc. physique", "Exéc. financière"] {
        let c = t.col(label);
        let cl = a1(0, c).trim_end_matches('1').to_string();
        // Excel writes a sheet name of letters unquoted, accents included.
        let range = format!("<c:f>Synthèse!${cl}${}:${cl}${}</c:f>", first + 1, last + 1);
        assert!(chart.contains(&range), "{range} in chart:\n{chart}");
    }
    assert!(chart.contains(&format!(
        "<c:f>Synthèse!$A${}:$A${}</c:f>",
        first + 1,
        last + 1
    )));
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

    let sheet = book.part("xl/worksheets/sheet2.xml").unwrap();
    assert!(sheet.contains("<autoFilter ref=\"A1:R7\""), "autofilter");
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
    // As of 30/09/2024 (last record).
    assert_eq!(text(&r, row("A1.1.2"), q(2)), "réalisée");
    assert_eq!(text(&r, row("A1.1.2"), q(1)), "");
    assert_eq!(text(&r, row("A2.1.2"), q(4)), "abandonnée");
    assert_eq!(text(&r, row("A2.1.1"), q(3)), "en cours");
    assert_eq!(text(&r, row("A3.1.1"), q(1)), "en retard");
    assert_eq!(text(&r, row("A3.1.1"), q(2)), "en retard");
    assert_eq!(text(&r, row("A3.1.1"), q(3)), "prévue");
    assert_eq!(text(&r, row("A1.2.1"), q(1)), "en retard");
    let fill = |row: u32, col: u32| {
        st.get((row, col))
            .and_then(|s| s.fill.as_ref())
            .and_then(|f| f.get_color())
            .map(|c| c.to_argb() & 0xFFFFFF)
    };
    assert_eq!(fill(row("A3.1.1"), q(1)), Some(0xFFC7CE), "late is red");
    assert_eq!(fill(row("A1.1.2"), q(2)), Some(0xC6EFCE), "done is green");
    assert_eq!(
        fill(row("A3.1.1"), q(3)),
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
    assert_eq!(text(&r, find_row(&r, 0, "A3.1.1").unwrap(), q(4)), "prévue");
    assert!(text(&r, 0, 0).contains("31/12/2024"));
}

#[test]
fn indicators_with_achievement() {
    let env = fixture();
    env.ok(&["report", "plan.toml", "-o", "r.xlsx"]);
    let json = env.json(&["summary", "plan.toml", "--format", "json"]);
    let mut book = Book::open(&env.path("r.xlsx"));
    let r = book.values("Indicateurs");
    assert_eq!(
        (0..8).map(|c| text(&r, 0, c)).collect::<Vec<_>>(),
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
    assert_eq!(r.height(), inds.len() + 1);
    for (i, ind) in inds.iter().enumerate() {
        let row = i as u32 + 1;
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
            "Activities",
            "By source",
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
    let r = env.run(&["report", "bad.toml", "-o", "r.xlsx", "--force"]);
    assert_eq!(
        r.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous report");
    // A missing plan: exit 2.
    let r = env.run(&["report", "missing.toml", "-o", "r.xlsx", "--force"]);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous report");
    // Not an .xlsx name, a folder that does not exist, the plan itself: exit 2.
    for target in ["r.csv", "nowhere/r.xlsx", "plan.progress.toml"] {
        let r = env.run(&["report", "plan.toml", "-o", target]);
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
    let r = env.run(&["report", "plan.toml", "-o", "r.xlsx"]);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous report");
    env.ok(&["report", "plan.toml", "-o", "r.xlsx", "--force"]);
    assert!(Book::open(&out).names().len() == 5);
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

    // Another currency cannot be consolidated: exit 1, nothing written.
    env.write(
        "eur.toml",
        "[plan]\ntitle = \"E\"\nyear = 2024\ncurrency = \"EUR\"\n",
    );
    let r = env.run(&["report", "plan.toml", "eur.toml", "-o", "e.xlsx"]);
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
    let mut ours = Book::open(&env.path(file));
    let mut theirs = Book::open(&recalc);
    let mut compared = 0;
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
            assert!(
                same,
                "{file} {sheet}!{} = {f}: cached {a:?}, LibreOffice {b:?}",
                a1(row, col)
            );
            compared += 1;
        }
    }
    compared
}

/// Every formula's cached value equals what LibreOffice computes, for the
/// fixture at two dates, in English, consolidated with a second plan, and in
/// a two-decimal currency. Needs LibreOffice:
/// `cargo test --test report -- --ignored`.
#[test]
#[ignore = "needs LibreOffice (soffice) on the PATH"]
fn libreoffice_recalculation_gives_the_cached_values() {
    let env = fixture();
    env.write(
        "other.toml",
        "[plan]\ntitle = \"R\"\nyear = 2024\ncurrency = \"XOF\"\n[[source]]\nid = \"ETAT\"\nname = \"E\"\n\
         [[axis]]\nid = \"A1\"\ntitle = \"P\"\n[[action]]\nid = \"R1\"\naxis = \"A1\"\ntitle = \"R\"\n\
         [[activity]]\nid = \"R1.1\"\naction = \"R1\"\ntitle = \"r\"\nbudget = [{ source = \"ETAT\", amount = 3_000_000 }]\n",
    );
    env.write(
        "eur.toml",
        "[plan]\ntitle = \"E\"\nyear = 2024\ncurrency = \"EUR\"\nweighting = \"budget\"\n[[source]]\nid = \"S\"\nname = \"S\"\n\
         [[axis]]\nid = \"A\"\ntitle = \"A\"\n[[action]]\nid = \"A.1\"\naxis = \"A\"\ntitle = \"a\"\n\
         [[activity]]\nid = \"a\"\naction = \"A.1\"\ntitle = \"a\"\nbudget = [{ source = \"S\", amount = \"0.10\" }, { source = \"S\", amount = \"0.20\" }]\n\
         [[activity]]\nid = \"b\"\naction = \"A.1\"\ntitle = \"b\"\nbudget = [{ source = \"S\", amount = \"1234.56\" }]\n",
    );
    env.write(
        "eur.progress.toml",
        "[[record]]\nactivity = \"a\"\ndate = 2024-02-01\nprogress = 33.3\nspent = \"0.1\"\n\
         [[record]]\nactivity = \"b\"\ndate = 2024-02-01\nprogress = 66.7\nspent = \"1000.01\"\n",
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
    for file in ["r.xlsx", "june.xlsx", "both.xlsx", "eur.xlsx"] {
        let n = compare_with_libreoffice(&env, file, &SHEETS_FR);
        assert!(n > 20, "{file}: {n} formulas compared");
    }
    let en = [
        "Summary",
        "Activities",
        "By source",
        "Schedule",
        "Indicators",
    ];
    assert!(compare_with_libreoffice(&env, "en.xlsx", &en) > 50);
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
        assert_eq!(i.height(), json["indicators"].as_array().unwrap().len() + 1);
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
    assert_eq!(r.height(), indicators.len() + 1);
    for (i, ind) in indicators.iter().enumerate() {
        let row = i as u32 + 1;
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
