"""The page stage: one template environment, one link builder, one security policy, en/ja text.

Every HTML page of the server — and the self-contained files ``bkg view --out`` writes — is
rendered here from ``templates/``: ``base.html`` with the ``_`` partials (header, footer,
macros) that every page shares. Autoescaping is always on, so every label and quoted
sentence from the graph is escaped; pages load only this server's own CSS and JavaScript,
which the headers set by :mod:`.security` enforce. Interface words come from :mod:`.i18n`,
links from :class:`.links.Links`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from bkg_graph import about

from .i18n import LANGS, UI, text
from .links import Links, safe_url

__all__ = [
    "LANGS",
    "UI",
    "Alternate",
    "Asset",
    "Links",
    "environment",
    "lang_switch",
    "page_text",
    "render",
    "safe_url",
    "text",
]

HERE = Path(__file__).resolve().parents[1]
TEMPLATES = HERE / "templates"


@dataclass(frozen=True)
class Alternate:
    """A machine-readable twin of a page."""

    media_type: str
    href: str
    title: str


@dataclass(frozen=True)
class Asset:
    """A script or style sheet: a URL to link, or its text to inline (with a CSP hash)."""

    url: str | None = None
    text: str | None = None

    @property
    def inline(self) -> Markup:
        return Markup(self.text or "")

    @property
    def sha256(self) -> str:
        digest = hashlib.sha256((self.text or "").encode("utf-8")).digest()
        return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: What the site pages load (the network views add their own, see ``network_pages``).
SITE_STYLES = (Asset(url="/static/site.css"),)


@cache
def environment() -> jinja2.Environment:
    """The one Jinja environment of every page; autoescaping is always on."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["ui"] = UI
    env.globals["bkg_version"] = about.version()
    return env


def page_text(template: str, **context: Any) -> str:
    """The HTML of ``template`` (defaults for the shared frame filled in)."""
    defaults: dict[str, Any] = {
        "alternates": [],
        "lang": "en",
        "styles": SITE_STYLES,
        "scripts": (),
        "csp_meta": None,
        "site_nav": True,
        "page_class": "",
    }
    return environment().get_template(template).render({**defaults, **context})


def lang_switch(request: Request) -> Callable[[str], str]:
    """``lang_href(code)``: this page (path and query string, never the host) in ``code``."""

    def lang_href(code: str) -> str:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
        return request.url.path + "?" + urlencode([*params, ("lang", code)])

    return lang_href


def render(
    template: str, *, status: int = 200, alternates: list[Alternate] | None = None, **context: Any
) -> HTMLResponse:
    """A served page from ``template``, with ``Link`` headers naming its twins (the security
    headers are added to every page by :class:`.security.SecurityHeaders`)."""
    alternates = alternates or []
    html = page_text(template, alternates=alternates, **context)
    headers = {"Vary": "Accept"}
    if alternates:
        headers["Link"] = ", ".join(
            f'<{a.href}>; rel="alternate"; type="{a.media_type}"' for a in alternates
        )
    return HTMLResponse(html, status_code=status, headers=headers)
