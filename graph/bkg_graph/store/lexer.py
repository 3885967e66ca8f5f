"""A SPARQL tokenizer: enough of the grammar's terminals to tell code from data.

It is what lets the read-only check see keywords only where the query engine would: strings,
IRIs and comments are single tokens, so ``"LOAD"``, ``<http://x/service>`` or ``# SERVICE``
never look like keywords, while a keyword glued to its neighbours (``}SERVICE<http://x>``)
still does. The expressions follow the terminals of SPARQL 1.1 (section 19.8); where they are
looser than the grammar, they only make the check more cautious.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    SPACE = "space"
    COMMENT = "comment"
    IRI = "iri"
    STRING = "string"
    VAR = "var"
    BNODE = "bnode"
    PNAME = "pname"
    LANG = "lang"
    NUMBER = "number"
    WORD = "word"
    PUNCT = "punct"
    OTHER = "other"


_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL = (
    f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
)

_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<space>\s+)",
            r"(?P<comment>#[^\r\n]*)",
            r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
            r"(?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"
            r'|"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'
            r"|'(?:[^'\\\r\n]|\\.)*'"
            r'|"(?:[^"\\\r\n]|\\.)*")',
            f"(?P<var>[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)",
            f"(?P<bnode>_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)",
            f"(?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)",
            r"(?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)",
            r"(?P<number>[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+(?:\.[0-9]*)?[eE][+-]?[0-9]+"
            r"|[0-9]+)",
            r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)",
            r"(?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\],;.*+\-/!=<>|^?$@])",
            r"(?P<other>.)",
        ]
    ),
    re.DOTALL,
)

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Every token of ``text`` in order, whitespace and comments included."""
    tokens = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        assert kind is not None
        tokens.append(Token(Kind(kind), m.group(), m.start(), m.end()))
    return tokens


def unescape(text: str) -> str:
    """Replace ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes, as a SPARQL processor does first.

    Code points that are not characters (surrogates, beyond U+10FFFF) are left as written.
    """

    def repl(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return m.group()
        return chr(code)

    return _ESCAPE.sub(repl, text)


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (both from 1) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
