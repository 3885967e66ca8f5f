"""The users' questions as Python functions, for analysts and notebooks.

Each function runs one or two named queries of the library (``bkg_graph/queries/*.rq``) and
returns plain lists of dicts, ready for ``pandas.DataFrame``::

    from bkg_graph import load_graph, shared_initiatives
    store = load_graph()
    rows = shared_initiatives(store, ["mic", "dsit"])

Entities are named by registry id (``"mic"``) or by full IRI; ids are turned into IRIs under
the base IRI (``BKG_BASE_IRI`` unless ``base_iri=`` is given). ``lang`` picks the language of
labels, locators and titles (``"en"`` or ``"ja"``, falling back to English).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypedDict, Unpack

from . import paths
from .answers import (
    Agency,
    AgencyDetail,
    CountryAgencies,
    DatedStatement,
    Document,
    Initiative,
    InitiativeDetail,
    Ref,
    SearchHit,
    Shared,
    StatementInfo,
    agency_row,
    distinct,
    iri_list,
    linked,
    local_name,
    shared_rows,
    statement_row,
)
from .errors import BuildMissing, InputError, NotFound
from .kg import build_kg
from .queries.run import SelectStore, entity_iri, run_query, status_iri
from .store import EmbeddedStore, open_build

ENTITY_FILTERS = ("pillar", "theme", "agency", "initiative")


def load_graph(build_dir: Path | str | None = None, *, build: bool = True) -> EmbeddedStore:
    """The built graph in an embedded store (default: ``build/``, building it if missing)."""
    folder = Path(build_dir) if build_dir is not None else paths.build_dir()
    try:
        return open_build(folder)
    except BuildMissing:
        if not build:
            raise
    build_kg(out_dir=folder)
    return open_build(folder)


def agencies(
    store: SelectStore, *, country: str | None = None, lang: str = "en", base_iri: str | None = None
) -> list[Agency]:
    """Every agency with its country and labels, or only those of ``country`` (id or IRI)."""
    where = entity_iri("country", country, base_iri) if country else None
    return [agency_row(r) for r in run_query(store, "agencies", {"country": where, "lang": lang})]


def agency(
    store: SelectStore, ident: str, *, lang: str = "en", base_iri: str | None = None
) -> AgencyDetail:
    """One agency with its aliases and the initiatives and events it acts on, with citations."""
    iri = entity_iri("agency", ident, base_iri)
    rows = run_query(store, "agency", {"agency": iri, "lang": lang})
    if not rows:
        raise NotFound(f"no agency {ident!r}")
    first = rows[0]
    parent = Ref(iri=first["parent"], label=first["parentLabel"]) if "parent" in first else None
    things = run_query(store, "agency-initiatives", {"agency": iri, "lang": lang})
    return AgencyDetail(
        **agency_row(first),
        aliases=distinct(rows, "alias"),
        page=first.get("page"),
        parent=parent,
        initiatives=linked(things, "thing", "kind"),
    )


def agencies_by_country(store: SelectStore, *, lang: str = "en") -> list[CountryAgencies]:
    """How many agencies each country has, their abbreviations and statements they act in."""
    return [
        CountryAgencies(
            country=r["country"],
            country_id=r["countryId"],
            country_label=r["countryLabel"],
            agencies=int(r["agencies"]),
            abbreviations=sorted(r.get("abbreviations", "").split(", ")),
            statements=int(r["statements"]),
        )
        for r in run_query(store, "agencies-by-country", {"lang": lang})
    ]


def initiatives(store: SelectStore, *, lang: str = "en") -> list[Initiative]:
    """Every initiative with its kind, labels and how many agencies and statements it has."""
    return [
        Initiative(
            iri=r["initiative"],
            id=r["id"],
            label=r["label"],
            label_en=r.get("labelEn"),
            label_ja=r.get("labelJa"),
            kind=r["kind"],
            abbreviation=r.get("abbreviation"),
            agencies=int(r["agencies"]),
            statements=int(r["statements"]),
        )
        for r in run_query(store, "initiatives", {"lang": lang})
    ]


def initiative(
    store: SelectStore, ident: str, *, lang: str = "en", base_iri: str | None = None
) -> InitiativeDetail:
    """One initiative with who takes part in it and the statements that say so."""
    iri = entity_iri("initiative", ident, base_iri)
    rows = run_query(store, "initiative", {"initiative": iri, "lang": lang})
    if not rows:
        raise NotFound(f"no initiative {ident!r}")
    first = rows[0]
    parties = {r["party"]: Ref(iri=r["party"], label=r["partyLabel"]) for r in rows if "party" in r}
    agents = run_query(store, "initiative-participants", {"initiative": iri, "lang": lang})
    return InitiativeDetail(
        iri=iri,
        id=first["id"],
        label=first["label"],
        label_en=first.get("labelEn"),
        label_ja=first.get("labelJa"),
        kind=first["kind"],
        abbreviation=first.get("abbreviation"),
        page=first.get("page"),
        date=first.get("date"),
        aliases=distinct(rows, "alias"),
        parties=list(parties.values()),
        participants=linked(agents, "agent", "agentKind"),
    )


def shared_initiatives(
    store: SelectStore, agency_ids: Sequence[str], *, lang: str = "en", base_iri: str | None = None
) -> list[Shared]:
    """What two or more agencies share: initiatives and events each of them acts on.

    Every item lists the statements linking any of the agencies to it, and which of the
    agencies act in each statement (all of them where they act together).
    """
    iris = list(dict.fromkeys(entity_iri("agency", a, base_iri) for a in agency_ids))
    if len(iris) < 2:
        raise InputError("give at least two different agencies")
    rows = run_query(store, "shared-initiatives", {"agencies": iris, "lang": lang})
    return shared_rows(rows)


class StatementFilters(TypedDict, total=False):
    """Filters of :func:`statements`; every one given must hold."""

    pillar: str | None
    theme: str | None
    agency: str | None
    initiative: str | None
    status: str | None
    date_from: str | None
    date_to: str | None


def statements(
    store: SelectStore,
    *,
    lang: str = "en",
    base_iri: str | None = None,
    **filters: Unpack[StatementFilters],
) -> list[StatementInfo]:
    """Statements in document order, filtered by any of ``pillar``, ``theme``, ``agency``,
    ``initiative``, ``status``, ``date_from``, ``date_to`` (all given must hold).

    ``pillar``, ``theme``, ``agency`` (acts in it) and ``initiative`` (it concerns) are ids or
    IRIs; ``status`` a name such as ``"planned"``; ``date_from``/``date_to`` (YYYY-MM-DD) keep
    the statements with a date overlapping the range.
    """
    return statements_page(store, lang=lang, base_iri=base_iri, **filters)[0]


def statements_page(
    store: SelectStore,
    *,
    limit: int | None = None,
    offset: int = 0,
    lang: str = "en",
    base_iri: str | None = None,
    **filters: Unpack[StatementFilters],
) -> tuple[list[StatementInfo], int]:
    """One page of :func:`statements` (``limit`` from ``offset``) and how many there are."""
    f: dict[str, str] = {k: str(v) for k, v in filters.items() if v}
    params: dict[str, str | None] = {
        **{k: entity_iri(k, f[k], base_iri) for k in ENTITY_FILTERS if k in f},
        "status": status_iri(f["status"]) if "status" in f else None,
        "date_from": f.get("date_from"),
        "date_to": f.get("date_to"),
        "limit": None if limit is None else str(limit),
        "offset": str(offset),
        "lang": lang,
    }
    rows = run_query(store, "statements", params)
    prefix = entity_iri("statement", "", base_iri)
    total = int(rows[0]["total"]) if rows else 0
    return [statement_row(r, prefix) for r in rows if "statement" in r], total


def statements_by_status_date(
    store: SelectStore,
    *,
    status: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    lang: str = "en",
) -> list[DatedStatement]:
    """One row per date a statement gives, with its status: for timelines and pivot tables."""
    params = {
        "status": status_iri(status) if status else None,
        "date_from": date_from,
        "date_to": date_to,
        "lang": lang,
    }
    return [
        DatedStatement(
            statement=r["statement"],
            locator=r.get("locator"),
            status=local_name(r.get("status")),
            status_label=r.get("statusLabel"),
            date_start=r["dateStart"],
            date_end=r["dateEnd"],
            precision=r.get("precision"),
            surface=r["surface"],
            text=r["text"],
        )
        for r in run_query(store, "statements-by-status-date", params)
    ]


def documents(store: SelectStore, *, lang: str = "en") -> list[Document]:
    """Every document: the reports read into statements first, then the documents they cite."""
    return [
        Document(
            iri=r["document"],
            id=r["id"],
            title=r["title"],
            title_en=r.get("titleEn"),
            title_ja=r.get("titleJa"),
            issued=r.get("issued"),
            language=r.get("language"),
            page=r.get("page"),
            publishers=iri_list(r.get("publishers")),
            statements=int(r["statements"]),
            cited_by=int(r["citedBy"]),
        )
        for r in run_query(store, "documents", {"lang": lang})
    ]


def search(store: SelectStore, q: str, *, lang: str = "en") -> list[SearchHit]:
    """Entities and statements whose names or text contain ``q`` (English or Japanese).

    Width, case and spacing variants match alike: ``広島AIプロセス`` finds ``広島 AI プロセス``
    and ``ＤＳＩＴ`` finds ``DSIT``. Names come first, closest first; then statements.
    """
    return [
        SearchHit(
            iri=r["item"],
            kind=r["kind"],
            label=r["label"],
            fields=sorted(r["fields"].split()),
            matched=r["matched"],
            score=int(r["score"]),
            locator=r.get("locator"),
            document=r.get("document"),
            text=r.get("text"),
        )
        for r in run_query(store, "search", {"q": q, "lang": lang})
    ]
