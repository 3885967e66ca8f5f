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


#: The modules that take longest (measured: `pytest --durations=0`), longest first. `make test`
#: runs the suite on parallel workers, one module at a time each (`--dist loadscope`, so that
#: a module's servers start once); handing out the long modules first lets the workers finish
#: together instead of one working alone through a long module at the end. Order only: every
#: test runs, and a module missing here just keeps its place after these.
LONGEST = (
    "tests/remote/test_push.py",
    "tests/test_install.py",
    "tests/graph/test_build.py",
    "tests/remote/test_remote_api.py",
    "tests/e2e/test_analyst_pages_browser.py",
    "tests/api/test_consistency.py",
    "tests/graph/network/test_network_figures.py",
    "tests/api/test_ingest_api.py",
    "tests/graph/test_ingest.py",
    "tests/api/test_ingest_processes.py",
    "tests/e2e/test_views_browser.py",
    "tests/graph/store/test_pool.py",
    "tests/graph/test_query_optionals.py",
    "tests/remote/test_remote_resilience.py",
    "tests/e2e/test_query_page_browser.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest modules first (a stable sort: tests keep their order within a module)."""
    rank = {module: n for n, module in enumerate(LONGEST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(LONGEST)))
