"""``kg compare DOC_A DOC_B``: the tasks two documents share, and where their agencies differ.

A national plan and a province's implementation of it, or two years of one city's task list,
repeat many tasks in other words and give them to other agencies. Tasks are aligned by their
text, compared as multisets of character pairs (punctuation left out), which needs no word
segmentation and rewards shared terms such as 标准化 or 乡村振兴: the similarity of two tasks is
the mean of the Dice coefficient of their titles and the overlap coefficient of their texts
(shared pairs over the shorter text's pairs, because an implementation often keeps a few
sentences of a long national paragraph); without a title on either side, the overlap alone.
Pairs are taken greedily, most similar first, each task at most once, down to
:data:`THRESHOLD`. Agencies are compared by function, not by name: the gazetteer's
template key (``science-technology`` is 省科技厅 in a province and 市科技局 in a city), so a
difference means another kind of agency answers, not another government.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass

from rdflib import Graph, Literal, URIRef

from kg.choices import COMPARE_THRESHOLD as THRESHOLD
from kg.errors import AmbiguousDocument
from kg.graph import facts
from kg.graph.load import GraphLike, as_graph
from kg.graph.select import documents_subgraph
from kg.ns import KG
from kg.query.resolve import resolve_documents
from kg.query.tables import Fields, Table
from kg.vocab import ROLE_KEYS

_NOT_TEXT = re.compile(r"[\W\d_a-zA-Z]+")


@dataclass
class TaskPair:
    """Two tasks that say much the same, their similarity, and per role the functions that
    only one of them names (``lead``: "科技厅 → 市场监管局"; empty where they agree)."""

    similarity: float
    a: str  # "2.1 开展关键技术领域标准攻关"
    b: str
    lead: str
    support: str
    shared: str
    a_iri: str
    b_iri: str


@dataclass
class Comparison:
    """``kg compare``: the aligned pairs, best first, and the tasks of each document left alone."""

    document_a: str
    document_b: str
    pairs: list[TaskPair]
    only_a: list[str]
    only_b: list[str]

    def to_json(self) -> dict:
        return {
            "document_a": self.document_a,
            "document_b": self.document_b,
            "pairs": [asdict(p) for p in self.pairs],
            "only_a": self.only_a,
            "only_b": self.only_b,
        }

    def blocks(self) -> list[Fields | Table]:
        return [
            Fields([("A", self.document_a), ("B", self.document_b)]),
            Table(
                ["similarity", "a", "b", "lead", "support", "shared"],
                [asdict(p) for p in self.pairs],
                title=f"Tasks in both, most alike first ({len(self.pairs)}); a role cell names the "
                "functions only A → only B",
            ),
            Table(["task"], [{"task": t} for t in self.only_a], title=f"Only in A ({len(self.only_a)})"),
            Table(["task"], [{"task": t} for t in self.only_b], title=f"Only in B ({len(self.only_b)})"),
        ]


def compare(graph: GraphLike, document_a: str, document_b: str, threshold: float = THRESHOLD) -> Comparison:
    """Align the tasks of two documents of the graph (文号, document id or file name) by text.

    :raises UnknownDocument: (and AmbiguousDocument) a name that picks no single document.
    """
    g = as_graph(graph)
    doc_a, doc_b = (_one_document(g, name) for name in (document_a, document_b))
    tasks_a = facts.tasks(documents_subgraph(g, [doc_a]))
    tasks_b = facts.tasks(documents_subgraph(g, [doc_b]))
    grams_a = [(_bigrams(t.title), _bigrams(t.text)) for t in tasks_a]
    grams_b = [(_bigrams(t.title), _bigrams(t.text)) for t in tasks_b]
    scored = sorted(
        ((similarity(x, y), i, j) for i, x in enumerate(grams_a) for j, y in enumerate(grams_b)),
        key=lambda s: (-s[0], s[1], s[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if score < threshold:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append(_pair(g, tasks_a[i], tasks_b[j], score))
    return Comparison(
        facts.document_label(g, doc_a),
        facts.document_label(g, doc_b),
        pairs,
        [_heading(t) for i, t in enumerate(tasks_a) if i not in used_a],
        [_heading(t) for j, t in enumerate(tasks_b) if j not in used_b],
    )


def similarity(a: tuple[Counter, Counter], b: tuple[Counter, Counter]) -> float:
    """Of two tasks given as (title pairs, text pairs): mean of title Dice and text overlap."""
    (title_a, text_a), (title_b, text_b) = a, b
    if not title_a or not title_b:
        return round(overlap(text_a, text_b), 3)
    return round((dice(title_a, title_b) + overlap(text_a, text_b)) / 2, 3)


def dice(a: Counter, b: Counter) -> float:
    """2·|A∩B| / (|A|+|B|) over multisets of character pairs."""
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def overlap(a: Counter, b: Counter) -> float:
    """|A∩B| / min(|A|, |B|): how much of the shorter text the longer one says."""
    shorter = min(sum(a.values()), sum(b.values()))
    return sum((a & b).values()) / shorter if shorter else 0.0


def function_of(g: Graph, agency: str) -> tuple[str, str]:
    """(key, label) of an agency's function: the gazetteer's template key and the short name
    without its level word (science-technology, 科技厅); outside the gazetteer, that name."""
    iri = URIRef(agency)
    short = facts.short_name(g, iri)
    label = facts.without_level(short)
    known = g.value(iri, KG.inGazetteer) == Literal(True)
    return (agency.rsplit("/", 1)[-1] if known else label), label


def _one_document(g: Graph, name: str) -> URIRef:
    docs = resolve_documents(g, name)
    if len(docs) > 1:
        raise AmbiguousDocument(name, sorted(str(d) for d in docs))
    return docs[0]


def _bigrams(text: str) -> Counter:
    text = _NOT_TEXT.sub("", text)
    return Counter(text[k : k + 2] for k in range(len(text) - 1))


def _heading(t: facts.TaskFacts) -> str:
    return f"{t.path} {t.title}".strip()


def _pair(g: Graph, a: facts.TaskFacts, b: facts.TaskFacts, score: float) -> TaskPair:
    cells = {}
    for role in ROLE_KEYS:
        fa = dict(function_of(g, x) for x in a.agencies[role])
        fb = dict(function_of(g, x) for x in b.agencies[role])
        only_a = [fa[k] for k in fa if k not in fb]
        only_b = [fb[k] for k in fb if k not in fa]
        cells[role] = f"{'、'.join(only_a) or '—'} → {'、'.join(only_b) or '—'}" if only_a or only_b else ""
    return TaskPair(
        score, _heading(a), _heading(b), cells["lead"], cells["support"], cells["shared"], a.iri, b.iri
    )
