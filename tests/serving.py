"""Real `bkg serve` processes for the tests: a free port, a start that waits until it answers,
and a stop that ends it. One copy for every suite that talks to a server over HTTP.

The port is the kernel's choice (bind to port 0), so that parallel test workers and other test
runs on the machine never ask for the same one. The server's output goes to a file: a pipe
nobody reads would fill up under load and stall it.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

#: How the tests' own interpreter runs the CLI (the checkout's code, not an installed script).
CLI = (sys.executable, "-m", "bkg_api.cli")
#: Answered by a server that has opened its store: the service description costs nothing.
ASK = "/sparql?query=ASK%7B%7D"


def free_port() -> int:
    """A loopback port nothing listens on now, chosen by the kernel."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Running:
    """A started `bkg serve`: its process, base URL and log file."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def output(self) -> str:
        """What the server has printed so far."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def start_bkg(
    serve_args: Sequence[str],
    log: Path,
    env: Mapping[str, str],
    *,
    program: Sequence[str] = CLI,
    options: Sequence[str] = (),
    cwd: Path | None = None,
    probe: str = ASK,
    timeout: float = 90.0,
    port: int | None = None,
) -> Running:
    """``program [options] serve --port PORT serve_args`` on ``port`` (a free one if not given:
    pass one only when the environment must name it); returns once a GET of ``probe`` answers
    200, and fails (with the server's output) if it exits or never does."""
    port = port or free_port()
    command = [*program, *options, "serve", "--port", str(port), *serve_args]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as sink:
        process = subprocess.Popen(
            command, env=dict(env), cwd=cwd, stdin=subprocess.DEVNULL, stdout=sink,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    running = Running(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"bkg serve exited ({process.returncode}):\n{running.output()}")
        try:
            if httpx.get(running.url + probe, timeout=5).status_code == 200:
                return running
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(
                f"bkg serve did not answer within {timeout:.0f} s:\n{running.output()}"
            )
        time.sleep(0.1)


def stop(process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Ctrl-C (SIGINT, as an operator would), then a kill if it is still there at ``timeout``."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
