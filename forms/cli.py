"""The command line: `nianbao check` and `nianbao convert` (see README).

Files are read and written through `forms.files.formats`, by suffix: the program's
`.json`, Word `.docx` and web pages `.html`/`.htm`.

Exit codes: 0 when no file has an error, 1 when any has, 2 when a file cannot be
read or written, 3 for an internal error (a fault of this program, never a traceback:
scripts can tell a crash from a finding).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

from forms.files.formats import FileProblem, format_of, read_file, readable, writable
from forms.format.spec import Severity
from forms.report.acknowledgements import counts, explanation
from forms.report.checks import Finding, check, field_name
from forms.report.text import shown
from forms.report.values import Acknowledgement, Report

COMMANDS = ("check", "convert")
HELP = ("-h", "--help")
_WINDOW_USAGE = """用法：
不带命令时打开年报助手窗口：
  nianbao [--db 数据文件]    数据文件默认在用户数据文件夹中，也可由环境变量 NIANBAO_DB 指定

命令：
  nianbao check FILE… [--previous FILE] [--json] [--csv OUT]
  nianbao convert IN OUT [--db PATH]
用 nianbao check -h、nianbao convert -h 查看各命令的说明。"""
_SEVERITY = {Severity.ERROR: "错误", Severity.WARNING: "警告"}
NOT_READ = "NOT_READ"  # a finding made of an importer's note: something printed not read


@dataclass
class _Result:
    """One file checked: its report (None when unreadable), findings, or the problem."""

    path: Path
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    problem: str = ""

    @property
    def errors(self) -> int:
        return sum(f.is_error for f in self.findings)

    @property
    def warnings(self) -> int:
        """Return the open warnings (not explained with a 说明)."""
        return len(self.findings) - self.errors - self.explained

    @property
    def explained(self) -> int:
        """Return the warnings explained with a 说明 that still applies."""
        if self.report is None:
            return 0
        return counts(self.report, self.findings).explained_warnings


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
            return _check(args, out, err)
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
    checker = commands.add_parser(
        "check", help="核对报告（.json、.docx、.html，或一个文件夹中的全部报告）"
    )
    checker.add_argument("files", nargs="+", type=Path, metavar="FILE")
    checker.add_argument("--previous", type=Path, metavar="FILE", help="上一年度的报告")
    checker.add_argument("--json", action="store_true", help="以 JSON 输出全部结果")
    checker.add_argument(
        "--csv", type=Path, metavar="OUT", help="把汇总表写成 CSV（可用 Excel 打开）"
    )
    converter = commands.add_parser(
        "convert", help="按扩展名转换：.json/.docx/.html → .json/.docx/.html"
    )
    converter.add_argument("source", type=Path, metavar="IN")
    converter.add_argument("target", type=Path, metavar="OUT")
    converter.add_argument("--db", type=Path, metavar="PATH", help="读取其中的字体设置的数据文件")
    return parser


class _Unreadable(Exception):
    """A file that cannot be read as a report; the message says why, in Chinese."""


def load(path: Path) -> tuple[Report, list[str]]:
    """Return the report in `path` and the notes on what could not be read from it;
    raises _Unreadable with a Chinese reason."""
    try:
        reading = read_file(path)
    except FileProblem as error:
        raise _Unreadable(str(error)) from None
    return reading.report, reading.notes


def report_files(paths: list[Path]) -> list[Path]:
    """Return the files named, a folder standing for the reports in it (and below),
    skipping Word's lock files (~$…) and hidden files."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        suffixes = {s for f in readable() for s in f.suffixes} | {".doc", ".wps"}
        found.extend(
            p
            for p in sorted(path.rglob("*"))
            if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(("~$", "."))
        )
    return found


# ── check ────────────────────────────────────────────────────────────────────


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    previous = None
    if args.previous:
        try:
            previous = load(args.previous)[0]
        except _Unreadable as error:
            print(f"{_path(args.previous)}: {error}", file=err)
            return 2
    files = report_files(args.files)
    if not files:
        print("没有找到可以核对的报告文件（.json、.docx、.html、.htm）", file=err)
        return 2
    results = [_read(path) for path in files]
    for result in results:
        if result.report is not None:
            last = _last_year(result.report, previous, results, err)
            result.findings = check(result.report, last) + result.findings
    several = len(files) > 1 or any(p.is_dir() for p in args.files)
    if args.json:
        _print_json(results, out)
    elif several:
        _print_summary(results, out, err)
    else:
        _print_text(results, out, err)
    if args.csv:
        _write_csv(results, args.csv, err)
    if any(r.problem for r in results):
        return 2
    return 1 if any(r.errors for r in results) else 0


def _read(path: Path) -> _Result:
    try:
        report, notes = load(path)
    except _Unreadable as error:
        return _Result(path, problem=str(error))
    notes_found = [Finding(NOT_READ, Severity.WARNING, (), f"未读取：{n}") for n in notes]
    return _Result(path, report, notes_found)


def _last_year(
    report: Report, previous: Report | None, results: list[_Result], err: TextIO
) -> Report | None:
    """Return `previous` when it is last year's report of the same unit, or else last
    year's report of the unit among the files checked; None when there is none (another
    unit's or year's figures would only raise false warnings)."""
    wanted = (report.unit, report.year - 1)
    if previous is not None:
        if (previous.unit, previous.year) == wanted:
            return previous
        unit = shown(report.unit)
        print(f"--previous 不是{unit} {report.year - 1} 年的报告，未与上年对比", file=err)
        return None
    return next(
        (r.report for r in results if r.report and (r.report.unit, r.report.year) == wanted),
        None,
    )


