"""``/search``: names and statement text, English and Japanese, width- and space-insensitive."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from bkg_graph import questions

from ..schemas import Page, SearchHit
from .common import DEFAULT_LIMIT, Lang, Limit, Offset, StoreDep, paginate

router = APIRouter(tags=["search"])

Words = Annotated[
    str, Query(min_length=1, max_length=200, description="The words to look for (en or ja).")
]


@router.get("/search", summary="Search names and statements")
def search(
    request: Request,
    q: Words,
    store: StoreDep,
    lang: Lang = "en",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[SearchHit]:
    """Entities whose labels, aliases, abbreviations or titles contain the words, then
    statements whose text does. Full-width/half-width, case and spacing variants match alike:
    ``広島AIプロセス`` finds ``広島 AI プロセス``, ``ＤＳＩＴ`` finds ``DSIT``. Named query:
    ``search``."""
    rows = questions.search(store, q, lang=lang)
    return paginate(SearchHit, request, rows, limit, offset, "search")
