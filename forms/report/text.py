"""Text as Word XML can hold it: pasted text can carry control characters that
python-docx refuses (vertical tab, form feed, NUL, other C0 controls, lone
surrogates, U+FFFE/U+FFFF). They are mapped or removed, never a reason to fail.
"""

from __future__ import annotations

import re

# Tab and line breaks are legal; everything else below U+0020 is not.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # half a UTF-16 pair: no UTF-8 form
_BREAKS = {"\v": "\n", "\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n"}


def clean_text(text: str) -> str:
    """Return `text` with line breaks unified (vertical tab → line break) and the
    characters Word XML cannot hold removed."""
    for old, new in _BREAKS.items():
        text = text.replace(old, new)
    return _ILLEGAL.sub("", text)


def without_lone_surrogates(text: str) -> str:
    """Return `text` less lone surrogates, which UTF-8 (SQLite, files) cannot hold."""
    return LONE_SURROGATE.sub("", text)


def clean_texts(texts: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Return the cleaned texts and the ids of the fields that had to be cleaned
    (a changed line-break style alone does not count)."""
    cleaned = {key: clean_text(value) for key, value in texts.items()}
    changed = [key for key, value in texts.items() if cleaned[key] != _unify_breaks(value)]
    return cleaned, changed


def _unify_breaks(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def paragraphs(text: str) -> list[str]:
    """Return the paragraphs of a text field: one per non-empty line."""
    return [line.strip() for line in text.split("\n") if line.strip()]


SHOWN = 60  # characters of a refused value quoted in a message


def shown(text: str, limit: int = SHOWN) -> str:
    """Return `text` as a message quotes it: at most `limit` characters (then “…”),
    control characters and lone surrogates removed so any console can print it."""
    cut = len(text) > limit
    text = clean_text(text[:limit]).replace("\n", " ")
    return text + "…" if cut else text
