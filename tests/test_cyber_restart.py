"""The restart after a generalised cyber attack on a crafted referential: gates, list schedule, capacity.

The expected days are worked out by hand below from the rule the plan states (see the comments),
not taken from a run; the « Reprise SI » sheet is read back with python-calamine.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from conftest import REFERENTIAL, service_content
from python_calamine import CalamineWorkbook

from pca_xlsx import pipeline
from pca_xlsx.consolidate import build_consolidation
from pca_xlsx.consolidate.restart_schedule import Job, list_schedule
from pca_xlsx.read import read_referential
from pca_xlsx.write.consolidated import write_consolidated
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook

TODAY = dt.date(2026, 11, 29)


def res(name, category="Application métier", depends_on=None, days=None, exposed=None):
    return {"name": name, "category": category, "depends_on": depends_on, "rebuild_days": days,
            "internet_exposed": exposed}  # fmt: skip


def app(resource: str, tolerable: str) -> dict:
    return {"resource": resource, "dependency": "Critique", "tolerable": tolerable}


def vital(number: int, resource: str) -> dict:
    return {"number": number, "process": f"Processus {number}", "criticality": "Vitale", "resource": resource,
            "workaround": "Bon papier", "status": "Définie", "rekey": "Non"}  # fmt: skip


#: Investigation 4 days, 2 rebuilds at once. Vital processes: 1 on DPI (REA), 2 on SGL (LABO), so SGL
#: comes before DPI in tier T1. Internet is exposed; Messagerie depends on it, so it waits with it.
RESOURCES = [
    res("Réseau", "Réseau", days=2),
    res("Active Directory", "Infrastructure", "Réseau", days=1),
    res("DPI", depends_on="Active Directory", days=4),
    res("SGL", depends_on="Active Directory", days=2),
    res("Téléphonie", "Téléphonie", "Réseau", days=1),
    res("Internet", "Réseau", "Réseau", days=1, exposed="Oui"),
    res("Messagerie", "Messagerie", "Internet", days=1, exposed="Non"),
    res("Planning"),  # no rebuild days: 1 day assumed
]
APPS = {
    "REA": [app("DPI", "Moins d'1 h"), app("Planning", "1 à 3 jours")],
    "LABO": [app("SGL", "1 à 4 h"), app("Messagerie", "4 à 24 h")],
}
PROCESSES = {"REA": [vital(1, "DPI")], "LABO": [vital(1, "SGL"), vital(2, "SGL")]}
# Priority: T0 Réseau, Active Directory (3 vital processes below it), Internet; T1 SGL (2 vital), DPI (1);
# T2 Messagerie; T3 Planning; T4 Téléphonie (nobody needs it). Exposed ones last: Internet, Messagerie.
# Day 4: Réseau [4,6) and Planning [4,5) start (capacity 2). Day 5: nothing is ready. Day 6: Active Directory
# [6,7) and Téléphonie [6,7). Day 7: SGL [7,9) and DPI [7,11). Day 9: only exposed ones left, DPI still
# rebuilt: wait. Day 11: Internet [11,12). Day 12: Messagerie [12,13).
EXPECTED = {
    "Réseau": (4, 6), "Planning": (4, 5), "Active Directory": (6, 7), "Téléphonie": (6, 7), "SGL": (7, 9),
    "DPI": (7, 11), "Internet": (11, 12), "Messagerie": (12, 13),
}  # fmt: skip


def hospital(tmp_path: Path, resources: list[dict], establishment: dict | None = None) -> Path:
    folder = tmp_path / "workbooks"
    folder.mkdir()
    content = copy.deepcopy(REFERENTIAL)
    content["etablissement"].update(establishment or {})
    content["ressources"] = resources
    content["scenarios"] = [{"name": "Cyberattaque généralisée", "resources": "Toutes"}]
    write_referential(folder / "referentiel.xlsx", content)
    ref = read_referential(folder / "referentiel.xlsx")
    for code, rows in APPS.items():
        data = service_content(code)
        data["applications"], data["processus"], data["exercices"] = rows, PROCESSES[code], []
        write_service_workbook(folder / f"{code}.xlsx", ref, code, data)
    return folder


def consolidate(folder: Path, output: Path):
    result = pipeline.validate(pipeline.Options(folder, output), write=False)
    assert result.report.errors == []
    return build_consolidation(result, compare=False, today=TODAY)


def sheet_table(path: Path, first: str) -> list[dict]:
    """The table of « Reprise SI » whose first header is ``first``, read with python-calamine."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Reprise SI").to_python()
    top = next(i for i, r in enumerate(rows) if r and r[0] == first)
    out = []
    for r in rows[top + 1 :]:
        if r[0] in ("", None):
            break
        out.append(dict(zip(rows[top], r)))
    return out


