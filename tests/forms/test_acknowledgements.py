"""Warnings explained (出错说明): kept while their cells keep their values, stored with the
report (data file and interchange JSON), shown by `nianbao check`, never exported."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import docx
import pytest

from forms import cli
from forms.files.document_style import DocumentStyle
from forms.files.docx_writer import export_report
from forms.files.json_file import InterchangeError, read_report, write_report
from forms.report.acknowledgements import (
    CannotAcknowledge,
    acknowledge,
    counts,
    explanation,
    withdraw,
)
from forms.report.checks import check
from forms.report.editing import ReportEditor, SaveFailed
from forms.report.values import Report
from forms.storage.store import Store
from tests.conftest import data_report
from tests.forms.test_editing import Refusing

NOTE = "本年新收申请中 2 件由区政府办代为受理，正文按全区口径填写"
AT = "2025-01-20T10:00:00"


def fee_warning(report: Report):
    return next(f for f in check(report) if f.code == "FEE_STATEMENT")


@pytest.fixture
def explained(seed: Report) -> Report:
    """The seed with its 六 saying nothing of the fee, and that warning explained."""
    seed.texts["s6.other"] = "无其他需要报告的事项。"
    acknowledge(seed, fee_warning(seed), NOTE, "张三", AT)
    return seed


def test_an_explained_warning_is_kept_across_checks(explained):
    again = fee_warning(explained)
    made = explanation(explained, again)
    assert (made.note, made.who, made.at) == (NOTE, "张三", AT)
    assert counts(explained, check(explained)) == counts(explained, [again])
    assert counts(explained, check(explained)).explained_warnings == 1
    assert counts(explained, check(explained)).open_warnings == 0


def test_it_no_longer_applies_when_its_text_changes_and_again_when_it_comes_back(explained):
    explained.texts["s6.other"] = "无其他需要报告的事项"
    assert explanation(explained, fee_warning(explained)) is None
    assert counts(explained, check(explained)).open_warnings == 1
    explained.texts["s6.other"] = "无其他需要报告的事项。"  # undo
    assert explanation(explained, fee_warning(explained)) is not None


def test_a_cell_change_reopens_a_table_warning(seed):
    seed.texts["s1.proactive"] = "公开行政处罚决定56件。"
    seed.values["s2.penalty.decisions"] = 50
    warning = next(f for f in check(seed) if f.code == "TEXT_MATCHES_TABLE")
    acknowledge(seed, warning, "6 件为上年作出、本年公开", "李四", AT)
    assert explanation(seed, next(f for f in check(seed) if f.code == "TEXT_MATCHES_TABLE"))
    seed.values["s2.penalty.decisions"] = 51
    reopened = next(f for f in check(seed) if f.code == "TEXT_MATCHES_TABLE")
    assert explanation(seed, reopened) is None


def test_errors_and_empty_notes_cannot_be_explained(seed):
    seed.texts["s5.problems"] = ""
    error = next(f for f in check(seed) if f.is_error)
    with pytest.raises(CannotAcknowledge, match="错误不能加说明"):
        acknowledge(seed, error, NOTE, "张三", AT)
    seed.texts["s6.other"] = "无。"
    with pytest.raises(CannotAcknowledge, match="请写明"):
        acknowledge(seed, fee_warning(seed), "  ", "张三", AT)
    assert seed.acknowledgements == []


def test_explaining_again_replaces_and_withdrawing_removes(explained):
    acknowledge(explained, fee_warning(explained), "改写的说明", "王五", AT)
    assert [a.note for a in explained.acknowledgements] == ["改写的说明"]
    assert withdraw(explained, fee_warning(explained))
    assert explanation(explained, fee_warning(explained)) is None


def test_kept_in_the_data_file(explained, tmp_path: Path):
    store = Store.open(tmp_path / "nianbao.db")
    rid = store.add_report(explained)
    store.close()
    store = Store.open(tmp_path / "nianbao.db")
    reopened = store.load_report(rid)
    assert reopened.acknowledgements == explained.acknowledgements
    assert explanation(reopened, fee_warning(reopened)).note == NOTE
    store.save_acknowledgements(rid, [])
    assert store.load_report(rid).acknowledgements == []
    store.close()


def test_carried_by_the_interchange_file(explained):
    text = write_report(explained)
    assert json.loads(text)["acknowledgements"][0]["note"] == NOTE
    assert read_report(text).acknowledgements == explained.acknowledgements


def test_a_file_without_explanations_writes_none(seed):
    assert "acknowledgements" not in json.loads(write_report(seed))


def test_a_malformed_explanation_in_a_file_is_refused_by_name(explained):
    data = json.loads(write_report(explained))
    data["acknowledgements"][0]["values"] = []
    with pytest.raises(InterchangeError, match=r"acknowledgements\[0\]"):
        read_report(json.dumps(data, ensure_ascii=False))


def test_check_shows_and_counts_explanations(explained, tmp_path: Path):
    path = tmp_path / "report.json"
    path.write_text(write_report(explained), encoding="utf-8")
    out = io.StringIO()
    assert cli.main(["check", str(path)], out, io.StringIO()) == 0
    assert "1 个警告（其中 1 个已说明）" in out.getvalue()
    assert f"已说明：{NOTE}（张三，{AT}）" in out.getvalue()
    out = io.StringIO()
    cli.main(["check", "--json", str(path)], out, io.StringIO())
    [entry] = json.loads(out.getvalue())
    assert entry["counts"] == {"errors": 0, "open_warnings": 0, "explained_warnings": 1}
    [finding] = entry["findings"]
    assert finding["acknowledgement"] == {"note": NOTE, "who": "张三", "at": AT}


def test_the_document_never_prints_an_explanation(explained, tmp_path: Path):
    result = export_report(explained, tmp_path / "report.docx", DocumentStyle())
    document = docx.Document(str(result.path))
    printed = "\n".join(p.text for p in document.paragraphs)
    assert "无其他需要报告的事项。" in printed
    assert NOTE not in printed and "张三" not in printed


def test_the_editor_stores_a_note_first_and_keeps_nothing_the_store_refused(tmp_path: Path):
    store = Store.open(tmp_path / "nianbao.db")
    seed = read_report(write_report(_seed_without_fee()))
    rid = store.add_report(seed)
    refusing = Refusing(store, sqlite3.OperationalError("database is locked"))
    editor = ReportEditor(refusing, rid)
    warning = fee_warning(editor.report)
    with pytest.raises(SaveFailed):
        editor.acknowledge(warning, NOTE, "张三", AT)
    assert editor.explanation(warning) is None and editor.problem
    assert store.load_report(rid).acknowledgements == []
    refusing.refusing = False
    editor.acknowledge(warning, NOTE, "张三", AT)
    assert editor.explanation(warning).note == NOTE
    assert store.load_report(rid).acknowledgements == editor.report.acknowledgements
    assert editor.withdraw(warning) and store.load_report(rid).acknowledgements == []
    store.close()


def _seed_without_fee() -> Report:
    report = data_report("xijie-2023")
    report.texts["s6.other"] = "无其他需要报告的事项。"
    return report


def test_a_damaged_note_in_the_data_file_is_dropped_and_its_warning_open(explained, tmp_path):
    store = Store.open(tmp_path / "nianbao.db")
    rid = store.add_report(explained)
    store.db.execute("UPDATE acknowledgements SET cells = '[not json'")
    store.db.conn.commit()
    reopened = store.load_report(rid)
    assert reopened.acknowledgements == []
    assert explanation(reopened, fee_warning(reopened)) is None
    store.close()


def test_an_overlong_note_in_a_file_is_refused(explained):
    data = json.loads(write_report(explained))
    data["acknowledgements"][0]["note"] = "很" * 201
    with pytest.raises(InterchangeError, match="超过 200 个字"):
        read_report(json.dumps(data, ensure_ascii=False))
