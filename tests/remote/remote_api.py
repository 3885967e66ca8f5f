"""Helpers of the remote-store tests: `bkg serve` as a child process, a foreign graph, a probe."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from remote_servers import StoreServer, free_port

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
    port = free_port()
    variables = {**os.environ, "BKG_QUERY_CACHE": "off", "BKG_QUERY_WORKERS": "2",
                 "BKG_QUERY_TIMEOUT": "3", "BKG_MAX_RESULTS": "5000", **env}  # fmt: skip
    command = [sys.executable, "-m", "bkg_api.cli", "serve", "--port", str(port)]
    if store is None:
        command += ["--build", str(build_dir), "--data-dir", str(root / "data")]
    else:
        variables.update(store.env())
    root.mkdir(parents=True, exist_ok=True)
    log = root / "serve.log"
    with log.open("ab") as out:
        process = subprocess.Popen(command, env=variables, stdout=out, stderr=out, cwd=root)
    api = Api(kind, f"http://127.0.0.1:{port}", process, store, log)
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"bkg serve exited: {api.output()}")
        try:
            if httpx.get(api.sparql, params={"query": "ASK {}"}).status_code == 200:
                return api
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            stop_api(api)
            raise RuntimeError("bkg serve did not come up")
        time.sleep(0.1)


def stop_api(api: Api) -> None:
    if api.process.poll() is None:
        api.process.send_signal(signal.SIGINT)
        try:
            api.process.wait(15)
        except subprocess.TimeoutExpired:
            api.process.kill()
            api.process.wait(5)


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
