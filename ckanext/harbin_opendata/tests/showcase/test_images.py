"""Images of reuse cases: uploaded files are real images (the content decides), SVGs run nothing,
the size limit holds, file names cannot leave the upload folder; shown on the case and home pages."""
from __future__ import annotations

import io
import os
import struct
import zlib

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action
from werkzeug.datastructures import FileStorage

import ckan.lib.uploader as uploader
import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.factories import CatalogEntry

CLEAN_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs>'
             b'<rect width="10" height="10" style="fill:url(#g)"/><use href="#g"/></svg>')
SVG_REFUSED = "The SVG image contains scripts or links to other documents and is refused."
HOSTILE_SVGS = {
    "script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
    "handler": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
    "outside link": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                    b'<image xlink:href="https://evil.example/x.png"/></svg>',
    "javascript href": b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
    "foreign html": b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml">'
                    b'<iframe src="https://evil.example"/></body></foreignObject></svg>',
    "entity": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    "css import": b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/a.css);</style></svg>',
}


def png(width: int = 8, height: int = 6, rgb: tuple[int, int, int] = (11, 106, 138)) -> bytes:
    """A real PNG image (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def upload(data: bytes, filename: str, content_type: str = "application/octet-stream") -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)


def stored_path(name: str) -> str:
    return os.path.join(uploader.get_storage_path(), "storage", "uploads", "showcase", name)


def stored_files() -> set[str]:
    folder = os.path.dirname(stored_path("x"))
    return set(os.listdir(folder)) if os.path.isdir(folder) else set()


@pytest.fixture
def admin(with_plugins, clean_db, clean_index):
    return factories.Sysadmin()


def _create(admin: dict, **fields) -> dict:
    data = {"title": "冰雪出行地图", "summary": "出行提示。", "unit": "哈尔滨工业大学", "kind": "app", "published": True}
    return call_action("harbin_showcase_create", {"user": admin["name"]}, **{**data, **fields})


def _refusal(admin: dict, file: FileStorage) -> str:
    with pytest.raises(tk.ValidationError) as error:
        _create(admin, image_upload=file)
    return error.value.error_dict["image_upload"][0]


def test_an_uploaded_png_is_stored_under_a_safe_name_and_shown(app, admin):
    entry = CatalogEntry()
    case = _create(admin, datasets=[entry["name"]], image_upload=upload(png(), "../../../etc/冰雪地图.jpg", "image/jpeg"))
    name = case["image_url"]
    assert "/" not in name and name.endswith(".png")  # no directory; the content, not the name, gives the type
    assert os.path.isfile(stored_path(name))
    assert os.path.dirname(os.path.realpath(stored_path(name))).endswith(os.path.join("uploads", "showcase"))
    assert case["image_display_url"].endswith(f"/uploads/showcase/{name}")
    served = app.get(f"/uploads/showcase/{name}")
    assert served.status_code == 200 and served.data == png()
    assert f'src="{case["image_display_url"]}"' in app.get(f"/showcase/{case['id']}").body
    assert f'src="{case["image_display_url"]}"' in app.get("/").body
    assert f'src="{case["image_display_url"]}"' in app.get(f"/dataset/{entry['name']}").body


def test_a_clean_svg_is_taken(admin):
    case = _create(admin, image_upload=upload(CLEAN_SVG, "logo.svg", "image/svg+xml"))
    assert case["image_url"].endswith(".svg") and os.path.isfile(stored_path(case["image_url"]))


@pytest.mark.parametrize("kind", sorted(HOSTILE_SVGS))
def test_svgs_that_could_run_or_fetch_anything_are_refused(admin, kind):
    before = stored_files()
    assert _refusal(admin, upload(HOSTILE_SVGS[kind], "picture.svg", "image/svg+xml")) == SVG_REFUSED
    assert stored_files() == before


@pytest.mark.parametrize("data, filename", [
    (b"<html><body><script>alert(1)</script></body></html>", "photo.png"),  # HTML dressed as an image
    (b"MZ\x90\x00" + bytes(200), "photo.jpg"),
    ("名称,数量\n积雪,3\n".encode("utf-8"), "photo.gif"),
])
def test_files_that_are_not_images_are_refused_whatever_their_name(admin, data, filename):
    before = stored_files()
    assert _refusal(admin, upload(data, filename, "image/png")) == "Only images can be uploaded (GIF, JPEG, PNG, SVG, WEBP)."
    assert stored_files() == before  # nothing written


@pytest.mark.ckan_config("ckan.max_image_size", 1)
def test_images_over_the_size_limit_are_refused(admin):
    big = png() + bytes(1024 * 1024)  # a PNG header with a megabyte of padding
    assert _refusal(admin, upload(big, "big.png", "image/png")) == "The image is larger than 1 MB."
    assert _create(admin, image_upload=upload(png(), "small.png", "image/png"))["image_url"]


def test_replacing_clearing_and_deleting_remove_the_stored_file(admin):
    context = {"user": admin["name"]}
    case = _create(admin, image_upload=upload(png(), "first.png"))
    first = case["image_url"]
    fields = {k: case[k] for k in ("title", "summary", "unit", "kind")}
    kept = call_action("harbin_showcase_update", context, id=case["id"], image_url=first, **fields)
    assert kept["image_url"] == first and os.path.isfile(stored_path(first))
    second = call_action("harbin_showcase_update", context, id=case["id"], **fields,
                         image_upload=upload(png(rgb=(200, 30, 30)), "second.png"))["image_url"]
    assert second != first and not os.path.exists(stored_path(first)) and os.path.isfile(stored_path(second))
    with pytest.raises(tk.ValidationError):  # another website's picture: refused, the stored one kept
        call_action("harbin_showcase_update", context, id=case["id"], image_url="https://example.org/a.png", **fields)
    assert os.path.isfile(stored_path(second))
    third = call_action("harbin_showcase_update", context, id=case["id"], **fields,
                        image_upload=upload(png(), "third.png"))["image_url"]
    assert not os.path.exists(stored_path(second))
    cleared = call_action("harbin_showcase_update", context, id=case["id"], image_url="", clear_upload=True, **fields)
    assert cleared["image_url"] is None and not os.path.exists(stored_path(third))
    fourth = call_action("harbin_showcase_update", context, id=case["id"], **fields,
                         image_upload=upload(png(), "fourth.png"))["image_url"]
    call_action("harbin_showcase_delete", context, id=case["id"])
    assert not os.path.exists(stored_path(fourth))


@pytest.mark.parametrize("value", ["../../secret.png", "/etc/passwd", ".hidden.png", "javascript:alert(1)", "a/b.png"])
def test_an_image_url_is_a_link_or_a_stored_file_name_never_a_path(admin, value):
    with pytest.raises(tk.ValidationError) as error:
        _create(admin, image_url=value)
    assert list(error.value.error_dict) == ["image_url"]


@pytest.mark.ckan_config("ckan.max_image_size", 1)
def test_administrators_upload_through_the_form(app, admin):
    from ckanext.harbin_opendata.tests.web import csrf_token, logged_in_client

    client = logged_in_client(app, admin["name"])
    page = client.get("/showcase/new").body
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page and 'name="image_upload"' in page
    assert 'data-module="image-upload"' not in page  # CKAN's module offers a link to another website's picture
    form = {"title": "冰雪出行地图", "summary": "摘要", "unit": "哈尔滨工业大学", "kind": "app", "published": "true",
            "_csrf_token": csrf_token(page)}
    refusals = {  # what the administrator reads, in Chinese
        (HOSTILE_SVGS["script"], "a.svg"): "该 SVG 图片包含脚本或指向其他文档的链接，不予上传。",
        (b"<html><script>alert(1)</script></html>", "a.png"): "只能上传图片（GIF, JPEG, PNG, SVG, WEBP）。",
        (png() + bytes(1024 * 1024), "big.png"): "图片超过 1 MB，无法上传。",
    }
    for (data, name), message in refusals.items():
        refused = client.post("/showcase/new", data={**form, "image_upload": (io.BytesIO(data), name)})
        assert message in refused.body
    saved = client.post("/showcase/new", data={**form, "image_upload": (io.BytesIO(png()), "地图.png")},
                        follow_redirects=True)
    assert '<img class="img-fluid mb-3 harbin-showcase-image" src="http' in saved.body and "/uploads/showcase/" in saved.body


def test_pictures_on_other_websites_are_refused_and_old_links_not_shown(app, admin):
    """Pages load images from the portal only (CSP img-src 'self'): a linked picture would show broken
    and tell its host who reads the case. A new link is refused in the reader's language; a link saved
    before is kept, not shown, and the case can still be edited."""
    from ckanext.harbin_opendata.showcase.model import ShowcaseCase
    from ckanext.harbin_opendata.tests.web import csrf_token, logged_in_client

    with pytest.raises(tk.ValidationError) as refused:
        _create(admin, image_url="https://example.org/map.png")
    assert list(refused.value.error_dict) == ["image_url"]
    case = _create(admin)
    model.Session.query(ShowcaseCase).filter_by(id=case["id"]).update({"image_url": "https://example.org/old.png"})
    model.Session.commit()
    shown = call_action("harbin_showcase_show", {"user": admin["name"]}, id=case["id"])
    assert shown["image_display_url"] is None
    client = logged_in_client(app, admin["name"])
    assert "example.org/old.png" not in client.get(f"/showcase/{case['id']}").body
    page = client.get(f"/showcase/{case['id']}/edit").body
    form = {"title": case["title"], "summary": "摘要", "unit": "哈尔滨工业大学", "kind": "app",
            "image_url": "https://example.org/old.png", "_csrf_token": csrf_token(page)}
    saved = client.post(f"/showcase/{case['id']}/edit", data=form, follow_redirects=True)
    assert saved.status_code == 200 and "example.org/old.png" not in saved.body
    again = client.post(f"/showcase/{case['id']}/edit", data={**form, "image_url": "https://example.org/new.png",
                                                               "_csrf_token": csrf_token(page)})
    assert "其他网站的图片无法在平台上显示" in again.body
