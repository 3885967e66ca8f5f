"""``/shared-initiatives``: what two or more agencies share, and through which statements."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from bkg_graph import questions

from ..schemas import Page, Shared
from .common import DEFAULT_LIMIT, Evidence, Lang, Limit, Offset, SettingsDep, StoreDep, paginate

router = APIRouter(tags=["initiatives"])

Agencies = Annotated[
    list[str],
    Query(
        min_length=2,
        max_length=20,
        description="Two or more agencies by id, name or IRI (repeat the parameter: "
        "`agency=mic&agency=DSIT`).",
    ),
]


@router.get("/shared-initiatives", summary="Initiatives two or more agencies share")
def shared_initiatives(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    agency: Agencies,
    lang: Lang = "en",
    evidence: Evidence = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[Shared]:
    """The initiatives and events every given agency takes part in (under ``evidence``), each
    with the statements that link any of them to it, the kind of evidence and which of the
    agencies take part through each. Named query: ``shared-initiatives``."""
    rows = questions.shared_initiatives(
        store, agency, lang=lang, base_iri=settings.base_iri, evidence=evidence
    )
    return paginate(Shared, request, rows, limit, offset, "shared-initiatives")
