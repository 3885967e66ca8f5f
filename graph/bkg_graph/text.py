"""Text normalisation shared by matching, search and tests.

Japanese sources mix full-width and half-width forms and put spaces inside names
(``広島 AI プロセス``); a reader treats all of these as the same name. ``match_key`` folds
width (NFKC), case, whitespace and middle dots away, and keeps a map from every character
of the key back to the character of the original it came from, so a match in the key can be
quoted from the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters a reader does not see as part of a name: whitespace and middle dots.
_IGNORED = frozenset(" \t\r\n\u3000\u00a0・·･")
# Dashes written in names (UK–Japan, UK-Japan, ＵＫ－Ｊａｐａｎ) are one dash.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d", "-"))


@dataclass(frozen=True)
class Folded:
    """A match key and, for each of its characters, the index in the original text."""

    key: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) that the key's [start, end) came from."""
        return self.origin[start], self.origin[end - 1] + 1


def _fold_char(ch: str) -> str:
    """What one character becomes in a key (nothing for a space or a middle dot)."""
    if ch in _IGNORED:
        return ""
    folded = unicodedata.normalize("NFKC", ch).casefold().translate(_DASHES)
    return "".join(out for out in folded if out not in _IGNORED)


# Every character seen so far, folded: a document repeats a few hundred characters.
_FOLDED: dict[str, str] = {}


def fold(text: str) -> Folded:
    """Fold width, case, spaces and middle dots; keep the offset map."""
    chars: list[str] = []
    origin: list[int] = []
    table = _FOLDED
    for i, ch in enumerate(text):
        out = table.get(ch)
        if out is None:
            out = table[ch] = _fold_char(ch)
        if len(out) == 1:
            chars.append(out)
            origin.append(i)
        elif out:
            chars.extend(out)
            origin.extend([i] * len(out))
    return Folded("".join(chars), tuple(origin))


@lru_cache(maxsize=1 << 16)
def match_key(text: str) -> str:
    """The key under which two spellings of one name compare equal."""
    return fold(text).key


# The ranges of is_cjk, for a whole string at once.
_CJK = re.compile("[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def has_cjk(text: str) -> bool:
    """True if ``text`` has any character of Japanese/Chinese script (then it is read with
    the Japanese rules)."""
    return _CJK.search(text) is not None


def is_cjk(ch: str) -> bool:
    """True for characters of Japanese/Chinese script and full-width punctuation."""
    if not ch:
        return False
    code = ord(ch)
    return (
        0x3000 <= code <= 0x30FF  # CJK punctuation, hiragana, katakana
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
    )


def joiner(before: str, after: str) -> str:
    """What goes between two pieces of one sentence split by a line or page break."""
    if not before or not after:
        return ""
    if is_cjk(before[-1]) or is_cjk(after[0]):
        return ""
    return " "


def is_word_char(ch: str) -> bool:
    """True for characters that make up a Latin-script word (used for match boundaries)."""
    return ch.isascii() and ch.isalnum()
