"""Per-document build results, cached under a content hash of everything they are made from.

A document's named graph depends only on its text, its metadata, the registry, the base IRI
and this code; so it is built once for that key and kept: ``<key>.nq`` (its N-Quads lines,
sorted) and ``<key>.pickle`` (the reading of the document, which the derived and history
graphs are computed from). Registry entities, pillars and themes are
pickled by id and resolved against the registry on loading — the registry is part of the
key, so they are the same ones. Entries are written to a temporary name and renamed, so a
reader sees a whole entry or none; an entry is never changed, only unused.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import pickle
import re
import shutil
import time
import uuid
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import URIRef

from ..corpus import DocumentMeta, document_key
from ..namespaces import BKG, RDF, IRIs
from ..output import block_terms
from ..registry import Entity, Pillar, Registry, Theme
from ..transaction import STALE_TRASH, remove_later
from . import participation, stats
from .rdf_document import document_triples
from .rdf_registry import Triple
from .statements import DocumentRecord, read_document, read_text

_PACKAGE = Path(__file__).resolve().parents[1]


@cache
def code_key() -> str:
    """A hash of the code that turns a document into RDF — this package and every module of
    ``bkg_graph`` it imports, directly or through another — so that a change to it empties
    the cache, and a change elsewhere (the server, ingest, the store) does not."""
    digest = hashlib.sha256()
    for path in sorted(_pipeline_modules()):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


#: ``from .x import …`` / ``from ..x import a, b`` at the start of a line (inside a function
#: too): the package-relative imports a module makes.
_RELATIVE = re.compile(
    rb"^[ \t]*from[ \t]+(\.+)([\w.]*)[ \t]+import[ \t]+(?:\(([^)]*)\)|([\w, \t]+))", re.M
)


def _pipeline_modules() -> set[Path]:
    todo = list((_PACKAGE / "pipeline").glob("*.py"))
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        for dots, module, grouped, names in _RELATIVE.findall(path.read_bytes()):
            names = grouped or names
            base = path.parent
            for _ in range(len(dots) - 1):
                base = base.parent
            target = base.joinpath(*module.decode().split(".")) if module else base
            todo.append(target.with_suffix(".py"))
            for name in names.decode().replace("\n", " ").split(","):
                if name.split():
                    todo.append(target / f"{name.split()[0]}.py")
    return seen


def cache_key(meta: DocumentMeta, text: bytes, registry_key: str, base_iri: str) -> str:
    parts = [document_key(meta, text), registry_key, base_iri, code_key()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def counted_lines(triples: list[Triple], graph: str, base: str) -> tuple[bytes, stats.Stats]:
    """The N-Quads lines of ``triples`` in the named graph ``graph``, sorted, with the
    :mod:`.stats` of those lines."""
    data, terms = block_terms(triples, graph)
    return data, stats.of_terms(terms, base)


def type_counts(triples: list[Triple]) -> dict[str, int]:
    """How many things of each bkg: class ``triples`` type (for the manifest)."""
    bkg, rdf_type = str(BKG), str(RDF.type)
    typed = {
        (s, o)
        for s, p, o in triples
        if str.__eq__(p, rdf_type) and isinstance(o, URIRef) and str.startswith(o, bkg)
    }
    return dict(Counter(str(o)[len(bkg) :] for _, o in typed))


class Entry:
    """One cached document: where its graph's lines and its share of the derived graph are,
    and what the build needs of it without reading it again (:func:`summarise`); its
    reading is unpickled only when something asks for it."""

    def __init__(self, key: str, folder: Path, summary: dict[str, Any], cache: DocCache) -> None:
        self.key = key
        self.lines = folder / f"{key}.nq"
        self.part = folder / f"{key}.part.nq"
        self.stats = folder / f"{key}.stats"  # of both
        self.summary = summary
        self._cache = cache
        self._record: DocumentRecord | None = None

    @property
    def id(self) -> str:
        ident: str = self.summary["id"]
        return ident

    @property
    def record(self) -> DocumentRecord:
        if self._record is None:
            self._record = self._cache.record(self.key)
        return self._record


def _registry_object(kind: str, ident: str) -> Any:
    """Stands in, in a pickle, for a registry object; :class:`_Unpickler` resolves it."""
    raise RuntimeError("a cached reading must be loaded with its registry")


class _Pickler(pickle.Pickler):
    """Registry objects by id (only those that are the registry's own, not ones a document
    made up, such as a theme of its own)."""

    def __init__(self, file: io.BytesIO, registry: Registry) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.tables: dict[type, tuple[str, dict[str, Any]]] = {
            Entity: ("entity", registry.entities),
            Pillar: ("pillar", registry.pillars),
            Theme: ("theme", registry.themes),
        }

    def reducer_override(self, obj: Any) -> Any:
        # called for objects other than str, int, list, dict, tuple…: a lookup for most
        found = self.tables.get(type(obj))
        if found is None:
            return NotImplemented
        kind, table = found
        ident: str = obj.id
        if table.get(ident) is not obj:
            return NotImplemented
        return _registry_object, (kind, ident)


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: io.BytesIO, registry: Registry) -> None:
        super().__init__(data)
        self.registry = registry

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_registry_object":
            return self._lookup
        return super().find_class(module, name)

    def _lookup(self, kind: str, ident: str) -> Any:
        if kind == "entity":
            return self.registry.entities[ident]
        return (self.registry.pillars if kind == "pillar" else self.registry.themes)[ident]


class DocCache:
    """The cache folder (``.build.cache`` beside the build folder, by default)."""

    def __init__(self, folder: Path, registry: Registry, iris: IRIs) -> None:
        self.folder = folder
        self.registry = registry
        self.iris = iris

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / f"{key}{suffix}"

    def get_path(self, key: str) -> Path | None:
        """The cached lines of ``key`` if the whole entry is there (its summary is written
        last)."""
        return self._path(key, ".nq") if self._path(key, ".json").exists() else None

    def get(self, key: str) -> Entry | None:
        try:
            summary = json.loads(self._path(key, ".json").read_bytes())
        except FileNotFoundError:
            return None
        return Entry(key, self.folder, summary, self)

    def record(self, key: str) -> DocumentRecord:
        """The reading kept under ``key``."""
        data = self._path(key, ".pickle").read_bytes()
        record: DocumentRecord = _Unpickler(io.BytesIO(data), self.registry).load()
        return record

    def put(self, key: str, record: DocumentRecord) -> Entry:
        """Build the document's graph and its share of the derived graph from its reading,
        and keep them with the reading and its summary under ``key``."""
        ident = record.meta.id
        triples = document_triples(record, self.registry, self.iris)
        base = self.iris.base
        data, counted = counted_lines(triples, str(self.iris.graph("document", ident)), base)
        part, totals = participation.document_part(record, self.registry, self.iris)
        part_data, part_counted = counted_lines(part, str(self.iris.graph("derived", ident)), base)
        summary = summarise(record)
        summary.update(
            sha=hashlib.sha256(data).hexdigest()[:16],
            quads=data.count(b"\n"),
            bytes=len(data),
            counts=type_counts(triples),
            part_counts=type_counts(part),
            totals=totals.as_json(),
        )
        buffer = io.BytesIO()
        _Pickler(buffer, self.registry).dump(record)
        self.folder.mkdir(parents=True, exist_ok=True)
        stats.save(stats.joined([counted, part_counted]), self._path(key, ".stats"))
        payloads = [
            (".nq", data),
            (".part.nq", part_data),
            (".pickle", buffer.getvalue()),
            (".json", json.dumps(summary, ensure_ascii=False).encode("utf-8")),  # last
        ]
        for suffix, payload in payloads:
            path = self._path(key, suffix)
            tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
            tmp.write_bytes(payload)
            os.replace(tmp, path)
        entry = Entry(key, self.folder, summary, self)
        entry._record = record
        return entry

    def get_block(self, key: str) -> tuple[Path, dict[str, Any]] | None:
        """A cached graph made from several documents' readings (a history graph, a
        document's share of the derived graph): where its lines are, and what
        :meth:`put_block` said of them."""
        lines, about = self.folder / f"{key}.block.nq", self.folder / f"{key}.block.json"
        try:
            return lines, json.loads(about.read_bytes())
        except FileNotFoundError:
            return None

    def block_stats(self, key: str) -> Path:
        """Where the :mod:`.stats` of a cached block are."""
        return self.folder / f"{key}.block.stats"

    def put_block(self, key: str, block: Any, warnings: list[str], counted: stats.Stats) -> None:
        """Keep a block (its lines, type counts, hash, size) with ``counted``: the stats of
        its lines, or of those no other cached stats count already."""
        data: bytes = block.source
        about = {"counts": block.counts, "warnings": warnings, "sha": block.sha}
        about.update(quads=block.quads, bytes=block.size)
        self.folder.mkdir(parents=True, exist_ok=True)
        stats.save(counted, self.block_stats(key))
        payloads = ((f"{key}.block.nq", data), (f"{key}.block.json", json.dumps(about).encode()))
        for name, payload in payloads:  # the JSON last: a block with it is whole
            path = self.folder / name
            tmp = path.with_name(f".{name}.{uuid.uuid4().hex[:8]}")
            tmp.write_bytes(payload)
            os.replace(tmp, path)

    def keep_graph(self, sha: str, data: bytes) -> None:
        """Keep a built graph's lines by their hash (see :func:`graph_lines`)."""
        path = self.folder / f"graph-{sha}.nq"
        if path.exists():
            os.utime(path)  # the newest kept (see prune)
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
        tmp.write_bytes(data)
        os.replace(tmp, path)

    def prune(self, keys: set[str]) -> int:
        """Remove every entry and block not under one of ``keys``, and all but the two
        newest kept graphs (a server patches from the one before); how many files went.
        Call with the build folder's writer lock held: the cache is that folder's alone."""
        # Moved aside, then removed by a process of its own: freeing a large file's blocks
        # takes milliseconds each, which an ingest would otherwise wait for.
        trash = self.folder / f".trash-{uuid.uuid4().hex[:12]}"
        gone = sorted(self.folder.glob("graph-*.nq"), key=lambda p: p.stat().st_mtime)[:-2]
        for path in self.folder.iterdir():
            name = path.name
            if name.startswith(".trash-") and time.time() - path.stat().st_mtime > STALE_TRASH:
                shutil.rmtree(path, ignore_errors=True)  # its remover died
            elif not (name.startswith(("graph-", ".", "tally.")) or name.split(".", 1)[0] in keys):
                gone.append(path)
        for path in gone:
            trash.mkdir(exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                path.rename(trash / path.name)
        remove_later(trash)
        return len(gone)

    def read(self, key: str, meta: DocumentMeta, max_bytes: int, text: str | None = None) -> Entry:
        """The entry for ``key``, reading and building the document if it is not cached."""
        entry = self.get(key)
        if entry is not None:
            return entry
        if text is None:
            record = read_document(meta, self.registry, max_bytes=max_bytes)
        else:
            record = read_text(meta, text, self.registry, path=meta.source_file)
        return self.put(key, record)


def summarise(record: DocumentRecord) -> dict[str, Any]:
    """What the manifest says of a document, and what the build orders documents by."""
    meta = record.meta
    return {
        "id": meta.id,
        "sha256": record.sha256,
        "statements": len(record.statements),
        "warnings": list(record.warnings),
        "candidates": [
            {"term": t, "locator": loc, "context": ctx} for t, loc, ctx in record.candidates
        ],
        "date": meta.date.isoformat() if meta.date else None,
    }


def describe(entry: Entry, warnings: list[str]) -> dict[str, Any]:
    """The manifest's entry for a document, with the ``warnings`` its history graph added."""
    s = entry.summary
    keys = ("id", "sha256", "statements", "warnings", "candidates")
    out = {k: s[k] for k in keys}
    out["warnings"] = [*s["warnings"], *warnings]
    return out


def manifest_key(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:32]


def graph_lines(cache: Path, sha: str) -> bytes | None:
    """The lines of a graph kept by :meth:`DocCache.keep_graph`, if they are still there."""
    try:
        return (cache / f"graph-{sha}.nq").read_bytes()
    except FileNotFoundError:
        return None
