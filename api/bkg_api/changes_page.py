"""What the ``/changes`` page offers to compare: the council documents of each partnership.

A document counts as a council of its partnership when it names the partnership and has a
date; a translation of a document in the corpus is listed (a reader may look for it) but is
never chosen by default, since it is the same council in another language — the follow-up
derivation leaves it out for the same reason (docs/changes.md).
"""

from __future__ import annotations

from typing import TypedDict

from bkg_graph.queries.run import SelectStore, run_query


class Council(TypedDict):
    """One document of the ``council-documents`` query."""

    id: str
    title: str
    issued: str | None
    language: str | None
    partnership: str
    partnership_label: str
    translation_of: str | None


def councils(store: SelectStore, *, lang: str = "en", base_iri: str | None = None) -> list[Council]:
    """Every document that names its partnership, latest first within each partnership."""
    del base_iri  # the query reads identifiers, not IRIs
    seen: dict[str, Council] = {}
    for r in run_query(store, "council-documents", {"lang": lang}):
        seen.setdefault(
            r["id"],
            Council(
                id=r["id"],
                title=r.get("title") or r["id"],
                issued=r.get("issued"),
                language=r.get("language"),
                partnership=r["partnership"],
                partnership_label=r.get("partnershipLabel") or r["partnership"],
                translation_of=r.get("translationOf"),
            ),
        )
    return list(seen.values())


def default_pair(documents: list[Council]) -> tuple[str, str] | None:
    """(earlier, later): the two latest dated councils of the partnership whose latest council
    is the most recent, translations left out; None if no partnership has two."""
    ids = {d["id"] for d in documents}
    by_partnership: dict[str, list[Council]] = {}
    for d in documents:
        if d["issued"] and d["translation_of"] not in ids:
            by_partnership.setdefault(d["partnership"], []).append(d)
    best: tuple[str, str, str] | None = None  # (later date, earlier id, later id)
    for docs in by_partnership.values():
        dated = sorted(docs, key=lambda d: (d["issued"] or "", d["id"]), reverse=True)
        dates = {d["issued"] for d in dated}
        if len(dates) < 2:
            continue
        later = dated[0]
        earlier = next(d for d in dated if d["issued"] != later["issued"])
        candidate = (later["issued"] or "", earlier["id"], later["id"])
        if best is None or candidate > best:
            best = candidate
    return (best[1], best[2]) if best else None
