"""Where each header and number cell of a table sits, merges included.

The one place that turns a table's header paths (see `forms.format.spec`) into a grid of
merged cells; the editor and the Word document both draw from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forms.format.spec import Table


@dataclass(frozen=True)
class Span:
    """A header cell: its top-left position in the grid, its extent and its text."""

    row: int
    column: int
    rows: int
    columns: int
    text: str


@dataclass(frozen=True)
class Grid:
    """A table laid out as the official format draws it."""

    header_rows: int  # caption and column headers, above the numbers
    header_columns: int  # row headers, left of the numbers
    rows: int  # whole grid
    columns: int
    spans: tuple[Span, ...]  # every header cell, merged or not

    def body_position(self, row: int, column: int) -> tuple[int, int]:
        """Return the grid position of number cell (row, column) of the table."""
        return self.header_rows + row, self.header_columns + column


def table_grid(table: Table) -> Grid:
    """Return the grid of `table`: caption, corner, column and row headers, numbers."""
    column_depth = max(len(c.path) for c in table.columns)
    row_depth = max(len(r.path) for r in table.rows)
    top = 1 if table.caption else 0
    header_rows = top + column_depth
    width = row_depth + len(table.columns)
    spans: list[Span] = []
    if table.caption:
        spans.append(Span(0, 0, 1, width, table.caption))
    if row_depth:
        spans.append(Span(top, 0, column_depth, row_depth, table.corner))
    for level, start, extent, depth, text in _path_spans([c.path for c in table.columns]):
        spans.append(Span(top + level, row_depth + start, depth, extent, text))
    for level, start, extent, depth, text in _path_spans([r.path for r in table.rows]):
        spans.append(Span(header_rows + start, level, extent, depth, text))
    height = header_rows + len(table.rows)
    return Grid(header_rows, row_depth, height, width, tuple(spans))


def _path_spans(
    paths: Sequence[tuple[str, ...]],
) -> list[tuple[int, int, int, int, str]]:
    """Return (level, start, extent, depth, text) for each merged header of `paths`.

    Neighbours sharing a prefix share its cells (extent along the line); a path's
    last part reaches down to the full depth (depth across the header).
    """
    full = max((len(p) for p in paths), default=0)
    spans = []
    for level in range(full):
        index = 0
        while index < len(paths):
            path = paths[index]
            if level >= len(path):
                index += 1
                continue
            end = index + 1
            if level < len(path) - 1:
                while (
                    end < len(paths)
                    and paths[end][: level + 1] == path[: level + 1]
                    and len(paths[end]) > level + 1
                ):
                    end += 1
            depth = full - level if level == len(path) - 1 else 1
            spans.append((level, index, end - index, depth, path[level]))
            index = end
    return spans
