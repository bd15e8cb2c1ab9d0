"""The demo portal's ini file, as scripts/portal-ini.sh writes it from `ckan generate config`."""
from __future__ import annotations

import os
import pathlib
import subprocess

import ckan.plugins.toolkit as tk
from ckan.cli import CKANConfigLoader

SCRIPT = pathlib.Path(__file__).resolve().parents[3] / "scripts" / "portal-ini.sh"


def test_the_portal_ini_turns_uploads_on_with_a_storage_path(tmp_path):
    ini = tmp_path / "portal.ini"
    storage = tmp_path / "storage"
    subprocess.run([str(SCRIPT), str(ini)], check=True, capture_output=True, timeout=300,
                   env={**os.environ, "HARBIN_PORTAL_STORAGE": str(storage)})
    options = CKANConfigLoader(str(ini)).get_config()
    # `ckan generate config` writes "ckan.uploads_enabled =": empty turns the 上传 button off.
    assert tk.asbool(options["ckan.uploads_enabled"])
    # Beside the machine's database, not in the checkout: a second clone serves the same files.
    assert options["ckan.storage_path"] == str(storage) and storage.is_dir()
    assert options["ckan.display_timezone"] == "Asia/Shanghai"
    # 有条件开放 data asks citizens to log in and apply: they must be able to register (the
    # generated default is false, the suite's tests run with true).
    assert tk.asbool(options["ckan.auth.create_user_via_web"])
