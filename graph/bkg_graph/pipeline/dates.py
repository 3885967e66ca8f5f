"""Find date expressions in a sentence, each with its precision and the interval it denotes.

Dates keep their precision: a day, a month, a quarter or a year, each also given as the
inclusive interval it denotes so that range filters work across precisions. A month without a
year (``11 月``, ``昨年 10 月``) is placed relative to the document's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_SP = r"[ \u3000]*"
_N = r"[0-9０-９]"
_MONTHS_EN = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH_EN = "|".join(_MONTHS_EN)
_QUARTER_WORDS = {
    "最初の": 1,
    "第一": 1,
    "第1": 1,
    "1": 1,
    "第二": 2,
    "第2": 2,
    "2": 2,
    "第三": 3,
    "第3": 3,
    "3": 3,
    "第四": 4,
    "第4": 4,
    "4": 4,
    "最後の": 4,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "final": 4,
    "last": 4,
}

_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "day",
        re.compile(
            rf"(?P<y>{_N}{{4}}){_SP}年{_SP}(?P<m>{_N}{{1,2}}){_SP}月{_SP}(?P<d>{_N}{{1,2}}){_SP}日"
        ),
    ),
    (
        "day",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn>{_MONTH_EN})\s+(?P<y>\d{{4}})\b", re.I
        ),
    ),
    ("day", re.compile(rf"\b(?P<mn>{_MONTH_EN})\s+(?P<d>\d{{1,2}}),\s+(?P<y>\d{{4}})\b", re.I)),
    (
        "quarter",
        re.compile(
            rf"(?P<y>{_N}{{4}}){_SP}年{_SP}の?{_SP}(?P<q>最初の|最後の|第[一二三四1-4]|[1-4]){_SP}(?:クォーター|四半期)"
        ),
    ),
    (
        "quarter",
        re.compile(
            r"\b(?:the\s+)?(?P<q>first|second|third|fourth|final|last)\s+quarter\s+of\s+(?P<y>\d{4})\b",
            re.I,
        ),
    ),
    ("quarter", re.compile(r"\bQ(?P<q>[1-4])\s+(?P<y>\d{4})\b")),
    ("month", re.compile(rf"(?P<y>{_N}{{4}}){_SP}年{_SP}(?P<m>{_N}{{1,2}}){_SP}月")),
    ("month", re.compile(rf"\b(?P<mn>{_MONTH_EN})\s+(?P<y>\d{{4}})\b", re.I)),
    (
        "relmonth",
        re.compile(
            rf"(?P<rel>昨年|前年|今年|本年|来年)?{_SP}(?P<m>{_N}{{1,2}}){_SP}月(?!{_SP}{_N})"
        ),
    ),
    ("year", re.compile(rf"(?P<y>{_N}{{4}}){_SP}年(?!{_SP}度)")),
    ("relyear", re.compile(r"(?P<rel>昨年|前年|来年)")),
    ("year", re.compile(r"(?<![\d£$€¥.,])\b(?P<y>(?:19|20)\d{2})\b(?![\d%]|[.,]\d)")),
]
_REL_YEARS = {"昨年": -1, "前年": -1, "今年": 0, "本年": 0, "来年": 1}
_FUTURE = re.compile(r"予定|開催される|to be held|will")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    surface: str
    precision: str  # day | month | quarter | year
    value: str  # 2024-01-16 | 2023-05 | 2024-Q1 | 2023
    first: dt.date
    last: dt.date


def _month_date(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def find_dates(text: str, doc_date: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text``, most specific first where they overlap."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for precision, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _date(precision, m, text, doc_date)
            if mention is not None:
                taken.append((m.start(), m.end()))
                found.append(mention)
    return sorted(found, key=lambda d: d.start)


def _date(kind: str, m: re.Match[str], text: str, doc_date: dt.date | None) -> DateMention | None:
    groups = m.groupdict()
    surface = m.group(0).strip()
    start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    end = start + len(surface)
    try:
        if kind in ("relmonth", "relyear"):
            if doc_date is None:
                return None
            rel = groups.get("rel")
            if kind == "relyear":
                year = doc_date.year + _REL_YEARS[rel or "今年"]
                return DateMention(
                    start,
                    end,
                    surface,
                    "year",
                    str(year),
                    dt.date(year, 1, 1),
                    dt.date(year, 12, 31),
                )
            month = int(groups["m"])
            if rel is not None:
                year = doc_date.year + _REL_YEARS[rel]
            else:
                # a bare month is the latest such month up to the document's date, or the next
                # one when the sentence speaks of something still to come
                future = bool(_FUTURE.search(text[end : end + 30]))
                year = doc_date.year
                if not future and month > doc_date.month:
                    year -= 1
                elif future and month < doc_date.month:
                    year += 1
            first, last = _month_date(year, month)
            return DateMention(start, end, surface, "month", f"{year:04d}-{month:02d}", first, last)
        year = int(groups["y"])
        if kind == "year":
            return DateMention(
                start,
                end,
                surface,
                "year",
                f"{year:04d}",
                dt.date(year, 1, 1),
                dt.date(year, 12, 31),
            )
        if kind == "quarter":
            q = (
                _QUARTER_WORDS[groups["q"].lower()]
                if not groups["q"].isdigit()
                else int(groups["q"])
            )
            first = dt.date(year, 3 * q - 2, 1)
            last = _month_date(year, 3 * q)[1]
            return DateMention(start, end, surface, "quarter", f"{year:04d}-Q{q}", first, last)
        month = int(groups["m"]) if groups.get("m") else _MONTHS_EN[groups["mn"].lower()]
        if kind == "month":
            first, last = _month_date(year, month)
            return DateMention(start, end, surface, "month", f"{year:04d}-{month:02d}", first, last)
        day = dt.date(year, month, int(groups["d"]))
        return DateMention(start, end, surface, "day", day.isoformat(), day, day)
    except ValueError:
        return None  # 2023年13月 and the like are not dates
