"""Build the graph of the bundled document (鲁政发〔2022〕6号): a thin wrapper over ``kg.build``.

    python build_graph.py            # writes kg-out/graph.ttl, graph.trig, map.html, report.html
    python build_graph.py -o out/    # somewhere else

The same as ``kg build``; kept for those who expect a script at the top of the repository.
"""

from __future__ import annotations

import argparse
import sys

import kg


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the graph of the bundled document.")
    ap.add_argument("-o", "--out", default="kg-out", help="output folder (default: kg-out)")
    args = ap.parse_args(argv)
    try:
        result = kg.build(out=args.out)
    except kg.KgError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    print("\n".join(result.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
