"""Entity linking: longest match, width/spacing variants, actors vs mentions, collectives."""

from __future__ import annotations

from bkg_graph.pipeline.link import Context, Linker, link_sentence
from bkg_graph.registry import Registry

DOC = "jp-uk-dp-2024-progress-ja"


def links(
    registry: Registry, text: str, *, parties: tuple[str, ...] = ("jp", "uk")
) -> list[tuple[str, str]]:
    ctx = Context(DOC, parties, ("mic", "meti", "digital-agency", "dsit"))
    found, _ = link_sentence(Linker(registry, DOC), text, ctx, [], [])
    return [(lk.entity.id, lk.role) for lk in found]


def test_longest_name_wins(registry: Registry) -> None:
    found = Linker(registry, DOC).find("広島 AI プロセス包括的政策枠組みに合意した")
    assert [m.entity.id for m in found if m.entity] == ["hiroshima-ai-process-framework"]


def test_width_and_spacing_variants_link_to_the_same_entity(registry: Registry) -> None:
    linker = Linker(registry, DOC)
    for text in ("広島 AI プロセス", "広島AIプロセス", "広島ＡＩプロセス", "広島　AI　プロセス"):
        (m,) = linker.find(f"{text}において")
        assert m.entity is not None and m.entity.id == "hiroshima-ai-process"
        assert m.surface == text


def test_latin_names_match_whole_words_only(registry: Registry) -> None:
    linker = Linker(registry, DOC)
    assert [m.entity.id for m in linker.find("the GDS team") if m.entity] == ["gds"]
    assert linker.find("GDSX and MAIL") == []


def test_subject_chain_with_modifiers(registry: Registry) -> None:
    text = "日本政府の総務省、経済産業省及びデジタル庁並びに英国政府の科学・イノベーション・技術省 (DSIT) は会合を開催した。"
    assert links(registry, text) == [
        ("jp", "mention"), ("mic", "actor"), ("meti", "actor"), ("digital-agency", "actor"),
        ("uk", "mention"), ("dsit", "actor"),
    ]  # fmt: skip


def test_names_before_ni_or_no_are_not_subjects(registry: Registry) -> None:
    assert links(registry, "GCOT には、オーストラリアの政府機関が含まれる。") == [
        ("gcot", "mention"),
        ("au", "mention"),
    ]
    assert links(registry, "デジタル庁は、OECD との調整状況について DSIT に情報提供を行った。") == [
        ("digital-agency", "actor"),
        ("oecd", "mention"),
        ("dsit", "mention"),
    ]


def test_initiatives_are_never_actors(registry: Registry) -> None:
    assert links(registry, "GCOT は協力を進めることを追求している。") == [("gcot", "mention")]


def test_abbreviation_in_brackets_is_not_a_second_link(registry: Registry) -> None:
    assert links(registry, "新たな電気通信に関するグローバル連合 (GCOT) への参加") == [
        ("gcot", "mention")
    ]


def test_parties_collective_uses_the_documents_partnership(registry: Registry) -> None:
    assert links(registry, "両国政府は共同声明を発出した。") == [("jp", "actor"), ("uk", "actor")]
    assert links(registry, "両国政府は共同声明を発出した。", parties=("jp", "au")) == [
        ("jp", "actor"),
        ("au", "actor"),
    ]


def test_collectives_are_resolved_only_as_subjects(registry: Registry) -> None:
    assert links(registry, "双方の協力を更に加速する。") == []


def test_context_collective_without_a_pair_is_reported(registry: Registry) -> None:
    ctx = Context(DOC, ("jp", "uk"), ())
    found, notes = link_sentence(Linker(registry, DOC), "両者は合意した。", ctx, [], [])
    assert found == []
    assert notes and "両者" in notes[0]


def test_definition_in_the_text_defines_the_collective(registry: Registry) -> None:
    ctx = Context("other-doc", ("jp", "uk"), ("mic",))
    linker = Linker(registry, "other-doc")
    link_sentence(
        linker, "経済産業省及び DSIT (以下「日英関係省庁」という。) は合意した。", ctx, [], []
    )
    found, _ = link_sentence(linker, "日英関係省庁は協力する。", ctx, [], [])
    assert [(lk.entity.id, lk.via) for lk in found] == [
        ("meti", "日英関係省庁"),
        ("dsit", "日英関係省庁"),
    ]


def test_collective_without_definition_falls_back_to_issuers_and_says_so(
    registry: Registry,
) -> None:
    ctx = Context("other-doc", ("jp", "uk"), ("mic", "dsit"))
    found, _ = link_sentence(Linker(registry, "other-doc"), "日英関係省庁は協力する。", ctx, [], [])
    assert [lk.entity.id for lk in found] == ["mic", "dsit"]
    assert any("without a definition" in w for w in ctx.warnings)


def test_document_local_aliases_stay_local(registry: Registry) -> None:
    assert [m.entity.id for m in Linker(registry, DOC).find("このフォーラムは") if m.entity] == [
        "global-cbpr-forum"
    ]
    assert Linker(registry, "another-doc").find("このフォーラムは") == []
