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

from kg.errors import KgError
from kg.graph import facts
from kg.ns import KG
from kg.query.resolve import resolve_agency
from kg.views.data import ViewData, view_data
from kg.views.page import page_title, render
from kg.vocab import ROLE_KEYS, ROLES

SEED = 7
TREE_WEIGHT = 3.0
SPRING_LIMIT = 500  # above this many nodes, the O(n) ring layout alone (force layouts are O(n²))
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


def viz(graph: Graph | ViewData, agency: str | URIRef | None = None) -> str:
    """The map of ``graph`` as one HTML page; with ``agency`` (a name or IRI), only that
    agency's neighbourhood: its tasks, their sections and document, the other agencies
    named on those tasks and the places they mention."""
    return render_map(network(graph, agency))


def render_map(net: dict) -> str:
    return render("map.html", net=net)


def network(source: Graph | ViewData, agency: str | URIRef | None = None) -> dict:
    """Nodes, edges, vis options and the agency list the page needs, all JSON-ready."""
    data = view_data(source)
    g = data.graph
    nodes, edges = _elements(data)
    focus = None
    if agency is not None:
        focus = agency if isinstance(agency, URIRef) else resolve_agency(g, agency)
        if focus not in nodes:
            raise KgError(f"{facts.short_name(g, focus)} has no task in this graph: nothing to draw")
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
    agencies = [
        {"id": n["id"], "iri": n["iri"], "label": n["label"], "total": n["total"]}
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
    }


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


def _options(n_edges: int) -> dict:
    """vis-network options through pyvis, then ours: no physics (positions are given)."""
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
