"""The portal as a WSGI application for gunicorn; CKAN_INI names the configuration file.

    CKAN_INI=/etc/ckan/ckan.ini gunicorn -w 4 -b 127.0.0.1:8101 ckanext.harbin_opendata.ops.wsgi:application

Behind nginx every request comes from the proxy's address: ProxyFix takes the visitor's address and
scheme from the X-Forwarded-* headers that the last `security.proxy_hops` proxies set (the base plugin's
ProxyFix reads the same headers with the same count: applying both gives the same address), so that the
feedback rate limit and page-view tracking count visitors, not the proxy. Web nodes listen on
loopback or an internal network only: a header sent straight to a node would be believed.

Loading the ini file configures logging from it, which disables every logger it does not name —
gunicorn's among them: its access lines and its own errors (a worker timed out, killed, failed to
boot) would be lost. They are enabled again.
"""
from __future__ import annotations

import logging
import os
from typing import Any

from werkzeug.middleware.proxy_fix import ProxyFix

__all__ = ["make_application", "application"]

GUNICORN_LOGGERS = ("gunicorn.error", "gunicorn.access")


def make_application(ini: str) -> Any:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    import ckan.plugins.toolkit as tk

    from .solr_failover import install

    app = make_app(load_config(ini))
    for name in GUNICORN_LOGGERS:
        logging.getLogger(name).disabled = False
    install()
    hops = tk.config["ckanext.harbin_opendata.security.proxy_hops"]
    return ProxyFix(app, x_for=hops, x_proto=hops, x_host=hops) if hops else app


application = make_application(os.environ["CKAN_INI"]) if "CKAN_INI" in os.environ else None
