"""A local SolrCloud from the same Maven-resolved Solr 9 jars as the single-node Solr: ZooKeeper
(from the jars) and N Solr nodes (CkanSolr.java with a cloud solr.xml), as supervisord programs;
then CKAN's configset (its schema.xml, `_version_` made a long as SolrCloud needs, + our
solrconfig.xml) uploaded through the Configsets API and
a collection with one shard and a replica on every node.

    python scripts/solr/solrcloud.py prepare DIR --zookeeper 8990 --nodes 8981 8982   # writes DIR/solrcloud.conf
    python scripts/solr/solrcloud.py collection --nodes 8981 8982 [--name ckan]       # once the nodes run
"""
from __future__ import annotations

import argparse
import io
import json
import os
import pathlib
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
LIB = HERE.parents[1] / "build" / "solr" / "lib"
# A killed node's ZooKeeper session ends after this; then the other replica becomes leader.
ZK_CLIENT_TIMEOUT_MS = 4000
SOLR_XML = """<solr>
  <solrcloud>
    <str name="host">127.0.0.1</str>
    <int name="hostPort">${hostPort:0}</int>
    <str name="hostContext">solr</str>
    <str name="zkHost">${zkHost:}</str>
    <int name="zkClientTimeout">${zkClientTimeout:15000}</int>
    <bool name="genericCoreNodeNames">true</bool>
  </solrcloud>
</solr>
"""


def _program(name: str, command: list[str], directory: pathlib.Path) -> str:
    return (f"[program:{name}]\ncommand={shlex.join(command)}\ndirectory={directory}\nautostart=true\n"
            f"autorestart=true\nstartsecs=3\nstartretries=20\nstopsignal=TERM\nstopwaitsecs=30\n"
            f"stopasgroup=true\nkillasgroup=true\nredirect_stderr=true\n"
            f"stdout_logfile={directory / 'logs' / (name + '.log')}\nstdout_logfile_maxbytes=20MB\n")


def _compiled() -> pathlib.Path:
    """CkanSolr.java compiled once (a node restarts faster than from source)."""
    classes = LIB.parent / "classes"
    source = HERE / "CkanSolr.java"
    if not (classes / "CkanSolr.class").is_file() or (classes / "CkanSolr.class").stat().st_mtime < source.stat().st_mtime:
        subprocess.run(["javac", "-cp", f"{LIB}/*", "-d", str(classes), str(source)], check=True)
    return classes


def prepare(out: pathlib.Path, zookeeper: int, nodes: list[int], heap: str, java_options: list[str]) -> pathlib.Path:
    """Write ZooKeeper's config, one Solr home per node, and the supervisord programs."""
    (out / "logs").mkdir(parents=True, exist_ok=True)
    (out / "zookeeper").mkdir(exist_ok=True)
    zoo_cfg = out / "zoo.cfg"
    zoo_cfg.write_text(f"dataDir={out / 'zookeeper'}\nclientPort={zookeeper}\nclientPortAddress=127.0.0.1\n"
                       "tickTime=500\nmaxSessionTimeout=30000\nadmin.enableServer=false\n"
                       "4lw.commands.whitelist=ruok,stat\n")
    programs = [_program("solr-zookeeper", ["java", "-Xmx128m", "-cp", f"{LIB}/*",
                                            "org.apache.zookeeper.server.ZooKeeperServerMain", str(zoo_cfg)], out)]
    classes = _compiled()
    for port in nodes:
        home = out / f"node-{port}"
        home.mkdir(exist_ok=True)
        (home / "solr.xml").write_text(SOLR_XML)
        programs.append(_program(f"solr-{port}", [
            "java", f"-Xms{heap}", f"-Xmx{heap}", *java_options, f"-Dsolr.log.dir={out / 'logs'}", "-Dhost=127.0.0.1",
            f"-DzkHost=127.0.0.1:{zookeeper}", f"-DzkClientTimeout={ZK_CLIENT_TIMEOUT_MS}",
            "-cp", f"{LIB}/*:{classes}", "CkanSolr", str(home), str(port)], out))
    conf = out / "solrcloud.conf"
    conf.write_text("; The local SolrCloud, written by scripts/solr/solrcloud.py\n\n" + "\n".join(programs) +
                    f"\n[group:solr]\nprograms=solr-zookeeper,{','.join(f'solr-{port}' for port in nodes)}\n")
    return conf


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return json.load(answer)


