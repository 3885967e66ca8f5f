"""``/shared``: pick two or more agencies by any of their names, see what they share.

The page's JSON twin is the REST route ``/shared-initiatives`` with the same agencies; both
answer from the query API (``questions.shared_initiatives``, the named query
``shared-initiatives``). A name is read as people write it — id, abbreviation, English or
Japanese label, in any width, case or spacing (``ＤＳＩＴ``, ``dsit``, ``総務省``); a name
that matches no agency, or several, is answered on the page with the closest names.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from bkg_graph import questions
from bkg_graph.answers import Agency, Shared
from bkg_graph.evidence import KINDS, parse_evidence, rank
from bkg_graph.text import match_key

from ..pages import Alternate, Asset, Links, lang_switch, render, text
from .common import Lang, SettingsDep, StoreDep

router = APIRouter(tags=["pages"])

Names = Annotated[
    list[str],
    Query(max_length=20, description="Agencies by id, abbreviation or name (repeat: 2 or more)."),
]
Evidence = Annotated[
    str | None,
    Query(max_length=100, description="Evidence kinds of participation, passed to the query."),
]


def _keys(a: Agency) -> set[str]:
    names = (a["id"], a["abbreviation"], a["label_en"], a["label_ja"], a["label"])
    return {match_key(n) for n in names if n}


def resolve(typed: str, agencies: list[Agency]) -> tuple[Agency | None, list[str]]:
    """The agency ``typed`` names, or None and the closest names to offer instead."""
    key = match_key(typed)
    found = [a for a in agencies if key in _keys(a)]
    if len(found) == 1:
        return found[0], []
    if found:  # one name for several agencies
        return None, [_display(a) for a in found]
    by_key = {k: a for a in agencies for k in _keys(a)}
    close = difflib.get_close_matches(key, list(by_key), n=5, cutoff=0.5)
    partial = [a for a in agencies if any(key and key in k for k in _keys(a))]
    offered = list(
        dict.fromkeys([*(by_key[k]["iri"] for k in close), *(a["iri"] for a in partial)])
    )
    names = {a["iri"]: _display(a) for a in agencies}
    return None, [names[i] for i in offered[:6]]


def _display(a: Agency) -> str:
    abbr = f"{a['abbreviation']} — " if a["abbreviation"] else ""
    return f"{abbr}{a['label']}"


@router.get("/shared", response_class=HTMLResponse, summary="Shared initiatives page")
def shared_page(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    agency: Names = [],  # noqa: B006 - FastAPI reads the default, never mutates it
    evidence: Evidence = None,
    lang: Lang = "en",
) -> HTMLResponse:
    """The initiatives and events every chosen agency acts on, with the cited sentences."""
    links = Links(settings.base_iri)
    agencies = questions.agencies(store, lang=lang, base_iri=settings.base_iri)
    typed = [a.strip() for a in agency if a.strip()]
    chosen: list[Agency] = []
    problems: list[dict[str, Any]] = []
    for name in typed:
        found, offered = resolve(name, agencies)
        if found is None:
            problems.append({"typed": name, "offered": offered})
        elif found not in chosen:
            chosen.append(found)
    kinds = parse_evidence(evidence)
    items: list[Shared] = []
    collective: list[Shared] = []
    if len(chosen) >= 2 and not problems:
        ids = [a["id"] for a in chosen]
        items = _shared(store, ids, lang, settings.base_iri, kinds)
        if "collective" not in kinds:  # shown apart, labelled, never counted with the others
            seen = {i["iri"] for i in items}
            every = _shared(store, ids, lang, settings.base_iri, KINDS)
            collective = [i for i in every if i["iri"] not in seen]
    params: dict[str, str | list[str]] = {"agency": [a["id"] for a in chosen], "lang": lang}
    if evidence:
        params["evidence"] = ",".join(kinds)
    twin = links.url("shared-initiatives", **params)
    status = 400 if problems else 200
    return render(
        "shared.html",
        status=status,
        alternates=[Alternate("application/json", twin, "JSON")] if len(chosen) >= 2 else [],
        lang=lang,
        lang_href=lang_switch(request),
        title=text(lang, "shared_title"),
        scripts=(Asset(url="/static/shared.js"),),
        links=links,
        fields=typed + [""] * max(1, 3 - len(typed)),
        chosen=chosen,
        problems=problems,
        items=items,
        strongest={i["iri"]: _strongest(i) for i in items + collective},
        by_kind={k: sum(_strongest(i) == k for i in items) for k in kinds},
        kinds=kinds,
        collective=collective,
        collective_on="collective" in kinds,
        names={a["iri"]: a for a in agencies},
        pairs=_pairs(chosen, links, lang),
        asked=len(typed),
    )


def _shared(
    store: StoreDep, ids: list[str], lang: str, base_iri: str, kinds: tuple[str, ...]
) -> list[Shared]:
    """``questions.shared_initiatives`` under the kinds of evidence ``kinds``."""
    return questions.shared_initiatives(store, ids, lang=lang, base_iri=base_iri, evidence=kinds)


def _strongest(item: Shared) -> str:
    """The strongest kind of evidence among an item's citations (``named`` first)."""
    return min((c["evidence"] for c in item["statements"]), key=rank, default="collective")


def _pairs(chosen: list[Agency], links: Links, lang: str) -> list[dict[str, str]]:
    """Each Japanese × UK pair among the chosen, with its cell of the counterpart matrix."""
    jp = [a for a in chosen if a["country_id"] == "jp"]
    uk = [a for a in chosen if a["country_id"] == "uk"]
    return [
        {
            "label": f"{a['abbreviation'] or a['label']} × {b['abbreviation'] or b['label']}",
            "href": links.url("matrix", lang=lang) + f"#cell-{a['id']}-{b['id']}",
        }
        for a in jp
        for b in uk
    ]
