"""Find words that look like names but are not in the registry, for a curator to review.

Acronyms (``ZTA``), long katakana runs (``インフラシェアリング``), 「quoted」 titles and
capitalised English phrases (``Quantum Technology Partnership``) that no registry name covers
are reported with their locator and context; ordinary words listed in
``ontology/registry/ignore.toml`` are not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..text import match_key
from .link import Linker

if TYPE_CHECKING:
    from .statements import Statement

_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9&+\-]{1,}[a-z]?(?![A-Za-z0-9])")
_KATAKANA = re.compile(r"[ァ-ヺー・]{6,}")
_QUOTED = re.compile(r"「([^「」]{2,80})」")
# Two or more capitalised words, possibly joined by of/and/for/on (Quantum Technology Partnership)
_TITLE = re.compile(
    r"(?<![\w’'])(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+(?:(?:of|and|for|on|the)\s+)?(?:[A-Z][a-z]+|[A-Z]{2,})){1,6}"
)
_LEADING = re.compile(r"^(?:The|Both|This|These|In|On|At|By|For|With|Under)\s+")


def find_candidates(
    statements: list[Statement], linker: Linker, lang: str = "ja"
) -> list[tuple[str, str, str]]:
    """(term, locator, context) for every unknown name-like term, first occurrence each."""
    ignored = linker.registry.ignored
    seen: set[str] = set()
    out: list[tuple[str, str, str]] = []
    for st in statements:
        text = st.text
        covered = [(m.start, m.end) for m in linker.find(text)]
        for pattern in (_ACRONYM, _KATAKANA, _QUOTED, _TITLE):
            for m in pattern.finditer(text):
                s, e = m.span(m.lastindex or 0)
                if pattern is _TITLE:
                    lead = _LEADING.match(text, s)
                    s = lead.end() if lead else s
                term = text[s:e].strip("・")
                if pattern is _TITLE and " " not in term:
                    continue
                key = match_key(term)
                if not key or key in seen or key in ignored:
                    continue
                if any(a <= s and e <= b for a, b in covered):
                    continue
                if pattern in (_QUOTED, _TITLE) and any(a < e and s < b for a, b in covered):
                    continue
                seen.add(key)
                context = text[max(0, s - 15) : e + 15]
                out.append((term, st.locator(lang), context))
    return out
