"""Rendering rules (strict, escaped, parallel) and the context builder, without the pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docx import Document

from pca_xlsx.documents import HOSPITAL_LABEL, _render_largest, render
from pca_xlsx.documents.context import phases
from pca_xlsx.documents.render import DocumentError, Job, Later, render_all, render_one, templates_folder
from pca_xlsx.documents.text import code_name, integer, pct, text


def _template(path: Path, body: str) -> Path:
    doc = Document()
    doc.add_paragraph(body)
    doc.save(path)
    return path


def test_an_undefined_variable_fails_loudly(tmp_path):
    _template(tmp_path / "t.docx", "Service : {{ service }} — {{ absente }}")
    with pytest.raises(DocumentError, match="absente"):
        render_one(Job("t.docx", {"service": "REA"}, tmp_path / "o.docx"), tmp_path)
    assert not (tmp_path / "o.docx").exists()


def test_a_shipped_template_missing_a_context_key_fails_loudly(tmp_path):
    with pytest.raises(DocumentError, match="fiche_reflexe.docx"):
        render_one(
            Job("fiche_reflexe.docx", {"etablissement": "CH", "date": "01/01/2026"}, tmp_path / "o.docx"),
            templates_folder(),
        )


def test_escaping_and_forbidden_characters(tmp_path):
    _template(tmp_path / "t.docx", "{{ value }}")
    value = "a & b < c > d \"e\" 'f' 🚑\x01\x0b"
    render_one(Job("t.docx", {"value": value}, tmp_path / "o.docx"), tmp_path)
    assert Document(tmp_path / "o.docx").paragraphs[0].text == "a & b < c > d \"e\" 'f' 🚑"


def test_a_missing_template_is_a_french_error(tmp_path):
    with pytest.raises(DocumentError, match="Modèle Word introuvable"):
        render_one(Job("absent.docx", {}, tmp_path / "o.docx"), tmp_path)


def test_parallel_rendering_writes_every_document(tmp_path):
    _template(tmp_path / "t.docx", "N° {{ n }} & {{ label }}")
    jobs = [
        Job("t.docx", {"n": i, "label": f"<{i}>"}, tmp_path / "out" / f"{i}.docx")
        for i in range(render.PARALLEL_MIN + 3)
    ]
    seen = []
    written = render_all(
        jobs, tmp_path, workers=2, progress=lambda label, done, total: seen.append((label, done, total))
    )
    assert written == [job.target for job in jobs]
    assert [Document(p).paragraphs[0].text for p in written] == [f"N° {i} & <{i}>" for i in range(len(jobs))]
    assert seen[0] == ("Documents Word", 0, len(jobs)) and seen[-1] == ("Documents Word", len(jobs), len(jobs))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{i}.docx" for i in range(len(jobs)))


def test_steps_keep_their_order_and_group_by_runs_of_phase():
    steps = [
        {"step": 3.0, "phase": "Alerte", "action": "Rappeler ", "who": "Cadre", "when": None},
        {"step": "1", "phase": "Alerte", "action": "Prévenir", "who": "IDE", "when": "Immédiat"},
        {"step": 2, "phase": "Mode dégradé", "action": "Kit  papier", "who": "IDE", "when": float("nan")},
        {"step": None, "phase": None, "action": "Sans numéro", "who": "IDE", "when": None},
    ]
    groups = phases(steps)
    assert [(g["numero"], g["phase"]) for g in groups] == [
        (1, "Alerte"),
        (2, "Mode dégradé"),
        (3, "Alerte"),
        (4, "Autres actions"),
    ]
    flat = [(s["numero"], s["action"], s["quand"]) for g in groups for s in g["etapes"]]
    assert flat == [
        ("1", "Prévenir", "Immédiat"),
        ("2", "Kit papier", "—"),
        ("3", "Rappeler", "—"),
        ("—", "Sans numéro", "—"),
    ]


def test_raw_values_become_french_text():
    assert integer(12.0) == "12" and integer(" 1200 ") == "1\u202f200" and integer(None) == "—"
    assert pct(66.66, digits=1) == "66,7\u00a0%" and pct(float("nan")) == "—"
    assert text("  a   b \n\n c  ") == "a b\nc"


def test_the_largest_documents_are_rendered_here_one_at_a_time(tmp_path):
    """The hospital-wide documents: each context built from the sources just before its render, in
    this process (no worker), with their own progress line."""
    _template(tmp_path / "t.docx", "{{ titre }} : {{ n }}")
    built = []

    def context(sources, name):
        built.append((name, os.getpid()))
        return {"titre": name, "n": sources[name]}

    jobs = [Job("t.docx", Later(context, (name,)), tmp_path / f"{name}.docx") for name in ("synthese", "cellule")]
    seen = []
    written = _render_largest(
        jobs, {"synthese": 12, "cellule": 7}, tmp_path, lambda label, done, total: seen.append((label, done, total))
    )
    assert written == [tmp_path / "synthese.docx", tmp_path / "cellule.docx"]
    assert [Document(p).paragraphs[0].text for p in written] == ["synthese : 12", "cellule : 7"]
    assert built == [("synthese", os.getpid()), ("cellule", os.getpid())]
    assert seen == [(HOSPITAL_LABEL, 0, 2), (HOSPITAL_LABEL, 1, 2), (HOSPITAL_LABEL, 2, 2)]


def test_this_process_works_meanwhile_while_the_workers_render(tmp_path):
    """The hospital-wide documents are rendered by this process while the workers render the others:
    ``meanwhile`` runs once, after the workers took their first documents, before the results are collected."""
    _template(tmp_path / "t.docx", "N° {{ n }}")
    jobs = [Job("t.docx", {"n": i}, tmp_path / "out" / f"{i}.docx") for i in range(render.PARALLEL_MIN + 8)]
    seen = []

    def meanwhile():
        seen.append(("meanwhile", None))

    def progress(label, done, total):
        seen.append((label, done))

    written = render_all(jobs, tmp_path, workers=2, progress=progress, meanwhile=meanwhile)
    assert written == [job.target for job in jobs] and all(p.is_file() for p in written)
    assert [s[0] for s in seen].count("meanwhile") == 1
    assert seen[0] == ("Documents Word", 0) and seen[1][0] == "meanwhile" and seen[-1] == ("Documents Word", len(jobs))
    one = []
    render_all(jobs[:3], tmp_path, workers=1, progress=lambda *a: one.append(a[1]), meanwhile=lambda: one.append("m"))
    assert one == ["m", 0, 1, 2, 3]  # one process: the hospital-wide documents first, as before


@pytest.mark.parametrize(
    ("code", "name", "shown"),
    [
        ("SAMU", "SAMU – Centre 15 et SMUR", "SAMU – Centre 15 et SMUR"),  # the name starts with the code
        ("URG", "Urgences adultes", "URG – Urgences adultes"),  # only its letters: the code is kept
        ("CARDIO", "Cardiologie", "CARDIO – Cardiologie"),
        ("BLOC", "Bloc opératoire central", "BLOC – Bloc opératoire central"),  # the word, not as written
        ("REA", "", "REA"),
    ],
)
def test_a_service_is_shown_with_its_code_once(code, name, shown):
    assert code_name(code, name) == shown