def cloud_schema() -> str:
    """CKAN's own schema.xml, with the one change SolrCloud needs: replicas compare document
    versions read from the index, so `_version_` must be a long with docValues (CKAN declares it
    a string, which a single node never reads back)."""
    import ckan  # the virtualenv's CKAN: its schema.xml is the one CKAN expects

    schema = (pathlib.Path(ckan.__file__).parent / "config" / "solr" / "schema.xml").read_text(encoding="utf-8")
    field = '<field name="_version_" type="string" indexed="true" stored="true"/>'
    if field not in schema:
        sys.exit("CKAN's schema.xml no longer declares _version_ as expected: check scripts/solr/solrcloud.py")
    return schema.replace(field, '<field name="_version_" type="plong" indexed="false" stored="false" docValues="true"/>')


def _configset() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("schema.xml", cloud_schema())
        archive.write(HERE / "solrconfig.xml", "solrconfig.xml")
        for name in ("synonyms.txt", "protwords.txt"):
            archive.writestr(name, "")
    return buffer.getvalue()


def collection(nodes: list[int], name: str, wait: float) -> None:
    """Upload the configset and create the collection with a replica per node (if absent)."""
    base = f"http://127.0.0.1:{nodes[0]}/solr"
    live: list[str] = []
    for _ in range(int(wait * 2)):
        try:
            live = _get(f"{base}/admin/collections?action=CLUSTERSTATUS&wt=json")["cluster"]["live_nodes"]
        except (OSError, ValueError, KeyError):
            live = []
        if len(live) >= len(nodes):
            break
        time.sleep(0.5)
    else:
        sys.exit(f"SolrCloud: {len(live)} of {len(nodes)} nodes live after {wait:.0f} s")
    existing = _get(f"{base}/admin/collections?action=CLUSTERSTATUS&wt=json")["cluster"]["collections"]
    if name in existing:
        nodes_used = {replica["node_name"] for shard in existing[name]["shards"].values()
                      for replica in shard["replicas"].values()}
        if not nodes_used <= set(live):
            sys.exit(f"SolrCloud collection {name} has replicas on {', '.join(sorted(nodes_used - set(live)))}, which "
                     "do not run (other ports before?): remove the solrcloud folder's zookeeper data, start again, "
                     "then `ckan search-index rebuild`")
        print(f"SolrCloud collection {name} exists")
        return
    if name not in _get(f"{base}/admin/configs?action=LIST&wt=json")["configSets"]:
        request = urllib.request.Request(f"{base}/admin/configs?action=UPLOAD&name={name}&wt=json", data=_configset(),
                                         headers={"Content-Type": "application/octet-stream"}, method="POST")
        urllib.request.urlopen(request, timeout=60).read()
    query = urllib.parse.urlencode({"action": "CREATE", "name": name, "numShards": 1, "replicationFactor": len(nodes),
                                    "collection.configName": name, "createNodeSet": ",".join(sorted(live)),
                                    "waitForFinalState": "true", "wt": "json"})
    _get(f"{base}/admin/collections?{query}")
    print(f"SolrCloud collection {name}: 1 shard, {len(nodes)} replicas on {', '.join(sorted(live))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    prep = commands.add_parser("prepare")
    prep.add_argument("dir", type=pathlib.Path)
    prep.add_argument("--zookeeper", type=int, required=True)
    prep.add_argument("--nodes", type=int, nargs="+", required=True)
    prep.add_argument("--heap", default=os.environ.get("SOLR_HEAP", "512m"))
    prep.add_argument("--java-options", default=os.environ.get("SOLR_JAVA_OPTS", ""), help="further JVM options")
    coll = commands.add_parser("collection")
    coll.add_argument("--nodes", type=int, nargs="+", required=True)
    coll.add_argument("--name", default="ckan")
    coll.add_argument("--wait", type=float, default=180)
    args = parser.parse_args()
    if args.command == "prepare":
        print(prepare(args.dir.resolve(), args.zookeeper, args.nodes, args.heap, shlex.split(args.java_options)))
    else:
        try:
            collection(args.nodes, args.name, args.wait)
        except urllib.error.HTTPError as error:
            sys.exit(f"SolrCloud: {error.url} answered {error.code}: {error.read().decode(errors='replace')[:2000]}")


if __name__ == "__main__":
    main()
