#!/usr/bin/env python3
"""Generate synthetic Chinese policy documents for kg's benchmarks, with their answers.

The documents look like the real ones kg reads (文号, title, 主送, sections 一、, items （一）/1./
（1）/①, responsibility clauses in every form kg knows, task-division tables, signature and
date), so that a benchmark exercises the real parser on realistic text. Issuers come from every
province and from prefecture cities and counties; agencies come from kg's gazetteer files, read
here directly (this script does not import kg, whose modules move).

    python benchmarks/generate.py OUT --docs 1000 [--seed 1]   # 1,000 documents
    python benchmarks/generate.py OUT --tasks 20000 --one      # one document of 20,000 tasks
    python benchmarks/generate.py OUT --bytes 10M              # one document of about 10 MB

``OUT/answers.jsonl`` holds one line per document: its file name and, for every task path, the
short names (as kg writes them, docs/tree.md) the clause gives as lead, support and shared.
Output is byte-identical for the same arguments, whatever PYTHONHASHSEED.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import multiprocessing
import random
import sys
import time
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"
CN_DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
MUNICIPALITIES = ("11", "12", "31", "50")
NOT_MAINLAND = ("71", "81", "82")
# Provinces whose government numbers its documents 府 rather than 政 (粤府〔2023〕1号).
FU_PROVINCES = ("44", "31", "50", "36", "46", "51", "52")

# ---------------------------------------------------------------------------- gazetteer


@dataclass
class Place:
    code: str
    name: str
    short: str
    kind: str
    parent: str
    abbr: str
    ambiguous: bool


@dataclass
class AgencyRow:
    key: str
    level: str
    short: str
    full: str
    aliases: tuple[str, ...]
    scope: tuple[str, ...]

    def applies_to(self, code: str) -> bool:
        return not self.scope or any(code.startswith(s) for s in self.scope)


@dataclass
class Gazetteer:
    places: dict[str, Place]
    provinces: list[Place]
    children: dict[str, list[Place]]
    agencies: dict[str, list[AgencyRow]]  # level → rows
    collectives: dict[tuple[str, str], tuple[str, tuple[str, ...]]]  # (level, key) → short, aliases
    duplicate_names: set[str]
    rows_cache: dict[str, tuple[list[AgencyRow], list[float]]] = field(default_factory=dict)


def _csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# Bodies that policy documents rarely give tasks to, or whose names are templates of the place.
SKIP_KEYS = {
    "government",
    "party-committee",
    "military-district",
    "prison-administration",
    "people-congress-standing-committee",
    "people-congress-office",
    "cppcc",
    "cppcc-office",
    "supervisory-commission",
    "court",
    "procuratorate",
    "party-school",
    "veteran-cadres",
    "organs-work-committee",
    "research-office",
    "policy-research",
    "discipline-inspection",
    "taiwan-affairs",
    "education-work-committee",
    "government-offices-administration",
}
# The bodies most often named in responsibility clauses: drawn six times as often.
COMMON_KEYS = {
    "development-reform",
    "finance",
    "industry-it",
    "commerce",
    "science-technology",
    "education",
    "human-resources-social-security",
    "natural-resources",
    "ecology-environment",
    "housing-urban-rural",
    "transport",
    "agriculture-rural",
    "market-regulation",
    "health",
    "culture-tourism",
    "emergency-management",
    "big-data",
    "local-financial-regulation",
    "public-security",
    "civil-affairs",
    "water-resources",
    "taxation",
    "statistics",
    "sasac",
    "administrative-approval",
    "general-office",
    "publicity-department",
    "cyberspace",
}


def load_gazetteer() -> Gazetteer:
    places: dict[str, Place] = {}
    children: dict[str, list[Place]] = {}
    counts: dict[str, int] = {}
    for r in _csv("places.csv"):
        if not r["code"]:
            continue  # zones: no government of their own in this generator
        p = Place(r["code"], r["name"], r["short"], r["kind"], r["parent"], r["abbr"], r["ambiguous"] == "1")
        places[p.code] = p
        children.setdefault(p.parent, []).append(p)
        counts[p.name] = counts.get(p.name, 0) + 1
    provinces = [p for p in places.values() if p.kind == "province" and p.code[:2] not in NOT_MAINLAND]
    agencies: dict[str, list[AgencyRow]] = {"province": [], "city": []}
    for r in _csv("agencies.csv"):
        if r["level"] not in agencies or r["key"] in SKIP_KEYS or "{" in r["short"]:
            continue
        aliases = tuple(a for a in r["aliases"].split("|") if a and "{" not in a)
        scope = tuple(s for s in r["scope"].split("|") if s)
        agencies[r["level"]].append(AgencyRow(r["key"], r["level"], r["short"], r["full"], aliases, scope))
    collectives = {
        (r["level"], r["key"]): (r["short"], tuple(a for a in r["aliases"].split("|") if a))
        for r in _csv("collectives.csv")
    }
    return Gazetteer(
        places, provinces, children, agencies, collectives, {n for n, c in counts.items() if c > 1}
    )


# ---------------------------------------------------------------------------- phrase bank

VERBS = (
    "加快推进",
    "深入推进",
    "扎实推进",
    "加强",
    "深化",
    "统筹推进",
    "全面推进",
    "持续推进",
    "积极推进",
    "着力推进",
    "稳步推进",
    "协同推进",
)
OBJECTS = (
    "产业链供应链协同发展",
    "科技成果转化",
    "农村人居环境整治",
    "政务服务标准化建设",
    "数字基础设施建设",
    "先进制造业集群培育",
    "中小企业梯度培育",
    "重点领域标准研制",
    "绿色低碳转型",
    "城市更新行动",
    "县域商业体系建设",
    "高标准农田建设",
    "公共就业服务",
    "职业技能培训",
    "基层医疗卫生服务能力",
    "养老服务体系建设",
    "托育服务供给",
    "社会信用体系建设",
    "知识产权保护",
    "涉企收费治理",
    "工程建设项目审批制度改革",
    "企业开办便利化",
    "外贸新业态发展",
    "跨境电商综合试验区建设",
    "文旅融合发展",
    "夜间经济发展",
    "新能源汽车推广应用",
    "充换电基础设施建设",
    "城乡供水一体化",
    "河湖生态保护修复",
    "大气污染联防联控",
    "固体废物综合利用",
    "安全生产专项整治",
    "应急物资储备体系",
    "智慧交通建设",
    "多式联运发展",
    "普惠金融服务",
    "政府性融资担保体系",
    "首台（套）装备推广应用",
    "高校毕业生就业创业",
    "数据要素市场培育",
    "工业互联网平台建设",
    "智能制造示范工厂建设",
    "特色产业园区提质",
    "物流降本增效",
    "放心消费环境建设",
    "食品安全监管",
    "药品安全监管",
    "全民健身设施建设",
    "公共文化服务体系",
    "历史文化保护传承",
    "海洋经济发展",
    "现代种业提升",
    "农产品质量安全",
    "林长制改革",
    "矿产资源节约集约利用",
    "国土空间规划实施",
    "老旧小区改造",
    "保障性住房建设",
    "社区嵌入式服务设施建设",
    "“一网通办”改革",
    "“免申即享”政策兑现",
)
TOPICS = (
    "推动制造业高质量发展",
    "加快建设现代化产业体系",
    "持续优化营商环境",
    "促进消费扩容提质",
    "全面推进乡村振兴",
    "加快数字经济发展",
    "深入打好污染防治攻坚战",
    "推进科技成果转化",
    "提升公共服务水平",
    "加快建设交通强省",
    "推动外贸稳规模优结构",
    "促进民营经济发展壮大",
    "加快发展现代服务业",
    "推进标准化发展",
    "实施城市更新行动",
    "稳定和扩大就业",
    "推进新型城镇化建设",
    "加强安全生产工作",
    "推动文化和旅游深度融合",
    "加快发展银发经济",
)
MEASURES = (
    "围绕重点产业链，梳理关键环节和薄弱领域，建立重点项目清单和推进台账",
    "完善政策支持体系，统筹用好各类专项资金，引导社会资本加大投入",
    "健全部门协同工作机制，定期会商调度，及时协调解决推进中的重大问题",
    "推行“一件事一次办”，整合申报材料，压减办理环节和时限",
    "建立健全考核评价机制，将工作成效纳入年度综合考核",
    "鼓励有条件的地区先行先试，及时总结推广典型经验做法",
    "加强数据共享和业务协同，推动相关系统互联互通",
    "支持龙头企业联合高校院所组建创新联合体，开展关键核心技术攻关",
    "完善标准体系，加快制定一批地方标准和团体标准",
    "强化要素保障，优先保障重点项目用地、用能和环境容量指标",
    "开展专项督导检查，对工作推进不力的及时督促整改",
    "加大宣传解读力度，提高政策知晓度和覆盖面",
    "健全风险监测预警机制，守牢安全底线",
    "推动服务向基层延伸，打通政策落实“最后一公里”",
    "探索建立多元化投入机制，形成政府引导、市场主导、社会参与的工作格局",
    "落实属地管理责任，压实行业监管责任和企业主体责任",
    "实施分类指导，因地制宜制定具体工作方案",
    "深化与重点城市群的交流合作，推动资源共享和优势互补",
)
BUILT = ("建成", "培育", "新建改造", "打造", "认定", "创建", "布局建设", "新增")
TARGET_OBJECTS = (
    "省级示范园区",
    "专精特新中小企业",
    "标准创新型企业",
    "高标准农田",
    "智能工厂和数字化车间",
    "一刻钟便民生活圈",
    "充电桩",
    "公共实训基地",
    "乡镇综合文化站",
    "社区养老服务中心",
    "技术创新中心",
    "特色产业集群",
)
UNITS = ("个", "家", "家", "万亩", "个", "个", "个", "个", "个", "个", "个", "个")
PILOTS = ("应用", "改革", "示范创建", "集成创新", "综合", "场景开放")
DEADLINES = (
    "{y}年底前",
    "{y}年6月底前",
    "{y}年底前完成",
    "{y}年9月底前完成",
    "{y}年12月底前",
    "{y}年上半年完成",
)
TABLE_DEADLINES = ("{y}年6月底前", "{y}年9月底前", "{y}年12月底前", "长期坚持", "持续推进")
CLOSINGS = ("加强组织领导", "强化督导考核", "加强宣传引导", "强化要素保障", "营造良好氛围")
KINDS = ("实施意见", "实施方案", "若干措施", "行动方案", "工作方案")


def pick(rnd: random.Random, seq: Sequence[T]) -> T:
    """One element, drawn faster than random.choice (the generator calls it a million times)."""
    return seq[int(rnd.random() * len(seq))]


def cn_number(n: int) -> str:
    """一 … 九十九, as 一、 and （一） write them."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def cn_year(y: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(y))


