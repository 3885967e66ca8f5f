"""The key of a picture: what node colours, line styles, line widths and numbers mean.

Entries are laid out left to right in rows along the bottom of the page, each measured
before it is placed, so that the key never overlaps itself or the drawing above it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .figure import GREY, INK, MIN_PT, Page


@dataclass(frozen=True)
class Entry:
    """One item of the key: a sample (``box``, ``line`` or none) and its text."""

    text: str
    sample: str = ""  # "box" | "line" | ""
    color: str = INK
    fill: str = "white"
    style: object = "solid"
    width: float = 1.0


def draw_key(page: Page, entries: list[Entry], *, title: str = "") -> None:
    """Place ``entries`` in rows at the bottom of the page's body, shrinking the body."""
    if not entries:
        return
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    pt = max(MIN_PT, page.size.text - 1)
    line_h = page.line_height(pt)
    sample_w = 2.2 * pt / 72
    gap = 1.6 * pt / 72
    body = page.body
    rows: list[list[tuple[Entry, list[str], float]]] = [[]]
    x = 0.0
    for e in entries:
        room = body.w - (sample_w + 0.4 * pt / 72 if e.sample else 0)
        lines = page.wrap(e.text, room, pt)
        w = max(page.width(ln, pt) for ln in lines) + (sample_w + 0.4 * pt / 72 if e.sample else 0)
        if rows[-1] and x + w > body.w:
            rows.append([])
            x = 0.0
        rows[-1].append((e, lines, w))
        x += w + gap
    heights = [max(len(lines) for _, lines, _ in row) * line_h for row in rows]
    total = sum(heights) + 0.3 * pt / 72 * (len(rows) - 1)
    top = body.y + total
    y = top
    for row, h in zip(rows, heights, strict=True):
        x = body.x
        for e, lines, w in row:
            tx = x
            mid = y - line_h / 2
            if e.sample == "box":
                page.ax.add_patch(
                    Rectangle(
                        (x, mid - 0.35 * pt / 72),
                        sample_w,
                        0.7 * pt / 72,
                        facecolor=e.fill,
                        edgecolor=e.color,
                        linewidth=e.width if e.width > 1 else 1.2,
                    )
                )
            elif e.sample == "line":
                page.ax.add_line(
                    Line2D(
                        [x, x + sample_w],
                        [mid, mid],
                        color=e.color,
                        linestyle=e.style,  # type: ignore[arg-type]
                        linewidth=e.width,
                    )
                )
            if e.sample:
                tx = x + sample_w + 0.4 * pt / 72
            page.text(tx, y, lines, pt, color=INK if e.sample else GREY, gid="key")
            x += w + gap
        y -= h + 0.3 * pt / 72
    page.reserve_bottom(total + 0.9 * pt / 72)
