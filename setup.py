from setuptools import find_namespace_packages, setup

setup(
    name="ckanext-harbin-opendata",
    version="0.1.0",
    description="Harbin unified public open-data platform: a CKAN 2.11 plugin suite",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    license="AGPL-3.0-or-later",
    python_requires=">=3.9",
    packages=find_namespace_packages(include=["ckanext.*"]),
    include_package_data=True,
    install_requires=[
        "ckanext-scheming>=3.1.0",
        "ckanext-harvest>=1.6.3",
        "ckanext-dcat>=2.4.4",
        "PyYAML",
        "openpyxl",
        "defusedxml",
        "python-docx",
        "Pillow",
        "zxcvbn",
    ],
    extras_require={"test": open("requirements/test.txt").read().split("\n")},
    entry_points={
        "ckan.plugins": [
            "harbin_opendata = ckanext.harbin_opendata.plugin:HarbinOpendataPlugin",
            "harbin_metadata = ckanext.harbin_opendata.metadata.plugin:HarbinMetadataPlugin",
            "harbin_review = ckanext.harbin_opendata.review.plugin:HarbinReviewPlugin",
            "harbin_feedback = ckanext.harbin_opendata.feedback.plugin:HarbinFeedbackPlugin",
            "harbin_showcase = ckanext.harbin_opendata.showcase.plugin:HarbinShowcasePlugin",
            "harbin_tracking = ckanext.harbin_opendata.tracking.plugin:HarbinTrackingPlugin",
            "harbin_privacy = ckanext.harbin_opendata.privacy.plugin:HarbinPrivacyPlugin",
            "harbin_preview = ckanext.harbin_opendata.preview.plugin:HarbinPreviewPlugin",
            "harbin_access = ckanext.harbin_opendata.access.plugin:HarbinAccessPlugin",
            "harbin_identity_example = ckanext.harbin_opendata.access.identity_example:HarbinIdentityExamplePlugin",
            "harbin_data = ckanext.harbin_opendata.data.plugin:HarbinDataPlugin",
            "harbin_assessment = ckanext.harbin_opendata.assessment.plugin:HarbinAssessmentPlugin",
            "harbin_harvest = ckanext.harbin_opendata.harvest.plugin:HarbinHarvestPlugin",
            "harbin_spreadsheet_harvester = ckanext.harbin_opendata.harvest.harvesters.spreadsheet:HarbinSpreadsheetHarvester",
            "harbin_json_api_harvester = ckanext.harbin_opendata.harvest.harvesters.json_api:HarbinJSONAPIHarvester",
            "harbin_ckan_harvester = ckanext.harbin_opendata.harvest.harvesters.ckan_portal:HarbinCKANHarvester",
            "harbin_dcat_harvester = ckanext.harbin_opendata.harvest.harvesters.dcat_rdf:HarbinDCATHarvester",
        ],
        "ckan.rdf.profiles": [
            "harbin_dcat = ckanext.harbin_opendata.metadata.dcat.profile:HarbinDCATProfile",
        ],
        "babel.extractors": [
            "ckan = ckan.lib.extract:extract_ckan",
        ],
    },
    message_extractors={
        "ckanext": [
            ("**.py", "python", None),
            ("**/templates/**.html", "ckan", None),
        ],
    },
)
