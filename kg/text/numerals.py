"""Chinese numerals: 三 → 3, 十二 → 12, 二〇二二 → 2022, ⑤ → 5.

One reader of numerals for headings, dates, 文号 and targets alike.
"""

from __future__ import annotations

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}
_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}
_CIRCLED.update({chr(0x3251 + i): 21 + i for i in range(15)})


def chinese_to_int(text: str) -> int:
    """三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105, 二〇二二 → 2022 (digit by digit), ⑤ → 5.

    Raises ValueError for anything else, so callers can treat it as "not a number".
    """
    text = text.strip()
    if not text:
        raise ValueError("empty numeral")
    if len(text) == 1 and text in _CIRCLED:
        return _CIRCLED[text]
    if text.isascii() and text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(ch in _UNITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in ("万", "亿"):
            section = (section + (digit or 0)) or 1
            total += section * _UNITS[ch]
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + section + (digit or 0)
