"""Writes to the corpus and the build folder as one transaction: one writer, staged, journaled.

Every writer (``bkg build``, ``bkg ingest``, ``POST /documents``) takes the writer lock beside
the build folder, so a second writer waits (up to a bounded time) instead of racing the first
and silently dropping its document. Inside the lock, the new files are written to staging
folders next to their targets (same file system, so a rename moves them), checked as they are
made (see :mod:`.output`), and only then is the *journal* written: the list of renames that
switch old for new. Writing the journal is the commit point. The renames follow; then the
journal and staging are removed.

A file can also be changed *in place* from a byte offset on (:meth:`Transaction.append`):
``kg.nq`` puts the graphs an ingest changes last, so an ingest writes only its tail instead
of a gigabyte. The new tail is a list of pieces — ranges of files never changed once written
(the build's cached graphs) and bytes staged like any file; the journal lists them and says
where they go; the switch cuts the file there and copies the pieces in. Replaying that is
harmless, so the journal covers it like a rename. Because readers of such a file would see it
change under them,
they hold the lock *shared* while they read it (:func:`reader_lock`): a writer waits for
them, and they for a writer.

A writer killed at any moment therefore leaves either no journal (nothing was switched: the
staging folders are leftovers and are removed — the old version stands) or a complete journal
(its renames and tails are replayed — the new version stands). Whichever command takes the
lock next does that first (:func:`recover`), and so does the server when it starts.

Layout, for a build folder ``build/`` and a corpus ``corpus/``::

    .build.lock                 the writer lock (flock: exclusive for a writer, shared for
                                a reader of a file changed in place; its content is
                                meaningless)
    .build.journal              the committed renames, JSON; present only mid-switch
    .build.staging-<txn>/       new build files being written
    .corpus.staging-<txn>/      new corpus files being written
    .build.trash-<txn>/         large files just replaced, being removed by a process of
                                their own (freeing a gigabyte takes a second)
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import WriterBusy


def lock_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.lock"


def journal_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.journal"


def _staging_glob(folder: Path) -> list[Path]:
    return sorted(folder.parent.glob(f".{folder.name}.staging-*"))


#: A replaced file at least this large is removed after the switch, not during it.
LARGE = 64 << 20
#: Trash this much older than now (seconds) lost its remover, and is removed by the next writer.
STALE_TRASH = 600
#: How long a reader of a build waits for a writer by default (a clean build of a thousand
#: documents takes about a minute).
READ_LOCK_TIMEOUT = 600.0


def _set_aside(target: Path, trash: Path) -> None:
    """Keep a large file about to be replaced under ``trash`` (another name for the same
    data): replacing it then frees no disk space, which for a gigabyte takes a second."""
    with contextlib.suppress(OSError):
        if target.stat().st_size >= LARGE:
            trash.mkdir(exist_ok=True)
            os.link(target, trash / f"{uuid.uuid4().hex[:8]}-{target.name}")


def remove_later(trash: Path) -> None:
    """Remove ``trash`` in a process of its own, which outlives this one if need be (the
    shell starts ``rm`` in the background and returns at once)."""
    if trash.is_dir():
        subprocess.run(
            ["sh", "-c", 'rm -rf -- "$1" </dev/null >/dev/null 2>&1 &', "sh", str(trash)],
            check=False,
            timeout=10,
        )


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file with the usual permissions (umask applies), durably."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def writer_lock(out_dir: Path, timeout: float, corpus: Path | None = None) -> Iterator[None]:
    """Hold the one writer lock of ``out_dir`` (waiting at most ``timeout`` seconds), having
    finished or rolled back whatever an interrupted writer left."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(out_dir), os.O_RDWR | os.O_CREAT, 0o666)
    try:
        busy = f"another build or ingest is writing {out_dir} and did not finish within"
        _flock(fd, fcntl.LOCK_EX, time.monotonic() + timeout, f"{busy} {timeout:g} s")
        recover(out_dir, corpus)
        yield
    finally:
        os.close(fd)  # closing releases the flock


def _flock(fd: int, mode: int, deadline: float, busy: str) -> None:
    """Take the flock ``mode`` on ``fd``, trying until ``deadline`` (then: ``busy``)."""
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise WriterBusy(f"{busy}; try again when it is done") from None
            time.sleep(0.05)


