"""``/view``, ``/embed``, ``/matrix``, ``/export/{format}`` and the files those pages load.

Every page's state is its query string (see :class:`bkg_graph.network.ViewSpec`), so a link
reproduces the view. Their security headers are the site's (:mod:`..pages.security`):
``/embed`` may be framed by any site, the others only by this one.
"""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from bkg_graph.errors import InputError
from bkg_graph.network import Kind, Source, ViewSpec
from bkg_graph.network.export import MEDIA_TYPES, Format
from bkg_graph.network.files import FORMATS, export, filename
from bkg_graph.network.source import RowStore

from ..deps import SettingsDep, StoreDep
from ..network_pages import Site, footer, matrix_page, view_page
from ..pages import Links
from ..pages.security import FILE_POLICY

router = APIRouter(tags=["views"])
EXPORT_KEYS = ("table", "size")


async def get_source(request: Request, store: StoreDep, settings: SettingsDep) -> Source:
    """The view tables of the served graph, shared by requests until the version changes
    (the tables themselves are read on first use, in the route's thread)."""
    version = str(getattr(store, "version", ""))
    cached: tuple[str, object, Source] | None = getattr(request.app.state, "view_source", None)
    if cached is None or cached[0] != version or cached[1] is not store:
        source = Source(cast(RowStore, store), max_rows=settings.view_max_rows)
        cached = (version, store, source)
        request.app.state.view_source = cached
    return cached[2]


async def get_site(request: Request, settings: SettingsDep) -> Site:
    """Links of a served page: local, to this server's linked-data pages for our IRIs."""
    root = str(request.scope.get("root_path", "")).rstrip("/")
    live = settings.public_url or ""  # never the Host header: a client chooses that
    return Site(root=root, live=live.rstrip("/"), href=Links(settings.base_iri, root).page)


SourceDep = Annotated[Source, Depends(get_source)]
SiteDep = Annotated[Site, Depends(get_site)]


def _spec(request: Request, *, allowed: tuple[str, ...] = ()) -> ViewSpec:
    return ViewSpec.from_query(request.query_params.multi_items(), allowed=allowed)


def _version(source: Source) -> str:
    return str(getattr(source.store, "version", "unversioned"))


@router.get("/view", response_class=HTMLResponse, summary="Interactive network view")
def view(request: Request, source: SourceDep, site: SiteDep) -> HTMLResponse:
    """A network of the graph, drawn with vis-network. Parameters: ``kind``
    (bipartite, coparticipation, neighbourhood with ``focus`` and ``depth``), ``lang``
    (en, ja) and the filters ``pillar theme status country document from to``."""
    spec = _spec(request)
    if spec.kind is Kind.MATRIX:
        return matrix(request, source, site)
    return HTMLResponse(view_page(source, spec, version=_version(source), site=site))


@router.get("/embed", response_class=HTMLResponse, summary="Network view for an iframe")
def embed(request: Request, source: SourceDep, site: SiteDep) -> HTMLResponse:
    """The same view with minimal chrome, to put in an ``<iframe>``; framable by any site."""
    spec = _spec(request)
    page = view_page(source, spec, version=_version(source), site=site, embed=True)
    return HTMLResponse(page)


@router.get("/matrix", response_class=HTMLResponse, summary="Counterpart matrix")
def matrix(request: Request, source: SourceDep, site: SiteDep) -> HTMLResponse:
    """Japanese × UK agencies: each cell the statements they act in together and the
    initiatives they share, linked to the cited statements. Same filters as ``/view``."""
    spec = ViewSpec.from_query(
        [(k, v) for k, v in request.query_params.multi_items() if k != "kind"]
        + [("kind", Kind.MATRIX.value)]
    )
    return HTMLResponse(matrix_page(source, spec, version=_version(source), site=site))


@router.get("/export/{fmt}", summary="A view as a file")
def export_view(
    request: Request,
    source: SourceDep,
    site: SiteDep,
    fmt: Annotated[str, Path(description=f"One of {', '.join(FORMATS)}.")],
    table: Annotated[str, Query(description="csv: `edges` (with citations) or `nodes`.")] = "edges",
    size: Annotated[
        str, Query(description="svg/png: `slide` (1600×900) or `print` (A4).")
    ] = "slide",
) -> Response:
    """The view given by the same query string as ``/view`` (``kind=matrix`` for the
    matrix) as SVG, PNG, GraphML, GEXF, CSV or JSON; images carry the dataset footer."""
    if fmt not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    spec = _spec(request, allowed=EXPORT_KEYS)
    foot = footer(source, _version(source), spec, site)
    body = export(source, spec, fmt, table=table, size=size, footer=foot)
    name = filename(spec, fmt, table)
    return Response(
        body,
        media_type=MEDIA_TYPES[Format(fmt)],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Content-Security-Policy": FILE_POLICY,
        },
    )
