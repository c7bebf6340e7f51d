"""The file formats a report is read from and written to, by suffix: the one place the
command line, 导入, 导出 and the file dialogs ask. A new format is one module and one
line in `_FORMATS`.

Every writer returns bytes and every file is written the same way: to a temporary file
beside the target, then moved over it, so a failed or interrupted write never leaves
half a file where the clerk's document was. Readers return a `Reading`: the report and
notes on what could not be read (always empty for the program's own JSON).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from forms.files.document_style import DocumentStyle
from forms.files.printed import UnreadableReport
from forms.files.published import Reading
from forms.report.file_problems import cause
from forms.report.text import clean_text, clean_texts
from forms.report.values import Report


class FileProblem(Exception):
    """A file could not be read or written; the message tells the clerk why, in Chinese."""


@dataclass(frozen=True)
class Written:
    """A written file and the text fields whose illegal characters were removed."""

    path: Path
    cleaned_fields: list[str]


Reader = Callable[[Path], Reading]
# (report, document fonts, errors left in a report not 定稿: the document is a 草稿)
Writer = Callable[[Report, DocumentStyle, int], bytes]


@dataclass(frozen=True)
class FileFormat:
    """One kind of file: its name in dialogs, its suffixes, how it is read and written."""

    name: str
    suffixes: tuple[str, ...]
    read: Reader | None = None
    write: Writer | None = None
    cleans_texts: bool = False  # the writer drops characters the format cannot hold


# ── readers and writers (their libraries are imported on first use) ──────────


def _read_json(path: Path) -> Reading:
    from forms.files.json_file import read_report_file

    return Reading(read_report_file(path))


def _write_json(report: Report, style: DocumentStyle, errors: int) -> bytes:
    from forms.files.json_file import write_report

    return write_report(report).encode("utf-8")


def _read_docx(path: Path) -> Reading:
    from forms.files.docx_reader import read_docx

    return read_docx(path)


def _write_docx(report: Report, style: DocumentStyle, errors: int) -> bytes:
    from forms.files.docx_writer import document_bytes

    return document_bytes(report, style, errors)


def _read_html(path: Path) -> Reading:
    from forms.files.html_reader import read_html

    return read_html(path)


def _write_html(report: Report, style: DocumentStyle, errors: int) -> bytes:
    from forms.files.html_writer import page_bytes

    return page_bytes(report, style, errors)


# A Word report is under 1 MB, a saved web page a few MB with its pictures inlined;
# far larger is not a report (the JSON reader has its own, lower limit).
MAX_BYTES = 50 * 1024 * 1024

JSON = FileFormat("报告数据文件", (".json",), _read_json, _write_json)
DOCX = FileFormat("Word 文档", (".docx",), _read_docx, _write_docx, cleans_texts=True)
HTML = FileFormat("网页", (".html", ".htm"), _read_html, _write_html, cleans_texts=True)
_FORMATS = (JSON, DOCX, HTML)
# Old binary formats: refused with what to do instead.
_SAVE_AS_DOCX = {
    ".doc": "旧版 Word 文件（.doc）",
    ".wps": "WPS 文字文件（.wps）",
}


def format_of(path: Path) -> FileFormat | None:
    """Return the format a file name's suffix says; None when the program knows none."""
    suffix = Path(path).suffix.lower()
    return next((f for f in _FORMATS if suffix in f.suffixes), None)


def readable() -> tuple[FileFormat, ...]:
    """Return the formats a report can be read from, in the order dialogs list them."""
    return tuple(f for f in _FORMATS if f.read is not None)


def writable() -> tuple[FileFormat, ...]:
    """Return the formats a report can be written to."""
    return tuple(f for f in _FORMATS if f.write is not None)


