"""The pages of the refusals a web server makes before the portal reads the request (an address or
headers too long, a body too large, a request that is not HTTP): the development server's
(hardening/server_errors.py) and nginx's (ops/deploy.py writes them beside its configuration).
The server has not read the request's language yet, so each page says it in Chinese first, then
in English; the words are plain text (http.server escapes them)."""
from __future__ import annotations

__all__ = ["SERVER_TEXTS", "PAGE", "page"]

SERVER_TEXTS = {
    400: "请求格式不正确，平台无法处理。请从平台页面重新打开。 "
         "The request is not one the portal understands. Open the page again from the portal.",
    413: "提交的内容过大，平台无法接收。请缩短填写的内容或上传较小的文件后重试。 "
         "What was sent is larger than the portal accepts. Shorten the text or send a smaller file and try again.",
    414: "请求的地址过长，平台无法处理。请缩短地址（例如减少筛选条件或搜索词）后重试。 "
         "The address is too long for the portal. Shorten it (fewer filters or search words) and try again.",
    431: "请求头过长或过多（通常是浏览器保存的 Cookie 过多），平台无法处理。请清除本站 Cookie 后重试。 "
         "The request's headers are too long or too many (often too many cookies). Clear this site's cookies "
         "and try again.",
}

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>%(code)d · 哈尔滨市公共数据开放平台</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em; line-height: 1.6">
<h1>%(code)d</h1>
<p>%(explain)s</p>
<p><a href="/">返回首页</a> · <a href="/en/">Home</a></p>
</body>
</html>
"""


def page(code: int) -> str:
    """The whole page of one refusal (its words are the platform's own: nothing to escape)."""
    return PAGE % {"code": code, "explain": SERVER_TEXTS[code]}
