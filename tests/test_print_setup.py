"""The consolidated workbook as printed: read from the written file (page setup, print titles, row
breaks, column widths), never from the writer's state."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

#: Width units that print on one landscape A4 page at the size every sheet keeps (pca_xlsx.write.layout).
PAGE_WIDTH = 420


@pytest.fixture(scope="module")
def book(demo_run):
    """(sheet name -> its XML, workbook.xml, openpyxl workbook) of the demo GHT's consolidated workbook."""
    path = demo_run[1] / "consolidation" / "PCA_consolide.xlsx"
    wb = openpyxl.load_workbook(path)
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
        sheets = re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="rId(\d+)"', workbook)
        xml = {name.replace("&apos;", "'"): z.read(f"xl/worksheets/sheet{i}.xml").decode() for name, i in sheets}
    return xml, workbook, wb


def _titles(workbook: str, wb, name: str) -> str | None:
    """The print titles of sheet ``name`` as written (e.g. ``$25:$25``, ``$A:$C``), None if none."""
    index = wb.sheetnames.index(name)
    found = re.search(rf'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">([^<]*)<', workbook)
    return None if found is None else ",".join(part.split("!")[1] for part in found.group(1).split(","))


def _rows(ref: str) -> tuple[int, int]:
    first, last = ref.split(":")
    return int(re.sub(r"[A-Z]", "", first)), int(re.sub(r"[A-Z]", "", last))


def test_a_repeated_header_row_is_the_sheets_last_table(book) -> None:
    """A print title row prints on every page after it: it must be the header of the lowest table, else the
    rows of the tables below print under another table's headings (issue 11)."""
    _, workbook, wb = book
    checked = 0
    for ws in wb.worksheets:
        titles = _titles(workbook, wb, ws.title) or ""
        rows = re.search(r"\$(\d+):\$\d+", titles)
        if rows is None:
            continue
        lowest = max(_rows(t.ref)[0] for t in ws.tables.values())
        assert int(rows.group(1)) == lowest, ws.title
        checked += 1
    assert checked >= 10


def test_the_vital_register_and_the_list_to_test_print_apart(book) -> None:
    xml, workbook, wb = book
    ws = wb["Processus vitaux"]
    register, to_test = (_rows(ws.tables[n].ref) for n in ("T_Registre_processus_vitaux", "T_Vitaux_a_tester"))
    assert register == (7, 21)  # 14 unprotected vital processes in the demo GHT, header on row 7
    # the list to test starts a new page (a break after row 22, its title on row 23), its header on every page
    assert ws["A23"].value == f"À tester en priorité : {to_test[1] - to_test[0]}"
    assert re.findall(r'<brk id="(\d+)"[^>]*man="1"/>', xml["Processus vitaux"]) == ["22"]
    assert _titles(workbook, wb, "Processus vitaux") == f"${to_test[0]}:${to_test[0]}" == "$25:$25"


def test_the_synthesis_repeats_the_services_header_below_the_pole_tables(book) -> None:
    _, workbook, wb = book
    ws = wb["Synthèse"]
    services, poles, board = (_rows(ws.tables[n].ref) for n in
                              ("T_Synthese_services", "T_Synthese_poles", "T_Tableau_de_bord_poles"))  # fmt: skip
    assert poles[1] < board[0] < board[1] < services[0]
    assert ws.cell(services[0] - 1, 1).value == "Par service"
    assert _titles(workbook, wb, "Synthèse") == f"${services[0]}:${services[0]}"


def test_the_control_sheet_repeats_no_header_and_centres_its_status(book) -> None:
    xml, workbook, wb = book
    ws = wb["Contrôle"]
    assert _titles(workbook, wb, "Contrôle") is None  # the reconciliation table follows the per-file one
    for name in ("T_Controle", "T_Controle_niveaux"):
        top, last = _rows(ws.tables[name].ref)
        status = [c.value for c in ws[top]].index("Statut") + 1
        cells = [ws.cell(r, status) for r in range(top + 1, last + 1) if ws.cell(r, status).value]
        assert cells and {c.value for c in cells} == {"OK"} and {c.alignment.horizontal for c in cells} == {"center"}


def _widths(sheet: str) -> dict[int, float]:
    """Column (1-based) -> width as the writer set it (the file's width less xlsxwriter's padding, 0.71)."""
    spans = re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', sheet)
    return {c: float(w) - 0.71 for a, b, w in spans for c in range(int(a), int(b) + 1)}


def test_the_it_restart_sheet_prints_its_row_labels_on_each_page_at_the_common_size(book) -> None:
    """26 columns: one page wide would print it at half the size of the other sheets. It takes as many pages as
    keep every page within one page's width, each with Rang, Palier and Ressource (the frozen columns)."""
    xml, workbook, wb = book
    ws = wb["Reprise SI"]
    top, _ = _rows(ws.tables["T_Reprise_SI"].ref)
    assert [ws.cell(top, c).value for c in (1, 2, 3)] == ["Rang", "Palier", "Ressource"]
    assert ws.freeze_panes == f"D{top + 1}"
    setup = re.search(r"<pageSetup [^>]*/>", xml["Reprise SI"]).group(0)
    assert 'orientation="landscape"' in setup and 'fitToHeight="0"' in setup
    assert 'fitToWidth="3"' in setup and _titles(workbook, wb, "Reprise SI") == "$A:$C"
    widths = _widths(xml["Reprise SI"])
    labels, rest = sum(widths[c] for c in (1, 2, 3)), sum(w for c, w in widths.items() if c > 3)
    assert labels + rest / 3 <= PAGE_WIDTH < labels + rest / 2


def test_every_other_sheet_prints_one_page_wide(book) -> None:
    xml, _, _ = book
    for name, sheet in xml.items():
        setup = re.search(r"<pageSetup [^>]*/>", sheet).group(0)
        assert 'orientation="landscape"' in setup and 'paperSize="9"' in setup, name
        assert ("fitToWidth" in setup) == (name == "Reprise SI"), name
        assert '<printOptions horizontalCentered="1"/>' in sheet, name


def test_the_validation_summary_rows_are_tall_enough_for_their_wrapped_texts(demo_run) -> None:
    """« Résumé » of the validation report: a pôle name longer than its column (28 characters) wraps, and its
    row is as tall as its lines (LibreOffice printed « Pôle Numérique et Ingénierie biomédicale » over the next
    row). Expected lines from the referential's pôle names, not from the writer."""
    from demo_data.referential import POLES, SERVICES

    from pca_xlsx.validate.summary import COLUMNS

    _, out = demo_run
    ws = openpyxl.load_workbook(out / "validation" / "rapport_validation.xlsx")["Résumé"]
    header, *rows = ws[ws.tables["Services"].ref]
    at = [c.value for c in header].index("Pôle")
    width = dict(COLUMNS)["Pôle"]
    pole_name = {p["code"]: p["name"] for p in POLES}
    long = {s["code"] for s in SERVICES if len(pole_name.get(s.get("pole"), "")) > width - 2}
    assert "BIOMED" in long
    for row in rows:
        code, pole = row[0].value, row[at].value or ""
        lines = -(-len(pole) // (width - 2))
        height = ws.row_dimensions[row[0].row].height
        if code in long:
            assert lines >= 2 and height == 15 * lines, (code, pole, height)
