"""Who and where: resolve agency names and find places, from the data files in ``kg/data``.

The data (GB/T 2260 places, agency templates per level, collectives) is curated in CSV
files whose sources are noted in ``kg/data/SOURCES.md``; this module only knows the rules
for reading names: a level prefix (``省``, ``市``, ``区``) means the issuer's own government
at that level, a place prefix (``济南市``) names another, and the rest is matched against
the templates of that level.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from kg import ids
from kg.errors import KgError
from kg.lexicon.words import (
    AGENCY_KIND_SUFFIXES,
    AGENCY_SUFFIXES,
    COLLECTIVE_WORDS,
    LEVEL_PREFIXES,
    WRITTEN_VARIANTS,
    ZONE_SUFFIXES,
    alternation,
    read_csv,
)
from kg.model import Agency, Place
from kg.vocab import OTHER_AGENCY

MUNICIPALITIES = ("11", "12", "31", "50")
NATIONAL = "100000"
UNKNOWN = "000000"
COLLECTIVE_MARKERS = re.compile(alternation(COLLECTIVE_WORDS))
_AGENCY_SUFFIX = re.compile(f"({alternation(AGENCY_SUFFIXES)})$")
# 人民银行济南分行, 郑州海关: a body named after a city is not a mention of the city
_ORG_AFTER_PLACE = re.compile(
    r"(?:分行|中心支行|支行|海关|监管局|监管分局|调查队|调查总队|海事局|"
    r"供电公司|电力公司|银保监局|证监局|银保监分局|分局|局集团|"
    r"(?:期货|证券|数据|产权|股权|碳排放权|知识产权)?交易所|"
    r"大学|学院|医院|银行)"
)
_COLLECTIVE_END = re.compile(r"(市|县|区|镇|乡|街道|镇街|旗|州|盟|县级市|地|国企|企业|）|〕)$")
_NATIONAL_PREFIXES = tuple(p for p, level in LEVEL_PREFIXES if level == "national")
_LEVEL_PREFIXES = tuple((p, level) for p, level in LEVEL_PREFIXES if level != "national")


@dataclass(frozen=True)
class PlaceRow:
    code: str
    name: str
    short: str
    kind: str
    parent: str
    abbr: str
    ambiguous: bool
    en: str

    @property
    def key(self) -> str:
        return self.code or ids.zone_key(self.parent, self.short)

    def within(self, prov: str) -> bool:
        return (self.code or self.parent).startswith(prov)

    def to_place(self) -> Place:
        return Place(self.key, self.name, self.kind, self.code or None, self.parent or None, self.en or None)


@dataclass(frozen=True)
class Template:
    key: str
    level: str
    short: str
    full: str
    aliases: tuple[str, ...]
    en: str
    kind: str
    scope: tuple[str, ...]
    successor: str = ""  # a body abolished by a reform: the template key of the one that took over
    until: str = ""  # the year the reform abolished it

    def applies_to(self, code: str) -> bool:
        return not self.scope or any(code.startswith(s) for s in self.scope)


@dataclass(frozen=True)
class CollectiveRow:
    key: str
    level: str
    short: str
    aliases: tuple[str, ...]
    en: str


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _template(r: dict[str, str]) -> Template:
    """A row of agencies.csv, or of reforms.csv (which adds successor and until)."""
    return Template(
        r["key"],
        r["level"],
        r["short"],
        r["full"] or r["short"],
        _split(r["aliases"]),
        r["en"],
        r["kind"],
        _split(r.get("scope", "")),
        r.get("successor", ""),
        r.get("until", ""),
    )


class Gazetteer:
    """Places, agency templates and collectives; load once with :func:`gazetteer`."""

    def __init__(self) -> None:
        self.places: dict[str, PlaceRow] = {}
        for r in read_csv("places.csv"):
            row = PlaceRow(
                r["code"],
                r["name"],
                r["short"] or r["name"],
                r["kind"],
                r["parent"],
                r.get("abbr", ""),
                r.get("ambiguous", "") in ("1", "true", "yes"),
                r.get("en", ""),
            )
            self.places[row.key] = row
        # bodies of the time before a reform (环保局 → 生态环境局) follow today's, named as they were
        self.templates = [_template(r) for r in (*read_csv("agencies.csv"), *read_csv("reforms.csv"))]
        self.collectives = [
            CollectiveRow(r["key"], r["level"], r["short"], _split(r["aliases"]), r["en"])
            for r in read_csv("collectives.csv")
        ]
        self._filled: dict[str, dict[str, tuple[Template, str]]] = {}
        self._resolved: dict[tuple[str, str], Agency] = {}

    # ---- places -------------------------------------------------------------------------
    @cached_property
    def _names(self) -> dict[str, list[PlaceRow]]:
        out: dict[str, list[PlaceRow]] = {}
        for row in self.places.values():
            forms = {row.name, row.short}
            for unit in ("自治县", "自治州", "自治旗"):
                if row.name.endswith(unit) and row.short != row.name:
                    forms.add(row.short + unit[-1])  # 酉阳县, 伊犁州
            for form in forms:
                if len(form) >= 2:
                    out.setdefault(form, []).append(row)
        return out

    @cached_property
    def _openings(self) -> frozenset[str]:
        """The first two characters of every place name: most positions of a text open none,
        and are passed over without trying the 23 lengths of a name there."""
        return frozenset(name[:2] for name in self._names)

    @cached_property
    def _abbr(self) -> dict[str, PlaceRow]:
        return {a: row for row in self.places.values() for a in _split(row.abbr)}

    def place(self, key: str) -> PlaceRow | None:
        return self.places.get(key)

    def province_of(self, code: str) -> str:
        return code[:2] + "0000" if code not in (NATIONAL, UNKNOWN) else code

    def level(self, code: str) -> str:
        """national, province, prefecture or county, by the shape of the code."""
        if code in (NATIONAL, UNKNOWN):
            return "national" if code == NATIONAL else "unknown"
        if code.endswith("0000"):
            return "province"
        if code.endswith("00"):
            return "prefecture"
        return "county"

    def place_at_start(self, text: str, within: str | None = None) -> tuple[PlaceRow, int] | None:
        """The longest place name that ``text`` starts with, then its longest child (青岛市黄岛区)."""
        best = self._prefix(text, within)
        if best is None:
            return None
        row, n = best
        while True:
            child = self._prefix(text[n:], row.code or None, children_of=row.key)
            if child is None:
                return row, n
            row, n = child[0], n + child[1]

    def _prefix(self, text: str, within: str | None, children_of: str | None = None):
        for n in range(min(len(text), 20), 1, -1):
            rows = self._names.get(text[:n])
            if not rows:
                continue
            if children_of is not None:
                rows = [r for r in rows if r.parent == children_of]
            elif within and within not in (NATIONAL, UNKNOWN):
                inside = [r for r in rows if (r.code or r.parent).startswith(within[:2])]
                rows = inside or rows
            if rows:
                rows = sorted(rows, key=lambda r: (r.kind == "county", r.code))
                # a full name wins over a short one; an ambiguous short needs its suffix
                rows = [r for r in rows if r.name == text[:n] or not r.ambiguous]
                if rows:
                    return rows[0], n
        return None

    def jurisdiction_of(self, issuer: str) -> str | None:
        """The GB/T 2260 code of the government an issuer belongs to (山东省人民政府 → 370000)."""
        if issuer.startswith(_NATIONAL_PREFIXES):
            return NATIONAL
        hit = self.place_at_start(issuer.removeprefix("中共"))  # 中共山东省委办公厅
        if hit and hit[0].code:
            return hit[0].code
        return None

    def jurisdiction_of_identifier(self, identifier: str) -> str | None:
        """鲁政发〔2022〕6号 → 370000, from the province abbreviation that opens a 文号."""
        if identifier and identifier[0] in self._abbr:
            return self._abbr[identifier[0]].code
        return None

    def find_places(self, text: str, jurisdiction: str | None) -> list[tuple[PlaceRow, int, int]]:
        """Places named in ``text``, longest match first, the jurisdiction itself left out.

        Prefecture-level names match with or without their suffix (unless the short name is
        also a common word); county names match in full, after their city (淄博张店), or alone
        only when they stand as an item of a list (、邹平等); zones after their city (潍坊高新区).
        """
        jur = jurisdiction or UNKNOWN
        prov = "" if jur == NATIONAL else jur[:2]  # a national document is at home everywhere
        city = jur[:4] if self.level(jur) in ("prefecture", "county") else None
        found: list[tuple[PlaceRow, int, int]] = []
        start = 0
        while start < len(text):
            hit = self._place_here(text, start, prov, city)
            if hit is None:
                start += 1
                continue
            row, end = hit
            if row.key != jur and not _ORG_AFTER_PLACE.match(text, end):
                found.append((row, start, end))
            start = end
        return found

    def _place_here(
        self, text: str, start: int, prov: str, city: str | None = None
    ) -> tuple[PlaceRow, int] | None:
        if text[start : start + 2] not in self._openings:
            return None
        before = text[start - 1] if start else ""
        for n in range(min(len(text) - start, 24), 1, -1):
            rows = self._names.get(text[start : start + n])
            if not rows:
                continue
            word = text[start : start + n]
            after = text[start + n] if start + n < len(text) else ""
            home_first = sorted(rows, key=lambda r: (not r.within(city or prov), not r.within(prov), r.code))
            for row in home_first:
                if not self._accept(row, word, before, after, prov, city):
                    continue
                if row.kind == "prefecture":
                    inner = self._inside_city(text, start + n, row)
                    if inner:
                        return inner
                return row, start + n
        return None

    def _accept(
        self, row: PlaceRow, word: str, before: str, after: str, prov: str, city: str | None = None
    ) -> bool:
        home = row.within(prov)
        full = word != row.short  # the name with its suffix (张店区, 酉阳县), not the bare short form
        if row.kind == "county":
            if not home:
                return False
            if city and row.within(city):
                # inside the issuing city its own districts need no city name: 市中区, 历下
                return (
                    full
                    and not self._is_shared_name(row.name, city)
                    or (not row.ambiguous and _list_item(before, after))
                )
            if full:
                return not self._is_shared_name(row.name, prov)
            return not row.ambiguous and _list_item(before, after)
        if full:
            return home or not self._is_shared_name(row.name)
        if row.ambiguous:
            return False
        return home or row.kind == "province"

    def _inside_city(self, text: str, pos: int, city: PlaceRow) -> tuple[PlaceRow, int] | None:
        """A county or zone written right after its city: 淄博张店, 潍坊高新区, 烟台长岛综合试验区."""
        for m in range(min(len(text) - pos, 16), 1, -1):
            word = text[pos : pos + m]
            for row in self._names.get(word, []):
                if row.parent == city.code and (word == row.name or not row.ambiguous):
                    return row, pos + m
        z = self._zone_suffix.match(text, pos)
        if not z or re.search(r"建设|打造|开展|推动|支持|创建|争创|推进|实施", z.group(1)):
            return None
        whole = city.short + z.group(0)
        for row in self.places.values():
            if (
                row.kind == "zone"
                and row.parent == city.code
                and (whole in (row.name, row.short) or z.group(0) in (row.name, row.short))
            ):
                return row, z.end()
        return PlaceRow("", whole, whole, "zone", city.code, "", False, ""), z.end()

    @cached_property
    def _zone_suffix(self) -> re.Pattern[str]:
        return re.compile(rf"([\u4e00-\u9fff]{{0,4}}?)(?:{alternation(ZONE_SUFFIXES)})")

    def _is_shared_name(self, name: str, prov: str | None = None) -> bool:
        rows = self._names.get(name, [])
        if prov:
            rows = [r for r in rows if (r.code or r.parent).startswith(prov)]
        return len(rows) > 1

    # ---- agencies -----------------------------------------------------------------------
    @cached_property
    def _forms(self) -> dict[tuple[str, str], list[Template]]:
        out: dict[tuple[str, str], list[Template]] = {}
        for t in self.templates:
            for form in {t.short, t.full, *t.aliases}:
                out.setdefault((t.level, form), []).append(t)
        return out

    @cached_property
    def _long_national_prefixes(self) -> tuple[str, ...]:
        """The national bodies' names of four characters or more, which no local name opens with."""
        return tuple(f for f in self._national_prefixes if len(f) >= 4)

    @cached_property
    def _national_prefixes(self) -> tuple[str, ...]:
        return tuple(
            sorted(
                {
                    f
                    for t in self.templates
                    if t.level == "national"
                    for f in (t.short, t.full, *t.aliases)
                    if "{" not in f
                },
                key=len,
                reverse=True,
            )
        )

    @cached_property
    def _collective_forms(self) -> dict[tuple[str, str], CollectiveRow]:
        out: dict[tuple[str, str], CollectiveRow] = {}
        for c in self.collectives:
            for form in (c.short, *c.aliases):
                out.setdefault((c.level, form), c)
        return out

    def template(self, level: str, form: str, code: str) -> Template | None:
        """The template a form names at a level; a row scoped to the place beats a general one."""
        for t in sorted(self._forms.get((level, form), []), key=lambda t: not t.scope):
            if level == "national" or t.applies_to(code):
                return t
        return None

    def government(self, code: str, home: str = UNKNOWN) -> Agency | None:
        """The people's government of a place (山东省人民政府 for 370000)."""
        if code not in self.places:
            return None
        for level in self._template_levels(code):
            for t in self.templates:
                if t.key == "government" and t.level == level and t.applies_to(code):
                    return self._agency(t, code, "", home=home)
        return None

    def resolve_agency(self, name: str, jurisdiction: str | None) -> Agency:
        """Resolve a Simplified agency name as a document from ``jurisdiction`` writes it."""
        agency = self._resolve(name, jurisdiction)
        if agency.jurisdiction in self.places and not agency.key.endswith("/government"):
            agency.parent = ids.agency_key(agency.jurisdiction, "government")
        return agency

    def _resolve(self, name: str, jurisdiction: str | None) -> Agency:
        """What ``name`` means in a document of ``jurisdiction``, worked out once per pair: the
        parser, the clause splitter and the place finder all ask, and all get the same answer
        (a copy, since the parser adds the spellings it sees)."""
        key = (name, jurisdiction or UNKNOWN)
        known = self._resolved.get(key)
        if known is None:
            known = self._resolved[key] = self._resolve_once(name, jurisdiction)
        return dataclasses.replace(known, spellings=list(known.spellings))

    def _resolve_once(self, name: str, jurisdiction: str | None) -> Agency:
        jur = jurisdiction or UNKNOWN
        name = name.strip()
        national = self._national(name)
        if national:
            return national
        placed = self._placeholder_forms(self.province_of(jur)).get(name)
        if placed:
            return self._agency(placed[0], placed[1], "", home=jur)
        code, prefix, rest = self._scope(name, jur)
        if COLLECTIVE_MARKERS.search(rest):  # not the 各 of 隆林各族自治县人民政府
            return self._collective(name, code, prefix, rest, home=jur)
        for level in self._template_levels(code):
            t = self._match_template(level, rest, code)
            if t:
                return self._agency(t, code, prefix, rest, home=jur)
        return self._unknown(name, code, prefix, rest, home=jur)

    def _national(self, name: str) -> Agency | None:
        for form in (name, name.removeprefix("中华人民共和国")):
            t = self.template("national", form, NATIONAL)
            if t:
                return self._agency(t, NATIONAL, "")
        return None

    def _scope(self, name: str, jur: str) -> tuple[str, str, str]:
        """Split a name into (government code, prefix as written, rest)."""
        if name.startswith(self._long_national_prefixes):
            return NATIONAL, "", name  # 新疆生产建设兵团文化体育广电和旅游局 is no 自治区 body
        hit = self.place_at_start(name, within=jur)
        if hit and hit[0].code and (hit[1] < len(name)):
            row, n = hit
            return row.code, name[:n], name[n:]
        level = self.level(jur)
        for prefix, prefix_level in _LEVEL_PREFIXES:
            if not name.startswith(prefix) or len(name) == len(prefix):
                continue
            rest = name[len(prefix) :]
            if prefix_level == "province":
                return self.province_of(jur), prefix, rest
            if prefix_level == "city":
                if level == "province" and jur[:2] not in MUNICIPALITIES:
                    return jur, prefix, rest  # a city body named from a province: unresolved
                own = self.places.get(jur)
                if own and own.name.endswith("市") or level in ("prefecture", "province"):
                    return jur, prefix, rest
                return jur[:4] + "00", prefix, rest
            return jur, prefix, rest
        return jur, "", name

    def _template_levels(self, code: str) -> tuple[str, ...]:
        level = self.level(code)
        if level == "province":
            return ("province", "city") if code[:2] in MUNICIPALITIES else ("province",)
        if level in ("prefecture", "county"):
            return ("city",)
        return ("province", "city")

    def _match_template(self, level: str, rest: str, code: str) -> Template | None:
        variants = [form + rest[len(p) :] for p, form, _ in WRITTEN_VARIANTS if rest.startswith(p)]
        for form in (
            rest,
            rest.removeprefix("人民"),
            "政府" + rest if rest.startswith("办公") else "",
            *variants,  # 自治区党委宣传部: the regions write their Party committee 党委
        ):
            if form:
                t = self.template(level, form, code)
                if t:
                    return t
        return None

    def _agency(self, t: Template, code: str, prefix: str, rest: str = "", home: str = UNKNOWN) -> Agency:
        """A body from its template; ``home`` is the jurisdiction of the document that names it,
        whose own bodies are written with a level prefix (市商务局), others with their place."""
        place = self.places.get(code)
        if code == NATIONAL:
            short, full, en = t.short, t.full, t.en.replace("{place}", "").strip()
        elif place is None:  # the issuer is unknown: 省科技厅 of some province
            short, full, en = prefix + t.short, None, None
        else:
            pname = place.name if place else ""
            short = (
                self._fill(t.short, code) if "{" in t.short else (self._short_prefix(code, home) + t.short)
            )
            for phrase, form, after in WRITTEN_VARIANTS:
                if after and "{" not in t.short and t.short.startswith(form) and short == after + t.short:
                    short = after + phrase + t.short[len(form) :]  # 自治区党委宣传部, as the regions write it
            full = self._fill(t.full, code) if "{" in t.full else pname + t.full
            en = t.en.replace("{place}", place.en if place and place.en else pname)
            if self._local_variant(t, code, rest):
                # below the province, bodies differ from place to place (区卫生健康局, 市商务委):
                # keep the name the document uses, and the template's identity
                short, full = self._short_prefix(code, home) + rest, pname + rest
        kind = t.kind
        if t.key == "government" and self.level(code) != "province" and (place and place.name.endswith("市")):
            kind = "cityGovernment"
        agency = Agency(ids.agency_key(code, t.key), short, full, en, kind, code, known=True)
        if t.successor:
            agency.successor = ids.agency_key(code, t.successor)
            agency.until = int(t.until) if t.until else None
        return agency

    def successor(self, agency: Agency, home: str = UNKNOWN) -> Agency | None:
        """The body that took over from one a reform abolished (市环保局 → 市生态环境局)."""
        if not agency.successor:
            return None
        key = agency.successor.rsplit("/", 1)[1]
        for level in self._template_levels(agency.jurisdiction):
            t = next(
                (t for t in self.templates if t.key == key and t.level == level and not t.successor), None
            )
            if t is not None:
                out = self._agency(t, agency.jurisdiction, "", home=home)
                if agency.jurisdiction in self.places:
                    out.parent = ids.agency_key(agency.jurisdiction, "government")
                return out
        return None

    def _local_variant(self, t: Template, code: str, rest: str) -> bool:
        """A form at least as long as the template's (区卫生健康局, 市商务委) is not an abbreviation:
        below the province (and in the four municipalities) it is the body's own name."""
        if not rest or rest in (t.short, t.full) or "{" in rest:
            return False
        if self.level(code) == "province" and code[:2] not in MUNICIPALITIES:
            return False
        return len(rest) >= len(t.short)

    def _fill(self, form: str, code: str) -> str:
        """团{prefix}委 → 团省委, 人民银行{place}分行 → 人民银行山东省分行, {name}海事局 → 山东海事局."""
        place = self.places[code]
        prefix = (
            "省"
            if self.level(code) == "province" and place.name.endswith("省")
            else (place.name[len(place.short) :] or place.name[-1:])
        )
        return form.replace("{place}", place.name).replace("{name}", place.short).replace("{prefix}", prefix)

    def _placeholder_forms(self, province: str) -> dict[str, tuple[Template, str]]:
        """Every written form of the templates that name their place inside (团省委, 济南海事局),
        filled in for a province and its cities."""
        cached = self._filled.get(province)
        if cached is not None:
            return cached
        out: dict[str, tuple[Template, str]] = {}
        codes = [
            c
            for c in (
                province,
                *[r.code for r in self.places.values() if r.kind == "prefecture" and r.parent == province],
            )
            if c in self.places
        ]
        for code in codes:
            level = "province" if self.level(code) == "province" else "city"
            for t in self.templates:
                if t.level != level or not t.applies_to(code):
                    continue
                for form in (t.short, t.full, *t.aliases):
                    if "{" in form:
                        out.setdefault(self._fill(form, code), (t, code))
        self._filled[province] = out
        return out

    def _short_prefix(self, code: str, home: str = UNKNOWN) -> str:
        """How documents write a body's government, as short names do: 省 (or 自治区, or 市 in
        the four municipalities) for provinces; below that the level alone (市, 区, 县) in the
        place's own documents, and the place's name (济南市) in everyone else's."""
        place = self.places.get(code)
        if self.level(code) == "province" and code[:2] not in MUNICIPALITIES:
            if place and place.name.endswith("自治区"):
                return "自治区"
            return "省"
        if code[:2] in MUNICIPALITIES and self.level(code) == "province":
            return "市"
        if place is None:
            return ""
        return place.name[-1] if code == home else place.name

    def _collective(self, name: str, code: str, prefix: str, rest: str, home: str = UNKNOWN) -> Agency:
        level = self.level(code)
        if level in ("prefecture", "county") or code[:2] in MUNICIPALITIES:
            level = "city"
        elif level != "national":
            level = "province"
        for form in (name, rest, prefix + rest):
            row = self._collective_forms.get((level, form))
            if row:
                place = self.places.get(code)
                pname = place.en if place and place.en else (place.name if place else "")
                short = row.short
                if level == "province" and short.startswith("省"):
                    short = self._short_prefix(code) + short[1:]  # 自治区政府有关部门
                elif level == "city" and prefix and prefix not in ("市", "区", "县"):
                    short = prefix + row.short.lstrip("市区县")
                elif level == "city" and place and short.startswith("市"):
                    # 等有关部门 in a 历下区 document: 区政府有关部门; 市直有关部门 there: 济南市…
                    short = self._short_prefix(code, home) + short[1:]
                return Agency(
                    ids.agency_key(code, row.key),
                    short,
                    (place.name if place else "") + row.short.lstrip("省市区县"),
                    row.en.replace("{place}", pname),
                    "collective",
                    code,
                    known=True,
                    collective=True,
                )
        return Agency(
            ids.collective_key(code, name), name, None, None, "collective", code, known=False, collective=True
        )

    def _unknown(self, name: str, code: str, prefix: str, rest: str, home: str = UNKNOWN) -> Agency:
        """Not in the gazetteer: named the way a known body of that level would be, so that
        市城乡交通运输局 in a 济南 document and 济南市城乡交通运输局 elsewhere are one node."""
        kind = next((k for suffix, k in AGENCY_KIND_SUFFIXES if rest.endswith(suffix)), OTHER_AGENCY.key)
        if prefix.startswith("省") and rest.startswith("委"):
            kind = "partyOrgan"
        place = self.places.get(code)
        short, full, canonical = name, None, name
        if place and prefix:
            canonical = self._short_prefix(code) + rest  # the same in every document: its key
            short = self._short_prefix(code, home) + rest
            full = place.name + rest
        return Agency(ids.unknown_agency_key(code, canonical), short, full, None, kind, code, known=False)

    def looks_like_agency(self, name: str) -> bool:
        """True when a list item ends like an organisation (厅, 委, 局, 政府, 部门 …)."""
        if name in self._names:
            return False  # 烟台 ends in 台 but is a city
        return bool(_AGENCY_SUFFIX.search(name)) or bool(
            COLLECTIVE_MARKERS.search(name) and _COLLECTIVE_END.search(name)
        )

    def is_level_body(self, name: str, national: bool = False) -> bool:
        """Whether ``name`` is a body the gazetteer knows, at the national level only if asked
        (人民银行上海总部 must not become 市人民银行上海总部)."""
        if national:
            return self._national(name) is not None
        return self._resolve(name, UNKNOWN).known or any(
            self.template(level, name[len(p) :], NATIONAL)
            for p in ("省", "自治区", "市", "区", "县")
            if name.startswith(p)
            for level in ("province", "city")
        )

    def is_place_name(self, name: str) -> PlaceRow | None:
        rows = self._names.get(name)
        return rows[0] if rows else None

    def places_named(self, name: str) -> list[PlaceRow]:
        """Every place a name may be (吉林: the province and the city; 西安: the city and a
        district of 辽源), in code order."""
        return list(self._names.get(name, []))


