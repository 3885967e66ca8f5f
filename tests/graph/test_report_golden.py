"""What the bundled report says, pinned as verified by reading it.

Each expectation below was checked against the source text
(corpus/jp-uk-dp-2024-progress-ja/document.txt); if the pipeline changes what it reads, these
tests say where.
"""

from __future__ import annotations

import pytest

from bkg_graph.pipeline.statements import DocumentRecord, Statement

JP_UK = ["mic", "meti", "digital-agency", "dsit"]  # 日英関係省庁, as the preamble defines it


def ids(entities: list) -> list[str]:  # type: ignore[type-arg]
    return [e.id for e in entities]


def kinds(st: Statement, kind: str) -> list[str]:
    return [e.id for e in st.entities("mention") if e.kind == kind]


@pytest.mark.parametrize(
    ("path", "actors", "initiatives"),
    [
        ("preamble/preamble/1", ["mic", "meti", "digital-agency", "dsit"], []),
        ("digital-infrastructure/vendor-diversification/a", [*JP_UK, "uk"], ["open-ran"]),
        ("digital-infrastructure/vendor-diversification/b", JP_UK, ["gcot"]),
        ("digital-infrastructure/vendor-diversification/c", ["mic", "rakuten-mobile"],
         ["jp-uk-digital-partnership", "open-ran", "onp", "rakuten-open-ran-cec"]),
        ("digital-infrastructure/vendor-diversification/d", ["mic", "dsit"], ["telecom-supply-chain-framework"]),
        ("digital-infrastructure/vendor-diversification/e", ["mic", "dsit"],
         ["telecom-supply-chain-framework", "telecom-supplier-diversification-wg", "open-ran"]),
        ("digital-infrastructure/cyber-resilience/a", ["meti", "dsit"], ["iot-security-mutual-recognition"]),
        ("digital-infrastructure/cyber-resilience/d", ["jp", "uk"], []),
        ("digital-infrastructure/cyber-resilience/f", ["jp", "uk"],
         ["japan-cyber-security-fellowship", "cyberfirst-competition-japan"]),
        ("digital-infrastructure/semiconductors/b", ["ukri", "jst"], []),
        ("digital-infrastructure/semiconductors/e", ["meti", "dsit"], []),
        ("digital-infrastructure/ai/a", ["g7", *JP_UK], ["hiroshima-ai-process", "hiroshima-ai-process-framework"]),
        ("data/data/a", ["digital-agency", "dsit"], ["dfft", "iap"]),
        ("data/data/d", ["jp", "uk", "ppc", "ico"], []),
        ("data/data/e", ["jp", "uk"], ["global-cbpr-forum", "global-cbpr-system"]),
        ("digital-regulation-standards/internet-governance/c", JP_UK,
         ["wsis-plus-20", "global-digital-compact"]),
        ("digital-transformation/digital-government/c/i", ["digital-agency"], ["digital-marketplace"]),
        ("digital-transformation/digital-identity/b", ["gds"], ["gov-uk-one-login"]),
    ],
)  # fmt: skip
def test_actors_and_initiatives(
    by_locator: dict[str, Statement], path: str, actors: list[str], initiatives: list[str]
) -> None:
    st = by_locator[path]
    assert ids(st.entities("actor")) == actors
    assert kinds(st, "Initiative") == initiatives


def test_collective_terms_resolve(by_locator: dict[str, Statement]) -> None:
    # 日英関係省庁 is defined in preamble 1 as MIC, METI, the Digital Agency and DSIT
    vias = {lk.via for lk in by_locator["preamble/preamble/3"].links("actor")}
    assert vias == {"日英関係省庁"}
    # 両者 in vendor diversification b: the MIC and DSIT named just before it
    b = by_locator["digital-infrastructure/vendor-diversification/b"].sentences[1]
    assert [(lk.entity.id, lk.via) for lk in b.links if lk.role == "actor"] == [
        ("mic", "両者"),
        ("dsit", "両者"),
    ]
    # 双方 in data c: Japan and the UK, the pair that opens the statement
    c4 = by_locator["data/data/c"].sentences[3]
    assert [(lk.entity.id, lk.via) for lk in c4.links if lk.role == "actor"] == [
        ("jp", "双方"),
        ("uk", "双方"),
    ]
    # 双方の独立したデータ保護当局 in data d: the PPC and the ICO
    d3 = by_locator["data/data/d"].sentences[2]
    assert [lk.entity.id for lk in d3.links if lk.role == "actor"] == ["ppc", "ico"]
    # 両国政府 / 両国の政府: the partnership's parties
    assert ids(by_locator["digital-infrastructure/cyber-resilience/e"].entities("actor")) == [
        "jp",
        "uk",
    ]


