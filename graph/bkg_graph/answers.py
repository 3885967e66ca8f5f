"""The shapes of the answers :mod:`bkg_graph.questions` returns: plain dicts, typed.

Keys are snake_case and values plain JSON types, so a list of answers goes straight into
``pandas.DataFrame`` or ``json.dumps``. Every link between entities carries its citations:
the statement IRI, its locator, the quoted text and the source document.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from .datetext import DateText, date_text
from .evidence import KINDS


class Citation(TypedDict):
    """A statement quoted as evidence: where it is and what it says."""

    statement: str
    position: int
    locator: str | None
    text: str
    document: str
    document_title: str | None


class EvidenceCitation(Citation):
    """A citation of a link, with the strongest kind of evidence it gives and the words."""

    evidence: str  # named | reference | collective
    words: list[str]  # the words that decided it, as written: "両者", "DSIT"


class SharedCitation(Citation):
    """A citation and which of the asked-about agencies take part through it."""

    agencies: list[str]
    evidence: str


class Ref(TypedDict):
    """A link to another entity, with its label."""

    iri: str
    label: str


class Agency(TypedDict):
    iri: str
    id: str
    label: str
    label_en: str | None
    label_ja: str | None
    abbreviation: str | None
    country: str | None
    country_id: str | None
    country_label: str | None


class Linked(TypedDict):
    """An entity reached through statements (an initiative, event or agent) and those
    statements, with the strongest kind of evidence among them."""

    iri: str
    id: str
    label: str
    kind: str
    evidence: str
    statements: list[EvidenceCitation]


class AgencyDetail(Agency):
    aliases: list[str]
    page: str | None
    parent: Ref | None
    initiatives: list[Linked]
    collective_only: list[Ref]  # reached only through a collective term, when that is not asked


class Initiative(TypedDict):
    iri: str
    id: str
    label: str
    label_en: str | None
    label_ja: str | None
    kind: str
    abbreviation: str | None
    agencies: int
    statements: int


class InitiativeDetail(TypedDict):
    iri: str
    id: str
    label: str
    label_en: str | None
    label_ja: str | None
    kind: str
    abbreviation: str | None
    page: str | None
    date: str | None
    aliases: list[str]
    parties: list[Ref]
    participants: list[Linked]
    collective_only: list[Ref]  # taking part only through a collective term, when not asked


class Shared(TypedDict):
    """Something every asked-about agency acts on, and the statements that say so."""

    iri: str
    id: str
    label: str
    kind: str
    statements: list[SharedCitation]


class StatementInfo(TypedDict):
    iri: str
    id: str
    position: int
    locator: str | None
    text: str
    document: str
    document_title: str | None
    pillar: str
    pillar_label: str | None
    theme: str
    theme_label: str | None
    status: str | None
    status_label: str | None
    strength: str | None
    strength_label: str | None
    date_start: str | None
    date_end: str | None
    dates: str | None
    date_list: list[DateText]
    actors: list[str]
    initiatives: list[str]


class DatedStatement(TypedDict):
    statement: str
    locator: str | None
    status: str | None
    status_label: str | None
    date_start: str
    date_end: str
    precision: str | None
    value: str | None
    date: str  # in the answer's language: "June 2023"
    surface: str
    text: str


class Document(TypedDict):
    iri: str
    id: str
    title: str
    title_en: str | None
    title_ja: str | None
    issued: str | None
    language: str | None
    page: str | None
    publishers: list[str]
    statements: int
    cited_by: int


class CountryAgencies(TypedDict):
    country: str
    country_id: str
    country_label: str
    agencies: int
    abbreviations: list[str]
    statements: int


class SearchHit(TypedDict):
    """An entity or statement whose names or text match the search words."""

    iri: str
    kind: str
    label: str
    fields: list[str]
    matched: str
    score: int
    locator: str | None
    document: str | None
    text: str | None


Row = dict[str, str]


def citation(row: Row) -> Citation:
    """The citation columns of a named query's row (statement, locator, text, document)."""
    return Citation(
        statement=row["statement"],
        position=int(row["position"]),
        locator=row.get("locator"),
        text=row["text"],
        document=row["document"],
        document_title=row.get("documentTitle"),
    )


