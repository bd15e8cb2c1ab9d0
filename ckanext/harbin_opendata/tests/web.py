"""Using the portal as a browser does: CSRF tokens from forms, logging in through the login form."""
from __future__ import annotations

import re
from typing import Any

import ckan.model as model

__all__ = ["csrf_token", "logged_in_client", "PASSWORD"]

PASSWORD = "Harbin-2022-open"


def csrf_token(html: str) -> str:
    return re.search(r'name="_csrf_token" value="([^"]+)"', html).group(1)


def logged_in_client(app: Any, user_name: str) -> Any:
    """A test client that keeps its cookies, logged in as the user (whose password is set here)."""
    user = model.User.get(user_name)
    user.password = PASSWORD
    model.repo.commit()
    client = app.test_client()
    token = csrf_token(client.get("/user/login").body)
    client.post("/user/login", data={"login": user_name, "password": PASSWORD, "_csrf_token": token})
    return client
