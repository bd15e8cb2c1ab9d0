"""Tables of harbin_privacy (created by its alembic migrations, never on plugin load) and the
queries on them. The state of each resource (what is hidden, what blocks publication) is one SQL
function, harbin_privacy_states (migration b41c7e2f9d03); `states` reads it."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.dialects.postgresql import JSONB

import ckan.model as model

__all__ = ["Base", "Scan", "Exemption", "Withheld", "Layout", "TABLES", "QUEUED", "RUNNING", "DONE", "FAILED", "READER",
           "TEXT_RULES", "TextCheck",
           "fingerprint", "latest_scans", "exempted_scan_ids", "withheld_ids", "masked_copy_ids", "states",
           "confirmed_layout"]

Base: Any = orm.declarative_base(metadata=sa.MetaData())

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
# The version of the scan a scan records: the tabular reader (common/tabular) and the detectors
# (privacy/scan). A scan by an older one does not count (the file is scanned again). Raise it when
# either finds what it did not before — a detector learning a new shape of e-mail or name header
# too, else a file published on an old clear scan stays public — and only with a migration that
# raises it in harbin_privacy_states (2: tables stacked in one sheet, migration d7a3f19c2e58; 3:
# text outside a workbook's cells and numbers typed into cells, f4a9c2e7d813; 4: pivot and
# external-link caches, properties, links, names and validations, an XLS's text outside its cells,
# b6e3d9f2a417; 5: e-mails written against harvesters (name#163.com, (at)), name headers ending in
# 者/得主, names after a label without a colon, pinyin name headers, mobiles grouped other than
# 3-4-4, phones split over columns, passport and 军官证 numbers, an XLSX's shared strings no cell shows and phonetic runs, an ODS cell's shown text,
# ae0ae06929cd; 6: names after every footer signer's label and a signature's place before the
# colon (审批人：, 审核人（签字）：), f2b7d4c9a6e1; 7: footers signed by role alone (制表：, 会计：), names
# after a person's label in text (收款人, 户名, 业主), before an honorific or a role in brackets,
# headers ending in 对象/主体, an author in pinyin (Zhang Wei), IDs and cards stored as numbers
# (2.301081985081562e+17, 2.30108E+17), mobiles in Chinese numerals, a card alone in a note, home-address
# headers, a7d3e9c1f5b8; the function was last rewritten by e5b8c2a7f1d4;
# c3f8a1d6e2b7 keeps its plan, the same query in PL/pgSQL). Reader 7 also: order and case numbers
# no longer taken for mobiles, cards grouped 6+13 and 6-6-7, UnionPay cards stored as floats.
# 8: every string of a JSON document and every part of an XLSX or ODS a downloader gets; people
# beside firms in a party's column (当事人名称), several names in a cell, a name with a phone, pinyin
# name columns, names as column headers, cases named after a person; names right of a form's person
# label (姓名 | 王建国), c1e7a4b9d5f3. 9: cases titled after 关于 (关于王建国违规占用道路案), pinyin names in
# a party's column (WANG Jianguo), b9e4f7a2c6d1. 10: names a register's free text gives by its cues
# (王建国户, 由其子张伟代领, 本人签字, 等5户, （个体）, 法定代表人王建国，, 转王建国), persons among firms under
# 被检查单位/检查对象/业户, nested JSON leaves under their own keys, a 15-digit ID after a document's label,
# an agency's own too-light masks (23010219850312****, 王*国), 证件 as an ID header, c7f2a9d4e1b3.
READER = 10
# The version of the metadata check (metadata_check.py, public_text.py, address_text.py) a re-check
# of an entry's or agency's stored texts records (TextCheck, stored_texts.py). A mark below it
# counts as unchecked: raise it when the check refuses what it did not before, and only with a
# migration that re-checks below it (1: the first re-check, migration d4c8e2a6f913; 2: ID numbers
# whatever their check character and digit runs after a person-number label, f6b2d8a4c1e9; 3: names
# without a label — 王建国等10户, 王建国、李秀英, a tag that is a name — b3e9d6a2f7c4; 4: names known by
# their context — 由王建国整理, 王建国，男，, 王建国家, 李秀梅 0451-86301234, Contact Wang Jianguo — and an
# extra's key read as the label of its value, e8c4a1f7d2b9).
TEXT_RULES = 4


class Scan(Base):
    """One scan of one version (fingerprint) of a tabular resource, with its findings per column."""
    __tablename__ = "harbin_privacy_scan"
    __table_args__ = (sa.Index("harbin_privacy_scan_package_idx", "package_id", "created_at"),
                      sa.Index("harbin_privacy_scan_resource_idx", "resource_id", "created_at"))
    id: str = sa.Column(sa.UnicodeText, primary_key=True)
    package_id: str = sa.Column(sa.UnicodeText, nullable=False)
    resource_id: str = sa.Column(sa.UnicodeText, nullable=False)
    fingerprint: str = sa.Column(sa.UnicodeText, nullable=False)
    state: str = sa.Column(sa.UnicodeText, nullable=False)
    requested_by: Optional[str] = sa.Column(sa.UnicodeText)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    started_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))
    finished_at: Optional[dt.datetime] = sa.Column(sa.DateTime(timezone=True))
    bytes_total: Optional[int] = sa.Column(sa.BigInteger)
    bytes_done: int = sa.Column(sa.BigInteger, nullable=False, default=0, server_default="0")
    rows_done: int = sa.Column(sa.BigInteger, nullable=False, default=0, server_default="0")
    error: Optional[str] = sa.Column(sa.UnicodeText)
    personal: Optional[bool] = sa.Column(sa.Boolean)  # any column holds personal data
    # [{"sheet", "column", "header", "cells", "counts", "embedded", "examples", "kinds"}]
    columns: Optional[list[dict[str, Any]]] = sa.Column(JSONB)
    # [{"name", "kind", "header_row", "confident", "rows", "header"}]
    tables: Optional[list[dict[str, Any]]] = sa.Column(JSONB)
    confident: Optional[bool] = sa.Column(sa.Boolean)  # every table's header certain (None: an old scan)
    strict: bool = sa.Column(sa.Boolean, nullable=False, default=False, server_default=sa.false())  # a masked copy's scan
    reader: Optional[int] = sa.Column(sa.Integer)  # READER when it read the file (None: not yet, or an old reader)
    # SHA-256 of the file's bytes as read, and "<n>:<SHA-256>" of its first n (common/scanned_links.py, rescans.py)
    digest: Optional[str] = sa.Column(sa.UnicodeText)
    head_digest: Optional[str] = sa.Column(sa.UnicodeText)
    # the detector settings it ran with (scan_inputs.py; None: not yet, or a scan before they were kept)
    settings: Optional[dict[str, Any]] = sa.Column(JSONB)

    @property
    def old_reader(self) -> bool:
        """A finished scan by a reader older than READER: it does not count."""
        return self.state == DONE and (self.reader or 0) < READER

    @property
    def personal_columns(self) -> list[dict[str, Any]]:
        return [column for column in self.columns or [] if column["kinds"]]


class Exemption(Base):
    """A reviewer's decision that one scan's findings may be opened as they are, with the reason."""
    __tablename__ = "harbin_privacy_exemption"
    __table_args__ = (sa.Index("harbin_privacy_exemption_package_idx", "package_id"),
                      sa.Index("harbin_privacy_exemption_scan_idx", "scan_id"))
    id: int = sa.Column(sa.BigInteger, primary_key=True, autoincrement=True)
    scan_id: str = sa.Column(sa.UnicodeText, sa.ForeignKey("harbin_privacy_scan.id", ondelete="CASCADE"), nullable=False)
    package_id: str = sa.Column(sa.UnicodeText, nullable=False)
    resource_id: str = sa.Column(sa.UnicodeText, nullable=False)
    reason: str = sa.Column(sa.UnicodeText, nullable=False)
    granted_by: str = sa.Column(sa.UnicodeText, nullable=False)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())


class Withheld(Base):
    """An original resource kept from the public because a masked copy replaces it."""
    __tablename__ = "harbin_privacy_withheld"
    __table_args__ = (sa.Index("harbin_privacy_withheld_package_idx", "package_id"),)
    resource_id: str = sa.Column(sa.UnicodeText, primary_key=True)
    package_id: str = sa.Column(sa.UnicodeText, nullable=False)
    masked_resource_id: Optional[str] = sa.Column(sa.UnicodeText)
    rules: Optional[dict[str, str]] = sa.Column(JSONB)
    withheld_by: Optional[str] = sa.Column(sa.UnicodeText)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())


class Layout(Base):
    """A person's word on where the header of one table of one version of a file is."""
    __tablename__ = "harbin_privacy_layout"
    resource_id: str = sa.Column(sa.UnicodeText, primary_key=True)
    fingerprint: str = sa.Column(sa.UnicodeText, primary_key=True)
    table_name: str = sa.Column(sa.UnicodeText, primary_key=True)
    header_row: int = sa.Column(sa.Integer, nullable=False)  # 0-based; -1: no header row
    confirmed_by: str = sa.Column(sa.UnicodeText, nullable=False)
    created_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())


