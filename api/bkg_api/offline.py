"""A network view as one self-contained HTML page, from Python: ``view(store, …)``.

The page is the one ``bkg view --out`` writes: vis-network from the installed pyvis, our own
script and the data all inlined under the page's own Content-Security-Policy, so it loads
nothing from anywhere. In Jupyter an :class:`OfflineView` shows itself inline, inside an
``<iframe srcdoc>`` so that its script and styles run in a document of their own; the page
is escaped once more for the attribute, so no label can become markup of the notebook.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Unpack

from bkg_graph.briefing import ViewFilters, ViewStore, live_url, view_spec
from bkg_graph.network import Kind, Source, ViewSpec
from bkg_graph.output import write_atomically
from bkg_graph.settings import Settings

from .network_pages import Site, matrix_page, view_page


@dataclass(frozen=True)
class OfflineView:
    """A view's self-contained page: save it, or let Jupyter show it inline."""

    html: str
    spec: ViewSpec
    height: int = 640

    def __repr__(self) -> str:
        return f"<OfflineView {self.spec.to_query()}: {len(self.html):,} characters>"

    def save(self, out: Path | str) -> Path:
        """Write the page to ``out`` (whole or not at all) and return the path."""
        path = Path(out)
        write_atomically(path.parent, {path.name: self.html.encode("utf-8")})
        return path

    def iframe(self) -> str:
        """The page inside an ``<iframe srcdoc>``, for notebooks and other HTML."""
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" width="100%" '
            f'height="{self.height}" style="border:1px solid #ccc" '
            f'title="{html.escape(self.spec.to_query())}"></iframe>'
        )

    def _repr_html_(self) -> str:
        return self.iframe()


def view(
    store: ViewStore,
    kind: str = "bipartite",
    *,
    focus: str | None = None,
    depth: int = 1,
    lang: str = "en",
    height: int = 640,
    settings: Settings | None = None,
    **filters: Unpack[ViewFilters],
) -> OfflineView:
    """The page of a view (``kind``, ``focus``, ``depth``, ``lang`` and filters as in
    :func:`bkg_graph.to_networkx`), or of the counterpart matrix (``kind="matrix"``)."""
    settings = settings or Settings()
    spec = view_spec(kind, focus=focus, depth=depth, lang=lang, **filters)
    source = Source(store, max_rows=settings.view_max_rows)
    site = Site(root=None, live=live_url(settings), href=lambda iri: None)
    if spec.kind is Kind.MATRIX:
        page = matrix_page(source, spec, version=store.version, site=site)
    else:
        page = view_page(source, spec, version=store.version, site=site)
    return OfflineView(page, spec, height)
