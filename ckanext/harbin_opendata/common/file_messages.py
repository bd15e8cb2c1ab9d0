"""Why a file could not be had or read, in the reader's language: the codes of downloads.FileError
and tabular.TableError, as stored on a scan row ("too_large:2147483648", "unreadable:xlsx")."""
from __future__ import annotations

from typing import Callable, Optional

import ckan.plugins.toolkit as tk

__all__ = ["file_message"]


def _megabytes(value: str) -> str:
    return f"{int(value) / (1 << 20):.0f}" if value.isdigit() else value


def _not_tabular(kind: str) -> str:
    names = {"pdf": tk._("a PDF document"), "image": tk._("an image"), "document": tk._("an office document"),
             "archive": tk._("a compressed archive other than ZIP"), "binary": tk._("a binary file")}
    return tk._("The file is {kind}, not a table: its content cannot be checked for personal data.").format(
        kind=names.get(kind, names["binary"]))


def _unreadable(kind: str) -> str:
    return {
        "xlsx": tk._("The file is not a readable XLSX workbook."),
        "xls": tk._("The file is not a readable XLS workbook."),
        "ods": tk._("The file is not a readable ODS spreadsheet."),
        "zip": tk._("The ZIP archive is damaged or encrypted."),
        "encrypted": tk._("The workbook is protected by a password."),
        "embedded": tk._("The workbook embeds other files (objects), which are not checked for personal data: "
                         "remove them, or upload them separately."),
        "binary_parts": tk._("The workbook holds a macro project or controls (binary parts) whose text cannot be "
                             "checked for personal data: save it as an .xlsx workbook without macros and upload that."),
        "xls_text": tk._("The XLS workbook holds text boxes or shapes whose text cannot be checked for personal "
                         "data: save it as XLSX and upload that."),
        "json": tk._("The file is not valid JSON."),
        "encoding": tk._("The text file mixes character encodings (neither UTF-8 nor GBK throughout)."),
    }.get(kind, tk._("The file is not a readable table."))


_MESSAGES: dict[str, Callable[[str], str]] = {
    "bad_url": lambda arg: tk._("The resource's link is not an http(s) address."),
    "http_status": lambda arg: tk._("The linked file's server answered with HTTP status {status}.").format(status=arg),
    "too_large": lambda arg: tk._("The file is larger than the {mb} MB that are read.").format(mb=_megabytes(arg)),
    "unreachable": lambda arg: tk._("The linked file could not be fetched ({reason}).").format(reason=arg),
    "blocked_host": lambda arg: tk._(
        "The link points at an address the portal does not fetch files from ({host}).").format(host=arg),
    "upload_missing": lambda arg: tk._("The uploaded file is missing from the portal's storage."),
    "link_changed": lambda arg: tk._(
        "The linked file is no longer the one that was checked for personal data: it is being checked again."),
    "resource_gone": lambda arg: tk._("The file was removed or replaced before it was checked."),
    "internal": lambda arg: tk._("The check stopped on an internal error; the administrators can find it in the log."),
    "not_tabular": _not_tabular,
    "unreadable": _unreadable,
    "unpacked_too_large": lambda arg: tk._(
        "The file unpacks to more than {mb} MB: it is not read (a compressed file this large may be a "
        "\u201czip bomb\u201d).").format(mb=_megabytes(arg)),
    "packed_too_densely": lambda arg: tk._(
        "The file is packed more than {ratio} times denser than spreadsheets are (a \u201czip bomb\u201d?): it is "
        "not read.").format(ratio=arg),
    "too_many_members": lambda arg: tk._("The archive holds more than {count} files.").format(count=arg),
    "nested_archive": lambda arg: tk._("The archive holds another archive: unpack it and upload the tables."),
}


def file_message(code: Optional[str]) -> str:
    """The stored code as a sentence ("" for none)."""
    if not code:
        return ""
    name, _, arg = code.partition(":")
    return _MESSAGES[name](arg) if name in _MESSAGES else code
