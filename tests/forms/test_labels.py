import pytest

from forms.format.labels import normalise


@pytest.mark.parametrize(
    ("printed", "official"),
    [
        ("（一）予以公开", "（一）予以公开"),
        ("(一) 予以 公开", "（一）予以公开"),
        ("1. 属于国家秘密", "1.属于国家秘密"),
        ("1．属于国家秘密", "1.属于国家秘密"),
        ("1、属于国家秘密", "1.属于国家秘密"),
        ("自然\u200b人\n", "自然人"),
        ("本年收费金额（单位：万元）", "本年收费金额(单位:万元)"),
        ("１２", "12"),
    ],
)
def test_printed_labels_read_as_the_official_ones(printed: str, official: str) -> None:
    assert normalise(printed) == normalise(official)


def test_different_labels_stay_different() -> None:
    assert normalise("（一）予以公开") != normalise("（二）部分公开")
    assert normalise("1.属于国家秘密") != normalise("2.其他法律行政法规禁止公开")
