from bkg_graph.text import fold, joiner, match_key


def test_width_case_and_spacing_variants_share_one_key() -> None:
    variants = ["広島 AI プロセス", "広島AIプロセス", "広島　ＡＩ　プロセス", "広島 ai プロセス"]
    assert {match_key(v) for v in variants} == {"広島aiプロセス"}


def test_middle_dots_are_ignored() -> None:
    assert match_key("デジタル・パートナーシップ") == match_key("デジタルパートナーシップ")
    assert match_key("GOV. UK") == match_key("GOV.UK") == "gov.uk"


def test_fold_maps_every_key_character_back_to_the_original() -> None:
    text = "日英 ＤＳＩＴ は"
    folded = fold(text)
    start = folded.key.index("dsit")
    assert folded.span(start, start + 4) == (3, 7)
    assert text[3:7] == "ＤＳＩＴ"


def test_joiner_glues_japanese_and_spaces_latin() -> None:
    assert joiner("通", "じ") == ""
    assert joiner("the", "report") == " "
    assert joiner("AI", "プロセス") == ""
