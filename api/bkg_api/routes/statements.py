"""``/statements``: the statements of the reports, filtered."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request

from bkg_graph import questions
from bkg_graph.errors import InputError

from ..schemas import STATUS_WORDS, Page, StatementInfo
from .common import (
    DEFAULT_LIMIT,
    Evidence,
    Lang,
    Limit,
    Offset,
    OptionalId,
    SettingsDep,
    StoreDep,
    page_of,
)

router = APIRouter(tags=["statements"])

Status = Annotated[
    str | None,
    Query(
        max_length=100,
        description=f"{STATUS_WORDS} (any case, or its IRI).",
    ),
]
Day = Annotated[dt.date | None, Query(description="A day, YYYY-MM-DD.")]


@router.get("/statements", summary="List statements, filtered")
def list_statements(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    pillar: OptionalId = None,
    theme: OptionalId = None,
    agency: OptionalId = None,
    initiative: OptionalId = None,
    status: Status = None,
    date_from: Day = None,
    date_to: Day = None,
    lang: Lang = "en",
    evidence: Evidence = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[StatementInfo]:
    """Statements in document order with locator, quoted text, document, pillar, theme,
    status, strength, dates (in the language asked for, with ISO value and precision), actors
    and initiatives. Filters name entities as people write them (``mic``, ``総務省``,
    ``Planned``). Every filter given must hold: ``agency`` acts in it (named under
    ``evidence``), it concerns ``initiative``, and one of its dates overlaps
    ``date_from``…``date_to``. Named query: ``statements`` (it cuts the page itself, so a page
    costs the same at any offset)."""
    if date_from and date_to and date_from > date_to:
        raise InputError(f"date_from {date_from} is after date_to {date_to}")
    rows, total = questions.statements_page(
        store,
        limit=limit,
        offset=offset,
        pillar=pillar,
        theme=theme,
        agency=agency,
        initiative=initiative,
        status=status,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        lang=lang,
        base_iri=settings.base_iri,
        evidence=evidence,
    )
    return page_of(StatementInfo, request, rows, total, limit, offset, "statements")
