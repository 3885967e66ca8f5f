"""The three extractors of a sentence's facts, in one import: dates, amounts, status/strength.

Each lives in its own module (:mod:`.dates`, :mod:`.amounts`, :mod:`.status`); this module only
gathers them for callers that want all three.
"""

from __future__ import annotations

from .amounts import AmountMention, find_amounts, parse_japanese_number
from .dates import DateMention, find_dates
from .status import Decision, decide_status, decide_strength, final_clause, main_clause

__all__ = [
    "AmountMention",
    "DateMention",
    "Decision",
    "decide_status",
    "decide_strength",
    "final_clause",
    "find_amounts",
    "find_dates",
    "main_clause",
    "parse_japanese_number",
]
