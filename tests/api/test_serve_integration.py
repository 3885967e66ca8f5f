"""`bkg serve` as a real uvicorn process, queried by real SPARQL clients and put under load."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from serving import start_bkg, stop
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

from bkg_graph.queries import load_library

pytestmark = pytest.mark.slow

BASE = "https://w3id.org/bilateral-kg/id/"
BKG = "https://w3id.org/bilateral-kg/ontology#"
AGENCIES = {"mic", "meti", "digital-agency", "ppc", "jst", "cas-dmcc", "mofa",
            "dsit", "ico", "gds", "ncsc", "ukri", "fcdo"}  # fmt: skip


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    build: Path

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`bkg serve` on a free port, started with no build: it builds the graph first."""
    root = tmp_path_factory.mktemp("serve")
    env = {**os.environ, "BKG_QUERY_CACHE": "off", "BKG_QUERY_WORKERS": "2"}
    running = start_bkg(
        ["--build", str(root / "build"), "--data-dir", str(root / "data")],
        root / "serve.log",
        env,
        timeout=120,
    )
    yield Server(running.url, running.process, root / "build")
    stop(running.process)


def test_it_built_the_graph_first_and_serves_that_version(server: Server) -> None:
    manifest = json.loads((server.build / "manifest.json").read_text())
    description = httpx.get(server.sparql, params={"format": "ntriples"}).text
    assert f'<http://purl.org/dc/terms/hasVersion> "{manifest["version"]}" .' in description


def test_sparqlwrapper_select_ask_and_construct(server: Server) -> None:
    client = SPARQLWrapper(server.sparql)
    client.setQuery("SELECT ?a WHERE { ?a a bkg:Agency }")
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert {r["a"]["value"].removeprefix(f"{BASE}agency/") for r in rows} == AGENCIES
    client.setQuery(f"ASK {{ <{BASE}agency/mic> bkg:participatesIn <{BASE}initiative/gcot> }}")
    for fmt in (JSON, XML):
        client.setReturnFormat(fmt)
        result = client.query().convert()
        assert result["boolean"] if fmt == JSON else "<boolean>true</boolean>" in result.toxml()
    client.setQuery(
        f"CONSTRUCT {{ ?a a bkg:Agency }} WHERE {{ ?a bkg:country <{BASE}country/uk> ; a bkg:Agency }}"
    )
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert {str(s).removeprefix(f"{BASE}agency/") for s in graph.subjects(RDF.type, URIRef(f"{BKG}Agency"))} == {
        "dsit", "ico", "gds", "ncsc", "ukri", "fcdo"}  # fmt: skip


def test_rdflib_sparqlstore(server: Server) -> None:
    graph = Graph(store=SPARQLStore(server.sparql))
    rows = graph.query(
        "SELECT ?label WHERE { <https://w3id.org/bilateral-kg/id/agency/mic> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
    )
    assert [str(r[0]) for r in rows] == [
        "Ministry of Internal Affairs and Communications",
        "総務省",
    ]
    countries = graph.query(
        "SELECT DISTINCT ?c WHERE { ?c a <https://w3id.org/bilateral-kg/ontology#Country> }"
    )
    assert len(list(countries)) == 7


def mix() -> list[str]:
    """The named queries, bound as the REST routes bind them."""
    library = load_library()
    return [
        library.get_query("agencies").bind({}),
        library.get_query("initiatives").bind({"lang": "ja"}),
        library.get_query("documents").bind({}),
        library.get_query("statements").bind({"agency": f"{BASE}agency/mic"}),
        library.get_query("search").bind({"q": "AI"}),
        library.get_query("shared-initiatives").bind(
            {"agencies": [f"{BASE}agency/meti", f"{BASE}agency/dsit"]}
        ),
        library.get_query("initiative-participants").bind({"initiative": f"{BASE}initiative/gcot"}),
    ]


def rss(pid: int) -> int:
    parent = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)])


def test_sixteen_clients_for_a_few_seconds_no_errors_flat_memory(server: Server) -> None:
    queries = mix()
    errors: list[str] = []
    done = [0]
    lock = threading.Lock()

    def client(seconds: float, offset: int) -> None:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            end, i = time.monotonic() + seconds, offset
            while time.monotonic() < end:
                response = http.post("/sparql", data={"query": queries[i % len(queries)]})
                i += 1
                with lock:
                    done[0] += 1
                    if response.status_code != 200 or not response.json()["results"]["bindings"]:
                        errors.append(f"{response.status_code} {response.text[:200]}")

    def run(seconds: float) -> None:
        threads = [threading.Thread(target=client, args=(seconds, i)) for i in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)

    run(1.0)  # warm up: every worker has opened the store and run every query
    before = rss(server.process.pid)
    run(4.0)
    after = rss(server.process.pid)
    assert errors == []
    assert done[0] > 16
    assert after - before < 40_000_000, (before, after)