class TextCheck(Base):
    """The last re-check of one entry's, agency's or group's stored texts: under which rules, and
    which field held which kinds of personal data (never the value)."""
    __tablename__ = "harbin_privacy_text_check"
    object_id: str = sa.Column(sa.UnicodeText, primary_key=True)  # a package's or a group's id
    object_type: str = sa.Column(sa.UnicodeText, nullable=False)  # entry, agency, group
    rules: int = sa.Column(sa.Integer, nullable=False)  # TEXT_RULES when checked
    checked_at: dt.datetime = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    # [{"field": "resources[0].description", "kinds": ["mobile"]}]; [] when clean; null: could not be read
    findings: Optional[list[dict[str, Any]]] = sa.Column(JSONB)


TABLES = [Exemption.__tablename__, Withheld.__tablename__, Layout.__tablename__, Scan.__tablename__,
          TextCheck.__tablename__]
_STATES = sa.text("SELECT package_id, resource_id, state FROM harbin_privacy_states(:package_ids)")


def fingerprint(resource: model.Resource) -> str:
    """What identifies one version of the resource's file (a new upload or link changes it); the
    same text as the SQL function harbin_privacy_fingerprint."""
    modified = resource.last_modified.strftime("%Y%m%d%H%M%S%f") if resource.last_modified else ""
    return "|".join([resource.url_type or "", resource.url or "", modified,
                     "" if resource.size is None else str(resource.size)])


