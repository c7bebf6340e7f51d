"""The report editor: a list of pages on the left, the page, and every finding below.

Pages: 基本信息, one per section of the form, 检查与导出. The clerk moves freely;
errors never trap anyone. The list shows each page's state (✓, errors, warnings).
"""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs, fonts_dialog, style
from desktop.check_page import CheckPage
from desktop.findings_panel import FindingsPanel
from desktop.info_page import InfoPage
from desktop.session import ReportSession, remember
from desktop.table_page import TablePage
from desktop.table_view import ReportTableView
from desktop.text_page import TextPage
from forms.files import exported
from forms.files.document_style import (
    DocumentStyle,
    installed_equivalents,
    missing_fonts,
    with_fonts_replaced,
)
from forms.files.formats import DOCX, HTML, FileFormat, FileProblem, file_name, write_file
from forms.format.cells import section_of
from forms.format.spec import Table
from forms.report.checks import Finding, tally
from forms.storage.settings import Setting

OK_COLOR, ERROR_COLOR, WARNING_COLOR = (
    style.color(c) for c in (style.GOOD, style.ERROR, style.WARNING)
)


FINAL_NOTE = "本报告已定稿，只能查看。如需修改，请到“检查与导出”页撤销定稿。"


class ReportWizard(QWidget):
    """Every page of one report, the findings panel and the page list."""

    message = Signal(str)  # for the status bar
    exported = Signal(Path)
    fonts_requested = Signal()  # 文档字体 on the 检查与导出 page
    page_shown = Signal(str)  # the key of the page now shown (see page_key)

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.info_page = InfoPage(session)
        self.section_pages = [_section_page(s, session) for s in session.report.form.sections]
        self.check_page = CheckPage(session)
        self.pages = [self.info_page, *self.section_pages, self.check_page]
        self.page_list = QListWidget()
        self.stack = QStackedWidget()
        self.findings = FindingsPanel(session)
        self.final_banner = QLabel(FINAL_NOTE)
        self.last_export: Path | None = None
        self._build()
        self._connect()
        self.refresh_page_list()
        self._show_final()
        self.go_to(0)

    def _build(self) -> None:
        for page in self.pages:
            self.stack.addWidget(page)
            self.page_list.addItem(page.title)
        self.page_list.setAccessibleName("报告各部分")
        self.page_list.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        font = self.page_list.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.page_list.setFont(font)
        self.final_banner.setStyleSheet(style.BANNER)
        upper = QWidget()
        column = QVBoxLayout(upper)
        column.setContentsMargins(8, 4, 8, 4)
        column.addWidget(self.stack, 1)
        column.addWidget(self._nav_bar())
        self.vertical = QSplitter(Qt.Orientation.Vertical)
        self.vertical.addWidget(upper)
        self.vertical.addWidget(self.findings)
        self.vertical.setStretchFactor(0, 4)
        self.vertical.setSizes([600, 170])
        self.horizontal = QSplitter(Qt.Orientation.Horizontal)
        self.horizontal.addWidget(self.page_list)
        self.horizontal.addWidget(self.vertical)
        self.horizontal.setStretchFactor(1, 1)
        self.horizontal.setSizes([170, 1000])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.horizontal)
        for page in self.section_pages:
            if isinstance(page, TablePage):
                page.order_tabs()

    def _nav_bar(self) -> QWidget:
        """Return the row of 上一步 / 下一步, with the 已定稿 banner at its left: the
        banner takes room no page has, so nothing moves when it appears."""
        self.back_button = QPushButton("上一步")
        self.next_button = QPushButton("下一步")
        self.back_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() + 1))
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.final_banner, 1)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        policy = self.final_banner.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.final_banner.setSizePolicy(policy)
        return bar

    def _connect(self) -> None:
        self.page_list.currentRowChanged.connect(self.go_to)
        self.session.findings_changed.connect(self.refresh_page_list)
        self.session.status_changed.connect(self._show_final)
        self.findings.finding_activated.connect(self.show_finding)
        self.check_page.findings.finding_activated.connect(self.show_finding)
        self.findings.message.connect(self.message)
        self.check_page.findings.message.connect(self.message)
        self.check_page.export_requested.connect(self.export_word)
        self.check_page.export_as_requested.connect(self.export_word_as)
        self.check_page.export_page_requested.connect(self.export_web_page)
        self.check_page.finalize_requested.connect(self.set_final)
        self.check_page.fonts_requested.connect(self.fonts_requested)
        self.check_page.open_file_requested.connect(lambda: self.open_exported(folder=False))
        self.check_page.open_folder_requested.connect(lambda: self.open_exported(folder=True))
        for page in self.pages:
            page.message.connect(self.message)

    # ── moving around ───────────────────────────────────────────────────────

    def go_to(self, index: int) -> None:
        """Show page `index` (clamped to the pages there are)."""
        index = max(0, min(index, len(self.pages) - 1))
        prepare = getattr(self.pages[index], "prepare", None)  # section pages size their tables
        if prepare is not None:
            prepare()
        self.stack.setCurrentIndex(index)
        if self.page_list.currentRow() != index:
            self.page_list.setCurrentRow(index)
        self.findings.setVisible(self.pages[index] is not self.check_page)  # it shows its own
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)
        self.page_shown.emit(self.page_key(index))

    def page_key(self, index: int) -> str:
        """Return a name for page `index` that outlives a change of the page list:
        "info", a section's id (e.g. "s3"), or "check"."""
        page = self.pages[index]
        if page is self.info_page:
            return "info"
        return "check" if page is self.check_page else page.section.id

    def go_to_key(self, key: str | None) -> None:
        """Show the page named `key` (see page_key); the first page when none is."""
        keys = [self.page_key(i) for i in range(len(self.pages))]
        self.go_to(keys.index(key) if key in keys else 0)

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def show_finding(self, finding: Finding) -> None:
        """Go to the page and the cell or field a finding is about, with the finding
        selected in the panel below so its one-cell fix is at hand (also when it was
        picked on 检查与导出, whose own list is left behind)."""
        self.show_target(finding.cells[0])
        self.findings.select(finding)

    def show_target(self, target: str) -> None:
        """Go to the page holding cell or field `target` and put the cursor there."""
        section = section_of(self.session.report.form, target)
        for index, page in enumerate(self.section_pages, start=1):
            if page.section is section:
                self.go_to(index)
                page.show_target(target)
                return

    def refresh_page_list(self) -> None:
        """Mark each section's page with ✓, its number of errors or of warnings."""
        for index, page in enumerate(self.section_pages, start=1):
            found = page.findings()
            errors = tally(found).errors
            # an explained warning (说明) no longer asks for attention
            warnings = sum(not f.is_error and self.session.explanation(f) is None for f in found)
            mark, color = ("✓", OK_COLOR)
            if errors:
                mark, color = (f"{errors} 个错误", ERROR_COLOR)
            elif warnings:
                mark, color = (f"{warnings} 个提醒", WARNING_COLOR)
            item = self.page_list.item(index)
            item.setText(f"{page.title}    {mark}")
            item.setForeground(QBrush(color))

    def set_font_size(self, points: float) -> None:
        """Show the tables and texts of every page in `points`-sized type."""
        for page in self.pages:
            page.set_font_size(points)

    # ── 定稿 ────────────────────────────────────────────────────────────────

    def set_final(self, final: bool) -> None:
        """Mark the report 定稿 when it has no errors, or back to 草稿."""
        errors = self.session.errors
        if final and errors:
            dialogs.inform(f"还有 {len(errors)} 个错误，改正后才能定稿：\n\n" + _listing(errors))
            return
        found = self.session.findings
        unexplained = [f for f in found if self.session.explanation(f) is None]
        question = _final_question(unexplained, len(found) - len(unexplained))
        if final and not dialogs.confirm(question, "定稿"):
            return
        if self.session.set_final(final):
            self.message.emit("已定稿，报告现在只能查看" if final else "已撤销定稿，可以继续修改")

    def _show_final(self) -> None:
        self.final_banner.setVisible(self.session.is_final)
        for page in self.section_pages:
            if isinstance(page, TablePage):
                page.fill_button.setEnabled(not self.session.is_final)

    # ── export ──────────────────────────────────────────────────────────────

    def export_word(self) -> Path | None:
        """Write the Word document to the export folder; return its path, None if not.
        A document there that the clerk changed since, or that the program did not
        write, is replaced only when the clerk says so; another report's is never."""
        store = self.session.store
        suggested = export_folder(store) / file_name(self.session.report, DOCX.suffixes[0])
        records = store.setting(Setting.EXPORTED, {})
        path, target = exported.choose_target(suggested, self.session.report_id, records)
        if target in (exported.Target.CHANGED, exported.Target.FOREIGN):
            answer = dialogs.ask_replace(path, changed=target is exported.Target.CHANGED)
            if answer == "save_as":
                return self.export_word_as(path)
            if answer != "replace":
                return None
        return self._export(path)

    def export_word_as(self, suggested: Path | None = None) -> Path | None:
        """Ask where to write the Word document, remember the folder, and write it."""
        if suggested is None:
            folder = export_folder(self.session.store)
            suggested = folder / file_name(self.session.report, DOCX.suffixes[0])
        path = dialogs.ask_save_path(suggested)
        if path is None:
            return None
        remember(self.session.store, Setting.EXPORT_DIR, str(path.parent))
        return self._export(path)

    def export_web_page(self) -> Path | None:
        """Ask where to write the web page (.html), remember the folder, and write it."""
        suggested = export_folder(self.session.store) / file_name(
            self.session.report, HTML.suffixes[0]
        )
        path = dialogs.ask_save_path(suggested, HTML)
        if path is None:
            return None
        self.session.store.set_setting(Setting.EXPORT_DIR, str(path.parent))
        return self._export(path, HTML)

    def _export(self, path: Path, kind: FileFormat = DOCX) -> Path | None:
        for view in self.findChildren(ReportTableView):
            view.commit_open_editor()  # the number being typed goes in, as with Enter
        drafts = len(self.session.drafts)
        if drafts and not self.session.is_final and not dialogs.export_despite_drafts(drafts):
            return None
        if not self.session.retry():
            dialogs.error(
                f"{self.session.problem}\n\n有修改还没有保存，为免文档与保存的数据不一致，"
                "保存成功后才能导出。"
            )
            return None
        errors = self.session.errors
        action = "导出网页" if kind is HTML else "导出Word"
        if errors and not dialogs.confirm(
            f"报告还有 {len(errors)} 个错误，仍要导出草稿吗？\n\n" + _listing(errors), action
        ):
            return None
        style = fonts_for_this_computer(self.session.store)
        remaining = 0 if self.session.is_final else len(errors)  # marked 草稿
        try:  # the writer loads python-docx at the first export
            path.parent.mkdir(parents=True, exist_ok=True)
            result = write_file(self.session.report, path, style, remaining)
        except (FileProblem, OSError) as problem:
            dialogs.error(f"导出失败：{problem}")
            return None
        self._remember_written(Path(result.path))
        self._exported(Path(result.path), list(result.cleaned_fields), remaining)
        return self.last_export

    def _remember_written(self, path: Path) -> None:
        """Record the document just written, so the next export knows it is ours."""
        store = self.session.store
        records = dict(store.setting(Setting.EXPORTED, {}))
        records[exported.key(path)] = exported.stamp(path, self.session.report_id)
        remember(store, Setting.EXPORTED, records)

    def _exported(self, path: Path, cleaned: list[str], errors: int) -> None:
        self.last_export = path
        self.check_page.show_exported(path)
        mark = "页眉标有“草稿”" if path.suffix.lower() == ".docx" else "页首标有“草稿”"
        draft = f"草稿（还有 {errors} 个错误，{mark}）" if errors else ""
        self.message.emit(f"已导出{draft}：{path}")
        self.exported.emit(path)
        choice = dialogs.export_done(path, cleaned, errors)
        if choice is not None:
            self.open_exported(folder=choice == "folder")

    def open_exported(self, folder: bool) -> None:
        """Open the last exported document, or the folder holding it."""
        if self.last_export is not None:
            target = self.last_export.parent if folder else self.last_export
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def _section_page(section, session: ReportSession):
    has_tables = any(isinstance(p, Table) for p in section.parts)
    return TablePage(section, session) if has_tables else TextPage(section, session)


