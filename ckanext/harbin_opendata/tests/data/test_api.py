"""接口调用 on the entry page: the real endpoint, the columns with the declared data items, and
examples that work as shown: every curl and Python example of an open table's page is run against
the app exactly as copied (no key: a placeholder key is refused) and returns the rows it promises;
a conditional table's examples carry the key header and the page says where a key comes from."""
from __future__ import annotations

import html
import re
import shlex
from types import SimpleNamespace
from typing import Any

import pytest

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.data.api_examples import KEY_PLACEHOLDER

from ..access.conftest import conditional, http_files  # noqa: F401 - shared fixtures
from ..privacy.publishing import publish
from .conftest import ROWS, company_csv, run_jobs, upload

_BLOCK = re.compile(r'<pre class="harbin-code" data-example="(curl|python)"><code>(.*?)</code></pre>', re.S)
NAMES = [row[1] for row in ROWS]


def _path(url: str) -> str:
    """The path of an address shown on the page (the app is the site it names)."""
    assert url.startswith(tk.config["ckan.site_url"])
    return url[len(tk.config["ckan.site_url"]):]


def _curl(app: Any, text: str) -> dict[str, Any]:
    words = shlex.split(text.replace("\\\n", " "))  # as the shell joins lines
    assert words[:2] == ["curl", "-G"]
    url, params, headers = words[2], [], {}
    for flag, value in zip(words[3::2], words[4::2]):
        if flag == "-H":
            name, _, header = value.partition(": ")
            headers[name] = header
        else:
            assert flag == "--data-urlencode"
            params.append(tuple(value.split("=", 1)))
    response = app.get(_path(url), query_string=params, headers=headers)
    assert response.status_code == 200, response.body
    return response.json["result"]


def _python(app: Any, text: str) -> dict[str, Any]:
    """The example run as written; `requests.get` sends its request to the test app."""
    answers = []

    def get(url: str, params: dict[str, str], headers: Any = None, timeout: int = 0) -> Any:
        response = app.get(_path(url), query_string=params, headers=headers or {})
        answers.append(response)
        return SimpleNamespace(raise_for_status=lambda: None if response.status_code == 200 else pytest.fail(response.body),
                               json=lambda: response.json)

    code = text.replace("import requests", "")
    exec(compile(code, "example", "exec"), {"requests": SimpleNamespace(get=get), "print": lambda *args: None})
    return answers[0].json["result"]


@pytest.mark.usefixtures("storage")
def test_the_examples_shown_return_the_rows(people, app):
    entry = people.entry["id"]
    tk.get_action("package_patch")({"user": people.editor}, {"id": entry, "data_items": [
        {"name": "企业名称", "type": "string", "description": "登记名称"},
        {"name": "注册资本（万元）", "type": "number", "unit": "万元", "description": "注册资本"}]})
    resource = upload(entry, people.editor, company_csv("gbk", "登记表"), "企业登记.csv", "CSV")
    publish(people, entry)
    run_jobs()
    page = app.get(tk.h.url_for("dataset.read", id=entry)).body
    assert "数据接口" in page and "/api/3/action/datastore_search" in page and resource["id"] in page
    english = app.get("/en" + tk.h.url_for("dataset.read", id=entry)).body
    assert "Data API" in english and "Declared type" in english and "Number" in english
    # a Chinese search's total above the bound is an estimate: the page and its console say so
    assert "counted exactly up to 5" in english and "total_was_estimated" in english
    assert 'data-found-estimated="About {total} rows match (an estimate)' in english
    assert '<dd class="col-sm-9 harbin-data-rows">3</dd>' in page
    assert '<span class="harbin-resource-rows">3 行</span>' in page  # in the resource list too (issue 19.4)
    assert '<span class="harbin-resource-rows">3 rows</span>' in english
    assert '<td>文本 <code class="small">text</code></td>' in page  # the column type in the reader's language
    assert "万元" in page and "数值型" in page and "<code>区县代码</code>" in page  # columns with their data items
    blocks = [(kind, html.unescape(text)) for kind, text in _BLOCK.findall(page)]
    assert [kind for kind, _ in blocks] == ["curl", "python"] * 4
    results = [(_curl if kind == "curl" else _python)(app, text) for kind, text in blocks]  # as copied
    filtered, full_text, paged, counted = results[::2]
    assert results[::2] == results[1::2]  # curl and Python ask the same
    assert [record["企业名称"] for record in filtered["records"]] == [NAMES[0]]
    assert [record["企业名称"] for record in full_text["records"]] == [NAMES[0]]
    assert [record["企业名称"] for record in paged["records"]] == NAMES and paged["total"] == 3
    assert sorted((record["企业名称"], record["n"]) for record in counted["records"]) == sorted((n, 1) for n in NAMES)
    assert KEY_PLACEHOLDER not in page and "without a key" in english


@pytest.mark.usefixtures("storage")
def test_no_api_section_for_tables_the_reader_may_not_query(conditional, app):  # noqa: F811
    run_jobs()
    entry = conditional.entry["name"]
    anonymous = app.get(tk.h.url_for("dataset.read", id=entry))
    assert anonymous.status_code == 200 and 'class="harbin-access"' in anonymous.body  # the entry page, public
    assert 'class="harbin-data-api"' not in anonymous.body
    shown = app.get(tk.h.url_for("dataset.read", id=entry), extra_environ={"REMOTE_USER": conditional.people.editor})
    assert 'class="harbin-data-api"' in shown.body
    # a conditional table's examples send the key, and the page says where keys are made
    curls = [html.unescape(text) for kind, text in _BLOCK.findall(shown.body) if kind == "curl"]
    assert curls and all(f"X-App-Key: {KEY_PLACEHOLDER}" in text for text in curls[:-1])  # the last: SQL
    assert tk.h.url_for("harbin_access_centre.keys") in shown.body
