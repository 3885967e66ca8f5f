"""Benchmark of the remote stores: our API on Oxigraph server and on Virtuoso vs each store direct.

For each size, one synthetic graph (:mod:`.generate`) is pushed with ``bkg push`` into a fresh
Oxigraph server and a fresh Virtuoso 7 (the servers of ``tests/remote``, same settings); then
the query mix (:mod:`.mix`) is sent by ``--concurrency`` clients for ``--seconds`` to our API
on the store (``bkg serve`` with ``BKG_STORE_URL``, result cache off) and to the store's own
endpoint, one after the other, query by query. Target: our API within 1.5× of the store.

    python -m bench.remote [--sizes 10k,100k] [--stores oxigraph,virtuoso] [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import load
from .generate import generate
from .mix import query_mix
from .report import machine, mix_throughput
from .sparql import RESULTS, SIZES, log, summary

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "remote"))
from remote_api import start_api, stop_api  # the test suite's server helpers
from remote_servers import start

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
START, END = "<!-- remote-bench:start -->", "<!-- remote-bench:end -->"
TARGET = 1.5


def bench_store(kind: str, data: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Push ``data`` into a fresh ``kind`` server, then the mix on our API and on the store."""
    store = start(kind, work / kind, union=True)  # Oxigraph --timeout-s 10, as in the tests
    try:
        # first without the union graph, so that the store's own default graph (direct,
        # server) holds each triple once; then again with it, for the union mode
        result: dict[str, Any] = {"push_s": _push(store, data, "server")}
        # no answer cut (the CONSTRUCT has 19,988 triples at ~1M), and a LIMIT of the cap + 1
        # within Virtuoso's MaxSortedTopRows (1,000,000 in the tests' ini); the stores'
        # own limits stop a query first (Oxigraph 10 s, Virtuoso 20 s, as in the tests):
        # Oxigraph's --timeout-s keeps a thread per query for that long, and 60 s under this
        # load exhausted them (it failed with "Resource temporarily unavailable")
        settings = {"BKG_QUERY_TIMEOUT": "60", "BKG_MAX_RESULTS": "100000"}
        listed = start_api(kind, work / f"api-{kind}", data.parent, store,
                           BKG_STORE_DATASET="listed", **settings)  # fmt: skip
        server = start_api(kind, work / f"api-{kind}-server", data.parent, store,
                           BKG_STORE_DATASET="server", **settings)  # fmt: skip
        try:
            targets = {"ours": listed.sparql, "ours-server": server.sparql, "direct": store.query}
            _measure(kind, targets, result, args)
        finally:
            stop_api(listed)
            stop_api(server)
        result["union_push_s"] = _push(store, data, "union")
        union = start_api(kind, work / f"api-{kind}-union", data.parent, store,
                          BKG_STORE_DATASET="union", **settings)  # fmt: skip
        try:
            _measure(kind, {"ours-union": union.sparql}, result, args)
        finally:
            stop_api(union)
        return result
    finally:
        store.stop()


def _push(store: Any, data: Path, dataset: str) -> float:
    """``bkg push`` of ``data`` with ``BKG_STORE_DATASET=dataset``; the seconds it took."""
    began = time.perf_counter()
    env = {**os.environ, **store.env(), "BKG_STORE_DATASET": dataset}
    pushed = subprocess.run(
        [sys.executable, "-m", "bkg_api.cli", "push", "--quiet", "--data", str(data)],
        env=env,
        capture_output=True,
        text=True,
    )
    if pushed.returncode != 0:
        raise RuntimeError(f"bkg push failed: {pushed.stdout}{pushed.stderr}")
    return round(time.perf_counter() - began, 2)


