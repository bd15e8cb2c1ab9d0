"""Why a file cannot be read as tables. The code and its parameters make the user's message
(common/file_messages.py); nothing here is user text."""
from __future__ import annotations

__all__ = ["TableError"]


class TableError(ValueError):
    """The file is not (or not safely) readable as tables. Codes: "not_tabular" (kind: pdf, image,
    document, archive, binary), "unreadable" (kind: csv, xlsx, xls, ods, json, zip; embedded: a workbook
    embedding other files; binary_parts: a workbook holding a macro project or controls; xls_text: an XLS holding text outside its cells that no reader reads), "unpacked_too_large"
    (limit), "packed_too_densely" (ratio), "too_many_members" (limit), "nested_archive"."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params

    def stored(self) -> str:
        """"code:param" as kept on a scan row ("unreadable:xlsx", "unpacked_too_large:536870912")."""
        return ":".join([self.code, *map(str, self.params.values())])
