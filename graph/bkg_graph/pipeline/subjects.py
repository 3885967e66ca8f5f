"""Which names in a sentence stand as its grammatical subject.

Japanese marks the subject after the noun: a name, or a chain of names joined by と／及び／
並びに／、, followed by は, が, も or によって (the agent of a passive). A name followed by の
and another name only qualifies it (日本政府の総務省).

English puts the subject first: the chain of names that opens the sentence (after ``The``,
``Both`` or an introductory phrase ending in a comma), joined by ``and`` or commas, and
followed by a verb. ``X of Y`` makes Y a qualifier of X (the Digital Agency of Japan).
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

_SKIP = re.compile(r"^(?:\s|[(（][^()（）]{0,60}(?:[(（][^()（）]*[)）][^()（）]{0,20})?[)）])+")
_CONNECTOR = re.compile(r"^\s*(?:と|及び|並びに|、|や|,|and\b|&)\s*")
_MODIFIER = re.compile(r"^\s*の\s*")
_SUBJECT = re.compile(r"^\s*(?:は(?!ず)|が|も[、,]|によって|により)")

_EN_LEAD = re.compile(
    r"^\s*(?:[^,]{0,60},\s*)?(?:the\s+|both\s+)?$",
    re.IGNORECASE,
)
_EN_CONNECT = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?$", re.IGNORECASE)
_EN_OF = re.compile(r"^\s*of\s+(?:the\s+)?$", re.IGNORECASE)
_EN_NOT_VERB = re.compile(
    r"^(?:of|for|in|on|with|to|at|from|by|under|through|between|and|or|is|'s|’s)\b"
)
_EN_WORD = re.compile(r"^[a-z][a-z'’-]*")


class Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Span)


def _skip(text: str) -> str:
    return _SKIP.sub("", text)


def chain_back(text: str, matches: list[S], end: int) -> list[S]:
    """The names joined by connectors (or qualifiers) that end right before ``end``.

    Qualifiers are left out: の before the next name in Japanese, ``of`` after it in English.
    """
    chain: list[S] = []
    cursor = end
    for m in reversed(matches):
        gap = _skip(text[m.end : cursor])
        if chain and _MODIFIER.fullmatch(gap):
            cursor = m.start
            continue  # 日本政府の総務省: 日本政府 only qualifies
        if chain and _EN_OF.fullmatch(gap):
            chain[-1] = m  # the Digital Agency of Japan: Japan only qualifies
            cursor = m.start
            continue
        if gap.strip() and not (
            chain and (_CONNECTOR.fullmatch(gap) or _EN_CONNECT.fullmatch(gap))
        ):
            break
        chain.append(m)
        cursor = m.start
    return list(reversed(chain))


def subject_indices(text: str, matches: list[S], *, latin: bool) -> set[int]:
    """Indices of the matches that form the subject (alone or in a chain)."""
    return _english(text, matches) if latin else _japanese(text, matches)


def _japanese(text: str, matches: list[S]) -> set[int]:
    actors: set[int] = set()
    for idx, m in enumerate(matches):
        if not _SUBJECT.match(_skip(text[m.end :])):
            continue
        chain = {id(x) for x in chain_back(text, matches[: idx + 1], m.end)}
        actors.update(i for i, x in enumerate(matches) if id(x) in chain)
    return actors


def _english(text: str, matches: list[S]) -> set[int]:
    # the subject opens the sentence, or follows an introductory phrase ending in a comma
    # (Recalling the Hiroshima Accord, the Participants …)
    first = next((i for i, m in enumerate(matches) if _EN_LEAD.match(text[: m.start])), None)
    if first is None:
        return set()
    chain = [first]
    end = matches[first].end
    for idx in range(first + 1, len(matches)):
        gap = _skip(text[end : matches[idx].start])
        if _EN_OF.fullmatch(gap):
            end = matches[idx].end  # a qualifier: not part of the subject
        elif _EN_CONNECT.fullmatch(gap):
            chain.append(idx)
            end = matches[idx].end
        else:
            break
    rest = _skip(text[end:])
    word = _EN_WORD.match(rest)
    if word is None or _EN_NOT_VERB.match(rest):
        return set()
    return set(chain)


def opens_predicate(rest: str, *, latin: bool) -> bool:
    """True when ``rest`` (what follows a name or a definition) begins with the predicate, so
    that what stands before it is the subject: ``… will launch``, ``…は``."""
    rest = _skip(rest)
    if not latin:
        return bool(_SUBJECT.match(rest))
    return _EN_WORD.match(rest) is not None and _EN_NOT_VERB.match(rest) is None
