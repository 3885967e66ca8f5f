"""Briefing packs read back with the libraries that wrote them: headings, tables, the
picture, footnotes with document, date, locator and the quoted sentence, Japanese intact."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from bkg_graph.brief import Selection, build_brief, make_brief, zipped
from bkg_graph.errors import InputError, NotFound
from bkg_graph.network import Source
from bkg_graph.network.render import Footer
from bkg_graph.store import open_build

FOOTER = Footer("0123456789abcdef", "2024-01-16", "", "")
GCOT_QUOTE = "両者は、新たな電気通信に関するグローバル連合 (GCOT) への相互の参加を通してこの協力をさらに強めている。"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def source(build_dir: Path) -> Source:
    return Source(open_build(build_dir))


def test_gcot_brief_content(source: Source) -> None:
    brief = build_brief(source, Selection(initiative="gcot"))
    assert brief.title == "Briefing: Global Coalition on Telecommunications"
    agencies = {d["id"] for _, d in brief.graph.nodes(data=True) if d["group"] == "Agency"}
    assert agencies == {"mic", "dsit"}  # 両者 in the sentence naming GCOT
    assert [(n.locator, n.quote, n.date) for n in brief.notes] == [
        ("Pillar 1: Digital infrastructure and technologies › Telecoms vendor diversification › b",
         GCOT_QUOTE, "2024-01-16"),
    ]  # fmt: skip
    assert brief.notes[0].document == "UK–Japan Digital Partnership: progress report"
    (row,) = brief.commitments
    assert (row.status, row.date, row.initiatives) == (
        "ongoing", "—", ["Global Coalition on Telecommunications"],
    )  # fmt: skip
    assert brief.summary.startswith(
        "Global Coalition on Telecommunications appears in 1 statement of UK–Japan Digital "
        "Partnership: progress report (2024-01-16). Taking part: Ministry of Internal Affairs "
        "and Communications for Japan and Department for Science, Innovation and Technology "
        "for the UK."
    )
    assert brief.summary.endswith("Status of these statements: 1 ongoing.")
    (pair,) = brief.pairs
    assert (pair.left, pair.right, pair.statements) == (
        "Ministry of Internal Affairs and Communications",
        "Department for Science, Innovation and Technology",
        1,
    )


def test_pair_brief_in_japanese(source: Source) -> None:
    brief = build_brief(source, Selection(agencies=("MIC", "agency/dsit"), lang="ja"))
    assert brief.title == "ブリーフィング: 総務省・科学・イノベーション・技術省"
    assert brief.summary.startswith("総務省、科学・イノベーション・技術省は、")
    middle = [d for _, d in brief.graph.nodes(data=True) if d["group"] != "Agency"]
    # the initiatives MIC and DSIT act on in the sentences naming them (vendor diversification
    # b: 両者 … GCOT; d: the supply-chain framework; e: the working group, Open RAN), and the
    # statement that ties DSIT to Open RAN (f), cited for the figure's line
    assert len(middle) == 4 and len(brief.notes) == 4
    assert [n.number for n in brief.notes] == [1, 2, 3, 4]
    assert brief.notes[0].quote == GCOT_QUOTE


def test_bad_selections(source: Source) -> None:
    with pytest.raises(InputError, match="one initiative, one or more agencies, or a topic"):
        Selection()
    with pytest.raises(NotFound, match=r"no initiative 'nope'; known: .*gcot"):
        build_brief(source, Selection(initiative="nope"))
    with pytest.raises(InputError, match="format must be one of docx, pptx, md"):
        make_brief(source, Selection(topic="ai"), "pdf", footer=FOOTER)


def test_docx_reads_back(source: Source) -> None:
    files = make_brief(source, Selection(initiative="gcot"), "docx", footer=FOOTER, stem="g")
    doc = Document(io.BytesIO(files[""]))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        "Briefing: Global Coalition on Telecommunications",
        "Summary",
        "Figure",
        "Counterparts",
        "Commitments and status",
    ]
    counterparts, commitments = doc.tables
    assert [c.text for c in counterparts.rows[0].cells] == [
        "Japanese agency", "UK agency", "Statements linking both", "Initiatives both are linked to",
    ]  # fmt: skip
    assert [c.text for c in commitments.rows[1].cells][2:] == [
        "Global Coalition on Telecommunications",
        "Department for Science, Innovation and Technology; Ministry of Internal Affairs and "
        "Communications",
        "ongoing",
        "—",
    ]
    refs = commitments.rows[1].cells[0]._tc.findall(f".//{W}footnoteReference")
    assert [r.get(f"{W}id") for r in refs] == ["1"]
    assert len(doc.inline_shapes) == 1  # the figure
    assert doc.inline_shapes[0].width == 5760000  # 16 cm in EMU
    notes = footnotes(files[""])
    assert notes == {
        "1": "UK–Japan Digital Partnership: progress report (2024-01-16), Pillar 1: Digital "
        "infrastructure and technologies › Telecoms vendor diversification › b: "
        f"“{GCOT_QUOTE}”"
    }
    assert files["-figure.png"][:4] == b"\x89PNG"
    assert b"g-figure.svg" not in files["-figure.svg"] and b"<svg" in files["-figure.svg"]
    assert "The figure as SVG (editable): g-figure.svg" in [p.text for p in doc.paragraphs]


def footnotes(docx: bytes) -> dict[str, str]:
    """The footnotes of a Word file, by id, with the separators left out."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = ET.fromstring(z.read("word/footnotes.xml"))
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "relationships/footnotes" in rels
    return {
        n.get(f"{W}id", ""): "".join(t.text or "" for t in n.iter(f"{W}t")).strip()
        for n in root.iter(f"{W}footnote")
        if not n.get(f"{W}type")
    }


