"""`ckan harbin deploy`: writes one host's production configuration from the ini file: nginx (main
file and the site file), supervisord with every process of the plan, and systemd units for
servers that use systemd instead of supervisord; and builds the web assets before any web node
starts (build_webassets)."""
from __future__ import annotations

import logging
import os
import pathlib
import pwd
import shlex
from typing import Any, Iterable

import jinja2
from webassets import script

import ckan.plugins.toolkit as tk
from ckan.lib import webassets_tools
from ckan.lib.webassets_tools import get_webassets_path

from ..common.server_pages import page
from . import plan

__all__ = ["write_config", "public_dirs", "build_webassets"]

_TEMPLATES = jinja2.Environment(loader=jinja2.PackageLoader("ckanext.harbin_opendata.ops", "templates"),
                                keep_trailing_newline=True, undefined=jinja2.StrictUndefined, autoescape=False)
_TEMPLATES.filters["shell_join"] = shlex.join


def public_dirs() -> list[str]:
    """CKAN's public folders in the order CKAN looks in them (the first with the file wins)."""
    import ckan

    extra = [path for path in (tk.config.get("extra_public_paths") or "").split(",") if path.strip()]
    base = os.path.join(os.path.dirname(ckan.__file__), tk.config["ckan.base_public_folder"])
    return [os.path.abspath(path) for path in [*extra, *tk.config.get("plugin_public_paths", []), base]]


def _max_body_mb() -> int:
    """Largest request body: the largest upload CKAN accepts, plus room for the form's fields."""
    return max(tk.config["ckan.max_resource_size"], tk.config["ckan.max_image_size"]) + 1


# nginx's own refusals → the page shown: 494 is its "Request Header Or Cookie Too Large" (sent as 400)
_ERROR_PAGES = {400: 400, 413: 413, 414: 414, 494: 431}


def _nginx_text(text: str) -> str:
    """A page as one single-quoted nginx string."""
    return "".join(line.strip() for line in text.splitlines()).replace("\\", "\\\\").replace("'", "\\'")


def _site_context(ini: str) -> dict[str, Any]:
    deploy = "ckanext.harbin_opendata.deploy."
    hops = tk.config["ckanext.harbin_opendata.security.proxy_hops"]
    return {
        "ini": ini, "listen": tk.config[deploy + "listen"], "server_name": tk.config[deploy + "server_name"],
        "web_nodes": tk.config[deploy + "web_nodes"], "web_timeout": tk.config[deploy + "web_timeout"],
        "csp": " ".join(tk.config["ckanext.harbin_opendata.security.content_security_policy"].split()),
        "forwarded_for": "$proxy_add_x_forwarded_for" if hops > 1 else "$remote_addr",
        "public_dirs": public_dirs(), "webassets_dir": get_webassets_path(),
        "webassets_url": tk.config["ckan.webassets.url"].rstrip("/"),
        "solr_nodes": tk.config[deploy + "solr_nodes"], "solr_listen": tk.config[deploy + "solr_listen"],
        "max_body_mb": _max_body_mb(), "error_pages": _ERROR_PAGES,
        "error_texts": {code: _nginx_text(page(code)) for code in sorted(set(_ERROR_PAGES.values()))},
    }


def _writable_by_nginx_workers(path: pathlib.Path) -> None:
    """nginx started as root runs its workers as `nobody`: they write request bodies there."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        os.chown(path, pwd.getpwnam("nobody").pw_uid, -1)
        path.chmod(0o700)


def _write(target: pathlib.Path, template: str, **context: Any) -> pathlib.Path:
    target.write_text(_TEMPLATES.get_template(template).render(**context), encoding="utf-8")
    return target


def write_config(ini: str, output: str, roles: Iterable[str] = plan.ROLES,
                 includes: Iterable[str] = ()) -> list[pathlib.Path]:
    """Write the configuration files into `output` (logs and run files go below it); returns them."""
    ini, out = os.path.abspath(ini), pathlib.Path(output).resolve()
    run_dir, log_dir, temp_dir, units = out / "run", out / "logs", out / "nginx-temp", out / "systemd"
    for folder in (run_dir, log_dir, units):
        folder.mkdir(parents=True, exist_ok=True)
    for kind in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        _writable_by_nginx_workers(temp_dir / kind)
    nginx_conf, site_conf = out / "nginx.conf", out / "nginx-site.conf"
    programs = plan.programs(ini, str(nginx_conf), roles)
    common = {"ini": ini, "run_dir": run_dir, "log_dir": log_dir, "site_conf": site_conf}
    written = [_write(site_conf, "nginx-site.conf.j2", **_site_context(ini)),
               _write(nginx_conf, "nginx.conf.j2", temp_dir=temp_dir, **common)]
    groups: dict[str, list[str]] = {}
    for program in programs:
        groups.setdefault(program.role, []).append(program.name)
    supervisord_conf = out / "supervisord.conf"
    written.append(_write(supervisord_conf, "supervisord.conf.j2", path=supervisord_conf, programs=programs,
                          groups=groups, includes=list(includes), **common))
    served_by_systemd = [program for program in programs if program.role != "proxy"]
    for program in served_by_systemd:
        written.append(_write(units / f"harbin-{program.name}.service", "systemd.service.j2", program=program,
                              user=tk.config["ckanext.harbin_opendata.deploy.user"], **common))
    written.append(_write(units / "harbin-opendata.target", "systemd.target.j2", programs=served_by_systemd, **common))
    return written


def build_webassets() -> None:
    """Build every web-asset bundle into the web-assets folder (as `ckan asset build` does). Left to
    the first page view, each web worker builds a bundle missing there at once, and the workers race
    to create its folder (webassets checks, then creates): the loser answers that page with a 500."""
    script.CommandLineEnvironment(webassets_tools.env, logging.getLogger(__name__)).build()
