"""The same API on three stores: `bkg serve` on the embedded store, Oxigraph server and Virtuoso.

Each test runs once per store (the ``api`` fixture). Expected answers come from the embedded
store in this process, read from the same build, so every store must answer exactly alike.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from loopback import Listener
from rdflib import Graph
from rdflib.compare import isomorphic
from remote_api import Api, manifest_version, start_api, stop_api
from remote_servers import StoreServer
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

from bkg_api.app import create_app
from bkg_graph.settings import Settings
from bkg_graph.store import EmbeddedStore, open_build
from bkg_graph.store.remote.push import push

pytestmark = pytest.mark.slow

BASE = "https://w3id.org/bilateral-kg/id/"
FOREIGN_VALUE = '"not ours"'  # the object of the foreign graph's triple (see remote_api)
SELECTS = [
    # agencies with their Japanese names, in order
    "SELECT ?a ?ja WHERE { ?a a bkg:Agency ; skos:prefLabel ?ja FILTER(LANG(?ja) = 'ja') } "
    "ORDER BY ?a",
    # statements per pillar and status
    "SELECT ?pillar ?status (COUNT(?s) AS ?n) WHERE { ?s a bkg:Statement ; bkg:pillar ?pillar "
    "OPTIONAL { ?s bkg:status ?status } } GROUP BY ?pillar ?status ORDER BY ?pillar ?status",
    # which graph holds how many triples
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    # dates in a range, with their text
    "SELECT ?s ?start ?text WHERE { ?s bkg:date/bkg:dateStart ?start ; bkg:text ?text "
    "FILTER(?start >= '2024-01-01'^^xsd:date) } ORDER BY ?start ?s",
    # co-participation weights, typed numbers
    "SELECT ?a ?b ?w WHERE { ?c a bkg:CoParticipation ; bkg:weight ?w ; bkg:agent ?a, ?b "
    "FILTER(STR(?a) < STR(?b)) } ORDER BY DESC(?w) ?a ?b",
]
#: documents.rq orders by ?issued, which mixes xsd:date and xsd:gYearMonth values: SPARQL leaves
#: the order of such incomparable literals to each engine, and Oxigraph and Virtuoso differ.
UNORDERED = {"/documents"}
ENTITIES = ["/bilateral-kg/id/agency/mic", "/bilateral-kg/id/initiative/gcot"]
REST = [
    "/agencies",
    "/agencies/mic",
    "/initiatives",
    "/initiatives/gcot",
    "/statements?pillar=data",
    "/shared-initiatives?agency=mic&agency=dsit",
    "/initiatives/gcot/timeline",
    "/export/json",
    "/documents",
    "/search?q=総務省",
    "/statements",
]


@pytest.fixture(scope="module")
def embedded(build_dir: Path) -> EmbeddedStore:
    return open_build(build_dir)


@pytest.fixture(scope="module")
def reference(build_dir: Path) -> TestClient:
    """The API on the embedded store, in this process: the answers every store must give."""
    app = create_app(Settings(query_cache=False, max_results=5000))
    app.state.store = open_build(build_dir)
    return TestClient(app, raise_server_exceptions=False)


def terms(rows: list[dict[str, Any]]) -> list[dict[str, tuple[str, ...]]]:
    """SPARQL JSON bindings as comparable tuples (type, value, datatype or language)."""
    out = []
    for row in rows:
        out.append(
            {
                name: (
                    "literal" if t["type"] == "typed-literal" else t["type"],
                    t["value"],
                    t.get("datatype", "") if t.get("datatype") != f"{XSD}string" else "",
                    t.get("xml:lang", ""),
                )
                for name, t in row.items()
            }
        )
    return out


XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize("query", SELECTS, ids=range(len(SELECTS)))
def test_select_answers_equal_the_embedded_stores(
    api: Api, embedded: EmbeddedStore, query: str
) -> None:
    client = SPARQLWrapper(api.sparql)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    got = client.query().convert()["results"]["bindings"]
    expected = json.loads(embedded.run(query).body)["results"]["bindings"]
    assert expected, "the query must find something"
    assert terms(got) == terms(expected)


def test_ask_and_construct(api: Api, embedded: EmbeddedStore) -> None:
    client = SPARQLWrapper(api.sparql)
    client.setQuery(f"ASK {{ <{BASE}agency/mic> bkg:participatesIn ?i }}")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client.setQuery(f"ASK {{ <{BASE}agency/mic> bkg:participatesIn <{BASE}agency/mic> }}")
    client.setReturnFormat(XML)
    assert "<boolean>false</boolean>" in client.query().convert().toxml()
    query = (
        "CONSTRUCT { ?i ?p ?o } WHERE { ?i a bkg:Initiative ; ?p ?o "
        f"FILTER EXISTS {{ <{BASE}agency/dsit> bkg:participatesIn ?i }} }}"
    )
    client.setQuery(query)
    client.setReturnFormat(TURTLE)
    got = Graph().parse(data=client.query().convert(), format="turtle")
    want = Graph().parse(data=embedded.construct(query), format="turtle")
    assert len(want) > 20
    assert isomorphic(got, want)


def test_results_are_capped_and_say_so(api: Api) -> None:
    r = httpx.get(api.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "json"})
    assert r.status_code == 200
    assert r.headers["x-bkg-truncated"] == "true"
    assert r.headers["x-bkg-max-results"] == "5000"
    body = r.json()
    assert len(body["results"]["bindings"]) == 5000
    assert body["limits"] == {"maxResults": 5000, "truncated": True}
    r = httpx.get(api.sparql, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"})
    assert r.status_code == 200 and r.headers["x-bkg-truncated"] == "true"
    assert len(r.text.strip().splitlines()) == 5000
    r = httpx.get(api.sparql, params={"query": "SELECT * WHERE { ?s a bkg:Agency }"})
    assert r.headers["x-bkg-truncated"] == "false"


def test_etag_is_the_built_version(api: Api, build_dir: Path) -> None:
    r = httpx.get(api.sparql, params={"query": "ASK {}"})
    assert r.headers["etag"].startswith(f'"{manifest_version(build_dir)}-')
    again = httpx.get(
        api.sparql, params={"query": "ASK {}"}, headers={"If-None-Match": r.headers["etag"]}
    )
    assert again.status_code == 304


@pytest.mark.parametrize("path", REST)
def test_rest_answers_as_on_the_embedded_store(api: Api, reference: TestClient, path: str) -> None:
    want = reference.get(path)
    got = httpx.get(api.url + path)
    assert (got.status_code, want.status_code) == (200, 200), got.text
    body = json.loads(got.text.replace(api.url, "http://testserver"))
    want_body = want.json()
    if path in UNORDERED:
        body["items"].sort(key=lambda item: item["iri"])
        want_body["items"].sort(key=lambda item: item["iri"])
    assert body == want_body


@pytest.mark.parametrize("path", ENTITIES)
def test_linked_data_as_on_the_embedded_store(api: Api, reference: TestClient, path: str) -> None:
    want_graph = Graph().parse(data=reference.get(path, params={"format": "ttl"}).text)
    got = httpx.get(api.url + path, params={"format": "ttl"})
    assert got.status_code == 200 and len(want_graph) > 10
    assert isomorphic(Graph().parse(data=got.text, format="turtle"), want_graph)


@pytest.mark.parametrize("path", ENTITIES)
def test_entity_pages_as_on_the_embedded_store(api: Api, reference: TestClient, path: str) -> None:
    page = httpx.get(
        api.url + path, params={"format": "html"}, timeout=60
    )  # profiles: many queries
    want_page = reference.get(path, params={"format": "html"}).text
    assert page.status_code == 200
    assert page.text == want_page.replace("http://testserver", api.url)


def test_syntax_errors_point_at_the_users_line(api: Api) -> None:
    r = httpx.get(api.sparql, params={"query": "SELECT ?s\nWHERE { ?s ?p }"})
    assert r.status_code == 400
    body = r.json()
    assert body["error"] == "bad_query"
    assert "line 2" in body["detail"]
    assert body.get("line", 2) == 2


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { BIND(<bif:http_get>('{url}') AS ?x) }",
        "PREFIX b: <bif:> SELECT (b:http_get('{url}') AS ?x) WHERE {{}}",
        "SELECT (bif:http_get('{url}') AS ?x) WHERE {{}}",
        "SELECT (<\\u0062if:http_get>('{url}') AS ?x) WHERE {{}}",
        "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
        # a tokenizer reads <'>' as an IRI and the rest as a string: the full parser decides
        "SELECT * WHERE { BIND(1<'>' AS ?z) SERVICE <{url}> { ?s ?p ?o } } #'",
        "SELECT * WHERE { BIND(1<'>' AS ?z) BIND(bif:http_get('{url}') AS ?x) } #'",
        "SELECT * WHERE { BIND(1<'>' AS ?z) BIND(<bif:http_get>('{url}') AS ?x) } #'",
    ],
    ids=[
        "iri",
        "declared-prefix",
        "virtuoso-prefix",
        "escaped",
        "service",
        "service-bypass",
        "virtuoso-prefix-bypass",
        "iri-bypass",
    ],
)
def test_no_query_makes_the_store_fetch_anything(
    remote_api: Api, listener: Listener, query: str
) -> None:
    """Virtuoso's anonymous endpoint would fetch the URL through bif:http_get."""
    text = query.replace("{url}", listener.url("/leak")).replace("{{}}", "{}")
    r = httpx.post(remote_api.sparql, data={"query": text})
    assert r.status_code == 403, r.text
    assert r.json()["error"] == "forbidden"
    assert listener.hits == []


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("SELECT * WHERE { BIND(1<'>' AS ?z) } #'\nLOAD <{url}>", 403),
        ("SELECT * WHERE { BIND(1<'>' AS ?z) } #' ; LOAD <{url}>", 403),
        ('define input:grab-all "yes" SELECT * WHERE { ?s ?p <{url}> }', 400),
    ],
)
def test_risky_words_are_read_by_the_full_parsers_before_anything_is_sent(
    remote_api: Api, listener: Listener, query: str, status: int
) -> None:
    text = query.replace("{url}", listener.url("/leak"))
    r = httpx.post(remote_api.sparql, data={"query": text})
    assert r.status_code == status, r.text
    assert listener.hits == []


