"""Structure of the bundled report as read by the parser, and the parser on small inputs."""

from __future__ import annotations

import pytest

from bkg_graph.errors import DocumentError
from bkg_graph.pipeline.parse import decode, parse, split_sentences
from bkg_graph.pipeline.statements import DocumentRecord, Statement


def test_report_structure_counts(report: DocumentRecord) -> None:
    parsed = report.parsed
    assert parsed.title == "日英デジタル・パートナーシップ 進捗報告書"
    assert parsed.provisional is True
    pillars = [t for _, kind, t in parsed.headings if kind == "pillar"]
    assert pillars == [
        "前文",
        "第一の柱：デジタルインフラ及び技術",
        "第二の柱：データ",
        "第三の柱：デジタル規制及び標準",
        "第四の柱：デジタルトランスフォーメーション",
    ]
    themes = [t for _, kind, t in parsed.headings if kind == "theme"]
    # `## 半導体` and `## AI` are themes although marked like the title; `#### 第四の柱` is a pillar
    assert themes == [
        "ベンダ多様化", "サイバーレジリエンスの向上", "半導体", "AI", "オンラインセーフティ",
        "デジタル市場", "デジタル技術標準", "インターネットガバナンス", "デジタル政府の変革",
        "デジタル・アイデンティティ",
    ]  # fmt: skip
    assert len(report.statements) == 48
    kinds = [st.item.kind for st in report.statements]
    assert kinds.count("number") == 3
    assert kinds.count("roman") == 3
    assert kinds.count("letter") == 42


def test_statements_per_theme(report: DocumentRecord) -> None:
    counts: dict[str, int] = {}
    for st in report.statements:
        counts[st.theme.id] = counts.get(st.theme.id, 0) + 1
    assert counts == {
        "preamble": 3, "vendor-diversification": 7, "cyber-resilience": 6, "semiconductors": 5,
        "ai": 4, "data": 5, "online-safety": 2, "digital-markets": 2,
        "digital-technical-standards": 1, "internet-governance": 4, "digital-government": 7,
        "digital-identity": 2,
    }  # fmt: skip


def test_sentence_split_across_a_page_break_is_rejoined(by_locator: dict[str, Statement]) -> None:
    st = by_locator["digital-infrastructure/vendor-diversification/c"]
    assert st.text.startswith(
        "日英デジタル・パートナーシップは Open RAN の研究開発への投資を通じても強化されている。"
    )
    assert len(st.spans) == 2  # the two fragments either side of the page break


def test_sentence_split_by_a_footnote_block_is_rejoined(
    by_locator: dict[str, Statement], report: DocumentRecord
) -> None:
    st = by_locator["digital-regulation-standards/digital-markets/b"]
    assert "英国科学・イノベーション・技術省によって発表された共同声明に沿った協力を含め" in st.text
    assert "日本側発表" not in st.text and "---" not in st.text and "<sup>" not in st.text
    assert [c.number for c in st.cited] == ["14"]
    (a, b), (c, d) = st.spans
    assert report.source[a:b].endswith("共同声明<sup>14</sup>に")
    assert report.source[c:d].startswith("沿った協力を含め")


def test_hard_line_breaks_inside_names_are_joined(by_locator: dict[str, Statement]) -> None:
    st = by_locator["digital-infrastructure/ai/d"]
    assert "関連するステークホルダーに対し" in st.text
    assert "広島プロセス国際指針に対するコミットメント" in st.text
    assert "  " not in st.text


def test_roman_sub_items_are_statements_with_parent_and_title(
    by_locator: dict[str, Statement],
) -> None:
    parent = by_locator["digital-transformation/digital-government/c"]
    subs = [
        by_locator[f"digital-transformation/digital-government/c/{r}"] for r in ("i", "ii", "iii")
    ]
    assert all(s.parent is parent for s in subs)
    assert [s.item.heading for s in subs] == [
        "デジタル・マーケット・プレイス及び調達改革",
        "ガバメント・クラウド",
        "ユーザー中心のデザイン及びサービスデザイン",
    ]
    assert subs[0].text.startswith("デジタル庁は、GDS のデジタル・マーケット・プレイスから")
    assert (
        subs[0].locator("en")
        == "Pillar 4: Digital transformation › Digital government transformation › c › i"
    )


