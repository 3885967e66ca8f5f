"""Fixtures for the SPARQL endpoint tests: the server's store over tests/data/protocol.trig.

The store is the real one (on disk, queried by worker processes with a time limit); the app
is given it, so the lifespan does not open another.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from loopback import Listener

from bkg_api.app import create_app
from bkg_graph.settings import Settings
from bkg_graph.store import GraphStore, open_store

PROTOCOL_DATA = Path(__file__).resolve().parents[1] / "data" / "protocol.trig"


@pytest.fixture(scope="session")
def protocol_settings() -> Settings:
    return Settings(
        query_timeout=2.0, max_results=20, max_query_bytes=2_000, query_cache=False, query_workers=2
    )


@pytest.fixture(scope="session")
def protocol_store(
    protocol_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    data_dir = tmp_path_factory.mktemp("protocol-data")
    store = open_store(protocol_settings, data_dir=data_dir, files=[PROTOCOL_DATA])
    yield store
    store.close()


@pytest.fixture(scope="session")
def sparql_client(protocol_settings: Settings, protocol_store: GraphStore) -> TestClient:
    return TestClient(create_app(protocol_settings, protocol_store))


@pytest.fixture
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()