def _final_question(findings: list[Finding], explained: int = 0) -> str:
    """Return the one question asked before 定稿, listing the warnings that remain
    (`findings` less those explained, which are only counted)."""
    text = "定稿后报告只能查看，不能修改（需要时可以撤销定稿）。"
    warnings = [f for f in findings if not f.is_error]
    if warnings:
        text += f"\n\n还有 {len(warnings)} 个提醒，请确认都已核对：\n\n" + _listing(warnings)
    if explained:
        text += f"\n\n另有 {explained} 个提醒已加说明。"
    return text + "\n\n确定定稿吗？"


def _listing(findings: list[Finding], limit: int = 8) -> str:
    lines = [f"· {f.message}" for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"……等共 {len(findings)} 个")
    return "\n".join(lines)


def fonts_for_this_computer(store) -> DocumentStyle:
    """Return the document's fonts. The first time this computer lacks some of them
    (or lacks others than it was told of), say so once and offer the installed
    equivalents; the clerk's answer is kept as the document style."""
    fonts = DocumentStyle.from_setting(store.setting(Setting.DOCUMENT_STYLE, {}))
    installed = fonts_dialog.font_installed
    missing = missing_fonts(fonts, installed)
    told = {"computer": platform.node(), "missing": missing}
    if not missing or store.setting(Setting.FONTS_TOLD) == told:
        return fonts
    replacements = installed_equivalents(fonts, installed)
    if dialogs.offer_installed_fonts(missing, replacements):
        fonts = with_fonts_replaced(fonts, replacements)
        remember(store, Setting.DOCUMENT_STYLE, fonts.as_setting())
        told["missing"] = missing_fonts(fonts, installed)  # those without an equivalent
    remember(store, Setting.FONTS_TOLD, told)
    return fonts


def export_folder(store) -> Path:
    """Return the folder Word documents go to: the one last chosen, else 文档 (Documents)."""
    chosen = store.setting(Setting.EXPORT_DIR)
    if chosen:
        return Path(chosen)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home() / "Documents")
