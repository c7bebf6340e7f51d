"""The README's command line section and `nianbao --help` say the same thing, and name
every option the commands take (as sqlite-utils' test_docs holds its docs to its CLI)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from forms import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands() -> dict[str, argparse.ArgumentParser]:
    """Return each command's own parser, by name."""
    sub = next(a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def readme_usage(command: str) -> str:
    """Return the usage line of `command` in the README's command table."""
    section = README.split("## Command line", 1)[1].split("\n## ", 1)[0]
    found = re.findall(rf"^\| `(nianbao {command} [^`]*)` \|", section, re.M)
    assert len(found) == 1, f"README's command table has no single row for {command}"
    return found[0]


@pytest.mark.parametrize("command", sorted(commands()))
def test_readme_and_help_show_the_same_usage(command: str) -> None:
    assert f"  {readme_usage(command)}\n" in cli.usage()


@pytest.mark.parametrize("command", sorted(commands()))
def test_every_option_is_documented(command: str) -> None:
    options = [
        option
        for action in commands()[command]._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ]
    assert options, command
    for option in options:
        assert option in readme_usage(command), f"README: {command} {option}"


def test_every_command_is_in_the_readme_and_the_help() -> None:
    for command in commands():
        assert f"nianbao {command} -h" in cli.usage() or f"nianbao {command}" in cli.usage()
        readme_usage(command)
