"""A remote store: any SPARQL 1.1 server holding the graph ``bkg push`` loaded into it.

The rooms of this package, each with one concern:

- :mod:`.store` — :class:`RemoteStore`, which answers queries by sending them over HTTP, and
  :func:`open_remote`, which opens the one the settings name;
- :mod:`.transport` — the HTTP client: time limits, size limits, credentials, addresses
  written without secrets;
- :mod:`.query_text` — the text a server is sent (prefixes, cap, engine pragmas) and what its
  refusals mean to our client;
- :mod:`.answers` — the server's replies turned into the same answers the embedded store gives;
- :mod:`.published` — the metadata graph on the store: the version and which graphs are ours;
- :mod:`.local_graphs` — the named graphs of RDF files, as ``bkg push`` sends them;
- :mod:`.push` — ``bkg push``: replace exactly our graphs on the store, each atomically
  (import it from there: the package does not re-export ``push``, whose name is the module's).

Names are imported on first use, as in :mod:`bkg_graph.store` (a query worker never needs
HTTP).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import RemoteStore, open_remote
    from .transport import Http, safe_url

_WHERE = {
    "RemoteStore": "store",
    "open_remote": "store",
    "Http": "transport",
    "safe_url": "transport",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'bkg_graph.store.remote' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["Http", "RemoteStore", "open_remote", "safe_url"]
