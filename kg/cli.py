"""The ``kg`` command line: each command is a thin layer over the library function of its name.

A :class:`~kg.errors.KgError` becomes one ``Error: …`` line and exit status 1; usage errors
exit 2 (click). Anything else is a bug and shows its traceback.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

import kg
from kg.errors import KgError

if TYPE_CHECKING:
    from rdflib import Graph


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


def checked_output(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """Refuse an output that cannot be written before the command does any work."""
    if value is not None:
        kg.check_outputs([value])
    return value


def output_options(formats: tuple[str, ...] = ("table", "json", "csv")):
    """--format and -o, declared once for every command that prints results."""

    def decorator(f):
        @click.option(
            "--format",
            "format",
            type=click.Choice(formats),
            default=formats[0],
            show_default=True,
            help="How to print the result.",
        )
        @click.option(
            "-o",
            "--output",
            type=click.Path(path_type=Path),
            callback=checked_output,
            default=None,
            help="Write to this file instead of standard output.",
        )
        @click.option(
            "--lang",
            type=click.Choice(kg.LANGS),
            default="zh",
            show_default=True,
            help=f"Role names in a table: {kg.ROLE_CHOICES}; zh prints the Chinese, en the English.",
        )
        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            return f(*args, **kwargs)

        return wrapper

    return decorator


def emit(text: str, output: Path | None) -> None:
    """Print, or write atomically to ``output`` (``-``: standard output)."""
    _header()
    if output is None:
        click.echo(text.rstrip("\n"))
    else:
        write_view(text if text.endswith("\n") else text + "\n", output)


def source_options(f):
    """--store, --graph and --sample: the one graph a command reads, declared once."""
    options = [
        click.option(
            "--store",
            type=click.Path(path_type=Path),
            default=None,
            help="Store folder to read (default: $KG_STORE, else ./kg-store).",
        ),
        click.option("--graph", type=click.Path(path_type=Path), default=None, help=GRAPH_HELP),
        click.option(
            "--sample", is_flag=True, help="Read the bundled document (鲁政发〔2022〕6号), built in memory."
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def open_source(store: Path | None, graph: Path | None, sample: bool, light: bool = False):
    """The graph source of the options, its header printed first (on standard error, so that
    JSON and CSV on standard output stay clean). ``light``: a store is opened only to read
    (:func:`kg.query.onstore.open_reader`), loading no rdflib, for a command that
    :mod:`kg.query.onstore` answers; a missing store is then opened as always, for its error."""
    if light and graph is None and not sample:
        reader = kg.open_reader(store)
        if reader is not None:
            announce(reader.header())
            return reader
    source = kg.open_source(graph=graph, store=store, sample=sample)
    announce(source.header)
    return source.graph


def announce(header: str) -> None:
    """Say which graph answers: printed (on standard error) just before the answer, so an
    error stays one line and JSON or CSV on standard output stays clean."""
    if header:
        click.get_current_context().meta["kg.header"] = header


def _header() -> None:
    ctx = click.get_current_context(silent=True)
    header = ctx.meta.pop("kg.header", None) if ctx is not None else None
    if header:
        click.echo(f"# {header}", err=True)


def graph_option(f=None, *, light: bool = False):
    """The graph source (--store, --graph, --sample, or --endpoint with its credentials) and
    the filters --document, --jurisdiction and --role, declared once. The command receives
    the part of the graph the filters select (:func:`kg.select`) as ``graph``; with
    --endpoint and no filter, a kg.Remote (kg query then runs on the server, the other
    commands read the server's graph). ``light``: a store with no filter comes as a store
    opened to read (:func:`open_source`), which the command answers with :func:`answer`."""
    if f is None:
        return functools.partial(graph_option, light=light)

    @source_options
    @endpoint_options("SPARQL endpoint to ask instead of a store (kg query runs there).")
    @click.option("--document", default=None, help="Only this document: 文号, document id or file name.")
    @click.option(
        "--jurisdiction",
        default=None,
        help="Only documents of this province, city or county (江苏省, 济南市, 320000); "
        "short names then resolve within it.",
    )
    @click.option("--role", default=None, help=f"Only this role: {kg.ROLE_CHOICES}.")
    @functools.wraps(f)
    def wrapper(
        *args,
        store=None,
        graph=None,
        sample=False,
        endpoint=None,
        user=None,
        password=None,
        headers=(),
        document,
        jurisdiction,
        role,
        **kwargs,
    ):
        if endpoint is not None:
            if graph is not None or store is not None or sample:
                raise click.UsageError("give --endpoint or a store, --graph or --sample, not both")
            credentials = kg.Credentials(user, password, dict(kg.parse_header(h) for h in headers))
            source = kg.Remote(endpoint, credentials)
            announce(f"endpoint {endpoint}")
            if not (document or jurisdiction or role):
                return f(*args, graph=source, **kwargs)
        else:
            source = open_source(store, graph, sample, light=light and not (document or jurisdiction or role))
        if not (document or jurisdiction or role):
            return f(*args, graph=source, **kwargs)
        selected = kg.select(
            kg.resolve_graph(source), document=document, jurisdiction=jurisdiction, role=role
        )
        return f(*args, graph=selected, **kwargs)

    return wrapper


def answer(name: str, graph, *args):
    """The library function ``name`` on ``graph``; a store opened to read is answered by the
    function of that name in :mod:`kg.query.onstore`, so the command loads no rdflib."""
    if isinstance(graph, kg.StoreReader):  # so kg.query.onstore is loaded
        return getattr(sys.modules["kg.query.onstore"], name)(graph, *args)
    return getattr(kg, name)(graph, *args)


GRAPH_HELP = "Graph file to read instead of a store (Turtle, TriG, N-Triples, N-Quads, JSON-LD)."


def endpoint_options(help: str, required: bool = False):
    """--endpoint, --user, --password and --header, declared once."""
    options = [
        click.option("--endpoint", required=required, default=None, metavar="URL", help=help),
        click.option("--user", default=None, help="User for HTTP Basic authentication."),
        click.option(
            "--password",
            default=None,
            envvar="KG_PASSWORD",
            help="Password for HTTP Basic authentication (or set KG_PASSWORD).",
        ),
        click.option(
            "--header",
            "headers",
            multiple=True,
            metavar="'NAME: VALUE'",
            help="An HTTP header to send, such as 'Authorization: Bearer …'.",
        ),
    ]

    def decorator(f):
        for option in reversed(options):
            f = option(f)
        return f

    return decorator


def write_view(content: str | bytes, output: Path) -> None:
    """Write a page or workbook atomically; ``-`` sends it to standard output."""
    _header()
    kg.write_file(output, content)
    if str(output) != "-":
        click.echo(f"wrote {kg.shown(output)}", err=True)


def max_bytes_option(f):
    """--max-bytes, declared once: the largest document kg reads."""
    return click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=kg.MAX_BYTES,
        show_default=True,
        help="Refuse a document larger than this many bytes.",
    )(f)


@cli.command()
@click.argument("docs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=None,
    help="Store folder to build into (default: $KG_STORE, else ./kg-store).",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write graph.ttl, graph.trig, map.html and report.html of DOCS in this folder "
    "(default with no DOCS: kg-out).",
)
@click.option("--base", default=kg.DEFAULT_BASE, show_default=True, help="Base IRI of the instances.")
@click.option("--keep-going", is_flag=True, help="Skip documents that cannot be built.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Parse in this many processes (default: the machine's cores).",
)
@click.option(
    "--engine",
    type=click.Choice(("local", "dask")),
    default="local",
    show_default=True,
    help="local: this machine; dask: a Dask cluster (--scheduler, else a local cluster).",
)
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler (tcp://HOST:8786).")
@click.option(
    "--format",
    "format",
    type=click.Choice(("table", "json")),
    default="table",
    show_default=True,
    help="How to print the summary.",
)
@max_bytes_option
@click.option(
    "--ocr", is_flag=True, help="Read PDF pages without a text layer with tesseract (if installed)."
)
def build(
    docs: tuple[Path, ...],
    store: Path | None,
    out: Path | None,
    base: str,
    keep_going: bool,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    format: str,
    max_bytes: int,
    ocr: bool,
) -> None:
    """Build DOCS into the store (default: the bundled 鲁政发〔2022〕6号, also written to kg-out).

    DOCS are files in any format kg reads, folders (read recursively), glob patterns
    ('plans/**/*.docx') or @list.txt (one path a line). A document unchanged since its last
    build is not parsed again; a changed one replaces only its own named graph.

    Example: kg build plans/ -o out/
    """
    progress = _progress_bar() if sys.stderr.isatty() else None
    result = kg.build(
        list(docs) or None,
        out=out,
        store=store,
        base=base,
        keep_going=keep_going,
        max_bytes=max_bytes,
        ocr=ocr,
        jobs=jobs or os.cpu_count() or 1,
        engine=engine,
        scheduler=scheduler,
        progress=progress,
    )
    if progress is not None:
        click.echo("", err=True)
    if format == "json":
        click.echo(
            json.dumps(
                {
                    "store": result.header,
                    "documents": [s.__dict__ for s in result.summaries],
                    "unchanged": result.unchanged,
                    "files": {k: kg.shown(v) for k, v in result.files.items()},
                    "skipped": result.skipped,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        click.echo("\n".join(result.lines()))


def _progress_bar():
    """Documents done, documents/s and the time left, on one line of a terminal."""
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        spent = time.monotonic() - started
        rate = done / spent if spent > 0 else 0.0
        left = f"{(total - done) / rate:.0f} s left" if rate > 0 else "…"
        click.echo(f"\r{done}/{total} documents · {rate:.1f}/s · {left}   ", err=True, nl=False)

    return show


@cli.command()
@click.argument("documents", nargs=-1, required=True)
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=None,
    help="Store folder (default: $KG_STORE, else ./kg-store).",
)
def remove(documents: tuple[str, ...], store: Path | None) -> None:
    """Remove DOCUMENTS (文号, document id, file name or path) from the store.

    Example: kg remove 鲁政发〔2022〕6号
    """
    click.echo("\n".join(kg.remove(list(documents), store=store).lines()))


@cli.command()
@click.argument("doc", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole document tree as JSON.")
@max_bytes_option
@click.option(
    "--ocr", is_flag=True, help="Read PDF pages without a text layer with tesseract (if installed)."
)
def parse(doc: Path, as_json: bool, max_bytes: int, ocr: bool) -> None:
    """Parse DOC (- for standard input) and print its outline, or with --json the document tree.

    Example: kg parse policy.txt --json > tree.json
    """
    document = kg.parse(doc, max_bytes, ocr=ocr)
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
@graph_option
@click.option(
    "--format",
    "format",
    type=click.Choice((*kg.EXPORT_FORMATS, *kg.EXPORT_PAGES)),
    default="tasks-json",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    callback=checked_output,
    default=None,
    help="Write to this file instead of standard output.",
)
def export(graph: Graph, format: str, output: Path | None) -> None:
    """Print the graph as tasks-json, Turtle, TriG, N-Triples, N-Quads, JSON-LD, GraphML, GEXF,
    CSV or JSON Lines, or its VoID description; or the ontology or SHACL shapes the graph
    follows, or the ontology's offline documentation page (ontology-html).

    Example: kg export --graph kg-out/graph.ttl --format json-ld -o graph.jsonld
    """
    emit(kg.ontology_html() if format == "ontology-html" else kg.export(graph, format=format), output)


@cli.command()
@graph_option
@click.option("--agency", default=None, help="Draw only this agency's neighbourhood.")
@click.option(
    "--view",
    type=click.Choice(kg.VIEWS),
    default="auto",
    show_default=True,
    help="auto: each task up to 300 tasks, else the agency network; "
    "or tasks, agencies, documents, jurisdictions.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    callback=checked_output,
    default=Path("map.html"),
    show_default=True,
    help="HTML file to write; - for stdout.",
)
def viz(graph: Graph, agency: str | None, view: str, output: Path) -> None:
    """Draw the interactive accountability map: one HTML file that works offline.

    Example: kg viz --agency 省商务厅 -o commerce.html
    """
    write_view(kg.viz(graph, agency=agency, view=view), output)


@cli.command()
@graph_option
@click.option(
    "--format",
    "format",
    type=click.Choice(kg.MATRIX_FORMATS),
    default="html",
    show_default=True,
    help="html (a page with the table), csv or xlsx.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    callback=checked_output,
    default=None,
    help="File to write (default: matrix.FORMAT); - for stdout.",
)
def matrix(graph: Graph, format: str, output: Path | None) -> None:
    """Write the agency × task matrix: 牵头 / 配合 / 分工负责 with row and column totals.

    Example: kg matrix --format xlsx -o matrix.xlsx
    """
    content = kg.matrix(graph, format=format)
    write_view(content, output or Path(f"matrix.{format}"))


@cli.command()
@graph_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    callback=checked_output,
    default=Path("report.html"),
    show_default=True,
    help="HTML file to write; - for stdout.",
)
def report(graph: Graph, output: Path) -> None:
    """Write the one-page report: metadata, numbers, workload, matrix, map, targets, warnings.

    Example: kg report --graph kg-out/graph.ttl -o report.html
    """
    write_view(kg.report(graph), output)


def _key_values(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict:
    """Repeated ``--param key=value`` → a dict; the value may itself contain ``=``."""
    out = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", ctx=ctx, param=param)
        out[key.strip()] = value
    return out


@cli.command()
@click.argument("agency")
@graph_option(light=True)
@output_options()
def leads(agency: str, graph: Graph, format: str, output: Path | None, lang: str) -> None:
    """What AGENCY leads (牵头), shares (分工负责) and supports (配合), task by task.

    AGENCY may be the short name (省商务厅), part of it (商务厅), the full name (山东省商务厅),
    Traditional (省商務廳), English (Department of Commerce) or an abbreviation (发改委).

    Example: kg leads 省商务厅 --format json
    """
    emit(kg.render(answer("leads", graph, agency), format, lang), output)


@cli.command()
@click.argument("agency")
@graph_option
@output_options()
def agency(agency: str, graph: Graph, format: str, output: Path | None, lang: str) -> None:
    """AGENCY's profile: counts by role, tasks, partners ranked by tasks together, places its
    tasks name and the targets it answers for. CSV holds the task list only.

    Example: kg agency 省市场监管局
    """
    emit(kg.render(kg.agency(graph, agency), format, lang), output)


@cli.command()
@click.argument("path")
@graph_option
@output_options()
def task(path: str, graph: Graph, format: str, output: Path | None, lang: str) -> None:
    """Task PATH (such as 3.3) in full: title, text, clause, every agency with its role,
    places, targets and where it stands in the original text.

    Example: kg task 3.3 --format json
    """
    emit(kg.render(kg.task(graph, path), format, lang), output)


@cli.command()
@graph_option(light=True)
@output_options()
def agencies(graph: Graph, format: str, output: Path | None, lang: str) -> None:
    """Every agency named in a task with its lead, support and shared counts, heaviest
    first; collectives (省政府有关部门 …) have kind "collective".

    Example: kg agencies --format csv -o agencies.csv
    """
    emit(kg.render(answer("agencies", graph), format, lang), output)


@cli.command()
@click.argument("document_a")
@click.argument("document_b")
@click.option(
    "--threshold",
    type=float,
    default=kg.COMPARE_THRESHOLD,
    show_default=True,
    help="The least similarity (0–1) that pairs two tasks.",
)
@graph_option
@output_options()
def compare(
    document_a: str,
    document_b: str,
    threshold: float,
    graph: Graph,
    format: str,
    output: Path | None,
    lang: str,
) -> None:
    """Align the tasks of DOCUMENT_A and DOCUMENT_B (文号, document id or file name) by their
    text, most alike first, and show per role the agency functions only one of them names.

    Example: kg compare 鲁政发〔2022〕6号 济政发〔2022〕15号
    """
    emit(kg.render(kg.compare(graph, document_a, document_b, threshold=threshold), format, lang), output)


@cli.command()
@click.argument("query", required=False, metavar="[NAME|FILE.rq]")
@click.option(
    "--param",
    "params",
    multiple=True,
    callback=_key_values,
    metavar="KEY=VALUE",
    help="Bind ?KEY (repeatable). Agency, place and task parameters take names "
    "(省商务厅, 青岛, 3.3) or <iri>; other values are plain literals.",
)
@click.option("--allow-service", is_flag=True, help="Let a SERVICE clause call a remote SPARQL endpoint.")
@graph_option
@output_options()
def query(
    query: str | None,
    params: dict,
    allow_service: bool,
    graph: Graph,
    format: str,
    output: Path | None,
    lang: str,
) -> None:
    """Run a query of the library by NAME, or any SPARQL FILE.rq; with neither, list the
    library. Parameters are bound as RDF terms, never pasted into the query text. A query
    with SERVICE (a remote endpoint) is refused unless --allow-service.

    Example: kg query leads --param agency=省商务厅
    """
    if not query:
        return emit(kg.render(kg.query_library(), format, lang), output)
    if isinstance(graph, kg.Remote):
        result = kg.remote_query(graph, query, params)
    else:
        result = kg.query(graph, query, params, allow_service=allow_service)
    emit(kg.render(result, format, lang), output)


@cli.command()
@click.argument("question", nargs=-1)
@click.option("--forms", "list_forms", is_flag=True, help="List every question form understood.")
@graph_option
@output_options()
def ask(
    question: tuple[str, ...],
    list_forms: bool,
    graph: Graph,
    format: str,
    output: Path | None,
    lang: str,
) -> None:
    """Answer QUESTION, asked in Chinese or English, with the named query it maps to (the
    equivalent `kg query` command goes to standard error). An unknown form names the two
    closest forms understood; --forms lists them all.

    Example: kg ask "省商务厅牵头哪些任务？"   or   kg ask what does 省商务厅 lead?
    """
    if list_forms or not question:
        emit(kg.render(kg.question_forms(), format, lang), output)
        return
    answer = kg.ask(graph, " ".join(question))
    _header()
    click.echo(f"# {answer.command}", err=True)
    emit(kg.render(answer, format, lang), output)


@cli.command()
@source_options
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port on 127.0.0.1."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds a query may run before it is stopped.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Rows (or triples) a result may have.",
)
def serve(
    store: Path | None, graph: Path | None, sample: bool, port: int, timeout: float, max_rows: int
) -> None:
    """Serve the store (or a graph file) as a read-only SPARQL 1.1 endpoint on 127.0.0.1
    (/sparql), with a query editor (/) and a page per agency, task and document. Ctrl-C stops it.

    Example: kg serve --store kg-store --port 8000
    """
    served = kg.serving_store(kg.open_source(graph=graph, store=store, sample=sample))
    click.echo(f"serving {served.header}")
    click.echo(f"SPARQL endpoint http://127.0.0.1:{port}/sparql · editor http://127.0.0.1:{port}/")
    kg.serve(served.path or served.store, port=port, timeout=timeout, max_rows=max_rows)


@cli.command()
@source_options
@endpoint_options("The server's Graph Store Protocol URL (Oxigraph: http://HOST:7878/store).", required=True)
def push(
    store: Path | None,
    graph: Path | None,
    sample: bool,
    endpoint: str,
    user: str | None,
    password: str | None,
    headers: tuple[str, ...],
) -> None:
    """Send each document's named graph to a SPARQL 1.1 Graph Store (PUT, replacing the graph
    of the same name; the server's other graphs stay as they are).

    Example: kg push --store kg-store --endpoint http://127.0.0.1:7878/store
    """
    served = kg.serving_store(kg.open_source(graph=graph, store=store, sample=sample))
    click.echo(f"pushing {served.header}")
    credentials = kg.Credentials(user, password, dict(kg.parse_header(h) for h in headers))
    click.echo("\n".join(kg.push(served.store, endpoint, credentials).lines()))


if __name__ == "__main__":  # python -m kg.cli, as python -m kg
    cli(prog_name="kg")
