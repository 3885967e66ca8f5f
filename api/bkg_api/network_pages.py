"""The network view pages — full, embed, matrix — for the server and for offline files.

Served pages link our script and vis-network (from the installed pyvis) by URL, under the
site's Content-Security-Policy (:mod:`.pages.security`). A page written by ``bkg view
--out`` inlines the same files and carries its own policy as a ``<meta>`` with the hash of
each inlined script and style, so it still runs nothing else. The templates are the site's
(``_view.html`` on ``base.html``), rendered by the one environment of :mod:`.pages`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bkg_graph.network import Kind, Source, ViewSpec, project
from bkg_graph.network.matrix import counterpart_matrix
from bkg_graph.network.render import Footer, view_data, vis_files

from .pages import UI, Alternate, Asset, page_text
from .pages.security import offline_policy

HERE = Path(__file__).resolve().parent
OWN_FILES = ("views.js", "views.css", "site.css")
#: Served views wear the site's header, so they load its style sheet too.
SERVED_STYLES = ("site.css", "vis-network.css", "views.css")
VIS_FILES = ("vis-network.min.js", "vis-network.css")
EXPORTS = (
    ("SVG", "svg", ""),
    ("PNG", "png", ""),
    ("PNG (print)", "png", "size=print"),
    ("GraphML", "graphml", ""),
    ("GEXF", "gexf", ""),
    ("CSV (links)", "csv", "table=edges"),
    ("CSV (nodes)", "csv", "table=nodes"),
    ("JSON", "json", ""),
)
MATRIX_EXPORTS = (("CSV", "csv", ""), ("SVG", "svg", ""), ("PNG", "png", ""))


def static_file(name: str) -> Path | None:
    """One of our own static files, or vis-network's from the pyvis package; else None."""
    if name in OWN_FILES:
        return HERE / "static" / name
    if name in VIS_FILES:
        return vis_files()[name]
    return None


def _asset(name: str, root: str | None) -> Asset:
    if root is None:
        path = static_file(name)
        assert path is not None
        return Asset(text=path.read_text(encoding="utf-8"))
    folder = "static/vis-network" if name in VIS_FILES else "static"
    return Asset(url=f"{root}/{folder}/{name}")


@dataclass(frozen=True)
class Site:
    """Where a page lives. ``root`` prefixes local links: '' when served at /, None for an
    offline file (assets inlined). ``live`` is the live server's absolute URL ('' unknown)."""

    root: str | None
    live: str
    href: Callable[[str], str | None]

    @property
    def offline(self) -> bool:
        return self.root is None

    def url(self, path: str, query: str = "", *, absolute: bool = False) -> str:
        base = self.live.rstrip("/") if absolute or self.root is None else self.root
        return f"{base}/{path}" + (f"?{query}" if query else "")


def footer(source: Source, version: str, spec: ViewSpec, site: Site) -> Footer:
    """The footer of a frozen copy: dataset version, newest document date, filters, origin."""
    page = "matrix" if spec.kind is Kind.MATRIX else "view"
    return Footer(
        version,
        source.as_of,
        spec.filters.describe(),
        site.url(page, spec.to_query(), absolute=True),
    )


def view_page(
    source: Source, spec: ViewSpec, *, version: str, site: Site, embed: bool = False
) -> str:
    """The HTML page of a network view: full page, embed, or (offline site) one file."""
    g = project(source, spec)
    data = view_data(g, spec, href=site.href)
    here = "embed" if embed and not site.offline else "view"
    data["meta"]["viewUrl"] = site.url(here) if site.live or not site.offline else None
    title = g.graph[f"title_{spec.lang}"]
    snippet = None
    if site.live:
        src = html.escape(site.url("embed", spec.to_query(), absolute=True))
        snippet = (
            f'<iframe src="{src}" width="960" height="640" title="{html.escape(title)}" '
            'loading="lazy"></iframe>'
        )
    return _render(
        "embed.html" if embed else "view.html",
        spec,
        site,
        title=title,
        data=data,
        footer=footer(source, version, spec, site),
        snippet=snippet,
        page_class="embed-page" if embed else "view-page",
        options={} if embed or site.offline else source.options(),
        kinds=[k for k in Kind if k is not Kind.MATRIX],
        links=_links(spec, site, EXPORTS),
    )


def matrix_page(source: Source, spec: ViewSpec, *, version: str, site: Site) -> str:
    """The counterpart matrix as an HTML table whose cells link to their citations."""
    return _render(
        "matrix.html",
        spec,
        site,
        title=UI[spec.lang]["matrix_title"],
        matrix=counterpart_matrix(source, spec.filters),
        footer=footer(source, version, spec, site),
        page_class="matrix-page",
        options={} if site.offline else source.options(),
        kinds=[],
        links=_links(spec, site, MATRIX_EXPORTS),
    )


def _links(spec: ViewSpec, site: Site, exports: tuple[tuple[str, str, str], ...]) -> dict[str, Any]:
    """Navigation, export and form targets; none in an offline file (they need the server)."""
    if site.offline:
        return {"nav": [], "exports": [], "form": "", "reset": ""}
    lang = urlencode({"lang": spec.lang})
    nav = [(f"kind_{k.value}", site.url("view", f"kind={k.value}&{lang}")) for k in Kind][:2]
    nav.append(("kind_matrix", site.url("matrix", lang)))
    query = spec.to_query()
    page = "matrix" if spec.kind is Kind.MATRIX else "view"
    extra = "kind=matrix&" if spec.kind is Kind.MATRIX else ""
    return {
        "nav": nav,
        "exports": [
            (label, site.url(f"export/{fmt}", "&".join(q for q in (query, more) if q)))
            for label, fmt, more in exports
        ],
        "form": site.url(page),
        "reset": site.url(page, f"{extra}{lang}"),
    }


def _render(template: str, spec: ViewSpec, site: Site, **context: Any) -> str:
    names = ["views.js"] if template == "matrix.html" else ["vis-network.min.js", "views.js"]
    css = ("vis-network.css", "views.css") if site.offline else SERVED_STYLES
    styles = [_asset(n, site.root) for n in css]
    scripts = [_asset(n, site.root) for n in names]
    csp_meta = None
    if site.offline:
        csp_meta = offline_policy((a.sha256 for a in scripts), (a.sha256 for a in styles))
    twins = {"JSON": "application/json", "CSV": "text/csv", "CSV (links)": "text/csv"}
    alternates = [
        Alternate(twins[label], href, label)
        for label, href in context["links"]["exports"]
        if label in twins
    ]
    return page_text(
        template,
        lang=spec.lang,
        ui=UI,
        alternates=alternates,
        site_nav=not site.offline and template != "embed.html",
        spec=spec,
        styles=styles,
        scripts=scripts,
        csp_meta=csp_meta,
        href=site.href,
        **{"snippet": None, **context},
    )
