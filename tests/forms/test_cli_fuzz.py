"""A property-based fuzzer of the interchange reader and of `nianbao check`/`convert`
(issue 9): hostile files never crash them. Every outcome is an exit code of 0, 1 or 2
with a message, never 3 (an internal error) and never a traceback.

The cases start from a real report and change it the ways the fuzzing of issue 9 found
crashes: keys and values of every JSON kind (lone surrogates, huge integers, long
strings, lists where text belongs), damaged bytes, and outputs printed under a GB18030
console. Budget: 1500 cases for check, 150 for convert, 500 for the reader (a Word document each).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms import cli
from forms.files.json_file import InterchangeError, read_report
from forms.format.cells import cells, text_fields
from forms.format.registry import CURRENT
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[2]
SEED = json.loads((DATA / "xijie-2023.json").read_text(encoding="utf-8"))
CELL_IDS = sorted(cells(CURRENT))
FIELD_IDS = sorted(text_fields(CURRENT))
WORK = Path(tempfile.mkdtemp(prefix="nianbao-fuzz-"))

texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3),
    st.just("x" * 300),
    st.sampled_from(["/", "", "2023.0", "1e400", "NaN", "-0", "٣", "１２", "12件", "\u202e"]),
)
numbers = st.one_of(
    st.integers(-(10**12), 10**12),
    st.sampled_from([10**9, 10**9 + 1, 10**4000, -(10**4000), 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, texts)
anything = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)),
    max_leaves=6,
)
keys = st.one_of(st.sampled_from(CELL_IDS + FIELD_IDS + list(SEED)), texts)


@st.composite
def documents(draw) -> bytes:
    """Return the bytes of a file: the seed report changed a few times."""
    data = json.loads(json.dumps(SEED))
    for _ in range(draw(st.integers(0, 4))):
        where = draw(st.sampled_from(["top", "values", "texts", "drop"]))
        if where == "top":
            data[draw(keys)] = draw(anything)
        elif where == "drop" and data:
            data.pop(draw(st.sampled_from(sorted(data, key=str))))
        elif isinstance(data.get(where), dict):
            data[where][draw(keys)] = draw(anything)
    text = json.dumps(data, ensure_ascii=draw(st.booleans()), allow_nan=True)
    raw = text.encode("utf-8", "surrogatepass")  # a lone surrogate: bytes that are not UTF-8
    if draw(st.booleans()) and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1 :]
    return raw


@st.composite
def readable_documents(draw) -> bytes:
    """Return a report the reader takes, with hostile texts: what convert must write."""
    data = json.loads(json.dumps(SEED))
    data["unit"] = draw(st.one_of(texts, st.text(min_size=200, max_size=400)).filter(str.strip))
    for field in draw(st.lists(st.sampled_from(FIELD_IDS), max_size=4)):
        data["texts"][field] = draw(st.text(max_size=300))
    for cell in draw(st.lists(st.sampled_from(CELL_IDS), max_size=6)):
        data["values"][cell] = draw(st.one_of(st.integers(0, 10**9), st.just("/")))
    return json.dumps(data, ensure_ascii=True).encode()


def gb18030_console() -> io.TextIOWrapper:
    """A console as under a zh_CN.GB18030 locale: strict about what it can encode."""
    return io.TextIOWrapper(io.BytesIO(), encoding="gb18030")


def run(*args: object) -> tuple[int, str]:
    out, err = gb18030_console(), gb18030_console()
    code = cli.main([str(a) for a in args], out, err)
    for stream in (out, err):
        stream.flush()
    said = out.buffer.getvalue() + err.buffer.getvalue()  # type: ignore[attr-defined]
    return code, said.decode("gb18030")


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents(), st.booleans())
def test_check_never_crashes_on_a_hostile_file(raw, as_json):
    path = WORK / "case.json"
    path.write_bytes(raw)
    code, said = run("check", path, *(["--json"] if as_json else []))
    assert code in (0, 1, 2), said
    assert "Traceback" not in said and "内部错误" not in said
    assert len(said) < 20_000  # no value is echoed whole


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(documents(), readable_documents()))
def test_convert_never_crashes_on_a_hostile_file(raw):
    path, target = WORK / "convert.json", WORK / "convert.docx"
    path.write_bytes(raw)
    code, said = run("convert", path, target, "--db", WORK / "none.db")
    assert code in (0, 1, 2), said  # 1: written as a draft, the report has errors
    assert "Traceback" not in said and "内部错误" not in said


@settings(max_examples=500, deadline=None)
@given(documents())
def test_the_reader_refuses_with_its_own_error_only(raw):
    """Any other exception (TypeError, KeyError, …) fails the test."""
    with contextlib.suppress(InterchangeError, UnicodeDecodeError):
        read_report(raw.decode("utf-8"))


# ── the five crash kinds of issue 9, each once, as a real process ────────────


def _process(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *map(os.fsdecode, args)],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "gb18030", **(env or {})},
        timeout=120,
        check=False,
    )


def _file(tmp_path: Path, name: str, change) -> Path:
    data = json.loads(json.dumps(SEED))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "args", "expected"),
    [
        (lambda d: d.update({"\ud800x": 1}), ["--json"], 2),  # lone surrogate, unknown key
        (lambda d: d["values"].update({"s3.new.natural": "\udfff"}), ["--json"], 2),
        (lambda d: d.update(form=["a"]), [], 2),  # "form" as a list
        (lambda d: d.update(form={"a": 1}), [], 2),
        (lambda d: d["values"].update({"s3.new.natural": 10**4000}), [], 2),  # huge sums
    ],
)
def test_the_crash_kinds_found_by_fuzzing_exit_cleanly(tmp_path, change, args, expected):
    done = _process("check", _file(tmp_path, "case.json", change), *args)
    assert done.returncode == expected, done.stderr.decode("gb18030", "replace")
    assert b"Traceback" not in done.stderr


def test_a_long_unit_and_a_name_that_is_not_utf8_convert_cleanly(tmp_path):
    """A unit of 300 characters (255 is python-docx's limit for core properties) and a
    target name whose bytes are not UTF-8, printed on a GB18030 console."""
    source = _file(tmp_path, "long.json", lambda d: d.update(unit="红旗区" * 100))
    target = os.fsencode(tmp_path) + b"/\xff\xfe-report.docx"
    done = _process("convert", source, os.fsdecode(target), "--db", tmp_path / "none.db")
    assert done.returncode in (0, 1), done.stderr.decode("gb18030", "replace")
    assert b"Traceback" not in done.stderr
    assert os.path.exists(target)
    assert "已导出".encode("gb18030") in done.stdout


def test_an_endless_device_and_a_pipe_are_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    done = _process("check", "/dev/zero", fifo)
    assert done.returncode == 2
    assert done.stderr.decode("gb18030").count("不是普通文件") == 2


def test_an_internal_error_exits_3_without_a_traceback(monkeypatch):
    monkeypatch.setattr(cli, "check", lambda *a: 1 / 0)
    code, said = run("check", DATA / "xijie-2023.json")
    assert code == cli.INTERNAL_ERROR == 3
    assert "内部错误" in said and "ZeroDivisionError" in said and "Traceback" not in said