@contextlib.contextmanager
def reader_lock(out_dir: Path, timeout: float = READ_LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of ``out_dir`` shared while reading its files (others may read; no
    writer writes), waiting at most ``timeout`` seconds; a switch an interrupted writer left
    is finished first. Where the lock cannot be made (a read-only folder: no one writes
    there), read without it."""
    try:
        fd = os.open(lock_path(out_dir), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        yield
        return
    try:
        deadline = time.monotonic() + timeout
        while True:
            busy = f"a build or ingest is writing {out_dir} and did not finish within"
            _flock(fd, fcntl.LOCK_SH, deadline, f"{busy} {timeout:g} s")
            if not journal_path(out_dir).exists():
                break
            fcntl.flock(fd, fcntl.LOCK_UN)  # a switch was cut short: finish it, then read
            with writer_lock(out_dir, max(0.0, deadline - time.monotonic())):
                pass
        yield
    finally:
        os.close(fd)


class Tail:
    """The new end of a file changed in place, as pieces copied in at the switch: ranges of
    files that are never changed once written (a build's cached graphs) and bytes written
    here, to a file in staging. Nothing of it is copied twice."""

    def __init__(self, staged: Path) -> None:
        self.staged = staged
        self.pieces: list[tuple[Path, int, int]] = []  # file, offset, length
        self._written = 0
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(b"")

    def copy(self, path: Path, size: int) -> None:
        """Append the first ``size`` bytes of ``path``, which no one changes."""
        self.pieces.append((path, 0, size))

    def write(self, data: bytes) -> None:
        with self.staged.open("ab") as fh:
            fh.write(data)
        self.pieces.append((self.staged, self._written, len(data)))
        self._written += len(data)

    def sync(self) -> None:
        """Make every piece durable: the staged bytes, and the cached files (some written by
        this build or the last, not yet on disk) with one sync of their file system rather
        than one per file (a thousand of them)."""
        devices: dict[int, Path] = {}
        for path in dict.fromkeys(p for p, _, _ in self.pieces):
            devices.setdefault(path.stat().st_dev, path)
        for path in devices.values():
            _sync_file_system(path)


def _sync_file_system(path: Path) -> None:
    """Write to disk whatever of the file system that holds ``path`` is not yet there
    (``syncfs``; where the C library has none, every file system, ``sync``)."""
    syncfs = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)
    fd = os.open(path, os.O_RDONLY)
    try:
        if syncfs is None or syncfs(fd) != 0:
            os.sync()
    finally:
        os.close(fd)


def _put_tail(target: Path, keep: int, pieces: list[tuple[str, int, int]]) -> None:
    """Make ``target`` its first ``keep`` bytes followed by ``pieces``, durably (the same
    whether it was done before or not). A target removed meanwhile stays removed, and one
    whose pieces are gone (a cache removed by hand) is removed: the build then lacks its
    graph, which the next command notices and rebuilds."""
    if not target.exists():
        return
    with contextlib.ExitStack() as files:
        try:
            sources = [(files.enter_context(open(p, "rb")), o, n) for p, o, n in pieces]
        except OSError:
            sources = []
        if len(sources) < len(pieces) or any(
            os.fstat(f.fileno()).st_size < offset + n for f, offset, n in sources
        ):
            target.unlink(missing_ok=True)
            return
        with target.open("r+b") as out:
            out.truncate(keep)
            at = keep
            for src, offset, length in sources:
                copy_range(src, offset, length, out, at)
                at += length
            out.flush()
            os.fsync(out.fileno())


def copy_range(src: BinaryIO, offset: int, length: int, out: BinaryIO, at: int) -> None:
    """Copy ``length`` bytes of ``src`` from ``offset`` to ``out`` at ``at`` (in the kernel
    where the file system can)."""
    copied = 0
    with contextlib.suppress(OSError):
        while copied < length:
            n = os.copy_file_range(
                src.fileno(), out.fileno(), length - copied, offset + copied, at + copied
            )
            if n == 0:
                break
            copied += n
    while copied < length:
        src.seek(offset + copied)
        chunk = src.read(min(length - copied, 1 << 20))
        if not chunk:
            raise OSError(f"{src.name} ended before its piece did")
        out.seek(at + copied)
        out.write(chunk)
        copied += len(chunk)


def stamp_of(path: Path) -> dict[str, int] | None:
    """What identifies a file's bytes as left by the last switch (None: no such file)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ino": st.st_ino, "dev": st.st_dev}


def write_stamp(target: Path, where: Path) -> None:
    """Note ``target``'s stamp in ``where``: a later writer changes it in place only if it is
    still so (edited by hand, or left by a switch this one did not see, it is written anew).
    Not made durable: a stamp lost in a crash only means a whole file written next time."""
    stamp = stamp_of(target)
    with contextlib.suppress(OSError):
        where.parent.mkdir(parents=True, exist_ok=True)
        tmp = where.with_name(f".{where.name}.{uuid.uuid4().hex[:8]}")
        tmp.write_text(json.dumps(stamp), encoding="utf-8")
        os.replace(tmp, where)


def read_stamp(where: Path) -> dict[str, int] | None:
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def recover(out_dir: Path, corpus: Path | None = None) -> str | None:
    """Finish a committed switch or roll back an uncommitted one; say which (None: neither).

    Call with the writer lock held (``writer_lock`` does)."""
    journal = journal_path(out_dir)
    outcome: str | None = None
    if journal.exists():
        entry = json.loads(journal.read_text(encoding="utf-8"))
        trash = out_dir.parent / f".{out_dir.name}.trash-{entry['txn']}"
        for staged, target in entry["moves"]:
            if Path(staged).exists():
                Path(target).parent.mkdir(parents=True, exist_ok=True)
                _set_aside(Path(target), trash)
                os.replace(staged, target)
        for target, keep, pieces in entry.get("tails", []):
            _put_tail(Path(target), keep, pieces)
        for target in entry.get("removals", []):
            Path(target).unlink(missing_ok=True)
        for folder in {Path(t).parent for _, t in entry["moves"]}:
            _fsync_dir(folder)
        for target, where in entry.get("stamps", []):
            write_stamp(Path(target), Path(where))
        journal.unlink()
        _fsync_dir(journal.parent)
        remove_later(trash)
        outcome = f"completed the interrupted write {entry['txn']}"
    for tmp in journal.parent.glob(f"{journal.name}.*"):  # a journal never renamed in
        tmp.unlink(missing_ok=True)
    for old in out_dir.parent.glob(f".{out_dir.name}.trash-*"):  # its remover died
        with contextlib.suppress(OSError):
            if time.time() - old.stat().st_mtime > STALE_TRASH:
                shutil.rmtree(old, ignore_errors=True)
    leftovers = _staging_glob(out_dir) + (_staging_glob(corpus) if corpus is not None else [])
    for folder in leftovers:
        shutil.rmtree(folder, ignore_errors=True)
    if leftovers and outcome is None:
        outcome = "rolled back an interrupted write (nothing had been switched)"
    return outcome


class Transaction:
    """New files for the build folder (and the corpus), staged; switched by :meth:`commit`."""

    def __init__(self, out_dir: Path, corpus: Path | None = None) -> None:
        self.out_dir = out_dir
        self.corpus = corpus
        self.txn = uuid.uuid4().hex[:12]
        self.moves: list[tuple[Path, Path]] = []
        self.tails: list[tuple[Tail, Path, int]] = []
        self.stamps: list[tuple[Path, Path]] = []
        self.removals: list[Path] = []
        self._staging: list[Path] = []

    def _stage_root(self, folder: Path) -> Path:
        root = folder.parent / f".{folder.name}.staging-{self.txn}"
        if root not in self._staging:
            root.mkdir(parents=True, exist_ok=True)
            self._staging.append(root)
        return root

    def stage(self, target: Path, data: bytes) -> Path:
        """Write ``data`` for ``target`` (in the build folder or the corpus) to staging."""
        staged = self.place(target)
        write_file(staged, data)
        return staged

    def _staged(self, target: Path, suffix: str = "") -> Path:
        """Where in staging a file for ``target`` (in the build folder or the corpus) goes."""
        for folder in (self.out_dir, self.corpus):
            if folder is not None and target.is_relative_to(folder):
                staged = self._stage_root(folder) / f"{target.relative_to(folder)}{suffix}"
                staged.parent.mkdir(parents=True, exist_ok=True)
                return staged
        raise ValueError(f"{target} is neither in {self.out_dir} nor in {self.corpus}")

    def place(self, target: Path) -> Path:
        """Where to write the new ``target`` (in staging); it is switched in at the commit."""
        staged = self._staged(target)
        if (staged, target) not in self.moves:
            self.moves.append((staged, target))
        return staged

    def append(self, target: Path, keep: int) -> Tail:
        """The new end of ``target`` from its first ``keep`` bytes on: at the commit,
        ``target`` is cut there and the tail's pieces are copied in after them."""
        tail = Tail(self._staged(target, ".tail"))
        self.tails.append((tail, target, keep))
        return tail

    def stamp(self, target: Path, where: Path) -> None:
        """Note ``target``'s stamp in ``where`` once it is switched (see :func:`write_stamp`)."""
        self.stamps.append((target, where))

    def remove(self, target: Path) -> None:
        """Remove ``target`` (a file the new version no longer has) at the switch."""
        self.removals.append(target)

    def commit(self) -> None:
        """Write the journal (the commit point), then switch every file and clean up."""
        self.write_journal()
        recover(self.out_dir, self.corpus)

    def write_journal(self) -> None:
        """Commit: from here on, the switch is completed even if this process dies."""
        for staged, _ in self.moves:
            with staged.open("rb") as fh:
                os.fsync(fh.fileno())
        for tail, _, _ in self.tails:
            tail.sync()
        journal = journal_path(self.out_dir)
        entry = {
            "txn": self.txn,
            "moves": [[str(s), str(t)] for s, t in self.moves],
            "tails": [
                [str(t), keep, [[str(p), o, n] for p, o, n in tail.pieces]]
                for tail, t, keep in self.tails
            ],
            "removals": [str(t) for t in self.removals],
            "stamps": [[str(t), str(w)] for t, w in self.stamps],
        }
        tmp = journal.with_name(f"{journal.name}.{self.txn}")
        write_file(tmp, json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8"))
        os.replace(tmp, journal)
        _fsync_dir(journal.parent)

    def abandon(self) -> None:
        for root in self._staging:
            shutil.rmtree(root, ignore_errors=True)