# ---------------------------------------------------------------------------- issuers


@dataclass
class Issuer:
    place: Place
    level: str  # province | prefecture | county
    name: str  # the government as it signs: 山东省人民政府, 青岛市黄岛区人民政府
    office: bool
    signature: str
    prefix: str  # how its own bodies are written: 省, 自治区, 市, 区, 县
    table_level: str  # agencies.csv / collectives.csv level: province or city
    province: Place
    city: Place | None


def _abbr(p: Place) -> str:
    return p.abbr.split("|")[0] if p.abbr else p.short[0]


def pick_issuer(g: Gazetteer, rnd: random.Random) -> Issuer:
    prov = pick(rnd, g.provinces)
    municipality = prov.code[:2] in MUNICIPALITIES
    r = rnd.random()
    cities = [c for c in g.children.get(prov.code, []) if c.kind == "prefecture" and c.name.endswith("市")]
    office = rnd.random() < 0.4
    if r < 0.55 or (not cities and not municipality):
        prefix = "市" if municipality else "自治区" if prov.name.endswith("自治区") else "省"
        name = prov.name + "人民政府"
        return Issuer(
            prov,
            "province",
            name,
            office,
            name + ("办公厅" if office else ""),
            prefix,
            "city" if municipality else "province",
            prov,
            None,
        )
    if r < 0.85 and cities:
        city = pick(rnd, cities)
        name = city.name + "人民政府"
        sig = name + (pick(rnd, ("办公室", "办公厅")) if office else "")
        return Issuer(city, "prefecture", name, office, sig, "市", "city", prov, city)

    def counties_of(parent: Place) -> list[Place]:
        return [c for c in g.children.get(parent.code, []) if c.kind == "county" and c.name[-1] in "区县市旗"]

    parents = [c for c in cities if counties_of(c)] if not municipality else [prov]
    parent = pick(rnd, parents)  # 东莞, 中山, 嘉峪关 and 儋州 have no counties
    county = pick(rnd, counties_of(parent))
    name = county.name + "人民政府"
    if county.name in g.duplicate_names and not municipality:
        name = parent.name + name  # 青岛市黄岛区人民政府: the county alone names several
    sig = name + ("办公室" if office else "")
    return Issuer(
        county,
        "county",
        name,
        office,
        sig,
        county.name[-1],
        "city",
        prov,
        parent if parent is not prov else None,
    )


