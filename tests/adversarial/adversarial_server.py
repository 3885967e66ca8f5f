"""The running `bkg serve` the adversarial tests talk to."""

from __future__ import annotations

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
