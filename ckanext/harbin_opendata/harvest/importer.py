"""The import stage every Harbin harvester shares: create or update the catalog entry of one
harvested record, skip it when nothing changed, refuse a duplicate of an entry from another
channel, withdraw the entry of a record gone from the source.

Entries are saved with CKAN's actions and `harbin_harvest_source` in the action context; what that
means for review (published, awaiting review, back to review) is harbin_review's policy, reached
only through the context and its actions."""
from __future__ import annotations

import hashlib
import uuid
from typing import Any, Optional, Union

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.harvest.model import HarvestObject, HarvestObjectError

from ..common.resource_code import is_resource_code
from . import sourceconfig
from .acting_user import acting_as, harvest_user
from .agencies import AgencyFinder
from .known_agencies import remembering
from .codes import CodeCounter
from .dedup import Duplicates
from .entry_views import saving_entry
from .drafting import DRAFTED_FROM, MISSING_BECAUSE
from .mapping import REQUIRED, MappingError, Problem, to_package
from .objects import (DRAFT, DUPLICATE, HASH_KEY, OUTCOME_KEY, object_extra, previous_object, set_extra, site_user,
                      source_name)
from .records import content_hash
from .refusals import validation_text
from .values import ValueMaps

__all__ = ["import_record", "withdraw", "Job", "job_of", "forget_job", "save_problems"]

Result = Union[bool, str]


class Job:
    """What every record of one job shares, looked up once: config, value maps, agencies, user, source."""

    def __init__(self, harvest_object: HarvestObject):
        self.id = harvest_object.harvest_job_id
        self.config = sourceconfig.load(harvest_object.source.config)
        self.maps = ValueMaps(self.config.get("value_maps"))
        self.agencies, self.codes, self._duplicates = AgencyFinder(), CodeCounter(), None
        self.user, self.source, self._user_obj = site_user(), source_name(harvest_object), None
        # held, so that each object's and entry's lookups of the source are answered from the session
        self.harvest_source, self.source_package = harvest_object.source, model.Package.get(harvest_object.source.id)
        self.source_org = self.source_package.owner_org
        configured = model.Group.get(self.config["owner_org"]) if self.config.get("owner_org") else None
        self.owner_org = configured.id if configured is not None else None
        # the records this source imported before (and this job since): only they have a previous object
        self.imported_guids = {row[0] for row in model.Session.query(HarvestObject.guid).filter(
            HarvestObject.harvest_source_id == self.harvest_source.id, HarvestObject.package_id.isnot(None)).distinct()}
        # what the plugins that save the entries may look up once per job instead of once per entry
        # (harbin_review: the reviewers to notify of a submitted entry)
        self.memo: dict[str, Any] = {}
        self.known_agencies: dict[str, model.Group] = {}  # read by CKAN's saves (known_agencies.py)

    @property
    def duplicates(self) -> Duplicates:
        if self._duplicates is None:
            self._duplicates = Duplicates()
        return self._duplicates

    def user_obj(self) -> Optional[model.User]:
        self._user_obj = harvest_user(self.user, self._user_obj)  # read once per job (again if the session let it go)
        return self._user_obj

    def context(self, **more: Any) -> dict[str, Any]:
        return {"user": self.user, "ignore_auth": True, "harbin_harvest_source": self.source,
                "harbin_harvest_source_id": self.source_package.id, "harbin_job_memo": self.memo, **more}

    def previous_object(self, harvest_object: HarvestObject) -> Optional[HarvestObject]:
        """objects.previous_object, without a query for a record the source never imported."""
        return previous_object(harvest_object) if harvest_object.guid in self.imported_guids else None


_job: Optional[Job] = None


def job_of(harvest_object: HarvestObject) -> Job:
    global _job
    if _job is None or _job.id != harvest_object.harvest_job_id:
        _job = Job(harvest_object)
    return _job


def forget_job() -> None:
    """The next record reads its job again (a process forked from the one that read it)."""
    global _job
    _job = None


def save_problems(harvest_object: HarvestObject, problems: list[Problem], stage: str = "Import") -> None:
    """One object error per problem (the job report groups them by message)."""
    for problem in problems:
        model.Session.add(HarvestObjectError(message=problem.message, object=harvest_object, stage=stage))
        if problem.value is not None and stage == "Import":
            set_extra(harvest_object, f"harbin_unmapped:{problem.field}", problem.value[:500])
    model.Session.commit()


def _error(harvest_object: HarvestObject, message: str, outcome: Optional[str] = None) -> bool:
    if outcome:
        set_extra(harvest_object, OUTCOME_KEY, outcome)
    save_problems(harvest_object, [Problem("", message)])
    return False


