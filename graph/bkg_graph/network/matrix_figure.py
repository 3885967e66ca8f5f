"""The counterpart matrix as a picture: a table of coloured cells that fills the page.

Row and column heads are the agencies' names, wrapped to their cell; in English a name
too long for its head is replaced by the registry abbreviation (``MIC``) and spelled out
in the key. Each cell holds its counts, coloured on the same steps as the page's matrix:
the statements naming both agencies first, those reached through a reference (両者) or a
collective term (日英関係省庁) after, in brackets (``6 (+1)``), as on the page.
"""

from __future__ import annotations

from .figure import INK, MIN_PT, Box, Format, Page, japanese_text, save
from .legend import Entry, draw_key
from .matrix import SCALE, Matrix
from .render import Footer
from .source import EntityFacts


def head(e: EntityFacts, lang: str) -> str:
    return e.label_ja if lang == "ja" else e.label_en


def draw_matrix(
    m: Matrix,
    *,
    lang: str,
    fmt: Format,
    size: str,
    footer: Footer | None,
    caption: list[str] | None = None,
) -> bytes:
    """The matrix with title, caption, key (colour steps, what the numbers are, the
    abbreviations used) and footer."""
    from matplotlib.patches import Rectangle

    ja = lang == "ja"
    with japanese_text():
        page = Page(size, lang)
        title = "日英の省庁の組み合わせ" if ja else "Japanese and UK agencies: counterparts"
        page.header(title, caption or [])
        page.footer(footer)
        pt = max(MIN_PT, page.size.text)
        body = page.body
        row_w = 0.24 * body.w
        n_cols = max(len(m.columns), 1)
        cell_w = (body.w - row_w) / n_cols
        px = 0.4 * pt / 72
        labels: dict[str, list[str]] = {}
        short: list[EntityFacts] = []
        for e, width in [(r, row_w) for r in m.rows] + [(c, cell_w) for c in m.columns]:
            lines = page.wrap(head(e, lang), width - 2 * px, pt)
            if not ja and e.abbreviation and (len(lines) > 2 or lines[-1].endswith("…")):
                lines = [e.abbreviation]
                short.append(e)
            elif len(lines) > 3:
                lines = lines[:3]
                lines[-1] = page.wrap(lines[-1] + "…", width - 2 * px, pt)[0]
            labels[e.iri] = lines
        key = [
            Entry(
                "数字: 共に行動した記述の数 / 共有する取組の数"
                if ja
                else "cells: statements in which both act / initiatives both are tied to"
            ),
            Entry(
                "n (+m): 名前で n、両者・日英関係省庁などの語で +m"
                if ja
                else "n (+m): n naming both, +m through both sides or the Participants"
            ),
            Entry("0" if ja else "none", "box", "#BBBBBB", SCALE[0]),
            Entry("取組のみ共有" if ja else "initiatives only", "box", "#BBBBBB", SCALE[1]),
            Entry(f"最多 ({m.top})" if ja else f"most ({m.top})", "box", "#BBBBBB", SCALE[5]),
        ]
        key += [Entry(f"{e.abbreviation}: {e.label_en}") for e in sorted(short, key=_abbr)]
        draw_key(page, key)
        body = page.body
        head_h = max((len(labels[c.iri]) for c in m.columns), default=1) * page.line_height(pt)
        head_h += 2 * px
        cell_h = (body.h - head_h) / max(len(m.rows), 1)
        top = body.top - head_h
        for j, c in enumerate(m.columns):
            x = body.x + row_w + j * cell_w
            lines = labels[c.iri]
            y = body.top - (head_h - len(lines) * page.line_height(pt)) / 2
            page.text(x + cell_w / 2, y, lines, pt, ha="center", gid="column")
        for i, r in enumerate(m.rows):
            y = top - (i + 1) * cell_h
            lines = labels[r.iri]
            mid = y + cell_h / 2 + len(lines) * page.line_height(pt) / 2
            page.text(body.x + px, mid, lines, pt, gid="row")
            for j, c in enumerate(m.columns):
                cell = m.cell(r.iri, c.iri)
                box = Box(body.x + row_w + j * cell_w, y, cell_w, cell_h)
                step = m.step(cell)
                page.ax.add_patch(
                    Rectangle(
                        (box.x, box.y),
                        box.w,
                        box.h,
                        facecolor=SCALE[step],
                        edgecolor="white",
                        linewidth=1.5,
                    )
                )
                text = cell.label + (f" / {len(cell.initiatives)}" if cell.initiatives else "")
                page.text(
                    box.x + box.w / 2,
                    box.y + box.h / 2 + page.line_height(pt) / 2,
                    [text],
                    pt,
                    ha="center",
                    color="white" if step >= 4 else INK,
                    gid="cell",
                )
        return save(page.fig, fmt)


def _abbr(e: EntityFacts) -> str:
    return e.abbreviation or e.id
