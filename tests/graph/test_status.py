"""Status and strength of English and Japanese predicates, with the words that decided them."""

from __future__ import annotations

import pytest

from bkg_graph.pipeline.status import decide_status, decide_strength
from bkg_graph.registry import Registry


def decide(
    registry: Registry, sentence: str
) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    status = decide_status(sentence, registry.status_rules, registry.negation)
    strength = decide_strength(
        sentence, registry.strength_rules, registry.tense_rules, registry.negation
    )
    return (
        (status.value, status.evidence) if status else None,
        (strength.value, strength.evidence) if strength else None,
    )


@pytest.mark.parametrize(
    ("sentence", "status", "strength"),
    [
        ("The Participants will explore cooperation on 6G.", ("planned", "will"), ("exploration", "explore")),
        ("The Participants intend to establish a working group.", ("planned", "intend to"), ("intention", "intend")),
        ("The Participants aim to publish guidance by 2026.", ("planned", "aim to"), ("intention", "aim")),
        ("The Participants plan to hold a workshop.", ("planned", "plan to"), ("intention", "plan to")),
        ("The Participants will consider joint research.", ("planned", "will"), ("exploration", "consider")),
        ("The Participants explore options for a testbed.", ("planned", "explore"), ("exploration", "explore")),
        ("The Participants will continue to work together.", ("ongoing", "will continue"), ("commitment", "will")),
        ("The Participants continue to advance the arrangement.", ("ongoing", "continue"), ("commitment", "continue")),
        ("The Participants remain committed to the partnership.", ("agreed", "remain committed"), ("commitment", "remain committed")),
        ("The Participants reaffirmed their commitment to DFFT.", ("agreed", "reaffirmed"), ("commitment", "reaffirmed their commitment")),
        ("The Participants reaffirm the importance of open networks.", ("agreed", "reaffirm"), ("factual", "reaffirm")),
        ("The Participants agreed to meet annually.", ("agreed", "agreed"), ("commitment", "agreed to")),
        ("The Participants welcome the launch of the forum.", ("welcomed", "welcome"), ("factual", "welcome")),
        ("MIC and DSIT signed a memorandum.", ("achieved", "signed"), ("factual", "signed")),
        ("The Participants concluded the negotiations.", ("achieved", "concluded"), ("factual", "concluded")),
        ("The Participants launched the pilot.", ("achieved", "launched"), ("factual", "launched")),
        ("The Participants established a working group.", ("achieved", "established"), ("factual", "established")),
        ("The Participants held the fourth council.", ("achieved", "held"), ("factual", "held")),
        ("The arrangement has been signed.", ("achieved", "signed"), ("factual", "has")),
        ("The Participants are working on a mechanism.", ("ongoing", "are working"), ("factual", "are")),
        ("The Participants have been working closely.", ("ongoing", "have been working"), ("factual", "have")),
        ("Building on the work of the council, the Participants will establish a forum.", ("planned", "will"), ("commitment", "will")),
        # negation and tense: nothing negated is asserted; what has yet to happen is planned
        ("The Participants did not sign the arrangement.", None, ("factual", "did")),
        ("The Participants did not agree on common lists.", None, ("factual", "did")),
        ("The Participants have not yet launched the pilot.", ("planned", "not yet"), ("factual", "have")),
        ("The Participants have yet to conclude the review.", ("planned", "have yet to"), ("factual", "have")),
        # noting is reported, not read as welcoming
        ("The Participants noted the progress of the working group.", None, ("factual", "noted")),
        # words in brackets are not the sentence's predicate
        ('MIC and DSIT (hereinafter referred to as the "Sides") will launch a call.', ("planned", "will"), ("commitment", "will")),
    ],
)  # fmt: skip
def test_english(
    registry: Registry,
    sentence: str,
    status: tuple[str, str] | None,
    strength: tuple[str, str] | None,
) -> None:
    assert decide(registry, sentence) == (status, strength)


@pytest.mark.parametrize(
    ("sentence", "status", "strength"),
    [
        # descriptive endings stay undecided by design (and are reported by the build)
        ("この協力には、研究者の交流を含む。", None, ("factual", "を含む")),
        ("本枠組みの対象は、5G 及び次世代の通信インフラである。", None, ("factual", "である")),
        ("GCOT には、オーストラリアの政府機関が含まれる。", None, ("factual", "が含まれる")),
        ("両者は、情報交換を継続していく。", ("ongoing", "継続していく"), ("commitment", "く")),
        ("両省は、共同実証を行う予定である。", ("planned", "予定である"), ("factual", "である")),
        ("両当局は、共同研究を検討する。", ("planned", "する"), ("exploration", "検討")),
    ],
)  # fmt: skip
def test_japanese(
    registry: Registry,
    sentence: str,
    status: tuple[str, str] | None,
    strength: tuple[str, str] | None,
) -> None:
    assert decide(registry, sentence) == (status, strength)


def test_statuses_are_listed_once_in_the_predicate_rules(registry: Registry) -> None:
    assert registry.statuses == ("achieved", "ongoing", "planned", "agreed", "welcomed")
    assert registry.strengths == ("commitment", "intention", "exploration", "factual")
    assert {r.value for r in registry.status_rules} == set(registry.statuses)
