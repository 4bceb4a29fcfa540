#!/usr/bin/env python3
"""Builds the other families of real PTBA workbooks (SPEC §7, round 2), the
way planning units make them, for tests/cli/families.rs.

    python3 tests/data/make_families.py      # needs openpyxl and soffice

Each family is written with openpyxl (banners, merged group titles, section
rows with their own code and subtotal formulas, shading, hidden rows and
columns, text amounts with decimal commas...), then saved by LibreOffice
headless as .xlsx, .xls and .ods, so formulas carry cached values as in
files people send.

The expected figures are written BY HAND in EXPECTED below (a second path,
worked out on paper from the rows); `check_expected` recomputes them from the
activity rows given to the writers and stops if the two disagree, so neither
a typo in a row nor one in EXPECTED can slip into the committed files.

Near-misses (tests/data/families/bad/) are workbooks that must be refused:
the scale only implied, a grand total contradicting the rows, level words
that are really free text, a recap sheet contradicting the programme sheets.
"""
import json
import os
import shutil
import subprocess
import tempfile
from decimal import Decimal as D

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter as L

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "families")
BOLD = Font(bold=True)
SHADE = PatternFill("solid", fgColor="92D050")

# Worked out by hand from the rows written below (amounts in currency units).
EXPECTED = {
    "projet": {  # kFCFA in the sheet: ×1 000
        "currency": "XOF", "scale": 1000,
        "axes": 2, "actions": 3, "activities": 5,
        "budget": "157500000",
        "by_source": {"IDA": "129500000", "ETAT": "19000000", "BENEFICIAIRES": "9000000"},
        "by_axis": {"1": "119000000", "2": "38500000"},
        "quarters": {"1.1.1": [1, 2], "1.1.2": [2, 3], "1.2.1": [4], "2.1.1": [1, 2, 3, 4],
                     "2.1.2": [1]},
    },
    "ministere": {  # millions of FCFA, decimal commas: ×1 000 000
        "currency": "XOF", "scale": 1000000,
        "axes": 2, "actions": 3, "activities": 6,
        "budget": "52900000",
        "by_source": {"ETAT": "35500000", "BAD": "17400000"},
        "by_axis": {"1": "26500000", "2": "26400000"},
        "quarters": {"1.1.1": [1, 2], "1.1.2": [2], "1.2.1": [3, 4], "1.2.2": [1, 2, 3, 4],
                     "2.1.1": [1], "2.1.2": [2, 3]},
    },
    "awpb": {
        "currency": "USD", "scale": 1,
        "axes": 2, "actions": 3, "activities": 5,
        "budget": "319500.50",
        "by_source": {"IFAD_LOAN": "214000", "IFAD_GRANT": "38000", "ETAT": "61500.50",
                      "BENEFICIARIES": "6000"},
        "by_axis": {"1": "272000", "2": "47500.50"},
        "quarters": {"1.1.1": [1, 2], "1.1.2": [2, 3], "1.2.1": [3, 4], "2.1.1": [1],
                     "2.1.2": [2]},
    },
    "revise": {
        "currency": "XOF", "scale": 1,
        "axes": 2, "actions": 4, "activities": 5,
        "budget": "53000000", "initial": "50000000",
        "by_source": {"NP": "53000000"},
        "by_axis": {"1": "23500000", "2": "29500000"},
        "quarters": {"1.1.1": [2, 3], "1.1.2": [4], "1.2.1": [1, 2], "2.1.1": [1, 2, 3, 4],
                     "2.2.1": [1, 2, 3, 4]},
    },
    "ifad": {  # IFAD summary AWPB table: Budget over Revised / Spent / Initial
        "currency": "USD", "scale": 1,
        "axes": 2, "actions": 3, "activities": 4,
        "budget": "3500", "initial": "3400",
        "by_source": {"NP": "3500"},
        "by_axis": {"1": "2300", "2": "1200"},
        "quarters": {"1.1.1": [1, 2], "1.1.2": [3], "1.2.1": [3, 4], "2.1.1": [1]},
    },
    "resultats": {  # "Coût (000 FCFA)": ×1 000
        "currency": "XOF", "scale": 1000,
        "axes": 2, "actions": 3, "activities": 4,
        "budget": "41750000",
        "by_source": {"ETAT": "23250000", "UNICEF": "18500000"},
        "by_axis": {"1": "30250000", "2": "11500000"},
        "quarters": {"1.1.1": [1, 2], "1.1.2": [3], "1.2.1": [2, 4], "2.1.1": [3, 4]},
    },
}

