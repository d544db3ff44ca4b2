"""One root exception, so the command line can turn any failure we foresaw into one line."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error kg raises on purpose; anything else is a bug."""


class InputError(KgError):
    """A document that cannot be read as text (missing, empty, binary, undecodable)."""


class UnknownName(KgError):
    """A name that matches nothing of its kind; ``candidates`` holds the closest names."""

    kind = "name"

    def __init__(self, name: str, candidates: list[str] | None = None):
        self.name = name
        self.candidates = list(candidates or [])
        hint = f"; closest: {', '.join(self.candidates)}" if self.candidates else ""
        super().__init__(f"no {self.kind} called {name!r}{hint}")


class AmbiguousName(KgError):
    """A name that matches several things of its kind equally well."""

    kind = "name"
    plural = "names"
    shown = 12  # candidates named in the message; all of them stay in ``candidates``

    def __init__(self, name: str, candidates: list[str]):
        self.name = name
        self.candidates = list(candidates)
        listed = ", ".join(self.candidates[: self.shown])
        more = len(self.candidates) - self.shown
        tail = f" and {more} more" if more > 0 else ""
        super().__init__(f"{name!r} is ambiguous, {len(self.candidates)} {self.plural} match: {listed}{tail}")


class UnknownAgency(UnknownName):
    """A name that matches no agency; ``candidates`` holds the closest names."""

    kind = "agency"


class AmbiguousAgency(AmbiguousName):
    """A name that matches several agencies equally well."""

    kind = "agency"
    plural = "agencies"


class UnknownPlace(UnknownName):
    """A name that matches no place of the graph."""

    kind = "place"


class AmbiguousPlace(AmbiguousName):
    """A name that matches several places equally well."""

    kind = "place"
    plural = "places"


class UnknownTask(UnknownName):
    """A task path (or IRI) that matches no task of the graph."""

    kind = "task"


class AmbiguousTask(AmbiguousName):
    """A task path found in several documents; the candidates name the documents."""

    kind = "task"
    plural = "tasks"


class UnknownDocument(UnknownName):
    """A 文号, document id or file name that matches no document of the graph."""

    kind = "document"


class AmbiguousDocument(AmbiguousName):
    """A name that matches several documents."""

    kind = "document"
    plural = "documents"


class NoDocumentIn(UnknownDocument):
    """A jurisdiction none of the graph's documents belongs to; ``candidates`` are those they do."""

    def __init__(self, name: str, candidates: list[str] | None = None):
        KgError.__init__(
            self,
            f"no document of the graph is in {name}; its documents are in: {', '.join(candidates or [])}",
        )
        self.name = name
        self.candidates = list(candidates or [])


class UnknownJurisdiction(UnknownName):
    """A province, city or county name, or GB/T 2260 code, that names no place kg knows."""

    kind = "jurisdiction"


class OptionError(KgError):
    """An option value kg cannot work with, such as a ``--base`` that is no absolute IRI."""


class OutputError(KgError):
    """An output that cannot be written where it was asked for (the disk is left as it was)."""


class GraphError(KgError):
    """A graph file that is missing or cannot be parsed."""


class QueryError(KgError):
    """An unknown query name, a malformed query or a bad parameter."""


class UnknownQuestion(QueryError):
    """A question ``kg ask`` has no pattern for; the message lists the forms it understands."""


class ValidationError(KgError):
    """A graph that does not conform to the SHACL shapes."""

    def __init__(self, message: str, report: str = ""):
        self.report = report
        super().__init__(message)


class ServeError(KgError):
    """kg serve cannot start (the port is taken, the store cannot be opened)."""


class RemoteError(KgError):
    """A remote SPARQL server refused a request, or could not be reached."""
