"""PyInstaller runtime hook: Chinese input under fcitx with a Qt that has no fcitx plugin.

PySide6's wheels ship only the ibus and compose input-context plugins. 统信UOS and
银河麒麟 run fcitx (4 or 5) and set QT_IM_MODULE=fcitx; Qt then finds no such plugin
and falls back to compose, i.e. no Chinese input at all. fcitx5 also speaks the ibus
protocol (its ibusfrontend addon, on by default) and serves it as the IBus portal
(org.freedesktop.portal.IBus on the session bus). This hook runs before any Qt import
and, when fcitx is in use and the bundle has no fcitx plugin, sets QT_IM_MODULE=ibus
and IBUS_USE_PORTAL=1: without the latter Qt's ibus plugin gives up unless an
`ibus-daemon` executable is installed, which fcitx systems do not have.

Qt-free and side-effect free on import unless frozen, so tests load it as a module.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

FCITX_PROCESSES = frozenset({"fcitx", "fcitx5"})


def fcitx_in_use(environ: Mapping[str, str], processes: Iterable[str]) -> bool:
    """Return True when the session's input method is fcitx (by environment or process)."""
    if environ.get("QT_IM_MODULE", "").lower().startswith("fcitx"):
        return True
    if "fcitx" in environ.get("XMODIFIERS", "").lower():
        return True
    if environ.get("GTK_IM_MODULE", "").lower().startswith("fcitx"):
        return True
    return any(name in FCITX_PROCESSES for name in processes)


def im_module_fallback(
    environ: Mapping[str, str], processes: Iterable[str], plugins: Iterable[str]
) -> str | None:
    """Return the QT_IM_MODULE to set, or None to leave the environment as it is.

    `plugins` are the file names in the bundle's platforminputcontexts folder.
    """
    names = [name.lower() for name in plugins]
    if any("fcitx" in name for name in names):
        return None  # a real fcitx plugin was bundled: let Qt use it
    requested = environ.get("QT_IM_MODULE", "").lower()
    if requested and not requested.startswith("fcitx"):
        return None  # the user chose another module (ibus, compose, …) on purpose
    if not any("ibus" in name for name in names):
        return None
    return "ibus" if fcitx_in_use(environ, processes) else None


def running_processes(proc: Path = Path("/proc")) -> Iterator[str]:
    """Yield the command names of running processes (lazily: read only if needed)."""
    try:
        entries = list(proc.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name.isdigit():
            try:
                yield (entry / "comm").read_text().strip()
            except OSError:
                continue  # the process ended meanwhile, or is not ours to read


def bundled_input_contexts(bundle: Path) -> list[str]:
    """Return the file names of the input-context plugins inside the bundle."""
    folder = bundle / "PySide6" / "Qt" / "plugins" / "platforminputcontexts"
    return [p.name for p in folder.iterdir()] if folder.is_dir() else []


def apply(environ: dict[str, str], bundle: Path) -> str | None:
    """Set QT_IM_MODULE (and the IBus portal) in `environ` when needed; return the module
    set, or None when the environment was left alone."""
    if not sys.platform.startswith("linux"):
        return None
    plugins = bundled_input_contexts(bundle)
    module = im_module_fallback(environ, running_processes(), plugins)
    if module:
        environ["QT_IM_MODULE"] = module
        environ.setdefault("IBUS_USE_PORTAL", "1")
    return module


if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
    apply(os.environ, Path(sys._MEIPASS))