# ---------------------------------------------------------------- rows
# Each activity: (axis, action, code, title, responsible, months or quarters,
#                 {source: amount as written in the sheet}, extra)

PROJET = [
    ("1", "Composante 1 : Amélioration de la productivité agricole", [
        ("1.1", "Sous-composante 1.1 : Accès aux semences améliorées", [
            ("1.1.1", "Acquisition de semences certifiées", "tonne", 50, 400, "UGP",
             {"IDA": 16000, "ETAT": 4000}, {"x": [3, 4]}),
            ("1.1.2", "Formation des multiplicateurs de semences", "session", 6, 1500, "DRA",
             {"IDA": 9000}, {"shade": [6, 7]}),
        ]),
        ("1.2", "Sous-composante 1.2 : Petite irrigation", [
            ("1.2.1", "Réhabilitation de périmètres irrigués", "ha", 120, 750, "AGR",
             {"IDA": 72000, "ETAT": 9000, "BENEFICIAIRES": 9000}, {"x": [10, 11], "shade": [12]}),
        ]),
    ]),
    ("2", "Composante 2 : Coordination et gestion du projet", [
        ("2.1", "Sous-composante 2.1 : Coordination, suivi-évaluation", [
            ("2.1.1", "Fonctionnement de l'unité de gestion", "mois", 12, 2500, "UGP",
             {"IDA": 24000, "ETAT": 6000}, {"x": list(range(1, 13))}),
            ("2.1.2", "Audit des comptes 2024", "forfait", 1, 8500, "RAF",
             {"IDA": 8500}, {"x": [2], "shade": [3]}),
        ]),
    ]),
]

MINISTERE = [
    ("1", "Productions végétales", [
        ("1", "Intensification des cultures vivrières", [
            ("Distribution d'engrais subventionnés", "DPV", [1, 2], [("Budget de l'État", "12,5")]),
            ("Appui à la production de semences de riz", "DPV", [2], [("BAD", D("3.75"))]),
        ]),
        ("2", "Protection des végétaux", [
            ("Lutte contre les criquets pèlerins", "DPV", [3, 4], [("Budget de l'État", 8)]),
            ("Surveillance phytosanitaire aux frontières", "DPV", [1, 2, 3, 4],
             [("BAD", "2,25")]),
        ]),
    ]),
    ("2", "Productions animales", [
        ("1", "Santé animale", [
            ("Campagne de vaccination du bétail", "DSV", [1],
             [("Budget de l'État", 15), ("BAD", 5)]),
            ("Construction de parcs de vaccination", "DSV", [2, 3], [("BAD", "6,4")]),
        ]),
    ]),
]

AWPB = [
    ("1. Value chain development", [
        ("1.1 Producer organisations", [
            ("Train producer groups in marketing", "session", 10, 1200,
             {"IFAD loan": 9000, "IFAD grant": 3000}, [1, 2], "PMU"),
            ("Equip collection centres", "centre", 4, 15000,
             {"IFAD loan": 45000, "Government": 9000, "Beneficiaries": 6000}, [2, 3], "PMU"),
        ]),
        ("1.2 Market access roads", [
            ("Rehabilitate feeder roads", "km", 25, 8000,
             {"IFAD loan": 160000, "Government": 40000}, [3, 4], "DFR"),
        ]),
    ]),
    ("2. Project management", [
        ("2.1 Coordination and M&E", [
            ("Baseline survey", "study", 1, 35000, {"IFAD grant": 35000}, [1], "M&E officer"),
            ("Annual audit", "audit", 1, D("12500.50"), {"Government": D("12500.50")}, [2],
             "Finance officer"),
        ]),
    ]),
]

# (code, title, responsible, period, initial, revised, hidden)
REVISE = [
    ("OS 1 : Promouvoir les droits humains", [
        ("1.1.1", "Campagne d'information sur les droits", "DPDH", "T2-T3", 10000000, 12000000, False),
        ("1.1.2", "Journée internationale des droits de l'homme", "DPDH", "T4", 5000000, 5000000, False),
        ("1.2.1", "Formation des organisations de la société civile", "DPDH", "S1", 8000000, 6500000, False),
    ]),
    ("OS 2 : Protéger les victimes", [
        ("2.1.1", "Assistance juridique aux victimes", "DPV", "Continu", 20000000, 22000000, False),
        ("2.1.2", "Étude abandonnée à la révision", "DPV", "T1", 3000000, None, True),
        ("2.2.1", "Visites des lieux de détention", "DPV", "Annuel", 7000000, 7500000, False),
    ]),
]

