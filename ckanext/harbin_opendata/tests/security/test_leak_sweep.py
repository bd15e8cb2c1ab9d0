"""Leak sweep over CKAN's and the suite's reads: every registered side-effect-free action and every
GET address of the running portal (core, activity, harvest, DCAT and ours), asked by anonymous, a
self-registered citizen and another agency's editor with every kind of reference to agency A's
entries in every unpublished state (draft, submitted, returned, withdrawn after publication,
deleted after publication): no answer names them — title, notes, keyword, file format, id or name
(issue 18, item 5), nor the phone a citizen typed into a request's public description before it was
checked (masked for all but its agency). A harvest source's bearer token is shown to nobody but sysadmins (item 4).
What the asker typed in is not counted: a page may echo its own address."""
from __future__ import annotations

import datetime as dt
import json
import re
import time
from types import SimpleNamespace
from typing import Any, Iterator
from urllib.parse import quote, unquote

import sqlalchemy as sa

import ckan.logic as logic
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.activity.model import Activity

from .conftest import OUTSIDERS, REQUESTER_PHONE, ROLES, SECRET_TITLES, SECRET_TOKEN, clients

INSIDERS = [role for role in ROLES if role not in OUTSIDERS and role != "sysadmin"]  # see entries, not credentials
SKIPPED_ACTIONS = {"get_site_user"}  # internal: its auth is sysadmin-only and it is never routed
SKIPPED_PAGES = re.compile(r"^/(<path:filename>|webassets/|api/(<[^>]*>/)?action/|api/(<[^>]*>/)?i18n|no/|zh_CN/|zh_TW/|"
                           r"user/_logout|user/reset/|util/redirect|api/(<[^>]*>/)?util/snippet)")


def entry_secrets(world: SimpleNamespace) -> list[str]:
    ids = list(world.secret_ids.values())
    names = [getattr(world, key) for key in SECRET_TITLES]
    tags = [f"秘密关键词{key}" for key in SECRET_TITLES]
    return list(SECRET_TITLES.values()) + tags + ids + names + [world.secret_format, REQUESTER_PHONE]


def _activity_ids(world: SimpleNamespace) -> list[str]:
    """Activities of the entry that was public once, those written while it was public first."""
    query = model.Session.query(Activity).filter(Activity.object_id == world.secret_ids["withdrawn"])
    return [a.id for a in sorted(query, key=lambda a: ("public" not in (a.permission_labels or []), a.timestamp))]


# States as CKAN sees them: private from the start (draft; submitted and returned are alike),
# public once (withdrawn), deleted after publication.
SAMPLE = ("draft", "pending", "withdrawn", "deleted")


def action_inputs(world: SimpleNamespace) -> list[dict[str, Any]]:
    """References to the unpublished entries (by id and by name), their agency, editor, file and
    activities, and searches for their words."""
    refs = [ref for key in SAMPLE for ref in (world.secret_ids[key], getattr(world, key))]
    refs += [world.agency, world.editor, world.resource] + _activity_ids(world)[:1]
    inputs: list[dict[str, Any]] = [{}] + [{"id": ref} for ref in refs]
    inputs += [{"q": "秘密"}, {"query": "秘密"}, {"q": "HRB"}, {"query": f"format:{world.secret_format}"},
               {"id": world.agency, "object_type": "package"}, {"id": world.editor, "include_datasets": True},
               {"q": "*:*", "include_private": True, "include_drafts": True, "include_deleted": True}]
    return inputs


def source_inputs(world: SimpleNamespace) -> list[dict[str, Any]]:
    """References to the harvest source, for the roles that may see entries but not credentials."""
    return [{}, {"id": world.harvest_source}, {"source_id": world.harvest_source}, {"id": world.agency},
            {"id": world.editor}]


def _params(action: str) -> set[str]:
    """The parameters an action documents: an input naming others would only be ignored."""
    return set(re.findall(r":param ([A-Za-z_.]+)", logic.get_action(action).__doc__ or ""))


def _reads() -> list[str]:
    logic.get_action("package_show")  # loads the registry with the plugins
    return sorted(name for name, action in logic._actions.items()
                  if getattr(action, "side_effect_free", False) and name not in SKIPPED_ACTIONS)


def _leaked(text: str, secrets: list[str], asked: str) -> list[str]:
    return [secret for secret in secrets if secret in text and secret not in asked]


def _answer(action: str, user: str, data: dict[str, Any]) -> str:
    try:
        result = tk.get_action(action)({"user": user, "ignore_auth": False}, dict(data))
    except (tk.NotAuthorized, tk.ObjectNotFound, tk.ValidationError, logic.ActionError) as error:
        return str(error)
    except Exception as error:  # the fuzz test hunts 500s; a failure here is no leak
        model.Session.rollback()  # (only then: every rollback costs a new database connection)
        return f"{type(error).__name__}"
    return json.dumps(result, ensure_ascii=False, default=str)


SEARCHES = ("/dataset/", "/organization/{id}", "/harvest/", "/catalog.{_format}", "/feeds/custom.atom",
            "/api/{ver}/util/", "/api/util/")


