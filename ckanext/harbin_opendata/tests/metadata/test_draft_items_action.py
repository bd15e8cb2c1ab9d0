"""从文件生成数据项: harbin_metadata_draft_items drafts an entry's data items from its uploaded table
or a file chosen in the form (header found below title rows, GBK, types from the values) with
example values the privacy area judged free of personal data, merged with the form's items; the
form's endpoint answers JSON, bad input a 400 in the page's language."""
from __future__ import annotations

import io
import json

import pytest
from werkzeug.datastructures import FileStorage

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.http_server import SourceServer
from ckanext.harbin_opendata.tests.privacy.conftest import storage, upload  # noqa: F401
from ckanext.harbin_opendata.tests.privacy.jobs import mask_now, run_scans
from ckanext.harbin_opendata.tests.web import csrf_token, logged_in_client

from .item_files import ALLOWANCE_HEADER, PERSONAL_VALUES, allowance_csv

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def entry(storage):
    editor = factories.User(name="dl-mz-editor")["name"]
    agency = Agency(name="hrb-dlmz", title="哈尔滨市道里区民政局", users=[{"name": editor, "capacity": "editor"}])
    entry = CatalogEntry(owner_org=agency["id"], published=False, name="dl-dibao-2025q1")
    return editor, entry


def _draft(editor: str, **data) -> dict:
    return tk.get_action("harbin_metadata_draft_items")({"user": editor}, data)


def test_items_drafted_from_a_gbk_csv_under_two_title_rows_keep_personal_data_out(entry):
    editor, dataset = entry
    resource = upload(dataset["id"], editor, allowance_csv(), "低保金发放名册.csv", "CSV")
    unchecked = _draft(editor, id=dataset["id"])  # its scan has not run: no example at all
    assert [item["example"] for item in unchecked["items"] if item["name"] in ALLOWANCE_HEADER] == [""] * 9
    run_scans(dataset["id"])
    drafted = _draft(editor, id=dataset["id"])
    items = {item["name"]: item for item in drafted["items"]}
    assert [name for name in items] == ALLOWANCE_HEADER and drafted["source"] == "低保金发放名册.csv"
    assert {name: items[name]["type"] for name in ("序号", "家庭人口", "保障金额（元）", "发放日期", "所属街道")} == {
        "序号": "integer", "家庭人口": "integer", "保障金额（元）": "number", "发放日期": "date", "所属街道": "string"}
    assert items["身份证号码"]["example"] == ""  # the ID column gets no example
    assert items["户主姓名"]["example"] == items["联系电话"]["example"] == ""
    assert items["备注"]["example"] == ""  # one remark holds a phone number: the column is personal
    assert (items["所属街道"]["example"], items["保障金额（元）"]["example"], items["发放日期"]["example"]) == (
        "兆麟街道", "1260.50", "2025-03-28")
    shown = json.dumps(drafted, ensure_ascii=False)
    assert not [value for value in PERSONAL_VALUES if value in shown]
    without = {column["name"]: column for column in drafted["without_example"]}
    assert without["身份证号码"]["personal"] and without["身份证号码"]["kind_labels"]
    assert set(without) == {"户主姓名", "身份证号码", "联系电话", "备注"}
    assert _draft(editor, id=dataset["id"], resource_id=resource["id"])["items"] == drafted["items"]
    assert tk.get_action("package_show")({"user": editor}, {"id": dataset["id"]})["data_items"][0]["name"] == "企业名称"

    # masked: the withheld original gives no example (the agency's own rules may hide a column the
    # detectors missed); the masked copy, checked strictly, gives them from its masked values
    masked = mask_now(editor, resource["id"])
    original = _draft(editor, id=dataset["id"], resource_id=resource["id"])
    assert [item["example"] for item in original["items"] if item["name"] in ALLOWANCE_HEADER] == [""] * 9
    copy = {item["name"]: item for item in _draft(editor, id=dataset["id"], resource_id=masked)["items"]}
    assert copy["所属街道"]["example"] == "兆麟街道" and copy["身份证号码"]["example"] == ""


def test_a_file_chosen_in_the_form_is_merged_with_the_forms_items_by_name(entry):
    editor, dataset = entry
    chosen = FileStorage(stream=io.BytesIO(allowance_csv()), filename="名册.csv")
    current = [{"name": "所属街道", "description": "户籍所在街道", "type": "", "unit": "", "example": ""},
               {"name": "备注", "type": "string", "description": "", "example": "无"}]
    drafted = _draft(editor, id=dataset["id"], upload=chosen, items=json.dumps(current, ensure_ascii=False))
    items = drafted["items"]
    assert [item["name"] for item in items[:2]] == ["所属街道", "备注"] and len(items) == len(ALLOWANCE_HEADER)
    assert items[0] == {"name": "所属街道", "description": "户籍所在街道", "type": "string", "unit": "",
                        "example": ""}  # the editor's text kept, empty fields filled; a file not checked
    # for personal data gives no examples (draft again once it is uploaded and checked)
    assert items[1]["example"] == "无" and items[1]["type"] == "string"  # nothing the editor gave is replaced
    assert drafted["completed"] == ["所属街道", "备注"] and len(drafted["added"]) == 7  # 备注: the 待确认 note


