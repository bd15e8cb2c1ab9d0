"""The entry form's data-item endpoints: POST /data-items/draft (从文件生成数据项: the items drafted
from the entry's uploaded file or a file chosen in the form, merged with the form's own) and POST
/data-items/import (a filled Excel template, GET /data-items/template.xlsx) answer JSON for the form's
script; bad input answers 400 (403, 404) with the reason in the page's language."""
from __future__ import annotations

import json
from typing import Any, Callable

from flask import Blueprint

import ckan.plugins.toolkit as tk

from ..common.views import error_text
from ..common.views import view_context as _context
from .logic.items_template import template_workbook

__all__ = ["harbin_data_items"]

harbin_data_items = Blueprint("harbin_data_items", __name__)


def _json(body: dict[str, Any], status: int = 200) -> tuple[str, int, dict[str, str]]:
    return json.dumps(body, ensure_ascii=False), status, {"Content-Type": "application/json; charset=utf-8"}


def _answer(action: str, fields: tuple[str, ...]) -> tuple[str, int, dict[str, str]]:
    """The action's result for the posted fields (and file), or its error as JSON."""
    given: dict[str, Any] = {name: tk.request.form[name] for name in fields if tk.request.form.get(name)}
    if tk.request.files.get("upload") is not None and tk.request.files["upload"].filename:
        given["upload"] = tk.request.files["upload"]
    try:
        return _json(dict(tk.get_action(action)(_context(), given), success=True))
    except tk.ValidationError as error:
        return _json({"success": False, "error": error_text(error), "errors": error.error_dict}, 400)
    except tk.NotAuthorized as error:
        return _json({"success": False, "error": str(error) or tk._("You are not allowed to do this.")}, 403)
    except tk.ObjectNotFound:
        return _json({"success": False, "error": tk._("Catalog entry not found")}, 404)


def draft() -> Any:
    return _answer("harbin_metadata_draft_items", ("id", "resource_id", "items"))


def import_template() -> Any:
    return _answer("harbin_metadata_import_items", ("id", "items"))


def template() -> Any:
    """The Excel template of the data items (nothing in it but the header and the type list)."""
    return template_workbook(), 200, {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": "attachment; filename=data-items.xlsx; filename*=UTF-8''%E6%95%B0%E6%8D%AE%E9%A1%B9%E6%A8%A1%E6%9D%BF.xlsx"}


_VIEWS: list[tuple[str, Callable[[], Any], list[str]]] = [
    ("/data-items/draft", draft, ["POST"]), ("/data-items/import", import_template, ["POST"]),
    ("/data-items/template.xlsx", template, ["GET"])]
for rule, view, methods in _VIEWS:
    harbin_data_items.add_url_rule(rule, view_func=view, methods=methods)
