"""The feedback pages in Chinese and English, with CSRF, as a browser uses them."""
from __future__ import annotations

import re

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry
from ckanext.harbin_opendata.tests.web import csrf_token, logged_in_client


@pytest.fixture
def entry(with_plugins, clean_db, clean_index, clean_redis):
    editor = factories.User(name="agency_editor")
    agency = Agency(name="hrb-qxj", title="哈尔滨市气象局", users=[{"name": editor["name"], "capacity": "editor"}])
    return CatalogEntry(owner_org=agency["id"], name="hrb-snow", title="哈尔滨市积雪深度观测数据")


def _correction_form(client, prefix: str = "") -> dict:
    page = client.get(f"{prefix}/feedback/new?kind=correction&dataset=hrb-snow").body
    return {"_csrf_token": csrf_token(page), "kind": "correction", "dataset": "hrb-snow", "title": "数值有误",
            "description": "<script>alert('x')</script> 第3行积雪深度应为12厘米", "requester_contact": "13945678901",
            "website": ""}


def test_anonymous_correction_through_the_form(entry, app):
    client = app.test_client()
    assert "我要纠错" in client.get("/dataset/hrb-snow").body
    page = client.get("/feedback/new?kind=correction&dataset=hrb-snow").body
    assert "哈尔滨市积雪深度观测数据" in page and "电话或电子邮箱" in page and 'name="website"' in page
    result = client.post("/feedback/new", data=_correction_form(client)).body
    assert "感谢" in result and "数值有误" in result
    assert "&lt;script&gt;" in result and "<script>alert" not in result  # stored as typed, shown escaped
    status = re.search(r'/feedback/([0-9a-f-]{36})"', result) or re.search(r"/feedback/([0-9a-f-]{36})", result)
    public = app.test_client().get(f"/feedback/{status.group(1)}").body  # another browser: the public's page
    assert "数值有误" not in public and "第3行积雪深度" not in public
    assert "13945678901" not in result  # the contact is not public


def test_form_errors_in_both_languages(entry, app):
    client = app.test_client()
    zh = client.post("/feedback/new", data={**_correction_form(client), "requester_contact": ""}).body
    assert "请留下电话或电子邮箱" in zh
    en = client.post("/en/feedback/new", data={**_correction_form(client, "/en"), "requester_contact": ""}).body
    assert "Leave a telephone number or e-mail so the agency can answer you." in en
    assert tk.get_action("harbin_feedback_list")({}, {})["count"] == 0


def test_honeypot_is_refused(entry, app):
    client = app.test_client()
    bot = client.post("/feedback/new", data={**_correction_form(client), "website": "http://spam.example"}).body
    assert "自动" in bot
    assert tk.get_action("harbin_feedback_list")({}, {})["count"] == 0


def test_agency_answer_without_csrf_token_is_refused(entry, app):
    request = tk.get_action("harbin_feedback_create")({"user": ""}, {
        "kind": "correction", "dataset": "hrb-snow", "title": "数值有误", "description": "应为12厘米",
        "requester_contact": "13945678901"})
    editor = logged_in_client(app, "agency_editor")
    response = editor.post(f"/feedback/{request['id']}/resolve", data={"comment": "已更正"})
    assert response.status_code in (400, 403)
    assert tk.get_action("harbin_feedback_show")({}, {"id": request["id"]})["state"] == "submitted"


def test_agency_answers_from_its_inbox(entry, app):
    request = tk.get_action("harbin_feedback_create")({"user": ""}, {
        "kind": "correction", "dataset": "hrb-snow", "title": "数值有误", "description": "应为12厘米",
        "requester_contact": "wang@example.org"})
    editor = logged_in_client(app, "agency_editor")
    inbox = editor.get("/feedback/inbox").body
    assert "数值有误" in inbox and "wang@example.org" in inbox
    page = editor.get(f"/feedback/{request['id']}").body
    editor.post(f"/feedback/{request['id']}/resolve", data={"_csrf_token": csrf_token(page), "comment": "已更正"})
    public = app.get(f"/en/feedback/{request['id']}").body
    assert "Resolved" in public and "已更正" in public and "wang@example.org" not in public
    assert re.search(r"Answer due", public)


