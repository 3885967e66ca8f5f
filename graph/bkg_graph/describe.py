"""The built dataset described the way the linked-data world expects: VoID and DCAT.

Harvesters (data portals, SPARQL endpoint registries, search) read a dataset's size, its
classes, named graphs, licence, sources and where to query it from a VoID/DCAT description
rather than from our README. Everything here is counted from the built dataset itself, so the
description cannot drift from the data; ``bkg build`` writes it as ``build/void.ttl`` and the
server answers it at ``/.well-known/void``, with the SPARQL endpoint it is reached at.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from . import about
from .namespaces import BKG, IRIs
from .output import ox_term
from .pipeline.stats import ROW, Stats
from .settings import Settings

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
#: DCAT 3 terms rdflib's closed DCAT namespace lacks (dcat:version).
DCAT3 = Namespace(str(DCAT))
#: The file the build writes beside kg.nq.
VOID_FILE = "void.ttl"
#: The named graph rdflib gives quads that have none (there are none in a build).
_RDFLIB_DEFAULT = "urn:x-rdflib:default"
#: The prefixes the description is written with.
PREFIXES = {"bkg": str(BKG), "dcat": str(DCAT), "dcterms": str(DCTERMS), "foaf": str(FOAF),
            "rdf": str(RDF), "sd": str(SD), "void": str(VOID), "xsd": str(XSD)}  # fmt: skip
TITLE = {
    "en": "bilateral-kg: bilateral government commitments",
    "ja": "bilateral-kg：二国間の政府間コミットメント",
}


@dataclass
class Counts:
    """The union's sizes, as the VoID description states them."""

    triples: int
    entities: int
    subjects: int
    properties: dict[str, int]  # IRI → distinct triples
    classes: dict[str, int]  # IRI → distinct subjects typed with it


def total(parts: list[Stats]) -> Counts:
    """The counts of the union of every block in ``parts`` (see :mod:`.pipeline.stats`)."""
    names: dict[int, str] = {}
    for part in parts:
        names.update(part.names)
    rows = np.concatenate([p.rows for p in parts]) if parts else np.zeros(0, dtype=ROW)
    triples = np.ascontiguousarray(rows["t"])
    order = np.argsort(triples)  # a triple's rows all say the same: any one of them will do
    ordered = triples[order]
    first = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    keep = order[first]

    def column(name: str) -> np.ndarray:
        return np.ascontiguousarray(rows[name])[keep]

    subjects, entity, classes_of = column("s"), column("e"), column("c")
    props, per_prop = np.unique(column("p"), return_counts=True)
    classes, per_class = np.unique(classes_of[classes_of != 0], return_counts=True)
    return Counts(
        triples=len(keep),
        entities=_distinct(subjects[entity]),
        subjects=_distinct(subjects),
        properties={names[int(p)]: int(n) for p, n in zip(props, per_prop, strict=True)},
        classes={names[int(c)]: int(n) for c, n in zip(classes, per_class, strict=True)},
    )


def _distinct(values: np.ndarray) -> int:
    if not len(values):
        return 0
    ordered = np.sort(values)
    return 1 + int(np.count_nonzero(ordered[1:] != ordered[:-1]))


def dataset_iri(base_iri: str) -> URIRef:
    """The IRI that names the dataset (all versions) in its own description."""
    return URIRef(base_iri.rstrip("/") + "/dataset")


Triple = tuple[Any, Any, Any]


