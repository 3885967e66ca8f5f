"""RDF namespaces and the IRIs the graph is made of.

The ontology namespace is fixed so that queries and shapes never change with a deployment;
entity IRIs hang off a configurable base (``BKG_BASE_IRI``) so they can dereference through
whichever server publishes the graph.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib import Namespace as _Namespace
from rdflib import namespace as _rdflib
from rdflib.namespace import OWL


class Namespace(_Namespace):
    """An rdflib namespace that keeps each term it made (``BKG.status`` is looked up
    hundreds of thousands of times in a large build; rdflib makes a new IRI each time)."""

    def __getattr__(self, name: str) -> Any:
        term = super().__getattr__(name)
        if not name.startswith("_"):
            self.__dict__[name] = term
        return term


class Terms:
    """One of rdflib's closed vocabularies (``RDF``, ``XSD``, …) with each term made once:
    rdflib checks the name and makes a new IRI at every ``RDF.type``, millions of times in
    a large build. The pipeline takes these from here."""

    def __init__(self, vocabulary: type[_rdflib.DefinedNamespace]) -> None:
        self._vocabulary = vocabulary

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term: URIRef = getattr(self._vocabulary, name)
        self.__dict__[name] = term
        return term

    def __str__(self) -> str:
        return str(self._vocabulary)


DCTERMS, FOAF, PROV = Terms(_rdflib.DCTERMS), Terms(_rdflib.FOAF), Terms(_rdflib.PROV)
RDF, RDFS, SKOS, XSD = (Terms(v) for v in (_rdflib.RDF, _rdflib.RDFS, _rdflib.SKOS, _rdflib.XSD))

BKG = Namespace("https://w3id.org/bilateral-kg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")


@lru_cache(maxsize=1 << 16, typed=True)  # typed: 1 and True are equal keys, not literals
def literal(value: Any, datatype: URIRef | None = None, lang: str | None = None) -> Literal:
    """An rdflib literal, made once for a value that repeats (positions, offsets, names):
    rdflib's constructor checks and converts at every call."""
    return Literal(value, datatype=datatype, lang=lang)


@lru_cache(maxsize=1 << 16)
def _segment(part: str) -> str:
    return quote(part, safe="-._~")


ONTOLOGY_IRI = URIRef("https://w3id.org/bilateral-kg/ontology")

PREFIXES: dict[str, str] = {
    "bkg": str(BKG),
    "org": str(ORG),
    "oa": str(OA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}

# Path segment under the base IRI for each kind of entity.
KIND_SEGMENTS: dict[str, str] = {
    "Agency": "agency",
    "Country": "country",
    "Organization": "organization",
    "Company": "company",
    "Initiative": "initiative",
    "Partnership": "initiative",
    "Event": "event",
    "Document": "document",
    "Topic": "topic",
    "Pillar": "pillar",
    "Theme": "theme",
}


class IRIs:
    """Mints entity and graph IRIs under one base IRI."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith("/") else base + "/"
        self._entities: dict[tuple[str, str], URIRef] = {}  # a few hundred, named millions of times

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(map(_segment, parts)))

    def entity(self, kind: str, ident: str) -> URIRef:
        found = self._entities.get((kind, ident))
        if found is None:
            found = self._entities[(kind, ident)] = self._iri(KIND_SEGMENTS[kind], ident)
        return found

    def document(self, doc_id: str) -> URIRef:
        return self._iri("document", doc_id)

    def statement(self, doc_id: str, *locator: str) -> URIRef:
        return self._iri("statement", doc_id, *locator)

    def node(self, doc_id: str, *path: str) -> URIRef:
        """An auxiliary node of a document (sentence, span, mention, date, amount)."""
        return self._iri("statement", doc_id, *path)

    def derived(self, *path: str) -> URIRef:
        return self._iri("derived", *path)

    def scheme(self, name: str) -> URIRef:
        return self._iri("scheme", name)

    def graph(self, *path: str) -> URIRef:
        return self._iri("graph", *path)
