"""The local agency (organization) of a harvested record: by 统一社会信用代码, else by its name
or title; looked up once per value for a whole job. A record naming a provider the platform does
not have is not the source's agency's to publish (`unplaced`), and a credit code that is not the
one of the agency found by name is told (`code_conflict`)."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model

from .records import clean

__all__ = ["AgencyFinder"]

_NAMING = ("agency", "owner_org", "credit_code")


class AgencyFinder:
    def __init__(self) -> None:
        self._by_code: dict[str, Optional[str]] = {}
        self._by_name: dict[str, Optional[str]] = {}
        self._codes: dict[str, str] = {}

    def _code(self, code: str) -> Optional[str]:
        if code not in self._by_code:
            row = (model.Session.query(model.Group.id)
                   .join(model.GroupExtra, model.GroupExtra.group_id == model.Group.id)
                   .filter(model.GroupExtra.key == "credit_code", model.GroupExtra.value == code,
                           model.Group.state == "active", model.Group.is_organization.is_(True)).first())
            self._by_code[code] = row[0] if row else None
        return self._by_code[code]

    def _name(self, given: str) -> Optional[str]:
        if given not in self._by_name:
            row = (model.Session.query(model.Group.id)
                   .filter(model.Group.is_organization.is_(True), model.Group.state == "active")
                   .filter((model.Group.name == given) | (model.Group.id == given) | (model.Group.title == given))
                   .first())
            self._by_name[given] = row[0] if row else None
        return self._by_name[given]

    def __call__(self, record: dict[str, Any]) -> Optional[str]:
        code = clean(record.get("credit_code"))
        if code and self._code(str(code).upper()):
            return self._code(str(code).upper())
        for given in (record.get("owner_org"), record.get("agency")):
            given = clean(given)
            if given and self._name(str(given)):
                return self._name(str(given))
        return None

    def unplaced(self, record: dict[str, Any]) -> Optional[str]:
        """The provider the record names when no agency on the platform is it, else None."""
        named = next((clean(record.get(key)) for key in _NAMING if clean(record.get(key))), None)
        return str(named) if named and self(record) is None else None

    def code_conflict(self, record: dict[str, Any], agency_id: Optional[str]) -> Optional[tuple[str, str]]:
        """(the record's credit code, the agency's) when they differ, else None."""
        given = str(clean(record.get("credit_code")) or "").upper()
        if not given or not agency_id:
            return None
        if agency_id not in self._codes:
            row = (model.Session.query(model.GroupExtra.value)
                   .filter(model.GroupExtra.group_id == agency_id, model.GroupExtra.key == "credit_code").first())
            self._codes[agency_id] = str(row[0] or "").upper() if row else ""
        known = self._codes[agency_id]
        return (given, known) if known and known != given else None