# IFAD's summary table: (tag, title, [(code, title, timing, revised, spent, initial)])
IFAD = [
    ("C1", "Component 1: Community capacity", [
        ("SC 1.1", "Sub-Component 1.1: Mobilisation", [
            ("1.1.1", "Train community groups", "Q1-Q2", 1000, 200, 1200),
            ("1.1.2", "Prepare village plans", "Q3", 500, 0, 500),
        ]),
        ("SC 1.2", "Sub-Component 1.2: Functional literacy", [
            ("1.2.1", "Literacy classes", "H2", 800, 100, 800),
        ]),
    ]),
    ("C2", "Component 2: Project management", [
        ("SC 2.1", "Sub-Component 2.1: Coordination", [
            ("2.1.1", "Start-up workshop", "Q1", 1200, 1150, 900),
        ]),
    ]),
]

# Résultat / Produit section rows, English month abbreviations, "(000 FCFA)".
RESULTATS = [
    ("Résultat 1 : Les enfants vulnérables sont protégés", [
        ("Produit 1.1 : Les services sociaux sont renforcés", [
            ("Former les travailleurs sociaux", "DPE", [1, 4], {"ETAT": 10000, "UNICEF": 8000}),
            ("Doter les centres en kits", "DPE", [8], {"ETAT": 4250}),
        ]),
        ("Produit 1.2 : Les familles sont accompagnées", [
            ("Appuyer les familles d'accueil", "DPE", [5, 11], {"ETAT": 5000, "UNICEF": 3000}),
        ]),
    ]),
    ("Résultat 2 : La coordination est assurée", [
        ("Produit 2.1 : Le suivi est effectif", [
            ("Tenir les revues trimestrielles", "DPSE", [9, 10], {"ETAT": 4000, "UNICEF": 7500}),
        ]),
    ]),
]


def q_of_month(m):
    return (m - 1) // 3 + 1