def test_updates_are_refused_and_change_nothing(api: Api) -> None:
    update = f"INSERT DATA {{ <{BASE}x> <{BASE}y> 'z' }}"
    r = httpx.post(api.sparql, data={"update": update})
    assert r.status_code == 403
    r = httpx.post(
        api.sparql, content=update, headers={"Content-Type": "application/sparql-update"}
    )
    assert r.status_code == 403
    ask = httpx.get(api.sparql, params={"query": f"ASK {{ <{BASE}x> ?p ?o }}", "format": "json"})
    assert ask.json()["boolean"] is False


def test_other_graphs_on_the_store_stay_invisible(remote_api: Api) -> None:
    """By default (BKG_STORE_DATASET=union) queries see only the graphs bkg push wrote."""
    assert_only_ours(remote_api)


def test_a_listed_dataset_keeps_other_graphs_invisible_too(
    remote_store: StoreServer, build_dir: Path, tmp_path: Path
) -> None:
    api = start_api("listed", tmp_path, build_dir, remote_store, BKG_STORE_DATASET="listed")
    try:
        assert_only_ours(api)
    finally:
        stop_api(api)


def assert_only_ours(api: Api) -> None:
    """No foreign triple in the default graph; named graphs: ours, not push's own."""
    ask = httpx.get(api.sparql, params={"query": f"ASK {{ ?s ?p {FOREIGN_VALUE} }}"})
    assert ask.json()["boolean"] is False
    graphs = httpx.get(
        api.sparql,
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"},
        headers={"Accept": "application/sparql-results+json"},
    ).json()["results"]["bindings"]
    names = {g["g"]["value"] for g in graphs}
    assert len(names) >= 4 and all(g.startswith(f"{BASE}graph/") for g in names)
    assert not names & {f"{BASE}graph/meta", f"{BASE}graph/union"}
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a bkg:Statement }"
    n = httpx.get(api.sparql, params={"query": count, "format": "json"})
    assert n.json()["results"]["bindings"][0]["n"]["value"] == "48"  # each triple once


