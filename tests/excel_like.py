"""A workbook as Excel itself saves it, built from one of ours: data bar (with its rule's own
``extLst``), icon set and list validation in x14 extensions, a table, ``mc:Ignorable`` attributes
and the workbook's ``mc:AlternateContent`` (test fixture; no Excel needed)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from conformance import insert_child, rewrite

X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
BAR_ID = "{7D0F5E32-2B1C-4C5B-9E51-0A5E2C1F0001}"
CF_RULE = (
    '<conditionalFormatting sqref="A2:A40"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/>'
    '<cfvo type="max"/><color rgb="FF638EC6"/></dataBar><extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" '
    f'xmlns:x14="{X14}"><x14:id>{BAR_ID}</x14:id></ext></extLst></cfRule></conditionalFormatting>'
)
WORKSHEET_EXT = (
    f'<extLst><ext uri="{{78C0D931-6437-407d-A8EE-F0AAD7539E65}}" xmlns:x14="{X14}"><x14:conditionalFormattings>'
    f'<x14:conditionalFormatting xmlns:xm="{XM}"><x14:cfRule type="dataBar" id="{BAR_ID}"><x14:dataBar minLength="0" '
    'maxLength="100" gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor '
    'rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule><xm:sqref>A2:A40</xm:sqref>'
    f'</x14:conditionalFormatting><x14:conditionalFormatting xmlns:xm="{XM}"><x14:cfRule type="iconSet" priority="2" '
    'id="{7D0F5E32-2B1C-4C5B-9E51-0A5E2C1F0002}"><x14:iconSet iconSet="3Stars"><x14:cfvo type="percent"><xm:f>0</xm:f>'
    '</x14:cfvo><x14:cfvo type="percent"><xm:f>33</xm:f></x14:cfvo><x14:cfvo type="percent"><xm:f>67</xm:f></x14:cfvo>'
    "</x14:iconSet></x14:cfRule><xm:sqref>Z2:Z40</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings>"
    f'</ext><ext uri="{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}" xmlns:x14="{X14}"><x14:dataValidations count="1" '
    f'xmlns:xm="{XM}"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Listes!$A$1:$A$3</xm:f>'
    "</x14:formula1><xm:sqref>AA2:AA40</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
)
TABLE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" id="1" name="Tableau1" displayName="Tableau1" ref="AC1:AD3" totalsRowShown="0">'
    '<autoFilter ref="AC1:AD3"/><tableColumns count="2"><tableColumn id="1" name="Clé"/><tableColumn id="2" '
    'name="Valeur"/></tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" '
    'showRowStripes="1" showColumnStripes="0"/></table>'
)
ABS_PATH = (
    f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="x15"><x15ac:absPath url="C:\\PCA\\" '
    'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent>'
)


def sheet_part(path: Path, title: str) -> str:
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    sheets = [dict(re.findall(r'([\w:]+)="([^"]*)"', tag)) for tag in re.findall(r"<sheet\b[^>]*>", workbook)]
    rid = next(a["r:id"] for a in sheets if a["name"] == title)
    links = [dict(re.findall(r'([\w:]+)="([^"]*)"', tag)) for tag in re.findall(r"<Relationship\b[^>]*>", rels)]
    target = next(a["Target"] for a in links if a["Id"] == rid)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def excel_like(source: Path, target: Path) -> Path:
    """``source`` with what Excel writes on the ``Processus`` sheet: a data bar (its rule's own
    ``extLst``), an icon set and a list validation in x14 extensions, a table, ``mc:Ignorable``
    attributes, and the workbook's ``mc:AlternateContent``."""
    part = sheet_part(source, "Processus")
    folder, _, file = part.rpartition("/")

    rels = f"{folder}/_rels/{file}.rels"
    table_rel = (
        '<Relationship Id="rIdTable1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/table" Target="../tables/table1.xml"/>'
    )

    def edit_part(name: str, text: str):
        if name == part:
            text = text.replace(
                "<worksheet ",
                f'<worksheet xmlns:mc="{MC}" mc:Ignorable="x14ac" '
                'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" ',
                1,
            )
            text = insert_child(text, CF_RULE, "conditionalFormatting")
            text = insert_child(text, '<tableParts count="1"><tablePart r:id="rIdTable1"/></tableParts>', "tableParts")
            return insert_child(text, WORKSHEET_EXT, "extLst")
        if name == rels:
            return text.replace("</Relationships>", table_rel + "</Relationships>")
        if name == "[Content_Types].xml":
            return text.replace(
                "</Types>",
                '<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.table+xml"/></Types>',
            )
        if name == "xl/workbook.xml":
            return re.sub(r"(<workbook\b[^>]*>)", lambda m: m.group(1) + ABS_PATH, text, count=1)
        if name == "":
            return ("xl/tables/table1.xml", TABLE)
        return text

    rewrite(source, target, edit_part)
    if rels not in zipfile.ZipFile(target).namelist():  # xlsxwriter writes none for a sheet without links
        with zipfile.ZipFile(target, "a") as archive:
            archive.writestr(
                rels,
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
                f'openxmlformats.org/package/2006/relationships">{table_rel}</Relationships>',
            )
    return target
