"""One rule picks the store for commands, the server and the notebook API."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from bkg_graph import load_graph
from bkg_graph.errors import RemoteStoreError
from bkg_graph.settings import Settings
from bkg_graph.store import EmbeddedStore, ServedStore, open_store, uses_remote


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def nowhere() -> Settings:
    return Settings(store_url=f"http://127.0.0.1:{closed_port()}/query")


def test_the_rule() -> None:
    remote = nowhere()
    assert uses_remote(remote) is True
    assert uses_remote(remote, build_dir=Path("b")) is False
    assert uses_remote(remote, files=[Path("g.ttl")]) is False
    assert uses_remote(Settings(store_url="")) is False


def test_a_named_build_wins_over_the_remote_store(build_dir: Path) -> None:
    store = open_store(nowhere(), server=False, build_dir=build_dir)
    try:
        assert isinstance(store, EmbeddedStore)
    finally:
        store.close()


def test_without_a_named_build_every_caller_opens_the_remote_store(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = nowhere()
    monkeypatch.setenv("BKG_STORE_URL", settings.store_url)
    for opened in (
        lambda: open_store(settings, server=False),
        lambda: open_store(settings),
        load_graph,
    ):
        with pytest.raises(RemoteStoreError, match=r"BKG_STORE_URL is http://127\.0\.0\.1:"):
            opened()


def test_a_server_reads_the_build_through_workers(build_dir: Path, tmp_path: Path) -> None:
    settings = Settings(store_url="", query_cache=False, query_workers=1)
    store = open_store(settings, build_dir=build_dir, data_dir=tmp_path / "data")
    try:
        assert isinstance(store, ServedStore)
        assert store.ask("ASK { ?s ?p ?o }") is True
    finally:
        store.close()
