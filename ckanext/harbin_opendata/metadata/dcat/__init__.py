"""The Harbin catalog fields in DCAT-AP 3, both ways: the RDF profile ``harbin_dcat``.

Stacked after ``euro_dcat_ap_3`` (``ckanext.dcat.rdf.profiles = euro_dcat_ap_3 harbin_dcat``), which
maps the CKAN core fields. The profile adds the Harbin fields, replaces what Harbin knows better, and
makes the output valid DCAT-AP 3 (0 violations of the official SHACL shapes, every label in a
language, links to the EU vocabularies instead of text). The field → property table is in the README
(section "DCAT-AP").

- ``profile``: the class registered as ``harbin_dcat``;
- ``serialize`` (the dataset), ``distributions`` (files, APIs, licence), ``catalog``: writing;
- ``parse``, ``resources``, ``reading``: reading back;
- ``terms`` (namespaces, code ↔ URI tables), ``places`` (GB/T 2260 divisions), ``graph`` (language
  tags, self-describing vocabulary links), ``lookups`` (database reads): shared.
"""
