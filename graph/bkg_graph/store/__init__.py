"""Where the graph is kept and queried.

:class:`GraphStore` is the interface the API and other code use. :class:`EmbeddedStore` runs
queries in this process (command line, notebooks, tests); :func:`open_store` gives the server's
store: a version of the graph on disk under the data folder, queried by worker processes with
a time limit, optionally behind a result cache. Every query is checked read-only first
(:func:`check`).
"""

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
from .datadir import DataDir, Version
from .embedded import RDF_EXTENSIONS, EmbeddedStore, open_build
from .guard import check
from .served import ServedStore, open_store

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
]
