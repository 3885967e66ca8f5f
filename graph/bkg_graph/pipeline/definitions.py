"""Terms a document defines for itself, read by one small grammar in both languages.

The family, as joint statements write it::

    A and B (hereinafter "X")                 A and B (hereinafter referred to as the "X")
    A and B (together "the X")                A and B (collectively, "the X")
    A and B (the "X")                          A and B (each a "Y", together the "X")
    A、B 及び C（以下「X」という。）          A 及び B（以下「X」と総称する。）
    A と B（以下、「X」）                      A 及び B（以下総称して「X」という。）

The members are the names joined by connectors (``,`` ``and`` 、 及び 並びに と) right before
the bracket. A member the registry knows is resolved to its entity (``X of Y`` and ``Y's X``
keep X; 日本政府の総務省 keeps 総務省); a member that only looks like a name is kept as an
unknown member, for the caller to report as a candidate, never dropped or guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from ..registry import Entity
from ..text import match_key
from .names import is_english_name, is_japanese_body

_Q_OPEN = "\"“‘'"
_Q_CLOSE = "\"”’'"
_EN = re.compile(
    rf"\(\s*(?:each\s+(?:a|an)\s+[{_Q_OPEN}][^{_Q_CLOSE}]{{1,40}}[{_Q_CLOSE}]\s*(?:,|;|and)?\s*)?"
    r"(?:hereinafter,?\s+)?(?:(?:together|collectively|jointly),?\s+)?"
    r"(?:(?:referred\s+to|known)\s+as\s+)?(?:the\s+)?"
    rf"[{_Q_OPEN}](?P<term>[^{_Q_CLOSE}]{{1,60}})[{_Q_CLOSE}]\s*\)",
    re.IGNORECASE,
)
_JA = re.compile(
    r"(?P<open>[(（])?\s*以下\s*[、,]?\s*(?:総称して\s*)?「(?P<term>[^」]{1,30})」"
    r"\s*(?:と\s*(?:いう|総称する|称する|呼ぶ)\s*。?)?\s*(?(open)[)）])"
)
# a comma inside a name (Communications Networks, Content and Technology) joins no members:
# a comma separates members only before an article or a known name
_EN_CONNECTOR = re.compile(r",\s*(?:and\s+)?(?=[Tt]he\s)|;\s*|\s*&\s*|\s+and\s+(?=[Tt]he\s)")
_EN_COMMA = re.compile(r",\s*(?:and\s+)?")
_EN_AND = re.compile(r"\s+and\s+")
_JA_CONNECTOR = re.compile(r"[、,]\s*|\s*(?:及び|並びに)\s*|\s*と\s*(?=\S)")
_POSSESSIVE = re.compile(r"['’]s\s+")
_INNER_GLOSS = re.compile(r"\s*[(（][^()（）]{1,40}[)）]")
_GLOSS = re.compile(r"\s*[(（][^()（）]{1,40}[)）]\s*$")
_ARTICLE = re.compile(r"^(?:the|The|both|Both)\s+")
_EN_QUALIFIER = re.compile(r"^(?:\s|of|the|['’]s|,)*$")


class NameMatch(Protocol):
    """A registry name found in the text (see :class:`.link.Match`)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def entity(self) -> Entity | None: ...


@dataclass(frozen=True)
class Definition:
    """One defined term: its members, known and unknown, and where the definition stands."""

    term: str
    start: int
    end: int
    members: tuple[str, ...]  # registry ids, in the order written
    unknown: tuple[str, ...] = ()  # member names the registry does not know
    related: tuple[str, ...] = field(default=())  # known names inside unknown members

    @property
    def key(self) -> str:
        return definition_key(self.term)


def definition_key(term: str) -> str:
    """The key a defined term is known by: ``the Participants`` and ``Participants`` alike."""
    return match_key(_ARTICLE.sub("", term.strip()))


def find_definitions(text: str, matches: list[NameMatch], *, latin: bool) -> list[Definition]:
    """Every definition in a sentence, with its members read back from the bracket."""
    out: list[Definition] = []
    for m in (_EN if latin else _JA).finditer(text):
        term = m.group("term").strip()
        known, unknown, related = _members(text, matches, m.start(), latin=latin)
        if known or unknown:
            out.append(Definition(term, m.start(), m.end(), known, unknown, related))
    return out


