"""XLSX workbooks with parts the cell reader never opens, planted into a workbook openpyxl saved:
a pivot table's cache (a copy of its source's cells, kept when the source sheet is deleted), an
external link's cache of the linked cells, document properties."""
from __future__ import annotations

import zipfile
from html import escape

__all__ = ["with_parts", "pivot_cache_parts", "external_link_part", "app_properties"]

_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def with_parts(source, target, parts: dict[str, str]) -> None:
    """A copy of the workbook `source` with `parts` (name: XML) added or replacing its own."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in original.infolist():
            if member.filename not in parts:
                copy.writestr(member, original.read(member.filename))
        for name, xml in parts.items():
            copy.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml)


def _item(value: str) -> str:
    kind = "n" if value.replace(".", "", 1).isdigit() and len(value) < 16 else "s"
    return f'<{kind} v="{escape(value)}"/>'


def pivot_cache_parts(header: list[str], rows: list[list[str]], shared: set[str]) -> dict[str, str]:
    """A pivot cache of the table: the columns named in `shared` as shared items (distinct values
    the records point to), the others inline in each record, as Excel writes them."""
    distinct = {name: sorted({row[index] for row in rows}) for index, name in enumerate(header) if name in shared}
    fields = "".join(
        f'<cacheField name="{escape(name)}" numFmtId="0"><sharedItems count="{len(distinct[name])}">'
        + "".join(_item(value) for value in distinct[name]) + "</sharedItems></cacheField>"
        if name in shared else f'<cacheField name="{escape(name)}" numFmtId="0"><sharedItems/></cacheField>'
        for name in header)
    definition = (f'<pivotCacheDefinition {_MAIN} recordCount="{len(rows)}"><cacheSource type="worksheet">'
                  f'<worksheetSource ref="A1:M{len(rows) + 1}" sheet="花名册"/></cacheSource>'
                  f'<cacheFields count="{len(header)}">{fields}</cacheFields></pivotCacheDefinition>')
    records = "".join(
        "<r>" + "".join(f'<x v="{distinct[name].index(row[index])}"/>' if name in shared else _item(row[index])
                        for index, name in enumerate(header)) + "</r>" for row in rows)
    return {"xl/pivotCache/pivotCacheDefinition1.xml": definition,
            "xl/pivotCache/pivotCacheRecords1.xml": f'<pivotCacheRecords {_MAIN} count="{len(rows)}">{records}</pivotCacheRecords>'}


def external_link_part(values: list[str], column: str = "C") -> dict[str, str]:
    """A link to another workbook's register, with the cached values of one of its columns."""
    rows = "".join(f'<row r="{number}"><cell r="{column}{number}" t="str"><v>{escape(value)}</v></cell></row>'
                   for number, value in enumerate(values, start=2))
    return {"xl/externalLinks/externalLink1.xml":
            f'<externalLink {_MAIN}><externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships" r:id="rId1"><sheetNames><sheetName val="花名册"/></sheetNames><sheetDataSet>'
            f'<sheetData sheetId="0">{rows}</sheetData></sheetDataSet></externalBook></externalLink>'}


def app_properties(manager: str) -> dict[str, str]:
    return {"docProps/app.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
            f'properties"><Application>Microsoft Excel</Application><Manager>{escape(manager)}</Manager>'
            '<Company>哈尔滨市道里区民政局</Company></Properties>'}
