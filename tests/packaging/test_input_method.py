"""The fcitx → ibus fallback of the frozen program (packaging/rth_input_method.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

HOOK = Path(__file__).resolve().parents[2] / "packaging" / "rth_input_method.py"
_spec = importlib.util.spec_from_file_location("rth_input_method", HOOK)
assert _spec and _spec.loader
im = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(im)

PYSIDE_PLUGINS = [
    "libcomposeplatforminputcontextplugin.so",
    "libibusplatforminputcontextplugin.so",
]
WITH_FCITX = [*PYSIDE_PLUGINS, "libfcitx5platforminputcontextplugin.so"]


@pytest.mark.parametrize(
    ("environ", "processes", "plugins", "expected"),
    [
        # 统信UOS / 银河麒麟 sessions: fcitx named in the environment
        ({"QT_IM_MODULE": "fcitx"}, [], PYSIDE_PLUGINS, "ibus"),
        ({"QT_IM_MODULE": "fcitx5"}, [], PYSIDE_PLUGINS, "ibus"),
        ({"XMODIFIERS": "@im=fcitx"}, [], PYSIDE_PLUGINS, "ibus"),
        ({"GTK_IM_MODULE": "fcitx"}, [], PYSIDE_PLUGINS, "ibus"),
        # nothing in the environment, but the daemon runs
        ({}, ["systemd", "fcitx5", "bash"], PYSIDE_PLUGINS, "ibus"),
        ({}, ["fcitx"], PYSIDE_PLUGINS, "ibus"),
        # no fcitx at all: leave Qt's own choice
        ({}, ["ibus-daemon", "bash"], PYSIDE_PLUGINS, None),
        ({"XMODIFIERS": "@im=ibus"}, [], PYSIDE_PLUGINS, None),
        # the user asked for another module on purpose
        ({"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=fcitx"}, ["fcitx"], PYSIDE_PLUGINS, None),
        ({"QT_IM_MODULE": "compose"}, ["fcitx5"], PYSIDE_PLUGINS, None),
        # a real fcitx plugin was bundled: Qt uses it as asked
        ({"QT_IM_MODULE": "fcitx"}, ["fcitx5"], WITH_FCITX, None),
        # no ibus plugin to fall back to
        ({"QT_IM_MODULE": "fcitx"}, [], ["libcomposeplatforminputcontextplugin.so"], None),
    ],
)
def test_fallback_decision(environ, processes, plugins, expected) -> None:
    assert im.im_module_fallback(environ, processes, plugins) == expected


def test_processes_are_not_read_when_the_environment_decides() -> None:
    def never():
        raise AssertionError("process list read although QT_IM_MODULE said fcitx")
        yield

    assert im.im_module_fallback({"QT_IM_MODULE": "fcitx"}, never(), PYSIDE_PLUGINS) == "ibus"


def test_running_processes_reads_comm(tmp_path: Path) -> None:
    for pid, name in (("1", "systemd"), ("42", "fcitx5"), ("self", "ignored")):
        (tmp_path / pid).mkdir()
        (tmp_path / pid / "comm").write_text(name + "\n")
    (tmp_path / "77").mkdir()  # a process that ended: no comm file
    assert sorted(im.running_processes(tmp_path)) == ["fcitx5", "systemd"]
    assert list(im.running_processes(tmp_path / "absent")) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux input methods only")
def test_apply_sets_the_environment_from_the_bundle(tmp_path: Path) -> None:
    folder = tmp_path / "PySide6" / "Qt" / "plugins" / "platforminputcontexts"
    folder.mkdir(parents=True)
    for name in PYSIDE_PLUGINS:
        (folder / name).touch()
    environ = {"QT_IM_MODULE": "fcitx"}
    assert im.apply(environ, tmp_path) == "ibus"
    assert environ == {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}
    assert im.apply({"QT_IM_MODULE": "fcitx"}, tmp_path / "no-bundle") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux input methods only")
def test_apply_leaves_other_sessions_alone(tmp_path: Path) -> None:
    folder = tmp_path / "PySide6" / "Qt" / "plugins" / "platforminputcontexts"
    folder.mkdir(parents=True)
    (folder / PYSIDE_PLUGINS[1]).touch()
    environ = {"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=ibus"}
    assert im.apply(environ, tmp_path) is None
    assert environ == {"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=ibus"}
