"""Every question the program asks, behind functions that return plain values.

Windows call these functions by name through this module (`dialogs.confirm(...)`),
so tests replace them with monkeypatch instead of clicking modal dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import style
from desktop.fonts_dialog import DocumentFontsDialog
from forms.files.document_style import DocumentStyle
from forms.files.formats import DOCX, FileFormat, FileProblem, dialog_filters, read_file, readable
from forms.files.published import Reading
from forms.format.registry import CURRENT
from forms.report.carry import carry_summary
from forms.report.editing import RETRIED
from forms.report.values import Report

Button = QMessageBox.StandardButton


def _parent() -> QWidget | None:
    return QApplication.activeWindow()


def confirm(text: str, title: str = "请确认") -> bool:
    """Return True when the clerk answers 是 to `text`."""
    answer = QMessageBox.question(_parent(), title, text, Button.Yes | Button.No, Button.No)
    return answer == Button.Yes


def inform(text: str, title: str = "提示") -> None:
    """Show `text` until the clerk clicks 确定."""
    QMessageBox.information(_parent(), title, text)


def error(text: str, title: str = "出错了") -> None:
    """Show a problem the clerk needs to know about."""
    QMessageBox.warning(_parent(), title, text)


def _filter(formats) -> str:
    """Return a file dialog's filter for `formats` (all of them first when several)."""
    return ";;".join(f"{name} ({' '.join(patterns)})" for name, patterns in dialog_filters(formats))


def export_despite_drafts(count: int) -> bool:
    """Return True when the clerk exports although `count` cells hold a number typed
    and not confirmed (yellow), which the document will not show."""
    return confirm(f"还有 {count} 格输入未确认（黄色格），不会导出，仍要导出吗？", "导出Word")