def check_expected():
    """Recomputes EXPECTED from the rows: stops on any difference."""
    got = {}
    # projet
    by_s, by_a, qs, n_act = {}, {}, {}, 0
    for ax, _, actions in PROJET:
        for _, _, acts in actions:
            for code, _, _, _, _, _, amounts, marks in acts:
                n_act += 1
                for s, v in amounts.items():
                    by_s[s] = by_s.get(s, 0) + v * 1000
                    by_a[ax] = by_a.get(ax, 0) + v * 1000
                qs[code] = sorted({q_of_month(m) for k in marks for m in marks[k]})
    got["projet"] = (len(PROJET), sum(len(a[2]) for a in PROJET), n_act, by_s, by_a, qs)
    # ministere
    by_s, by_a, qs, n_act = {}, {}, {}, 0
    names = {"Budget de l'État": "ETAT", "BAD": "BAD"}
    for ax, _, actions in MINISTERE:
        for ac, _, acts in actions:
            for i, (_, _, quarters, lines) in enumerate(acts, start=1):
                n_act += 1
                qs[f"{ax}.{ac}.{i}"] = quarters
                for s, v in lines:
                    v = D(str(v).replace(",", ".")) * 1000000
                    by_s[names[s]] = by_s.get(names[s], 0) + v
                    by_a[ax] = by_a.get(ax, 0) + v
    got["ministere"] = (len(MINISTERE), sum(len(a[2]) for a in MINISTERE), n_act, by_s, by_a, qs)
    # awpb
    by_s, by_a, qs, n_act = {}, {}, {}, 0
    ids = {"IFAD loan": "IFAD_LOAN", "IFAD grant": "IFAD_GRANT", "Government": "ETAT",
           "Beneficiaries": "BENEFICIARIES"}
    for ax, actions in AWPB:
        a = ax.split(".")[0]
        for ac, acts in actions:
            for i, (_, _, qty, uc, amounts, quarters, _) in enumerate(acts, start=1):
                n_act += 1
                assert sum(amounts.values()) == qty * uc
                qs[f"{ac.split(' ')[0]}.{i}"] = quarters
                for s, v in amounts.items():
                    by_s[ids[s]] = by_s.get(ids[s], 0) + v
                    by_a[a] = by_a.get(a, 0) + v
    got["awpb"] = (len(AWPB), sum(len(a[1]) for a in AWPB), n_act, by_s, by_a, qs)
    # revise
    by_a, qs, n_act, actions = {}, {}, 0, set()
    period = {"T2-T3": [2, 3], "T4": [4], "S1": [1, 2], "Continu": [1, 2, 3, 4],
              "Annuel": [1, 2, 3, 4], "T1": [1]}
    for _, acts in REVISE:
        for code, _, _, p, _, rev, hidden in acts:
            if hidden:
                continue
            n_act += 1
            actions.add(code.rsplit(".", 1)[0])
            by_a[code[0]] = by_a.get(code[0], 0) + rev
            qs[code] = period[p]
    got["revise"] = (len(REVISE), len(actions), n_act, {"NP": sum(by_a.values())}, by_a, qs)
    # resultats
    by_s, by_a, qs, n_act = {}, {}, {}, 0
    for ai, (_, prods) in enumerate(RESULTATS, start=1):
        for pi, (_, acts) in enumerate(prods, start=1):
            for i, (_, _, months, amounts) in enumerate(acts, start=1):
                n_act += 1
                qs[f"{ai}.{pi}.{i}"] = sorted({q_of_month(m) for m in months})
                for s, v in amounts.items():
                    by_s[s] = by_s.get(s, 0) + v * 1000
                    by_a[str(ai)] = by_a.get(str(ai), 0) + v * 1000
    got["resultats"] = (len(RESULTATS), sum(len(a[1]) for a in RESULTATS), n_act, by_s, by_a, qs)
    # ifad: revised is the budget; spent is not
    by_a, qs, n_act, init = {}, {}, 0, 0
    timing = {"Q1-Q2": [1, 2], "Q3": [3], "H2": [3, 4], "Q1": [1]}
    for tag, _, subs in IFAD:
        for _, _, acts in subs:
            for code, _, t, rev, _, ini in acts:
                n_act += 1
                by_a[tag[1:]] = by_a.get(tag[1:], 0) + rev
                qs[code] = timing[t]
                init += ini
    assert D(EXPECTED["ifad"]["initial"]) == init
    got["ifad"] = (len(IFAD), sum(len(c[2]) for c in IFAD), n_act, {"NP": sum(by_a.values())}, by_a, qs)

    for name, (axes, actions, acts, by_s, by_a, qs) in got.items():
        e = EXPECTED[name]
        assert (axes, actions, acts) == (e["axes"], e["actions"], e["activities"]), name
        assert {k: D(v) for k, v in e["by_source"].items()} == {k: D(v) for k, v in by_s.items()}, (name, by_s)
        assert {k: D(v) for k, v in e["by_axis"].items()} == {k: D(v) for k, v in by_a.items()}, (name, by_a)
        assert D(e["budget"]) == sum(D(v) for v in by_s.values()), name
        assert e["quarters"] == qs, (name, qs)


# ---------------------------------------------------------------- writers

def banner(ws, width, lines, start=1):
    for i, text in enumerate(lines, start=start):
        ws.cell(row=i, column=1, value=text).font = BOLD
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)


MONTH_LETTERS = "JFMAMJJASOND"