@pytest.mark.parametrize(
    ("path", "dates"),
    [
        ("preamble/preamble/1", [("2024年1月16日", "day", "2024-01-16")]),
        ("digital-infrastructure/vendor-diversification/d", [("2023 年", "year", "2023")]),
        ("digital-infrastructure/cyber-resilience/b", [("2023 年 5 月", "month", "2023-05")]),
        ("digital-infrastructure/semiconductors/a", [("2023年5月19日", "day", "2023-05-19")]),
        ("digital-infrastructure/semiconductors/e", [("2024 年の最初のクォーター", "quarter", "2024-Q1")]),
        ("digital-infrastructure/ai/b", [("11 月", "month", "2023-11")]),
        ("data/data/b", [("2024 年", "year", "2024"), ("2024 年", "year", "2024")]),
        ("data/data/d", [("2023年10月", "month", "2023-10")]),
        ("digital-regulation-standards/digital-technical-standards/a", [("2024 年 10 月", "month", "2024-10")]),
        ("digital-regulation-standards/internet-governance/a", [("昨年 10 月", "month", "2023-10")]),
        ("digital-transformation/digital-government/a", [("2022 年", "year", "2022")]),
    ],
)  # fmt: skip
def test_dates(
    by_locator: dict[str, Statement], path: str, dates: list[tuple[str, str, str]]
) -> None:
    found = [(d.surface, d.precision, d.value) for s in by_locator[path].sentences for d in s.dates]
    assert found == dates


def test_amounts(report: DocumentRecord) -> None:
    found = [
        ("/".join(st.path), str(a.value), a.currency, a.upper_bound)
        for st in report.statements
        for s in st.sentences
        for a in s.amounts
    ]
    assert found == [
        ("digital-infrastructure/vendor-diversification/c", "250000000", "GBP", False),
        ("digital-infrastructure/semiconductors/b", "2000000", "GBP", True),
    ]


@pytest.mark.parametrize(
    ("path", "status", "strength", "evidence"),
    [
        ("preamble/preamble/1", "achieved", "factual", "開催した"),
        ("digital-infrastructure/vendor-diversification/d", "agreed", "commitment", "コミットした"),
        ("digital-infrastructure/semiconductors/c", "ongoing", "commitment", "ている"),
        ("digital-infrastructure/semiconductors/e", "agreed", "intention", "合意した"),
        ("digital-infrastructure/ai/b", "welcomed", "factual", "歓迎する"),
        ("data/data/b", "ongoing", "exploration", "ている"),
        ("digital-regulation-standards/internet-governance/a", "welcomed", "exploration", "歓迎する"),
        ("digital-transformation/digital-government/b", "agreed", "commitment", "約束した"),
        ("digital-transformation/digital-identity/a", "ongoing", "factual", "ている"),
    ],
)  # fmt: skip
def test_status_and_strength(
    by_locator: dict[str, Statement], path: str, status: str, strength: str, evidence: str
) -> None:
    st = by_locator[path]
    assert st.status is not None and st.strength is not None
    assert (st.status.value, st.strength.value, st.status.evidence) == (status, strength, evidence)


def test_undecided_predicates_are_reported_not_guessed(report: DocumentRecord) -> None:
    undecided = [w for w in report.warnings if "status undecided" in w]
    assert len(undecided) == 11
    assert any("› AI › b sentence 2" in w for w in undecided)  # 「…ものである。」


def test_unknown_names_are_reported(report: DocumentRecord) -> None:
    assert [(t, loc) for t, loc, _ in report.candidates] == [
        ("インフラシェアリング", "第一の柱：デジタルインフラ及び技術 › ベンダ多様化 › c")
    ]


def test_every_statement_has_a_status_or_a_warning(report: DocumentRecord) -> None:
    for st in report.statements:
        assert st.status is not None or any(st.locator("ja") in w for w in report.warnings)
