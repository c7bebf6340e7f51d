"""What every page of a report section has: a title, its findings, a way to show a target."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from desktop.session import ReportSession, page_findings
from forms.format.spec import Section
from forms.report.checks import Finding


class SectionPage(QWidget):
    """What every page of a section has: a title, the ids it holds, a way to show one."""

    message = Signal(str)  # something refused or done, for the status bar

    def __init__(self, section: Section, session: ReportSession, parent=None) -> None:
        super().__init__(parent)
        self.section, self.session = section, session
        self.title = f"{section.heading.split('、', 1)[0]} {section.title}"

    def findings(self) -> list[Finding]:
        """Return the findings whose first cell or field is on this page."""
        return page_findings(self.session, self.section)

    def prepare(self) -> None:
        """Get ready to be shown: finish what was left undone while the page was hidden."""

    def show_target(self, target: str) -> None:
        """Put the cursor on a cell or text field of this page."""

    def set_font_size(self, points: float) -> None:
        """Show the tables and texts in `points`-sized type."""


def scrolled(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Tab goes straight to the tables and editors inside: a focused scroll area would
    # swallow the first digits the clerk types.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    return area
