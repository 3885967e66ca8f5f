"""Linked data: every entity IRI dereferences through this server.

The server answers at the path of each IRI minted under the base IRI (``BKG_BASE_IRI``): for
``https://w3id.org/bilateral-kg/id/agency/mic`` at ``/bilateral-kg/id/agency/mic``. A browser
gets an HTML page; an RDF client gets the entity's description as Turtle, JSON-LD, N-Triples
or RDF/XML by ``Accept`` (or ``?format=ttl|jsonld|nt|rdf``). The description is the named query
``entity-description``; the page is built from ``entity`` and ``entity-statements``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

from bkg_graph.errors import NotFound
from bkg_graph.queries import load_library
from bkg_graph.settings import Settings
from bkg_graph.store.base import JSON_LD, N_TRIPLES, RDF_XML, TURTLE

from ..negotiate import choose
from ..pages import Alternate, Links, render
from ..profiles import agency_profile, initiative_profile
from .common import Evidence, Lang, SettingsDep, StoreDep

HTML = "text/html"
OFFERED = (HTML, TURTLE, JSON_LD, N_TRIPLES, RDF_XML)
TWINS = ((TURTLE, "ttl", "Turtle"), (JSON_LD, "jsonld", "JSON-LD"), (N_TRIPLES, "nt", "N-Triples"))
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
BKG = "https://w3id.org/bilateral-kg/ontology#"
MAX_VALUES = 200
#: The REST twin of a profile, by kind.
REST = {"agency": "/agencies/", "initiative": "/initiatives/"}


def _raw_path(scope: Scope) -> str:
    raw: bytes | None = scope.get("raw_path")
    return raw.decode("latin-1") if raw else str(scope["path"])


class LinkedDataRoute(APIRoute):
    """Matches only paths of IRIs under the configured base IRI, so that other routes —
    whatever their order — are never shadowed by this catch-all."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http":
            return Match.NONE, {}
        settings: Settings | None = getattr(scope["app"].state, "settings", None)
        if settings is None or Links(settings.base_iri).iri_of(_raw_path(scope)) is None:
            return Match.NONE, {}
        return super().matches(scope)


router = APIRouter(tags=["linked data"], route_class=LinkedDataRoute)

Format = Annotated[
    str | None, Query(alias="format", description="ttl, jsonld, nt, rdf or html; beats Accept.")
]


@router.api_route("/{iri_path:path}", methods=["GET", "HEAD"], include_in_schema=False)
def entity(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    iri_path: str,
    fmt: Format = None,
    lang: Lang = "en",
    evidence: Evidence = None,
) -> Response:
    """The page (HTML) or description (RDF) of the entity whose IRI has this path."""
    links = Links(settings.base_iri)
    iri = links.iri_of(_raw_path(request.scope))
    assert iri is not None  # the route only matches such paths
    media_type = choose(request.headers.get("accept"), OFFERED, fmt)
    here = links.href(iri)
    if media_type != HTML:
        answer = store.run(load_library()["entity-description"].bind({"entity": iri}), media_type)
        if not answer.rows:
            raise NotFound(f"the graph holds nothing about {iri}")
        link = f'<{here}?format=html>; rel="alternate"; type="text/html"'
        return Response(
            answer.body, media_type=media_type, headers={"Vary": "Accept", "Link": link}
        )
    library = load_library()
    rows = store.select(library["entity"].bind({"entity": iri, "lang": lang}))
    if not any(r["direction"] == "out" for r in rows):
        raise NotFound(f"the graph holds nothing about {iri}")
    cited = store.select(library["entity-statements"].bind({"entity": iri, "lang": lang}))
    timeline: list[dict[str, str]] = []
    if iri.startswith(links.base + "initiative/"):  # how the commitment moved council by council
        timeline = store.select(
            library["initiative-timeline"].bind({"initiative": iri, "lang": lang})
        )
    alternates = [Alternate(m, f"{here}?format={f}", t) for m, f, t in TWINS]
    profile = _profile(store, links.short_id(iri), lang, settings.base_iri, evidence)
    if profile is not None:
        rest = REST[profile["kind"]] + links.short_id(iri).rsplit("/", 1)[-1]
        asked = f"&evidence={','.join(profile['kinds'])}" if evidence else ""
        alternates.append(
            Alternate("application/json", f"{rest}?lang={lang}{asked}", "JSON (REST)")
        )
    return render(
        "entity.html",
        alternates=alternates,
        profile=profile,
        lang=lang,
        iri=iri,
        here=here,
        links=links,
        **describe(iri, rows, lang),
        statements=cited,
        timeline=timeline,
    )


def _profile(
    store: StoreDep, short: str, lang: str, base_iri: str, evidence: list[str] | None
) -> dict[str, Any] | None:
    """The agency or initiative profile of the entity ``short`` (``agency/mic``), if it is one,
    under the kinds of ``evidence`` asked for."""
    kind, _, ident = short.partition("/")
    if "/" in ident or kind not in ("agency", "initiative"):
        return None
    build = agency_profile if kind == "agency" else initiative_profile
    try:
        return build(store, ident, lang=lang, base_iri=base_iri, evidence=evidence)
    except NotFound:  # an IRI under the kind that the registry does not list
        return None


def describe(iri: str, rows: list[dict[str, str]], lang: str) -> dict[str, Any]:
    """What the page shows, from the rows of the ``entity`` query."""
    out = [r for r in rows if r["direction"] == "out"]
    labels = {r.get("valueLang", ""): r["value"] for r in out if r["property"] == RDFS_LABEL}
    types = [r for r in out if r["property"] == RDF_TYPE]
    text = next((r["value"] for r in out if r["property"] == BKG + "text"), None)
    locators = {r.get("valueLang", ""): r["value"] for r in out if r["property"] == BKG + "locator"}
    locator = locators.get(lang) or locators.get("en")
    title = labels.get(lang) or labels.get("en") or labels.get("ja") or locator
    shown = (RDF_TYPE, RDFS_LABEL)
    return {
        "title": title or iri.rstrip("/").rsplit("/", 1)[-1],
        "labels": [(code, labels[code]) for code in ("en", "ja") if code in labels],
        "types": types,
        "text": text,
        "locator": locator,
        "outgoing": _groups([r for r in out if r["property"] not in shown]),
        "incoming": _groups([r for r in rows if r["direction"] == "in"]),
    }


def _groups(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Rows grouped by property, at most MAX_VALUES values each."""
    groups: dict[str, dict[str, Any]] = {}
    for r in rows:
        group = groups.setdefault(
            r["property"],
            {"property": r["property"], "label": r["propertyLabel"], "entries": [], "more": 0},
        )
        if len(group["entries"]) < MAX_VALUES:
            group["entries"].append(r)
        else:
            group["more"] += 1
    return list(groups.values())
