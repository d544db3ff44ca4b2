"""``kg viz``: the interactive accountability map, one HTML file that works offline.

pyvis builds the vis-network options; the node and edge lists are filled directly (pyvis's
``add_edge`` scans every node) and the page is rendered with our template, which inlines
vis-network. Positions come from a seeded networkx layout and physics is off, so the page
draws at once and the same graph always gives the same file.
"""

from __future__ import annotations

import cmath
import json
import math
import random

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.choices import VIEWS as VIEWS
from kg.errors import KgError, OptionError
from kg.graph import facts
from kg.ns import KG
from kg.query.resolve import resolve_agency
from kg.views.data import ViewData, view_data
from kg.views.page import page_title, render
from kg.vocab import LEAD, ROLE_KEYS, ROLES, SHARED, SUPPORT

SEED = 7
TREE_WEIGHT = 3.0
SPRING_LIMIT = 500  # above this many nodes, the O(n) ring layout alone (force layouts are O(n²))
TASK_LIMIT = 300  # above this many tasks, view="auto" draws the agency network, not every task
AGENCY_LIMIT = 300  # the agency and document views draw at most this many agencies, the busiest
DOCUMENT_LIMIT = 200  # and the document view at most this many documents, those with most tasks
JURISDICTION_LIMIT = 300  # the jurisdiction view draws at most this many governments, the busiest

SCREEN = (1300, 640)  # the map's drawing area on a laptop screen, in pixels
SCREEN_FONT = 13  # the agency and document views size labels to this many pixels there
FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
KINDS = {
    # kind: (shape, colour, 中文, English) — the legend is drawn from this table
    "document": ("box", "#263238", "文件", "document"),
    "section": ("box", "#5c6bc0", "部分", "section"),
    "task": ("dot", "#90a4ae", "任务", "task"),
    "agency": ("dot", "#ef6c00", "机构", "agency"),
    "collective": ("diamond", "#f9a825", "机构集合", "collective agency"),
    "place": ("triangle", "#2e7d32", "地点", "place"),
}
_ROLE_LINES = {"lead": (3.5, False), "support": (1.5, [8, 6]), "shared": (2, [2, 5])}  # width, dashes
EDGES = {
    # edge kind: (width, dashes, colour, 中文, English); a role's edge in its colour, with its labels
    **{r.key: (*_ROLE_LINES[r.key], r.colour, r.zh, r.en) for r in ROLES},
    "part": (1, False, "#b0bec5", "包含", "part of"),
    "place": (1, False, "#81c784", "提及地点", "names place"),
}
PAIRINGS = {
    # how two agencies share their tasks (most often): (width, dashes, colour, 中文, English)
    "lead-lead": (3, False, LEAD.colour, f"共同{LEAD.zh}", "both lead"),
    "lead-support": (2, False, "#00838f", f"{LEAD.zh}与{SUPPORT.zh}", "one leads, one supports"),
    "support-support": (1.5, [8, 6], SUPPORT.colour, f"共同{SUPPORT.zh}", "both support"),
    "shared": (2, [2, 5], SHARED.colour, SHARED.zh, "a shared role"),
}
JOINT = {"joint": (2, False, "#66bb6a", "共同任务", "tasks in common")}  # two jurisdictions' line


def viz(graph: Graph | ViewData, agency: str | URIRef | None = None, view: str = "auto") -> str:
    """The map of ``graph`` as one HTML page; with ``agency`` (a name or IRI), only that
    agency's neighbourhood: its tasks, their sections and document, the other agencies
    named on those tasks and the places they mention. ``view`` is one of :data:`VIEWS`."""
    return render_map(network(graph, agency, view))


def render_map(net: dict) -> str:
    return render("map.html", net=net)


