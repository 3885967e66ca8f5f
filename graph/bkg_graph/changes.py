"""What changed between two councils: the follow-up links of the build, read for two documents.

Runs the named queries ``changes`` (the links) and ``statement-facts`` (for the generated
English line of a statement that has no English text) and sorts the answer the way an analyst
reads it: new commitments, progressed, unchanged, status unclear, not mentioned again — each
with the quoted sentences of both sides — and counts per pillar and per agency.
"""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Any

from .errors import InputError, NotFound
from .pipeline.followup import LATER_COUNCILS, Council, council_order, next_councils
from .queries.run import SelectStore, entity_iri, run_query
from .summary_en import GENERATED_NOTE, DateFact, summary_en

# the answer's groups, in reading order; a link's outcome (or "new") names its group
GROUPS = ("new", "progressed", "unchanged", "status-unclear", "not-mentioned")
_CHUNK = 50  # statements per statement-facts query (the parameter's limit)


def _document_ids(store: SelectStore) -> list[str]:
    return [r["id"] for r in run_query(store, "documents", {}) if "id" in r]


def check_document(store: SelectStore, ident: str, known: list[str]) -> None:
    """Raise :class:`NotFound` naming the closest ids when ``ident`` is not a document."""
    if ident in known:
        return
    close = difflib.get_close_matches(ident, known, n=3, cutoff=0.3)
    hint = f"; closest: {', '.join(close)}" if close else f"; known: {', '.join(sorted(known))}"
    raise NotFound(f"no document {ident!r}{hint}")


class TooFarApart(InputError):
    """Two councils too far apart for the earlier one's commitments to be followed in the
    later one; ``followed`` are the councils that follow it up."""

    def __init__(self, earlier: str, later: str, n: int, followed: list[str]) -> None:
        self.earlier, self.later, self.n, self.followed = earlier, later, n, followed
        super().__init__(
            f"{later!r} is the {n}th council after {earlier!r}; commitments are followed in the "
            f"next {LATER_COUNCILS} councils of a partnership ({', '.join(followed)})"
        )


def check_followed(store: SelectStore, earlier: str, later: str) -> None:
    """Raise :class:`InputError` when ``later`` is a council of ``earlier``'s partnership too
    far after it for its commitments to be followed there (see ``LATER_COUNCILS``): the
    councils in the order the build follows them up in (:mod:`.pipeline.followup`)."""
    order = council_order(
        Council(r["id"], r.get("issued"), r.get("partnership"), r.get("translationOf"))
        for r in run_query(store, "council-documents", {})
    )
    at = {d.id: i for i, d in enumerate(order)}
    if earlier not in at or later not in at:
        return
    after = list(next_councils(order, at[earlier]))
    if later in after[LATER_COUNCILS:]:
        raise TooFarApart(earlier, later, after.index(later) + 1, after[:LATER_COUNCILS])


def _facts(store: SelectStore, iris: list[str]) -> dict[str, dict[str, Any]]:
    """The generated-English facts of each statement, keyed by IRI."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(iris), _CHUNK):
        rows = run_query(store, "statement-facts", {"statements": iris[i : i + _CHUNK]})
        for r in rows:
            out[r["statement"]] = r
    return out


def english(facts: dict[str, Any] | None) -> dict[str, Any] | None:
    """The English a reader is shown for a non-English statement: its aligned translation if
    there is one, else a generated line, labelled as generated; None for an English one."""
    if facts is None or facts.get("lang") == "en":
        return None
    if facts.get("english"):
        return {"text": facts["english"], "generated": False, "note": "aligned translation"}
    dates = [DateFact(*d.split(" ", 1)) for d in _split(facts.get("dates"), "|")]
    text = summary_en(
        sorted(_split(facts.get("owners"), "|")),
        facts.get("status"),
        sorted(_split(facts.get("subjects"), "|")),
        sorted(dates, key=lambda d: d.value),
    )
    return {"text": text, "generated": True, "note": GENERATED_NOTE}


def _split(value: str | None, sep: str) -> list[str]:
    return [v for v in (value or "").split(sep) if v]


def _side(row: dict[str, str], prefix: str, facts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    iri = row[prefix]
    return {
        "statement": iri,
        "locator": row.get(f"{prefix}Locator"),
        "text": row.get(f"{prefix}Text"),
        "status": row.get(f"{prefix}Status"),
        "english": english(facts.get(iri)),
    }


def changes(
    store: SelectStore,
    earlier: str,
    later: str,
    *,
    lang: str = "en",
    base_iri: str | None = None,
) -> dict[str, Any]:
    """What became of ``earlier``'s commitments in ``later`` (document ids), and what is new."""
    known = _document_ids(store)
    check_document(store, earlier, known)
    check_document(store, later, known)
    check_followed(store, earlier, later)
    rows = run_query(
        store,
        "changes",
        {
            "earlier": entity_iri("document", earlier, base_iri),
            "later": entity_iri("document", later, base_iri),
            "lang": lang,
        },
    )
    statements = sorted({r[k] for r in rows for k in ("commitment", "followUp") if r.get(k)})
    facts = _facts(store, statements)
    groups: dict[str, list[dict[str, Any]]] = {g: [] for g in GROUPS}
    pillars: dict[str, Counter[str]] = {}
    agencies: dict[str, Counter[str]] = {}
    for r in rows:
        group = "new" if r["kind"] == "new" else r["outcome"]
        item: dict[str, Any] = {
            "commitment": _side(r, "commitment", facts),
            "pillar": r.get("pillarLabel"),
            "agencies": sorted(_split(r.get("agencies"), " ")),
        }
        if group != "new":
            item["confidence"] = r["confidence"]
            item["matched"] = sorted(_split(r.get("matched"), " "))
            item["follow_up"] = _side(r, "followUp", facts) if r.get("followUp") else None
        groups[group].append(item)
        pillars.setdefault(item["pillar"] or "", Counter())[group] += 1
        for agency in item["agencies"]:
            agencies.setdefault(agency, Counter())[group] += 1
    return {
        "from": earlier,
        "to": later,
        "counts": {g: len(items) for g, items in groups.items()},
        **groups,
        "by_pillar": {p: dict(sorted(c.items())) for p, c in sorted(pillars.items())},
        "by_agency": {a: dict(sorted(c.items())) for a, c in sorted(agencies.items())},
    }