def identifier(iss: Issuer, year: int, number: int, rnd: random.Random) -> str:
    if iss.level == "province":
        base = _abbr(iss.place) + ("府" if iss.place.code[:2] in FU_PROVINCES else "政")
        kind = pick(rnd, ("办发", "办字")) if iss.office else pick(rnd, ("发", "发", "字"))
    elif iss.level == "prefecture":
        base = iss.place.short[0] + "政"
        kind = pick(rnd, ("办发", "办字")) if iss.office else pick(rnd, ("发", "字"))
    else:
        city = iss.city.short[0] if iss.city else ""
        base = city + iss.place.short[0] + "政"
        kind = "办发" if iss.office else "发"
    return f"{base}{kind}〔{year}〕{number}号"


# ---------------------------------------------------------------------------- agencies


@dataclass
class Named:
    written: str  # as the clause writes it
    short: str  # as kg names it (docs/tree.md: short names)


@dataclass
class Pool:
    """The agencies a document can name, with the weights it draws them by."""

    rows: list[AgencyRow]
    cum_weights: list[float]
    written: dict[int, Named]  # row index → how this document writes it, decided when first drawn
    issuer: Issuer
    collectives: dict[str, list[Named]]  # role → collective forms fit for it
    relevant: Named  # the collective that …等有关部门 adds
    cities: list[Place]  # other governments below the issuer, for 济南、烟台等市政府
    subordinate_word: str  # 市 / 区 / 县: what 等…政府 says they are


