"""The CSV/TSV neutraliser against its plain rule on tables of every shape: cells that start like a
formula (= + - @ tab CR, full-width ＝ ＋ － ＠) in text and typed columns and in the header, quoted
cells with delimiters, quotes and line breaks, Chinese text, a BOM, and the text cut into chunks
anywhere (inside a character, a quoted cell, a line break). Whether a block is passed on or written
again, the rows read back are those of the rule: text cells and header neutralised, typed cells exact."""
from __future__ import annotations

import csv
import io

from hypothesis import given, settings, strategies as st

from ckanext.harbin_opendata.common.cells import neutralise
from ckanext.harbin_opendata.data.text_cells import neutral_chunks

_PIECES = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", ",", '"', "\n", "1", "2.5", "道里区", "a", " ", "'"]
_CELLS = st.lists(st.sampled_from(_PIECES), max_size=5).map("".join)
_KINDS = ["text", "numeric", "int4", "date"]


def _written(rows: list[list[str]], tsv: bool, header_end: str = "\n") -> bytes:
    """The table as the DataStore's dump writes it: the header as Python's csv writes it (lines
    ending `header_end`; CKAN's \\r\\n), the records as PostgreSQL's COPY does (line breaks \\n), a
    cell quoted when it holds the delimiter, a quote, \\r or \\n."""
    delimiter = "\t" if tsv else ","

    def cell(value: str) -> str:
        if any(ch in value for ch in (delimiter, '"', "\r", "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [delimiter.join(map(cell, row)) for row in rows]
    return ("\ufeff" + "".join(line + (header_end if n == 0 else "\n") for n, line in enumerate(lines))).encode("utf-8")


def _record_ends(body: bytes) -> set[bytes]:
    """The line ends of `body`'s records (line breaks outside quotes): \\n or \\r\\n."""
    ends, quoted = set(), False
    for n, byte in enumerate(body):
        if byte == ord('"'):
            quoted = not quoted
        elif byte == ord("\n") and not quoted:
            ends.add(body[n - 1:n + 1] if n and body[n - 1] == ord("\r") else b"\n")
    return ends


def _chunked(body: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({cut % (len(body) + 1) for cut in cuts} | {0, len(body)})
    return [body[start:end] for start, end in zip(points, points[1:])]


def _read(body: bytes, tsv: bool) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), dialect="excel-tab" if tsv else "excel"))


@settings(max_examples=300, deadline=None)
@given(width=st.integers(1, 4), data=st.data(), tsv=st.booleans(),
       cuts=st.lists(st.integers(0, 10_000), max_size=12))
def test_rows_are_those_of_the_rule(width, data, tsv, cuts):
    header = data.draw(st.lists(_CELLS.filter(bool), min_size=width, max_size=width, unique=True))
    kinds = {name: data.draw(st.sampled_from(_KINDS)) for name in header}
    rows = data.draw(st.lists(st.lists(_CELLS, min_size=width, max_size=width), max_size=30))
    body = _written([header, *rows], tsv, header_end="\r\n")
    out = b"".join(neutral_chunks(_chunked(body, cuts), kinds, tsv=tsv))
    assert _record_ends(out) == {b"\n"}
    got = _read(out, tsv)
    typed = [kinds[name] != "text" for name in header]
    want = [[neutralise(name) for name in header],
            *[[cell if typed[n] else neutralise(cell) for n, cell in enumerate(row)] for row in rows]]
    assert got == _read(_written(want, tsv), tsv)


def test_a_block_without_formula_starts_is_passed_on_as_it_came():
    body = _written([["项目", "金额"], ["道里区供热", "5"], ["南岗区, 维修", "12"]], tsv=False)
    assert b"".join(neutral_chunks([body[:7], body[7:]], {"金额": "numeric"})) == body


def test_every_record_ends_as_copy_ends_its_lines():
    """CKAN's header line (\\r\\n) and the re-written blocks end \\n like COPY's rows, a cell's own
    \\r\\n kept inside its quotes."""
    body = _written([["项目", "说明"], ["道里区供热", "=1+1"], ["南岗区", "第一行\r\n第二行"]], tsv=False,
                    header_end="\r\n")
    out = b"".join(neutral_chunks([body], {}))
    assert _record_ends(out) == {b"\n"}
    assert _read(out, tsv=False) == [["项目", "说明"], ["道里区供热", "'=1+1"], ["南岗区", "第一行\r\n第二行"]]
    plain = _written([["项目"], ["道里区供热"]], tsv=True, header_end="\r\n")
    assert b"".join(neutral_chunks([plain], {})) == _written([["项目"], ["道里区供热"]], tsv=True)
