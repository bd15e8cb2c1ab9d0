"""The stored texts re-checked by themselves (issue 16, "nothing public before it is checked"): by
the migration that raises TEXT_RULES (inline, for every entry, agency and group whose mark is below
it: a thousand entries take seconds, so nothing waits hidden for a later job) and on the
scheduler's round (`ckan harbin privacy texts --all --withdraw`). The result of each is kept
(TextCheck: the rules, which field held which kinds, never the value). Fail closed: a published
entry whose texts fail, or could not be read, is withdrawn (private, back in its agency's and the
reviewers' hands with the finding); an agency's or group's texts that fail, or whose mark is below
the rules, are withheld from the public (agency_texts.py) and listed on the review page. A new or
changed finding is an audit event naming the field and the kinds."""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any, Callable, Iterable, Optional

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from .events import record_event
from .model import TEXT_RULES, TextCheck
from .stored_texts import Failing, active_groups, agency_failing, entry_failing, findings_of, site_context
from . import agency_texts

__all__ = ["Rechecked", "recheck", "recheck_below", "withdraw_entry", "mark_saved_group", "publication_blockers",
           "remember_checked_entry", "forget_checked_on_commit"]

log = logging.getLogger(__name__)


@dataclasses.dataclass
class Rechecked:
    failing: list[Failing] = dataclasses.field(default_factory=list)
    unread: list[str] = dataclasses.field(default_factory=list)  # names whose texts could not be read
    withdrawn: dict[str, str] = dataclasses.field(default_factory=dict)  # entry name: outcome
    checked: int = 0


def _marks(ids: list[str]) -> dict[str, TextCheck]:
    query = model.Session.query(TextCheck).filter(TextCheck.object_id.in_(ids)) if ids else []
    return {mark.object_id: mark for mark in query}


def _read(what: Callable[[], list[Failing]], name: str) -> Optional[list[Failing]]:
    """The failing texts, or None when they could not be read (counted as unchecked)."""
    try:
        return what()
    except Exception:  # noqa: BLE001 - one unreadable entry must not stop the others' check
        log.exception("The stored texts of %s could not be checked", name)
        model.Session.rollback()
        return None


def _marked(object_id: str, object_type: str, findings: Optional[list[dict[str, Any]]],
            previous: Optional[TextCheck]) -> bool:
    """Keep the result; True when it is news for the audit log (a new or changed finding)."""
    news = findings != [] and (previous is None or previous.findings != findings or previous.rules != TEXT_RULES)
    _store(object_id, object_type, findings)
    return news


def _store(object_id: str, object_type: str, findings: Optional[list[dict[str, Any]]]) -> None:
    if object_type != "entry":
        model.Session.info[_GROUP_MARKS] = True
    model.Session.merge(TextCheck(object_id=object_id, object_type=object_type, rules=TEXT_RULES,
                                  checked_at=dt.datetime.now(dt.timezone.utc), findings=findings))


def _details(findings: Optional[list[dict[str, Any]]]) -> dict[str, Any]:
    return {"rules": TEXT_RULES, "findings": findings} if findings is not None else {"rules": TEXT_RULES,
                                                                                    "unread": True}


def withdraw_entry(package: model.Package, findings: Optional[list[dict[str, Any]]], user: str) -> str:
    """Take a published entry from the public back to review, the reason naming the fields."""
    fields = tk._(", ").join(dict.fromkeys(finding["field"] for finding in findings or []))
    comment = tk._("Its catalog texts hold personal data ({fields}): correct them and submit it again.").format(
        fields=fields) if findings else tk._("Its catalog texts could not be checked for personal data: "
                                             "save the entry again, then submit it.")
    try:
        tk.get_action("harbin_review_withdraw")({"user": user}, {"id": package.id, "comment": comment})
    except (tk.ValidationError, tk.NotAuthorized) as refused:
        return f"not withdrawn: {refused}"
    return "withdrawn"


def _entry(package: model.Package, context: dict[str, Any], previous: Optional[TextCheck], withdraw: bool,
           done: Rechecked) -> None:
    failing = _read(lambda: entry_failing(context, package), package.name)
    findings = findings_of(failing) if failing is not None else None
    done.failing.extend(failing or [])
    done.unread.extend([] if failing is not None else [package.name])
    if _marked(package.id, "entry", findings, previous):
        record_event("privacy_stored_texts", package.id, context["user"], details=_details(findings), announce=True)
    public = package.state == "active" and not package.private
    model.repo.commit()
    if withdraw and public and findings != []:
        done.withdrawn[package.name] = withdraw_entry(package, findings, context["user"])


