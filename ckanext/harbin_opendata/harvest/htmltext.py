"""Descriptions written as HTML (ArcGIS and other DCAT-US portals) as plain text for the abstract:
tags dropped, paragraphs and line breaks kept, entities decoded."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

__all__ = ["looks_like_html", "html_to_text"]

_TAG = re.compile(r"<\s*(p|div|br|span|a|ul|ol|li|strong|em|b|i|font|table|h[1-6])\b[^>]*>", re.IGNORECASE)
_BLOCKS = ["p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"]


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


def html_to_text(text: str) -> str:
    """The text of an HTML fragment, one paragraph per line (scripts and styles dropped)."""
    soup = BeautifulSoup(text, "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    for block in soup.find_all(_BLOCKS):
        block.insert_before("\n")
        block.insert_after("\n")
    lines = (" ".join(line.split()) for line in soup.get_text().replace("\xa0", " ").splitlines())
    return "\n".join(line for line in lines if line).strip()
