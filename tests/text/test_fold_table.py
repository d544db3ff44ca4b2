"""Normalising folds by a translate table and a regex for the few characters that look at their
neighbours; the result is what folding one character at a time gives, for every character."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.text import normalize as n
from kg.text.read import decode


def _one_at_a_time(text: str) -> str:
    return "".join(n._fold(text, i) for i in range(len(text)))


def _by_table(text: str) -> str:
    return n._TO_FULL_CHARS.sub(lambda m: n._fold(text, m.start()), text.translate(n._fold_table()))


def test_every_bmp_character_folds_as_one_at_a_time():
    chars = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert _by_table(chars) == _one_at_a_time(chars)


def test_folds_that_look_at_their_neighbours():
    text = "1,000人 10:30 http://x.cn a,b (一) 好? 对! ：；（）Ａ１％"
    assert _by_table(text) == _one_at_a_time(text)
    assert n.normalize(text).text == "1,000人 10:30 http://x.cn a，b （一） 好？ 对！ ：；（）A1%"


def test_width_counts_ascii_as_half():
    for line in ["", "abc", "中文abc", "ＡＢＣ", "\u2e7f\u2e80"]:
        assert n._width(line) == sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in line)


def test_control_characters_are_counted_to_refuse_binary():
    assert decode("正文\t第一行\f\n".encode()).text.startswith("正文")
    with pytest.raises(InputError, match="binary"):
        decode(("正文" + "\x01" * 5).encode())
