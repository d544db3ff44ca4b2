"""The ``kg`` command line: each command is a thin layer over the library function of its name.

A :class:`~kg.errors.KgError` becomes one ``Error: …`` line and exit status 1; usage errors
exit 2 (click). Anything else is a bug and shows its traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

import kg

from .errors import KgError


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as e:
            raise click.ClickException(str(e)) from None


@click.group(cls=_Group)
@click.version_option(kg.__version__, prog_name="kg")
def cli() -> None:
    """Turn Chinese policy documents into a knowledge graph of who is responsible for what.

    Example: kg build && kg leads 省商务厅
    """


def output_options(formats: tuple[str, ...] = ("table", "json", "csv")):
    """--format and -o, declared once for every command that prints results."""

    def decorator(f):
        @click.option("--format", "format", type=click.Choice(formats), default=formats[0],
                      show_default=True, help="How to print the result.")
        @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                      default=None, help="Write to this file instead of standard output.")
        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            return f(*args, **kwargs)

        return wrapper

    return decorator


def emit(text: str, output: Path | None) -> None:
    """Print, or write atomically to ``output``."""
    if output is None:
        click.echo(text.rstrip("\n"))
    else:
        kg.write_file(output, text if text.endswith("\n") else text + "\n")
        click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("docs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("kg-out"), show_default=True, help="Folder for the graph and maps.")
@click.option("--base", default=kg.DEFAULT_BASE, show_default=True,
              help="Base IRI of the instances.")
@click.option("--keep-going", is_flag=True, help="Skip documents that cannot be built.")
@click.option("--format", "format", type=click.Choice(("table", "json")), default="table",
              show_default=True, help="How to print the summary.")
def build(docs: tuple[Path, ...], out: Path, base: str, keep_going: bool, format: str) -> None:
    """Build the graph of DOCS (default: the bundled 鲁政发〔2022〕6号) and its maps.

    Example: kg build policy1.txt policy2.txt -o out/
    """
    result = kg.build(list(docs) or None, out=out, base=base, keep_going=keep_going)
    if format == "json":
        click.echo(json.dumps({"documents": [s.__dict__ for s in result.summaries],
                               "files": {k: str(v) for k, v in result.files.items()},
                               "skipped": result.skipped}, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(result.lines()))


@cli.command()
@click.argument("doc", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole document tree as JSON.")
def parse(doc: Path, as_json: bool) -> None:
    """Parse DOC and print its outline, or with --json the intermediate document tree.

    Example: kg parse policy.txt --json > tree.json
    """
    document = kg.parse(doc)
    if as_json:
        click.echo(document.to_json())
        return
    click.echo("\n".join(kg.outline(document)))


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
def validate(graph: Path) -> None:
    """Check GRAPH against the SHACL shapes; exit 1 on any violation.

    Example: kg validate kg-out/graph.ttl
    """
    try:
        result = kg.validate(graph)
    except kg.ValidationError as e:
        click.echo(e.report, err=True)
        raise
    click.echo(f"{graph}: conforms ({result.violations} violations)")


@cli.command()
@click.option("--graph", type=click.Path(path_type=Path), default=None,
              help="Graph file (default: the last build here, else the bundled document).")
@click.option("--format", "format", type=click.Choice(kg.EXPORT_FORMATS), default="tasks-json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def export(graph: Path | None, format: str, output: Path | None) -> None:
    """Print the graph as tasks-json, Turtle, TriG, N-Triples, N-Quads, JSON-LD, GraphML or CSV.

    Example: kg export --graph kg-out/graph.ttl --format tasks-json
    """
    emit(kg.export(kg.resolve_graph(graph), format=format), output)


def main() -> None:  # pragma: no cover - console entry point
    cli(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
