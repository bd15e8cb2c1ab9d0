"""Load the demo agencies and catalog entries, with generated CSV resources, into the portal.

Idempotent: agencies and entries that already exist (by name) are left as they are, except that an
entry's file missing from the storage is uploaded again. Needs the
harbin_metadata schema (the entries carry its fields).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import pathlib
from typing import Any, Callable, Collection, Optional

import secrets

import yaml
from werkzeug.datastructures import FileStorage

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib import uploader

from ..common import roles
from ..common.interfaces import IOrphanedWork
from ..common.jobs import run_queued_jobs
from ..common.vocabulary import FREQUENCY_DAYS
from ..common.plugins import counting_views
from .samples import observed_period, sample_rows

__all__ = ["load_demo", "demo_agencies", "demo_datasets", "organization_dict"]

_HERE = pathlib.Path(__file__).parent
_LICENSE = "cc-by"
_CONDITIONS = "面向依法登记的单位开放。申请人通过平台提交数据使用申请，说明用途并签订数据使用协议后获取。"


def demo_agencies() -> list[dict[str, Any]]:
    return yaml.safe_load((_HERE / "agencies.yaml").read_text(encoding="utf-8"))


def demo_datasets() -> list[dict[str, Any]]:
    return yaml.safe_load((_HERE / "datasets.yaml").read_text(encoding="utf-8"))


def _context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def _exists(action: str, name: str) -> bool:
    try:
        tk.get_action(action)(_context(), {"id": name})
    except tk.ObjectNotFound:
        return False
    return True


def organization_dict(agency: dict[str, Any]) -> dict[str, Any]:
    """The organization_create data of a demo agency."""
    return {
        "name": agency["name"],
        "title": agency["title"],
        "description": agency["description"],
        "title_en": agency["title_en"],
        "credit_code": agency["credit_code"],
        "agency_kind": agency["kind"],
        "district": agency["district"],
        "contact_phone": agency["contact"],
    }


def _rows(entry: dict[str, Any]) -> list[list[object]]:
    return sample_rows(entry["name"], [item[4] for item in entry["items"]], entry["rows"])


def _csv_upload(entry: dict[str, Any], renamed: Optional[dict[str, str]] = None) -> FileStorage:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([(renamed or {}).get(item[0], item[0]) for item in entry["items"]])
    writer.writerows(_rows(entry))
    # UTF-8 with a byte-order mark: opens correctly in the spreadsheet programs agencies use.
    data = io.BytesIO(text.getvalue().encode("utf-8-sig"))
    return FileStorage(stream=data, filename=f"{entry['name']}.csv", content_type="text/csv")


def _last_updated(entry: dict[str, Any], number: int) -> str:
    """Recent for most entries; every seventh is three periods late, as in a real catalog."""
    days = FREQUENCY_DAYS[entry["update_frequency"]] or 90
    late = 3 if number % 7 == 6 else 0
    return (dt.date.today() - dt.timedelta(days=days * late + number % max(days, 1))).isoformat()


def _codes() -> dict[str, str]:
    """The resource code of every demo entry, by name: agency number and position in the list."""
    agencies = {agency["name"]: number for number, agency in enumerate(demo_agencies(), 1)}
    return {entry["name"]: f"3{agencies[entry['agency']]:02d}001/{number + 1:06d}"
            for number, entry in enumerate(demo_datasets())}


def _dataset(entry: dict[str, Any], codes: dict[str, str], number: int,
             agency: dict[str, Any]) -> dict[str, Any]:
    first_row = _rows(entry)[0]
    conditional = entry["open_type"] == "conditional"
    return {
        "name": entry["name"],
        "title": entry["title"],
        "title_en": entry["title_en"],
        "notes": entry["notes"],
        "owner_org": entry["agency"],
        "resource_code": codes[entry["name"]],
        "related_codes": [codes[name] for name in entry.get("related", [])],
        "data_domain": entry["domain"],
        "data_items": [
            {"name": name, "type": kind, "description": text, "unit": unit, "example": str(example)}
            for (name, kind, text, unit, _sample), example in zip(entry["items"], first_row)
        ],
        "data_formats": ["CSV"],
        "update_frequency": entry["update_frequency"],
        "last_updated": _last_updated(entry, number),
        "open_type": entry["open_type"],
        "open_conditions": _CONDITIONS if conditional else "",
        "publish_date": "2023-03-01",
        "spatial_coverage": "哈尔滨市",
        "contact_name": f"{agency['title']}数据管理联络员",
        "contact_phone": agency["contact"],
        "license_id": _LICENSE,
        "desensitization_status": "desensitized" if "uscc" in {i[4] for i in entry["items"]} else "not_required",
        "tags": [{"name": tag} for tag in entry["tags"]],
        **observed_period([item[4] for item in entry["items"]], _rows(entry)),  # where its file says
    }


def _resource(dataset_id: str, entry: dict[str, Any]) -> dict[str, Any]:
    # Uploads go through resource_create: package_create does not store files.
    return {
        "package_id": dataset_id,
        "name": entry["title"],
        "description": entry["notes"],
        "format": "CSV",
        "url": "",
        "upload": _csv_upload(entry),
    }


_REVIEWER = "hrb-dsjzx-reviewer"  # 市大数据中心审核员
_AUDITOR = "hrb-dsjzx-auditor"  # 市大数据中心审计管理员 (portal.ini names it in review.auditors)


def _user(name: str, fullname: str) -> str:
    try:
        tk.get_action("user_show")(_context(), {"id": name})
    except tk.ObjectNotFound:
        tk.get_action("user_create")(_context(), {
            "name": name, "fullname": fullname, "email": f"{name}@harbin-opendata.invalid",
            "password": f"Hrb-{secrets.token_urlsafe(16)}-9"})  # the password policy: three kinds of characters
    return name


def _reviewer() -> None:
    """The centre's reviewer reviews as a user named in review.reviewers (portal.ini names it), not as
    a sysadmin: reviewing is not administering the portal (separation of duties). Under a
    configuration that does not name it, it is made a sysadmin so that the demo can still review."""
    user = model.User.get(_user(_REVIEWER, "市大数据中心审核员"))
    named = roles.named_reviewer(user)
    if user.sysadmin == named:
        tk.get_action("user_patch")(_context(), {"id": _REVIEWER, "sysadmin": not named})


def _agency_editor(agency: dict[str, Any]) -> str:
    name = _user(f"{agency['name']}-editor", f"{agency['title']}数据管理员")
    tk.get_action("organization_member_create")(
        _context(), {"id": agency["name"], "username": name, "role": "editor"})
    return name


def _review(dataset_id: str, number: int, editor: str) -> None:
    """Most demo entries go through review to publication; some wait, are returned or stay drafts."""
    if number % 12 == 11:
        return
    act = lambda action, user, comment="": tk.get_action(f"harbin_review_{action}")(  # noqa: E731
        {"user": user}, {"id": dataset_id, "comment": comment})
    act("submit", editor, "按目录编制要求提交审核。")
    if number % 12 == 9:
        act("return", _REVIEWER, "数据项说明不完整，请补充计量单位后重新提交。")
    elif number % 12 != 5:
        act("publish", _REVIEWER, "审核通过。")


def _restore_missing_file(entry: dict[str, Any], report: Callable[[str], None]) -> None:
    """An entry made earlier whose file is not in this portal's storage (the machine's database was
    loaded by another clone, or restored without its storage folder): upload it again; it is checked
    for personal data again before anyone may download it."""
    package = tk.get_action("package_show")(_context(), {"id": entry["name"]})
    for resource in package["resources"]:
        if resource.get("url_type") != "upload" or resource.get("name") != entry["title"]:
            continue  # only the demo's own file, never a masked copy or an agency's later upload
        if not os.path.exists(uploader.get_resource_uploader(resource).get_path(resource["id"])):
            tk.get_action("resource_patch")(_context(), {"id": resource["id"], "url": "", "upload": _csv_upload(entry)})
            _check_now()
            report(f"~ {entry['title']}: file uploaded again")


def _write_missing_agreement(entry: dict[str, Any], agency: dict[str, Any], report: Callable[[str], None]) -> None:
    """A conditional entry's usage agreement (demo/agreement.txt), unless it has one: without it
    nobody can apply for the entry's files."""
    if entry["open_type"] != "conditional" or not p.plugin_loaded("harbin_access"):
        return
    try:
        tk.get_action("harbin_access_agreement_show")(_context(), {"id": entry["name"]})
        return
    except tk.ObjectNotFound:
        pass
    text = (_HERE / "agreement.txt").read_text(encoding="utf-8").format(title=entry["title"], agency=agency["title"])
    tk.get_action("harbin_access_agreement_update")(_context(), {"id": entry["name"], "text": text})
    report(f"~ {entry['title']}: usage agreement written")


