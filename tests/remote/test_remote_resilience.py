"""A remote store that changes, stalls, dies or rejects us: what the API's clients see."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from remote_api import Api, manifest_version, start_api, stop_api
from remote_servers import ISQL, StoreServer, start

from bkg_graph.store.embedded import files_version
from bkg_graph.store.remote.push import push

pytestmark = pytest.mark.slow

BASE = "https://w3id.org/bilateral-kg/id/"
NOTES = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/note> ?note }"


@pytest.fixture(scope="module")
def own(
    tmp_path_factory: pytest.TempPathFactory, build_dir: Path
) -> Iterator[tuple[StoreServer, Api]]:
    """An Oxigraph server of this module's own (its tests stop it), stopping queries after
    1 s, and `bkg serve` on it, with the result cache on and a 2 s time limit."""
    root = tmp_path_factory.mktemp("resilience")
    store = start("oxigraph", root / "store", timeout=1)
    assert push(store.settings(), [build_dir / "kg.nq"], manifest_version(build_dir)).error is None
    api = start_api("oxigraph", root, build_dir, store, BKG_QUERY_CACHE="on", BKG_QUERY_TIMEOUT="2")
    yield store, api
    stop_api(api)
    if store.process is not None:
        store.process.send_signal(signal.SIGCONT)
    store.stop()


def count(api: Api) -> tuple[int, str]:
    r = httpx.get(api.sparql, params={"query": NOTES, "format": "json"}, timeout=30)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"]), r.headers["etag"]


def test_a_push_reaches_every_answer_cache_and_etag(
    own: tuple[StoreServer, Api], build_dir: Path, tmp_path: Path
) -> None:
    store, api = own
    before, tag = count(api)
    assert tag.startswith(f'"{manifest_version(build_dir)}-')
    nq = (build_dir / "kg.nq").read_text()
    v2 = tmp_path / "v2.nq"
    v2.write_text(
        nq + f'<{BASE}agency/mic> <http://example.org/note> "x" <{BASE}graph/registry> .\n'
    )
    assert push(store.settings(), [v2], files_version([v2])).error is None
    deadline = time.monotonic() + 15
    while count(api)[1] == tag:  # each API process re-reads the version within about 2 s
        assert time.monotonic() < deadline, "the API never saw the new version"
        time.sleep(0.2)
    after, new_tag = count(api)
    assert (before, after) == (0, 1)
    assert new_tag.startswith(f'"{files_version([v2])}-')


def test_a_query_the_store_stops_is_a_504(own: tuple[StoreServer, Api]) -> None:
    """Oxigraph stops the query at its own limit (1 s), cutting off an answer under way."""
    _, api = own
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?o . ?b ?p ?o . ?c ?p ?o }"
    r = httpx.get(api.sparql, params={"query": cross}, timeout=30)
    assert r.status_code == 504
    assert r.json() == {
        "error": "gateway_timeout",
        "detail": "the SPARQL store stopped the query at its time limit; narrow it down "
        "(more specific patterns, LIMIT) and try again",
        "request_id": r.headers["x-request-id"],
    }


def test_a_stalled_store_is_a_504_and_a_dead_one_a_502(own: tuple[StoreServer, Api]) -> None:
    store, api = own
    assert store.process is not None
    store.process.send_signal(signal.SIGSTOP)  # accepts connections, never answers
    try:
        started = time.monotonic()
        r = httpx.get(
            api.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"}, timeout=30
        )
        waited = time.monotonic() - started
    finally:
        store.process.send_signal(signal.SIGCONT)
    assert r.status_code == 504
    assert r.json() == {
        "error": "gateway_timeout",
        "detail": "the SPARQL store did not answer within 2 s; narrow the query down "
        "(more specific patterns, LIMIT) and try again",
        "request_id": r.headers["x-request-id"],
    }
    assert waited < 10  # the 2 s limit, not a hang
    assert httpx.get(api.sparql, params={"query": "ASK { ?s ?p ?o }"}).status_code == 200

    store.stop()
    started = time.monotonic()
    r = httpx.get(api.sparql, params={"query": "ASK { ?s ?p ?p }"}, timeout=30)
    assert r.status_code == 502
    assert r.json() == {
        "error": "bad_gateway",
        "detail": "the SPARQL store refused the connection; try again later",
        "request_id": r.headers["x-request-id"],
    }
    assert time.monotonic() - started < 10
    assert str(store.port) not in r.text


def test_credentials_never_reach_a_client(
    virtuoso_store: StoreServer, tmp_path: Path, build_dir: Path
) -> None:
    """The API queries Virtuoso's Digest-authenticated endpoint; nothing it answers — results,
    errors, pages, descriptions — shows the password, even once the store rejects it."""
    store = virtuoso_store
    auth = StoreServer(**{**store.__dict__, "query": store.update, "process": None})
    api = start_api("virtuoso", tmp_path, build_dir, auth)
    try:
        answers = [
            httpx.get(
                api.sparql,
                params={
                    "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a bkg:Statement }",
                    "format": "csv",
                },
            ),
            httpx.get(api.sparql, params={"query": "SELECT ?s WHERE { ?s }"}),
            httpx.post(api.sparql, data={"update": "CLEAR ALL"}),
            httpx.get(api.sparql, headers={"Accept": "text/turtle"}),
            httpx.get(api.url + "/agencies"),
            httpx.get(api.url + "/openapi.json"),
            httpx.get(api.url + "/nowhere"),
        ]
        assert answers[0].text == "n\r\n48\r\n"
        assert [a.status_code for a in answers] == [200, 400, 403, 200, 200, 200, 404]
        _change_password(store, store.password, "changed-" + store.password)
        try:
            time.sleep(2.5)  # the version is re-read (and refused) in the background too
            refused = httpx.get(api.sparql, params={"query": "ASK { ?s ?p ?o }"})
        finally:
            _change_password(store, "changed-" + store.password, store.password)
        assert refused.status_code == 502
        assert refused.json()["detail"] == (
            "the SPARQL store refused our credentials (check BKG_STORE_USER and "
            "BKG_STORE_PASSWORD) (HTTP 401)"
        )
        for answer in [*answers, refused]:
            seen = answer.text + "".join(f"{k}: {v}\n" for k, v in answer.headers.items())
            assert store.password not in seen
            assert "changed-" not in seen
        assert store.password not in api.output()
    finally:
        stop_api(api)


def _change_password(store: StoreServer, old: str, new: str) -> None:
    sql_port = next(
        line.split(":")[-1]
        for line in (store.root / "virtuoso.ini").read_text().splitlines()
        if line.startswith("ServerPort = 127.0.0.1:") and str(store.port) not in line
    )
    statement = f"USER_CHANGE_PASSWORD('dba', '{old}', '{new}');"
    done = subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", old, f"exec={statement}"],
                          capture_output=True, timeout=30)  # fmt: skip
    assert done.returncode == 0 and b"Error" not in done.stdout, done.stdout
