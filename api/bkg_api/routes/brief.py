"""``GET /brief``: a briefing pack as a download — Word, PowerPoint, or Markdown zipped
with its figure — for an initiative, an agency, a pair of agencies or a topic."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from bkg_graph.brief import FORMATS, MEDIA_TYPES, Selection, make_brief, zipped
from bkg_graph.errors import InputError
from bkg_graph.evidence import parse_evidence
from bkg_graph.network.render import Footer

from ..deps import SettingsDep
from .views import SourceDep

router = APIRouter(tags=["views"])


@router.get("/brief", summary="A briefing pack as a download")
async def brief(
    source: SourceDep,
    settings: SettingsDep,
    initiative: Annotated[str | None, Query(description="An initiative id, e.g. `gcot`.")] = None,
    agency: Annotated[
        list[str] | None, Query(description="An agency id, e.g. `mic`; repeat for a pair.")
    ] = None,
    topic: Annotated[str | None, Query(description="A theme or pillar id, e.g. `ai`.")] = None,
    lang: Annotated[str, Query(description="`en` or `ja`.")] = "en",
    evidence: Annotated[
        str | None,
        Query(description="Kinds of evidence, comma-separated: `named,reference,collective`."),
    ] = None,
    format: Annotated[
        str, Query(description="`docx`, `pptx` or `md` (a zip with the figure).")
    ] = "docx",
) -> Response:
    """The pack ``bkg brief`` writes: title, summary, the partnership figure, the
    counterpart table, the commitments with status and dates, every statement cited."""
    if format not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    selection = Selection(
        initiative=initiative,
        agencies=tuple(agency or ()),
        topic=topic,
        lang=lang,
        evidence=parse_evidence(evidence),
    )
    stem = f"bkg-brief-{selection.slug}-{lang}"
    base = (settings.public_url or "").rstrip("/")
    link = f"{base}/brief?{selection.to_query()}&format={format}" if base else ""
    version = str(getattr(source.store, "version", ""))
    footer = Footer(version, source.as_of, "", link)
    files = await run_in_threadpool(make_brief, source, selection, format, footer=footer, stem=stem)
    if format == "md":
        body, name = zipped(files, stem, format), f"{stem}.zip"
    else:
        body, name = files[""], f"{stem}.{format}"
    return Response(
        body,
        media_type=MEDIA_TYPES[format],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-Type-Options": "nosniff",
        },
    )
