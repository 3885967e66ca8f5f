"""Readable names for the IRIs a page shows, from the named query ``labels``."""

from __future__ import annotations

from collections.abc import Sequence

from bkg_graph.errors import InputError
from bkg_graph.queries import load_library
from bkg_graph.queries.params import MAX_VALUES, term
from bkg_graph.store.methods import QueryMethods

#: At most this many IRIs are named per page (a table of 1,000 rows stays quick).
MAX_NAMED = 600


def labels(store: QueryMethods, iris: Sequence[str], lang: str = "en") -> dict[str, str]:
    """``{iri: name}`` for the IRIs (the first :data:`MAX_NAMED`) the graph has a name for."""
    query = load_library()["labels"]
    wanted = [iri for iri in iris if _nameable(iri)][:MAX_NAMED]
    names: dict[str, str] = {}
    for start in range(0, len(wanted), MAX_VALUES):
        chunk = wanted[start : start + MAX_VALUES]
        for row in store.select(query.bind({"items": chunk, "lang": lang})):
            names[row["item"]] = row["label"]
    return names


def _nameable(iri: str) -> bool:
    """Whether ``iri`` can be asked about (a result may hold IRIs no query may name)."""
    try:
        term("iri", iri, "items")
    except InputError:
        return False
    return True
