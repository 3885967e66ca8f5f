"""Read the documents a build needs, and make their history graphs and derived shares, in
parallel across cores when there are several.

Reading (parse, extract, link) is most of a build's time and each document is independent,
so a full build hands them to a pool of processes (``spawn``: safe inside a threaded server),
each of which loads the registry once and puts its results in the shared cache folder. The
history graph and derived share of a document (:mod:`.blocks`) are made from its reading and
those of the councils before it, so a worker takes a run of councils in council order and
makes each one's blocks right after reading it, while the readings it needs are still in
memory; the few whose earlier councils fell in another run are made once all are read. One
or a few documents are done here, without starting processes.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
from types import TracebackType

from ..corpus import DocumentMeta
from ..errors import BkgError, DocumentError
from ..namespaces import IRIs
from ..registry import Registry, load_registry
from ..settings import Settings
from .blocks import Sources, assemble
from .cache import DocCache, Entry

#: Fewer documents than this are done in this process.
PARALLEL_FROM = 8
#: Readings a worker keeps for the next document's blocks (its earlier councils).
_KEEP = 16

_worker_cache: DocCache | None = None
_worker_max_bytes = 0
_recent: OrderedDict[str, Entry] = OrderedDict()


def _init(
    registry_dir: Path, base_iri: str, cache: Path, max_bytes: int, registry: Registry | None = None
) -> None:
    global _worker_cache, _worker_max_bytes
    registry = registry or load_registry(registry_dir)
    _worker_cache = DocCache(cache, registry, IRIs(base_iri))
    _worker_max_bytes = max_bytes
    _recent.clear()


def _read_one(key: str, meta: DocumentMeta) -> str | None:
    """Read one document into the cache; the message of a user error, else None."""
    assert _worker_cache is not None
    try:
        _keep(key, _worker_cache.read(key, meta, _worker_max_bytes))
    except BkgError as exc:
        return str(exc)
    return None


def _keep(key: str, entry: Entry) -> None:
    _recent[key] = entry
    _recent.move_to_end(key)
    while len(_recent) > _KEEP:
        _recent.popitem(last=False)


def _read_and_assemble(
    work: list[tuple[list[tuple[str, DocumentMeta]], Sources | None]],
) -> str | None:
    """Read documents and make blocks, in council order: each document's readings stay in
    memory for the blocks of the next few (see :meth:`Workers.build`). The message of a
    user error, else None."""
    for reads, src in work:
        for key, meta in reads:
            error = _read_one(key, meta)
            if error is not None:
                return error
        if src is not None:
            _assemble_one(src)
    return None


def _entry(key: str) -> Entry:
    """A cached entry, its reading kept for the next few documents."""
    assert _worker_cache is not None
    found = _recent.get(key) or _worker_cache.get(key)
    if found is None:
        raise RuntimeError(f"cache entry {key} vanished during the build")
    _keep(key, found)
    return found


def _assemble_one(src: Sources) -> None:
    assert _worker_cache is not None
    assemble(_worker_cache, src, _entry, _worker_cache.iris)


def workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


class Workers:
    """The processes of one build, started when there is enough to do for them."""

    def __init__(
        self, registry_dir: Path, settings: Settings, cache: Path, registry: Registry | None = None
    ) -> None:
        """``registry`` (loaded from ``registry_dir`` already) serves work done here."""
        self.args = (registry_dir, settings.base_iri, cache, settings.max_document_bytes)
        self.registry = registry
        self.pool: ProcessPoolExecutor | None = None
        self.local = False

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def _parallel(self, count: int) -> ProcessPoolExecutor | None:
        """The pool if ``count`` tasks are worth it, else None (done in this process)."""
        if self.pool is None and (count < PARALLEL_FROM or workers() == 1):
            if not self.local:
                _init(*self.args, self.registry)
                self.local = True
            return None
        if self.pool is None:
            self.pool = ProcessPoolExecutor(workers(), get_context("spawn"), _init, self.args)
        return self.pool

    def build(
        self,
        todo: list[tuple[str, DocumentMeta]],
        blocks: list[Sources],
        progress: Callable[[str], None],
        tick: Callable[[int, int, str], None] | None,
    ) -> None:
        """Read every document of ``todo`` (cache key, metadata) into the cache and make the
        history graph and derived share of every document of ``blocks``.

        In worker processes, both in one pass: each worker takes a run of councils in
        council order, reads each and makes its blocks while the readings of the councils
        before it are still in memory. A document whose blocks need a reading of another
        run (the councils just before the run's first) has them made afterwards."""
        pool = self._parallel(len(todo))
        if pool is None:
            for done, (key, meta) in enumerate(todo, 1):
                progress(f"reading {meta.id} ({meta.source_file.name})")
                error = _read_one(key, meta)
                if error is not None:
                    raise DocumentError(error)
                if tick is not None:
                    tick(done, len(todo), meta.id)
            self.assemble(blocks, progress)
            return
        unread = dict(todo)
        to_read = set(unread)  # a run can count only on readings it makes or the cache has
        runs: list[list[tuple[list[tuple[str, DocumentMeta]], Sources | None]]] = []
        later: list[Sources] = []
        order = sorted(blocks, key=lambda s: (str(s.meta.date), s.meta.id))
        size = max(PARALLEL_FROM, len(order) // (workers() * 8))
        for i in range(0, len(order), size):
            mine: set[str] = set()
            run: list[tuple[list[tuple[str, DocumentMeta]], Sources | None]] = []
            for src in order[i : i + size]:
                own = [k for k in (src.key, *src.past) if k in unread]
                mine.update(own)
                needs = {src.key, *src.past, *src.followed, *src.translations}
                needs |= {src.original} if src.original else set()
                ready = all(k in mine or k not in to_read for k in needs)
                run.append(([(k, unread[k]) for k in own], src if ready else None))
                if not ready:
                    later.append(src)
            for k in mine:
                del unread[k]
            runs.append(run)
        runs.append([([(k, m)], None) for k, m in unread.items()])  # read for no block here
        total = len(todo)
        progress(f"reading {total} documents in {workers()} processes")
        futures = {pool.submit(_read_and_assemble, run): run for run in runs if run}
        done = 0
        for future in as_completed(futures):
            error = future.result()
            if error is not None:
                for other in futures:
                    other.cancel()
                raise DocumentError(error)
            for meta in (meta for reads, _ in futures[future] for _, meta in reads):
                done += 1
                if tick is not None:
                    tick(done, total, meta.id)
        self.assemble(later, progress)

    def assemble(self, todo: list[Sources], progress: Callable[[str], None]) -> None:
        """Make the history graph and derived share of every document of ``todo``."""
        pool = self._parallel(len(todo))
        if pool is None:
            for src in todo:
                _assemble_one(src)
            return
        progress(f"making {len(todo)} documents' history and derived graphs")
        order = sorted(todo, key=lambda s: (str(s.meta.date), s.meta.id))
        size = max(1, len(order) // (workers() * 4))
        chunks = [order[i : i + size] for i in range(0, len(order), size)]
        futures: list[Future[None]] = [pool.submit(_assemble_chunk, c) for c in chunks]
        for future in as_completed(futures):
            future.result()


def _assemble_chunk(chunk: list[Sources]) -> None:
    for src in chunk:
        _assemble_one(src)
