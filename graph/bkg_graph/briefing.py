"""Network views as Python values and files, for analysts' notebooks and briefing packs.

A view is chosen as in the live view's URL: ``kind`` (``bipartite``, ``coparticipation``,
``neighbourhood`` with a ``focus``, ``matrix``), ``depth``, and filters given as keywords —
``pillar``, ``theme``, ``status``, ``country``, ``document`` (an id or a list of ids),
``date_from``, ``date_to`` (``YYYY[-MM[-DD]]``)::

    g = to_networkx(store, "bipartite", theme="vendor-diversification")
    rows = citation_table(g, lang="ja")
    export_file(store, "out/vendors.svg", theme="vendor-diversification", lang="ja")

:func:`to_networkx` gives the graph the view draws (node keys are IRIs, edges carry the
statements behind them); :func:`citation_table` lists those statements, one row each, and
:func:`write_csv` writes such a table for spreadsheets; :func:`export_file` writes the view
as SVG, PNG, GraphML, GEXF, CSV or JSON. The self-contained HTML page of a view is
``bkg_api.view``, as its templates belong to the application layer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol, TypedDict, Unpack

import networkx as nx

from .errors import InputError
from .network.files import FORMATS, export, write_file
from .network.filters import FILTER_KEYS, Kind, ViewSpec
from .network.project import project
from .network.render import Footer
from .network.source import MAX_ROWS, RowStore, Source
from .network.style import label
from .network.tables import CsvTable
from .settings import Settings

FilterValue = str | Sequence[str] | None
#: Keyword names of the filters and the query-string keys they stand for.
FILTER_NAMES = {k: k for k in FILTER_KEYS if k not in ("from", "to")} | {
    "date_from": "from",
    "date_to": "to",
}
CITATION_COLUMNS = ("statement", "document", "locator", "links", "quotes")
_SENTENCE = re.compile(r"/sentence/(\d+)$")


class ViewStore(RowStore, Protocol):
    """A store that names the version of the graph it holds (every store does)."""

    @property
    def version(self) -> str: ...


class ViewFilters(TypedDict, total=False):
    """The filters of a view; each facet takes an id or a list of ids (any of them)."""

    pillar: FilterValue
    theme: FilterValue
    status: FilterValue
    country: FilterValue
    document: FilterValue
    date_from: str | None
    date_to: str | None
    evidence: FilterValue  # named, reference, collective (default: named and reference)


class CitationRow(TypedDict):
    """One statement behind a network: where it is, which links it supports, what it says."""

    statement: str
    document: str
    locator: str
    links: str
    quotes: str


def view_spec(
    kind: str = "bipartite",
    *,
    focus: str | None = None,
    depth: int = 1,
    lang: str = "en",
    **filters: Unpack[ViewFilters],
) -> ViewSpec:
    """The view these arguments describe, checked exactly as a live view's URL is."""
    items = [("kind", str(kind)), ("depth", str(depth)), ("lang", lang)]
    if focus:
        items.append(("focus", focus))
    for name, value in filters.items():
        if name not in FILTER_NAMES:
            raise InputError(f"unknown filter {name!r} (known: {', '.join(FILTER_NAMES)})")
        if isinstance(value, str):
            values = [value]
        elif isinstance(value, Sequence):
            values = [str(v) for v in value]
        elif value is None:
            values = []
        else:
            raise InputError(f"filter {name}: give an id or a list of ids, not {value!r}")
        items += [(FILTER_NAMES[name], v) for v in values]
    return ViewSpec.from_query(items)


def to_networkx(
    store: RowStore,
    kind: str = "bipartite",
    *,
    focus: str | None = None,
    depth: int = 1,
    max_rows: int = MAX_ROWS,
    **filters: Unpack[ViewFilters],
) -> nx.Graph:
    """The networkx graph of a view: ``bipartite`` (agencies × initiatives),
    ``coparticipation`` (agencies acting together) or ``neighbourhood`` of ``focus``.

    Node keys are IRIs; nodes carry ``id``, ``label_en``, ``label_ja``, ``group``, ``type``,
    ``country``; edges carry ``weight``, ``statements`` and ``citations``. The graph's
    ``statement_order`` lists every statement behind an edge in document order.
    """
    source = Source(store, max_rows=max_rows)
    g = project(source, view_spec(kind, focus=focus, depth=depth, **filters))
    cited = {s for _, _, d in g.edges(data=True) for s in d["statements"]}
    g.graph["statement_order"] = sorted(cited, key=lambda s: source.statements[s].order)
    return g


