"""The HTTP load: clients sending one query's variants for a while; latency and throughput.

Every request waits at most ``cap`` seconds (60 for everyone); a request that hits the cap
counts as ``cap`` seconds and as a timeout. Throughput counts answered requests (2xx) over
the time from the first request to the last answer.
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass, field

import httpx
from rdflib import Graph

from .mix import Query

CAP = 60.0


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    timeouts: int = 0
    elapsed: float = 0.0

    @property
    def answered(self) -> int:
        return len(self.latencies) - self.errors - self.timeouts

    @property
    def throughput(self) -> float:
        return self.answered / self.elapsed if self.elapsed else 0.0

    def merge(self, other: Stats) -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.timeouts += other.timeouts
        self.elapsed += other.elapsed

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        if len(self.latencies) == 1:
            return self.latencies[0]
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(p) - 1]


def one(client: httpx.Client, url: str, query: str, accept: str) -> tuple[float, int]:
    """Latency and status of one request (status 0: it hit the cap; -1: no answer)."""
    start = time.perf_counter()
    try:
        response = client.get(url, params={"query": query}, headers={"Accept": accept})
        return time.perf_counter() - start, response.status_code
    except httpx.TimeoutException:
        return CAP, 0
    except httpx.TransportError:  # the server went away (it is stopped at the end of a run)
        return time.perf_counter() - start, -1


def run(url: str, query: Query, seconds: float, concurrency: int) -> Stats:
    """``concurrency`` clients sending the variants of ``query`` for ``seconds``."""
    stats = Stats()
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + seconds

    def client(offset: int) -> None:
        with httpx.Client(timeout=CAP) as http:
            i = offset
            while time.perf_counter() < deadline:
                latency, status = one(
                    http, url, query.variants[i % len(query.variants)], query.accept
                )
                i += 1
                with lock:
                    stats.latencies.append(latency)
                    stats.timeouts += status == 0
                    stats.errors += status not in (0, 200)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats.elapsed = time.perf_counter() - start
    return stats


def signature(url: str, query: Query) -> str:
    """What the first variant answers, to check that every system gives the same answer."""
    with httpx.Client(timeout=CAP) as http:
        try:
            response = http.get(
                url, params={"query": query.variants[0]}, headers={"Accept": query.accept}
            )
        except httpx.TimeoutException:
            return "timeout"
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    if query.accept == "text/turtle":
        return f"{len(Graph().parse(data=response.text, format='turtle'))} triples"
    return f"{len(response.json()['results']['bindings'])} rows"


def responsiveness(url: str, heavy: str, light: str, seconds: float) -> Stats:
    """Latency of ``light`` sent one after another while ``heavy`` keeps the server busy."""
    stop = threading.Event()

    def hog() -> None:
        with httpx.Client(timeout=CAP) as http:
            while not stop.is_set():
                one(http, url, heavy, "application/sparql-results+json")

    thread = threading.Thread(target=hog, daemon=True)
    thread.start()
    time.sleep(0.5)
    stats = Stats()
    start = time.perf_counter()
    with httpx.Client(timeout=CAP) as http:
        while time.perf_counter() - start < seconds:
            latency, status = one(http, url, light, "application/sparql-results+json")
            stats.latencies.append(latency)
            stats.errors += status != 200
    stats.elapsed = time.perf_counter() - start
    stop.set()
    return stats
