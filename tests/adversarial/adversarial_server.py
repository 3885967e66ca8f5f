"""The running `bkg serve` the adversarial tests talk to."""

from __future__ import annotations

import socket
import subprocess
from dataclasses import dataclass


@dataclass
class Server:
    host: str
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port
