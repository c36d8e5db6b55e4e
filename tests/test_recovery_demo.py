"""The IT restart plan on the demo hospital: the « Reprise SI » sheet and plan_reprise_si.docx."""

from __future__ import annotations

import re
import sys

import openpyxl
import pytest
from conftest import ROOT
from docx import Document

from pca_xlsx.documents import pdf as pdf_module
from pca_xlsx.format import fold, split_list

sys.path.insert(0, str(ROOT / "scripts"))
from demo_data import load_services  # noqa: E402
from demo_data.referential import RESOURCES  # noqa: E402


@pytest.fixture(scope="module")
def run(demo_run):
    return demo_run  # the session's one run of the demo (conftest)


@pytest.fixture(scope="module")
def sheet(run) -> list[dict]:
    """The rows of the order table of « Reprise SI », read back from the written workbook."""
    _, out = run
    ws = openpyxl.load_workbook(out / "consolidation" / "PCA_consolide.xlsx", read_only=True)["Reprise SI"]
    rows = list(ws.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[:3] == ("Rang", "Palier", "Ressource"))
    header = rows[top]
    out = []
    for r in rows[top + 1 :]:
        if r[0] is None:
            break
        out.append(dict(zip(header, r)))
    return out


def test_the_sheet_sits_after_scenarios_and_lists_every_resource_a_workbook_names(run, sheet) -> None:
    _, out = run
    names = openpyxl.load_workbook(out / "consolidation" / "PCA_consolide.xlsx", read_only=True).sheetnames
    assert names[names.index("Scénarios") + 1] == "Reprise SI"
    named = {
        row["resource"]
        for data in load_services().values()
        for key in ("applications", "processus")
        for row in data.get(key, [])
    }
    shown = [r["Ressource"] for r in sheet]
    assert named <= set(shown)
    assert sorted(shown) == sorted(r["name"] for r in RESOURCES)  # the demo names only referential resources
    assert [r["Rang"] for r in sheet] == list(range(1, len(RESOURCES) + 1))


def test_first_tier_holds_the_infrastructure_the_dpi_needs_and_the_order_respects_depends_on(sheet) -> None:
    category = {r["name"]: r["category"] for r in RESOURCES}
    needs = {r["name"]: split_list(r["depends_on"]) for r in RESOURCES}
    infrastructure = {d for d in needs["DPI"] if category[d] in ("Réseau", "Infrastructure")}
    assert infrastructure == {"Réseau", "Active Directory"}
    first = [r["Ressource"] for r in sheet if r["Palier"].startswith("T0")]
    assert infrastructure <= set(first)
    assert [r["Palier"][:2] for r in sheet[: len(first)]] == ["T0"] * len(first)  # the tier comes first
    rank = {r["Ressource"]: r["Rang"] for r in sheet}
    for name, deps in needs.items():
        assert all(rank[d] < rank[name] for d in deps), name
    tiers = [r["Palier"][:2] for r in sheet]
    assert tiers == sorted(tiers)


def test_insufficient_restarts_in_the_sheet_are_the_gaps(run, sheet) -> None:
    result, _ = run
    c = result.consolidation
    short = [r["Ressource"] for r in sheet if r["Besoin / garantie"] == "Reprise SI insuffisante"]
    gaps = c.gaps[c.gaps["type"] == "Reprise SI insuffisante"]
    # a GHT: one gap per resource and per establishment whose services need more (pca_xlsx.consolidate.ght_gaps)
    assert sorted({d.split(" : ")[0] for d in gaps["detail"]}) == sorted(short)
    assert set(gaps["file"]) == {"referentiel.xlsx"}
    # Transfusion and Chimio have no IT figures in the demo referential: to be filled, not guessed.
    filled = {r["name"] for r in RESOURCES if r["restart_guaranteed"]}
    for r in sheet:
        if r["Ressource"] not in filled and r["Interruption tolérable la plus stricte (DMIA)"]:
            assert r["Reprise garantie (DSI)"] == "à renseigner par la DSI", r["Ressource"]
            assert r["Ressource"] not in short


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells]


