"""A GHT run renders each service document once, in its establishment's folder; the GHT's folder gets a copy."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from conftest import DEMO
from test_ght import ght_referential, write_ght

from pca_xlsx import documents as documents_module
from pca_xlsx import pipeline
from pca_xlsx.documents import pdf as pdf_module
from pca_xlsx.documents import render as render_module
from pca_xlsx.synthetic import write_hospital

SERVICE_FOLDERS = ("fiches_synthese", "fiches_reflexes", "lettres_mission")


def count_renders(monkeypatch) -> Counter:
    """Every document rendered from now on, by its path (both ways a document is rendered, in this process)."""
    rendered: Counter = Counter()

    def counted(job, folder):
        rendered[job.target] += 1
        return real(job, folder)

    real = render_module.render_one
    monkeypatch.setattr(render_module, "render_one", counted)
    monkeypatch.setattr(documents_module, "render_one", counted)
    return rendered


def relative(path: Path, out: Path) -> str:
    """A path written in the run's staging folder (``.en-cours-…``), relative to the output folder."""
    parts = path.relative_to(out).parts
    return Path(*parts[1:] if parts[0].startswith(".") else parts).as_posix()


def service_files(folder: Path) -> dict[str, bytes]:
    """``fiches_…/<code>.docx`` (and ``pdf/…``) under ``folder`` → the file's bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and set(p.relative_to(folder).parts) & {*SERVICE_FOLDERS, "classeurs_crise"}
    }


def test_each_service_document_is_rendered_once_and_copied_to_the_ghts_folder(tmp_path, monkeypatch) -> None:
    plan = write_hospital(tmp_path / "w", 12, today=dt.date(2026, 12, 1), faults=0.0, jobs=1, establishments=2)
    rendered = count_renders(monkeypatch)
    result = pipeline.documents(pipeline.Options(tmp_path / "w", tmp_path / "out", jobs=1))
    out = tmp_path / "out"
    codes = sorted(plan.codes)
    assert len(codes) == 12 and result.report.errors == []
    by_level = {"E1": out / "etablissements" / "E1" / "documents", "E2": out / "etablissements" / "E2" / "documents"}
    for folder in SERVICE_FOLDERS:  # one rendering per service and document, in its establishment's folder
        mine = sorted((p, n) for p, n in rendered.items() if p.parent.name == folder)
        assert sorted(p.stem for p, _ in mine) == codes, folder
        assert {n for _, n in mine} == {1}
        assert {p.parents[2].name for p, _ in mine} == {"E1", "E2"}
    assert sum(n for p, n in rendered.items() if p.name == "synthese_etablissement.docx") == 3  # GHT, E1, E2
    ght = service_files(out / "documents")
    own = {rel: data for level in by_level.values() for rel, data in service_files(level).items()}
    assert sorted(ght) == sorted(own) == sorted(f"{f}/{c}.docx" for f in SERVICE_FOLDERS for c in codes)
    assert ght == own  # the same bytes at both levels
    assert len(result.written) == len(set(result.written))
    docx = sorted(p for p in result.written if p.suffix == ".docx")
    assert docx == sorted(out.rglob("*.docx"))
    assert len(docx) == 2 * 3 * 12 + 3 * 4 + len(list(out.glob("etablissements/*/documents/poles/*.docx")))


@pytest.mark.parametrize("command", ["documents", "run"])
def test_one_establishments_part_is_held_at_a_time(tmp_path, monkeypatch, command) -> None:
    """At region scale the five parts together held about 1 GB: each is consolidated, written and (``run``)
    rendered, then let go, so that none is alive when the next is built, nor while the GHT's own workbook and
    documents (the largest) are written."""
    import gc
    import weakref

    write_hospital(tmp_path / "w", 6, today=dt.date(2026, 12, 1), faults=0.0, jobs=1, establishments=3)
    real_render, real_save = documents_module.render_documents, pipeline.save_consolidation
    refs, events = {}, []

    def alive() -> list[str]:
        gc.collect()
        return sorted(code for code, ref in refs.items() if ref() is not None)

    def held(what: str, output, consolidation) -> None:
        name = Path(output).name if Path(output).name in ("E1", "E2", "E3") else "GHT"  # the run's staging folder
        if name != "GHT":  # an establishment's part
            refs.setdefault(name, weakref.ref(consolidation))
        events.append((what, name, alive()))

    def rendering(result, options, progress=None, ready=None):
        held("documents", options.output, result.consolidation)
        return real_render(result, options, progress or (lambda *a: None), ready)

    def saving(consolidation, output):
        held("classeur", output, consolidation)
        return real_save(consolidation, output)

    monkeypatch.setattr(documents_module, "render_documents", rendering)
    monkeypatch.setattr(pipeline, "save_consolidation", saving)
    getattr(pipeline, command)(pipeline.Options(tmp_path / "w", tmp_path / "out", jobs=1))
    expected = [("documents", "E1", ["E1"]), ("documents", "E2", ["E2"]), ("documents", "E3", ["E3"])]
    if command == "run":  # each establishment's workbook, then its documents; the GHT's workbook after them
        expected = [
            *(e for code in ("E1", "E2", "E3") for e in (("classeur", code, [code]), ("documents", code, [code]))),
            ("classeur", "GHT", []),
        ]
    assert events == [*expected, ("documents", "GHT", [])]


def test_a_service_of_no_establishment_is_rendered_in_the_ghts_folder(tmp_path, monkeypatch) -> None:
    content = ght_referential()
    content["poles"][1]["establishment"] = None  # LABO and PUI in no establishment: the GHT's documents alone
    folder = write_ght(tmp_path, content)
    rendered = count_renders(monkeypatch)
    pipeline.documents(pipeline.Options(folder, tmp_path / "out", jobs=1))
    out = tmp_path / "out"
    services = sorted(relative(p, out) for p in rendered if p.parent.name in SERVICE_FOLDERS)
    assert services == [
        "documents/fiches_reflexes/LABO.docx",
        "documents/fiches_synthese/LABO.docx",
        "documents/lettres_mission/LABO.docx",
        "documents/lettres_mission/PUI.docx",
        "etablissements/A/documents/fiches_reflexes/REA.docx",
        "etablissements/A/documents/fiches_synthese/REA.docx",
        "etablissements/A/documents/lettres_mission/REA.docx",
    ]
    assert set(rendered.values()) == {1}
    assert service_files(out / "documents") == {
        **service_files(out / "etablissements" / "A" / "documents"),
        **{f"{f}/LABO.docx": (out / "documents" / f / "LABO.docx").read_bytes() for f in SERVICE_FOLDERS},
        "lettres_mission/PUI.docx": (out / "documents" / "lettres_mission" / "PUI.docx").read_bytes(),
    }


@pytest.mark.skipif(pdf_module.soffice() is None, reason="LibreOffice (soffice) absent")
def test_with_pdf_each_service_pdf_is_converted_once(tmp_path, monkeypatch) -> None:
    folder = write_ght(tmp_path, ght_referential())
    converted: Counter = Counter()

    def counted(pairs, *args, **kwargs):  # LibreOffice itself: tests/test_documents.py; here, who converts what
        converted.update(target for _, target in pairs)
        for source, target in pairs:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"%PDF-1.4\n% " + source.read_bytes()[-64:])
        return [target for _, target in pairs], []

    monkeypatch.setattr(documents_module, "convert", counted)
    result = pipeline.documents(pipeline.Options(folder, tmp_path / "out", pdf=True, jobs=1))
    out = tmp_path / "out"
    assert set(converted.values()) == {1}
    services = sorted(relative(p, out) for p in converted if p.parent.name in {*SERVICE_FOLDERS,
                                                                                           "classeurs_crise"})  # fmt: skip
    assert services == [
        "etablissements/A/documents/pdf/classeurs_crise/REA.pdf",
        "etablissements/A/documents/pdf/fiches_reflexes/REA.pdf",
        "etablissements/A/documents/pdf/fiches_synthese/REA.pdf",
        "etablissements/A/documents/pdf/lettres_mission/REA.pdf",
        "etablissements/B/documents/pdf/classeurs_crise/LABO.pdf",
        "etablissements/B/documents/pdf/fiches_reflexes/LABO.pdf",
        "etablissements/B/documents/pdf/fiches_synthese/LABO.pdf",
        "etablissements/B/documents/pdf/lettres_mission/LABO.pdf",
        "etablissements/B/documents/pdf/lettres_mission/PUI.pdf",
    ]
    own = {**service_files(out / "etablissements" / "A" / "documents"),
           **service_files(out / "etablissements" / "B" / "documents")}  # fmt: skip
    assert service_files(out / "documents") == own and len(own) == 7 + 9  # docx, PDF
    assert len(result.written) == len(set(result.written))
    documents = sorted(p for p in result.written if p.suffix in (".docx", ".pdf"))
    assert documents == sorted(p for p in out.rglob("*.*") if p.suffix in (".docx", ".pdf"))


def test_an_establishments_documents_name_the_other_establishments_services_relying_on_it(demo_run) -> None:
    """Rendered once, at its establishment's level, LABO's summary sheet still says that MEDVM (CHVM) counts on
    it, and the coordination to organise for each MEDVM row citing LABO that LABO's workbook does not cite
    back: rows read here from MEDVM's workbook, the foreign service named with its establishment."""
    from docx import Document
    from python_calamine import CalamineWorkbook

    _, out = demo_run
    rows = CalamineWorkbook.from_path(str(DEMO / "CHVM" / "MEDVM.xlsx")).get_sheet_by_name("Processus").to_python()
    column = rows[0].index("Services sollicités")
    citing = [(int(r[0]), r[1]) for r in rows[1:] if "LABO" in str(r[column]).split(";")]
    assert [n for n, _ in citing] == [5, 6]
    for level in (out / "etablissements" / "CHUEX" / "documents", out / "documents"):
        doc = Document(level / "fiches_synthese" / "LABO.docx")
        lines = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
        assert any(line.startswith("Comptent aussi sur nous :") and "MEDVM" in line for line in lines)
        for number, process in citing:
            expected = (
                "Coordination à organiser avec Médecine polyvalente – Val de Meuse (service du Centre hospitalier "
                f"du Val de Meuse) (MEDVM) : il compte sur nous pour son N° {number} « {process} »"
            )
            assert any(line.startswith(expected) for line in lines), expected


def test_a_missing_template_stops_a_ght_run_and_publishes_nothing(tmp_path) -> None:
    """An establishment's documents are rendered while the run consolidates it: a template missing stops the run
    there, with the French message, and nothing of it is published (the run writes into a staging folder)."""
    import shutil

    from pca_xlsx.documents.render import DocumentError, templates_folder

    templates = tmp_path / "modeles"
    shutil.copytree(templates_folder(), templates)
    (templates / "fiche_reflexe.docx").unlink()
    out = tmp_path / "out"
    with pytest.raises(DocumentError, match="Modèle Word introuvable"):
        pipeline.run(pipeline.Options(DEMO, out, templates=templates))
    assert not out.exists() or sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == []
