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

from kg.vocab import ROLE, ROLES

VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")


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
    env.filters["roles_zh"] = roles_zh
    env.globals["asset"] = asset
    env.globals["stylesheet"] = stylesheet
    env.globals["vis_js"] = vis_js
    env.globals["ROLES"] = ROLES
    return env


def roles_zh(roles: list[str]) -> str:
    """牵头、配合: the labels of role keys, as a matrix cell and its CSV print them."""
    return "、".join(ROLE[r].zh for r in roles)


def render(template: str, **context) -> str:
    """Render one of our templates; always ends with a newline."""
    html = _env().get_template(template).render(**context)
    return html if html.endswith("\n") else html + "\n"


def script_json(value) -> str:
    """JSON safe inside a ``<script>`` element: sorted keys, ASCII only, no ``<``, ``>``, ``&``."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@functools.cache
def stylesheet() -> str:
    """kg.css, with the role colours of :mod:`kg.vocab` filled in."""
    return _env().get_template("kg.css").render()


@functools.cache
def asset(name: str) -> str:
    """One of our CSS/JS files from ``kg/templates/``, to be inlined."""
    return resources.files("kg").joinpath(f"templates/{name}").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def vis_js() -> str:
    """vis-network 9.1.2 as pyvis ships it, minus the source-map comment (nothing to fetch)."""
    text = resources.files("pyvis").joinpath("/".join(VIS_JS)).read_text(encoding="utf-8")
    text = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", text)
    if "</script" in text.lower():  # pragma: no cover - would end our inline <script> early
        raise RuntimeError("vis-network.min.js cannot be inlined: it contains </script")
    return text