def citation_table(g: nx.Graph, *, lang: str = "en") -> list[CitationRow]:
    """The statements behind the edges of ``g``, one row each, in document order.

    ``links`` names the pairs each statement links (``総務省 – GCOT; …`` in Japanese) and
    ``quotes`` the sentences quoted for them, in the order of the text.
    """
    links: dict[str, list[str]] = {}
    quotes: dict[str, dict[str, str]] = {}
    first: dict[str, tuple[str, str]] = {}
    for a, b, data in g.edges(data=True):
        ends = sorted((a, b), key=lambda v: (g.nodes[v]["group"] != "Agency", v))
        pair = " – ".join(label(g.nodes[v], lang) for v in ends)
        for c in data["citations"]:
            links.setdefault(c.statement, []).append(pair)
            if c.quote:
                quotes.setdefault(c.statement, {})[c.sentence] = c.quote
            first.setdefault(
                c.statement, (c.document, c.locator_ja if lang == "ja" else c.locator_en)
            )
    order = [s for s in g.graph.get("statement_order", []) if s in links]
    order += [s for s in links if s not in order]
    return [
        CitationRow(
            statement=s,
            document=first[s][0],
            locator=first[s][1],
            links="; ".join(sorted(set(links[s]))),
            quotes=_join(q for _, q in sorted(quotes.get(s, {}).items(), key=_by_sentence)),
        )
        for s in order
    ]


def write_csv(
    rows: Iterable[Mapping[str, object]], out: Path | str, *, columns: Sequence[str] = ()
) -> Path:
    """Write rows — a :func:`citation_table`, or a DataFrame's ``to_dict("records")`` — as
    CSV for spreadsheets: UTF-8 with a byte-order mark, any cell a spreadsheet would run as
    a formula defused, lists joined with ``; `` and missing values left empty.

    The columns are ``columns``, else the first row's keys (a citation table's if no rows).
    """
    rows = list(rows)
    header = list(columns) or (list(rows[0]) if rows else list(CITATION_COLUMNS))
    table = CsvTable(header)
    for row in rows:
        table.row([_cell(row.get(c)) for c in header])
    return _write(Path(out), table.data())


def export_file(
    store: ViewStore,
    out: Path | str,
    kind: str = "bipartite",
    *,
    focus: str | None = None,
    depth: int = 1,
    lang: str = "en",
    fmt: str | None = None,
    table: str = "edges",
    size: str = "slide",
    colour: str = "kind",
    settings: Settings | None = None,
    **filters: Unpack[ViewFilters],
) -> Path:
    """Write a view to ``out`` as svg, png, graphml, gexf, csv or json (by default the
    file's suffix), with the footer of ``bkg export``: dataset version, as-of date and,
    when ``BKG_PUBLIC_URL`` names a public address, the live view's. The file gets the
    user's usual permissions (umask). Pictures are ``size`` (slide, a4-half, a4-full,
    print); ``colour="status"`` colours their lines by the statements' status."""
    out = Path(out)
    fmt = fmt or out.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise InputError(f"{out.name}: format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    settings = settings or Settings()
    spec = view_spec(kind, focus=focus, depth=depth, lang=lang, **filters)
    source = Source(store, max_rows=settings.view_max_rows)
    page = "matrix" if spec.kind is Kind.MATRIX else "view"
    footer = Footer(
        store.version,
        source.as_of,
        spec.filters.describe(),
        f"{live_url(settings)}/{page}?{spec.to_query()}",
    )
    data = export(source, spec, fmt, table=table, size=size, footer=footer, colour=colour)
    return _write(out, data)


def live_url(settings: Settings) -> str:
    """The live server's address for links in files: ``BKG_PUBLIC_URL`` or http://HOST:PORT."""
    return (settings.public_url or f"http://{settings.host}:{settings.port}").rstrip("/")


def _write(out: Path, data: bytes) -> Path:
    return write_file(out, data)


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return value


def _join(sentences: Iterable[str]) -> str:
    """Sentences as one text: Japanese ones run on after 。, others take a space."""
    out = ""
    for text in sentences:
        out += text if not out or out.endswith(("。", "」", "）")) else " " + text
    return out


def _by_sentence(item: tuple[str, str]) -> int:
    m = _SENTENCE.search(item[0])
    return int(m[1]) if m else 0
