"""The data directory: one on-disk pyoxigraph store per graph version, and a pointer to one.

Layout::

    data/CURRENT                      the name of the version being served
    data/versions/<version>/store/    pyoxigraph (RocksDB) files, never written after loading
    data/versions/<version>/info.json what the version was loaded from; written last

A new version is bulk-loaded into a private staging folder — or, for a build that changed
only some named graphs (an ingest), made from the served version by replacing just those
(see :meth:`DataDir._patch`) — renamed into ``versions/`` when complete, and only then
published by replacing ``CURRENT`` with ``os.replace`` — so readers see the old graph or the
new one, never half of one, and a load that fails leaves the last
good version serving. The previous version is kept (a reader may still have it open); older
ones are removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import BuildMissing, InputError
from ..output import MANIFEST, NQUADS, read_manifest
from ..pipeline.cache import graph_lines
from ..transaction import READ_LOCK_TIMEOUT, reader_lock, remove_later
from .embedded import files_version, load_file, rdf_format

CURRENT = "CURRENT"
VERSIONS = "versions"
INFO = "info.json"
KEEP = 2
#: A staging folder this much older than now is a killed load's (seconds).
STALE_STAGING = 6 * 3600


@dataclass(frozen=True)
class Version:
    """One loaded version of the graph."""

    name: str
    root: Path

    @property
    def store_path(self) -> Path:
        return self.root / "store"

    @property
    def info(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.root / INFO).read_text(encoding="utf-8"))
        return data


class DataDir:
    """The versions under one data folder and the pointer to the one being served."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.versions = root / VERSIONS
        self._seen: tuple[int, int] | None = None
        self._current: Version | None = None

    def current(self) -> Version | None:
        """The version being served (re-read only when the pointer file changes)."""
        pointer = self.root / CURRENT
        try:
            st = pointer.stat()
        except FileNotFoundError:
            return None
        stamp = (st.st_mtime_ns, st.st_ino)
        if stamp != self._seen:
            name = pointer.read_text(encoding="utf-8").strip()
            self._current = Version(name, self.versions / name)
            self._seen = stamp
        return self._current

    def load_build(
        self, build_dir: Path, *, locked: bool = False, timeout: float = READ_LOCK_TIMEOUT
    ) -> Version:
        """Serve the graph in ``build_dir`` (loading it unless that version is here already),
        holding the build's lock shared while reading it (``locked``: the caller holds it)."""
        if not locked:
            with reader_lock(build_dir, timeout):
                return self.load_build(build_dir, locked=True)
        nq = build_dir / NQUADS
        if not nq.exists() or not (build_dir / MANIFEST).exists():
            raise BuildMissing(f"no built graph in {build_dir}; run `bkg build` first")
        manifest = read_manifest(build_dir)
        info = {"source": "build", "build_dir": str(build_dir), "manifest": manifest}
        version = Version(str(manifest["version"]), self.versions / str(manifest["version"]))
        base = self.current()
        if not (version.root / INFO).exists() and base is not None:
            self._patch(base, build_dir, version, info)
        return self.load([nq], version.name, info)

    def load_files(self, files: list[Path]) -> Version:
        """Serve the given RDF files (Turtle, N-Triples, N-Quads, TriG) as one graph."""
        for path in files:
            rdf_format(path)
            if not path.is_file():
                raise InputError(f"{path}: no such file")
        info = {"source": "files", "files": [str(p.resolve()) for p in files]}
        return self.load(files, files_version(files), info)

    def load(self, files: list[Path], name: str, info: dict[str, Any]) -> Version:
        """Load ``files`` as version ``name`` unless it is complete already; publish it."""
        version = Version(name, self.versions / name)
        if not (version.root / INFO).exists():
            self._stage(files, version, info)
        os.utime(version.root / INFO)  # the newest published version sorts first in _prune
        self._publish(version)
        self._prune(version)
        return version

    def _stage(self, files: list[Path], version: Version, info: dict[str, Any]) -> None:
        self.versions.mkdir(parents=True, exist_ok=True)
        self._clear_stale()
        staging = self.versions / f".staging-{version.name}-{uuid.uuid4().hex[:8]}"
        try:
            staging.mkdir()
            store = ox.Store(str(staging / "store"))
            for path in files:
                load_file(store, path)
            quads = len(store)
            store.flush()
            del store
            info = {**info, "version": version.name, "quads": quads}
            (staging / INFO).write_text(json.dumps(info, indent=1), encoding="utf-8")
            try:
                staging.rename(version.root)
            except OSError:
                if not (version.root / INFO).exists():  # another loader won the race
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _patch(
        self, base: Version, build_dir: Path, version: Version, info: dict[str, Any]
    ) -> bool:
        """Make ``version`` from the served one by replacing only the named graphs that
        changed (a cheap copy of the store, hard-linked, then those graphs reloaded from
        their byte ranges in ``kg.nq``). False, having changed nothing, where that is not
        possible or not worth it; the caller then loads the whole build."""
        try:
            old = base.info["manifest"]["graphs"] if base.info.get("source") == "build" else None
        except (KeyError, FileNotFoundError, ValueError):
            return False
        new: dict[str, dict[str, int]] = info["manifest"].get("graphs") or {}
        if not old or not new:
            return False
        changed = [g for g, d in new.items() if old.get(g, {}).get("sha256") != d["sha256"]]
        removed = [g for g in old if g not in new]
        if sum(new[g]["quads"] for g in changed) * 2 > int(info["manifest"]["quads"]):
            return False
        cache = build_dir.parent / f".{build_dir.name}.cache"
        self._clear_stale()
        staging = self.versions / f".staging-{version.name}-{uuid.uuid4().hex[:8]}"
        try:
            staging.mkdir()
            ox.Store.read_only(str(base.store_path)).backup(str(staging / "store"))
            store = ox.Store(str(staging / "store"))
            for g in removed:
                if store.contains_named_graph(ox.NamedNode(g)):
                    store.remove_graph(ox.NamedNode(g))
            how: dict[str, str] = {}
            reload: list[bytes] = []
            with (build_dir / NQUADS).open("rb") as fh:
                for g in changed:
                    fh.seek(new[g]["offset"])
                    data = fh.read(new[g]["bytes"])
                    before = graph_lines(cache, old[g]["sha256"]) if g in old else None
                    if before is not None and b"_:" not in before + data:
                        _apply_diff(store, before, data)  # the lines that changed, no more
                        how[g] = "changed lines"
                        continue
                    if store.contains_named_graph(ox.NamedNode(g)):
                        store.remove_graph(ox.NamedNode(g))
                    reload.append(data)
                    how[g] = "reloaded"
            if reload:  # one transaction for them all
                store.load(input=b"".join(reload), format=ox.RdfFormat.N_QUADS)
            if _graph_sizes(store, changed) != {g: new[g]["quads"] for g in changed}:
                return False
            store.flush()
            del store
            info = {**info, "version": version.name, "quads": int(info["manifest"]["quads"])}
            info["patched_from"] = base.name
            info["patched"] = how
            (staging / INFO).write_text(json.dumps(info, indent=1), encoding="utf-8")
            try:
                staging.rename(version.root)
            except OSError:
                if not (version.root / INFO).exists():
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return True

    def _clear_stale(self) -> None:
        """Remove what loads killed long ago left (a load takes minutes, not hours)."""
        now = time.time()
        for old in [*self.versions.glob(".staging-*"), *self.versions.glob(".trash-*")]:
            with contextlib.suppress(OSError):
                if now - old.stat().st_mtime > STALE_STAGING:
                    shutil.rmtree(old, ignore_errors=True)

    def _publish(self, version: Version) -> None:
        tmp = self.root / f".{CURRENT}.{uuid.uuid4().hex[:8]}"
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(version.name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / CURRENT)

    def _prune(self, current: Version) -> None:
        """Remove all but the current and the previous version."""
        done = [
            p
            for p in self.versions.iterdir()
            if not p.name.startswith(".") and (p / INFO).exists() and p != current.root
        ]
        done.sort(key=lambda p: (p / INFO).stat().st_mtime, reverse=True)
        for old in done[KEEP - 1 :]:  # renamed, then removed by a process of its own
            trash = self.versions / f".trash-{old.name}-{uuid.uuid4().hex[:8]}"
            with contextlib.suppress(OSError):
                old.rename(trash)
                remove_later(trash)


