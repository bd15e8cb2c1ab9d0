"""Who manages harvest sources: sysadmins, and the roles named in harvest.source_managers. A
source decides where entries are written and holds credentials, so agency editors do not create
or change sources, run them, or read their harvested records; only sysadmins let a source write
into other agencies (`allowed_agencies`) or change a source that holds credentials. Chained
onto CKAN's and ckanext-harvest's auth functions (a source is a dataset of type "harvest")."""
from __future__ import annotations

import json
from typing import Any, Optional

import ckan.authz as authz
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ..common import roles
from ..common.permission_labels import may_read_source
from .redaction import holds_secrets

__all__ = ["package_show", "package_create", "package_update", "package_delete", "harvest_source_create",
           "harvest_object_show", "harvest_object_list", "activity_diff", "auth_functions"]

SOURCE_TYPE = "harvest"
NextAuth = Any


def _may_manage_sources(user: Optional[model.User], organization_id: Optional[str]) -> bool:
    if user is None or user.state != "active":
        return False
    if user.sysadmin:
        return True
    managers = tk.config["ckanext.harbin_opendata.harvest.source_managers"]
    if "reviewers" in managers and roles.is_reviewer(user):
        return True
    return "agency_admins" in managers and bool(organization_id) and authz.has_user_permission_for_group_or_org(
        organization_id, user.name, "admin")


def may_create_some_source(user: Optional[model.User]) -> bool:
    """Whether the user may create a source in some agency (the new-source form is for them)."""
    if _may_manage_sources(user, None):
        return True
    managers = tk.config["ckanext.harbin_opendata.harvest.source_managers"]
    return user is not None and "agency_admins" in managers and bool(user.get_groups("organization", "admin"))


def refuse_source_form() -> Any:
    """Before a request: an agency editor asking for /harvest/new gets the refusal a submitted form
    would get (CKAN's form checks package_create without the source's type, which editors pass)."""
    user = roles.user_object(getattr(tk.current_user, "name", None))
    if tk.request.endpoint == "harvest.new" and user is not None and not may_create_some_source(user):
        return tk.abort(403, tk._("Only the platform's administrators manage harvest sources."))
    return None


def _deny(message: str) -> AuthResult:
    return {"success": False, "msg": message}


def _source(context: Context, data_dict: DataDict) -> Optional[model.Package]:
    package = context.get("package")
    if not isinstance(package, model.Package):
        ref = data_dict.get("id") or data_dict.get("name")
        package = model.Package.get(ref) if isinstance(ref, str) and ref else None
    return package if package is not None and package.type == SOURCE_TYPE else None


def _allowed_agencies(config: Any) -> Any:
    try:
        return json.loads(config).get("allowed_agencies") if isinstance(config, str) and config.strip() else None
    except (ValueError, AttributeError):
        return None


def _refusal(user: Optional[model.User], organization_id: Optional[str], data_dict: DataDict,
             stored: Optional[model.Package] = None) -> Optional[str]:
    if not _may_manage_sources(user, organization_id):
        return tk._("Only the platform's administrators manage harvest sources.")
    if user is not None and user.sysadmin:
        return None
    before = stored.extras.get("config") if stored is not None else None
    if holds_secrets(before):
        return tk._("This harvest source holds credentials: only a sysadmin changes it.")
    if "config" in data_dict and _allowed_agencies(data_dict.get("config")) != _allowed_agencies(before):
        return tk._("Only a sysadmin lets a harvest source write into other agencies (allowed_agencies).")
    return None


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def package_show(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    """A source (its page, harvest_source_show, its activity) is read by sysadmins, the reviewers
    and its agency's members only (common/permission_labels.py)."""
    source = _source(context, data_dict)
    if source is not None and not may_read_source(roles.acting_user(context), source):
        raise tk.ObjectNotFound()  # as a source that does not exist (harbin_review's rule for entries)
    return next_auth(context, data_dict)


def _creating_source(context: Context, data_dict: DataDict) -> Optional[str]:
    owner = data_dict.get("owner_org")
    group = model.Group.get(owner) if isinstance(owner, str) and owner else None
    return _refusal(roles.acting_user(context), group.id if group else None, data_dict)


@tk.chained_auth_function
def package_create(next_auth: NextAuth, context: Context, data_dict: Optional[DataDict] = None) -> AuthResult:
    if data_dict and data_dict.get("type") == SOURCE_TYPE:
        refusal = _creating_source(context, data_dict)
        if refusal:
            return _deny(refusal)
    return next_auth(context, data_dict)


@tk.chained_auth_function
def harvest_source_create(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    refusal = _creating_source(context, data_dict)
    return _deny(refusal) if refusal else next_auth(context, data_dict)


@tk.chained_auth_function
def package_update(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    source = _source(context, data_dict)
    refusal = _refusal(roles.acting_user(context), source.owner_org, data_dict, source) if source else None
    return _deny(refusal) if refusal else next_auth(context, data_dict)


@tk.chained_auth_function
def package_delete(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    source = _source(context, data_dict)
    if source is not None and not _may_manage_sources(roles.acting_user(context), source.owner_org):
        return _deny(tk._("Only the platform's administrators manage harvest sources."))
    return next_auth(context, data_dict)


def _object_refusal(context: Context, data_dict: DataDict) -> Optional[str]:
    from ckanext.harvest.model import HarvestObject

    harvest_object = HarvestObject.get(data_dict.get("id")) if isinstance(data_dict.get("id"), str) else None
    ref = harvest_object.harvest_source_id if harvest_object else data_dict.get("source_id")
    source = model.Package.get(ref) if isinstance(ref, str) and ref else None
    if not _may_manage_sources(roles.acting_user(context), source.owner_org if source else None):
        return tk._("Harvested records are read by the platform's administrators only.")
    return None


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def harvest_object_show(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    """Raw harvested records may hold what the mapping left out of an entry, or a record of an
    entry that is not published: source managers only."""
    refusal = _object_refusal(context, data_dict)
    return _deny(refusal) if refusal else next_auth(context, data_dict)


@tk.chained_auth_function
def harvest_object_list(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    refusal = _object_refusal(context, data_dict)
    return _deny(refusal) if refusal else next_auth(context, data_dict)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def activity_diff(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    """A diff of a harvest source's versions may show its credentials: source managers only."""
    from ckanext.activity.model import Activity

    activity = Activity.get(data_dict.get("id")) if isinstance(data_dict.get("id"), str) else None
    source = model.Package.get(activity.object_id) if activity is not None else None
    user = roles.acting_user(context)
    if source is not None and source.type == SOURCE_TYPE and not (user is not None and user.sysadmin):
        return _deny(tk._("Only the platform's administrators manage harvest sources."))
    return next_auth(context, data_dict)


def auth_functions() -> dict[str, Any]:
    """IAuthFunctions: the chained functions above (activity's only with activity)."""
    import ckan.plugins as p

    names = [name for name in __all__ if name != "auth_functions"]
    return {name: globals()[name] for name in names if name != "activity_diff" or p.plugin_loaded("activity")}
