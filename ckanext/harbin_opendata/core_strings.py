"""CKAN core and ckanext-scheming strings that CKAN 2.11.6's zh_Hans_CN catalog leaves untranslated.

CKAN merges plugin catalogs into its own, so listing the exact msgids here puts them in our catalog
(scripts/i18n.py extracts them) and Chinese pages stop showing English. Nothing calls this at run time.
"""
from __future__ import annotations

__all__ = ["CORE_MSGIDS"]


def _(message: str) -> str:
    """A marker for the extractor: the msgid passes through untouched."""
    return message


CORE_MSGIDS: tuple[str, ...] = (
    _("Data"),
    _("Dataset description:"),
    _("Data last updated"),
    _("Metadata last updated"),
    _("Fullscreen"),
    _("Embed"),
    _("Before you can create a dataset you need to create an organization."),
    _("Create a new organization"),
    _("There are no organizations to which you can assign this dataset."),
    # macros/form/markdown.html: a {% trans %} block, so the msgid carries its markup verbatim.
    _('You can use <a href="#markdown" title="Markdown quick reference" data-bs-toggle="popover" '
      'data-bs-content="%(markdown_tooltip)s" data-bs-html="true">Markdown formatting</a> here'),
)
