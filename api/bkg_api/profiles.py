"""What the page of an agency or an initiative shows above its generic properties.

An agency's profile: its counterparts (agencies acting with it in the same statements, with
how many), the initiatives it acts on with the status its statements give, and its
commitments document by document (council by council), counted by status. An initiative's
profile: who takes part, per side, with the statements that say so. Both read the query
API (``questions``) under the kinds of evidence asked for (``named`` and ``reference``
unless ``collective`` is asked), so they agree with the REST answers at ``/agencies/{id}``
and ``/initiatives/{id}``, which are the pages' twins. What rests only on a collective term
(日英関係省庁: every agency of the partnership) is counted apart and shown apart, labelled.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from bkg_graph import questions
from bkg_graph.answers import Agency, Ref
from bkg_graph.evidence import KINDS, parse_evidence
from bkg_graph.store.methods import QueryMethods

from .commitments import COMMITTING

#: The order sides are shown in.
SIDES = ("jp", "uk")


def _together(acted: Sequence[Any], agencies: dict[str, Agency], me: str) -> Counter[str]:
    """How many of the statements ``acted`` each other agency acts in too."""
    together: Counter[str] = Counter()
    for s in acted:
        together.update(a for a in set(s["actors"]) if a in agencies and a != me)
    return together


def agency_profile(
    store: QueryMethods,
    agency_id: str,
    *,
    lang: str,
    base_iri: str,
    evidence: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Counterparts with counts, initiatives with their statuses, commitments by strength;
    with ``collective`` not asked, what a collective term adds is counted apart."""
    kinds = parse_evidence(evidence)
    agencies = {a["iri"]: a for a in questions.agencies(store, lang=lang, base_iri=base_iri)}
    detail = questions.agency(store, agency_id, lang=lang, base_iri=base_iri, evidence=kinds)
    acted = questions.statements(
        store, lang=lang, base_iri=base_iri, agency=agency_id, evidence=kinds
    )
    status = {s["iri"]: s["status_label"] for s in acted if s["status_label"]}
    together = _together(acted, agencies, detail["iri"])
    extra: Counter[str] = Counter()
    if "collective" not in kinds:
        wide = questions.statements(
            store, lang=lang, base_iri=base_iri, agency=agency_id, evidence=KINDS
        )
        extra = _together(wide, agencies, detail["iri"]) - together
    counterparts = [
        {
            **agencies[a],
            "statements": together[a],
            "collective": extra[a],
            "other_side": agencies[a]["country_id"] != detail["country_id"],
        }
        for a in sorted(
            set(together) | set(extra),
            key=lambda a: (-together[a], -extra[a], agencies[a]["label"]),
        )
    ]
    initiatives = []
    for item in detail["initiatives"]:
        cited = [c["statement"] for c in item["statements"]]
        statuses = sorted({status[c] for c in cited if c in status})
        initiatives.append({**item, "statuses": statuses, "count": len(cited)})
    over_time: dict[str, dict[str, Any]] = {}
    for s in acted:
        if s["strength"] in COMMITTING:
            doc = over_time.setdefault(
                s["document"],
                {"title": s["document_title"] or s["document"], "statuses": Counter()},
            )
            doc["statuses"][s["status_label"] or "—"] += 1
    return {
        "kind": "agency",
        "kinds": kinds,
        "over_time": list(over_time.values()),
        "agency": detail,
        "counterparts": counterparts,
        "initiatives": initiatives,
        "by_kind": Counter(i["evidence"] for i in initiatives),
        "collective_only": detail["collective_only"],
        "acting": len(acted),
        "committing": Counter(s["strength"] for s in acted if s["strength"] in COMMITTING),
    }


def _by_side(
    people: Sequence[Any], agencies: dict[str, Agency], labels: dict[str, str | None]
) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """``people`` grouped by country, Japan then the UK then the rest (side ``None``)."""
    sides: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in people:
        facts = agencies.get(p["iri"])
        side = facts["country_id"] if facts and facts["country_id"] else "other"
        short = facts["abbreviation"] if facts else None
        sides[side].append({**p, "abbreviation": short})
    order = [s for s in SIDES if s in sides] + sorted(set(sides) - set(SIDES))
    return [(labels.get(s), sides[s]) for s in order]  # None: not an agency


def initiative_profile(
    store: QueryMethods,
    initiative_id: str,
    *,
    lang: str,
    base_iri: str,
    evidence: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Participants grouped by side (country), each with its cited statements and the kind
    of evidence; those taking part only through a collective term apart, by side."""
    kinds = parse_evidence(evidence)
    agencies = {a["iri"]: a for a in questions.agencies(store, lang=lang, base_iri=base_iri)}
    detail = questions.initiative(
        store, initiative_id, lang=lang, base_iri=base_iri, evidence=kinds
    )
    labels = {a["country_id"]: a["country_label"] for a in agencies.values() if a["country_id"]}
    concerning = questions.statements(store, lang=lang, base_iri=base_iri, initiative=initiative_id)
    collective: list[Ref] = detail["collective_only"]
    return {
        "kind": "initiative",
        "kinds": kinds,
        "initiative": detail,
        "sides": _by_side(detail["participants"], agencies, labels),
        "by_kind": Counter(p["evidence"] for p in detail["participants"]),
        "collective_sides": _by_side(collective, agencies, labels),
        "committing": Counter(s["strength"] for s in concerning if s["strength"] in COMMITTING),
    }
