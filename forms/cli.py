"""The command line: `nianbao check` and `nianbao convert` (see README).

Exit codes: 0 when no file has an error, 1 when any has, 2 when a file cannot be
read or written, 3 for an internal error (a fault of this program, never a traceback:
scripts can tell a crash from a finding).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from forms.files.json_file import InterchangeError, read_report_file
from forms.format.spec import Severity
from forms.report.acknowledgements import counts, explanation
from forms.report.checks import Finding, check, field_name, tally
from forms.report.text import shown
from forms.report.values import Acknowledgement, Report

COMMANDS = ("check", "convert")
HELP = ("-h", "--help")
_WINDOW_USAGE = """用法：
不带命令时打开年报助手窗口：
  nianbao [--db 数据文件]    数据文件默认在用户数据文件夹中，也可由环境变量 NIANBAO_DB 指定

命令：
  nianbao check FILE... [--previous FILE] [--json]
  nianbao convert IN.json OUT.docx [--db 数据文件]
用 nianbao check -h、nianbao convert -h 查看各命令的说明。"""
_SEVERITY = {Severity.ERROR: "错误", Severity.WARNING: "警告"}
_DOCX_LATER = "暂不支持读取 Word 文件（.docx）：导入已发布报告的功能尚未完成，请使用 .json 交换文件"


class _Unreadable(Exception):
    """A file that cannot be read as a report; the message says why, in Chinese."""


INTERNAL_ERROR = 3


def main(argv: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one command and return its exit code (see the module's docstring)."""
    out, err = _lenient(out or sys.stdout), _lenient(err or sys.stderr)
    if list(argv[:1]) in ([h] for h in HELP):
        out.write(usage())
        return 0
    args = _parser().parse_args(list(argv))
    try:
        if args.command == "check":
            return _check(args.files, args.previous, args.json, out, err)
        return _convert(args.source, args.target, args.db, out, err)
    except Exception as error:  # the one place where a fault of the program becomes exit 3
        what = shown(f"{type(error).__name__}: {error}", 200)
        print(f"内部错误（程序的问题，不是文件的问题），请把这条信息告诉技术人员：{what}", file=err)
        return INTERNAL_ERROR


def _lenient(stream: TextIO | None) -> TextIO:
    """Return `stream` writing what its encoding cannot hold (a file name that is not
    UTF-8, Chinese under a non-Chinese locale) as escapes instead of failing."""
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="backslashreplace")
    return stream


def _path(path: Path) -> str:
    """Return a file name as it can be printed: bytes the file system's encoding
    cannot read (kept as surrogates by Python) become backslash escapes."""
    return os.fsencode(path).decode(sys.getfilesystemencoding(), "backslashreplace")


def usage() -> str:
    """Return what `nianbao --help` prints: the window's options and the commands."""
    return f"政府信息公开工作年度报告助手\n\n{_WINDOW_USAGE}\n"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nianbao", description="政府信息公开工作年度报告助手")
    commands = parser.add_subparsers(dest="command", required=True)
    checker = commands.add_parser("check", help="核对报告（.json）中的错误和疑点")
    checker.add_argument("files", nargs="+", type=Path, metavar="FILE")
    checker.add_argument("--previous", type=Path, metavar="FILE", help="上一年度的报告")
    checker.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    converter = commands.add_parser("convert", help="按扩展名转换：.json → .docx")
    converter.add_argument("source", type=Path, metavar="IN")
    converter.add_argument("target", type=Path, metavar="OUT")
    converter.add_argument("--db", type=Path, metavar="PATH", help="读取其中的字体设置的数据文件")
    return parser


def load(path: Path) -> Report:
    """Return the report in `path`; raises _Unreadable with a Chinese reason."""
    if path.suffix.lower() == ".docx":
        raise _Unreadable(_DOCX_LATER)
    try:
        return read_report_file(path)
    except InterchangeError as error:
        raise _Unreadable(str(error)) from None
    except FileNotFoundError:
        raise _Unreadable("文件不存在") from None
    except PermissionError:
        raise _Unreadable("没有读取这个文件的权限") from None
    except OSError as error:
        raise _Unreadable(f"无法读取文件（{error.strerror or error}）") from None