def test_footnotes_become_cited_documents(report: DocumentRecord) -> None:
    cited = {n: (c.ident, c.footnote.url) for n, c in report.cited.items()}
    assert cited == {
        "1": ("app-security-joint-statement", "https://www.gov.uk/government/publications/joint-statement-between-the-united-kingdom-and-japan-on-ensuring-app-security-and-privacy"),
        "2": ("secure-by-design-principles", "https://www.cisa.gov/sites/default/files/2023-10/SecureByDesign_1025_508c.pdf"),
        "3": ("people-to-people-moc", report.cited["3"].footnote.url),
        "14": ("app-security-joint-statement", None),
    }  # fmt: skip
    assert report.cited["3"].footnote.url is not None
    assert report.cited["3"].footnote.url.startswith(
        "https://www.gov.uk/government/publications/uk-japan-memorandum"
    )


def test_footnote_block_does_not_leak_into_items(report: DocumentRecord) -> None:
    for st in report.statements:
        assert "https://" not in st.text
        assert (
            "アプリのセキュリティ及びプライバシーの確保に関する日英間の協力についての英国側発表"
            not in st.text
        )


def test_spans_quote_the_source_exactly(report: DocumentRecord) -> None:
    for st in report.statements:
        for a, b in st.spans:
            assert 0 <= a < b <= len(report.source)
        for sen in st.sentences:
            quoted = "".join(report.source[a:b] for a, b in sen.spans)
            # the quote is the sentence with only layout (breaks, markers) in between
            stripped = quoted.replace("\n", "").replace("  ", "")
            for n in st.item.footnotes:
                stripped = stripped.replace(f"<sup>{n}</sup>", "")
            assert sen.text.replace(" ", "") in stripped.replace(" ", "") or "---" in quoted


def test_sentence_splitting_respects_brackets() -> None:
    text = "A 省 (以下「甲」という。) は会合を開催した。甲は合意した。"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "A 省 (以下「甲」という。) は会合を開催した。",
        "甲は合意した。",
    ]


def test_full_stops_inside_japanese_names_do_not_end_sentences() -> None:
    text = "GDS の取組は GOV. UK ワン・ログインに重要である。次の文。"
    assert len(split_sentences(text)) == 2


def test_english_sentences_split_at_full_stops() -> None:
    text = "Both sides signed the MoC. They will meet in 2025. The UK agreed."
    assert len(split_sentences(text)) == 3


def test_unknown_headings_become_themes_and_items_need_a_pillar() -> None:
    doc = parse("# 報告書\n\n## 第一の柱：何か\n\n### 新しいテーマ\n\n- a. 甲は乙をした。\n")
    assert [(k, t) for _, k, t in doc.headings] == [
        ("title", "報告書"),
        ("pillar", "第一の柱：何か"),
        ("theme", "新しいテーマ"),
    ]
    assert doc.items[0].theme == "新しいテーマ"


def test_text_outside_items_is_reported_not_dropped_silently() -> None:
    doc = parse("## Pillar 1\n\nAn orphan paragraph.\n\n- a. The UK will act.\n")
    assert any("text outside any item" in w for _, w in doc.warnings)


def test_page_numbers_are_layout_not_text() -> None:
    doc = parse("## 第一の柱\n\n- a. 甲は乙を\n\n- 3 -\n\nした。\n")
    assert doc.items[0].text == "甲は乙をした。"


@pytest.mark.parametrize(
    ("raw", "message", "line"),
    [
        (b"", "empty", None),
        (b"   \n\n", "empty", None),
        (b"## a\n\x00\x01binary", "binary", 2),
        ("## 第一の柱\n- a. 甲\n".encode() + b"\xff\xfe", "not valid UTF-8", 3),
        (b"line one\nline\x07two\n", "control character", 2),
    ],
)
def test_bad_bytes_are_refused_with_the_line(raw: bytes, message: str, line: int | None) -> None:
    with pytest.raises(DocumentError) as exc:
        decode(raw, path="doc.txt", limit=1000)
    assert message in str(exc.value)
    assert exc.value.line == line
    assert str(exc.value).startswith("doc.txt")


def test_huge_documents_are_refused() -> None:
    with pytest.raises(DocumentError, match="over the limit"):
        decode(b"x" * 2000, path="big.txt", limit=1000)


def test_documents_without_structure_are_refused() -> None:
    with pytest.raises(DocumentError, match="no recognisable structure"):
        parse("ただの文章です。見出しも項目もない。\n")


def test_markdown_footnotes() -> None:
    doc = parse(
        "## Pillar 1\n\na. The UK and Japan signed the statement.[^1]\n\n"
        "[^1]: Joint statement on app security, https://www.gov.uk/x\n"
    )
    assert doc.items[0].text == "The UK and Japan signed the statement."
    assert doc.items[0].footnotes == ["1"]
    fn = doc.footnotes["1"]
    assert (fn.title, fn.url) == ("Joint statement on app security", "https://www.gov.uk/x")
