"""The HTML views (map, matrix, report): shared rendering, and the files ``kg build`` writes.

Every page is one self-contained UTF-8 file: our templates from ``kg/templates/``, our CSS
and JS, and vis-network's code inlined from the installed pyvis package, so a page opens
from ``file://`` with no network. Data goes in as JSON with sorted keys and ASCII escapes,
so the same graph always gives the same bytes.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape

VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
# One palette for the map, the matrix and the chart, so a colour means the same role everywhere.
ROLE_COLOURS = {"lead": "#c62828", "support": "#1565c0", "shared": "#7b1fa2"}
ROLE_ZH = {"lead": "牵头", "support": "配合", "shared": "分工负责"}
ROLE_EN = {"lead": "lead", "support": "support", "shared": "shared"}


def page_title(labels) -> str:
    """The documents' identifiers, or the first and a count when there are many."""
    labels = list(labels)
    if len(labels) > 3:
        return f"{labels[0]} 等 {len(labels)} 份文件"
    return "、".join(labels) or "kg"


@functools.lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("kg", "templates"),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["script_json"] = script_json
    env.filters["roles_zh"] = lambda roles: "、".join(ROLE_ZH[r] for r in roles)
    env.globals["asset"] = asset
    env.globals["vis_js"] = vis_js
    env.globals["ROLE_COLOURS"] = ROLE_COLOURS
    env.globals["ROLE_ZH"] = ROLE_ZH
    return env


def render(template: str, **context) -> str:
    """Render one of our templates; always ends with a newline."""
    html = _env().get_template(template).render(**context)
    return html if html.endswith("\n") else html + "\n"


def script_json(value) -> str:
    """JSON safe inside a ``<script>`` element: sorted keys, ASCII only, no ``<``, ``>``, ``&``."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@functools.cache
def asset(name: str) -> str:
    """One of our CSS/JS files from ``kg/templates/``, to be inlined."""
    return resources.files("kg").joinpath("templates", name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def vis_js() -> str:
    """vis-network 9.1.2 as pyvis ships it, minus the source-map comment (nothing to fetch)."""
    text = resources.files("pyvis").joinpath(*VIS_JS).read_text(encoding="utf-8")
    text = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", text)
    if "</script" in text.lower():  # pragma: no cover - would end our inline <script> early
        raise RuntimeError("vis-network.min.js cannot be inlined: it contains </script")
    return text