def _make_current(harvest_object: HarvestObject, package_id: str, digest: str) -> None:
    imported = job_of(harvest_object).imported_guids
    if harvest_object.guid in imported:  # else no other object of the record is current
        model.Session.query(HarvestObject).filter(
            HarvestObject.harvest_source_id == harvest_object.source.id,
            HarvestObject.guid == harvest_object.guid,
            HarvestObject.id != harvest_object.id).update({"current": False}, synchronize_session=False)
    harvest_object.package_id, harvest_object.current = package_id, True
    imported.add(harvest_object.guid)
    set_extra(harvest_object, HASH_KEY, digest)
    model.Session.add(harvest_object)


def _live_package(previous: Optional[HarvestObject]) -> Optional[model.Package]:
    package = model.Package.get(previous.package_id) if previous else None
    return package if package is not None and package.state in ("active", "draft") else None


def _name(harvest_object: HarvestObject, source: str) -> str:
    """A URL name from the source and the record's guid: stable, ASCII, unique."""
    digest = hashlib.sha1(f"{harvest_object.source.id}|{harvest_object.guid}".encode("utf-8")).hexdigest()[:12]
    prefix = "".join(c for c in source.lower() if c.isalnum() or c in "-_")[:60]
    return f"{prefix or 'harvest'}-{digest}"


def _save(harvest_object: HarvestObject, job: Job, package: dict[str, Any], existing: Optional[model.Package],
          digest: str, missing: list[str]) -> None:
    """package_create or package_update, and the object made current, not committed: the caller of
    the import stage commits them with the object's outcome, in one commit (runner._process,
    ckanext-harvest's fetch_and_import_stages). An entry that misses what the source could not
    give is saved as a CKAN draft saying what it misses."""
    context = job.context(defer_commit=True, return_id_only=True, harbin_harvest_missing=missing or None)
    if existing is None:
        package.update(id=str(uuid.uuid4()), name=_name(harvest_object, job.source))
        job.duplicates.add(package)
        with saving_entry(), acting_as(job.user_obj()), remembering(job.known_agencies):
            tk.get_action("package_create")(context, package)
        # flushed with the entry before the commit indexes it (ckanext-harvest indexes an entry with
        # its current harvest object), after the entry's row, which it refers to
        _make_current(harvest_object, package["id"], digest)
    else:
        package.update(id=existing.id, name=existing.name)
        with saving_entry(), acting_as(job.user_obj()), remembering(job.known_agencies):
            tk.get_action("package_update")(context, package)
        _make_current(harvest_object, existing.id, digest)


def _optional_errors(package: dict[str, Any], error: tk.ValidationError) -> Optional[list[Problem]]:
    """Drop the optional values the schema refused (and resources with a refused field); the
    warnings saying so, or None when a required field was refused."""
    errors = error.error_dict or {}
    if any(field in REQUIRED or field.startswith("data_items") for field in errors):
        return None
    warnings = []
    for field, messages in errors.items():
        if field == "resources" and isinstance(messages, list):
            bad = {index for index, found in enumerate(messages) if found}
            package["resources"] = [r for index, r in enumerate(package.get("resources", [])) if index not in bad]
        else:
            package.pop(field, None)
        text = " ".join(str(m) for m in (messages if isinstance(messages, list) else [messages]) if m)
        warnings.append(Problem(field, tk._("{field} left out: {errors}").format(field=field, errors=text)))
    return warnings


def _no_items(record: dict[str, Any]) -> str:
    reasons = record.get(MISSING_BECAUSE) or [tk._("the record names no data file")]
    return tk._("data items (数据项): the source lists none and none could be drafted from its file: "
                "{reasons}").format(reasons="; ".join(map(str, reasons)))


def _number(job: Job, package: dict[str, Any], existing: Optional[model.Package], warnings: list[Problem]) -> None:
    """The entry's resource code: the source's, unless `source_codes` says to number the source's
    codes that are no resource codes (with a warning) or all of them; numbered under
    `resource_code_prefix` when it has none (an entry keeps the code it was given)."""
    given, policy = package.get("resource_code"), job.config.get("source_codes", "keep")
    if given and (policy == "renumber_all" or (policy == "renumber_invalid" and not is_resource_code(given))):
        del package["resource_code"]
    if package.get("resource_code") or not job.config.get("resource_code_prefix"):
        return
    kept = existing.extras.get("resource_code") if existing is not None else None
    package["resource_code"] = kept or job.codes.next_code(job.config["resource_code_prefix"])
    if given and policy == "renumber_invalid":
        warnings.append(Problem("resource_code", tk._("“{given}” is not a resource code (资源代码): numbered {code} "
                                                      "instead.").format(given=given, code=package["resource_code"])))


