"""The catalog spreadsheet harvester, and through it the behaviour every Harbin harvester shares:
review workflow, idempotent re-harvest, withdrawal, broken sources, per-record errors, duplicates."""
from __future__ import annotations

import json

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.activity.model import Activity

from ckanext.harbin_opendata.common.jobs import run_queued_jobs
from ckanext.harbin_opendata.tests.factories import CatalogEntry

from . import samples
from ..http_server import Route
from .conftest import entries, review_state

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _serve_xlsx(server, rows=samples.ROWS, path="/catalog.xlsx"):
    server.routes[path] = Route(samples.xlsx(rows), content_type=XLSX)
    return server.url + path


def _reachable(server, rows=samples.ROWS) -> list[list[str]]:
    """The rows with their files served by the test server, without personal data (their
    personal-data scans come back clean)."""
    served = []
    for number, row in enumerate(rows):
        path = f"/files/{number}.csv"
        server.routes[path] = Route("站点名称,车位数\r\n中央大街停车场,120\r\n".encode("utf-8"), content_type="text/csv")
        served.append([*row[:8], server.url + path, *row[9:]])
    return served


def _activities() -> int:
    return model.Session.query(Activity).count()


class TestImport:
    def test_xlsx_with_title_row_merged_cells_and_blank_rows(self, harbin, server):
        source = harbin.source("scjg-xlsx", _serve_xlsx(server), "harbin_spreadsheet")
        summary = harbin.run(source["id"])
        assert summary["counts"] == {"created": 4}, summary
        found = entries()
        assert [p.extras["resource_code"] for p in found] == [
            "301001/000001", "301001/000002", "301002/000001", "301003/000001"]
        entry = tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": found[0].id})
        assert entry["title"] == "哈尔滨市企业登记信息"
        assert entry["data_domain"] == "market_regulation"
        assert entry["update_frequency"] == "weekly"
        assert entry["data_formats"] == ["CSV", "XLSX"]
        assert entry["open_type"] == "unconditional"
        assert entry["desensitization_status"] == "pending"
        assert [(i["name"], i["type"]) for i in entry["data_items"]][3:] == [("注册资本", "number"), ("成立日期", "date")]
        assert entry["resources"][0]["url"] == "https://data.harbin.invalid/files/qydj.csv"
        # The second entry's agency cell is merged with the first's: same agency.
        assert found[1].owner_org == harbin.agencies["scjg"]["id"]
        assert found[2].owner_org == harbin.agencies["wjw"]["id"]
        assert found[3].owner_org == harbin.agencies["jtj"]["id"]
        assert tk.get_action("package_show")({"user": harbin.sysadmin}, {"id": found[3].id})[
            "open_conditions"] == "须注册实名账号并签署数据使用协议。"

    def test_untrusted_source_submits_for_review(self, harbin, server):
        source = harbin.source("scjg-xlsx", _serve_xlsx(server), "harbin_spreadsheet")
        harbin.run(source["id"])
        assert {review_state(p.id) for p in entries()} == {"submitted"}
        assert all(p.private for p in entries())

    @pytest.mark.ckan_config("ckanext.harbin_opendata.review.trusted_harvest_sources", "scjg-xlsx")
    def test_trusted_source_publishes_what_no_unchecked_file_holds_back(self, harbin, server):
        rows = [list(row) for row in samples.ROWS[:2]]
        rows[1][8] = ""  # an entry without files: nothing to scan
        source = harbin.source("scjg-xlsx", _serve_xlsx(server, rows), "harbin_spreadsheet")
        harbin.run(source["id"])
        with_file, without = entries()
        assert review_state(without.id) == "published" and not without.private
        # a linked file not yet scanned for personal data holds its entry back (fail closed)
        assert review_state(with_file.id) == "submitted" and with_file.private

    @pytest.mark.ckan_config("ckanext.harbin_opendata.review.trusted_harvest_sources", "scjg-xlsx")
    def test_trusted_source_publishes_once_the_files_are_checked(self, harbin, server):
        source = harbin.source("scjg-xlsx", _serve_xlsx(server, _reachable(server)), "harbin_spreadsheet")
        harbin.run(source["id"])
        assert {review_state(p.id) for p in entries()} == {"submitted"}  # nothing public before its check
        run_queued_jobs()
        model.Session.expire_all()
        assert {review_state(p.id) for p in entries()} == {"published"}
        assert not any(p.private for p in entries())

    @pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])  # every encoding: test_mapping
    def test_csv_in_each_encoding(self, harbin, server, encoding):
        server.routes["/catalog.csv"] = Route(samples.csv_bytes(encoding=encoding), content_type="text/csv")
        source = harbin.source("csv", server.url + "/catalog.csv", "harbin_spreadsheet")
        summary = harbin.run(source["id"])
        assert summary["counts"] == {"created": 4}, summary
        assert entries()[2].title == "哈尔滨市医疗机构名录"

    def test_configured_column_names(self, harbin, server):
        header = ["名称", "编码", "简介", "领域", "频率", "格式", "字段", "地址", "部门", "信用代码", "开放"]
        rows = [[row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10], row[11]]
                for row in samples.ROWS[:2]]
        server.routes["/list.csv"] = Route(samples.csv_bytes(rows, header=header), content_type="text/csv")
        config = {"columns": {"title": "名称", "resource_code": "编码", "notes": "简介", "data_domain": "领域",
                              "update_frequency": "频率", "data_formats": "格式", "data_items": "字段",
                              "download_url": "地址", "agency": "部门", "credit_code": "信用代码",
                              "open_type": "开放"},
                  "defaults": {"desensitization_status": "不涉及个人信息，无需脱敏"}}
        source = harbin.source("custom", server.url + "/list.csv", "harbin_spreadsheet", json.dumps(config))
        assert harbin.run(source["id"])["counts"] == {"created": 2}
        assert entries()[0].extras["desensitization_status"] == "not_required"


