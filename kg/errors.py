"""One root exception, so the command line can turn any failure we foresaw into one line."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error kg raises on purpose; anything else is a bug."""


class InputError(KgError):
    """A document that cannot be read as text (missing, empty, binary, undecodable)."""


class UnknownAgency(KgError):
    """A name that matches no agency; ``candidates`` holds the closest names."""

    def __init__(self, name: str, candidates: list[str] | None = None):
        self.name = name
        self.candidates = list(candidates or [])
        hint = f"; closest: {', '.join(self.candidates)}" if self.candidates else ""
        super().__init__(f"no agency called {name!r}{hint}")


class AmbiguousAgency(KgError):
    """A name that matches several agencies equally well."""

    def __init__(self, name: str, candidates: list[str]):
        self.name = name
        self.candidates = list(candidates)
        super().__init__(f"{name!r} is ambiguous: {', '.join(self.candidates)}")


class GraphError(KgError):
    """A graph file that is missing or cannot be parsed."""


class QueryError(KgError):
    """An unknown query name, a malformed query or a bad parameter."""


class ValidationError(KgError):
    """A graph that does not conform to the SHACL shapes."""

    def __init__(self, message: str, report: str = ""):
        self.report = report
        super().__init__(message)
