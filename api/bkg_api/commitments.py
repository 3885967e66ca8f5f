"""The commitments tracker's rows and facets, from the query API's statements.

A row is one statement that commits — strength ``commitment``, ``intention`` or
``exploration`` (a ``factual`` statement reports and promises nothing) — with its owners
per side, the initiatives it concerns, its place in the report, status and strength with
the words that decided each (named query ``statement-evidence``), the dates it gives in the
reader's language with their ISO values, the quoted sentence and where it stands. Owners are
the agencies acting under the kinds of evidence asked for (``named`` and ``reference`` unless
``collective`` is asked); those acting only through a collective term (日英関係省庁) are kept
apart in ``owners_collective``, so a reader sees them without counting them.

Each row also says what became of it since (``since``: one entry per later document of its
partnership, from the follow-up links of the build — named query ``commitment-followups``),
and, for an English reader, the English of a sentence written in Japanese (``english``: an
aligned translation, or a line generated from the graph and labelled so — ``statement-facts``).

Facets count rows the way Datasette does: each facet's counts are over the rows that every
*other* chosen facet keeps, so a count says how many rows choosing that value would leave.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bkg_graph import questions
from bkg_graph.answers import StatementInfo
from bkg_graph.changes import english
from bkg_graph.evidence import KINDS, parse_evidence
from bkg_graph.queries.run import run_query
from bkg_graph.store.methods import QueryMethods

from .pages.labels import labels

#: Strengths of a statement that commits to something (the others report).
COMMITTING = ("commitment", "intention", "exploration")
#: Facets in the order the page shows them.
FACETS = ("status", "strength", "agency", "initiative", "pillar", "theme", "document")
#: Orders a user may ask for, and how each compares rows.
SORTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "position": lambda r: (r["document"], r["position"]),
    "status": lambda r: (r["status"] or "~", r["document"], r["position"]),
    "strength": lambda r: (COMMITTING.index(r["strength"]), r["document"], r["position"]),
    "date": lambda r: (r["date_start"] or "9999", r["document"], r["position"]),
    "pillar": lambda r: (r["pillar_label"] or "", r["document"], r["position"]),
}


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: what it is called, how many rows it would leave, if chosen."""

    value: str
    label: str
    count: int
    selected: bool


def tail(iri: str) -> str:
    """The id at the end of an IRI (``agency/mic`` → ``mic``)."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def rows(
    store: QueryMethods, *, lang: str, base_iri: str, evidence: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """Every committing statement as a tracker row, in document order; its actors are those
    acting under ``evidence`` (query API semantics), the collective-only ones apart."""
    kinds = parse_evidence(evidence)
    found = [
        s
        for s in questions.statements(store, lang=lang, base_iri=base_iri, evidence=kinds)
        if s["strength"] in COMMITTING
    ]
    every: dict[str, list[str]] = {}
    if "collective" not in kinds:
        every = {
            s["iri"]: s["actors"]
            for s in questions.statements(store, lang=lang, base_iri=base_iri, evidence=KINDS)
        }
    agencies = {a["iri"]: a for a in questions.agencies(store, lang=lang, base_iri=base_iri)}
    names = labels(store, sorted({i for s in found for i in s["initiatives"] + s["actors"]}), lang)
    words = {r["statement"]: r for r in run_query(store, "statement-evidence")}
    since = _since(store)
    lines = _english(store, [s["iri"] for s in found]) if lang == "en" else {}
    return [
        {
            **_row(s, agencies, names, words.get(s["iri"], {})),
            "since": since.get(s["iri"], []),
            "since_text": "; ".join(_since_text(e) for e in since.get(s["iri"], [])),
            "english": lines.get(s["iri"]),
            "english_text": _english_text(lines.get(s["iri"])),
            **_collective(s, every.get(s["iri"], []), agencies),
            "date_values": [d["value"] for d in s["date_list"]],
            "dates_written": [d["surface"] for d in s["date_list"]],
        }
        for s in found
    ]


def _since(store: QueryMethods) -> dict[str, list[dict[str, Any]]]:
    """Per commitment IRI, what each later document says of it, oldest later document first."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in run_query(store, "commitment-followups"):
        out.setdefault(r["commitment"], []).append(
            {
                "document": r["later"],
                "issued": r.get("laterIssued"),
                "outcome": r["outcome"],
                "confidence": r["confidence"],
                "follow_up": r.get("followUp"),
                "status": r.get("followUpStatus"),
            }
        )
    return out


def _since_text(entry: Mapping[str, Any]) -> str:
    """One later document's word on a commitment, as a spreadsheet cell shows it."""
    when = f" ({entry['issued']})" if entry["issued"] else ""
    status = f" → {entry['status']}" if entry["status"] else ""
    doubt = ", uncertain match" if entry["confidence"] == "uncertain" else ""
    return f"{entry['document']}{when}: {entry['outcome']}{status}{doubt}"


