"""Groups (themes, 专题) are the centre's (probe 2 F2): only sysadmins and the centre's reviewers
create, change and delete them and manage their people, whatever ckan.auth.user_create_groups says
(the ini sets it false too; an operator flipping it must not open group creation to every
registered citizen). An entry is added to or removed from a group only by someone who may edit the
entry (or a reviewer), besides CKAN's own group right; an entry the caller cannot see answers 404
like one that does not exist. A group's or agency's picture is an uploaded file or an https
address on review.group_image_hosts — any other address is dropped, never shown for every
visitor's browser to fetch. Membership changes are audited (security_audit)."""
from __future__ import annotations

import logging
from typing import Any, Optional
from urllib.parse import urlsplit

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ..common import roles
from ..common.auth_table import allow, deny

__all__ = ["group_auth_functions", "group_actions", "centre_staff"]

NextAuth = Any
log = logging.getLogger(__name__)


def centre_staff(user: Optional[model.User]) -> bool:
    """A sysadmin or one of the centre's reviewers: who manages groups."""
    return user is not None and (bool(user.sysadmin) or roles.named_reviewer(user))


def _refusal() -> AuthResult:
    return deny(tk._("Groups are managed by the platform's administrators and the centre's reviewers."))


@tk.chained_auth_function
def _group_create(next_auth: NextAuth, context: Context, data_dict: Optional[DataDict] = None) -> AuthResult:
    return allow() if centre_staff(roles.acting_user(context)) else _refusal()


def _group(data_dict: Optional[DataDict]) -> Optional[model.Group]:
    ref = (data_dict or {}).get("id")
    return model.Group.get(ref) if isinstance(ref, str) and ref else None


def centre_only(next_auth: NextAuth, context: Context, data_dict: Optional[DataDict]) -> Optional[AuthResult]:
    """For a group (not an agency) changed by someone else than the centre's staff: the refusal."""
    group = _group(data_dict)
    if group is not None and not group.is_organization and not centre_staff(roles.acting_user(context)):
        return _refusal()
    return None


@tk.chained_auth_function
@tk.auth_sysadmins_check
def _member_create(next_auth: NextAuth, context: Context, data_dict: DataDict) -> AuthResult:
    """An entry in a group: CKAN's group right and the right to edit the entry (or a reviewer)."""
    group = _group(data_dict)
    if group is None or group.is_organization or data_dict.get("object_type") != "package":
        return next_auth(context, data_dict)
    user = roles.acting_user(context)
    package = model.Package.get(str(data_dict.get("object") or ""))
    if user is None or package is None or not (roles.can_edit_entry(user, package) or roles.is_reviewer(user)):
        return deny(tk._("Only who may edit a catalog entry adds it to a group or removes it."))
    return allow() if user.sysadmin else next_auth(context, data_dict)


def group_auth_functions() -> dict[str, Any]:
    return {"group_create": _group_create, "member_create": _member_create, "member_delete": _member_create}


def _visible(context: Context, package_ref: str) -> bool:
    try:
        tk.check_access("package_show", {"user": context.get("user")}, {"id": package_ref})
        return model.Package.get(package_ref) is not None
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False


def _entry_seen(action: str) -> Any:
    @tk.chained_action
    def chained(up_func: Any, context: Context, data_dict: DataDict) -> Any:
        """CKAN's action; an entry the caller cannot see is not found (no existence oracle)."""
        if data_dict.get("object_type") == "package" and not context.get("ignore_auth") \
                and not _visible(context, str(data_dict.get("object") or "")):
            raise tk.ObjectNotFound(tk._("Catalog entry not found"))
        return up_func(context, data_dict)
    chained.__name__ = action
    return chained


def image_refusal(url: Any) -> Optional[str]:
    """Why a group's or agency's image_url is not kept, or None: an uploaded file's name (no scheme,
    no host) or an https address on review.group_image_hosts."""
    if not isinstance(url, str) or not url.strip():
        return None
    value = url.strip()
    parts = urlsplit(value)
    if not parts.scheme and not parts.netloc and "\\" not in value and not value.startswith("/"):
        return None  # the name of an uploaded picture, served from /uploads/group/
    hosts = tk.aslist(tk.config["ckanext.harbin_opendata.review.group_image_hosts"])
    if parts.scheme == "https" and (parts.hostname or "").lower() in [host.lower() for host in hosts]:
        return None
    return tk._("Upload the picture, or give an https address on a host the platform allows.")


def _image_checked(action: str) -> Any:
    @tk.chained_action
    def chained(up_func: Any, context: Context, data_dict: DataDict) -> Any:
        """CKAN's action; a picture that is neither an upload nor on an allowed https host is
        dropped (CKAN's own factories and forms send such addresses; refusing would stop the whole
        change for its picture) and the operator's log says so."""
        if isinstance(data_dict, dict) and image_refusal(data_dict.get("image_url")):
            log.warning("%s: picture address %r dropped (not an upload, not on review.group_image_hosts)",
                        action, str(data_dict["image_url"])[:200])
            data_dict = dict(data_dict, image_url="")
        return up_func(context, data_dict)
    chained.__name__ = action
    return chained


def group_actions() -> dict[str, Any]:
    return {**{name: _entry_seen(name) for name in ("member_create", "member_delete")},
            **{name: _image_checked(name) for name in ("group_create", "group_update", "organization_create",
                                                        "organization_update")}}
