"""The interchange JSON file: one report per file, UTF-8 (`nianbao.report/1`).

A key absent from `values` is a blank cell; "/" is 不适用. The optional `date`
("2025-01-20") is the 成文日期 of the 落款; without it the document is dated the day of
export. Totals present in a file
are kept as given (and checked); totals absent are computed from their parts.
Unknown keys, a wrong `format` or `form`, a non-integer count or a float amount are
refused with a message naming the key.
"""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from forms.format.cells import cells, text_fields
from forms.format.registry import FORMS
from forms.format.spec import Number
from forms.report.acknowledgements import MAX_NOTE
from forms.report.text import LONE_SURROGATE, clean_text, shown, without_lone_surrogates
from forms.report.values import (
    MAX_TEXT,
    NA,
    Acknowledgement,
    CellValue,
    Report,
    too_large,
    too_large_message,
    value_text,
)

FORMAT = "nianbao.report/1"
MAX_BYTES = 5 * 1024 * 1024  # a real report is under 100 KB; larger is not a report
_KEYS = ("format", "form", "unit", "year", "texts", "values")
# Written only when set: the 成文日期, and the warnings explained (出错说明).
_OPTIONAL = ("date", "acknowledgements")
_ACKNOWLEDGEMENT = ("rule", "cells", "values", "note", "who", "at")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")  # ASCII only: Decimal() takes any digits


class InterchangeError(ValueError):
    """The file is not a report in the interchange format; the message names the key."""


class _Float(str):
    """A JSON number written with a fraction or exponent (never taken as a count)."""


def read_report(text: str) -> Report:
    """Return the report written in interchange JSON `text`."""
    try:
        data = json.loads(text, parse_float=_Float, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            f"不是有效的 JSON 文件（第 {error.lineno} 行）：{error.msg}"
        ) from None
    except InterchangeError:
        raise  # a duplicate key, named
    except RecursionError:
        raise InterchangeError("不是报告文件：JSON 嵌套层数过多") from None
    except ValueError:  # an integer of more than 4300 digits
        raise InterchangeError("不是报告文件：其中有位数过多的数字") from None
    if not isinstance(data, dict):
        raise InterchangeError("文件内容应是一个 JSON 对象")
    _expect_keys(data)
    form = FORMS[data["form"]]
    report = Report(form, data["unit"], data["year"])
    report.texts = _texts(data["texts"], form)
    report.values = _values(data["values"], form)
    report.date = _date(data.get("date"))
    report.acknowledgements = _acknowledgements(data.get("acknowledgements", []))
    return report


def read_report_file(path: Path) -> Report:
    """Return the report stored in the interchange file at `path`; InterchangeError for
    a folder, a device or pipe, or a file larger than any report (before reading it)."""
    path = Path(path)
    if path.is_dir():
        raise InterchangeError("这是一个文件夹，不是报告文件")
    if path.exists() and not path.is_file():
        raise InterchangeError("这不是普通文件（可能是设备或管道），不能作为报告读取")
    with path.open("rb") as file:
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InterchangeError(f"文件过大（超过 {MAX_BYTES // 1024 // 1024} MB），不是报告文件")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InterchangeError("文件不是 UTF-8 编码的文本") from None
    return read_report(text)


def write_report(report: Report) -> str:
    """Return `report` as interchange JSON text (keys in the form's order)."""
    data = {
        "format": FORMAT,
        "form": report.form.id,
        "unit": report.unit,
        "year": report.year,
        **({"date": report.date.isoformat()} if report.date else {}),
        "texts": {f: report.texts[f] for f in text_fields(report.form) if f in report.texts},
        "values": {
            cid: _json_value(report.values[cid])
            for cid in cells(report.form)
            if cid in report.values
        },
    }
    if report.acknowledgements:
        data["acknowledgements"] = [_json_acknowledgement(a) for a in report.acknowledgements]
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    # a lone surrogate (pasted, or read from a "\\ud800" escape) has no UTF-8 form:
    # write it as the JSON escape it came from, so the file is UTF-8 and reads back equal
    return LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_report_file(report: Report, path: Path) -> None:
    """Write `report` to `path` as interchange JSON."""
    Path(path).write_text(write_report(report), encoding="utf-8")


def _json_acknowledgement(made: Acknowledgement) -> dict[str, Any]:
    return {
        "rule": made.code,
        "cells": list(made.cells),
        "values": list(made.values),
        "note": made.note,
        "who": made.who,
        "at": made.at,
    }