def _connectors(
    text: str, matches: list[NameMatch], end: int, latin: bool
) -> list[tuple[int, int]]:
    """Connector spans before ``end`` that are outside names and brackets."""
    depth = [0] * (end + 1)
    level = 0
    for i, ch in enumerate(text[:end]):
        if ch in "(（":
            level += 1
        elif ch in ")）":
            level = max(0, level - 1)
        depth[i] = level
    spans = [
        (m.start(), m.end())
        for m in (_EN_CONNECTOR if latin else _JA_CONNECTOR).finditer(text, 0, end)
    ]
    if latin:  # "and" or a comma right after or before a known name joins two members
        starts = {x.start for x in matches}
        ends = {x.end for x in matches}
        spans += [
            (a.start(), a.end())
            for pattern in (_EN_AND, _EN_COMMA)
            for a in pattern.finditer(text, 0, end)
            if a.start() in ends or a.end() in starts or _after_gloss(text, a.start())
        ]
    inside = [(x.start, x.end) for x in matches]
    return sorted(
        {(s, e) for s, e in spans if depth[s] == 0 and not any(a < e and s < b for a, b in inside)}
    )


def _after_gloss(text: str, pos: int) -> bool:
    return text[:pos].rstrip().endswith((")", "）"))


def _members(
    text: str, matches: list[NameMatch], end: int, *, latin: bool
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    known: list[str] = []
    unknown: list[str] = []
    related: list[str] = []
    connectors = _connectors(text, matches, end, latin)
    bounds = [0, *(e for _, e in connectors)]
    stops = [*(s for s, _ in connectors), end]
    for s, e in reversed(list(zip(bounds, stops, strict=True))):
        raw = text[s:e]
        piece = _ARTICLE.sub("", _GLOSS.sub("", raw).strip())
        offset = s + raw.index(piece) if piece and piece in raw else s
        inside = [x for x in matches if s <= x.start and x.end <= e and x.entity is not None]
        head, whole = _head(text, piece, offset, inside, latin)
        if head is not None and head.entity is not None and whole:
            known.append(head.entity.id)
            continue
        name = _english_unknown(text, offset, piece, inside) if latin else piece.split("の")[-1]
        if piece and (is_english_name(piece) if latin else is_japanese_body(name)):
            unknown.append(name)
            related += [x.entity.id for x in inside if x.entity is not None]
            continue
        if head is not None and head.entity is not None:
            known.append(head.entity.id)  # a name ending other words: the first member
        break
    return tuple(reversed(known)), tuple(reversed(unknown)), tuple(dict.fromkeys(related))


def _english_unknown(text: str, offset: int, piece: str, inside: list[NameMatch]) -> str:
    """The unknown name in a member phrase, without a known owner before (``the European
    Commission's``) or after it (``of the European Commission``) and without its gloss."""
    name_start, name_end = offset, offset + len(piece)
    for x in inside:
        owner = _POSSESSIVE.match(text, x.end)
        if x.start == name_start and owner is not None:
            name_start = owner.end()
        tail = re.search(r"\s+of\s+(?:the\s+)?$", text[name_start : x.start])
        if x.end == name_end and tail is not None:
            name_end = name_start + tail.start()
    return _INNER_GLOSS.sub("", text[name_start:name_end]).strip()


def _head(
    text: str, piece: str, offset: int, inside: list[NameMatch], latin: bool
) -> tuple[NameMatch | None, bool]:
    """The member a piece names and whether the piece is wholly that name with qualifiers;
    otherwise a known name that ends the piece (``… between the European Commission``).

    English: X of Y and Y's X name X. Japanese: 日本政府の総務省 names 総務省.
    """
    if not inside:
        return None, False
    end = offset + len(piece)
    covered = text[offset:end]
    for x in inside:
        a, b = x.start - offset, x.end - offset
        covered = covered[:a] + " " * (b - a) + covered[b:]
    covered = re.sub(r"[(（][^()（）]{1,40}[)）]", lambda g: " " * len(g.group(0)), covered)
    if not latin:
        whole = re.fullmatch(r"[\s の]*", covered) is not None
        return (inside[-1], whole) if whole or inside[-1].end >= end else (None, False)
    if _EN_QUALIFIER.fullmatch(covered):
        heads = [x for x in inside if not re.match(r"\s*['’]s\b", text[x.end : x.end + 3])]
        heads = (
            [x for x in heads if not re.search(r"\bof\s+(?:the\s+)?$", text[offset : x.start])]
            or heads
            or inside
        )
        return heads[0], True
    return (inside[-1], False) if inside[-1].end >= end else (None, False)
