"""``/commitments``: the commitments tracker — one row per statement that commits, faceted,
sortable, paginated — as a page, as JSON (its twin: ``format=json``) and as CSV or XLSX.

Every form answers the same filters: ``status strength agency initiative pillar theme
document`` (ids, repeat a parameter for several values: any of them), ``evidence`` (which
kinds of evidence make an agency an owner), ``sort`` and ``lang``;
the files hold every row the filters keep, the page and JSON one page of them.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from bkg_graph.errors import InputError
from bkg_graph.evidence import KINDS, parse_evidence

from ..commitments import FACETS, SORTS, facet_labels, facets, keeps, rows
from ..pages import Alternate, Links, lang_switch, render, text
from ..spreadsheet import XLSX, to_csv, to_xlsx
from .common import Evidence, Lang, Limit, Offset, SettingsDep, StoreDep

router = APIRouter(tags=["pages"])
ALL_KINDS = ",".join(KINDS)


class DateItem(BaseModel):
    """One date a statement gives (``bkg_graph.datetext.DateText``)."""

    text: str = Field(description="In the reader's language: June 2023, 2023年6月.")
    surface: str = Field(description="As the source wrote it: 2023 年 6 月.")
    value: str = Field(description="ISO 8601 at its precision: 2023-06, 2024-Q1, 2023.")
    precision: str = Field(description="day, month, quarter or year.")


class SinceItem(BaseModel):
    """What one later document of the partnership says of a commitment (docs/changes.md)."""

    document: str = Field(description="The later document's id.")
    issued: str | None = Field(description="Its date.")
    outcome: str = Field(description="progressed, unchanged, status-unclear or not-mentioned.")
    confidence: str = Field(description="confident, or uncertain (a candidate to check).")
    follow_up: str | None = Field(description="IRI of the statement that follows it up.")
    status: str | None = Field(description="That statement's status.")


class EnglishLine(BaseModel):
    """The English of a statement not written in English."""

    text: str
    generated: bool = Field(description="True: generated from the graph, not a translation.")
    note: str


class CommitmentRow(BaseModel):
    """One statement that commits, as the tracker shows it."""

    iri: str = Field(description="The statement's IRI (its page).")
    locator: str | None = Field(description="Pillar › theme › letter.")
    text: str = Field(description="The statement as written, in the document's language.")
    document: str
    document_title: str | None
    owners_jp: list[str] = Field(description="Japanese agencies acting (or the government).")
    owners_uk: list[str] = Field(description="UK agencies acting (or the government).")
    owners_collective: list[str] = Field(
        description="Agencies acting only through a collective term (日英関係省庁), when "
        "`collective` is not among the evidence kinds asked for; not counted as owners."
    )
    initiatives: list[str] = Field(description="IRIs of the initiatives it concerns.")
    initiative_labels: list[str]
    pillar_label: str | None
    theme_label: str | None
    status: str | None
    status_label: str | None
    status_words: str | None = Field(description="The words that decided the status.")
    strength: str
    strength_label: str | None
    strength_words: str | None = Field(description="The words that decided the strength.")
    dates: str | None = Field(description="The dates the text gives, in the reader's language.")
    date_list: list[DateItem] = Field(
        description="Each date: text in the reader's language, surface as written, ISO value "
        "and precision."
    )
    date_start: str | None = Field(description="Earliest day those dates cover (ISO).")
    date_end: str | None = Field(description="Latest day those dates cover (ISO).")
    since: list[SinceItem] = Field(
        description="Per later document of its partnership: outcome, confidence, follow-up."
    )
    english: EnglishLine | None = Field(
        description="With lang=en, for a sentence not written in English: its aligned "
        "translation or a generated line (generated=true, never a translation)."
    )


class FacetCount(BaseModel):
    value: str = Field(description="The value to pass as the facet's parameter.")
    label: str
    count: int = Field(description="Rows left if this value is chosen (other facets kept).")
    selected: bool


class CommitmentsPage(BaseModel):
    """What ``format=json`` answers: one page of rows and every facet's counts."""

    items: list[CommitmentRow]
    total: int
    limit: int
    offset: int
    next: str | None
    facets: dict[str, list[FacetCount]]


Format = Annotated[
    Literal["html", "json", "csv", "xlsx"], Query(description="html (default), json, csv or xlsx.")
]
Sort = Annotated[str, Query(description=f"One of {', '.join(SORTS)}.")]


