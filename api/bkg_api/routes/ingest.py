"""``POST /documents``: ingest a document through the API (only with ``BKG_ADMIN_TOKEN``).

The API is read-only unless an admin token is configured; then a request carrying it as a
bearer token may add a document or a new version of one. The upload is size-limited and
checked (metadata against the registry, text by the parser); the graph is rebuilt with it and
the server switches to the new version atomically, or nothing changes. Ingests queue on the
one writer lock (``BKG_WRITE_LOCK_TIMEOUT``; past it, 409 ``writer_busy``).
"""

from __future__ import annotations

import hmac
import json
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, ValidationError

from bkg_graph import paths
from bkg_graph.errors import InputError
from bkg_graph.ingest import IngestPlan, ingest
from bkg_graph.registry import load_registry
from bkg_graph.settings import Settings

from ..errors import ApiError
from .common import SettingsDep

router = APIRouter(tags=["documents"])


class Upload(BaseModel):
    text: str = Field(description="The document: Markdown or plain text, Japanese or English")
    metadata: dict[str, Any] = Field(
        description="id, title_ja, title_en, date, language, partnership, event, parties, "
        "issuers, provisional_translation, translation_of, source_note"
    )


class Change(BaseModel):
    kind: str
    locator: str
    text: str
    previous_text: str | None = None


class IngestAnswer(BaseModel):
    id: str
    status: str = Field(description="new, updated or unchanged")
    statements: int
    changes: list[Change]
    warnings: list[str]
    candidates: list[str]
    version: str | None = Field(None, description="Dataset version now served (not on dry run)")
    dry_run: bool


def _authorise(settings: Settings, authorization: str | None) -> None:
    if settings.admin_token is None:
        raise ApiError(403, "writes_disabled", "this server is read-only (no BKG_ADMIN_TOKEN)")
    scheme, _, token = (authorization or "").partition(" ")
    expected = settings.admin_token.get_secret_value()
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.encode(), expected.encode()):
        raise ApiError(
            401,
            "unauthorized",
            "a valid bearer token is required",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def _read_upload(request: Request, limit: int) -> Upload:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "too_large", f"uploads are limited to {limit:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, "too_large", f"uploads are limited to {limit:,} bytes")
    try:
        return Upload.model_validate(json.loads(body))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"the body is not JSON: {exc}") from None
    except ValidationError as exc:
        raise InputError(
            f"the body does not match the upload schema: {exc.errors()[0]['msg']}"
        ) from None


def _answer(plan: IngestPlan, version: str | None, dry_run: bool) -> IngestAnswer:
    lang = plan.meta.language
    return IngestAnswer(
        id=plan.meta.id,
        status=plan.status,
        statements=len(plan.record.statements),
        changes=[
            Change(
                kind=c.kind,
                locator=c.locator(lang),
                text=(c.new or c.old).text,  # type: ignore[union-attr]
                previous_text=c.old.text if c.kind == "changed" and c.old else None,
            )
            for c in plan.changes
        ],
        warnings=plan.warnings,
        candidates=[term for term, _, _ in plan.record.candidates],
        version=version,
        dry_run=dry_run,
    )


def _ingest(upload: Upload, settings: Settings, dry_run: bool) -> IngestAnswer:
    registry = load_registry(paths.registry_dir())
    corpus, out = paths.corpus_dir(), paths.build_dir()
    source = corpus / f"{upload.metadata.get('id', 'upload')}.upload"  # named in messages only
    outcome = ingest(
        source,
        upload.metadata,
        corpus=corpus,
        out_dir=out,
        settings=settings,
        registry=registry,
        data_dir=paths.data_dir(),
        raw=upload.text.encode("utf-8"),
        dry_run=dry_run,
    )
    return _answer(outcome.plan, outcome.served, dry_run)


@router.post("/documents", summary="Ingest a document (admin token required)", status_code=200)
async def post_document(
    request: Request,
    settings: SettingsDep,
    authorization: Annotated[str | None, Header()] = None,
    dry_run: Annotated[bool, Query(description="Show what would change; change nothing")] = False,
) -> IngestAnswer:
    """Add a document, or a new version of one, and serve the rebuilt graph. Requires
    ``Authorization: Bearer <BKG_ADMIN_TOKEN>``; 403 when the server has no token configured.
    The text is limited to ``BKG_MAX_DOCUMENT_BYTES``."""
    _authorise(settings, authorization)
    upload = await _read_upload(request, settings.max_document_bytes * 2 + 65_536)
    return await run_in_threadpool(_ingest, upload, settings, dry_run)
