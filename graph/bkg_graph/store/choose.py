"""Which store to open: the one decision every command, the server and the notebook API share.

Three kinds of store hold the graph: the embedded one (queried in this process — commands and
notebooks), the served one (the data folder's current version, queried by sandboxed worker
processes with a time limit — the server) and a remote SPARQL server that ``bkg push`` loaded.
The rule, in one place so that ``bkg query``, ``bkg view``, ``bkg serve``, the app and
:func:`bkg_graph.load_graph` never disagree about where the answers come from:

1. a local graph named explicitly (a build folder, or RDF files) is always what is opened;
2. otherwise, with ``BKG_STORE_URL`` set, the remote store;
3. otherwise the built graph (``BKG_BUILD_DIR``, default ``build/``).

A server gets its local graph through the data folder and worker processes; anything else
reads it in process. Only a server caches answers (``BKG_QUERY_CACHE``).
"""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ..settings import Settings
from .base import GraphStore
from .cache import CachedStore


def uses_remote(
    settings: Settings, *, build_dir: Path | None = None, files: list[Path] | None = None
) -> bool:
    """Whether :func:`open_store` opens the remote store for these arguments."""
    return bool(settings.store_url) and build_dir is None and not files


def open_store(
    settings: Settings | None = None,
    *,
    server: bool = True,
    build_dir: Path | None = None,
    data_dir: Path | None = None,
    files: list[Path] | None = None,
) -> GraphStore:
    """The store holding the graph, chosen by the rule above; ``server=False`` in process
    (commands, notebooks), the default being what ``bkg serve`` and the app open.

    Raises :class:`~bkg_graph.errors.BuildMissing` when the chosen graph does not exist (run
    ``bkg build``, or ``bkg push`` for a remote store).
    """
    settings = settings or Settings()
    store: GraphStore
    if uses_remote(settings, build_dir=build_dir, files=files):
        from .remote.store import open_remote  # HTTP is loaded only when a remote is used

        store = open_remote(settings)
    elif server:
        from .served import open_served

        store = open_served(settings, data_dir=data_dir, build_dir=build_dir, files=files)
    else:
        from .embedded import EmbeddedStore, open_build

        if files:
            return EmbeddedStore.from_files(files)
        return open_build(build_dir or paths.build_dir(settings))
    if server and settings.query_cache and settings.query_cache_bytes > 0:
        return CachedStore(store, settings.query_cache_bytes)
    return store
