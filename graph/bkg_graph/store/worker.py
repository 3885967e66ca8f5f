"""The query worker process: opens the on-disk store read-only and answers jobs from a pipe.

A worker runs one query at a time, inside the walls of :mod:`.sandbox` (no network, bounded
memory) that it raises before it reads its first job. pyoxigraph cannot cancel a query, so a
worker whose query overruns is killed by the pool (see :mod:`.pool`) and replaced; the store
files are never written after loading, so killing a reader leaves them intact. A job names the
version folder to read, so a worker moves to a new version of the graph on its next query. A
:class:`Confirm` job only has a risky query read by the full parser (for a remote store, which
sends the query on itself).
"""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pyoxigraph as ox

from ..errors import BkgError, QueryError
from .base import QueryAnswer, QueryRequest
from .execute import execute
from .guard import confirm
from .sandbox import deny_network, limit_memory


@dataclass(frozen=True)
class Job:
    store_path: str
    request: QueryRequest


@dataclass(frozen=True)
class Confirm:
    """Read a risky query with the full parser before a remote store sends it (see
    :func:`.guard.confirm`); the reply is ``True`` or a :class:`Failure`."""

    text: str
    risky: frozenset[str]


#: The reply of a worker that ran out of memory; it exits right after sending it.
OUT_OF_MEMORY = "QueryOutOfMemory"


@dataclass(frozen=True)
class Failure:
    """An error to raise in the parent: a BkgError by class name, or a bug (``kind`` "bug")."""

    kind: str
    message: str
    line: int | None = None
    column: int | None = None


Reply = QueryAnswer | Failure | bool


def serve(conn: Connection, memory_mb: int = 0) -> None:
    """Main loop of a worker process: answer jobs until the socket closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server to handle
    _exit_with_parent()
    deny_network()
    limit_memory(memory_mb)
    prefixes: dict[str, str] = conn.recv()
    opened: tuple[str, ox.Store] | None = None
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job: Job | Confirm = conn.recv()
        except (EOFError, OSError):
            return
        exhausted = False
        try:
            if isinstance(job, Confirm):
                confirm(job.text, job.risky, remote=True, prefixes=prefixes)
                reply: Reply = True
            else:
                if opened is None or opened[0] != job.store_path:
                    opened = None  # close the old version before opening the new one
                    opened = (job.store_path, ox.Store.read_only(job.store_path))
                reply = execute(opened[1], job.request, prefixes)
        except MemoryError:
            exhausted = True
            reply = Failure(OUT_OF_MEMORY, f"the query needed more than {memory_mb:,} MB")
        except QueryError as exc:
            reply = Failure(type(exc).__name__, str(exc), exc.line, exc.column)
        except BkgError as exc:
            reply = Failure(type(exc).__name__, str(exc))
        except Exception:
            reply = Failure("bug", traceback.format_exc())
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return
        if exhausted:
            os._exit(3)  # the pool replaces a worker whose memory ran out


def _exit_with_parent() -> None:
    """Exit as soon as the server process is gone, even in the middle of a query."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="bkg-parent-watch", daemon=True).start()
