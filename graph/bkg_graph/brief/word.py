"""A briefing as a Word document (python-docx), with real footnotes.

python-docx has no footnote API, so the footnotes part is written here: a
``word/footnotes.xml`` with the two separator notes Word expects and one note per cited
statement, related to the document part, and a ``w:footnoteReference`` run where each
statement is cited. Word and LibreOffice both lay these out at the foot of the page.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from .content import Brief, Note
from .words import COMMITMENT_COLUMNS, PAIR_COLUMNS, commitment_rows, heading, heads, pair_rows

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def to_docx(brief: Brief, png: bytes, svg_name: str, footer: str) -> bytes:
    lang = brief.lang
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = brief.title
    doc.core_properties.language = lang
    doc.add_heading(brief.title, level=0)
    doc.add_heading(heading("summary", lang), level=1)
    doc.add_paragraph(brief.summary)
    doc.add_heading(heading("figure", lang), level=1)
    doc.add_picture(io.BytesIO(png), width=Cm(16))
    doc.add_paragraph(heading("svg", lang) + svg_name).runs[0].font.size = Pt(9)
    doc.add_heading(heading("counterparts", lang), level=1)
    if brief.pairs:
        _table(doc, heads(PAIR_COLUMNS, lang), pair_rows(brief))
    else:
        doc.add_paragraph(heading("none", lang))
    doc.add_heading(heading("commitments", lang), level=1)
    table = _table(doc, heads(COMMITMENT_COLUMNS, lang), commitment_rows(brief))
    for i, c in enumerate(brief.commitments, start=1):  # the number is the footnote's mark
        cell = table.rows[i].cells[0]
        cell.text = ""
        _reference(cell.paragraphs[0], c.note, superscript=False)
    section.footer.paragraphs[0].text = footer
    _footnotes(doc, brief.notes, lang)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


#: Column widths (cm) of the two tables; each adds up to the 16 cm text width.
WIDTHS = {4: (3.4, 3.4, 2.2, 7.0), 6: (1.1, 3.5, 3.8, 3.4, 1.6, 2.6)}


def _table(doc: object, head: list[str], rows: list[list[str]]):  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=1, cols=len(head))  # type: ignore[attr-defined]
    table.style = "Light Grid Accent 1"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)
    for j, w in enumerate(WIDTHS[len(head)]):
        table.columns[j].width = Cm(w)  # the grid, which LibreOffice reads
        for cell in table.columns[j].cells:
            cell.width = Cm(w)  # each cell, which Word reads
    return table


def _reference(paragraph: Paragraph, number: int, *, superscript: bool = True) -> None:
    """A footnote reference run (python-docx has no footnote API)."""
    align = '<w:vertAlign w:val="superscript"/>' if superscript else ""
    paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W}"><w:rPr>{align}<w:sz w:val="18"/></w:rPr>'
            f'<w:footnoteReference w:id="{number}"/></w:r>'
        )
    )


def note_text(note: Note, lang: str) -> str:
    """``Document (date), locator: “quote”`` — the citation of one statement."""
    if lang == "ja":
        return f"{note.document}（{note.date}）、{note.locator}:「{note.quote}」"
    return f"{note.document} ({note.date}), {note.locator}: “{note.quote}”"


def _footnotes(doc: object, notes: list[Note], lang: str) -> None:
    body = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>",
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    for n in notes:
        body.append(
            f'<w:footnote w:id="{n.number}"><w:p>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="18"/></w:rPr>'
            "<w:footnoteRef/></w:r>"
            f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> '
            f"{escape(note_text(n, lang))}</w:t></w:r></w:p></w:footnote>"
        )
    xml = f'<w:footnotes xmlns:w="{W}">{"".join(body)}</w:footnotes>'
    part = doc.part  # type: ignore[attr-defined]
    notes_part = Part(
        PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, xml.encode("utf-8"), part.package
    )
    part.relate_to(notes_part, RT.FOOTNOTES)
