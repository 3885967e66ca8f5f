"""The VoID + DCAT description of the build: counted from the dataset, exact."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from followup_corpus import build_followup_corpus
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from bkg_graph import about
from bkg_graph.describe import (
    DCAT3,
    SD,
    VOID,
    VOID_FILE,
    dataset_iri,
    describe,
    read_description,
    set_endpoint,
)
from bkg_graph.kg import BuildResult
from bkg_graph.namespaces import BKG
from bkg_graph.settings import Settings

BASE = "https://w3id.org/bilateral-kg/id/"
WHEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def _int(g: Graph, s: object, p: URIRef) -> int:
    value = g.value(s, p)  # type: ignore[arg-type]
    assert isinstance(value, Literal) and value.datatype == XSD.integer
    return int(value)


def test_counts_come_from_the_dataset(built: BuildResult) -> None:
    g = describe(built.dataset, built.manifest, license="https://example.org/licence", issued=WHEN)
    me = dataset_iri(BASE)
    assert me == URIRef(f"{BASE}dataset")
    assert {RDF.type: set(g.objects(me, RDF.type))} == {RDF.type: {VOID.Dataset, DCAT.Dataset}}
    triples = {(s, p, o) for s, p, o, _ in built.dataset.quads((None, None, None, None))}
    assert _int(g, me, VOID.triples) == len(triples)
    partitions = {g.value(part, VOID["class"]): _int(g, part, VOID.entities)
                  for part in g.objects(me, VOID.classPartition)}  # fmt: skip
    for name, count in built.manifest["counts"].items():
        assert partitions[BKG[name]] == count, name
    assert partitions[BKG.Agency] == 13 and partitions[BKG.Statement] == 48
    graphs = {str(g.value(part, SD.name)): _int(g, part, VOID.triples)
              for part in g.objects(me, VOID.subset)}  # fmt: skip
    assert sorted(graphs) == [
        f"{BASE}graph/derived",
        f"{BASE}graph/derived/jp-uk-dp-2024-progress-ja",
        f"{BASE}graph/document/jp-uk-dp-2024-progress-ja",
        f"{BASE}graph/history/jp-uk-dp-2024-progress-ja",
        f"{BASE}graph/ontology",
        f"{BASE}graph/registry",
    ]
    assert sum(graphs.values()) == built.manifest["quads"]
    assert g.value(me, DCTERMS.license) == URIRef("https://example.org/licence")
    assert list(g.objects(me, DCTERMS.source)) == [
        URIRef(f"{BASE}document/jp-uk-dp-2024-progress-ja")
    ]
    assert g.value(me, DCTERMS.modified) == Literal("2024-01-16", datatype=XSD.date)
    assert g.value(me, DCTERMS.issued) == Literal(
        "2026-12-03T09:30:00+00:00", datatype=XSD.dateTime
    )
    assert g.value(me, DCAT3.version) == Literal(built.manifest["version"])
    assert g.value(me, VOID.sparqlEndpoint) is None  # where the server is is not known here


def test_the_endpoint_is_set_once(built: BuildResult) -> None:
    g = describe(
        built.dataset, built.manifest, license="x:y", issued=WHEN, endpoint="http://a/sparql"
    )
    set_endpoint(g, "http://b/sparql")
    me = dataset_iri(BASE)
    assert list(g.objects(me, VOID.sparqlEndpoint)) == [URIRef("http://b/sparql")]
    (service,) = g.objects(me, DCAT.distribution)
    assert list(g.objects(service, DCAT.endpointURL)) == [URIRef("http://b/sparql")]


def test_the_build_writes_it_for_its_own_version(built: BuildResult, build_dir: Path) -> None:
    version = str(built.manifest["version"])
    g = read_description(build_dir, version)
    assert g is not None and (build_dir / VOID_FILE).is_file()
    assert g.value(dataset_iri(BASE), DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert g.value(dataset_iri(BASE), FOAF.homepage) == URIRef("https://w3id.org/bilateral-kg")
    assert read_description(build_dir, "another-version") is None


def test_the_counts_the_build_adds_up_are_the_datasets(tmp_path: Path) -> None:
    """Three documents (a translation among them, follow-ups between councils): the counts
    the build adds up from its blocks' hashes equal those counted from every quad."""
    built = build_followup_corpus(tmp_path)
    assert built.out_dir is not None
    written = Graph().parse(built.out_dir / VOID_FILE, format="turtle")
    counted = describe(
        built.dataset,
        built.manifest,
        license=Settings().dataset_license,
        homepage=about.project_urls().get("Homepage"),
    )
    assert isomorphic(written, counted)
    me = dataset_iri(BASE)
    assert _int(written, me, VOID.triples) == len(
        {(s, p, o) for s, p, o, _ in built.dataset.quads((None, None, None, None))}
    )
