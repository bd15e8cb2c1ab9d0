"""Actions of harbin_showcase: reuse cases (利用案例, Measures 第二十条) and their linked entries."""
from __future__ import annotations

import uuid
from typing import Any

import ckan.lib.uploader as uploader
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ...common.actions import commit_unless_deferred, validated
from ...common.public_text import masked, personal_address_kinds
from .. import images
from ..model import ShowcaseCase, ShowcaseDataset
from . import schema

__all__ = ["harbin_showcase_create", "harbin_showcase_update", "harbin_showcase_delete",
           "harbin_showcase_show", "harbin_showcase_list"]

FIELDS = ("title", "summary", "unit", "kind", "url", "image_url", "published")
_TEXTS = ("title", "summary", "unit")


def harbin_showcase_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Create a case: title, summary, unit, kind, url, datasets (names or ids), published, and an
    image: image_url (a link) or image_upload (a file: PNG, JPEG, GIF, WebP or a script-free SVG)."""
    tk.check_access("harbin_showcase_create", context, data_dict)
    data_dict = dict(data_dict)
    upload = images.stage(data_dict, None)
    data = validated(context, data_dict, schema.case_schema)
    user = model.User.get(context["user"])
    case = ShowcaseCase(id=str(uuid.uuid4()), creator_id=user.id if user else None)
    _apply(case, data)
    upload.upload(uploader.get_max_image_size())
    commit_unless_deferred(context)
    return _dictize(case)


def harbin_showcase_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Replace every field of case `id` (same fields as create). An uploaded image stays until
    replaced by another upload or a link, or dropped with clear_upload."""
    tk.check_access("harbin_showcase_update", context, data_dict)
    case = _get(data_dict)
    data_dict = dict(data_dict)
    upload = images.stage(data_dict, case.image_url)
    _apply(case, validated(context, data_dict, schema.case_schema))
    upload.upload(uploader.get_max_image_size())
    commit_unless_deferred(context)
    return _dictize(case)


def harbin_showcase_delete(context: Context, data_dict: DataDict) -> None:
    """Delete case `id` and its links."""
    tk.check_access("harbin_showcase_delete", context, data_dict)
    case = _get(data_dict)
    image_url = case.image_url
    model.Session.query(ShowcaseDataset).filter_by(case_id=case.id).delete()
    model.Session.delete(case)
    commit_unless_deferred(context)
    images.remove(image_url)


@tk.side_effect_free
def harbin_showcase_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Case `id`; unpublished cases only for those who manage cases."""
    tk.check_access("harbin_showcase_show", context, data_dict)
    case = _get(data_dict)
    if not case.published:
        tk.check_access("harbin_showcase_update", context, data_dict)
    return _dictize(case)


@tk.side_effect_free
def harbin_showcase_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """Published cases, newest first; `dataset` narrows to cases using that entry."""
    tk.check_access("harbin_showcase_list", context, data_dict)
    data = validated(context, data_dict, schema.list_schema)
    query = model.Session.query(ShowcaseCase)
    if not data["include_unpublished"]:
        query = query.filter(ShowcaseCase.published.is_(True))
    if data.get("dataset"):
        package = model.Package.get(data["dataset"])
        query = query.join(ShowcaseDataset, ShowcaseDataset.case_id == ShowcaseCase.id).filter(
            ShowcaseDataset.package_id == (package.id if package else ""))
    cases = query.order_by(ShowcaseCase.created_at.desc(), ShowcaseCase.id).limit(data["limit"]).all()
    return [_dictize(case) for case in cases]


def _get(data_dict: DataDict) -> ShowcaseCase:
    case = model.Session.get(ShowcaseCase, str(data_dict.get("id") or ""))
    if case is None:
        raise tk.ObjectNotFound(tk._("Reuse case not found"))
    return case


def _apply(case: ShowcaseCase, data: dict[str, Any]) -> None:
    for field in FIELDS:
        setattr(case, field, data.get(field))
    model.Session.add(case)
    model.Session.flush()
    model.Session.query(ShowcaseDataset).filter_by(case_id=case.id).delete()
    for package_id in dict.fromkeys(data["datasets"]):
        model.Session.add(ShowcaseDataset(case_id=case.id, package_id=package_id))


def _dictize(case: ShowcaseCase) -> dict[str, Any]:
    links = model.Session.query(ShowcaseDataset.package_id).filter_by(case_id=case.id).all()
    packages = [model.Package.get(package_id) for (package_id,) in links]
    result = {field: getattr(case, field) for field in ("id",) + FIELDS}
    # Cases stored before their texts were checked: what the check finds now is shown masked, a
    # link holding personal data not at all.
    result.update({field: masked(result[field]) for field in _TEXTS})
    if personal_address_kinds(result["url"]):
        result["url"] = None
    result["created_at"] = case.created_at.isoformat() if case.created_at else None
    result["image_display_url"] = images.display_url(case.image_url)
    # Only entries still public: a link to an entry withdrawn later is not shown.
    result["datasets"] = [{"id": p.id, "name": p.name, "title": p.title} for p in packages
                          if p is not None and not p.private and p.state == "active"]
    return result