def _agency_doubts(job: Job, record: dict[str, Any], package: dict[str, Any], warnings: list[Problem]) -> list[str]:
    """What keeps the entry a draft because of its provider (a provider the platform does not
    have: never published under the source's agency); a credit-code conflict is a warning."""
    conflict = job.agencies.code_conflict(record, package.get("owner_org"))
    if conflict:
        agency = model.Group.get(package["owner_org"])
        warnings.append(Problem("credit_code", tk._(
            "统一社会信用代码 {given} of the record is not {known}, the code of {agency} on the platform: "
            "matched by the agency's name; check which is right.").format(
            given=conflict[0], known=conflict[1], agency=agency.title if agency else package["owner_org"])))
    provider = job.agencies.unplaced(record)
    if not provider:
        return []
    return [tk._("provider (数据提供方) “{provider}” is not an agency on the platform: kept as a draft of the "
                 "source's agency for review, never published under it; create the agency (with its 统一社会信用代码) "
                 "and harvest again to move the entry there").format(provider=provider)]


def _kept_items(job: Job, existing: Optional[model.Package]) -> list[dict[str, Any]]:
    """The data items the entry has now (as its agency confirmed or completed them)."""
    if existing is None:
        return []
    return tk.get_action("package_show")(job.context(), {"id": existing.id}).get("data_items") or []


def import_record(harvest_object: HarvestObject, record: dict[str, Any]) -> Result:
    """Import one record: "added" or "updated" (the entry was created, or an entry an earlier
    object of the record made was updated; saved for the caller to commit with the object's
    outcome), "unchanged", or False with the reasons saved as object errors."""
    job = job_of(harvest_object)
    previous = job.previous_object(harvest_object)
    existing = _live_package(previous)
    if existing is None and harvest_object.package_id:
        # This object's earlier attempt created the entry, then its fetch consumer died before the
        # object was marked complete: bring that entry up to date, it is not another channel's.
        existing = _live_package(harvest_object)
    fallback_org = job.owner_org or (existing.owner_org if existing else None) or job.source_org
    try:
        package, warnings = to_package(record, job.config.get("defaults") or {}, fallback_org, job.maps, job.agencies)
    except MappingError as error:
        save_problems(harvest_object, error.problems)
        return False
    missing = [] if package["data_items"] else [_no_items(record)]
    if record.get(DRAFTED_FROM):
        warnings.append(Problem("data_items", tk._(
            "Data items drafted from the data file's header (待确认): the agency confirms them at review.")))
    _number(job, package, existing, warnings)
    digest = content_hash(package)
    if existing is not None and previous is not None and previous.current and object_extra(previous, HASH_KEY) == digest:
        return "unchanged"  # no package_update: no new revision, activity or audit event
    kept = _kept_items(job, existing) if record.get(DRAFTED_FROM) or missing else []
    if kept:  # keep the items as the agency confirmed or completed them
        package["data_items"], missing = kept, []
    missing += _agency_doubts(job, record, package, warnings)
    if missing:  # consolidation loses no catalog entry: a draft, never public, for its agency
        package["state"] = "draft"
        warnings.append(Problem("data_items", tk._("Imported as a draft for its agency to complete: {missing}")
                                .format(missing="; ".join(missing))))
    elif existing is not None and existing.state == "draft":
        package["state"] = "active"  # complete now: to review
    duplicate = job.duplicates.find(package, existing.id if existing else None)
    if duplicate:
        return _error(harvest_object, duplicate, DUPLICATE)
    for attempt in range(2):
        try:
            _save(harvest_object, job, dict(package), existing, digest, missing)
            break
        except tk.ValidationError as error:
            model.Session.rollback()
            dropped = _optional_errors(package, error) if attempt == 0 else None
            if dropped is None:
                return _error(harvest_object, tk._("Not a valid catalog entry: {errors}").format(
                    errors=validation_text(error)))
            warnings += dropped
    if missing:
        set_extra(harvest_object, OUTCOME_KEY, DRAFT)
    if warnings:
        save_problems(harvest_object, warnings, "Warning")
    return "updated" if existing is not None and previous is not None and existing.id == previous.package_id \
        else "added"


def withdraw(harvest_object: HarvestObject) -> Result:
    """Withdraw (never delete) the entry of a record that is gone at the source."""
    package = model.Package.get(harvest_object.package_id) if harvest_object.package_id else None
    model.Session.query(HarvestObject).filter(
        HarvestObject.harvest_source_id == harvest_object.source.id,
        HarvestObject.guid == harvest_object.guid).update({"current": False}, synchronize_session=False)
    harvest_object.current = False
    model.Session.add(harvest_object)
    model.Session.commit()
    if package is None or package.state != "active":
        return True
    try:
        tk.get_action("harbin_review_withdraw")({"user": site_user()}, {
            "id": package.id,
            "comment": tk._("No longer at harvest source {source}.").format(source=source_name(harvest_object))})
    except tk.ValidationError:
        model.Session.rollback()  # not submitted or published: nothing to withdraw
    return True
