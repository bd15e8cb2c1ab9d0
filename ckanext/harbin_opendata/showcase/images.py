"""Images of reuse cases, uploaded through CKAN's uploader (storage/uploads/showcase/, the file
name munged and timestamped, the extension taken from the content). Only real images are taken:
the content decides, not the file name; an SVG only without scripts or outside references; none
larger than ckan.max_image_size. A picture on another website is refused: the portal's pages load
images from the portal only (CSP img-src 'self'), so it would show broken, and its host would learn
who looks at the case; a link saved before is kept but not shown."""
from __future__ import annotations

import mimetypes
import pathlib
import re
from typing import Any, Optional
from xml.etree import ElementTree

import magic
from werkzeug.datastructures import FileStorage

import ckan.lib.uploader as uploader
import ckan.plugins.toolkit as tk
from ckan.types import PUploader

__all__ = ["stage", "remove", "display_url", "is_stored_name", "check_image"]

_FIELD = "image_upload"
_STORED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # what CKAN's munge leaves: no path
# SVG elements that run code or pull in other documents.
_SVG_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_SVG_ACTIVE_TEXT = ("javascript:", "vbscript:", "@import", "data:text")
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*[^#'\"\s)]", re.I)


def is_url(value: Optional[str]) -> bool:
    return bool(value) and str(value).lower().startswith(("http://", "https://"))


def is_stored_name(value: str) -> bool:
    """A file name as the uploader stores it (no directory, no leading dot)."""
    return bool(_STORED_NAME.fullmatch(value)) and ".." not in value


def display_url(image_url: Optional[str]) -> Optional[str]:
    """The address of the case's image: an uploaded file under /uploads/showcase/; none for a link
    saved before links were refused (the browser would not load it)."""
    if not image_url or is_url(image_url):
        return None
    return tk.h.url_for_static(f"uploads/showcase/{image_url}", qualified=True)


def stage(data_dict: dict[str, Any], old: Optional[str]) -> PUploader:
    """Check an uploaded `image_upload` and put its future file name into `image_url` (CKAN's
    uploader pattern, data_dict changed in place); `clear_upload` drops the stored file. The
    returned uploader writes the file with .upload() once the case is valid and flushed."""
    upload_file = data_dict.get(_FIELD)
    if isinstance(upload_file, FileStorage) and upload_file.filename:
        mimetype = check_image(upload_file)
        # The content decides: CKAN's own check then agrees whatever the name or browser said.
        stem = pathlib.PurePath(upload_file.filename.replace("\\", "/")).stem or "image"
        upload_file.filename = stem + (mimetypes.guess_extension(mimetype) or "")
        upload_file.headers["Content-Type"] = mimetype
    if is_url(data_dict.get("image_url")) and data_dict.get("image_url") != old:
        raise tk.ValidationError({"image_url": [tk._(
            "Pictures on other websites cannot be shown on the portal: upload the picture file instead.")]})
    stored = old if old and not is_url(old) else None
    upload = uploader.get_uploader("showcase", stored)
    upload.update_data_dict(data_dict, "image_url", _FIELD, "clear_upload")
    if not data_dict.get("image_url"):
        data_dict.pop("image_url", None)  # cleared: no image, stored as NULL
    return upload


def remove(image_url: Optional[str]) -> None:
    """Delete the stored file of a deleted case (nothing for a link)."""
    if image_url and not is_url(image_url):
        upload = uploader.get_uploader("showcase", image_url)
        upload.update_data_dict({"image_url": image_url, "clear_upload": True}, "image_url", _FIELD, "clear_upload")
        upload.upload(uploader.get_max_image_size())


def check_image(upload_file: FileStorage) -> str:
    """The image's type; raises ValidationError (translated) unless the file is an allowed image
    within the size limit."""
    max_mb = uploader.get_max_image_size()
    stream = upload_file.stream
    data = stream.read(max_mb * 1024 * 1024 + 1)
    stream.seek(0)
    if len(data) > max_mb * 1024 * 1024:
        _refuse(tk._("The image is larger than {size} MB.").format(size=max_mb))
    allowed = tk.config["ckan.upload.showcase.mimetypes"]
    mimetype = magic.from_buffer(data[:2048], mime=True)
    if mimetype not in allowed:
        names = ", ".join(sorted({kind.split("/")[1].split("+")[0].upper() for kind in allowed}))
        _refuse(tk._("Only images can be uploaded ({types}).").format(types=names))
    if mimetype == "image/svg+xml" and not _svg_is_inert(data):
        _refuse(tk._("The SVG image contains scripts or links to other documents and is refused."))
    return mimetype


def _refuse(message: str) -> None:
    raise tk.ValidationError({_FIELD: [message]})


def _svg_is_inert(data: bytes) -> bool:
    """No script, event handler, outside link or entity: an SVG opened on its own runs nothing."""
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return False
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return False
    if _local(root.tag) != "svg":
        return False
    for element in root.iter():
        if _local(element.tag) in _SVG_ACTIVE or not _inert_text(element.text or ""):
            return False
        for name, value in element.attrib.items():
            name = _local(name)
            if name.startswith("on") or (name == "href" and not value.strip().startswith("#")):
                return False
            if not _inert_text(value):
                return False
    return True


def _inert_text(text: str) -> bool:
    lowered = re.sub(r"\s+", "", text).lower()
    return not any(marker in lowered for marker in _SVG_ACTIVE_TEXT) and not _OUTSIDE_URL.search(text)


def _local(name: Any) -> str:
    return str(name).rsplit("}", 1)[-1].lower()