class TestReharvest:
    def test_unchanged_records_make_no_revision(self, harbin, server):
        source = harbin.source("scjg-xlsx", _serve_xlsx(server), "harbin_spreadsheet")
        harbin.run(source["id"])
        modified = {p.id: p.metadata_modified for p in entries()}
        activities = _activities()
        summary = harbin.run(source["id"])
        assert summary["counts"] == {"unchanged": 4}, summary
        model.Session.expire_all()
        assert {p.id: p.metadata_modified for p in entries()} == modified
        assert _activities() == activities

    @pytest.mark.ckan_config("ckanext.harbin_opendata.harvest.withdraw_hold_percent", "50")  # 1 of 4 gone
    def test_update_withdraw_and_return(self, harbin, server):
        url = _serve_xlsx(server)
        source = harbin.source("scjg-xlsx", url, "harbin_spreadsheet")
        harbin.run(source["id"])
        ids = {p.extras["resource_code"]: p.id for p in entries()}
        changed = [list(row) for row in samples.ROWS[:3]]
        changed[0][3] = "全市各类市场主体的登记注册信息（含个体工商户）。"
        _serve_xlsx(server, changed)
        summary = harbin.run(source["id"])
        assert summary["counts"] == {"updated": 1, "unchanged": 2, "withdrawn": 1}, summary
        model.Session.expire_all()
        assert model.Package.get(ids["301001/000001"]).notes.endswith("（含个体工商户）。")
        gone = model.Package.get(ids["301003/000001"])
        assert gone.state == "active" and gone.private  # withdrawn, never deleted
        assert review_state(gone.id) == "withdrawn"
        # Harvesting again does not withdraw it twice; when it comes back it goes to review again.
        assert harbin.run(source["id"])["counts"] == {"unchanged": 3}
        _serve_xlsx(server)
        assert harbin.run(source["id"])["counts"] == {"unchanged": 2, "updated": 2}  # the first row reverts too
        assert review_state(gone.id) == "submitted"
        assert len(entries()) == 4


    @pytest.mark.ckan_config("ckanext.harbin_opendata.review.trusted_harvest_sources", "scjg-xlsx")
    def test_published_entry_changed_by_a_source_no_longer_trusted_goes_back_to_review(self, harbin, server):
        rows = [list(row[:8]) + [""] + list(row[9:]) for row in samples.ROWS[:2]]  # no files: published at once
        source = harbin.source("scjg-xlsx", _serve_xlsx(server, rows), "harbin_spreadsheet")
        harbin.run(source["id"])
        assert {review_state(p.id) for p in entries()} == {"published"}
        changed = [list(row) for row in rows]
        changed[0][5] = "每日"  # update frequency: a reviewed field
        changed[1][8] = "https://data.harbin.invalid/files/spjy-2025.csv"  # a data file: not reviewed
        _serve_xlsx(server, changed)
        tk.config["ckanext.harbin_opendata.review.trusted_harvest_sources"] = []
        assert harbin.run(source["id"])["counts"] == {"updated": 2}
        first, second = entries()[:2]
        assert first.extras["update_frequency"] == "daily" and review_state(first.id) == "submitted"
        assert first.private
        assert review_state(second.id) == "published" and not second.private