def _group(group: model.Group, context: dict[str, Any], previous: Optional[TextCheck], done: Rechecked) -> None:
    failing = _read(lambda: list(agency_failing(context, group)), group.name)
    findings = findings_of(failing) if failing is not None else None
    done.failing.extend(failing or [])
    done.unread.extend([] if failing is not None else [group.name])
    if _marked(group.id, "agency" if group.is_organization else "group", findings, previous):
        tk.get_action("harbin_review_record_event")(
            {"ignore_auth": True, "user": context["user"], "defer_commit": True},
            {"organization": group.id, "event": "privacy_stored_texts", "details": _details(findings)})
    model.repo.commit()


def recheck(packages: Iterable[model.Package], groups: Iterable[model.Group], withdraw: bool,
            below: Optional[int] = None) -> Rechecked:
    """Check the stored texts of these entries and agencies/groups now and keep the results (only
    those marked below `below`, when given); with `withdraw`, published entries that fail or could
    not be read are withdrawn. Commits each one's result."""
    packages, groups, done = list(packages), list(groups), Rechecked()
    context = site_context()
    marks = _marks([package.id for package in packages] + [group.id for group in groups])
    for package in packages:
        previous = marks.get(package.id)
        if below is None or previous is None or previous.rules < below:
            _entry(package, context, previous, withdraw, done)
            done.checked += 1
    for group in groups:
        previous = marks.get(group.id)
        if below is None or previous is None or previous.rules < below:
            _group(group, context, previous, done)
            done.checked += 1
    return done


def recheck_below(rules: int) -> Rechecked:
    """The upgrade's step (a migration that raises TEXT_RULES): every catalog entry, agency and
    group marked below `rules` (or never), withdrawing what fails."""
    try:
        packages = model.Session.query(model.Package).filter(model.Package.state == "active",
                                                             model.Package.type == "dataset").all()
        done = recheck(packages, active_groups(), withdraw=True, below=rules)
        # Ended here, whatever was found: a transaction left open holds its reads' locks on package and
        # group, and the next migration altering them would wait for it for ever (ckan db upgrade hung).
        model.Session.commit()
    except BaseException:
        model.Session.rollback()
        raise
    log.info("Stored texts re-checked: %s checked, %s failing, %s unread, withdrawn: %s", done.checked,
             len(done.failing), len(done.unread), ", ".join(done.withdrawn) or "none")
    return done


def mark_saved_group(group_id: str) -> None:
    """An agency or group saved through the metadata check: its texts are checked under the current rules."""
    group = model.Group.get(group_id)
    if group is not None:
        _store(group.id, "agency" if group.is_organization else "group", [])


_CHECKED = "harbin_privacy_checked_entries"
_GROUP_MARKS = "harbin_privacy_group_marks_written"


def remember_checked_entry(*refs: Any) -> None:
    """An entry (by id or name) whose texts the metadata check has just passed, in this session."""
    model.Session.info.setdefault(_CHECKED, set()).update(ref for ref in refs if isinstance(ref, str) and ref)


def _forget(session: Any) -> None:
    session.info.pop(_CHECKED, None)
    if session.info.pop(_GROUP_MARKS, None):
        agency_texts.forget_marks()


def forget_checked_on_commit() -> None:
    """What the session remembers holds until its transaction ends: texts may change after it."""
    if not sa.event.contains(model.Session, "after_commit", _forget):
        sa.event.listen(model.Session, "after_commit", _forget)
        sa.event.listen(model.Session, "after_rollback", _forget)


def publication_blockers(package: model.Package) -> list[str]:
    """An entry is published only with its stored texts clean now (one submitted before the
    upgrade, never saved since, would otherwise be published with them); an entry saved through
    the check in this session is not read again (a trusted harvest's record, published as created)."""
    if {package.id, package.name} & model.Session.info.get(_CHECKED, set()):
        return []
    failing = entry_failing(site_context(), package)
    if not failing:
        return []
    fields = tk._(", ").join(dict.fromkeys(finding["field"] for finding in findings_of(failing)))
    return [tk._("Its catalog texts hold personal data ({fields}): correct them and submit it again.").format(
        fields=fields)]