def _page_values(world: SimpleNamespace) -> dict[str, list[Any]]:
    pairs = [(world.pending, world.resource)]
    ids = [world.secret_ids[key] for key in ("withdrawn", "deleted")]
    activities = [(model.Package.get(a.object_id).name, a.id)
                  for a in model.Session.query(Activity).filter(Activity.object_id.in_(ids)).limit(2)]
    return {"entries": [getattr(world, key) for key in ("draft", "withdrawn", "deleted")], "resources": pairs,
            "activities": activities}


def _fill(rule: str, world: SimpleNamespace, values: dict[str, list[Any]]) -> Iterator[str]:
    """Addresses for one rule: its variables set to references of the secrets; searches for
    their words on the pages that search."""
    args = re.findall(r"<(?:[^:>]*:)?([^>]+)>", rule)
    plain = re.sub(r"<(?:[^:>]*:)?([^>]+)>", r"{\1}", rule)
    fixed = {"ver": "3" if "max=3" in rule else "2", "filename": "名单.csv", "_format": "ttl", "fmt": "csv",
             "source": world.harvest_source, "lang": "zh_Hans_CN", "path": "x", "target_locale": "zh_CN", "token": "x",
             "year": str(dt.date.today().year)}
    if "activity_id" in args:
        urls = [plain.format(id=entry, activity_id=activity, resource_id=world.resource, **fixed)
                for entry, activity in values["activities"]]
    elif "resource_id" in args:
        urls = [plain.format(id=entry, resource_id=resource, view_id="x", **fixed) for entry, resource in values["resources"]]
    elif "id" in args or "_id" in args:
        if rule.startswith(("/dataset", "/catalog")):
            candidates = values["entries"]
        elif rule.startswith("/harvest"):
            candidates = [world.harvest_source]
        elif rule.startswith("/user"):
            candidates = [world.editor]
        elif rule.startswith("/feeds/tag"):
            candidates = [f"秘密关键词{key}" for key in SAMPLE]
        elif rule.startswith(("/feedback", "/showcase")):
            candidates = [world.request if rule.startswith("/feedback") else world.case]
        else:
            candidates = [world.agency]
        urls = [plain.format(id=candidate, _id=candidate, **fixed) for candidate in candidates]
    else:
        urls = [plain.format(**fixed)]
    yield from urls
    if plain.startswith(SEARCHES):
        for text in ("秘密", "HRB"):
            yield f"{urls[0]}?q={quote(text)}&incomplete={quote(text)}"


def page_urls(flask_app: Any, world: SimpleNamespace) -> list[str]:
    rules = sorted({rule.rule for rule in flask_app.url_map.iter_rules() if "GET" in rule.methods})
    values = _page_values(world)
    return [url for rule in rules if not SKIPPED_PAGES.match(rule) for url in _fill(rule, world, values)]


def _sweep_actions(world: SimpleNamespace) -> tuple[int, list[str]]:
    secrets, wrong, tried = entry_secrets(world), [], 0
    cases = [(role, data, secrets + [SECRET_TOKEN]) for role in OUTSIDERS for data in action_inputs(world)]
    cases += [(role, data, [SECRET_TOKEN]) for role in INSIDERS for data in source_inputs(world)]
    for action in _reads():
        params = _params(action)
        for role, data, hidden in cases:
            if not set(data) <= params:
                continue
            asked = json.dumps(data, ensure_ascii=False)
            leaked = _leaked(_answer(action, getattr(world, role), data), hidden, asked)
            tried += 1
            if leaked:
                wrong.append(f"{action}({asked}) as {role}: {leaked}")
    return tried, wrong


def _sweep_pages(app: Any, world: SimpleNamespace, urls: list[str]) -> tuple[int, list[str]]:
    secrets, wrong, tried = entry_secrets(world), [], 0
    browsers = clients(app, world)
    for url in urls:
        for role in OUTSIDERS + (INSIDERS if "harvest" in url else []):
            hidden = (secrets if role in OUTSIDERS else []) + [SECRET_TOKEN]
            body = browsers[role].get(url, follow_redirects=False).get_data().decode("utf-8", "replace")
            tried += 1
            leaked = _leaked(body, hidden, unquote(url))
            if leaked:
                wrong.append(f"GET {url} as {role}: {leaked}")
    return tried, wrong


def test_no_leaks_through_actions(world, capsys):
    """Each read asked by each role that may not see the secrets."""
    # The withdrawn and deleted entries were public once: their public past is in the activity table.
    assert model.Session.execute(sa.text("SELECT count(*) FROM activity WHERE object_id = :id AND "
                                         "'public' = ANY(permission_labels)"), {"id": world.secret_ids["withdrawn"]}).scalar()
    started = time.monotonic()
    tried, wrong = _sweep_actions(world)
    with capsys.disabled():
        print(f"\n[security] leak sweep: {len(_reads())} reads, {tried} calls in {time.monotonic() - started:.0f} s, "
              f"{len(wrong)} leaks")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_no_leaks_through_pages(app, world, capsys):
    """Each GET address asked by each role that may not see the secrets."""
    urls, started = page_urls(app.flask_app, world), time.monotonic()
    tried, wrong = _sweep_pages(app, world, urls)
    with capsys.disabled():
        print(f"\n[security] leak sweep: {len(urls)} addresses, {tried} requests in {time.monotonic() - started:.0f} s, "
              f"{len(wrong)} leaks")
    assert not wrong, "\n".join(sorted(set(wrong)))
