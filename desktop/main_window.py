"""The one window: the report list, or the report being edited, with a toolbar that
is the same on every page (报告列表 · 导出Word · 文档字体 · 撤销 · 重做 · 放大 · 缩小)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar, QWidget

from desktop import dialogs, style
from desktop.report_list_page import ReportListPage
from desktop.session import ReportSession, apply_carry_over, remember
from desktop.wizard import ReportWizard
from forms.files.document_style import DocumentStyle
from forms.storage.settings import Setting

APP_NAME = "年报助手"
FONT_RANGE = (8.0, 28.0)
MESSAGE_MS = 8000
CHECKPOINT_MS = 10_000  # how often to look for a quiet moment to fold in the WAL
READ_ONLY_NOTICE = "只读打开：可以查看和导出，修改不会保存"
_REFUSAL_WORDS = ("不是", "不能", "不用填写", "超出", "未完成", "失败")  # shown in red


def _encode(data: QByteArray) -> str:
    return base64.b64encode(bytes(data.data())).decode("ascii")


def _decode(text: str | None) -> QByteArray:
    return QByteArray(base64.b64decode(text)) if text else QByteArray()


class MainWindow(QMainWindow):
    """The report list and the report editor in one window."""

    def __init__(self, store, on_backups: Callable[[MainWindow], None] | None = None) -> None:
        super().__init__()
        self.store = store
        self.session: ReportSession | None = None
        self.wizard: ReportWizard | None = None
        self.stack = QStackedWidget()
        self.report_list = ReportListPage(store)
        self.stack.addWidget(self.report_list)
        self.setCentralWidget(self.stack)
        self.saved_label = QLabel("")
        self.notice = QLabel("")  # a lasting problem: read-only, no backup today
        self._not_saved_shown = False
        self._message_timer = QTimer(self, singleShot=True, interval=MESSAGE_MS)
        self._checkpoint_timer = QTimer(self, interval=CHECKPOINT_MS)
        self._checkpoint_timer.timeout.connect(lambda: self.store.checkpoint_if_quiet())
        self._checkpoint_timer.start()
        self._build_toolbar()
        self._build_status_bar()
        self._connect_start(on_backups)
        self.font_size = float(store.setting(Setting.FONT_SIZE, self.font().pointSizeF() + 1))
        self.restore_geometry()
        self.show_start()

    # ── building ────────────────────────────────────────────────────────────

    def _build_toolbar(self) -> None:
        bar = QToolBar("工具栏")
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.list_action = self._action("报告列表", self.back_to_list, "Ctrl+L", bar)
        self.export_action = self._action("导出Word", self.export_word, "Ctrl+E", bar)
        self.fonts_action = self._action("文档字体", self.choose_fonts, "Ctrl+Shift+F", bar)
        bar.addSeparator()
        self.undo_action = self._action("撤销", self.undo, "Ctrl+Z", bar)
        self.redo_action = self._action("重做", self.redo, "Ctrl+Y", bar)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self._follow_undo()
        bar.addSeparator()
        self.zoom_in_action = self._action("放大字体", lambda: self.zoom(+1), "Ctrl+=", bar)
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = self._action("缩小字体", lambda: self.zoom(-1), "Ctrl+-", bar)

    def _action(self, text: str, slot, shortcut: str, bar: QToolBar) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{text}（{shortcut}）")
        action.triggered.connect(slot)
        bar.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        self.status_message = QLabel()
        self.notice.setStyleSheet(f"color: {style.ERROR}; font-weight: bold;")
        self.statusBar().addWidget(self.notice)
        self.statusBar().addWidget(self.status_message, 1)
        self.statusBar().addPermanentWidget(self.saved_label)
        self._show_store_notice()
        self._message_timer.timeout.connect(self._message_over)

    def _connect_start(self, on_backups) -> None:
        self.report_list.open_requested.connect(self.open_report)
        self.report_list.carry_requested.connect(self._carry)
        self.report_list.message.connect(self.show_message)
        if on_backups is not None:
            self.report_list.backups_requested.connect(lambda: on_backups(self))

    # ── showing ─────────────────────────────────────────────────────────────

    def back_to_list(self) -> None:
        """Show the report list, once what was typed is stored (or the clerk gives it up)."""
        if self.may_leave_report():
            self.show_start()

    def may_leave_report(self) -> bool:
        """Return True when the report being edited can be left: everything is stored
        (what the data file refused is tried once more), or the clerk chooses to leave
        although the changes not stored will be lost. Staying is the default."""
        if self.session is None or self.session.retry():
            return True
        return dialogs.leave_unsaved(self.session.problem)

    def show_start(self) -> None:
        """Show the report list (leaving the report being edited as it is)."""
        if self.wizard is not None:
            self.save_layout()
        self._drop_wizard()
        self.report_list.refresh()
        self.stack.setCurrentWidget(self.report_list)
        self.setWindowTitle(APP_NAME)
        for action in (self.list_action, self.export_action):
            action.setEnabled(False)
        self.saved_label.setText("")

    def open_report(self, report_id: int) -> ReportWizard:
        """Open a report in the editor and remember it as the one last worked on; the
        report being edited stays when it has changes not stored and the clerk stays."""
        if self.wizard is not None and not self.may_leave_report():
            return self.wizard
        self._drop_wizard()
        self.session = ReportSession(self.store, report_id, self)
        self.wizard = ReportWizard(self.session)
        self.stack.addWidget(self.wizard)
        self.stack.setCurrentWidget(self.wizard)
        self._connect_wizard(self.wizard)
        self._follow_undo()
        remember(self.store, Setting.LAST_REPORT, report_id)
        self.wizard.go_to_key(self.store.setting(Setting.LAST_PAGE, {}).get(str(report_id)))
        self.wizard.page_shown.connect(self._remember_page)
        self.wizard.set_font_size(self.font_size)
        self._restore_splitters()
        for action in (self.list_action, self.export_action):
            action.setEnabled(True)
        self._update_title()
        self._show_saved()
        drafts = len(self.session.drafts)
        if drafts:
            self.show_message(
                f"上次有 {drafts} 格正在输入、尚未确认（黄色格），"
                "请核对后按回车确认，或按 Delete 清除"
            )
        return self.wizard

    def _connect_wizard(self, wizard: ReportWizard) -> None:
        wizard.message.connect(self.show_message)
        wizard.fonts_requested.connect(self.choose_fonts)
        self.session.saved.connect(self._show_saved)
        self.session.save_failed.connect(self._show_not_saved)
        self.session.status_changed.connect(self._update_title)
        self.session.undo_changed.connect(self._follow_undo)
        self.session.renamed.connect(self._update_title)

    def _follow_undo(self) -> None:
        """Offer 撤销/重做 with what they would do; never on a 定稿 report."""
        editor = self.session.editor if self.session is not None else None
        for action, name, can, what in (
            (self.undo_action, "撤销", editor and editor.can_undo(), editor and editor.undo_text()),
            (self.redo_action, "重做", editor and editor.can_redo(), editor and editor.redo_text()),
        ):
            action.setEnabled(bool(can))
            action.setText(f"{name} {what}" if can else name)

    def undo(self) -> None:
        if self.session is not None:
            self.session.undo()

    def redo(self) -> None:
        if self.session is not None:
            self.session.redo()

    def _remember_page(self, key: str) -> None:
        """Keep the page shown, so the report reopens on it (also after a restart)."""
        pages = dict(self.store.setting(Setting.LAST_PAGE, {}))
        if self.session is not None and pages.get(str(self.session.report_id)) != key:
            pages[str(self.session.report_id)] = key
            remember(self.store, Setting.LAST_PAGE, pages)

    def _drop_wizard(self) -> None:
        if self.wizard is None:
            return
        self.stack.removeWidget(self.wizard)
        self.wizard.deleteLater()
        self.session.deleteLater()
        self.wizard = self.session = None
        self._follow_undo()

    def _carry(self, report_id: int) -> None:
        if self.session is not None and self.session.report_id == report_id:
            count = apply_carry_over(self.session)
            self.session.forget_steps()  # a new report starts with nothing to undo
            self.show_message(f"已从上年报告带入 {count} 个结转数和文字初稿")

    def _update_title(self) -> None:
        if self.session is None:
            return
        report = self.session.report
        state = "定稿" if self.session.is_final else "草稿"
        self.setWindowTitle(f"{report.unit} {report.year}年度报告（{state}） — {APP_NAME}")

    def show_message(self, text: str) -> None:
        """Show a note in the status bar for a few seconds (then a failed save again)."""
        refused = any(word in text for word in _REFUSAL_WORDS)
        self.status_message.setStyleSheet(f"color: {style.ERROR};" if refused else "")
        self.status_message.setText(text)
        self._message_timer.start()

    def _show_store_notice(self) -> None:
        """Say for as long as it lasts that the data file is read-only or today's
        backup failed; nothing when all is well."""
        problems = [READ_ONLY_NOTICE] if self.store.read_only else []
        if self.store.backup_problem:
            problems.append(self.store.backup_problem)
        self.notice.setText("；".join(problems))
        self.notice.setVisible(bool(problems))

    def _message_over(self) -> None:
        problem = self.session.problem if self.session is not None else None
        if problem is not None:
            self._show_not_saved(problem)
        else:
            self.status_message.setText("")

    def _show_saved(self) -> None:
        """Say when everything typed was last stored (said only when it is)."""
        if self.session is not None and self.session.problem is not None:
            return
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(f"已保存 {datetime.now():%H:%M:%S}")
        if self._not_saved_shown:
            self._not_saved_shown = False
            self.show_message("已重新保存，刚才未能保存的修改都已存好")

    def _show_not_saved(self, message: str) -> None:
        """Say at once, in red and until it is stored, that an edit is not saved."""
        self._not_saved_shown = True
        self.saved_label.setStyleSheet(f"color: white; background: {style.ERROR}; padding: 0 6px;")
        self.saved_label.setText("未能保存")
        self._message_timer.stop()
        self.status_message.setStyleSheet(f"color: {style.ERROR}; font-weight: bold;")
        self.status_message.setText(message)

    # ── actions ─────────────────────────────────────────────────────────────

    def export_word(self) -> None:
        if self.wizard is not None:
            self.wizard.export_word()

    def choose_fonts(self) -> None:
        """Ask for the Word document's fonts and keep them for every later export."""
        current = DocumentStyle.from_setting(self.store.setting(Setting.DOCUMENT_STYLE, {}))
        chosen = dialogs.ask_document_style(current)
        if chosen is None or chosen == current:
            return
        if not remember(self.store, Setting.DOCUMENT_STYLE, chosen.as_setting()):
            self.show_message(
                "文档字体未能保存：数据文件已满或被其他程序占用。"
                "请腾出磁盘空间或关闭占用的程序后重新选择"
            )
            return
        self.show_message("已保存文档字体，以后导出的 Word 文档都用这些字体")

    def zoom(self, step: int) -> None:
        """Enlarge or shrink the tables' and texts' type, and remember the size."""
        low, high = FONT_RANGE
        self.font_size = min(max(self.font_size + step, low), high)
        remember(self.store, Setting.FONT_SIZE, self.font_size)
        if self.wizard is not None:
            self.wizard.set_font_size(self.font_size)
        self.show_message(f"字号 {self.font_size:g}")

    def replace_store(self, store) -> None:
        """Use another store (after a backup was restored) and show its reports."""
        self._drop_wizard()
        self.store = self.report_list.store = store
        self._show_store_notice()
        self.show_start()

    # ── remembering the layout ──────────────────────────────────────────────

    def restore_geometry(self) -> None:
        """Reopen where the clerk left the window; the first time, 1280×820 or less,
        so it fits the 1366×768 screens many offices still have."""
        if self.restoreGeometry(_decode(self.store.setting(Setting.WINDOW_GEOMETRY))):
            return
        screen = self.screen().availableGeometry()
        self.resize(min(1280, screen.width() * 95 // 100), min(820, screen.height() * 92 // 100))
        self.move(screen.center() - self.rect().center())

    def _restore_splitters(self) -> None:
        saved = self.store.setting(Setting.SPLITTERS, {})
        for name, splitter in self._splitters().items():
            if name in saved:
                splitter.restoreState(_decode(saved[name]))

    def _splitters(self) -> dict[str, QWidget]:
        if self.wizard is None:
            return {}
        return {"pages": self.wizard.horizontal, "findings": self.wizard.vertical}

    def save_layout(self) -> None:
        """Remember the window's geometry and the splitter positions."""
        remember(self.store, Setting.WINDOW_GEOMETRY, _encode(self.saveGeometry()))
        splitters = {name: _encode(s.saveState()) for name, s in self._splitters().items()}
        if splitters:
            remember(self.store, Setting.SPLITTERS, splitters)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close without asking when every edit is stored (each is, as it is made);
        with changes the data file still refuses, ask, and stay unless told to leave."""
        if not self.may_leave_report():
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)
