"""SQL-ish and hostile strings in the search page and package_search API: never a 500."""
from __future__ import annotations

import pytest

HOSTILE = ["' OR 1=1 --", "\"; DROP TABLE package; --", "*:*", "data_domain:*) OR (state:draft",
           "<script>alert(1)</script>", "\\", "((((", "name:[* TO *]", "%00", "🙂" * 50]
PARAMS = [("q", h) for h in HOSTILE] + [("sort", h) for h in HOSTILE] + [("data_domain", h) for h in HOSTILE]
TRIED: list[bool] = []


@pytest.mark.usefixtures("with_plugins")  # read-only: no data created
@pytest.mark.parametrize("path", ["/dataset/", "/api/3/action/package_search"])
@pytest.mark.parametrize("key,value", PARAMS)
def test_no_server_error(app, path, key, value):
    if path.startswith("/api") and key == "data_domain":
        key, value = "fq", f"data_domain:{value}"
    status = app.get(path, query_string={key: value}, status=None).status_code
    TRIED.append(status < 500)
    print(f"[security] hostile search: {len(TRIED)} cases tried, {TRIED.count(False)} failures")
    assert status < 500, (path, key, value, status)
