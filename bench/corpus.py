"""A deterministic synthetic corpus of council documents in the shape of the real ones.

Each document is a joint statement or progress report in English: a title, a preamble, then
pillars and themes from the registry's scheme with lettered items (some with numbered
sub-items). Items name registry agencies (by name or abbreviation) acting on registry
initiatives, with dates, amounts and the verbs the status and strength rules read — drawn
with a skew, as in real reports, and varied per document (not copies). Councils are spread
over partnerships' years, so dates and events differ; ids are ``council-<n>``.
"""

from __future__ import annotations

import random
from pathlib import Path

from bkg_graph import paths
from bkg_graph.registry import Registry, load_registry

VERBS = (
    "will continue to work together on",
    "agreed to cooperate on",
    "welcomed the progress of",
    "plan to explore",
    "have launched",
    "will hold regular meetings on",
    "intend to deepen cooperation on",
    "completed the first phase of",
)
TOPICS = (
    "supply chain resilience",
    "privacy-enhancing technologies",
    "the security of connected devices",
    "open and interoperable networks",
    "trusted data flows",
    "the evaluation of advanced AI systems",
    "digital skills for public servants",
    "standards for digital identity",
)
MONTHS = ("January", "March", "April", "June", "July", "September", "October", "December")


def _agent(rng: random.Random, agencies: list[tuple[str, str]]) -> str:
    name, abbr = agencies[min(int(rng.paretovariate(1.2)) - 1, len(agencies) - 1)]
    return abbr if abbr and rng.random() < 0.5 else f"the {name}"


def _item(rng: random.Random, reg: list[tuple[str, str]], inis: list[str], year: int) -> str:
    first, second = _agent(rng, reg), _agent(rng, reg)
    actors = first if first == second else f"{first} and {second}"
    ini = inis[min(int(rng.paretovariate(1.1)) - 1, len(inis) - 1)]
    parts = [f"{actors[0].upper()}{actors[1:]} {rng.choice(VERBS)} the {ini}"]
    parts.append(f"with a focus on {rng.choice(TOPICS)}")
    if rng.random() < 0.5:
        parts.append(f"by {rng.choice(MONTHS)} {year + rng.randint(0, 2)}")
    sentence = " ".join(parts) + "."
    if rng.random() < 0.25:
        sentence += f" The UK will invest up to £{rng.randint(1, 30)} million in joint trials."
    if rng.random() < 0.3:
        sentence += f" Both sides will review progress in {year + 1}."
    return sentence


def document(n: int, registry: Registry, statements: int = 24) -> tuple[str, str]:
    """The text and the metadata (TOML) of synthetic council document ``n``."""
    rng = random.Random(n)
    agencies = sorted(
        (e.en, e.abbr[0] if e.abbr else "")
        for e in registry.entities.values()
        if e.kind == "Agency"
    )
    rng.shuffle(agencies)
    initiatives = [e.en for e in registry.entities.values() if e.kind == "Initiative"]
    rng.shuffle(initiatives)
    themes = [t for t in registry.themes.values() if t.pillar not in ("general", "preamble")]
    year = 2015 + n % 12
    lines = [
        f"# UK–Japan Digital Partnership: Joint Statement of Council {n}",
        "",
        "## Preamble",
        "",
        f"1. The Participants held the council on {rng.randint(1, 28)} {rng.choice(MONTHS)} "
        f"{year} and agreed on the following.",
        "",
    ]
    by_pillar: dict[str, list[str]] = {}
    for k in range(statements):
        theme = themes[min(int(rng.paretovariate(0.8)) - 1, len(themes) - 1) if k else 0]
        by_pillar.setdefault(theme.pillar, []).append(theme.id)
    for pillar in registry.pillars.values():
        if pillar.id not in by_pillar:
            continue
        lines += [f"## {pillar.en}", ""]
        for theme_id in dict.fromkeys(by_pillar[pillar.id]):
            theme = registry.themes[theme_id]
            if theme.id != pillar.default_theme:
                lines += [f"### {theme.en}", ""]
            for k in range(by_pillar[pillar.id].count(theme_id)):
                lines.append(f"{chr(ord('a') + k)}. {_item(rng, agencies, initiatives, year)}")
            lines.append("")
    meta = (
        f'id = "council-{n}"\n'
        f'title_en = "UK–Japan Digital Partnership: Joint Statement of Council {n}"\n'
        f'date = "{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"\n'
        'language = "en"\npartnership = "jp-uk-digital-partnership"\n'
        'parties = ["jp", "uk"]\nissuers = ["mic", "meti", "digital-agency", "dsit"]\n'
    )
    return "\n".join(lines), meta


def write_corpus(folder: Path, count: int, start: int = 0) -> list[str]:
    """Write ``count`` documents (``council-<start>``…) as corpus folders; their ids."""
    registry = load_registry(paths.registry_dir())
    ids = []
    for n in range(start, start + count):
        text, meta = document(n, registry)
        doc = folder / f"council-{n}"
        doc.mkdir(parents=True, exist_ok=True)
        (doc / "document.txt").write_text(text, encoding="utf-8")
        (doc / "metadata.toml").write_text(meta, encoding="utf-8")
        ids.append(f"council-{n}")
    return ids
