import pytest

from forms.format.labels import has_numbering, label_key, normalise


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


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
        ("(二)部分公开", "部分公开"),
        ("１．属于 国家秘密", "属于国家秘密"),
        ("（1）属于国家秘密", "属于国家秘密"),
        ("3. 危及“三安全一稳定”", "危及三安全一稳定"),
        ('3. 危及"三安全一稳定"', "危及三安全一稳定"),
        ("一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"),
        ("第一部分 总体情况", "总体情况"),
        ("本年收费金额（单位：万元）", "本年收费金额"),
        ("（本列数据的勾稽关系为：第一项加第二项之和）", ""),
        ("", ""),
        ("12", "12"),
    ],
)
def test_label_keys_drop_numbering_notes_and_quotes(printed: str, key: str) -> None:
    assert label_key(printed) == key


def test_numbering_of_every_style_is_recognised() -> None:
    for text in (
        "一、总体情况",
        "（一）主动公开",
        "(一)主动公开",
        "1. 属于",
        "1、属于",
        "第一部分 总体",
    ):
        assert has_numbering(text), text
    for text in ("总体情况", "2023年", "12"):
        assert not has_numbering(text), text
