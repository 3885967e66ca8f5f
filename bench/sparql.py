"""Benchmark of the SPARQL endpoint: ours (cache off and on) vs rdflib-endpoint vs Oxigraph.

For each size, one synthetic graph (see :mod:`.generate`) is served by every system; each
query of the mix (:mod:`.mix`) is sent by ``--concurrency`` clients for ``--seconds`` per
system — ours and Oxigraph taking turns in ``--rounds`` short rounds, the much slower peer
after them — then a light query is timed while a runaway query keeps the server busy.

    python -m bench.sparql [--sizes 10k,100k] [--large] [--seconds 5] [--concurrency 8]
                           [--rounds 5] [--systems ...] [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import load, servers
from .generate import generate
from .mix import Query, query_mix
from .report import machine, markdown, update_docs

PEER = "rdflib-endpoint"
SYSTEMS = ("ours", "ours-cache", "oxigraph", PEER)
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
VALUES = "".join(f" VALUES ?v{i} {{ 0 1 2 3 4 5 6 7 8 9 }}" for i in range(10))
RUNAWAY = f"SELECT (COUNT(*) AS ?n) WHERE {{{VALUES} }}"
LIGHT = "ASK { ?s a <https://w3id.org/bilateral-kg/ontology#Agency> }"
RESULTS = Path(__file__).resolve().parent / "results"


def bench_size(label: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Ours and Oxigraph run side by side, taking turns in short rounds, so that other load
    on the machine falls on all of them alike; the peer, 10–100× slower, runs after."""
    data = work / label / "graph.nq"
    shape = generate(SIZES[label], data)
    queries = query_mix(shape)
    out: dict[str, Any] = {
        "size": label,
        "triples": shape.triples,
        "shape": shape.__dict__,
        "systems": {},
    }
    fast = [n for n in args.systems if n != PEER]
    running: dict[str, servers.Running] = {}
    try:
        for name in fast:
            began = time.perf_counter()
            running[name] = servers.start(name, data, work / label)
            out["systems"][name] = {"ready_s": round(time.perf_counter() - began, 2), "queries": {}}
        for query in queries:
            totals = {name: load.Stats() for name in fast}
            answers = {name: load.signature(running[name].url, query) for name in fast}
            for turn in range(args.rounds):
                for name in fast[turn % len(fast) :] + fast[: turn % len(fast)]:
                    stats = load.run(
                        running[name].url, query, args.seconds / args.rounds, args.concurrency
                    )
                    totals[name].merge(stats)
            for name in fast:
                out["systems"][name]["queries"][query.name] = summary(totals[name]) | {
                    "answer": answers[name]
                }
                log(
                    f"{label} {name} {query.name}: {totals[name].throughput:.1f}/s "
                    f"p50 {totals[name].percentile(50) * 1000:.1f} ms ({answers[name]})"
                )
        for name in fast:
            if name != "ours-cache":
                light = load.responsiveness(running[name].url, RUNAWAY, LIGHT, args.seconds)
                out["systems"][name]["light_during_runaway"] = summary(light)
    finally:
        for r in running.values():
            r.stop()
    if PEER in args.systems:
        out["systems"][PEER] = bench_peer(label, args, work, data, queries)
    return out


def bench_peer(
    label: str, args: argparse.Namespace, work: Path, data: Path, queries: list[Query]
) -> dict[str, Any]:
    began = time.perf_counter()
    running = servers.start(PEER, data, work / label)
    result: dict[str, Any] = {"ready_s": round(time.perf_counter() - began, 2), "queries": {}}
    try:
        for query in queries:
            answer = load.signature(running.url, query)
            stats = load.run(running.url, query, args.seconds, args.concurrency)
            result["queries"][query.name] = summary(stats) | {"answer": answer}
            log(
                f"{label} {PEER} {query.name}: {stats.throughput:.2f}/s "
                f"p50 {stats.percentile(50) * 1000:.1f} ms ({answer})"
            )
            if stats.timeouts:  # it is still working on what timed out: start afresh
                running.stop()
                running = servers.start(PEER, data, work / label)
        light = load.responsiveness(running.url, RUNAWAY, LIGHT, args.seconds)
        result["light_during_runaway"] = summary(light)
    finally:
        running.stop()
    return result


def summary(stats: load.Stats) -> dict[str, Any]:
    return {
        "requests": len(stats.latencies),
        "answered": stats.answered,
        "errors": stats.errors,
        "timeouts": stats.timeouts,
        "elapsed_s": round(stats.elapsed, 3),
        "throughput": round(stats.throughput, 3),
        "p50_ms": round(stats.percentile(50) * 1000, 2),
        "p99_ms": round(stats.percentile(99) * 1000, 2),
        "max_ms": round(max(stats.latencies, default=0.0) * 1000, 2),
    }


def log(message: str) -> None:
    print(f"· {message}", file=sys.stderr, flush=True)


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.sparql", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="10k,100k", help="comma-separated: 10k, 100k, 1m")
    p.add_argument("--large", action="store_true", help="add the ~1M-triple graph (slow)")
    p.add_argument("--seconds", type=float, default=5.0, help="load per system and query")
    p.add_argument("--concurrency", type=int, default=8, help="clients at once")
    p.add_argument("--rounds", type=int, default=5, help="turns the fast systems take")
    p.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset")
    p.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    args = p.parse_args(argv)
    args.sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    if args.large and "1m" not in args.sizes:
        args.sizes.append("1m")
    args.systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    for size in args.sizes:
        if size not in SIZES:
            p.error(f"unknown size {size!r}; use 10k, 100k or 1m")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    command = "python -m bench.sparql " + " ".join(sys.argv[1:] if argv is None else argv)
    report: dict[str, Any] = {
        "command": command.strip(),
        "machine": machine(),
        "seconds": args.seconds,
        "concurrency": args.concurrency,
        "sizes": [],
    }
    with tempfile.TemporaryDirectory(prefix="bkg-bench-") as tmp:
        for label in args.sizes:
            report["sizes"].append(bench_size(label, args, Path(tmp)))
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"sparql-{stamp}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    text = markdown(report)
    (RESULTS / f"sparql-{stamp}.md").write_text(text)
    print(text)
    if args.write_docs:
        update_docs(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
