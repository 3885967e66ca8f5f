"""The shape of a name in running text, for words the registry does not know.

Shared by the candidate finder, the definition grammar and the linker's check for a known name
inside a longer unknown one (``Global CBPR Forum Steering Committee``). An English name is a run
of capitalised words, acronyms or words with digits (``6G``, ``G7``, ``ISO/IEC 27001``,
``Beyond 5G``), joined by ``of``/``for``/``on``/``and``/``the``/``in`` between capitalised
words. A Japanese name of a body ends in one of the words bodies are named with (…委員会, …局).
"""

from __future__ import annotations

import re

# one word of an English name: Capitalised, ALLCAPS, or a token with digits/slashes/hyphens
# that has a capital or a digit in it (6G, G7, ISO/IEC, Co-operation, 27001)
_WORD = (
    r"(?:[A-Z][A-Za-z0-9]*|[0-9]+[A-Za-z][A-Za-z0-9]*)(?:[-/‐–][A-Za-z0-9]+)*"
    r"(?:['’]s|(?<=s)['’](?!\w))?"
)
_NUMBER = r"[0-9]+(?:[.-][0-9]+)*"
_POSSESSIVE = re.compile(r"['’]s?")
# a word that ends a name: an acronym, a token with digits, or a head noun
_COMPLETE = re.compile(
    r"^(?:[A-Z0-9/-]*[0-9A-Z]{2,}[A-Z0-9/-]*|\S*\d\S*|Committee|Council|Forum|Fund|Office|"
    r"Institute|Agency|Ministry|Department|Commission|Board|Group|Party|Programme|Program|"
    r"Partnership|Initiative|Framework|Act|Report|Strategy|Centre|Center|Organisation|"
    r"Organization|Association|University|Authority|Bureau|Summit|Meeting|Alliance|Coalition|"
    r"Network|Project|Dialogue|Process|Principles|Declaration|Platform)$"
)
# words that join the capitalised words of one name; "in", "to", "with" are left out: they
# join a name to a place or a date far more often (… Committee in London in November 2025)
_JOIN = r"(?:of|for|on|and|the|de|du)"
EN_NAME = re.compile(
    rf"(?<![\w’'/-]){_WORD}(?:(?:\s+{_JOIN})*\s+{_WORD}|\s+{_NUMBER}(?![\w/-]))*(?![\w/-])"
)
# words that open a sentence or a clause without being part of a name
LEADING = re.compile(
    r"^(?:(?:The|A|An|Both|This|These|That|Those|Each|Its|Their|Our|In|On|At|By|For|With|"
    r"Under|Following|Further|Furthermore|Moreover|Additionally|Recalling|Recognising|"
    r"Recognizing|Building|Noting|Welcoming|Acknowledging|Since|As|Through|Given|Having|"
    r"During|After|Before|Over|Today|Together|To|From|Between|Also|Finally|Lastly|Next|"
    r"Going|Looking|Against|Beyond(?=\s+(?:the|this|these|that)\b)|Then|Where|When|"
    r"While|If|Its|All|Other|Such|Some|Any|New)\s+)+"
)
_JOINER_WORD = re.compile(rf"^{_JOIN}$")
_JOINED_BEFORE = re.compile(rf"(?:\s+{_JOIN})+\s+$")
# the last words of the Japanese names of bodies
JA_BODY_SUFFIX = (
    "委員会",
    "理事会",
    "評議会",
    "作業部会",
    "部会",
    "ワーキンググループ",
    "運営委員会",
    "事務局",
    "総局",
    "局",
    "庁",
    "省",
    "機構",
    "機関",
    "協会",
    "連盟",
    "センター",
    "研究所",
    "フォーラム",
    "会議",
    "会合",
    "銀行",
    "大学",
    "政府",
)
_JA_NAME = re.compile(r"[一-龥ァ-ヺー・A-Za-z0-9Ａ-Ｚａ-ｚ０-９]+")
_JA_PARTICLE_END = re.compile(r"(?:は|が|を|に|で|と|も|の|へ|や|から|より)$")


def trim_name(text: str) -> str:
    """An English name-like run without its leading function words and trailing joiners."""
    text = LEADING.sub("", text.strip() + " ").strip()
    words = text.split()
    while words and _JOINER_WORD.match(words[-1]):
        words.pop()
    while words and _JOINER_WORD.match(words[0]):
        words.pop(0)
    return " ".join(words)


