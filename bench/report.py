"""The machine a run was on, and the Markdown report of the SPARQL benchmark."""

from __future__ import annotations

import math
import os
import platform
import re
from importlib import metadata
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
START, END = "<!-- sparql-bench:start -->", "<!-- sparql-bench:end -->"
NAMES = {
    "ours": "ours, cache off",
    "ours-cache": "ours, cache on",
    "oxigraph": "Oxigraph server",
    "rdflib-endpoint": "rdflib-endpoint",
}
PACKAGES = ("pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "fastapi", "uvicorn")


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        text = Path("/proc/cpuinfo").read_text()
        found = re.search(r"model name\s*:\s*(.*)", text)
        cpu = found.group(1).strip() if found else cpu
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": {p: _version(p) for p in PACKAGES},
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def mix_throughput(queries: dict[str, dict[str, Any]]) -> float:
    """Queries per second when the mix is run in equal parts (n / Σ 1/throughput)."""
    rates = [q["throughput"] for q in queries.values()]
    if not rates or any(r <= 0 for r in rates):
        return 0.0
    return len(rates) / sum(1 / r for r in rates)


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if a > 0 and b > 0 and math.isfinite(a / b) else "–"


def _agree(answers: set[Any]) -> str:
    if len(answers) == 1:
        return f"same: {answers.pop()}"
    return "DIFFER: " + ", ".join(sorted(map(str, answers)))


def _cell(q: dict[str, Any] | None) -> str:
    if q is None:
        return "–"
    extra = f", {q['timeouts']} at the 60 s cap" if q["timeouts"] else ""
    extra += f", {q['errors']} errors" if q["errors"] else ""
    return f"{q['throughput']:.2f}/s · {q['p50_ms']:.0f} / {q['p99_ms']:.0f} ms{extra}"


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        f"Run: `{report['command']}` — {report['concurrency']} concurrent clients, "
        f"{report['seconds']:g} s per system and query, loopback HTTP, every system serving "
        "the same generated N-Quads with the union default graph.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}, "
        f"Python {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()) + ".",
        "",
        "Cells: throughput (answered requests per second) · p50 / p99 latency.",
    ]
    for size in report["sizes"]:
        systems: dict[str, Any] = size["systems"]
        s = size["shape"]
        lines += [
            "",
            f"#### ~{size['size']} triples ({size['triples']:,} quads: "
            f"{s['statements']:,} statements, {s['agencies']} agencies, "
            f"{s['initiatives']} initiatives, {s['documents']} documents)",
            "",
        ]
        names = [n for n in NAMES if n in systems]
        ratios = ("ours ÷ Oxigraph", "ours ÷ rdflib-endpoint", "cached ÷ Oxigraph", "answers")
        lines.append("| query | " + " | ".join([*(NAMES[n] for n in names), *ratios]) + " |")
        lines.append("|---" * (len(names) + 5) + "|")
        queries = next(iter(systems.values()))["queries"]
        for qname in queries:
            row = {n: systems[n]["queries"].get(qname) for n in names}
            tp = {n: (row[n] or {}).get("throughput", 0.0) for n in names}
            answers = {(row[n] or {}).get("answer") for n in names}
            lines.append(
                f"| {qname} | "
                + " | ".join(_cell(row[n]) for n in names)
                + f" | {_ratio(tp.get('ours', 0), tp.get('oxigraph', 0))}"
                f" | {_ratio(tp.get('ours', 0), tp.get('rdflib-endpoint', 0))}"
                f" | {_ratio(tp.get('ours-cache', 0), tp.get('oxigraph', 0))}"
                f" | {_agree(answers)} |"
            )
        mix = {n: mix_throughput(systems[n]["queries"]) for n in names}
        lines.append(
            "| **mix** | "
            + " | ".join(f"{mix[n]:.2f}/s" for n in names)
            + f" | **{_ratio(mix.get('ours', 0), mix.get('oxigraph', 0))}**"
            f" | **{_ratio(mix.get('ours', 0), mix.get('rdflib-endpoint', 0))}**"
            f" | **{_ratio(mix.get('ours-cache', 0), mix.get('oxigraph', 0))}** | |"
        )
        lines += [
            "",
            "Ready (process start to first answer): "
            + ", ".join(f"{NAMES[n]} {systems[n]['ready_s']} s" for n in names)
            + ".",
        ]
        light = [n for n in names if "light_during_runaway" in systems[n]]
        if light:
            lines += [
                "",
                "A light query (`ASK`) one after another while a runaway query "
                "(10^10 rows to count) keeps the server busy:",
                "",
                "| system | light queries answered | p50 | p99 | slowest |",
                "|---|---|---|---|---|",
            ]
            for n in light:
                q = systems[n]["light_during_runaway"]
                lines.append(
                    f"| {NAMES[n]} | {q['answered']} of {q['requests']} | "
                    f"{q['p50_ms']:.1f} ms | {q['p99_ms']:.1f} ms | "
                    f"{q['max_ms'] / 1000:.2f} s |"
                )
    return "\n".join(lines) + "\n"


def update_docs(text: str, docs: Path = DOCS) -> None:
    """Put ``text`` between the SPARQL markers of docs/benchmarks.md (the rest stays)."""
    current = docs.read_text(encoding="utf-8") if docs.exists() else ""
    block = f"{START}\n{text}{END}"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1]
        docs.write_text(before + block + after, encoding="utf-8")
    else:
        docs.write_text(current + ("\n" if current else "") + block + "\n", encoding="utf-8")
