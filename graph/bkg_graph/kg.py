"""Build the knowledge graph from a corpus: read → link → build RDF → write, incrementally.

This is what ``bkg build`` runs; library users call :func:`build_kg`. Each document's graph
comes from the cache (:mod:`.pipeline.cache`) unless its text, metadata, the registry, the
base IRI or the code changed; only those documents are read, in parallel when there are
several. The ontology, registry, history and derived graphs are then made from the documents'
readings, and ``kg.nq`` is the concatenation of every named graph's sorted lines, documents in
date order and the derived sum last — so an incremental build writes the same bytes as a
clean one, and an ingest writes only the end of the file, from the first graph that changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
from rdflib.compare import to_canonical_graph

from . import paths, tally, transaction
from .corpus import DocumentMeta, discover, document_key, folder_key
from .describe import VOID_FILE, total, void_turtle
from .namespaces import IRIs
from .output import (
    JSONLD,
    MANIFEST,
    NQUADS,
    TURTLE,
    jsonld_bytes,
    manifest_bytes,
    read_manifest,
    turtle_bytes,
    verify,
)
from .pipeline import participation, stats
from .pipeline.blocks import Block, Sources, assemble, block_key, cached_block, make_block
from .pipeline.cache import (
    DocCache,
    Entry,
    cache_key,
    code_key,
    counted_lines,
    describe,
    type_counts,
)
from .pipeline.followup import followed_by, translated_by
from .pipeline.rdf_registry import registry_triples
from .pipeline.readers import Workers
from .pipeline.statements import DocumentRecord
from .registry import load_registry
from .settings import Settings
from .transaction import Transaction, read_stamp, stamp_of, writer_lock

Progress = Callable[[str], None]
#: Called as each document is read: (documents done, documents to read, document id).
Tick = Callable[[int, int, str], None]
FORMATS = {"nq": NQUADS, "ttl": TURTLE, "jsonld": JSONLD}


def registry_folder(ontology: Path, settings: Settings) -> Path:
    """The registry a build with ``ontology`` reads: ``BKG_REGISTRY_DIR`` when the ontology is
    the configured one (a working folder made by ``bkg init`` has its own registry), else the
    ontology folder's ``registry/``."""
    if settings.registry_dir is not None and ontology.resolve() == paths.ontology_dir(settings):
        return paths.registry_dir(settings)
    return ontology / "registry"


@dataclass
class BuildResult:
    """A build: its manifest, and where its files are (``out_dir``, or a temporary folder)."""

    manifest: dict[str, Any]
    out_dir: Path | None
    files: dict[str, Path]
    read: list[str] = field(default_factory=list)  # documents read (not from the cache)
    up_to_date: bool = False  # nothing changed: the build folder was left as it was

    @cached_property
    def dataset(self) -> Dataset:
        """The graph as an rdflib Dataset (parsed from ``kg.nq`` on first use)."""
        ds = Dataset()
        ds.parse(self.files[NQUADS], format="nquads")
        return ds


def _quiet(_: str) -> None:
    return None


def cache_dir(out_dir: Path | None) -> Path:
    """Where per-document results are kept: beside the build folder (or a user cache)."""
    if out_dir is None:
        return Path(tempfile.gettempdir()) / "bkg-cache"
    return out_dir.parent / f".{out_dir.name}.cache"