def family_projet(grand_total_typed=None, scale_line=True, unit_cost_fcfa=False):
    """World Bank style project unit: Composante / Sous-composante section
    rows with their code and subtotal formulas, Unité / Quantité / Coût
    unitaire / Coût total, one column per financier, a one-letter monthly
    chronogram marked by "x" or only shaded, the scale only in a title."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PTBA 2025"
    srcs = [("IDA", "IDA"), ("ETAT", "Gouvernement"), ("BENEFICIAIRES", "Bénéficiaires")]
    width = 22
    lines = ["RÉPUBLIQUE DU SÉNÉGAL",
             "Projet d'appui à la résilience des systèmes alimentaires (PARSA) — Unité de gestion",
             "PLAN DE TRAVAIL ET BUDGET ANNUEL (PTBA) 2025"]
    if scale_line:
        lines.append("(Montants en milliers de FCFA)")
    banner(ws, width, lines)
    h = 6
    singles = {1: "Code", 2: "Composante / Sous-composante / Activités", 3: "Unité",
               4: "Quantité", 5: "Coût unitaire", 6: "Coût total", 22: "Responsable"}
    for c, t in singles.items():
        ws.cell(row=h, column=c, value=t).font = BOLD
        ws.merge_cells(start_row=h, start_column=c, end_row=h + 1, end_column=c)
    ws.cell(row=h, column=7, value="Financement").font = BOLD
    ws.merge_cells(start_row=h, start_column=7, end_row=h, end_column=9)
    for i, (_, label) in enumerate(srcs):
        ws.cell(row=h + 1, column=7 + i, value=label).font = BOLD
    ws.cell(row=h, column=10, value="Chronogramme").font = BOLD
    ws.merge_cells(start_row=h, start_column=10, end_row=h, end_column=21)
    for m in range(12):
        ws.cell(row=h + 1, column=10 + m, value=MONTH_LETTERS[m]).font = BOLD
    money_cols = [6, 7, 8, 9]
    r = h + 2
    comp_rows = []
    for ax, ax_title, actions in PROJET:
        comp_row = r
        comp_rows.append(r)
        ws.cell(row=r, column=1, value=ax).font = BOLD
        ws.cell(row=r, column=2, value=ax_title).font = BOLD
        r += 1
        sub_rows = []
        for ac, ac_title, acts in actions:
            sub_row = r
            sub_rows.append(r)
            ws.cell(row=r, column=1, value=ac).font = BOLD
            ws.cell(row=r, column=2, value=ac_title).font = BOLD
            r += 1
            first = r
            for code, title, unit, qty, uc, resp, amounts, marks in acts:
                ws.cell(row=r, column=1, value=code)
                ws.cell(row=r, column=2, value=title)
                ws.cell(row=r, column=3, value=unit)
                ws.cell(row=r, column=4, value=qty)
                ws.cell(row=r, column=5, value=uc * 1000 if unit_cost_fcfa else uc)
                ws.cell(row=r, column=6, value=f"=SUM(G{r}:I{r})")
                for i, (sid, _) in enumerate(srcs):
                    if sid in amounts:
                        ws.cell(row=r, column=7 + i, value=amounts[sid])
                for m in marks.get("x", []):
                    ws.cell(row=r, column=9 + m, value="x")
                for m in marks.get("shade", []):
                    ws.cell(row=r, column=9 + m).fill = SHADE
                ws.cell(row=r, column=22, value=resp)
                r += 1
            for c in money_cols:
                ws.cell(row=sub_row, column=c, value=f"=SUM({L(c)}{first}:{L(c)}{r - 1})").font = BOLD
        for c in money_cols:
            ws.cell(row=comp_row, column=c,
                    value="=" + "+".join(f"{L(c)}{x}" for x in sub_rows)).font = BOLD
    ws.cell(row=r, column=2, value="TOTAL GÉNÉRAL").font = BOLD
    for c in money_cols:
        ws.cell(row=r, column=c, value="=" + "+".join(f"{L(c)}{x}" for x in comp_rows)).font = BOLD
    if grand_total_typed is not None:
        ws.cell(row=r, column=6, value=grand_total_typed)
    return wb


def family_ministere(recap_typo=False):
    """Ministry PTA: one sheet per programme (the sheet's title line gives
    the axis), actions as section rows, "1er trim." … "4ème trim.", costs
    "en millions de FCFA" with decimal commas, and a recap sheet first."""
    wb = openpyxl.Workbook()
    recap = wb.active
    recap.title = "Récapitulatif"
    banner(recap, 3, ["MINISTÈRE DE L'AGRICULTURE ET DE L'ÉQUIPEMENT RURAL",
                      "PLAN DE TRAVAIL ANNUEL 2025 — RÉCAPITULATIF PAR PROGRAMME"])
    recap.cell(row=4, column=1, value="Programme").font = BOLD
    recap.cell(row=4, column=2, value="Coût (en millions de FCFA)").font = BOLD
    total_cells = []
    for ax, ax_title, actions in MINISTERE:
        ws = wb.create_sheet(f"Programme {ax}")
        banner(ws, 9, ["MINISTÈRE DE L'AGRICULTURE ET DE L'ÉQUIPEMENT RURAL",
                       "PLAN DE TRAVAIL ANNUEL (PTA) 2025",
                       f"Programme {ax} : {ax_title}"])
        h = 5
        heads = ["N°", "Actions / Activités", "Structure responsable", "1er trim.", "2ème trim.",
                 "3ème trim.", "4ème trim.", "Coût (en millions de FCFA)", "Source de financement"]
        for c, t in enumerate(heads, start=1):
            ws.cell(row=h, column=c, value=t).font = BOLD
        r = h + 1
        first = r
        for ac, ac_title, acts in actions:
            ws.cell(row=r, column=1, value=f"Action {ac} : {ac_title}").font = BOLD
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=9)
            r += 1
            for i, (title, resp, quarters, lines) in enumerate(acts, start=1):
                for j, (src, amount) in enumerate(lines):
                    ws.cell(row=r, column=1, value=i)
                    ws.cell(row=r, column=2, value=title)
                    ws.cell(row=r, column=3, value=resp)
                    if j == 0:
                        for q in quarters:
                            ws.cell(row=r, column=3 + q, value="x")
                    ws.cell(row=r, column=8, value=amount if isinstance(amount, str) else float(amount))
                    ws.cell(row=r, column=9, value=src)
                    r += 1
        ws.cell(row=r, column=2, value=f"Total programme {ax}").font = BOLD
        # Text amounts are not summed by SUM: the total is typed, as people do.
        total = sum(D(str(a).replace(",", ".")) for _, _, acts in actions for *_, lines in acts
                    for _, a in lines)
        ws.cell(row=r, column=8, value=float(total)).font = BOLD
        total_cells.append(f"'Programme {ax}'!H{r}")
        recap.cell(row=4 + int(ax), column=1, value=f"Programme {ax} : {ax_title}")
        recap.cell(row=4 + int(ax), column=2, value=f"={total_cells[-1]}")
    n = len(MINISTERE)
    if recap_typo:
        recap.cell(row=5, column=2, value=26.2)
    recap.cell(row=5 + n, column=1, value="Total").font = BOLD
    recap.cell(row=5 + n, column=2, value=f"=SUM(B5:B{4 + n})").font = BOLD
    return wb


def family_awpb():
    """English AWPB: Component / Subcomponent columns written once, Activity,
    Unit, Qty, Unit cost (USD), Total cost (USD), IFAD loan / IFAD grant /
    Government / Beneficiaries, Q1..Q4 marked "x", a Total row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "AWPB 2025"
    banner(ws, 16, ["Rural Livelihoods Support Project (RLSP) — Project Management Unit",
                    "ANNUAL WORK PLAN AND BUDGET 2025"])
    h = 4
    heads = ["Component", "Subcomponent", "Activity", "Unit", "Qty", "Unit cost (USD)",
             "Total cost (USD)", "IFAD loan", "IFAD grant", "Government", "Beneficiaries",
             "Q1", "Q2", "Q3", "Q4", "Responsible"]
    for c, t in enumerate(heads, start=1):
        ws.cell(row=h, column=c, value=t).font = BOLD
    srcs = ["IFAD loan", "IFAD grant", "Government", "Beneficiaries"]
    r = h + 1
    first = r
    for ax, actions in AWPB:
        ws.cell(row=r, column=1, value=ax)
        for ac, acts in actions:
            ws.cell(row=r, column=2, value=ac)
            for title, unit, qty, uc, amounts, quarters, resp in acts:
                ws.cell(row=r, column=3, value=title)
                ws.cell(row=r, column=4, value=unit)
                ws.cell(row=r, column=5, value=qty)
                ws.cell(row=r, column=6, value=float(uc))
                ws.cell(row=r, column=7, value=f"=E{r}*F{r}")
                for i, s in enumerate(srcs):
                    if s in amounts:
                        ws.cell(row=r, column=8 + i, value=float(amounts[s]))
                for q in quarters:
                    ws.cell(row=r, column=11 + q, value="x")
                ws.cell(row=r, column=16, value=resp)
                r += 1
    ws.cell(row=r, column=3, value="Total").font = BOLD
    for c in range(7, 12):
        ws.cell(row=r, column=c, value=f"=SUM({L(c)}{first}:{L(c)}{r - 1})").font = BOLD
    return wb


