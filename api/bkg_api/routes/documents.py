"""``/documents``: the reports read into statements and the documents they cite."""

from __future__ import annotations

from fastapi import APIRouter, Request

from bkg_graph import questions

from ..schemas import Document, Page
from .common import DEFAULT_LIMIT, Lang, Limit, Offset, StoreDep, paginate

router = APIRouter(tags=["documents"])


@router.get("/documents", summary="List documents")
def list_documents(
    request: Request,
    store: StoreDep,
    lang: Lang = "en",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[Document]:
    """Every document with title, date, language, publishers and how many statements it holds
    and how many cite it. Named query: ``documents``."""
    rows = questions.documents(store, lang=lang)
    return paginate(Document, request, rows, limit, offset, "documents")
