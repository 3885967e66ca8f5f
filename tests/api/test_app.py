"""The app around the routes: lifespan, ETag and 304, CORS, the result cache, version swaps."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from fastapi.testclient import TestClient

from bkg_api.app import create_app
from bkg_graph.settings import Settings
from bkg_graph.store import CachedStore, GraphStore, ServedStore, open_store

ASK = {"query": "ASK { ?s foaf:name 'Bob' }"}
PROTOCOL_DATA = Path(__file__).resolve().parents[1] / "data" / "protocol.trig"
ORIGIN = "https://dashboard.example"


def test_every_successful_get_carries_an_etag_and_304s_on_a_match(
    sparql_client: TestClient, protocol_store: GraphStore
) -> None:
    first = sparql_client.get("/sparql", params=ASK)
    tag = first.headers["etag"]
    assert tag.startswith(f'"{protocol_store.version}-') and len(tag) == 2 + 16 + 1 + 16
    assert {"Accept", "Accept-Language"} <= set(first.headers["vary"].split(", "))
    again = sparql_client.get("/sparql", params=ASK, headers={"If-None-Match": tag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", tag)
    weak = sparql_client.get("/sparql", params=ASK, headers={"If-None-Match": f'"x", W/{tag}'})
    assert weak.status_code == 304
    as_xml = sparql_client.get(
        "/sparql", params=ASK, headers={"Accept": "application/sparql-results+xml"}
    )
    assert as_xml.headers["etag"] != tag
    other = sparql_client.get("/sparql", params={"query": "ASK {}"}, headers={"If-None-Match": tag})
    assert other.status_code == 200
    description = sparql_client.get("/sparql")
    assert description.headers["etag"].startswith(f'"{protocol_store.version}-')


def test_no_etag_on_errors_or_posts(sparql_client: TestClient) -> None:
    assert "etag" not in sparql_client.get("/sparql", params={"query": "ASK {"}).headers
    posted = sparql_client.post("/sparql", data=ASK)
    assert posted.status_code == 200 and "etag" not in posted.headers


def test_any_origin_may_read_without_credentials(sparql_client: TestClient) -> None:
    simple = sparql_client.get("/sparql", params=ASK, headers={"Origin": ORIGIN})
    assert simple.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in simple.headers
    assert set(simple.headers["access-control-expose-headers"].split(", ")) == {
        "ETag",
        "X-BKG-Max-Results",
        "X-BKG-Truncated",
        "X-Request-ID",
    }
    preflight = sparql_client.options(
        "/sparql",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert preflight.headers["access-control-allow-headers"] == "content-type"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in preflight.headers


@pytest.mark.parametrize(
    ("origins", "origin", "allowed"),
    [
        (ORIGIN, ORIGIN, ORIGIN),
        (f"{ORIGIN}, https://other.example", "https://evil.example", None),
        ("", ORIGIN, None),
    ],
)
def test_the_allowed_origins_are_configurable(
    protocol_store: GraphStore, origins: str, origin: str, allowed: str | None
) -> None:
    client = TestClient(create_app(Settings(cors_origins=origins), protocol_store))
    response = client.get("/sparql", params=ASK, headers={"Origin": origin})
    assert response.status_code == 200
    assert response.headers.get("access-control-allow-origin") == allowed


def test_the_lifespan_opens_and_closes_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BKG_DATA_DIR", str(tmp_path / "data"))
    settings = Settings(query_workers=2)
    app = create_app(settings, files=[PROTOCOL_DATA])
    with TestClient(app) as client:
        store = app.state.store
        assert isinstance(store, CachedStore)  # BKG_QUERY_CACHE is on by default
        pids = store.inner.pool.pids()
        assert client.get("/sparql", params=ASK).json()["boolean"] is True
        assert client.get("/sparql", params=ASK).json()["boolean"] is True
        assert (store.hits, store.misses) == (1, 1)
    assert app.state.store is None
    deadline = time.monotonic() + 10
    while any(psutil.pid_exists(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(psutil.pid_exists(p) and psutil.Process(p).status() != "zombie" for p in pids)
    assert (tmp_path / "data" / "CURRENT").exists()


@pytest.fixture
def swappable(tmp_path: Path) -> Iterator[ServedStore]:
    store = open_store(Settings(query_cache=False, query_workers=2), data_dir=tmp_path / "data",
                       files=[PROTOCOL_DATA])  # fmt: skip
    assert isinstance(store, ServedStore)
    yield store
    store.close()


def test_a_new_version_is_served_with_new_etags(swappable: ServedStore, tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(), swappable))
    query = {"query": "SELECT ?n { ?p foaf:name ?n } ORDER BY ?n"}
    before = client.get("/sparql", params=query)
    assert [b["n"]["value"] for b in before.json()["results"]["bindings"]][:2] == ["Alice", "Bob"]
    newer = tmp_path / "newer.nt"
    newer.write_text('<http://example.org/dora> <http://xmlns.com/foaf/0.1/name> "Dora" .\n')
    swappable.load_files([newer])
    after = client.get("/sparql", params=query, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    assert [b["n"]["value"] for b in after.json()["results"]["bindings"]] == ["Dora"]
    assert after.headers["etag"].startswith(f'"{swappable.version}-') != before.headers["etag"]
