"""The counterpart matrix: Japanese agencies × UK agencies, each cell what the pair shares.

A cell holds the statements in which both agencies act (its count, coloured on one scale)
and the initiatives both are tied to — the same relation as the co-participation view, so
the two always agree — with a citation for each statement. Counts are split by the kind of
evidence (:mod:`bkg_graph.evidence`), and the statements naming both agencies come first:
``7 (+19)`` is 7 statements naming both and 19 more reached through 両者 or 日英関係省庁
(the latter only when ``evidence`` includes ``collective``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..evidence import KINDS
from .export import Format, footer_line, japanese_text, new_figure, save
from .filters import Filters
from .project import coparticipation, resolve_filters
from .render import Footer
from .source import Citation, EntityFacts, Source
from .tables import CsvTable

ROWS, COLUMNS = "jp", "uk"
#: Cell colours from none to most shared; the page uses the same steps (views.css .m0-.m5).
SCALE = ("#f7f7f7", "#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")


@dataclass(frozen=True)
class Cell:
    row: str
    column: str
    statements: list[str]
    initiatives: list[str]
    citations: list[Citation]
    #: statements per kind of evidence: named, reference, collective
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.statements)

    @property
    def named(self) -> int:
        """Statements naming both agencies (by name, abbreviation or alias)."""
        return self.by_kind.get("named", 0)

    @property
    def label(self) -> str:
        """Named statements first, the others after: ``7 (+19)``; ``0`` when none."""
        rest = self.count - self.named
        return f"{self.named}" + (f" (+{rest})" if rest else "")


@dataclass(frozen=True)
class Matrix:
    rows: list[EntityFacts]
    columns: list[EntityFacts]
    cells: dict[tuple[str, str], Cell]
    names: dict[str, EntityFacts]

    def cell(self, row: str, column: str) -> Cell:
        return self.cells.get((row, column)) or Cell(row, column, [], [], [])

    @property
    def top(self) -> int:
        return max((c.count for c in self.cells.values()), default=0)

    def step(self, cell: Cell) -> int:
        """The colour step 0-5 of a cell (0: nothing shared, 5: the most shared)."""
        if cell.count == 0:
            return 1 if cell.initiatives else 0
        return 1 + round(4 * cell.count / max(self.top, 1))


def counterpart_matrix(source: Source, filters: Filters) -> Matrix:
    """Japanese × UK agencies under ``filters``; busiest rows and columns first. Filters
    that leave no pair of agencies sharing anything are an error, never an empty table."""
    filters = resolve_filters(source, filters)
    g = coparticipation(source, filters)
    agencies = [e for e in source.entities.values() if e.group == "Agency"]
    allowed = set(filters.country) or {ROWS, COLUMNS}
    rows = [e for e in agencies if e.country == ROWS and ROWS in allowed]
    cols = [e for e in agencies if e.country == COLUMNS and COLUMNS in allowed]
    cells: dict[tuple[str, str], Cell] = {}
    for r in rows:
        for c in cols:
            if g.has_edge(r.iri, c.iri):
                d = g.edges[r.iri, c.iri]
                statements = list(d["statements"]) if d["weight"] else []
                citations = list(d["citations"])
                counts = dict(d.get("evidence_counts", {})) if d["weight"] else {}
                cells[(r.iri, c.iri)] = Cell(
                    r.iri, c.iri, statements, d["initiatives"], citations, counts
                )
    if not cells:
        raise InputError(
            f"nothing to draw: no Japanese and UK agencies share a statement or an initiative "
            f"under the filters ({filters.describe()}); remove or widen one"
        )

    def busy(e: EntityFacts, side: int) -> tuple[int, str]:
        total = sum(c.count for key, c in cells.items() if key[side] == e.iri)
        return (-total, e.id)

    rows.sort(key=lambda e: busy(e, 0))
    cols.sort(key=lambda e: busy(e, 1))
    names = {i: source.entities[i] for c in cells.values() for i in c.initiatives}
    return Matrix(rows, cols, cells, names)


def name(e: EntityFacts, lang: str) -> str:
    return e.label_ja if lang == "ja" else e.label_en


def short(e: EntityFacts, lang: str) -> str:
    """The abbreviation in English (``MIC``), the label in Japanese (``総務省``)."""
    return e.label_ja if lang == "ja" else (e.abbreviation or e.label_en)


def to_csv(m: Matrix, *, lang: str) -> bytes:
    """One row per pair of agencies and cited statement (pairs sharing nothing: one row).

    A pair tied only through initiatives has 0 statements and cites what ties each agency
    to them."""
    t = CsvTable(
        [
            "jp_agency",
            "uk_agency",
            "jp_label",
            "uk_label",
            "statements",
            *KINDS,
            "initiatives",
            "statement",
            "locator",
            "quote",
        ]
    )
    for r in m.rows:
        for c in m.columns:
            cell = m.cell(r.iri, c.iri)
            inis = "; ".join(name(m.names[i], lang) for i in cell.initiatives)
            kinds = [cell.by_kind.get(k, 0) for k in KINDS]
            head = [r.iri, c.iri, name(r, lang), name(c, lang), cell.count, *kinds, inis]
            if not cell.citations:
                t.row([*head, "", "", ""])
            for x in cell.citations:
                loc = x.locator_ja if lang == "ja" else x.locator_en
                t.row([*head, x.statement, loc, x.quote])
    return t.data()


def draw(m: Matrix, *, lang: str, fmt: Format, size: str, footer: Footer | None) -> bytes:
    """The matrix as a heat map with counts in the cells, title and footer."""
    from matplotlib.colors import LinearSegmentedColormap

    with japanese_text():
        fig = new_figure(size)
        ax = fig.add_axes((0.24, 0.1, 0.62, 0.62))
        values = [[m.cell(r.iri, c.iri).count for c in m.columns] for r in m.rows]
        if m.rows and m.columns:
            cmap = LinearSegmentedColormap.from_list("counterpart", SCALE[1:])
            ax.imshow(values, cmap=cmap, vmin=0, vmax=max(m.top, 1), aspect="auto")
        ax.set_xticks(
            range(len(m.columns)),
            [short(c, lang) for c in m.columns],
            rotation=30,
            ha="left",
            fontsize=11,
        )
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(m.rows)), [name(r, lang) for r in m.rows], fontsize=11)
        for i, r in enumerate(m.rows):
            for j, c in enumerate(m.columns):
                cell = m.cell(r.iri, c.iri)
                text = cell.label + (f" / {len(cell.initiatives)}" if cell.initiatives else "")
                dark = cell.count > m.top / 2
                ax.text(
                    j,
                    i,
                    text,
                    ha="center",
                    va="center",
                    fontsize=11,
                    color="white" if dark else "#222222",
                )
        title = (
            "日英の省庁の組み合わせ" if lang == "ja" else "Japanese and UK agencies: counterparts"
        )
        key = (
            "数字: 両省庁を名指しする記述の数 (+ 両者・総称による記述の数) / 共有する取組の数"
            if lang == "ja"
            else "cells: statements naming both (+ through 'both sides' or collective terms)"
            " / initiatives shared"
        )
        fig.suptitle(title, x=0.02, y=0.97, ha="left", fontsize=20)
        fig.text(0.02, 0.9, key, fontsize=11, color="#333333")
        if footer is not None:
            fig.text(0.02, 0.015, footer_line(footer, lang), fontsize=9, color="#555555")
        return save(fig, fmt)
