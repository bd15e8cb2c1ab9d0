"""The table preview of a file loaded in the DataStore (CKAN's datatables_view) works under the
portal's Content-Security-Policy: its configuration comes from data- attributes and its script from
a webasset file, no inline script (the visitor fixture fails on any CSP violation). Chinese and
English, desktop and a 390-pixel phone; dates as 2025-01-05; a Chinese search finds the rows
containing the text, and the entry page's API example, copied and run, returns the rows the table
shows for its query."""
from __future__ import annotations

import json
import shlex
import urllib.request
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from ..data.conftest import ROWS, load_company_register
from ..privacy.conftest import storage  # noqa: F401 - shared fixture
from ..review.conftest import people  # noqa: F401 - the shared cast

FIRST, LAST = ROWS[0][1], ROWS[-1][1]
NAMES = [row[1] for row in ROWS]


def _search_shown(window, text: str) -> str:
    """The citizen types `text` in the table's search box: the rows left."""
    frame = window.page.frame_locator("iframe[data-module=data-viewer]")
    frame.locator("#dtprv_filter input").fill(text)
    frame.locator("#dtprv_filter input").press("Enter")  # the view searches on Enter
    expect(frame.locator("#dtprv tbody tr", has_text=ROWS[1][1])).to_have_count(0)
    # and no row without the text: the table may still show an earlier search's rows (its state is
    # kept across page loads), which also lack ROWS[1][1]
    expect(frame.locator("#dtprv tbody tr").filter(has_not_text=text)).to_have_count(0)
    return frame.locator("#dtprv tbody").inner_text()


def _api_example(window, entry: str) -> tuple[str, list[str]]:
    """The entry page's full-text API example as a citizen copies it (curl, run without an app key):
    its `q` and the names of the rows it returns from the running portal."""
    window.go(f"/dataset/{entry}")
    words = shlex.split(window.page.locator('pre[data-example="curl"]').nth(1).text_content().replace("\\\n", " "))
    params = [tuple(value.split("=", 1)) for flag, value in zip(words[3::2], words[4::2]) if flag == "--data-urlencode"]
    with urllib.request.urlopen(words[2] + "?" + urlencode(params), timeout=30) as response:
        records = json.load(response)["result"]["records"]
    return dict(params)["q"], [record["企业名称"] for record in records]


def _rows_shown(window, path: str) -> str:
    window.go(path)
    table = window.page.frame_locator("iframe[data-module=data-viewer]").locator("#dtprv tbody")
    table.locator("tr", has_text=LAST).wait_for()
    return table.inner_text()


@pytest.fixture
def loaded_table(people, storage):
    """The entry's page path of a published GBK company register loaded into the DataStore."""
    return f"/dataset/{people.entry['name']}/resource/{load_company_register(people)}"


def test_the_table_preview_shows_the_rows_under_the_policy(people, visitor, loaded_table):
    path = loaded_table
    for locale, prefix in (("zh-CN", ""), ("en-US", "/en")):
        window = visitor("citizen-" + locale, locale)
        shown = _rows_shown(window, prefix + path)
        assert FIRST in shown and "南岗区" in shown and "2025-01-05" in shown and "T00:00" not in shown
        assert ("数据字典" if prefix == "" else "Data Dictionary") in window.page.content()
        found = _search_shown(window, "哈尔滨")  # inside the names: PostgreSQL's full-text search found none
        assert FIRST in found and LAST in found
        window.shot("desktop-search")
        window.page.set_viewport_size({"width": 390, "height": 844})
        assert LAST in _rows_shown(window, prefix + path)
        window.shot("phone")
        if prefix == "":  # the API example's query typed in the table: the same rows
            q, names = _api_example(window, people.entry["name"])
            window.go(path)
            window.page.frame_locator("iframe[data-module=data-viewer]").locator("#dtprv tbody tr").first.wait_for()
            window.shot("api-example-query")
            assert names and [name for name in NAMES if name in _search_shown(window, q)] == names


def _run_console(window, q: str, column: str = "", value: str = "", limit: str = "5") -> tuple[str, str, str]:
    """The citizen fills the entry page's query console and runs it: the address it shows, its
    status line and the rows it shows."""
    form = window.page.locator("form.harbin-data-console").first
    form.locator("input[name=q]").fill(q)
    form.locator("select[name=column]").select_option(column)
    form.locator("input[name=value]").fill(value)
    form.locator("input[name=limit]").fill(limit)
    before = form.locator("[data-console=url]").text_content()
    form.locator("button[type=submit]").click()
    expect(form.locator("[data-console=url]")).not_to_have_text(before or "\0")
    expect(form.locator("[data-console=status]")).not_to_have_text(form.get_attribute("data-running"))
    return (form.locator("[data-console=url]").text_content(), form.locator("[data-console=status]").text_content(),
            form.locator("[data-console=rows]").inner_text())


def _fetched(address: str) -> list[str]:
    """The console's address, copied and opened outside the page: the names of the rows it returns."""
    with urllib.request.urlopen(address, timeout=30) as response:
        return [record["企业名称"] for record in json.load(response)["result"]["records"]]


def test_a_citizen_filters_the_table_and_the_api_console_returns_the_same_rows(people, visitor, loaded_table):
    """A citizen searches the table preview, runs the same query in the entry page's console
    (接口调用), copies the address the console called, and gets the same rows; a filter on a column
    and a refused query too. Chinese and English, desktop and a 390-pixel phone."""
    path = loaded_table
    for locale, prefix in (("zh-CN", ""), ("en-US", "/en")):
        window = visitor("console-" + locale, locale)
        _rows_shown(window, prefix + path)
        in_table = [name for name in NAMES if name in _search_shown(window, "哈尔滨")]
        window.go(f"{prefix}/dataset/{people.entry['name']}")
        console = window.page.locator("form.harbin-data-console").first
        expect(console.locator("input[name=q]")).to_have_value(FIRST)  # starts with a value of the table
        address, status, shown = _run_console(window, "哈尔滨")
        assert in_table == [FIRST, LAST] and [name for name in NAMES if name in shown] == in_table, shown
        assert "2025-01-05" in shown and "T00:00" not in shown  # dates as the table shows them
        found = console.get_attribute("data-found")  # its texts in the reader's language (zh_search.json)
        assert status == found.replace("{total}", "2").replace("{shown}", "2"), status
        assert _fetched(address) == in_table  # copied: the same rows
        window.shot("desktop-search")
        address, status, shown = _run_console(window, "", "所属区县", "南岗区")
        assert [name for name in NAMES if name in shown] == [ROWS[1][1]] == _fetched(address)
        _, status, shown = _run_console(window, "哈尔滨", limit="-1")
        assert status.startswith(console.get_attribute("data-failed")) and "limit" in status and not shown.strip(), status
        window.shot("desktop-refused")
        window.page.set_viewport_size({"width": 390, "height": 844})
        _, status, shown = _run_console(window, "哈尔滨")
        assert FIRST in shown and LAST in shown
        console.scroll_into_view_if_needed()
        assert window.page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
        window.shot("phone")