def network(source: Graph | ViewData, agency: str | URIRef | None = None, view: str = "auto") -> dict:
    """Nodes, edges, vis options and the agency list the page needs, all JSON-ready.

    ``view="auto"`` draws every task while there are at most :data:`TASK_LIMIT` of them (or
    an agency's neighbourhood is asked for) and the agency network above: a task map of
    thousands of nodes is a ring no one can read."""
    if view not in VIEWS:
        raise OptionError(f"unknown map view {view!r}: choose one of {', '.join(VIEWS)}")
    data = view_data(source)
    g = data.graph
    focus = None
    if agency is not None:
        focus = agency if isinstance(agency, URIRef) else resolve_agency(g, agency)
        if all(w.iri != str(focus) for w in data.workload):
            raise KgError(f"{facts.short_name(g, focus)} has no task in this graph: nothing to draw")
    n_tasks = len(set(g.subjects(RDF.type, KG.Task)))
    asked = view != "auto"
    if view == "auto":
        view = "tasks" if focus is not None or n_tasks <= TASK_LIMIT else "agencies"
    if view == "jurisdictions":
        return jurisdiction_network(data, focus, asked=asked)
    if view != "tasks":
        return corpus_network(data, focus, view, n_tasks, asked=asked)
    nodes, edges = _elements(data)
    if focus is not None:
        nodes, edges = _neighbourhood(focus, nodes, edges)
    index = {iri: i for i, iri in enumerate(nodes)}
    node_list = []
    for iri, node in nodes.items():
        node_list.append({"id": index[iri], "iri": str(iri), **node})
    edge_list = [
        {"id": i, "from": index[s], "to": index[o], "role": role, **_edge_style(role)}
        for i, (s, o, role) in enumerate(edges)
    ]
    positions = _layout(
        node_list,
        [(e["from"], e["to"]) for e in edge_list],
        [(e["from"], e["to"]) for e in edge_list if e["role"] == "part"],
    )
    for node, (x, y) in zip(node_list, positions):
        node["x"], node["y"] = x, y
    if len(node_list) > SPRING_LIMIT:  # the ring layout does not push labels apart: cull them
        _cull_labels(sorted(node_list, key=_label_priority))
    agencies = [
        {"id": n["id"], "iri": n["iri"], "label": n.get("name", n["label"]), "total": n["total"]}
        for n in node_list
        if n["kind"] in ("agency", "collective")
    ]
    docs = [n for n in node_list if n["kind"] == "document"]
    return {
        "title": page_title(d["label"] for d in docs),
        "focus": str(focus) if focus is not None else None,
        "nodes": node_list,
        "edges": edge_list,
        "agencies": agencies,
        "options": _options(len(edge_list)),
        "legend": {"kinds": KINDS, "edges": EDGES},
        "view": "tasks",
        "notice": None,
    }


def corpus_network(data: ViewData, focus: URIRef | None, view: str, n_tasks: int, asked: bool) -> dict:
    """The agency network (``view="agencies"``: agencies sized by tasks, a line where two
    share tasks) or the document view (``"documents"``: documents and the agencies they
    name), at most :data:`AGENCY_LIMIT` agencies, with the sentence that says why."""
    g = data.graph
    roles = _task_roles(g)
    loads = data.workload
    if focus is not None:
        mine = {t for t, on in roles.items() if focus in on}
        near = {str(a) for t in mine for a in roles[t]}
        loads = [w for w in loads if w.iri in near]
    drawn = loads[:AGENCY_LIMIT]
    agency_nodes = [_corpus_agency(w, data.labels[w.iri]) for w in drawn]
    n_docs = len(facts.documents(g))
    if view == "agencies":
        nodes, edges = agency_nodes, _pair_edges(drawn, roles, data.labels)
        legend_edges = PAIRINGS
        docs: list[URIRef] = []
    else:
        docs, doc_nodes, edges = _document_edges(g, drawn, roles, data.labels)
        nodes, legend_edges = doc_nodes + agency_nodes, {r.key: EDGES[r.key] for r in ROLES}
    for i, node in enumerate(nodes):
        node["id"] = i
    if view == "documents":
        offset = len(docs)
        for e in edges:
            e["to"] += offset
    positions = _cluster_layout(nodes, edges, 18)
    font = _corpus_font(positions)
    if view == "documents":  # a document's box holds its label: lay out again at that size
        positions = _cluster_layout(nodes, edges, font)
    for node, (x, y) in zip(nodes, positions):
        node["x"], node["y"] = x, y
    _cull_labels(sorted(nodes, key=lambda n: (n["kind"] != "document", -n["tasks"], n["id"])), font)
    for i, e in enumerate(edges):
        e["id"] = i
    titles = [facts.document_label(g, d) for d in facts.documents(g)]
    kinds = {k: KINDS[k] for k in (["document"] if view == "documents" else []) + ["agency", "collective"]}
    return {
        "title": page_title(titles),
        "focus": str(focus) if focus is not None else None,
        "nodes": nodes,
        "edges": edges,
        "agencies": [
            {"id": n["id"], "iri": n["iri"], "label": n["name"], "total": n["total"]}
            for n in nodes
            if n["kind"] in ("agency", "collective")
        ],
        "options": _options(len(edges), font),
        "legend": {"kinds": kinds, "edges": legend_edges},
        "view": view,
        "notice": _notice(
            view,
            asked,
            n_tasks=n_tasks,
            n_agencies=len(loads),
            n_drawn=len(drawn),
            n_docs=n_docs,
            n_docs_drawn=len(docs),
            agency=agency_nodes[0]["name"] if agency_nodes else None,
            document=titles[0] if titles else None,
            focus=data.labels.get(str(focus)) if focus is not None else None,
        ),
    }


