"""`nianbao check` and `nianbao convert` as a user runs them."""

import io
import json
import subprocess
import sys

from forms import cli
from forms.files.json_file import read_report_file
from forms.report.checks import check
from forms.storage.settings import Setting
from tests.conftest import DATA


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main([str(a) for a in args], out, err)
    return code, out.getvalue(), err.getvalue()


def test_seed_checks_clean():
    code, out, _ = run("check", DATA / "xijie-2023.json")
    assert code == 0
    assert "没有发现问题" in out


def test_unbalanced_column_exits_1_naming_it_with_both_sides():
    code, out, _ = run("check", DATA / "broken-s3-balance-natural.json")
    assert code == 1
    assert (
        "S3_BALANCE  自然人列：本年新收 3 + 上年结转 1 = 4，办理结果总计 3 + 结转下年度 0 = 3，差 1"
        in out
    )
    assert out.count("S3_BALANCE") == 1


def test_warnings_alone_exit_0():
    code, out, _ = run("check", DATA / "broken-fee-statement.json")
    assert code == 0
    assert "[警告] FEE_STATEMENT" in out


def test_previous_year_raises_prev_rules():
    code, out, _ = run(
        "check", DATA / "xijie-2023.json", "--previous", DATA / "xijie-2022-previous.json"
    )
    assert code == 0
    assert "PREV_CARRIED" in out
    assert "PREV_IN_FORCE" in out


def test_json_output_shape():
    code, out, _ = run("check", DATA / "xijie-2023.json", DATA / "broken-s4-total.json", "--json")
    assert code == 1
    data = json.loads(out)
    assert [d["file"] for d in data] == [
        str(DATA / "xijie-2023.json"),
        str(DATA / "broken-s4-total.json"),
    ]
    assert data[0]["findings"] == []
    finding = data[1]["findings"][0]
    assert set(finding) == {"rule", "severity", "cells", "message"}
    assert finding["rule"] == "S4_TOTAL"
    assert finding["severity"] == "error"
    assert finding["cells"][0] == "s4.review.total"


def test_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "x"}', encoding="utf-8")
    code, out, _err = run("check", DATA / "broken-s4-total.json", bad, tmp_path / "missing.json")
    assert code == 2
    # several files: one summary line each, the unreadable ones first
    lines = out.splitlines()
    assert lines[0].split() == ["文件", "单位", "年度", "错误", "警告", "已说明", "第一个错误"]
    assert "无法读取：format：" in lines[1] or "无法读取：format：" in lines[2]
    assert "missing.json" in lines[1] + lines[2] and "文件不存在" in lines[1] + lines[2]
    assert "S4_TOTAL" in lines[3]  # the readable file is still reported


def exported(folder, *names: str):
    """Export the data reports `names` to Word documents in `folder` (a report with errors
    as a draft, exit 1)."""
    for name in names:
        code, _, err = run("convert", DATA / f"{name}.json", folder / f"{name}.docx")
        assert code in (0, 1), err
    return folder


def test_a_folder_of_word_reports_prints_one_summary_worst_first(tmp_path):
    folder = exported(
        tmp_path,
        "xijie-2023",
        "broken-s3-balance-natural",
        "broken-fee-statement",
        "broken-s3-row-total",
    )
    (folder / "~$xijie-2023.docx").write_bytes(b"Word's lock file")
    code, out, _ = run("check", folder)
    assert code == 1
    lines = out.splitlines()
    assert [line.split()[0].rsplit("/", 1)[-1] for line in lines[1:5]] == [
        "broken-s3-row-total.docx",  # 2 errors
        "broken-s3-balance-natural.docx",  # 1 error
        "broken-fee-statement.docx",  # warnings only
        "xijie-2023.docx",
    ]
    assert lines[1].split()[1:6] == ["红旗区西街街道办事处", "2023", "2", "0", "0"]
    # a 勾稽 error names its column and both sides
    assert (
        "S3_BALANCE 自然人列：本年新收 3 + 上年结转 1 = 4，办理结果总计 3 + 结转下年度 0 = 3，差 1"
        in lines[2]
    )
    assert lines[-1].startswith("共 4 份报告：2 份有错误，0 份无法读取")


