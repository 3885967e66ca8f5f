"""The ontology: header, labels in both languages, terms the build uses all declared."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from bkg_graph import paths
from bkg_graph.kg import BuildResult
from bkg_graph.namespaces import BKG, ONTOLOGY_IRI


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(paths.ontology_dir() / "bkg.ttl", format="turtle")


def test_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) is not None
    langs = {d.language for d in ontology.objects(ONTOLOGY_IRI, DCTERMS.description)}  # type: ignore[union-attr]
    assert langs >= {"en", "ja"}


def test_every_term_is_labelled_and_commented_in_en_and_ja(ontology: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {
        s for k in kinds for s in ontology.subjects(RDF.type, k) if str(s).startswith(str(BKG))
    }
    assert len(terms) > 70
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in ontology.objects(term, prop)}  # type: ignore[union-attr]
            assert {"en", "ja"} <= langs, f"{term} {prop}"


def test_concepts_have_labels_in_both_languages(ontology: Graph) -> None:
    for scheme in (BKG.StatusScheme, BKG.StrengthScheme, BKG.DatePrecisionScheme):
        members = set(ontology.subjects(SKOS.inScheme, scheme))
        assert members
        for m in members:
            assert {o.language for o in ontology.objects(m, SKOS.prefLabel)} >= {"en", "ja"}  # type: ignore[union-attr]


def test_every_bkg_term_the_build_uses_is_declared(ontology: Graph, built: BuildResult) -> None:
    declared = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    used: set[URIRef] = set()
    for _, p, o, _ in built.dataset.quads((None, None, None, None)):
        used.add(p)  # type: ignore[arg-type]
        if isinstance(o, URIRef):
            used.add(o)
    ours = {t for t in used if str(t).startswith(str(BKG))}
    assert ours - declared == set()
