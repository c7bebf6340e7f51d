"""The installers as a clerk gets them: build the bundle and the .deb, install, run.

`make bundle deb` rebuilds only what changed, so a repeated run takes seconds. The .deb
is unpacked into a temporary root (dpkg-deb -x) and the program is run from there.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, SAMPLE, version

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None,
        reason="the .deb is built on Debian-family Linux",
    ),
]

MiB = 1024 * 1024
BUNDLE_BUDGET = 120 * MiB  # installed /opt/nianbao
DEB_BUDGET = 40 * MiB
# Libraries the bundle may miss on this machine: Wayland is only Recommended.
OPTIONAL_LIBRARIES = {"libwayland-client.so.0", "libwayland-cursor.so.0", "libwayland-egl.so.1"}


@pytest.fixture(scope="module")
def installed(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a root folder the .deb was unpacked into."""
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def _run(installed: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the installed program through /usr/bin/nianbao's target, offscreen."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    program = installed / "opt" / "nianbao" / "nianbao"
    return subprocess.run(
        [str(program), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def _size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def test_self_test_passes(installed: Path, tmp_path: Path) -> None:
    result = _run(installed, "--self-test", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert "frozen=True" in result.stdout


def test_check_a_clean_report(installed: Path, tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "sample.json")
    result = _run(installed, "check", "sample.json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "没有发现问题" in result.stdout


def test_convert_to_word(installed: Path, tmp_path: Path) -> None:
    from docx import Document

    from forms.files.json_file import read_report_file

    shutil.copy(SAMPLE, tmp_path / "sample.json")
    result = _run(installed, "convert", "sample.json", "out.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    text = "\n".join(p.text for p in Document(str(tmp_path / "out.docx")).paragraphs)
    assert read_report_file(SAMPLE).unit in text


def test_fcitx_session_falls_back_to_ibus(installed: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_IM_MODULE": "fcitx"}
    program = installed / "opt" / "nianbao" / "nianbao"
    result = subprocess.run(
        [str(program), "--self-test"], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert "QT_IM_MODULE=ibus" in result.stdout.splitlines()[0]


def test_control_fields(deb: Path) -> None:
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    control = dict(
        line.split(": ", 1) for line in fields.splitlines() if ": " in line and line[0] != " "
    )
    assert control["Package"] == "nianbao"
    assert control["Version"] == version()
    assert control["Architecture"] == deb.stem.rsplit("_", 1)[1]
    depends = {d.strip().split(" ")[0] for d in control["Depends"].split(",")}
    assert {"libc6", "libstdc++6", "libxkbcommon-x11-0", "libegl1", "libgl1",
            "fontconfig", "libdbus-1-3"} <= depends  # fmt: skip
    # Not in Debian 10 / 统信UOS 20: bundled instead (test_bundle_contents).
    assert not {"libxcb-cursor0", "libxcb-util1"} & depends
    assert int(control["Installed-Size"]) * 1024 <= BUNDLE_BUDGET + MiB


def test_files_are_root_owned_and_scripts_present(deb: Path) -> None:
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert all(" root/root " in line for line in listing)
    scripts = subprocess.run(
        ["dpkg-deb", "-I", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert "postinst" in scripts and "postrm" in scripts


def test_command_on_the_path(installed: Path) -> None:
    wrapper = installed / "usr" / "bin" / "nianbao"
    assert os.access(wrapper, os.X_OK)
    assert 'exec /opt/nianbao/nianbao "$@"' in wrapper.read_text()
    assert os.access(installed / "opt" / "nianbao" / "nianbao", os.X_OK)


def test_menu_entry(installed: Path) -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(installed / "usr/share/applications/nianbao.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == entry["Name[zh_CN]"] == "信息公开年报"
    assert entry["Exec"].split()[0] == "nianbao"
    assert entry["Terminal"] == "false"
    assert "Office" in entry["Categories"].split(";")
    icon = entry["Icon"]
    assert (installed / f"usr/share/icons/hicolor/scalable/apps/{icon}.svg").is_file()
    assert (installed / f"usr/share/icons/hicolor/256x256/apps/{icon}.png").is_file()


def test_bundle_contents(installed: Path) -> None:
    internal = installed / "opt" / "nianbao" / "_internal"
    qt = internal / "PySide6" / "Qt"
    assert (internal / "docx" / "templates" / "default.docx").is_file()
    assert (internal / "resources" / "sample-report.json").is_file()
    assert [p.name for p in (qt / "translations").iterdir()] == ["qtbase_zh_CN.qm"]
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert {"libqxcb.so", "libqoffscreen.so"} <= platforms
    assert not (qt / "plugins" / "qmltooling").exists()
    assert not list(internal.rglob("libQt6Quick*")) and not list(internal.rglob("libQt6Qml*"))
    assert (internal / "libxcb-cursor.so.0").is_file() and (internal / "libxcb-util.so.1").is_file()


def test_no_library_is_missing(installed: Path) -> None:
    """Every bundled ELF file resolves its libraries from the bundle or the system."""
    internal = installed / "opt" / "nianbao" / "_internal"
    paths = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    missing = set()
    for path in [*internal.rglob("*.so*"), installed / "opt" / "nianbao" / "nianbao"]:
        if path.is_symlink() or not path.is_file():
            continue
        result = subprocess.run(
            ["ldd", str(path)], capture_output=True, text=True,
            env={**os.environ, "LD_LIBRARY_PATH": paths},
        )  # fmt: skip
        missing |= {line.split()[0] for line in result.stdout.splitlines() if "not found" in line}
    assert missing <= OPTIONAL_LIBRARIES


def test_sizes_within_budget(installed: Path, deb: Path) -> None:
    bundle = _size(installed / "opt" / "nianbao")
    assert bundle <= BUNDLE_BUDGET, f"installed bundle {bundle / MiB:.1f} MiB"
    assert deb.stat().st_size <= DEB_BUDGET, f".deb {deb.stat().st_size / MiB:.1f} MiB"


@pytest.mark.skipif(
    not all(shutil.which(t) for t in ("Xvfb", "fcitx5", "dbus-run-session", "dbus-monitor")),
    reason="needs Xvfb, fcitx5 and D-Bus tools (apt: xvfb fcitx5 dbus-bin)",
)
def test_fcitx5_gets_an_input_context(installed: Path) -> None:
    """Under a real X server and fcitx5, the program's Qt reaches fcitx5 (IBus portal)."""
    script = ROOT / "packaging" / "linux" / "verify-fcitx.sh"
    program = installed / "opt" / "nianbao" / "nianbao"
    result = subprocess.run(
        [str(script), str(program)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