def jurisdiction_network(data: ViewData, focus: URIRef | None, asked: bool) -> dict:
    """The jurisdiction view: one node per government (the ``kg:jurisdiction`` of the
    agencies named on tasks) sized by the tasks its agencies take part in, and a line where
    agencies of two governments take part in the same tasks (a province plan naming city
    governments), at most :data:`JURISDICTION_LIMIT` of them. With ``focus``, only that
    agency's tasks count."""
    g = data.graph
    roles = _task_roles(g)
    if focus is not None:
        roles = {t: on for t, on in roles.items() if focus in on}
    where: dict[URIRef, URIRef | None] = {}
    per_task: list[set[URIRef]] = []
    unplaced = 0
    for on in roles.values():
        for a in on:
            if a not in where:
                place = g.value(a, KG.jurisdiction)
                where[a] = place if isinstance(place, URIRef) else None
        places = {p for p in (where[a] for a in on) if p is not None}
        per_task.append(places)
        unplaced += not places
    tasks: dict[URIRef, int] = {}
    agencies: dict[URIRef, int] = {}
    for places in per_task:
        for p in places:
            tasks[p] = tasks.get(p, 0) + 1
    for place in where.values():
        if place is not None:
            agencies[place] = agencies.get(place, 0) + 1
    ranked = sorted(tasks, key=lambda p: (-tasks[p], facts.place_name(g, p), str(p)))
    drawn = ranked[:JURISDICTION_LIMIT]
    index = {p: i for i, p in enumerate(drawn)}
    nodes = []
    for i, p in enumerate(drawn):
        name = facts.place_name(g, p)
        en = facts.literal(g, p, SKOS.prefLabel, "en")
        lines = [name] + ([en] if en and en != name else [])
        lines.append(f"{tasks[p]} 项任务 tasks · {agencies[p]} 个机构 agencies")
        node = _node("place", name, "\n".join(lines), total=tasks[p], tasks=tasks[p])
        node.update(id=i, iri=str(p), name=name, size=round(8 + 3 * math.sqrt(tasks[p]), 1))
        nodes.append(node)
    pairs: dict[tuple[int, int], int] = {}
    for places in per_task:
        ids = sorted(index[p] for p in places if p in index)
        for x, i in enumerate(ids):
            for j in ids[x + 1 :]:
                pairs[(i, j)] = pairs.get((i, j), 0) + 1
    edges = []
    for k, ((i, j), weight) in enumerate(sorted(pairs.items())):
        title = f"{nodes[i]['name']} — {nodes[j]['name']}: {weight} 项共同任务 tasks in common"
        edges.append({"id": k, "from": i, "to": j, "role": "joint", "weight": weight, "title": title})
        edges[-1].update(_weighted(JOINT["joint"], weight))
    positions = _cluster_layout(nodes, edges, 18)
    font = _corpus_font(positions)
    for node, (x, y) in zip(nodes, positions):
        node["x"], node["y"] = x, y
    _cull_labels(sorted(nodes, key=lambda n: (-n["tasks"], n["id"])), font)
    return {
        "title": page_title(facts.document_label(g, d) for d in facts.documents(g)),
        "focus": str(focus) if focus is not None else None,
        "nodes": nodes,
        "edges": edges,
        "agencies": [  # the selector and search list the governments here
            {"id": n["id"], "iri": n["iri"], "label": n["name"], "total": n["total"]} for n in nodes
        ],
        "options": _options(len(edges), font),
        "legend": {"kinds": {"place": (*KINDS["place"][:2], "辖区", "jurisdiction")}, "edges": JOINT},
        "view": "jurisdictions",
        "notice": _jurisdiction_notice(
            asked,
            n_places=len(ranked),
            n_drawn=len(drawn),
            unplaced=unplaced,
            place=nodes[0]["name"] if nodes else None,
            focus=data.labels.get(str(focus)) if focus is not None else None,
        ),
    }


def _jurisdiction_notice(asked: bool, **n) -> dict[str, str]:
    """The sentence above the jurisdiction view: what it shows, what it leaves out, and how
    to drill down to one government's agencies or to the agency network."""
    zh = (
        "辖区图：每个节点是一个省、市或县（大小 = 其机构参与的任务数），"
        "连线连接机构共同参与同一任务的两个辖区（粗细 = 共同任务数）。"
    )
    en = (
        "Jurisdiction view: each node is a province, city or county (size = the tasks its agencies "
        "take part in); a line joins two jurisdictions whose agencies take part in the same tasks "
        "(width = tasks in common). "
    )
    if n["focus"]:
        zh += f"只计入{n['focus']}参与的任务。"
        en += f"Only the tasks {n['focus']} takes part in are counted. "
    elif asked:
        zh += "按要求绘制此视图。"
        en += "Drawn as asked (view jurisdictions). "
    if n["n_drawn"] < n["n_places"]:
        zh += f"只画出任务最多的 {n['n_drawn']:,} 个辖区（共 {n['n_places']:,} 个）。"
        en += f"Only the {n['n_drawn']:,} jurisdictions with most tasks are drawn, of {n['n_places']:,}. "
    if n["unplaced"]:
        zh += f"{n['unplaced']:,} 项任务的机构没有已知辖区，未计入。"
        en += f"{n['unplaced']:,} tasks name no agency of a known jurisdiction and are not counted. "
    if n["place"]:
        zh += f"查看某一辖区的机构：kg viz --jurisdiction {n['place']} 或 kg viz --view agencies。"
        en += (
            f"To drill down to one jurisdiction's agencies: kg viz --jurisdiction {n['place']} "
            "or kg viz --view agencies."
        )
    return {"zh": zh, "en": en.rstrip()}


