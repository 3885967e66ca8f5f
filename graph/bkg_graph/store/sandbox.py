"""The walls around a query worker process: no network, and a memory limit.

A worker runs queries written by anyone. The read-only check (:mod:`.guard`) refuses
``SERVICE``; this is the second wall, which needs no parser at all: a seccomp filter, loaded
by the worker itself before it reads its first job, makes the kernel refuse every socket that
is not a Unix socket (the worker talks to the server over one it inherited), every
``connect``, and io_uring (which could open sockets behind the filter's back). So even a query
that an engine reads as ``SERVICE`` when both parsers missed it gets ``Operation not
permitted``, not a connection.

The memory limit is an address-space limit (``RLIMIT_AS``): an allocation past it fails, the
engine aborts, and the pool reports a 503 and starts a fresh worker (see :mod:`.pool`).
"""

from __future__ import annotations

import errno
import resource
import socket

#: A worker with its store open takes about 450–570 MB of address space (RocksDB maps and
#: threads) before its first query; a lower limit would not let it answer at all.
MIN_MEMORY_MB = 768


def deny_network() -> None:
    """Load the seccomp filter into this process (and every thread it starts from now on)."""
    import pyseccomp as seccomp  # type: ignore[import-untyped]

    refuse = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    rules.add_rule(refuse, "socket", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
    rules.add_rule(refuse, "socketpair", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
    for call in ("connect", "io_uring_setup"):
        rules.add_rule(refuse, call)
    rules.load()


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space at ``megabytes`` (0: no cap)."""
    if megabytes <= 0:
        return
    size = max(megabytes, MIN_MEMORY_MB) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size, size))
