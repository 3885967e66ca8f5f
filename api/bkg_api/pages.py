"""HTML pages of the linked-data entities and the query page: templates, links and headers.

Templates are rendered with autoescaping on, so every label and quoted sentence from the
graph is escaped. Pages load only this server's own CSS and JavaScript (no inline script, no
CDN), which the Content-Security-Policy header enforces.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from fastapi.responses import HTMLResponse

HERE = Path(__file__).resolve().parent
STATIC_FILES = {"site.css": "text/css", "query.js": "text/javascript"}
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
)

#: First path segments under the base IRI that name things the graph holds.
SEGMENTS = frozenset(
    {
        "agency",
        "country",
        "organization",
        "company",
        "initiative",
        "event",
        "document",
        "topic",
        "pillar",
        "theme",
        "statement",
        "derived",
        "graph",
        "scheme",
    }
)


@dataclass(frozen=True)
class Alternate:
    """A machine-readable twin of a page."""

    media_type: str
    href: str
    title: str


class Links:
    """Turns IRIs into links: IRIs under the base IRI go to their page on this server."""

    def __init__(self, base_iri: str) -> None:
        self.base = base_iri if base_iri.endswith("/") else base_iri + "/"
        self.base_path = urlsplit(self.base).path or "/"

    def is_local(self, iri: str) -> bool:
        """Whether ``iri`` is minted under the base IRI (and so has a page here)."""
        return iri.startswith(self.base) and iri[len(self.base) :].split("/", 1)[0] in SEGMENTS

    def href(self, iri: str) -> str:
        """Where a link to ``iri`` points: its page here, or the IRI itself."""
        if self.is_local(iri):
            return self.base_path + iri[len(self.base) :]
        return iri

    def iri_of(self, raw_path: str) -> str | None:
        """The IRI whose page is at ``raw_path`` (as sent, percent-encoded), or None."""
        if not raw_path.startswith(self.base_path):
            return None
        rest = raw_path[len(self.base_path) :]
        if rest.split("/", 1)[0] not in SEGMENTS:
            return None
        return self.base + rest


def view_href(iri: str) -> str:
    """The network view centred on ``iri``."""
    return "/view?focus=" + quote(iri, safe="")


@cache
def environment() -> jinja2.Environment:
    """The Jinja environment of these pages; autoescaping is always on."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["view_href"] = view_href
    return env


def render(
    template: str, *, status: int = 200, alternates: list[Alternate] | None = None, **context: Any
) -> HTMLResponse:
    """A page from ``template`` with the security headers and ``Link`` alternates."""
    alternates = alternates or []
    html = environment().get_template(template).render(alternates=alternates, **context)
    headers = {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Vary": "Accept",
    }
    if alternates:
        headers["Link"] = ", ".join(
            f'<{a.href}>; rel="alternate"; type="{a.media_type}"' for a in alternates
        )
    return HTMLResponse(html, status_code=status, headers=headers)
