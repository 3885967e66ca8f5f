"""The one link builder: where an IRI, a view or a page of this server is reached from a page.

An IRI minted under the base IRI (``BKG_BASE_IRI``) has its page on this server, at the IRI's
path; any other ``http``/``https`` IRI is linked as itself; anything else (``javascript:``,
``data:``, ``file:``, a relative string) is never made a link — pages show it as text.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

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
#: The only schemes a page links to outside this server.
SAFE_SCHEMES = frozenset({"http", "https"})


def safe_url(value: str) -> str | None:
    """``value`` if it is an absolute http(s) URL a link may point to, else None."""
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    if any(ord(c) < 0x21 for c in value):  # control characters and spaces hide schemes
        return None
    return value


class Links:
    """Turns IRIs into links: IRIs under the base IRI go to their page on this server
    (below ``root``, the path the app is mounted at)."""

    def __init__(self, base_iri: str, root: str = "") -> None:
        self.base = base_iri if base_iri.endswith("/") else base_iri + "/"
        self.base_path = urlsplit(self.base).path or "/"
        self.root = root.rstrip("/")

    def is_local(self, iri: str) -> bool:
        """Whether ``iri`` is minted under the base IRI (and so has a page here)."""
        return iri.startswith(self.base) and iri[len(self.base) :].split("/", 1)[0] in SEGMENTS

    def page(self, iri: str) -> str | None:
        """The page of ``iri`` on this server, or None if it has none here."""
        if self.is_local(iri):
            return self.root + self.base_path + iri[len(self.base) :]
        return None

    def href(self, iri: str) -> str | None:
        """Where a link to ``iri`` points: its page here, the IRI itself if it is an
        http(s) URL, or None (not a link)."""
        return self.page(iri) or safe_url(iri)

    def iri_of(self, raw_path: str) -> str | None:
        """The IRI whose page is at ``raw_path`` (as sent, percent-encoded), or None."""
        if not raw_path.startswith(self.base_path):
            return None
        rest = raw_path[len(self.base_path) :]
        if rest.split("/", 1)[0] not in SEGMENTS:
            return None
        return self.base + rest

    def short_id(self, iri: str) -> str:
        """``agency/mic`` for an IRI under the base, else the IRI."""
        return iri[len(self.base) :] if self.is_local(iri) else iri

    def view(self, iri: str) -> str:
        """The network view centred on ``iri``."""
        return self.root + "/view?focus=" + quote(iri, safe="")

    def url(self, path: str, **params: str | list[str]) -> str:
        """A page of this server with query parameters (lists repeat the parameter)."""
        query = urlencode(
            [(k, v) for k, vs in params.items() for v in ([vs] if isinstance(vs, str) else vs)]
        )
        return f"{self.root}/{path.lstrip('/')}" + (f"?{query}" if query else "")
