"""Shared fixtures: the registry, the bundled report read once, and one build of the graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from bkg_graph import paths
from bkg_graph.corpus import discover
from bkg_graph.kg import BuildResult, build_kg
from bkg_graph.pipeline.statements import DocumentRecord, Statement, read_document
from bkg_graph.registry import Registry, load_registry

REPORT_ID = "jp-uk-dp-2024-progress-ja"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(paths.registry_dir())


@pytest.fixture(scope="session")
def report(registry: Registry) -> DocumentRecord:
    meta = next(m for m in discover(paths.corpus_dir()) if m.id == REPORT_ID)
    return read_document(meta, registry, max_bytes=10_000_000)


@pytest.fixture(scope="session")
def by_locator(report: DocumentRecord) -> dict[str, Statement]:
    """Statements keyed by their path, e.g. 'digital-infrastructure/vendor-diversification/b'."""
    return {"/".join(st.path): st for st in report.statements}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    out = tmp_path_factory.mktemp("build")
    return build_kg(out_dir=out)


@pytest.fixture(scope="session")
def build_dir(built: BuildResult) -> Path:
    assert built.out_dir is not None
    return built.out_dir
