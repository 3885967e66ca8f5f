"""The registry as RDF: its entities with labels in both languages, and the pillar, theme and
topic schemes — the registry's own named graph. Also the terms every RDF part of the build
shares: the triple type, entity IRIs and date literals.

Every IRI is minted from registry ids, never from list positions, so a rebuild after an edit
keeps the IRIs of everything that did not change. No blank nodes: the output is byte-for-byte
reproducible.
"""

from __future__ import annotations

import datetime as dt

from rdflib import Literal, URIRef

from ..namespaces import BKG, DCTERMS, FOAF, ORG, RDF, RDFS, SKOS, XSD, IRIs
from ..registry import Entity, Registry

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def date_literal(value: str) -> Literal:
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
            out.append((s, DCTERMS.date, date_literal(e.date)))
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
    """The IRI of a registry entity, from its kind and id."""
    return iris.entity(entity.kind, entity.id)