def _acknowledgements(raw: Any) -> list[Acknowledgement]:
    """Return the explanations written in the file; InterchangeError naming a bad one."""
    if not isinstance(raw, list):
        raise InterchangeError("acknowledgements：应是一个 JSON 数组")
    read = []
    for n, item in enumerate(raw):
        where = f"acknowledgements[{n}]"
        if not isinstance(item, dict) or set(item) != set(_ACKNOWLEDGEMENT):
            raise InterchangeError(f"{where}：应含 {'、'.join(_ACKNOWLEDGEMENT)} 各项")
        cells_, values = item["cells"], item["values"]
        if not (
            isinstance(cells_, list)
            and all(isinstance(c, str) for c in cells_)
            and isinstance(values, list)
            and len(values) == len(cells_)
            and all(v is None or isinstance(v, str) for v in values)
            and all(isinstance(item[k], str) for k in ("rule", "note", "who", "at"))
        ):
            raise InterchangeError(f"{where}：格式不对（cells 与 values 应一一对应，其余为文字）")
        if len(item["note"]) > MAX_NOTE or len(item["who"]) > MAX_NOTE:
            raise InterchangeError(f"{where}：说明或说明人超过 {MAX_NOTE} 个字")
        read.append(
            Acknowledgement(
                item["rule"],
                tuple(cells_),
                tuple(values),
                clean_text(without_lone_surrogates(item["note"])),  # printed by `check`
                clean_text(without_lone_surrogates(item["who"])),
                item["at"],
            )
        )
    return read


def _json_value(value: CellValue) -> int | str:
    return value if isinstance(value, int) else value_text(value)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise InterchangeError(f"{shown(key)}：在文件中出现了两次")
        data[key] = value
    return data


def _written(raw: Any) -> str:
    """Return a value as the file writes it (a string as is, else its JSON), shortened."""
    return shown(raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False))


def _expect_keys(data: dict[str, Any]) -> None:
    for key in data:
        if key not in _KEYS + _OPTIONAL:
            raise InterchangeError(f"{shown(key)}：不认识的项目")
    if "format" in data and data["format"] != FORMAT:
        raise InterchangeError(f"format：应为 “{FORMAT}”，而文件中是 “{_written(data['format'])}”")
    for key in _KEYS:
        if key not in data:
            raise InterchangeError(f"{key}：缺少这一项")
    if not isinstance(data["form"], str) or data["form"] not in FORMS:
        raise InterchangeError(f"form：不认识的报告格式 “{_written(data['form'])}”")
    if not isinstance(data["unit"], str) or not data["unit"].strip():
        raise InterchangeError("unit：单位名称应是一段非空文字")
    year = data["year"]
    if type(year) is not int or not 1990 <= year <= 2100:
        raise InterchangeError(f"year：年度应是四位整数，而文件中是 {_written(year)}")
    for key in ("texts", "values"):
        if not isinstance(data[key], dict):
            raise InterchangeError(f"{key}：应是一个 JSON 对象")


def _date(value: Any) -> datetime.date | None:
    """Return the 成文日期 written as "2025-01-20"; None when absent."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    written = json.dumps(value, ensure_ascii=False)
    raise InterchangeError(f"date：成文日期应写成 “2025-01-20” 的形式，而文件中是 {written}")


def _texts(texts: dict[str, Any], form) -> dict[str, str]:
    known = text_fields(form)
    for key, text in texts.items():
        if key not in known:
            raise InterchangeError(f"texts.{shown(key)}：不认识的文字项")
        if not isinstance(text, str):
            raise InterchangeError(f"texts.{key}：应是一段文字")
    return dict(texts)


def _values(values: dict[str, Any], form) -> dict[str, CellValue]:
    catalogue = cells(form)
    read: dict[str, CellValue] = {}
    for key, raw in values.items():
        if key not in catalogue:
            raise InterchangeError(f"values.{shown(key)}：不认识的单元格")
        read[key] = _value(key, raw, catalogue[key].number)
    return read


def _value(key: str, raw: Any, number: Number) -> CellValue:
    value = _number(key, raw, number)
    if too_large(value, number):
        raise InterchangeError(f"values.{key}：{too_large_message(number)}")
    return value


def _number(key: str, raw: Any, number: Number) -> CellValue:
    if raw == "/":
        return NA
    if isinstance(raw, _Float):
        if number is Number.COUNT:
            raise InterchangeError(f"values.{key}：{shown(raw)} 应写成整数")
        raise InterchangeError(f'values.{key}：金额应写成字符串（如 "{shown(raw)}"），不能写成小数')
    if type(raw) is int:
        return raw if number is Number.COUNT else Decimal(raw)
    if number is Number.AMOUNT and isinstance(raw, str) and _DECIMAL.fullmatch(raw):
        if len(raw) > MAX_TEXT:
            raise InterchangeError(f"values.{key}：金额 “{shown(raw)}” 的位数过多")
        return Decimal(raw)
    expected = '整数或 "/"' if number is Number.COUNT else '金额字符串（如 "96171.6"）或 "/"'
    raise InterchangeError(f"values.{key}：应为{expected}，而文件中是 {_written(raw)}")
