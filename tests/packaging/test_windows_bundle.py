"""What the Windows bundle keeps of the real win_amd64 wheels, checked on Linux.

The spec's filters (packaging/nianbao.spec, run as on Windows) over the file list of the
PySide6-Essentials and PyInstaller wheels pip would install on Windows; the version
resource of both executables, evaluated with the real wheel's versioninfo classes.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path, PurePosixPath

import pytest

from tests.packaging import windows_wheels as ww

sys.path.insert(0, str(ww.ROOT / "packaging" / "windows"))
import version_info


@pytest.fixture(scope="module")
def wheels() -> dict:
    try:
        return ww.windows_wheels()
    except (RuntimeError, OSError) as error:  # offline: say why, do not fail
        pytest.skip(f"the win_amd64 wheels could not be downloaded: {error}")


@pytest.fixture(scope="module")
def spec() -> types.SimpleNamespace:
    return ww.spec_filters("win32")


def _bundled(spec: types.SimpleNamespace, files: list[str]) -> tuple[set[str], set[str]]:
    """Return (kept, dropped) of the wheel's Qt files, each filter applied where PyInstaller
    applies it: plugins while its Qt hook collects them, translations as data, the DLLs
    beside Qt6Core.dll as binaries."""
    kept, dropped = set(), set()
    for path in files:
        parts = PurePosixPath(path).parts
        if len(parts) == 4 and parts[:2] == ("PySide6", "plugins") and path.endswith(".dll"):
            keep = spec._is_kept_plugin(parts[2], path)
        elif parts[:2] == ("PySide6", "translations") and path.endswith(".qm"):
            keep = spec._is_kept_data(path)
        elif len(parts) == 2 and parts[0] == "PySide6" and path.endswith(".dll"):
            keep = spec._is_kept_binary(path)
        else:
            continue
        (kept if keep else dropped).add(path)
    return kept, dropped


def test_windows_bundle_keeps_what_the_window_needs(wheels: dict, spec) -> None:
    kept, _ = _bundled(spec, ww.wheel_files(wheels["pyside6"]))
    plugins = {p for p in kept if "/plugins/" in p}
    assert plugins == {
        "PySide6/plugins/platforms/qwindows.dll",  # the real window
        "PySide6/plugins/platforms/qoffscreen.dll",  # --self-test on CI
        "PySide6/plugins/platforms/qminimal.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",  # Windows 11 look
        "PySide6/plugins/imageformats/qsvg.dll",
        "PySide6/plugins/imageformats/qico.dll",
        "PySide6/plugins/iconengines/qsvgicon.dll",
    }
    assert {p for p in kept if p.endswith(".qm")} == {"PySide6/translations/qtbase_zh_CN.qm"}
    # The Visual C++ runtime the Qt DLLs link: a clerk's PC need not have it installed.
    for dll in ("msvcp140.dll", "msvcp140_1.dll", "msvcp140_2.dll", "vcruntime140.dll",
                "vcruntime140_1.dll", "Qt6Core.dll", "Qt6Gui.dll", "Qt6Widgets.dll"):  # fmt: skip
        assert f"PySide6/{dll}" in kept


def test_windows_bundle_drops_what_it_never_uses(wheels: dict, spec) -> None:
    _, dropped = _bundled(spec, ww.wheel_files(wheels["pyside6"]))
    for path in (
        "PySide6/opengl32sw.dll",  # software OpenGL, 20 MB
        "PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll",
        "PySide6/plugins/tls/qschannelbackend.dll",
        "PySide6/plugins/tls/qopensslbackend.dll",
        "PySide6/plugins/networkinformation/qnetworklistmanager.dll",
        "PySide6/plugins/platforms/qdirect2d.dll",
        "PySide6/plugins/sqldrivers/qsqlite.dll",
        "PySide6/translations/qtbase_zh_TW.qm",
    ):
        assert path in dropped, path


def test_linux_filters_leave_windows_files_alone(spec) -> None:
    linux = ww.spec_filters("linux")
    # the Linux system-library rule must not drop anything on Windows, and vice versa
    assert spec._is_kept_binary("PySide6/libEGL.dll")
    assert linux._is_kept_binary("PySide6/Qt/lib/opengl32sw.dll")
    assert not linux._is_kept_binary("libxcb.so.1")


def test_pyinstaller_wheel_has_what_the_spec_relies_on(wheels: dict) -> None:
    wheel = wheels["pyinstaller"]
    files = set(ww.wheel_files(wheel))
    # the two executables: nianbao.exe windowed (runw), nianbao-cli.exe console (run)
    assert "PyInstaller/bootloader/Windows-64bit-intel/runw.exe" in files
    assert "PyInstaller/bootloader/Windows-64bit-intel/run.exe" in files
    qt_hooks = ww.wheel_text(wheel, "PyInstaller/utils/hooks/qt/__init__.py")
    # the spec filters plugins by wrapping this (internal) method...
    assert "def collect_plugins(self, plugin_type)" in qt_hooks
    # ...and opengl32sw.dll arrives as a binary of the PySide6 hook, where
    # _is_kept_binary sees it
    assert "'opengl32sw.dll'" in qt_hooks
    assert "collect_extra_binaries()" in ww.wheel_text(wheel, "PyInstaller/hooks/hook-PySide6.py")


def _versioninfo_classes(wheel) -> dict:
    """Return the namespace of the wheel's PyInstaller.utils.win32.versioninfo (its
    Windows-only imports stubbed: only the resource classes are used)."""
    source = ww.wheel_text(wheel, "PyInstaller/utils/win32/versioninfo.py")
    # struct's native "L" is Windows' 4-byte C long there, 8 bytes on 64-bit Linux
    assert source.count("'13L'") == 2
    source = source.replace("'13L'", "'<13L'")
    source = source.replace("import pefile\n", "pefile = None\n")
    source = source.replace("from PyInstaller.compat import win32api\n", "win32api = None\n")
    namespace: dict = {"__name__": "versioninfo"}
    exec(compile(source, "versioninfo.py", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("name", ["nianbao", "nianbao-cli"])
def test_version_resource_names_the_product(wheels: dict, name: str, tmp_path) -> None:
    classes = _versioninfo_classes(wheels["pyinstaller"])
    paths = version_info.write_version_files(ww.ROOT / "pyproject.toml", tmp_path, [name])
    text = Path(paths[name]).read_text(encoding="utf-8")
    info = eval(text, classes)  # what PyInstaller's load_version_info_from_text_file does
    raw = info.toRaw()  # the bytes written into the .exe
    parsed = classes["VSVersionInfo"]()
    parsed.fromRaw(raw)
    strings = {s.name: s.val for s in parsed.kids[0].kids[0].kids}
    version = version_info.project_version(ww.ROOT / "pyproject.toml")
    assert strings["ProductName"] == "年报助手"
    assert strings["FileVersion"] == strings["ProductVersion"] == version
    assert strings["OriginalFilename"] == f"{name}.exe"
    numbers = version_info.numeric_version(version)
    assert (parsed.ffi.fileVersionMS, parsed.ffi.fileVersionLS) == (
        numbers[0] << 16 | numbers[1],
        numbers[2] << 16 | numbers[3],
    )


def test_numeric_version() -> None:
    assert version_info.numeric_version("0.1.0") == (0, 1, 0, 0)
    assert version_info.numeric_version("2.10") == (2, 10, 0, 0)
    assert version_info.numeric_version("1.2.3rc1") == (1, 2, 3, 0)
