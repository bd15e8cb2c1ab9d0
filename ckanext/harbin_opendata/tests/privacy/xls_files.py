"""Old (BIFF8) XLS workbooks written record by record, as no package here writes them: one sheet of
text cells, with page headers and footers, notes (with their authors), text boxes and a chart. The Workbook
stream sits in a compound file of 512-byte sectors (one FAT sector, one directory sector)."""
from __future__ import annotations

import struct

__all__ = ["xls_workbook"]

_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_SECTOR = 512


def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _text(value: str, length_bytes: int = 2) -> bytes:
    """An XLUnicodeString (its length in 1 or 2 bytes), in UTF-16."""
    return struct.pack("<" + "BH"[length_bytes - 1], len(value)) + b"\x01" + value.encode("utf-16-le")


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))


def _note(row: int, column: int, number: int, author: str, text: str) -> tuple[bytes, bytes]:
    """The note's object and text box (among the sheet's drawings), and its NOTE record (at the end)."""
    shape = _record(0x005D, struct.pack("<HHHHH12x", 0x15, 18, 0x19, number, 0x4011) + struct.pack("<HH22x", 0x0D, 22)
                    + struct.pack("<HH", 0, 0))
    return (shape + _text_box(text),
            _record(0x001C, struct.pack("<HHHH", row, column, 0, number) + _text(author) + b"\x00"))


def _text_box(text: str) -> bytes:
    return (_record(0x01B6, struct.pack("<HH6sHHH", 0x0212, 0, b"\x00" * 6, len(text), 0, 0) + b"\x00" * 4)
            + _record(0x003C, b"\x01" + text.encode("utf-16-le")))


def _even_footer(text: str) -> bytes:
    """A HEADERFOOTER record with an even pages' footer only."""
    return _record(0x089C, struct.pack("<HH8x16sH4H", 0x089C, 0, b"\x00" * 16, 0, 0, len(text), 0, 0) + _text(text))


def _chart(labels: list[str]) -> bytes:
    """An embedded chart's substream: a series name and the cached values of its categories."""
    return (_bof(0x0020) + _record(0x100D, struct.pack("<H", 0) + _text(labels[0], 1))
            + b"".join(_record(0x0204, struct.pack("<HHH", row, 0, 0) + _text(label)) for row, label in enumerate(labels))
            + _record(0x000A))


def _sheet(rows: list[list[str]], header: str, footer: str, notes: list[tuple[str, str]], boxes: list[str],
           even_footer: str, chart: list[str]) -> bytes:
    cells = b"".join(_record(0x0204, struct.pack("<HHH", row, column, 15) + _text(value))
                     for row, values in enumerate(rows) for column, value in enumerate(values))
    drawn = [_note(1, 1, number + 1, author, text) for number, (author, text) in enumerate(notes)]
    return (_bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, max(map(len, rows)), 0))
            + (_record(0x0014, _text(header)) if header else b"") + (_record(0x0015, _text(footer)) if footer else b"")
            + (_even_footer(even_footer) if even_footer else b"") + cells + (_chart(chart) if chart else b"")
            + b"".join(shape for shape, _ in drawn) + b"".join(_text_box(text) for text in boxes)
            + b"".join(note for _, note in drawn) + _record(0x000A))


def _defined_name(name: str, value: str) -> bytes:
    """A NAME record whose formula is a string constant (a ptgStr token)."""
    formula = b"\x17" + _text(value, 1)
    return _record(0x0018, struct.pack("<HBBHHH4x", 0, 0, len(name), len(formula), 0, 0) + b"\x01"
                   + name.encode("utf-16-le") + formula)


