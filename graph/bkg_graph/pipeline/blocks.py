"""The named graphs a build assembles besides each document's own: blocks of sorted lines.

A document has three graphs: its own (made with its reading, :mod:`.cache`), its history
and its share of the derived graph. The last two are made from several documents' readings
— its earlier versions and the original it translates; the councils whose commitments it
follows up and its translations — so each is cached under the keys of all of them, and made
again only when one of them changed. Both can be made in worker processes (a full build
makes a thousand of them).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus import DocumentMeta
from ..namespaces import IRIs
from . import followup
from .cache import DocCache, Entry, counted_lines, type_counts
from .compare import align
from .history import history_triples, misalignment_warnings, translation_triples


@dataclass(frozen=True)
class Block:
    """One named graph's lines (or the cached file of them), its type counts, and the hash,
    number and size of its lines (kept with a cached file, so it is not read to say them)."""

    name: str
    source: bytes | Path
    counts: dict[str, int]
    sha: str
    quads: int
    size: int


def make_block(name: str, data: bytes, counts: dict[str, int]) -> Block:
    sha = hashlib.sha256(data).hexdigest()[:16]
    return Block(name, data, counts, sha, data.count(b"\n"), len(data))


def cached_block(name: str, path: Path, about: dict[str, Any]) -> Block:
    return Block(name, path, about["counts"], about["sha"], about["quads"], about["bytes"])


def block_key(kind: str, *sources: str) -> str:
    return hashlib.sha256("\0".join([kind, *sources]).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Sources:
    """The cached documents (by key) that one document's history graph and share of the
    derived graph are made from."""

    meta: DocumentMeta
    key: str  # the document's own entry
    past: tuple[str, ...] = ()  # its earlier versions
    original: str | None = None  # the document it translates, if that is in the corpus
    followed: tuple[str, ...] = ()  # the councils whose commitments it follows up
    translations: tuple[str, ...] = ()  # its English translations

    @property
    def history_key(self) -> str:
        original = self.original or str(self.meta.translation_of)
        return block_key("history", self.key, *self.past, original)

    @property
    def share_key(self) -> str:
        return block_key(
            "derived",
            self.key,
            *(f"source {k}" for k in self.followed),
            *(f"translation {k}" for k in self.translations),
        )

    def cached(self, docs: DocCache) -> bool:
        """Whether both blocks are in the cache already."""
        return all(docs.get_block(k) is not None for k in (self.history_key, self.share_key))


def assemble(
    docs: DocCache, src: Sources, entry: Callable[[str], Entry], iris: IRIs
) -> tuple[Block, Path, list[str], Block, Path]:
    """The history graph (block, stats, warnings) and the derived share (block, stats) of the
    document ``src`` names, from the cache or made now; ``entry`` gives the entry of a key."""
    history, history_stats, warnings = history_block(docs, src, entry, iris)
    share, share_stats = derived_share(docs, src, entry, iris)
    return history, history_stats, warnings, share, share_stats


def derived_share(
    docs: DocCache, src: Sources, entry: Callable[[str], Entry], iris: IRIs
) -> tuple[Block, Path]:
    """A document's share of the derived graph: its participation evidence (made with its
    reading), the generated English lines of its statements and the follow-ups into it
    from earlier councils. Cached under the keys of the documents it is made from."""
    name = str(iris.graph("derived", src.meta.id))
    key = src.share_key
    cached = docs.get_block(key)
    if cached is not None:
        return cached_block(name, *cached), docs.block_stats(key)
    own = entry(src.key)
    triples = followup.document_part(
        own.record,
        [entry(k).record for k in src.followed],
        [entry(k).record for k in src.translations],
        iris,
    )
    more, counted = counted_lines(triples, name, iris.base)
    lines = set(own.part.read_bytes().splitlines(keepends=True))
    data = b"".join(sorted(lines | set(more.splitlines(keepends=True))))
    tally = Counter(own.summary["part_counts"])
    tally.update(type_counts(triples))
    block = make_block(name, data, dict(tally))
    docs.put_block(key, block, [], counted)  # the part is counted with the entry
    return block, docs.block_stats(key)


def history_block(
    docs: DocCache, src: Sources, entry: Callable[[str], Entry], iris: IRIs
) -> tuple[Block, Path, list[str]]:
    """The history graph of one document: its versions, and its alignment with the original
    it translates; and the warnings about that. Cached under the keys of the documents it is
    made from."""
    key = src.history_key
    name = str(iris.graph("history", src.meta.id))
    cached = docs.get_block(key)
    if cached is not None:
        path, about = cached
        return cached_block(name, path, about), docs.block_stats(key), about["warnings"]
    record = entry(src.key).record
    triples = history_triples(record, [entry(k).record for k in src.past], iris)
    warnings = []
    original_id = src.meta.translation_of
    if original_id is not None:
        if src.original is None:
            warnings.append(f"translation of {original_id!r}, which is not in the corpus")
        else:
            original = entry(src.original).record
            alignment = align(record, original)
            triples += translation_triples(record, original, alignment, iris)
            warnings.extend(misalignment_warnings(alignment, record))
    data, counted = counted_lines(triples, name, iris.base)
    block = make_block(name, data, type_counts(triples))
    docs.put_block(key, block, warnings, counted)
    return block, docs.block_stats(key), warnings
