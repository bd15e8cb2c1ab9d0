"""Uploaded resource files.

Names: CKAN keeps only ASCII letters of a name, so 哈尔滨市低保名单.csv became ".csv" and
..\\..\\x.csv "....x.csv": hidden files when downloaded. Leading dots go, and a name left without
letters or digits is called data.<extension>; everything else is CKAN's own sanitising (path
parts, control characters and markup removed; the file is stored under the resource id, never
under this name).

Timing: CKAN writes a new file over the resource's stored one before the transaction that records
it commits (and indexes the entry), so for a second or more the old record — its file checked and
public — served the new, unchecked file. Here the new file is written beside the stored one and
moved into place only once the transaction has committed (then the record says it is unchecked,
hidden until its scan), before anything queued at that commit runs; a rolled-back transaction
leaves the stored file as it was."""
from __future__ import annotations

import contextlib
import logging
import os
import re
import uuid
from typing import Any

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib import munge
from ckan.lib.uploader import ResourceUpload, _copy_file

from .privacy.scan.pinyin_names import pinyin_name_in

__all__ = ["file_name", "HarbinResourceUpload", "listen_for_commits"]

log = logging.getLogger(__name__)
_STAGED = "harbin_staged_uploads"  # on the session: (new file, stored file) moved at its commit

_EXTENSION = re.compile(r"\.[a-z0-9]{1,10}$")


def file_name(filename: str) -> str:
    """CKAN's munged name without leading dots (no hidden files), or data.<extension> when
    nothing of the name itself is left, or when it holds a person's name in pinyin
    (wangjianguo_xinxi.csv: the name would be public in the file's address, as 王建国信息.csv's
    characters would be had CKAN kept them)."""
    name = munge.munge_filename(filename)
    extension = _EXTENSION.search(name)
    suffix = extension.group(0) if extension else ""
    stem = name[:len(name) - len(suffix)].lstrip(".-_ ")
    given = os.path.splitext(re.split(r"[\\/]", filename)[-1])[0]  # as the browser sent it (a path's last part)
    named = pinyin_name_in(given) or pinyin_name_in(stem)
    return (stem if re.search(r"[a-z0-9]", stem) and not named else "data") + suffix


class HarbinResourceUpload(ResourceUpload):
    def __init__(self, resource: dict[str, Any]) -> None:
        given = getattr(resource.get("upload"), "filename", None)  # as sent: CKAN's munging joins a path's parts
        super().__init__(resource)
        if getattr(self, "filename", None):  # (CKAN sets none when no storage is configured)
            self.filename = resource["url"] = file_name(given if isinstance(given, str) and given else self.filename)

    def upload(self, id: str, max_size: int = 10) -> None:
        """CKAN's upload, the new file staged until the commit, and CKAN's untranslated "File upload
        too large" said in the reader's language."""
        try:
            if self.storage_path and getattr(self, "filename", None):
                self._stage(id, max_size)
            else:
                super().upload(id, max_size)  # nothing written (a cleared upload removes the file)
        except tk.ValidationError as error:
            if error.error_dict.get("upload") == ["File upload too large"]:
                raise tk.ValidationError({"upload": [tk._(
                    "The file is larger than the {mb} MB allowed for an upload.").format(mb=max_size)]})
            raise

    def _stage(self, id: str, max_size: int) -> None:
        os.makedirs(self.get_directory(id), exist_ok=True)
        stored = self.get_path(id)
        staged = f"{stored}~{uuid.uuid4().hex}"
        assert self.upload_file
        try:
            with open(staged, "wb") as output:
                _copy_file(self.upload_file, output, max_size)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.remove(staged)
            raise
        finally:
            self.upload_file.close()
        model.Session.info.setdefault(_STAGED, []).append((staged, stored))


def _move_into_place(session: Any) -> None:
    for staged, stored in session.info.pop(_STAGED, []):
        try:
            os.replace(staged, stored)
        except OSError:  # the record is committed: its scan reads the old file, which was public already
            log.exception("Could not move the uploaded file %s into place", staged)


def _discard(session: Any) -> None:
    for staged, _stored in session.info.pop(_STAGED, []):
        with contextlib.suppress(FileNotFoundError):
            os.remove(staged)


def listen_for_commits() -> None:
    """Staged files move at the commit, before the other after-commit listeners (the scans queued
    at that commit read the new file)."""
    if not sa.event.contains(model.Session, "after_commit", _move_into_place):
        sa.event.listen(model.Session, "after_commit", _move_into_place, insert=True)
        sa.event.listen(model.Session, "after_rollback", _discard)
