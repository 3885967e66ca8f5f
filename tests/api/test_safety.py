"""A read-only public endpoint: no writes, no outbound requests, no query that runs forever."""

from __future__ import annotations

import threading
import time
import urllib.parse

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from loopback import Listener

DIRECT = {"Content-Type": "application/sparql-query"}
PROBE = "<urn:x-test:probe> <urn:x-test:p> 1"
VALUES = "".join(f" VALUES ?v{i} {{ 0 1 2 3 4 5 6 7 8 9 }}" for i in range(10))
RUNAWAY = f"SELECT (COUNT(*) AS ?n) WHERE {{{VALUES} }}"  # 10^10 rows to count


def test_the_listener_sees_what_the_engine_itself_would_do(listener: Listener) -> None:
    """Without our check, pyoxigraph follows SERVICE and POSTs to it: the guard is needed."""
    store = ox.Store()
    with pytest.raises(OSError):
        list(store.query(f"SELECT * {{ SERVICE <{listener.url('/sparql')}> {{ ?s ?p ?o }} }}"))
    assert listener.hits == [b"POST /sparql HTTP/1.1"]


@pytest.mark.parametrize(
    ("method", "url", "headers", "body"),
    [
        ("POST", "/sparql", {"Content-Type": "application/sparql-update"}, f"INSERT DATA {{ {PROBE} }}"),
        ("POST", "/sparql", {"Content-Type": "application/x-www-form-urlencoded"},
         urllib.parse.urlencode({"update": f"INSERT DATA {{ {PROBE} }}"})),
        ("GET", "/sparql?" + urllib.parse.urlencode({"update": f"INSERT DATA {{ {PROBE} }}"}), {}, None),
        ("POST", "/sparql", DIRECT, f"INSERT DATA {{ {PROBE} }}"),
        ("GET", "/sparql?" + urllib.parse.urlencode({"query": f"DELETE WHERE {{ {PROBE} }}"}), {}, None),
    ],
)  # fmt: skip
def test_updates_are_refused_on_every_channel(
    sparql_client: TestClient, method: str, url: str, headers: dict[str, str], body: str | None
) -> None:
    response = sparql_client.request(method, url, headers=headers, content=body)
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"
    assert (
        "is not allowed" in response.json()["detail"] or "not accepted" in response.json()["detail"]
    )
    probe = sparql_client.get("/sparql", params={"query": f"ASK {{ {PROBE} }}"})
    assert probe.json()["boolean"] is False


def test_load_is_refused_and_fetches_nothing(sparql_client: TestClient, listener: Listener) -> None:
    response = sparql_client.post(
        "/sparql", content=f"LOAD <{listener.url('/data.ttl')}>", headers=DIRECT
    )
    assert response.status_code == 403
    assert response.json() == {
        "error": "forbidden",
        "detail": "LOAD is not allowed: this endpoint is read-only and fetches nothing (line 1, column 1)",
        "line": 1,
        "column": 1,
        "request_id": response.headers["x-request-id"],
    }
    time.sleep(0.3)
    assert listener.hits == []


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?a ?b ?c }}SERVICE<{url}>{{}}",
        "ASK {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        "CONSTRUCT WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * {{ {{ SELECT ?s {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_and_nothing_connects(
    sparql_client: TestClient, listener: Listener, template: str
) -> None:
    query = template.format(url=listener.url("/sparql"))
    for response in (
        sparql_client.post("/sparql", content=query, headers=DIRECT),
        sparql_client.get("/sparql", params={"query": query}),
    ):
        assert response.status_code == 403
        assert response.json()["detail"].startswith("SERVICE is not allowed")
    time.sleep(0.3)
    assert listener.hits == []


def test_graph_iris_are_never_fetched(sparql_client: TestClient, listener: Listener) -> None:
    dg, ng = listener.url("/default.ttl"), listener.url("/named.ttl")
    from_query = f"SELECT * FROM <{dg}> FROM NAMED <{ng}> WHERE {{ ?s ?p ?o }}"
    assert sparql_client.post("/sparql", content=from_query, headers=DIRECT).status_code == 200
    params = {"query": "SELECT * { ?s ?p ?o }", "default-graph-uri": dg, "named-graph-uri": ng}
    assert sparql_client.get("/sparql", params=params).json()["results"]["bindings"] == []
    describe = sparql_client.get("/sparql", params={"query": f"DESCRIBE <{dg}>"})
    assert describe.status_code == 200
    time.sleep(0.3)
    assert listener.hits == []


def test_a_runaway_query_is_stopped_while_light_queries_are_answered(
    sparql_client: TestClient,
) -> None:
    events: list[str] = []
    answers: list[tuple[int, dict[str, str]]] = []

    def runaway() -> None:
        response = sparql_client.post("/sparql", content=RUNAWAY, headers=DIRECT)
        answers.append((response.status_code, response.json()))
        assert answers[-1][1].pop("request_id") == response.headers["x-request-id"]
        events.append("runaway stopped")

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    for _ in range(5):
        light = sparql_client.get("/sparql", params={"query": "ASK { ?s foaf:name 'Bob' }"})
        assert light.json()["boolean"] is True
    events.append("light answered")
    thread.join(15)
    assert events == ["light answered", "runaway stopped"]
    assert answers == [
        (
            503,
            {
                "error": "query_timeout",
                "detail": "the query ran longer than 2 s and was stopped; "
                "narrow it down (more specific patterns, LIMIT) and try again",
            },
        )
    ]
    after = sparql_client.get("/sparql", params={"query": "ASK { ?s foaf:name 'Alice' }"})
    assert after.json()["boolean"] is True
