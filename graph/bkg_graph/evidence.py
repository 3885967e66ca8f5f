"""The kinds of evidence for participation, and how a request names the ones it wants.

``named`` (the agent's own name), ``reference`` (両者, 双方, Both sides — words resolved to
agents named before) and ``collective`` (日英関係省庁, the Participants — every agency of the
partnership). Every surface shows ``named`` and ``reference`` unless asked otherwise, and
takes the same parameter: ``evidence=named,reference,collective``.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import InputError
from .namespaces import BKG

#: Evidence kinds, strongest first.
KINDS = ("named", "reference", "collective")
#: What every surface shows unless asked otherwise.
DEFAULT_KINDS = ("named", "reference")


def kind_iri(kind: str) -> str:
    """``named`` → the IRI of ``bkg:NamedEvidence``."""
    return str(BKG[f"{kind.capitalize()}Evidence"])


def rank(kind: str) -> int:
    """0 for the strongest kind (``named``), 2 for the weakest (``collective``)."""
    return KINDS.index(kind)


def parse_evidence(values: str | Iterable[str] | None) -> tuple[str, ...]:
    """The kinds asked for, in canonical order; ``None`` or nothing means the default.

    Values may be repeated or comma-separated, in any case and with spaces:
    ``"Named, collective"``. An unknown kind is an error naming the known ones.
    """
    items = [values] if isinstance(values, str) else list(values or [])
    wanted = {p.strip().lower() for v in items for p in v.split(",") if p.strip()}
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise InputError(
            f"unknown evidence {', '.join(repr(u) for u in unknown)}; use any of "
            f"{', '.join(KINDS)} (comma-separated)"
        )
    return tuple(k for k in KINDS if k in wanted) or DEFAULT_KINDS
