"""The real win_amd64 wheels of PySide6-Essentials and PyInstaller, and the spec's filters.

The wheels are those pip would install on Windows for the version ranges of
pyproject.toml and the Makefile, downloaded once (`pip download --platform win_amd64`)
into a cache outside the clone (~/.cache/nianbao/wheels, or $NIANBAO_CACHE/wheels),
one folder per pair of version ranges. The spec's filtering functions are taken from
packaging/nianbao.spec itself (its constants and `_is_kept_*` functions, run with
IS_WINDOWS set), so the test checks the code PyInstaller runs, not a copy.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
import subprocess
import sys
import tomllib
import types
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "nianbao.spec"
SPEC_FUNCTIONS = {"_plugin_name", "_is_kept_plugin", "_is_kept_data", "_is_kept_binary"}


def cache_root() -> Path:
    """Return the cache folder outside the clone."""
    base = os.environ.get("NIANBAO_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "nianbao" if base else Path.home() / ".cache" / "nianbao"


def requirements() -> list[str]:
    """Return the requirements of the Windows build: PySide6-Essentials from
    pyproject.toml, PyInstaller from the Makefile's PYINSTALLER_REQ."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pyside = next(d for d in project["dependencies"] if d.lower().startswith("pyside6"))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    pyinstaller = re.search(r"^PYINSTALLER_REQ := (.+)$", makefile, re.M).group(1).strip()
    return [pyside, pyinstaller]


def windows_wheels() -> dict[str, Path]:
    """Return {"pyside6": wheel, "pyinstaller": wheel}, downloading them when not cached.

    Raises RuntimeError with pip's message when they cannot be downloaded."""
    reqs = requirements()
    key = hashlib.sha256("\n".join(reqs).encode()).hexdigest()[:12]
    folder = cache_root() / "wheels" / f"win_amd64-py311-{key}"
    found = _wheels_in(folder)
    if len(found) < 2:
        folder.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                   "--only-binary=:all:", "--platform", "win_amd64", "--python-version", "3.11",
                   "-d", str(folder), *reqs]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        found = _wheels_in(folder)
        if result.returncode != 0 or len(found) < 2:
            raise RuntimeError(f"pip download {' '.join(reqs)}: {result.stderr.strip()[-400:]}")
    return found


def _wheels_in(folder: Path) -> dict[str, Path]:
    wheels = {}
    for wheel in sorted(folder.glob("*win_amd64.whl")) if folder.is_dir() else []:
        name = wheel.name.lower()
        if name.startswith("pyside6_essentials-"):
            wheels["pyside6"] = wheel
        elif name.startswith("pyinstaller-"):
            wheels["pyinstaller"] = wheel
    return wheels


def wheel_files(wheel: Path) -> list[str]:
    """Return the paths inside a wheel."""
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def wheel_text(wheel: Path, path: str) -> str:
    """Return a text file inside a wheel."""
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(path).decode("utf-8")


def spec_filters(platform: str = "win32") -> types.SimpleNamespace:
    """Return the spec's constants and filtering functions, as the spec runs on `platform`.

    Takes from the spec its imports, the upper-case constants assigned before
    `Analysis(...)` and the functions in SPEC_FUNCTIONS; PyInstaller itself is not needed."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    kept: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and _calls(node, "Analysis"):
            break
        if _is_filter_part(node):
            kept.append(node)
    namespace: dict = {"SPECPATH": str(SPEC.parent), "__name__": "nianbao_spec"}
    exec(compile(ast.Module(body=kept, type_ignores=[]), str(SPEC), "exec"), namespace)
    namespace["IS_WINDOWS"] = platform == "win32"
    namespace["IS_LINUX"] = platform.startswith("linux")
    return types.SimpleNamespace(**namespace)


def _is_filter_part(node: ast.stmt) -> bool:
    """Return True for an import (but PyInstaller's), an upper-case constant or a filter."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        return "PyInstaller" not in ast.unparse(node)
    if isinstance(node, ast.FunctionDef):
        return node.name in SPEC_FUNCTIONS
    return isinstance(node, ast.Assign) and all(
        isinstance(t, ast.Name) and t.id.isupper() for t in node.targets
    )


def _calls(node: ast.AST, name: str) -> bool:
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name
        for n in ast.walk(node)
    )
