"""Reading helpers of the parsing side: literals by language, and the extras DCAT-AP made."""
from __future__ import annotations

import json
import re
from typing import Any, Optional

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node
from ckanext.dcat.profiles import RDFProfile

from .serialize import json_list

__all__ = ["GraphReader", "language_of_literal"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def language_of_literal(literal: Literal) -> Optional[str]:
    return re.split(r"[-_]", literal.language)[0].lower() if literal.language else None


class GraphReader(RDFProfile):
    """Helpers of the parsing side of the profile."""

    def _literals(self, subject: Node, predicate: URIRef) -> list[Literal]:
        return [o for o in self.g.objects(subject, predicate) if isinstance(o, Literal)]

    def _text_in(self, subject: Node, predicate: URIRef, lang: Optional[str]) -> Optional[str]:
        """The first literal in language `lang` (None: without a language tag)."""
        return next((str(o) for o in self._literals(subject, predicate) if language_of_literal(o) == lang),
                    None)

    def _text(self, subject: Node, predicate: URIRef) -> Optional[str]:
        return next((str(o) for o in self._literals(subject, predicate)), None)

    def _date(self, subject: Node, predicate: URIRef) -> Optional[str]:
        """A day (xsd:date or a plain YYYY-MM-DD); a date and time is another thing (e.g. the
        time a record was created) and is left to DCAT-AP."""
        for o in self._literals(subject, predicate):
            if o.datatype == XSD.date or (o.datatype is None and _DATE.match(str(o))):
                return str(o)
        return None

    def _pop_extra(self, dataset_dict: dict[str, Any], key: str,
                   value: Optional[str] = None) -> Optional[str]:
        """Remove the extra `key` (only if its value is `value`, when given); its value, or None."""
        for extra in dataset_dict["extras"]:
            if extra["key"] == key and (value is None or extra["value"] == value):
                dataset_dict["extras"].remove(extra)
                return extra["value"]
        return None

    def _promote_extra(self, dataset_dict: dict[str, Any], key: str) -> None:
        """A Harbin field DCAT-AP left among the extras (when scheming is not there to move it)."""
        value = self._pop_extra(dataset_dict, key)
        if value:
            dataset_dict[key] = value

    def _drop_from_list_extra(self, dataset_dict: dict[str, Any], key: str, values: set[str]) -> None:
        """Take `values` out of a JSON list extra DCAT-AP made (theme, related_resource, language)."""
        rest = [value for value in json_list(self._pop_extra(dataset_dict, key)) if value not in values]
        if rest:
            dataset_dict["extras"].append({"key": key, "value": json.dumps(rest)})
