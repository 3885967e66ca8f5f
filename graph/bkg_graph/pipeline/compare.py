"""Compare two readings of a document statement by statement (versions), or a document with its
translation (alignment by locator)."""

from __future__ import annotations

from dataclasses import dataclass

from .statements import DocumentRecord, Statement


@dataclass(frozen=True)
class Change:
    """One statement added, removed or changed between two versions."""

    kind: str  # "added" | "removed" | "changed"
    path: tuple[str, ...]
    old: Statement | None
    new: Statement | None

    def locator(self, lang: str) -> str:
        st = self.new or self.old
        assert st is not None
        return st.locator(lang)


def diff(old: DocumentRecord | None, new: DocumentRecord) -> list[Change]:
    """What changes, statement by statement, when ``new`` replaces ``old``."""
    before = {st.path: st for st in old.statements} if old else {}
    after = {st.path: st for st in new.statements}
    changes: list[Change] = []
    for path, st in after.items():
        if path not in before:
            changes.append(Change("added", path, None, st))
        elif before[path].text != st.text:
            changes.append(Change("changed", path, before[path], st))
    for path, st in before.items():
        if path not in after:
            changes.append(Change("removed", path, st, None))
    order: dict[tuple[str, ...], int] = {}
    for path in [*after, *before]:
        order.setdefault(path, len(order))
    return sorted(changes, key=lambda c: order[c.path])


@dataclass(frozen=True)
class Alignment:
    pairs: list[tuple[Statement, Statement]]  # (translation, original)
    only_in_translation: list[Statement]
    only_in_original: list[Statement]


def align(translation: DocumentRecord, original: DocumentRecord) -> Alignment:
    """Pair the statements of a translation with the original's by locator."""
    orig = {st.path: st for st in original.statements}
    trans = {st.path: st for st in translation.statements}
    return Alignment(
        pairs=[(st, orig[p]) for p, st in trans.items() if p in orig],
        only_in_translation=[st for p, st in trans.items() if p not in orig],
        only_in_original=[st for p, st in orig.items() if p not in trans],
    )
