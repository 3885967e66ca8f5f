"""``/changes``: what became of one council's commitments at a later one, and what is new.

One URL, two forms: JSON for programs, the page for browsers (``Accept`` preferring
``text/html``, or ``format=html``; ``format=json`` wins over ``Accept``). Without ``from`` and
``to`` both answer the two latest councils of a partnership that are not translations of each
other (:func:`..changes_page.default_pair`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from bkg_graph import questions
from bkg_graph.changes import GROUPS, TooFarApart
from bkg_graph.changes import changes as read_changes
from bkg_graph.errors import InputError

from ..changes_page import councils, default_pair
from ..errors import wants_html
from ..pages import Alternate, Links, lang_switch, render, text
from ..schemas import QuerySource
from .common import ID_PATTERN, Lang, SettingsDep, StoreDep, query_source

router = APIRouter(tags=["statements"])

DocumentId = Annotated[
    str, Query(pattern=ID_PATTERN, description="Document id, e.g. `jp-uk-dp-2024-progress-ja`.")
]


class English(BaseModel):
    text: str
    generated: bool = Field(
        description="True for a line generated from the graph (never a translation); false "
        "for the text of an aligned translation."
    )
    note: str = Field(description="Where the English comes from.")


class Side(BaseModel):
    statement: str = Field(description="IRI of the statement")
    locator: str | None = Field(None, description="Pillar › theme › letter")
    text: str | None = Field(None, description="The statement as written (quoted)")
    status: str | None = None
    english: English | None = Field(
        None, description="English for a statement not written in English; null if it is."
    )


class ChangeItem(BaseModel):
    commitment: Side = Field(description="The commitment (for `new`: the later one)")
    pillar: str | None = None
    agencies: list[str] = Field(description="Registry ids of the agencies acting in it")
    confidence: str | None = Field(
        None, description="`confident` or `uncertain` (an uncertain link is a candidate)"
    )
    matched: list[str] | None = Field(
        None, description="Registry ids of the initiatives, topics and actors both sides share"
    )
    follow_up: Side | None = Field(None, description="The later statement that follows it up")


class Changes(BaseModel):
    from_: str = Field(alias="from")
    to: str
    counts: dict[str, int] = Field(description="Items per group")
    new: list[ChangeItem]
    progressed: list[ChangeItem]
    unchanged: list[ChangeItem]
    status_unclear: list[ChangeItem] = Field(alias="status-unclear")
    not_mentioned: list[ChangeItem] = Field(alias="not-mentioned")
    by_pillar: dict[str, dict[str, int]] = Field(description="Per pillar, items per group")
    by_agency: dict[str, dict[str, int]] = Field(description="Per agency id, items per group")
    query: QuerySource


Format = Annotated[
    Literal["html", "json"] | None,
    Query(alias="format", description="html or json; beats Accept (a browser gets the page)."),
]
OptionalDocument = Annotated[
    str | None,
    Query(
        pattern=ID_PATTERN,
        description="Document id; default: the two latest councils of a partnership.",
    ),
]


@router.get(
    "/changes",
    summary="What changed between two councils",
    response_model=Changes,
    response_model_by_alias=True,
    responses={200: {"content": {"text/html": {}}, "description": "JSON, or the page"}},
)
def changes(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    from_: Annotated[OptionalDocument, Query(alias="from")] = None,
    to: OptionalDocument = None,
    lang: Lang = "en",
    fmt: Format = None,
) -> Response:
    """The earlier document's commitments grouped by what the later one says of them —
    progressed, unchanged, status unclear, not mentioned again — and the later document's new
    commitments, each with the quoted sentences of both sides, how sure the match is, and
    counts per pillar and per agency. Follow-up links are derived in the build (see
    docs/changes.md). Named queries: ``changes``, ``statement-facts``, ``council-documents``.
    Without ``from``/``to``: the two latest councils of a partnership. Unknown document id:
    404 naming the closest ids. A browser (or ``format=html``) gets the page."""
    html = fmt == "html" or (fmt is None and wants_html(request))
    documents = councils(store, lang=lang, base_iri=settings.base_iri)
    if from_ is None or to is None:
        pair = default_pair(documents)
        if pair is None and not html:
            raise InputError("from and to are needed: no partnership has two councils")
        if pair is not None:
            from_, to = from_ or pair[0], to or pair[1]
    answer, problem = None, None
    instead: list[str] = []  # the councils that can be compared with from_ instead
    if from_ is not None and to is not None:  # else nothing to compare: the page says so
        try:
            answer = read_changes(store, from_, to, lang=lang, base_iri=settings.base_iri)
        except TooFarApart as exc:
            if not html:
                raise
            # the page keeps its form, and says which councils can be compared
            problem = text(lang, "changes_too_far").format(
                earlier=exc.earlier,
                later=exc.later,
                n=exc.n,
                count=len(exc.followed),
                followed=", ".join(exc.followed),
            )
            instead = exc.followed
    if not html:
        assert answer is not None
        body = Changes.model_validate({**answer, "query": query_source(request, "changes")})
        return JSONResponse(body.model_dump(by_alias=True), headers={"Vary": "Accept"})
    links = Links(settings.base_iri)
    names = {
        a["id"]: a["abbreviation"] or a["label"]
        for a in questions.agencies(store, lang=lang, base_iri=settings.base_iri)
    }
    twin = links.url(
        "changes", **{"from": from_ or "", "to": to or "", "lang": lang, "format": "json"}
    )
    return render(
        "changes.html",
        alternates=[Alternate("application/json", twin, "JSON")] if answer else [],
        lang=lang,
        lang_href=lang_switch(request),
        title=text(lang, "changes_title"),
        links=links,
        documents=documents,
        chosen={"from": from_, "to": to},
        answer=answer,
        problem=problem,
        instead=[d for i in instead for d in documents if d["id"] == i],
        groups=GROUPS,
        agency_names=names,
    )
