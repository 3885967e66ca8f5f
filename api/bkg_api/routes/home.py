"""``/``: the front door — a search box, the questions analysts come with, the partnerships.

The page answers from the same query API as the REST routes: the search is the named query
``search`` (its JSON twin is ``/search?q=``), the overview the named query ``partnerships``.
An entry-point question links to the page that answers it; where that page is not part of
this server yet, the question says so instead of linking nowhere.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from bkg_graph import questions
from bkg_graph.queries.run import run_query

from ..pages import Alternate, Links, lang_switch, render, text
from .common import Lang, SettingsDep, StoreDep

router = APIRouter(tags=["pages"])

#: Hits shown on the page; the JSON twin pages through all of them.
SHOWN = 50
Words = Annotated[
    str | None,
    Query(max_length=200, description="Words to look for in names and statements (en or ja)."),
]
#: The questions on the front page: (question key, answer key, page that answers it).
QUESTIONS = (
    ("q_shared", "a_shared", "/shared"),
    ("q_commitments", "a_commitments", "/commitments"),
    ("q_changes", "a_changes", "/changes"),
    ("q_network", "a_network", "/view"),
)


@router.get("/", response_class=HTMLResponse, summary="Home page")
def home(
    request: Request, store: StoreDep, settings: SettingsDep, q: Words = None, lang: Lang = "en"
) -> HTMLResponse:
    """Search over every name and statement, the entry-point questions and the partnerships
    in the corpus with their councils and counts. JSON twins: ``/search``, ``/documents``."""
    links = Links(settings.base_iri)
    words = (q or "").strip()
    hits = questions.search(store, words, lang=lang) if words else []
    served = set(request.app.openapi().get("paths", {}))
    entry = [
        {"question": text(lang, qk), "answer": text(lang, ak), "href": links.url(path, lang=lang)}
        if path in served
        else {"question": text(lang, qk), "answer": text(lang, "not_yet"), "href": None}
        for qk, ak, path in QUESTIONS
    ]
    twin = links.url("search", q=words, lang=lang) if words else links.url("documents", lang=lang)
    return render(
        "home.html",
        alternates=[Alternate("application/json", twin, "JSON")],
        lang=lang,
        lang_href=lang_switch(request),
        title=text(lang, "home_title"),
        links=links,
        q=words,
        names=[h for h in hits if h["kind"] != "Statement"][:SHOWN],
        statements=[h for h in hits if h["kind"] == "Statement"][:SHOWN],
        total=len(hits),
        shown=SHOWN,
        entry=entry,
        partnerships=_partnerships(store, lang),
    )


def _partnerships(store: StoreDep, lang: str) -> list[dict[str, Any]]:
    """The rows of ``partnerships`` grouped by partnership, its documents in date order."""
    grouped: dict[str, dict[str, Any]] = {}
    for row in run_query(store, "partnerships", {"lang": lang}):
        p = grouped.setdefault(
            row["partnership"],
            {
                "iri": row["partnership"],
                "label": row["partnershipLabel"],
                "parties": row.get("parties", ""),
                "documents": [],
            },
        )
        p["documents"].append(row)
    return list(grouped.values())
