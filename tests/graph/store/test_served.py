"""The server's store: worker processes with a time limit, version swaps and the cache."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bkg_graph.errors import QueryError, QueryTimeout
from bkg_graph.store import CachedStore, DataDir, ServedStore

DATA = Path(__file__).resolve().parents[2] / "data" / "protocol.trig"
VALUES = "".join(f" VALUES ?v{i} {{ 0 1 2 3 4 5 6 7 8 9 }}" for i in range(10))
RUNAWAY = f"SELECT (COUNT(*) AS ?n) WHERE {{{VALUES} }}"  # 10^10 rows to count
NAMES = "SELECT ?n { ?p foaf:name ?n } ORDER BY ?n"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServedStore]:
    data = DataDir(tmp_path / "data")
    data.load_files([DATA])
    store = ServedStore(data, workers=2, timeout=1.5)
    yield store
    store.close()


def test_queries_run_in_worker_processes(served: ServedStore) -> None:
    assert [r["n"] for r in served.select(NAMES)] == [
        "Alice",
        "Bob",
        'Carol, "the third"\tof three',
    ]
    pids = served.pool.pids()
    assert len(pids) == 2 and os.getpid() not in pids


def test_a_runaway_query_is_stopped_while_light_ones_are_answered(served: ServedStore) -> None:
    events: list[str] = []
    errors: list[Exception] = []

    def runaway() -> None:
        try:
            served.run(RUNAWAY)
        except QueryTimeout as exc:
            errors.append(exc)
        events.append("runaway stopped")

    before = served.pool.pids()
    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.2)
    for _ in range(5):
        assert served.ask("ASK { ?s foaf:name ?n }")
    events.append("light answered")
    thread.join(10)
    assert events == ["light answered", "runaway stopped"]
    assert str(errors[0]) == (
        "the query ran longer than 1.5 s and was stopped; "
        "narrow it down (more specific patterns, LIMIT) and try again"
    )
    assert served.pool.replaced == 1
    assert served.select(NAMES)[0] == {"n": "Alice"}  # the pool is whole again
    deadline = time.monotonic() + 30
    while len(served.pool.pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    after = served.pool.pids()
    assert len(after) == 2 and len(set(after) & set(before)) == 1


def test_errors_come_back_from_the_workers_with_their_place(served: ServedStore) -> None:
    with pytest.raises(QueryError) as info:
        served.run("SELECT * {\n ?s ?p }")
    assert (info.value.line, info.value.column) == (2, 9)


def test_a_worker_that_died_idle_is_replaced_not_handed_out(served: ServedStore) -> None:
    served.select(NAMES)
    for pid in served.pool.pids():
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    for _ in range(3):
        assert served.select(NAMES)[1] == {"n": "Bob"}
    assert served.pool.replaced == 2


def test_workers_move_to_a_new_version(served: ServedStore, tmp_path: Path) -> None:
    old = served.version
    assert len(served.select(NAMES)) == 3
    newer = tmp_path / "newer.ttl"
    newer.write_text('<http://example.org/dora> <http://xmlns.com/foaf/0.1/name> "Dora" .\n')
    version = served.load_files([newer])
    assert served.version == version.name != old
    for _ in range(4):  # every worker
        assert served.select(NAMES) == [{"n": "Dora"}]


def test_the_cache_answers_repeats_until_the_version_changes(
    served: ServedStore, tmp_path: Path
) -> None:
    cached = CachedStore(served, max_bytes=1_000_000)
    first = cached.run(NAMES)
    assert cached.run(NAMES) is first
    assert (cached.hits, cached.misses) == (1, 1)
    assert cached.run(NAMES, "text/csv") is not first  # another format, another entry
    newer = tmp_path / "newer.ttl"
    newer.write_text('<http://example.org/dora> <http://xmlns.com/foaf/0.1/name> "Dora" .\n')
    served.load_files([newer])
    assert cached.select(NAMES) == [{"n": "Dora"}]
    assert (cached.hits, cached.misses) == (1, 3)


def test_the_cache_stays_within_its_bytes(served: ServedStore) -> None:
    cached = CachedStore(served, max_bytes=4_000)
    for i in range(1, 26):
        cached.run(f"SELECT ?v {{ <http://example.org/ns#item{i:02d}> ?p ?v }}")
    assert 0 < len(cached._answers) < 25
    assert cached._bytes <= 4_000


def test_a_pool_of_one_grows_to_answer_while_its_worker_runs_away(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    data.load_files([DATA])
    served = ServedStore(data, workers=1, timeout=3.0)
    try:
        events: list[str] = []

        def runaway() -> None:
            with pytest.raises(QueryTimeout):
                served.run(RUNAWAY)
            events.append("runaway stopped")

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(0.3)
        assert served.ask("ASK { ?s foaf:name 'Carol' }") is False
        assert served.ask("ASK { ?s foaf:name 'Bob' }") is True
        events.append("light answered")
        thread.join(10)
        assert events == ["light answered", "runaway stopped"]
        assert len(served.pool.pids()) <= 1 + 2  # the pool's size and at most SPARE more
    finally:
        served.close()