def iri_list(value: str | None) -> list[str]:
    """A space-separated ``GROUP_CONCAT`` of IRIs as a sorted list."""
    return sorted(set(value.split())) if value else []


def distinct(rows: Iterable[Row], key: str) -> list[str]:
    """The distinct values of one column, in order of appearance."""
    return list(dict.fromkeys(r[key] for r in rows if key in r))


def linked(rows: Iterable[Row], prefix: str, kind_key: str) -> list[Linked]:
    """Group rows of (entity, statement) pairs into entities with their citations.

    ``prefix`` names the entity columns: ``thing`` → ``thing``, ``thingId``, ``thingLabel``.
    """
    groups: dict[str, Linked] = {}
    for row in rows:
        iri = row[prefix]
        entry = groups.setdefault(
            iri,
            Linked(
                iri=iri,
                id=row[prefix + "Id"],
                label=row[prefix + "Label"],
                kind=row[kind_key],
                evidence=row["evidence"],
                statements=[],
            ),
        )
        if all(c["statement"] != row["statement"] for c in entry["statements"]):
            entry["statements"].append(
                EvidenceCitation(
                    **citation(row),
                    evidence=row["evidence"],
                    words=sorted(set(row.get("words", "").split(" / ")) - {""}),
                )
            )
            entry["evidence"] = min(entry["evidence"], row["evidence"], key=KINDS.index)
    return list(groups.values())


def shared_rows(rows: Iterable[Row]) -> list[Shared]:
    """Rows of the ``shared-initiatives`` query grouped into things with their citations."""
    groups: dict[str, Shared] = {}
    for r in rows:
        item = groups.setdefault(
            r["thing"],
            Shared(
                iri=r["thing"],
                id=r["thingId"],
                label=r["thingLabel"],
                kind=r["kind"],
                statements=[],
            ),
        )
        item["statements"].append(
            SharedCitation(**citation(r), agencies=iri_list(r["agencies"]), evidence=r["evidence"])
        )
    return list(groups.values())


def agency_row(row: Row) -> Agency:
    """An agency from a row of the ``agencies`` or ``agency`` query."""
    return Agency(
        iri=row["agency"],
        id=row["id"],
        label=row["label"],
        label_en=row.get("labelEn"),
        label_ja=row.get("labelJa"),
        abbreviation=row.get("abbreviation"),
        country=row.get("country"),
        country_id=row.get("countryId"),
        country_label=row.get("countryLabel"),
    )


def date_list(value: str | None, lang: str) -> list[DateText]:
    """The ``value|precision|surface`` lines of a query's ``dateList``, in ``lang``, by date."""
    out: list[DateText] = []
    for line in sorted((value or "").splitlines()):
        iso, precision, surface = line.split("|", 2)
        out.append(date_text(surface, iso, precision, lang))
    return out


def statement_row(row: Row, prefix: str, lang: str = "en") -> StatementInfo:
    """A statement from a row of the ``statements`` query; ``prefix`` is the IRI before its id."""
    r = row
    dates = date_list(r.get("dateList"), lang)
    return StatementInfo(
        iri=r["statement"],
        id=r["statement"].removeprefix(prefix),
        position=int(r["position"]),
        locator=r.get("locator"),
        text=r["text"],
        document=r["document"],
        document_title=r.get("documentTitle"),
        pillar=r["pillar"],
        pillar_label=r.get("pillarLabel"),
        theme=r["theme"],
        theme_label=r.get("themeLabel"),
        status=local_name(r.get("status")),
        status_label=r.get("statusLabel"),
        strength=local_name(r.get("strength")),
        strength_label=r.get("strengthLabel"),
        date_start=r.get("dateStart"),
        date_end=r.get("dateEnd"),
        dates=" / ".join(d["text"] for d in dates) or None,
        date_list=dates,
        actors=iri_list(r.get("actors")),
        initiatives=iri_list(r.get("initiatives")),
    )


def local_name(iri: str | None) -> str | None:
    """``https://…#Ongoing`` → ``ongoing``."""
    return iri.rsplit("#", 1)[-1].lower() if iri else None
