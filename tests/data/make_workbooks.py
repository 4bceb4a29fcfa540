#!/usr/bin/env python3
"""Builds hand-made PTBA workbooks the way people make them, for the tests.

Each layout is written with openpyxl (merged cells, banner rows, formulas,
amounts typed as text...), then round-tripped through LibreOffice headless
(`soffice --convert-to xlsx/xls/ods`) so the committed files carry cached
formula values and real merged regions, as files saved by LibreOffice do.

    cargo build && PTBA=target/debug/ptba python3 tests/data/make_workbooks.py
                                              # needs openpyxl and soffice

Writes tests/data/workbooks/<layout>.{xlsx,xls,ods} and expected.json: the
figures each layout must import to (counts, budget per source and per axis,
and the total rows that are deliberately wrong).
"""
import json
import os
import shutil
import subprocess
import tempfile

import openpyxl
from openpyxl.styles import Alignment, Font

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "workbooks")

SOURCES = [
    ("ETAT", "Budget de l'État", "État"),
    ("UNICEF", "UNICEF", "UNICEF"),
    ("GAP", "Financement à rechercher", "À rechercher"),
]

# axis id, title, actions: (id, title, activities: (code, title, responsible, quarters, {source: amount}))
PLAN = [
    ("1", "Prévention", [
        ("1.1", "Sensibiliser les communautés", [
            ("1.1.1", "Campagnes de sensibilisation dans cinq régions", "CNLTP", [1, 2],
             {"ETAT": 12_500_000, "UNICEF": 8_000_000}),
            ("1.1.2", "Émissions radio en langues locales", "DGCOM", [2, 3], {"ETAT": 3_500_000}),
        ]),
        ("1.2", "Former les acteurs", [
            ("1.2.1", "Formation des agents de police et de gendarmerie", "CNLTP", [1],
             {"UNICEF": 6_000_000, "GAP": 4_000_000}),
        ]),
    ]),
    ("2", "Protection", [
        ("2.1", "Prendre en charge les victimes", [
            ("2.1.1", "Équiper deux centres d'accueil", "MFFE", [3, 4],
             {"ETAT": 25_000_000, "GAP": 15_000_000}),
            ("2.1.2", "Kits de réinsertion", "MFFE", [4], {"UNICEF": 7_250_000}),
        ]),
    ]),
    ("3", "Poursuites", [
        ("3.1", "Renforcer la chaîne pénale", [
            ("3.1.1", "Atelier de validation du guide des magistrats", "MJ", [2], {"ETAT": 2_750_000}),
        ]),
    ]),
]

BOLD = Font(bold=True)


def fcfa(n):
    """12500000 -> '12 500 000'"""
    return f"{n:,}".replace(",", " ")


def activities():
    for axis_id, axis_title, actions in PLAN:
        for action_id, action_title, acts in actions:
            for a in acts:
                yield axis_id, axis_title, action_id, action_title, a


def expected(wrong):
    by_source = {s[0]: 0 for s in SOURCES}
    by_axis = {}
    n = 0
    for axis_id, _, _, _, (_, _, _, _, amounts) in activities():
        n += 1
        for s, v in amounts.items():
            by_source[s] += v
            by_axis[axis_id] = by_axis.get(axis_id, 0) + v
    return {
        "axes": len(PLAN),
        "actions": sum(len(a[2]) for a in PLAN),
        "activities": n,
        "budget": sum(by_source.values()),
        "by_source": by_source,
        "by_axis": by_axis,
        "wrong_totals": wrong,
    }


def banner(ws, width, lines):
    for i, text in enumerate(lines, start=1):
        ws.cell(row=i, column=1, value=text).font = BOLD
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)


