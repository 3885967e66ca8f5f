"""Records → RDF: one named graph each for the ontology, the registry, every document, and the
edges derived across documents.

Every IRI is minted from registry ids, document ids and locators, never from list positions,
so a rebuild after an edit keeps the IRIs of everything that did not change. No blank nodes:
the output is byte-for-byte reproducible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from ..namespaces import BKG, OA, ORG, IRIs
from ..registry import Entity, Registry
from . import participation
from .dates import DateMention
from .followup import followup_triples
from .records import DocumentRecord, Sentence, Statement

Triple = tuple[URIRef, URIRef, URIRef | Literal]

_STATUS = {s: BKG[s.capitalize()] for s in ("achieved", "ongoing", "planned", "agreed", "welcomed")}
_STRENGTH = {s: BKG[s.capitalize()] for s in ("commitment", "intention", "exploration", "factual")}
_PRECISION = {p: BKG[f"{p.capitalize()}Precision"] for p in ("day", "month", "quarter", "year")}
_ROLE = {"actor": BKG.ActorRole, "mention": BKG.MentionedRole}


def _date_literal(value: str) -> Literal:
    """An ISO date of any precision as the matching XSD type."""
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    if len(value) == 7 and "Q" not in value:
        return Literal(value, datatype=XSD.gYearMonth)
    if len(value) == 10:
        return Literal(dt.date.fromisoformat(value))
    return Literal(value)


def registry_triples(registry: Registry, iris: IRIs) -> list[Triple]:
    """The registry as RDF: entities with labels in both languages, the pillar/theme scheme."""
    out: list[Triple] = []
    for e in registry.entities.values():
        s = entity_iri(e, iris)
        out.append((s, RDF.type, BKG[e.type]))
        for prop in (RDFS.label, SKOS.prefLabel):
            out.append((s, prop, Literal(e.en, lang="en")))
            out.append((s, prop, Literal(e.ja, lang="ja")))
        for a in e.abbr:
            out.append((s, BKG.abbreviation, Literal(a)))
        for alias in e.aliases:
            out.append((s, SKOS.altLabel, Literal(alias)))
        for names in e.local_aliases.values():
            for alias in names:
                out.append((s, SKOS.hiddenLabel, Literal(alias)))
        out.append((s, DCTERMS.identifier, Literal(e.id)))
        if e.country:
            out.append((s, BKG.country, entity_iri(registry.get(e.country), iris)))
        if e.part_of:
            out.append((s, DCTERMS.isPartOf, entity_iri(registry.get(e.part_of), iris)))
        if e.sub_organization_of:
            parent = entity_iri(registry.get(e.sub_organization_of), iris)
            out.append((s, ORG.subOrganizationOf, parent))
        for party in e.parties:
            out.append((s, BKG.party, entity_iri(registry.get(party), iris)))
        if e.date:
            out.append((s, DCTERMS.date, _date_literal(e.date)))
        if e.url:
            out.append((s, FOAF.page, URIRef(e.url)))
        if e.kind == "Document":
            out.append((s, DCTERMS.title, Literal(e.en, lang="en")))
            out.append((s, DCTERMS.title, Literal(e.ja, lang="ja")))
        if e.kind == "Topic":
            out.append((s, SKOS.inScheme, iris.scheme("topics")))
    scheme = iris.scheme("pillars")
    out.append((scheme, RDF.type, SKOS.ConceptScheme))
    out.append((scheme, RDFS.label, Literal("Pillars and themes", lang="en")))
    out.append((scheme, RDFS.label, Literal("柱とテーマ", lang="ja")))
    topics = iris.scheme("topics")
    out.append((topics, RDF.type, SKOS.ConceptScheme))
    out.append((topics, RDFS.label, Literal("Topics", lang="en")))
    out.append((topics, RDFS.label, Literal("トピック", lang="ja")))
    for p in registry.pillars.values():
        s = iris.entity("Pillar", p.id)
        out += [
            (s, RDF.type, BKG.Pillar),
            (s, SKOS.inScheme, scheme),
            (s, SKOS.topConceptOf, scheme),
            (s, SKOS.notation, Literal(p.notation)),
            (s, DCTERMS.identifier, Literal(p.id)),
        ]
        out += _labels(s, p.en, p.ja)
    for t in registry.themes.values():
        s = iris.entity("Theme", t.id)
        out += [
            (s, RDF.type, BKG.Theme),
            (s, SKOS.inScheme, scheme),
            (s, SKOS.broader, iris.entity("Pillar", t.pillar)),
            (s, DCTERMS.identifier, Literal(t.id)),
        ]
        out += _labels(s, t.en, t.ja)
    return out


def _labels(s: URIRef, en: str, ja: str) -> list[Triple]:
    return [
        (s, RDFS.label, Literal(en, lang="en")),
        (s, RDFS.label, Literal(ja, lang="ja")),
        (s, SKOS.prefLabel, Literal(en, lang="en")),
        (s, SKOS.prefLabel, Literal(ja, lang="ja")),
    ]


def entity_iri(entity: Entity, iris: IRIs) -> URIRef:
    return iris.entity(entity.kind, entity.id)


def document_triples(record: DocumentRecord, registry: Registry, iris: IRIs) -> list[Triple]:
    """Everything one document says: its metadata, statements, sentences, links, spans."""
    meta = record.meta
    doc = iris.document(meta.id)
    lang = meta.language
    out: list[Triple] = [
        (doc, RDF.type, BKG.Document),
        (doc, DCTERMS.identifier, Literal(meta.id)),
        (doc, DCTERMS.language, Literal(lang)),
        (doc, BKG.sha256, Literal(record.sha256)),
        (
            doc,
            BKG.provisionalTranslation,
            Literal(meta.provisional_translation or record.parsed.provisional),
        ),
    ]
    title_source = record.parsed.title
    for title, tl in ((meta.title_ja, "ja"), (meta.title_en, "en")):
        if title:
            out += [
                (doc, DCTERMS.title, Literal(title, lang=tl)),
                (doc, RDFS.label, Literal(title, lang=tl)),
            ]
    if title_source and not (meta.title_ja or meta.title_en):
        out.append((doc, DCTERMS.title, Literal(title_source, lang=lang)))
    if meta.date:
        out += [(doc, DCTERMS.issued, Literal(meta.date)), (doc, DCTERMS.date, Literal(meta.date))]
    if meta.partnership:
        out.append((doc, BKG.partnership, entity_iri(registry.get(meta.partnership), iris)))
    if meta.event:
        out.append((doc, BKG.event, entity_iri(registry.get(meta.event), iris)))
    for issuer in meta.issuers:
        out.append((doc, DCTERMS.publisher, entity_iri(registry.get(issuer), iris)))
    if meta.source_note:
        out.append((doc, DCTERMS.description, Literal(meta.source_note, lang="en")))
    for cited in record.cited.values():
        target = (
            entity_iri(cited.entity, iris) if cited.entity else iris.entity("Document", cited.ident)
        )
        out.append((doc, DCTERMS.references, target))
        if cited.entity is None:  # a document known only from its footnote
            out += [
                (target, RDF.type, BKG.Document),
                (target, DCTERMS.title, Literal(cited.footnote.title, lang=lang)),
                (target, RDFS.label, Literal(cited.footnote.title, lang=lang)),
            ]
            if cited.footnote.url:
                out.append((target, FOAF.page, URIRef(cited.footnote.url)))
    for st in record.statements:
        out += _statement_triples(st, record, registry, iris, doc)
    return out


def _span_triples(
    node: URIRef, spans: Iterable[tuple[int, int]], source: str, iri: str
) -> list[Triple]:
    out: list[Triple] = []
    for k, (start, end) in enumerate(spans, 1):
        span = URIRef(f"{iri}/span/{k}")
        out += [
            (node, BKG.span, span),
            (span, RDF.type, BKG.TextSpan),
            (span, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)),
            (span, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)),
            (span, OA.exact, Literal(source[start:end])),
            (
                span,
                BKG.line,
                Literal(source.count("\n", 0, start) + 1, datatype=XSD.positiveInteger),
            ),
        ]
    return out


def statement_iri(st: Statement, doc_id: str, iris: IRIs) -> URIRef:
    return iris.statement(doc_id, *st.path)


def _statement_triples(
    st: Statement, record: DocumentRecord, registry: Registry, iris: IRIs, doc: URIRef
) -> list[Triple]:
    meta = record.meta
    s = statement_iri(st, meta.id, iris)
    lang = meta.language
    out: list[Triple] = [
        (s, RDF.type, BKG.Statement),
        (s, BKG.text, Literal(st.text, lang=lang)),
        (s, BKG.letter, Literal(st.item.label)),
        (s, BKG.position, Literal(st.position)),
        (s, BKG.locator, Literal(st.locator("ja"), lang="ja")),
        (s, BKG.locator, Literal(st.locator("en"), lang="en")),
        (s, DCTERMS.source, doc),
        (s, BKG.pillar, iris.entity("Pillar", st.pillar.id)),
        (s, BKG.theme, iris.entity("Theme", st.theme.id)),
    ]
    if st.item.heading:
        out.append((s, BKG.heading, Literal(st.item.heading, lang=lang)))
    if st.parent is not None:
        out.append((s, BKG.parent, statement_iri(st.parent, meta.id, iris)))
    out += _span_triples(s, st.spans, record.source, str(s))
    for cited in st.cited:
        target = (
            entity_iri(cited.entity, iris) if cited.entity else iris.entity("Document", cited.ident)
        )
        out += [(s, DCTERMS.references, target), (s, BKG.footnote, Literal(cited.number))]
    if st.status:
        out += [
            (s, BKG.status, _STATUS[st.status.value]),
            (s, BKG.statusEvidence, Literal(st.status.evidence)),
        ]
    if st.strength:
        out += [
            (s, BKG.strength, _STRENGTH[st.strength.value]),
            (s, BKG.strengthEvidence, Literal(st.strength.evidence)),
        ]
    for e in st.entities("actor"):
        out.append((s, BKG.actor, entity_iri(e, iris)))
    for e in st.entities("mention"):
        prop = {"Initiative": BKG.concerns, "Topic": BKG.topic}.get(e.kind, BKG.mentions)
        out.append((s, prop, entity_iri(e, iris)))
    for sentence in st.sentences:
        out += _sentence_triples(st, s, sentence, record, iris)
    return out


def _sentence_triples(
    st: Statement, st_iri: URIRef, sen: Sentence, record: DocumentRecord, iris: IRIs
) -> list[Triple]:
    lang = record.meta.language
    n = URIRef(f"{st_iri}/sentence/{sen.position}")
    out: list[Triple] = [
        (st_iri, BKG.sentence, n),
        (n, RDF.type, BKG.Sentence),
        (n, BKG.text, Literal(sen.text, lang=lang)),
        (n, BKG.position, Literal(sen.position)),
    ]
    out += _span_triples(n, sen.spans, record.source, str(n))
    if sen.status:
        out += [
            (n, BKG.status, _STATUS[sen.status.value]),
            (n, BKG.statusEvidence, Literal(sen.status.evidence)),
        ]
    if sen.strength:
        out += [
            (n, BKG.strength, _STRENGTH[sen.strength.value]),
            (n, BKG.strengthEvidence, Literal(sen.strength.evidence)),
        ]
    item = st.item
    for k, link in enumerate(sen.links, 1):
        m = URIRef(f"{n}/mention/{k}")
        lo, hi = item.origin[link.start], item.origin[link.end - 1] + 1
        out += [
            (m, RDF.type, BKG.Mention),
            (m, BKG.inSentence, n),
            (m, BKG.inStatement, st_iri),
            (m, BKG.entity, entity_iri(link.entity, iris)),
            (m, BKG.role, _ROLE[link.role]),
            (m, BKG.surface, Literal(link.surface)),
            (m, OA.start, Literal(lo, datatype=XSD.nonNegativeInteger)),
            (m, OA.end, Literal(hi, datatype=XSD.nonNegativeInteger)),
        ]
        if link.via:
            out.append((m, BKG.via, Literal(link.via)))
    for k, d in enumerate(sen.dates, 1):
        out += _date_triples(URIRef(f"{n}/date/{k}"), d, st_iri)
    for k, a in enumerate(sen.amounts, 1):
        node = URIRef(f"{n}/amount/{k}")
        out += [
            (st_iri, BKG.amount, node),
            (node, RDF.type, BKG.MonetaryAmount),
            (node, BKG.amountValue, Literal(Decimal(a.value), datatype=XSD.decimal)),
            (node, BKG.currency, Literal(a.currency)),
            (node, BKG.upperBound, Literal(a.upper_bound)),
            (node, BKG.surface, Literal(a.surface)),
        ]
    return out


def _date_triples(node: URIRef, d: DateMention, st_iri: URIRef) -> list[Triple]:
    return [
        (st_iri, BKG.date, node),
        (node, RDF.type, BKG.DateExpression),
        (node, BKG.precision, _PRECISION[d.precision]),
        (node, BKG.dateValue, _date_literal(d.value)),
        (node, BKG.dateStart, Literal(d.first)),
        (node, BKG.dateEnd, Literal(d.last)),
        (node, BKG.surface, Literal(d.surface)),
    ]


def assemble(
    ontology: Path, records: list[DocumentRecord], registry: Registry, iris: IRIs
) -> Dataset:
    """The whole knowledge graph as an rdflib Dataset of named graphs."""
    ds = Dataset()
    # the ontology's own blank nodes (owl:unionOf lists) get content-derived labels
    onto = to_canonical_graph(Graph().parse(ontology, format="turtle"))
    add_graph(ds, iris.graph("ontology"), list(onto))  # type: ignore[arg-type]
    add_graph(ds, iris.graph("registry"), registry_triples(registry, iris))
    for record in records:
        add_graph(
            ds, iris.graph("document", record.meta.id), document_triples(record, registry, iris)
        )
    derived = participation.derive(records, registry, iris) + followup_triples(records, iris)
    add_graph(ds, iris.graph("derived"), derived)
    return ds


def add_graph(ds: Dataset, name: URIRef, triples: list[Triple]) -> None:
    """Add ``triples`` to the named graph ``name`` in a stable order."""
    g = ds.graph(name)
    for t in sorted(set(triples), key=lambda t: (str(t[0]), str(t[1]), t[2].n3())):
        g.add(t)
