"""Documents of the shipped demo hospital: every file, every service, nothing that reads like a dump."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CHU_CODES, DEMO, DEMO_CODES
from docx import Document

from pca_xlsx import pipeline
from pca_xlsx.documents import pdf as pdf_module
from pca_xlsx.documents.context import Sources
from pca_xlsx.documents.text import pct, text

#: Raw Python/pandas values, unrendered tags, decimals written the English way.
RAW = re.compile(r"\bNone\b|\bnan\b|\bNaN\b|\bNaT\b|\bTrue\b|\bFalse\b|\[|\]|\{\{|\{%|\d\.\d")


def _texts(doc) -> list[str]:
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return parts


@pytest.fixture(scope="module")
def demo(demo_run) -> tuple[pipeline.RunResult, Path]:
    result, out = demo_run  # the session's one run of the demo (conftest)
    return result, out / "documents"


def test_demo_writes_one_of_each_per_service_and_the_synthesis(demo):
    _, out = demo
    for folder in ("fiches_synthese", "fiches_reflexes", "lettres_mission"):
        assert sorted(p.stem for p in (out / folder).glob("*.docx")) == sorted(DEMO_CODES), folder
    assert (out / "synthese_etablissement.docx").is_file()
    chu = out.parent / "etablissements" / "CHUEX" / "documents"
    assert sorted(p.stem for p in (chu / "fiches_synthese").glob("*.docx")) == sorted(CHU_CODES)


def test_no_document_shows_a_raw_value(demo):
    _, out = demo
    found = []
    for path in sorted(out.rglob("*.docx")):
        for part in _texts(Document(path)):
            found += [f"{path.name}: {m.group(0)!r} in {part[:60]!r}" for m in RAW.finditer(part)]
    assert found == []


def test_every_summary_sheet_holds_name_ambition_and_every_application(demo):
    result, out = demo
    sources = Sources(result.referential, result.tables, result.consolidation)
    assert sources.codes == sorted(DEMO_CODES)
    for code in sources.codes:
        doc = Document(out / "fiches_synthese" / f"{code}.docx")
        row = sources.identity(code)
        assert doc.paragraphs[1].text == text(row["name"])
        ambition = f"Sans informatique, le service vise à maintenir {pct(row['ambition'])} de son activité."
        assert ambition in [p.text for p in doc.paragraphs]
        table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Application")
        shown = sorted(r.cells[0].text for r in table.rows[1:])
        assert shown == sorted(text(a["resource"]) for a in sources.sheet(code, "applications")), code


def test_every_reflex_sheet_holds_every_step_in_order(demo):
    result, out = demo
    sources = Sources(result.referential, result.tables, result.consolidation)
    for code in sources.codes:
        doc = Document(out / "fiches_reflexes" / f"{code}.docx")
        rows = [
            r for t in doc.tables if t.rows[0].cells[0].text == "Fait" for r in t.rows[1:] if r.cells[0].text == "☐"
        ]
        steps = sorted(sources.sheet(code, "fiche_reflexe"), key=lambda s: int(s["step"]))
        it_phone = "06 34 67 90 23"  # « Astreinte informatique » of scripts/demo_data/referential.py
        assert [(r.cells[1].text, r.cells[2].text) for r in rows] == [
            (str(int(s["step"])), text(s["action"]).replace("numéro de crise", f"{it_phone} (astreinte informatique)"))
            for s in steps
        ], code


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


@pytest.mark.skipif(pdf_module.soffice() is None, reason="LibreOffice (soffice) absent")
def test_demo_reflex_sheets_fit_on_one_page_and_summary_sheets_on_two(demo, tmp_path):
    _, out = demo
    pairs = [
        (path, tmp_path / path.parent.name / f"{path.stem}.pdf")
        for folder in ("fiches_reflexes", "fiches_synthese")
        for path in sorted((out / folder).glob("*.docx"))
    ]
    written, problems = pdf_module.convert(pairs)
    assert problems == [] and len(written) == 2 * len(DEMO_CODES)
    pages = {f"{p.parent.name}/{p.stem}": _pages(p) for p in written}
    assert all(n == 1 for k, n in pages.items() if k.startswith("fiches_reflexes/")), pages
    assert all(1 <= n <= 2 for n in pages.values()), pages


def test_coordination_gaps_of_ecarts_are_on_both_services_summary_sheets(demo, demo_parts):
    _, out = demo
    c = demo_parts["CHUEX"].consolidation  # the CHU's own part of the demo GHT, and its documents
    out = out.parent / "etablissements" / "CHUEX" / "documents"
    gaps = c.gaps[c.gaps["type"] == "Coordination à organiser entre services"]
    assert len(gaps) == len(c.coordination) == 16
    sheets = {}
    for code in set(c.coordination["code"]) | set(c.coordination["partner"]):
        sheets[code] = [p.text for p in Document(out / "fiches_synthese" / f"{code}.docx").paragraphs]
    for g in c.coordination.to_dict("records"):
        a, b = g["code"], g["partner"]
        assert (a, g["file"], g["cell"]) in set(zip(gaps["code"], gaps["file"], gaps["cell"]))
        names = dict(zip(c.synthesis["code"], c.synthesis["name"]))
        ours = [t for t in sheets[a] if t.startswith(f"Coordination à organiser avec {names[b]} ({b}) : nous comptons")]
        theirs = [t for t in sheets[b] if t.startswith(f"Coordination à organiser avec {names[a]} ({a}) : il compte")]
        assert any(f"notre {g['process']} (" in t for t in ours), (a, b)  # the N° and the process, no cell
        assert any(f"son {g['process']} (" in t for t in theirs), (a, b)


def test_reflex_sheets_list_the_services_to_call_first_with_their_phones(demo):
    _, out = demo
    doc = Document(out / "fiches_reflexes" / "REA.docx")
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Qui" and t.rows[0].cells[1].text == "Pourquoi")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows[0][0] == "Cellule de crise" and "06 12 45 78 90" in rows[0][2]  # referential's Annuaire de crise
    biomed = next(r for r in rows if r[0] == "Ingénierie biomédicale (BIOMED)")
    assert "Astreinte biomédicale – 06 67 90 23 56" in biomed[2]  # the matching hospital function
    assert all(r[2] for r in rows)
    for path in sorted(out.glob("fiches_reflexes/*.docx")):  # the others counted in words, never « (+7) »
        table = next(t for t in Document(path).tables if [c.text for c in t.rows[0].cells][:2] == ["Qui", "Pourquoi"])
        why = [row.cells[1].text for row in table.rows[1:]]
        assert not [w for w in why if re.search(r"\(\+\d+\)", w)], path.name
        assert all(re.search(r" et (1 autre|\d+ autres)$", w) for w in why if "autre" in w), path.name
    # HEMA's vital processes asking the PUI (« Services sollicités ») and the PUI's serving HEMA (« bénéficiaires »)
    hema = _vital_rows(DEMO / "HEMA.xlsx", "F", "PUI")
    vital = hema + _vital_rows(DEMO / "PUI.xlsx", "G", "HEMA")
    assert len(hema) == 6 and len(vital) == 8
    doc = Document(out / "fiches_reflexes" / "HEMA.docx")
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["Qui", "Pourquoi"])
    assert [r.cells[1].text for r in table.rows if r.cells[0].text.endswith("(PUI)")] == [
        f"Vital : {hema[0]} et {len(vital) - 1} autres"
    ]


def _vital_rows(path: Path, column: str, code: str) -> list[str]:
    """Names of the vital processes of a workbook whose ``column`` names ``code``."""
    import openpyxl

    ws = openpyxl.load_workbook(path, read_only=True)["Processus"]
    at = ord(column) - ord("A")
    return [r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[2] == "Vitale" and code in str(r[at] or "")]


def _keeps_with_next(paragraph, styles) -> bool:
    """Whether a paragraph (``w:p``) is kept with the next one, directly or through its style's chain."""
    from docx.oxml.ns import qn

    props = paragraph.find(qn("w:pPr"))
    if props is not None and props.find(qn("w:keepNext")) is not None:
        return True
    style = props.find(qn("w:pStyle")) if props is not None else None
    current = styles.get_by_id(style.get(qn("w:val"))) if style is not None else None
    while current is not None:
        props = current.find(qn("w:pPr"))
        if props is not None and props.find(qn("w:keepNext")) is not None:
            return True
        based = current.find(qn("w:basedOn"))
        current = styles.get_by_id(based.get(qn("w:val"))) if based is not None else None
    return False


