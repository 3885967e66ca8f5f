"""``/shared-initiatives``: what two or more agencies share, and through which statements."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from bkg_graph import questions

from ..schemas import Page, Shared
from .common import DEFAULT_LIMIT, Lang, Limit, Offset, SettingsDep, StoreDep, paginate

router = APIRouter(tags=["initiatives"])

Agencies = Annotated[
    list[str],
    Query(
        min_length=2,
        max_length=20,
        description="Two or more agency ids (repeat the parameter: `agency=mic&agency=dsit`).",
    ),
]


@router.get("/shared-initiatives", summary="Initiatives two or more agencies share")
def shared_initiatives(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    agency: Agencies,
    lang: Lang = "en",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[Shared]:
    """The initiatives and events every given agency acts on, each with the statements that
    link any of them to it and which of the agencies act in each. Named query:
    ``shared-initiatives``."""
    rows = questions.shared_initiatives(store, agency, lang=lang, base_iri=settings.base_iri)
    return paginate(Shared, request, rows, limit, offset, "shared-initiatives")
