"""Counts the text states: finding the phrases of a form's `StatedCount`s in its texts
and reading their numbers, written in digits (20, 1,234, ２０) or Chinese (三, 一百零三).

Only unambiguous phrases are read (see `StatedCount`); a phrase not read is not a
finding, so a doubtful sentence costs a missed warning, never a false one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from forms.format.spec import Form, StatedCount
from forms.report.text import clean_text

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
# A Chinese number starts with a digit or 十 (万 alone is 上万件, "tens of thousands").
_CHINESE = r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*"
_NUMBER = rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|{_CHINESE})"
# Before a number: an order (第一件), each (每一件), an estimate (近百件, 数十件, 约20件).
_NOT_A_COUNT = set("每逐第这那哪几数近约上余多超逾某")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_PART_BEFORE = ("其中", "包括", "包含", "含", "分别")
_JOINERS = "、和及与或"
_COUNTED = re.compile(r"[\d一二两三四五六七八九十百千]\s*(?:件|个|宗|起|部|份)")
_OWN_BREAKDOWN = re.compile(r"[\s，,：:]*(?:[（(]|其中|包括|分别|含)")


_READ: dict[tuple[int, str, str], tuple[Form, tuple[Statement, ...]]] = {}
_READ_MAX = 256


@dataclass(frozen=True)
class Statement:
    """A count stated in a text field: where, the phrase quoted, and the number."""

    rule: StatedCount
    field: str
    phrase: str
    count: int


def chinese_number(text: str) -> int | None:
    """Return the number written in Chinese numerals (三, 十二, 一百零三, 两千, 三万五千);
    None when `text` is not one number (一二, 三三)."""
    total = section = 0
    digit: int | None = None
    for char in text:
        if char in _DIGITS:
            if _DIGITS[char] == 0:
                continue  # 一百零三: the zero only holds a place
            if digit is not None:
                return None  # two digits in a row: 一二 is no number
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        elif char == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def number_value(written: str) -> int | None:
    """Return the count `written` in digits (1,234) or Chinese numerals; None when neither."""
    if written[0].isdigit():
        return int(written.replace(",", ""))
    return chinese_number(written)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("{n}", _NUMBER))


def statements(form: Form, texts: dict[str, str]) -> list[Statement]:
    """Return every unambiguous stated count of the form's texts, in document order."""
    return [said for field_id, raw in texts.items() for said in _in_field(form, field_id, raw)]


def _in_field(form: Form, field_id: str, raw: str) -> tuple[Statement, ...]:
    """Return the stated counts of one text; remembered, as the report is checked again
    on every keystroke and only the text being typed in changes. (Keyed by the form's
    identity: hashing a whole Form on every call would cost more than the reading.)"""
    key = (id(form), field_id, raw)
    if key not in _READ:
        if len(_READ) >= _READ_MAX:
            _READ.clear()
        text = clean_text(unicodedata.normalize("NFKC", raw))
        found: list[Statement] = []
        for sentence in _SENTENCE.finditer(text):
            found += _in_sentence(form, field_id, sentence.group(0))
        _READ[key] = (form, tuple(found))  # the form kept alive keeps its id unique
    return _READ[key][1]


def _in_sentence(form: Form, field_id: str, sentence: str) -> list[Statement]:
    stated = form.stated_counts
    if stated is None or any(word in sentence for word in stated.unless):
        return []
    found: list[tuple[int, Statement]] = []
    for rule in stated.counts:
        if rule.fields and field_id not in rule.fields:
            continue
        if any(w in sentence for w in rule.unless):
            continue
        if rule.needs and not any(w in sentence for w in rule.needs):
            continue
        for pattern in rule.patterns:
            for match in _compiled(pattern).finditer(sentence):
                count = _read(sentence, match)
                if count is not None:
                    said = Statement(rule, field_id, match.group(0).strip(), count)
                    found.append((match.start(), said))
    return [said for _, said in sorted(found, key=lambda pair: pair[0])]


def _read(sentence: str, match: re.Match[str]) -> int | None:
    """Return the count of a matched phrase; None where reading it would be a guess."""
    start = match.start("n")
    if start and sentence[start - 1] in _NOT_A_COUNT:
        return None
    if _shared_subject(sentence[: match.start()]):
        return None  # 行政许可、行政处罚决定共 300 件: one count of two subjects
    clause = re.split(r"[，,：:]", sentence[: match.start()])[-1]
    if any(word in clause for word in _PART_BEFORE):
        return None  # one part of a breakdown: 其中行政复议 2 件
    if _OWN_BREAKDOWN.match(sentence, match.end()):
        return None  # a count followed by its parts: what it totals is not certain
    return number_value(match.group("n"))


def _shared_subject(before: str) -> bool:
    """Return True when the phrase's subject is joined to one before it that has no
    count of its own (甲、乙 N 件), rather than following a counted one (甲 N 件、乙 M 件)."""
    if not before or before[-1] not in _JOINERS:
        return False
    previous = re.split(r"[，,：:、]", before[:-1])[-1]
    return not _COUNTED.search(previous)
