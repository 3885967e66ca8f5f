"""Unknown names a reader would list, and none of the ordinary phrases around them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bkg_graph.corpus import DocumentMeta
from bkg_graph.pipeline.records import DocumentRecord
from bkg_graph.pipeline.statements import read_text
from bkg_graph.registry import Registry


def read(registry: Registry, tmp_path: Path, *items: str) -> DocumentRecord:
    source = "# A joint statement\n\n## General\n\n" + "\n".join(
        f"{n}. {text}" for n, text in enumerate(items, 1)
    )
    path = tmp_path / "document.md"
    path.write_text(source, encoding="utf-8")
    meta = DocumentMeta(
        id="a-statement",
        title_ja=None,
        title_en=None,
        date=dt.date(2025, 1, 1),
        language="en",
        partnership="jp-uk-digital-partnership",
        event=None,
        parties=("jp", "uk"),
        issuers=("mic", "dsit"),
        provisional_translation=False,
        source_file=path,
        source_note=None,
        translation_of=None,
        history=(),
    )
    return read_text(meta, source, registry, path=path)


def test_ordinary_capitalised_phrases_are_not_candidates(
    registry: Registry, tmp_path: Path
) -> None:
    record = read(
        registry,
        tmp_path,
        "Ministers welcomed the Joint Statement issued at the Council and the Memorandum of "
        "Cooperation signed by MIC–DSIT working groups.",
        "In line with the Hiroshima AI Process, Japan's Digital Agency and the UK Government "
        "will share best practices.",
        "Further to the Terms of Reference agreed in 2024, the Working Group will meet in Q2 "
        "2026, as set out in Annex 1.",
        "Japan and the United Kingdom welcomed the G7 Digital and Tech Ministers' Meeting held "
        "in Italy in October 2024 and noted the OECD AI Principles.",
    )
    assert [c.term for c in record.candidates] == [
        "G7 Digital and Tech Ministers' Meeting",
        "OECD AI Principles",
    ]


def test_names_keep_digits_slashes_and_hyphens(registry: Registry, tmp_path: Path) -> None:
    record = read(
        registry,
        tmp_path,
        "MIC will open the Beyond 5G Promotion Fund to research on 6G and ISO/IEC 27001.",
    )
    assert [c.term for c in record.candidates] == [
        "Beyond 5G Promotion Fund",
        "6G",
        "ISO/IEC 27001",
    ]


def test_a_known_name_inside_a_longer_one_is_related_not_the_same(
    registry: Registry, tmp_path: Path
) -> None:
    record = read(
        registry,
        tmp_path,
        "The Global CBPR Forum Steering Committee and the OECD Working Party on Data "
        "Governance and Privacy met in Paris.",
    )
    (st,) = record.statements
    assert [c.term for c in record.candidates] == [
        "Global CBPR Forum Steering Committee",
        "OECD Working Party on Data Governance and Privacy",
    ]
    assert [e.id for e in st.related()] == ["global-cbpr-forum", "oecd"]
    assert st.entities("actor") == [] and st.entities("mention") == []
    (sentence,) = st.sentences
    assert [(lk.entity.id, lk.role, lk.surface) for lk in sentence.related] == [
        ("global-cbpr-forum", "related", "Global CBPR Forum"),
        ("oecd", "related", "OECD"),
    ]
