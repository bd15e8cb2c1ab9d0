"""Account changes made on the command line leave audit rows like the web's (probe 3 finding 6), with
the actor "command line", the OS account and the command; a web change is not written twice."""
from __future__ import annotations

import getpass

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.cli.cli import ckan
from ckan.tests import factories

from ckanext.harbin_opendata.review.model import AuditEvent

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")

PERSON = "cli_person"


def _rows(name: str) -> list[AuditEvent]:
    model.Session.expire_all()
    return (model.Session.query(AuditEvent).filter(AuditEvent.details["user"].astext == name)
            .order_by(AuditEvent.id).all())


def _run(cli, *args: str) -> None:
    result = cli.invoke(ckan, list(args))
    assert result.exit_code == 0, result.output


def test_every_account_command_is_audited(cli):
    _run(cli, "user", "add", PERSON, "email=cli.person@example.gov.cn", "password=Harbin-2022-open")
    _run(cli, "user", "setpass", PERSON, "-p", "Harbin-2023-open!")
    _run(cli, "sysadmin", "add", PERSON)
    _run(cli, "sysadmin", "remove", PERSON)
    _run(cli, "user", "remove", PERSON)
    rows = _rows(PERSON)
    assert [(row.event, (row.details or {}).get("changed")) for row in rows] == [
        ("user_created", None), ("user_updated", ["password"]), ("user_updated", ["sysadmin"]),
        ("sysadmin_granted", None), ("user_updated", ["sysadmin"]), ("sysadmin_revoked", None), ("user_deleted", None)]
    assert {row.actor_name for row in rows} == {"command line"} and {row.actor_id for row in rows} == {None}
    assert [row.details["command"] for row in rows] == [
        "ckan user add", "ckan user setpass", "ckan sysadmin add", "ckan sysadmin add", "ckan sysadmin remove",
        "ckan sysadmin remove", "ckan user remove"]
    assert {row.details["os_user"] for row in rows} == {getpass.getuser()}
    assert not any("Harbin-20" in str(row.details) for row in rows)  # never a password


def test_a_web_change_is_audited_once_by_its_action(app):
    admin, person = factories.Sysadmin(), factories.User(name=PERSON)
    tk.get_action("user_update")({"user": admin["name"]}, {**person, "sysadmin": True, "email": person["email"],
                                                          "password": "Harbin-2024-open!"})
    rows = _rows(PERSON)
    assert [row.event for row in rows] == ["user_created", "user_updated", "sysadmin_granted"]
    assert {row.actor_name for row in rows[1:]} == {admin["name"]}


def test_the_audit_page_names_the_command_line(app, cli):
    from ckanext.harbin_opendata.tests.web import logged_in_client

    _run(cli, "user", "add", PERSON, "email=cli.person@example.gov.cn", "password=Harbin-2022-open")
    auditor = factories.Sysadmin(name="site_auditor")
    client = logged_in_client(app, auditor["name"])
    assert "命令行" in client.get("/review/audit").get_data(as_text=True)
    assert "command line" in client.get("/en/review/audit").get_data(as_text=True)
