"""Link the names in a sentence to registry entities, and tell actors from mentions.

Matching is longest-first over width/space-folded text, so ``広島 AI プロセス包括的政策枠組み``
is the framework, not the process. An agent is an *actor* when it is the grammatical subject
(see :mod:`.subjects`); initiatives, documents and events are never actors.
Collective terms (日英関係省庁, 両国政府, 両者 …) are resolved to their members; what cannot
be resolved is reported, never guessed. Terms a document defines (see :mod:`.definitions`) are
resolved to the members it names. A known name inside a longer unknown name (``Global CBPR
Forum`` in ``Global CBPR Forum Steering Committee``) is linked as *related*, never as the
longer body and never as an actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import ahocorasick

from ..registry import Collective, Entity, Registry
from ..text import fold, has_cjk, is_word_char, match_key
from .definitions import Definition, definition_key, find_definitions
from .names import LATIN_ACT, japanese_extension, name_pieces, uncovered_words
from .records import Link
from .subjects import opens_predicate, subject_indices


@dataclass(frozen=True)
class Match:
    """A name found in text: [start, end) in the clean text."""

    start: int
    end: int
    surface: str
    entity: Entity | None = None
    collective: Collective | None = None
    gloss: bool = False  # an abbreviation in brackets repeating the name before it


@dataclass
class Context:
    """What a document knows while it is being linked."""

    doc_id: str
    parties: tuple[str, ...]
    issuers: tuple[str, ...]
    definitions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # names the document uses for members of its definitions that the registry does not know
    unknown_members: list[str] = field(default_factory=list)
    found_definitions: list[Definition] = field(default_factory=list)  # in document order


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
        self.automaton = _automaton(frozenset(self.names))

    def define(self, term: str) -> None:
        """Recognise a term the document defines itself (以下「両省」という) from now on."""
        for key in dict.fromkeys((match_key(term), definition_key(term))):
            if key and key not in self.names:
                self.names[key] = Collective(term=term, resolves="definition")
                self.automaton = _automaton(frozenset(self.names))

    def find(self, text: str) -> list[Match]:
        """Longest non-overlapping registry names in ``text``, left to right: at each place,
        the longest name that starts there and is bounded as a word (else a shorter one)."""
        folded = fold(text)
        key = folded.key
        names = self.names
        ends: dict[int, list[int]] = {}  # where the names that start at a place end
        for last, length in self.automaton.iter(key):
            ends.setdefault(last + 1 - length, []).append(last + 1)
        found: list[Match] = []
        i = 0
        for here in sorted(ends):
            if here < i:  # inside the name found last
                continue
            for j in sorted(ends[here], reverse=True):
                start, end = folded.span(here, j)
                if not _bounded(text, start, end):
                    continue
                target = names[key[here:j]]
                surface = text[start:end]
                gloss = bool(found) and _is_gloss(text, found[-1], start, end, target)
                if isinstance(target, Entity):
                    found.append(Match(start, end, surface, entity=target, gloss=gloss))
                else:
                    found.append(Match(start, end, surface, collective=target, gloss=gloss))
                i = j
                break
        return found


_AUTOMATA: dict[frozenset[str], ahocorasick.Automaton] = {}


def _automaton(keys: frozenset[str]) -> ahocorasick.Automaton:
    """An Aho–Corasick automaton that finds every key of ``keys`` in a text in one pass (each
    found with its length); kept for the same keys (the documents without local aliases
    share one)."""
    found = _AUTOMATA.get(keys)
    if found is None:
        if len(_AUTOMATA) > 64:
            _AUTOMATA.clear()
        found = ahocorasick.Automaton()
        for k in keys:
            if k:
                found.add_word(k, len(k))
        found.make_automaton()
        _AUTOMATA[keys] = found
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


def longer_names(text: str, matches: list[Match]) -> list[tuple[int, int]]:
    """[start, end) of the longer unknown names that known names stand inside
    (``Global CBPR Forum`` in ``Global CBPR Forum Steering Committee``, ``AI`` in ``Japan AI
    Safety Institute``, ``経済産業省`` in ``経済産業省商務情報政策局``)."""
    if has_cjk(text):
        spans = [
            act.span()
            for act in LATIN_ACT.finditer(text)
            if any(act.start() <= m.start and m.end <= act.end() for m in matches)
        ]
        for m in matches:
            end = japanese_extension(text, m.end)
            if end > m.end and not any(m.end <= x.start < end for x in matches):
                spans.append((m.start, end))
        return spans
    known = [(m.start, m.end) for m in matches]
    return [
        (s, e)
        for s, e in name_pieces(text, known)
        if any(s <= a and b <= e for a, b in known) and uncovered_words(text, s, e, known)
    ]


def record_definitions(
    linker: Linker, text: str, matches: list[Match], ctx: Context
) -> list[Definition]:
    """Read the sentence's definitions into the document's context, and say what they hold."""
    latin = not has_cjk(text)
    found = find_definitions(text, list(matches), latin=latin)
    ctx.found_definitions.extend(found)
    for d in found:
        ctx.definitions[d.key] = d.members
        linker.define(d.term)
        ctx.unknown_members.extend(d.unknown)
        if d.unknown:
            names = ", ".join(repr(u) for u in d.unknown)
            ctx.warnings.append(
                f"{d.term!r} is defined with {names}, not in the registry; "
                f"read as {', '.join(d.members) or 'no known member'} until it is added"
            )
    return found


def link_sentence(
    linker: Linker,
    text: str,
    ctx: Context,
    previous_actor_sets: list[tuple[str, ...]],
    previous_agents: list[Entity],
) -> tuple[list[Link], list[str]]:
    """Links of one sentence; returns the links and the warnings about it."""
    matches = [m for m in linker.find(text) if not m.gloss]
    definitions = record_definitions(linker, text, matches, ctx)
    warnings: list[str] = []
    latin = not has_cjk(text)
    actor_idx = subject_indices(text, matches, latin=latin)
    for d in definitions:  # "A and B (together "the Participants") will …": A and B act
        if opens_predicate(text[d.end :], latin=latin):
            actor_idx |= {
                i
                for i, m in enumerate(matches)
                if m.entity is not None and m.entity.id in d.members and m.end <= d.start
            }
    links: list[Link] = []
    nested = longer_names(text, matches)
    for idx, m in enumerate(matches):
        is_subject = idx in actor_idx
        if m.entity is not None:
            if any(a <= m.start and m.end <= b for a, b in nested):
                links.append(Link(m.entity, "related", m.start, m.end, m.surface))
                continue
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
        kind = "reference" if m.collective.resolves == "context" else "collective"
        for ident in members:
            entity = linker.registry.get(ident)
            links.append(Link(entity, "actor", m.start, m.end, m.surface, m.surface, kind))
    return links, warnings


def _resolve(
    registry: Registry,
    coll: Collective,
    surface: str,
    ctx: Context,
    previous_actor_sets: list[tuple[str, ...]],
    previous_agents: list[Entity],
) -> tuple[str, ...] | None:
    own = ctx.definitions.get(definition_key(surface))
    if own is not None:  # the document's own definition comes first (以下「両者」という)
        return own
    if coll.resolves == "members":
        return coll.members
    if coll.resolves == "parties":
        return ctx.parties
    if coll.resolves == "definition":
        for name in (coll.term, *coll.aliases, surface):
            defined = ctx.definitions.get(definition_key(name))
            if defined is not None:
                return defined
        ctx.warnings.append(f"{surface!r} is used without a definition; read as the issuers")
        return ctx.issuers
    # context: the last pair of actors, else the last two agents of different countries
    if not previous_agents and coll.fallback == "parties":
        return ctx.parties
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
