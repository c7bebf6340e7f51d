"""The interchange JSON: read and written exactly as specified."""

import json
from datetime import date
from decimal import Decimal

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
from forms.report.values import NA, Report, value_text
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
        return st.one_of(st.integers(min_value=-(10**20), max_value=10**20), st.just(NA))
    finite = st.decimals(allow_nan=False, allow_infinity=False)
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
