"""Personal data typed into text the public reads (an entry's texts, a feedback request's public
fields and answers): the scan's detectors (scan/detectors.py) plus what only such prose holds — a
name after a label without a colon (负责人 王伟), a passport number after its label (护照号码：
E98765432), an ID by its shape whatever its check character, any run of digits after a label of a
person's number (卡号, 手机号, 身份证号码), names known by their context (text_names.py, context_names.py) —
and the official/personal split of e-mail addresses. One check for every such text;
masking.py's shape-preserving rules hide what it finds in text stored before it refused it."""
from __future__ import annotations

import re
from typing import Iterable, Optional

import ckan.plugins.toolkit as tk

from .masking import mask_value
from .scan.detectors import AT_SIGN, GROUP_SEPARATOR, Finding, find_all, id_shaped, reading_forms
from .scan.names import NOT_NAME_ENDING, looks_like_name
from .context_names import context_names
from .text_names import unlabelled_names

__all__ = ["PUBLIC_KINDS", "findings", "found_kinds", "masked", "is_official_email"]

# Kinds looked for in public prose; a landline is an office's as often as a person's: callers
# that take office numbers (the catalog) leave it out.
PUBLIC_KINDS = frozenset({"resident_id", "bank_card", "mobile", "landline", "email", "person_name", "passport"})
_CJK_RUN = re.compile(r"[\u4e00-\u9fff·•]*")
# The detectors find a name after a label and a colon; prose also writes the label, a space, the name.
_AFTER_SPACE = re.compile(r"(?:姓名|联系人|负责人|经办人|申请人|法定代表人|法人代表|当事人|监护人)"
                          r"[ ]+([\u4e00-\u9fff]{2,4})")
_PASSPORT = re.compile(r"(?:护照(?:号码|号|编号)?|passport(?:\s*(?:no\.?|number|#))?)\s*[：:]?\s*"
                       r"([A-Za-z]{1,2}[0-9]{7,8}|[0-9]{8,9})(?![0-9A-Za-z])", re.IGNORECASE)

# A run of digits after a label of a person's number is that person's number whatever its check
# digit or length (卡号6222021000001234570, 手机号：1384512300, 电话：138451230001): a mistyped number
# still leads to its owner. After a phone label only a run starting with 1 (a mobile's first digit):
# an office number (0451-86000000, 12345) is public contact data.
_NUMBER_LABELS = {"mobile": r"手机(?:号码|号)?|移动电话|(?:联系)?电话(?:号码)?|联系方式",
                  "bank_card": r"(?:银行|社保|医保|借记|信用|储蓄)?卡(?:号码|号)|(?:银行|个人)账号",
                  "resident_id": r"身份证(?:号码|号)?|证件号(?:码)?|公民身份号码"}
_NUMBER_RUNS = {"mobile": rf"1(?:{GROUP_SEPARATOR}[0-9]){{6,}}", "bank_card": rf"[0-9](?:{GROUP_SEPARATOR}[0-9]){{11,}}",
                "resident_id": rf"[0-9](?:{GROUP_SEPARATOR}[0-9]){{13,16}}(?:{GROUP_SEPARATOR}[0-9Xx])?"}
_LABELLED_NUMBERS = {kind: re.compile(rf"(?:{label})\s*[：:]?\s*({_NUMBER_RUNS[kind]})(?![0-9A-Za-z])", re.IGNORECASE)
                     for kind, label in _NUMBER_LABELS.items()}


def is_official_email(address: str, also: Iterable[str] = ()) -> bool:
    """An address on a government domain (gov.cn and its subdomains) or on one of
    privacy.official_email_domains, or one of `also` (the agency's own published address)."""
    parts = re.split(AT_SIGN, address.strip())
    domain = parts[-1].lower().rstrip(".") if len(parts) > 1 else ""
    configured = tk.config["ckanext.harbin_opendata.privacy.official_email_domains"]
    domains = ["gov.cn", *(d.lower().lstrip("@.") for d in configured)]
    return any(domain == d or domain.endswith("." + d) for d in domains if d) \
        or address.strip().lower() in {a.strip().lower() for a in also if a}


def _a_person(run: str) -> bool:
    """The characters after a name label name a person unless they name an office (数据资源管理处,
    信息中心, 办公室: they end as place and organisation words do); a name in Latin letters has no run."""
    return not run or run[-1] not in NOT_NAME_ENDING


def _labelled_names(text: str) -> list[Finding]:
    """Names after a label (联系人：李秀梅 by the detectors, 负责人 王伟), offices left out: the
    detectors take up to four characters, the whole run after the label says whether it is one."""
    found = [finding for finding in find_all(text, {"person_name"})
             if _a_person(_CJK_RUN.match(text, finding.start).group())]
    for match in _AFTER_SPACE.finditer(text):
        run = match.group(1)
        name = next((run[:n] for n in (3, 2, 4) if looks_like_name(run[:n])), None)
        if name and _a_person(run):
            found.append(Finding("person_name", name, match.start(1), match.start(1) + len(name)))
    return found


def findings(text: str, kinds: frozenset[str] = PUBLIC_KINDS, official: Iterable[str] = ()) -> list[Finding]:
    """The personal data in a public text, left to right, without overlaps. E-mail addresses on
    official domains (is_official_email) are public contact data, not personal. `official` is
    iterated once for each e-mail address on no official domain (none: not at all), so it may be
    read lazily; it must be iterable again."""
    if not isinstance(text, str) or not text:
        return []
    read = reading_forms(text)
    candidates = [finding for finding in find_all(text, kinds - {"person_name", "passport"})
                  if finding.kind != "email" or not is_official_email(finding.value, official)]
    if "person_name" in kinds:
        candidates += [f._replace(value=text[f.start:f.end]) for f in (*_labelled_names(read), *unlabelled_names(read),
                                                                                *context_names(read))]
    if "resident_id" in kinds:
        candidates += list(id_shaped(text))
    candidates += [Finding(kind, text[m.start(1):m.end(1)], *m.span(1)) for kind, pattern in _LABELLED_NUMBERS.items()
                   if kind in kinds for m in pattern.finditer(read)]
    if "passport" in kinds:
        candidates += [Finding("passport", text[m.start(1):m.end(1)], *m.span(1)) for m in _PASSPORT.finditer(read)]
    kept: list[Finding] = []
    for finding in sorted(candidates, key=lambda f: (f.start, -f.end)):
        if not kept or finding.start >= kept[-1].end:  # the kept ones do not overlap: the last ends last
            kept.append(finding)
    return kept


def found_kinds(text: str, kinds: frozenset[str] = PUBLIC_KINDS, official: Iterable[str] = ()) -> list[str]:
    return sorted({finding.kind for finding in findings(text, kinds, official)})


def masked(text: Optional[str], kinds: frozenset[str] = PUBLIC_KINDS) -> Optional[str]:
    """The text with each piece of personal data masked by its kind's rule (138****5678, 李**,
    z*****@163.com, E*******2)."""
    if not isinstance(text, str) or not text:
        return text
    pieces, position = [], 0
    for finding in findings(text, kinds):
        pieces += [text[position:finding.start], mask_value(finding.kind, finding.value)]
        position = finding.end
    return "".join(pieces) + text[position:]