def latest_scans(package_id: str) -> dict[str, Scan]:
    """The newest scan of each resource of an entry."""
    scans = (model.Session.query(Scan).filter(Scan.package_id == package_id)
             .order_by(Scan.resource_id, Scan.created_at.desc())
             .distinct(Scan.resource_id))
    return {scan.resource_id: scan for scan in scans}


def exempted_scan_ids(package_id: str) -> set[str]:
    return {row.scan_id for row in model.Session.query(Exemption.scan_id).filter(Exemption.package_id == package_id)}


def withheld_ids(package_id: str) -> set[str]:
    return {row.resource_id for row in
            model.Session.query(Withheld.resource_id).filter(Withheld.package_id == package_id)}


def masked_copy_ids(package_id: str) -> set[str]:
    return {row.masked_resource_id for row in model.Session.query(Withheld.masked_resource_id)
            .filter(Withheld.package_id == package_id) if row.masked_resource_id}


def states(package_ids: list[str]) -> dict[str, dict[str, str]]:
    """package id → {resource id → state} for every active resource (see the migration)."""
    found: dict[str, dict[str, str]] = {}
    if package_ids:
        for row in model.Session.execute(_STATES, {"package_ids": list(package_ids)}):
            found.setdefault(row.package_id, {})[row.resource_id] = row.state
    return found


def confirmed_layout(resource: model.Resource) -> dict[str, int]:
    """Table name → header row a person confirmed, for the resource's current file."""
    return {row.table_name: row.header_row for row in model.Session.query(Layout).filter(
        Layout.resource_id == resource.id, Layout.fingerprint == fingerprint(resource))}
