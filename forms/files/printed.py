"""A published report as printed: paragraphs and tables of text, the same whatever file
they were read from (`docx_reader`, `html_reader`), for `forms.files.published`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrintedCell:
    """One grid slot of a printed table; a merged cell fills every slot it covers with
    the same text and the same `origin` (its top-left slot)."""

    text: str
    origin: tuple[int, int]


@dataclass(frozen=True)
class PrintedParagraph:
    """A paragraph as printed. `level`: 0 title, 1 and 2 headings as the file's styles
    or tags say; None for body text or when the file does not say."""

    text: str
    level: int | None = None


@dataclass(frozen=True)
class PrintedTable:
    """A table as printed: rows of grid slots (rows may be ragged)."""

    rows: tuple[tuple[PrintedCell, ...], ...]


Block = PrintedParagraph | PrintedTable


class UnreadableReport(ValueError):
    """The file holds no report this program can read; the message says why, in Chinese."""