def leave_unsaved(problem: str | None) -> bool:
    """Return True when the clerk leaves the report although changes are not stored
    (they are lost); the answer offered first is to stay."""
    box = QMessageBox(_parent())
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("还有修改未能保存")
    box.setText(
        "还有修改未能保存，现在离开，这些修改就会丢失。\n\n"
        f"{(problem or '').removesuffix(RETRIED)}\n\n"
        "建议留下：腾出磁盘空间或关闭占用数据文件的程序后，程序会自动保存，然后再离开。"
    )
    stay = box.addButton("留下", QMessageBox.ButtonRole.RejectRole)
    leave = box.addButton("仍要离开（丢失修改）", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    return box.clickedButton() is leave


def ask_open_path(title: str = "选择要导入的报告文件") -> Path | None:
    """Return a report file to read (.json, .docx, .html …); None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(_parent(), title, "", _filter(readable()))
    return Path(name) if name else None


def ask_save_path(suggested: Path, kind: FileFormat = DOCX) -> Path | None:
    """Return where to write a file of `kind`, starting at `suggested`; None when
    cancelled. A name typed without the suffix gets it."""
    name, _ = QFileDialog.getSaveFileName(
        _parent(), f"导出{kind.name}", str(suggested), _filter((kind,))
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() in kind.suffixes else path.with_suffix(kind.suffixes[0])


def confirm_previous_from_file(path: Path, reading: Reading, year: int) -> bool:
    """Show what was read from last year's report file and what the new report takes
    from it; return True when the clerk chooses to use it."""
    report = reading.report
    lines = [
        f"文件：{path.name}",
        f"单位：{report.unit or '（未写明）'}　年度：{report.year} 年",
        "",
    ]
    lines += carry_summary(report)
    if reading.notes:
        lines += ["", "以下内容未能读取（按未填写处理）："]
        lines += [f"· {note}" for note in reading.notes[:12]]
        if len(reading.notes) > 12:
            lines.append(f"……等共 {len(reading.notes)} 条")
    lines += ["", f"它将作为本单位 {year - 1} 年的报告保存，用于带入和上年对比。是否使用？"]
    return confirm("\n".join(lines), "从文件读取上年报告")


def export_done(path: Path, cleaned_fields: list[str], errors: int = 0) -> str | None:
    """Tell where the document went and, for a draft, how many errors remain; return
    "file" or "folder" to open, None to go on."""
    box = QMessageBox(_parent())
    box.setWindowTitle("导出完成")
    box.setIcon(QMessageBox.Icon.Information)
    note = "\n\n部分文字中有不可见的特殊字符，导出时已去掉。" if cleaned_fields else ""
    page = path.suffix.lower() in (".html", ".htm")
    if errors:
        where = "页首印有“草稿”" if page else "每页页眉印有“草稿”"
        note += f"\n\n报告还有 {errors} 个错误，导出的是草稿：{where}。改正后再导出即可。"
    box.setText(f"已导出{'网页' if page else ' Word 文档'}：\n{path}{note}")
    open_file = box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return "file" if clicked is open_file else "folder" if clicked is open_folder else None


def ask_replace(path: Path, changed: bool) -> str | None:
    """Ask what to do with a document already at `path`: "replace", "save_as", or None
    (取消). `changed`: the program wrote it, and it was changed since."""
    box = QMessageBox(_parent())
    box.setWindowTitle("导出Word")
    box.setIcon(QMessageBox.Icon.Question)
    why = (
        "上次导出后，这个文件被修改过（可能是在 Word/WPS 中改的）。"
        if changed
        else "这个文件不是本程序为本报告导出的。"
    )
    box.setText(f"文件已存在：\n{path}\n\n{why}替换它，还是另存为其他文件？")
    replace = box.addButton("替换", QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton("另存为…", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save_as)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return "replace" if clicked is replace else "save_as" if clicked is save_as else None


@dataclass(frozen=True)
class NewReport:
    """What the clerk chose for a new report."""

    unit: str
    year: int
    carry_over: bool  # take 上年结转 and texts from last year's report
    previous: Report | None = None  # last year's report read from a file, to be stored


def ask_new_report(
    units: list[str], unit: str, year: int, has_previous: Callable[[str, int], bool]
) -> NewReport | None:
    """Return the unit, year and carry-over choice of a new report; None when cancelled."""
    dialog = NewReportDialog(units, unit, year, has_previous, _parent())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()


class NewReportDialog(QDialog):
    """新建报告: unit (remembered), year (last year by default), carry-over."""

    def __init__(self, units, unit, year, has_previous, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建报告")
        self._has_previous = has_previous
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(units)
        self.unit.setCurrentText(unit)
        self.unit.setMinimumContentsLength(22)
        self.year = QSpinBox()
        self.year.setRange(CURRENT.first_year, 2100)  # new reports use the current format
        self.year.setValue(year)
        self.year.setSuffix(" 年")
        self.carry = QCheckBox()
        self.carry.setChecked(True)
        self.previous: Report | None = None  # read from a file by 从文件读取上年报告
        self.from_file = QPushButton("从文件读取上年报告（.docx / .json / 网页）…")
        self.from_file.clicked.connect(self.read_previous)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._build()
        self.unit.currentTextChanged.connect(self._update)
        self.year.valueChanged.connect(self._update)
        self._update()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow("单位名称：", self.unit)
        form.addRow("报告年度：", self.year)
        layout.addLayout(form)
        layout.addWidget(self.carry)
        layout.addWidget(self.from_file)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def read_previous(self) -> None:
        """Read last year's report from a file, show what was read, and keep it when
        the clerk says so; a file of another year is refused."""
        path = ask_open_path(f"选择 {self.year.value() - 1} 年的报告文件")
        if path is None:
            return
        try:
            reading = read_file(path)
        except FileProblem as problem:
            error(f"无法读取“{path.name}”：{problem}")
            return
        wanted = self.year.value() - 1
        if reading.report.year != wanted:
            error(f"“{path.name}”是 {reading.report.year} 年的报告，不是 {wanted} 年的。")
            return
        if confirm_previous_from_file(path, reading, self.year.value()):
            self.previous = reading.report
            self._source = path.name
            self.carry.setChecked(True)
            self._update()

    def _update(self) -> None:
        unit, year = self.unit.currentText().strip(), self.year.value()
        if self.previous is not None and self.previous.year != year - 1:
            self.previous = None  # the year changed: the file is no longer last year's
        found = bool(unit) and self._has_previous(unit, year - 1)
        if self.previous is not None:
            self.carry.setText(f"从文件“{self._source}”带入上年结转数和文字初稿")
        else:
            self.carry.setText(f"从 {year - 1} 年报告带入上年结转数和文字初稿")
        self.carry.setVisible(found or self.previous is not None)
        self.from_file.setVisible(not found)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(unit))

    def choice(self) -> NewReport:
        """Return what the dialog shows now."""
        # isHidden, not isVisible: after 确定 the whole dialog is hidden, and the choice
        # is read then; only the checkbox's own hiding (no report last year) counts.
        carry = not self.carry.isHidden() and self.carry.isChecked()
        return NewReport(
            self.unit.currentText().strip(),
            self.year.value(),
            carry,
            self.previous if carry else None,
        )


def choose_from_list(title: str, text: str, items: list[tuple[str, object]], action: str):
    """Return the value of the item the clerk picks from `items` (label, value); None
    when cancelled or the list is empty."""
    dialog = QDialog(_parent())
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(text))
    listing = QListWidget()
    for label, value in items:
        item = QListWidgetItem(label)
        item.setData(256, value)
        listing.addItem(item)
    listing.setCurrentRow(0)
    listing.itemDoubleClicked.connect(dialog.accept)
    layout.addWidget(listing)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    buttons.addButton(QPushButton(action), QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(520, 360)
    if dialog.exec() != QDialog.DialogCode.Accepted or listing.currentItem() is None:
        return None
    return listing.currentItem().data(256)


def choose_deleted_report(items: list[tuple[str, int]]) -> int | None:
    """Return the id of a deleted report to bring back; None when cancelled."""
    if not items:
        inform("没有已删除的报告。")
        return None
    return choose_from_list("已删除的报告", "选择要恢复的报告：", items, "恢复")


def manage_backups(
    items: list[tuple[str, Path]], backup_now: Callable[[], tuple[str, Path]]
) -> Path | None:
    """Show the backups (label, file) with 立即备份, which makes one and returns its label
    and file; return a backup to restore, None when none chosen."""
    dialog = BackupDialog(items, backup_now, _parent())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()


_BACKUP_NOTE = "程序每天自动备份一次，保留最近 14 份。恢复时当前数据会先另存，不会丢失。"


class BackupDialog(QDialog):
    """备份与恢复: the backups of the data file, newest first."""

    def __init__(self, items, backup_now, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("备份与恢复")
        self._backup_now = backup_now
        self.listing = QListWidget()
        self._fill(items)
        now = QPushButton("立即备份")
        now.clicked.connect(self._make)
        self.restore = QPushButton("恢复所选备份…")
        self.restore.clicked.connect(self.accept)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_BACKUP_NOTE))
        layout.addWidget(self.listing)
        buttons = QDialogButtonBox()
        for button in (now, self.restore, close):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)
        self.resize(560, 380)

    def _fill(self, items) -> None:
        self.listing.clear()
        for label, path in items:
            item = QListWidgetItem(label)
            item.setData(256, path)
            self.listing.addItem(item)
        self.listing.setCurrentRow(0)

    def _make(self) -> None:
        label, path = self._backup_now()
        item = QListWidgetItem(f"{label}（刚刚）")
        item.setData(256, path)
        self.listing.insertItem(0, item)
        self.listing.setCurrentRow(0)

    def chosen(self) -> Path | None:
        item = self.listing.currentItem()
        return item.data(256) if item is not None else None


def offer_backup(message: str, newest: str | None) -> bool:
    """Tell the clerk the data file is damaged; return True to restore the newest backup."""
    if newest is None:
        error(message + "\n\n请联系技术人员。", "数据文件已损坏")
        return False
    return confirm(
        f"{message}\n\n是否用最近的备份（{newest}）恢复？当前文件会另存，不会删除。",
        "数据文件已损坏",
    )


def fault(text: str, details: str) -> None:
    """Show a fault with 复制详细信息, which puts `details` (the traceback) on the
    clipboard for the clerk to send on."""
    box = QMessageBox(_parent())
    box.setWindowTitle("出错了")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setText(text)
    box.setDetailedText(details)
    copy = box.addButton("复制详细信息", QMessageBox.ButtonRole.ActionRole)
    copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{text}\n\n{details}"))
    box.addButton("关闭", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def offer_report_backup(message: str, made: str | None) -> bool:
    """Tell the clerk a report is damaged; return True to put back the copy in the
    backup made at `made` (None: no backup holds it whole)."""
    if made is None:
        error(f"{message}\n\n没有找到完好保存这份报告的备份。其他报告不受影响。", "报告已损坏")
        return False
    return confirm(
        f"{message}\n\n{made} 的备份中这份报告是完好的。是否用它恢复这份报告？"
        "其他报告不受影响；这份报告在那之后的修改会丢失。",
        "报告已损坏",
    )


def ask_document_style(current: DocumentStyle) -> DocumentStyle | None:
    """Return the document fonts the clerk chose, starting from `current`; None when
    cancelled."""
    dialog = DocumentFontsDialog(current, _parent())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.style()


def offer_installed_fonts(missing: list[str], replacements: dict[str, str]) -> bool:
    """Tell the clerk this computer lacks fonts the document uses; return True to use
    the installed equivalents in `replacements` (missing font → installed one)."""
    text = (
        f"这台电脑没有安装导出文档要用的字体：{'、'.join(missing)}。"
        "Word/WPS 打开时会用别的字体代替，打印出来的公文字体可能不对。"
    )
    if not replacements:
        inform(text + "\n\n请安装这些字体，或在“文档字体”中改用本机有的字体。", "字体")
        return False
    swaps = "\n".join(f"· {old} → {new}" for old, new in replacements.items())
    return confirm(
        f"{text}\n\n可以改用本机已有的相近字体：\n{swaps}\n\n"
        "以后仍可在“文档字体”中修改。是否改用本机字体？",
        "字体",
    )


@dataclass(frozen=True)
class Explanation:
    """What the clerk wrote in 说明: the note and who signs it."""

    note: str
    who: str


def ask_explanation(finding_message: str, note: str, who: str) -> Explanation | None:
    """Return the 说明 of a warning written by the clerk; None when cancelled."""
    dialog = ExplanationDialog(finding_message, note, who, _parent())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.explanation()


class ExplanationDialog(QDialog):
    """说明: why a warning is fine, and who says so; kept with the report, never printed."""

    def __init__(self, message: str, note: str, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("说明这个提醒")
        finding = QLabel(message)
        finding.setWordWrap(True)
        hint = QLabel(
            "写明为什么这样填写是对的。说明保存在报告中、不会印在 Word 文档里；"
            "提醒涉及的数字或文字改动后，说明失效，提醒会重新出现。"
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(style.HINT_STYLE)
        self.note = QPlainTextEdit(note)
        self.note.setAccessibleName("说明")
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.who = QLineEdit(who)
        self.who.setAccessibleName("说明人")
        self.who.setPlaceholderText("姓名或科室")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存说明")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("说明：", self.note)
        form.addRow("说明人：", self.who)
        layout = QVBoxLayout(self)
        layout.addWidget(finding)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def explanation(self) -> Explanation:
        """Return what is written in the dialog."""
        return Explanation(self.note.toPlainText().strip(), self.who.text().strip())
