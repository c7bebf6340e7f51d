"""`nianbao` / `python -m desktop`: the command line when given a command, else the window."""

from __future__ import annotations

import sys
from pathlib import Path

from forms import cli


def main(argv: list[str] | None = None) -> int:
    """Run a CLI command (check, convert), print the usage (-h, --help), or open the
    desktop application."""
    args = sys.argv[1:] if argv is None else argv
    if sys.stdout is None or sys.stderr is None:  # the windowed nianbao.exe on Windows
        from desktop import console
        from forms.storage.store import default_db_path

        console.attach_missing_streams(console.log_path(_db_argument(args) or default_db_path()))
    if args and args[0] in cli.COMMANDS:
        return cli.main(args)
    if any(arg in cli.HELP for arg in args):  # usage only: the window is not opened
        return cli.main([cli.HELP[1]])
    from desktop import app  # Qt is loaded only for the window

    return app.main(args)


def _db_argument(args: list[str]) -> Path | None:
    """Return the data file given as --db PATH, if any."""
    if "--db" in args and args.index("--db") + 1 < len(args):
        return Path(args[args.index("--db") + 1])
    return None


if __name__ == "__main__":
    sys.exit(main())