def _written(row: AgencyRow, iss: Issuer, place_prefix: str, rnd: random.Random) -> Named:
    """Prefix + short, sometimes an alias or the place's full name (山东省商务厅)."""
    short = iss.prefix + row.short
    form = row.short
    if row.aliases and row.key != "general-office" and rnd.random() < 0.15:
        alias = pick(rnd, row.aliases)
        if iss.table_level == "province" or len(alias) < len(row.short) or alias == row.full:
            form = alias  # an abbreviation or the full name: kg gives the template's name
        elif "（" not in alias:
            form = alias  # below the province a longer form is the body's own name
            short = iss.prefix + alias
    if iss.prefix == "自治区" and form.startswith("委"):
        # 自治区党委宣传部: how the regions write their Party organs (kg does not know the form)
        return Named("自治区党" + form, "自治区党" + form)
    written = (place_prefix if place_prefix and rnd.random() < 0.05 else iss.prefix) + form
    return Named(written, short)


def _collective(g: Gazetteer, iss: Issuer, key: str, written: tuple[str, ...], rnd: random.Random) -> Named:
    short = g.collectives[(iss.table_level, key)][0]
    if iss.table_level == "province" and short.startswith("省"):
        short = iss.prefix + short[1:]
    return Named(pick(rnd, written), short)


def _rows(g: Gazetteer, code: str, level: str) -> tuple[list[AgencyRow], list[float]]:
    """The agencies that exist in ``code``'s government, with cumulative draw weights."""
    cached = g.rows_cache.get(code)
    if cached is None:
        rows = [r for r in g.agencies[level] if r.applies_to(code)]
        scoped = {r.key for r in rows if r.scope}
        rows = [r for r in rows if r.scope or r.key not in scoped]  # 经济和信息化厅 in 浙江
        weights = [6.0 if r.key in COMMON_KEYS else 1.0 for r in rows]
        cached = g.rows_cache[code] = (rows, list(accumulate(weights)))
    return cached


def _office(iss: Issuer) -> Named | None:
    """The government office as the clauses write it, named as it signs."""
    if iss.level == "province" and iss.place.code[:2] in MUNICIPALITIES:
        return Named("市政府办公厅", "市政府办公厅")  # a province's office
    if iss.table_level == "city":
        hall = iss.office and iss.signature.endswith("办公厅")
        return Named(
            iss.prefix + ("政府办公厅" if hall else "政府办公室"),
            iss.prefix + ("人民政府办公厅" if hall else "政府办公室"),
        )
    return None


def make_pool(g: Gazetteer, iss: Issuer, rnd: random.Random) -> Pool:
    rows, cum = _rows(g, iss.place.code, iss.table_level)

    def col(key: str, *forms: str) -> Named:
        return _collective(g, iss, key, forms, rnd)

    municipality = iss.place.code[:2] in MUNICIPALITIES
    if iss.level == "province" and not municipality:
        p = iss.prefix
        relevant = (
            col("relevant-departments", p + "政府有关部门")
            if p != "省"
            else col("relevant-departments", "省直有关部门", "省政府有关部门", "省有关部门")
        )
        collectives = {
            "support": [relevant, col("relevant-units", "有关单位")],
            "shared": [
                col("city-governments", "各市人民政府", "各设区市人民政府", "各市政府"),
                col("county-governments", "各县（市、区）人民政府"),
                col("relevant-city-governments", "有关市人民政府"),
            ],
        }
        cities = [
            c
            for c in g.children.get(iss.place.code, [])
            if c.kind == "prefecture" and c.name.endswith("市") and not c.ambiguous
        ]
        word = "市"
    elif iss.level == "county":
        own = iss.prefix
        relevant = Named("有关部门", f"{own}政府有关部门")  # …等有关部门: the county's own
        direct = (
            col("relevant-departments", "市直有关部门")
            if own == "市"
            else Named(f"{own}直有关部门", f"{own}直有关部门")
        )  # 区直有关部门: a collective kg keeps as written
        collectives = {
            "support": [direct],
            "shared": [col("township-governments", "各镇街", "各乡镇（街道）", "各镇（街道）")],
        }
        cities, word = [], own
    else:
        relevant = col("relevant-departments", "市直有关部门", "市政府有关部门", "市有关部门")
        collectives = {
            "support": [relevant],
            "shared": [
                col("county-governments", "各区县人民政府", "各县（市、区）人民政府")
                if not municipality
                else col("county-governments", "各区人民政府")
            ],
        }
        cities = [
            c
            for c in g.children.get(iss.place.code, [])
            if c.kind == "county" and not c.ambiguous and c.name[-1] in "区县"
        ]
        word = "区"
    return Pool(rows, cum, {}, iss, collectives, relevant, cities, word)


