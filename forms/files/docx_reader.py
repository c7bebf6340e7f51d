"""Reading Word documents back: the text of a .docx, paragraphs and table cells."""

from __future__ import annotations

from pathlib import Path

from docx import Document


def document_text(path: Path) -> tuple[str, set[str]]:
    """Return the paragraphs' text (one per line) and the set of table cell texts of a
    .docx, each cell stripped and without thousands separators."""
    document = Document(str(path))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = {
        cell.text.strip().replace(",", "")
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    }
    return paragraphs, cells