def test_items_drafted_from_a_linked_file_through_the_guarded_downloader(entry):
    """An entry whose table is only linked (an agency file server) gets its items' names and types
    drafted from the file's first bytes, never examples; a link the server refuses is said in words."""
    editor, dataset = entry
    with SourceServer() as server:
        linked = tk.get_action("resource_create")({"user": editor}, {
            "package_id": dataset["id"], "name": "低保金发放名册", "format": "CSV",
            "url": server.add("/files/dibao.csv", allowance_csv())})
        drafted = _draft(editor, id=dataset["id"])
        assert [item["name"] for item in drafted["items"]] == ALLOWANCE_HEADER and drafted["source"] == "低保金发放名册"
        assert [item["example"] for item in drafted["items"]] == [""] * len(ALLOWANCE_HEADER)  # may have changed
        run_scans(dataset["id"])  # since its scan read it: no example even after a finished scan
        assert [item["example"] for item in _draft(editor, id=dataset["id"])["items"]] == [""] * len(ALLOWANCE_HEADER)
        tk.get_action("resource_patch")({"user": editor}, {"id": linked["id"], "url": server.url + "/files/gone.csv"})
        with pytest.raises(tk.ValidationError, match="404"):
            _draft(editor, id=dataset["id"], resource_id=linked["id"])


def test_bad_input_is_refused_with_its_reason(entry):
    editor, dataset = entry
    other = factories.User()["name"]
    with pytest.raises(tk.ValidationError, match="no file to draft"):
        _draft(editor, id=dataset["id"])  # a link to no file (the factory's page address is not http)
    picture = FileStorage(stream=io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * 200), filename="scan.png")
    with pytest.raises(tk.ValidationError, match="image"):
        _draft(editor, id=dataset["id"], upload=picture)
    with pytest.raises(tk.ValidationError, match="list of at most"):
        _draft(editor, id=dataset["id"], items="{not json")
    with pytest.raises(tk.NotAuthorized):
        _draft(other, id=dataset["id"], upload=FileStorage(stream=io.BytesIO(allowance_csv()), filename="a.csv"))
    with pytest.raises(tk.ObjectNotFound):
        _draft(editor, id="no-such-entry")


def test_the_forms_endpoint_answers_json_in_the_pages_language(app, entry):
    editor, dataset = entry
    client = logged_in_client(app, editor)
    token = csrf_token(client.get(f"/dataset/edit/{dataset['name']}").body)

    def post(prefix: str = "", csrf: str = token, **data):
        return client.post(f"{prefix}/data-items/draft", data={"id": dataset["id"], **data},
                           headers={"X-CSRFToken": csrf})

    answer = post(upload=(io.BytesIO(allowance_csv()), "名册.csv"))
    assert answer.status_code == 200 and answer.json["items"][2]["name"] == "身份证号码", answer.body[:300]
    refused = post(upload=(io.BytesIO(b"%PDF-1.7\n" + b"x" * 300), "说明.pdf"))
    assert refused.status_code == 400 and "PDF" in refused.json["error"] and "表格" in refused.json["error"]
    assert "not a table" in post("/en", upload=(io.BytesIO(b"%PDF-1.7\n" + b"x" * 300), "a.pdf")).json["error"]
    assert post(id="").status_code == 400  # neither an entry nor a file
    assert post(csrf="").status_code == 400 and post(csrf=csrf_token(app.test_client().get("/user/login").body)).status_code == 400
    assert app.test_client().post("/data-items/draft", data={"id": dataset["id"]}).status_code == 400  # no token


@pytest.mark.ckan_config("ckanext.harbin_opendata.metadata.draft_items_max_mb", 1)
def test_a_chosen_file_over_the_limit_is_refused_without_being_copied_whole(entry):
    editor, dataset = entry

    class Endless(io.RawIOBase):  # a 50 MB body (as if endless): read only up to the limit
        read_bytes = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            if Endless.read_bytes >= 50 * 1024 * 1024:
                return 0
            Endless.read_bytes += len(buffer)
            buffer[:] = b"1" * len(buffer)
            return len(buffer)

    with pytest.raises(tk.ValidationError) as refused:
        _draft(editor, id=dataset["id"], upload=FileStorage(stream=io.BufferedReader(Endless()), filename="大.csv"))
    assert "upload" in refused.value.error_dict and Endless.read_bytes <= 3 * 1024 * 1024
