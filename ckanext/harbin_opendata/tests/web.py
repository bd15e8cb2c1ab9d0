"""Using the portal as a browser does: CSRF tokens from forms, logging in through the login form."""
from __future__ import annotations

import re
from typing import Any

import ckan.model as model

__all__ = ["csrf_token", "revision_in", "logged_in_client", "entry_form", "form_fields", "PASSWORD"]

PASSWORD = "Harbin-2022-open"


def csrf_token(html: str) -> str:
    return re.search(r'name="_csrf_token" value="([^"]+)"', html).group(1)


def revision_in(html: str) -> str:
    """The entry's revision stamp the review page's publish and return forms send."""
    return re.search(r'name="revision" value="([^"]+)"', html).group(1)


def logged_in_client(app: Any, user_name: str) -> Any:
    """A test client that keeps its cookies, logged in as the user (whose password is set here)."""
    user = model.User.get(user_name)
    user.password = PASSWORD
    model.repo.commit()
    client = app.test_client()
    token = csrf_token(client.get("/user/login").body)
    client.post("/user/login", data={"login": user_name, "password": PASSWORD, "_csrf_token": token})
    return client


def entry_form(html: str) -> dict[str, str]:
    """The edit form's fields as a browser without JavaScript posts them (text, selected options)."""
    form = re.search(r'<form id="dataset-edit".*?</form>', html, re.S).group(0)
    form = re.sub(r"<template.*?</template>", "", form, flags=re.S)
    fields = {name: value for name, value in re.findall(r'<input[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', form)}
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"\s*selected', options)
        fields[name] = chosen.group(1) if chosen else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        fields[name] = text
    return {name: value for name, value in fields.items() if not name.startswith("data_formats")}


def form_fields(html: str, form_class: str = "dataset-form") -> dict[str, str]:
    """A form's fields as a browser posts them unchanged (text inputs, textareas, selected options)."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").find("form", class_=form_class)
    data = {field["name"]: field.get("value", "") for field in form.find_all("input")
            if field.get("name") and field.get("type") not in ("checkbox", "radio", "submit", "file")}
    data.update({field["name"]: field.text for field in form.find_all("textarea")})
    data.update({field["name"]: (field.find("option", selected=True) or {}).get("value", "")
                 for field in form.find_all("select")})
    return data
