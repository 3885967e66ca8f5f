"""Helpers of the remote-store tests: `bkg serve` as a child process, a foreign graph, a probe."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from remote_servers import StoreServer
from serving import start_bkg, stop

from bkg_graph.store.remote.transport import Http

FOREIGN = "http://example.org/foreign-graph"
FOREIGN_TRIPLE = '<http://example.org/x> <http://example.org/p> "not ours" .\n'


@dataclass
class Api:
    """`bkg serve` running on one store."""

    kind: str
    url: str
    process: subprocess.Popen[bytes]
    store: StoreServer | None
    log: Path

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"

    def output(self) -> str:
        """What the server has printed."""
        return self.log.read_text(errors="replace")


def start_api(kind: str, root: Path, build_dir: Path, store: StoreServer | None, **env: str) -> Api:
    """`bkg serve` on a free port: the built graph, or the remote ``store``."""
    # a 10 s limit: a page asks the store several queries, each slower on a busy machine
    variables = {**os.environ, "BKG_QUERY_CACHE": "off", "BKG_QUERY_WORKERS": "2",
                 "BKG_QUERY_TIMEOUT": "10", "BKG_MAX_RESULTS": "5000", **env}  # fmt: skip
    args: list[str] = []
    if store is None:
        args = ["--build", str(build_dir), "--data-dir", str(root / "data")]
    else:
        variables.update(store.env())
    running = start_bkg(args, root / "serve.log", variables, cwd=root, timeout=60)
    return Api(kind, running.url, running.process, store, running.log)


def stop_api(api: Api) -> None:
    stop(api.process, 15)


def put_foreign_graph(store: StoreServer) -> None:
    """A graph that is not bilateral-kg's, which every push must leave alone."""
    settings = store.settings()
    http = Http(user=store.user, password=store.password)
    try:
        reply = http.send(
            "POST",
            settings.store_update_url,
            timeout=10,
            form=[("update", f"INSERT DATA {{ GRAPH <{FOREIGN}> {{ {FOREIGN_TRIPLE} }} }}")],
        )
        assert reply.status in (200, 204), reply.text()
    finally:
        http.close()


def manifest_version(build_dir: Path) -> str:
    return str(json.loads((build_dir / "manifest.json").read_text())["version"])
