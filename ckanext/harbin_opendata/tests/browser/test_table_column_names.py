"""The table view (CKAN's datatables_view) shows every column's values whatever its name: DataTables
reads a column's `data` as a path ("PM2.5浓度" as row["PM2"]["5浓度"], "站点[编号]" as an array),
so such columns showed empty cells while the API returned their values (the air-quality file's
PM2.5浓度). Chinese and English, desktop and a 390-pixel phone."""
from __future__ import annotations

import pytest

from ..data.conftest import run_jobs
from ..privacy.conftest import storage, upload  # noqa: F401 - shared fixtures
from ..privacy.publishing import publish
from ..review.conftest import people  # noqa: F401 - the shared cast

HEADER = ["监测日期", "PM2.5浓度", "站点[编号]", "换算()", "a.b[0].c"]
ROW = ["2025-01-05", "35.5", "S-7788", "1.25", "xyz-42"]


@pytest.fixture
def air_quality_path(people, storage):  # noqa: F811
    csv = "\r\n".join([",".join(HEADER), ",".join(ROW)]) + "\r\n"
    resource = upload(people.entry["id"], people.editor, csv.encode("utf-8"), "空气质量.csv", "CSV")
    publish(people, people.entry["id"])
    run_jobs()
    return f"/dataset/{people.entry['name']}/resource/{resource['id']}"


def test_columns_named_with_dots_and_brackets_show_their_values(visitor, air_quality_path):
    for locale, prefix in (("zh-CN", ""), ("en-US", "/en")):
        window = visitor("columns-" + locale, locale)
        for width in (1366, 390):
            window.page.set_viewport_size({"width": width, "height": 900})
            window.go(prefix + air_quality_path)
            rows = window.page.frame_locator("iframe[data-module=data-viewer]").locator("#dtprv tbody")
            rows.locator("tr").first.wait_for()
            shown = rows.inner_text()
            window.shot(f"{width}px")
            assert all(value in shown for value in ROW), shown