def _check(
    files: list[Path], previous_file: Path | None, as_json: bool, out: TextIO, err: TextIO
) -> int:
    try:
        previous = load(previous_file) if previous_file else None
    except _Unreadable as error:
        print(f"{_path(previous_file)}: {error}", file=err)
        return 2
    results, unreadable = [], False
    for path in files:
        try:
            report = load(path)
            found = check(report, _last_year(report, previous, err))
            results.append((path, found, None, report))
        except _Unreadable as error:
            unreadable = True
            results.append((path, [], str(error), None))
    (_print_json if as_json else _print_text)(results, out, err)
    if unreadable:
        return 2
    return 1 if any(tally(found).errors for _, found, *_ in results) else 0


def _last_year(report: Report, previous: Report | None, err: TextIO) -> Report | None:
    """Return `previous` when it is last year's report of the same unit; else None,
    saying so (another unit's or year's figures would only raise false warnings)."""
    if previous is None or (previous.unit, previous.year) == (report.unit, report.year - 1):
        return previous
    unit = shown(report.unit)
    print(f"--previous 不是{unit} {report.year - 1} 年的报告，未与上年对比", file=err)
    return None


def _print_text(results, out: TextIO, err: TextIO) -> None:
    for path, found, problem, report in results:
        if problem:
            print(f"{_path(path)}: 无法读取：{problem}", file=err)
            continue
        counted = counts(report, found)
        explained = (
            f"（其中 {counted.explained_warnings} 个已说明）" if counted.explained_warnings else ""
        )
        warnings = counted.open_warnings + counted.explained_warnings
        summary = f"{counted.errors} 个错误，{warnings} 个警告{explained}"
        print(f"{_path(path)}: {summary if found else '没有发现问题'}", file=out)
        for finding in found:
            print(f"  [{_SEVERITY[finding.severity]}] {finding.code}  {finding.message}", file=out)
            made = explanation(report, finding)
            if made is not None:
                print(f"      已说明：{made.note}（{made.who}，{made.at}）", file=out)


def _print_json(results, out: TextIO, err: TextIO) -> None:
    data = []
    for path, found, problem, report in results:
        entry: dict = {"file": _path(path), "findings": []}
        if problem:
            entry["error"] = problem
        else:
            entry["findings"] = [_finding_json(f, explanation(report, f)) for f in found]
            entry["counts"] = asdict(counts(report, found))
        data.append(entry)
    json.dump(data, out, ensure_ascii=False, indent=1)
    out.write("\n")


def _finding_json(finding: Finding, made: Acknowledgement | None) -> dict:
    data: dict = {
        "rule": finding.code,
        "severity": str(finding.severity),
        "cells": list(finding.cells),
        "message": finding.message,
    }
    if made is not None:
        data["acknowledgement"] = {"note": made.note, "who": made.who, "at": made.at}
    return data


def _convert(source: Path, target: Path, db: Path | None, out: TextIO, err: TextIO) -> int:
    kinds = (source.suffix.lower(), target.suffix.lower())
    if kinds == (".docx", ".json"):
        print(_DOCX_LATER, file=err)
        return 2
    if kinds != (".json", ".docx"):
        print("只能转换 .json → .docx（Word 文件导入将在以后提供）", file=err)
        return 2
    try:
        report = load(source)
    except _Unreadable as error:
        print(f"{_path(source)}: {error}", file=err)
        return 2
    return _export(report, target, db, out, err)


def _export(report: Report, target: Path, db: Path | None, out: TextIO, err: TextIO) -> int:
    """Write the Word document with the fonts chosen in the program (its data file)."""
    from forms.files.document_style import DocumentStyle
    from forms.files.docx_writer import ExportError, export_report  # python-docx only to export
    from forms.storage.settings import Setting
    from forms.storage.store import default_db_path, stored_setting

    style = DocumentStyle.from_setting(
        stored_setting(db or default_db_path(), Setting.DOCUMENT_STYLE)
    )
    errors = sum(1 for finding in check(report) if finding.is_error)  # a file is never 定稿
    try:
        result = export_report(report, target, style, errors)
    except ExportError as error:
        print(str(error), file=err)
        return 2
    for field in result.cleaned_fields:
        name = field_name(report.form, field)
        print(f"已清除“{name}”中无法写入 Word 的控制字符", file=err)
    if errors:
        print(f"已导出草稿（还有 {errors} 个错误，页眉标有“草稿”）：{_path(result.path)}", file=out)
        print(f"报告还有 {errors} 个错误：用 nianbao check 检查源文件可看到每一个", file=err)
        return 1
    print(f"已导出：{_path(result.path)}", file=out)
    return 0
