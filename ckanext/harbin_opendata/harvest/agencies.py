"""The local agency (organization) of a harvested record: by 统一社会信用代码, else by its name
or title; looked up once per value for a whole job."""
from __future__ import annotations

from typing import Any, Optional

import ckan.model as model

from .records import clean

__all__ = ["AgencyFinder"]


class AgencyFinder:
    def __init__(self) -> None:
        self._by_code: dict[str, Optional[str]] = {}
        self._by_name: dict[str, Optional[str]] = {}

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
