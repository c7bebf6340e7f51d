"""The exported document as LibreOffice lays it out: title, headings and numbers in
reading order on the expected number of pages. LibreOffice and poppler are installed
by `make test`; when missing, these tests fail rather than skip."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from forms.files.docx_writer import export_report
from forms.format.cells import cells
from forms.format.spec import Number
from forms.report.values import Report, value_text

pytestmark = pytest.mark.slow

SEED_PAGES = 5  # measured: the seed's texts, then the three tables
FULL_PAGES = 5


def full(report: Report) -> Report:
    """Fill every cell, totals too, with a distinct non-zero value."""
    for index, (cid, cell) in enumerate(cells(report.form).items()):
        amount = cell.number is Number.AMOUNT
        report.values[cid] = Decimal("24252.311082") if amount else 100 + 41 * index
    return report


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[str, int]]:
    """Export the seed and a fully filled report, convert both to PDF in one
    LibreOffice run, and return each one's text (-layout) and page count."""
    for tool in ("libreoffice", "pdftotext", "pdfinfo"):
        assert shutil.which(tool), f"{tool} is missing: run `make test` to install it"
    folder = tmp_path_factory.mktemp("render")
    from tests.conftest import data_report

    seed = data_report("xijie-2023")
    reports = {"seed": seed, "full": full(data_report("xijie-2023"))}
    paths = [export_report(r, folder / f"{name}.docx").path for name, r in reports.items()]
    _convert(paths, folder)
    return {name: _read(folder / f"{name}.pdf") for name in reports}


def _convert(paths: list[Path], folder: Path) -> None:
    """Convert to PDF with a fresh LibreOffice profile (HOME) in `folder`."""
    command = ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
    environment = {"HOME": str(folder / "home"), "PATH": "/usr/bin:/bin"}
    subprocess.run([*command, *map(str, paths)], env=environment, check=True, timeout=120)


def _read(pdf: Path) -> tuple[str, int]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return text, int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))


def in_order(haystack: str, needles: list[str]) -> bool:
    """Return True when every needle occurs in `haystack`, each after the one before."""
    position = 0
    for needle in needles:
        position = haystack.find(needle, position)
        if position < 0:
            return False
        position += len(needle)
    return True


def headings(report: Report) -> list[str]:
    """Return the title lines and every heading in document order."""
    found = [report.unit, f"{report.year}年{report.form.title}"]
    for section in report.form.sections:
        found.append(section.heading)
        found += [p.heading for p in section.parts if getattr(p, "heading", "")]
    return found


@pytest.mark.parametrize("name", ["seed", "full"])
def test_title_and_headings_come_in_reading_order(rendered, seed, name) -> None:
    text = "".join(rendered[name][0].split())  # wrapped lines and layout spaces removed
    assert in_order(text, ["".join(h.split()) for h in headings(seed)])


def test_every_number_comes_out_in_reading_order(rendered, seed) -> None:
    report = full(seed)
    expected = [value_text(report.values[cid]) for cid in cells(report.form)]
    numbers = iter(re.findall(r"\d+(?:\.\d+)?", rendered["full"][0]))
    assert all(number in numbers for number in expected)  # a subsequence, in order


def test_pages_and_their_numbers(rendered) -> None:
    assert rendered["seed"][1] == SEED_PAGES
    assert rendered["full"][1] == FULL_PAGES
    pages = rendered["seed"][0].split("\f")[:SEED_PAGES]
    indents = [_page_number_indent(page, n) for n, page in enumerate(pages, start=1)]
    odd, even = indents[0::2], indents[1::2]
    assert min(odd) > max(even) + 20  # odd pages on the right, even pages on the left


def _page_number_indent(page: str, number: int) -> int:
    """Return how far the page's `— N —` line is indented (pdftotext drops its spaces)."""
    line = next(line for line in page.splitlines() if "".join(line.split()) == f"—{number}—")
    return len(line) - len(line.lstrip())
