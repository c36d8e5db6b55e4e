"""Word documents rendered from a template prepared once (documents/compiled.py) are docxtpl's own,
part by part, and the zip writer under them (core/zipped.py) gives archives any zip reader checks."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docxtpl import DocxTemplate
from lxml import etree

from pca_xlsx import pipeline
from pca_xlsx.core.zipped import Entry, write_zip
from pca_xlsx.documents import BINDER
from pca_xlsx.documents import compiled as compiled_module
from pca_xlsx.documents import streamed as streamed_module
from pca_xlsx.documents.compiled import plain_properties
from pca_xlsx.documents.context import Sources
from pca_xlsx.documents.crisis import service_binder_context
from pca_xlsx.documents.render import PACKAGE_TEMPLATES, Job, environment, render_one
from pca_xlsx.documents.text import clean


def _parts(content) -> dict[str, bytes]:
    """Each part of a .docx, XML in canonical form (attribute order and declarations aside)."""
    with zipfile.ZipFile(content if isinstance(content, Path) else io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        out = {}
        for name in archive.namelist():
            data = archive.read(name)
            out[name] = (
                etree.tostring(etree.fromstring(data), method="c14n") if name.endswith((".xml", ".rels")) else data
            )
        return out


def _docxtpl(template: Path, context: dict) -> bytes:
    """docxtpl's own render (its properties as typed, as ours: see the next test)."""
    tpl = DocxTemplate(template)
    tpl.render(clean(context), environment(), autoescape=True)
    plain_properties(tpl.docx)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def test_the_zip_writer_gives_what_zipfile_reads_back():
    files = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w>" + b"abc" * 5000 + b"</w>",
             "médias/é.txt": "été".encode(), "vide": b""}  # fmt: skip
    moment = time.struct_time((2026, 12, 6, 18, 41, 37, 6, 340, 0))
    data = write_zip([Entry.of(name, content) for name, content in files.items()], moment)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == list(files)
        assert {name: archive.read(name) for name in files} == files
        infos = archive.infolist()
        assert {info.date_time for info in infos} == {(2026, 12, 6, 18, 41, 36)}  # DOS time: 2-second steps
        assert [info.compress_type for info in infos] == [zipfile.ZIP_DEFLATED] * 4
        assert [bool(info.flag_bits & 0x800) for info in infos] == [False, False, True, False]
    assert infos[1].compress_size < 200 < infos[1].file_size


def test_a_prepared_template_renders_body_header_footer_and_title_like_docxtpl(tmp_path):
    doc = Document()
    doc.core_properties.title = "Fiche {{ service }}"
    doc.sections[0].header.paragraphs[0].text = "En-tête {{ service }}"
    doc.sections[0].footer.paragraphs[0].text = "Pied {{ date }}"
    doc.add_paragraph("{% for p in processes %}")
    doc.add_paragraph("{{ p.name }} — {{ p.rto }} h")
    doc.add_paragraph("{% endfor %}")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Service", "{{ service }}"
    table.cell(1, 0).text, table.cell(1, 1).text = "Ligne", "a\nb & <c>"
    doc.save(tmp_path / "t.docx")
    context = {"service": "Soins d'urgence & <réa>", "date": "06/12/2026",
               "processes": [{"name": "Admission", "rto": 4}, {"name": "Prescription", "rto": 1}]}  # fmt: skip
    for n in (1, 2):  # the second render reuses the prepared template
        render_one(Job("t.docx", dict(context, date=f"0{n}/12/2026"), tmp_path / f"o{n}.docx"), tmp_path)
        assert _parts(tmp_path / f"o{n}.docx") == _parts(
            _docxtpl(tmp_path / "t.docx", dict(context, date=f"0{n}/12/2026"))
        )
    out = Document(tmp_path / "o2.docx")
    assert out.core_properties.title == "Fiche Soins d'urgence & <réa>"  # docxtpl alone: « d&#39;urgence &amp; »
    assert out.sections[0].header.paragraphs[0].text == "En-tête Soins d'urgence & <réa>"
    assert out.sections[0].footer.paragraphs[0].text == "Pied 02/12/2026"
    assert [p.text for p in out.paragraphs if p.text] == ["Admission — 4 h", "Prescription — 1 h"]