def _measure(
    kind: str, targets: dict[str, str], result: dict[str, Any], args: argparse.Namespace
) -> None:
    for name in targets:
        result[name] = {}
    for query in query_mix(args.shape):
        for name, url in targets.items():
            answer = load.signature(url, query)
            stats = load.run(url, query, args.seconds, args.concurrency)
            result[name][query.name] = summary(stats) | {"answer": answer}
            log(f"{kind} {name} {query.name}: {stats.throughput:.1f}/s ({answer})")


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        f"Run: `{report['command']}` — {report['concurrency']} concurrent clients, "
        f"{report['seconds']:g} s per target and query, loopback HTTP; our API (`bkg serve`, "
        "one process) with the result cache off, so every request reaches the store.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}, "
        f"Python {m['python']}; Virtuoso Open Source {report['virtuoso']}; "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items())
        + ".",
        "",
        "Cells: throughput (answered requests per second) · p50 / p99 latency. *union*: "
        "`BKG_STORE_DATASET=union` (the default: the union graph `bkg push` keeps as the one "
        "default graph); *listed*: `BKG_STORE_DATASET=listed` (bkg's graphs named in every "
        "request); "
        "*server*: `BKG_STORE_DATASET=server` (the store's own union default graph, as the "
        f"direct queries use). Ratios: store direct ÷ our API (target: at most {TARGET}×).",
    ]
    for size in report["sizes"]:
        lines += ["", f"#### ~{size['size']} triples ({size['triples']:,} quads)", ""]
        lines.append(
            "| store | query | our API, union | our API, listed | our API, server | store direct "
            "| direct ÷ union | direct ÷ listed | direct ÷ server | answers |"
        )
        lines.append("|---" * 10 + "|")
        for kind, result in size["stores"].items():
            for qname, direct in result["direct"].items():
                ours, fast = result["ours"][qname], result["ours-server"][qname]
                union = result["ours-union"][qname]
                answers = {ours["answer"], fast["answer"], union["answer"], direct["answer"]}
                same = (
                    f"same: {direct['answer']}"
                    if len(answers) == 1
                    else "DIFFER: " + ", ".join(sorted(answers))
                )
                lines.append(
                    f"| {kind} | {qname} | {_cell(union)} | {_cell(ours)} | {_cell(fast)} | "
                    f"{_cell(direct)} | {_ratio(direct['throughput'], union['throughput'])} | "
                    f"{_ratio(direct['throughput'], ours['throughput'])} | "
                    f"{_ratio(direct['throughput'], fast['throughput'])} | {same} |"
                )
            names = ("ours-union", "ours", "ours-server", "direct")
            mix = {n: mix_throughput(result[n]) for n in names}
            lines.append(
                f"| {kind} | **mix** | {mix['ours-union']:.2f}/s | {mix['ours']:.2f}/s | "
                f"{mix['ours-server']:.2f}/s | {mix['direct']:.2f}/s | "
                f"**{_ratio(mix['direct'], mix['ours-union'])}** | "
                f"**{_ratio(mix['direct'], mix['ours'])}** | "
                f"**{_ratio(mix['direct'], mix['ours-server'])}** | "
                f"pushed in {result['push_s']} s (+ union {result['union_push_s']} s) |"
            )
    return "\n".join(lines) + "\n"


def _cell(q: dict[str, Any]) -> str:
    extra = f", {q['errors']} errors" if q["errors"] else ""
    extra += f", {q['timeouts']} at the cap" if q["timeouts"] else ""
    return f"{q['throughput']:.2f}/s · {q['p50_ms']:.0f} / {q['p99_ms']:.0f} ms{extra}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if a > 0 and b > 0 else "–"


def update_docs(text: str, docs: Path = DOCS) -> None:
    """Put ``text`` between the remote-bench markers of docs/benchmarks.md (the rest stays)."""
    current = docs.read_text(encoding="utf-8")
    before, rest = current.split(START, 1)
    after = rest.split(END, 1)[1]
    docs.write_text(f"{before}{START}\n{text}{END}{after}", encoding="utf-8")


def virtuoso_version() -> str:
    done = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "virtuoso-opensource-7-bin"],
                          capture_output=True, text=True)  # fmt: skip
    return done.stdout.strip() or "?"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.remote", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="10k,100k", help="comma-separated: 10k, 100k, 1m")
    p.add_argument("--stores", default="oxigraph,virtuoso", help="comma-separated subset")
    p.add_argument("--seconds", type=float, default=5.0, help="load per target and query")
    p.add_argument("--concurrency", type=int, default=8, help="clients at once")
    p.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    args = p.parse_args(argv)
    report: dict[str, Any] = {
        "command": "python -m bench.remote " + " ".join(sys.argv[1:] if argv is None else argv),
        "machine": machine(),
        "virtuoso": virtuoso_version(),
        "seconds": args.seconds,
        "concurrency": args.concurrency,
        "sizes": [],
    }
    with tempfile.TemporaryDirectory(prefix="bkg-bench-remote-") as tmp:
        for label in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            data = Path(tmp) / label / "graph.nq"
            data.parent.mkdir(parents=True)
            args.shape = generate(SIZES[label], data)
            size: dict[str, Any] = {"size": label, "triples": args.shape.triples, "stores": {}}
            for kind in [s.strip() for s in args.stores.split(",") if s.strip()]:
                log(f"{label}: {kind}")
                size["stores"][kind] = bench_store(kind, data, Path(tmp) / label, args)
            report["sizes"].append(size)
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"remote-{stamp}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    text = markdown(report)
    print(text)
    if args.write_docs:
        update_docs(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
