"""The dataset description's counts, carried from one build to the next.

:func:`.describe.total` adds up every block's hashes (:mod:`.pipeline.stats`): exact, but it
sorts every triple of the corpus on every build — seconds for a thousand documents. A build
into a build folder instead keeps, in its cache, the *tally* of the last build: each distinct
triple's hash with how many blocks hold it, each predicate's and class's hash with how many
distinct triples have it, each subject's hash with how many distinct triples have it, and
which blocks it was made from. The next build takes away the rows of the blocks that went and
adds those of the blocks that came; a triple is counted while some block holds it, a subject
while some counted triple has it. What a triple that stops being counted had as predicate,
class and subject is read from the rows of the blocks that went (one of them held it), so the
tally keeps 12 bytes per triple. The counts are those of :func:`.describe.total` over the same
blocks (tested).
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .describe import Counts
from .pipeline import stats
from .pipeline.stats import ROW, Stats

_FILE = "tally.v2.npz"
_OLDER = ("tally.npz",)  # tallies of an earlier layout: removed, never read


@dataclass
class Tally:
    """Distinct triples (sorted by hash) with how many blocks hold each; predicates, classes
    and subjects (each sorted by hash) with how many distinct triples have each."""

    t: np.ndarray  # triple hashes, sorted, distinct
    m: np.ndarray  # blocks holding each
    pk: np.ndarray  # predicate hashes
    pn: np.ndarray  # distinct triples with each
    ck: np.ndarray  # class hashes
    cn: np.ndarray  # distinct type triples with each (the entities of the class)
    su: np.ndarray  # subject hashes, sorted, distinct
    sm: np.ndarray  # distinct triples with each subject
    se: np.ndarray  # the subject is an entity
    names: dict[int, str]
    sources: list[str]

    def counts(self) -> Counts:
        return Counts(
            triples=len(self.t),
            entities=int(np.count_nonzero(self.se)),
            subjects=len(self.su),
            properties={self.names[int(k)]: int(n) for k, n in zip(self.pk, self.pn, strict=True)},
            classes={self.names[int(k)]: int(n) for k, n in zip(self.ck, self.cn, strict=True)},
        )


_ARRAYS = ("t", "m", "pk", "pn", "ck", "cn", "su", "sm", "se")


def _empty() -> Tally:
    u8, u4 = np.zeros(0, np.uint64), np.zeros(0, np.uint32)
    return Tally(u8, u4, u8, u4, u8, u4, u8, u4, np.zeros(0, bool), {}, [])


def _rows(parts: list[Stats]) -> np.ndarray:
    return np.concatenate([p.rows for p in parts]) if parts else np.zeros(0, dtype=ROW)


def _count(
    keys: np.ndarray, counts: np.ndarray, came: np.ndarray, went: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted ``keys`` with ``counts``, one more for each hash of ``came`` and one fewer for
    each of ``went``; keys whose count falls to 0 go."""
    every = np.concatenate([keys, came, went])
    weights = np.concatenate(
        [counts.astype(np.int64), np.ones(len(came), np.int64), -np.ones(len(went), np.int64)]
    )
    merged, inverse = np.unique(every, return_inverse=True)
    total = np.bincount(inverse, weights=weights, minlength=len(merged)).astype(np.int64)
    if (total < 0).any():
        raise ValueError("the tally does not hold the blocks it is told to take away")
    keep = total > 0
    return merged[keep], total[keep].astype(np.uint32)


def apply(tally: Tally, added: list[Stats], removed: list[Stats], sources: list[str]) -> Tally:
    """``tally`` with the rows of ``added`` blocks counted and those of ``removed`` ones not."""
    names = dict(tally.names)
    for part in added:
        names.update(part.names)
    plus, minus = _rows(added), _rows(removed)
    hashes = np.concatenate([plus["t"], minus["t"]])
    weights = np.concatenate([np.ones(len(plus), np.int64), -np.ones(len(minus), np.int64)])
    keys, first, inverse = np.unique(hashes, return_index=True, return_inverse=True)
    change = np.bincount(inverse, weights=weights, minlength=len(keys)).astype(np.int64)
    at = np.searchsorted(tally.t, keys)
    known = at < len(tally.t)
    known[known] = tally.t[at[known]] == keys[known]
    m = tally.m.astype(np.int64)
    np.add.at(m, at[known], change[known])
    if (m < 0).any() or (change[~known] < 0).any():
        raise ValueError("the tally does not hold the blocks it is told to take away")
    new = ~known & (change > 0)
    came = np.concatenate([plus, minus])[first[new]]  # first seen in a block that came
    dead = m == 0
    went = _rows_of(tally.t[dead], minus)
    keep = ~dead
    t = np.concatenate([tally.t[keep], keys[new]])
    order = np.argsort(t, kind="stable")
    pk, pn = _count(tally.pk, tally.pn, came["p"], went["p"])
    ck, cn = _count(tally.ck, tally.cn, came["c"][came["c"] != 0], went["c"][went["c"] != 0])
    merged = Tally(
        t=t[order],
        m=np.concatenate([m[keep], change[new]]).astype(np.uint32)[order],
        pk=pk,
        pn=pn,
        ck=ck,
        cn=cn,
        su=tally.su,
        sm=tally.sm,
        se=tally.se,
        names=names,
        sources=sorted(sources),
    )
    _subjects(merged, went["s"], came["s"], came["e"])
    return merged


