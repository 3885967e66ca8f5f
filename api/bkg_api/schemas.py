"""Response models of the REST API: the answers of :mod:`bkg_graph.questions`, described.

Each model has exactly the keys of its ``TypedDict`` in :mod:`bkg_graph.answers` (a test
checks this); the descriptions here are what ``/docs`` shows.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class Schema(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True, extra="forbid")


class Citation(Schema):
    """A statement quoted as evidence: where it is, what it says, which document."""

    statement: str
    """IRI of the statement (dereferences to its page)."""
    position: int
    """Position of the statement in its document (1 = first)."""
    locator: str | None
    """Where in the document: pillar › theme › letter, in the language asked for."""
    text: str
    """The statement's text as written in the source (Japanese)."""
    document: str
    """IRI of the source document."""
    document_title: str | None
    """Title of the source document."""


class SharedCitation(Citation):
    agencies: list[str]
    """IRIs of the asked-about agencies that act in this statement."""


class Ref(Schema):
    iri: str
    label: str


class Agency(Schema):
    """A government agency."""

    iri: str
    id: str
    """Registry id, as used in URLs (`mic`)."""
    label: str
    """Label in the language asked for (English if there is none)."""
    label_en: str | None
    label_ja: str | None
    abbreviation: str | None
    country: str | None
    """IRI of the agency's country."""
    country_id: str | None
    country_label: str | None


class Linked(Schema):
    """An initiative, event or agent linked through statements, with those statements."""

    iri: str
    id: str
    label: str
    kind: str
    """Its class: Agency, Country, Coalition, Programme, Event, …"""
    statements: list[Citation]


class AgencyDetail(Agency):
    aliases: list[str]
    """Other names the documents use (skos:altLabel, skos:hiddenLabel)."""
    page: str | None
    parent: Ref | None
    """The body the agency belongs to (org:subOrganizationOf), if any."""
    initiatives: list[Linked]
    """Initiatives the agency acts on, and events named where it acts, with citations."""


class Initiative(Schema):
    """An initiative: programme, coalition, framework, process, partnership, …"""

    iri: str
    id: str
    label: str
    label_en: str | None
    label_ja: str | None
    kind: str
    abbreviation: str | None
    agencies: int
    """How many agencies act in statements concerning it."""
    statements: int
    """How many statements concern it."""


class InitiativeDetail(Schema):
    iri: str
    id: str
    label: str
    label_en: str | None
    label_ja: str | None
    kind: str
    abbreviation: str | None
    page: str | None
    date: str | None
    aliases: list[str]
    parties: list[Ref]
    """The parties of a partnership."""
    participants: list[Linked]
    """Who acts in the statements concerning it, each with the statements that say so."""


class Shared(Schema):
    """An initiative or event every asked-about agency acts on."""

    iri: str
    id: str
    label: str
    kind: str
    statements: list[SharedCitation]
    """The statements linking any of the agencies to it."""


class StatementInfo(Schema):
    """One numbered or lettered item of a report."""

    iri: str
    id: str
    """The part of the IRI after `statement/`."""
    position: int
    locator: str | None
    text: str
    document: str
    document_title: str | None
    pillar: str
    pillar_label: str | None
    theme: str
    theme_label: str | None
    status: str | None
    """achieved, ongoing, planned, agreed or welcomed."""
    status_label: str | None
    strength: str | None
    """commitment, intention, exploration or factual."""
    strength_label: str | None
    date_start: str | None
    """First day of the earliest date the statement gives."""
    date_end: str | None
    """Last day of the latest date the statement gives."""
    dates: str | None
    """The dates as written."""
    actors: list[str]
    """IRIs of the agents that act in it."""
    initiatives: list[str]
    """IRIs of the initiatives it concerns."""


class Document(Schema):
    iri: str
    id: str
    title: str
    title_en: str | None
    title_ja: str | None
    issued: str | None
    language: str | None
    page: str | None
    publishers: list[str]
    statements: int
    """How many statements were read from it (0 for documents only cited)."""
    cited_by: int
    """How many statements cite or name it."""


class SearchHit(Schema):
    iri: str
    kind: str
    label: str
    fields: list[str]
    """Where the words were found: label, alias, abbreviation, title or text."""
    matched: str
    """One of the values that matched."""
    score: int
    """1 label/abbreviation/title, 2 alias, 3 statement text (lower is closer)."""
    locator: str | None
    document: str | None
    text: str | None


class QuerySource(Schema):
    """The named query behind an answer: see and rerun it at ``href``."""

    name: str
    href: str


class Page(Schema, Generic[T]):
    """One page of a list; follow ``next`` for the rest."""

    items: list[T]
    total: int
    """How many items there are in all."""
    limit: int
    offset: int
    next: str | None
    """URL of the next page, or null on the last one."""
    query: QuerySource
