"""Running checked queries on the embedded store: datasets, formats, the cap, syntax errors."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from bkg_graph.errors import QueryError
from bkg_graph.store import EmbeddedStore, ProtocolDataset, QueryForm
from bkg_graph.store.base import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES

DATA = Path(__file__).resolve().parents[2] / "data" / "protocol.trig"
G = "http://example.org/graph/"
EX = "http://example.org/ns#"
SRX = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return EmbeddedStore.from_files([DATA])


def names(store: EmbeddedStore, query: str, dataset: ProtocolDataset | None = None) -> list[str]:
    answer = store.run(query, "application/sparql-results+json", dataset=dataset)
    rows = json.loads(answer.body)["results"]["bindings"]
    return sorted(b["n"]["value"] for b in rows)


def test_the_default_graph_is_the_union_of_all_graphs(store: EmbeddedStore) -> None:
    assert names(store, "SELECT ?n { ?p foaf:name ?n }") == [
        "Alice",
        "Bob",
        'Carol, "the third"\tof three',
    ]
    assert store.ask(f'ASK {{ <{EX}dataset> rdfs:label "Protocol test data"@en }}')


def test_from_in_the_query_chooses_the_default_graph(store: EmbeddedStore) -> None:
    assert names(store, f"SELECT ?n FROM <{G}a> {{ ?p foaf:name ?n }}") == ["Alice"]
    assert names(store, f"SELECT ?n FROM NAMED <{G}b> {{ GRAPH ?g {{ ?p foaf:name ?n }} }}") == [
        "Bob"
    ]


def test_protocol_graphs_replace_the_querys_own(store: EmbeddedStore) -> None:
    only_b = ProtocolDataset(default_graphs=(f"{G}b",))
    assert names(store, "SELECT ?n { ?p foaf:name ?n }", only_b) == ["Bob"]
    assert names(store, f"SELECT ?n FROM <{G}a> {{ ?p foaf:name ?n }}", only_b) == ["Bob"]
    named_c = ProtocolDataset(named_graphs=(f"{G}c",))
    assert names(store, "SELECT ?n { GRAPH ?g { ?p foaf:name ?n } }", named_c) == [
        'Carol, "the third"\tof three'
    ]
    # named graphs only: the default graph is empty
    assert names(store, "SELECT ?n { ?p foaf:name ?n }", named_c) == []
    missing = ProtocolDataset(default_graphs=(f"{G}nothing-here",))
    assert store.run("ASK {}", dataset=missing).body == b'{"head":{},"boolean":true}'


@pytest.mark.parametrize("media_type", RESULT_MEDIA_TYPES)
def test_select_results_in_every_format_are_capped_exactly(
    store: EmbeddedStore, media_type: str
) -> None:
    query = f"SELECT ?i ?v {{ ?i <{EX}value> ?v }} ORDER BY ?v"
    full = store.run(query, media_type, max_results=25)
    capped = store.run(query, media_type, max_results=10)
    assert (full.rows, full.truncated, capped.rows, capped.truncated) == (25, False, 10, True)
    values = _values(capped.body, media_type)
    assert values == [str(n) for n in range(1, 11)]


def _values(body: bytes, media_type: str) -> list[str]:
    text = body.decode("utf-8")
    if media_type == "application/sparql-results+json":
        doc = json.loads(text)
        return [b["v"]["value"] for b in doc["results"]["bindings"]]
    if media_type == "application/sparql-results+xml":
        root = ET.fromstring(body)
        return [
            b.findtext(f"{SRX}literal") or ""
            for b in root.iter(f"{SRX}binding")
            if b.get("name") == "v"
        ]
    if media_type == "text/csv":
        return [row[1] for row in list(csv.reader(io.StringIO(text)))[1:]]
    return [line.split("\t")[1] for line in text.splitlines()[1:]]


def test_the_json_answer_states_its_cap(store: EmbeddedStore) -> None:
    capped = json.loads(store.run(f"SELECT ?v {{ ?i <{EX}value> ?v }}", max_results=3).body)
    assert capped["limits"] == {"maxResults": 3, "truncated": True}
    assert len(capped["results"]["bindings"]) == 3
    whole = json.loads(store.run(f"SELECT ?v {{ ?i <{EX}value> ?v }} LIMIT 2", max_results=3).body)
    assert whole["limits"] == {"maxResults": 3, "truncated": False}


@pytest.mark.parametrize("media_type", GRAPH_MEDIA_TYPES)
def test_graphs_in_every_format_parse_back(store: EmbeddedStore, media_type: str) -> None:
    answer = store.run(f"CONSTRUCT {{ ?p <{EX}named> ?n }} WHERE {{ ?p foaf:name ?n }}", media_type)
    assert (answer.form, answer.rows, answer.truncated) == (QueryForm.CONSTRUCT, 3, False)
    fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml"}[media_type]  # fmt: skip
    graph = Graph().parse(data=answer.body, format=fmt)
    assert set(graph) == {
        (URIRef(f"{EX}alice"), URIRef(f"{EX}named"), Literal("Alice")),
        (URIRef(f"{EX}bob"), URIRef(f"{EX}named"), Literal("Bob")),
        (URIRef(f"{EX}carol"), URIRef(f"{EX}named"), Literal('Carol, "the third"\tof three')),
    }


def test_construct_and_describe_are_capped_in_triples(store: EmbeddedStore) -> None:
    answer = store.run(
        f"CONSTRUCT WHERE {{ ?i <{EX}value> ?v }}", "application/n-triples", max_results=7
    )
    assert (answer.rows, answer.truncated) == (7, True)
    assert len(answer.body.decode().splitlines()) == 7
    described = Graph().parse(data=store.describe(f"{EX}alice"), format="turtle")
    assert (
        URIRef(f"{EX}alice"),
        URIRef("http://xmlns.com/foaf/0.1/name"),
        Literal("Alice"),
    ) in described


def test_relative_iris_resolve_against_the_base(store: EmbeddedStore) -> None:
    from bkg_graph.store import QueryRequest, check

    req = QueryRequest(check("CONSTRUCT { <s> <p> 1 } WHERE {}"), "application/n-triples",
                       base_iri="http://127.0.0.1:8000/sparql")  # fmt: skip
    assert store.query(req).body == (
        b"<http://127.0.0.1:8000/s> <http://127.0.0.1:8000/p> "
        b'"1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    )


def test_a_syntax_error_says_where(store: EmbeddedStore) -> None:
    with pytest.raises(QueryError) as info:
        store.run("SELECT *\nWHERE {\n  ?s ?p }")
    assert (info.value.line, info.value.column) == (3, 10)  # where the engine gave up
    assert str(info.value).startswith("SPARQL syntax error at line 3, column 10: expected")


def test_shortcuts_refuse_the_wrong_form(store: EmbeddedStore) -> None:
    assert store.select(f"SELECT ?v {{ <{EX}item03> <{EX}value> ?v }}") == [{"v": "3"}]
    with pytest.raises(QueryError, match="expected a SELECT query"):
        store.select("ASK {}")
    with pytest.raises(QueryError, match="cannot be answered as text/turtle"):
        store.run("SELECT * {}", "text/turtle")
