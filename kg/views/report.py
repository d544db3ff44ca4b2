"""``kg report``: one self-contained page a researcher can send to a colleague.

Metadata, headline numbers, the workload chart, the matrix, the interactive map, the
targets with their deadlines and the text warnings, all read from the graph. A section that
would grow past its limit (:class:`Limits`) shows its first rows or an aggregate and says on
the page what it left out and which command gives all of it, so the page of a 1,000-document
corpus stays a few MB instead of hundreds.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.graph import facts
from kg.graph.facts import iris
from kg.ns import KG
from kg.views.data import ViewData, view_data
from kg.views.matrix import MATRIX_LIMIT, matrix_data, summary
from kg.views.page import page_title, render
from kg.views.viz import network
from kg.vocab import ROLE_KEYS, ROLES

# Above these sizes a section of the page shows part of its content and says what it left
# out and which command prints all of it, so the page stays a few MB whatever the corpus.
CHART_LIMIT = 200  # bars: the heaviest agencies; every agency's counts are in `kg agencies`
NETWORK_LIMIT = 2_000  # nodes of the map (documents, sections, tasks, agencies, places)
LIST_LIMIT = 1_000  # rows of the targets table and of the warnings table
ACROSS_LIMIT = 10  # rows of each list of the cross-document findings
PATHS_LIMIT = 10  # paths of the leaderless tasks shown per document
CHART_WIDTH = 900
CHART_LABEL = 170  # pixels for the agency names left of the bars
CHART_ROW = 22


@dataclass
class Bar:
    iri: str
    label: str
    y: int
    lead: int
    support: int
    shared: int
    total: int
    segments: list[tuple[str, float, float]]  # (role, x, width)


@dataclass(frozen=True)
class Limits:
    """The sizes above which the report shortens a section (defaults: the constants above)."""

    matrix: int = MATRIX_LIMIT
    chart: int = CHART_LIMIT
    network: int = NETWORK_LIMIT
    rows: int = LIST_LIMIT


def report(graph: Graph | ViewData, net: dict | None = None, limits: Limits | None = None) -> str:
    """The report page; ``net`` is the map's network data when the caller already has it.

    A matrix of more than ``limits.matrix`` cells becomes the aggregate of
    :func:`kg.views.matrix.summary`, a map of more than ``limits.network`` nodes is left out
    (``kg viz`` draws it), and the chart, targets and warnings show their first
    ``limits.chart`` / ``limits.rows`` rows; each says so on the page."""
    limits = limits or Limits(MATRIX_LIMIT, CHART_LIMIT, NETWORK_LIMIT, LIST_LIMIT)
    data = view_data(graph)
    graph = data.graph
    docs = facts.documents(graph)
    m = matrix_data(data)
    nodes = len(net["nodes"]) if net is not None else _map_size(data)
    if nodes <= limits.network and net is None:
        net = network(data)
    targets, warnings = _targets(graph), _warnings(graph)
    return render(
        "report.html",
        title=page_title(facts.document_label(graph, d) for d in docs),
        across=across_documents(data, limits.rows) if len(docs) >= 2 else None,
        role_zh={r.key: r.zh for r in ROLES},
        documents=[_metadata(graph, d) for d in docs],
        numbers=headline_numbers(data),
        chart=_chart(data, limits.chart),
        m=m,
        summary=summary(m, limits.matrix),
        net=net if nodes <= limits.network else None,
        nodes=nodes,
        network_limit=limits.network,
        targets=targets[: limits.rows],
        targets_total=len(targets),
        warnings=warnings[: limits.rows],
        warnings_total=len(warnings),
    )


def _map_size(data: ViewData) -> int:
    """The nodes :func:`kg.views.viz.network` would draw, counted without drawing them."""
    g = data.graph
    parts = {p for s in (KG.Section, KG.Task) for p in g.subjects(RDF.type, s)}
    places = {p for t in g.subjects(RDF.type, KG.Task) for p in g.objects(t, KG.mentionsPlace)}
    return len(facts.documents(g)) + len(parts) + len(data.workload) + len(places)


def _metadata(g: Graph, doc: URIRef) -> list[tuple[str, str]]:
    issuer = g.value(doc, KG.issuer)
    rows = [
        ("文号 identifier", facts.literal(g, doc, DCTERMS.identifier, None)),
        ("标题 title", facts.literal(g, doc, DCTERMS.title)),
        (
            "发文机关 issuer",
            (facts.literal(g, issuer, SKOS.prefLabel) or facts.short_name(g, issuer))
            if issuer is not None
            else None,
        ),
        ("成文日期 issued", facts.literal(g, doc, DCTERMS.issued, None)),
        (
            "印发 printed",
            " ".join(
                x
                for x in (facts.literal(g, doc, KG.printer, None), facts.literal(g, doc, KG.printed, None))
                if x
            ),
        ),
        ("主送 recipients", "、".join(sorted(str(r) for r in g.objects(doc, KG.recipient)))),
        ("抄送 copied to", "、".join(sorted(str(r) for r in g.objects(doc, KG.copiedTo)))),
        ("来源文件 source", facts.literal(g, doc, KG.sourceFile, None)),
        ("SHA-256", facts.literal(g, doc, KG.checksum, None)),
        ("IRI", str(doc)),
    ]
    return [(k, v) for k, v in rows if v]


def headline_numbers(source: Graph | ViewData) -> list[tuple[str, str, int]]:
    """(中文, English, value) for the numbers at the top of the report."""
    data = view_data(source)
    g, loads = data.graph, data.workload
    tasks = facts.task_iris(g)
    leads = {t: set(g.objects(t, KG.ledBy)) for t in tasks}
    anyone = {t: {a for r in ROLES for a in g.objects(t, r.task_property)} for t in tasks}
    places = {p for t in tasks for p in g.objects(t, KG.mentionsPlace)}
    targets = set(g.subjects(RDF.type, KG.Target))
    warnings = set(g.subjects(RDF.type, KG.TextWarning))
    return [
        ("任务", "tasks", len(tasks)),
        ("责任机构", "agencies named", len(loads)),
        ("其中机构集合", "of them collective", sum(1 for w in loads if w.collective)),
        *((r.zh, f"{r.en} roles", sum(getattr(w, r.key) for w in loads)) for r in ROLES),
        ("无牵头单位的任务", "tasks without a lead", without_lead(g)),
        ("单一机构牵头", "tasks led by one agency alone", sum(1 for t in tasks if len(leads[t]) == 1)),
        ("仅一个责任机构", "tasks resting on one agency", sum(1 for t in tasks if len(anyone[t]) == 1)),
        ("提及地点", "places named", len(places)),
        ("量化目标", "quantified targets", len(targets)),
        ("文本警告", "text warnings", len(warnings)),
    ]


def without_lead(g: Graph) -> int:
    """How many tasks :func:`kg.query.library.tasks_without_lead` lists (see :func:`leaderless`)."""
    return len(leaderless(g))


def leaderless(g: Graph) -> list[URIRef]:
    """The tasks :func:`kg.query.library.tasks_without_lead` lists, found in one pass over the
    tasks: rdflib evaluates that query's OPTIONALs in time that grows with the square of the
    corpus (93 s at 25 documents), too slow for a headline number. The same definition
    (tests/views/test_report.py holds the two equal): a task with a path, a start and a
    document, no 牵头, and a responsibility or no sub-task. Unordered."""
    out = []
    for task in iris(set(g.subjects(RDF.type, KG.Task))):
        if (task, KG.ledBy, None) in g or (task, KG.path, None) not in g:
            continue
        if (task, KG.inDocument, None) not in g:
            continue
        if not any((span, KG.start, None) in g for span in g.objects(task, KG.source)):
            continue
        if (task, KG.responsibility, None) in g or (task, DCTERMS.hasPart, None) not in g:
            out.append(task)
    return out


def across_documents(source: Graph | ViewData, limit: int = LIST_LIMIT) -> dict:
    """The findings a corpus report opens with: the agencies named in the most documents
    (:func:`carriers`), the tasks nobody leads in each document (the first ``limit``
    documents), and the agencies that only support, busiest first; names carry their place
    where two agencies share one (the view data's labels)."""
    data = view_data(source)
    g = data.graph
    ranked = carriers(data)
    supporters = [w for w in data.workload if w.support and not w.lead and not w.shared]
    return {
        "carriers": ranked[:ACROSS_LIMIT],
        "carriers_total": len(ranked),
        "leaderless": _leaderless_by_document(g)[:limit],
        "documents": len(facts.documents(g)),
        "supporters": supporters[:ACROSS_LIMIT],
        "supporters_total": len(supporters),
        "labels": data.labels,
        "limit": ACROSS_LIMIT,
        "paths_limit": PATHS_LIMIT,
    }


def carriers(source: Graph | ViewData) -> list[dict]:
    """The agencies the named query ``agencies-across-documents`` lists (named in a
    responsibility in two or more documents), its rows summed per agency, most documents
    first, then most tasks. Counted in one pass over the role triples: rdflib takes 49 s CPU
    for that query at 100 documents (4 s at 25), too slow for a page every build writes.
    The same definition (tests/views/test_report.py holds the two equal): documents from
    ``kg:responsibility/kg:agency``, tasks per role from ``kg:ledBy`` / ``kg:supportedBy`` /
    ``kg:sharedBy`` of tasks in a document, agencies with a short name."""
    data = view_data(source)
    g = data.graph
    docs: dict[URIRef, set] = {}
    for task, r in g.subject_objects(KG.responsibility):
        for doc in g.objects(task, KG.inDocument):
            for agency in iris(g.objects(r, KG.agency)):
                docs.setdefault(agency, set()).add(doc)
    many = {a for a, d in docs.items() if len(d) >= 2 and (a, KG.shortName, None) in g}
    counts: dict[URIRef, dict[str, set]] = {a: {key: set() for key in ROLE_KEYS} for a in many}
    for role in ROLES:
        for task, who in g.subject_objects(role.task_property):
            if isinstance(who, URIRef) and who in counts and (task, KG.inDocument, None) in g:
                counts[who][role.key].add(task)
    out = []
    for a, c in counts.items():
        lead, support, shared = (len(c[key]) for key in ROLE_KEYS)
        label = data.labels.get(str(a)) or facts.short_name(g, a)
        out.append(
            {
                "iri": str(a),
                "label": label,
                "documents": len(docs[a]),
                "lead": lead,
                "support": support,
                "shared": shared,
                "total": lead + support + shared,
            }
        )
    return sorted(out, key=lambda c: (-c["documents"], -c["total"], c["label"], c["iri"]))


def _leaderless_by_document(g: Graph) -> list[dict]:
    """Per document, in document order: its label, how many tasks nobody leads and their
    first :data:`PATHS_LIMIT` paths in text order."""
    tasks: dict[str, list[tuple[int, str]]] = {}
    for task in leaderless(g):
        start = min(facts.number(v) for span in g.objects(task, KG.source) for v in g.objects(span, KG.start))
        path = facts.literal(g, task, KG.path, None) or ""
        tasks.setdefault(str(g.value(task, KG.inDocument)), []).append((start, path))
    out = []
    for doc in facts.documents(g):
        paths = [p for _, p in sorted(tasks.get(str(doc), []))]
        out.append(
            {"document": facts.document_label(g, doc), "count": len(paths), "paths": paths[:PATHS_LIMIT]}
        )
    return out


def _chart(data: ViewData, limit: int = CHART_LIMIT) -> dict:
    """Stacked bars, lead | support | shared, one row per agency in workload order, the
    first ``limit`` agencies (the bar scale is theirs: the heaviest is first)."""
    loads, labels = data.workload[:limit], data.labels
    most = max((w.total for w in loads), default=1) or 1
    unit = round((CHART_WIDTH - CHART_LABEL - 50) / most, 2)
    bars = []
    for i, w in enumerate(loads):
        x, segments = float(CHART_LABEL), []
        for role in ROLES:
            width = round(getattr(w, role.key) * unit, 2)
            if width:
                segments.append((role.key, round(x, 2), width))
            x += width
        bars.append(Bar(w.iri, labels[w.iri], i * CHART_ROW, w.lead, w.support, w.shared, w.total, segments))
    return {
        "bars": bars,
        "unit": unit,
        "width": CHART_WIDTH,
        "label": CHART_LABEL,
        "row": CHART_ROW,
        "height": max(len(bars), 1) * CHART_ROW + 4,
        "agencies": len(data.workload),
        "limit": limit,
    }


def _targets(g: Graph) -> list[dict]:
    """Every target in document order, with where it is stated."""
    out = []
    for doc in facts.documents(g):
        for holder in _parts(g, doc):
            path = facts.literal(g, holder, KG.path, None) or ""
            title = facts.literal(g, holder, DCTERMS.title) or ""
            for t in facts.targets_of(g, holder):
                out.append(
                    {
                        "document": facts.document_label(g, doc),
                        "where": f"{path} {title}",
                        "object": t.object or "",
                        "value": t.text,
                        "comparator": t.comparator,
                        "deadline": f"{t.deadline_year}年" if t.deadline_year else "",
                    }
                )
    return out


def _parts(g: Graph, node: URIRef) -> list[URIRef]:
    """Sections and tasks under ``node``, depth first in document order."""
    out = []
    for part in facts.ordered_parts(g, node):
        out.append(part)
        out.extend(_parts(g, part))
    return out


def _warnings(g: Graph) -> list[dict]:
    out = []
    for doc in facts.documents(g):
        for w in sorted(g.objects(doc, KG.warning), key=_numbered):
            span = g.value(w, KG.source)
            line = g.value(span, KG.line) if span is not None else None
            column = g.value(span, KG.column) if span is not None else None
            out.append(
                {
                    "document": facts.document_label(g, doc),
                    "kind": facts.literal(g, w, KG.warningKind, None) or "",
                    "where": f"{line}:{column}" if line is not None else "",
                    "message": facts.literal(g, w, KG.message, None) or "",
                }
            )
    return out


def _numbered(iri) -> tuple:
    head, _, n = str(iri).rpartition("/")
    return (head, int(n) if n.isdigit() else 0, str(iri))
