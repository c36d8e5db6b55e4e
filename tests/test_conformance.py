"""Every kind of file we write passes our conformance check (tests/conformance.py: what Excel and
Word enforce and LibreOffice forgives), and the check fails on a crafted broken file of each rule."""

from __future__ import annotations

import email
import email.policy
import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conformance import WORKSHEET_ORDER, areas, assert_conforms, insert_child, problems, rewrite
from conftest import CHU_CODES, DEMO, edit
from excel_like import excel_like, sheet_part

from pca_xlsx import pipeline
from pca_xlsx.documents import render
from pca_xlsx.documents.context import Sources
from pca_xlsx.documents.crisis import service_binder_context
from pca_xlsx.findings import ERROR, WARNING, Finding
from pca_xlsx.validate import annotate as annotate_module
from pca_xlsx.validate.annotate_zip import annotate_zip
from pca_xlsx.validate.package_text import legacy_position

pytestmark = pytest.mark.filterwarnings("ignore:Data Validation extension is not supported:UserWarning")
V1 = Path(__file__).parent / "data" / "v1"
#: Two mistakes per workbook: an integer typed as text (Service) and a criticality not in the list (Processus).
MISTAKES = {"Service": {"B11": "cent"}, "Processus": {"C4": "Urgente"}}
WRONG = CHU_CODES[:2]
SCENARIO = "Cyberattaque généralisée"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    """One output folder holding every kind of file we write, from the demo with two faulty workbooks."""
    base = tmp_path_factory.mktemp("conformance")
    workbooks = base / "workbooks"
    shutil.copytree(DEMO, workbooks)
    for code in WRONG:
        edit(workbooks / f"{code}.xlsx", MISTAKES)
    output = base / "output"
    options = pipeline.Options(workbooks, output, jobs=2)
    result = pipeline.run(options)
    assert result.exit_code == 1
    pipeline.templates(options)
    pipeline.exercise(options, SCENARIO, None, "05/11/2026")
    old = base / "old"
    old.mkdir()
    for name in ("referentiel.xlsx", "IMAG.xlsx", "LABO.xlsx", "PUI.xlsx", "REA.xlsx"):
        shutil.copy(V1 / name if name != "referentiel.xlsx" else DEMO / name, old / name)
    pipeline.upgrade(pipeline.Options(old, output))
    sources = Sources(result.referential, result.tables, result.consolidation, today=result.consolidation.today)
    binder = render.Job("classeur_crise.docx", service_binder_context(sources, CHU_CODES[0]), output / "binder.docx")
    render.render_one(binder, render.templates_folder())
    return output


def _kind(path: Path, root: Path) -> str:
    parts = path.relative_to(root).parts
    if path.name.startswith("rapport_"):
        return path.name
    for folder in ("annotes", "modeles", "mises_a_jour", "fiches_synthese", "fiches_reflexes", "lettres_mission",
                   "poles", "joueurs"):  # fmt: skip
        if folder in parts:
            return folder
    return path.name


