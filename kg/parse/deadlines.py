"""Deadlines as values: 2023年底前 → by 2023-12-31, 2023年6月底前 → by 2023-06, 持续推进 → ongoing.

A deadline is kept as written (``Task.deadline``) and read here into a :class:`~kg.model.Due`:
the end of the period it names, as precisely as the text gives it (a day, or a month), or a
kind of its own for work that runs on (持续推进, 长期坚持) or comes back (每年, 每季度). A
month or a quarter without a year takes the year of the document (``default_year``); a phrase
kg cannot read gives None, and the text stays as written.
"""

from __future__ import annotations

import calendar
import re

from kg.model import Due
from kg.text.numerals import chinese_to_int

_Y = r"(?:(?P<y>\d{4}|[〇○一二三四五六七八九零]{4})年)"
_DAY = re.compile(_Y + r"?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_MONTH = re.compile(_Y + r"?(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|份|中旬|下旬|上旬)?")
_QUARTER = re.compile(_Y + r"?第?(?P<q>[一二三四1-4])季度")
_HALF = re.compile(_Y + r"?(?P<h>上|下)半年")
_YEAR = re.compile(r"(?:(?P<a>\d{4})[-—~至到])?" + _Y + r"(?:底|年底|末|年末|内|前|以前|完成|起)?")
_PLAN = re.compile(r"“?十(?P<n>[一二三四五六七八九])五”?(?:期间|末|时期)")
ONGOING = re.compile(r"持续|长期|常态化|久久为功|逐步")
RECURRING = re.compile(r"每年|每季度|每月|每半年|年度|每周")


def read_due(text: str | None, default_year: int | None = None) -> Due | None:
    """The deadline ``text`` as a value, or None when it names no time kg can read."""
    if not text:
        return None
    if m := _DAY.search(text):
        year = _year(m.group("y"), default_year)
        month, day = int(m.group("m")), int(m.group("d"))
        if year and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            return Due("date", f"{year:04d}-{month:02d}-{day:02d}")
    if m := _QUARTER.search(text):
        year = _year(m.group("y"), default_year)
        q = "一二三四".find(m.group("q")) + 1 or int(m.group("q"))
        if year:
            return Due("month", f"{year:04d}-{q * 3:02d}")
    if m := _HALF.search(text):
        year = _year(m.group("y"), default_year)
        if year:
            return Due("month", f"{year:04d}-{6 if m.group('h') == '上' else 12:02d}")
    if m := _MONTH.search(text):
        year = _year(m.group("y"), default_year)
        number = _int(m.group("m"))
        if year and number and 1 <= number <= 12:
            return Due("month", f"{year:04d}-{number:02d}")
    if RECURRING.search(text):
        return Due("recurring")
    if m := _YEAR.search(text):
        year = _year(m.group("y"), None)
        if year:
            return Due("date", f"{year:04d}-12-31")
    if m := _PLAN.search(text):  # “十四五”期间 ends with 2025
        n = 10 + "一二三四五六七八九".index(m.group("n")) + 1  # the 14th plan runs 2021–2025
        return Due("date", f"{1985 + 5 * (n - 6):04d}-12-31")
    if ONGOING.search(text):
        return Due("ongoing")
    return None


def _year(text: str | None, default: int | None) -> int | None:
    return _int(text) if text else default


def _int(text: str) -> int | None:
    try:
        return chinese_to_int(text)
    except ValueError:
        return None