def test_no_table_leaves_its_introduction_alone_at_the_foot_of_a_page(demo_run):
    """Every paragraph that introduces a table is kept with it (the GHT synthesis had « Les niveaux
    s'additionnent » and its note alone at the foot of page 14), in every Word document of the demo; the first
    lines of a document, on its first page anyway, aside."""
    from docx.oxml.ns import qn

    _, out = demo_run
    alone = []
    for path in sorted(out.rglob("*.docx")):
        doc = Document(str(path))
        body = list(doc.element.body)
        for i, element in enumerate(body[5:], 5):
            before = body[i - 1]
            if element.tag != qn("w:tbl") or before.tag != qn("w:p"):
                continue
            text = "".join(t.text or "" for t in before.iter(qn("w:t"))).strip()
            if text and not _keeps_with_next(before, doc.styles.element):
                alone.append(f"{path.relative_to(out)}: {text[:60]}")
    assert alone == []


def _book_rows(path: Path, sheet: str) -> list[dict]:
    """The rows of a table sheet as {header without « * »: value}, read with python-calamine."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(path).get_sheet_by_name(sheet).to_python()
    head = [str(h).rstrip("*") for h in rows[0]]
    return [dict(zip(head, r)) for r in rows[1:] if any(v not in ("", None) for v in r)]


def _workbook(code: str) -> Path:
    return next(p for p in DEMO.rglob(f"{code}.xlsx") if "exercices" not in p.parts)


def _names(cell) -> set[str]:
    return {p.strip().upper() for p in re.split(r"[;,]", str(cell or "")) if p.strip()}


def _expected_reliance(who: str, on: str) -> str:
    """What the summary sheet of ``REA`` says about ``who`` relying on ``on`` (one of them is REA), computed from
    the workbooks and the referential: the first process (Vitale, then Majeure, then the lowest N°) with its own
    criticality and whose N° it is, the other processes counted, then each dependency level on the resources
    the relied-on service owns (« Service responsable »), never one criticality for all."""
    ref = DEMO / "referentiel.xlsx"
    owners = {r["Ressource"]: str(r["Service responsable"] or "").upper() for r in _book_rows(ref, "Ressources")}
    rank = {"Vitale": 3, "Majeure": 2}
    processes = [  # (criticality, N°, process, whose): « son » is the other service's row
        (r["Criticité"], int(r["N°"]), r["Processus"], "notre" if who == "REA" else "son")
        for r in _book_rows(_workbook(who), "Processus")
        if on in _names(r["Services sollicités"])
    ] + [
        (r["Criticité"], int(r["N°"]), r["Processus"], "notre" if on == "REA" else "son")
        for r in _book_rows(_workbook(on), "Processus")
        if who in _names(r["Services bénéficiaires"])
    ]
    processes.sort(key=lambda p: (-rank.get(p[0], 1), p[1]))
    parts = []
    if processes:
        level, n, name, whose = processes[0]
        parts.append(f"{whose} N° {n} « {name} » ({level})")
        rest = len({(p[1], p[3]) for p in processes}) - 1
        if rest:
            parts[0] += f" et {rest} autre{'s' if rest > 1 else ''}"
    for level in ("Critique", "Forte"):
        used = sorted(
            r["Ressource"]
            for r in _book_rows(_workbook(who), "Applications")
            if r["Dépendance"] == level and owners.get(r["Ressource"]) == on
        )
        if used:
            parts.append(f"dépendance {level.lower()} à {', '.join(used)}")
    return " ; ".join(parts)


def test_summary_sheet_partners_show_each_source_with_its_own_criticality_and_resource(demo):
    """REA's « Services qui comptent sur nous » and « … sur lesquels nous comptons »: BLOC relies on REA for its
    vital N° 20 (Téléphonie) and depends critically on Réa-Soins, which REA runs: « Critique » belongs to the
    dependency, never to N° 20 (it read « Critique – son N° 20 … ; ressource Réa-Soins »)."""
    _, out = demo
    names = {r["Code service"]: r["Service"] for r in _book_rows(DEMO / "referentiel.xlsx", "Services")}
    doc = Document(out / "fiches_synthese" / "REA.docx")
    header = ["Services qui comptent sur nous", "Services sur lesquels nous comptons"]
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == header)
    cells = [(r.cells[0].text, r.cells[1].text) for r in table.rows[1:]]
    assert cells[0][0] == (
        "Bloc opératoire central (BLOC) : son N° 20 « Transfert du patient vers la réanimation » (Vitale) "
        "et 1 autre ; dépendance critique à Réa-Soins"
    )
    for relying, relied in cells:
        for shown, mine in ((relying, False), (relied, True)):
            if not shown:
                continue
            other = re.search(r"\((\w+)\) : ", shown).group(1)
            who, on = ("REA", other) if mine else (other, "REA")
            assert shown == f"{names[other]} ({other}) : {_expected_reliance(who, on)}"