def build_kg(
    *,
    corpus: Path | None = None,
    documents: list[DocumentMeta] | None = None,
    ontology: Path | None = None,
    out_dir: Path | None = None,
    settings: Settings | None = None,
    progress: Progress = _quiet,
    tick: Tick | None = None,
    formats: tuple[str, ...] = ("nq",),
    force: bool = False,
) -> BuildResult:
    """Build the graph of every document in ``corpus`` (or of ``documents``); write it to
    ``out_dir`` if given, holding the writer lock from reading to writing. Nothing is
    written unless the whole build succeeds. A build of an unchanged corpus into an
    up-to-date folder changes nothing (``up_to_date``) unless ``force``."""
    settings = settings or Settings()
    ontology = ontology or paths.ontology_dir(settings)
    if out_dir is None:
        metas = (
            documents if documents is not None else discover(corpus or paths.corpus_dir(settings))
        )
        place = Path(tempfile.mkdtemp(prefix="bkg-build-"))
        return produce(
            lambda name: place / name,
            metas,
            ontology,
            settings,
            cache=cache_dir(None),
            progress=progress,
            tick=tick,
            formats=formats,
        )
    folder = corpus or paths.corpus_dir(settings)
    with writer_lock(out_dir, settings.write_lock_timeout, folder):
        metas = documents if documents is not None else discover(folder)
        if not force and _current(out_dir, metas, ontology, settings, formats):
            manifest = read_manifest(out_dir)
            files = {FORMATS[f]: out_dir / FORMATS[f] for f in formats}
            progress(f"{out_dir} is up to date with {folder}")
            return BuildResult(manifest, out_dir, files, up_to_date=True)
        txn = Transaction(out_dir)
        try:
            result = build_into(
                txn,
                out_dir,
                metas,
                ontology,
                settings,
                progress=progress,
                tick=tick,
                formats=formats,
                anew=force,
            )
            txn.commit()
        except BaseException:
            txn.abandon()
            raise
    progress(f"wrote {', '.join(sorted(result.files))} to {out_dir}")
    return result


def previous_formats(out_dir: Path) -> tuple[str, ...]:
    """The formats the build in ``out_dir`` was written in (N-Quads alone if none)."""
    if (out_dir / MANIFEST).exists():
        return tuple(read_manifest(out_dir).get("formats", ["nq"]))
    return ("nq",)


def build_into(
    txn: Transaction,
    out_dir: Path,
    metas: list[DocumentMeta],
    ontology: Path,
    settings: Settings,
    *,
    progress: Progress = _quiet,
    tick: Tick | None = None,
    formats: tuple[str, ...] | None = None,
    records: dict[str, DocumentRecord] | None = None,
    anew: bool = False,
) -> BuildResult:
    """Stage a build of ``metas`` for ``out_dir`` in ``txn`` (the caller commits it, holding
    the writer lock); formats default to those of the build there now. ``kg.nq`` is written
    from the first graph that changed on, unless ``anew`` (``bkg build --force``)."""
    before = None if anew else _in_place(out_dir)
    result = produce(
        lambda name: txn.place(out_dir / name),
        metas,
        ontology,
        settings,
        cache=cache_dir(out_dir),
        progress=progress,
        tick=tick,
        formats=formats or previous_formats(out_dir),
        records=records,
        prune=True,
        tail=(lambda keep: txn.append(out_dir / NQUADS, keep), before) if before else None,
    )
    txn.stamp(out_dir / NQUADS, _stamp_file(out_dir))
    for name in set(FORMATS.values()) - set(result.files):
        txn.remove(out_dir / name)
    result.out_dir = out_dir
    result.files = {name: out_dir / name for name in result.files}
    return result


def _stamp_file(out_dir: Path) -> Path:
    return cache_dir(out_dir) / f".{NQUADS}.stamp"


def _in_place(out_dir: Path) -> dict[str, dict[str, Any]] | None:
    """The graphs ``kg.nq`` in ``out_dir`` holds, if it is as the last switch left it (then a
    build writes only what follows the graphs it keeps); else None (it is written anew)."""
    stamp = read_stamp(_stamp_file(out_dir))
    if stamp is None or stamp != stamp_of(out_dir / NQUADS):
        return None
    try:
        graphs: dict[str, dict[str, Any]] = read_manifest(out_dir)["graphs"]
    except (OSError, ValueError, KeyError):
        return None
    if sum(int(g["bytes"]) for g in graphs.values()) != stamp["size"]:
        return None
    return graphs


def _current(
    out_dir: Path,
    metas: list[DocumentMeta],
    ontology: Path,
    settings: Settings,
    formats: tuple[str, ...],
) -> bool:
    if not (out_dir / MANIFEST).exists():
        return False
    manifest = read_manifest(out_dir)
    return (
        manifest.get("inputs") == build_inputs(metas, ontology, settings)
        and manifest.get("formats") == sorted(formats)
        and all((out_dir / FORMATS[f]).exists() for f in formats)
    )