def layout_merged():
    """Banner, two-row header with merged group titles (Chronogramme over
    T1..T4, Sources de financement over one column per funder), axis and
    action merged vertically, formulas, total rows with one typed wrong."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PTBA 2024"
    width = 13
    banner(ws, width, [
        "RÉPUBLIQUE DE CÔTE D'IVOIRE — Union, Discipline, Travail",
        "Comité national de lutte contre la traite des personnes",
        "PLAN DE TRAVAIL BUDGÉTISÉ ANNUEL 2024",
    ])
    h = 5
    singles = {1: "Axe stratégique", 2: "Action", 3: "Code", 4: "Intitulé de l'activité",
               5: "Responsable", 13: "Coût total (FCFA)"}
    for c, t in singles.items():
        ws.cell(row=h, column=c, value=t).font = BOLD
        ws.merge_cells(start_row=h, start_column=c, end_row=h + 1, end_column=c)
    ws.cell(row=h, column=6, value="Chronogramme").font = BOLD
    ws.merge_cells(start_row=h, start_column=6, end_row=h, end_column=9)
    for i in range(4):
        ws.cell(row=h + 1, column=6 + i, value=f"T{i + 1}").font = BOLD
    ws.cell(row=h, column=10, value="Sources de financement").font = BOLD
    ws.merge_cells(start_row=h, start_column=10, end_row=h, end_column=12)
    for i, (_, _, short) in enumerate(SOURCES):
        ws.cell(row=h + 1, column=10 + i, value=short).font = BOLD
    r = h + 2
    wrong = []
    axis_total_rows = []
    for axis_id, axis_title, actions in PLAN:
        axis_start = r
        for action_id, action_title, acts in actions:
            action_start = r
            for code, title, resp, quarters, amounts in acts:
                ws.cell(row=r, column=3, value=code)
                ws.cell(row=r, column=4, value=title)
                ws.cell(row=r, column=5, value=resp)
                for q in quarters:
                    ws.cell(row=r, column=5 + q, value="x")
                for i, (sid, _, _) in enumerate(SOURCES):
                    if sid in amounts:
                        ws.cell(row=r, column=10 + i, value=amounts[sid]).number_format = "#,##0"
                ws.cell(row=r, column=13, value=f"=SUM(J{r}:L{r})").number_format = "#,##0"
                r += 1
            ws.cell(row=action_start, column=2, value=f"{action_id} {action_title}")
            if r - 1 > action_start:
                ws.merge_cells(start_row=action_start, start_column=2, end_row=r - 1, end_column=2)
        ws.cell(row=axis_start, column=1, value=f"Axe {axis_id} : {axis_title}")
        if r - 1 > axis_start:
            ws.merge_cells(start_row=axis_start, start_column=1, end_row=r - 1, end_column=1)
        ws.cell(row=r, column=4, value=f"Total axe {axis_id}").font = BOLD
        for c in "JKLM":
            ws[f"{c}{r}"] = f"=SUM({c}{axis_start}:{c}{r - 1})"
            ws[f"{c}{r}"].number_format = "#,##0"
        if axis_id == "2":
            # Typed over the formula by hand, and wrong: 47 000 000 for 47 250 000.
            ws[f"M{r}"] = 47_000_000
            wrong.append({"cell": f"M{r}", "declared": 47_000_000, "computed": 47_250_000})
        axis_total_rows.append(r)
        r += 1
    ws.cell(row=r, column=4, value="TOTAL GÉNÉRAL").font = BOLD
    for c in "JKLM":
        ws[f"{c}{r}"] = "=" + "+".join(f"{c}{t}" for t in axis_total_rows)
    # The general total adds the (wrong) axis total: it is wrong too, and
    # a wrong grand total is an error unless confirmed (SPEC §7).
    wrong.append({"cell": f"M{r}", "declared": 83_750_000, "computed": 84_000_000, "grand": True})
    for col, w in zip("ABCDEFGHIJKLM", [22, 28, 8, 45, 10, 4, 4, 4, 4, 14, 14, 14, 16]):
        ws.column_dimensions[col].width = w
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    return wb, wrong


def layout_sections():
    """Section rows for axes and actions ("AXE STRATÉGIQUE 1 : PRÉVENTION",
    "Action 1.1 - ..."), no codes, one activity over several rows (one per
    source, title repeated), amounts typed as text, dates as text,
    sub-totals per action, one wrong."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PTA"
    width = 10
    banner(ws, width, [
        "MINISTÈRE DE LA FEMME, DE LA FAMILLE ET DE L'ENFANT",
        "Plan de travail annuel (PTA) — exercice 2024",
    ])
    h = 4
    headers = ["N°", "Activités", "Responsable", "T1", "T2", "T3", "T4",
               "Coût (FCFA)", "Source de financement", "Date de début"]
    for i, t in enumerate(headers, start=1):
        ws.cell(row=h, column=i, value=t).font = BOLD
    r = h + 1
    names = {s[0]: s[1] for s in SOURCES}
    wrong = []
    n = 0
    for axis_id, axis_title, actions in PLAN:
        ws.cell(row=r, column=1, value=f"AXE STRATÉGIQUE {axis_id} : {axis_title.upper()}").font = BOLD
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
        for action_id, action_title, acts in actions:
            ws.cell(row=r, column=1, value=f"Action {action_id} - {action_title}").font = BOLD
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
            subtotal = 0
            for code, title, resp, quarters, amounts in acts:
                n += 1
                for sid, v in amounts.items():
                    ws.cell(row=r, column=1, value=n)
                    ws.cell(row=r, column=2, value=title)
                    ws.cell(row=r, column=3, value=resp)
                    for q in quarters:
                        ws.cell(row=r, column=3 + q, value="X")
                    # Amounts typed as text, in the ways people type them.
                    text = fcfa(v) + " FCFA" if v % 2 == 0 else f"{v:,}".replace(",", ".")
                    ws.cell(row=r, column=8, value=text)
                    ws.cell(row=r, column=9, value=names[sid])
                    ws.cell(row=r, column=10, value="%02d/%02d/2024" % (1, 3 * quarters[0] - 2))
                    subtotal += v
                    r += 1
            declared = subtotal
            if action_id == "1.1":
                declared = subtotal + 1_000_000
                wrong.append({"cell": f"H{r}", "declared": declared, "computed": subtotal})
            ws.cell(row=r, column=2, value=f"Sous-total action {action_id}").font = BOLD
            ws.cell(row=r, column=8, value=fcfa(declared))
            r += 1
    total = sum(v for *_, (_, _, _, _, a) in activities() for v in a.values())
    ws.cell(row=r, column=2, value="TOTAL GÉNÉRAL").font = BOLD
    ws.cell(row=r, column=8, value=total).number_format = "#,##0"
    for col, w in zip("ABCDEFGHIJ", [6, 50, 12, 4, 4, 4, 4, 16, 26, 12]):
        ws.column_dimensions[col].width = w
    return wb, wrong


