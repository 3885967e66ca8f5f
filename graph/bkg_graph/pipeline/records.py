"""The records a document is read into, before any RDF: links, sentences, statements.

One module for the types that the reading steps (link, statements, candidates) and the later
ones (build, compare, history) share, so that none of them imports another for its types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ..corpus import DocumentMeta
from ..registry import Entity, Pillar, Theme
from .amounts import AmountMention
from .dates import DateMention
from .definitions import Definition
from .parse import Footnote, Item, ParsedDocument
from .status import Decision

# How the words of a link name its entity:
#   named       the entity's own name or alias (経済産業省, METI, the European Commission)
#   collective  a collective term resolved to its members or the document's parties
#               (日英関係省庁, 両国政府, the Participants as the document defines it)
#   reference   a term that points back to agents named just before (両者, 双方)
LINK_KINDS = ("named", "collective", "reference")


@dataclass(frozen=True)
class Link:
    """One entity linked from a sentence, with the words that name it.

    ``surface`` is the words as written; ``via`` repeats them when they are a collective term
    or a reference rather than the entity's name; ``kind`` says which (see ``LINK_KINDS``).
    """

    entity: Entity
    role: str  # "actor" | "mention" | "related" (a known name inside a longer unknown one)
    start: int
    end: int
    surface: str
    via: str | None = None
    kind: str = "named"

    def shifted(self, by: int) -> Link:
        """The same link with offsets moved by ``by`` (sentence → statement text)."""
        return Link(
            self.entity,
            self.role,
            self.start + by,
            self.end + by,
            self.surface,
            self.via,
            self.kind,
        )


class Candidate(NamedTuple):
    """A name-like term the registry does not know, where it was seen, and its context."""

    term: str
    locator: str
    context: str


@dataclass
class Sentence:
    position: int
    text: str
    start: int  # offsets in the statement's clean text
    end: int
    spans: list[tuple[int, int]]  # offsets in the source
    links: list[Link]
    dates: list[DateMention]
    amounts: list[AmountMention]
    status: Decision | None
    strength: Decision | None
    # known names read inside a longer unknown name (the Global CBPR Forum in ``Global CBPR
    # Forum Steering Committee``): a related entity, never the same thing, never an actor
    related: list[Link] = field(default_factory=list)


@dataclass
class Statement:
    item: Item
    position: int
    path: tuple[str, ...]  # locator path: pillar id, theme id, labels (parent first)
    pillar: Pillar
    theme: Theme
    sentences: list[Sentence]
    spans: list[tuple[int, int]]
    cited: list[CitedDocument]
    parent: Statement | None = None

    @property
    def text(self) -> str:
        return self.item.text

    def locator(self, lang: str) -> str:
        pillar = self.pillar.ja if lang == "ja" else self.pillar.en
        theme = self.theme.ja if lang == "ja" else self.theme.en
        labels = [s.item.label for s in self.ancestry()]
        parts = [pillar] if self.theme.id == self.pillar.default_theme else [pillar, theme]
        return " › ".join([*parts, *labels])

    def ancestry(self) -> list[Statement]:
        chain: list[Statement] = [self]
        while chain[0].parent is not None:
            chain.insert(0, chain[0].parent)
        return chain

    def links(self, role: str | None = None) -> list[Link]:
        return [lk for s in self.sentences for lk in s.links if role is None or lk.role == role]

    def entities(self, role: str) -> list[Entity]:
        """Distinct entities in a role, in order of first appearance; an actor is never also
        listed as a mention."""
        actors = {lk.entity.id for lk in self.links("actor")}
        out: dict[str, Entity] = {}
        for lk in self.links(role):
            if role == "mention" and lk.entity.id in actors:
                continue
            out.setdefault(lk.entity.id, lk.entity)
        return list(out.values())

    def related(self) -> list[Entity]:
        """Distinct known entities read inside longer unknown names, first appearance first."""
        out: dict[str, Entity] = {}
        for lk in (lk for s in self.sentences for lk in s.related):
            out.setdefault(lk.entity.id, lk.entity)
        return list(out.values())

    @property
    def status(self) -> Decision | None:
        return next((s.status for s in self.sentences if s.status), None)

    @property
    def strength(self) -> Decision | None:
        return next((s.strength for s in self.sentences if s.strength), None)


@dataclass(frozen=True)
class CitedDocument:
    """A document a footnote cites: from the registry when it is known there."""

    number: str
    footnote: Footnote
    entity: Entity | None
    ident: str  # registry id, or an id derived from the footnote's URL or title


@dataclass
class DocumentRecord:
    meta: DocumentMeta
    source: str
    sha256: str
    parsed: ParsedDocument
    statements: list[Statement]
    cited: dict[str, CitedDocument]
    warnings: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)  # terms the document defines