def _rows_of(hashes: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """A row of ``rows`` for each triple hash of ``hashes`` (each must be there)."""
    unique, where = np.unique(rows["t"], return_index=True)
    at = np.searchsorted(unique, hashes)
    found = at < len(unique)
    found[found] = unique[at[found]] == hashes[found]
    if not found.all():
        raise ValueError("the tally does not hold the blocks it is told to take away")
    return rows[where[at]]


def _subjects(tally: Tally, gone: np.ndarray, came: np.ndarray, came_entity: np.ndarray) -> None:
    keys, first, inverse = np.unique(
        np.concatenate([came, gone]), return_index=True, return_inverse=True
    )
    weights = np.concatenate([np.ones(len(came), np.int64), -np.ones(len(gone), np.int64)])
    change = np.bincount(inverse, weights=weights, minlength=len(keys)).astype(np.int64)
    entity = np.concatenate([came_entity, np.zeros(len(gone), bool)])[first]
    at = np.searchsorted(tally.su, keys)
    known = at < len(tally.su)
    known[known] = tally.su[at[known]] == keys[known]
    sm = tally.sm.astype(np.int64)
    np.add.at(sm, at[known], change[known])
    new = ~known & (change > 0)
    keep = sm > 0
    su = np.concatenate([tally.su[keep], keys[new]])
    order = np.argsort(su, kind="stable")
    tally.su = su[order]
    tally.sm = np.concatenate([sm[keep], change[new]]).astype(np.uint32)[order]
    tally.se = np.concatenate([tally.se[keep], entity[new]])[order]


def update(folder: Path, parts: dict[str, Stats | Path]) -> Counts:
    """The counts of the blocks ``parts`` (by a name that changes with their content), from
    the tally kept in ``folder`` by the previous build there; the new tally is kept."""
    tally = load(folder / _FILE)
    before = set(tally.sources)
    gone = [n for n in before if n not in parts]
    came = [n for n in parts if n not in before]
    from_store = [n for n in gone if not (folder / n).is_file()]
    if from_store:  # a block that went is no longer cached: count everything again
        tally, gone, came = _empty(), [], list(parts)
    loaded = {n: _stats(parts[n]) for n in came}
    removed = [_stats(folder / n) for n in gone]
    tally = apply(tally, [loaded[n] for n in came], removed, list(parts))
    save(tally, folder / _FILE)
    return tally.counts()


def _stats(source: Stats | Path) -> Stats:
    return source if isinstance(source, Stats) else stats.load(source)


def load(path: Path) -> Tally:
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    except (FileNotFoundError, ValueError, OSError):
        return _empty()
    try:
        meta = json.loads(bytes(arrays.pop("meta")).decode("utf-8"))
        names = {int(k): v for k, v in meta["names"].items()}
        return Tally(**{k: arrays[k] for k in _ARRAYS}, names=names, sources=meta["sources"])
    except (KeyError, ValueError):  # not a tally this code wrote: count everything again
        return _empty()


def save(tally: Tally, path: Path) -> None:
    meta = json.dumps({"names": {str(k): v for k, v in tally.names.items()},
                       "sources": tally.sources}).encode("utf-8")  # fmt: skip
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.npz")
    arrays = {k: getattr(tally, k) for k in _ARRAYS}
    np.savez(tmp, meta=np.frombuffer(meta, np.uint8), **arrays)
    # Not os.replace: renaming over a file makes ext4 write the new one out at once (a
    # second for a large corpus). The tally is a cache: if a crash loses it between these
    # two steps, the next build counts every block again.
    for name in (path.name, *_OLDER):
        (path.parent / name).unlink(missing_ok=True)
    os.rename(tmp, path)
