"""Remote JSON-LD contexts, fetched only through the suite's bounded downloader.

rdflib resolves a remote ``"@context": "https://…"`` itself, with urllib: no size or time limit and
no address check, so a harvested catalog could make the portal ask its own services. Before the
document reaches rdflib every remote context is fetched here (blocklist, pinned address, size and
time limits) and put in place; a context that cannot be had stops the gather with a message."""
from __future__ import annotations

import json
from typing import Any, Callable
from urllib.parse import urljoin

import ckan.plugins.toolkit as tk

from .download import Limits, SourceError, get_json_bytes

__all__ = ["inline_remote_contexts"]

_MAX_CONTEXTS = 20  # distinct remote contexts in one document, nested ones included


def _looks_like_json(content: str) -> bool:
    return content.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")


class _Inliner:
    def __init__(self, base_url: str, limits: Limits, fetch: Callable[[str, Limits], bytes]) -> None:
        self.base_url, self.limits, self.fetch = base_url, limits, fetch
        self.cache: dict[str, Any] = {}

    def context(self, value: Any, base: str) -> Any:
        """The context with every remote reference replaced by the context it names."""
        if isinstance(value, str):
            return self.remote(urljoin(base, value))
        if isinstance(value, list):
            return [self.context(item, base) for item in value]
        if isinstance(value, dict):
            if "@import" in value:  # JSON-LD 1.1: merge the imported context under this one
                imported = self.remote(urljoin(base, str(value["@import"])))
                rest = {k: v for k, v in value.items() if k != "@import"}
                return [imported, self.walk(rest, base)]
            return self.walk(value, base)
        return value

    def remote(self, url: str) -> Any:
        if url not in self.cache:
            if len(self.cache) >= _MAX_CONTEXTS:
                raise SourceError(tk._("The catalog names more than {count} remote JSON-LD contexts.").format(
                    count=_MAX_CONTEXTS))
            self.cache[url] = None  # a context that names itself ends here
            try:
                document = json.loads(self.fetch(url, self.limits))
            except ValueError as error:
                raise SourceError(tk._("The JSON-LD context {url} is not JSON: {error}").format(
                    url=url, error=error)) from error
            inner = document.get("@context", {}) if isinstance(document, dict) else {}
            self.cache[url] = self.context(inner, url)
        return self.cache[url] if self.cache[url] is not None else {}

    def walk(self, node: Any, base: str) -> Any:
        if isinstance(node, list):
            return [self.walk(item, base) for item in node]
        if not isinstance(node, dict):
            return node
        return {key: self.context(value, base) if key == "@context" else self.walk(value, base)
                for key, value in node.items()}


def inline_remote_contexts(content: str, base_url: str, limits: Limits,
                           fetch: Callable[[str, Limits], bytes] = get_json_bytes) -> str:
    """`content` with its remote JSON-LD contexts inlined (other serializations unchanged).
    Raises SourceError when a context cannot be fetched or is not JSON."""
    if not _looks_like_json(content):
        return content
    try:
        document = json.loads(content.lstrip("\ufeff"))
    except ValueError:
        return content  # not JSON after all: the parser reports it
    return json.dumps(_Inliner(base_url, limits, fetch).walk(document, base_url), ensure_ascii=False)
