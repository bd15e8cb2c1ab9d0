"""`ckan harbin harvest create / run / report`."""
from __future__ import annotations

import json

from ckan.cli.cli import ckan

from . import samples
from ..http_server import Route
from .conftest import entries


def test_create_run_and_report(harbin, server, cli, tmp_path):
    rows = [list(row) for row in samples.ROWS]
    rows[1][4] = "火星探测"
    server.routes["/ml.csv"] = Route(samples.csv_bytes(rows, encoding="gbk"), content_type="text/csv")
    config = tmp_path / "source.json"
    config.write_text(json.dumps({"defaults": {"desensitization_status": "not_required"},
                                  "allowed_agencies": ["*"]}), encoding="utf-8")  # the list names three agencies

    created = cli.invoke(ckan, ["harbin", "harvest", "create", "scjg-ml", server.url + "/ml.csv",
                                "--type", "harbin_spreadsheet", "--org", "hrb-scjgj", "--config", str(config)])
    assert created.exit_code == 0, created.output
    bad = cli.invoke(ckan, ["harbin", "harvest", "create", "bad", server.url + "/x.csv",
                            "--type", "harbin_spreadsheet", "--config", '{"colums": {}}'])
    assert bad.exit_code != 0 and "colums" in bad.output

    run = cli.invoke(ckan, ["harbin", "harvest", "run", "scjg-ml"])
    assert run.exit_code == 1, run.output  # one record has errors
    assert "Importing" in run.output and "created: 3" in run.output and "error: 1" in run.output
    assert "哈尔滨市食品经营许可信息" in run.output and "火星探测" in run.output  # the record's title
    assert "unmapped data_domain: 火星探测 (1)" in run.output and "市场监管 (market_regulation)" in run.output
    assert len(entries()) == 3

    report = cli.invoke(ckan, ["harbin", "harvest", "report", "scjg-ml"])
    assert report.exit_code == 0 and "created: 3" in report.output and "火星探测" in report.output
    missing = cli.invoke(ckan, ["harbin", "harvest", "report", "no-such-source"])
    assert missing.exit_code != 0 and "no-such-source" in missing.output