def _stream(name: str, sheet: bytes, user: str, names: dict[str, str]) -> bytes:
    """The Workbook stream: the globals (padded past the 4096 bytes under which a stream would sit
    in the mini stream), then the sheet."""
    padding = _record(0x1234, b"\x00" * 4200)  # a record no reader knows, skipped
    padding += _record(0x005C, _text(user).ljust(112, b" ")) if user else b""
    padding += b"".join(_defined_name(defined, value) for defined, value in names.items())
    entry = lambda offset: _record(0x0085, struct.pack("<IBB", offset, 0, 0) + _text(name, 1))  # noqa: E731
    globals_size = len(_bof(0x0005) + _record(0x0042, struct.pack("<H", 1200)) + padding + entry(0) + _record(0x000A))
    return (_bof(0x0005) + _record(0x0042, struct.pack("<H", 1200)) + padding + entry(globals_size)
            + _record(0x000A) + sheet)


def _summary(author: str) -> bytes:
    """A \x05SummaryInformation property set: the code page (936, GBK) and the author (in GBK),
    padded past the mini stream's 4096 bytes."""
    author_bytes = author.encode("gbk") + b"\x00"
    values = struct.pack("<HxxH2x", 2, 936) + struct.pack("<HxxI", 0x1E, len(author_bytes)) + author_bytes
    section = struct.pack("<II", 8 + 16 + len(values), 2) + struct.pack("<IIII", 1, 24, 4, 24 + 8)
    head = struct.pack("<HHI16sI", 0xFFFE, 0, 0x20006, b"\x00" * 16, 1) + b"\x02\xd5\xcd\xd5" + b"\x00" * 12
    return (head + struct.pack("<I", 48) + section + values).ljust(4200, b"\x00")


def _directory_entry(name: str, kind: int, child: int, start: int, size: int, right: int = _FREE) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le") if name else b""
    return (encoded.ljust(64, b"\x00") + struct.pack("<HBBIII", len(encoded), kind, 1, _FREE, right, child)
            + b"\x00" * 36 + struct.pack("<III", start, size, 0))


def _chain(first: int, sectors: int) -> list[int]:
    return [first + number + 1 for number in range(sectors - 1)] + [_END]


def xls_workbook(rows: list[list[str]], name: str = "Sheet1", header: str = "", footer: str = "",
                 notes: list[tuple[str, str]] = (), boxes: list[str] = (), even_footer: str = "",
                 chart: list[str] = (), user: str = "", author: str = "", embedded: bool = False,
                 names: dict[str, str] = None) -> bytes:
    """An XLS file: `rows` of text cells, the page header and footer (and the even pages' footer),
    notes (author, text) on B2, text boxes that belong to no note, a chart of `chart`'s labels, the
    user who saved it last, the author of its document properties, an embedded object's storage,
    defined names with string constants."""
    stream = _stream(name, _sheet(rows, header, footer, list(notes), list(boxes), even_footer, list(chart)), user,
                     names or {})
    summary = _summary(author) if author else b""
    sectors, summary_sectors = -(-len(stream) // _SECTOR), -(-len(summary) // _SECTOR)
    assert sectors + summary_sectors <= 126, "one FAT sector"
    chain = [_FAT, _END] + _chain(2, sectors) + (_chain(2 + sectors, summary_sectors) if summary else [])
    fat = struct.pack("<128I", *(chain + [_FREE] * (128 - len(chain))))
    directory = (_directory_entry("Root Entry", 5, 1, _END, 0)
                 + _directory_entry("Workbook", 2, _FREE, 2, len(stream), right=2 if summary else _FREE)
                 + (_directory_entry("\x05SummaryInformation", 2, _FREE, 2 + sectors, len(summary),
                                     right=3 if embedded else _FREE) if summary
                    else _directory_entry("", 0, _FREE, 0, 0))
                 + (_directory_entry("MBD0001A2B3", 1, _FREE, 0, 0) if embedded else _directory_entry("", 0, _FREE, 0, 0)))
    head = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6,
            0, 1, 1, 0, 4096, _END, 0, _END, 0) + struct.pack("<I", 0) + struct.pack("<108I", *[_FREE] * 108))
    return (head + fat + directory + stream.ljust(sectors * _SECTOR, b"\x00")
            + summary.ljust(summary_sectors * _SECTOR, b"\x00"))
