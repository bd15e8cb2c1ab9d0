"""Harvester `harbin_dcat`: DCAT catalogs (Turtle, RDF/XML, JSON-LD, paged with Hydra) through
ckanext-dcat's RDF harvester and the `harbin_dcat` profile.

DCATRDFHarvester downloads (size-limited by ckanext.dcat.max_file_size), parses with the
configured profiles and follows hydra:next pages. Its IDCATRDFHarvester hooks give it the suite's
guarded session (files.blocked_networks, pinned addresses, a timeout), put remote JSON-LD contexts
in place through the bounded downloader (rdflib would fetch them itself) and refuse hostile XML
(entity expansion, external entities); only http(s) sources are read (ckanext-dcat would read a
local file); records gone from the catalog are withdrawn, not deleted; the save goes through the
shared importer.
"""
from __future__ import annotations

import json
from typing import Any, Optional

import requests
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckanext.dcat.harvesters.rdf import DCATRDFHarvester
from ckanext.dcat.interfaces import IDCATRDFHarvester
from ckanext.harvest.model import HarvestJob, HarvestObject, HarvestObjectError

from ...common.guarded_http import GuardedSession
from .. import importer, sourceconfig
from ..base import HarbinHarvesterMixin, gather_error
from ..download import Limits, SourceError
from ..jsonld_contexts import inline_remote_contexts
from ..mapping import record_from_package

__all__ = ["HarbinDCATHarvester", "refuse_hostile_xml"]


def refuse_hostile_xml(content: str) -> Optional[str]:
    """Why an XML document must not be parsed (entity declarations, external references, broken
    XML), or None when it is safe. Other serializations (Turtle, JSON-LD) pass."""
    if not content.lstrip("\ufeff \t\r\n").startswith("<"):
        return None
    try:
        SafeElementTree.fromstring(content.encode("utf-8"), forbid_dtd=False, forbid_entities=True,
                                   forbid_external=True)
    except DefusedXmlException as error:
        return tk._("The catalog was refused: its XML declares entities or external references ({error}).").format(
            error=type(error).__name__)
    except SafeElementTree.ParseError as error:
        return tk._("The catalog is not well-formed XML: {error}").format(error=error)
    return None


class HarbinDCATHarvester(HarbinHarvesterMixin, DCATRDFHarvester):
    p.implements(IDCATRDFHarvester, inherit=True)

    own_config_keys = {"rdf_format"}

    def info(self) -> dict[str, str]:
        return {
            "name": "harbin_dcat",
            "title": tk._("DCAT catalog (Harbin profile)"),
            "description": tk._("A DCAT catalog in Turtle, RDF/XML or JSON-LD, paged with Hydra, read "
                                "with the Harbin DCAT profile."),
        }

    def validate_config(self, config: Optional[str]) -> str:
        checked = sourceconfig.validate(config, self.own_config_keys)  # first: its messages are translated
        DCATRDFHarvester.validate_config(self, config)
        return checked

    # IDCATRDFHarvester (these hooks run for every DCAT harvester of the site)
    def update_session(self, session: requests.Session) -> requests.Session:
        # Only checked, pinned addresses; requests waits forever by default. Headers and auth that
        # other plugins set on the session are kept.
        guarded = GuardedSession()
        guarded.headers.update(session.headers)
        guarded.auth = session.auth
        session = guarded
        send = session.request

        def request_with_timeout(*args: Any, **kwargs: Any) -> requests.Response:
            kwargs.setdefault("timeout", tk.config["ckanext.harbin_opendata.harvest.timeout"])
            return send(*args, **kwargs)

        session.request = request_with_timeout  # type: ignore[method-assign]
        return session

    def after_download(self, content: Any, harvest_job: HarvestJob) -> tuple[Any, list[str]]:
        if not isinstance(content, str):
            return content, []
        problem = refuse_hostile_xml(content)
        if problem:
            return None, [problem]
        try:
            return inline_remote_contexts(content, harvest_job.source.url, Limits(self.source_config(harvest_job))), []
        except SourceError as error:
            return None, [str(error)]

    def _get_content_and_type(self, url: str, harvest_job: HarvestJob, page: int = 1,
                              content_type: Optional[str] = None) -> tuple[Any, Any]:
        if not url.lower().startswith(("http://", "https://")):  # ckanext-dcat would open a local file
            self._save_gather_error(tk._("{url} is not an http(s) address.").format(url=url), harvest_job)
            return None, None
        return super()._get_content_and_type(url, harvest_job, page, content_type)

    # Gather: records gone from the catalog are withdrawn (DCATRDFHarvester would delete them).
    def _mark_datasets_for_deletion(self, guids_in_source: list[str], harvest_job: HarvestJob) -> list[str]:
        if not guids_in_source and not self.source_config(harvest_job).get("allow_empty"):
            if self.current_guids(harvest_job):
                gather_error(harvest_job, tk._("The source lists no records: nothing was withdrawn. Set "
                                               "\"allow_empty\": true to withdraw every entry of this source."))
            return []
        return self.withdrawal_objects(harvest_job, set(guids_in_source))

    def import_stage(self, harvest_object: HarvestObject) -> Any:
        if importer.object_extra(harvest_object, importer.STATUS_KEY) == importer.WITHDRAW:
            return importer.withdraw(harvest_object)
        try:
            dataset = json.loads(harvest_object.content or "")
        except ValueError:
            HarvestObjectError(message=tk._("The harvested content is not a record."),
                                        object=harvest_object, stage="Import").save()
            return False
        return self.import_safely(harvest_object, record_from_package(dataset))

    def fetch_stage(self, harvest_object: HarvestObject) -> bool:
        return True