def produce(
    place: Callable[[str], Path],
    metas: list[DocumentMeta],
    ontology: Path,
    settings: Settings,
    *,
    cache: Path,
    progress: Progress = _quiet,
    tick: Tick | None = None,
    formats: tuple[str, ...] = ("nq",),
    records: dict[str, DocumentRecord] | None = None,
    prune: bool = False,
    tail: InPlace | None = None,
) -> BuildResult:
    """Build into the files ``place(name)`` names; ``records`` are readings already made
    (an ingest's planned document), used instead of reading those documents again. With
    ``prune`` (a build folder's own cache, its writer lock held), what the build did not
    use is removed from the cache. With ``tail``, ``kg.nq`` is written from the first graph
    that changed on (see :func:`_write`)."""
    registry_dir = registry_folder(ontology, settings)
    progress(f"reading the registry in {registry_dir}")
    registry = load_registry(registry_dir)
    registry_key = folder_key(registry_dir)
    iris = IRIs(settings.base_iri)
    docs = DocCache(cache, registry, iris)
    plan: list[list[tuple[str, DocumentMeta]]] = []  # per document: current, then past
    texts: dict[str, bytes] = {}
    for meta in metas:
        versions = [
            meta,
            *(replace(meta, source_file=v.source_file, history=()) for v in meta.history),
        ]
        keys = []
        for m in versions:
            text = m.source_file.read_bytes()
            texts.setdefault(meta.id, text)
            keys.append((cache_key(m, text, registry_key, settings.base_iri), m))
        plan.append(keys)
    for (key, meta), *_ in plan:
        if records and meta.id in records and docs.get_path(key) is None:
            docs.put(key, replace(records[meta.id], meta=meta))
    todo = list({key: m for keys in plan for key, m in keys if docs.get_path(key) is None}.items())
    sources = _sources(plan, metas)
    with Workers(registry_dir, settings, cache, registry) as workers:
        workers.build(todo, [s for s in sources if not s.cached(docs)], progress, tick)
    current = [_entry(docs, keys[0][0]) for keys in plan]
    entries = {e.key: e for e in current}
    entries.update((key, _entry(docs, key)) for keys in plan for key, _ in keys[1:])
    progress("building RDF")
    blocks, warnings, counted = _blocks(docs, sources, entries, ontology, registry, iris)
    derived = str(iris.graph("derived"))
    manifest, nq = _write(place, blocks, current, warnings, formats, derived, docs.keep_graph, tail)
    manifest["inputs"] = _inputs(metas, texts, ontology, settings)
    manifest["base_iri"] = settings.base_iri
    manifest["formats"] = sorted(formats)
    data = manifest_bytes(manifest)
    verify({MANIFEST: data})
    place(MANIFEST).write_bytes(data)
    named = _named_stats(counted, cache) if prune else {}
    if prune:  # the build folder's own cache: carry the counts over from its last build
        counts = tally.update(cache, named)
    else:
        counts = total([s if isinstance(s, stats.Stats) else stats.load(s) for s in counted])
    void = void_turtle(counts, manifest, settings)  # VoID + DCAT, added up from the blocks
    verify({VOID_FILE: void})
    place(VOID_FILE).write_bytes(void)
    files = [FORMATS[f] for f in formats] + [MANIFEST, VOID_FILE]
    read_ids = sorted({m.id for _, m in todo})
    if prune:
        used = {key for keys in plan for key, _ in keys}
        used |= {k for src in sources for k in (src.history_key, src.share_key)}
        used.add(_ontology_key(ontology, str(iris.graph("ontology"))))
        used |= {name.split(".", 1)[0] for name in named}
        docs.prune(used)
    written = {name: nq if name == NQUADS else place(name) for name in files}
    return BuildResult(manifest, None, written, read_ids)


