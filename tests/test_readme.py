"""The README documents every setting and every command (docs-vs-code)."""

from __future__ import annotations

from pathlib import Path

from bkg_api.cli import build_parser
from bkg_api.commands import COMMANDS
from bkg_graph.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_configuration_table() -> None:
    section = README.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    missing = [
        f"BKG_{n.upper()}" for n in Settings.model_fields if f"`BKG_{n.upper()}`" not in section
    ]
    assert missing == []


def test_every_command_and_global_option_is_documented() -> None:
    commands = list(COMMANDS)
    assert [c for c in commands if f"`bkg {c}" not in README] == []
    options = [o for a in build_parser()._actions for o in a.option_strings if o.startswith("--")]
    assert sorted(options) == [
        "--access-log",
        "--help",
        "--log-level",
        "--no-access-log",
        "--version",
    ]
    assert [o for o in options if o != "--help" and o not in README] == []
