"""The view tables of the session's build, read once for every network test."""

from __future__ import annotations

from pathlib import Path

import pytest

from bkg_graph.network import Source
from bkg_graph.store import EmbeddedStore, open_build


@pytest.fixture(scope="session")
def store(build_dir: Path) -> EmbeddedStore:
    return open_build(build_dir)


@pytest.fixture(scope="session")
def source(store: EmbeddedStore) -> Source:
    return Source(store)