def _list_item(before: str, after: str) -> bool:
    return before in ("", "、", "，", "；", "：", "（", "和", "及", "与", " ") and after in (
        "",
        "、",
        "，",
        "；",
        "。",
        "）",
        "等",
        "和",
        "及",
        "与",
        " ",
    )


# GB 32100-2015: 31 characters (no I, O, S, V, Z), weights 3^i mod 31, check = (31 - sum mod 31) mod 31
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
USCC_PATTERN = re.compile(f"[{USCC_CHARS}]{{2}}[0-9]{{6}}[{USCC_CHARS}]{{10}}")


def uscc_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code (统一社会信用代码) whose first 17
    are given, by GB 32100-2015; a typo in any one character changes it."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def is_uscc(code: str) -> bool:
    """Whether ``code`` is a well-formed unified social credit code with a right check digit."""
    return USCC_PATTERN.fullmatch(code) is not None and uscc_check_char(code[:17]) == code[17]


@lru_cache(maxsize=1)
def credit_codes() -> dict[str, str]:
    """Agency key (``410182/justice``) → its 统一社会信用代码, from ``agency-codes.csv``.

    The file is read apart from the gazetteer (a graph writer needs only this), and a code that
    fails its check digit or a key given twice stops the load, since it is curated data."""
    out: dict[str, str] = {}
    for line, r in enumerate(read_csv("agency-codes.csv"), 2):
        if not is_uscc(r["code"]) or r["agency"] in out:
            raise KgError(f"kg/data/agency-codes.csv line {line}: bad or repeated code {r['code']!r}")
        out[r["agency"]] = r["code"]
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of the installed data files, loaded once."""
    return Gazetteer()
