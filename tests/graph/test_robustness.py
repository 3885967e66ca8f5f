"""Property-based: arbitrary text never crashes the pipeline; bad input fails cleanly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bkg_graph.corpus import DocumentMeta
from bkg_graph.errors import DocumentError
from bkg_graph.pipeline.extract import find_amounts, find_dates
from bkg_graph.pipeline.parse import decode, parse, split_sentences
from bkg_graph.pipeline.statements import read_text
from bkg_graph.registry import Registry

# Text drawn from what reports are made of: Japanese, Latin, digits, markup, brackets, breaks.
ALPHABET = st.sampled_from(
    [*"日英関係省庁は、。総務省DSIT GCOT広島 AI プロセス年月日2024１２最大百万億ポンド£",
     "\n", "\n\n", "- a. ", "  - i. ", "## ", "### 第一の柱：", "<sup>1</sup>", "---",
       "（", "）", "「", "」", "(以下「甲」という。)", "<https://x.test/a>", "  \n"]
)  # fmt: skip
TEXTS = st.lists(ALPHABET, max_size=80).map("".join)

META = DocumentMeta(
    id="fuzz", title_ja=None, title_en=None, date=dt.date(2024, 1, 16), language="ja",
    partnership=None, event=None, parties=("jp", "uk"), issuers=("mic",),
    provisional_translation=False, source_file=Path("fuzz.txt"),
)  # fmt: skip


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(TEXTS)
def test_any_text_reads_or_fails_cleanly(registry: Registry, text: str) -> None:
    try:
        record = read_text(META, text, registry, path=Path("fuzz.txt"))
    except DocumentError as exc:
        assert str(exc).startswith("fuzz.txt")
        return
    for st_ in record.statements:
        assert st_.text
        for a, b in st_.spans:
            assert 0 <= a < b <= len(text)
        for sen in st_.sentences:
            assert sen.text == st_.text[sen.start : sen.end]


@given(st.text(max_size=300))
def test_parse_never_crashes_on_unicode(text: str) -> None:
    try:
        doc = parse(text)
    except DocumentError:
        return
    assert doc.items


@given(st.binary(max_size=300))
def test_decode_accepts_text_or_says_why_not(raw: bytes) -> None:
    try:
        text = decode(raw, path="x", limit=1000)
    except DocumentError as exc:
        assert str(exc).startswith("x")
    else:
        assert isinstance(text, str) and text.strip()


@given(st.text(max_size=200))
def test_extractors_return_spans_inside_the_text(text: str) -> None:
    for d in find_dates(text, dt.date(2024, 1, 16)):
        assert text[d.start : d.end] == d.surface
        assert d.first <= d.last
    for a in find_amounts(text):
        assert text[a.start : a.end] == a.surface
        assert a.value >= 0
    spans = split_sentences(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