def describe(
    ds: Dataset | Path | Counts,
    manifest: Mapping[str, Any],
    *,
    license: str,
    issued: datetime | None = None,
    endpoint: str | None = None,
    homepage: str | None = None,
) -> Graph:
    """A VoID + DCAT description of ``ds`` (a dataset, an N-Quads file, or the counts a build
    added up from its blocks, with the manifest's graphs): triples, entities per class,
    properties, named graphs, licence, sources (the corpus documents), when it was built
    (``issued``), the date of its newest source (``modified``) and, if known, its SPARQL
    endpoint."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in description(ds, manifest, license=license, issued=issued, homepage=homepage):
        g.add(t)
    if endpoint:
        set_endpoint(g, endpoint)
    return g


def description(
    ds: Dataset | Path | Counts,
    manifest: Mapping[str, Any],
    *,
    license: str,
    issued: datetime | None = None,
    homepage: str | None = None,
) -> list[Triple]:
    """The triples of :func:`describe` (without the endpoint), as a list."""
    base = str(manifest["base_iri"])
    iris = IRIs(base)
    me = dataset_iri(base)
    out: list[Triple] = [(me, RDF.type, VOID.Dataset), (me, RDF.type, DCAT.Dataset)]
    out += [(me, DCTERMS.title, Literal(title, lang=lang)) for lang, title in TITLE.items()]
    out += [
        (me, DCAT3.version, Literal(str(manifest["version"]))),
        (me, DCTERMS.license, URIRef(license)),
    ]
    if issued is not None:
        out.append((me, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.dateTime)))
    if manifest.get("as_of"):
        out.append((me, DCTERMS.modified, Literal(str(manifest["as_of"]), datatype=XSD.date)))
    out += [(me, DCTERMS.source, iris.document(str(doc["id"]))) for doc in manifest["documents"]]
    if homepage:
        out.append((me, FOAF.homepage, URIRef(homepage)))
    out += [
        (me, VOID.uriSpace, Literal(base)),
        (me, VOID.vocabulary, URIRef(str(BKG))),
        (me, VOID.feature, URIRef("http://www.w3.org/ns/formats/N-Quads")),
    ]
    if isinstance(ds, Counts):
        per_graph = {name: int(d["quads"]) for name, d in manifest["graphs"].items()}
        out += _count_triples(me, ds, per_graph)
    else:
        out += _count_triples(me, *count(quads_of(ds), base))
    return out


def set_endpoint(g: Graph, endpoint: str) -> None:
    """Name ``endpoint`` as the dataset's SPARQL endpoint (replacing any named before: the
    build may not know where the server is reached)."""
    me = next(iter(g.subjects(DCAT3.version, None)), None)  # the dataset, not a subset
    assert isinstance(me, URIRef), "not a description made by describe()"
    g.remove((me, VOID.sparqlEndpoint, None))
    for old in list(g.objects(me, DCAT.distribution)):
        g.remove((old, None, None))
        g.remove((me, DCAT.distribution, old))
    g.add((me, VOID.sparqlEndpoint, URIRef(endpoint)))
    service = BNode("service")
    g.add((me, DCAT.distribution, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, URIRef(endpoint)))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))


def read_description(folder: Path, version: str) -> Graph | None:
    """The description in ``folder`` (a build folder) if it describes ``version``."""
    path = folder / VOID_FILE
    if not path.is_file():
        return None
    g = Graph().parse(path, format="turtle")
    if (None, DCAT3.version, Literal(version)) not in g:
        return None
    return g


#: A quad as N-Triples terms: subject, predicate, object, graph name (IRI without brackets).
Quad = tuple[str, str, str, str]
_TYPE = f"<{RDF.type}>"


def quads_of(source: Dataset | Path) -> Iterator[Quad]:
    """The quads of an rdflib dataset, or streamed from an N-Quads file (a build's kg.nq, read
    by pyoxigraph without holding a dataset in memory)."""
    if isinstance(source, Path):
        for q in ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS):
            graph = q.graph_name
            name = graph.value if isinstance(graph, ox.NamedNode) else _RDFLIB_DEFAULT
            yield str(q.subject), str(q.predicate), str(q.object), name
        return
    for s, p, o, ctx in source.quads((None, None, None, None)):
        name = str(ctx.identifier if isinstance(ctx, Graph) else ctx)
        yield s.n3(), p.n3(), o.n3(), name


def count(quads: Iterable[Quad], base: str) -> tuple[Counts, dict[str, int]]:
    """The union's counts and each named graph's size, from every quad."""
    triples: set[tuple[str, str, str]] = set()
    per_graph: Counter[str] = Counter()
    for s, p, o, name in quads:
        triples.add((s, p, o))
        per_graph[name] += 1
    members: dict[str, set[str]] = defaultdict(set)
    properties: Counter[str] = Counter()
    for s, p, o in triples:
        properties[p[1:-1]] += 1
        if p == _TYPE and o.startswith("<"):
            members[o[1:-1]].add(s)
    counts = Counts(
        triples=len(triples),
        entities=len({s for s, _, _ in triples if s.startswith("<" + base)}),
        subjects=len({t[0] for t in triples}),
        properties=dict(properties),
        classes={c: len(m) for c, m in members.items()},
    )
    return counts, {n: k for n, k in per_graph.items() if n != _RDFLIB_DEFAULT}


def _count_triples(me: URIRef, counts: Counts, per_graph: Mapping[str, int]) -> list[Triple]:
    """Sizes of the union of the named graphs (as /sparql sees it) and of each graph."""

    def number(n: int) -> Literal:
        return Literal(n, datatype=XSD.integer)

    out: list[Triple] = [
        (me, VOID.triples, number(counts.triples)),
        (me, VOID.entities, number(counts.entities)),
        (me, VOID.distinctSubjects, number(counts.subjects)),
        (me, VOID.properties, number(len(counts.properties))),
        (me, VOID.classes, number(len(counts.classes))),
    ]
    for cls in sorted(counts.classes):
        part = BNode(f"class-{_slug(cls)}")
        out += [
            (me, VOID.classPartition, part),
            (part, VOID["class"], URIRef(cls)),
            (part, VOID.entities, number(counts.classes[cls])),
        ]
    for prop in sorted(counts.properties):
        part = BNode(f"property-{_slug(prop)}")
        out += [
            (me, VOID.propertyPartition, part),
            (part, VOID.property, URIRef(prop)),
            (part, VOID.triples, number(counts.properties[prop])),
        ]
    for name in sorted(per_graph):
        part = BNode(f"graph-{_slug(name)}")
        out += [
            (me, VOID.subset, part),
            (part, RDF.type, VOID.Dataset),
            (part, SD.name, URIRef(name)),
            (part, VOID.triples, number(per_graph[name])),
        ]
    return out


def _slug(iri: Any) -> str:
    """A blank node label from an IRI (stable, so the file is stable for the same data)."""
    return "".join(c if c.isalnum() else "-" for c in str(iri).split("://", 1)[-1])


def void_turtle(
    ds: Dataset | Path | Counts, manifest: Mapping[str, Any], settings: Settings
) -> bytes:
    """The description as Turtle, as the build writes it beside kg.nq: with no build time
    (``dcterms:issued``), so that the same corpus always gives the same bytes and an
    incremental build equals a clean one; ``dcterms:modified`` is the newest source's date.
    The endpoint is named only when ``BKG_PUBLIC_URL`` says where the server will be."""
    if settings.public_url:
        graph = describe(
            ds,
            manifest,
            license=settings.dataset_license,
            endpoint=settings.public_url.rstrip("/") + "/sparql",
            homepage=about.project_urls().get("Homepage"),
        )
        triples: list[Triple] = list(graph)
    else:
        triples = description(
            ds,
            manifest,
            license=settings.dataset_license,
            homepage=about.project_urls().get("Homepage"),
        )
    # written by pyoxigraph (rdflib's Turtle writer takes seconds for a thousand documents'
    # graph partitions), in sorted order: the same description gives the same bytes
    triples = sorted(set(triples), key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3()))
    data = ox.serialize(
        [ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in triples],
        format=ox.RdfFormat.TURTLE,
        prefixes=PREFIXES,
    )
    assert data is not None
    # pyoxigraph writes the prefixes in no fixed order: put them in alphabetical order
    lines = data.split(b"\n")
    head = [line for line in lines if line.startswith(b"@prefix ")]
    return b"\n".join(sorted(head) + lines[len(head) :])
