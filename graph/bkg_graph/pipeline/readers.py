"""Read the documents a build needs, in parallel across cores when there are several.

Reading (parse, extract, link) is most of a build's time and each document is independent,
so a full build hands them to a pool of processes (``spawn``: safe inside a threaded server),
each of which loads the registry once and puts its results in the shared cache folder. One
or a few documents are read here, without the cost of starting processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

from ..corpus import DocumentMeta
from ..errors import BkgError, DocumentError
from ..namespaces import IRIs
from ..registry import load_registry
from ..settings import Settings
from .cache import DocCache

#: Fewer documents than this are read in this process.
PARALLEL_FROM = 8

_worker_cache: DocCache | None = None
_worker_max_bytes = 0


def _init(registry_dir: Path, base_iri: str, cache: Path, max_bytes: int) -> None:
    global _worker_cache, _worker_max_bytes
    _worker_cache = DocCache(cache, load_registry(registry_dir), IRIs(base_iri))
    _worker_max_bytes = max_bytes


def _read_one(key: str, meta: DocumentMeta) -> str | None:
    """Read one document into the cache; the message of a user error, else None."""
    assert _worker_cache is not None
    try:
        _worker_cache.read(key, meta, _worker_max_bytes)
    except BkgError as exc:
        return str(exc)
    return None


def workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def read_all(
    todo: list[tuple[str, DocumentMeta]],
    registry_dir: Path,
    settings: Settings,
    cache: Path,
    progress: Callable[[str], None],
    tick: Callable[[int, int, str], None] | None,
) -> None:
    """Put every document of ``todo`` (cache key, metadata) into the cache."""
    total = len(todo)
    if total < PARALLEL_FROM or workers() == 1:
        _init(registry_dir, settings.base_iri, cache, settings.max_document_bytes)
        for done, (key, meta) in enumerate(todo, 1):
            progress(f"reading {meta.id} ({meta.source_file.name})")
            error = _read_one(key, meta)
            if error is not None:
                raise DocumentError(error)
            if tick is not None:
                tick(done, total, meta.id)
        return
    progress(f"reading {total} documents in {workers()} processes")
    args = (registry_dir, settings.base_iri, cache, settings.max_document_bytes)
    with ProcessPoolExecutor(workers(), get_context("spawn"), _init, args) as pool:
        futures = {pool.submit(_read_one, key, meta): meta for key, meta in todo}
        for done, future in enumerate(as_completed(futures), 1):
            error = future.result()
            if error is not None:
                for other in futures:
                    other.cancel()
                raise DocumentError(error)
            if tick is not None:
                tick(done, total, futures[future].id)