def _task_roles(g: Graph) -> dict[URIRef, dict[URIRef, set[str]]]:
    """Task → agency → the roles it has there, tasks in IRI order (so the file is stable)."""
    out: dict[URIRef, dict[URIRef, set[str]]] = {}
    for role in ROLES:
        for task, agency in g.subject_objects(role.task_property):
            if isinstance(task, URIRef) and isinstance(agency, URIRef) and (task, RDF.type, KG.Task) in g:
                out.setdefault(task, {}).setdefault(agency, set()).add(role.key)
    return {t: out[t] for t in sorted(out, key=str)}


def _corpus_agency(w: facts.Workload, label: str) -> dict:
    node = _agency_node(w, label)
    node.update(iri=w.iri, tasks=w.tasks, name=label, size=round(8 + 3 * math.sqrt(w.tasks), 1))
    node["title"] += f"\n{w.tasks} 项任务 tasks"
    return node


def _pairing(a: set[str], b: set[str]) -> str:
    if "shared" in a | b:
        return "shared"
    if "lead" in a and "lead" in b:
        return "lead-lead"
    return "lead-support" if "lead" in a | b else "support-support"


def _weighted(style: tuple, weight: int) -> dict:
    width, dashes, colour = style[:3]
    return {"width": round(width * (1 + math.log2(weight) / 2), 1), "dashes": dashes, "color": colour}


def _pair_edges(drawn: list[facts.Workload], roles: dict, labels: dict[str, str]) -> list[dict]:
    """One edge per two drawn agencies that share tasks: weight = shared tasks, style = the
    role pairing they have most often (ties: the order of :data:`PAIRINGS`)."""
    index = {URIRef(w.iri): i for i, w in enumerate(drawn)}
    pairs: dict[tuple[int, int], dict[str, int]] = {}
    for on in roles.values():
        members = sorted((index[a], r) for a, r in on.items() if a in index)
        for x, (i, ri) in enumerate(members):
            for j, rj in members[x + 1 :]:
                counts = pairs.setdefault((i, j), dict.fromkeys(PAIRINGS, 0))
                counts[_pairing(ri, rj)] += 1
    edges = []
    for (i, j), counts in sorted(pairs.items()):
        weight = sum(counts.values())
        kind = max(PAIRINGS, key=lambda k: counts[k])
        lines = " · ".join(f"{PAIRINGS[k][3]} {c}" for k, c in counts.items() if c)
        title = f"{labels[drawn[i].iri]} — {labels[drawn[j].iri]}: {weight} 项共同任务 shared tasks\n{lines}"
        edges.append({"from": i, "to": j, "role": kind, "weight": weight, "title": title})
        edges[-1].update(_weighted(PAIRINGS[kind], weight))
    return edges


def _document_edges(
    g: Graph, drawn: list[facts.Workload], roles: dict, labels: dict[str, str]
) -> tuple[list[URIRef], list[dict], list[dict]]:
    """Documents (at most :data:`DOCUMENT_LIMIT`, those naming the drawn agencies most) and
    an edge from each to each drawn agency it names: weight = its tasks there (any role), style = the
    role the agency has most often in it."""
    index = {URIRef(w.iri): i for i, w in enumerate(drawn)}
    counts: dict[URIRef, dict[int, dict[str, int]]] = {}
    for doc in facts.documents(g):
        for task in facts.task_iris(g, doc):
            for a, r in roles.get(task, {}).items():
                if a in index:
                    per = counts.setdefault(doc, {}).setdefault(index[a], dict.fromkeys(ROLE_KEYS, 0))
                    per["tasks"] = per.get("tasks", 0) + 1
                    for key in r:
                        per[key] += 1
    ranked = sorted(counts, key=lambda d: -sum(c["tasks"] for c in counts[d].values()))
    docs = [d for d in facts.documents(g) if d in set(ranked[:DOCUMENT_LIMIT])]
    nodes, edges = [], []
    for i, doc in enumerate(docs):
        node = _document_node(g, doc)
        n_tasks = len(facts.task_iris(g, doc))
        node.update(iri=str(doc), name=node["label"], tasks=n_tasks, total=n_tasks)
        nodes.append(node)
        for a, per in sorted(counts[doc].items()):
            weight = per["tasks"]
            role = max(ROLE_KEYS, key=lambda k: per[k])
            tasks = " · ".join(f"{r.zh} {per[r.key]}" for r in ROLES if per[r.key])
            title = f"{node['label']} — {labels[drawn[a].iri]}: {tasks}"
            edges.append({"from": i, "to": a, "role": role, "weight": weight, "title": title})
            edges[-1].update(_weighted(EDGES[role], weight))
    return docs, nodes, edges


