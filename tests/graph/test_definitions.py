"""The defined-term family, English and Japanese, as joint statements write it."""

from __future__ import annotations

import pytest

from bkg_graph.pipeline.definitions import Definition, definition_key
from bkg_graph.pipeline.link import Context, Linker, link_sentence
from bkg_graph.registry import Registry

DOC = "a-new-joint-statement"
EN_MEMBERS = (
    "The Ministry of Internal Affairs and Communications and the Department for Science, "
    "Innovation and Technology"
)


def read(registry: Registry, *sentences: str) -> tuple[Context, list[list[tuple[str, str]]]]:
    """Link sentences in order, as one document; (entity id, kind) of each sentence's actors."""
    ctx = Context(DOC, ("jp", "uk"), ("meti",))
    linker = Linker(registry, DOC)
    out = []
    for text in sentences:
        links, _ = link_sentence(linker, text, ctx, [], [])
        out.append([(lk.entity.id, lk.kind) for lk in links if lk.role == "actor"])
    return ctx, out


@pytest.mark.parametrize(
    ("bracket", "term"),
    [
        ('(hereinafter "the Participants")', "the Participants"),
        ('(hereinafter, "the Participants")', "the Participants"),
        ('(hereinafter referred to as the "Participants")', "Participants"),
        ('(together "the Participants")', "the Participants"),
        ('(together, "the Participants")', "the Participants"),
        ('(collectively, "the Participants")', "the Participants"),
        ('(collectively referred to as "the Participants")', "the Participants"),
        ('(jointly "the Participants")', "the Participants"),
        ('(the "Participants")', "Participants"),
        ('(each a "Participant", together the "Participants")', "Participants"),
        ("(together “the Participants”)", "the Participants"),
    ],
)
def test_english_definitions(registry: Registry, bracket: str, term: str) -> None:
    ctx, actors = read(
        registry, f"{EN_MEMBERS} {bracket} held a meeting.", "The Participants will cooperate."
    )
    assert ctx.found_definitions == [
        Definition(term, len(EN_MEMBERS) + 1, len(EN_MEMBERS) + 1 + len(bracket), ("mic", "dsit"))
    ]
    assert actors == [
        [("mic", "named"), ("dsit", "named")],
        [("mic", "collective"), ("dsit", "collective")],
    ]


@pytest.mark.parametrize(
    "bracket",
    [
        "（以下「両省」という。）",
        "（以下「両省」という）",
        "(以下「両省」という。)",
        "（以下、「両省」という。）",
        "（以下「両省」と総称する。）",
        "（以下総称して「両省」という。）",
        "（以下「両省」と呼ぶ。）",
        "（以下「両省」）",
    ],
)
def test_japanese_definitions(registry: Registry, bracket: str) -> None:
    ctx, actors = read(registry, f"総務省及び DSIT{bracket}は会合を開催した。", "両省は協力する。")
    (found,) = ctx.found_definitions
    assert (found.term, found.members, found.unknown) == ("両省", ("mic", "dsit"), ())
    assert actors[1] == [("mic", "collective"), ("dsit", "collective")]


def test_a_document_definition_of_a_registry_term_comes_first(registry: Registry) -> None:
    """両者 means the pair just named in the registry; a document that defines it wins."""
    _, actors = read(
        registry,
        "総務省、経済産業省及びデジタル庁（以下「両者」という。）は会合を開催した。",
        "両者は協力する。",
    )
    assert [a for a, _ in actors[1]] == ["mic", "meti", "digital-agency"]


def test_qualifiers_keep_the_member(registry: Registry) -> None:
    ctx, _ = read(
        registry,
        "The Digital Agency of Japan and the United Kingdom's Department for Science, "
        'Innovation and Technology (together "the Participants") met.',
    )
    assert ctx.definitions == {definition_key("the Participants"): ("digital-agency", "dsit")}


def test_unknown_members_are_kept_and_reported(registry: Registry) -> None:
    ctx, actors = read(
        registry,
        'The OECD Working Party on Data Governance and the Digital Agency (together "the '
        'Partners") will meet in Paris.',
        "The Partners will publish a report.",
    )
    (found,) = ctx.found_definitions
    assert (found.members, found.unknown, found.related) == (
        ("digital-agency",),
        ("OECD Working Party on Data Governance",),
        ("oecd",),
    )
    assert ctx.unknown_members == ["OECD Working Party on Data Governance"]
    assert actors == [[("digital-agency", "named")], [("digital-agency", "collective")]]
    assert ctx.warnings == [
        "'the Partners' is defined with 'OECD Working Party on Data Governance', not in the "
        "registry; read as digital-agency until it is added"
    ]


def test_a_list_after_other_words_starts_at_the_last_name(registry: Registry) -> None:
    ctx, _ = read(
        registry,
        "The Participants welcomed the memorandum between the Digital Agency and the "
        'Government Digital Service (together "the Digital Offices").',
    )
    assert ctx.definitions == {definition_key("the Digital Offices"): ("digital-agency", "gds")}


def test_a_bracket_after_no_name_defines_nothing(registry: Registry) -> None:
    ctx, _ = read(registry, 'The Participants adopted a work plan (hereinafter "the Plan").')
    assert ctx.found_definitions == []
