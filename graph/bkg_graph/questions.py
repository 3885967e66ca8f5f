"""The users' questions as Python functions, for analysts and notebooks.

Each function runs one or two named queries of the library (``bkg_graph/queries/*.rq``) and
returns plain lists of dicts, ready for ``pandas.DataFrame``::

    from bkg_graph import load_graph, shared_initiatives
    store = load_graph()
    rows = shared_initiatives(store, ["mic", "dsit"])

Entities are named as people write them — ``"mic"``, ``"MIC"``, ``"agency/mic"``, the full
IRI, ``"総務省"``, ``"Ministry of Internal Affairs and Communications"``, an alias (see
:mod:`bkg_graph.resolve`); an unknown name raises NotFound and an ambiguous one InputError,
both listing the closest names. ``lang`` picks the language of labels, locators, titles and
dates (``"en"`` or ``"ja"``, falling back to English). ``evidence`` picks the kinds of evidence
of participation that count (``"named,reference"`` unless given; add ``collective`` for the
agencies a collective term such as 日英関係省庁 stands for).
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
    Linked,
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
from .datetext import date_text
from .errors import BuildMissing, InputError, NotFound
from .evidence import KINDS, parse_evidence
from .kg import build_kg
from .queries.run import SelectStore, entity_iri, run_query
from .resolve import Names
from .settings import Settings
from .store import GraphStore, open_store, uses_remote

ENTITY_FILTERS = ("pillar", "theme", "agency", "initiative", "status")
Evidence = str | Sequence[str] | None


def load_graph(build_dir: Path | str | None = None, *, build: bool = True) -> GraphStore:
    """The graph to ask questions of, chosen as every command chooses (see
    :func:`bkg_graph.store.open_store`): ``build_dir`` if given, else the remote store when
    ``BKG_STORE_URL`` is set, else ``build/`` — a local build is made first if missing."""
    settings = Settings()
    folder = Path(build_dir) if build_dir is not None else None
    try:
        return open_store(settings, server=False, build_dir=folder)
    except BuildMissing:
        if not build or uses_remote(settings, build_dir=folder):
            raise
    build_kg(out_dir=folder or paths.build_dir(settings))
    return open_store(settings, server=False, build_dir=folder)


def agencies(
    store: SelectStore, *, country: str | None = None, lang: str = "en", base_iri: str | None = None
) -> list[Agency]:
    """Every agency with its country and labels, or only those of ``country`` (id, name or
    IRI)."""
    where = Names.of(store).resolve(country, "country").iri if country else None
    return [agency_row(r) for r in run_query(store, "agencies", {"country": where, "lang": lang})]


def agency(
    store: SelectStore,
    ident: str,
    *,
    lang: str = "en",
    base_iri: str | None = None,
    evidence: Evidence = None,
) -> AgencyDetail:
    """One agency with its aliases and the initiatives and events it takes part in, with
    citations; ``collective_only`` lists what it reaches only through a collective term."""
    iri = Names.of(store).resolve(ident, "agency").iri
    rows = run_query(store, "agency", {"agency": iri, "lang": lang})
    if not rows:
        raise NotFound(f"no agency {ident!r}")
    first = rows[0]
    parent = Ref(iri=first["parent"], label=first["parentLabel"]) if "parent" in first else None
    kinds = parse_evidence(evidence)
    things = linked(
        run_query(store, "agency-initiatives", {"agency": iri, "lang": lang, "evidence": [*kinds]}),
        "thing",
        "kind",
    )
    return AgencyDetail(
        **agency_row(first),
        aliases=distinct(rows, "alias"),
        page=first.get("page"),
        parent=parent,
        initiatives=things,
        collective_only=_collective_only(
            store, "agency-initiatives", {"agency": iri, "lang": lang}, kinds, things, "thing"
        ),
    )


def _collective_only(
    store: SelectStore,
    query: str,
    params: dict[str, str],
    kinds: tuple[str, ...],
    shown: list[Linked],
    prefix: str,
) -> list[Ref]:
    """What takes part only through a collective term, when ``collective`` is not asked for:
    shown apart, so that a reader sees it exists without counting it."""
    if "collective" in kinds:
        return []
    seen = {x["iri"] for x in shown}
    rows = run_query(store, query, {**params, "evidence": list(KINDS)})
    return [
        Ref(iri=x["iri"], label=x["label"])
        for x in linked(rows, prefix, "kind" if prefix == "thing" else "agentKind")
        if x["iri"] not in seen
    ]


def agencies_by_country(
    store: SelectStore, *, lang: str = "en", evidence: Evidence = None
) -> list[CountryAgencies]:
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
        for r in run_query(
            store, "agencies-by-country", {"lang": lang, "evidence": [*parse_evidence(evidence)]}
        )
    ]


def initiatives(
    store: SelectStore, *, lang: str = "en", evidence: Evidence = None
) -> list[Initiative]:
    """Every initiative with its kind, labels, how many agencies take part in it (under
    ``evidence``) and how many statements concern it."""
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
        for r in run_query(
            store, "initiatives", {"lang": lang, "evidence": [*parse_evidence(evidence)]}
        )
    ]


def initiative(
    store: SelectStore,
    ident: str,
    *,
    lang: str = "en",
    base_iri: str | None = None,
    evidence: Evidence = None,
) -> InitiativeDetail:
    """One initiative with who takes part in it and the statements that say so;
    ``collective_only`` lists who takes part only through a collective term."""
    iri = Names.of(store).resolve(ident, "initiative").iri
    rows = run_query(store, "initiative", {"initiative": iri, "lang": lang})
    if not rows:
        raise NotFound(f"no initiative {ident!r}")
    first = rows[0]
    parties = {r["party"]: Ref(iri=r["party"], label=r["partyLabel"]) for r in rows if "party" in r}
    kinds = parse_evidence(evidence)
    params = {"initiative": iri, "lang": lang}
    agents = linked(
        run_query(store, "initiative-participants", {**params, "evidence": [*kinds]}),
        "agent",
        "agentKind",
    )
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
        participants=agents,
        collective_only=_collective_only(
            store, "initiative-participants", params, kinds, agents, "agent"
        ),
    )


def shared_initiatives(
    store: SelectStore,
    agency_ids: Sequence[str],
    *,
    lang: str = "en",
    base_iri: str | None = None,
    evidence: Evidence = None,
) -> list[Shared]:
    """What two or more agencies share: initiatives and events each of them acts on.

    Every item lists the statements linking any of the agencies to it, and which of the
    agencies act in each statement (all of them where they act together).
    """
    iris = [e.iri for e in Names.of(store).resolve_all(agency_ids, "agency")]
    if len(iris) < 2:
        raise InputError("give at least two different agencies")
    params: dict[str, str | list[str] | None] = {
        "agencies": iris,
        "lang": lang,
        "evidence": [*parse_evidence(evidence)],
    }
    rows = run_query(store, "shared-initiatives", params)
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
    evidence: Evidence = None,
    **filters: Unpack[StatementFilters],
) -> list[StatementInfo]:
    """Statements in document order, filtered by any of ``pillar``, ``theme``, ``agency``,
    ``initiative``, ``status``, ``date_from``, ``date_to`` (all given must hold).

    ``pillar``, ``theme``, ``agency`` (acts in it, under ``evidence``), ``initiative`` (it
    concerns) and ``status`` (``"planned"``, ``"Planned"``) are ids, names or IRIs;
    ``date_from``/``date_to`` (YYYY-MM-DD) keep the statements with a date overlapping the range.
    """
    return statements_page(store, lang=lang, base_iri=base_iri, evidence=evidence, **filters)[0]


def statements_page(
    store: SelectStore,
    *,
    limit: int | None = None,
    offset: int = 0,
    lang: str = "en",
    base_iri: str | None = None,
    evidence: Evidence = None,
    **filters: Unpack[StatementFilters],
) -> tuple[list[StatementInfo], int]:
    """One page of :func:`statements` (``limit`` from ``offset``) and how many there are."""
    f: dict[str, str] = {k: str(v) for k, v in filters.items() if v}
    names = Names.of(store) if any(k in f for k in ENTITY_FILTERS) else None
    params: dict[str, str | list[str] | None] = {
        **{k: names.resolve(f[k], k).iri for k in ENTITY_FILTERS if k in f and names},
        "evidence": [*parse_evidence(evidence)],
        "date_from": f.get("date_from"),
        "date_to": f.get("date_to"),
        "limit": None if limit is None else str(limit),
        "offset": str(offset),
        "lang": lang,
    }
    rows = run_query(store, "statements", params)
    prefix = entity_iri("statement", "", base_iri)
    total = int(rows[0]["total"]) if rows else 0
    return [statement_row(r, prefix, lang) for r in rows if "statement" in r], total


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
        "status": Names.of(store).resolve(status, "status").iri if status else None,
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
            value=r.get("dateValue"),
            date=date_text(r["surface"], r["dateValue"], r.get("precision") or "", lang)["text"]
            if r.get("dateValue")
            else r["surface"],
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
