"""Content negotiation: pick the media type of an answer from ``Accept`` (with q-values) or a
``format=`` parameter, which wins so that a plain link can ask for a format.

The client's preference (q) decides; among equally preferred types, the more specific range
that matched decides, then the server's order of preference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .errors import ApiError

#: Other names clients use for the media types we write.
ALIASES: dict[str, tuple[str, ...]] = {
    "application/sparql-results+json": ("application/json",),
    "application/sparql-results+xml": ("application/xml", "text/xml"),
    "text/turtle": ("application/x-turtle", "application/turtle"),
    "application/n-triples": ("text/plain",),
    "application/ld+json": (),
    "application/rdf+xml": (),
    "text/csv": (),
    "text/tab-separated-values": (),
}

#: Short names accepted by ``format=``.
FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "srx": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "html": "text/html",
}


@dataclass(frozen=True)
class Range:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """How specifically this range matches (3 exact, 2 type/*, 1 */*, 0 not at all)."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 1
        if self.type != kind:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


def parse_accept(header: str) -> list[Range]:
    """The media ranges of an ``Accept`` header; malformed entries are skipped."""
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        kind, slash, sub = fields[0].lower().partition("/")
        if not slash or not kind or not sub:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(Range(kind, sub, q))
    return ranges


def choose(accept: str | None, offered: Sequence[str], fmt: str | None = None) -> str:
    """The media type to answer in, among ``offered`` (in the server's order of preference).

    Raises a 406 ApiError if ``format`` names something not offered or nothing offered is
    acceptable.
    """
    if fmt:
        wanted = FORMATS.get(fmt.lower(), fmt.lower())
        for media_type in offered:
            if wanted == media_type or wanted in ALIASES.get(media_type, ()):
                return media_type
        raise _not_acceptable(f"format={fmt!r} is not available here", offered)
    if not accept or not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    best: tuple[float, int, int] | None = None
    chosen = None
    for rank, media_type in enumerate(offered):
        score = _quality(ranges, (media_type, *ALIASES.get(media_type, ())))
        if score is None or score[0] <= 0:
            continue
        key = (score[0], score[1], -rank)
        if best is None or key > best:
            best, chosen = key, media_type
    if chosen is None:
        raise _not_acceptable(f"none of Accept: {accept} can be produced", offered)
    return chosen


def _quality(ranges: list[Range], names: Sequence[str]) -> tuple[float, int] | None:
    """(q, specificity) of a type: from the most specific range that matches it, or else
    from a range naming one of its aliases exactly (a wildcard never matches an alias, since
    the answer carries the type itself)."""
    matched = [(r.matches(names[0]), r.q) for r in ranges if r.matches(names[0])]
    if matched and max(matched)[0] == 3:
        return max(matched)[1], 3
    aliased = [r.q for r in ranges for name in names[1:] if r.matches(name) == 3]
    if aliased:
        return max(aliased), 3
    if matched:
        specificity, q = max(matched)
        return q, specificity
    return None


def _not_acceptable(why: str, offered: Sequence[str]) -> ApiError:
    return ApiError(406, "not_acceptable", f"{why}; available: {', '.join(offered)}")