def split_run(
    text: str, start: int, known: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """[start, end) of the names in one capitalised run. ``and`` joins two names where
    ``the`` follows it, a known name stands on either side of it, or the word before it ends
    a name (an acronym, a word with digits, a head noun such as ``Committee``): ``the European
    AI Office and the Japan AI Safety Institute``, ``6G and ISO/IEC 27001``. Otherwise it is
    inside one name (``G7 Digital and Tech Ministers' Meeting``, ``Working Party on Data
    Governance and Privacy``)."""
    spans = known or []
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for m in re.finditer(r"\s+and\s+", text):
        at, after = start + m.start(), start + m.end()
        before = text[: m.start()].split()[-1]
        if (
            text.startswith(("the ", "The "), m.end())
            or any(b == at for _, b in spans)
            or any(a == after for a, _ in spans)
            or _COMPLETE.match(before) is not None
        ):
            pieces.append((cursor, m.start()))
            cursor = m.end()
    pieces.append((cursor, len(text)))
    return [(start + a, start + b) for a, b in pieces]


def is_english_name(text: str) -> bool:
    """True when ``text`` (article removed) is wholly a name: ``European Commission``."""
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    text = re.sub(r"\s*[(（][^()（）]{1,40}[)）]", "", text)  # abbreviation glosses
    text = re.sub(r",\s+(?=[A-Z])", " ", text)  # Networks, Content and Technology
    m = EN_NAME.fullmatch(text)
    return m is not None and LEADING.match(text + " ") is None


def is_japanese_body(text: str) -> bool:
    """True when ``text`` is one run of name characters ending like a body's name."""
    text = re.sub(r"\s*[(（][^()（）]{1,40}[)）]\s*$", "", text.strip())
    return (
        bool(_JA_NAME.fullmatch(text.replace(" ", "")))
        and text.endswith(JA_BODY_SUFFIX)
        and not _JA_PARTICLE_END.search(text)
    )


def name_pieces(text: str, known: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) of each English name-like piece of ``text``: capitalised runs split at
    ``and`` (see :func:`split_run`), cut where a known name follows a joining word (in ``OECD
    Working Party on Data Governance on the Institutional Arrangement for Partnership`` the
    arrangement is another name), without leading function words."""
    out: list[tuple[int, int]] = []
    for run in EN_NAME.finditer(text):
        for s, e in split_run(run.group(0), run.start(), known):
            for k in sorted(k for k, _ in known if s < k < e):
                joined = _JOINED_BEFORE.search(text, s, k)
                if joined is not None:
                    out.append((s, joined.start()))
                    s = k
            out.append((s, e))
    trimmed = []
    for s, e in out:
        term = trim_name(text[s:e])
        if term:
            start = text.index(term, s)
            trimmed.append((start, start + len(term)))
    return trimmed


def uncovered_words(text: str, s: int, e: int, covered: list[tuple[int, int]]) -> list[str]:
    """The words of text[s:e] that no known name covers, joining words left out; the parts of
    ``MIC–DSIT`` or ``ISO/IEC`` count one by one."""
    return [
        w.group(0)
        for w in re.finditer(r"[^\s,/‐–—-]+?(?=['’]s\b|[\s,/‐–—-]|$)", text[s:e])
        if not _JOINER_WORD.match(w.group(0))
        and not _POSSESSIVE.fullmatch(w.group(0))
        and not any(a <= s + w.start() and s + w.end() <= b for a, b in covered)
    ]


# an act written with Latin words in Japanese text: EU AI 法, GDPR 規則
LATIN_ACT = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z][A-Za-z0-9]*[ \u3000]*){1,4}(?:法|規則|指令)(?![一-龥])"
)

# 日本国 + 政府 is the country, not a longer name: 政府 does not extend a known name
_JA_EXTENSION = re.compile(
    r"[一-龥ァ-ヺー・]{0,20}?(?:"
    + "|".join(sorted(set(JA_BODY_SUFFIX) - {"政府"}, key=len, reverse=True))
    + ")"
)


def japanese_extension(text: str, end: int) -> int:
    """Where a longer Japanese body name that starts with the name ending at ``end`` ends
    (``グローバル CBPR フォーラム`` + ``運営委員会``), or ``end``."""
    m = _JA_EXTENSION.match(text, end)
    return m.end() if m else end