class TestBrokenSources:
    def _harvested(self, harbin, server):
        source = harbin.source("scjg-xlsx", _serve_xlsx(server), "harbin_spreadsheet",
                               json.dumps({"timeout": 1, "max_size_mb": 1}))
        harbin.run(source["id"])
        return source, {p.id: (p.metadata_modified, review_state(p.id)) for p in entries()}

    def _untouched(self, before):
        model.Session.expire_all()
        assert {p.id: (p.metadata_modified, review_state(p.id)) for p in entries()} == before

    @pytest.mark.parametrize("route, message", [
        (Route(b"Internal Server Error", status=500), "500"),
        (Route(samples.xlsx(), content_type=XLSX, delay=2.5), "1.0"),
        (Route(b"<html><body>\xe7\xbb\xb4\xe6\x8a\xa4\xe4\xb8\xad</body></html>", content_type="text/html"), "资源名称"),
        (Route(b"PK\x03\x04 not really a workbook", content_type=XLSX), "ZIP"),
    ], ids=["http-500", "timeout", "not-a-catalog", "corrupt-xlsx"])
    def test_failing_source_changes_nothing(self, harbin, server, route, message):
        source, before = self._harvested(harbin, server)
        server.routes["/catalog.xlsx"] = route
        summary = harbin.run(source["id"])
        assert summary["counts"] == {}, summary
        assert len(summary["gather_errors"]) == 1 and message in summary["gather_errors"][0]
        self._untouched(before)

    def test_empty_catalog_withdraws_nothing(self, harbin, server):
        source, before = self._harvested(harbin, server)
        server.routes["/catalog.xlsx"] = Route(samples.xlsx([]), content_type=XLSX)
        summary = harbin.run(source["id"])
        assert summary["counts"] == {} and "allow_empty" in summary["gather_errors"][0]
        self._untouched(before)

    def test_wrong_encoding_declared(self, harbin, server):
        server.routes["/catalog.csv"] = Route(samples.csv_bytes(encoding="gbk"), content_type="text/csv")
        source = harbin.source("csv", server.url + "/catalog.csv", "harbin_spreadsheet",
                               json.dumps({"encoding": "utf-8"}))
        summary = harbin.run(source["id"])
        assert summary["counts"] == {} and "utf-8" in summary["gather_errors"][0]

    def test_fifty_megabytes_refused_from_its_length(self, harbin, server):
        def fifty_megabytes(handler, route):
            block = b"x" * (1 << 20)
            for _ in range(50):
                handler.wfile.write(block)
                route.sent += len(block)

        server.routes["/big.csv"] = Route(fifty_megabytes, content_type="text/csv",
                                          headers={"Content-Length": str(50 << 20)})
        source = harbin.source("big", server.url + "/big.csv", "harbin_spreadsheet",
                               json.dumps({"max_size_mb": 10}))
        summary = harbin.run(source["id"])
        assert "10" in summary["gather_errors"][0] and summary["counts"] == {}
        assert server.routes["/big.csv"].sent < 10 << 20  # refused from its header, not read

    def test_stream_without_length_stops_at_the_limit(self, harbin, server):
        def endless(handler, route):
            block = b"a," * (1 << 15)
            for _ in range(800):  # 50 MB if read to the end
                handler.wfile.write(block)
                route.sent += len(block)

        server.routes["/stream.csv"] = Route(endless, content_type="text/csv", headers={"Connection": "close"})
        source = harbin.source("stream", server.url + "/stream.csv", "harbin_spreadsheet",
                               json.dumps({"max_size_mb": 1}))
        summary = harbin.run(source["id"])
        assert summary["counts"] == {} and "1" in summary["gather_errors"][0]
        assert server.routes["/stream.csv"].sent < 20 << 20  # stopped long before 50 MB