@router.get(
    "/commitments",
    summary="Commitments tracker",
    response_model=None,
    responses={
        200: {
            "model": CommitmentsPage,
            "description": "The page (HTML), one page as JSON, or every row as CSV or XLSX.",
            "content": {"text/html": {}, "text/csv": {}, XLSX: {}},
        }
    },
)
def commitments(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    format: Format = "html",
    sort: Sort = "position",
    lang: Lang = "en",
    limit: Limit = 50,
    offset: Offset = 0,
    evidence: Evidence = None,
) -> Response:
    """Statements that commit (commitment, intention, exploration) with owners per side,
    initiatives, status, strength, dates as written, the quoted sentence and its place.
    Facets: ``status strength agency initiative pillar theme document`` (repeatable);
    ``evidence`` picks the kinds of evidence that make an agency an owner."""
    if sort not in SORTS:
        raise InputError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    chosen = {f: request.query_params.getlist(f) for f in FACETS if request.query_params.getlist(f)}
    every = rows(store, lang=lang, base_iri=settings.base_iri, evidence=evidence)
    names = facet_labels(every)
    for facet, values in chosen.items():
        unknown = [v for v in values if v not in names[facet]]
        if unknown:
            known = ", ".join(sorted(names[facet])) or "none"
            raise InputError(f"no {facet} {', '.join(map(repr, unknown))}; known: {known}")
    kept = sorted((r for r in every if keeps(r, chosen)), key=SORTS[sort])
    if format in ("csv", "xlsx"):
        body = to_csv(kept) if format == "csv" else to_xlsx(kept)
        media = "text/csv; charset=utf-8" if format == "csv" else XLSX
        return Response(
            body,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="commitments.{format}"'},
        )
    page = kept[offset : offset + limit]
    counted = facets(every, chosen, names)
    following = None
    if offset + limit < len(kept):
        following = str(request.url.include_query_params(offset=offset + limit))
    if format == "json":
        answer = CommitmentsPage(
            items=[CommitmentRow.model_validate(r) for r in page],
            total=len(kept),
            limit=limit,
            offset=offset,
            next=following,
            facets={f: [FacetCount(**asdict(v)) for v in values] for f, values in counted.items()},
        )
        return JSONResponse(answer.model_dump())
    links = Links(settings.base_iri)
    params = [
        (k, v) for k, v in request.query_params.multi_items() if k not in ("format", "offset")
    ]
    return render(
        "commitments.html",
        alternates=[
            Alternate("application/json", _with(request, params, "json"), "JSON"),
            Alternate("text/csv", _with(request, params, "csv"), "CSV"),
            Alternate(XLSX, _with(request, params, "xlsx"), "XLSX"),
        ],
        lang=lang,
        lang_href=lang_switch(request),
        title=text(lang, "commitments_title"),
        links=links,
        rows=page,
        total=len(kept),
        everything=len(every),
        offset=offset,
        limit=limit,
        next_href=_with(request, params, "html", offset + limit) if following else None,
        prev_href=_with(request, params, "html", max(0, offset - limit)) if offset else None,
        facets=counted,
        toggle=lambda facet, value: _toggle(request, params, facet, value),
        sort=sort,
        sorts=list(SORTS),
        sort_href=lambda key: _with(
            request, [(k, v) for k, v in params if k != "sort"] + [("sort", key)], "html"
        ),
        chosen=chosen,
        collective_on="collective" in parse_evidence(evidence),
        collective_href=_with(
            request,
            [(k, v) for k, v in params if k != "evidence"]
            + ([] if "collective" in parse_evidence(evidence) else [("evidence", ALL_KINDS)]),
            "html",
        ),
    )


def _with(request: Request, params: list[tuple[str, str]], fmt: str, offset: int = 0) -> str:
    extra: list[tuple[str, str]] = [] if fmt == "html" else [("format", fmt)]
    if offset:
        extra.append(("offset", str(offset)))
    query = urlencode(params + extra)
    return request.url.path + (f"?{query}" if query else "")


def _toggle(request: Request, params: list[tuple[str, str]], facet: str, value: str) -> str:
    """This page with ``value`` of ``facet`` chosen, or no longer chosen."""
    if (facet, value) in params:
        kept: list[tuple[str, Any]] = [p for p in params if p != (facet, value)]
    else:
        kept = [*params, (facet, value)]
    return _with(request, kept, "html")
