"""Write the built graph: N-Quads, Turtle, JSON-LD and a manifest, atomically.

Every file is first written beside its target and renamed into place only once all of them
are complete, so a failed build never leaves a half-written graph behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from .namespaces import PREFIXES

NQUADS = "kg.nq"
TURTLE = "kg.ttl"
JSONLD = "kg.jsonld"
MANIFEST = "manifest.json"


def serialize(ds: Dataset) -> dict[str, bytes]:
    """The three serialisations, deterministic for the same dataset."""
    lines = sorted({ln for ln in ds.serialize(format="nquads").splitlines() if ln.strip()})
    nquads = ("\n".join(lines) + "\n").encode("utf-8")
    union = Graph()
    for prefix, ns in PREFIXES.items():
        union.bind(prefix, ns, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    turtle = union.serialize(format="turtle").encode("utf-8")
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    jsonld = _canonical_json(json.loads(ds.serialize(format="json-ld")))
    return {NQUADS: nquads, TURTLE: turtle, JSONLD: jsonld}


def _sorted(value: Any) -> Any:
    """JSON-LD with every array in a stable order (rdflib's follows its store's iteration)."""
    if isinstance(value, dict):
        return {
            k: [_sorted(v) for v in vs] if k == "@list" and isinstance(vs, list) else _sorted(vs)
            for k, vs in value.items()
        }
    if isinstance(value, list):
        items = [_sorted(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _canonical_json(doc: Any) -> bytes:
    text = json.dumps(_sorted(doc), ensure_ascii=False, indent=1, sort_keys=True)
    return (text + "\n").encode("utf-8")


def dataset_version(nquads: bytes) -> str:
    """A short content hash that names this version of the graph."""
    return hashlib.sha256(nquads).hexdigest()[:16]


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", dir=out_dir)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp_name, 0o644)
            staged.append((name, Path(tmp_name)))
        for name, tmp in staged:
            os.replace(tmp, out_dir / name)
    finally:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def read_manifest(out_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    return data
