"""The file formats by suffix: which files are read and written, the one atomic
write, the one file name."""

from __future__ import annotations

import os

import pytest

from forms.files import formats
from forms.files.formats import FileProblem, file_name, read_file, write_file
from forms.files.json_file import read_report_file


def test_file_name_is_legal_on_windows(seed) -> None:
    assert file_name(seed, ".docx") == "红旗区西街街道办事处2023年政府信息公开工作年度报告.docx"
    assert file_name(seed, ".html") == "红旗区西街街道办事处2023年政府信息公开工作年度报告.html"
    seed.unit = 'A/B:C*?"<>|街道'
    assert file_name(seed, ".json") == "ABC街道2023年政府信息公开工作年度报告.json"


def test_a_long_unit_name_is_shortened_to_what_linux_allows(seed, tmp_path) -> None:
    seed.unit = "很长的单位名称" * 40
    name = file_name(seed, ".docx")
    assert len(name.encode("utf-8")) <= 255
    assert name.startswith("很长的单位名称")
    assert name.endswith("2023年政府信息公开工作年度报告.docx")
    assert write_file(seed, tmp_path / name).path.exists()


@pytest.mark.parametrize("suffix", [".json", ".docx"])
def test_every_writer_is_atomic(seed, tmp_path, monkeypatch, suffix) -> None:
    """A write that fails half-way leaves the old file whole and no temporary file."""
    target = tmp_path / f"report{suffix}"
    write_file(seed, target)
    before = target.read_bytes()

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    seed.unit = "另一个单位"
    with pytest.raises(FileProblem, match="磁盘已满"):
        write_file(seed, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_json_is_written_and_read_back(seed, tmp_path) -> None:
    path = write_file(seed, tmp_path / "r.json").path
    assert read_report_file(path) == seed
    assert read_file(path).report == seed and read_file(path).notes == []


def test_files_that_cannot_be_read_say_why(tmp_path) -> None:
    with pytest.raises(FileProblem, match="另存为"):
        read_file(tmp_path / "old.doc")
    with pytest.raises(FileProblem, match=r"不认识的文件类型“\.xlsx”：能读取的是 \.json、\.docx"):
        read_file(tmp_path / "table.xlsx")
    with pytest.raises(FileProblem, match="文件不存在"):
        read_file(tmp_path / "missing.docx")
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>首页</p></body></html>", encoding="utf-8")
    with pytest.raises(FileProblem, match="没有找到政府信息公开工作年度报告的表格和标题"):
        read_file(page)


def test_unwritable_suffixes_are_refused(seed, tmp_path) -> None:
    with pytest.raises(FileProblem, match=r"不能写成“\.pdf”文件"):
        write_file(seed, tmp_path / "r.pdf")


def test_dialog_filters_list_every_readable_format() -> None:
    filters = formats.dialog_filters(formats.readable())
    assert filters[0] == ("所有报告文件", ("*.json", "*.docx", "*.html", "*.htm"))
    assert ("Word 文档", ("*.docx",)) in filters


def test_a_file_held_for_a_moment_is_replaced_after_retrying(seed, tmp_path, monkeypatch):
    """Windows: antivirus or the indexer holds a new file for milliseconds."""
    target = tmp_path / "report.html"
    target.write_bytes(b"old")
    real, calls = os.replace, []

    def refusing_twice(source, destination):
        calls.append(source)
        if len(calls) <= 2:
            raise PermissionError(13, "used by another process")
        real(source, destination)

    monkeypatch.setattr(formats, "REPLACE_PATIENCE", 2.0)  # as on Windows
    monkeypatch.setattr(formats.os, "replace", refusing_twice)
    write_file(seed, target)
    assert len(calls) == 3 and target.read_bytes().startswith(b"<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
