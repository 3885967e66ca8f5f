"""The ``bkg`` command line. Each sub-command lives in ``bkg_api.commands``.

The command line is parsed twice: first with every command listed but none of their modules
imported (enough for ``bkg --help`` and to learn which command is asked for), then with that
one command's arguments — so ``bkg build`` never imports the server, the pages or pySHACL.

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
from .commands import COMMANDS, load

Command = Callable[[argparse.Namespace], int]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every command with its one-line help; the arguments of ``command`` alone (whose module
    this imports): the others' parsers take no arguments and have no ``--help`` of their own."""
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
    for name, line in COMMANDS.items():
        p = sub.add_parser(name, help=line, add_help=name == command)
        if name == command:
            load(name).register(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    asked, _ = build_parser().parse_known_args(argv)
    args = build_parser(asked.command).parse_args(argv)
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
