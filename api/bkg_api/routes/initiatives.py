"""``/initiatives`` and ``/initiatives/{id}``: initiatives and who takes part in them."""

from __future__ import annotations

from fastapi import APIRouter, Request

from bkg_graph import questions

from ..schemas import Initiative, InitiativeDetail, Page
from .common import (
    DEFAULT_LIMIT,
    EntityId,
    Evidence,
    Lang,
    Limit,
    Offset,
    SettingsDep,
    StoreDep,
    paginate,
)

router = APIRouter(tags=["initiatives"])


@router.get("/initiatives", summary="List initiatives")
def list_initiatives(
    request: Request,
    store: StoreDep,
    lang: Lang = "en",
    evidence: Evidence = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[Initiative]:
    """Every initiative — programme, coalition, framework, process, partnership, … — with how
    many agencies act in how many statements concerning it. Named query: ``initiatives``."""
    rows = questions.initiatives(store, lang=lang, evidence=evidence)
    return paginate(Initiative, request, rows, limit, offset, "initiatives")


@router.get("/initiatives/{id}", summary="One initiative")
def get_initiative(
    id: EntityId,
    store: StoreDep,
    settings: SettingsDep,
    lang: Lang = "en",
    evidence: Evidence = None,
) -> InitiativeDetail:
    """An initiative with the agencies (and countries, organisations) taking part, each with
    the statements that support the link: locator, quoted text, document, the kind of
    evidence and the deciding words. Those taking part only through a collective term are
    listed apart (``collective_only``) unless ``evidence`` includes ``collective``. Named
    queries: ``initiative``, ``initiative-participants``. Unknown id: 404."""
    answer = questions.initiative(
        store, id, lang=lang, base_iri=settings.base_iri, evidence=evidence
    )
    return InitiativeDetail.model_validate(answer)