def test_pptx_reads_back_in_japanese(source: Source) -> None:
    selection = Selection(agencies=("mic", "dsit"), lang="ja")
    deck = Presentation(io.BytesIO(make_brief(source, selection, "pptx", footer=FOOTER)[""]))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)  # 16:9
    slides = list(deck.slides)
    assert slides[0].shapes.title.text == "ブリーフィング: 総務省・科学・イノベーション・技術省"
    (picture,) = [s for s in slides[1].shapes if s.shape_type == 13]  # PICTURE
    assert (picture.left, picture.top, picture.width, picture.height) == (0, 0, 12192000, 6858000)
    titles = [s.shapes.title.text for s in slides[2:]]
    assert titles == ["カウンターパート", "取組と状況", "出典"]
    table = next(s.table for s in slides[2].shapes if s.has_table)
    assert [table.cell(1, j).text for j in range(3)] == [
        "総務省",
        "科学・イノベーション・技術省",
        "3",
    ]
    citations = "\n".join(
        p.text
        for s in slides[-1:]
        for sh in s.shapes
        if sh.has_text_frame
        for p in sh.text_frame.paragraphs
    )
    assert "1. 日英デジタル・パートナーシップ 進捗報告書（2024-01-16）、" in citations
    assert f"「{GCOT_QUOTE}」" in citations
    assert len(re.findall(r"^\d+\. ", citations, flags=re.M)) == 4


def test_markdown_pack(source: Source) -> None:
    # only 日英関係省庁 acts in the AI theme's sentences: a collective term, asked for here
    everyone = ("named", "reference", "collective")
    with pytest.raises(InputError, match="nothing to draw"):
        make_brief(source, Selection(topic="ai"), "md", footer=FOOTER, stem="ai")
    selection = Selection(topic="ai", evidence=everyone)
    files = make_brief(source, selection, "md", footer=FOOTER, stem="ai")
    text = files[""].decode("utf-8")
    assert text.startswith("# Briefing: AI\n\n## Summary\n\nOn this topic, ")
    assert "![AI: agencies and initiatives](ai-figure.png)" in text
    assert "[ai-figure.svg](ai-figure.svg)" in text
    notes = re.findall(r"^\[\^(\d+)\]: ", text, flags=re.M)
    refs = re.findall(r"\| (\d+)\[\^(\d+)\] \|", text)
    assert notes and [n for n, _ in refs] == notes == [r for _, r in refs]
    with zipfile.ZipFile(io.BytesIO(zipped(files, "ai", "md"))) as z:
        assert sorted(z.namelist()) == ["ai-figure.png", "ai-figure.svg", "ai.md"]
