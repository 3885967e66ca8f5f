"""A pool of query worker processes with a hard time limit per query.

``call`` blocks the calling thread (the server calls it from its thread pool, never on the
event loop) until a worker is free and has answered. A worker that has not answered when the
time is up is killed and replaced in the background, and the caller gets
:class:`~bkg_graph.errors.QueryTimeout`; the other workers keep answering meanwhile. Waiting
for a free worker counts towards the same limit. When every worker is busy, the pool starts
up to ``SPARE`` more, so that a few runaway queries cannot make light ones wait for their
limit; a spare that finishes while another worker is idle is retired, so the pool shrinks back
to its size. There are never more than ``size + SPARE`` workers, each within its memory limit
(see :mod:`.sandbox`), so the pool's memory is bounded by ``(size + SPARE) × memory_mb``.

A worker that dies (its memory ran out, or the engine crashed) is replaced, and the caller
is told why in plain words; a worker found dead while idle is replaced before it is used.
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO

from .. import errors
from ..errors import BkgError, QueryError, QueryOutOfMemory, QueryTimeout, StoreUnavailable
from .base import QueryAnswer
from .worker import OUT_OF_MEMORY, Confirm, Failure, Job

_START_TIMEOUT = 60.0
SPARE = 2  # workers the pool may add while every worker is busy
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


_OOM_SIGNS = ("memory allocation of", "MemoryError", "Cannot allocate memory", "bad_alloc")


class _Worker:
    def __init__(self, process: subprocess.Popen[bytes], conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.out_of_memory = False  # said so on stderr (before a backtrace, maybe)
        self._relayer = threading.Thread(
            target=self._relay, args=(process.stderr,), name="bkg-worker-stderr", daemon=True
        )
        if process.stderr is not None:
            self._relayer.start()

    def _relay(self, stream: IO[bytes] | None) -> None:
        """Pass the worker's messages on to the server's stderr, noting a lack of memory."""
        for raw in stream or ():
            line = raw.decode("utf-8", "replace")
            self.out_of_memory = self.out_of_memory or any(sign in line for sign in _OOM_SIGNS)
            sys.stderr.write(line)

    def death(self, memory_mb: int) -> BkgError:
        """Why the worker stopped, for the caller whose query it was running."""
        try:
            code = self.process.wait(2)
        except subprocess.TimeoutExpired:
            code = None
        if self._relayer.is_alive():
            self._relayer.join(1.0)  # let the relay read the last words
        if code == 3 or self.out_of_memory:
            return out_of_memory(memory_mb)
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            return StoreUnavailable(
                f"the query worker crashed on this query ({name}) and was replaced; "
                "a query nested very deeply can do this — simplify it and try again"
            )
        return StoreUnavailable("the query worker stopped unexpectedly; try again")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5)
        self.conn.close()
        if self._relayer.is_alive():
            self._relayer.join(1.0)
        if self.process.stderr is not None:
            self.process.stderr.close()


class WorkerPool:
    """``size`` worker processes answering :class:`Job` s, each within ``timeout`` seconds."""

    def __init__(
        self, size: int, timeout: float, prefixes: dict[str, str], memory_mb: int = 0
    ) -> None:
        self.size = size
        self.timeout = timeout
        self.memory_mb = memory_mb
        self._prefixes = prefixes
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._starting: set[_Worker] = set()
        self._launching = 0
        self._closed = False
        self.replaced = 0
        self.retired = 0
        try:
            for worker in [self._start() for _ in range(size)]:
                self._ready(worker)
        except BaseException:
            self.close()
            raise

    def call(self, job: Job | Confirm) -> QueryAnswer | bool:
        """Run one job; raises its error, QueryTimeout, QueryOutOfMemory or StoreUnavailable."""
        deadline = time.monotonic() + self.timeout
        worker = self._take()
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
            why = worker.death(self.memory_mb)
            self._replace(worker)
            raise why from None
        if isinstance(reply, Failure) and reply.kind == OUT_OF_MEMORY:
            self._replace(worker)  # it exits after saying so
            raise out_of_memory(self.memory_mb)
        self._give_back(worker)
        if isinstance(reply, Failure):
            raise _error(reply)
        assert isinstance(reply, QueryAnswer | bool)
        return reply

    def _take(self) -> _Worker:
        """An idle worker that is alive (a dead one is replaced, not handed out)."""
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                self._grow()
                worker = self._wait_idle()
            if worker.process.poll() is None:
                return worker
            self._replace(worker)

    def _give_back(self, worker: _Worker) -> None:
        """Back to the idle workers — or retired, if it is a spare and another one idles."""
        with self._lock:
            spare = len(self._workers) > self.size and not self._idle.empty()
            if spare:
                self._workers.discard(worker)
                self.retired += 1
        if spare:
            worker.stop()
        else:
            self._idle.put(worker)

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
                [
                    sys.executable,
                    "-m",
                    "bkg_graph.store",
                    str(theirs.fileno()),
                    str(self.memory_mb),
                ],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
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
            # a replacement not needed any more (the pool is whole and a worker idles) retires
            surplus = len(self._workers) >= self.size and not self._idle.empty()
            if surplus and not closed:
                self.retired += 1
            elif not closed:
                self._workers.add(worker)
        if closed or surplus:
            worker.stop()
            return
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
            closed = self._closed
            self.replaced += 1
            if not closed:
                self._launching += 1  # counted at once, so that _grow never overshoots
        worker.stop()
        if not closed:
            threading.Thread(
                target=self._restart, args=(True,), name="bkg-worker-restart", daemon=True
            ).start()

    def count(self) -> int:
        """Workers running, starting or about to be started."""
        with self._lock:
            return len(self._workers) + len(self._starting) + self._launching

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


def out_of_memory(memory_mb: int) -> QueryOutOfMemory:
    return QueryOutOfMemory(
        f"the query needed more memory than a query may use ({memory_mb:,} MB) and was "
        "stopped; narrow it down (more specific patterns, fewer variables to sort) and try again"
    )


def _error(failure: Failure) -> Exception:
    if failure.kind == "bug":
        return RuntimeError(f"query worker failed:\n{failure.message}")
    cls = getattr(errors, failure.kind, None)
    if isinstance(cls, type) and issubclass(cls, QueryError):
        return cls(failure.message, line=failure.line, column=failure.column)
    if isinstance(cls, type) and issubclass(cls, BkgError):
        return cls(failure.message)
    return RuntimeError(f"query worker sent an unknown error {failure.kind}: {failure.message}")
