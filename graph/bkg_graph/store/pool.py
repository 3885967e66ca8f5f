"""A pool of query worker processes with a hard time limit per query.

``call`` blocks the calling thread (the server calls it from its thread pool, never on the
event loop) until a worker is free and has answered. A worker that has not answered when the
time is up is killed and replaced in the background, and the caller gets
:class:`~bkg_graph.errors.QueryTimeout`; the other workers keep answering meanwhile. Waiting
for a free worker counts towards the same limit. When every worker is busy, the pool starts
up to ``SPARE`` more (kept from then on), so that a few runaway queries cannot make light ones
wait for their limit.
"""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

from .. import errors
from ..errors import BkgError, QueryError, QueryTimeout, StoreUnavailable
from .base import QueryAnswer
from .worker import Failure, Job

_START_TIMEOUT = 60.0
SPARE = 2  # workers the pool may add while every worker is busy
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


class _Worker:
    def __init__(self, process: subprocess.Popen[bytes], conn: Connection) -> None:
        self.process = process
        self.conn = conn

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes answering :class:`Job` s, each within ``timeout`` seconds."""

    def __init__(self, size: int, timeout: float, prefixes: dict[str, str]) -> None:
        self.size = size
        self.timeout = timeout
        self._prefixes = prefixes
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._starting: set[_Worker] = set()
        self._launching = 0
        self._closed = False
        self.replaced = 0
        try:
            for worker in [self._start() for _ in range(size)]:
                self._ready(worker)
        except BaseException:
            self.close()
            raise

    def call(self, job: Job) -> QueryAnswer:
        """Run one job; raises its error, QueryTimeout or StoreUnavailable."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            self._grow()
            worker = self._wait_idle()
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                raise QueryTimeout(
                    f"the query ran longer than {self.timeout:g} s and was stopped; "
                    "narrow it down (more specific patterns, LIMIT) and try again"
                )
            reply = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise StoreUnavailable("the query worker stopped unexpectedly; try again") from None
        self._idle.put(worker)
        if isinstance(reply, Failure):
            raise _error(reply)
        assert isinstance(reply, QueryAnswer)
        return reply

    def _wait_idle(self) -> _Worker:
        try:
            return self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise StoreUnavailable(
                f"every query worker stayed busy for {self.timeout:g} s; try again later"
            ) from None

    def _grow(self) -> None:
        """Every worker is busy: start one more, up to ``SPARE`` over the pool's size, so that
        a light query need not wait for a runaway one to be stopped."""
        with self._lock:
            count = len(self._workers) + len(self._starting) + self._launching
            if self._closed or count >= self.size + SPARE:
                return
            self._launching += 1
        threading.Thread(
            target=self._restart, args=(True,), name="bkg-worker-grow", daemon=True
        ).start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers | self._starting)
            self._workers.clear()
            self._starting.clear()
        for worker in workers:
            worker.stop()

    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers]

    def _start(self) -> _Worker:
        """Start ``python -m bkg_graph.store`` (a worker) on one end of a socket pair.

        A fresh interpreter (not fork, not multiprocessing's spawn, which re-imports the
        parent's ``__main__``) so that it works the same under uvicorn, pytest and notebooks.
        """
        ours, theirs = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([_PACKAGE_ROOT, *sys.path])}
        with theirs:
            process = subprocess.Popen(
                [sys.executable, "-m", "bkg_graph.store", str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                env=env,
            )
        worker = _Worker(process, Connection(ours.detach()))
        with self._lock:
            closed = self._closed
            if not closed:
                self._starting.add(worker)
        if closed:
            worker.stop()
            raise StoreUnavailable("the query workers have been shut down")
        return worker

    def _ready(self, worker: _Worker) -> None:
        """Greet a new worker and wait for its answer, then offer it jobs."""
        try:
            worker.conn.send(self._prefixes)
            if not worker.conn.poll(_START_TIMEOUT):
                raise StoreUnavailable("a query worker did not start")
            worker.conn.recv()
        except (EOFError, OSError):
            worker.stop()
            raise StoreUnavailable("a query worker did not start") from None
        except StoreUnavailable:
            worker.stop()
            raise
        with self._lock:
            self._starting.discard(worker)
            closed = self._closed
            if not closed:
                self._workers.add(worker)
        if closed:
            worker.stop()
            return
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
            closed = self._closed
            self.replaced += 1
        worker.stop()
        if not closed:
            threading.Thread(target=self._restart, name="bkg-worker-restart", daemon=True).start()

    def _restart(self, launching: bool = False) -> None:
        try:
            worker = self._start()
        except (BkgError, OSError):
            return  # the pool runs one short; the next replacement tries again
        finally:
            if launching:
                with self._lock:
                    self._launching -= 1
        try:
            self._ready(worker)
        except (BkgError, OSError):
            return


def _error(failure: Failure) -> Exception:
    if failure.kind == "bug":
        return RuntimeError(f"query worker failed:\n{failure.message}")
    cls = getattr(errors, failure.kind, None)
    if isinstance(cls, type) and issubclass(cls, QueryError):
        return cls(failure.message, line=failure.line, column=failure.column)
    if isinstance(cls, type) and issubclass(cls, BkgError):
        return cls(failure.message)
    return RuntimeError(f"query worker sent an unknown error {failure.kind}: {failure.message}")
