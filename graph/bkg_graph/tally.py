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


# Every step below sorts plain hashes (``np.unique`` with counts, ``np.sort``) and looks them
# up by binary search; none sorts indices (``argsort``), which for a corpus's millions of
# rows costs several times as much.


def _find(values: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``values``: where it is or would go in the sorted ``keys``, and whether it
    is there."""
    at = np.searchsorted(keys, values)
    found = at < len(keys)
    found[found] = keys[at[found]] == values[found]
    return at, found


def _one_each(rows: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """A row of ``rows`` for each hash of the sorted, distinct ``keys`` (each must be there;
    a triple's rows all say the same, so any one will do)."""
    at, found = _find(np.ascontiguousarray(rows["t"]), keys)
    chosen = np.full(len(keys), -1, np.int64)
    chosen[at[found]] = np.flatnonzero(found)
    if (chosen < 0).any():
        raise ValueError("the tally does not hold the blocks it is told to take away")
    return rows[chosen]


def _count(
    keys: np.ndarray, counts: np.ndarray, came: np.ndarray, went: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted ``keys`` with ``counts``, one more for each hash of ``came`` and one fewer for
    each of ``went``; keys whose count falls to 0 go."""
    came_keys, came_n = np.unique(came, return_counts=True)
    went_keys, went_n = np.unique(went, return_counts=True)
    every = np.concatenate([keys, came_keys, went_keys])  # a few hundred at most
    weights = np.concatenate([counts.astype(np.int64), came_n, -went_n])
    merged, inverse = np.unique(every, return_inverse=True)
    total = np.bincount(inverse, weights=weights, minlength=len(merged)).astype(np.int64)
    if (total < 0).any():
        raise ValueError("the tally does not hold the blocks it is told to take away")
    keep = total > 0
    return merged[keep], total[keep].astype(np.uint32)


def _change(
    keys: np.ndarray, counts: np.ndarray, plus: np.ndarray, minus: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``counts`` of the sorted ``keys`` with one more for each known hash of ``plus`` and
    one fewer for each of ``minus`` (every one of which must be known), and the hashes of
    ``plus`` that are not known, with how often each occurs."""
    n = counts.astype(np.int64)
    at, known = _find(plus, keys)
    fresh, fresh_n = np.unique(plus[~known], return_counts=True)
    more, more_n = np.unique(at[known], return_counts=True)
    n[more] += more_n
    gone, gone_n = np.unique(minus, return_counts=True)
    at_gone, found = _find(gone, keys)
    if not found.all():
        raise ValueError("the tally does not hold the blocks it is told to take away")
    n[at_gone] -= gone_n
    if (n < 0).any():
        raise ValueError("the tally does not hold the blocks it is told to take away")
    return n, fresh, fresh_n


def _merged(
    keys: np.ndarray, fresh: np.ndarray, *columns: tuple[np.ndarray, np.ndarray]
) -> list[np.ndarray]:
    """The sorted ``keys`` with the (sorted, unknown) ``fresh`` ones put in their places, and
    each ``(column, fresh values)`` likewise."""
    at = np.searchsorted(keys, fresh)
    return [np.insert(keys, at, fresh)] + [np.insert(c, at, v) for c, v in columns]


def apply(tally: Tally, added: list[Stats], removed: list[Stats], sources: list[str]) -> Tally:
    """``tally`` with the rows of ``added`` blocks counted and those of ``removed`` ones not."""
    names = dict(tally.names)
    for part in added:
        names.update(part.names)
    plus, minus = _rows(added), _rows(removed)
    plus_t = np.ascontiguousarray(plus["t"])
    m, fresh, fresh_n = _change(tally.t, tally.m, plus_t, np.ascontiguousarray(minus["t"]))
    dead = m == 0
    went = _one_each(minus, tally.t[dead])
    new_rows = plus[~_find(plus_t, tally.t)[1]]
    came = new_rows if len(fresh) == len(new_rows) else _one_each(new_rows, fresh)
    keep = ~dead
    t, counts = _merged(tally.t[keep], fresh, (m[keep].astype(np.uint32), fresh_n))
    pk, pn = _count(tally.pk, tally.pn, came["p"], went["p"])
    ck, cn = _count(tally.ck, tally.cn, came["c"][came["c"] != 0], went["c"][went["c"] != 0])
    merged = Tally(t, counts, pk, pn, ck, cn, tally.su, tally.sm, tally.se, names, sorted(sources))
    _subjects(merged, np.ascontiguousarray(went["s"]), came)
    return merged


def _subjects(tally: Tally, gone: np.ndarray, came: np.ndarray) -> None:
    """Count each subject of ``came`` once more and each of ``gone`` once fewer."""
    came_s = np.ascontiguousarray(came["s"])
    n, fresh, fresh_n = _change(tally.su, tally.sm, came_s, gone)
    entities = np.sort(came_s[came["e"]])  # whether a subject is an entity is its own
    keep = n > 0
    su, sm, se = _merged(
        tally.su[keep],
        fresh,
        (n[keep].astype(np.uint32), fresh_n),
        (tally.se[keep], _find(fresh, entities)[1]),
    )
    tally.su, tally.sm, tally.se = su, sm, se


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
