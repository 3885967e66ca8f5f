"""Start and stop the systems under test, each serving the same N-Quads file on loopback.

- ours: ``bkg serve --data FILE`` (uvicorn, worker processes), result cache off or on;
- the peer: ``rdflib-endpoint serve FILE`` (rdflib's in-memory store, union default graph);
- the ceiling: ``oxigraph serve`` (the same engine, no Python in front) over a store loaded
  with ``oxigraph load``, with ``--union-default-graph`` as ours.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
READY_TIMEOUT = 600.0


@dataclass
class Running:
    name: str
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def command(name: str, data: Path, work: Path, port: int) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that serve ``data`` as system ``name``."""
    env = dict(os.environ)
    if name.startswith("ours"):
        env["BKG_QUERY_CACHE"] = "on" if name == "ours-cache" else "off"
        env["BKG_MAX_RESULTS"] = "1000000"  # the same answers as the others, uncut
        cmd = [
            str(BIN / "bkg"),
            "serve",
            "--data",
            str(data),
            "--port",
            str(port),
            "--data-dir",
            str(work / "ours-data"),
        ]
    elif name == "oxigraph":
        store = work / "oxigraph-store"
        if not (store / "CURRENT").exists():
            shutil.rmtree(store, ignore_errors=True)
            subprocess.run(
                [str(BIN / "oxigraph"), "load", "--location", str(store), "--file", str(data)],
                check=True,
                capture_output=True,
            )
        cmd = [
            str(BIN / "oxigraph"),
            "serve",
            "--location",
            str(store),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ]
    elif name == "rdflib-endpoint":
        cmd = [
            str(BIN / "rdflib-endpoint"),
            "serve",
            str(data),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
    else:
        raise ValueError(name)
    return cmd, env


def endpoint(name: str, port: int) -> str:
    path = {"oxigraph": "/query", "rdflib-endpoint": "/"}.get(name, "/sparql")
    return f"http://127.0.0.1:{port}{path}"


def start(name: str, data: Path, work: Path) -> Running:
    """Start system ``name`` and wait until it answers ``ASK {}``."""
    port = free_port()
    cmd, env = command(name, data, work, port)
    log = work / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    running = Running(name, endpoint(name, port), process, log)
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            answer = httpx.get(running.url, params={"query": "ASK {}"}, timeout=5)
            if answer.status_code == 200:
                return running
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    running.stop()
    raise RuntimeError(f"{name} did not come up in {READY_TIMEOUT:g} s")
