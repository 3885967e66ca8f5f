"""Running named queries on a store, and turning ids into the IRIs their parameters take."""

from __future__ import annotations

import re
from typing import Protocol

from ..errors import InputError
from ..namespaces import BKG
from ..registry import statuses
from ..settings import Settings
from .library import ParamValues, load_library

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9._~-]+)*")


class SelectStore(Protocol):
    """Anything that answers a SPARQL SELECT with rows of plain strings."""

    def select(self, sparql: str) -> list[dict[str, str]]: ...


def run_query(
    store: SelectStore, name: str, params: ParamValues | None = None
) -> list[dict[str, str]]:
    """Rows of the named query ``name`` with ``params`` bound (see ``/queries``)."""
    return store.select(load_library().get_query(name).bind(params))


def entity_iri(kind: str, ident: str, base_iri: str | None = None) -> str:
    """The IRI of an entity given by registry id (``mic``) or already as an IRI."""
    if "://" in ident or ident.startswith("urn:"):
        return ident
    if ident and not _ID.fullmatch(ident):
        raise InputError(f"not an id or IRI: {ident!r}")
    base = base_iri or Settings().base_iri
    return f"{base if base.endswith('/') else base + '/'}{kind}/{ident}"


def status_iri(status: str) -> str:
    """The IRI of a status given by name (``ongoing``) or already as an IRI."""
    if "://" in status:
        return status
    known = statuses()  # the registry's predicate rules list them
    if status.lower() not in known:
        raise InputError(f"unknown status {status!r}; use one of {', '.join(known)}")
    return str(BKG[status.capitalize()])
