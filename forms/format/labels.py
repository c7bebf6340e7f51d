"""Label text compared as a reader sees it: the one normalisation that the importers
(Word, web pages) and the paste of a row with its labels share."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# White space of every kind, zero-width characters and the soft hyphen, which Word and
# web pages put inside labels ("予以 公开", "自然\u200b人").
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff\u00ad]+")
# Numbering the printed labels differ in: "1. 属于国家秘密" / "1．属于国家秘密" / "1、".
_NUMBER_DOT = re.compile(r"^(\d+)[.、]")


def normalise(text: str) -> str:
    """Return `text` as labels are compared: full-width letters, digits and brackets made
    half-width (NFKC), every space and invisible character removed, "1、" read as "1.",
    and 〔〕【】 read as ()."""
    folded = unicodedata.normalize("NFKC", text)
    folded = _INVISIBLE.sub("", folded)
    folded = folded.translate(str.maketrans("〔【〕】", "(())"))
    return _NUMBER_DOT.sub(r"\1.", folded)


# Leading numbering of every style a printed heading or label uses: 一、 一. (一) 1. (1)
# 1) ① 第一部分 第一章 — "whatever their numbering style".
_NUMBERING = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[部分章节条项]+[、.:]?"
    r"|\([一二三四五六七八九十\d]+\)[、.]?"
    r"|[一二三四五六七八九十]+[、.]"
    r"|\d+[.)](?!\d)"
    r"|[\u2460-\u2473\u2474-\u2487\u2488-\u249b])"
)
# A trailing note in brackets ("（区分处理的，只计这一情形…）", "（单位：万元）") and the
# quotation marks some offices type straight, others curly ("三安全一稳定").
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")


@lru_cache(maxsize=8192)  # a folder of reports prints the same few hundred labels
def label_key(text: str) -> str:
    """Return the key a printed label is matched by: `normalise`d, without its leading
    numbering, a trailing bracketed note or quotation marks; "" when nothing is left
    (an empty cell, a corner note entirely in brackets)."""
    key = normalise(text).translate(_QUOTES)
    key = _NUMBERING.sub("", key)
    stripped = _TRAILING_NOTE.sub("", key)
    return stripped if stripped else ("" if key.startswith("(") else key)


def has_numbering(text: str) -> bool:
    """Return True when `text` starts with numbering of any style (一、 （一） 1. …)."""
    return bool(_NUMBERING.match(normalise(text)))
