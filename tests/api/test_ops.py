"""Health, readiness, metrics, request ids and JSON logs, against a real `bkg serve` process."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS
from serving import start_bkg, stop

from bkg_graph import about
from bkg_graph.describe import DCAT3, VOID, dataset_iri
from bkg_graph.kg import BuildResult

pytestmark = pytest.mark.slow

VALUES = "".join(f" VALUES ?v{i} {{ 0 1 2 3 4 5 6 7 8 9 }}" for i in range(10))
RUNAWAY = f"SELECT (COUNT(*) AS ?n) WHERE {{{VALUES} }}"  # 10^10 rows: stopped at the limit
AGENCIES = "SELECT ?a WHERE { ?a a bkg:Agency }"
JSON_RESULTS = {"Accept": "application/sparql-results+json"}


@dataclass
class Server:
    url: str
    log: Path
    version: str

    def metrics(self) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
        """Every sample of /metrics, parsed by prometheus_client's own parser."""
        response = httpx.get(f"{self.url}/metrics")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain; version=")
        samples = {}
        for family in text_string_to_metric_families(response.text):
            for s in family.samples:
                samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
        return samples

    def log_lines(self) -> list[dict[str, object]]:
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.startswith("{")]


@pytest.fixture(scope="module")
def server(
    built: BuildResult, build_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """`bkg serve` with JSON logs, a 1 s query limit and the result cache on."""
    root = tmp_path_factory.mktemp("ops")
    env = {**os.environ, "BKG_LOG_FORMAT": "json", "BKG_QUERY_TIMEOUT": "1",
           "BKG_QUERY_WORKERS": "2", "BKG_QUERY_CACHE": "on"}  # fmt: skip
    running = start_bkg(
        ["--build", str(build_dir), "--data-dir", str(root / "data")], root / "serve.log", env,
        options=["--log-level", "info"], probe="/healthz", timeout=60,
    )  # fmt: skip
    yield Server(running.url, running.log, str(built.manifest["version"]))
    stop(running.process)


def test_health_and_readiness(server: Server) -> None:
    health = httpx.get(f"{server.url}/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "version": about.version()}
    assert health.headers["cache-control"] == "no-store"
    ready = httpx.get(f"{server.url}/readyz")
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "ready",
        "version": about.version(),
        "dataset_version": server.version,
        "has_triples": True,
    }


def test_the_version_is_in_openapi_and_the_service_description(server: Server) -> None:
    assert httpx.get(f"{server.url}/openapi.json").json()["info"]["version"] == about.version()
    sd = Graph().parse(
        data=httpx.get(f"{server.url}/sparql", headers={"Accept": "text/turtle"}).text,
        format="turtle",
    )
    service = URIRef(f"{server.url}/sparql")
    assert sd.value(service, URIRef("https://schema.org/softwareVersion")) == Literal(
        about.version()
    )
    (dataset,) = sd.subjects(DCTERMS.hasVersion, Literal(server.version))
    assert sd.value(dataset, RDFS.seeAlso) == URIRef(f"{server.url}/.well-known/void")


def test_the_void_description_names_this_endpoint(server: Server, built: BuildResult) -> None:
    response = httpx.get(f"{server.url}/.well-known/void")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    g = Graph().parse(data=response.text, format="turtle")
    me = dataset_iri(str(built.manifest["base_iri"]))
    assert g.value(me, DCAT3.version) == Literal(server.version)
    assert list(g.objects(me, VOID.sparqlEndpoint)) == [URIRef(f"{server.url}/sparql")]
    jsonld = httpx.get(f"{server.url}/.well-known/void", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"] == "application/ld+json"
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(g)


def test_counters_move_after_requests(server: Server) -> None:
    before = server.metrics()
    requests = ("bkg_http_requests_total",)
    sparql_ok = (*requests, (("method", "GET"), ("route", "/sparql"), ("status", "200")))
    agency_404 = (*requests, (("method", "GET"), ("route", "/agencies/{id}"), ("status", "404")))
    hits = ("bkg_query_cache_hits_total", ())
    misses = ("bkg_query_cache_misses_total", ())
    for _ in range(2):  # the second is answered from the cache
        r = httpx.get(f"{server.url}/sparql", params={"query": AGENCIES}, headers=JSON_RESULTS)
        assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 13
    middle = server.metrics()
    assert (middle[hits] - before[hits], middle[misses] - before[misses]) == (1, 1)
    assert httpx.get(f"{server.url}/agencies/no-such-agency").status_code == 404
    after = server.metrics()
    assert after[sparql_ok] - before.get(sparql_ok, 0) == 2
    assert after[agency_404] - before.get(agency_404, 0) == 1
    count = ("bkg_http_request_duration_seconds_count", (("route", "/sparql"),))
    assert after[count] - before.get(count, 0) == 2
    assert after[("bkg_dataset_info", (("version", server.version),))] == 1
    assert after[("bkg_info", (("version", about.version()),))] == 1


def test_a_timeout_counts_and_its_worker_is_replaced(server: Server) -> None:
    before = server.metrics()
    timeouts = ("bkg_query_timeouts_total", (("error", "query_timeout"),))
    restarts = ("bkg_query_worker_restarts_total", ())
    r = httpx.post(
        f"{server.url}/sparql",
        content=RUNAWAY,
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert r.status_code == 503 and r.json()["error"] == "query_timeout"
    after = server.metrics()
    assert after[timeouts] - before[timeouts] == 1
    assert after[restarts] - before[restarts] == 1


def test_one_json_log_line_per_request_with_the_envelopes_id(server: Server) -> None:
    r = httpx.get(f"{server.url}/agencies/no-such-agency")
    body = r.json()
    assert r.status_code == 404 and body["error"] == "not_found"
    rid = body["request_id"]
    assert r.headers["x-request-id"] == rid and len(rid) == 32
    time.sleep(0.2)  # the line is written as the answer goes out
    (line,) = [entry for entry in server.log_lines() if entry["request_id"] == rid]
    assert {k: line[k] for k in ("level", "logger", "method", "path", "route", "status")} == {
        "level": "info",
        "logger": "bkg_api.access",
        "method": "GET",
        "path": "/agencies/no-such-agency",
        "route": "/agencies/{id}",
        "status": 404,
    }
    assert line["message"].startswith("GET /agencies/no-such-agency 404 ")


def test_a_clients_request_id_is_kept(server: Server) -> None:
    r = httpx.get(f"{server.url}/healthz", headers={"X-Request-ID": "lb-42.7"})
    assert r.headers["x-request-id"] == "lb-42.7"
    unsafe = httpx.get(f"{server.url}/healthz", headers={"X-Request-ID": "a b\tc"})
    assert unsafe.headers["x-request-id"] != "a b\tc" and len(unsafe.headers["x-request-id"]) == 32


def test_unusual_methods_share_one_label(server: Server) -> None:
    r = httpx.request("PROPFIND", f"{server.url}/sparql")
    assert r.status_code == 405 and r.json()["request_id"] == r.headers["x-request-id"]
    labels = (("method", "other"), ("route", "/sparql"), ("status", "405"))
    assert server.metrics()[("bkg_http_requests_total", labels)] == 1
