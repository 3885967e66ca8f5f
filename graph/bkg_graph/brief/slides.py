"""A briefing as a PowerPoint deck (python-pptx): title slide, the figure full-bleed, the
tables, and the citations — every statement numbered as in the tables."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Inches, Pt

from .content import Brief
from .word import note_text
from .words import COMMITMENT_COLUMNS, PAIR_COLUMNS, commitment_rows, heading, heads, pair_rows

#: Rows of a table, and citations, that fit one slide at a readable size.
ROWS_PER_SLIDE = 6
NOTES_PER_SLIDE = 6
LEFT, WIDTH = Inches(0.6), Inches(12.13)
#: Column widths (inches) of the two tables; each adds up to the slide's text width.
WIDTHS = {4: (2.6, 2.6, 1.6, 5.33), 6: (0.8, 2.9, 3.0, 2.4, 1.2, 1.83)}
TITLE, TITLE_ONLY, BLANK = 0, 5, 6


def to_pptx(brief: Brief, png: bytes, footer: str) -> bytes:
    lang = brief.lang
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(40 / 3), Inches(7.5)
    first = deck.slides.add_slide(deck.slide_layouts[TITLE])
    title, body = first.placeholders[0], first.placeholders[1]
    title.left, title.top, title.width, title.height = LEFT, Inches(0.8), WIDTH, Inches(2.0)
    body.left, body.top, body.width, body.height = LEFT, Inches(3.0), WIDTH, Inches(4.0)
    title.text = brief.title
    body.text = f"{brief.summary}\n\n{footer}"
    for p in body.text_frame.paragraphs:
        p.alignment = PP_ALIGN.LEFT
        for r in p.runs:
            r.font.size = Pt(16)
    picture = deck.slides.add_slide(deck.slide_layouts[BLANK])
    picture.shapes.add_picture(io.BytesIO(png), 0, 0, deck.slide_width, deck.slide_height)
    if brief.pairs:
        _tables(deck, heading("counterparts", lang), heads(PAIR_COLUMNS, lang), pair_rows(brief))
    rows = commitment_rows(brief)
    _tables(deck, heading("commitments", lang), heads(COMMITMENT_COLUMNS, lang), rows)
    for start in range(0, len(brief.notes), NOTES_PER_SLIDE):
        slide = _titled(deck, heading("sources", lang))
        box = slide.shapes.add_textbox(LEFT, Inches(1.4), WIDTH, Inches(5.7))
        frame = box.text_frame
        frame.word_wrap = True
        for i, note in enumerate(brief.notes[start : start + NOTES_PER_SLIDE]):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text = f"{note.number}. {note_text(note, lang)}"
            para.space_after = Pt(6)
            for r in para.runs:
                r.font.size = Pt(12)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _titled(deck: Deck, title: str) -> Slide:
    slide: Slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    shape = slide.shapes.title
    assert shape is not None
    shape.left, shape.top, shape.width, shape.height = LEFT, Inches(0.3), WIDTH, Inches(1.0)
    shape.text = title
    shape.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    return slide


def _tables(deck: Deck, title: str, head: list[str], rows: list[list[str]]) -> None:
    """``rows`` under ``head`` on as many slides as they need."""
    for start in range(0, max(len(rows), 1), ROWS_PER_SLIDE):
        chunk = rows[start : start + ROWS_PER_SLIDE]
        slide = _titled(deck, title)
        shape = slide.shapes.add_table(
            len(chunk) + 1, len(head), LEFT, Inches(1.4), WIDTH, Inches(0.4)
        )
        table = shape.table
        for j, w in enumerate(WIDTHS[len(head)]):
            table.columns[j].width = Inches(w)
        for j, text in enumerate(head):
            table.cell(0, j).text = text
        for i, row in enumerate(chunk, start=1):
            for j, text in enumerate(row):
                table.cell(i, j).text = text
        for i in range(len(chunk) + 1):
            for j in range(len(head)):
                for p in table.cell(i, j).text_frame.paragraphs:
                    for r in p.runs:
                        r.font.size = Pt(11)
