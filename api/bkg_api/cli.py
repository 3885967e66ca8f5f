"""The ``bkg`` command line. Each sub-command lives in ``bkg_api.commands``.

Every command exits 0 on success, 1 on a user error (the message says what and where) and 2
on bad usage; a bug is left to surface as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from bkg_graph import about
from bkg_graph.errors import BkgError
from bkg_graph.settings import Settings

from . import logs
from .commands import MODULES

Command = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bkg",
        description="bilateral-kg: a knowledge graph of bilateral government commitments.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {about.version()}")
    parser.add_argument(
        "--log-level",
        choices=("debug", "info", "warning", "error"),
        help="least severe log messages written (default: info, or BKG_LOG_LEVEL)",
    )
    parser.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        help="one log line per HTTP request of `bkg serve` (default: on, or BKG_ACCESS_LOG)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Command = args.func
    settings = Settings()
    access = settings.access_log if args.access_log is None else args.access_log
    logs.configure(args.log_level or settings.log_level, settings.log_format, access)
    try:
        return func(args)
    except BkgError as exc:
        print(f"bkg: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
