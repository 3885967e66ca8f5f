"""Dates written for the reader: ``June 2023`` or ``2023年6月`` whatever the source said.

A date mention keeps the words of its document (``2023 年 6 月``, ``昨年 10 月``, ``Q1 2024``);
an answer in English or Japanese writes the date itself in that language from its ISO value
and precision, and where the source placed it relatively (``昨年``, ``last``) adds what the
source said, translated: ``October 2023 ("last October")``. JSON answers carry the ISO value,
the precision and the surface form beside the text.
"""

from __future__ import annotations

import re
from typing import TypedDict

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_REL_JA = {"昨年": "last", "前年": "the previous", "今年": "this", "本年": "this", "来年": "next"}
_REL = re.compile(r"昨年|前年|今年|本年|来年")
_REL_EN = re.compile(r"\b(?:last|next|this|previous)\b", re.IGNORECASE)
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


class DateText(TypedDict):
    """One date a statement gives: as the reader reads it, and as the data holds it."""

    text: str  # in the answer's language: "June 2023", "2023年6月"
    surface: str  # the words of the source document: "2023 年 6 月"
    value: str  # ISO 8601 at its precision: 2023-06, 2024-Q1, 2024-01-16, 2023
    precision: str  # day | month | quarter | year


def written(value: str, precision: str, lang: str) -> str:
    """The date ``value`` (ISO, at ``precision``) in ``lang``: ``June 2023``, ``2023年6月``."""
    if precision == "day" and (m := _DAY.fullmatch(value)):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        return f"{y}年{mo}月{d}日" if lang == "ja" else f"{d} {MONTHS_EN[mo - 1]} {y}"
    if precision == "month" and (m := _MONTH.fullmatch(value)):
        y, mo = int(m[1]), int(m[2])
        return f"{y}年{mo}月" if lang == "ja" else f"{MONTHS_EN[mo - 1]} {y}"
    if precision == "quarter" and (m := _QUARTER.fullmatch(value)):
        return f"{m[1]}年第{m[2]}四半期" if lang == "ja" else f"Q{m[2]} {m[1]}"
    if precision == "year" and value[:4].isdigit():
        return f"{value[:4]}年" if lang == "ja" else value[:4]
    return value


def relative(surface: str, value: str, precision: str, lang: str) -> str | None:
    """What a relative surface said, in ``lang`` (``昨年 10 月`` → ``last October``), or None."""
    rel = _REL.search(surface)
    if lang == "en" and rel:
        word = _REL_JA[rel.group(0)]
        if precision == "month" and (m := _MONTH.fullmatch(value)):
            return f"{word} {MONTHS_EN[int(m[2]) - 1]}"
        return f"{word} year"
    if lang == "ja" and _REL_EN.search(surface) and not rel:
        return surface
    if lang == "ja" and rel:
        return surface.replace(" ", "")
    return None


def date_text(surface: str, value: str, precision: str, lang: str) -> DateText:
    """A date mention for an answer in ``lang``."""
    text = written(value, precision, lang)
    said = relative(surface, value, precision, lang)
    if said:
        text = f"{text}（「{said}」）" if lang == "ja" else f'{text} ("{said}")'
    return DateText(text=text, surface=surface, value=value, precision=precision)