def test_the_servers_own_dataset_on_request(
    virtuoso_store: StoreServer, build_dir: Path, tmp_path: Path, embedded: EmbeddedStore
) -> None:
    """BKG_STORE_DATASET=server: the store's default graph (Virtuoso: every graph on it).

    Pushed with that setting, the store keeps no union graph (it would count twice there)."""
    own = [build_dir / "kg.nq"]
    server = virtuoso_store.settings(store_dataset="server")
    assert push(server, own, manifest_version(build_dir)).error is None
    api = start_api("virtuoso", tmp_path, build_dir, virtuoso_store, BKG_STORE_DATASET="server")
    try:
        client = SPARQLWrapper(api.sparql)
        client.setReturnFormat(JSON)
        count = "SELECT (COUNT(?s) AS ?n) WHERE { ?s a bkg:Statement }"
        client.setQuery(count)
        statements = client.query().convert()["results"]["bindings"][0]["n"]["value"]
        client.setQuery(f"ASK {{ ?s ?p {FOREIGN_VALUE} }}")
        assert statements == embedded.select(count)[0]["n"] == "48"
        assert client.query().convert()["boolean"] is True
    finally:
        stop_api(api)
        # the session's store again as the other tests expect it: with its union graph
        assert push(virtuoso_store.settings(), own, manifest_version(build_dir)).error is None