def draw(pool: Pool, rnd: random.Random, k: int, taken: set[str]) -> list[Named]:
    out: list[Named] = []
    total = pool.cum_weights[-1]
    for _ in range(k * 4):
        if len(out) == k:
            break
        i = bisect(pool.cum_weights, rnd.random() * total)
        a = pool.written.get(i)
        if a is None:
            row = pool.rows[i]
            office = _office(pool.issuer) if row.key == "general-office" else None
            place = pool.issuer.place.name if pool.issuer.level != "county" else ""
            a = pool.written[i] = office or _written(row, pool.issuer, place, rnd)
        if a.short not in taken:
            taken.add(a.short)
            out.append(a)
    return out


# ---------------------------------------------------------------------------- clauses


@dataclass
class Roles:
    lead: list[Named] = field(default_factory=list)
    support: list[Named] = field(default_factory=list)
    shared: list[Named] = field(default_factory=list)

    def answer(self) -> dict[str, list[str]]:
        return {
            "lead": [a.short for a in self.lead],
            "support": [a.short for a in self.support],
            "shared": [a.short for a in self.shared],
        }


def _join(names: list[Named]) -> str:
    return "、".join(a.written for a in names)


def distribution(pool: Pool, rnd: random.Random, taken: set[str]) -> tuple[str, list[Named]]:
    """济南、烟台等市政府 / 历下区、槐荫区政府: several governments in one phrase."""
    cands = [c for c in pool.cities if c.name + "政府" not in taken]
    picks = rnd.sample(cands, min(len(cands), rnd.randint(2, 4)))
    if len(picks) < 2:
        return "", []
    names = [Named(c.name, c.name + "政府") for c in picks]
    taken.update(a.short for a in names)
    gov = pick(rnd, ("政府", "人民政府"))
    if pool.subordinate_word == "市" and all(c.name.endswith("市") for c in picks):
        sep = "等" if rnd.random() < 0.6 else ""
        return "、".join(c.short for c in picks) + sep + "市" + gov, names
    return "、".join(c.name for c in picks[:-1]) + "、" + picks[-1].name + gov, names


def make_roles(pool: Pool, rnd: random.Random) -> tuple[Roles, dict[str, str]]:
    """Who does the task, and the phrases that say it: {'lead': '省科技厅', 'support': …}."""
    taken: set[str] = set()
    roles = Roles()
    text: dict[str, str] = {}
    shape = rnd.random()
    if shape < 0.55:  # lead + support
        roles.lead = draw(pool, rnd, 1 if rnd.random() < 0.85 else 2, taken)
        roles.support = draw(pool, rnd, pick(rnd, (1, 2, 2, 3, 4)), taken)
        text["lead"], text["support"] = _join(roles.lead), _join(roles.support)
        r = rnd.random()
        if r < 0.15:
            c = pick(rnd, pool.collectives["support"])
            if c.short not in taken:
                roles.support.append(c)
                taken.add(c.short)
                text["support"] += "、" + c.written
        elif r < 0.25 and roles.support and pool.relevant.short not in taken:
            roles.support.append(Named("有关部门", pool.relevant.short))
            taken.add(pool.relevant.short)
            text["support"] += "等有关部门"
        elif r < 0.35:
            phrase, names = distribution(pool, rnd, taken)
            if names:
                roles.support += names
                text["support"] += "，" + phrase
        if rnd.random() < 0.2:  # …配合，各市政府落实
            c = pick(rnd, pool.collectives["shared"])
            if c.short not in taken:
                roles.shared.append(c)
                text["shared"] = c.written
    elif shape < 0.62:  # lead only
        roles.lead = draw(pool, rnd, 1, taken)
        text["lead"] = _join(roles.lead)
    else:  # shared
        roles.shared = draw(pool, rnd, pick(rnd, (1, 1, 2, 2, 3)), taken)
        text["shared"] = _join(roles.shared)
        if rnd.random() < 0.2:
            phrase, names = distribution(pool, rnd, taken)
            if names:
                roles.shared += names
                text["shared"] += "，" + phrase
    return roles, text


def clause_in_paren(text: dict[str, str], rnd: random.Random, deadline: str | None) -> str:
    parts: list[str] = []
    if "lead" in text:
        parts.append(text["lead"] + pick(rnd, ("牵头", "牵头", "牵头", "牵头负责")))
        if "support" in text:
            parts.append(text["support"] + "配合")
        if "shared" in text:
            parts.append(text["shared"] + pick(rnd, ("落实", "负责", "按职责分工负责")))
        if rnd.random() < 0.12 and "shared" not in text:
            parts = [f"牵头单位：{text['lead']}"] + (
                [f"配合单位：{text['support']}"] if "support" in text else []
            )
            return "（" + "；".join(parts) + "）"
    else:
        style = rnd.random()
        if style < 0.3:
            return f"（{text['shared']}负责）"
        if style < 0.7:
            return f"（{text['shared']}按职责分工负责）"
        return f"（责任单位：{text['shared']}）"
    if deadline and rnd.random() < 0.5:
        parts.append(deadline)
        deadline = None
    clause = "（" + "，".join(parts) + "）"
    return (f"（{deadline}）" if deadline else "") + clause


