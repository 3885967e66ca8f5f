"""Fixtures of the browser tests: one Chromium and the servers it visits, for the session."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM, FLAGS, HOSTILE, Watched, start_server
from playwright.sync_api import Browser, sync_playwright
from serving import stop


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.context.close()


@pytest.fixture(scope="session")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """Start `bkg serve` with the given arguments; every server is stopped at the end."""
    procs: list[subprocess.Popen[bytes]] = []

    def start(*args: str) -> str:
        proc, base = start_server(tmp_path_factory.mktemp("data"), *args)
        procs.append(proc)
        return base

    yield start
    for proc in procs:
        stop(proc)


@pytest.fixture(scope="session")
def report(serve: Callable[..., str], build_dir: Path) -> str:
    """A server of the bundled report."""
    return serve("--build", str(build_dir))


@pytest.fixture(scope="session")
def hostile(serve: Callable[..., str]) -> str:
    """A server of a small graph whose labels try to inject markup."""
    return serve("--data", str(HOSTILE))
