"""Decide a sentence's status and strength from its predicate, keeping the deciding words.

The rules are data (``ontology/registry/predicates.toml``); this module only decides which
match counts. Japanese puts the predicate last, so the match that ends nearest the end of the
sentence decides. English puts the verb after the subject, so the first match does, but in the
main clause: an opening phrase such as ``Building on the work of the Council,`` is skipped
when the rest of the sentence decides. A match right after a negation (``did not sign``,
``have not yet concluded``) asserts nothing and is passed over, so a sentence whose only
predicate is negated stays undecided and is reported rather than read the wrong way round.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..registry import Rule
from ..text import has_cjk

_FINAL = re.compile(r"[。．.!?」』）)\s]+$")
# An English sentence that opens with one of these has an introductory phrase up to its first
# top-level comma (Recalling …, Following …, In May 2024, …).
_EN_INTRO = re.compile(
    r"^(?:In|On|At|By|Under|Following|Further to|Building|Recalling|Recognising|Recognizing|"
    r"Noting|Acknowledging|Since|As|With|Through|Given|Guided|Based|Having|Against|"
    r"Over|During|After|Before|Ahead of|Together with)\b"
)
_BRACKETED = re.compile(r"\([^()]*\)")
_NEGATION_REACH = 25  # characters before a match in which a negation cancels it


@dataclass(frozen=True)
class Decision:
    """A status or strength and the words that decided it."""

    value: str
    evidence: str


def _negated(text: str, start: int, negation: Sequence[re.Pattern[str]]) -> bool:
    before = text[max(0, start - _NEGATION_REACH) : start]
    return any(p.search(before) for p in negation)


def _decisive_match(
    rules: list[Rule],
    text: str,
    *,
    first: bool = False,
    negation: Sequence[re.Pattern[str]] = (),
) -> Decision | None:
    """The rule whose match ends nearest the end of ``text`` (``first``: starts nearest its
    beginning); a longer match wins a tie; a negated match does not count."""
    best: tuple[int, int, str, str] | None = None
    for rule in rules:
        for pattern in rule.patterns:
            for m in pattern.finditer(text):
                if not m.group(0) or _negated(text, m.start(), negation):
                    continue
                where = -m.start() if first else m.end()
                key = (where, len(m.group(0)), rule.value, m.group(0))
                if best is None or key[:2] > best[:2]:
                    best = key
    return Decision(best[2], best[3]) if best else None


def final_clause(sentence: str) -> str:
    """The last clause of a sentence: what follows its last top-level comma."""
    body = _FINAL.sub("", sentence)
    depth = 0
    cut = 0
    for i, ch in enumerate(body):
        if ch in "(（「『":
            depth += 1
        elif ch in ")）」』":
            depth = max(0, depth - 1)
        elif ch in "、," and depth == 0:
            cut = i + 1
    return body[cut:].strip()


def main_clause(sentence: str) -> str:
    """An English sentence without its introductory phrase (up to the first top-level
    comma after an opening such as ``Following …``); the whole sentence otherwise."""
    body = _english_body(sentence)
    if not _EN_INTRO.match(body):
        return body
    depth = 0
    for i, ch in enumerate(body):
        if ch in '(“"':
            depth += 1 if ch != '"' or depth == 0 else -1
        elif ch in ")”":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            return body[i + 1 :].strip()
    return body


def _english_body(sentence: str) -> str:
    """An English sentence without its final punctuation and without what stands in brackets
    (``(hereinafter referred to as the "Sides")`` holds no predicate of the sentence)."""
    return _FINAL.sub("", _BRACKETED.sub(" ", sentence))


def is_latin(sentence: str) -> bool:
    """True for a sentence with no CJK characters (read with the English rules)."""
    return not has_cjk(sentence)


def decide_status(
    sentence: str, rules: list[Rule], negation: Sequence[re.Pattern[str]] = ()
) -> Decision | None:
    """The sentence's status, or None when no rule decides it (the caller reports that)."""
    if not is_latin(sentence):
        return _decisive_match(rules, _FINAL.sub("", sentence))
    main = main_clause(sentence)
    return _decisive_match(rules, main, first=True, negation=negation) or _decisive_match(
        rules, _english_body(sentence), first=True, negation=negation
    )


def negated_predicate(
    sentence: str, rules: list[Rule], negation: Sequence[re.Pattern[str]]
) -> str | None:
    """The words of the first status match that a negation cancels (``did not sign``), to
    say why a sentence is undecided; None when there is none."""
    if not negation or not is_latin(sentence):
        return None
    body = _english_body(sentence)
    hits: list[tuple[int, str]] = []
    for rule in rules:
        for pattern in rule.patterns:
            for m in pattern.finditer(body):
                before = body[max(0, m.start() - _NEGATION_REACH) : m.start()]
                neg = next((n for p in negation if (n := p.search(before))), None)
                if m.group(0) and neg is not None:
                    hits.append((m.start(), before[neg.start() :] + m.group(0)))
    return min(hits)[1] if hits else None


def decide_strength(
    sentence: str,
    explicit: list[Rule],
    tense: list[Rule],
    negation: Sequence[re.Pattern[str]] = (),
) -> Decision | None:
    """Explicit words first (in Japanese, in the final clause); otherwise the tense."""
    if is_latin(sentence):
        for text in dict.fromkeys((main_clause(sentence), _english_body(sentence))):
            found = _decisive_match(explicit, text, first=True, negation=negation)
            found = found or _decisive_match(tense, text, first=True)
            if found:
                return found
        return None
    body = _FINAL.sub("", sentence)
    return _decisive_match(explicit, final_clause(sentence)) or _decisive_match(tense, body)
