"""The editing core without Qt: store first then apply, a refused save kept and said,
undo of cells, texts and carry-over, 定稿 refused with errors, drafts of typed cells."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from forms.format.registry import CURRENT
from forms.report.editing import FinalRefused, ReportEditor, SaveFailed, Status
from forms.storage.store import Store
from tests.conftest import complete

UNIT = "红旗区西街街道办事处"


@pytest.fixture
def store(tmp_path) -> Store:
    opened = Store.open(tmp_path / "nianbao.db")
    yield opened
    opened.close()


@pytest.fixture
def report_id(store) -> int:
    return store.create_report(UNIT, 2024, CURRENT)


class Refusing:
    """A store whose writes fail with `error` while `refusing` is set."""

    def __init__(self, store: Store, error: BaseException) -> None:
        self._store, self.error, self.refusing = store, error, True

    def __getattr__(self, name):
        method = getattr(self._store, name)
        if name.startswith(("save_", "set_")):

            def refused(*args, **kwargs):
                if self.refusing:
                    raise self.error
                return method(*args, **kwargs)

            return refused
        return method


def test_loads_the_report_and_last_years(store, report_id):
    last_year = store.create_report(UNIT, 2023, CURRENT)
    store.save_values(last_year, {"s3.carry_next.natural": 4})
    editor = ReportEditor(store, report_id)
    assert (editor.report.unit, editor.report.year) == (UNIT, 2024)
    assert editor.previous.values == {"s3.carry_next.natural": 4}
    assert not editor.is_final and editor.tally.errors == len(editor.errors) > 0


def test_a_change_is_stored_then_applied_and_checked_again(store, report_id):
    editor = ReportEditor(store, report_id)
    before = editor.findings
    changed = editor.set_values({"s3.new.natural": 3}, "填写")
    assert changed.cells == ("s3.new.natural",)
    assert store.load_report(report_id).values == {"s3.new.natural": 3}
    assert editor.report.values == {"s3.new.natural": 3}
    blank_s3 = next(f for f in editor.findings if f.lists_blanks and f.cells[0].startswith("s3."))
    assert editor.findings != before and "s3.new.natural" not in blank_s3.cells
    assert not editor.set_values({"s3.new.natural": 3})  # already there: nothing


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "未能保存：磁盘已满"),
        (sqlite3.OperationalError("database or disk is full"), "未能保存：磁盘已满"),
        (sqlite3.OperationalError("database is locked"), "未能保存：数据文件被其他程序占用"),
        (
            sqlite3.OperationalError("attempt to write a readonly database"),
            "未能保存：数据文件不能写入",
        ),
        (OSError(errno.EIO, "Input/output error"), "未能保存：读写磁盘出错"),
    ],
)
def test_a_refused_save_leaves_memory_as_stored_and_says_what_to_do(store, report_id, error, said):
    refusing = Refusing(store, error)
    editor = ReportEditor(refusing, report_id)
    with pytest.raises(SaveFailed) as failure:
        editor.set_values({"s3.new.natural": 3}, "填写")
    assert str(failure.value).startswith(said)
    assert str(failure.value).endswith("您继续填写时程序会再次保存；保存成功之前不能导出 Word。")
    assert editor.problem == str(failure.value)
    assert editor.report.values == {} == store.load_report(report_id).values
    assert editor.unsaved_value("s3.new.natural") == (True, 3)  # the screen can mark it
    assert not editor.can_undo()


def test_the_refused_change_is_stored_when_the_clerk_goes_on(store, report_id):
    refusing = Refusing(store, sqlite3.OperationalError("database is locked"))
    editor = ReportEditor(refusing, report_id)
    with pytest.raises(SaveFailed):
        editor.set_values({"s3.new.natural": 3})
    with pytest.raises(SaveFailed):
        editor.set_text("s5.problems", "公开不够")
    with pytest.raises(SaveFailed):
        editor.set_text("s5.problems", "公开不够及时")  # typing on: one change
    assert len(editor.unsaved) == 2
    refusing.refusing = False  # the other program let go of the file
    changed = editor.set_values({"s3.new.commercial": 1})
    assert changed.cells == ("s3.new.natural", "s3.new.commercial")
    assert changed.texts == ("s5.problems",)
    stored = store.load_report(report_id)
    assert stored.values == {"s3.new.natural": 3, "s3.new.commercial": 1}
    assert stored.text("s5.problems") == "公开不够及时"
    assert editor.problem is None and editor.unsaved == []


def test_undo_covers_cells_texts_and_carry_over(store, report_id):
    last_year = store.create_report(UNIT, 2023, CURRENT)
    store.save_values(last_year, {"s3.carry_next.natural": 4})
    store.save_text(last_year, "s5.problems", "去年的问题")
    store.save_text(last_year, "s1.intro", "去年的概述")
    store.save_text(report_id, "s1.intro", "今年已写")
    editor = ReportEditor(store, report_id)
    editor.set_text("s6.other", "本")
    editor.set_text("s6.other", "本年度")  # typed on: one step
    editor.carry_over()
    stored = store.load_report(report_id)
    assert stored.values == {"s3.carried.natural": 4}
    assert stored.text("s5.problems") == "去年的问题" and stored.text("s1.intro") == "今年已写"
    assert editor.undo_text() == "从上年报告带入"
    editor.undo()
    stored = store.load_report(report_id)
    assert stored.values == {} and stored.text("s5.problems") == ""
    assert editor.undo_text() == "修改文字"
    editor.undo()
    assert store.load_report(report_id).text("s6.other") == "" == editor.report.text("s6.other")
    assert not editor.can_undo()
    editor.redo()
    editor.redo()
    stored = store.load_report(report_id)
    assert stored.text("s6.other") == "本年度" and stored.values == {"s3.carried.natural": 4}


def test_a_final_report_refuses_edits(store, report_id):
    complete(store, report_id)
    editor = ReportEditor(store, report_id)
    editor.set_final(True)
    assert store.entry(report_id).status == Status.FINAL
    assert not editor.set_values({"s3.new.natural": 9})
    assert not editor.set_text("s5.problems", "改")
    assert not editor.carry_over() and not editor.can_undo()
    assert not editor.set_unit_year("别的单位", 2024)
    assert store.load_report(report_id).values["s3.new.natural"] == 0
    editor.keep_draft("s3.new.natural", "9")
    assert store.drafts(report_id) == {}
    assert ReportEditor(store, report_id).is_final


def test_final_is_refused_while_the_report_has_errors(store, report_id):
    editor = ReportEditor(store, report_id)
    with pytest.raises(FinalRefused) as refused:
        editor.set_final(True)
    assert refused.value.errors == editor.errors
    assert store.entry(report_id).status == Status.DRAFT and not editor.is_final


def test_a_draft_is_kept_until_the_value_is_stored(store, report_id):
    editor = ReportEditor(store, report_id)
    editor.keep_draft("s4.review.upheld", "1")
    editor.keep_draft("s4.review.upheld", "12")
    assert ReportEditor(store, report_id).drafts == {"s4.review.upheld": "12"}  # a restart
    editor.set_values({"s4.review.upheld": 12})
    assert editor.drafts == {} == store.drafts(report_id)
    editor.keep_draft("s4.review.other", "3")
    editor.keep_draft("s4.review.other", None)  # Esc
    assert store.drafts(report_id) == {}


def test_renaming_looks_up_last_year_again(store, report_id):
    other = store.create_report("另一单位", 2023, CURRENT)
    store.save_values(other, {"s3.carry_next.natural": 1})
    editor = ReportEditor(store, report_id)
    assert editor.previous is None
    assert editor.set_unit_year("另一单位", 2024)
    assert editor.previous.values == {"s3.carry_next.natural": 1}
    assert editor.carry_over().cells == ("s3.carried.natural",)


# ── a real full file system ──────────────────────────────────────────────────


@pytest.fixture
def small_disk(tmp_path) -> Path:
    """A 2 MB tmpfs, mounted when the tests run as root (skipped otherwise)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a full file system needs a tmpfs, which only root can mount")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_up(folder: Path) -> Path:
    """Fill the file system holding `folder`; return the filler file."""
    filler = folder / "filler"
    out = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(out, b"\0" * 4096)
    except OSError as full:
        assert full.errno == errno.ENOSPC
    finally:
        os.close(out)
    return filler


