"""A task-division table whose cells lost every separator: ``序号项目名称…配合单位1增加…``.

A Word table shown by a document viewer and copied as text comes out as one stream: the
header words glued together, then each row's cells glued to the next, the viewer's page
number (``2、``) at the start of every page's text, even inside a cell, and the header again
where a page begins. Such a table is read as follows:

- the header is a run of known header words (``kg/data/lexicon/table-headers.csv``) with
  nothing between them, starting with 序号;
- the lines of the stream are the table's line and the lines after it that start with the
  next page number (left out, with a warning) or with the next row's number;
- the rows are cut at the 序号 sequence: ``2`` starts row 2 where the text before it ends with
  a unit's name (a row ends with its unit cells), never inside a figure (``12个``);
- a row's cells after its task text are a person's name (under a leader column) and a run of
  glued unit names, cut where a name ends unmistakably (局, 委, 政府, 公司, 街道 …); a short
  stretch between two such names is a name of its own (``高新园（邹区镇）``, with a warning);
- the first unit of a run goes to the first unit column (牵头单位), the others to the last
  (配合单位): the glued text cannot tell, so each row says so in a warning;
- a second task text with its own person and units inside one 序号 is a sub-row (``3_2``);
  text after the last row's units with no cells of its own stays in that row's task.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.lexicon.gazetteer import AGENCY_SUFFIXES, ZONE_SUFFIXES, Gazetteer
from kg.lexicon.words import GLUED_NAME_ENDINGS, TABLE_COLUMNS
from kg.parse.cells import AGENCY_KEYS, PERSON_NAME, Column, LineLike, Note, Row, Table, column_of
from kg.parse.clauses import DEADLINE
from kg.vocab import WarningKind

_NUMBER_HEADERS = ("序号", "编号")
_WHOLE = sorted({p for p, _, whole in TABLE_COLUMNS if whole and len(p) >= 2}, key=len)
_PAGE = re.compile(r"^(\d{1,3})、")
_ROW_START = re.compile(r"^\d{1,3}(?=[\u4e00-\u9fff“])")
# endings that close a body's name in glued text: multi-character suffixes, development zones
# and the few single characters of kg/data/lexicon/glued-name-endings.csv (局, 委, 街道, 镇 …);
# others such as 社, 处 or 馆 end ordinary words too (城乡社区, 纪念馆) and cut nothing here
_STRONG = tuple(
    sorted(
        {*(s for s in AGENCY_SUFFIXES if len(s) >= 2), *GLUED_NAME_ENDINGS, *ZONE_SUFFIXES},
        key=len,
        reverse=True,
    )
)
_SENTENCE_END = "。；！？"
_MAX_NAME = 12


def find_glued_table(lines: Sequence[LineLike], i: int, text: str, gaz: Gazetteer) -> Table | None:
    """The glued table whose header is inside ``lines[i]``, or None."""
    line = lines[i]
    if not any(w in line.text for w in _NUMBER_HEADERS):
        return None
    header = _header(line.text)
    if header is None:
        return None
    h_start, h_end, columns = header
    keys = [c.key for c in columns]
    if keys[0] != "number" or "task" not in keys or not any(k in AGENCY_KEYS for k in keys):
        return None
    notes: list[Note] = []
    stream, at, end = _stream(lines, i, line.start + h_end, notes)
    reader = _Rows(stream, at, columns, gaz, line.text[h_start:h_end], notes)
    rows = reader.read()
    if not rows:
        return None
    title = line.text[:h_start].strip()
    if title:
        notes.insert(
            0,
            (
                WarningKind.TABLE,
                f"“{title}” before the glued table's header read as its title, in no task",
                line.start,
                line.start + h_start,
            ),
        )
    return Table("glued", columns, rows, end, notes)


def _header(line: str) -> tuple[int, int, list[Column]] | None:
    """Where a glued header starts and ends in a line, and its columns: 序号 then at least
    two more header words (a word may carry a short prefix: 区政府分管领导)."""
    for m in re.finditer("|".join(_NUMBER_HEADERS), line):
        pieces = _pieces(line, m.start())
        if len(pieces) >= 3:
            cols = [Column(column_of(line[a:b]) or "other", line[a:b]) for a, b in pieces]
            return pieces[0][0], pieces[-1][1], cols
    return None


def _pieces(line: str, start: int) -> list[tuple[int, int]]:
    """The longest run of glued header words from ``start`` (each ending with a whole header
    phrase, at most three characters before it), cut into as many words as it holds."""
    best: dict[int, list[tuple[int, int]]] = {start: []}
    for p in range(start, len(line)):
        if p not in best:
            continue
        for q in range(p + 2, min(len(line), p + 10) + 1):
            piece = line[p:q]
            if not any(piece.endswith(w) and len(piece) - len(w) <= 3 for w in _WHOLE):
                continue
            if column_of(piece) is None or len(best.get(q, [])) > len(best[p]):
                continue  # the most words: 序号工作任务 is two
            best[q] = [*best[p], (p, q)]
    return best[max(best)]


def _stream(lines: Sequence[LineLike], i: int, start: int, notes: list[Note]) -> tuple[str, list[int], int]:
    """The table's text from ``start`` on, across the lines it runs over, without the page
    numbers a viewer put at the start of each page; with the offset of each character."""
    first = lines[i]
    page = _PAGE.match(first.text)
    number = int(page.group(1)) if page else None
    stream = first.text[start - first.start :]
    at = list(range(start, first.end))
    k = i + 1
    while k < len(lines):
        line = lines[k]
        row = _ROW_START.match(line.text)
        if (
            row
            and int(row.group()) > 1
            and re.search(rf"(?<!\d){int(row.group()) - 1}(?=[\u4e00-\u9fff“])", stream)
        ):
            stream += line.text  # the next row on a line of its own
            at += list(range(line.start, line.end))
            k += 1
            continue
        m = _PAGE.match(line.text)
        if number is None or not m or int(m.group(1)) != number + 1:
            break
        number += 1
        notes.append(
            (
                WarningKind.REMOVED_TEXT,
                f"page number {m.group()!r} of a document viewer inside the table left out",
                line.start,
                line.start + m.end(),
            )
        )
        stream += line.text[m.end() :]
        at += list(range(line.start + m.end(), line.end))
        k += 1
    return stream, at, k


@dataclass
class _Run:
    """The cells after one task text: a person's name, units, a deadline (offsets in s)."""

    person: int
    person_end: int
    sure: bool  # the name's length is certain (the unit after it is a body kg knows)
    units: list[tuple[int, int]]
    deadline: tuple[int, int] | None = None
    end: int = 0


