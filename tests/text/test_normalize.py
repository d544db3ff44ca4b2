"""Normalisation: pinyin noise out, real parentheses kept, t2s, folding, and the way back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg import normalize


def test_converter_pinyin_is_removed_and_real_parentheses_are_kept():
    nt = normalize("發(fā)展STES(科學(xué)、技術(shù)、工程、標準)背景(省商務廳牽頭)")
    assert nt.text == "发展STES（科学、技术、工程、标准）背景（省商务厅牵头）"
    assert nt.removed_annotations == 3


def test_toneless_syllables_stay_unless_the_converter_was_clearly_at_work():
    assert normalize("鼓励使用应用(app)和(men)").text == "鼓励使用应用（app）和（men）"
    noisy = normalize("發(fā)展區(qū)創(chuàng)新們(men)")
    assert noisy.text == "发展区创新们"


def test_traditional_becomes_simplified_one_character_for_one():
    nt = normalize("省市場監管局、濟南、煙臺、濰坊等市政府配合")
    assert nt.text == "省市场监管局、济南、烟台、潍坊等市政府配合"
    assert len(nt.text) == len(nt.original)


def test_place_names_written_so_in_simplified_are_not_converted():
    # t2s alone turns 乾 into 干: 乾安县 (GB/T 2260 220723) and 乾县 must stay as written
    assert normalize("吉林省乾安县人民政府，陕西省乾县，乾安縣財政局").text == (
        "吉林省乾安县人民政府，陕西省乾县，乾安县财政局"
    )
    assert normalize("乾燥的天氣").text == "干燥的天气"


def test_punctuation_and_width_are_folded():
    nt = normalize("(1)ＡＢＣ１２３，到2025年; 60％; 3～5个: 1,000元 10:30 http://x.cn")
    assert nt.text == "（1）ABC123，到2025年； 60%； 3~5个： 1,000元 10:30 http://x.cn"


def test_every_normalised_character_maps_back_to_the_original():
    original = "　一、總體要求\n(一)發(fā)展區(qū)。（省商務廳牽頭）\n"
    nt = normalize(original)
    i = nt.text.index("省商务厅")
    start, end = nt.to_original(i, i + 4)
    assert original[start:end] == "省商務廳"
    span = nt.span(i, i + 4)
    assert (span.line, span.column, span.quote) == (2, 17, "省商務廳")
    j = nt.text.index("区")
    assert original[nt.offsets[j]] == "區"
    assert nt.written(j - 2, j + 1) == "發展區"


def test_damaged_text_is_reported_with_line_and_column():
    nt = normalize("第一行\n格局?!?”是\n中医药???、健康\n乱码\ufffd和锟斤拷")
    got = [(w.line, w.column, w.span.quote) for w in nt.warnings]
    assert got == [(2, 3, "?!?"), (3, 4, "???"), (4, 3, "\ufffd"), (4, 5, "锟斤拷")]
    assert all(w.kind == "damaged-text" for w in nt.warnings)


def test_a_single_question_mark_is_not_damage():
    assert normalize("如何推进？要点如下。").warnings == []


@given(st.text(alphabet=st.sampled_from(list("發展(fā)（）區qū 　\n，,省商務廳?!？abc１２")), max_size=60))
def test_offsets_are_monotonic_and_inside_the_original(text):
    nt = normalize(text)
    assert len(nt.offsets) == len(nt.text)
    assert all(a < b for a, b in zip(nt.offsets, nt.offsets[1:]))
    assert all(0 <= o < len(text) for o in nt.offsets)


WRAPPED = (
    "湖南省人民政府公报　　　　　2023年第7期\n"
    "一、重点任务\n"
    "（一）大力发展智能建造。推动建筑业数字化转型，支持长\n"
    "沙、株洲、湘潭等市开展智能建造试点，到2025年培育骨\n"
    "干企业50家以上。（省住房城乡建设厅牵头，省工业和信息化\n"
    "\n"
    "                         — 15 —\n"
    "\n"
    "湖南省人民政府公报　　　　　2023年第7期\n"
    "厅、省科技厅配合）\n"
    "（二）加快推广装配式建筑。完善装配式建筑标准体系和部\n"
    "品部件生产基地布局，推动建筑产业现代化发展全面提速。\n"
    "（省住房城乡建设厅负责）\n"
)


def test_page_furniture_goes_and_hard_wrapped_paragraphs_are_joined():
    nt = normalize(WRAPPED)
    assert nt.text.splitlines() == [
        "一、重点任务",
        "（一）大力发展智能建造。推动建筑业数字化转型，支持长沙、株洲、湘潭等市开展智能建造试点，"
        "到2025年培育骨干企业50家以上。（省住房城乡建设厅牵头，省工业和信息化厅、省科技厅配合）",
        "（二）加快推广装配式建筑。完善装配式建筑标准体系和部品部件生产基地布局，推动建筑产业现代化发展全面提速。",
        "（省住房城乡建设厅负责）",
    ]
    i = nt.text.index("信息化厅")
    start, end = nt.to_original(i, i + 4)
    assert WRAPPED[start:end].startswith("信息化\n") and WRAPPED[start:end].endswith("厅")


def test_text_that_is_not_hard_wrapped_keeps_its_lines():
    text = "一、任务\n（一）甲。推进工作\n（二）乙。（省科技厅负责）\n总体目标\n"
    assert normalize(text).text == text
