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
from .corpus import DocumentMeta, discover
from .describe import VOID_FILE, void_turtle
from .namespaces import BKG, IRIs
from .output import MANIFEST, NQUADS, dataset_version, manifest_bytes, serialize, write_atomically
from .pipeline.build import add_graph, assemble
from .pipeline.compare import align
from .pipeline.history import history_triples, misalignment_warnings, translation_triples
from .pipeline.statements import DocumentRecord, read_document
from .registry import load_registry
from .settings import Settings

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
    ``out_dir`` if given. Nothing is written unless the whole build succeeds."""
    settings = settings or Settings()
    folder = ontology / "registry" if ontology else paths.registry_dir(settings)
    ontology = ontology or paths.ontology_dir(settings)
    progress(f"reading the registry in {folder}")
    registry = load_registry(folder)
    metas = documents if documents is not None else discover(corpus or paths.corpus_dir(settings))
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
    files[MANIFEST] = manifest_bytes(manifest)
    files[VOID_FILE] = void_turtle(ds, manifest, settings)  # VoID + DCAT description
    result = BuildResult(ds, records, manifest, None, files)
    if out_dir is not None:
        write_result(result, out_dir)
        progress(f"wrote {', '.join(sorted(files))} to {out_dir}")
    return result


def write_result(result: BuildResult, out_dir: Path) -> None:
    """Write a build's files to ``out_dir``, all or nothing."""
    write_atomically(out_dir, result.files)
    result.out_dir = out_dir


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
