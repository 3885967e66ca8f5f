"""`bkg push` on a terminal: a progress bar instead of plain lines (Oxigraph server)."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from remote_api import manifest_version
from remote_servers import start

from bkg_graph.store.remote.push import read_graphs

pytestmark = pytest.mark.slow

BASE = "https://w3id.org/bilateral-kg/id/"
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # colours, cursor moves, line erasing


def on_terminal(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run ``command`` with a pseudo-terminal as its standard streams; its exit status and
    what it wrote, without escape sequences."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, env=env, stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    written = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: every process holding it has ended
            break
        if not chunk:
            break
        written += chunk
    os.close(leader)
    return process.wait(timeout=120), ESCAPE.sub("", written.decode("utf-8"))


def test_push_on_a_terminal_shows_a_bar_then_the_final_line(
    build_dir: Path, tmp_path: Path
) -> None:
    store = start("oxigraph", tmp_path / "store")
    try:
        env = {**os.environ, **store.env(), "COLUMNS": "100", "TERM": "xterm"}
        command = [sys.executable, "-m", "bkg_api.cli", "push", "--build", str(build_dir)]
        code, shown = on_terminal(command, env)
    finally:
        store.stop()
    n = len(read_graphs([build_dir / "kg.nq"], BASE))
    assert code == 0, shown
    assert "uploading graphs" in shown and f" {n + 1}/{n + 1} " in shown  # the bar
    assert f"· switching {n} graphs into place" in shown
    assert "· uploaded" not in shown  # no plain lines
    final = f"pushed graph {manifest_version(build_dir)} to {store.query}: {n} updated, "
    assert shown.rstrip().splitlines()[-1] == final + "0 unchanged, 0 removed"