class _Rows:
    """The rows of a glued stream (see the module's description)."""

    def __init__(
        self, s: str, at: list[int], columns: list[Column], gaz: Gazetteer, header: str, notes: list[Note]
    ):
        self.s = s
        self.at = at
        self.columns = columns
        self.keys = [c.key for c in columns]
        self.gaz = gaz
        self.header = header
        self.notes = notes
        self.units = [k for k in self.keys if k in AGENCY_KEYS]
        self.person_col = "persons" in self.keys[self.keys.index("task") :]
        self.deadline_col = "deadline" in self.keys[self.keys.index("task") :]
        self.known_people: set[str] = set()
        self.joins: set[int] = set()  # span starts that continue the span before them
        self.names: set[int] = set()  # span starts of the second and later glued unit names

    def read(self) -> list[Row]:
        while (repeat := self.s.find(self.header)) != -1:  # the header again on a new page
            a = self.at[repeat]
            self.notes.append((WarningKind.TABLE, "repeated table header skipped", a, a + len(self.header)))
            self.s = self.s[:repeat] + self.s[repeat + len(self.header) :]
            self.at = self.at[:repeat] + self.at[repeat + len(self.header) :]
        s = self.s
        stop = len(s)
        starts = self._row_starts(stop)
        if not starts:
            return []
        blocks = [(n, p, q) for (n, p), (_, q) in zip(starts, [*starts[1:], (0, stop)])]
        for n, p, q in blocks:  # names read for sure in one row decide doubtful ones elsewhere
            for _, run in self._tails(p + len(str(n)), q, q == stop):
                if run.sure:
                    self.known_people.add(s[run.person : run.person_end])
        rows: list[Row] = []
        for n, p, q in blocks:
            rows.extend(self._row(n, p, q, q == stop))
        return rows

    # -- cutting rows at the 序号 sequence ------------------------------------------------
    def _row_starts(self, stop: int) -> list[tuple[int, int]]:
        if not self.s.startswith("1") or self.s[1:2].isdigit():
            return []
        starts = [(1, 0)]
        while True:
            n = starts[-1][0] + 1
            word = str(n)
            p = self.s.find(word, starts[-1][1] + 2, stop)
            found = None
            while p != -1:
                after = self.s[p + len(word) : p + len(word) + 1]
                if (
                    not self.s[p - 1].isdigit()
                    and re.match(r"[\u4e00-\u9fff“]", after)
                    and self._unit_ends_at(p)
                ):
                    found = p
                    break
                p = self.s.find(word, p + 1, stop)
            if found is None:
                return starts
            starts.append((n, found))

    def _unit_ends_at(self, p: int) -> bool:
        """Whether a row's cells can end at s[p]: with a unit's name, or a deadline when the
        table has a deadline column."""
        if self.deadline_col and any(DEADLINE.match(self.s[q:p]) for q in range(max(0, p - 20), p - 1)):
            return True
        return any(self._unit(self.s[q:p]) for q in range(max(0, p - _MAX_NAME), p - 1))

    # -- the cells of a row ----------------------------------------------------------------
    def _tails(self, p: int, q: int, last: bool) -> list[tuple[int, _Run]]:
        """The cell runs of a row's text s[p:q] with where the task text before each starts,
        in order. Every run but the last of the last row ends where the next task text
        starts; the last ends the row."""
        out: list[tuple[int, _Run]] = []
        task = k = p
        while k < q:
            run = self._run_at(k, q) if k > task and self._may_start(k) else None
            if run is None or (run.end != q and not self._more_runs(run.end, q, last)):
                k += 1
                continue
            out.append((task, run))
            task = k = run.end
        return out

    def _may_start(self, k: int) -> bool:
        """Whether cells may start at s[k]: after the end of a sentence or a quotation, or
        (with no leader column) where a level-prefixed body the gazetteer knows starts
        (…便利化市自然资源和规划局)."""
        if self.s[k - 1] in _SENTENCE_END + "”）":
            return True
        if self.person_col or self.s[k] not in "省市区县":
            return False
        end = self._name_at(k, len(self.s))
        return end is not None and self.gaz.is_level_body(self.s[k:end])

    def _more_runs(self, k: int, q: int, last: bool) -> bool:
        """Whether text after a run of cells goes on to another run that ends the row (a
        sub-row), or, in the last row, is extra task text."""
        if last:
            return True
        for j in range(k + 1, q):
            if self._may_start(j):
                run = self._run_at(j, q)
                if run is not None and run.end == q:
                    return True
        return False

    def _run_at(self, k: int, q: int) -> _Run | None:
        """A person (when the table has a leader column), glued units and a deadline (when
        it has a deadline column) from s[k]."""
        if not self.person_col:
            units = self._units(k, q)
            return self._with_deadline(_Run(k, k, True, units), q) if units else None
        options = []
        for n in (3, 2, 4):
            name = self.s[k : k + n]
            if not PERSON_NAME.match(name) or self.gaz.looks_like_agency(name):
                continue
            units = self._units(k + n, q)
            if units:
                first = self.s[units[0][0] : units[0][1]]
                sure = self.gaz.is_level_body(first)
                # a level prefix goes with the unit (李四区教育局: 李四, 区教育局); most names
                # have three characters
                options.append(
                    (name in self.known_people, sure, name[-1] not in "省市区县", n == 3, n, units)
                )
        if not options:
            return None
        known, sure, _, _, n, units = max(options, key=lambda o: o[:4])
        run = _Run(k, k + n, sure and sum(1 for o in options if o[1]) == 1, units)
        return self._with_deadline(run, q)

    def _with_deadline(self, run: _Run, q: int) -> _Run:
        run.end = run.units[-1][1]
        if self.deadline_col:
            e = next(
                (
                    e
                    for e in range(min(q, run.end + 20), run.end + 1, -1)
                    if DEADLINE.match(self.s[run.end : e])
                ),
                None,
            )
            if e is not None:
                run.deadline, run.end = (run.end, e), e
        return run

    def _units(self, k: int, q: int) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        while k < q:
            if out and self.s[k] in "、，,；;" and k + 1 < q:
                k += 1  # 市公安局、市税务局: names parted within the cell
            end = self._name_at(k, q)
            if end is None and out:
                nxt = next(
                    (
                        j
                        for j in range(k + 1, min(q, k + _MAX_NAME))
                        if _balanced(self.s[k:j]) and self._name_at(j, q) is not None
                    ),
                    None,
                )
                stretch = self.s[k:nxt] if nxt is not None else ""
                if stretch and _balanced(stretch) and not re.search(r"[\d，。；、：,;]", stretch):
                    end = nxt
            if end is None:
                break
            out.append((k, end))
            k = end
        return out

    def _name_at(self, k: int, q: int) -> int | None:
        for e in range(k + 2, min(q, k + _MAX_NAME) + 1):
            name = self.s[k:e]
            if self._unit(name):
                if e < q and self.s[e] == "（":  # a second name in brackets: 市商务局（市粮食局）
                    close = self.s.find("）", e, min(q, e + _MAX_NAME))
                    if close != -1 and _balanced(self.s[e : close + 1]):
                        return close + 1
                return e
        return None

    def _unit(self, name: str) -> bool:
        if len(name) < 2 or re.search(r"[\d，。；、：,;“”]", name) or not _balanced(name):
            return False
        if "）" in name[:-1] or "各" in name[1:]:
            return False  # a name ends with its bracket (高新园（邹区镇）各街道 is two)
        if name.startswith(("各", "有关")):
            return self.gaz.looks_like_agency(name)
        if name.endswith(("街道", "镇", "乡")) and not name.endswith(("城镇", "城乡")):
            # 五星街道, 邹区镇; not 城镇, nor 市住房城乡 of 市住房城乡建设局
            return len(name) >= 3 + (name[-2:] == "街道") and name[0] not in "省市县"
        return name.endswith(_STRONG) and (self.gaz.looks_like_agency(name) or name.endswith(ZONE_SUFFIXES))

    def _row(self, n: int, p: int, q: int, last: bool) -> list[Row]:
        s, at = self.s, self.at
        tails = self._tails(p + len(str(n)), q, last)
        if not tails:
            a = at[p]
            self.notes.append(
                (WarningKind.TABLE, f"row {n}: no unit cells found in the glued text", a, at[q - 1] + 1)
            )
            return [Row(a, at[q - 1] + 1, n, {"task": self._spans(p + len(str(n)), q)})]
        rows = []
        for m, (task, run) in enumerate(tails):
            person, units_at, sure, units = run.person, run.person_end, run.sure, run.units
            row = Row(at[p if m == 0 else task], at[run.end - 1] + 1, n)
            row.cells["number"] = self._spans(p, p + len(str(n))) if m == 0 else []
            if not row.cells["number"]:
                del row.cells["number"]
            task_end = person if self.person_col else units[0][0]
            row.cells["task"] = self._spans(task, task_end)
            if run.deadline:
                row.cells["deadline"] = self._spans(*run.deadline)
            extra = run.end
            if m + 1 == len(tails) and extra < q:  # the last row's text with no cells of its own
                row.cells["task"] += self._spans(extra, q)
                row.end = at[q - 1] + 1
                self._note(
                    extra, q, f"row {n}: “{s[extra:q][:12]}…” after its units has no cells: kept in its task"
                )
            if self.person_col:
                row.cells["persons"] = self._spans(person, units_at)
                if not sure and s[person:units_at] not in self.known_people:
                    self._note(
                        person,
                        units_at,
                        f"row {n}: “{s[person:units_at]}” read as the person's name (a guess)",
                    )
            self._assign(row, units, n)
            starts = {a for spans in row.cells.values() for a, _ in spans}
            row.breaks = {a: "" for a in self.joins & starts}
            row.breaks.update({a: "、" for a in self.names & starts})
            rows.append(row)
        return rows

    def _assign(self, row: Row, units: list[tuple[int, int]], n: int) -> None:
        names = [self.s[a:b] for a, b in units]
        if len(self.units) == 1 or len(units) == 1:
            row.cells[self.units[0]] = [sp for a, b in units for sp in self._spans(a, b)]
        else:
            row.cells[self.units[0]] = self._spans(*units[0])
            row.cells[self.units[-1]] = [sp for a, b in units[1:] for sp in self._spans(a, b)]
            first, rest = self._header_of(self.units[0]), self._header_of(self.units[-1])
            self._note(
                units[0][0],
                units[-1][1],
                f"row {n}: glued units “{''.join(names)}”: “{names[0]}” read as the "
                f"{first}, the rest as the {rest} (a guess)",
            )
        self.names.update(self.at[a] for a, _ in units[1:])
        for (a, b), name in zip(units, names):
            if self._name_at(a, b) is None:
                self._note(a, b, f"row {n}: “{name}” between two units read as a unit (a guess)")

    def _header_of(self, key: str) -> str:
        return next(c.header for c in self.columns if c.key == key)

    def _note(self, a: int, b: int, message: str) -> None:
        self.notes.append((WarningKind.TABLE, message, self.at[a], self.at[b - 1] + 1))

    def _spans(self, a: int, b: int) -> list[tuple[int, int]]:
        """The text spans of s[a:b], cut where a left-out page number or line break lies; the
        second and later pieces are remembered as going on from the one before."""
        out: list[tuple[int, int]] = []
        for k in range(a, b):
            if out and out[-1][1] == self.at[k]:
                out[-1] = (out[-1][0], self.at[k] + 1)
            else:
                if out:
                    self.joins.add(self.at[k])
                out.append((self.at[k], self.at[k] + 1))
        return out


def _balanced(t: str) -> bool:
    depth = 0
    for ch in t:
        depth += {"（": 1, "）": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0
