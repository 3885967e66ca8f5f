"""``python -m bench.build``: build and ingest times at 1, 100 and 1,000 synthetic documents.

For each size: a synthetic corpus (:mod:`bench.corpus`), then, each as its own ``bkg``
process, a clean build (empty cache), a rebuild with nothing changed, and three ingests
(switching the data folder a running ``bkg serve`` answers from): one council dated among
the others (``kg.nq`` is written again from its place on), the newest council (what a
partnership publishes next: only the end of ``kg.nq`` is written), and ten councils dated
among the others in one ingest (an archive of earlier reports); after each, how
long until that server answers on the new version (``/readyz``, a query). Wall time,
CPU time (the command and its worker processes: what the machine's other load does not
change) and peak memory (the sum of the resident sizes of the process and its workers,
sampled every 50 ms) are printed as a Markdown table for docs/benchmarks.md, then each
step's wall time at every size over that at the first (does it grow with the corpus?).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

from .corpus import document, write_corpus

#: How many councils the last ingest adds at once (an archive of earlier reports).
BATCH = 10


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (with its workers) and peak memory (bytes, process tree)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if proc.returncode != 0:
        error = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(args)} failed: {error}")
    return elapsed, cpu, peak


def measure(size: int, root: Path) -> dict[str, tuple[float, float | None, int | None]]:
    corpus, out, data = root / "corpus", root / "build", root / "data"
    write_corpus(corpus, size)
    env = {**os.environ, "BKG_CORPUS_DIR": str(corpus), "BKG_BUILD_DIR": str(out)}
    env["BKG_DATA_DIR"] = str(data)
    bkg = [sys.executable, "-m", "bkg_api.cli"]
    results: dict[str, tuple[float, float | None, int | None]] = {
        "clean build": run([*bkg, "build", "--quiet"], env)
    }
    results["rebuild, nothing changed"] = run([*bkg, "build", "--quiet"], env)
    load = (
        "import sys; from pathlib import Path; from bkg_graph.store import DataDir; "
        "DataDir(Path(sys.argv[1])).load_build(Path(sys.argv[2]))"
    )
    results["first load into the data folder"] = run(
        [sys.executable, "-c", load, str(data), str(out)], env
    )
    from bkg_graph import paths
    from bkg_graph.registry import load_registry

    registry = load_registry(paths.registry_dir())
    extras: dict[str, list[Path]] = {}
    batches = (
        ([size], "one council dated among the others"),
        ([size + 1], "the newest council"),
        (list(range(size + 2, size + 2 + BATCH)), f"{BATCH} councils dated among the others"),
    )
    for numbers, label in batches:
        extras[label] = []
        for n in numbers:
            text, meta = document(n, registry)
            if label == "the newest council":  # the day after every other: what comes next
                meta = re.sub(r'date = "[^"]*"', f'date = "{_after(corpus)}"', meta)
            extra = root / f"council-{n}.md"
            extra.write_text(text, encoding="utf-8")
            extra.with_suffix(".toml").write_text(meta, encoding="utf-8")
            extras[label].append(extra)
    port = _free_port()
    server = subprocess.Popen(
        [*bkg, "serve", "--port", str(port)],
        env={**env, "BKG_LOG_FORMAT": "json"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for label, files in extras.items():
            before = _served(port, None)
            step = f"ingest {label} (build + served switch)"
            results[step] = run([*bkg, "ingest", *map(str, files)], env)
            start = time.perf_counter()
            version = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["version"]
            assert version != before
            _served(port, version)
            elapsed = time.perf_counter() - start
            results[f"server answers on the new version, {label}"] = (elapsed, None, None)
    finally:
        server.terminate()
        server.wait(30)
    return results


def _after(corpus: Path) -> str:
    """The day after the newest document of ``corpus``."""
    dates = [
        dt.date.fromisoformat(m.group(1))
        for path in corpus.glob("*/metadata.toml")
        if (m := re.search(r'^date = "([^"]+)"', path.read_text(encoding="utf-8"), re.M))
    ]
    return (max(dates) + dt.timedelta(days=1)).isoformat()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _served(port: int, version: str | None, timeout: float = 120.0) -> str:
    """Poll ``/readyz`` (a query past the cache) until it answers ``version`` (any if None)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as r:
                served: str = json.load(r)["dataset_version"]
                if version is None or served == version:
                    return served
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    raise SystemExit(f"the server did not answer version {version} in {timeout} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.build", description=__doc__)
    parser.add_argument("--sizes", default="1,100,1000", help="corpus sizes (default: 1,100,1000)")
    parser.add_argument("--keep", type=Path, help="keep the corpora and builds under this folder")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"cores: {len(os.sched_getaffinity(0))}, python {sys.version.split()[0]}")
    print("\n| documents | step | wall s | CPU s | peak MB |\n|---:|---|---:|---:|---:|")
    walls: dict[str, dict[int, float]] = {}
    for size in sizes:
        root = Path(tempfile.mkdtemp(prefix=f"bkg-bench-{size}-", dir=args.keep))
        try:
            for step, (wall, cpu, peak) in measure(size, root).items():
                cpu_s = "—" if cpu is None else f"{cpu:.1f}"  # a wait, not a process
                peak_mb = "—" if peak is None else f"{peak / 1e6:,.0f}"
                row = f"| {size:,} | {step} | {wall:.1f} | {cpu_s} | {peak_mb} |"
                print(row, flush=True)
                if cpu is not None:
                    walls.setdefault(step, {})[size] = wall
        finally:
            if args.keep is None:
                shutil.rmtree(root, ignore_errors=True)
    if len(sizes) > 1:  # how each step grows with the corpus, in this run (the machine's load
        # moves every row; it moves these ratios less)
        first, *rest = sizes
        print(f"\n| step | {' | '.join(f'{n:,} ÷ {first:,}' for n in rest)} |")
        print(f"|---|{'---:|' * len(rest)}")
        for step, by_size in walls.items():
            ratios = " | ".join(f"{by_size[n] / by_size[first]:.1f}×" for n in rest)
            print(f"| {step} | {ratios} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