def clause_on_lines(text: dict[str, str], rnd: random.Random) -> list[str]:
    if "lead" in text and "shared" not in text:
        if "support" not in text:
            return [f"牵头单位：{text['lead']}"]
        if rnd.random() < 0.6:
            return [f"牵头单位：{text['lead']}；配合单位：{text['support']}"]
        return [f"牵头单位：{text['lead']}", f"配合单位：{text['support']}"]
    if "lead" in text:
        line = f"牵头单位：{text['lead']}"
        line += f"；配合单位：{text['support']}" if "support" in text else ""
        return [line + f"；责任单位：{text['shared']}"]
    return [f"责任单位：{text['shared']}"]


# ---------------------------------------------------------------------------- text


def sentence_title(rnd: random.Random) -> str:
    return pick(rnd, VERBS) + pick(rnd, OBJECTS)


def body(rnd: random.Random, year: int, pool: Pool, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        r = rnd.random()
        if r < 0.2:
            y = year + rnd.randint(1, 3)
            n = pick(rnd, (3, 5, 10, 20, 30, 50, 100, 200, 500, 1000))
            i = rnd.randrange(len(TARGET_OBJECTS))
            out.append(
                f"到{y}年，{pick(rnd, BUILT)}{TARGET_OBJECTS[i]}{n}{UNITS[i]}"
                f"{pick(rnd, ('以上', '', '左右'))}"
            )
        elif r < 0.28 and len(pool.cities) >= 2:
            picks = rnd.sample(pool.cities, 2)
            out.append(f"支持{picks[0].name}、{picks[1].name}开展{pick(rnd, OBJECTS)}{pick(rnd, PILOTS)}试点")
        elif r < 0.36:
            out.append(
                f"到{year + 2}年，{pick(rnd, OBJECTS)}覆盖率达到{pick(rnd, (60, 80, 85, 90, 95))}%以上"
            )
        else:
            out.append(pick(rnd, MEASURES))
    return "。".join(out) + "。"


@dataclass
class Doc:
    lines: list[str]
    tasks: dict[str, dict[str, list[str]]]


class Writer:
    """One document's body: sections and items in the numbering style the document chose."""

    def __init__(self, rnd: random.Random, pool: Pool, year: int, issuer: Issuer):
        self.rnd, self.pool, self.year, self.issuer = rnd, pool, year, issuer
        self.lines: list[str] = []
        self.tasks: dict[str, dict[str, list[str]]] = {}
        self.own_line = rnd.random() < 0.3  # 责任单位：… on its own line (苏 style)

    def deadline(self) -> str | None:
        if self.rnd.random() < 0.25:
            return pick(self.rnd, DEADLINES).format(y=self.year + self.rnd.randint(0, 2))
        return None

    def item(self, path: str, marker: str, sentences: int | None = None) -> None:
        """One task with its text and clause."""
        rnd = self.rnd
        roles, text = make_roles(self.pool, rnd)
        n = sentences if sentences is not None else pick(rnd, (2, 2, 3, 3, 4, 4, 5, 6))
        head = f"{marker}{sentence_title(rnd)}。{body(rnd, self.year, self.pool, n)}"
        deadline = self.deadline()
        if not text:
            self.lines.append(head)
            self.tasks[path] = Roles().answer()
            return
        if self.own_line:
            if deadline:
                head += f"（{deadline}）"
            self.lines.append(head)
            self.lines.extend(clause_on_lines(text, rnd))
        elif rnd.random() < 0.06 and "lead" not in text:
            self.lines.append(head + "（" + text["shared"].replace("、", "，", 1) + "）")
        else:
            self.lines.append(head + clause_in_paren(text, rnd, deadline))
        self.tasks[path] = roles.answer()

    def circled(self, path: str, marker: str) -> None:
        """An item whose ① ② ③ lines follow it, the clause on the line after the last."""
        rnd = self.rnd
        roles, text = make_roles(self.pool, rnd)
        self.lines.append(f"{marker}{sentence_title(rnd)}。重点做好以下工作：")
        k = rnd.randint(2, 4)
        for i in range(k):
            self.lines.append(
                f"{CIRCLED[i]}{sentence_title(rnd)}；"
                if i < k - 1
                else f"{CIRCLED[i]}{sentence_title(rnd)}。"
            )
            self.tasks[f"{path}.{i + 1}"] = Roles().answer()
        if self.own_line:
            self.lines.extend(clause_on_lines(text, rnd))
        else:
            self.lines.append(clause_in_paren(text, rnd, None))
        self.tasks[path] = roles.answer()

    def container(self, path: str, marker: str, sub: str, count: int) -> None:
        """An item with a heading only and numbered sub-items (1. → （1）)."""
        self.lines.append(f"{marker}{sentence_title(self.rnd)}。")
        self.tasks[path] = Roles().answer()
        for j in range(1, count + 1):
            m = f"（{cn_number(j)}）" if sub == "paren-cn" else f"（{j}）" if sub == "paren" else f"{j}."
            self.item(f"{path}.{j}", m)

    def section(self, number: int, title: str) -> None:
        self.lines.append(f"{cn_number(number)}、{title}")


def plan_sizes(rnd: random.Random, tasks: int) -> list[int]:
    """Tasks per section: 2–8 in a normal document, up to 400 in a huge one."""
    per = max(2, min(400, round(tasks / max(1, rnd.randint(3, 7)))), math.ceil(tasks / 80))
    per = min(per, 700)  # kg reads 1. … 999.; 一、 … 九十九、 sections
    sizes = []
    left = tasks
    while left > 0:
        k = min(left, max(1, per + rnd.randint(-per // 3, per // 3)))
        sizes.append(k)
        left -= k
    return sizes


def document(g: Gazetteer, rnd: random.Random, tasks: int, huge: bool = False) -> Doc:
    iss = pick_issuer(g, rnd)
    year = rnd.randint(2019, 2024)
    pool = make_pool(g, iss, rnd)
    topic = pick(rnd, TOPICS)
    table = not huge and rnd.random() < 0.12
    style = "num" if huge else pick(rnd, ("paren-cn", "paren-cn", "num", "num-continuous", "flat"))
    kind = "重点任务分工方案" if table else pick(rnd, KINDS)
    if style == "flat" and not table:
        kind = "工作要点"
    where = iss.name.removesuffix("人民政府")
    if kind == "工作要点" or table:
        title = f"{year}年{where}{topic}{kind}" if kind == "工作要点" else f"{where}{topic}{kind}"
    else:
        title = f"{iss.signature}关于{topic}的{kind}"
    lines = [identifier(iss, year, rnd.randint(1, 160), rnd), "", title, ""]
    if iss.place.code[:2] in MUNICIPALITIES and iss.level == "province":
        lines.append("各区县（自治县）人民政府，市政府各部门，有关单位：")
    elif iss.level == "province":
        p = iss.prefix
        lines.append(f"各市人民政府，各县（市、区）人民政府，{p}政府各部门、各直属机构：")
    elif iss.level == "prefecture":
        lines.append("各区县人民政府，市政府各部门（单位）：")
    else:
        lines.append(f"各镇人民政府、街道办事处，{iss.prefix}政府各部门：")
    lines.append(f"　　为{topic}，{pick(rnd, MEASURES)}，结合实际，制定本{kind}。")
    w = Writer(rnd, pool, year, iss)
    sizes = plan_sizes(rnd, tasks)
    if table:
        lines.append("一、总体要求")
        lines.append("　　" + body(rnd, year, pool, 2))
        lines.append("二、任务分工")
        lines.append("序号\t工作任务\t牵头单位\t配合单位\t完成时限")
        for i in range(1, tasks + 1):
            taken: set[str] = set()
            lead = draw(pool, rnd, 1 if rnd.random() < 0.85 else 2, taken)
            support = draw(pool, rnd, pick(rnd, (0, 1, 2, 3)), taken)
            cell = f"{sentence_title(rnd)}。{body(rnd, year, pool, pick(rnd, (1, 2)))}"
            dl = pick(rnd, TABLE_DEADLINES).format(y=year)
            lines.append(f"{i}\t{cell}\t{_join(lead)}\t{_join(support)}\t{dl}")
            w.tasks[f"2.{i}"] = Roles(lead, support, []).answer()
        lines.append("三、工作要求")
        for i, c in enumerate(rnd.sample(CLOSINGS, 3), 1):
            lines.append(f"（{cn_number(i)}）{c}。{body(rnd, year, pool, 1)}")
            w.tasks[f"3.{i}"] = Roles().answer()
    elif style == "flat":
        for i in range(1, tasks + 1):
            w.item(str(i), f"{i}.")
        lines.extend(w.lines)
    else:
        lines.append("一、总体要求")
        lines.append("　　" + body(rnd, year, pool, 2))
        running = 0
        for s, size in enumerate(sizes, 2):
            w.section(s, sentence_title(rnd))
            for i in range(1, size + 1):
                number = running + i if style == "num-continuous" else i
                path = f"{s}.{number}"
                marker = f"（{cn_number(i)}）" if style == "paren-cn" else f"{number}."
                r = rnd.random()
                if not huge and r < 0.05:
                    w.circled(path, marker)
                elif not huge and r < 0.1 and style != "num-continuous":
                    w.container(path, marker, "num" if style == "paren-cn" else "paren", rnd.randint(2, 3))
                else:
                    w.item(path, marker)
            running += size
        w.section(len(sizes) + 2, "保障措施")
        w.lines.append("　　" + "。".join(rnd.sample(MEASURES, 2)) + "。")
        lines.extend(w.lines)
    month, day = rnd.randint(1, 12), rnd.randint(1, 28)
    date = (
        f"{cn_year(year)}年{cn_number(month)}月{cn_number(day)}日"
        if rnd.random() < 0.1
        else f"{year}年{month}月{day}日"
    )
    lines += ["", iss.signature, date, "（此件公开发布）"]
    if rnd.random() < 0.3:
        p = iss.prefix
        lines.append(f"抄送：{p}委各部门，{p}人大常委会办公厅，{p}政协办公厅，{p}监委，{p}法院，{p}检察院。")
    if rnd.random() < 0.5:
        printer = (
            iss.signature if iss.office else iss.name + ("办公厅" if iss.level == "province" else "办公室")
        )
        lines.append(f"{printer}　　　　{year}年{month}月{min(28, day + 2)}日印发")
    return Doc(lines, w.tasks)


def task_count(rnd: random.Random) -> int:
    """Log-normal, median 17, within 3–80: most documents are short, a few are long."""
    return max(3, min(80, round(math.exp(rnd.gauss(math.log(17), 0.6)))))


# ---------------------------------------------------------------------------- main


def parse_size(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    t = text.strip().upper().removesuffix("B")
    if t and t[-1] in units:
        return int(float(t[:-1]) * units[t[-1]])
    return int(t)


def write(out: Path, name: str, doc: Doc) -> tuple[int, str]:
    """Write one document; returns its size and its answers line."""
    data = ("\n".join(doc.lines) + "\n").encode("utf-8")
    (out / name).write_bytes(data)
    return len(data), json.dumps(
        {"file": name, "tasks": doc.tasks}, ensure_ascii=False, sort_keys=True
    ) + "\n"


_GAZ: Gazetteer | None = None


def _init(g: Gazetteer) -> None:
    global _GAZ
    _GAZ = g


def _chunk(job: tuple[Path, int, int, int]) -> tuple[int, str]:
    """Documents [start, end) of a corpus: each from its own seed, so any process may write it."""
    out, seed, start, end = job
    assert _GAZ is not None
    total, lines = 0, []
    for i in range(start, end):
        rnd = random.Random(f"{seed}/{i}")
        size, line = write(out, f"doc{i:05d}.txt", document(_GAZ, rnd, task_count(rnd)))
        total += size
        lines.append(line)
    return total, "".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder to write the documents and answers.jsonl into")
    ap.add_argument("--docs", type=int, help="number of documents")
    ap.add_argument("--tasks", type=int, help="with --one: tasks of the one document")
    ap.add_argument("--one", action="store_true", help="write one document of --tasks tasks")
    ap.add_argument("--bytes", help="write one document of about this size (10M, 500K)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2, help="processes writing a corpus (default 2)")
    a = ap.parse_args(argv)
    if sum(x is not None and x is not False for x in (a.docs, a.one or None, a.bytes)) != 1:
        ap.error("give exactly one of --docs N, --tasks N --one, --bytes SIZE")
    if a.one and not a.tasks:
        ap.error("--one needs --tasks N")
    try:
        target = parse_size(a.bytes) if a.bytes else 0
    except ValueError:
        ap.error(f"--bytes: not a size: {a.bytes!r} (try 10M, 500K)")
    a.out.mkdir(parents=True, exist_ok=True)
    g = load_gazetteer()
    t0 = time.perf_counter()
    total = 0
    with open(a.out / "answers.jsonl", "w", encoding="utf-8", newline="\n") as answers:
        if a.docs is not None:
            chunks = [(a.out, a.seed, i, min(a.docs, i + 250)) for i in range(0, a.docs, 250)]
            if a.jobs > 1 and len(chunks) > 1:
                with multiprocessing.get_context("fork").Pool(a.jobs, _init, (g,)) as workers:
                    done = list(workers.imap(_chunk, chunks))  # in order: answers stay sorted
            else:
                _init(g)
                done = [_chunk(c) for c in chunks]
            for size, lines in done:
                total += size
                answers.write(lines)
            n = a.docs
        else:
            if a.one:
                doc = document(g, random.Random(f"{a.seed}/one"), a.tasks, huge=True)
            else:
                tasks = 200
                for _ in range(3):  # the size per task settles after a pass or two
                    doc = document(g, random.Random(f"{a.seed}/one"), tasks, huge=True)
                    size = len("\n".join(doc.lines).encode()) + 1
                    tasks = max(3, round(tasks * target / size))
            size, line = write(a.out, "doc.txt", doc)
            total += size
            answers.write(line)
            n = 1
    dt = time.perf_counter() - t0
    print(
        f"{n} document(s), {total / 1e6:.1f} MB, {dt:.2f} s ({n / dt:.0f} documents/s) → {a.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