def _drifted_update(dataset_id: str, entry: dict[str, Any], editor: str) -> None:
    """The agency's next file with columns renamed (entry's `drifted_update`), as uploaded by its
    editor: checked, loaded and compared with the data items like any update."""
    [resource] = tk.get_action("package_show")(_context(), {"id": dataset_id})["resources"]
    tk.get_action("resource_patch")({"user": editor}, {
        "id": resource["id"], "url": "", "upload": _csv_upload(entry, entry["drifted_update"])})
    _check_now()


def _check_now() -> None:
    """Run the queued background work (the new file's personal-data check) here rather than wait
    for a worker: the review needs the result."""
    run_queued_jobs()


def _run_waiting_work(report: Callable[[str], None]) -> None:
    """Work saved without a job — an upgrade that made old personal-data verdicts not count queues
    the new checks in the database only — is run now: the demo's files are not held for good on a
    portal that runs no scheduler."""
    waiting = [name for plugin in p.PluginImplementations(IOrphanedWork) for name in plugin.requeue_orphans(minutes=0)]
    if waiting:
        _check_now()
        report(f"~ {len(waiting)} waiting checks run")


def load_demo(report: Callable[[str], None] = print,
              only: Optional[Collection[str]] = None) -> tuple[int, int]:
    """Create what is missing (of the entries, those named in `only` when given); return the number
    of agencies and entries created."""
    _run_waiting_work(report)
    created_orgs = created_datasets = 0
    for agency in demo_agencies():
        if not _exists("organization_show", agency["name"]):
            tk.get_action("organization_create")(_context(), organization_dict(agency))
            created_orgs += 1
            report(f"+ {agency['title']}")
    reviewing = p.plugin_loaded("harbin_review")
    if reviewing:
        _reviewer()
        _user(_AUDITOR, "市大数据中心审计管理员")
    agencies = {agency["name"]: agency for agency in demo_agencies()}
    codes = _codes()
    for number, entry in enumerate(demo_datasets()):
        agency = agencies[entry["agency"]]
        if only is not None and entry["name"] not in only:
            continue
        if _exists("package_show", entry["name"]):
            _restore_missing_file(entry, report)
            _write_missing_agreement(entry, agency, report)
        else:
            dataset = tk.get_action("package_create")(_context(), _dataset(entry, codes, number, agency))
            tk.get_action("resource_create")(_context(), _resource(dataset["id"], entry))
            _check_now()
            if reviewing:
                _review(dataset["id"], number, _agency_editor(agency))
            if entry.get("drifted_update"):
                _drifted_update(dataset["id"], entry, f"{agency['name']}-editor" if reviewing else _context()["user"])
            _write_missing_agreement(entry, agency, report)
            created_datasets += 1
            report(f"+ {entry['title']}")
    if p.plugin_loaded("harbin_showcase"):
        _showcases(report)
    if counting_views():
        _page_views(report)
    return created_orgs, created_datasets


