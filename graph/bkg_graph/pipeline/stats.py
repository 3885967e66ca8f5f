"""The dataset description's counts, kept per block of lines and added up without the data.

The VoID description (:mod:`..describe`) counts the union of all named graphs as ``/sparql``
sees it: distinct triples, distinct subjects, entities, triples per property and entities
per class. Counting from ``kg.nq`` means reading every quad of the corpus on every build —
seconds per ingest at a thousand documents. Instead each block of lines (a document's graph,
its share of the derived graph, a history graph) is reduced once, when it is made, to
64-bit hashes (XXH3) of its triples and subjects with the hash of each triple's predicate
and class; a build concatenates the cached arrays and counts distinct hashes (numpy).
Triples repeated in several graphs are counted once, as in the union. Two different
triples would have to share a 64-bit hash to be miscounted (for two million triples, a
chance of about 1 in 10⁷; XXH3 is fast, not cryptographic: a document made to collide
could miscount a VoID figure, and no more — the data and every answer come from the lines,
not from these hashes).

A block's file: one line of JSON (hash → IRI of its predicates and classes), then the array.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from xxhash import xxh3_64_intdigest

_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
ROW = np.dtype([("t", "<u8"), ("s", "<u8"), ("p", "<u8"), ("c", "<u8"), ("e", "?")])


_hash = xxh3_64_intdigest


@dataclass
class Stats:
    """Rows (triple, subject, predicate, class or 0, subject is an entity) and the IRIs of
    the predicates and classes by hash."""

    rows: np.ndarray
    names: dict[int, str] = field(default_factory=dict)


def of_terms(terms: list[tuple[str, str, str]], base: str) -> Stats:
    """The rows of the lines of these terms (subject, predicate, object as N-Triples text,
    in line order): a row per triple of the hash of the triple's text (the line without its
    graph), of its subject and its predicate, of its class (for an ``rdf:type`` with an IRI
    object; else 0), and whether the subject is an entity (an IRI under ``base``)."""
    entity = "<" + base
    names: dict[int, str] = {}
    named: dict[str, int] = {}
    subjects: dict[str, tuple[int, bool]] = {}
    t: list[int] = []
    s: list[int] = []
    p: list[int] = []
    c: list[int] = []
    e: list[bool] = []
    for subject, predicate, obj in terms:
        found = named.get(predicate)
        if found is None:
            found = named[predicate] = _hash(predicate.encode("utf-8"))
            names[found] = predicate[1:-1]
        p.append(found)
        kind = 0
        if predicate == _TYPE and obj.startswith("<"):
            kind = named.get(obj) or 0
            if not kind:
                kind = named[obj] = _hash(obj.encode("utf-8"))
                names[kind] = obj[1:-1]
        c.append(kind)
        who = subjects.get(subject)
        if who is None:
            who = subjects[subject] = (_hash(subject.encode("utf-8")), subject.startswith(entity))
        s.append(who[0])
        e.append(who[1])
        t.append(_hash(f"{subject} {predicate} {obj}".encode()))
    rows = np.zeros(len(t), dtype=ROW)
    for column, values in (("t", t), ("s", s), ("p", p), ("c", c)):
        rows[column] = np.array(values, dtype=np.uint64)
    rows["e"] = np.array(e, dtype=bool)
    return Stats(rows, names)


def joined(parts: list[Stats]) -> Stats:
    """The rows of several blocks' stats, one after the other (as of their lines joined)."""
    names: dict[int, str] = {}
    for part in parts:
        names.update(part.names)
    rows = np.concatenate([p.rows for p in parts]) if parts else np.zeros(0, dtype=ROW)
    return Stats(rows, names)


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
