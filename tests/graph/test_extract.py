"""Dates, amounts, status and strength on their own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bkg_graph.pipeline.extract import (
    decide_status,
    decide_strength,
    find_amounts,
    find_dates,
    parse_japanese_number,
)
from bkg_graph.registry import Registry

DOC_DATE = dt.date(2024, 1, 16)


@pytest.mark.parametrize(
    ("text", "precision", "value", "first", "last"),
    [
        ("2024年1月16日に開催した", "day", "2024-01-16", "2024-01-16", "2024-01-16"),
        ("２０２３年５月１９日", "day", "2023-05-19", "2023-05-19", "2023-05-19"),
        ("2023 年 5 月に創設された", "month", "2023-05", "2023-05-01", "2023-05-31"),
        ("2024 年の最初のクォーターに", "quarter", "2024-Q1", "2024-01-01", "2024-03-31"),
        ("2024 年第3四半期", "quarter", "2024-Q3", "2024-07-01", "2024-09-30"),
        ("2023 年の日英通信サプライチェーン", "year", "2023", "2023-01-01", "2023-12-31"),
        ("11 月に英国が主催した", "month", "2023-11", "2023-11-01", "2023-11-30"),
        ("昨年 10 月に京都で開催", "month", "2023-10", "2023-10-01", "2023-10-31"),
        ("来年 3 月に開催される予定", "month", "2025-03", "2025-03-01", "2025-03-31"),
        ("on 16 January 2024 the council", "day", "2024-01-16", "2024-01-16", "2024-01-16"),
        ("in the first quarter of 2024", "quarter", "2024-Q1", "2024-01-01", "2024-03-31"),
        ("since May 2023", "month", "2023-05", "2023-05-01", "2023-05-31"),
        ("during 2025, both sides", "year", "2025", "2025-01-01", "2025-12-31"),
    ],
)
def test_dates_keep_their_precision(
    text: str, precision: str, value: str, first: str, last: str
) -> None:
    (d,) = find_dates(text, DOC_DATE)
    assert (d.precision, d.value) == (precision, value)
    assert (d.first.isoformat(), d.last.isoformat()) == (first, last)
    assert text[d.start : d.end] == d.surface


def test_a_bare_month_to_come_is_placed_after_the_document_date() -> None:
    (d,) = find_dates("11 月開催予定の会合", dt.date(2024, 1, 16))
    assert d.value == "2024-11"


def test_impossible_dates_and_fiscal_years_are_not_dates() -> None:
    assert [(d.precision, d.value) for d in find_dates("2023年13月", DOC_DATE)] == [
        ("year", "2023")
    ]
    assert find_dates("2023年度予算", DOC_DATE) == []
    assert find_dates("第 28 条に基づき", DOC_DATE) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("2億5千万", 250_000_000), ("2 百万", 2_000_000), ("1,500万", 15_000_000),
     ("三千", 3000), ("1.5億", 150_000_000), ("10", 10)],
)  # fmt: skip
def test_japanese_numbers(text: str, value: int) -> None:
    assert parse_japanese_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "value", "currency", "upto"),
    [
        ("2億5千万ポンドを投資する", 250_000_000, "GBP", False),
        ("共同で最大 2 百万ポンドの支援", 2_000_000, "GBP", True),
        ("100億円の基金", 10_000_000_000, "JPY", False),
        ("invest £250 million in", 250_000_000, "GBP", False),
        ("up to £2m for", 2_000_000, "GBP", True),
        ("$1.5 billion", 1_500_000_000, "USD", False),
    ],
)
def test_amounts(text: str, value: int, currency: str, upto: bool) -> None:
    (a,) = find_amounts(text)
    assert (a.value, a.currency, a.upper_bound) == (Decimal(value), currency, upto)
    assert text[a.start : a.end] == a.surface


@pytest.mark.parametrize(
    ("sentence", "status", "evidence"),
    [
        ("経済産業省と DSIT は共同声明を発表した。", "achieved", "発表した"),
        ("日英関係省庁は成果を歓迎する。", "welcomed", "歓迎する"),
        ("開催することを追求することに合意した。", "agreed", "合意した"),
        ("この協力を強めている。", "ongoing", "ている"),
        ("研究プロジェクトの実行を予定している。", "planned", "予定している"),
        ("協力を強化していく。", "planned", "ていく"),
        ("Both sides welcomed the progress.", "welcomed", "welcomed"),
        ("The UK and Japan will continue to cooperate.", "ongoing", "will continue"),
        ("MIC and DSIT signed a memorandum on 20 March 2025.", "achieved", "signed"),
        ("METI and DSIT agreed to hold a workshop.", "agreed", "agreed"),
    ],
)
def test_status_from_the_predicate(
    registry: Registry, sentence: str, status: str, evidence: str
) -> None:
    decision = decide_status(sentence, registry.status_rules)
    assert decision is not None
    assert (decision.value, decision.evidence) == (status, evidence)


@pytest.mark.parametrize(
    ("sentence", "strength", "evidence"),
    [
        ("総務省と DSIT は協力枠組に更にコミットした。", "commitment", "コミット"),
        ("議論し、ワークショップを開催することを追求することに合意した。", "intention", "追求"),
        ("二国間の共同プロジェクトを検討している。", "exploration", "検討"),
        ("両国の政府はさらに協力する。", "commitment", "する"),
        ("GDS は 2022 年に訪日した。", "factual", "た"),
        ("日英関係省庁は成果を歓迎する。", "factual", "歓迎する"),
        ("We will explore options for a joint project.", "exploration", "explore"),
        ("Both sides will hold the working group twice a year.", "commitment", "will"),
        ("METI and DSIT agreed to hold a workshop.", "commitment", "agreed to"),
    ],
)
def test_strength_keeps_the_deciding_words(
    registry: Registry, sentence: str, strength: str, evidence: str
) -> None:
    decision = decide_strength(sentence, registry.strength_rules, registry.tense_rules)
    assert decision is not None
    assert (decision.value, decision.evidence) == (strength, evidence)


def test_a_sentence_without_a_known_predicate_has_no_status(registry: Registry) -> None:
    assert decide_status("これは重要な場である。", registry.status_rules) is None


def test_long_runs_of_digits_are_read_in_one_pass() -> None:
    """A pathological input (an identifier of thousands of digits) must not hang the build."""
    text = "1" * 20_000 + " 2 百万ポンド"
    assert [(a.surface, a.value) for a in find_amounts(text)] == [
        ("2 百万ポンド", Decimal(2_000_000))
    ]
    assert find_dates("2" * 20_000, DOC_DATE) == []