def test_withdrawn_entry_is_not_named_to_the_public(entry, app):
    request = tk.get_action("harbin_feedback_create")({"user": ""}, {
        "kind": "correction", "dataset": "hrb-snow", "title": "数值有误", "description": "应为12厘米",
        "requester_contact": "13945678901"})
    assert "哈尔滨市积雪深度观测数据" in app.get(f"/feedback/{request['id']}").body
    tk.get_action("harbin_review_withdraw")({"user": "agency_editor"}, {"id": "hrb-snow", "comment": "数据核查中"})
    zh, en = app.get(f"/feedback/{request['id']}").body, app.get(f"/en/feedback/{request['id']}").body
    assert "哈尔滨市积雪深度观测数据" not in zh and "hrb-snow" not in zh and "目前未公开的目录条目" in zh
    assert "哈尔滨市积雪深度观测数据" not in en and "A catalog entry that is not public at present" in en
    [listed] = tk.get_action("harbin_feedback_list")({"user": ""}, {})["results"]
    assert (listed["dataset_title"], listed["dataset_name"], listed["package_id"], listed["dataset_hidden"]) == \
        (None, None, None, True)
    assert "哈尔滨市积雪深度观测数据" in logged_in_client(app, "agency_editor").get(f"/feedback/{request['id']}").body


def test_a_search_without_results_offers_a_data_request(entry, app):
    page = app.get("/dataset/", query_string={"q": "地铁客流"}).body
    link = re.search(r'<a href="([^"]*)">提出数据需求</a>', page)
    assert link and "kind=data_request" in link.group(1) and "title=" in link.group(1)
    assert "提出数据需求" not in app.get("/dataset/", query_string={"q": "积雪"}).body  # found: no offer
    assert "Request this data" in app.get("/en/dataset/", query_string={"q": "metro"}).body


def _file(user: str, title: str) -> dict:
    return tk.get_action("harbin_feedback_create")({"user": user}, {
        "kind": "correction", "dataset": "hrb-snow", "title": title, "description": "应为12厘米",
        "requester_contact": "13945678901"})


@pytest.mark.ckan_config("ckanext.harbin_opendata.feedback.rate_limit", "100")
def test_the_public_list_is_paged(entry, app):
    for number in range(25):  # data requests: the public reads their summaries (a correction's is the citizen's)
        tk.get_action("harbin_feedback_create")({"user": ""}, {
            "kind": "data_request", "title": f"第{number:02d}号需求", "description": "公交站点",
            "requester_contact": "13945678901"})
    first, second = app.get("/feedback").body, app.get("/feedback?page=2").body
    shown = [re.findall(r"第(\d\d)号需求", page) for page in (first, second)]
    assert len(shown[0]) == 20 and len(shown[1]) == 5 and not set(shown[0]) & set(shown[1])  # newest first
    assert 'href="/feedback?page=2"' in first and "pagination" in first
    assert app.get("/feedback?page=x").status_code == 400


def test_a_citizen_follows_their_requests_on_my_requests(entry, app):
    factories.User(name="citizen_wang")
    factories.User(name="citizen_li")
    _file("citizen_li", "别人的纠错")
    anonymous = app.test_client().get("/feedback/mine", follow_redirects=False)
    assert anonymous.status_code == 302 and "/user/login" in anonymous.headers["Location"]
    client = logged_in_client(app, "citizen_wang")
    sent = client.post("/feedback/new", data=_correction_form(client), follow_redirects=False)
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/feedback/mine")
    mine = client.get("/feedback/mine").body
    assert "我的需求与纠错" in mine and "数值有误" in mine and "别人的纠错" not in mine
    assert "已受理登记" in mine and "请保存本页地址" not in mine  # with its state; no address to keep
    assert "My requests" in client.get("/en/feedback/mine").body
    assert 'href="/feedback/mine"' in client.get("/feedback").body
    _file("", "匿名的纠错")  # an anonymous caller's "mine" is nothing, not every anonymous request
    answer = app.get("/api/3/action/harbin_feedback_list", query_string={"mine": "true"})
    assert answer.json["result"]["count"] == 0, answer.json["result"]


