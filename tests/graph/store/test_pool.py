"""The walls of the query workers, tried directly (the read-only check bypassed on purpose).

A worker cannot open a network connection whatever query it is given; its memory is capped,
and a query over the cap gets a clear error while the pool replaces the worker; a crash is
reported plainly; the pool holds its size and retires its spares.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback import Listener

from bkg_graph.errors import QueryForbidden, QueryOutOfMemory, QueryTimeout, StoreUnavailable
from bkg_graph.store import CheckedQuery, DataDir, QueryForm, QueryRequest, ServedStore
from bkg_graph.store.base import JSON_RESULTS
from bkg_graph.store.pool import SPARE

DATA = Path(__file__).resolve().parents[2] / "data" / "protocol.trig"
NAMES = "SELECT ?n { ?p foaf:name ?n } ORDER BY ?n"
V = " ".join(str(i) for i in range(3000))
HUNGRY = f"SELECT * {{ VALUES ?a {{ {V} }} VALUES ?b {{ {V} }} }} ORDER BY DESC(?b) ?a LIMIT 5"
VALUES = "".join(f" VALUES ?v{i} {{ 0 1 2 3 4 5 6 7 8 9 }}" for i in range(10))
RUNAWAY = f"SELECT (COUNT(*) AS ?n) WHERE {{{VALUES} }}"


def unchecked(text: str, form: QueryForm = QueryForm.SELECT) -> QueryRequest:
    """A request for ``text`` as if the check had passed it and found nothing risky."""
    return QueryRequest(CheckedQuery(text, form), JSON_RESULTS)


def open_served(tmp_path: Path, **options: int | float) -> ServedStore:
    data = DataDir(tmp_path / "data")
    data.load_files([DATA])
    return ServedStore(data, **options)  # type: ignore[arg-type]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServedStore]:
    store = open_served(tmp_path, workers=1, timeout=20.0, memory_mb=1024)
    yield store
    store.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ BIND(1<'>' AS ?z) SERVICE <{url}> {{ ?s ?p ?o }} }} #'",
        "SELECT * WHERE {{ OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
    ],
)
def test_a_worker_cannot_connect_even_when_given_service_directly(
    served: ServedStore, listener: Listener, template: str
) -> None:
    query = template.format(url=listener.url("/x"))
    if "SILENT" in template:  # SILENT: the engine swallows the refusal; nothing connects
        assert served.query(unchecked(query)).rows == 1
    else:
        with pytest.raises(QueryForbidden) as info:
            served.query(unchecked(query))
        assert str(info.value) == (
            "SERVICE is not allowed: this endpoint answers from its own graph only "
            "(the query tried to open a network connection and was stopped)"
        )
    time.sleep(0.3)
    assert listener.hits == []
    assert served.select(NAMES)[0] == {"n": "Alice"}  # the worker goes on answering


def test_a_query_over_the_memory_limit_is_stopped_and_the_worker_replaced(
    served: ServedStore,
) -> None:
    with pytest.raises(QueryOutOfMemory) as info:
        served.run(HUNGRY)
    assert str(info.value) == (
        "the query needed more memory than a query may use (1,024 MB) and was stopped; "
        "narrow it down (more specific patterns, fewer variables to sort) and try again"
    )
    assert served.pool.replaced == 1
    assert [r["n"] for r in served.select(NAMES)][:2] == ["Alice", "Bob"]


def test_a_crashing_query_is_reported_and_the_worker_replaced(served: ServedStore) -> None:
    deep = "SELECT * " + "{" * 20_000 + "}" * 20_000  # the check refuses this; the engine crashes
    with pytest.raises(StoreUnavailable) as info:
        served.query(unchecked(deep))
    assert str(info.value) == (
        "the query worker crashed on this query (SIGSEGV) and was replaced; "
        "a query nested very deeply can do this — simplify it and try again"
    )
    assert served.select(NAMES)[1] == {"n": "Bob"}


def test_the_pool_holds_its_size_and_retires_its_spares(tmp_path: Path) -> None:
    store = open_served(tmp_path, workers=1, timeout=2.0)
    counts: list[int] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            counts.append(store.pool.count())
            time.sleep(0.01)

    def runaway() -> None:
        with pytest.raises((QueryTimeout, StoreUnavailable)):
            store.run(RUNAWAY)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        runaways = [threading.Thread(target=runaway) for _ in range(6)]
        for thread in runaways:
            thread.start()
        for thread in runaways:
            thread.join(30)
        deadline = time.monotonic() + 30
        while len(store.pool.pids()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        for _ in range(3):
            assert store.select(NAMES)[0] == {"n": "Alice"}
        assert store.pool.count() == 1
        assert store.pool.retired >= 1
    finally:
        done.set()
        watcher.join()
        store.close()
    assert 2 <= max(counts) <= 1 + SPARE  # it grew, never past its size and SPARE more
