"""Fixtures: Oxigraph server and Virtuoso (started here), and `bkg serve` on each store.

``api`` is parametrised over the three stores — embedded, Oxigraph, Virtuoso — so that every
test using it runs against each, through a real uvicorn process of our API configured only by
``BKG_*`` environment variables, as in production.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback import Listener
from remote_api import Api, manifest_version, put_foreign_graph, start_api, stop_api
from remote_servers import StoreServer, start

from bkg_graph.store.remote.push import push


def _store(
    kind: str, tmp_path_factory: pytest.TempPathFactory, build_dir: Path
) -> Iterator[StoreServer]:
    server = start(kind, tmp_path_factory.mktemp(kind))
    try:
        put_foreign_graph(server)
        report = push(server.settings(), [build_dir / "kg.nq"], manifest_version(build_dir))
        assert report.error is None, report.error
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def oxigraph_store(
    tmp_path_factory: pytest.TempPathFactory, build_dir: Path
) -> Iterator[StoreServer]:
    """Oxigraph server holding a foreign graph and the session's build, pushed."""
    yield from _store("oxigraph", tmp_path_factory, build_dir)


@pytest.fixture(scope="session")
def virtuoso_store(
    tmp_path_factory: pytest.TempPathFactory, build_dir: Path
) -> Iterator[StoreServer]:
    """Virtuoso holding a foreign graph and the session's build, pushed."""
    yield from _store("virtuoso", tmp_path_factory, build_dir)


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def remote_store(request: pytest.FixtureRequest) -> StoreServer:
    store: StoreServer = request.getfixturevalue(f"{request.param}_store")
    return store


@pytest.fixture(scope="session")
def apis(tmp_path_factory: pytest.TempPathFactory, build_dir: Path) -> Iterator[dict[str, Api]]:
    """`bkg serve` processes by store, started on first use and stopped at the end."""
    running: dict[str, Api] = {}
    yield running
    for api in running.values():
        stop_api(api)


def _api(request: pytest.FixtureRequest, kind: str) -> Api:
    running: dict[str, Api] = request.getfixturevalue("apis")
    if kind not in running:
        store = None if kind == "embedded" else request.getfixturevalue(f"{kind}_store")
        root = request.getfixturevalue("tmp_path_factory").mktemp(f"api-{kind}")
        running[kind] = start_api(kind, root, request.getfixturevalue("build_dir"), store)
    return running[kind]


@pytest.fixture(scope="session", params=["embedded", "oxigraph", "virtuoso"])
def api(request: pytest.FixtureRequest) -> Api:
    """`bkg serve` on the embedded store, on Oxigraph server and on Virtuoso."""
    return _api(request, request.param)


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def remote_api(request: pytest.FixtureRequest) -> Api:
    """`bkg serve` on Oxigraph server and on Virtuoso."""
    return _api(request, request.param)


@pytest.fixture
def listener() -> Iterator[Listener]:
    probe = Listener()
    yield probe
    probe.close()
