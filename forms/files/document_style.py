"""The exported document's settings, which need no Word library: the window reads
them at start-up without loading python-docx (file names: `forms.files.formats`).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from typing import Any

_ILLEGAL_IN_FILE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


@dataclass(frozen=True)
class DocumentStyle:
    """The font names of the document, a setting (offices lacking a 公文 font pick another)."""

    body_font: str = "仿宋_GB2312"
    title_font: str = "方正小标宋简体"
    heading1_font: str = "黑体"
    heading2_font: str = "楷体_GB2312"
    page_number_font: str = "宋体"
    table_font: str = "仿宋_GB2312"

    @classmethod
    def from_setting(cls, setting: dict[str, Any] | None) -> DocumentStyle:
        """Return the style stored as `setting`; unknown keys are ignored, missing or
        empty ones keep their defaults."""
        known = {f.name for f in fields(cls)}
        given = {k: v.strip() for k, v in (setting or {}).items() if k in known and _named(v)}
        return cls(**given)

    def as_setting(self) -> dict[str, str]:
        """Return the style as a JSON-ready dict (setting key "document_style")."""
        return asdict(self)


def _named(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
