"""Find words that look like names but are not in the registry, for a curator to review.

Acronyms (``ZTA``, ``6G``), long katakana runs (``インフラシェアリング``), 「quoted」 titles,
capitalised English names (``Quantum Technology Partnership``, ``ISO/IEC 27001``) and Japanese
names of bodies that the registry does not know are reported with their locator and context.
A known name inside a longer unknown one does not hide it: ``OECD Working Party on Data
Governance`` is a candidate although ``OECD`` is known. Members of a document's own definitions
that the registry does not know are reported too. Ordinary words listed in
``ontology/registry/ignore.toml`` are not.
"""

from __future__ import annotations

import calendar
import re

from ..text import match_key
from .link import Linker, longer_names
from .names import LATIN_ACT, name_pieces, uncovered_words
from .records import Candidate, Statement

_ACRONYM = re.compile(r"(?<![\w/-])(?=[0-9]*[A-Z])[A-Z0-9][A-Z0-9&+/\-]{1,}[a-z]?(?![\w/-])")
_KATAKANA = re.compile(r"[ァ-ヺー・]{6,}")
_QUOTED = re.compile(r"「([^「」]{2,80})」")
_GLOSS = re.compile(r"\s*[(（][^()（）]{1,40}[)）]")
_CALENDAR = {m.lower() for m in (*calendar.month_name, *calendar.day_name) if m}
_JOINERS = {"of", "for", "on", "and", "the", "de", "du"}
_DATE_WORD = re.compile(r"^(?:\d+|Q[1-4]|H[12]|FY\d{2,4})$")
_NUMBERED = re.compile(
    r"^(?:Annex|Article|Paragraph|Section|Chapter|Pillar|Table|Figure|Phase|Part|Item|Point)$"
)


def find_candidates(
    statements: list[Statement],
    linker: Linker,
    lang: str = "ja",
    unknown_members: dict[int, list[str]] | None = None,
) -> list[Candidate]:
    """Every unknown name-like term, first occurrence each.

    ``unknown_members`` maps a statement's position to the member names its definitions hold
    that the registry does not know.
    """
    ignored = linker.registry.ignored
    seen: set[str] = set()
    out: list[Candidate] = []

    for st in statements:
        found_here: list[tuple[int, int, str]] = []  # (start, end, term)
        text = st.text
        everything = linker.find(text)
        found = [m for m in everything if not m.gloss]
        covered = [(m.start, m.end) for m in everything]
        taken: list[tuple[int, int]] = []
        for term in (unknown_members or {}).get(st.position, []):
            at = max(text.find(term), 0)
            gloss = _GLOSS.match(text, at + len(term))  # (DG CONNECT) belongs to the name
            taken.append((at, gloss.end() if gloss else at + len(term)))
            found_here.append((at, at + len(term), term))
        for s, e in longer_names(text, found):  # a known name inside a longer unknown one
            if not any(a <= s and e <= b for a, b in taken):
                taken.append((s, e))
                found_here.append((s, e, text[s:e]))
        for s, e in name_pieces(text, [(m.start, m.end) for m in found]):
            term = text[s:e]
            if not any(a <= s and e <= b for a, b in taken) and _is_name(term, s, covered):
                taken.append((s, e))
                found_here.append((s, e, term))
        for pattern in (LATIN_ACT, _ACRONYM, _KATAKANA, _QUOTED):
            for m in pattern.finditer(text):
                s, e = m.span(m.lastindex or 0)
                term = text[s:e].strip("・")
                if any(a <= s and e <= b for a, b in (*covered, *taken)):
                    continue
                if pattern is LATIN_ACT:
                    taken.append((s, e))
                if pattern is _QUOTED and any(a < e and s < b for a, b in covered):
                    continue
                if pattern is _ACRONYM and _DATE_WORD.match(term):
                    continue  # Q2, H1, FY2025
                found_here.append((s, e, term))
        for s, e, term in sorted(found_here):  # in the order of the text
            key = match_key(term)
            if key and key not in seen and key not in ignored:
                seen.add(key)
                out.append(Candidate(term, st.locator(lang), text[max(0, s - 15) : e + 15]))
    return out


def _is_name(term: str, s: int, covered: list[tuple[int, int]]) -> bool:
    """A multi-word run with at least one word that no known name covers, and not a date
    (``May 2024``)."""
    words = term.split()
    if len(words) < 2:
        return False
    content = [w.strip(",") for w in words if w.lower() not in _JOINERS]
    if all(w.lower() in _CALENDAR or _DATE_WORD.match(w) for w in content):
        return False  # May 2024, Q2 2026
    if len(content) == 2 and _NUMBERED.match(content[0]) and content[1][:1].isdigit():
        return False  # Annex 1, Article 28

    return bool(uncovered_words(term, 0, len(term), [(a - s, b - s) for a, b in covered]))
