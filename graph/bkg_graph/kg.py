"""Build the knowledge graph from a corpus: read → link → build RDF → write.

This is what ``bkg build`` runs; library users call :func:`build_kg`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset
from rdflib.namespace import RDF

from . import paths
from .corpus import discover
from .namespaces import BKG, IRIs
from .output import MANIFEST, NQUADS, dataset_version, manifest_bytes, serialize, write_atomically
from .pipeline.build import assemble
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


def _quiet(_: str) -> None:
    return None


def build_kg(
    *,
    corpus: Path | None = None,
    ontology: Path | None = None,
    out_dir: Path | None = None,
    settings: Settings | None = None,
    progress: Progress = _quiet,
) -> BuildResult:
    """Build the graph of every document in ``corpus``; write it to ``out_dir`` if given.

    Nothing is written unless the whole build succeeds.
    """
    settings = settings or Settings()
    corpus = corpus or paths.corpus_dir()
    ontology = ontology or paths.ontology_dir()
    progress(f"reading the registry in {ontology / 'registry'}")
    registry = load_registry(ontology / "registry")
    metas = discover(corpus)
    records = []
    for meta in metas:
        progress(f"reading {meta.id} ({meta.source_file.name})")
        records.append(read_document(meta, registry, max_bytes=settings.max_document_bytes))
    progress("building RDF")
    iris = IRIs(settings.base_iri)
    ds = assemble(ontology / "bkg.ttl", records, registry, iris)
    progress("serialising")
    files = serialize(ds)
    manifest = _manifest(ds, records, dataset_version(files[NQUADS]), settings)
    files[MANIFEST] = manifest_bytes(manifest)
    if out_dir is not None:
        write_atomically(out_dir, files)
        progress(f"wrote {', '.join(sorted(files))} to {out_dir}")
    return BuildResult(ds, records, manifest, out_dir)


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
