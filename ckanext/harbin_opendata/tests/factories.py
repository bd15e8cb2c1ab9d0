"""Factories for valid Harbin agencies and catalog entries (CKAN's factories with Harbin defaults)."""
from __future__ import annotations

from typing import Any

import factory

import ckan.model as model
from ckan.tests import factories

__all__ = ["Agency", "CatalogEntry", "VALID_CREDIT_CODES", "mark_published"]

# Real-world codes that pass the GB 32100-2015 check, and synthetic Harbin ones.
VALID_CREDIT_CODES = [
    "9144030071526726XG", "914403001922038216", "911000001000013428", "91100000100003962T",
    "91110108551385082Q", "12100000400000624D", "1123010084EH9J1G2L", "91230100MA0NP0DX7X",
]


def _credit_code(n: int) -> str:
    from ckanext.harbin_opendata.metadata.uscc import check_character

    first17 = f"11230100{n:08d}A"
    return first17 + check_character(first17)


class Agency(factories.Organization):
    title = factory.Sequence(lambda n: f"哈尔滨市测试局{n}")
    credit_code = factory.Sequence(_credit_code)
    agency_kind = "government"
    district = "230100"


class CatalogEntry(factories.Dataset):
    title = factory.Sequence(lambda n: f"哈尔滨市测试数据{n}")
    notes = "测试用目录条目的数据摘要。"
    owner_org = factory.LazyFunction(lambda: Agency()["id"])
    resource_code = factory.Sequence(lambda n: f"301001/{n:06d}")
    data_domain = "market_regulation"
    data_items = factory.LazyFunction(lambda: [{"name": "企业名称", "type": "string", "description": "登记名称"}])
    data_formats = factory.LazyFunction(lambda: ["CSV"])
    update_frequency = "monthly"
    open_type = "unconditional"
    desensitization_status = "not_required"

    @factory.post_generation
    def published(obj: dict[str, Any], create: bool, extracted: Any, **kwargs: Any) -> None:
        """Entries are published (as after a review) unless made with published=False."""
        if create and extracted is not False:
            mark_published(obj)


_REVIEW_DESK = "factory_review_desk"  # a sysadmin (sysadmins review) who never submits


def mark_published(dataset: dict[str, Any]) -> None:
    """Publish an entry through the review workflow: submitted by the site user, published by a
    reviewer of its own, through the actions and the publication gate (no state written directly);
    the files' personal-data scans waiting in the queue run first, and files that could not be
    checked (dead links, empty files) are exempted by the reviewer, as one would for a test entry."""
    import ckan.plugins as plugins
    import ckan.plugins.toolkit as tk

    if not plugins.plugin_loaded("harbin_review"):  # a narrower configuration: visibility only
        package = model.Package.get(dataset["id"])
        package.private = dataset["private"] = False
        model.repo.commit()
        return
    if model.User.get(_REVIEW_DESK) is None:
        factories.Sysadmin(name=_REVIEW_DESK)
    if plugins.plugin_loaded("harbin_privacy"):  # the files' scans, as the worker would run them
        from ckanext.harbin_opendata.common.jobs import run_queued_jobs

        run_queued_jobs()
        _exempt_files_that_cannot_be_checked(dataset["id"])
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    tk.get_action("harbin_review_submit")({"user": site_user}, {"id": dataset["id"]})
    tk.get_action("harbin_review_publish")({"user": _REVIEW_DESK}, {"id": dataset["id"]})
    dataset["private"] = False


def _exempt_files_that_cannot_be_checked(package_id: str) -> None:
    import ckan.plugins.toolkit as tk
    from ckanext.harbin_opendata.privacy.model import FAILED, Scan, exempted_scan_ids

    model.Session.expire_all()
    exempted = exempted_scan_ids(package_id)  # (a test may have exempted some itself)
    for scan in model.Session.query(Scan).filter(Scan.package_id == package_id):
        if (scan.state == FAILED or scan.confident is False) and not scan.personal and scan.id not in exempted:
            tk.get_action("harbin_privacy_exempt")({"user": _REVIEW_DESK}, {
                "scan_id": scan.id, "reason": "测试条目：文件无法检查，审核人员确认后公开。"})