def test_every_shipped_template_without_images_renders_as_docxtpl_does(folder, tmp_path, monkeypatch):
    """A run and an exercise kit (one process, so every render is seen here): each document is the
    bytes docxtpl gives for the same template and context, part by part."""
    seen: list[tuple[str, dict, bytes]] = []
    real = compiled_module.Compiled.render

    def recorded(self, context, env):
        content = real(self, context, env)
        seen.append((self, dict(context), content))
        return content

    monkeypatch.setattr(compiled_module.Compiled, "render", recorded)
    streamed: list[bool] = []
    monkeypatch.setattr(streamed_module, "body_entry", _recording(streamed_module.body_entry, streamed))
    options = pipeline.Options(folder, tmp_path / "output", jobs=1)
    assert pipeline.run(options).exit_code == 0
    pipeline.exercise(options, "Cyberattaque généralisée", None, "05/11/2026")
    result = pipeline.validate(options, write=False)
    result.consolidation = pipeline.consolidation(result, tmp_path / "binder", snapshot=False)
    sources = Sources(result.referential, result.tables, result.consolidation, today=result.consolidation.today)
    render_one(Job(BINDER, service_binder_context(sources, "REA"), tmp_path / "binder.docx"), PACKAGE_TEMPLATES)
    paths = {path: ready for path, ready in compiled_module._COMPILED.items()}
    names = {next(path.name for path, r in paths.items() if r is ready) for ready, _, _ in seen}
    shipped = {p.name for p in PACKAGE_TEMPLATES.glob("*.docx")}
    assert names == shipped - {"synthese_etablissement.docx"}  # the synthesis has charts: docxtpl's full path
    checked = set()
    for ready, context, content in seen:
        name = next(path.name for path, r in paths.items() if r is ready)
        if name in checked:
            continue
        checked.add(name)
        assert _parts(content) == _parts(_docxtpl(PACKAGE_TEMPLATES / name, context)), name
    assert checked == names
    plain = [ok for images, ok in streamed if not images]  # every body written as rendered, without docxtpl's tree
    assert len(plain) == len(seen) and all(plain) and all(ok for _, ok in streamed)


def _recording(function, results: list):
    def recorded(name, around, texts, numbered_from=None):
        out = function(name, around, texts, numbered_from)
        results.append((numbered_from is not None, out is not None))  # (a document with images, streamed)
        return out

    return recorded


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WP_NS = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
GRID = '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>'
SPAN = '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc>'
CELL = "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"


def _body(*content: str) -> str:
    return f'<w:body {W_NS} {WP_NS}><w:p><w:r><w:t xml:space="preserve">L&#39;été &amp; </w:t></w:r></w:p>{"".join(content)}</w:body>'


def _table(*rows: str, grid: str = GRID) -> str:
    return f"<w:tbl>{grid}{''.join(f'<w:tr>{row}</w:tr>' for row in rows)}</w:tbl>"