_CHUNK = 50  # statements per statement-facts query (the parameter's limit)


def _english(store: QueryMethods, iris: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per statement not written in English, its English (aligned or generated, labelled)."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(iris), _CHUNK):
        for r in run_query(store, "statement-facts", {"statements": list(iris[i : i + _CHUNK])}):
            line = english(r)
            if line is not None:
                out[r["statement"]] = line
    return out


def _english_text(line: Mapping[str, Any] | None) -> str | None:
    """The English of a row for a spreadsheet cell, a generated line labelled as such."""
    if line is None:
        return None
    return f"[generated, not a translation] {line['text']}" if line["generated"] else line["text"]


def _collective(
    s: StatementInfo, every: Sequence[str], agencies: Mapping[str, Any]
) -> dict[str, list[str]]:
    """The agencies acting in ``s`` only through a collective term: all, and per side."""
    only = [a for a in every if a in agencies and a not in s["actors"]]

    def short(side: str | None) -> list[str]:
        return sorted(
            agencies[a]["abbreviation"] or agencies[a]["label"]
            for a in only
            if side is None or agencies[a]["country_id"] == side
        )

    return {
        "owners_collective": short(None),
        "owners_collective_jp": short("jp"),
        "owners_collective_uk": short("uk"),
    }


def _row(
    s: StatementInfo,
    agencies: Mapping[str, Any],
    names: Mapping[str, str],
    words: Mapping[str, str],
) -> dict[str, Any]:
    def owners(country: str) -> list[str]:
        """The side's agencies acting in it — and the government itself, where it acts."""
        named = sorted(
            agencies[a]["abbreviation"] or agencies[a]["label"]
            for a in s["actors"]
            if a in agencies and agencies[a]["country_id"] == country
        )
        states = [names.get(a, country) for a in s["actors"] if a.endswith(f"/country/{country}")]
        return states + named

    return {
        **s,
        "owners_jp": owners("jp"),
        "owners_uk": owners("uk"),
        "initiative_labels": [names.get(i, tail(i)) for i in s["initiatives"]],
        "status_words": words.get("statusEvidence"),
        "strength_words": words.get("strengthEvidence"),
        "actor_labels": [
            (agencies[a]["abbreviation"] if a in agencies else None) or names.get(a, tail(a))
            for a in s["actors"]
        ],
        "facets": {
            "status": [s["status"]] if s["status"] else [],
            "strength": [s["strength"]],
            "agency": [tail(a) for a in s["actors"]],
            "initiative": [tail(i) for i in s["initiatives"]],
            "pillar": [tail(s["pillar"])] if s["pillar"] else [],
            "theme": [tail(s["theme"])] if s["theme"] else [],
            "document": [tail(s["document"])],
        },
    }


def facet_labels(rows_: Sequence[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """What each facet value is called, as the rows name it."""
    out: dict[str, dict[str, str]] = {f: {} for f in FACETS}
    for r in rows_:
        f = r["facets"]
        for v in f["status"]:
            out["status"][v] = r["status_label"] or v
        out["strength"][r["strength"]] = r["strength_label"] or r["strength"]
        for v in f["pillar"]:
            out["pillar"][v] = r["pillar_label"] or v
        for v in f["theme"]:
            out["theme"][v] = r["theme_label"] or v
        for v in f["document"]:
            out["document"][v] = r["document_title"] or v
        for v, name in zip(f["initiative"], r["initiative_labels"], strict=True):
            out["initiative"][v] = name
        for v, name in zip(f["agency"], r["actor_labels"], strict=True):
            out["agency"][v] = name
    return out


def keeps(row: dict[str, Any], chosen: Mapping[str, Sequence[str]], skip: str = "") -> bool:
    """Whether ``row`` has one of the chosen values of every facet (but ``skip``)."""
    return all(
        not values or any(v in row["facets"][facet] for v in values)
        for facet, values in chosen.items()
        if facet != skip
    )


def facets(
    rows_: Sequence[dict[str, Any]],
    chosen: Mapping[str, Sequence[str]],
    names: Mapping[str, Mapping[str, str]],
) -> dict[str, list[FacetValue]]:
    """Per facet, its values with the rows each would leave, most rows first."""
    out: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        counts: Counter[str] = Counter()
        for r in rows_:
            if keeps(r, chosen, skip=facet):
                counts.update(set(r["facets"][facet]))
        picked = set(chosen.get(facet, ()))
        out[facet] = [
            FacetValue(v, names[facet].get(v, v), n, v in picked)
            for v, n in sorted(
                counts.items(), key=lambda kv: (-kv[1], names[facet].get(kv[0], kv[0]))
            )
        ]
    return out