def _notice(view: str, asked: bool, **n) -> dict[str, str]:
    """The plain sentence above the map: which view this is, why, and how to get a task map."""
    if view == "agencies":
        what_zh = (
            "机构网络图：每个节点是一个机构（大小 = 任务数），"
            "连线连接共同承担任务的两个机构（粗细 = 共同任务数，颜色 = 角色搭配）。"
        )
        what_en = (
            "Agency network: each node is an agency (size = its tasks); a line joins two agencies "
            "that share tasks (width = shared tasks, colour = how they share them)."
        )
    else:
        what_zh = (
            "文件与机构图：文件与其中承担任务的机构相连（粗细 = 任务数，颜色 = 机构在该文件中最常见的角色）。"
        )
        what_en = (
            "Documents and agencies: each document is joined to the agencies it gives tasks "
            "(width = tasks, colour = the agency's most frequent role there)."
        )
    if n["focus"]:
        why_zh = f"只画出与{n['focus']}共同承担任务的机构。"
        why_en = f"Only the agencies that share tasks with {n['focus']} are drawn. "
    elif asked:
        why_zh, why_en = "按要求绘制此视图。", f"Drawn as asked (view {view}). "
    else:
        why_zh = f"本图共 {n['n_tasks']:,} 项任务，超过 {TASK_LIMIT} 项时逐项绘制无法阅读。"
        why_en = (
            f"The graph has {n['n_tasks']:,} tasks, more than the {TASK_LIMIT} a map of every task "
            "can show legibly. "
        )
    cap_zh = cap_en = ""
    if n["n_drawn"] < n["n_agencies"]:
        cap_zh += f"只画出任务最多的 {n['n_drawn']:,} 个机构（共 {n['n_agencies']:,} 个）。"
        cap_en += f"Only the {n['n_drawn']:,} agencies with most tasks are drawn, of {n['n_agencies']:,}. "
    if view == "documents" and n["n_docs_drawn"] < n["n_docs"]:
        cap_zh += f"只画出其中任务最多的 {n['n_docs_drawn']:,} 份文件（共 {n['n_docs']:,} 份）。"
        cap_en += (
            f"Only the {n['n_docs_drawn']:,} documents with most of their tasks are drawn, "
            f"of {n['n_docs']:,}. "
        )
    how = []
    if n["agency"]:
        how.append(f"kg viz --agency {n['agency']}")
    if n["document"]:
        how.append(f"kg viz --document {n['document']}")
    how_zh = f"查看某一机构或某份文件的全部任务：{' 或 '.join(how)}。" if how else ""
    how_en = f"For the full task map of one agency or document: {' or '.join(how)}." if how else ""
    return {"zh": what_zh + why_zh + cap_zh + how_zh, "en": what_en + " " + why_en + cap_en + how_en}


def _cluster_layout(nodes: list[dict], edges: list[dict], font: int) -> list[tuple[int, int]]:
    """Positions in pixels: each connected part (often one jurisdiction's agencies) by a
    seeded spring layout weighted by shared tasks, the parts packed in rows, biggest first,
    then nodes pushed apart. Deterministic and rounded, like :func:`_layout`."""
    import networkx as nx

    n = len(nodes)
    if n == 0:
        return []
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from((e["from"], e["to"], math.log2(1 + e["weight"])) for e in edges)
    parts = sorted(
        (sorted(c) for c in nx.connected_components(g)),
        key=lambda c: (-sum(nodes[i]["tasks"] for i in c), c[0]),
    )
    gap = 40.0
    placed: list[tuple[list[int], dict[int, tuple[float, float]], float]] = []
    for part in parts:
        radius = 32.0 * math.sqrt(len(part)) if len(part) > 1 else max(_half(nodes[part[0]], font))
        if len(part) == 1:
            local = {part[0]: (0.0, 0.0)}
        else:
            sub = g.subgraph(part)
            turn = 2 * math.pi / len(part)
            start = {i: (math.cos(turn * k), math.sin(turn * k)) for k, i in enumerate(part)}
            k = 2.0 / math.sqrt(len(part))  # roomier than networkx's default: fewer clumps
            pos = nx.spring_layout(sub, pos=start, seed=SEED, iterations=80, weight="weight", k=k)
            local = {i: (float(pos[i][0]) * radius, float(pos[i][1]) * radius) for i in part}
        placed.append((part, local, radius))
    area = sum((2 * r + gap) ** 2 for _, _, r in placed)
    width = max(math.sqrt(area * SCREEN[0] / SCREEN[1]), max(2 * r + gap for _, _, r in placed))
    points: list[tuple[float, float]] = [(0.0, 0.0)] * n
    x = y = row = 0.0
    for _, local, radius in placed:
        side = 2 * radius + gap
        if x > 0 and x + side > width:
            x, y, row = 0.0, y + row, 0.0
        for i, (px, py) in local.items():
            points[i] = (x + radius + px, y + radius + py)
        x, row = x + side, max(row, side)
    boxes = [(*_half(node, font), 0.0) for node in nodes]
    points = _spread(points, boxes, rounds=120)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return [(round(px - cx), round(py - cy)) for px, py in points]


def _half(node: dict, font: int) -> tuple[float, float]:
    """Half width and half height of a node's shape (a box holds its label), plus a margin."""
    if node["kind"] == "document":
        left, top, right, bottom = _label_box({**node, "x": 0, "y": 0}, font)
        return right + 4, bottom + 4
    return node["size"] + 6.0, node["size"] + 6.0


