"""Registry stubs for candidate names: what a curator completes and moves into the registry.

Each stub has an id made from the name, a type guessed from the name's last words (a guess,
and marked as one), the label in the document's language, the other label left for the
curator, where the name was seen, and the known names inside it (``OECD`` in ``OECD Working
Party on Data Governance``), which usually belong in ``sub_organization_of`` or ``part_of``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..corpus import toml_value
from ..registry import Registry
from ..text import match_key
from .link import Linker
from .records import DocumentRecord

# the last word(s) of a name → the registry type it most often is
_TYPE_BY_ENDING: tuple[tuple[str, str], ...] = (
    (
        r"(Ministry|Agency|Department|Office|Commission|Directorate[- ]General|Bureau|Authority|"
        r"Secretariat|DG [A-Z]+|省|庁|局|総局|委員会事務局)$",
        "Agency",
    ),
    (
        r"(Working (Party|Group)|Task ?Force|Expert Group|作業部会|ワーキンググループ)$",
        "WorkingGroup",
    ),
    (r"(Committee|Council|Board|運営委員会|理事会|委員会)$", "Organization"),
    (r"(Forum|フォーラム)$", "Forum"),
    (r"(Dialogue|対話)$", "Dialogue"),
    (r"(Programme|Program|Fund|Fellowship|Scheme|プログラム|基金)$", "Programme"),
    (r"(Partnership|パートナーシップ)$", "Partnership"),
    (r"(Framework|枠組み?)$", "Framework"),
    (r"(Project|Pilot|プロジェクト)$", "Project"),
    (r"(Summit|Meeting|Conference|Ministerial|Assembly|会合|会議|サミット)$", "Event"),
    (
        r"(Act|Strategy|Statement|Declaration|Memorandum|Report|Charter|Principles|Guidelines|"
        r"Code of Conduct|Standard|\d{3,}|法|宣言|声明|報告書|指針|原則)$",
        "Document",
    ),
    (r"(Inc\.?|Ltd\.?|Corporation|Corp\.?|plc|株式会社)$", "Company"),
    (
        r"(Organisation|Organization|Institute|Association|University|Federation|Union|"
        r"Centre|Center|機構|協会|研究所|大学|連盟|センター)$",
        "Organization",
    ),
    (r"(Initiative|Coalition|Process|Alliance|イニシアティブ|プロセス)$", "Initiative"),
)
_TYPES = tuple((re.compile(p), t) for p, t in _TYPE_BY_ENDING)
_GENERATION = re.compile(r"^(?:Beyond\s*)?\d+G$")


@dataclass(frozen=True)
class Stub:
    """One registry entry for a curator to complete."""

    ident: str
    type: str
    label: str
    lang: str
    seen: tuple[str, ...]  # "document id › locator: …context…"
    contains: tuple[str, ...]  # registry ids of known names inside the label


def guess_type(term: str) -> str:
    """The registry type a name most likely has, from its head words — before ``for``, ``of``
    or ``on`` (``Directorate-General for …``, ``Working Party on …``) — or its last words
    (``Initiative`` when nothing says)."""
    term = term.strip()
    if _GENERATION.match(term):
        return "Topic"  # 6G, like 5G
    head = re.split(r"\s+(?:for|of|on)\s+", term, maxsplit=1)[0]
    for text in dict.fromkeys((head, term)):
        for pattern, etype in _TYPES:
            if pattern.search(text):
                return etype
    return "Initiative"


def stub_id(term: str) -> str:
    """A registry id from a name: its Latin words, or a short hash for a Japanese name."""
    ascii_words = re.findall(r"[a-z0-9]+", term.lower())
    if ascii_words and sum(len(w) for w in ascii_words) * 2 >= len(term.replace(" ", "")):
        ident = "-".join(ascii_words)
        if len(ident) > 60:
            ident = re.sub(r"(?:-(?:and|of|for|on|the))+$", "", ident[:60].rsplit("-", 1)[0])
        return ident
    return "candidate-" + hashlib.sha1(match_key(term).encode()).hexdigest()[:8]


def stubs(records: list[DocumentRecord], registry: Registry) -> list[Stub]:
    """One stub per distinct candidate across ``records``, in order of first appearance."""
    by_key: dict[str, Stub] = {}
    for record in records:
        linker = Linker(registry, record.meta.id)
        for c in record.candidates:
            key = match_key(c.term)
            where = f"{record.meta.id} › {c.locator}: …{c.context}…"
            if key in by_key:
                old = by_key[key]
                by_key[key] = Stub(
                    old.ident, old.type, old.label, old.lang, (*old.seen, where), old.contains
                )
                continue
            inside = tuple(
                dict.fromkeys(m.entity.id for m in linker.find(c.term) if m.entity is not None)
            )
            by_key[key] = Stub(
                stub_id(c.term), guess_type(c.term), c.term, record.meta.language, (where,), inside
            )
    return list(by_key.values())


def stubs_toml(items: list[Stub]) -> str:
    """The stubs as registry TOML, with comments saying what the curator still has to do."""
    lines = [
        "# Registry stubs written by `bkg candidates --write` for a curator to complete.",
        "# For each entry: check the id and the guessed type, fill in the missing label,",
        "# link it (country / sub_organization_of / part_of), then move it into the matching",
        "# file of ontology/registry/ (or add the name to ignore.toml if it is no name at all).",
        "# `bkg registry check FILE.toml` checks the stubs together with the registry.",
    ]
    for s in items:
        other = "ja" if s.lang == "en" else "en"
        lines += ["", "[[entity]]", f"id = {toml_value(s.ident)}"]
        lines.append(f"type = {toml_value(s.type)}  # a guess from the name's words")
        lines.append(f"{s.lang} = {toml_value(s.label)}")
        missing = "Japanese" if other == "ja" else "English"
        lines.append(f'{other} = ""  # TODO: the {missing} label')
        if s.contains:
            lines.append(
                f"# contains the known name(s) {', '.join(s.contains)}: "
                "sub_organization_of / part_of?"
            )
        lines += [f"# seen in {where}" for where in s.seen]
    return "\n".join(lines) + "\n"
