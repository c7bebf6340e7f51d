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
    code, out, err = run("check", DATA / "broken-s4-total.json", bad, tmp_path / "missing.json")
    assert code == 2
    assert "format：" in err
    assert "missing.json: 无法读取：文件不存在" in err
    assert "S4_TOTAL" in out  # the readable file is still reported


def test_docx_input_is_refused_clearly_for_now(tmp_path):
    code, _, err = run("check", tmp_path / "report.docx")
    assert code == 2
    assert "暂不支持读取 Word 文件" in err
    code, _, err = run("convert", tmp_path / "report.docx", tmp_path / "report.json")
    assert code == 2
    assert "暂不支持读取 Word 文件" in err


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
