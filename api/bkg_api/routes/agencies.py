"""``/agencies`` and ``/agencies/{id}``: the government agencies and what they act on."""

from __future__ import annotations

from fastapi import APIRouter, Request

from bkg_graph import questions

from ..schemas import Agency, AgencyDetail, Page
from .common import (
    DEFAULT_LIMIT,
    EntityId,
    Evidence,
    Lang,
    Limit,
    Offset,
    OptionalId,
    SettingsDep,
    StoreDep,
    paginate,
)

router = APIRouter(tags=["agencies"])


@router.get("/agencies", summary="List agencies")
def list_agencies(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    country: OptionalId = None,
    lang: Lang = "en",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[Agency]:
    """Every agency with its country, English and Japanese labels and abbreviation;
    ``country=jp`` keeps one country's. Named query: ``agencies``."""
    rows = questions.agencies(store, country=country, lang=lang, base_iri=settings.base_iri)
    return paginate(Agency, request, rows, limit, offset, "agencies")


@router.get("/agencies/{id}", summary="One agency")
def get_agency(
    id: EntityId,
    store: StoreDep,
    settings: SettingsDep,
    lang: Lang = "en",
    evidence: Evidence = None,
) -> AgencyDetail:
    """An agency with its aliases and the initiatives and events it takes part in, each with
    the statements that say so, the kind of evidence and the deciding words; what it reaches
    only through a collective term is listed apart (``collective_only``) unless ``evidence``
    includes ``collective``. Named queries: ``agency``, ``agency-initiatives``. Unknown: 404."""
    answer = questions.agency(store, id, lang=lang, base_iri=settings.base_iri, evidence=evidence)
    return AgencyDetail.model_validate(answer)