def family_revise(total_typo=False):
    """Revised PTBA: axes only as "OS 1 : …" banner rows, actions only
    through dotted codes, TOTAL GÉNÉRAL at the top, spacer rows, a hidden
    column (stale figures) and a hidden row (an activity dropped at the
    revision), "Budget 2024" and "Budget révisé 2024", free-text periods."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PTBA révisé"
    banner(ws, 8, ["COMMISSION NATIONALE DES DROITS DE L'HOMME",
                   "PLAN DE TRAVAIL BUDGÉTISÉ ANNUEL RÉVISÉ 2024"])
    h = 4
    heads = ["Code", "Activités", "Responsable", "Montant", "Période", "Budget 2024",
             "Budget révisé 2024", "Observations"]
    for c, t in enumerate(heads, start=1):
        ws.cell(row=h, column=c, value=t).font = BOLD
    ws.column_dimensions["D"].hidden = True
    total_row = h + 1
    ws.cell(row=total_row, column=2, value="TOTAL GÉNÉRAL").font = BOLD
    r = total_row + 2  # a spacer row
    visible = []
    for os_title, acts in REVISE:
        ws.cell(row=r, column=1, value=os_title).font = BOLD
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=8)
        r += 1
        for code, title, resp, period, initial, revised, hidden in acts:
            ws.cell(row=r, column=1, value=code)
            ws.cell(row=r, column=2, value=title)
            ws.cell(row=r, column=3, value=resp)
            ws.cell(row=r, column=4, value=initial // 2)  # stale figures, hidden
            ws.cell(row=r, column=5, value=period)
            ws.cell(row=r, column=6, value=initial)
            if revised is not None:
                ws.cell(row=r, column=7, value=revised)
            if hidden:
                ws.row_dimensions[r].hidden = True
                ws.cell(row=r, column=8, value="supprimée à la révision")
            else:
                visible.append(r)
            r += 1
        r += 1  # spacer
    for c in (6, 7):
        ws.cell(row=total_row, column=c, value="=" + "+".join(f"{L(c)}{x}" for x in visible)).font = BOLD
    if total_typo:
        ws.cell(row=total_row, column=7, value=52000000)
    return wb


def family_resultats():
    """Résultat / Produit section rows, "Description des activités", English
    month abbreviations under "Calendrier", "Coût (000 FCFA)" per funder,
    "Indicateur" and "Cible 2025"."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PTA 2025"
    banner(ws, 20, ["Direction de la protection de l'enfance",
                    "Plan de travail annuel 2025 (cadre de résultats)"])
    h = 4
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    ws.cell(row=h, column=1, value="Description des activités").font = BOLD
    ws.merge_cells(start_row=h, start_column=1, end_row=h + 1, end_column=1)
    ws.cell(row=h, column=2, value="Responsable").font = BOLD
    ws.merge_cells(start_row=h, start_column=2, end_row=h + 1, end_column=2)
    ws.cell(row=h, column=3, value="Calendrier").font = BOLD
    ws.merge_cells(start_row=h, start_column=3, end_row=h, end_column=14)
    for i, m in enumerate(months):
        ws.cell(row=h + 1, column=3 + i, value=m).font = BOLD
    ws.cell(row=h, column=15, value="Coût (000 FCFA)").font = BOLD
    ws.merge_cells(start_row=h, start_column=15, end_row=h, end_column=16)
    ws.cell(row=h + 1, column=15, value="Trésor public").font = BOLD
    ws.cell(row=h + 1, column=16, value="UNICEF").font = BOLD
    for c, t in [(17, "Indicateur"), (18, "Cible 2025")]:
        ws.cell(row=h, column=c, value=t).font = BOLD
        ws.merge_cells(start_row=h, start_column=c, end_row=h + 1, end_column=c)
    r = h + 2
    for res, prods in RESULTATS:
        ws.cell(row=r, column=1, value=res).font = BOLD
        r += 1
        for prod, acts in prods:
            ws.cell(row=r, column=1, value=prod).font = BOLD
            r += 1
            for title, resp, ms, amounts in acts:
                ws.cell(row=r, column=1, value=title)
                ws.cell(row=r, column=2, value=resp)
                for m in ms:
                    ws.cell(row=r, column=2 + m, value="X")
                for i, s in enumerate(["ETAT", "UNICEF"]):
                    if s in amounts:
                        ws.cell(row=r, column=15 + i, value=amounts[s])
                ws.cell(row=r, column=17, value="Nombre réalisé")
                ws.cell(row=r, column=18, value=4)
                r += 1
    return wb


