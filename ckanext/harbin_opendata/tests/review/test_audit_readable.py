"""The audit page shows an event's details as key: value lines, not raw JSON (walk F-U1); the CSV
keeps the JSON and says its charset once."""
from __future__ import annotations

import re

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.review import audit
from ckanext.harbin_opendata.tests.web import logged_in_client

# As a privacy scan records a held file: columns found, whether sure, no error, which resource.
DETAILS = {"columns": ["经办人身份证", "联系电话"], "confident": True, "error": None,
           "resource_id": "5c1f0b7e-3d2a-4f51-9a51-0c2b6f1d8e42", "rules": {"id_card": 12}}


def test_details_read_as_lines_and_the_csv_names_its_charset_once(app, people):
    audit.record("submit", model.User.get(people.editor), model.Package.get(people.entry["id"]),
                 from_state="draft", to_state="submitted", details=DETAILS)
    model.repo.commit()
    admin = logged_in_client(app, people.sysadmin)
    cell = re.search(r'<td class="harbin-audit-details">(.*?)</td>', admin.get("/review/audit").body, re.S).group(1)
    assert '<span class="text-muted">columns:</span> 经办人身份证、联系电话' in cell
    assert '<span class="text-muted">confident:</span> true' in cell and "error:" not in cell
    assert '<span class="text-muted">rules:</span> {&#34;id_card&#34;: 12}' in cell and "[" not in cell
    response = admin.get("/review/audit.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert '"columns": ["经办人身份证", "联系电话"]' in response.get_data(as_text=True).replace('""', '"')
