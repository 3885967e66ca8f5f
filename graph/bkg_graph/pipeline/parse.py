"""Parse a report into its structure: headings, numbered/lettered items, footnotes.

Text converted from a PDF carries layout debris: items split across a page break (blank lines
in the middle of a sentence), footnote blocks dropped into the middle of an item, hard line
breaks inside names. The parser rejoins them and keeps, for every character of an item's clean
text, the offset in the source it came from, so any part can be quoted exactly.

Heading levels (``##`` vs ``####``) are not trusted: a heading is a pillar when its text says
so (``第一の柱``, ``Pillar 2``, a pillar of the scheme), otherwise a theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import DocumentError
from ..text import has_cjk, joiner

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_ITEM = re.compile(
    r"^(?P<indent>[ \t]*)(?:[-*•]\s+)?[(（]?"
    r"(?P<label>[a-z]|[ivx]{1,5}|\d{1,3})(?:[.．)）])\s*(?P<text>.*)$"
)
# footnotes as PDF converters write them (<sup>1</sup>) or as Markdown does ([^1] … [^1]: …)
_FOOTNOTE = re.compile(r"^\s*(?:<sup>\s*(?P<n>\d+)\s*</sup>|\[\^(?P<m>[\w-]+)\]:)\s*(?P<text>.*)$")
_SUP = re.compile(r"<sup>\s*(\d+)\s*</sup>|\[\^([\w-]+)\](?!:)")
_INLINE_URL = re.compile(r"<?(https?://[^\s>)]+)>?")
_URL_LINE = re.compile(
    r"^\s*(?:<(?P<a>https?://[^>\s]+)>|\[[^\]]*\]\((?P<b>https?://[^)\s]+)\))\s*$"
)
_PAGE_ARTEFACT = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|page\s+\d{1,4}(\s+of\s+\d+)?)\s*$",
    re.IGNORECASE,
)
_PILLAR_WORDS = re.compile(
    r"第[一二三四五六七八九十\d]+の柱|^\s*pillar\s+\d+|^前文$|^preamble$", re.I
)
_PROVISIONAL = re.compile(r"^[(（]\s*(仮訳|provisional translation)\s*[)）]$", re.I)
_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
_OPEN = "(（「『[［"
_CLOSE = ")）」』]］"
_BRACKET_REACH = 120  # an opening bracket further back than this at a 。 is taken as unbalanced


@dataclass
class Footnote:
    number: str
    title: str
    line: int
    url: str | None = None


@dataclass
class Item:
    """One numbered, lettered or roman item, with its clean text mapped to the source."""

    label: str
    kind: str  # "number" | "letter" | "roman"
    line: int
    pillar: str | None
    theme: str | None
    parent: Item | None = None
    heading: str | None = None
    chars: list[str] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)
    fragments: list[list[int]] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def add(self, text: str, origin: list[int], *, new_fragment: bool) -> None:
        """Append a piece of clean text; a page break starts a new source fragment."""
        if not text:
            return
        if self.chars:
            glue = joiner(self.chars[-1], text[0])
            if glue:
                self.chars.append(glue)
                self.origin.append(self.origin[-1] + 1)
        self.chars.extend(text)
        self.origin.extend(origin)
        if new_fragment or not self.fragments:
            self.fragments.append([origin[0], origin[-1] + 1])
        else:
            self.fragments[-1][1] = origin[-1] + 1


@dataclass
class ParsedDocument:
    source: str
    title: str | None
    provisional: bool
    items: list[Item]
    footnotes: dict[str, Footnote]
    headings: list[tuple[int, str, str]]  # (line, "pillar" | "theme" | "title", text)
    warnings: list[tuple[int, str]]


def decode(raw: bytes, *, path: str, limit: int) -> str:
    """Bytes → text, refusing what is not a UTF-8 text document."""
    if not raw.strip():
        raise DocumentError("the document is empty", path=path)
    if len(raw) > limit:
        raise DocumentError(
            f"the document is {len(raw):,} bytes, over the limit of {limit:,} "
            "(BKG_MAX_DOCUMENT_BYTES)",
            path=path,
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw[:nul].count(b"\n") + 1
        raise DocumentError("binary data (a NUL byte); expected UTF-8 text", path=path, line=line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DocumentError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            path=path,
            line=line,
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for lineno, line_text in enumerate(text.split("\n"), 1):
        bad = [c for c in line_text if ord(c) < 32 and c not in "\t"]
        if bad:
            raise DocumentError(
                f"control character U+{ord(bad[0]):04X}; expected plain text",
                path=path,
                line=lineno,
            )
    return text


def _strip_markup(line: str, offset: int, start: int) -> tuple[str, list[int], list[str]]:
    """Clean text of line[start:] without trailing spaces and <sup> markers, with origins."""
    end = len(line.rstrip())
    chars: list[str] = []
    origin: list[int] = []
    notes: list[str] = []
    pos = start
    for m in _SUP.finditer(line, start, end):
        chars.extend(line[pos : m.start()])
        origin.extend(range(offset + pos, offset + m.start()))
        notes.append(m.group(1) or m.group(2))
        pos = m.end()
    chars.extend(line[pos:end])
    origin.extend(range(offset + pos, offset + end))
    # trim spaces left at either end by a removed marker
    while chars and chars[-1].isspace():
        chars.pop()
        origin.pop()
    while chars and chars[0].isspace():
        chars.pop(0)
        origin.pop(0)
    return "".join(chars), origin, notes


class _Parser:
    def __init__(self, source: str, is_pillar: PillarTest, *, flat: bool = False) -> None:
        self.source = source
        self.is_pillar = is_pillar
        # a document without pillar headings (a joint statement): headings are themes and
        # items stand under one implicit pillar, named ""
        self.flat = flat
        self.items: list[Item] = []
        self.footnotes: dict[str, Footnote] = {}
        self.headings: list[tuple[int, str, str]] = []
        self.warnings: list[tuple[int, str]] = []
        self.title: str | None = None
        self.provisional = False
        self.pillar: str | None = None
        self.theme: str | None = None
        self.current: Item | None = None
        self.last_top: Item | None = None
        self.in_footnotes = False
        self.footnote: Footnote | None = None
        self.gap = False  # blank line(s) or a footnote block since the item's last line

    def run(self) -> None:
        offset = 0
        for lineno, line in enumerate(self.source.split("\n"), 1):
            self.line(lineno, line, offset)
            offset += len(line) + 1

    def line(self, lineno: int, line: str, offset: int) -> None:
        if not line.strip():
            self.gap = True
            return
        if _RULE.match(line):
            self.in_footnotes = True
            self.footnote = None
            self.gap = True
            return
        fn = _FOOTNOTE.match(line)
        if fn:
            self.in_footnotes = True
            self.gap = True
            number = fn.group("n") or fn.group("m")
            title = fn.group("text").strip()
            url = _INLINE_URL.search(title)
            if url:
                title = (title[: url.start()] + title[url.end() :]).strip(" ,;")
            self.footnote = Footnote(number, title, lineno, url.group(1) if url else None)
            if number in self.footnotes:
                self.warnings.append((lineno, f"footnote {number} defined twice"))
            self.footnotes[number] = self.footnote
            return
        url = _URL_LINE.match(line)
        if url and self.in_footnotes:
            if self.footnote is not None and self.footnote.url is None:
                self.footnote.url = url.group("a") or url.group("b")
            return
        if _PAGE_ARTEFACT.match(line):
            self.gap = True
            return
        self.in_footnotes = False
        self.footnote = None
        heading = _HEADING.match(line)
        if heading:
            self.on_heading(lineno, heading.group("text").strip())
            return
        item = _ITEM.match(line)
        if item and (self.pillar is not None or self.flat):
            if self.pillar is None:
                self.pillar = ""
            self.on_item(lineno, line, offset, item)
            return
        self.on_text(lineno, line, offset)

    def on_heading(self, lineno: int, text: str) -> None:
        self.current = None
        if self.is_pillar(text):
            self.pillar, self.theme = text, None
            self.headings.append((lineno, "pillar", text))
        elif self.pillar is None and not self.items and self.title is None:
            self.title = text
            self.headings.append((lineno, "title", text))
        elif self.pillar is None and not self.flat:
            self.warnings.append((lineno, f"heading before the first pillar ignored: {text}"))
        else:
            if self.pillar is None:
                self.pillar = ""
            self.theme = text
            self.headings.append((lineno, "theme", text))

    def on_item(self, lineno: int, line: str, offset: int, m: re.Match[str]) -> None:
        label, indent = m.group("label"), len(m.group("indent").expandtabs(4))
        kind = "number" if label.isdigit() else "letter"
        parent = None
        top = self.last_top
        if label in _ROMAN and top is not None and top.kind == "letter":
            expected = chr(ord(top.label) + 1) if len(top.label) == 1 else ""
            if indent > 0 or label != expected:
                kind, parent = "roman", top
        elif indent > 0 and top is not None and kind == "letter" and label not in _ROMAN:
            self.warnings.append((lineno, f"indented item {label}. read as a top-level item"))
        item = Item(label, kind, lineno, self.pillar, self.theme, parent=parent)
        text, origin, notes = _strip_markup(line, offset, m.start("text"))
        # A short first line ending in a hard break, followed by the body, is the item's title.
        if kind == "roman" and line.endswith("  ") and "。" not in text and len(text) <= 60:
            item.heading = text
            item.fragments.append([origin[0], origin[-1] + 1] if origin else [offset, offset])
        else:
            item.add(text, origin, new_fragment=True)
        item.footnotes.extend(notes)
        self.items.append(item)
        if kind != "roman":
            self.last_top = item
        self.current = item
        self.gap = False

    def on_text(self, lineno: int, line: str, offset: int) -> None:
        stripped = line.strip()
        if self.current is None:
            if self.pillar is None and _PROVISIONAL.match(stripped):
                self.provisional = True
            elif self.pillar is None and not self.items:
                self.warnings.append((lineno, f"front matter ignored: {stripped[:40]}"))
            else:
                self.warnings.append((lineno, f"text outside any item: {stripped[:40]}"))
            return
        text, origin, notes = _strip_markup(line, offset, len(line) - len(line.lstrip()))
        item = self.current
        # the body under a sub-item's title line continues the title's fragment
        item.add(text, origin, new_fragment=self.gap and bool(item.chars))
        item.footnotes.extend(notes)
        self.gap = False


class PillarTest:
    """Decides whether a heading names a pillar (by its words or by the scheme)."""

    def __init__(self, known: set[str] | None = None) -> None:
        from ..text import match_key

        self._key = match_key
        self.known = {match_key(k) for k in (known or set())}

    def __call__(self, heading: str) -> bool:
        return bool(_PILLAR_WORDS.search(heading.strip())) or self._key(heading) in self.known


def parse(
    source: str, *, path: str = "<document>", pillars: PillarTest | None = None
) -> ParsedDocument:
    """Parse a decoded document; raise DocumentError if it has no recognisable structure."""
    is_pillar = pillars or PillarTest()
    headings = [m.group("text") for m in map(_HEADING.match, source.split("\n")) if m]
    parser = _Parser(source, is_pillar, flat=not any(is_pillar(h.strip()) for h in headings))
    parser.run()
    if not parser.items:
        raise DocumentError(
            "no recognisable structure: no numbered or lettered items "
            "(expected e.g. '### 第一の柱：…' then '- a. …', or '1. …' paragraphs)",
            path=path,
        )
    for item in parser.items:
        if not item.chars:
            raise DocumentError(f"item {item.label}. has no text", path=path, line=item.line)
    for item in parser.items:
        for n in item.footnotes:
            if n not in parser.footnotes:
                parser.warnings.append((item.line, f"footnote {n} is referenced but not defined"))
    return ParsedDocument(
        source=source,
        title=parser.title,
        provisional=parser.provisional,
        items=parser.items,
        footnotes=parser.footnotes,
        headings=parser.headings,
        warnings=parser.warnings,
    )


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of an item's clean text (brackets respected).

    Japanese text ends sentences with 。 only; a full stop there belongs to a name
    (``GOV. UK``). Text without CJK characters ends sentences at ``. `` before a capital.
    """
    latin = not has_cjk(text)
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE and stack:
            stack.pop()
        end_here = False
        if ch in "。．":
            stack = [p for p in stack if i - p <= _BRACKET_REACH]
            end_here = not stack
        elif latin and ch in ".!?" and not stack and i + 1 < n and text[i + 1] == " ":
            nxt = text[i + 2 : i + 3]
            prev_word = text[max(start, i - 4) : i].split(" ")[-1]
            end_here = bool(nxt) and (nxt.isupper() or nxt in "\"'“(") and len(prev_word) > 1
        if end_here:
            j = i + 1
            while j < n and text[j] in "」』）) ":
                if text[j] in "」』）)" and not stack:
                    break
                j += 1
            spans.append((start, j))
            while j < n and text[j] == " ":
                j += 1
            start = j
            i = j
            continue
        i += 1
    if start < n and text[start:].strip():
        spans.append((start, n))
    return spans
