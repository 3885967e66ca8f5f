"""What the page of an agency or an initiative shows above its generic properties.

An agency's profile: its counterparts (agencies acting with it in the same statements, with
how many), the initiatives it acts on with the status its statements give, and its
commitments document by document (council by council), counted by status. An initiative's
profile: who takes part, per side, with the statements that say so. Both read the query
API (``questions``), so they agree with the REST answers at ``/agencies/{id}`` and
``/initiatives/{id}``, which are the pages' twins.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from bkg_graph import questions
from bkg_graph.store.methods import QueryMethods

from .commitments import COMMITTING

#: The order sides are shown in.
SIDES = ("jp", "uk")


def agency_profile(
    store: QueryMethods, agency_id: str, *, lang: str, base_iri: str
) -> dict[str, Any]:
    """Counterparts with counts, initiatives with their statuses, commitments by strength."""
    agencies = {a["iri"]: a for a in questions.agencies(store, lang=lang, base_iri=base_iri)}
    detail = questions.agency(store, agency_id, lang=lang, base_iri=base_iri)
    acted = questions.statements(store, lang=lang, base_iri=base_iri, agency=agency_id)
    status = {s["iri"]: s["status_label"] for s in acted if s["status_label"]}
    together: Counter[str] = Counter()
    for s in acted:
        together.update(a for a in set(s["actors"]) if a in agencies and a != detail["iri"])
    counterparts = [
        {
            **agencies[a],
            "statements": n,
            "other_side": agencies[a]["country_id"] != detail["country_id"],
        }
        for a, n in sorted(together.items(), key=lambda kv: (-kv[1], agencies[kv[0]]["label"]))
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
        "over_time": list(over_time.values()),
        "agency": detail,
        "counterparts": counterparts,
        "initiatives": initiatives,
        "acting": len(acted),
        "committing": Counter(s["strength"] for s in acted if s["strength"] in COMMITTING),
    }


def initiative_profile(
    store: QueryMethods, initiative_id: str, *, lang: str, base_iri: str
) -> dict[str, Any]:
    """Participants grouped by side (country), each with its cited statements."""
    agencies = {a["iri"]: a for a in questions.agencies(store, lang=lang, base_iri=base_iri)}
    detail = questions.initiative(store, initiative_id, lang=lang, base_iri=base_iri)
    sides: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in detail["participants"]:
        facts = agencies.get(p["iri"])
        side = facts["country_id"] if facts and facts["country_id"] else "other"
        short = facts["abbreviation"] if facts else None
        sides[side].append({**p, "abbreviation": short})
    concerning = questions.statements(store, lang=lang, base_iri=base_iri, initiative=initiative_id)
    order = [s for s in SIDES if s in sides] + sorted(set(sides) - set(SIDES))
    labels = {a["country_id"]: a["country_label"] for a in agencies.values() if a["country_id"]}
    return {
        "kind": "initiative",
        "initiative": detail,
        "sides": [(labels.get(s), sides[s]) for s in order],  # None: not an agency
        "committing": Counter(s["strength"] for s in concerning if s["strength"] in COMMITTING),
    }
