"""The counts carried from build to build equal the counts added up from every block."""

from __future__ import annotations

import random
from pathlib import Path

from bkg_graph import tally
from bkg_graph.describe import total
from bkg_graph.pipeline.stats import Stats, of_terms, save

BASE = "https://example.org/id/"


def _block(rng: random.Random, n: int) -> Stats:
    """The stats of a block of lines drawn from a small vocabulary, so that blocks share
    triples, subjects, predicates and classes (and some subjects are not entities)."""
    terms = set()
    for _ in range(n):
        s = f"<{BASE}s{rng.randrange(40)}>" if rng.random() < 0.8 else f"<urn:x:{rng.randrange(9)}>"
        if rng.random() < 0.3:
            p, o = (
                "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
                f"<{BASE}C{rng.randrange(5)}>",
            )
        else:
            p, o = f"<{BASE}p{rng.randrange(6)}>", f'"{rng.randrange(30)}"'
        terms.add((s, p, o))
    return of_terms(sorted(terms), BASE)


def test_a_tally_follows_blocks_coming_and_going(tmp_path: Path) -> None:
    rng = random.Random(7)
    blocks: dict[str, Stats] = {}
    for k in range(30):
        blocks[f"b{k}.stats"] = _block(rng, rng.randrange(0, 60))
        save(blocks[f"b{k}.stats"], tmp_path / f"b{k}.stats")
    names = list(blocks)
    for step in range(25):
        chosen = rng.sample(names, rng.randrange(1, len(names)))
        parts: dict[str, Stats | Path] = {n: tmp_path / n for n in chosen}
        got = tally.update(tmp_path, parts)
        assert got == total([blocks[n] for n in chosen]), step


def test_a_tally_whose_blocks_are_gone_counts_again(tmp_path: Path) -> None:
    rng = random.Random(3)
    first = _block(rng, 50)
    second = _block(rng, 50)
    save(first, tmp_path / "a.stats")
    tally.update(tmp_path, {"a.stats": tmp_path / "a.stats"})
    (tmp_path / "a.stats").unlink()  # pruned: it cannot be taken away any more
    assert tally.update(tmp_path, {"b": second}) == total([second])