def test_the_schedule_is_the_hand_worked_list_schedule(tmp_path: Path) -> None:
    c = consolidate(hospital(tmp_path, RESOURCES, {"investigation_days": 4, "parallel_rebuilds": 2}), tmp_path / "o")
    got = {r["resource"]: (r["start"], r["back"]) for r in c.cyber.table.to_dict("records")}
    assert got == EXPECTED
    path = write_consolidated(c, tmp_path / "out")
    written = {r["Ressource"]: (int(r["Début (J+)"]), int(r["Rétablie (J+)"])) for r in sheet_table(path, "Ordre")}
    assert written == EXPECTED
    exposed = {r["Ressource"]: r["Exposée à Internet"] for r in sheet_table(path, "Ordre")}
    assert exposed["Internet"] == "Oui" and exposed["Messagerie"] == "Oui (dépend de Internet)"
    assert exposed["DPI"] == "Non"
    assert [r["Ressource"] for r in sheet_table(path, "Ordre") if r["Durée supposée"] == "Oui"] == ["Planning"]
    gates = [(int(r["Barrière"]), int(r["Jour prévu (J+)"]), r["Condition à remplir avant de continuer"][:9])
             for r in sheet_table(path, "Barrière")]  # fmt: skip
    # containment, backups: J+4; socle (Réseau, Active Directory): J+7; T1 (SGL, DPI): J+11; T3 Planning J+5;
    # T4 Téléphonie J+7 (T2 only holds Messagerie, exposed); Internet opens when the last other is back: J+11.
    # Numbered by day (the order the cell ticks them), the same day in that order: T3 before the socle
    assert gates == [(1, 4, "Attaque c"), (2, 4, "Sauvegard"), (3, 5, "Palier T3"), (4, 7, "Socle rec"),
                     (5, 7, "Palier T4"), (6, 11, "Palier T1"), (7, 11, "Ouverture")]  # fmt: skip
    days = sheet_table(path, "Jour (J+)")
    assert len(days) == 14 and days[0]["Phase"] == "Confinement et investigation"
    assert days[7]["En reconstruction"] == "SGL, DPI" and days[11]["Rétablies ce jour"] == "DPI"
    assert [days[d]["Barrières"] for d in (4, 5, 7, 11)] == [
        "Barrière 1 ; Barrière 2",
        "Barrière 3",
        "Barrière 4 ; Barrière 5",
        "Barrière 6 ; Barrière 7",
    ]
    assert any("1 jour supposé" in n for n in c.recovery_notes)


def test_capacity_one_runs_one_rebuild_at_a_time(tmp_path: Path) -> None:
    c = consolidate(hospital(tmp_path, RESOURCES, {"investigation_days": 0, "parallel_rebuilds": 1}), tmp_path / "o")
    slots = sorted((r["start"], r["back"]) for r in c.cyber.table.to_dict("records"))
    assert all(a[1] <= b[0] for a, b in zip(slots, slots[1:]))  # never two at once
    assert slots[-1][1] == sum(b - a for a, b in slots) == 2 + 1 + 4 + 2 + 1 + 1 + 1 + 1


def test_a_referential_without_the_version_3_columns_uses_the_defaults(tmp_path: Path) -> None:
    plain = [{k: v for k, v in r.items() if k not in ("rebuild_days", "internet_exposed")} for r in RESOURCES]
    c = consolidate(hospital(tmp_path, plain), tmp_path / "o")
    assert (c.cyber.investigation, c.cyber.capacity, c.outage.minutes) == (3, 2, 3)
    assert (c.cyber.table["rebuild_days"] == 1).all() and (c.cyber.table["exposed"] == "Non").all()
    assert sum("1 jour supposé" in n for n in c.recovery_notes) == 1


def test_zero_day_resources_and_a_loop_never_block() -> None:
    jobs = [Job("A", 0, False, ("B",)), Job("B", 2, False, ("A",)), Job("C", 0, False, ()), Job("D", 1, True, ("C",))]
    slots = list_schedule(jobs, 1, 1)
    assert (slots["C"].start, slots["C"].end) == (1, 1)
    assert slots["A"].forced and (slots["A"].start, slots["A"].end) == (1, 1)
    assert (slots["B"].start, slots["B"].end) == (1, 3)
    assert (slots["D"].start, slots["D"].end) == (3, 4)


def test_a_blank_rekey_is_proposed_as_a_warning_only_in_a_version_3_workbook(folder: Path) -> None:
    from conftest import check, edit

    # REA row 1 « Prescription papier »: « À ressaisir » (L2) emptied; row 2 « Acheminement pédestre » is not paper
    edit(folder / "REA.xlsx", {"Processus": {"L2": None, "L3": None}})
    report, _ = check(folder)
    assert [(f.code, f.severity, f.sheet, f.cell) for f in report.findings] == [
        ("ressaisie-proposee", "Avertissement", "Processus", "L2")
    ]
    import openpyxl

    ws = openpyxl.load_workbook(folder / "REA.xlsx")["Service"]
    version = next(f"B{c.row}" for c in ws["A"] if c.value == "Version du modèle")
    edit(folder / "REA.xlsx", {"Service": {version: "2026.2"}})  # the same workbook labelled version 2
    report, _ = check(folder)
    assert "ressaisie-proposee" not in {f.code for f in report.findings}
