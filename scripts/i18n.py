"""Refresh the translation catalogs: extract strings, update the zh_Hans_CN and en catalogs, fill
English from the (English) source strings, compile .mo files, and list what zh_Hans_CN lacks.

Run with the virtualenv's python from the repository root: .venv/bin/python scripts/i18n.py
Add Chinese translations with --add FILE.json ({"English msgid": "中文", "plural msgid": ["单数", "复数"]}).
"""
from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

I18N = pathlib.Path("ckanext/harbin_opendata/i18n")
DOMAIN = "ckanext-harbin_opendata"


def _po(locale: str) -> pathlib.Path:
    return I18N / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def _additions(files: list[str]) -> dict:
    merged: dict = {}
    for name in files:
        merged.update(json.loads(pathlib.Path(name).read_text(encoding="utf-8")))
    return merged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--add", nargs="*", default=[], metavar="FILE.json")
    additions = _additions(parser.parse_args().add)
    subprocess.run([sys.executable, "setup.py", "-q", "extract_messages"], check=True)
    subprocess.run([sys.executable, "setup.py", "-q", "update_catalog", "--no-fuzzy-matching"], check=True)
    missing = []
    for locale in ("zh_Hans_CN", "en"):
        with _po(locale).open("rb") as f:
            catalog = read_po(f, locale=locale)
        catalog.obsolete.clear()
        for message in catalog:
            if not message.id:
                continue
            msgid = message.id[0] if message.pluralizable else message.id
            if locale == "zh_Hans_CN" and msgid in additions:
                added = additions[msgid]
                message.string = tuple(added) if message.pluralizable else added
            if locale == "en" and not all(message.string if message.pluralizable else [message.string]):
                message.string = message.id
            if not message.string or (isinstance(message.string, tuple) and not all(message.string)):
                missing.append(f"{locale}: {message.id!r}")
        with _po(locale).open("wb") as f:
            write_po(f, catalog, width=100, omit_header=False)
        with _po(locale).with_suffix(".mo").open("wb") as f:
            write_mo(f, catalog)
    for line in missing:
        print("untranslated", line)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
