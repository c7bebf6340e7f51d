"""Importing published Word reports: the program's own exports and hand-filled
official templates with the quirks real files have; every value and text compared."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.files.docx_writer import export_report
from forms.files.formats import FileProblem, read_file
from forms.files.json_file import read_report_file
from forms.files.published import printed_texts
from forms.report.totals import resolve
from forms.report.values import Report
from tests.conftest import DATA
from tests.forms.template_docs import QUIRKS, expected, sample_report, template_docx

SHARED = Path("/work/shared/examples")
EXAMPLES = sorted((DATA / "examples").glob("*.json")) + sorted(SHARED.glob("*.json"))
EXPORTED = EXAMPLES + sorted(DATA.glob("*.json"))


def assert_same_report(got: Report, want: Report) -> None:
    """Every cell as shown (a printed total equal to its parts is computed again), every
    typed cell as stored, every text as printed, unit and year."""
    assert (got.unit, got.year) == (want.unit, want.year)
    shown, wanted = resolve(got), resolve(want)
    assert {k: v for k, v in shown.items() if v != wanted[k]} == {}
    typed = {k: v for k, v in want.values.items() if not _total(want, k)}
    assert {k: got.values.get(k) for k in typed} == typed
    assert got.texts == printed_texts(want.texts)


def _total(report: Report, cid: str) -> bool:
    from forms.format.cells import cells

    return cells(report.form)[cid].is_total


@pytest.mark.parametrize("source", EXPORTED, ids=lambda p: p.name)
def test_every_exported_report_reads_back(source: Path, tmp_path: Path) -> None:
    report = read_report_file(source)
    path = export_report(report, tmp_path / "report.docx").path
    reading = read_file(path)
    assert reading.notes == []
    assert_same_report(reading.report, report)


def test_examples_are_all_read():
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("quirk", QUIRKS)
def test_a_hand_filled_template_with_one_quirk(quirk: str, tmp_path: Path) -> None:
    report = sample_report()
    path = template_docx(report, tmp_path / f"{quirk}.docx", {quirk})
    reading = read_file(path)
    if quirk == "subtotal":
        assert reading.notes == [
            "三、依申请公开 “申请人情况/法人或其他组织/小计”列："
            "报告格式中没有这一列，其中的数字未读取"
        ]
    else:
        assert reading.notes == []
    assert_same_report(reading.report, expected(report, {quirk}))


def test_a_hand_filled_template_with_every_quirk(tmp_path: Path) -> None:
    report = sample_report()
    path = template_docx(report, tmp_path / "all.docx", set(QUIRKS))
    reading = read_file(path)
    assert len(reading.notes) == 1 and "小计" in reading.notes[0]
    assert_same_report(reading.report, expected(report, set(QUIRKS)))


def test_old_word_files_are_refused_saying_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    with pytest.raises(FileProblem, match=r"WPS 或 Word.*另存为.*\.docx"):
        read_file(path)


def test_a_file_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(FileProblem, match="不是有效的 Word 文档"):
        read_file(path)
