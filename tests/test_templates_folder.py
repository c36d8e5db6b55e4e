"""The establishment's Word templates: ``templates/`` beside ``workbooks/`` is used by default, the
package's copies staying the fallback; ``--modeles`` and $PCA_XLSX_TEMPLATES still win."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from click.testing import CliRunner

from pca_xlsx.cli import cli
from pca_xlsx.documents.render import PACKAGE_TEMPLATES, templates_folder

ROOT = Path(__file__).resolve().parents[1]
MARK = "Centre hospitalier de Test — modèle de l'établissement"


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.paragraphs)


def test_the_folder_beside_the_workbooks_is_the_default(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("PCA_XLSX_TEMPLATES", raising=False)
    workbooks = tmp_path / "workbooks"
    workbooks.mkdir()
    assert templates_folder(None, workbooks) == PACKAGE_TEMPLATES  # no templates/ yet: the package's
    (tmp_path / "templates").mkdir()
    assert templates_folder(None, workbooks) == (tmp_path / "templates").resolve()
    chosen = tmp_path / "autres"
    assert templates_folder(chosen, workbooks) == chosen  # --modeles wins
    monkeypatch.setenv("PCA_XLSX_TEMPLATES", str(tmp_path / "env"))
    assert templates_folder(None, workbooks) == tmp_path / "env"  # then the environment variable
    assert templates_folder() == tmp_path / "env"


def test_run_renders_with_the_establishment_templates(folder: Path, tmp_path: Path, monkeypatch) -> None:
    """A reflex sheet template edited in ``templates/`` (beside ``workbooks/``) shows in the documents."""
    monkeypatch.delenv("PCA_XLSX_TEMPLATES", raising=False)
    assert folder.name == "workbooks"
    local = folder.parent / "templates"
    shutil.copytree(PACKAGE_TEMPLATES, local)
    template = docx.Document(str(local / "fiche_reflexe.docx"))
    template.paragraphs[0].insert_paragraph_before(MARK)
    template.save(str(local / "fiche_reflexe.docx"))
    out = tmp_path / "sortie"
    result = CliRunner().invoke(cli, ["documents", "-w", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert MARK in _text(out / "documents" / "fiches_reflexes" / "REA.docx")
    assert MARK not in _text(out / "documents" / "fiches_synthese" / "REA.docx")  # other templates untouched
    shutil.rmtree(local)  # without templates/, the package's copies again
    result = CliRunner().invoke(cli, ["documents", "-w", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert MARK not in _text(out / "documents" / "fiches_reflexes" / "REA.docx")


def test_project_templates_are_the_package_copies() -> None:
    """``scripts/build_docx_templates.py`` writes both folders: same files, same bytes."""
    top = sorted(p.name for p in (ROOT / "templates").glob("*.docx"))
    assert top == sorted(p.name for p in PACKAGE_TEMPLATES.glob("*.docx"))
    assert len(top) == 10
    for name in top:
        assert (ROOT / "templates" / name).read_bytes() == (PACKAGE_TEMPLATES / name).read_bytes(), name
