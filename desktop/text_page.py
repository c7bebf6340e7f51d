"""A section of texts as a wizard page, generated from the form: one editor per field
with its heading, hint, findings and length."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop.section_page import SectionPage, scrolled
from desktop.session import ReportSession
from desktop.style import HINT, HINT_STYLE, SEVERITY_COLOR, heading_label, hint_label
from forms.format.spec import Section, Severity, TextField
from forms.report.checks import Finding
from forms.report.values import NA, as_number


class TextPage(SectionPage):
    """A section of texts: one editor per field with its heading, hint and length."""

    def __init__(self, section: Section, session: ReportSession, parent=None) -> None:
        super().__init__(section, session, parent)
        self.fields = [p for p in section.parts if isinstance(p, TextField)]
        self.editors: dict[str, QPlainTextEdit] = {}
        self.counts: dict[str, QLabel] = {}
        self.marks: dict[str, QLabel] = {}
        self.fee_button: QPushButton | None = None
        self._build()
        session.text_changed.connect(self._reload)
        session.findings_changed.connect(self.refresh_marks)
        session.status_changed.connect(self._apply_read_only)
        session.values_changed.connect(self._offer_fee_sentence)
        self.refresh_marks()
        self._apply_read_only()
        self._offer_fee_sentence()

    def _build(self) -> None:
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(heading_label(self.section.heading))
        for field in self.fields:
            inner.addLayout(self._field_block(field))
        inner.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.area = scrolled(content)
        layout.addWidget(self.area)

    def _field_block(self, field: TextField) -> QVBoxLayout:
        block = QVBoxLayout()
        block.setSpacing(4)
        title = field.heading or ("开头部分" if len(self.fields) > 1 else "")
        if title:
            block.addWidget(heading_label(title, 1.15))
        block.addWidget(hint_label(field.hint))
        editor = QPlainTextEdit(self.session.report.text(field.id))
        editor.setMinimumHeight(150 if len(self.fields) > 1 else 260)
        editor.setTabChangesFocus(True)
        editor.setAccessibleName(title or self.section.heading)
        editor.textChanged.connect(lambda f=field.id: self._edited(f))
        self.editors[field.id] = editor
        block.addWidget(editor)
        block.addLayout(self._field_footer(field))
        block.addSpacing(10)
        return block

    def _field_footer(self, field: TextField) -> QHBoxLayout:
        footer = QHBoxLayout()
        self.marks[field.id] = QLabel()
        self.marks[field.id].setWordWrap(True)
        footer.addWidget(self.marks[field.id], 1)
        fee = self.session.report.form.fee_statement
        if fee is not None and field.id == fee.field:
            button = QPushButton(f"插入“{fee.sentence}”")
            button.setToolTip("没有收取信息处理费时，一键写入标准表述")
            button.clicked.connect(lambda: self.insert_fee_sentence(field.id))
            footer.addWidget(button)
            self.fee_button = button
        self.counts[field.id] = QLabel()
        self.counts[field.id].setStyleSheet(HINT_STYLE)
        footer.addWidget(self.counts[field.id])
        self._count(field.id)
        return footer

    def _edited(self, field_id: str) -> None:
        self.session.set_text(field_id, self.editors[field_id].toPlainText())
        self._count(field_id)

    def _count(self, field_id: str) -> None:
        self.counts[field_id].setText(f"{len(self.editors[field_id].toPlainText())} 字")

    def _reload(self, field_id: str) -> None:
        """Show a text changed elsewhere (carry-over), unless this editor made the change."""
        editor = self.editors.get(field_id)
        text = self.session.report.text(field_id)
        if editor is not None and editor.toPlainText() != text:
            editor.setPlainText(text)

    def _offer_fee_sentence(self, *_changed) -> None:
        """Offer 未收取信息处理费 only while 行政事业性收费 is 0 or blank (or “/”):
        a unit that collected fees has something else to state."""
        if self.fee_button is None:
            return
        fee = self.session.report.form.fee_statement
        value = self.session.report.value(fee.cell) if fee and fee.cell else None
        self.fee_button.setVisible(value is None or value is NA or as_number(value) == 0)

    def insert_fee_sentence(self, field_id: str) -> None:
        """Add the standard sentence on 信息处理费 as a paragraph of its own."""
        editor = self.editors[field_id]
        if editor.isReadOnly():  # 定稿: a cursor would still write into the editor
            return
        sentence = self.session.report.form.fee_statement.sentence
        if sentence in editor.toPlainText():
            self.message.emit("已经写有这句话")
            return
        cursor = editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(("\n" if editor.toPlainText().strip() else "") + sentence)
        editor.setTextCursor(cursor)

    def refresh_marks(self) -> None:
        """Show under each editor what is wrong with its text, in red or amber."""
        for field_id, label in self.marks.items():
            found = _field_findings(self.session.findings, field_id)
            explained = [self.session.explanation(f) is not None for f in found]
            worst = Severity.ERROR if any(f.is_error for f in found) else Severity.WARNING
            color = HINT if found and all(explained) else SEVERITY_COLOR[worst]
            sheet = f"color: {color};"
            # A style sheet set again re-polishes the label: only on a change (every edit).
            if label.styleSheet() != sheet:
                label.setStyleSheet(sheet)
            label.setText(
                "\n".join(
                    f.message + ("（已说明）" if e else "")
                    for f, e in zip(found, explained, strict=True)
                )
            )

    def _apply_read_only(self) -> None:
        for editor in self.editors.values():
            editor.setReadOnly(self.session.is_final)
        if self.fee_button is not None:
            self.fee_button.setEnabled(not self.session.is_final)

    def show_target(self, target: str) -> None:
        """Put the cursor in the editor of field `target`, scrolled to the middle."""
        editor = self.editors.get(target) or next(iter(self.editors.values()))
        self.area.widget().layout().activate()
        top = editor.mapTo(self.area.widget(), editor.rect().center()).y()
        self.area.verticalScrollBar().setValue(top - self.area.viewport().height() // 2)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        editor.ensureCursorVisible()

    def set_font_size(self, points: float) -> None:
        for editor in self.editors.values():
            font = QFont(editor.font())
            font.setPointSizeF(points)
            editor.setFont(font)


def _field_findings(findings: list[Finding], field_id: str) -> list[Finding]:
    """Return the findings to show under a field: those about it first of all, and
    those comparing it with a table; a group's TEXT_REQUIRED shows under its first."""
    return [
        f
        for f in findings
        if f.cells[0] == field_id or (field_id in f.cells and not f.first_field_only)
    ]