def read_file(path: Path) -> Reading:
    """Return the report in `path`, read as its suffix says; raises FileProblem."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _SAVE_AS_DOCX:
        raise FileProblem(
            f"这是{_SAVE_AS_DOCX[suffix]}，程序不能直接读取。请在 WPS 或 Word 中打开它，"
            "“另存为” Word 文档（.docx）后再导入"
        )
    if path.exists() and not path.is_dir() and not path.is_file():
        raise FileProblem("这不是普通文件（可能是设备或管道），不能作为报告读取")
    kind = format_of(path)
    if kind is None or kind.read is None:
        names = "、".join(s for f in readable() for s in f.suffixes)
        raise FileProblem(f"不认识的文件类型“{path.suffix or '（无扩展名）'}”：能读取的是 {names}")
    if not path.exists():
        raise FileProblem("文件不存在")
    if path.is_dir():
        raise FileProblem("这是一个文件夹，不是文件")
    if path.stat().st_size > MAX_BYTES:
        raise FileProblem(f"文件过大（超过 {MAX_BYTES // 1024 // 1024} MB），不是报告文件")
    try:
        return kind.read(path)
    except FileNotFoundError:
        raise FileProblem("文件不存在") from None
    except IsADirectoryError:
        raise FileProblem("这是一个文件夹，不是文件") from None
    except PermissionError:
        raise FileProblem("没有读取这个文件的权限（文件可能正在 Word/WPS 中打开）") from None
    except OSError as error:
        raise FileProblem(f"无法读取文件（{error.strerror or error}）") from None
    except (UnreadableReport, ValueError) as error:  # InterchangeError is a ValueError
        raise FileProblem(str(error)) from None


def write_file(
    report: Report, path: Path, style: DocumentStyle = DocumentStyle(), errors: int = 0
) -> Written:
    """Write `report` to `path` in the format its suffix says, replacing a file there
    only once the whole file is written; raises FileProblem. `errors`: how many errors a
    report that is not 定稿 still has (a document is then marked 草稿)."""
    path = Path(path)
    kind = format_of(path)
    if kind is None or kind.write is None:
        names = "、".join(s for f in writable() for s in f.suffixes)
        raise FileProblem(f"不能写成“{path.suffix or '（无扩展名）'}”文件：能写的是 {names}")
    data = kind.write(report, style, errors)
    write_atomically(path, data)
    cleaned = clean_texts(report.texts)[1] if kind.cleans_texts else []
    return Written(path, cleaned)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then move it over `path`;
    raises FileProblem saying what to do."""
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file private (0600); a document is shared like any other file
        os.chmod(temporary, _shared_mode())
        replace_patiently(temporary, path)
    except OSError as error:
        if temporary:
            with contextlib.suppress(OSError):
                os.remove(temporary)
        raise FileProblem(_write_problem(path, error)) from error


# On Windows antivirus, the search indexer or a sync client may hold a new file for
# milliseconds: the replace is refused (PermissionError) though nothing is wrong.
REPLACE_PATIENCE = 2.0 if sys.platform == "win32" else 0.0  # seconds


def replace_patiently(source: str | Path, target: Path, patience: float | None = None) -> None:
    """os.replace, retried every 0.1 s for `patience` seconds (default REPLACE_PATIENCE)
    while it raises PermissionError; the last PermissionError is raised."""
    deadline = time.monotonic() + (REPLACE_PATIENCE if patience is None else patience)
    while True:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.1)


def _shared_mode() -> int:
    """Return the mode a newly created file gets here (0666 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_problem(path: Path, error: OSError) -> str:
    """Return the Chinese message for a failed write: the real cause, what to do."""
    return f"无法写入 {path}：{cause(error)}"


# ── file names ───────────────────────────────────────────────────────────────

_ILLEGAL_IN_FILE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# bidirectional controls (U+202E shows "fdp.exe" as "exe.pdf"), zero-width marks
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# names Windows reserves for devices, whatever follows the first dot (CON.x.docx)
_RESERVED = re.compile(r"CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]", re.IGNORECASE)
NAME_BYTES = 255  # the longest file name ext4, NTFS (510 bytes of UTF-16) and FAT all take


def file_name(report: Report, suffix: str) -> str:
    """Return e.g. 红旗区西街街道办事处2023年政府信息公开工作年度报告.docx, legal on every
    file system: no reserved characters or names, no bidi controls, at most 255 bytes
    of UTF-8 with the suffix kept (a long unit name loses its end, the year stays)."""
    tail = f"{report.year}年{report.form.title}"
    unit = _INVISIBLE.sub("", _ILLEGAL_IN_FILE_NAME.sub("", clean_text(report.unit)))
    room = NAME_BYTES - len((tail + suffix).encode("utf-8"))
    unit = unit.encode("utf-8")[: max(room, 0)].decode("utf-8", "ignore")
    name = (unit + tail).strip(" .")
    if _RESERVED.fullmatch(name.split(".")[0].strip()):
        name = "_" + name
    return name + suffix


def dialog_filters(formats: tuple[FileFormat, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """Return (name, patterns) for each format, all of them together first when several:
    what a file dialog lists."""
    patterns = [(f.name, tuple(f"*{s}" for s in f.suffixes)) for f in formats]
    if len(formats) > 1:
        every = tuple(p for _, group in patterns for p in group)
        patterns.insert(0, ("所有报告文件", every))
    return patterns
