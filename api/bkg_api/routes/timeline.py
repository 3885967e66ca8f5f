"""``/initiatives/{id}/timeline``: an initiative's statements from council to council."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from bkg_graph.queries.run import run_query
from bkg_graph.resolve import Names

from ..schemas import QuerySource
from .common import EntityId, Lang, SettingsDep, StoreDep, query_source

router = APIRouter(tags=["initiatives"])


class TimelineEntry(BaseModel):
    statement: str = Field(description="IRI of the statement")
    document: str = Field(description="IRI of the source document")
    document_title: str | None = None
    document_date: str | None = Field(None, description="Date of the document (its council)")
    locator: str | None = Field(None, description="Pillar › theme › letter")
    text: str = Field(description="The statement as written, in the document's language")
    language: str
    translation: str | None = Field(None, description="The aligned translation, if ingested")
    status: str | None = None
    strength: str | None = None
    mentioned_from: str | None = Field(None, description="Earliest date the statement names")
    mentioned_to: str | None = Field(None, description="Latest date the statement names")


class Timeline(BaseModel):
    initiative: str
    entries: list[TimelineEntry]
    query: QuerySource


@router.get("/initiatives/{id}/timeline", summary="An initiative across councils")
def initiative_timeline(
    id: EntityId, request: Request, store: StoreDep, settings: SettingsDep, lang: Lang = "en"
) -> Timeline:
    """Every statement concerning the initiative, oldest document first, so a commitment can be
    followed from one council to the next. Named query: ``initiative-timeline``. Unknown
    initiative: 404."""
    iri = Names.of(store).resolve(id, "initiative").iri
    rows = run_query(store, "initiative-timeline", {"initiative": iri, "lang": lang})
    entries = [
        TimelineEntry(
            statement=r["statement"],
            document=r["document"],
            document_title=r.get("documentTitle"),
            document_date=r.get("documentDate"),
            locator=r.get("locator"),
            text=r["text"],
            language=r["language"],
            translation=r.get("translation"),
            status=r.get("status"),
            strength=r.get("strength"),
            mentioned_from=r.get("mentionedFrom"),
            mentioned_to=r.get("mentionedTo"),
        )
        for r in rows
    ]
    return Timeline(
        initiative=iri, entries=entries, query=query_source(request, "initiative-timeline")
    )