class TestRecordErrors:
    def test_bad_records_are_reported_and_the_rest_imported(self, harbin, server):
        rows = [list(row) for row in samples.ROWS]
        rows[1][4] = "火星探测"          # unknown domain
        rows[2][10] = rows[2][9] = "不存在的单位"  # unknown agency: a draft of the source's agency, for review
        rows[3][7] = "线路名称(多边形)"   # unknown data item type
        source = harbin.source("scjg-xlsx", _serve_xlsx(server, rows, "/bad.xlsx"), "harbin_spreadsheet")
        summary = harbin.run(source["id"])
        assert summary["counts"] == {"created": 1, "draft": 1, "error": 2}, summary
        assert "火星探测" in summary["object_errors"]["301001/000002"][0]
        assert "多边形" in summary["object_errors"]["301003/000001"][0]
        [draft] = model.Session.query(model.Package).filter_by(type="dataset", state="draft").all()
        assert (draft.title, draft.owner_org) == ("哈尔滨市医疗机构名录", harbin.agencies["scjg"]["id"])

    def test_same_code_twice_in_one_file(self, harbin, server):
        rows = [list(row) for row in samples.ROWS[:2]]
        rows[1][2] = rows[0][2]
        source = harbin.source("scjg-xlsx", _serve_xlsx(server, rows), "harbin_spreadsheet")
        summary = harbin.run(source["id"])
        assert summary["counts"] == {"created": 1}
        assert "301001/000001" in summary["gather_errors"][0]


class TestDuplicates:
    def test_entry_made_on_the_platform(self, harbin, server):
        existing = CatalogEntry(resource_code="301001/000001", owner_org=harbin.agencies["scjg"]["id"])
        source = harbin.source("scjg-xlsx", _serve_xlsx(server), "harbin_spreadsheet")
        summary = harbin.run(source["id"])
        assert summary["counts"] == {"created": 3, "duplicate": 1}
        assert existing["name"] in summary["object_errors"]["301001/000001"][0]
        assert summary["errors"][0]["records"] == ["哈尔滨市企业登记信息"]
        assert len(entries()) == 4

    def test_same_title_and_agency_from_another_channel(self, harbin, server):
        first = harbin.source("scjg-xlsx", _serve_xlsx(server), "harbin_spreadsheet")
        harbin.run(first["id"])
        rows = [list(row) for row in samples.ROWS[:1]]
        rows[0][2] = "301001/000099"  # another code, same title and agency
        server.routes["/other.csv"] = Route(samples.csv_bytes(rows), content_type="text/csv")
        second = harbin.source("scjg-csv", server.url + "/other.csv", "harbin_spreadsheet")
        summary = harbin.run(second["id"])
        assert summary["counts"] == {"duplicate": 1}
        message = summary["object_errors"]["301001/000099"][0]
        assert "测试来源 scjg-xlsx" in message and "哈尔滨市企业登记信息" in message
        assert len(entries()) == 4


class TestSourceConfig:
    BAD = [
        ("{not json", "JSON"),
        ('["a"]', "JSON"),
        ('{"colums": {}}', "colums"),
        ('{"columns": {"titel": "名称"}}', "titel"),
        ('{"defaults": {"data_domain": "火星"}}', "火星"),
        ('{"owner_org": "no-such-agency"}', "no-such-agency"),
        ('{"max_size_mb": -1}', "max_size_mb"),
        ('{"format": "ods"}', "format"),
    ]

    def test_invalid_config_is_refused_with_a_message(self, harbin, server):
        for config, fragment in self.BAD:
            with pytest.raises(tk.ValidationError) as error:
                harbin.source("bad", server.url + "/x.csv", "harbin_spreadsheet", config)
            assert fragment in str(error.value.error_dict["config"]), config

    def test_valid_config(self, harbin, server):
        config = {"columns": {"title": "名称"}, "defaults": {"data_domain": "卫生健康", "open_type": "unconditional"},
                  "owner_org": "hrb-wjw", "max_size_mb": 5, "timeout": 10, "sheet": "目录"}
        assert harbin.source("ok", server.url + "/x.xlsx", "harbin_spreadsheet", json.dumps(config))["config"]
