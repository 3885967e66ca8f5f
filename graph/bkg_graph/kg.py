"""Build the knowledge graph from a corpus: read → link → build RDF → write.

This is what ``bkg build`` runs; library users call :func:`build_kg`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rdflib import Dataset
from rdflib.namespace import RDF

from . import paths
from .corpus import DocumentMeta, discover, document_key, folder_key
from .namespaces import BKG, IRIs
from .output import (
    MANIFEST,
    NQUADS,
    dataset_version,
    manifest_bytes,
    read_manifest,
    serialize,
    verify,
)
from .pipeline.build import add_graph, assemble
from .pipeline.compare import align
from .pipeline.history import history_triples, misalignment_warnings, translation_triples
from .pipeline.statements import DocumentRecord, read_document
from .registry import load_registry
from .settings import Settings
from .transaction import Transaction, writer_lock

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    dataset: Dataset
    records: list[DocumentRecord]
    manifest: dict[str, Any]
    out_dir: Path | None
    files: dict[str, bytes]


def _quiet(_: str) -> None:
    return None


def build_kg(
    *,
    corpus: Path | None = None,
    documents: list[DocumentMeta] | None = None,
    ontology: Path | None = None,
    out_dir: Path | None = None,
    settings: Settings | None = None,
    progress: Progress = _quiet,
) -> BuildResult:
    """Build the graph of every document in ``corpus`` (or of ``documents``); write it to
    ``out_dir`` if given, holding the writer lock from reading to writing. Nothing is
    written unless the whole build succeeds and every file parses back."""
    settings = settings or Settings()
    if out_dir is not None:
        folder = corpus or paths.corpus_dir()
        with writer_lock(out_dir, settings.write_lock_timeout, folder):
            result = build_kg(
                corpus=corpus,
                documents=documents,
                ontology=ontology,
                settings=settings,
                progress=progress,
            )
            write_result(result, out_dir)
        progress(f"wrote {', '.join(sorted(result.files))} to {out_dir}")
        return result
    ontology = ontology or paths.ontology_dir()
    progress(f"reading the registry in {ontology / 'registry'}")
    registry = load_registry(ontology / "registry")
    metas = documents if documents is not None else discover(corpus or paths.corpus_dir())
    records: list[DocumentRecord] = []
    past: dict[str, list[DocumentRecord]] = {}
    for meta in metas:
        progress(f"reading {meta.id} ({meta.source_file.name})")
        records.append(read_document(meta, registry, max_bytes=settings.max_document_bytes))
        past[meta.id] = [
            read_document(
                replace(meta, source_file=v.source_file, history=()),
                registry,
                max_bytes=settings.max_document_bytes,
            )
            for v in meta.history
        ]
    progress("building RDF")
    iris = IRIs(settings.base_iri)
    ds = assemble(ontology / "bkg.ttl", records, registry, iris)
    _add_history(ds, records, past, iris)
    progress("serialising")
    files = serialize(ds)
    manifest = _manifest(ds, records, dataset_version(files[NQUADS]), settings)
    manifest["inputs"] = build_inputs(metas, ontology, settings)
    files[MANIFEST] = manifest_bytes(manifest)
    verify(files)
    return BuildResult(ds, records, manifest, None, files)


def build_inputs(metas: list[DocumentMeta], ontology: Path, settings: Settings) -> dict[str, Any]:
    """Content hashes of everything a build reads: what ``manifest.json`` says it was built
    from, so that a build and a corpus out of step are noticed."""
    return {
        "base_iri": settings.base_iri,
        "ontology": folder_key(ontology, "bkg.ttl"),
        "registry": folder_key(ontology / "registry"),
        "documents": {
            m.id: document_key(m, m.source_file.read_bytes())
            for m in sorted(metas, key=lambda m: m.id)
        },
    }


def write_result(result: BuildResult, out_dir: Path, txn: Transaction | None = None) -> None:
    """Stage a build's files for ``out_dir`` in ``txn`` (or in a transaction of its own,
    committed here). Call with the writer lock held."""
    own = txn is None
    txn = txn or Transaction(out_dir)
    try:
        for name, data in result.files.items():
            txn.stage(out_dir / name, data)
        if own:
            txn.commit()
    except BaseException:
        txn.abandon()
        raise
    result.out_dir = out_dir


def out_of_step(
    out_dir: Path, corpus: Path, ontology: Path | None = None, settings: Settings | None = None
) -> list[str]:
    """Why the build in ``out_dir`` does not match the corpus (empty: it does)."""
    if not (out_dir / NQUADS).exists() or not (out_dir / MANIFEST).exists():
        return [f"there is no built graph in {out_dir}"]
    settings = settings or Settings()
    ontology = ontology or paths.ontology_dir()
    built = read_manifest(out_dir).get("inputs", {})
    now = build_inputs(discover(corpus), ontology, settings)
    reasons = [
        f"the {k} changed" for k in ("base_iri", "ontology", "registry") if built.get(k) != now[k]
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
    out_dir: Path, corpus: Path, settings: Settings, progress: Progress = _quiet
) -> BuildResult | None:
    """Finish or roll back an interrupted write; rebuild if the build is missing or out of
    step with the corpus, saying why. None when the build was up to date."""
    with writer_lock(out_dir, settings.write_lock_timeout, corpus):
        reasons = out_of_step(out_dir, corpus, settings=settings)
    if not reasons:
        return None
    progress(f"{out_dir} is out of step with {corpus} ({'; '.join(reasons)}); rebuilding")
    return build_kg(corpus=corpus, out_dir=out_dir, settings=settings, progress=progress)


def _add_history(
    ds: Dataset, records: list[DocumentRecord], past: dict[str, list[DocumentRecord]], iris: IRIs
) -> None:
    """Version histories, and translations aligned with their originals."""
    by_id = {r.meta.id: r for r in records}
    for record in records:
        triples = history_triples(record, past[record.meta.id], iris)
        original_id = record.meta.translation_of
        if original_id is not None:
            original = by_id.get(original_id)
            if original is None:
                record.warnings.append(
                    f"translation of {original_id!r}, which is not in the corpus"
                )
            else:
                alignment = align(record, original)
                triples += translation_triples(record, original, alignment, iris)
                record.warnings.extend(misalignment_warnings(alignment, record))
        add_graph(ds, iris.graph("history", record.meta.id), triples)


def _manifest(
    ds: Dataset, records: list[DocumentRecord], version: str, settings: Settings
) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    for _, _, cls, _ in ds.quads((None, RDF.type, None, None)):
        if str(cls).startswith(str(BKG)):
            counts[str(cls)[len(str(BKG)) :]] += 1
    dates = [r.meta.date.isoformat() for r in records if r.meta.date]
    return {
        "version": version,
        "base_iri": settings.base_iri,
        "as_of": max(dates) if dates else None,
        "quads": len(ds),
        "counts": dict(sorted(counts.items())),
        "documents": [
            {
                "id": r.meta.id,
                "sha256": r.sha256,
                "statements": len(r.statements),
                "warnings": r.warnings,
                "candidates": [
                    {"term": t, "locator": loc, "context": ctx} for t, loc, ctx in r.candidates
                ],
            }
            for r in records
        ],
    }
