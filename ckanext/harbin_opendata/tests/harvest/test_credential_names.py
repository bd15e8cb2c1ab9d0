"""Credentials named as Chinese government APIs name them (appKey, appSecret, AccessKeyId) are
masked like api_key and X-Auth-Token, in a source's address and in its config; ordinary
parameters (pageNum, keyword, monkey) are not."""
from __future__ import annotations

import json

from ckanext.harbin_opendata.harvest.redaction import MASK, redact_config, redact_url


def test_camel_case_credentials_are_masked():
    url = redact_url("https://api.example.gov.cn/list?appKey=abc&appSecret=def&AccessKeyId=ghi&pageNum=1&keyword=x")
    assert "abc" not in url and "def" not in url and "ghi" not in url and "pageNum=1" in url and "keyword=x" in url
    config = json.loads(redact_config(json.dumps({"clientSecret": "s3", "query": {"appKey": "k1", "monkey": "m"}})))
    assert config == {"clientSecret": MASK, "query": {"appKey": MASK, "monkey": "m"}}
