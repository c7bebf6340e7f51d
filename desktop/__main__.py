"""`nianbao` / `python -m desktop`: the command line when given a command, else the window."""

from __future__ import annotations

import sys

from forms import cli


def main(argv: list[str] | None = None) -> int:
    """Run a CLI command (check, convert), print the usage (-h, --help), or open the
    desktop application."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in cli.COMMANDS:
        return cli.main(args)
    if any(arg in cli.HELP for arg in args):  # usage only: the window is not opened
        return cli.main([cli.HELP[1]])
    from desktop import app  # Qt is loaded only for the window

    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