def _corpus_font(positions: list[tuple[int, int]]) -> int:
    """Label size in canvas pixels that shows as :data:`SCREEN_FONT` pixels once the page has
    fitted the whole layout into :data:`SCREEN`, so the labels kept are readable at once."""
    if not positions:
        return 14
    width = max(x for x, _ in positions) - min(x for x, _ in positions) + 200
    height = max(y for _, y in positions) - min(y for _, y in positions) + 100
    scale = min(SCREEN[0] / width, SCREEN[1] / height)
    return max(14, min(48, round(SCREEN_FONT / scale)))


def _label_box(node: dict, font: int | None) -> tuple[float, float, float, float]:
    """The box (left, top, right, bottom) a node's label takes on the canvas, a little
    generous: vis-network draws a box node's label inside it and any other shape's below.
    ``font``: the corpus views' one label size; None: the task map's sizes by kind."""
    if font is None:
        font = {"task": 12, "document": 16}.get(node["kind"], 14)
    text = node.get("name", node["label"])
    width = sum(font if ord(ch) > 0x2E80 else font * 0.62 for ch in text) + 6
    x, y = node["x"], node["y"]
    if node["kind"] in ("document", "section"):
        return x - width / 2 - 8, y - font / 2 - 8, x + width / 2 + 8, y + font / 2 + 8
    top = y + node.get("size", 12) + 2
    return x - width / 2, top, x + width / 2, top + font * 1.35 + 4


