"""Real SPARQL servers for the remote-store tests: Oxigraph server and Virtuoso Open Source 7.

Each runs as a child process bound to 127.0.0.1 on a free port with a fresh database folder,
and is stopped (killed) afterwards. A server that cannot start fails the tests loudly: CI runs
both (Virtuoso comes from the Debian package in the Makefile's SYSTEM_PACKAGES).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from serving import free_port

from bkg_graph.settings import Settings

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
ISQL = shutil.which("isql-vt") or "/usr/bin/isql-vt"
START_TIMEOUT = 60.0


@dataclass
class StoreServer:
    """One running SPARQL server and the endpoints bilateral-kg is configured with."""

    kind: str
    root: Path
    port: int
    query: str
    update: str
    gsp: str
    user: str = ""
    password: str = ""
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    extra: list[str] = field(default_factory=list, repr=False)  # more command-line options

    def settings(self, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "store_url": self.query,
            "store_update_url": self.update,
            "store_gsp_url": self.gsp,
            "store_user": self.user,
            "store_password": self.password,
        }
        return Settings(**{**values, **overrides})  # type: ignore[arg-type]

    def env(self) -> dict[str, str]:
        """The ``BKG_STORE_*`` variables that point bilateral-kg at this server."""
        return {
            "BKG_STORE_URL": self.query,
            "BKG_STORE_UPDATE_URL": self.update,
            "BKG_STORE_GSP_URL": self.gsp,
            "BKG_STORE_USER": self.user,
            "BKG_STORE_PASSWORD": self.password,
        }

    def start(self) -> None:
        if self.kind == "oxigraph":
            command = [str(OXIGRAPH), "serve", "--location", str(self.root / "db"),
                       "--bind", f"127.0.0.1:{self.port}", *self.extra]  # fmt: skip
        else:
            command = [VIRTUOSO, "+foreground", "+configfile", str(self.root / "virtuoso.ini")]
        with (self.root / "server.log").open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=log, cwd=self.root)
        self._wait()

    def stop(self) -> None:
        """Kill the server at once (as a crash would); its database folder stays."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self.process = None

    def _wait(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.kind} server exited:\n{self.log()}")
            try:
                r = httpx.post(self.query, data={"query": "ASK {}"}, timeout=2)
                if r.status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.kind} server did not answer:\n{self.log()}")
            time.sleep(0.1)

    def log(self) -> str:
        path = self.root / "server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


def oxigraph(root: Path, extra: list[str] | None = None) -> StoreServer:
    """Oxigraph server (from the `oxigraph` PyPI package): no authentication, loopback only;
    queries stopped after 10 s unless ``extra`` says otherwise."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = StoreServer("oxigraph", root, port, f"{url}/query", f"{url}/update", f"{url}/store",
                         extra=extra or ["--timeout-s", "10"])  # fmt: skip
    server.start()
    return server


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
LockFile = {root}/virtuoso.lck
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = {root}
MaxSortedTopRows = 1000000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {root}
ServerThreads = 10
MaxClientConnections = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxSortedTopRows = 1000000
MaxQueryExecutionTime = 20
MaxQueryCostEstimationTime = 0
"""


def virtuoso(root: Path) -> StoreServer:
    """Virtuoso 7 with our own ini: loopback ports, a fresh database, dba's password changed.

    Queries go to the anonymous, read-only ``/sparql``; ``bkg push`` writes through the
    Digest-authenticated ``/sparql-auth`` and ``/sparql-graph-crud-auth``.
    """
    port, sql_port = free_port(), free_port()
    (root / "virtuoso.ini").write_text(
        VIRTUOSO_INI.format(root=root, sql_port=sql_port, http_port=port), encoding="utf-8"
    )
    url = f"http://127.0.0.1:{port}"
    password = "pw-" + secrets.token_hex(8)
    server = StoreServer("virtuoso", root, port, f"{url}/sparql", f"{url}/sparql-auth",
                         f"{url}/sparql-graph-crud-auth", "dba", password)  # fmt: skip
    server.start()
    change = f"USER_CHANGE_PASSWORD('dba', 'dba', '{password}');"
    done = subprocess.run(
        [ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={change}"],
        capture_output=True,
        timeout=30,
        env={**os.environ, "HOME": str(root)},
    )
    if done.returncode != 0 or b"Error" in done.stdout + done.stderr:
        server.stop()
        raise RuntimeError(f"could not change dba's password: {done.stdout!r} {done.stderr!r}")
    return server


def start(kind: str, root: Path, *, union: bool = False, timeout: int = 10) -> StoreServer:
    """A server of ``kind``; ``union``: Oxigraph's default graph is the union of all graphs
    (as Virtuoso's is), for queries sent to it directly; ``timeout``: Oxigraph's own limit."""
    root.mkdir(parents=True, exist_ok=True)
    if kind == "oxigraph":
        extra = ["--timeout-s", str(timeout)] + (["--union-default-graph"] if union else [])
        return oxigraph(root, extra)
    return virtuoso(root)
