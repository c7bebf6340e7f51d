"""The one dependency rule: forms/ is the Qt-free core and never imports PySide6 or desktop."""

from __future__ import annotations

import ast
from pathlib import Path

FORMS = Path(__file__).resolve().parents[1] / "forms"
FORBIDDEN = ("PySide6", "desktop", "shiboken6")


def imported_modules(path: Path) -> set[str]:
    """Return every module name a file imports (absolute names only)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_forms_never_imports_qt_or_desktop():
    offenders = [
        f"{path.relative_to(FORMS.parent)} imports {name}"
        for path in sorted(FORMS.rglob("*.py"))
        for name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert FORMS.is_dir() and not offenders, offenders
