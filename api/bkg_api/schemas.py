"""Response models of the REST API: the answers of :mod:`bkg_graph.questions`, described.

Each model has exactly the keys of its ``TypedDict`` in :mod:`bkg_graph.answers` (a test
checks this); the descriptions here are what ``/docs`` shows.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from bkg_graph import paths
from bkg_graph.registry import statuses

T = TypeVar("T")

#: The statuses as the shipped predicate rules list them, for descriptions only: read from
#: the package's own registry when this module is imported (so a misconfigured registry
#: cannot stop the app or the CLI from importing); requests are checked against the
#: configured registry when they arrive.
_STATUSES = statuses(paths.shipped("ontology") / "registry")
STATUS_WORDS = f"{', '.join(_STATUSES[:-1])} or {_STATUSES[-1]}"


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


class EvidenceCitation(Citation):
    """A citation of a link with the kind of evidence it gives and the deciding words."""

    evidence: str
    """The strongest kind of evidence in this statement: `named` (the agent's name,
    abbreviation or alias), `reference` (両者, 双方, both sides: agents named just before) or
    `collective` (日英関係省庁, the Participants: every agency of the partnership)."""
    words: list[str]
    """The words that decided it, as written in the source: `両者`, `DSIT`."""


class SharedCitation(Citation):
    agencies: list[str]
    """IRIs of the asked-about agencies that take part through this statement."""
    evidence: str
    """The strongest kind of evidence in this statement (named, reference, collective)."""


class DateText(Schema):
    """A date a statement gives, in the reader's language and as the data holds it."""

    text: str
    """In the language asked for: `June 2023`, `October 2023 ("last October")`, `Q1 2024`."""
    surface: str
    """The words of the source: `2023 年 6 月`, `昨年 10 月`."""
    value: str
    """ISO 8601 at its precision: `2023-06`, `2024-Q1`, `2024-01-16`, `2023`."""
    precision: str
    """day, month, quarter or year."""


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
    evidence: str
    """The strongest kind of evidence among its statements (named, reference, collective)."""
    statements: list[EvidenceCitation]


class AgencyDetail(Agency):
    aliases: list[str]
    """Other names the documents use (skos:altLabel, skos:hiddenLabel)."""
    page: str | None
    parent: Ref | None
    """The body the agency belongs to (org:subOrganizationOf), if any."""
    initiatives: list[Linked]
    """Initiatives the agency takes part in, and events named where it acts, with citations,
    under the kinds of evidence asked for."""
    collective_only: list[Ref]
    """Initiatives and events it reaches only through a collective term such as 日英関係省庁
    (shown apart; empty when `collective` is asked for)."""


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
    """How many agencies take part in it, under the kinds of evidence asked for."""
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
    """Who takes part in it, under the kinds of evidence asked for, each with the statements
    that say so and the words that decided it."""
    collective_only: list[Ref]
    """Who takes part only through a collective term such as 日英関係省庁 (shown apart; empty
    when `collective` is asked for)."""


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
    status: str | None = Field(description=f"{STATUS_WORDS}.")
    status_label: str | None
    strength: str | None
    """commitment, intention, exploration or factual."""
    strength_label: str | None
    date_start: str | None
    """First day of the earliest date the statement gives."""
    date_end: str | None
    """Last day of the latest date the statement gives."""
    dates: str | None
    """The dates in the language asked for, joined by ` / `."""
    date_list: list[DateText]
    """Each date: in the language asked for, as written, its ISO value and precision."""
    actors: list[str]
    """IRIs of the agents that act in it, under the kinds of evidence asked for."""
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