def _print_text(results: list[_Result], out: TextIO, err: TextIO) -> None:
    for result in results:
        if result.problem:
            print(f"{_path(result.path)}: 无法读取：{result.problem}", file=err)
            continue
        found, report = result.findings, result.report
        explained = f"（其中 {result.explained} 个已说明）" if result.explained else ""
        warnings = result.warnings + result.explained
        summary = f"{result.errors} 个错误，{warnings} 个警告{explained}"
        print(f"{_path(result.path)}: {summary if found else '没有发现问题'}", file=out)
        for finding in found:
            print(f"  [{_SEVERITY[finding.severity]}] {finding.code}  {finding.message}", file=out)
            made = explanation(report, finding)
            if made is not None:
                print(f"      已说明：{made.note}（{made.who}，{made.at}）", file=out)


def _ordered(results: list[_Result]) -> list[_Result]:
    """Worst first: unreadable files, then by errors, then by warnings, then by name."""
    return sorted(results, key=lambda r: (not r.problem, -r.errors, -r.warnings, str(r.path)))


def _summary_rows(results: list[_Result]) -> list[list[str]]:
    rows = []
    for result in _ordered(results):
        report = result.report
        first = next((f for f in result.findings if f.is_error), None)
        if result.problem:
            first_text = f"无法读取：{result.problem}"
        else:
            first_text = f"{first.code} {first.message}" if first else ""
        rows.append(
            [
                _path(result.path),
                shown(report.unit) if report else "",
                str(report.year) if report else "",
                "" if result.problem else str(result.errors),
                "" if result.problem else str(result.warnings),
                "" if result.problem else str(result.explained),
                first_text,
            ]
        )
    return rows


_HEADINGS = ["文件", "单位", "年度", "错误", "警告", "已说明", "第一个错误"]


def _print_summary(results: list[_Result], out: TextIO, err: TextIO) -> None:
    """One line per file, worst first, columns aligned for a terminal; a file that
    cannot be read is also said on stderr, as for one file."""
    for result in results:
        if result.problem:
            print(f"{_path(result.path)}: 无法读取：{result.problem}", file=err)
    rows = [_HEADINGS, *_summary_rows(results)]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(_HEADINGS) - 1)]
    for row in rows:
        cells = [_pad(text, width) for text, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip(), file=out)
    with_errors = sum(1 for r in results if r.errors)
    unreadable = sum(1 for r in results if r.problem)
    print(
        f"共 {len(results)} 份报告：{with_errors} 份有错误，{unreadable} 份无法读取。"
        "查看某一份的全部问题：nianbao check 文件名",
        file=out,
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _write_csv(results: list[_Result], path: Path, err: TextIO) -> None:
    """The summary as CSV with a byte-order mark, so Excel opens the Chinese right."""
    try:
        with open(path, "w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(_HEADINGS)
            writer.writerows(_summary_rows(results))
    except OSError as error:
        print(f"无法写入 {path}：{error.strerror or error}", file=err)


def _print_json(results: list[_Result], out: TextIO) -> None:
    data = []
    for result in results:
        entry: dict = {"file": _path(result.path)}
        report = result.report
        if report is not None:
            entry["unit"] = shown(report.unit)
            entry["year"] = report.year
            entry["findings"] = [_finding_json(f, explanation(report, f)) for f in result.findings]
            entry["counts"] = asdict(counts(report, result.findings))
        else:
            entry["findings"] = []
        if result.problem:
            entry["error"] = result.problem
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


# ── convert ──────────────────────────────────────────────────────────────────


def _convert(source: Path, target: Path, db: Path | None, out: TextIO, err: TextIO) -> int:
    kind = format_of(target)
    if kind is None or kind.write is None:
        names = "、".join(s for f in writable() for s in f.suffixes)
        print(f"不能写成“{target.suffix or '（无扩展名）'}”文件：能写的是 {names}", file=err)
        return 2
    try:
        report, notes = load(source)
    except _Unreadable as error:
        print(f"{_path(source)}: {error}", file=err)
        return 2
    for note in notes:
        print(f"未读取：{note}", file=err)
    return _write(report, target, db, out, err)


def _write(report: Report, target: Path, db: Path | None, out: TextIO, err: TextIO) -> int:
    """Write the file, a document with the fonts chosen in the program (its data file)."""
    from forms.files.document_style import DocumentStyle
    from forms.files.formats import write_file
    from forms.storage.settings import Setting
    from forms.storage.store import default_db_path, stored_setting

    style = DocumentStyle.from_setting(
        stored_setting(db or default_db_path(), Setting.DOCUMENT_STYLE)
    )
    # a file is never 定稿: a document of a report with errors is marked 草稿
    document = target.suffix.lower() in (".docx", ".html", ".htm")
    errors = sum(1 for f in check(report) if f.is_error) if document else 0
    try:
        result = write_file(report, target, style, errors)
    except FileProblem as error:
        print(str(error), file=err)
        return 2
    for field_id in result.cleaned_fields:
        name = field_name(report.form, field_id)
        print(f"已清除“{name}”中无法写入 Word 的控制字符", file=err)
    if errors:
        where = "页眉" if target.suffix.lower() == ".docx" else "页首"
        draft = f"已导出草稿（还有 {errors} 个错误，{where}标有“草稿”）"
        print(f"{draft}：{_path(result.path)}", file=out)
        print(f"报告还有 {errors} 个错误：用 nianbao check 检查源文件可看到每一个", file=err)
        return 1
    print(f"已导出：{_path(result.path)}", file=out)
    return 0
