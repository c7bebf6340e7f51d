"""Where an export may write: never over a changed file or another report's document."""

from __future__ import annotations

import os

from forms.files.exported import Target, choose_target, key, stamp

NAME = "红旗区西街街道办事处2024年政府信息公开工作年度报告.docx"


def written(path, report_id: int, records: dict, content: bytes = b"docx") -> None:
    path.write_bytes(content)
    records[key(path)] = stamp(path, report_id)


def test_a_free_name_is_written_and_the_programs_own_unchanged_file_replaced(tmp_path):
    path, records = tmp_path / NAME, {}
    assert choose_target(path, 1, records) == (path, Target.FREE)
    written(path, 1, records)
    assert choose_target(path, 1, records) == (path, Target.OURS)


def test_a_document_changed_since_it_was_written_is_not_ours_to_replace(tmp_path):
    path, records = tmp_path / NAME, {}
    written(path, 1, records)
    path.write_bytes(b"edited in WPS")
    assert choose_target(path, 1, records) == (path, Target.CHANGED)
    written(path, 1, records)
    later = path.stat().st_mtime_ns + 2_000_000_000  # saved again, same size
    os.utime(path, ns=(later, later))
    assert choose_target(path, 1, records) == (path, Target.CHANGED)


def test_a_file_the_program_did_not_write_is_foreign(tmp_path):
    path = tmp_path / NAME
    path.write_bytes(b"the clerk's own")
    assert choose_target(path, 1, {}) == (path, Target.FOREIGN)


def test_another_reports_document_of_the_same_name_is_never_a_target(tmp_path):
    path, records = tmp_path / NAME, {}
    written(path, 1, records)  # 红旗区:西街… cleaned to the same name
    second = tmp_path / NAME.replace(".docx", "（2）.docx")
    assert choose_target(path, 2, records) == (second, Target.FREE)
    written(second, 2, records)
    assert choose_target(path, 2, records) == (second, Target.OURS)
    assert choose_target(path, 1, records) == (path, Target.OURS)
    assert choose_target(path, 3, records)[0].name.endswith("（3）.docx")