def _named_stats(counted: list[stats.Stats | Path], cache: Path) -> dict[str, stats.Stats | Path]:
    """The blocks' stats by file name in the cache; those made in memory (the registry's,
    the totals') are written there too, so that the next build can take them away."""
    out: dict[str, stats.Stats | Path] = {}
    for source in counted:
        if isinstance(source, Path):
            out[source.name] = source
            continue
        digest = hashlib.sha256(source.rows.tobytes())
        digest.update(json.dumps(source.names, sort_keys=True).encode())
        path = cache / f"{digest.hexdigest()[:32]}.mem.stats"
        if not path.exists():
            stats.save(source, path)
        out[path.name] = path
    return out


def _ontology_key(ontology: Path, name: str) -> str:
    return block_key("ontology", name, folder_key(ontology, "bkg.ttl"), code_key())


def _ontology_block(docs: DocCache, ontology: Path, name: str) -> tuple[Block, Path]:
    """The ontology's graph (canonical blank nodes) and where its stats are, kept in the
    cache by the file's hash: parsing and canonicalising it costs more than a small ingest."""
    key = _ontology_key(ontology, name)
    cached = docs.get_block(key)
    if cached is not None:
        return cached_block(name, cached[0], cached[1]), docs.block_stats(key)
    onto = list(to_canonical_graph(Graph().parse(ontology / "bkg.ttl", format="turtle")))
    data, counted = counted_lines(onto, name, docs.iris.base)  # type: ignore[arg-type]
    block = make_block(name, data, {})
    docs.put_block(key, block, [], counted)
    return block, docs.block_stats(key)


def _sources(
    plan: list[list[tuple[str, DocumentMeta]]], metas: list[DocumentMeta]
) -> list[Sources]:
    """For each document, the cached documents its history and derived share are made from."""
    key_of = {keys[0][1].id: keys[0][0] for keys in plan}
    followed, translations = followed_by(metas), translated_by(metas)
    out = []
    for (key, meta), *past in plan:
        ident = meta.id
        out.append(
            Sources(
                meta=meta,
                key=key,
                past=tuple(k for k, _ in past),
                original=key_of.get(meta.translation_of) if meta.translation_of else None,
                followed=tuple(key_of[i] for i in followed.get(ident, [])),
                translations=tuple(key_of[i] for i in translations.get(ident, [])),
            )
        )
    return out


def _entry(docs: DocCache, key: str) -> Entry:
    entry = docs.get(key)
    if entry is None:
        raise RuntimeError(f"cache entry {key} vanished during the build")
    return entry


def _blocks(
    docs: DocCache,
    sources: list[Sources],
    entries: dict[str, Entry],
    ontology: Path,
    registry: Any,
    iris: IRIs,
) -> tuple[list[Block], dict[str, list[str]], list[stats.Stats | Path]]:
    """Every named graph: its IRI, its lines (or the cached file of them), its type counts;
    the warnings each document's history graph adds; and the :mod:`.pipeline.stats` of all
    the lines (or where they are cached). Each document has three graphs — its own, its
    history and its share of the derived graph — and ``graph/derived`` adds up every
    share's totals, so a document changes only its graphs and that sum."""
    reg = registry_triples(registry, iris)
    ontology_graph, registry_graph = str(iris.graph("ontology")), str(iris.graph("registry"))
    onto, onto_stats = _ontology_block(docs, ontology, ontology_graph)
    registry_data, registry_counted = counted_lines(reg, registry_graph, iris.base)
    blocks = [onto, make_block(registry_graph, registry_data, type_counts(reg))]
    counted: list[stats.Stats | Path] = [onto_stats, registry_counted]
    warnings: dict[str, list[str]] = {}
    for src in sorted(sources, key=_document_order):
        entry = entries[src.key]
        blocks.append(
            cached_block(str(iris.graph("document", entry.id)), entry.lines, entry.summary)
        )
        history, history_stats, warnings[entry.id], share, share_stats = assemble(
            docs, src, entries.__getitem__, iris
        )
        blocks += [history, share]
        counted += [entry.stats, history_stats, share_stats]
    totals = [entries[src.key].summary["totals"] for src in sources]
    derived = participation.aggregate_triples(totals, iris)
    name = str(iris.graph("derived"))
    derived_data, derived_counted = counted_lines(derived, name, iris.base)
    blocks.append(make_block(name, derived_data, type_counts(derived)))
    counted.append(derived_counted)
    return blocks, warnings, counted


