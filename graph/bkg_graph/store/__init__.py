"""Where the graph is kept and queried.

:class:`GraphStore` is the interface the API and other code use. :class:`EmbeddedStore` runs
queries in this process (command line, notebooks, tests); :class:`ServedStore` is the server's:
a version of the graph on disk under the data folder, queried by worker processes with a time
limit; :mod:`.remote` is a SPARQL server ``bkg push`` loaded. :func:`open_store` alone decides
which one a command, the server or the notebook API opens (:mod:`.choose`). Every query is
checked read-only first (:func:`check`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import (
        GRAPH_MEDIA_TYPES,
        RESULT_MEDIA_TYPES,
        CheckedQuery,
        GraphStore,
        ProtocolDataset,
        QueryAnswer,
        QueryForm,
        QueryRequest,
    )
    from .cache import CachedStore
    from .choose import open_store, uses_remote
    from .datadir import DataDir, Version
    from .embedded import RDF_EXTENSIONS, EmbeddedStore, open_build
    from .guard import check
    from .served import ServedStore

# imported on first use: a query worker imports only what it needs (no rdflib)
_WHERE = {
    "GRAPH_MEDIA_TYPES": "base",
    "RESULT_MEDIA_TYPES": "base",
    "CheckedQuery": "base",
    "GraphStore": "base",
    "ProtocolDataset": "base",
    "QueryAnswer": "base",
    "QueryForm": "base",
    "QueryRequest": "base",
    "CachedStore": "cache",
    "DataDir": "datadir",
    "Version": "datadir",
    "RDF_EXTENSIONS": "embedded",
    "EmbeddedStore": "embedded",
    "open_build": "embedded",
    "check": "guard",
    "ServedStore": "served",
    "open_store": "choose",
    "uses_remote": "choose",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'bkg_graph.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "GRAPH_MEDIA_TYPES",
    "RDF_EXTENSIONS",
    "RESULT_MEDIA_TYPES",
    "CachedStore",
    "CheckedQuery",
    "DataDir",
    "EmbeddedStore",
    "GraphStore",
    "ProtocolDataset",
    "QueryAnswer",
    "QueryForm",
    "QueryRequest",
    "ServedStore",
    "Version",
    "check",
    "open_build",
    "open_store",
    "uses_remote",
]
