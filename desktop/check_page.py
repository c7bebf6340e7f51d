"""检查与导出, the wizard's last page: every finding by section, 导出Word, 定稿."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import style
from desktop.findings_panel import FindingsPanel, summary
from desktop.session import ReportSession
from desktop.style import heading_label


class CheckPage(QWidget):
    """检查与导出: every finding by section, 导出Word, 定稿 / 撤销定稿."""

    message = Signal(str)
    export_requested = Signal()
    export_as_requested = Signal()
    export_page_requested = Signal()  # 导出网页
    finalize_requested = Signal(bool)
    open_file_requested = Signal()
    open_folder_requested = Signal()
    fonts_requested = Signal()

    def __init__(self, session: ReportSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = "检查与导出"
        self.summary = heading_label("", 1.2)
        self.findings = FindingsPanel(session)
        self.export_button = QPushButton("导出Word")
        self.export_as_button = QPushButton("导出到其他位置…")
        self.export_page_button = QPushButton("导出网页…")
        self.export_page_button.setToolTip(
            "导出一个网页文件（.html），可直接发布到门户网站，或复制粘贴到网站编辑器中"
        )
        self.final_button = QPushButton()
        self.fonts_button = QPushButton("文档字体…")
        self.fonts_button.setToolTip("选择 Word 文档的正文、标题、表格等所用字体")
        self.exported = QLabel()
        self.exported.setWordWrap(True)
        self.open_file = QPushButton("打开文件")
        self.open_folder = QPushButton("打开所在文件夹")
        self._build()
        self._connect()
        session.findings_changed.connect(self.refresh)
        session.status_changed.connect(self.refresh)
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label("检查与导出"))
        layout.addWidget(self.summary)
        self.findings.title.hide()  # the summary above already counts the findings
        layout.addWidget(self.findings, 1)
        buttons = QHBoxLayout()
        exports = (self.export_button, self.export_as_button, self.export_page_button)
        for button in (*exports, self.final_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.fonts_button)
        layout.addLayout(buttons)
        done = QHBoxLayout()
        done.addWidget(self.exported, 1)
        done.addWidget(self.open_file)
        done.addWidget(self.open_folder)
        layout.addLayout(done)
        self.show_exported(None)

    def _connect(self) -> None:
        self.export_button.clicked.connect(self.export_requested)
        self.export_as_button.clicked.connect(self.export_as_requested)
        self.export_page_button.clicked.connect(self.export_page_requested)
        self.final_button.clicked.connect(
            lambda: self.finalize_requested.emit(not self.session.is_final)
        )
        self.fonts_button.clicked.connect(self.fonts_requested)
        self.open_file.clicked.connect(self.open_file_requested)
        self.open_folder.clicked.connect(self.open_folder_requested)

    def refresh(self) -> None:
        """Show how many problems remain and what 定稿 would do."""
        findings = self.session.findings
        counted = self.session.tally
        color = style.ERROR if counted.errors else style.GOOD
        said = summary(findings, sum(self.session.explanation(f) is not None for f in findings))
        text = f"还有 {said}" if counted.errors else f"✓ 没有错误（{said}）"
        self.summary.setText(text if findings else "✓ 没有发现问题，可以定稿")
        self.summary.setStyleSheet(f"color: {color};")
        self.final_button.setText("撤销定稿" if self.session.is_final else "定稿")
        self.final_button.setToolTip(
            "定稿后报告只能查看，不能修改" if not self.session.is_final else "改回草稿以便修改"
        )

    def show_exported(self, path) -> None:
        """Show where the document was written, with buttons to open it; hide for None."""
        self.exported.setText(f"已导出：{path}" if path else "")
        for widget in (self.exported, self.open_file, self.open_folder):
            widget.setVisible(path is not None)

    def show_target(self, target: str) -> None:
        """Nothing on this page is a target."""

    def set_font_size(self, points: float) -> None:
        """The page's list follows the window font."""