def _document_order(src: Sources) -> tuple[bool, str, str]:
    """Documents in ``kg.nq`` oldest first (undated last), so that a new council's graphs and
    the sum of the derived graph, which every ingest changes, come at the end."""
    date = src.meta.date
    return (date is None, date.isoformat() if date else "", src.meta.id)


#: Where to write ``kg.nq`` from a byte offset on, the rest kept as it is (see
#: :meth:`.transaction.Transaction.append`), and what the graphs there are now.
InPlace = tuple[Callable[[int], transaction.Tail], dict[str, dict[str, Any]]]


def _kept(blocks: list[Block], before: dict[str, dict[str, Any]]) -> tuple[int, int]:
    """How many of ``blocks`` (with lines), and how many bytes, open ``kg.nq`` as it is: the
    graphs up to the first that changed (same name, place, size and hash)."""
    kept = offset = 0
    for block in (b for b in blocks if b.quads):
        was = before.get(block.name)
        if not was or (was["offset"], was["bytes"], was["sha256"]) != (
            offset,
            block.size,
            block.sha,
        ):
            break
        kept += 1
        offset += block.size
    return kept, offset


class _Whole:
    """``kg.nq`` written anew, block by block (a cached file is copied by the kernel)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._out = path.open("wb")
        self._at = 0

    def copy(self, path: Path, size: int) -> None:
        self._out.flush()
        with path.open("rb") as src:
            if os.fstat(src.fileno()).st_size != size:
                raise RuntimeError(f"{path} changed while the build copied it")
            transaction.copy_range(src, 0, size, self._out, self._at)
        self._at += size
        self._out.seek(self._at)

    def write(self, data: bytes) -> None:
        self._out.write(data)
        self._at += len(data)

    def close(self) -> None:
        self._out.flush()
        if hasattr(os, "posix_fadvise"):  # start writing it to disk now, not at the commit
            os.posix_fadvise(self._out.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        self._out.close()


def _write(
    place: Callable[[str], Path],
    blocks: list[Block],
    current: list[Entry],
    warnings: dict[str, list[str]],
    formats: tuple[str, ...],
    derived: str,
    keep: Callable[[str, bytes], None],
    tail: InPlace | None = None,
) -> tuple[dict[str, Any], Path]:
    """Write ``kg.nq`` block by block (a cached file is copied by the kernel, never read
    here); with ``tail``, only what follows the graphs it holds already (see :func:`_kept`),
    as pieces the switch copies in (cached graphs are not copied before it). Returns the
    manifest's entries and the file written (for a tail, its staged bytes). The version is
    the hash of every graph's name and lines' hash, in order: the same for the same lines,
    however made."""
    digest = hashlib.sha256()
    graphs: dict[str, dict[str, Any]] = {}
    counts: Counter[str] = Counter()
    offset = lines = 0
    kept, at = _kept(blocks, tail[1]) if tail and formats == ("nq",) else (0, 0)
    sink: _Whole | transaction.Tail = tail[0](at) if tail and kept else _Whole(place(NQUADS))
    try:
        for block in (b for b in blocks if b.quads):
            if kept:
                kept -= 1
            elif isinstance(block.source, Path):
                sink.copy(block.source, block.size)
            else:
                sink.write(block.source)
            digest.update(f"{block.name} {block.sha}\n".encode())
            graphs[block.name] = {
                "offset": offset,
                "bytes": block.size,
                "quads": block.quads,
                "sha256": block.sha,
            }
            if block.name == derived:  # kept, so that a server can patch in its changed lines
                assert isinstance(block.source, bytes)
                keep(block.sha, block.source)
            offset += block.size
            lines += block.quads
            counts.update(block.counts)
    finally:
        if isinstance(sink, _Whole):
            sink.close()
    nq = sink.path if isinstance(sink, _Whole) else sink.staged
    if "ttl" in formats:
        place(TURTLE).write_bytes(turtle_bytes(nq))
    if "jsonld" in formats:
        place(JSONLD).write_bytes(jsonld_bytes(nq))
    verify({name: place(name).read_bytes() for name in (TURTLE, JSONLD) if name in _named(formats)})
    dates = [e.summary["date"] for e in current if e.summary["date"]]
    manifest = {
        "version": digest.hexdigest()[:16],
        "as_of": max(dates) if dates else None,
        "quads": lines,
        "counts": dict(sorted(counts.items())),
        "documents": [describe(e, warnings[e.id]) for e in sorted(current, key=lambda e: e.id)],
        "graphs": graphs,
    }
    return manifest, nq


def _named(formats: tuple[str, ...]) -> set[str]:
    return {FORMATS[f] for f in formats}


def _inputs(
    metas: list[DocumentMeta], texts: dict[str, bytes], ontology: Path, settings: Settings
) -> dict[str, Any]:
    return {
        "base_iri": settings.base_iri,
        "code": code_key(),
        "ontology": folder_key(ontology, "bkg.ttl"),
        "registry": folder_key(registry_folder(ontology, settings)),
        "documents": {
            m.id: document_key(m, texts[m.id]) for m in sorted(metas, key=lambda m: m.id)
        },
    }


def build_inputs(metas: list[DocumentMeta], ontology: Path, settings: Settings) -> dict[str, Any]:
    """Content hashes of everything a build reads: what ``manifest.json`` says it was built
    from, so that a build and a corpus out of step are noticed."""
    texts = {m.id: m.source_file.read_bytes() for m in metas}
    return _inputs(metas, texts, ontology, settings)


def out_of_step(
    out_dir: Path,
    corpus: Path,
    ontology: Path | None = None,
    settings: Settings | None = None,
    metas: list[DocumentMeta] | None = None,
) -> list[str]:
    """Why the build in ``out_dir`` does not match the corpus (empty: it does); ``metas``
    are the corpus's documents if the caller has read them already."""
    if not (out_dir / NQUADS).exists() or not (out_dir / MANIFEST).exists():
        return [f"there is no built graph in {out_dir}"]
    settings = settings or Settings()
    ontology = ontology or paths.ontology_dir(settings)
    built = read_manifest(out_dir).get("inputs", {})
    now = build_inputs(discover(corpus) if metas is None else metas, ontology, settings)
    reasons = [
        f"the {k} changed"
        for k in ("base_iri", "code", "ontology", "registry")
        if built.get(k) != now[k]
    ]
    docs = built.get("documents", {})
    for ident in sorted(set(docs) | set(now["documents"])):
        if ident not in docs:
            reasons.append(f"{ident} is in the corpus but not in the build")
        elif ident not in now["documents"]:
            reasons.append(f"{ident} is in the build but no longer in the corpus")
        elif docs[ident] != now["documents"][ident]:
            reasons.append(f"{ident} changed since the build")
    return reasons