def test_a_full_disk_is_said_and_nothing_is_lost(small_disk):
    store = Store.open(small_disk / "nianbao.db")
    try:
        report_id = store.create_report(UNIT, 2024, CURRENT)
        editor = ReportEditor(store, report_id)
        editor.set_values({"s3.new.natural": 3})
        filler = fill_up(small_disk)
        text = "本年度政府信息公开工作稳步推进。" * 4000  # ~190 KB: more than is left
        with pytest.raises(SaveFailed, match=r"^未能保存：磁盘已满"):
            editor.set_text("s1.intro", text)
        assert editor.report.text("s1.intro") == ""  # memory holds what the file holds
        assert store.load_report(report_id).text("s1.intro") == ""
        filler.unlink()  # the clerk made room
        editor.set_values({"s3.new.commercial": 1})
        stored = store.load_report(report_id)
        assert stored.text("s1.intro") == text
        assert stored.values == {"s3.new.natural": 3, "s3.new.commercial": 1}
    finally:
        store.close()


def test_a_change_stored_in_part_marks_only_what_is_not_stored(store, report_id):
    """Carry-over stores its cells, then its texts: when the texts are refused, the
    cells are stored and applied, and only the texts wait for the retry."""
    last_year = store.create_report(UNIT, 2023, CURRENT)
    store.save_values(last_year, {"s3.carry_next.natural": 4})
    store.save_text(last_year, "s5.problems", "去年的问题")
    editor = ReportEditor(store, report_id)

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store, "save_text", full)
        with pytest.raises(SaveFailed):
            editor.carry_over()
    assert editor.report.values == {"s3.carried.natural": 4}
    assert store.load_report(report_id).values == {"s3.carried.natural": 4}
    assert editor.unsaved_value("s3.carried.natural") == (False, None)
    assert editor.report.text("s5.problems") == ""
    assert editor.retry().texts == ("s5.problems",)
    assert store.load_report(report_id).text("s5.problems") == "去年的问题"


