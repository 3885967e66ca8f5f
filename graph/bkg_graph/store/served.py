"""The store a server uses: the data directory's current version, queried by worker processes."""

from __future__ import annotations

import os
from pathlib import Path

from .. import paths
from ..errors import BuildMissing
from ..namespaces import PREFIXES
from ..settings import Settings
from .base import QueryAnswer, QueryRequest
from .datadir import DataDir, Version
from .methods import QueryMethods
from .pool import WorkerPool
from .worker import Job


class ServedStore(QueryMethods):
    """Answers queries on the current version under ``data`` within ``timeout`` seconds."""

    def __init__(
        self,
        data: DataDir,
        *,
        workers: int = 2,
        timeout: float = 10.0,
        max_results: int = 10_000,
        max_query_bytes: int = 100_000,
        memory_mb: int = 0,
    ) -> None:
        if data.current() is None:
            raise BuildMissing(f"no graph loaded in {data.root}")
        self.data = data
        self.max_results = max_results
        self.max_query_bytes = max_query_bytes
        self.pool = WorkerPool(workers, timeout, PREFIXES, memory_mb)

    @property
    def version(self) -> str:
        return self._current().name

    def query(self, request: QueryRequest) -> QueryAnswer:
        answer = self.pool.call(Job(str(self._current().store_path), request))
        assert isinstance(answer, QueryAnswer)
        return answer

    def load_build(self, build_dir: Path) -> Version:
        """Swap to the graph in ``build_dir``; queries already running finish on the old one."""
        return self.data.load_build(build_dir)

    def load_files(self, files: list[Path]) -> Version:
        return self.data.load_files(files)

    def close(self) -> None:
        self.pool.close()

    def _current(self) -> Version:
        version = self.data.current()
        if version is None:
            raise BuildMissing(f"no graph loaded in {self.data.root}")
        return version


def worker_count(settings: Settings) -> int:
    return settings.query_workers or max(2, os.cpu_count() or 1)


def open_served(
    settings: Settings,
    *,
    data_dir: Path | None = None,
    build_dir: Path | None = None,
    files: list[Path] | None = None,
) -> ServedStore:
    """``files`` (or else the built graph) loaded under the data folder, served by workers.

    Which store a server opens is decided by :func:`bkg_graph.store.choose.open_store`.
    """
    data = DataDir(data_dir or paths.data_dir(settings))
    if files:
        data.load_files(files)
    else:
        data.load_build(build_dir or paths.build_dir(settings))
    return ServedStore(
        data,
        workers=worker_count(settings),
        timeout=settings.query_timeout,
        max_results=settings.max_results,
        max_query_bytes=settings.max_query_bytes,
        memory_mb=settings.worker_memory_mb,
    )
