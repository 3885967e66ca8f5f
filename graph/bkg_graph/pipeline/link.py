"""Link the names in a sentence to registry entities, and tell actors from mentions.

Matching is longest-first over width/space-folded text, so ``広島 AI プロセス包括的政策枠組み``
is the framework, not the process. An agent is an *actor* when it is the grammatical subject
(see :mod:`.subjects`); initiatives, documents and events are never actors.
Collective terms (日英関係省庁, 両国政府, 両者 …) are resolved to their members; what cannot
be resolved is reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..registry import Collective, Entity, Registry
from ..text import fold, is_cjk, is_word_char, match_key
from .subjects import chain_back, subject_indices

_DEFINITION = re.compile(
    r"[(（]\s*以下\s*「(?P<term>[^」]+)」\s*という。?\s*[)）]"
    r"|\(\s*hereinafter\s+(?:referred to as\s+)?[\"“](?P<term_en>[^\"”]+)[\"”]\s*\)"
)


@dataclass(frozen=True)
class Match:
    """A name found in text: [start, end) in the clean text."""

    start: int
    end: int
    surface: str
    entity: Entity | None = None
    collective: Collective | None = None
    gloss: bool = False  # an abbreviation in brackets repeating the name before it


@dataclass(frozen=True)
class Link:
    """One entity linked from a sentence, with the words that name it."""

    entity: Entity
    role: str  # "actor" | "mention"
    start: int
    end: int
    surface: str
    via: str | None = None


@dataclass
class Context:
    """What a document knows while it is being linked."""

    doc_id: str
    parties: tuple[str, ...]
    issuers: tuple[str, ...]
    definitions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class Linker:
    def __init__(self, registry: Registry, doc_id: str) -> None:
        self.registry = registry
        self.names: dict[str, Entity | Collective] = {}
        for entity in registry.entities.values():
            for name in entity.names(doc_id):
                self.names.setdefault(match_key(name), entity)
        for coll in registry.collectives:
            for name in (coll.term, *coll.aliases):
                self.names.setdefault(match_key(name), coll)
        self.longest = max(len(k) for k in self.names)

    def define(self, term: str) -> None:
        """Recognise a term the document defines itself (以下「両省」という) from now on."""
        key = match_key(term)
        if key and key not in self.names:
            self.names[key] = Collective(term=term, resolves="definition")
            self.longest = max(self.longest, len(key))

    def find(self, text: str) -> list[Match]:
        """Longest non-overlapping registry names in ``text``, left to right."""
        folded = fold(text)
        key = folded.key
        found: list[Match] = []
        i = 0
        while i < len(key):
            hit = None
            for j in range(min(len(key), i + self.longest), i, -1):
                target = self.names.get(key[i:j])
                if target is None:
                    continue
                start, end = folded.span(i, j)
                if _bounded(text, start, end):
                    hit = (j, start, end, target)
                    break
            if hit is None:
                i += 1
                continue
            j, start, end, target = hit
            surface = text[start:end]
            gloss = bool(found) and _is_gloss(text, found[-1], start, end, target)
            if isinstance(target, Entity):
                found.append(Match(start, end, surface, entity=target, gloss=gloss))
            else:
                found.append(Match(start, end, surface, collective=target, gloss=gloss))
            i = j
        return found


def _is_gloss(text: str, prev: Match, start: int, end: int, target: Entity | Collective) -> bool:
    same = prev.entity is target or prev.collective is target
    return (
        same
        and re.fullmatch(r"\s*[(（]\s*", text[prev.end : start]) is not None
        and re.match(r"\s*[)）、,]", text[end:]) is not None
    )


def _bounded(text: str, start: int, end: int) -> bool:
    """A Latin-script name must not start or end inside a word (GDS ≠ GDSX, AI ≠ MAIL)."""
    if is_word_char(text[start]) and start > 0 and is_word_char(text[start - 1]):
        return False
    return not (is_word_char(text[end - 1]) and end < len(text) and is_word_char(text[end]))


def find_definitions(text: str, matches: list[Match]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Terms a sentence defines for the rest of the document.

    As in 「A、B 及び C (以下「X」という。)」 or 'A and B (hereinafter "X")'.
    """
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for m in _DEFINITION.finditer(text):
        term = m.group("term") or m.group("term_en")
        chain = [x for x in matches if x.end <= m.start() and x.entity is not None]
        members = chain_back(text, chain, m.start())
        if members:
            out[match_key(term)] = (term, tuple(e.entity.id for e in members if e.entity))
    return out


def link_sentence(
    linker: Linker,
    text: str,
    ctx: Context,
    previous_actor_sets: list[tuple[str, ...]],
    previous_agents: list[Entity],
) -> tuple[list[Link], list[str]]:
    """Links of one sentence; returns the links and the warnings about it."""
    matches = [m for m in linker.find(text) if not m.gloss]
    for key, (term, defined) in find_definitions(text, matches).items():
        ctx.definitions[key] = defined
        linker.define(term)
    warnings: list[str] = []
    actor_idx = subject_indices(text, matches, latin=not any(is_cjk(c) for c in text))
    links: list[Link] = []
    for idx, m in enumerate(matches):
        is_subject = idx in actor_idx
        if m.entity is not None:
            role = "actor" if is_subject and m.entity.is_agent else "mention"
            links.append(Link(m.entity, role, m.start, m.end, m.surface))
            continue
        assert m.collective is not None
        if not is_subject:
            continue  # a collective term used as a modifier (双方の協力) names no one in particular
        members = _resolve(
            linker.registry, m.collective, m.surface, ctx, previous_actor_sets, previous_agents
        )
        if members is None:
            warnings.append(f"could not resolve {m.surface!r}: no pair of parties named before it")
            continue
        for ident in members:
            links.append(
                Link(linker.registry.get(ident), "actor", m.start, m.end, m.surface, via=m.surface)
            )
    return links, warnings


def _resolve(
    registry: Registry,
    coll: Collective,
    surface: str,
    ctx: Context,
    previous_actor_sets: list[tuple[str, ...]],
    previous_agents: list[Entity],
) -> tuple[str, ...] | None:
    if coll.resolves == "members":
        return coll.members
    if coll.resolves == "parties":
        return ctx.parties
    if coll.resolves == "definition":
        for name in (coll.term, *coll.aliases, surface):
            defined = ctx.definitions.get(match_key(name))
            if defined:
                return defined
        ctx.warnings.append(f"{surface!r} is used without a definition; read as the issuers")
        return ctx.issuers
    # context: the last pair of actors, else the last two agents of different countries
    for actor_set in reversed(previous_actor_sets):
        if len(actor_set) == 2:
            return actor_set
    seen: list[Entity] = []
    for agent in reversed(previous_agents):
        if agent.id in {s.id for s in seen}:
            continue
        seen.append(agent)
        if len(seen) == 2:
            a, b = seen
            home_a = a.country or a.id
            home_b = b.country or b.id
            if home_a != home_b:
                return (b.id, a.id)
            return None
    return None
