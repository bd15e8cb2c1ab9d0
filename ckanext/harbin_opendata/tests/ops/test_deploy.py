"""`ckan harbin deploy`: the processes read from the ini file, the nginx, supervisord and systemd
files written for them (nginx itself checks its file), and the web assets built beforehand."""
from __future__ import annotations

import configparser
import pathlib
import shutil
import subprocess

import pytest

from ckan.cli.cli import ckan
from ckan.lib import webassets_tools
from ckan.lib.webassets_tools import get_webassets_path

from ckanext.harbin_opendata.ops import deploy, plan

DEPLOY = "ckanext.harbin_opendata.deploy."


@pytest.mark.usefixtures("with_plugins")
def test_one_worker_per_declared_queue_and_the_counts_of_the_ini(ckan_config, monkeypatch):
    assert plan.queue_counts() == {"default": 1, "harbin_opendata:default": 1, "harbin_opendata:privacy": 2,
                                   "harbin_opendata:privacy_large": 1, "harbin_opendata:assessment": 1,
                                   "harbin_opendata:data": 1}
    monkeypatch.setitem(ckan_config, "ckanext.harbin_opendata.assessment.queue", "city:assessment")
    monkeypatch.setitem(ckan_config, DEPLOY + "workers", ["default=0", "harbin_opendata:privacy=3"])
    assert plan.queue_counts() == {"harbin_opendata:default": 1, "harbin_opendata:privacy": 3,
                                   "harbin_opendata:privacy_large": 1, "city:assessment": 1, "harbin_opendata:data": 1}


def test_a_worker_count_that_is_not_queue_equals_number_is_refused(ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, DEPLOY + "workers", ["harbin_opendata:privacy"])
    with pytest.raises(ValueError, match="queue=count"):
        plan.queue_counts()


@pytest.mark.usefixtures("with_plugins")
def test_a_host_runs_only_its_own_web_nodes_and_every_consumer(ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, DEPLOY + "web_nodes", ["127.0.0.1:8101", "192.0.2.10:8101", "127.0.0.1:8102"])
    monkeypatch.setitem(ckan_config, DEPLOY + "web_workers", 3)
    programs = {program.name: program for program in plan.programs("test.ini", "/x/nginx.conf")}
    assert [name for name in programs if name.startswith("web-")] == ["web-8101", "web-8102"]
    assert programs["web-8101"].command[programs["web-8101"].command.index("--workers") + 1] == "3"
    assert {"harvest-gather-1", "harvest-fetch-1", "harvest-fetch-2", "scheduler", "nginx",
            "worker-harbin_opendata-privacy-2"} <= set(programs)
    assert [name for name in plan.programs("test.ini", "/x/nginx.conf", ["jobs"])
            if not name.name.startswith(("worker-", "harvest-"))] == []


@pytest.mark.usefixtures("with_plugins")
def test_nginx_accepts_the_written_files_with_headers_limits_and_static_folders(ckan_config, monkeypatch, tmp_path):
    monkeypatch.setitem(ckan_config, DEPLOY + "web_nodes", ["127.0.0.1:8101", "127.0.0.1:8102"])
    monkeypatch.setitem(ckan_config, DEPLOY + "solr_nodes", ["127.0.0.1:8981", "127.0.0.1:8982"])
    monkeypatch.setitem(ckan_config, "ckan.max_resource_size", 100)
    deploy.write_config("test.ini", str(tmp_path))
    checked = subprocess.run(["/usr/sbin/nginx", "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    site = (tmp_path / "nginx-site.conf").read_text()
    for line in ("server_tokens off;", "client_max_body_size 101m;", "server 127.0.0.1:8102 max_fails=1",
                 'add_header X-Content-Type-Options "nosniff" always;', 'add_header X-Frame-Options "SAMEORIGIN" always;',
                 "frame-ancestors 'self'", "Referrer-Policy", "server 127.0.0.1:8982 max_fails=1"):
        assert line in site, line
    folders = deploy.public_dirs()
    assert folders[0].endswith("ckanext/harbin_opendata/public") and folders[-1].endswith("ckan/public")
    assert f"root {folders[0]};" in site and "try_files $uri @ckan;" in site


@pytest.mark.usefixtures("with_plugins")
def test_supervisord_and_systemd_files_name_every_program(ckan_config, monkeypatch, tmp_path):
    monkeypatch.setitem(ckan_config, DEPLOY + "user", "ckan-portal")
    deploy.write_config("test.ini", str(tmp_path), includes=["/srv/solr/*.conf"])
    supervisord = configparser.RawConfigParser()
    supervisord.read(tmp_path / "supervisord.conf")
    programs = [section.split(":", 1)[1] for section in supervisord.sections() if section.startswith("program:")]
    assert "web-8101" in programs and "scheduler" in programs and "nginx" in programs
    assert supervisord["program:worker-harbin_opendata-privacy-1"]["autorestart"] == "true"
    assert supervisord["include"]["files"] == "/srv/solr/*.conf"
    units = {path.name: path.read_text() for path in (tmp_path / "systemd").iterdir()}
    assert "harbin-nginx.service" not in units  # Debian's own nginx.service runs nginx on a server
    assert len(units) == len(programs)  # every program but nginx, and the target
    web = units["harbin-web-8101.service"]
    assert "User=ckan-portal" in web and "Restart=always" in web and "ckanext.harbin_opendata.ops.wsgi:application" in web
    assert "harbin-scheduler.service" in units["harbin-opendata.target"]


@pytest.mark.usefixtures("with_plugins")
def test_deploy_builds_every_web_asset_before_a_web_node_serves_a_page(cli, tmp_path):
    """Left to the first page view, the web workers build each bundle at once and race to create
    its folder: one of them answered that page with a 500 (seen in the fault drill's baseline)."""
    folder = pathlib.Path(get_webassets_path())  # the test storage's (the command loads the test ini)
    shutil.rmtree(folder, ignore_errors=True)  # as on a new server: nothing built yet
    result = cli.invoke(ckan, ["harbin", "deploy", str(tmp_path)])
    assert result.exit_code == 0, result.output
    libraries = {bundle.output.split("/")[0] for bundle in webassets_tools.env._named_bundles.values() if bundle.output}
    built = {path.name for path in folder.iterdir()} if folder.is_dir() else set()
    assert "tracking" in libraries and libraries <= built
