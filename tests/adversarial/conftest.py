"""Fixtures of the adversarial suite: a real `bkg serve` (uvicorn, worker pool, sandbox) over
tests/data/protocol.trig with small limits, the same store in this process, and a loopback
listener that records any connection a query makes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from adversarial_server import Server
from loopback import Listener
from serving import free_port, start_bkg, stop

from bkg_graph.settings import Settings
from bkg_graph.store import GraphStore, open_store

DATA = Path(__file__).resolve().parents[1] / "data" / "protocol.trig"
#: The limits the server runs with (the cap is small so that a bypass would show).
LIMITS = {
    "BKG_MAX_RESULTS": "20",
    "BKG_QUERY_TIMEOUT": "3",
    "BKG_QUERY_WORKERS": "2",
    "BKG_QUERY_CACHE": "off",
    "BKG_REQUEST_BODY_TIMEOUT": "1",
    "BKG_MAX_QUERY_BYTES": "100000",
}


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("adversarial")
    env = {**os.environ, **LIMITS}
    port = free_port()
    running = start_bkg(
        ["--data", str(DATA), "--data-dir", str(root / "data")], root / "serve.log", env,
        probe="/sparql", port=port,
    )  # fmt: skip
    served = Server("127.0.0.1", port, running.process)
    yield served
    stop(running.process)


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """The server's kind of store (worker processes), opened in this process."""
    settings = Settings(
        max_results=20, query_timeout=3.0, query_workers=2, query_cache=False, worker_memory_mb=0
    )
    opened = open_store(settings, data_dir=tmp_path_factory.mktemp("fuzz-data"), files=[DATA])
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def listener() -> Iterator[Listener]:
    """One listener for the session: every test asserts it saw no new connection."""
    lst = Listener()
    yield lst
    lst.close()
