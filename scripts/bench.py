"""Benchmark the pipeline: time and peak memory of each stage, on the bundled document and on
synthetic documents of growing size. Figures only; nothing here is a test.

    python scripts/bench.py            # bundled document, then 100, 1,000 and 5,000 tasks
    python scripts/bench.py --tasks 20000 --validate-up-to 0

SHACL validation (``kg validate``, not part of ``kg build``) is the slow stage, so it is only
measured up to ``--validate-up-to`` tasks (default 1,000).
"""

from __future__ import annotations

import argparse
import random
import resource
import time
import tracemalloc

import kg
from kg.graph.rdf import named_graphs, union
from kg.graph.serialize import trig, turtle

AGENCIES = [
    "省发展改革委",
    "省教育厅",
    "省科技厅",
    "省工业和信息化厅",
    "省公安厅",
    "省民政厅",
    "省财政厅",
    "省人力资源社会保障厅",
    "省自然资源厅",
    "省生态环境厅",
    "省住房城乡建设厅",
    "省交通运输厅",
    "省水利厅",
    "省农业农村厅",
    "省商务厅",
    "省文化和旅游厅",
    "省卫生健康委",
    "省应急厅",
    "省市场监管局",
    "省体育局",
    "省统计局",
    "省医保局",
    "省政府有关部门",
]
CITIES = ["济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂"]
CN = "一二三四五六七八九十"


def synthetic(tasks: int, seed: int = 7) -> str:
    """A Shandong-style 实施意见 with ``tasks`` numbered items, varied clauses and targets."""
    rng = random.Random(seed)
    lines = ["鲁政发〔2024〕99号", "山东省人民政府关于基准测试的实施意见", "各市人民政府，省政府各部门："]
    per_section = 20
    for s in range(0, tasks, per_section):
        n = s // per_section + 1
        lines.append(f"{_cn(n)}、第{n}部分重点任务")
        for i in range(1, min(per_section, tasks - s) + 1):
            lead = rng.sample(AGENCIES, 2)
            support = rng.sample(AGENCIES, 3)
            cities = "、".join(rng.sample(CITIES, 2))
            lines.append(
                f"（{_cn(i)}）推进第{s + i}项工作。到2025年建设{rng.randint(2, 90)}个示范项目，"
                f"支持{cities}等市开展试点。（{'、'.join(lead)}牵头，{'、'.join(support)}和{cities}等市政府配合）"
            )
    lines += ["山东省人民政府", "2024年1月1日"]
    return "\n".join(lines) + "\n"


def _cn(n: int) -> str:
    """1 → 一, 12 → 十二, 250 → 二百五十 (up to 999)."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = CN[hundreds - 1] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else CN[tens - 1]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (CN[ones - 1] if ones else "")


def measure(label: str, text: str, validate: bool = True) -> None:
    """Time each stage, then run parse → graph → Turtle again under tracemalloc for the peak."""
    t0 = time.perf_counter()
    doc = kg.parse_text(text, f"{label}.txt")
    t1 = time.perf_counter()
    named = named_graphs([doc])
    graph = union(named)
    t2 = time.perf_counter()
    out = turtle(graph)
    trig(named)
    t3 = time.perf_counter()
    conforms = kg.validate(graph).conforms if validate else None
    t4 = time.perf_counter()
    tracemalloc.start()
    turtle(kg.to_graph([kg.parse_text(text, f"{label}.txt")]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:>14} {len(text):>9,} chars {len(doc.tasks()):>6} tasks {len(graph):>8,} triples | "
        f"parse {t1 - t0:6.2f}s  graph {t2 - t1:6.2f}s  serialise {t3 - t2:6.2f}s  "
        + (f"validate {t4 - t3:6.2f}s" if validate else "validate    -   ")
        + f" | peak {peak / 2**20:7.1f} MiB | turtle {len(out) / 2**20:5.1f} MiB | conforms={conforms}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, nargs="*", default=[100, 1000, 5000])
    ap.add_argument("--validate-up-to", type=int, default=1000)
    args = ap.parse_args()
    print(f"kg {kg.__version__}; figures from one run on this machine")
    measure("bundled", kg.read_text(kg.bundled_document()).text)
    for n in args.tasks:
        measure(f"synthetic-{n}", synthetic(n), validate=n <= args.validate_up_to)
    print(f"max resident set size: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