def family_ifad():
    """IFAD's summary AWPB table: tags "C1" / "SC 1.1" in the code column
    of "Component 1: …" / "Sub-Component 1.1: …" rows, "Total Budget for
    Sub-Component 1.1:" rows, Budget over Revised / Spent / Initial, a
    Timing column with "Q1-Q2", "H2"."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "AWPB 2025"
    banner(ws, 6, ["Project Number: 2000001234", "PART II - Summary AWPB Table — Fiscal Year 2025"])
    h = 4
    for c, t in [(1, "Results #"), (2, "Component/Output/Activity"), (3, "Timing")]:
        ws.cell(row=h, column=c, value=t).font = BOLD
        ws.merge_cells(start_row=h, start_column=c, end_row=h + 1, end_column=c)
    ws.cell(row=h, column=4, value="Budget").font = BOLD
    ws.merge_cells(start_row=h, start_column=4, end_row=h, end_column=6)
    for c, t in [(4, "Revised (USD)"), (5, "Spent (cumulative)"), (6, "Initial (USD)")]:
        ws.cell(row=h + 1, column=c, value=t).font = BOLD
    r = h + 2
    comp_totals = []
    for tag, title, subs in IFAD:
        ws.cell(row=r, column=1, value=tag).font = BOLD
        ws.cell(row=r, column=2, value=title).font = BOLD
        r += 1
        sub_totals = []
        for stag, stitle, acts in subs:
            ws.cell(row=r, column=1, value=stag).font = BOLD
            ws.cell(row=r, column=2, value=stitle).font = BOLD
            r += 1
            first = r
            for code, atitle, t, rev, spent, ini in acts:
                for c, v in enumerate([code, atitle, t, rev, spent, ini], start=1):
                    ws.cell(row=r, column=c, value=v)
                r += 1
            ws.cell(row=r, column=2, value=f"Total Budget for {stitle.split(':')[0]}:").font = BOLD
            for c in "DEF":
                ws[f"{c}{r}"] = f"=SUM({c}{first}:{c}{r - 1})"
            sub_totals.append(r)
            r += 1
        ws.cell(row=r, column=2, value=f"Total Budget for {title.split(':')[0]}:").font = BOLD
        for c in "DEF":
            ws[f"{c}{r}"] = "=" + "+".join(f"{c}{x}" for x in sub_totals)
        comp_totals.append(r)
        r += 1
    return wb


def near_level_words():
    """Rows beginning with level words that are really activity titles,
    written alone on their row with an amount: a section or an activity?"""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PTBA 2025"
    banner(ws, 4, ["PLAN DE TRAVAIL BUDGÉTISÉ ANNUEL 2025"])
    for c, t in enumerate(["Activités", "Responsable", "Montant (FCFA)"], start=1):
        ws.cell(row=3, column=c, value=t).font = BOLD
    rows = [("AXE 1 : PRÉVENTION", None, None),
            ("Sensibiliser les élèves", "DREN", 2000000),
            ("Action de plaidoyer auprès des élus locaux", None, 3500000),
            ("Programme radio hebdomadaire", None, 1200000)]
    for i, (t, resp, amount) in enumerate(rows, start=4):
        ws.cell(row=i, column=1, value=t)
        if resp:
            ws.cell(row=i, column=2, value=resp)
        if amount:
            ws.cell(row=i, column=3, value=amount)
    return wb


# ---------------------------------------------------------------- main

def convert(src, fmt, outdir):
    subprocess.run(["soffice", "--headless", "--calc", "--convert-to", fmt, "--outdir", outdir, src],
                   check=True, capture_output=True, timeout=180)


def save(wb, name, formats, outdir, tmp):
    raw = os.path.join(tmp, "raw", f"{name}.xlsx")
    os.makedirs(os.path.dirname(raw), exist_ok=True)
    wb.save(raw)
    for fmt in formats:
        convert(raw, fmt, tmp)
        shutil.copy(os.path.join(tmp, f"{name}.{fmt}"), os.path.join(outdir, f"{name}.{fmt}"))


def main():
    check_expected()
    bad = os.path.join(OUT, "bad")
    os.makedirs(bad, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in [("projet", family_projet), ("ministere", family_ministere),
                           ("awpb", family_awpb), ("revise", family_revise),
                           ("resultats", family_resultats), ("ifad", family_ifad)]:
            if os.environ.get("ONLY") and name not in os.environ["ONLY"].split(","):
                continue
            save(make(), name, ["xlsx", "xls", "ods"], OUT, tmp)
        near = [
            # the scale is nowhere: unit costs in FCFA, totals in thousands
            ("echelle-implicite", family_projet(scale_line=False, unit_cost_fcfa=True)),
            ("total-contredit", family_projet(grand_total_typed=157400)),
            ("recap-contredit", family_ministere(recap_typo=True)),
            ("revise-total-contredit", family_revise(total_typo=True)),
            ("mots-de-niveau", near_level_words()),
        ]
        for name, wb in near:
            if os.environ.get("ONLY") and name not in os.environ["ONLY"].split(","):
                continue
            save(wb, name, ["xlsx", "xls", "ods"], bad, tmp)
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(EXPECTED, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
