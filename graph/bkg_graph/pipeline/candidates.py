"""Find words that look like names but are not in the registry, for a curator to review.

Acronyms (``ZTA``), long katakana runs (``インフラシェアリング``) and 「quoted」 titles that no
registry name covers are reported with their locator and context; ordinary loanwords listed in
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


def find_candidates(statements: list[Statement], linker: Linker) -> list[tuple[str, str, str]]:
    """(term, locator, context) for every unknown name-like term, first occurrence each."""
    ignored = linker.registry.ignored
    seen: set[str] = set()
    out: list[tuple[str, str, str]] = []
    for st in statements:
        text = st.text
        covered = [(m.start, m.end) for m in linker.find(text)]
        for pattern in (_ACRONYM, _KATAKANA, _QUOTED):
            for m in pattern.finditer(text):
                s, e = m.span(m.lastindex or 0)
                term = text[s:e].strip("・")
                key = match_key(term)
                if not key or key in seen or key in ignored:
                    continue
                if any(a <= s and e <= b for a, b in covered):
                    continue
                if pattern is _QUOTED and any(s <= a and b <= e for a, b in covered):
                    continue
                seen.add(key)
                context = text[max(0, s - 15) : e + 15]
                out.append((term, st.locator("ja"), context))
    return out
