"""Names of uploaded resource files. CKAN keeps only ASCII letters of a name, so 哈尔滨市低保名单.csv
became ".csv" and ..\\..\\x.csv "....x.csv": hidden files when downloaded. Leading dots go, and a
name left without letters or digits is called data.<extension>; everything else is CKAN's own
sanitising (path parts, control characters and markup removed; the file is stored under the
resource id, never under this name)."""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib import munge
from ckan.lib.uploader import ResourceUpload

__all__ = ["file_name", "HarbinResourceUpload"]

_EXTENSION = re.compile(r"\.[a-z0-9]{1,10}$")


def file_name(filename: str) -> str:
    """CKAN's munged name without leading dots (no hidden files), or data.<extension> when
    nothing of the name itself is left."""
    name = munge.munge_filename(filename)
    extension = _EXTENSION.search(name)
    suffix = extension.group(0) if extension else ""
    stem = name[:len(name) - len(suffix)].lstrip(".-_ ")
    return (stem if re.search(r"[a-z0-9]", stem) else "data") + suffix


class HarbinResourceUpload(ResourceUpload):
    def __init__(self, resource: dict[str, Any]) -> None:
        super().__init__(resource)
        if self.filename:
            self.filename = resource["url"] = file_name(self.filename)

    def upload(self, id: str, max_size: int = 10) -> None:
        """CKAN's upload, with its untranslated "File upload too large" said in the reader's language."""
        try:
            super().upload(id, max_size)
        except tk.ValidationError as error:
            if error.error_dict.get("upload") == ["File upload too large"]:
                raise tk.ValidationError({"upload": [tk._(
                    "The file is larger than the {mb} MB allowed for an upload.").format(mb=max_size)]})
            raise
