"""Find money amounts in a sentence: ``2億5千万円``, ``最大 1,500 万ポンド``, ``£18 million``.

Japanese numerals mix digits and kanji units (``2 百万``, ``1,500万``); an amount keeps whether
it is an upper bound (``最大``, ``up to``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_SP = r"[ \u3000]*"


@dataclass(frozen=True)
class AmountMention:
    start: int
    end: int
    surface: str
    value: Decimal
    currency: str
    upper_bound: bool


_KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "億": 10**8, "兆": 10**12}
_CURRENCY_JA = {
    "ポンド": "GBP",
    "英ポンド": "GBP",
    "円": "JPY",
    "米ドル": "USD",
    "ドル": "USD",
    "ユーロ": "EUR",
}
_CURRENCY_SYMBOL = {"£": "GBP", "¥": "JPY", "$": "USD", "€": "EUR"}
_SCALE_EN = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
}

_DIGIT = "0-9０-９〇零一二三四五六七八九"
# One character class repeated, spaces only before a unit (2 百万), and a match only
# from the start of a number: a long run of digits is scanned once, never backtracked over.
_AMOUNT_JA = re.compile(
    rf"(?P<upto>最大{_SP})?"
    rf"(?<![{_DIGIT},，.十百千万億兆])"
    rf"(?P<num>[{_DIGIT}](?:[{_DIGIT},，.十百千万億兆]|[ \u3000]+(?=[十百千万億兆]))*)"
    rf"{_SP}(?P<cur>英ポンド|ポンド|米ドル|ドル|ユーロ|円)"
)
_AMOUNT_EN = re.compile(
    r"(?P<upto>\bup to\s+)?(?P<sym>[£$€¥])\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<scale>thousand|million|billion|bn|mn|m|k|b)?\b",
    re.I,
)


def parse_japanese_number(text: str) -> Decimal:
    """``2億5千万`` → 250000000; ``2 百万`` → 2000000; ``1,500万`` → 15000000."""
    total = Decimal(0)
    section = Decimal(0)
    num: Decimal | None = None
    digits = ""
    for ch in text + " ":
        if ch.isdigit() or (ch in ".．" and digits):
            digits += "." if ch in ".．" else str(int(ch))
            continue
        if ch in ",，" and digits:
            continue
        if digits:
            num, digits = Decimal(digits), ""
        if ch in _KANJI_DIGITS:
            num = Decimal(_KANJI_DIGITS[ch])
        elif ch in _SMALL:
            section += (num if num is not None else Decimal(1)) * _SMALL[ch]
            num = None
        elif ch in _BIG:
            section += num if num is not None else Decimal(0)
            total += (section if section else Decimal(1)) * _BIG[ch]
            section, num = Decimal(0), None
    return total + section + (num if num is not None else Decimal(0))


def find_amounts(text: str) -> list[AmountMention]:
    found: list[AmountMention] = []
    for m in _AMOUNT_JA.finditer(text):
        value = parse_japanese_number(m.group("num"))
        found.append(
            AmountMention(
                m.start(),
                m.end(),
                m.group(0),
                value,
                _CURRENCY_JA[m.group("cur")],
                bool(m.group("upto")),
            )
        )
    for m in _AMOUNT_EN.finditer(text):
        value = Decimal(m.group("num").replace(",", ""))
        if m.group("scale"):
            value *= _SCALE_EN[m.group("scale").lower()]
        surface = m.group(0).rstrip()
        found.append(
            AmountMention(
                m.start(),
                m.start() + len(surface),
                surface,
                value,
                _CURRENCY_SYMBOL[m.group("sym")],
                bool(m.group("upto")),
            )
        )
    return sorted(found, key=lambda a: a.start)
