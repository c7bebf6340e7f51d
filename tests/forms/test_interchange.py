"""The interchange JSON: read and written exactly as specified."""

import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.files.json_file import (
    InterchangeError,
    read_report,
    read_report_file,
    write_report,
    write_report_file,
)
from forms.format.cells import cells
from forms.format.registry import CURRENT
from forms.format.spec import Number
from forms.report.values import MAX_AMOUNT, MAX_COUNT, NA, Report, value_text
from tests.conftest import DATA


def seed_data() -> dict:
    return json.loads((DATA / "xijie-2023.json").read_text(encoding="utf-8"))


def test_round_trip_keeps_every_value_and_text(seed):
    again = read_report(write_report(seed))
    assert again == seed
    assert json.loads(write_report(seed)) == seed_data()


def test_the_signature_date_is_optional_and_read_as_written(seed):
    assert "date" not in json.loads(write_report(seed)) and seed.date is None
    data = seed_data() | {"date": "2025-01-20"}
    report = read_report(json.dumps(data, ensure_ascii=False))
    assert report.date == date(2025, 1, 20)
    assert json.loads(write_report(report))["date"] == "2025-01-20"


def test_values_by_kind():
    data = seed_data()
    data["values"].update({"s2.fees.amount": "96171.60", "s2.rules.issued": "/"})
    del data["values"]["s3.new.natural"]
    report = read_report(json.dumps(data))
    assert report.values["s2.fees.amount"] == Decimal("96171.60")
    assert str(report.values["s2.fees.amount"]) == "96171.60"
    assert report.values["s2.rules.issued"] is NA
    assert "s3.new.natural" not in report.values  # blank, not 0
    out = json.loads(write_report(report))
    assert out["values"]["s2.fees.amount"] == "96171.60"
    assert out["values"]["s2.rules.issued"] == "/"


def test_totals_absent_from_a_file_are_not_invented():
    data = seed_data()
    del data["values"]["s3.new.total"]
    assert "s3.new.total" not in read_report(json.dumps(data)).values


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d.update(format="nianbao.report/2"), "format"),
        (lambda d: d.update(form="gov-info-disclosure-annual-report/2019"), "form"),
        (lambda d: d.pop("unit"), "unit"),
        (lambda d: d.update(year="2023"), "year"),
        (lambda d: d["values"].update({"s3.new.natural": 1.5}), "values.s3.new.natural"),
        (lambda d: d["values"].update({"s3.new.natural": "3"}), "values.s3.new.natural"),
        (lambda d: d["values"].update({"s3.new.natural": True}), "values.s3.new.natural"),
        (lambda d: d["values"].update({"s2.fees.amount": 7545.5}), "values.s2.fees.amount"),
        (lambda d: d["values"].update({"s2.fees.amount": "七千"}), "values.s2.fees.amount"),
        (lambda d: d["values"].update({"s9.nothing": 0}), "values.s9.nothing"),
        (lambda d: d["texts"].update({"s7.more": "x"}), "texts.s7.more"),
        (lambda d: d["texts"].update({"s6.other": 5}), "texts.s6.other"),
        (lambda d: d.update(date="2025年1月20日"), "date"),
        (lambda d: d.update(date=20250120), "date"),
    ],
)
def test_malformed_files_are_refused_naming_the_key(change, named):
    data = seed_data()
    change(data)
    with pytest.raises(InterchangeError) as refused:
        read_report(json.dumps(data, ensure_ascii=False))
    assert str(refused.value).startswith(named + "：")


def test_not_json_and_duplicate_keys():
    with pytest.raises(InterchangeError, match="JSON"):
        read_report("{")
    with pytest.raises(InterchangeError, match=r"^unit："):
        read_report('{"unit": "a", "unit": "b"}')


def test_negative_count_is_read_and_left_to_the_rules():
    data = seed_data()
    data["values"]["s3.new.natural"] = -1
    assert read_report(json.dumps(data)).values["s3.new.natural"] == -1


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"values": {"s3.new.natural": ' + "1" * 5000 + "}}", "数字"),
        ("[" * 100_000 + "]" * 100_000, "嵌套"),
    ],
)
def test_pathological_json_is_refused_not_a_crash(text, said):
    with pytest.raises(InterchangeError, match=said):
        read_report(text)


def test_amount_strings_are_ascii_decimals():
    data = seed_data()
    data["values"]["s2.fees.amount"] = "١٢"  # Arabic-Indic digits: Decimal() would take them
    with pytest.raises(InterchangeError, match=r"^values\.s2\.fees\.amount："):
        read_report(json.dumps(data))


