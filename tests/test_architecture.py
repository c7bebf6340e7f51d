"""The dependency rules, read from the source with `ast`:

- forms/ is the Qt-free core and never imports PySide6 or desktop;
- inside forms/, the layers point one way: format ← report ← files | storage ← cli
  (`format` imports nothing of the project, `report` only `format`, `files` and `storage`
  only those two and never each other);
- only forms/storage/ imports sqlite_utils, only forms/files/docx_*.py import docx.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT = ("PySide6", "shiboken6", "desktop")
# What each layer of forms/ may import of the project, besides itself.
ALLOWED = {
    "format": set(),
    "report": {"format"},
    "files": {"format", "report"},
    "storage": {"format", "report"},
    "cli": {"format", "report", "files", "storage"},
}


def imported_modules(path: Path) -> set[str]:
    """Return every module name a file imports (absolute names; `from forms import x` as
    forms.x)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def layer(module: str) -> str | None:
    """Return the layer of a forms module name (forms.report.checks → report)."""
    parts = module.split(".")
    if parts[0] != "forms" or len(parts) < 2:
        return None
    return "cli" if parts[1] == "cli" else parts[1] if parts[1] in ALLOWED else None


def violations(root: Path) -> list[str]:
    """Return every import under root/forms and root/desktop that breaks a rule."""
    found = []
    for path in sorted((root / "forms").rglob("*.py")) + sorted((root / "desktop").rglob("*.py")):
        name = path.relative_to(root).with_suffix("").as_posix().replace("/", ".")
        for imported in sorted(imported_modules(path)):
            problem = _problem(name, imported)
            if problem:
                found.append(f"{path.relative_to(root)} imports {imported}: {problem}")
    return found


def _problem(module: str, imported: str) -> str | None:
    top = imported.split(".")[0]
    if top == "sqlite_utils" and not module.startswith("forms.storage."):
        return "only forms/storage/ may use sqlite_utils"
    in_docx_module = module.startswith("forms.files.docx_")
    if top == "docx" and not in_docx_module:
        return "only forms/files/docx_*.py may use python-docx"
    if not module.startswith("forms."):
        return None
    if top in QT:
        return "forms/ is the Qt-free core"
    own, other = layer(module), layer(imported)
    if other is None or other == own:
        return None
    if own is None or other not in ALLOWED[own]:
        return f"layer {own} may not import layer {other}"
    return None


def test_the_project_keeps_its_dependency_rules():
    assert (ROOT / "forms" / "format").is_dir()
    assert violations(ROOT) == []


def plant(tmp_path: Path, module: str, source: str) -> list[str]:
    """Copy forms/ and desktop/ to tmp_path, add `module` with `source`, return violations."""
    for package in ("forms", "desktop"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    target = tmp_path / module
    target.write_text(source, encoding="utf-8")
    return violations(tmp_path)


def test_an_upward_import_is_caught(tmp_path: Path):
    found = plant(tmp_path, "forms/format/planted.py", "from forms.report import values\n")
    assert found == ["forms/format/planted.py imports forms.report: layer format may not import "
                     "layer report", "forms/format/planted.py imports forms.report.values: layer "
                     "format may not import layer report"]  # fmt: skip


def test_files_and_storage_never_import_each_other(tmp_path: Path):
    found = plant(tmp_path, "forms/files/planted.py", "import forms.storage.store\n")
    assert found == [
        "forms/files/planted.py imports forms.storage.store: layer files may not import layer "
        "storage"
    ]


def test_qt_in_the_core_is_caught(tmp_path: Path):
    found = plant(tmp_path, "forms/report/planted.py", "from PySide6.QtCore import QObject\n")
    assert any("Qt-free" in line for line in found), found


def test_docx_and_sqlite_utils_outside_their_modules_are_caught(tmp_path: Path):
    found = plant(tmp_path, "desktop/planted.py", "import docx\nimport sqlite_utils\n")
    assert found == [
        "desktop/planted.py imports docx: only forms/files/docx_*.py may use python-docx",
        "desktop/planted.py imports sqlite_utils: only forms/storage/ may use sqlite_utils",
    ]
