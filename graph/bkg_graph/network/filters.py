"""What a view shows, as a value that round-trips through a URL query string.

A :class:`Filters` narrows the statements a view is built from (pillar, theme, status, date
range, document), the entities it draws (country) and the kinds of evidence of participation
it counts (``evidence``: named and reference unless asked; see :mod:`bkg_graph.evidence`).
Facet values may be written as people write them (``JP``, ``Planned``, ``総務省``); the
projection resolves them to ids against the graph (:mod:`bkg_graph.resolve`).
A :class:`ViewSpec` adds the kind of network, its focus and depth, and the label language.
Both write a canonical query string — keys in a fixed order, values sorted and comma-joined —
so that equal views have equal URLs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from urllib.parse import parse_qsl, urlencode

from ..errors import InputError
from ..evidence import DEFAULT_KINDS, parse_evidence

QueryItems = Mapping[str, str | Sequence[str]] | Iterable[tuple[str, str]]

_VALUE = re.compile(r"[^,\x00-\x1f\x7f]{1,200}")
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
FACETS = ("pillar", "theme", "status", "country", "document")
FILTER_KEYS = (*FACETS, "from", "to", "evidence")
VIEW_KEYS = ("kind", "focus", "depth", "lang")


class Kind(StrEnum):
    """The networks a view can draw."""

    BIPARTITE = "bipartite"
    COPARTICIPATION = "coparticipation"
    NEIGHBOURHOOD = "neighbourhood"
    MATRIX = "matrix"


LANGS = ("en", "ja")


@dataclass(frozen=True)
class Filters:
    """Which statements and entities a view is built from; empty means everything."""

    pillar: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    document: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    evidence: tuple[str, ...] = DEFAULT_KINDS

    def __post_init__(self) -> None:
        for key in FACETS:
            values = getattr(self, key)
            for value in values:
                if not _VALUE.fullmatch(value):
                    raise InputError(f"filter {key}: {value!r} is not an id or name")
            object.__setattr__(self, key, tuple(sorted(set(values))))
        object.__setattr__(self, "evidence", parse_evidence(self.evidence))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InputError(f"filter from={self.date_from} is after to={self.date_to}")

    @property
    def empty(self) -> bool:
        return self == Filters()

    def items(self) -> list[tuple[str, str]]:
        """The filters as (key, value) pairs in canonical order, empty ones left out."""
        out = [(key, ",".join(getattr(self, key))) for key in FACETS if getattr(self, key)]
        if self.date_from:
            out.append(("from", self.date_from.isoformat()))
        if self.date_to:
            out.append(("to", self.date_to.isoformat()))
        if self.evidence != DEFAULT_KINDS:
            out.append(("evidence", ",".join(self.evidence)))
        return out

    def to_query(self) -> str:
        return urlencode(self.items(), safe=",")

    def describe(self) -> str:
        """A one-line human summary, e.g. ``country=jp,uk; from=2024-01-01`` or ``none``."""
        return "; ".join(f"{k}={v}" for k, v in self.items()) or "none"

    @classmethod
    def from_query(cls, query: str | QueryItems) -> Filters:
        """Read filters from a query string or its items; other keys are ignored."""
        values = _collect(query)
        facets = {key: tuple(values.get(key, ())) for key in FACETS}
        return cls(
            **facets,
            date_from=_date(values.get("from"), "from", start=True),
            date_to=_date(values.get("to"), "to", start=False),
            evidence=parse_evidence(values.get("evidence")),
        )


@dataclass(frozen=True)
class ViewSpec:
    """One view: the kind of network, its focus and depth, the label language and filters."""

    kind: Kind = Kind.BIPARTITE
    focus: str | None = None
    depth: int = 1
    lang: str = "en"
    filters: Filters = field(default_factory=Filters)

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise InputError(f"lang must be one of {', '.join(LANGS)}, not {self.lang!r}")
        if self.depth not in (1, 2):
            raise InputError(f"depth must be 1 or 2, not {self.depth}")
        if self.kind is Kind.NEIGHBOURHOOD and not self.focus:
            raise InputError("a neighbourhood view needs focus=<entity>, e.g. focus=agency/mic")

    def items(self) -> list[tuple[str, str]]:
        out = [("kind", self.kind.value)]
        if self.kind is Kind.NEIGHBOURHOOD:
            out += [("focus", self.focus or ""), ("depth", str(self.depth))]
        out.append(("lang", self.lang))
        return out + self.filters.items()

    def to_query(self) -> str:
        return urlencode(self.items(), safe=",/")

    def with_lang(self, lang: str) -> ViewSpec:
        return replace(self, lang=lang)

    @classmethod
    def from_query(cls, query: str | QueryItems, *, allowed: Iterable[str] = ()) -> ViewSpec:
        """Read a view from a query string; a key that is neither a view key, a filter nor in
        ``allowed`` is an error, so that a typo (``contry=jp``) is not silently ignored.
        A ``focus`` without a ``kind`` means its neighbourhood."""
        values = _collect(query)
        unknown = sorted(set(values) - {*VIEW_KEYS, *FILTER_KEYS, *allowed})
        if unknown:
            known = ", ".join((*VIEW_KEYS, *FILTER_KEYS, *allowed))
            raise InputError(f"unknown parameter {', '.join(unknown)} (known: {known})")
        focus = _one(values, "focus")
        kind = _one(values, "kind") or (Kind.NEIGHBOURHOOD if focus else Kind.BIPARTITE).value
        if kind not in {k.value for k in Kind}:
            raise InputError(f"kind must be one of {', '.join(k.value for k in Kind)}")
        depth = _one(values, "depth") or "1"
        if not depth.isdigit():
            raise InputError(f"depth must be 1 or 2, not {depth!r}")
        return cls(
            kind=Kind(kind),
            focus=focus,
            depth=int(depth),
            lang=_one(values, "lang") or "en",
            filters=Filters.from_query(values.items_list()),
        )


class _Values(dict[str, list[str]]):
    def items_list(self) -> list[tuple[str, str]]:
        return [(k, v) for k, vs in self.items() for v in vs]


def _collect(query: str | QueryItems) -> _Values:
    """Values per key; repeated keys and comma-separated values both add up; blanks drop."""
    if isinstance(query, str):
        pairs: Iterable[tuple[str, str]] = parse_qsl(query.lstrip("?"), keep_blank_values=True)
    elif isinstance(query, Mapping):
        pairs = [(k, x) for k, v in query.items() for x in ([v] if isinstance(v, str) else list(v))]
    else:
        pairs = query
    out = _Values()
    for key, value in pairs:
        split = key in FACETS or key == "evidence"
        parts = [p.strip() for p in value.split(",")] if split else [value.strip()]
        out.setdefault(key, []).extend(p for p in parts if p)
    return out


def _one(values: Mapping[str, list[str]], key: str) -> str | None:
    got = values.get(key, [])
    if len(set(got)) > 1:
        raise InputError(f"{key} given more than once ({', '.join(got)})")
    return got[0] if got else None


def _date(values: list[str] | None, key: str, *, start: bool) -> date | None:
    """An ISO date; ``2024`` or ``2024-03`` mean the first (from) or last (to) day."""
    value = _one({key: values or []}, key)
    if value is None:
        return None
    m = _DATE.fullmatch(value)
    try:
        if not m:
            raise ValueError(value)
        year = int(m[1])
        if m[3]:
            return date(year, int(m[2]), int(m[3]))
        month = int(m[2]) if m[2] else (1 if start else 12)
        first = date(year, month, 1)
        if start:
            return first
        following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    except ValueError:
        raise InputError(f"{key}={value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
