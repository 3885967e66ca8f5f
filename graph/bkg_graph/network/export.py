"""A network as a picture for briefings: SVG and PNG, sized for slides and A4 pages.

A network of agencies and initiatives (the bipartite view) is drawn as the partnership
reads: one party's agencies | the initiatives | the other party's agencies (see
:mod:`.columns`). The exploratory views (co-participation, neighbourhood) keep the force
layout, with each label placed where it overlaps nothing (see :mod:`.scatter`). Every
picture has a title, a caption (what is shown, the filters in words, the sources with their
dates), a key explaining colours, line styles and numbers, and a footer naming the dataset
version and as-of date. Japanese labels use IPAex Gothic from ``matplotlib-fontja``; SVG
keeps every label as text (``svg.fonttype: none``) so it stays searchable and editable.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from .figure import (
    FONT_FILE,
    INK,
    MEDIA_TYPES,
    SIZES,
    Format,
    Page,
    footer_line,
    japanese_text,
    new_figure,
    save,
)
from .legend import Entry, draw_key
from .render import Footer
from .style import EVIDENCE, STATUS_COLOURS, edge_look, legend

__all__ = [
    "FONT_FILE",
    "MEDIA_TYPES",
    "SIZES",
    "Format",
    "draw",
    "footer_line",
    "is_partnership",
    "japanese_text",
    "new_figure",
    "save",
]
COLOURINGS = ("kind", "status")


def is_partnership(g: nx.Graph) -> bool:
    """Whether ``g`` is agencies × initiatives with agencies of at most two parties on
    opposite sides — the picture the three-column layout is made for."""
    groups = {d.get("group") for _, d in g.nodes(data=True)}
    return g.graph.get("kind") == "bipartite" and "Agency" in groups and len(groups) > 1


def draw(
    g: nx.Graph,
    *,
    lang: str,
    fmt: Format,
    size: str,
    footer: Footer | None,
    caption: list[str] | None = None,
    colour: str = "kind",
    statuses: Mapping[str, str] | None = None,
) -> bytes:
    """The network as an SVG or PNG picture with title, caption, key and footer.

    ``colour="status"`` colours each line by the status most of its statements have
    (``statuses`` maps statement IRIs to status ids)."""
    from . import columns, scatter

    with japanese_text():
        page = Page(size, lang)
        title = g.graph.get(f"title_{lang}") or g.graph.get("title_en", "")
        page.header(title, caption or [])
        page.footer(footer)
        by_status = statuses if colour == "status" else None
        partnership = is_partnership(g)
        draw_key(page, key_entries(g, lang, by_status, partnership=partnership))
        if partnership:
            columns.draw_columns(page, g, by_status)
        else:
            scatter.draw_scatter(page, g)
        return save(page.fig, fmt)


def key_entries(
    g: nx.Graph, lang: str, statuses: Mapping[str, str] | None, *, partnership: bool
) -> list[Entry]:
    """What the picture's colours, line styles and numbers mean, for what ``g`` holds."""
    ja = lang == "ja"
    out = [Entry(s.label(lang), "box", s.color, s.tint) for s in legend(g)]
    if any(d.get("focus") for _, d in g.nodes(data=True)):
        text = (
            "太枠: このブリーフィングの対象" if ja else "heavy border: the subject of this briefing"
        )
        out.append(Entry(text, "box", INK, "white", width=3.0))
    seen = {edge_look(d, statuses).evidence for _, _, d in g.edges(data=True) if d.get("weight", 1)}
    for kind in EVIDENCE:
        if kind in seen:
            look = edge_look({"evidence": kind, "weight": 2}, None)
            out.append(Entry(EVIDENCE[kind][1 if ja else 0], "line", look.color, style=look.style))
    if any(d.get("weight", 1) == 0 for _, _, d in g.edges(data=True)):
        look = edge_look({"weight": 0}, None)
        text = "共有する取組のみ" if ja else "shared initiatives only"
        out.append(Entry(text, "line", look.color, style=look.style))
    if statuses is not None:
        used = {edge_look(d, statuses).status for _, _, d in g.edges(data=True)}
        for status, (color, en, jp) in STATUS_COLOURS.items():
            if status in used:
                out.append(Entry(jp if ja else en, "line", color, width=2.0))
    top = max((int(d.get("weight", 1)) for _, _, d in g.edges(data=True)), default=1)
    if ja:
        out.append(Entry(f"線の太さ: 記述の数 (1〜{top})"))
        if partnership:
            out.append(Entry("(数字): その省庁・取組を結ぶ記述の数"))
    else:
        out.append(Entry(f"line width: statements behind the link (1 to {top})"))
        if partnership:
            out.append(Entry("(n): statements linking the agency or initiative"))
    if not partnership:
        out.append(
            Entry(
                "ラベルは重ならない分のみ表示（全件は CSV）"
                if ja
                else "labels shown where they fit without overlap (all names: CSV export)"
            )
        )
        out += [Entry(f"{e.abbreviation}: {e.name}") for e in abbreviated(g, lang)]
    return out


class Abbreviation:
    def __init__(self, abbreviation: str, name: str) -> None:
        self.abbreviation, self.name = abbreviation, name


def abbreviated(g: nx.Graph, lang: str) -> list[Abbreviation]:
    """Agencies labelled by their registry abbreviation in an English scatter picture (the
    full name goes in the key): ``MIC`` for the Ministry of Internal Affairs and
    Communications. Japanese names are short and stay whole."""
    if lang == "ja":
        return []
    return sorted(
        (
            Abbreviation(d["abbreviation"], d.get("label_en", ""))
            for _, d in g.nodes(data=True)
            if d.get("group") == "Agency" and d.get("abbreviation")
        ),
        key=lambda a: a.abbreviation,
    )