def layout_blank_below():
    """Axis and action columns written once and left blank below (no merge),
    codes derived from "Axe 1 - …" / "Action 1.2 : …", one row per funding
    source with the activity title written once, real dates, formulas in
    the sub-totals (all right)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Feuil1"
    ws["A1"] = "PTBA 2024 — Cellule de coordination du programme"
    ws["A1"].font = BOLD
    h = 3
    headers = ["Axes stratégiques", "Actions", "Intitulé de l'activité", "Structure responsable",
               "Partenaires", "Bailleur", "Montant", "Date début", "Date fin", "Observations"]
    for i, t in enumerate(headers, start=1):
        ws.cell(row=h, column=i, value=t).font = BOLD
    r = h + 1
    short = {"ETAT": "Etat", "UNICEF": "UNICEF", "GAP": "Gap de financement"}
    import datetime
    for axis_id, axis_title, actions in PLAN:
        ws.cell(row=r, column=1, value=f"Axe {axis_id} - {axis_title}")
        axis_start = r
        for action_id, action_title, acts in actions:
            ws.cell(row=r, column=2, value=f"Action {action_id} : {action_title}")
            for code, title, resp, quarters, amounts in acts:
                ws.cell(row=r, column=3, value=title)
                ws.cell(row=r, column=4, value=resp)
                ws.cell(row=r, column=5, value="OIM, UNICEF")
                ws.cell(row=r, column=8, value=datetime.date(2024, 3 * min(quarters) - 2, 1)).number_format = "DD/MM/YYYY"
                ws.cell(row=r, column=9, value=datetime.date(2024, 3 * max(quarters), 28)).number_format = "DD/MM/YYYY"
                for sid, v in amounts.items():
                    ws.cell(row=r, column=6, value=short[sid])
                    ws.cell(row=r, column=7, value=v).number_format = "#,##0"
                    r += 1
        ws.cell(row=r, column=3, value=f"Sous-total axe {axis_id}").font = BOLD
        ws.cell(row=r, column=7, value=f"=SUM(G{axis_start}:G{r - 1})").number_format = "#,##0"
        r += 1
    return wb, []


def convert(src, fmt, outdir):
    subprocess.run(["soffice", "--headless", "--calc", "--convert-to", fmt, "--outdir", outdir, src],
                   check=True, capture_output=True, timeout=180)


def filled_templates(ptba):
    """A template made by `ptba template` for tests/data/import/plan.toml,
    filled in and saved by LibreOffice: a good one, and one with a single
    bad cell (progress 140 %)."""
    import datetime
    imp = os.path.join(os.path.dirname(OUT), "import")
    with tempfile.TemporaryDirectory() as tmp:
        plan = os.path.join(tmp, "plan.toml")
        shutil.copy(os.path.join(imp, "plan.toml"), plan)
        tpl = os.path.join(tmp, "saisie.xlsx")
        subprocess.run([ptba, "template", plan, "-o", tpl], check=True, capture_output=True)
        for name, bad in [("filled", False), ("filled-bad-cell", True)]:
            wb = openpyxl.load_workbook(tpl)
            ws = wb["Saisie"]
            rows = {(ws.cell(row=r, column=1).value, ws.cell(row=r, column=4).value): r
                    for r in range(2, ws.max_row + 1)}
            r = rows[("A1.1.1", "ETAT")]
            ws.cell(row=r, column=7, value=datetime.date(2024, 3, 31))
            ws.cell(row=r, column=8, value="en cours")
            ws.cell(row=r, column=9, value=40)
            ws.cell(row=r, column=10, value=7_000_000)
            ws.cell(row=r, column=11, value=5_000_000)
            ws.cell(row=r, column=12, value="Deux campagnes tenues à San Pedro et Man")
            r = rows[("A1.1.1", "UNICEF")]
            ws.cell(row=r, column=7, value=datetime.date(2024, 3, 31))
            ws.cell(row=r, column=11, value=3_000_000)
            r = rows[("A1.1.2", "ETAT")]
            ws.cell(row=r, column=7, value=datetime.date(2024, 6, 30))
            ws.cell(row=r, column=8, value="réalisée")
            ws.cell(row=r, column=9, value=140 if bad else 100)
            ws.cell(row=r, column=11, value=3_400_000)
            raw = os.path.join(tmp, "raw", f"{name}.xlsx")
            os.makedirs(os.path.dirname(raw), exist_ok=True)
            wb.save(raw)
            convert(raw, "xlsx", tmp)
            shutil.copy(os.path.join(tmp, f"{name}.xlsx"), os.path.join(imp, f"{name}.xlsx"))


def main():
    os.makedirs(OUT, exist_ok=True)
    if os.environ.get("PTBA"):
        filled_templates(os.environ["PTBA"])
    exp = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in [("merged", layout_merged), ("sections", layout_sections),
                           ("blank-below", layout_blank_below)]:
            wb, wrong = make()
            raw = os.path.join(tmp, "raw", f"{name}.xlsx")
            os.makedirs(os.path.dirname(raw), exist_ok=True)
            wb.save(raw)
            for fmt in ["xlsx", "xls", "ods"]:
                convert(raw, fmt, tmp)
                shutil.copy(os.path.join(tmp, f"{name}.{fmt}"), os.path.join(OUT, f"{name}.{fmt}"))
            exp[name] = expected(wrong)
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(exp, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