def test_the_word_plan_opens_with_every_resource_on_the_tick_page(run, sheet) -> None:
    _, out = run
    doc = Document(out / "documents" / "plan_reprise_si.docx")
    texts = _texts(doc)
    assert "Plan de reprise du système d'information" in texts
    tick = next(t for t in doc.tables if t.rows[0].cells[0].text == "Rang" and t.rows[0].cells[4].text == "Rétablie")
    rows = [(r.cells[0].text, r.cells[2].text, r.cells[4].text) for r in tick.rows[1:]]
    assert rows == [(str(r["Rang"]), r["Ressource"], "☐") for r in sheet]
    assert not any(re.search(r"\{\{|\{%|\bnan\b|\bNone\b", t) for t in texts)
    # Whom to warn: one heading per resource some service uses, in restart order.
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2" and p.text.startswith("Rang ")]
    used = {fold(r["resource"]) for d in load_services().values() for k in ("applications", "processus") for r in d[k]}
    expected = [r["Ressource"] for r in sheet if fold(r["Ressource"]) in used]
    assert [h.split(" – ", 1)[1].split(" : ")[0] for h in headings] == expected


@pytest.mark.skipif(pdf_module.soffice() is None, reason="LibreOffice (soffice) absent")
def test_the_word_plan_converts_to_pdf(run, tmp_path) -> None:
    _, out = run
    target = tmp_path / "plan_reprise_si.pdf"
    written, problems = pdf_module.convert([(out / "documents" / "plan_reprise_si.docx", target)])
    assert problems == [] and written == [target]
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", target.read_bytes())) >= 3


def test_the_demo_gap_count_recomputed_from_its_source_data(run) -> None:
    """A guarantee short of the strictest need (the resource's own users and those of the resources that
    need it, directly or not), or a data loss guarantee short of its users' strictest: 23 resources in the
    demo; in a GHT one gap per resource and per establishment whose own services need more: 23 + 12."""
    from conftest import CHU_CODES

    from pca_xlsx.format.vocabulary import DATA_LOSS, INTERRUPTION

    result, _ = run
    needs = {r["name"]: split_list(r["depends_on"]) for r in RESOURCES}
    apps = [a for data in load_services().values() for a in data["applications"]]

    def above(name: str) -> set[str]:  # every resource that cannot run without ``name``
        direct = {n for n, deps in needs.items() if name in deps}
        return direct.union(*(above(n) for n in direct)) if direct else set()

    def short_for(apps: list[dict]) -> set[str]:
        short = set()
        for r in RESOURCES:
            users = {r["name"], *above(r["name"])}
            restart = [INTERRUPTION.index(a["tolerable"]) for a in apps if a["resource"] in users]
            loss = [DATA_LOSS.index(a["data_loss"]) for a in apps if a["resource"] == r["name"] and a["data_loss"]]
            if r["restart_guaranteed"] and restart and INTERRUPTION.index(r["restart_guaranteed"]) > min(restart):
                short.add(r["name"])
            if r["loss_guaranteed"] and loss and DATA_LOSS.index(r["loss_guaranteed"]) > min(loss):
                short.add(r["name"])
        return short

    services = load_services()
    chu = short_for([a for code, d in services.items() if code in CHU_CODES for a in d["applications"]])
    chvm = short_for([a for code, d in services.items() if code not in CHU_CODES for a in d["applications"]])
    gaps = result.consolidation.gaps
    assert len(short_for(apps)) == 23 and (len(chu), len(chvm)) == (23, 12) and chu | chvm == short_for(apps)
    found = sorted(d.split(" : ")[0] for d in gaps.loc[gaps["type"] == "Reprise SI insuffisante", "detail"])
    assert found == sorted([*chu, *chvm])