@pytest.mark.parametrize(
    "xml, docxtpl_changes_it",
    [
        (_body(_table(CELL * 2, SPAN)), False),
        (_body(_table(CELL * 2), _table(CELL * 2, CELL * 2)), False),
        (_body(_table(f"<w:tc>{_table(CELL * 2)}<w:p/></w:tc>" + CELL)), False),  # a table in a cell
        (_body(_table(CELL * 3)), True),  # a row with more cells than the grid: columns added
        (_body(_table(CELL)), True),  # fewer: columns removed
        (_body(_table(CELL * 2, CELL * 3)), True),
        (_body(_table(f"<w:tc>{_table(CELL * 3)}<w:p/></w:tc>" + CELL)), True),  # the inner one
        (_body('<w:p><w:r><wp:docPr id="1" name="Image"/></w:r></w:p>'), True),  # an image: renumbered
        (_body("<w:p>"), True),  # malformed: docxtpl's parser recovers it
        (_body("<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"), True),  # no grid: docxtpl's own error
    ],
)
def test_a_body_is_written_as_rendered_only_when_docxtpls_tree_would_change_nothing(xml, docxtpl_changes_it):
    """documents/streamed.body_entry: the streamed check says when docxtpl's tree (about ten times the
    text in memory) is needed; when it is not, the part is the body as rendered between its surroundings
    (here fed in three pieces)."""
    thirds = [xml[: len(xml) // 3], xml[len(xml) // 3 : 2 * len(xml) // 3], xml[2 * len(xml) // 3 :]]
    streamed = streamed_module.body_entry("word/document.xml", [b"<avant>", b"</apres>"], thirds)
    assert (streamed is None) == _docxtpl_changes(xml) == docxtpl_changes_it
    if streamed is not None:
        part = zipfile.ZipFile(io.BytesIO(write_zip([streamed]))).read("word/document.xml")
        assert part == b"<avant>" + xml.encode("utf-8") + b"</apres>"


def _docxtpl_changes(xml: str) -> bool:
    """Whether docxtpl's steps after Jinja (tables' grids, images' ids, recovering parser) change the body."""
    tpl = DocxTemplate.__new__(DocxTemplate)  # its two methods need no document
    tpl.docx_ids_index = 1000
    try:
        plain = etree.fromstring(xml)
        tree = tpl.fix_tables(xml)
        tpl.fix_docpr_ids(tree)
    except (etree.XMLSyntaxError, AttributeError):
        return True
    return etree.tostring(tree, method="c14n") != etree.tostring(plain, method="c14n")


def test_a_damaged_template_is_still_a_french_error(tmp_path):
    (tmp_path / "t.docx").write_bytes(b"PK\x03\x04 pas un docx")
    with pytest.raises(Exception, match="illisible ou endommagé"):
        render_one(Job("t.docx", {}, tmp_path / "o.docx"), tmp_path)


@pytest.mark.parametrize("chunk", [1 << 20, 2000])
def test_the_synthesis_with_its_charts_is_docxtpls_own_document(demo_run, tmp_path, monkeypatch, chunk):
    """A document with images (the synthesis's charts) is written from its body as rendered, the images
    numbered as docxtpl numbers them: the same package as docxtpl's, part by part (images included) — also
    when its body comes in pieces of about 2,000 characters (the images numbered across pieces)."""
    monkeypatch.setattr(streamed_module, "CHUNK", chunk)
    from docx.shared import Mm
    from docxtpl import InlineImage

    from pca_xlsx.documents import SYNTHESIS, _synthesis_context
    from pca_xlsx.documents.hospital import CHART_WIDTH_MM, CHART_WIDTHS, make_charts

    result, _ = demo_run
    sources = Sources(result.referential, result.tables, result.consolidation, today=result.consolidation.today)
    images = {k: (png, CHART_WIDTHS.get(k, CHART_WIDTH_MM)) for k, png in make_charts(sources, tmp_path).items()}
    context = _synthesis_context(sources)
    streamed: list[bool] = []
    monkeypatch.setattr(streamed_module, "body_entry", _recording(streamed_module.body_entry, streamed))
    render_one(Job(SYNTHESIS, context, tmp_path / "ours.docx", images), PACKAGE_TEMPLATES)
    tpl = DocxTemplate(PACKAGE_TEMPLATES / SYNTHESIS)
    theirs = clean(context)
    theirs.update({key: InlineImage(tpl, png, width=Mm(width)) for key, (png, width) in images.items()})
    tpl.render(theirs, environment(), autoescape=True)
    plain_properties(tpl.docx)
    tpl.save(tmp_path / "theirs.docx")
    ours = _parts(tmp_path / "ours.docx")
    assert streamed == [(True, True)] and len(images) >= 2
    assert sum(name.startswith("word/media/") for name in ours) == len(images)
    assert ours == _parts(tmp_path / "theirs.docx")


def _listing_template(path: Path) -> None:
    doc = Document()
    doc.add_paragraph("{% for p in processes %}")
    doc.add_paragraph("{{ p.name }} — {{ p.note }}")
    doc.add_paragraph("{% endfor %}")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "{{ processes|length }}", "{{ last }}"
    doc.add_paragraph("Fin {{ last }}")
    doc.save(path)


def test_a_body_rendered_in_pieces_is_docxtpls_own_text(tmp_path, monkeypatch):
    """documents/streamed.pieces: Jinja's output cut into many pieces (about 200 characters each), each
    right after a paragraph's end and put through docxtpl's text steps — line breaks, tabs and paragraph
    marks typed in the text included (``resolve_listing``): joined, exactly docxtpl's ``render_xml_part``;
    and the whole document, rendered from them, docxtpl's own package."""
    monkeypatch.setattr(streamed_module, "CHUNK", 200)
    _listing_template(tmp_path / "t.docx")
    note = "ligne 1\nligne 2\tcolonne\aparagraphe & <b>"
    context = {"processes": [{"name": f"Processus {i}", "note": note} for i in range(40)], "last": "fin\ttab"}
    tpl = DocxTemplate(tmp_path / "t.docx")
    tpl.render_init()
    source = tpl.patch_xml(tpl.get_xml())
    texts = list(streamed_module.pieces(tpl, source, tpl.docx.part, context, environment()))
    expected = DocxTemplate(tmp_path / "t.docx")
    expected.render_init()
    assert "".join(texts) == expected.render_xml_part(source, expected.docx.part, context, environment())
    assert len(texts) > 20 and all(text.endswith("</w:p>") for text in texts[:-1])
    assert "<w:tab/>" in texts[3] and "<w:br/>" in texts[3]  # resolved within the piece
    seen: list[tuple[bool, bool]] = []
    monkeypatch.setattr(streamed_module, "body_entry", _recording(streamed_module.body_entry, seen))
    render_one(Job("t.docx", context, tmp_path / "o.docx"), tmp_path)
    assert seen == [(False, True)]
    assert _parts(tmp_path / "o.docx") == _parts(_docxtpl(tmp_path / "t.docx", context))
