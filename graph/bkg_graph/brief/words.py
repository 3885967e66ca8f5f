"""The words of a briefing: its one-paragraph summary and its headings, in en and ja.

The summary is counted, never composed: names, numbers of statements and initiatives,
statuses and documents taken from the briefing's own tables, so that every figure in it
can be checked against a note.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..network import Source
from ..network.style import label

if TYPE_CHECKING:
    from .content import Brief

HEADINGS = {
    "summary": ("Summary", "概要"),
    "figure": ("Figure", "図"),
    "counterparts": ("Counterparts", "カウンターパート"),
    "commitments": ("Commitments and status", "取組と状況"),
    "sources": ("Sources", "出典"),
    "japan": ("Japanese agency", "日本側の省庁"),
    "uk": ("UK agency", "英国側の省庁"),
    "together": ("Statements linking both", "両者を結ぶ記述"),
    "shared": ("Initiatives both are linked to", "共通の取組"),
    "no": ("No.", "番号"),
    "where": ("Where", "箇所"),
    "initiatives": ("Initiatives", "取組"),
    "agencies": ("Agencies", "省庁"),
    "status": ("Status", "状況"),
    "date": ("Date", "日付"),
    "none": ("No counterpart pair in this selection.", "この選択には日英の省庁の組がない。"),
    "svg": ("The figure as SVG (editable): ", "図の SVG 版（編集可）: "),
    "version": ("Dataset {version}, as of {as_of}", "データ版 {version}・{as_of} 時点"),
}


PAIR_COLUMNS = ("japan", "uk", "together", "shared")
COMMITMENT_COLUMNS = ("no", "where", "initiatives", "agencies", "status", "date")


def pair_rows(brief: Brief) -> list[list[str]]:
    """The counterpart table's rows, as text."""
    return [[p.left, p.right, str(p.statements), "; ".join(p.initiatives)] for p in brief.pairs]


def commitment_rows(brief: Brief) -> list[list[str]]:
    """The commitments table's rows, as text (the first cell is the note's number)."""
    return [
        [str(c.note), c.locator, "; ".join(c.initiatives), "; ".join(c.agencies), c.status, c.date]
        for c in brief.commitments
    ]


def heads(keys: tuple[str, ...], lang: str) -> list[str]:
    return [heading(k, lang) for k in keys]


def heading(key: str, lang: str) -> str:
    en, ja = HEADINGS[key]
    return ja if lang == "ja" else en


def _list(items: list[str], lang: str) -> str:
    if lang == "ja":
        return "、".join(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def summary(source: Source, brief: Brief, focus: list[str]) -> str:
    """One paragraph: who, on what, in how many statements of which documents, by status."""
    g, lang = brief.graph, brief.lang
    ja = lang == "ja"
    statements = len(brief.notes)
    docs = _list([f"{d} ({day})" if day else d for d, day in brief.documents], lang)
    counts = Counter(c.status for c in brief.commitments)
    by_status = _list(
        [f"{s} {n}件" if ja else f"{n} {s}" for s, n in sorted(counts.items(), key=_busiest)],
        lang,
    )

    def side(country: str) -> list[str]:
        return sorted(
            label(d, lang)
            for v, d in g.nodes(data=True)
            if d.get("group") == "Agency" and d.get("country") == country
        )

    jp, uk = side("jp"), side("uk")
    inis = sorted(label(d, lang) for _, d in g.nodes(data=True) if d.get("group") != "Agency")
    sel = brief.selection
    if sel.initiative is not None:
        (ini,) = [label(g.nodes[v], lang) for v in focus]
        others = len(inis) - 1
        if ja:
            text = f"{ini}は、{docs}の {statements} 件の記述に現れる。"
            jp_names, uk_names = _list(jp, lang) or "なし", _list(uk, lang) or "なし"
            text += f"参加する省庁は、日本側が{jp_names}、英国側が{uk_names}。"
            if others:
                text += f"これらの省庁は、ほかに {others} 件の取組でも共に現れる（図）。"
        else:
            text = f"{ini} appears in {statements} statement{_s(statements)} of {docs}. "
            text += (
                f"Taking part: {_list(jp, lang) or 'no agency'} for Japan and "
                f"{_list(uk, lang) or 'no agency'} for the UK. "
            )
            if others:
                text += (
                    f"The same agencies meet on {others} other initiative{_s(others)} "
                    "(see the figure). "
                )
    elif sel.agencies:
        names = _list([label(g.nodes[v], lang) for v in focus], lang)
        n = len(inis)
        if ja:
            text = f"{names}は、{docs}において {n} 件の取組で結ばれ、"
            text += f"その根拠となる記述は {statements} 件。"
        else:
            verb = "is" if len(focus) == 1 else "are"
            text = (
                f"{names} {verb} linked to {n} initiative{_s(n)} in {docs}, "
                f"through {statements} statement{_s(statements)}. "
            )
    else:
        n = len(inis)
        if ja:
            text = f"このテーマでは、{docs}の {statements} 件の記述が、"
            text += f"省庁 {len(jp) + len(uk)} と取組 {n} 件を結ぶ。"
        else:
            text = (
                f"On this topic, {statements} statement{_s(statements)} of {docs} link "
                f"{len(jp) + len(uk)} agencies to {n} initiative{_s(n)}. "
            )
    if ja:
        text += f"記述の状況: {by_status}。"
    else:
        text += f"Status of these statements: {by_status}."
    return text.strip()


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _busiest(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])
