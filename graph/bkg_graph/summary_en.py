"""A generated English line for a statement that has no English version.

Built only from what the graph holds about the statement — who acts, the status, the
initiatives and topics it names, the dates in its text — never from its words, so it cannot
mistranslate and never claims to be a translation. Callers show it beside the original quote,
labelled with :data:`GENERATED_NOTE`::

    MIC and DSIT — ongoing — Global Coalition on Telecommunications — date named: November 2023
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass

from .pipeline.records import Statement

GENERATED_NOTE = (
    "Generated from the graph (actors, status, initiatives and topics, dates in the text); "
    "not a translation of the source sentence."
)
NO_OWNER = "no actor named"
NO_STATUS = "status not stated"


@dataclass(frozen=True)
class DateFact:
    """A date as the graph holds it: its value (``2024-01-16``, ``2023-05``, ``2024-Q1``,
    ``2023``) and precision (``day``, ``month``, ``quarter``, ``year``)."""

    value: str
    precision: str


def join_names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def date_words(d: DateFact) -> str:
    """A date in English at its own precision, no more precise than the text."""
    if d.precision == "quarter" and "-Q" in d.value:
        year, quarter = d.value.split("-Q")
        return f"Q{quarter} {year}"
    parts = d.value.split("-")
    if d.precision == "day" and len(parts) == 3:
        return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
    if d.precision == "month" and len(parts) >= 2:
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    return parts[0] if d.precision == "year" else d.value


def summary_en(
    owners: Sequence[str],
    status: str | None,
    subjects: Sequence[str],
    dates: Sequence[DateFact] = (),
) -> str:
    """One structured English line: owners — status — initiatives/topics — dates.

    ``owners`` are the actors' short names (agencies, or countries where the text names
    them), ``subjects`` the English names of the initiatives and topics; duplicates are
    dropped, order is kept. Parts the graph does not hold are said to be missing rather than
    guessed.
    """
    parts = [
        join_names(list(dict.fromkeys(owners))) or NO_OWNER,
        status or NO_STATUS,
    ]
    named = list(dict.fromkeys(subjects))
    if named:
        parts.append("; ".join(named))
    spoken = list(dict.fromkeys(date_words(d) for d in dates))
    if spoken:
        label = "date named" if len(spoken) == 1 else "dates named"
        parts.append(f"{label}: {', '.join(spoken)}")
    return " — ".join(parts)


def record_summary(st: Statement) -> str:
    """The generated line of a statement record, from what the reading found in it — the same
    facts the ``statement-facts`` query reads back from the graph."""
    owners = sorted({e.abbr[0] if e.abbr else e.en for e in st.entities("actor")})
    subjects = sorted({e.en for e in st.entities("mention") if e.kind in ("Initiative", "Topic")})
    dates = sorted(
        {DateFact(d.value, d.precision) for s in st.sentences for d in s.dates},
        key=lambda d: d.value,
    )
    return summary_en(owners, st.status.value if st.status else None, subjects, dates)