def test_every_kind_of_file_we_write_conforms(outputs: Path) -> None:
    files = sorted(p for p in outputs.rglob("*") if p.suffix in (".xlsx", ".docx"))
    kinds = {_kind(p, outputs) for p in files}
    assert {
        "rapport_validation.xlsx",  # validation report
        "annotes",  # annotated copies (zip path: openpyxl-saved sources)
        "PCA_consolide.xlsx",  # bulk writer
        "modeles",  # service templates
        "rapport_mise_a_jour.xlsx",
        "mises_a_jour",  # upgraded workbooks (comments on flagged cells)
        "grille_observation.xlsx",
        "fiches_synthese",
        "fiches_reflexes",
        "lettres_mission",
        "poles",
        "joueurs",
        "synthese_etablissement.docx",
        "cellule_de_crise.docx",
        "plan_reprise_si.docx",
        "retour_a_la_normale.docx",
        "binder.docx",
        "chronogramme.docx",
    } <= kinds
    word = {"fiche_synthese": "fiches_synthese", "fiche_reflexe": "fiches_reflexes", "lettre_mission": "lettres_mission",
            "tableau_pole": "poles", "joueur": "joueurs", "classeur_crise": "binder.docx"}  # fmt: skip
    templates = sorted(render.PACKAGE_TEMPLATES.glob("*.docx"))
    assert len(templates) == 11 and {word.get(t.stem, t.name) for t in templates} <= kinds  # each one rendered
    assert len(list((outputs / "validation" / "annotes").glob("*.xlsx"))) == len(WRONG)
    # Three files of a kind per folder (one writer or template each, the same parts whatever the service).
    kinds_in: dict[tuple[Path, str], list[Path]] = {}
    for path in files:
        kinds_in.setdefault((path.parent, path.suffix), []).append(path)
    checked = [path for group in kinds_in.values() for path in group[:3]]
    found = {path.relative_to(outputs).as_posix(): problems(path) for path in checked}
    assert {name: p for name, p in found.items() if p} == {}
    assert len(found) >= 60, sorted(kinds)


def test_the_campaign_outputs_conform(outputs: Path, tmp_path: Path) -> None:
    """The Progression sheet (a chart) is in the consolidated workbooks checked above; the annotated copy each
    e-mail draft carries is a workbook that conforms too."""
    for path in (outputs / "consolidation" / "PCA_consolide.xlsx", *outputs.glob("etablissements/*/consolidation/*")):
        assert "Progression" in openpyxl.load_workbook(path, read_only=True).sheetnames, path
    drafts = sorted((outputs / "courriels").glob("*.eml"))
    assert [p.stem for p in drafts] == sorted(WRONG)
    for draft in drafts:
        message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
        (attached,) = [part for part in message.iter_attachments() if part.get_filename().endswith(".xlsx")]
        copy = tmp_path / attached.get_filename()
        copy.write_bytes(attached.get_content())
        assert problems(copy) == [], draft.name


def test_the_observation_grid_validations_stop_at_each_table_last_row(outputs: Path) -> None:
    grids = [next(outputs.rglob("grille_observation.xlsx")), *(DEMO / "exercices").glob("*.xlsx")]
    checked = 0
    for ws in [ws for grid in grids for ws in openpyxl.load_workbook(grid).worksheets]:
        headers = [c.row for c in ws["A"] if str(c.value).startswith(("N°", "Étape"))]
        if len(headers) != 2:
            continue
        # Each table runs from below its header to the row before the blank row that ends it.
        ends = []
        for header in headers:
            row = header + 1
            while ws.cell(row + 1, 1).value not in (None, ""):
                row += 1
            ends.append((header + 1, row))
        for validation in ws.data_validations.dataValidation:
            for _, r1, _, r2 in areas(str(validation.sqref)):
                if r1 < headers[0]:
                    continue  # the form above the tables
                inside = [end for start, end in ends if start <= r1 <= end]
                assert inside and r2 <= inside[0], (ws.title, str(validation.sqref), ends)
                checked += 1
    assert checked >= 20


# --- Inputs Excel itself writes: data bars, icon sets, tables, mc:AlternateContent, x14 extensions --------------


def _findings(file: str) -> list[Finding]:
    return [
        Finding("valeur-non-permise", ERROR, file, "Valeur non permise.", "Processus", 4, "C", "Urgente"),
        Finding("entier-attendu", ERROR, file, "Un nombre entier est attendu.", "Service", 11, "B", "cent"),
        Finding("valeur-normalisee", WARNING, file, "Valeur corrigée.", "Processus", 2, "D", "vitale"),
    ]


