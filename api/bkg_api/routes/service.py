"""The SPARQL 1.1 Service Description of ``/sparql``, answered on GET without a query."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from bkg_graph import about
from bkg_graph.namespaces import BKG
from bkg_graph.settings import Settings

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENT = Namespace("http://www.w3.org/ns/entailment/")
SCHEMA = Namespace("https://schema.org/")

_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                   "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")  # fmt: skip
RDFLIB_FORMAT = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


def service_description(endpoint: str, version: str, media_type: str, settings: Settings) -> bytes:
    """What the endpoint offers: language, formats, the union default graph, limits, the
    dataset's version and description (``rdfs:seeAlso``), bilateral-kg's version."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    g.bind("bkg", BKG)
    g.bind("dcterms", DCTERMS)
    g.bind("schema", SCHEMA)
    service = URIRef(endpoint)
    dataset = BNode("dataset")
    default = BNode("defaultGraph")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, SD.defaultEntailmentRegime, ENT.Simple))
    for name in _RESULT_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[name]))
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, DCTERMS.hasVersion, Literal(version)))
    if endpoint.endswith("/sparql"):  # the VoID + DCAT description (routes/void.py)
        g.add((dataset, RDFS.seeAlso, URIRef(endpoint.removesuffix("sparql") + ".well-known/void")))
    g.add((service, SCHEMA.softwareVersion, Literal(about.version())))  # bilateral-kg's own
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((service, BKG.maxResults, Literal(settings.max_results, datatype=XSD.integer)))
    g.add((service, BKG.queryTimeout, Literal(settings.query_timeout, datatype=XSD.decimal)))
    g.add((service, BKG.maxQueryBytes, Literal(settings.max_query_bytes, datatype=XSD.integer)))
    data = g.serialize(format=RDFLIB_FORMAT[media_type], encoding="utf-8")
    return data
