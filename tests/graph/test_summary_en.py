"""The generated English line: structured from graph facts, never a translation."""

from __future__ import annotations

from bkg_graph.summary_en import NO_OWNER, NO_STATUS, DateFact, date_words, summary_en


def test_the_line_of_the_issue() -> None:
    line = summary_en(
        ["MIC", "DSIT"],
        "ongoing",
        ["Global Coalition on Telecommunications"],
        [DateFact("2023-11", "month")],
    )
    assert line == (
        "MIC and DSIT — ongoing — Global Coalition on Telecommunications — date named: November 2023"
    )


def test_missing_parts_are_said_to_be_missing() -> None:
    assert summary_en([], None, []) == f"{NO_OWNER} — {NO_STATUS}"


def test_three_owners_two_subjects_and_repeated_dates() -> None:
    line = summary_en(
        ["METI", "DSIT", "MIC", "DSIT"],
        "planned",
        ["Semiconductors", "Research and development"],
        [
            DateFact("2024-Q1", "quarter"),
            DateFact("2024-01-16", "day"),
            DateFact("2024-Q1", "quarter"),
        ],
    )
    assert line == (
        "METI, DSIT and MIC — planned — Semiconductors; Research and development"
        " — dates named: Q1 2024, 16 January 2024"
    )


def test_dates_keep_their_precision() -> None:
    assert [
        date_words(DateFact(v, p))
        for v, p in [
            ("2023", "year"),
            ("2023-05", "month"),
            ("2026-Q1", "quarter"),
            ("2025-03-20", "day"),
        ]
    ] == ["2023", "May 2023", "Q1 2026", "20 March 2025"]