def test_lone_surrogates_survive_a_round_trip_as_escapes(tmp_path):
    data = seed_data()
    data["unit"] = "西街\ud800办事处"
    data["texts"]["s1.intro"] = "开头\udfff结尾"
    report = read_report(json.dumps(data))  # ensure_ascii: written as \ud800 escapes
    path = tmp_path / "out.json"
    write_report_file(report, path)
    assert read_report_file(path) == report
    assert "\\ud800" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("amount", ["0.0000001", "0.00000010", "96171.60", "7545"])
def test_an_amount_is_written_as_read_never_in_exponent_form(amount):
    """Decimal's str() turns 0.0000001 (one place too many, left to the VALUE rule)
    into "1E-7", which the table, the Word export and this reader would not take."""
    data = seed_data()
    data["values"]["s2.fees.amount"] = amount
    report = read_report(json.dumps(data))
    assert json.loads(write_report(report))["values"]["s2.fees.amount"] == amount
    assert value_text(report.values["s2.fees.amount"]) == amount


def _any_value(cell_id: str):
    if cells(CURRENT)[cell_id].number is Number.COUNT:
        return st.one_of(st.integers(min_value=-MAX_COUNT, max_value=MAX_COUNT), st.just(NA))
    finite = st.decimals(-MAX_AMOUNT, MAX_AMOUNT, allow_nan=False, places=12)
    return st.one_of(finite, st.just(NA))


_REPORTS = st.builds(
    lambda unit, year, texts, values, day: Report(CURRENT, unit, year, texts, values, day),
    st.text(min_size=1).filter(str.strip),
    st.integers(1990, 2100),
    st.dictionaries(st.sampled_from(["s1.intro", "s5.problems", "s6.other"]), st.text()),
    st.fixed_dictionaries(
        {},
        optional={c: _any_value(c) for c in ("s2.fees.amount", "s2.rules.issued", "s3.new.total")},
    ),
    st.none() | st.dates(),
)


@settings(max_examples=200)
@given(_REPORTS)
def test_any_report_written_reads_back_equal(report):
    """Any unit and text (lone surrogates, controls) and any value the reader takes."""
    assert read_report(write_report(report)) == report
    write_report(report).encode("utf-8")


# ── hostile files (issue 9) ──────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("key", "raw", "said"),
    [
        ("s3.new.natural", 10**9 + 1, "超过 10 亿件"),
        ("s3.new.natural", int("9" * 4000), "超过 10 亿件"),
        ("s2.fees.amount", "1000000001", "超过 10 亿万元"),
        ("s2.fees.amount", "1." + "0" * 60, "位数过多"),
    ],
)
def test_a_number_beyond_the_bound_is_refused_with_the_limit(key, raw, said):
    data = seed_data()
    data["values"][key] = raw
    with pytest.raises(InterchangeError, match=said):
        read_report(json.dumps(data))


@pytest.mark.parametrize("form", [["a"], {"a": 1}, None, 3])
def test_a_form_id_of_the_wrong_kind_is_named_as_the_file_writes_it(form):
    data = seed_data()
    data["form"] = form
    with pytest.raises(InterchangeError, match="form：不认识的报告格式") as refused:
        read_report(json.dumps(data))
    assert json.dumps(form) in str(refused.value)  # null, not Python's None


def test_a_year_is_quoted_as_written_not_as_python_repr():
    data = seed_data()
    data["year"] = "2023.0"
    with pytest.raises(InterchangeError) as refused:
        read_report(json.dumps(data))
    assert str(refused.value).endswith("而文件中是 2023.0")


def test_a_huge_bad_value_is_quoted_in_sixty_characters():
    data = seed_data()
    data["values"]["s3.new.natural"] = "x" * 10_000_000
    with pytest.raises(InterchangeError) as refused:
        read_report(json.dumps(data))
    assert len(str(refused.value)) < 200


def test_a_lone_surrogate_in_an_unknown_key_gives_a_printable_message():
    with pytest.raises(InterchangeError) as refused:
        read_report('{"\\ud800x": 1}')
    str(refused.value).encode("utf-8")


def test_a_file_larger_than_any_report_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as file:
        file.truncate(6 * 1024 * 1024)  # sparse: reading it whole would be the fault
    with pytest.raises(InterchangeError, match="文件过大"):
        read_report_file(big)


def test_an_endless_device_and_a_pipe_are_refused(tmp_path):
    with pytest.raises(InterchangeError, match="不是普通文件"):
        read_report_file(Path("/dev/zero"))
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(InterchangeError, match="不是普通文件"):
        read_report_file(fifo)  # opening a FIFO with no writer would block forever
    with pytest.raises(InterchangeError, match="文件夹"):
        read_report_file(tmp_path)
