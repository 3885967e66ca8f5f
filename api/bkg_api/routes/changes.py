"""``/changes``: what became of one council's commitments at a later one, and what is new."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from bkg_graph.changes import changes as read_changes

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


@router.get(
    "/changes",
    summary="What changed between two councils",
    response_model_by_alias=True,
)
def changes(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    from_: Annotated[
        str, Query(alias="from", pattern=ID_PATTERN, description="Earlier document id")
    ],
    to: Annotated[str, Query(pattern=ID_PATTERN, description="Later document id")],
    lang: Lang = "en",
) -> Changes:
    """The earlier document's commitments grouped by what the later one says of them —
    progressed, unchanged, status unclear, not mentioned again — and the later document's new
    commitments, each with the quoted sentences of both sides, how sure the match is, and
    counts per pillar and per agency. Follow-up links are derived in the build (see
    docs/changes.md). Named queries: ``changes``, ``statement-facts``. Unknown document id:
    404 naming the closest ids."""
    answer = read_changes(store, from_, to, lang=lang, base_iri=settings.base_iri)
    return Changes.model_validate({**answer, "query": query_source(request, "changes")})