def test_the_summary_as_csv_for_excel_and_the_full_findings_as_json(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    exported(folder, "xijie-2023", "broken-s4-total")
    table = tmp_path / "summary.csv"
    code, out, _ = run("check", folder, "--csv", table, "--json")
    assert code == 1
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with its mark
    rows = raw.decode("utf-8-sig").splitlines()
    assert rows[0] == "文件,单位,年度,错误,警告,已说明,第一个错误"
    assert rows[1].endswith(
        ",红旗区西街街道办事处,2023,1,0,0,S4_TOTAL 行政复议：行政复议总计 1，"
        "行政复议结果维持 2 + 行政复议结果纠正 0 + 行政复议其他结果 0 + "
        "行政复议尚未审结 0 = 2，差 1"
    )
    data = json.loads(out)
    assert {d["file"].rsplit("/", 1)[-1] for d in data} == {
        "xijie-2023.docx",
        "broken-s4-total.docx",
    }
    assert all(d["unit"] == "红旗区西街街道办事处" and d["year"] == 2023 for d in data)


def test_last_years_report_in_the_same_folder_is_compared(tmp_path):
    folder = exported(tmp_path, "xijie-2023", "xijie-2022-previous")
    _code, out, _ = run("check", folder, "--json")
    findings = {d["file"].rsplit("/", 1)[-1]: d["findings"] for d in json.loads(out)}
    assert {f["rule"] for f in findings["xijie-2023.docx"]} >= {"PREV_CARRIED", "PREV_IN_FORCE"}


def test_a_word_report_checks_like_its_json(tmp_path):
    exported(tmp_path, "broken-s3-balance-natural")
    code, out, _ = run("check", tmp_path / "broken-s3-balance-natural.docx")
    assert code == 1
    assert (
        "S3_BALANCE  自然人列：本年新收 3 + 上年结转 1 = 4，办理结果总计 3 + 结转下年度 0 = 3，差 1"
        in out
    )


def test_what_an_import_could_not_read_is_reported(tmp_path):
    from tests.forms.template_docs import sample_report, template_docx

    path = template_docx(sample_report(), tmp_path / "with-subtotal.docx", {"subtotal"})
    code, out, _ = run("check", path)
    assert "[警告] NOT_READ  未读取：三、依申请公开 “申请人情况/法人或其他组织/小计”列" in out
    code, _, err = run("convert", path, tmp_path / "out.json")
    assert code == 0
    assert "未读取：三、依申请公开 “申请人情况/法人或其他组织/小计”列" in err


def test_old_word_files_and_empty_folders_are_refused_clearly(tmp_path):
    (tmp_path / "report.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    code, _out, _ = run("check", tmp_path / "report.doc")
    assert code == 2
    code, _, err = run("convert", tmp_path / "report.doc", tmp_path / "report.json")
    assert code == 2
    assert "请在 WPS 或 Word 中打开它，“另存为” Word 文档（.docx）后再导入" in err
    (tmp_path / "empty").mkdir()
    code, _, err = run("check", tmp_path / "empty")
    assert code == 2 and "没有找到可以核对的报告文件" in err


def test_convert_reads_word_and_writes_json(tmp_path):
    exported(tmp_path, "xijie-2023")
    code, _out, _ = run("convert", tmp_path / "xijie-2023.docx", tmp_path / "back.json")
    assert code == 0
    from forms.files.json_file import read_report_file
    from forms.report.totals import resolve
    from tests.conftest import data_report

    assert resolve(read_report_file(tmp_path / "back.json")) == resolve(data_report("xijie-2023"))


def test_the_installed_command_runs_without_qt():
    probe = (
        "import sys; from desktop.__main__ import main; code = main(sys.argv[1:]);"
        "assert 'PySide6' not in sys.modules; sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "check", str(DATA / "broken-s3-balance-natural.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "自然人列" in result.stdout


def east_asian_body_font(path) -> str:
    from docx import Document
    from docx.oxml.ns import qn

    fonts = Document(str(path)).styles["Normal"].element.rPr.rFonts
    return fonts.get(qn("w:eastAsia"))


def test_convert_writes_the_official_document(tmp_path):
    target = tmp_path / "西街2023.docx"
    code, out, _ = run("convert", DATA / "xijie-2023.json", target, "--db", tmp_path / "none.db")
    assert code == 0
    assert f"已导出：{target}" in out
    assert east_asian_body_font(target) == "仿宋_GB2312"


def test_convert_of_a_report_with_errors_writes_a_marked_draft_and_says_so(tmp_path):
    from docx import Document

    target = tmp_path / "draft.docx"
    source = DATA / "broken-s3-row-total.json"
    errors = sum(f.is_error for f in check(read_report_file(source)))
    code, out, err = run("convert", source, target, "--db", tmp_path / "none.db")
    assert code == 1 and errors > 0
    assert f"已导出草稿（还有 {errors} 个错误，页眉标有“草稿”）：{target}" in out
    assert f"还有 {errors} 个错误" in err
    assert Document(str(target)).sections[0].header.paragraphs[0].text == "草稿"


def test_convert_uses_the_fonts_chosen_in_the_program(tmp_path):
    from forms.storage.store import Store

    store = Store.open(tmp_path / "nianbao.db")
    store.set_setting(Setting.DOCUMENT_STYLE, {"body_font": "仿宋"})
    store.close()
    target = tmp_path / "out.docx"
    code, _, _ = run("convert", DATA / "xijie-2023.json", target, "--db", tmp_path / "nianbao.db")
    assert code == 0
    assert east_asian_body_font(target) == "仿宋"


def test_convert_reports_cleaned_text_and_unwritable_targets(tmp_path):
    source = tmp_path / "dirty.json"
    text = (DATA / "xijie-2023.json").read_text(encoding="utf-8")
    source.write_text(text.replace("未收取信息处理费", "未收取\\u000b信息处理费"), encoding="utf-8")
    code, _, err = run("convert", source, tmp_path / "out.docx", "--db", tmp_path / "x.db")
    assert code == 0
    assert "已清除“六、其他需要报告的事项”中无法写入 Word 的控制字符" in err
    code, _, err = run("convert", source, tmp_path / "no" / "such" / "out.docx")
    assert code == 2
    assert err.strip()


def test_previous_that_is_not_last_years_report_of_the_unit_is_not_compared():
    """Comparing with another unit's or another year's report gives false warnings."""
    code, out, err = run(
        "check", DATA / "xijie-2023.json", "--previous", DATA / "examples" / "pingtan-2024.json"
    )
    assert code == 0
    assert "PREV_" not in out
    assert "不是红旗区西街街道办事处 2022 年的报告，未与上年对比" in err


def test_help_prints_the_usage_and_never_opens_the_window(tmp_path):
    """`nianbao --help` / `-h`, also after --db: the usage on stdout, exit 0, no Qt loaded
    (a window would need Qt) and no data file created."""
    probe = (
        "import sys; from desktop.__main__ import main; code = main(sys.argv[1:]);"
        "assert 'PySide6' not in sys.modules; sys.exit(code)"
    )
    for args in (["--help"], ["-h"], ["--db", str(tmp_path / "x.db"), "--help"]):
        result = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "用法" in result.stdout
        assert "nianbao check" in result.stdout and "nianbao convert" in result.stdout
        assert "--db" in result.stdout
    assert not (tmp_path / "x.db").exists()


def test_the_summary_counts_explained_warnings_apart(tmp_path):
    from forms.files.formats import write_file
    from forms.report.acknowledgements import acknowledge
    from forms.report.checks import check
    from tests.conftest import data_report

    report = data_report("broken-fee-statement")
    warning = next(f for f in check(report) if f.code == "FEE_STATEMENT")
    acknowledge(report, warning, "本年度未收取信息处理费，已在其他文件说明", "张三", "2025-01-10")
    write_file(report, tmp_path / "explained.json")
    write_file(data_report("broken-fee-statement"), tmp_path / "open.json")
    code, out, _ = run("check", tmp_path)
    assert code == 0
    rows = {line.split()[0].rsplit("/", 1)[-1]: line.split()[3:6] for line in out.splitlines()[1:3]}
    warnings = len([f for f in check(report) if not f.is_error])
    assert rows["explained.json"] == ["0", str(warnings - 1), "1"]
    assert rows["open.json"] == ["0", str(warnings), "0"]