def test_english_pages_name_the_agency_in_english(entry, app):
    tk.get_action("organization_patch")({"user": factories.Sysadmin()["name"]}, {"id": "hrb-qxj", "title_en": "Harbin Meteorological Bureau"})
    request = _file("", "数值有误")
    for path in ("/en/feedback", f"/en/feedback/{request['id']}"):
        page = app.get(path).body
        assert "Harbin Meteorological Bureau" in page and "哈尔滨市气象局" not in page
    assert "哈尔滨市气象局" in app.get("/feedback").body


def test_a_correction_form_for_an_unknown_entry_is_not_found(entry, app):
    """A link to a correction form for an entry that does not exist (or is not public) answers 404 with
    the form and its error in the reader's language, not a 200 form that cannot be sent."""
    zh = app.get("/feedback/new?kind=correction&dataset=no-such-entry", status=404).body
    en = app.get("/en/feedback/new?kind=correction&dataset=no-such-entry", status=404).body
    assert "请选择要纠错的已发布数据目录。" in zh
    assert "Choose the published catalog entry this correction is about." in en
    assert app.get("/feedback/new?kind=correction&dataset=hrb-snow", status=200)


def _filed(title: str, due_in_days: int) -> dict:
    """A correction filed by the public whose answer is due in that many days (negative: overdue)."""
    import datetime as dt

    import ckan.model as model
    from ckanext.harbin_opendata.feedback.model import FeedbackRequest

    request = tk.get_action("harbin_feedback_create")({"user": ""}, {
        "kind": "correction", "dataset": "hrb-snow", "title": title, "description": "应为12厘米",
        "requester_contact": "13945678901"})
    model.Session.get(FeedbackRequest, request["id"]).due_date = dt.date.today() + dt.timedelta(days=due_in_days)
    model.Session.commit()
    return request


def test_the_inbox_puts_what_is_due_first_and_says_what_to_do(entry, app):
    """Walk finding F-E3: the inbox listed every request newest first, answered ones among them,
    with nothing said of what was overdue or what to do; each request's page had four unlabelled
    text boxes. Now: open requests earliest due first with the overdue and the soon-due counted and
    the next step named, answered ones apart; the answer form says what it is and who reads it."""
    later, overdue, soon, answered = _filed("十天后到期", 10), _filed("已逾期", -2), _filed("两天后到期", 2), _filed("已答复", 1)
    tk.get_action("harbin_feedback_resolve")({"user": "agency_editor"}, {"id": answered["id"], "comment": "已更正"})
    listed = tk.get_action("harbin_feedback_list")({"user": "agency_editor"}, {"inbox": True, "open": True, "order": "due"})
    assert [r["id"] for r in listed["results"]] == [overdue["id"], soon["id"], later["id"]]
    editor = logged_in_client(app, "agency_editor")
    inbox = editor.get("/feedback/inbox").body
    assert "3 条请求等待您答复" in inbox and "1 条已逾期" in inbox and "1 条将在 3 天内到期" in inbox
    assert inbox.index("已逾期") < inbox.index("两天后到期") < inbox.index("十天后到期") < inbox.index("最近已答复") \
        < inbox.index("已答复</a>")
    assert inbox.count("受理，或直接答复或驳回") == 3
    en = editor.get("/en/feedback/inbox").body
    assert "3 requests wait for your answer" in en and "1 overdue" in en and "Accept it, or answer or reject it now" in en
    page = editor.get(f"/feedback/{later['id']}").body
    assert 'id="answer"' in page and '<label class="form-label" for="feedback-resolve-comment">您的答复</label>' in page
    assert "答复将向申请人显示" in page
