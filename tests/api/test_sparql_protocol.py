"""``/sparql``: each behaviour of the SPARQL 1.1 Protocol (query side) the endpoint offers."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from bkg_graph.store import GraphStore

EX = "http://example.org/ns#"
G = "http://example.org/graph/"
SRJ = "application/sparql-results+json"
SRX = "application/sparql-results+xml"
SR = "{http://www.w3.org/2005/sparql-results#}"
SD = "http://www.w3.org/ns/sparql-service-description#"
NAMES = "SELECT ?n WHERE { ?p foaf:name ?n } ORDER BY ?n"
CAROL = 'Carol, "the third"\tof three'


def boolean(response: object) -> bool:
    from httpx import Response

    assert isinstance(response, Response)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == SRJ
    value: bool = response.json()["boolean"]
    return value


def names(response: object) -> list[str]:
    from httpx import Response

    assert isinstance(response, Response)
    assert response.status_code == 200, response.text
    return [b["n"]["value"] for b in response.json()["results"]["bindings"]]


def test_get_with_a_query(sparql_client: TestClient) -> None:
    assert boolean(sparql_client.get("/sparql", params={"query": "ASK { ?s foaf:name 'Bob' }"}))
    assert names(sparql_client.get("/sparql", params={"query": NAMES})) == ["Alice", "Bob", CAROL]


def test_post_as_a_form(sparql_client: TestClient) -> None:
    response = sparql_client.post(
        "/sparql", data={"query": "ASK { ?s foaf:name 'Alice' }"}, params={"format": "json"}
    )
    assert boolean(response)


def test_post_as_the_body(sparql_client: TestClient) -> None:
    response = sparql_client.post(
        "/sparql", content=NAMES, headers={"Content-Type": "application/sparql-query"}
    )
    assert names(response) == ["Alice", "Bob", CAROL]


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (SRJ, SRJ),
        (SRX, SRX),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("application/json", SRJ),
        (f"{SRX};q=0.5, {SRJ}", SRJ),
        (f"{SRX}, {SRJ};q=0.9", SRX),
        ("text/*;q=0.3, */*;q=0.1", "text/csv; charset=utf-8"),
        ("", SRJ),
    ],
)
def test_select_results_by_accept(sparql_client: TestClient, accept: str, media_type: str) -> None:
    response = sparql_client.get("/sparql", params={"query": NAMES}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert read_names(response.content, media_type.split(";")[0]) == ["Alice", "Bob", CAROL]


def read_names(body: bytes, media_type: str) -> list[str]:
    text = body.decode("utf-8")
    if media_type == SRJ:
        return [b["n"]["value"] for b in json.loads(text)["results"]["bindings"]]
    if media_type == SRX:
        return [e.text or "" for e in ET.fromstring(body).iter(f"{SR}literal")]
    if media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["n"]
        return [r[0] for r in rows[1:]]
    lines = text.splitlines()
    assert lines[0] == "?n"
    return [json.loads(line.replace("\t", "\\t")) for line in lines[1:]]


@pytest.mark.parametrize(("fmt", "media_type"), [("csv", "text/csv"), ("xml", SRX), (SRJ, SRJ)])
def test_format_overrides_accept(sparql_client: TestClient, fmt: str, media_type: str) -> None:
    response = sparql_client.get(
        "/sparql", params={"query": NAMES, "format": fmt}, headers={"Accept": "text/turtle"}
    )
    assert response.headers["content-type"].split(";")[0] == media_type


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_and_describe_in_every_rdf_format(
    sparql_client: TestClient, accept: str, rdflib_format: str
) -> None:
    query = f"CONSTRUCT {{ ?p <{EX}named> ?n }} WHERE {{ ?p foaf:knows ?q ; foaf:name ?n }}"
    response = sparql_client.post(
        "/sparql",
        content=query,
        headers={"Content-Type": "application/sparql-query", "Accept": accept},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    graph = Graph().parse(data=response.content, format=rdflib_format)
    assert set(graph) == {
        (URIRef(f"{EX}alice"), URIRef(f"{EX}named"), Literal("Alice")),
        (URIRef(f"{EX}bob"), URIRef(f"{EX}named"), Literal("Bob")),
    }
    described = sparql_client.get(
        "/sparql", params={"query": f"DESCRIBE <{EX}carol>"}, headers={"Accept": accept}
    )
    graph = Graph().parse(data=described.content, format=rdflib_format)
    assert set(graph) == {
        (URIRef(f"{EX}carol"), URIRef("http://xmlns.com/foaf/0.1/name"), Literal(CAROL))
    }


def test_the_protocol_dataset_replaces_the_querys(sparql_client: TestClient) -> None:
    def ask(query: str, **params: list[str]) -> bool:
        qs = urllib.parse.urlencode({"query": query, **params}, doseq=True)
        return boolean(sparql_client.get(f"/sparql?{qs}"))

    bob_doc = f"ASK {{ <{G}b> a foaf:Document }}"
    assert ask(bob_doc)  # the union default graph
    assert not ask(bob_doc, **{"default-graph-uri": [f"{G}a"]})
    assert ask(bob_doc, **{"default-graph-uri": [f"{G}a", f"{G}b"]})
    assert ask(f"ASK FROM <{G}a> {{ <{G}b> a ?t }}", **{"default-graph-uri": [f"{G}b"]})
    assert not ask(f"ASK FROM <{G}a> {{ <{G}b> a ?t }}")
    in_named = f"ASK {{ GRAPH ?g {{ <{G}b> a ?t }} }}"
    assert ask(in_named)
    assert not ask(in_named, **{"named-graph-uri": [f"{G}a"]})
    assert not ask("ASK { ?s foaf:name ?n }", **{"named-graph-uri": [f"{G}a"]})
    form = sparql_client.post(
        "/sparql", data={"query": bob_doc, "default-graph-uri": [f"{G}a"]}
    )  # dataset in the form body
    assert not boolean(form)


def test_parameters_are_decoded_once(sparql_client: TestClient) -> None:
    literal = "a%2Bb c+d&e=f"
    query = f'SELECT ?x WHERE {{ BIND("{literal}" AS ?x) }}'
    body = urllib.parse.urlencode({"query": query})
    for response in (
        sparql_client.post(
            "/sparql", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
        ),
        sparql_client.get(f"/sparql?{body}"),
    ):
        assert response.json()["results"]["bindings"] == [
            {"x": {"type": "literal", "value": literal}}
        ]


def test_results_are_capped_and_say_so(sparql_client: TestClient) -> None:
    query = f"SELECT ?v WHERE {{ ?i <{EX}value> ?v }} ORDER BY ?v"
    response = sparql_client.get("/sparql", params={"query": query})
    doc = response.json()
    assert [int(b["v"]["value"]) for b in doc["results"]["bindings"]] == list(range(1, 21))
    assert doc["limits"] == {"maxResults": 20, "truncated": True}
    assert response.headers["x-bkg-max-results"] == "20"
    assert response.headers["x-bkg-truncated"] == "true"
    small = sparql_client.get("/sparql", params={"query": query + " LIMIT 3", "format": "csv"})
    assert small.text.splitlines() == ["v", "1", "2", "3"]
    assert (small.headers["x-bkg-max-results"], small.headers["x-bkg-truncated"]) == ("20", "false")
    graph = sparql_client.get(
        "/sparql", params={"query": f"CONSTRUCT WHERE {{ ?i <{EX}value> ?v }}", "format": "nt"}
    )
    assert len(graph.text.splitlines()) == 20
    assert graph.headers["x-bkg-truncated"] == "true"


def test_relative_iris_resolve_against_the_endpoint(sparql_client: TestClient) -> None:
    response = sparql_client.get(
        "/sparql", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}", "format": "nt"}
    )
    assert response.text == (
        "<http://testserver/s> <http://testserver/p> "
        '"1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    )


def test_the_service_description(sparql_client: TestClient, protocol_store: GraphStore) -> None:
    response = sparql_client.get(
        "/sparql", headers={"Accept": "text/turtle, application/rdf+xml;q=0.9"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=response.content, format="turtle")
    service = URIRef("http://testserver/sparql")
    assert (service, RDF.type, URIRef(f"{SD}Service")) in graph
    assert (service, URIRef(f"{SD}endpoint"), service) in graph
    assert (service, URIRef(f"{SD}supportedLanguage"), URIRef(f"{SD}SPARQL11Query")) in graph
    assert (service, URIRef(f"{SD}feature"), URIRef(f"{SD}UnionDefaultGraph")) in graph
    assert set(graph.objects(None, DCTERMS.hasVersion)) == {Literal(protocol_store.version)}
    as_jsonld = sparql_client.get("/sparql", params={"format": "jsonld"})
    assert as_jsonld.headers["content-type"] == "application/ld+json"
    assert len(Graph().parse(data=as_jsonld.content, format="json-ld")) == len(graph)
