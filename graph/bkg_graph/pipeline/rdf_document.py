"""One document as RDF — its named graph: the document's metadata, its statements and
sentences with their text spans, the mentions linked to registry entities, dates and amounts.

Every IRI is minted from document ids and locators, never from list positions, so a rebuild
after an edit keeps the IRIs of everything that did not change. Statuses and strengths are
the ones the registry's predicate rules list (``predicates.toml``), as ontology individuals.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import Literal, URIRef

from ..errors import RegistryError
from ..namespaces import BKG, DCTERMS, FOAF, OA, RDF, RDFS, XSD, IRIs, literal
from ..registry import Registry
from .dates import DateMention
from .rdf_registry import Triple, date_literal, entity_iri
from .records import DocumentRecord, Sentence, Statement

_PRECISION = {p: BKG[f"{p.capitalize()}Precision"] for p in ("day", "month", "quarter", "year")}
_ROLE = {"actor": BKG.ActorRole, "mention": BKG.MentionedRole}


def statement_iri(st: Statement, doc_id: str, iris: IRIs) -> URIRef:
    """The IRI of a statement, from its document and its locator path."""
    return iris.statement(doc_id, *st.path)


def _term(value: str, allowed: tuple[str, ...], what: str) -> URIRef:
    """The ontology individual of a status or strength (``planned`` → ``bkg:Planned``)."""
    if value not in allowed:
        raise RegistryError(f"{what} {value!r} is not one of {', '.join(allowed)}")
    return BKG[value.capitalize()]


def _reading(node: URIRef, st: Statement | Sentence, registry: Registry) -> list[Triple]:
    """The status and strength of a statement or sentence, each with its evidence words."""
    out: list[Triple] = []
    if st.status:
        out += [
            (node, BKG.status, _term(st.status.value, registry.statuses, "status")),
            (node, BKG.statusEvidence, literal(st.status.evidence)),
        ]
    if st.strength:
        out += [
            (node, BKG.strength, _term(st.strength.value, registry.strengths, "strength")),
            (node, BKG.strengthEvidence, literal(st.strength.evidence)),
        ]
    return out


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
            (span, OA.start, literal(start, XSD.nonNegativeInteger)),
            (span, OA.end, literal(end, XSD.nonNegativeInteger)),
            (span, OA.exact, Literal(source[start:end])),
            (
                span,
                BKG.line,
                literal(source.count("\n", 0, start) + 1, XSD.positiveInteger),
            ),
        ]
    return out


def _statement_triples(
    st: Statement, record: DocumentRecord, registry: Registry, iris: IRIs, doc: URIRef
) -> list[Triple]:
    meta = record.meta
    s = statement_iri(st, meta.id, iris)
    lang = meta.language
    out: list[Triple] = [
        (s, RDF.type, BKG.Statement),
        (s, BKG.text, Literal(st.text, lang=lang)),
        (s, BKG.letter, literal(st.item.label)),
        (s, BKG.position, literal(st.position)),
        (s, BKG.locator, literal(st.locator("ja"), lang="ja")),
        (s, BKG.locator, literal(st.locator("en"), lang="en")),
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
        out += [(s, DCTERMS.references, target), (s, BKG.footnote, literal(cited.number))]
    out += _reading(s, st, registry)
    for e in st.entities("actor"):
        out.append((s, BKG.actor, entity_iri(e, iris)))
    for e in st.entities("mention"):
        prop = {"Initiative": BKG.concerns, "Topic": BKG.topic}.get(e.kind, BKG.mentions)
        out.append((s, prop, entity_iri(e, iris)))
    for sentence in st.sentences:
        out += _sentence_triples(st, s, sentence, record, registry, iris)
    return out


def _sentence_triples(
    st: Statement,
    st_iri: URIRef,
    sen: Sentence,
    record: DocumentRecord,
    registry: Registry,
    iris: IRIs,
) -> list[Triple]:
    lang = record.meta.language
    n = URIRef(f"{st_iri}/sentence/{sen.position}")
    out: list[Triple] = [
        (st_iri, BKG.sentence, n),
        (n, RDF.type, BKG.Sentence),
        (n, BKG.text, Literal(sen.text, lang=lang)),
        (n, BKG.position, literal(sen.position)),
    ]
    out += _span_triples(n, sen.spans, record.source, str(n))
    out += _reading(n, sen, registry)
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
            (m, BKG.surface, literal(link.surface)),
            (m, OA.start, literal(lo, XSD.nonNegativeInteger)),
            (m, OA.end, literal(hi, XSD.nonNegativeInteger)),
        ]
        if link.via:
            out.append((m, BKG.via, literal(link.via)))
    for k, d in enumerate(sen.dates, 1):
        out += _date_triples(URIRef(f"{n}/date/{k}"), d, st_iri)
    for k, a in enumerate(sen.amounts, 1):
        node = URIRef(f"{n}/amount/{k}")
        out += [
            (st_iri, BKG.amount, node),
            (node, RDF.type, BKG.MonetaryAmount),
            (node, BKG.amountValue, Literal(Decimal(a.value), datatype=XSD.decimal)),
            (node, BKG.currency, literal(a.currency)),
            (node, BKG.upperBound, literal(a.upper_bound)),
            (node, BKG.surface, literal(a.surface)),
        ]
    return out


def _date_triples(node: URIRef, d: DateMention, st_iri: URIRef) -> list[Triple]:
    return [
        (st_iri, BKG.date, node),
        (node, RDF.type, BKG.DateExpression),
        (node, BKG.precision, _PRECISION[d.precision]),
        (node, BKG.dateValue, date_literal(d.value)),
        (node, BKG.dateStart, literal(d.first)),
        (node, BKG.dateEnd, literal(d.last)),
        (node, BKG.surface, literal(d.surface)),
    ]
