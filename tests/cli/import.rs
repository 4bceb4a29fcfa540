//! `ptba template` → filled in LibreOffice → `ptba import` (SPEC §8). The
//! filled workbooks were made by tests/data/make_workbooks.py from a real
//! template and saved by LibreOffice.

use std::io::Read;
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    crate::support::data("import").join(name)
}

fn ptba(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let r = crate::support::ptba_in(dir, args);
    assert!(!r.2.contains("panicked"), "{}", r.2);
    r
}

/// A temp folder with the plan as `plan.toml` and the filled workbooks.
fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["plan.toml", "filled.xlsx", "filled-bad-cell.xlsx"] {
        std::fs::copy(data(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn summary(dir: &Path) -> serde_json::Value {
    let (code, out, err) = ptba(dir, &["summary", "plan.toml", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn filled_by_libreoffice_imports_once() {
    let dir = setup();
    let d = dir.path();
    let (code, out, err) = ptba(d, &["import", "plan.toml", "filled.xlsx"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("3 enregistrement"), "{out}");
    let log = std::fs::read_to_string(d.join("plan.progress.toml")).unwrap();
    assert!(log.contains("# import sha256="), "{log}");
    assert!(
        log.contains("note = \"Deux campagnes tenues à San Pedro et Man\""),
        "{log}"
    );
    let s = summary(d);
    assert_eq!(s["spent"], "11400000");
    assert_eq!(s["committed"], "7000000");
    // (40 + 100 + 0) / 3 activities
    assert_eq!(s["rates"]["physical"], 46.67);
    // Twice: refused, log unchanged to the byte.
    let (code, _, err) = ptba(d, &["import", "plan.toml", "filled.xlsx"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("déjà été importé"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.join("plan.progress.toml")).unwrap(),
        log
    );
    // The same rows under another name are the same workbook.
    std::fs::copy(d.join("filled.xlsx"), d.join("copie.xlsx")).unwrap();
    let (code, _, err) = ptba(d, &["import", "plan.toml", "copie.xlsx"]);
    assert_eq!(code, 1, "{err}");
    // --force imports it again, on purpose.
    let (code, _, err) = ptba(d, &["import", "plan.toml", "filled.xlsx", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(summary(d)["spent"], "22800000");
}

#[test]
fn one_bad_cell_imports_nothing_and_names_the_cell() {
    let dir = setup();
    let d = dir.path();
    let (code, _, err) = ptba(d, &["import", "plan.toml", "filled-bad-cell.xlsx"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Saisie!I4"), "{err}");
    assert!(err.contains("140"), "{err}");
    assert!(err.contains("rien n'est importé"), "{err}");
    assert!(!d.join("plan.progress.toml").exists());
    // With a log already there, it is left as it was.
    ptba(d, &["import", "plan.toml", "filled.xlsx"]);
    let before = std::fs::read(d.join("plan.progress.toml")).unwrap();
    let (code, _, _) = ptba(d, &["import", "plan.toml", "filled-bad-cell.xlsx"]);
    assert_eq!(code, 1);
    assert_eq!(std::fs::read(d.join("plan.progress.toml")).unwrap(), before);
}

/// Fills cells of the Saisie sheet of a template with rust_xlsxwriter's
/// reader-less approach: rewrite the sheet XML inside the zip.
fn fill(template: &Path, out: &Path, cells: &[(&str, &str)]) {
    let f = std::fs::File::open(template).unwrap();
    let mut zin = zip::ZipArchive::new(f).unwrap();
    let w = std::fs::File::create(out).unwrap();
    let mut zout = zip::ZipWriter::new(w);
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut body = String::new();
        e.read_to_string(&mut body).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            for (r, v) in cells {
                // The template writes input cells blank: <c r="G2" s="…"/>.
                let start = body.find(&format!("<c r=\"{r}\"")).unwrap();
                let end = start + body[start..].find("/>").unwrap();
                let head = &body[start..end];
                let repl = format!("{head} t=\"inlineStr\"><is><t>{v}</t></is></c>");
                body.replace_range(start..end + 2, &repl);
            }
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zout, body.as_bytes()).unwrap();
    }
    zout.finish().unwrap();
}

#[test]
fn every_bad_cell_is_listed() {
    let dir = setup();
    let d = dir.path();
    let (code, _, err) = ptba(d, &["template", "plan.toml", "-o", "saisie.xlsx"]);
    assert_eq!(code, 0, "{err}");
    fill(
        &d.join("saisie.xlsx"),
        &d.join("bad.xlsx"),
        &[
            ("G2", "31/03/2024"),
            ("H2", "commencée"),
            ("G3", "pas une date"),
            ("G4", "2024-05-02"),
            ("K4", "-5"),
            ("G5", "31/03/2024"),
            ("J5", "beaucoup"),
        ],
    );
    let (code, _, err) = ptba(d, &["import", "plan.toml", "bad.xlsx"]);
    assert_eq!(code, 1, "{err}");
    for cell in ["Saisie!H2", "Saisie!G3", "Saisie!K4", "Saisie!J5"] {
        assert!(err.contains(cell), "{cell} not named:\n{err}");
    }
    assert!(
        err.contains("4 cellules invalides : rien n'est importé."),
        "{err}"
    );
    assert!(!d.join("plan.progress.toml").exists());
}

#[test]
fn text_typed_values_and_overspending_warning() {
    let dir = setup();
    let d = dir.path();
    ptba(d, &["template", "plan.toml", "-o", "saisie.xlsx"]);
    // Row 5 is A1.1.3 (UNICEF, 2 000 000): spending 2 500 000 is a warning.
    fill(
        &d.join("saisie.xlsx"),
        &d.join("ok.xlsx"),
        &[
            ("G5", "30/09/2024"),
            ("H5", "Réalisée"),
            ("I5", "100 %"),
            ("K5", "2 500 000 FCFA"),
        ],
    );
    let (code, out, err) = ptba(d, &["import", "plan.toml", "ok.xlsx"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("Saisie!K5"), "{err}");
    assert!(err.contains("W108"), "{err}");
    let log = std::fs::read_to_string(d.join("plan.progress.toml")).unwrap();
    assert!(log.contains("status = \"done\""), "{log}");
    assert!(log.contains("spent = 2_500_000"), "{log}");
}

#[test]
fn template_is_locked_validated_and_filtered() {
    let dir = setup();
    let d = dir.path();
    let (code, out, err) = ptba(d, &["template", "plan.toml", "-o", "saisie.xlsx"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("4 lignes"), "{out}");
    let f = std::fs::File::open(d.join("saisie.xlsx")).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut sheet = String::new();
    z.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(sheet.contains("<sheetProtection"), "not protected");
    assert!(!sheet.contains("password"), "protected with a password");
    assert!(sheet.contains("type=\"list\""));
    assert!(
        sheet.contains("<formula1>\"prévue,en cours,réalisée,reportée,abandonnée\"</formula1>")
    );
    assert!(sheet.contains("type=\"whole\""));
    assert!(sheet.contains("<formula1>0</formula1><formula2>100</formula2>"));
    assert!(sheet.contains("type=\"decimal\""));
    assert!(sheet.contains("type=\"date\""));
    let names: Vec<String> = z.file_names().map(|n| n.unwrap().to_string()).collect();
    assert!(
        names.iter().any(|n| n == "xl/worksheets/sheet2.xml"),
        "{names:?}"
    );
    // One responsible's activities, one quarter's.
    let (code, out, _) = ptba(
        d,
        &[
            "template",
            "plan.toml",
            "-o",
            "t.xlsx",
            "--responsible",
            "dgcom",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.contains("1 lignes"), "{out}");
    let (code, out, _) = ptba(
        d,
        &[
            "template",
            "plan.toml",
            "-o",
            "t.xlsx",
            "--quarter",
            "2",
            "--force",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.contains("3 lignes"), "{out}");
    let (code, _, _) = ptba(
        d,
        &[
            "template",
            "plan.toml",
            "-o",
            "t.xlsx",
            "--quarter",
            "5",
            "--force",
        ],
    );
    assert_eq!(code, 2);
}

#[test]
fn empty_template_imports_nothing() {
    let dir = setup();
    let d = dir.path();
    ptba(d, &["template", "plan.toml", "-o", "saisie.xlsx"]);
    let (code, out, _) = ptba(d, &["import", "plan.toml", "saisie.xlsx"]);
    assert_eq!(code, 0);
    assert!(out.contains("rien à importer"), "{out}");
    assert!(!d.join("plan.progress.toml").exists());
}

#[test]
fn a_percentage_typed_as_a_fraction_is_refused() {
    let dir = setup();
    let d = dir.path();
    ptba(d, &["template", "plan.toml", "-o", "saisie.xlsx"]);
    fill(
        &d.join("saisie.xlsx"),
        &d.join("pct.xlsx"),
        &[("G3", "31/03/2024"), ("I3", "0.4")],
    );
    let (code, _, err) = ptba(d, &["import", "plan.toml", "pct.xlsx"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("Saisie!I3") && err.contains("saisir 40"),
        "{err}"
    );
}

/// `history` after a real import, a later correction and a record dated
/// before the imported ones: in date order, running totals, the imported
/// records named by their workbook, the correction marked (SPEC §3, §5).
#[test]
fn history_shows_the_import_and_the_correction() {
    let dir = setup();
    let d = dir.path();
    let (code, _, err) = ptba(d, &["import", "plan.toml", "filled.xlsx"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = ptba(
        d,
        &[
            "record",
            "plan.toml",
            "A1.1.1",
            "--date",
            "2024-04-15",
            "--correction",
            "--spent",
            "-3 000 000",
            "--source",
            "UNICEF",
            "--note",
            "Paiement UNICEF saisi deux fois",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = ptba(
        d,
        &[
            "record",
            "plan.toml",
            "A1.1.1",
            "--date",
            "2024-02-10",
            "--committed",
            "1000000",
            "--source",
            "ETAT",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = ptba(d, &["history", "plan.toml", "A1.1.1", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "date,status,progress,spent,committed,spent_total,committed_total,source,category,correction,imported_from,note\n\
         2024-02-10,planned,0,,1000000,0,1000000,ETAT,,false,,\n\
         2024-03-31,ongoing,40,5000000,7000000,5000000,8000000,ETAT,,false,filled.xlsx,Deux campagnes tenues à San Pedro et Man\n\
         2024-03-31,ongoing,40,3000000,,8000000,8000000,UNICEF,,false,filled.xlsx,\n\
         2024-04-15,ongoing,40,-3000000,,5000000,8000000,UNICEF,,true,,Paiement UNICEF saisi deux fois\n"
    );
    let (_, table, _) = ptba(d, &["history", "plan.toml", "A1.1.1"]);
    assert!(
        table.contains("[importé de filled.xlsx] Deux campagnes"),
        "{table}"
    );
    assert!(
        table.contains("[correction] Paiement UNICEF saisi deux fois"),
        "{table}"
    );
    assert!(table.contains("-3 000 000"), "{table}");
    // The running total ends where `summary` stands.
    let s = summary(d);
    let (_, j, _) = ptba(d, &["history", "plan.toml", "A1.1.2", "--format", "json"]);
    let j: serde_json::Value = serde_json::from_str(&j).unwrap();
    let recs = j["records"].as_array().unwrap();
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["status"], "done");
    assert_eq!(recs[0]["progress"], 100.0);
    assert_eq!(recs[0]["spent_total"], "3400000");
    assert_eq!(s["spent"], "8400000");
    // A done activity and an activity without records.
    let (_, none, _) = ptba(d, &["history", "plan.toml", "A1.1.3", "--lang", "en"]);
    assert!(none.contains("No record for this activity."), "{none}");
    let (code, _, err) = ptba(d, &["history", "plan.toml", "A1.1.9"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("activité A1.1.9 : absente du plan plan.toml (voulez-vous dire A1.1.1 ?)"),
        "{err}"
    );
}

/// The XML text of one part of an xlsx package (a sheet, the shared
/// strings, the workbook).
fn package_text(path: &Path, part: &str) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut zin = zip::ZipArchive::new(f).unwrap();
    let mut body = String::new();
    zin.by_name(part)
        .unwrap()
        .read_to_string(&mut body)
        .unwrap();
    body
}

/// `ptba template --lang en` writes the template in English; filled with
/// the same figures as the French one (the English status words), it
/// imports the same records: the two logs are the same to the byte.
#[test]
fn english_template_imports_the_same_records_as_the_french_one() {
    let mut logs = Vec::new();
    for (lang, ongoing, done) in [("fr", "en cours", "réalisée"), ("en", "ongoing", "done")] {
        let dir = setup();
        let d = dir.path();
        let (code, _, err) = ptba(
            d,
            &["template", "plan.toml", "-o", "t.xlsx", "--lang", lang],
        );
        assert_eq!(code, 0, "{err}");
        fill(
            &d.join("t.xlsx"),
            &d.join("filled-now.xlsx"),
            &[
                ("G2", "31/03/2024"),
                ("H2", ongoing),
                ("I2", "40"),
                ("K2", "2000000"),
                ("L2", "Deux campagnes"),
                ("G3", "31/03/2024"),
                ("H3", ongoing),
                ("K3", "1000000"),
                ("G4", "30/06/2024"),
                ("H4", done),
                ("I4", "100"),
                ("J4", "500000"),
                ("K4", "3400000"),
            ],
        );
        let (code, out, err) = ptba(
            d,
            &["import", "plan.toml", "filled-now.xlsx", "--lang", lang],
        );
        assert_eq!(code, 0, "{lang}: {out}{err}");
        let s = summary(d);
        // 2 000 000 + 1 000 000 + 3 400 000, computed by hand.
        assert_eq!(s["spent"], "6400000", "{lang}");
        assert_eq!(s["committed"], "500000", "{lang}");
        logs.push(std::fs::read_to_string(d.join("plan.progress.toml")).unwrap());
    }
    assert!(logs[0].contains("status = \"done\""), "{}", logs[0]);
    assert_eq!(logs[0], logs[1]);
}

/// The English template's visible texts are English: sheet names, headers,
/// dropdown, validation messages, instructions.
#[test]
fn english_template_has_no_french_text() {
    let dir = setup();
    let d = dir.path();
    let (code, _, err) = ptba(
        d,
        &[
            "template",
            "plan.toml",
            "-o",
            "t.xlsx",
            "--lang",
            "en",
            "--quarter",
            "2",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let t = d.join("t.xlsx");
    let workbook = package_text(&t, "xl/workbook.xml");
    assert!(workbook.contains("name=\"Entry\"") && workbook.contains("name=\"Instructions\""));
    assert!(!workbook.contains("Saisie"), "{workbook}");
    let entry = package_text(&t, "xl/worksheets/sheet1.xml");
    let strings = package_text(&t, "xl/sharedStrings.xml");
    for want in [
        ">Code<",
        ">Activity<",
        ">Spent to date<",
        ">Status<",
        ">Progress (%)<",
        ">Committed<",
        ">Spent<",
        "Fill in only the columns with a yellow background",
        "This workbook lists the activities planned in quarter T2.",
        "3. Status: pick from the list (planned, ongoing, done, postponed, cancelled).",
        "ptba import plan.toml entry.xlsx",
        "(for example Entry!F7)",
    ] {
        assert!(
            strings.contains(want),
            "{want} not in the strings:\n{strings}"
        );
    }
    assert!(
        entry.contains("\"planned,ongoing,done,postponed,cancelled\""),
        "{entry}"
    );
    assert!(entry.contains("Pick one of: planned, ongoing, done, postponed, cancelled."));
    assert!(entry.contains("Enter a whole number from 0 to 100."));
    // No French word of the template's own texts (the plan's titles are
    // the plan's: French here, and left out of this check).
    for french in [
        "Saisie",
        "Statut",
        "Avancement",
        "Engagé",
        "Décaissé",
        "Choisir",
        "Saisir",
        "remplir",
        "Montant",
        "prévue",
        "réalisée",
        "jj/mm",
        "Fichier du plan",
        "Suivi du plan",
    ] {
        assert!(
            !strings.contains(french),
            "{french} in the strings:\n{strings}"
        );
        assert!(!entry.contains(french), "{french} in the Entry sheet");
    }
}

/// Without --lang, the template follows the plan's `lang`, like the
/// reports; --lang chooses over it.
#[test]
fn template_language_follows_the_plan_unless_lang_is_given() {
    let dir = setup();
    let d = dir.path();
    let plan = std::fs::read_to_string(d.join("plan.toml")).unwrap();
    let plan = plan.replace("currency = \"XOF\"", "currency = \"XOF\"\nlang = \"en\"");
    std::fs::write(d.join("plan.toml"), plan).unwrap();
    for (args, sheet) in [
        (&["template", "plan.toml", "-o", "a.xlsx"][..], "Entry"),
        (
            &["template", "plan.toml", "-o", "b.xlsx", "--lang", "fr"][..],
            "Saisie",
        ),
    ] {
        let (code, _, err) = ptba(d, args);
        assert_eq!(code, 0, "{err}");
        let workbook = package_text(&d.join(args[3]), "xl/workbook.xml");
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{args:?}: {workbook}"
        );
    }
}
