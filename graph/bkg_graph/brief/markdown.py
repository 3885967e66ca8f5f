"""A briefing as Markdown, the figure beside it as PNG and SVG, citations as footnotes."""

from __future__ import annotations

from .content import Brief
from .word import note_text
from .words import COMMITMENT_COLUMNS, PAIR_COLUMNS, commitment_rows, heading, heads, pair_rows


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def to_markdown(brief: Brief, png_name: str, svg_name: str, footer: str) -> bytes:
    lang = brief.lang
    out = [f"# {brief.title}", "", f"## {heading('summary', lang)}", "", brief.summary, ""]
    out += [
        f"## {heading('figure', lang)}",
        "",
        f"![{brief.graph.graph[f'title_{lang}']}]({png_name})",
        "",
    ]
    out += [f"{heading('svg', lang)}[{svg_name}]({svg_name})", ""]
    out += [f"## {heading('counterparts', lang)}", ""]
    if brief.pairs:
        out += table(heads(PAIR_COLUMNS, lang), pair_rows(brief))
    else:
        out.append(heading("none", lang))
    out += ["", f"## {heading('commitments', lang)}", ""]
    rows = [[f"{r[0]}[^{r[0]}]", *r[1:]] for r in commitment_rows(brief)]
    out += table(heads(COMMITMENT_COLUMNS, lang), rows)
    out += ["", f"## {heading('sources', lang)}", ""]
    out += [f"[^{n.number}]: {note_text(n, lang)}" for n in brief.notes]
    out += ["", "---", "", footer, ""]
    return "\n".join(out).encode("utf-8")
