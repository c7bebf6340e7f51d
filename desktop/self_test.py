"""`nianbao --self-test`: proves an installed program works, without touching the clerk's data.

Opens a temporary store, adds the sample report shipped in resources/, shows the real
main window (offscreen unless a display platform is requested), exports the report to
a temporary Word file and reads it back. One line per step; exit 0 when every step
passed, 1 with the reason when one failed.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLE = RESOURCES / "sample-report.json"


class SelfTestFailed(Exception):
    """A step did not do what it should; the message says which and why."""


@contextmanager
def _step(name: str, label: str) -> Iterator[None]:
    """Print `ok  name  label` after the block, or raise SelfTestFailed naming the step."""
    started = time.perf_counter()
    try:
        yield
    except SelfTestFailed:
        raise
    except Exception as error:
        raise SelfTestFailed(f"{name}（{label}）：{type(error).__name__}: {error}") from error
    print(f"ok  {name:<8} {label} ({time.perf_counter() - started:.2f} s)", flush=True)


def _want_offscreen(argv: list[str]) -> bool:
    """Return True when neither QT_QPA_PLATFORM nor -platform asks for a display."""
    return not os.environ.get("QT_QPA_PLATFORM") and "-platform" not in argv


BuildWindow = Callable[[Any], Any]  # the store → the main window, not yet shown


def run(argv: list[str], build_window: BuildWindow) -> int:
    """Run every step with the application's own `build_window` (passed in by the
    composition root); return 0 when all passed, 1 after printing the failed one."""
    if _want_offscreen(argv):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    print(f"nianbao self-test 自检  (Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}, frozen={getattr(sys, 'frozen', False)}, "
          f"utf8={sys.flags.utf8_mode}, "
          f"QT_IM_MODULE={os.environ.get('QT_IM_MODULE', '')}, "
          f"IBUS_USE_PORTAL={os.environ.get('IBUS_USE_PORTAL', '')})", flush=True)  # fmt: skip
    try:
        with tempfile.TemporaryDirectory(prefix="nianbao-self-test-") as folder:
            _run_steps(argv, Path(folder), build_window)
    except SelfTestFailed as failure:
        print(f"FAILED 自检失败：{failure}", flush=True)
        return 1
    print("ok  自检通过 / self-test passed", flush=True)
    return 0


def _run_steps(argv: list[str], folder: Path, build_window: BuildWindow) -> None:
    """Do the steps in order inside the temporary `folder`."""
    from forms.files.json_file import read_report_file
    from forms.storage.settings import Setting
    from forms.storage.store import Store

    with _step("sample", "读取示例报告 / read the sample report"):
        report = read_report_file(SAMPLE)
    with _step("store", "创建临时数据文件 / create a temporary store"):
        store = Store.open(folder / "self-test.db")
        # Opened in the editor by build_main_window, as the report last worked on.
        store.set_setting(Setting.LAST_REPORT, store.add_report(report))
    try:
        _show_window(argv, store, build_window)
    finally:
        store.close()
    document = folder / "self-test.docx"
    with _step("export", "导出 Word 文档 / export the Word document"):
        from forms.files.docx_writer import export_report

        export_report(report, document)
    with _step("docx", "读回 Word 文档并核对 / read the document back"):
        _check_document(document, report)


def _show_window(argv: list[str], store, build_window: BuildWindow) -> None:
    """Build the real main window over `store`, show it, and close it again."""
    with _step("qt", "启动 Qt / start Qt"):
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication(argv)
    # which platform plugin and style were loaded (the Windows release checks them)
    print(f"    platform={app.platformName()} style={app.style().name()}", flush=True)
    with _step("window", "显示主窗口 / show the main window"):
        window = build_window(store)
        window.show()
        app.processEvents()
        if not window.isVisible():
            raise SelfTestFailed("window：主窗口没有显示 / the main window is not visible")
    with _step("zh_CN", "Qt 中文界面 / Qt's own texts in Chinese"):
        cancel = app.translate("QPlatformTheme", "Cancel")
        if cancel == "Cancel":
            raise SelfTestFailed("zh_CN：没有加载 qtbase_zh_CN 翻译 / qtbase_zh_CN not loaded")
    window.close()
    window.deleteLater()
    app.processEvents()


def _check_document(path: Path, report) -> None:
    """Raise SelfTestFailed unless the unit, the year and some values are in the document."""
    from forms.files.docx_reader import document_text

    paragraphs, cells = document_text(path)
    text = paragraphs + "\n" + "\n".join(cells)
    for wanted in (report.unit, str(report.year)):
        if wanted not in text:
            raise SelfTestFailed(f"docx：文档中没有“{wanted}” / {wanted!r} missing")
    for field_id, written in list(report.texts.items())[:3]:
        opening = written.strip()[:20]
        if opening and opening not in paragraphs:
            raise SelfTestFailed(f"docx：文档中没有 {field_id} 的正文 / text {field_id} missing")
    numbers = sorted({str(v) for v in report.values.values()}, key=len, reverse=True)[:5]
    missing = [n for n in numbers if n not in cells]
    if missing:
        raise SelfTestFailed(f"docx：表格中缺少数值 {missing} / values missing from the tables")
