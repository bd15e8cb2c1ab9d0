"""Reading one page of a DCAT catalog safely: the serialization told from the body (or the source
config), hostile XML refused before parsing, JSON-LD with every remote @context inlined from an
allow-list (read through the same bounded download) or refused, never fetched by the parser."""
from __future__ import annotations

import json
import re
from typing import Any, Callable, Optional
from urllib.parse import urljoin

import ckan.plugins.toolkit as tk
from ckanext.dcat.processors import RDFParser
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from rdflib import Namespace

from ..download import SourceError

__all__ = ["refuse_hostile_xml", "guess_format", "inline_contexts", "parse_page", "total_items"]

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
_DECLARATION = re.compile(rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)[\"'][^>]*\?>")
_MAX_CONTEXT_DEPTH = 4


def refuse_hostile_xml(body: bytes) -> Optional[str]:
    """Why an XML document must not be parsed (entity declarations, external references, broken
    XML), or None when it is safe. Other serializations (Turtle, JSON-LD) pass."""
    if not body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return None
    try:
        SafeElementTree.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        return tk._("The catalog was refused: its XML declares entities or external references ({error}).").format(
            error=type(error).__name__)
    except SafeElementTree.ParseError as error:
        return tk._("The catalog is not well-formed XML: {error}").format(error=error)
    return None


def _as_utf8_xml(body: bytes, url: str) -> bytes:
    """XML in the encoding its declaration names (ISO-8859-1, GBK, …) as UTF-8: the parser below
    reads every document as UTF-8."""
    declared = _DECLARATION.match(body)
    if not declared or declared.group(2).lower() in (b"utf-8", b"utf8"):
        return body
    try:
        text = body[declared.end():].decode(declared.group(2).decode("ascii"))
    except (LookupError, UnicodeDecodeError) as error:
        raise SourceError(tk._("{url} is not in the encoding it declares: {error}").format(url=url, error=error))
    return b'<?xml version="1.0" encoding="utf-8"?>' + text.encode("utf-8")


def guess_format(body: bytes, configured: Optional[str]) -> str:
    if configured:
        return configured
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return {b"<": "xml", b"{": "json-ld", b"[": "json-ld"}.get(start, "turtle")


def inline_contexts(document: Any, base: str, allowed: list[str], fetch: Callable[[str], bytes],
                    depth: int = 0) -> Any:
    """The JSON-LD document with every remote @context (and @import) replaced by its content,
    read with `fetch` from the addresses in `allowed` only; SourceError for any other."""
    if isinstance(document, list):
        return [inline_contexts(item, base, allowed, fetch, depth) for item in document]
    if not isinstance(document, dict):
        return document
    out = {}
    for key, value in document.items():
        if key in ("@context", "@import"):
            value = _context(value, base, allowed, fetch, depth)
        elif isinstance(value, (dict, list)):
            value = inline_contexts(value, base, allowed, fetch, depth)
        out[key] = value
    return out


def _context(value: Any, base: str, allowed: list[str], fetch: Callable[[str], bytes], depth: int) -> Any:
    if isinstance(value, list):
        return [_context(item, base, allowed, fetch, depth) for item in value]
    if isinstance(value, dict):
        return inline_contexts(value, base, allowed, fetch, depth)
    if not isinstance(value, str):
        return value
    address = urljoin(base, value)
    if address not in allowed:
        raise SourceError(tk._("{url} refers to the remote JSON-LD context {context}, which is not fetched: add "
                               "it to “jsonld_contexts” in the source configuration to allow it.").format(
            url=base, context=address))
    if depth >= _MAX_CONTEXT_DEPTH:
        raise SourceError(tk._("The JSON-LD contexts of {url} nest too deeply.").format(url=base))
    try:
        loaded = json.loads(fetch(address).decode("utf-8-sig"))
    except ValueError as error:
        raise SourceError(tk._("The JSON-LD context {context} is not JSON: {error}").format(context=address, error=error))
    inner = loaded.get("@context", {}) if isinstance(loaded, dict) else {}
    return _context(inner, address, allowed, fetch, depth + 1)


def parse_page(body: bytes, url: str, config: dict[str, Any], fetch: Callable[[str], bytes]) -> RDFParser:
    """The parsed page (with the site's DCAT profiles); SourceError when it cannot be read."""
    if not body.strip():
        raise SourceError(tk._("{url} returned an empty document.").format(url=url))
    _format = guess_format(body, config.get("rdf_format"))
    problem = refuse_hostile_xml(body) if _format in ("xml", "application/rdf+xml") else None
    if problem:
        raise SourceError(problem)
    data: Any = _as_utf8_xml(body, url) if _format in ("xml", "application/rdf+xml") else body
    if _format in ("json-ld", "application/ld+json"):
        try:
            document = json.loads(body.decode("utf-8-sig"))
        except ValueError as error:
            raise SourceError(tk._("{url} is not valid JSON-LD: {error}").format(url=url, error=error))
        data = json.dumps(inline_contexts(document, url, config.get("jsonld_contexts") or [], fetch))
    parser = RDFParser()
    try:
        parser.parse(data, _format=_format)
    except Exception as error:  # rdflib's parsers raise many kinds; all mean the same here
        raise SourceError(tk._("{url} could not be read as RDF ({format}): {error}").format(
            url=url, format=_format, error=f"{type(error).__name__}: {error}"))
    return parser


def total_items(parser: RDFParser) -> Optional[int]:
    """hydra:totalItems of a paged catalog, if it says."""
    for total in parser.g.objects(None, HYDRA.totalItems):
        try:
            return int(total)
        except (TypeError, ValueError):
            return None
    return None