def _cull_labels(order: list[dict], font: int | None = None) -> None:
    """Keep a node's label only where it overlaps no label kept before it (``order``:
    heaviest first), so the labels on the canvas never overlap at any zoom; the others
    keep their name in ``name`` (search, tooltip, highlight) and draw no label."""
    cell = 200.0
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    for node in order:
        node.setdefault("name", node["label"])
        box = _label_box(node, font)
        cells = [
            (i, j)
            for i in range(int(box[0] // cell), int(box[2] // cell) + 1)
            for j in range(int(box[1] // cell), int(box[3] // cell) + 1)
        ]
        near = (b for c in cells for b in grid.get(c, ()))
        if any(b[0] < box[2] and box[0] < b[2] and b[1] < box[3] and box[1] < b[3] for b in near):
            node["label"] = ""
            continue
        for c in cells:
            grid.setdefault(c, []).append(box)


def _label_priority(node: dict) -> tuple:
    """Which labels a big task map keeps: documents, then agencies by workload, sections, tasks."""
    rank = {"document": 0, "agency": 1, "collective": 1, "section": 2, "place": 3, "task": 4}
    return (rank[node["kind"]], -node["total"], node["id"])


def _elements(data: ViewData) -> tuple[dict[URIRef, dict], list[tuple[URIRef, URIRef, str]]]:
    """Every node (document, section, task, agency with a role, place named by a task) and
    edge (part, lead, support, shared, place), in document order."""
    g = data.graph
    nodes: dict[URIRef, dict] = {}
    edges: list[tuple[URIRef, URIRef, str]] = []
    tasks: list[URIRef] = []

    def walk(parent: URIRef) -> None:
        for part in facts.ordered_parts(g, parent):
            if (part, RDF.type, KG.Section) in g:
                nodes[part] = _section_node(g, part)
            elif (part, RDF.type, KG.Task) in g:
                nodes[part] = _task_node(g, part)
                tasks.append(part)
            else:
                continue
            edges.append((parent, part, "part"))
            walk(part)

    for doc in facts.documents(g):
        nodes[doc] = _document_node(g, doc)
        walk(doc)
    for w in data.workload:
        nodes[URIRef(w.iri)] = _agency_node(w, data.labels[w.iri])
    place_edges = []
    for task in tasks:
        order = {(role, a): pos for role, a, pos, _ in facts.responsibilities(g, task)}
        for role in ROLES:
            ranked = sorted(
                (order.get((role.key, a), 1 << 30), str(a), a)
                for a in set(facts.iris(g.objects(task, role.task_property)))
            )
            edges.extend((task, a, role.key) for _, _, a in ranked if a in nodes)
        for place in sorted(set(facts.iris(g.objects(task, KG.mentionsPlace))), key=str):
            place_edges.append((task, place, "place"))
    for place in sorted({p for _, p, _ in place_edges}, key=lambda p: (facts.place_name(g, p), str(p))):
        name = facts.place_name(g, place)
        en = facts.literal(g, place, SKOS.prefLabel, "en")
        nodes[place] = _node("place", name, f"{name}\n{en}" if en and en != name else name)
    edges.extend(place_edges)
    return nodes, edges


def _node(kind: str, label: str, title: str, **extra) -> dict:
    node = {"kind": kind, "group": kind, "label": label, "title": title, "total": 0}
    node.update(extra)
    return node


def _document_node(g: Graph, doc: URIRef) -> dict:
    title = facts.literal(g, doc, DCTERMS.title) or ""
    lines = [facts.document_label(g, doc), title, facts.literal(g, doc, DCTERMS.issued, None) or ""]
    return _node("document", facts.document_label(g, doc), "\n".join(x for x in lines if x))


def _section_node(g: Graph, section: URIRef) -> dict:
    marker = facts.literal(g, section, KG.marker, None) or ""
    title = facts.literal(g, section, DCTERMS.title) or facts.literal(g, section, KG.path, None) or ""
    short = title if len(title) <= 10 else title[:9] + "…"
    return _node("section", f"{marker}{short}", f"{marker}{title}")


def _task_node(g: Graph, task: URIRef) -> dict:
    path = facts.literal(g, task, KG.path, None) or ""
    title = facts.literal(g, task, DCTERMS.title) or ""
    clauses = sorted(str(c) for c in g.objects(task, KG.clauseText))
    deadline = facts.literal(g, task, KG.deadlineText)
    lines = [f"{path} {title}".strip(), *(f"（{c}）" for c in clauses)]
    if deadline:
        lines.append(f"期限 deadline: {deadline}")
    return _node("task", path, "\n".join(lines), path=path)


def _agency_node(w: facts.Workload, label: str) -> dict:
    kind = "collective" if w.collective else "agency"
    lines = [label] + ([w.full_name] if w.full_name != label else [])
    counts = " · ".join(f"{r.zh} {getattr(w, r.key)}" for r in ROLES)
    lines.append(f"{counts} ({' · '.join(r.en for r in ROLES)})")
    return _node(
        kind,
        label,
        "\n".join(lines),
        total=w.total,
        size=round(10 + 5 * math.sqrt(w.total), 1),
        lead=w.lead,
        support=w.support,
        shared=w.shared,
    )


def _edge_style(role: str) -> dict:
    width, dashes, colour = EDGES[role][:3]
    return {"width": width, "dashes": dashes, "color": colour}


def _neighbourhood(focus: URIRef, nodes: dict[URIRef, dict], edges: list) -> tuple[dict, list]:
    roles = set(ROLE_KEYS)
    tasks = {s for s, o, r in edges if o == focus and r in roles}
    keep = {focus} | tasks
    keep |= {o for s, o, r in edges if s in tasks and (r in roles or r == "place")}
    parent = {o: s for s, o, r in edges if r == "part"}
    for t in tasks:
        while t in parent:
            t = parent[t]
            keep.add(t)
    sub_nodes = {iri: n for iri, n in nodes.items() if iri in keep}
    return sub_nodes, [e for e in edges if e[0] in keep and e[1] in keep]


def _layout(
    nodes: list[dict], pairs: list[tuple[int, int]], tree: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Positions in pixels: a seeded spring layout started from the ring layout, then labels
    pushed apart; above :data:`SPRING_LIMIT` nodes the O(n) ring layout alone. Sized so a
    small document fills a 1400×900 window at zoom 1; rounded, so float noise cannot reach
    the file."""
    n = len(nodes)
    if n == 0:
        return []
    start = _rings(n, pairs, tree)
    size = max(760.0, 90 * math.sqrt(n))  # pixels from top to bottom
    if 2 < n <= SPRING_LIMIT:
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_edges_from(pairs, weight=1.0)
        g.add_edges_from(tree, weight=TREE_WEIGHT)  # keep sections beside their tasks
        pos = nx.spring_layout(g, pos=start, seed=SEED, iterations=120, k=1.6 / math.sqrt(n))
        start = {i: (float(pos[i][0]), float(pos[i][1])) for i in range(n)}
    xs = [start[i][0] for i in range(n)]
    ys = [start[i][1] for i in range(n)]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    points = [((x - cx) / span * size * 1.6, (y - cy) / span * size) for x, y in zip(xs, ys)]
    if n <= SPRING_LIMIT:
        points = _spread(points, [_box(node) for node in nodes])
    return [(round(x), round(y)) for x, y in points]


def _box(node: dict) -> tuple[float, float, float]:
    """Half width, half height and vertical offset of the centre, in pixels, of a node with
    its label (drawn inside a box, or under any other shape)."""
    font = 12 if node["kind"] == "task" else 14
    text = sum(font if ord(ch) > 0x2E80 else font * 0.6 for ch in node["label"])
    radius = node.get("size", 12)
    if node["kind"] in ("document", "section"):
        return text / 2 + 12, 15, 0.0
    below = font + 6
    return max(text / 2, radius) + 5, radius + below / 2 + 2, below / 2


def _spread(
    points: list[tuple[float, float]], boxes: list[tuple[float, float, float]], rounds: int = 300
) -> list[tuple[float, float]]:
    """Push apart nodes whose boxes overlap, along the axis where they overlap least."""
    import numpy as np

    offset = np.array([[0.0, b[2]] for b in boxes])
    p = np.array(points, dtype=float) + offset
    half = np.array([b[:2] for b in boxes], dtype=float)
    need_x = half[:, 0][:, None] + half[:, 0][None, :]
    need_y = half[:, 1][:, None] + half[:, 1][None, :]
    np.fill_diagonal(need_x, 0)
    np.fill_diagonal(need_y, 0)
    for _ in range(rounds):
        dx = p[:, 0][:, None] - p[:, 0][None, :]
        dy = p[:, 1][:, None] - p[:, 1][None, :]
        ox, oy = need_x - np.abs(dx), need_y - np.abs(dy)
        hit = (ox > 0) & (oy > 0)
        if not hit.any():
            break
        along_x = hit & (ox / need_x.clip(1) <= oy / need_y.clip(1))
        along_y = hit & ~along_x
        # ties (same coordinate) break by index, so the result does not depend on hashing
        order = np.sign(np.arange(len(p))[:, None] - np.arange(len(p))[None, :])
        sx = np.where(dx != 0, np.sign(dx), order)
        sy = np.where(dy != 0, np.sign(dy), order)
        p[:, 0] += (np.where(along_x, ox * sx, 0) / 2).sum(axis=1) * 0.8
        p[:, 1] += (np.where(along_y, oy * sy, 0) / 2).sum(axis=1) * 0.8
    p -= offset
    return [(float(x), float(y)) for x, y in p]


def _rings(
    n: int, pairs: list[tuple[int, int]], tree: list[tuple[int, int]]
) -> dict[int, tuple[float, float]]:
    """An O(n) layout: the tree (document → section → task) on rings by depth, with
    every other node at the barycentre of its neighbours already placed, so an agency
    with tasks in every section lands near the centre and a specialist near its section."""
    nbrs: dict[int, list[int]] = {i: [] for i in range(n)}
    children: dict[int, list[int]] = {i: [] for i in range(n)}
    has_parent = set()
    for a, b in pairs:
        nbrs[a].append(b)
        nbrs[b].append(a)
    for a, b in tree:
        if b not in has_parent:
            children[a].append(b)
            has_parent.add(b)
    roots = [i for i in range(n) if i not in has_parent and children[i]]
    leaves: list[int] = []
    depth: dict[int, int] = {}

    def walk(i: int, d: int) -> None:
        depth[i] = d
        if not children[i]:
            leaves.append(i)
        for c in children[i]:
            if c not in depth:
                walk(c, d + 1)

    for r in roots:
        walk(r, 0)
    pos: dict[int, tuple[float, float]] = {}
    for k, leaf in enumerate(leaves):
        angle = 2 * math.pi * k / max(len(leaves), 1)
        pos[leaf] = (math.cos(angle), math.sin(angle))
    for i in sorted(depth, key=lambda i: -depth[i]):  # parents outside their children
        if i not in pos:
            kids = [pos[c] for c in children[i] if c in pos]
            z = sum((complex(*p) for p in kids), 0j) / max(len(kids), 1)
            angle = cmath.phase(z) if abs(z) > 1e-9 else -math.pi / 2
            radius = 1.15 + 0.2 * (3 - min(depth[i], 3))  # documents outermost, then sections
            pos[i] = (radius * math.cos(angle), radius * math.sin(angle))
    rng = random.Random(SEED)
    for i in range(n):
        if i not in pos:
            placed = [pos[j] for j in nbrs[i] if j in pos]
            z = sum((complex(*p) for p in placed), 0j) / max(len(placed), 1)
            z *= 0.85 if len(placed) > 1 else 1.12
            pos[i] = (z.real + rng.uniform(-0.04, 0.04), z.imag + rng.uniform(-0.04, 0.04))
    return pos


def _options(n_edges: int, font: int | None = None) -> dict:
    """vis-network options through pyvis, then ours: no physics (positions are given); the
    agency and document views give all labels one ``font`` size (:func:`_corpus_font`)."""
    from pyvis.network import Network

    net = Network(directed=False)
    net.toggle_physics(False)
    net.options.edges.smooth.enabled = False
    net.toggle_hide_edges_on_drag(n_edges > 2000)
    options = json.loads(net.options.to_json())
    options.pop("configure", None)
    options["edges"]["color"] = {"inherit": False}
    options["layout"] = {"improvedLayout": False, "randomSeed": SEED}
    options["interaction"].update(
        {"hover": True, "tooltipDelay": 150, "multiselect": True, "hideEdgesOnZoom": n_edges > 2000}
    )
    options["nodes"] = {
        "font": {"face": FONT, "size": 14, "strokeColor": "#ffffff", "strokeWidth": 3},
        "borderWidth": 1,
    }
    options["groups"] = {kind: _group(kind) for kind in KINDS}
    if font is not None:
        options["nodes"]["font"]["size"] = font
        options["groups"]["document"]["font"]["size"] = font
    return options


def _group(kind: str) -> dict:
    shape, colour = KINDS[kind][:2]
    group: dict = {
        "shape": shape,
        "color": {
            "background": colour,
            "border": colour,
            "highlight": {"background": colour, "border": "#000"},
        },
    }
    if shape == "box":
        group["font"] = {"color": "#ffffff", "strokeWidth": 0, "size": 16 if kind == "document" else 14}
        group["margin"] = 8 if kind == "document" else 6
    else:
        group["size"] = 9 if kind == "task" else 12
    if kind == "task":
        group["font"] = {"size": 12, "color": "#455a64"}
    return group