def test_retyping_while_saves_are_refused_keeps_the_last_value_typed(store, report_id):
    """The clerk types 7 over a stored 5, then corrects back to 5, while the file is
    locked: 5 is what gets stored, and each undo goes back one value typed."""
    store.save_values(report_id, {"s4.review.upheld": 5})
    refusing = Refusing(store, sqlite3.OperationalError("database is locked"))
    editor = ReportEditor(refusing, report_id)
    for value in (7, 5):
        with pytest.raises(SaveFailed):
            editor.set_values({"s4.review.upheld": value})
    refusing.refusing = False
    editor.retry()
    assert store.load_report(report_id).value("s4.review.upheld") == 5
    assert editor.report.value("s4.review.upheld") == 5
    editor.undo()
    assert store.load_report(report_id).value("s4.review.upheld") == 7
    editor.undo()
    assert store.load_report(report_id).value("s4.review.upheld") == 5


def test_undo_after_two_refused_values_goes_back_to_the_first(store, report_id):
    store.save_values(report_id, {"s4.review.upheld": 5})
    refusing = Refusing(store, sqlite3.OperationalError("database is locked"))
    editor = ReportEditor(refusing, report_id)
    for value in (7, 9):
        with pytest.raises(SaveFailed):
            editor.set_values({"s4.review.upheld": value})
    refusing.refusing = False
    editor.retry()
    assert store.load_report(report_id).value("s4.review.upheld") == 9
    editor.undo()
    assert store.load_report(report_id).value("s4.review.upheld") == 7
    assert editor.report.value("s4.review.upheld") == 7


def test_a_text_put_back_while_saves_are_refused_is_stored_as_put_back(store, report_id):
    store.save_text(report_id, "s5.problems", "原文")
    refusing = Refusing(store, sqlite3.OperationalError("database is locked"))
    editor = ReportEditor(refusing, report_id)
    with pytest.raises(SaveFailed):
        editor.set_text("s5.problems", "原文改")
    with pytest.raises(SaveFailed):
        editor.set_values({"s4.review.upheld": 3})
    with pytest.raises(SaveFailed):
        editor.set_text("s5.problems", "原文")  # the clerk's box shows 原文 again
    refusing.refusing = False
    editor.retry()
    assert store.load_report(report_id).text("s5.problems") == "原文"
    assert editor.report.text("s5.problems") == "原文"
    editor.undo()
    assert store.load_report(report_id).text("s5.problems") == "原文改"
