"""The dataset description's counts, kept per block of lines and added up without the data.

The VoID description (:mod:`..describe`) counts the union of all named graphs as ``/sparql``
sees it: distinct triples, distinct subjects, entities, triples per property and entities
per class. Counting from ``kg.nq`` means reading every quad of the corpus on every build —
seconds per ingest at a thousand documents. Instead each block of lines (a document's graph,
its share of the derived graph, a history graph) is reduced once, when it is made, to
64-bit hashes of its triples and subjects with the hash of each triple's predicate and class;
a build concatenates the cached arrays and counts distinct hashes (numpy). Triples repeated
in several graphs are counted once, as in the union. Two different triples would have to
share a 64-bit hash to be miscounted (for two million triples, a chance of about 1 in 10⁷).

A block's file: one line of JSON (hash → IRI of its predicates and classes), then the array.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
ROW = np.dtype([("t", "<u8"), ("s", "<u8"), ("p", "<u8"), ("c", "<u8"), ("e", "?")])


def _hash(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


@dataclass
class Stats:
    """Rows (triple, subject, predicate, class or 0, subject is an entity) and the IRIs of
    the predicates and classes by hash."""

    rows: np.ndarray
    names: dict[int, str] = field(default_factory=dict)


def of_lines(data: bytes, base: str) -> Stats:
    """The rows of N-Quads ``data`` (lines as the build writes them: one quad each)."""
    entity = b"<" + base.encode("utf-8")
    names: dict[int, str] = {}
    hashes: dict[bytes, int] = {}  # predicates and classes repeat: hash each once
    rows = []
    for line in data.splitlines():
        if not line:
            continue
        triple = line.rsplit(b" ", 2)[0]
        i = triple.index(b" ")
        j = triple.index(b" ", i + 1)
        subject, predicate, obj = triple[:i], triple[i + 1 : j], triple[j + 1 :]
        p = hashes.get(predicate)
        if p is None:
            p = hashes[predicate] = _hash(predicate)
            names[p] = predicate[1:-1].decode("utf-8")
        c = 0
        if predicate == _TYPE and obj.startswith(b"<"):
            c = hashes.get(obj) or 0
            if not c:
                c = hashes[obj] = _hash(obj)
                names[c] = obj[1:-1].decode("utf-8")
        rows.append((_hash(triple), _hash(subject), p, c, subject.startswith(entity)))
    return Stats(np.array(rows, dtype=ROW), names)


def save(stats: Stats, path: Path) -> None:
    """Write ``stats`` to ``path`` (through a temporary name: whole or not at all)."""
    header = json.dumps({str(k): v for k, v in stats.names.items()}).encode("utf-8")
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    tmp.write_bytes(header + b"\n" + stats.rows.tobytes())
    os.replace(tmp, path)


def load(path: Path) -> Stats:
    data = path.read_bytes()
    end = data.index(b"\n")
    names = {int(k): v for k, v in json.loads(data[:end]).items()}
    return Stats(np.frombuffer(data[end + 1 :], dtype=ROW), names)