def _page_views(report: Callable[[str], None]) -> None:
    """Page views of some public entries, recorded as tracking.js records them and summed up as
    `ckan tracking update` does, so that the home page has most viewed entries to show. Once."""
    from ckanext.tracking.cli.tracking import update_all
    from ckanext.tracking.model import TrackingRaw

    if model.Session.query(TrackingRaw).filter(TrackingRaw.user_key.like("demo-visitor-%")).first():
        return
    public = [entry["name"] for entry in demo_datasets()
              if (package := model.Package.get(entry["name"])) is not None and not package.private]
    for rank, name in enumerate(public[::3][:8]):
        for visitor in range(48 - rank * 5):  # distinct visitors: tracking counts each once a day
            model.Session.add(TrackingRaw(user_key=f"demo-visitor-{visitor}", url=f"/dataset/{name}",
                                          tracking_type="page"))
    model.Session.commit()
    update_all(dt.date.today().isoformat())
    report(f"+ page views of {min(len(public[::3]), 8)} entries")


def _showcases(report: Callable[[str], None]) -> None:
    """The demo reuse cases not there yet, linked to those of their entries that are public."""
    existing = {case["title"] for case in tk.get_action("harbin_showcase_list")(
        _context(), {"include_unpublished": True, "limit": 1000})}
    for case in yaml.safe_load((_HERE / "showcases.yaml").read_text(encoding="utf-8")):
        if case["title"] in existing:
            continue
        public = [name for name in case["datasets"]
                  if (package := model.Package.get(name)) is not None and not package.private]
        tk.get_action("harbin_showcase_create")(_context(), {**case, "datasets": public, "published": True})
        report(f"+ {case['title']}")
