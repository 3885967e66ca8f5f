"""Briefing packs: one initiative, agency, pair of agencies or topic as Word, PowerPoint
or Markdown, with the partnership figure, a counterpart table, a commitments table with
status and dates, and every statement cited (document, date, locator, quoted sentence).

``make_brief(source, selection, fmt)`` returns the files of one pack by name suffix: the
document itself (``""``) and its figure as PNG and SVG (``-figure.png``,
``-figure.svg``), which a Markdown pack links and the others keep beside them.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError
from ..network.caption import caption
from ..network.export import Format, draw
from ..network.figure import footer_line
from ..network.render import Footer
from ..network.source import Source
from .content import Brief, Selection, build_brief
from .markdown import to_markdown
from .slides import to_pptx
from .word import to_docx

__all__ = ["FORMATS", "MEDIA_TYPES", "Brief", "Selection", "build_brief", "make_brief", "zipped"]
FORMATS = ("docx", "pptx", "md")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "md": "application/zip",
}
#: Up to this many initiatives, a document's figure takes half an A4 page; above, a page.
HALF_PAGE_AT = 12


def make_brief(
    source: Source, selection: Selection, fmt: str, *, footer: Footer, stem: str = "brief"
) -> dict[str, bytes]:
    """The files of the briefing pack for ``selection`` in ``fmt`` (docx, pptx, md)."""
    if fmt not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    brief = build_brief(source, selection)
    lang = selection.lang
    initiatives = sum(1 for _, d in brief.graph.nodes(data=True) if d.get("group") != "Agency")
    size = "slide" if fmt == "pptx" else "a4-half" if initiatives <= HALF_PAGE_AT else "a4-full"
    lines = caption(source, brief.graph, brief.filters, lang)
    figure = {
        f: draw(brief.graph, lang=lang, fmt=f, size=size, footer=footer, caption=lines)
        for f in (Format.PNG, Format.SVG)
    }
    png, svg = f"{stem}-figure.png", f"{stem}-figure.svg"
    foot = footer_line(footer, lang)
    if fmt == "docx":
        main = to_docx(brief, figure[Format.PNG], svg, foot)
    elif fmt == "pptx":
        main = to_pptx(brief, figure[Format.PNG], foot)
    else:
        main = to_markdown(brief, png, svg, foot)
    return {"": main, "-figure.png": figure[Format.PNG], "-figure.svg": figure[Format.SVG]}


def zipped(files: dict[str, bytes], stem: str, fmt: str) -> bytes:
    """The pack as one zip (a Markdown file needs its images beside it)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for suffix, data in sorted(files.items()):
            z.writestr(f"{stem}{suffix or '.' + fmt}", data)
    return buf.getvalue()