def _graph_sizes(store: ox.Store, graphs: list[str]) -> dict[str, int]:
    """How many quads each of ``graphs`` holds in ``store`` (counted by the engine)."""
    if not graphs:
        return {}
    values = " ".join(str(ox.NamedNode(g)) for g in graphs)
    rows = store.query(
        f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        " GROUP BY ?g"
    )
    assert isinstance(rows, ox.QuerySolutions)
    sizes = {g: 0 for g in graphs}
    for row in rows:
        graph, count = row["g"], row["n"]
        assert isinstance(graph, ox.NamedNode) and isinstance(count, ox.Literal)
        sizes[graph.value] = int(count.value)
    return sizes


def _apply_diff(store: ox.Store, before: bytes, after: bytes) -> None:
    """Turn a named graph's lines ``before`` into ``after`` in ``store`` (no blank nodes)."""
    old, new = set(before.split(b"\n")), set(after.split(b"\n"))
    gone = b"\n".join(sorted(old - new - {b""}))
    for quad in ox.parse(gone + b"\n", format=ox.RdfFormat.N_QUADS) if gone else []:
        store.remove(quad)
    added = b"\n".join(sorted(new - old - {b""}))
    if added:
        store.load(input=added + b"\n", format=ox.RdfFormat.N_QUADS)