def ensure_build(
    out_dir: Path,
    corpus: Path,
    settings: Settings,
    progress: Progress = _quiet,
    *,
    rebuild: bool = True,
) -> BuildResult | None:
    """Finish or roll back an interrupted write; rebuild if the build is missing or out of
    step with the corpus, saying why. None when the build was left as it was.

    With ``rebuild=False`` (a build folder the user named, which may come from another
    corpus) an existing build is never replaced: being out of step is only reported."""
    with writer_lock(out_dir, settings.write_lock_timeout, corpus):
        reasons = out_of_step(out_dir, corpus, settings=settings)
    if not reasons:
        return None
    if not rebuild and (out_dir / NQUADS).exists():
        progress(
            f"{out_dir} differs from {corpus} ({'; '.join(reasons)}); serving it as built "
            f"(`bkg build --out {out_dir} --corpus CORPUS` rebuilds it)"
        )
        return None
    progress(f"{out_dir} is out of step with {corpus} ({'; '.join(reasons)}); rebuilding")
    formats = (
        tuple(read_manifest(out_dir).get("formats", ["nq"]))
        if (out_dir / MANIFEST).exists()
        else ("nq",)
    )
    return build_kg(
        corpus=corpus, out_dir=out_dir, settings=settings, progress=progress, formats=formats
    )
