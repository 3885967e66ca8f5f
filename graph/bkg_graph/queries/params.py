"""Typed parameters of named queries, and their safe rendering as SPARQL terms.

A parameter value never reaches the query text as typed: each type validates the value and
writes it as one SPARQL term — an IRI as ``<…>`` (only after checking it holds no character
that could end the IRI), a string as an escaped literal, a date as an ``xsd:date`` literal, an
integer as digits, an ``evidence`` kind (``named``) as its IRI. A ``search`` value is bound
as its match key (:func:`bkg_graph.text.match_key`:
width, case, spaces and middle dots folded away), which the query compares with text folded
the same way in SPARQL, so ``広島AIプロセス`` finds ``広島 AI プロセス`` and ``ＤＳＩＴ`` finds
``DSIT``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal, get_args

from ..errors import InputError
from ..evidence import KINDS, kind_iri, parse_evidence
from ..text import match_key

ParamType = Literal["iri", "string", "date", "int", "lang", "search", "evidence"]
PARAM_TYPES: tuple[str, ...] = get_args(ParamType)

MAX_VALUE_LENGTH = 2000
MAX_VALUES = 50
MAX_SEARCH_LENGTH = 200
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|\\^`\x7f]*")
_LANG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_INT = re.compile(r"[+-]?[0-9]{1,18}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    type: ParamType
    required: bool
    description: str
    default: str | None = None
    multiple: bool = False

    def render(self, value: str | list[str] | None) -> str:
        """The SPARQL text that replaces ``$name``: one term, several, or ``UNDEF``."""
        values = _as_list(value)
        if not values and self.default is not None:
            values = self.default.split() if self.multiple else [self.default]
        if self.type == "evidence" and values:
            values = [kind_iri(k) for k in parse_evidence(values)]
        if not values:
            if self.required:
                raise InputError(f"parameter {self.name!r} is required")
            return "UNDEF"
        if len(values) > 1 and not self.multiple:
            raise InputError(f"parameter {self.name!r} takes one value, got {len(values)}")
        if len(values) > MAX_VALUES:
            raise InputError(f"parameter {self.name!r} takes at most {MAX_VALUES} values")
        return " ".join(term(self.type, v, self.name) for v in values)


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [v for v in items if v != ""]


def term(kind: ParamType, value: str, name: str = "value") -> str:
    """``value`` written as a SPARQL term of type ``kind``; InputError if it is not one."""
    if len(value) > MAX_VALUE_LENGTH:
        raise InputError(f"parameter {name!r} is longer than {MAX_VALUE_LENGTH} characters")
    if kind == "iri":
        return iri_term(value, name)
    if kind == "string":
        return literal(value)
    if kind == "date":
        return f"{literal(check_date(value, name))}^^<{XSD_DATE}>"
    if kind == "int":
        if not _INT.fullmatch(value.strip()):
            raise InputError(f"parameter {name!r} must be an integer, got {value!r}")
        return str(int(value))
    if kind == "lang":
        if not _LANG.fullmatch(value):
            raise InputError(f"parameter {name!r} must be a language tag like en or ja")
        return literal(value.lower())
    if kind == "search":
        return literal(search_key(value, name))
    if kind == "evidence":
        kinds = {kind_iri(k) for k in KINDS}
        if value not in kinds:
            value = kind_iri(parse_evidence(value)[0])
        return f"<{value}>"
    raise AssertionError(f"unknown parameter type {kind}")  # pragma: no cover


def iri_term(value: str, name: str = "value") -> str:
    """``<value>`` after checking that ``value`` is an absolute IRI."""
    if not _IRI.fullmatch(value):
        raise InputError(f"parameter {name!r} must be an absolute IRI, got {value!r}")
    return f"<{value}>"


def check_date(value: str, name: str = "value") -> str:
    """``value`` if it is a calendar date written YYYY-MM-DD."""
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"parameter {name!r} must be a date YYYY-MM-DD, got {value!r}") from None
    return value


def literal(value: str) -> str:
    """A double-quoted SPARQL string literal holding exactly ``value``."""
    if "\x00" in value:
        raise InputError("a parameter value contains a NUL character")
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def search_key(words: str, name: str = "q") -> str:
    """The match key of search words; InputError if it is empty or the words too long."""
    if len(words) > MAX_SEARCH_LENGTH:
        raise InputError(f"parameter {name!r} is longer than {MAX_SEARCH_LENGTH} characters")
    key = match_key(words)
    if not key:
        raise InputError(f"parameter {name!r} must contain a letter or digit")
    return key
