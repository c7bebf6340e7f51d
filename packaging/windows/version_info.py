"""The Windows version resource of nianbao.exe and nianbao-cli.exe, from pyproject.toml.

Explorer's 属性 → 详细信息, Task Manager and Restart Manager (the installer closing a
running copy) read it; without one they show a bare file name, and antivirus
heuristics trust such files less. The spec writes `version_text(...)` to a file and
passes it as `EXE(version=...)`; PyInstaller evaluates it with the classes of
`PyInstaller.utils.win32.versioninfo` (only importable on Windows: it needs pefile).
The test (tests/packaging/test_windows_bundle.py) does the same with those classes taken
from the real win_amd64 PyInstaller wheel.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PRODUCT = "年报助手"
DESCRIPTIONS = {
    "nianbao": "年报助手",
    "nianbao-cli": "年报助手（命令行）",
}
# 0x0804 = Chinese (PRC), 1200 = UTF-16: the language Explorer shows the strings under.
LANGUAGE, CODEPAGE = 0x0804, 1200


def project_version(pyproject: Path) -> str:
    """Return the version in pyproject.toml, e.g. "0.1.0"."""
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """Return the four numbers of a Windows file version: "1.2.3rc1" → (1, 2, 3, 0)."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3]]
    return (*numbers, *[0] * (4 - len(numbers)))  # type: ignore[return-value]


def version_text(version: str, name: str) -> str:
    """Return the version resource of executable `name` (without .exe) as PyInstaller's
    text form (a Python expression over its versioninfo classes)."""
    numbers = numeric_version(version)
    strings = {
        "CompanyName": PRODUCT,
        "FileDescription": DESCRIPTIONS.get(name, PRODUCT),
        "FileVersion": version,
        "InternalName": name,
        "LegalCopyright": "",
        "OriginalFilename": f"{name}.exe",
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    table = ",\n        ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    # OS 0x40004 = VOS_NT_WINDOWS32, fileType 1 = VFT_APP.
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3F, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('{LANGUAGE:04X}{CODEPAGE:04X}', [
        {table}])]),
    VarFileInfo([VarStruct('Translation', [{LANGUAGE}, {CODEPAGE}])]),
  ],
)
"""


def write_version_files(pyproject: Path, folder: Path, names: list[str]) -> dict[str, str]:
    """Write one version file per executable into `folder`; return name → file path."""
    version = project_version(pyproject)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in names:
        path = folder / f"version-{name}.txt"
        path.write_text(version_text(version, name), encoding="utf-8")
        paths[name] = str(path)
    return paths