@pytest.fixture(scope="module")
def excel_file(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("excel-like")
    source = DEMO / f"{CHU_CODES[0]}.xlsx"
    return excel_like(source, base / source.name)


def test_the_excel_like_fixture_itself_conforms(excel_file: Path) -> None:
    assert_conforms(excel_file)
    with zipfile.ZipFile(excel_file) as archive:
        xml = archive.read(sheet_part(excel_file, "Processus")).decode()
    assert "<dataBar>" in xml and 'iconSet="3Stars"' in xml and "<tableParts" in xml and "x14:dataValidation" in xml


@pytest.mark.parametrize("path", ["zip", "openpyxl"])
def test_annotated_copy_of_what_excel_writes_conforms(excel_file: Path, tmp_path: Path, monkeypatch, path) -> None:
    target = tmp_path / excel_file.name
    findings = _findings(excel_file.name)
    if path == "zip":
        annotate_zip(excel_file, findings, target, {})  # raises if this path gave up
    else:
        monkeypatch.setenv("PCA_XLSX_ANNOTATE", "openpyxl")
        assert annotate_module.annotate(excel_file, findings, target, {}) == target
    assert_conforms(target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[0] == "Corrections"
    assert book["Processus"]["C4"].comment.text == "Erreur : Valeur non permise."
    assert book["Processus"]["D2"].comment.text == "Avertissement : Valeur corrigée."
    assert book["Service"]["B11"].comment.text == "Erreur : Un nombre entier est attendu."
    with zipfile.ZipFile(target) as archive:
        xml = archive.read(sheet_part(target, "Processus")).decode()
        vml = [archive.read(n).decode() for n in archive.namelist() if n.endswith(".vml")]
        app = archive.read("docProps/app.xml").decode()
    assert len(vml) == 2
    ids = [re.findall(r'id="_x0000_s(\d+)"', text) for text in vml]
    assert sorted(map(len, ids)) == [1, 2] and len(set(ids[0]) | set(ids[1])) == 3
    again = tmp_path / "again" / excel_file.name  # the referent sends the copy back: marks replaced (openpyxl)
    assert annotate_module.annotate(target, findings[:1], again, {}) == again
    assert_conforms(again)
    assert openpyxl.load_workbook(again)["Service"]["B11"].comment is None
    if path == "zip":
        assert xml.count("<legacyDrawing") == 1
        assert re.search(r"</dataBar><extLst><ext [^>]*><x14:id>[^<]*</x14:id></ext></extLst></cfRule>", xml)
        assert xml.index("<legacyDrawing") < xml.index("<tableParts") < xml.rindex("<extLst")
        assert "<vt:lpstr>Corrections</vt:lpstr><vt:lpstr>Lisez-moi</vt:lpstr>" in app
        assert "<vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>13</vt:i4>" in app


def test_legacy_drawing_goes_before_a_wrapped_control_and_after_hyperlinks() -> None:
    head = '<worksheet xmlns="m" xmlns:mc="mc"><sheetData><row r="1"/></sheetData>'
    cases = [
        (
            '<hyperlinks><hyperlink ref="A1"/></hyperlinks><mc:AlternateContent><mc:Choice Requires="x14">'
            "<controls/></mc:Choice></mc:AlternateContent></worksheet>",
            "<mc:AlternateContent>",
        ),
        (
            '<conditionalFormatting sqref="A1"><cfRule type="dataBar"><extLst><ext/></extLst></cfRule>'
            '</conditionalFormatting><pageMargins left="1"/><extLst><ext/></extLst></worksheet>',
            "<extLst><ext/></extLst></worksheet>",
        ),
        ('<pageSetup orientation="landscape"/><drawing r:id="x"/></worksheet>', "</worksheet>"),
    ]
    for tail, expected in cases:
        xml = head + tail
        assert xml[legacy_position(xml) :].startswith(expected), tail


# --- The check fails on a crafted broken file of each rule ----------------------------------------------------


@pytest.fixture(scope="module")
def good(tmp_path_factory, excel_file: Path) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("good")
    annotated = annotate_zip(excel_file, _findings(excel_file.name), base / "annotated.xlsx", {})
    return {"template": DEMO / f"{CHU_CODES[0]}.xlsx", "annotated": annotated}


def _sub(pattern: str, replacement: str, count: int = 1):
    return lambda text: re.sub(pattern, replacement, text, count=count)


def _sheet_edit(title: str, change):
    """An edit of the part of the template's sheet ``title``."""
    return ("sheet", title, change)


BROKEN = {
    "xml": ("template", "xl/styles.xml", lambda t: t[: len(t) // 2]),
    "content-type": ("template", "[Content_Types].xml", _sub(r'<Override PartName="/xl/styles.xml"[^>]*/>', "")),
    "relationship": ("template", "xl/theme/theme1.xml", lambda t: None),
    "order": _sheet_edit(
        "Maturité",
        lambda t: t.replace(
            "<dimension ", '<pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/><dimension ', 1
        ),
    ),  # fmt: skip
    "validation-overlap": _sheet_edit("Applications", _sub(r'sqref="B2:B501"', 'sqref="A2:B501"')),
    "merge-overlap": _sheet_edit(
        "Maturité",
        lambda t: insert_child(
            t, '<mergeCells count="2"><mergeCell ref="D1:E2"/><mergeCell ref="E2:F3"/></mergeCells>', "mergeCells"
        ),
    ),  # fmt: skip
    "shared-string": _sheet_edit("Maturité", _sub(r'(<c r="A2"[^>]*t="s"[^>]*><v>)\d+', r"\g<1>99999")),
    "style": _sheet_edit("Maturité", _sub(r'(<c r="A2"[^>]*?) s="\d+"', r'\1 s="99999"')),
    "list-length": _sheet_edit(
        "Maturité",
        _sub(r"<formula1>Liste_maturite_answer</formula1>", '<formula1>"' + ",".join(["Oui"] * 70) + '"</formula1>'),
    ),  # fmt: skip
    "sheet-name": ("template", "xl/workbook.xml", _sub(r'name="Télécom"', 'name="Télécom/Réseau"')),
    "app-titles": ("annotated", "docProps/app.xml", _sub(r"<vt:lpstr>Corrections</vt:lpstr>", "")),
    "legacy-drawing": ("annotated", "processus", _sub(r'<legacyDrawing r:id="[^"]*"/>', "")),
    "legacy-drawing-nested": ("annotated", "processus", lambda t: _nest_legacy(t)),
    "shape-id": (
        "annotated",
        "vml",
        lambda t: re.sub(r'data="\d+"', 'data="1"', re.sub(r"_x0000_s\d+", "_x0000_s1025", t)),
    ),  # fmt: skip
}


def _nest_legacy(xml: str) -> str:
    """The old defect: the comments' drawing put inside the data bar rule's own extension list."""
    tag = re.search(r'<legacyDrawing r:id="[^"]*"/>', xml).group(0)
    xml = xml.replace(tag, "", 1)
    return xml.replace("</x14:id></ext></extLst></cfRule>", f"</x14:id></ext>{tag}</extLst></cfRule>", 1)


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_the_check_fails_on_a_broken_file_of_each_rule(good: dict[str, Path], tmp_path: Path, rule: str) -> None:
    case = BROKEN[rule]
    if case[0] == "sheet":
        source = good["template"]
        name, change = sheet_part(source, case[1]), case[2]
    else:
        source, name, change = good[case[0]], case[1], case[2]
        if name == "processus":
            name = sheet_part(source, "Processus")
        elif name == "vml":
            name = "xl/drawings/vmlDrawing2.vml"
    assert problems(source) == []
    broken = rewrite(
        source, tmp_path / "broken.xlsx", lambda n, t: change(t) if n == name else (None if n == "" else t)
    )
    found = problems(broken)
    prefix = rule.removesuffix("-nested") + ":"
    assert any(p.startswith(prefix) for p in found), (rule, found)


def test_the_check_fails_on_broken_word_documents(outputs: Path, tmp_path: Path) -> None:
    letter = next((outputs / "documents" / "lettres_mission").glob("*.docx"))
    assert problems(letter) == []
    no_type = rewrite(letter, tmp_path / "a.docx", lambda n, t: (
        re.sub(r'<Override PartName="/word/styles.xml"[^>]*/>', "", t) if n == "[Content_Types].xml" else t)
        if n else None)  # fmt: skip
    assert any(p.startswith("content-type: word/styles.xml") for p in problems(no_type))
    no_styles = rewrite(
        letter, tmp_path / "b.docx", lambda n, t: (None if n == "word/styles.xml" else t) if n else None
    )
    assert any(p.startswith("relationship: word/_rels/document.xml.rels") for p in problems(no_styles))
    synthesis = outputs / "documents" / "synthese_etablissement.docx"
    with zipfile.ZipFile(synthesis) as archive:
        used = re.search(r'r:(?:id|embed)="(\w+)"', archive.read("word/document.xml").decode()).group(1)
    rels = "word/_rels/document.xml.rels"
    unknown = rewrite(synthesis, tmp_path / "c.docx", lambda n, t: (
        t.replace(f'Id="{used}"', 'Id="rIdGone"') if n == rels else t) if n else None)  # fmt: skip
    assert "relationship: word/document.xml" in " ".join(problems(unknown))
    assert any(p.endswith(f"={used} unknown") for p in problems(unknown))


def test_the_schema_order_is_the_standard_one() -> None:
    assert WORKSHEET_ORDER[:6] == ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData"]
    assert WORKSHEET_ORDER.index("legacyDrawing") == WORKSHEET_ORDER.index("drawing") + 1
    assert WORKSHEET_ORDER[-2:] == ["tableParts", "extLst"] and len(WORKSHEET_ORDER) == 39


def test_the_demo_workbooks_our_writers_made_conform() -> None:
    """The referential, the service workbooks and the filled observation grid of the demo."""
    found = {p.relative_to(DEMO).as_posix(): problems(p) for p in sorted(DEMO.rglob("*.xlsx"))}
    assert len(found) >= 29 and {name: p for name, p in found.items() if p} == {}


def _vml(block: int, shapes: int, prefix: str = "v") -> str:
    ids = "".join(f'<{prefix}:shape id="_x0000_s{1026 + i}" type="#_x0000_t202"/>' for i in range(shapes))
    return f'<xml><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{block}"/></o:shapelayout>{ids}</xml>'


def test_openpyxl_comment_drawings_get_their_own_shape_ids_clear_of_other_drawings(tmp_path: Path) -> None:
    from pca_xlsx.validate.package_text import number_comment_drawings

    parts = {
        "xl/drawings/vmlDrawing1.vml": _vml(1, 1),  # a form control's drawing, kept as it is
        "xl/drawings/commentsDrawing1.vml": _vml(1, 2, "ns0"),
        "xl/drawings/commentsDrawing2.vml": _vml(1, 3, "ns0"),
    }
    source = tmp_path / "in.zip"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    with zipfile.ZipFile(io.BytesIO(number_comment_drawings(source.read_bytes()))) as archive:
        out = {name: archive.read(name).decode() for name in parts}
    assert out["xl/drawings/vmlDrawing1.vml"] == parts["xl/drawings/vmlDrawing1.vml"]
    assert re.findall(r'data="(\d+)"|_x0000_s(\d+)', out["xl/drawings/commentsDrawing1.vml"]) == [
        ("2", ""), ("", "2049"), ("", "2050")
    ]  # fmt: skip
    assert re.findall(r'data="(\d+)"', out["xl/drawings/commentsDrawing2.vml"]) == ["3"]
    assert re.findall(r"_x0000_s(\d+)", out["xl/drawings/commentsDrawing2.vml"]) == ["3073", "3074", "3075"]
