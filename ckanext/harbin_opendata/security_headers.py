"""Security headers on every response of the portal, and uploaded files served so that they can
never run as pages of the portal's origin (stored XSS through an .html, .svg or .xhtml upload).

Every response: Content-Security-Policy (scripts only from the portal, the few inline handlers of
CKAN's own templates by hash), X-Content-Type-Options: nosniff, X-Frame-Options and
frame-ancestors, Referrer-Policy, and Strict-Transport-Security when the site is https.
Uploaded files (resource downloads, /uploads/…): `Content-Disposition: attachment` with the file's
name (RFC 5987 `filename*`, Chinese kept), a Content-Type that no browser renders as a document
(active types become application/octet-stream), and CSP `sandbox`. Raster images stay inline so
that <img> keeps working, and so do SVG pictures of /uploads/ (type kept, attachment, sandbox)."""
from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote, unquote

import ckan.model as model
import ckan.plugins.toolkit as tk

__all__ = ["add_security_headers", "attachment_disposition", "FILE_POLICY"]

FILE_POLICY = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"
_INLINE_IMAGES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
# Types a browser would render or run (as a page, a script, a style, a plug-in).
_ACTIVE = ("text/html", "application/xhtml", "image/svg", "text/xml", "application/xml", "text/xsl",
           "javascript", "ecmascript", "text/css", "application/x-shockwave-flash", "application/pdf",
           "multipart/", "text/vtt", "message/")
_FILE_ENDPOINTS = {"resource.download", "dataset_resource.download"}


def attachment_disposition(filename: str, fallback: str = "") -> str:
    """`attachment` with an ASCII fallback name (`fallback`, else `filename` with "_" for what is
    not ASCII) and the real one as UTF-8 (RFC 6266 / 5987)."""
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_"
                       for c in fallback or filename) or "download"
    stem, extension = os.path.splitext(fallback)
    if not any(c.isalnum() for c in stem):  # a Chinese name: "__________.csv" said nothing
        fallback = "download" + extension
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _is_user_file() -> bool:
    request = tk.request
    if request.endpoint in _FILE_ENDPOINTS:
        return True
    return request.endpoint == "static" and request.path.startswith("/uploads/")


def _download_names() -> tuple[str, str]:
    """The name a downloaded file is saved under: the resource's own name (Chinese kept) with the
    stored file's extension, else the stored name; and the stored name (the ASCII fallback)."""
    args = tk.request.view_args or {}
    resource = model.Resource.get(args["resource_id"]) if args.get("resource_id") else None
    if resource is None:  # /uploads/<kind>/<name>
        return unquote(tk.request.path.rstrip("/").rsplit("/", 1)[-1]) or "download", ""
    stored = args.get("filename") or (resource.url or "").rsplit("/", 1)[-1] or "download"
    name = "".join(c for c in (resource.name or "") if c.isprintable() and c not in '/\\"').strip(" .")
    extension = os.path.splitext(stored)[1]
    if not name:
        return stored, stored
    return (name if name.lower().endswith(extension.lower()) else name + extension), stored


def _serve_as_file(response: Any) -> None:
    if response.status_code >= 300 or not response.direct_passthrough:
        return  # a redirect to a linked file, or CKAN's own error page
    response.headers["Content-Security-Policy"] = FILE_POLICY
    mimetype = (response.mimetype or "").lower()
    if mimetype in _INLINE_IMAGES:
        return
    # An SVG image of /uploads/ (a reuse case's picture) keeps its type so that <img> shows it;
    # as an attachment under `sandbox` it never runs as a page.
    keep_svg = mimetype == "image/svg+xml" and tk.request.endpoint == "static"
    if any(active in mimetype for active in _ACTIVE) and not keep_svg:
        response.headers["Content-Type"] = "application/octet-stream"
    response.headers["Content-Disposition"] = attachment_disposition(*_download_names())


def add_security_headers(response: Any) -> Any:
    """Flask after_request hook of the base plugin."""
    headers = response.headers
    policy = tk.config["ckanext.harbin_opendata.security.content_security_policy"]
    if policy:
        headers.setdefault("Content-Security-Policy", policy)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", tk.config["ckanext.harbin_opendata.security.frame_options"])
    headers.setdefault("Referrer-Policy", tk.config["ckanext.harbin_opendata.security.referrer_policy"])
    if tk.config["ckan.site_url"].startswith("https://"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if _is_user_file():
        _serve_as_file(response)
    return response
