"""Label text compared as a reader sees it: the one normalisation that the importers
(Word, web pages) and the paste of a row with its labels share."""

from __future__ import annotations

import re
import unicodedata

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
