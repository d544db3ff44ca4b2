"""Shared fixtures: the bundled document parsed and built once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

import kg

# The suite is reproducible by default (the same examples on every run, so CI cannot fail by
# chance); HYPOTHESIS_PROFILE=explore draws fresh random examples on each run.
settings.register_profile("default", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return kg.bundled_document()


@pytest.fixture(scope="session")
def seed_doc(seed_path) -> kg.Document:
    return kg.parse(seed_path)


@pytest.fixture(scope="session")
def seed_graph(seed_doc):
    return kg.to_graph([seed_doc])


@pytest.fixture(scope="session")
def seed_tasks(seed_doc):
    """path → {role: [short names]} for every task of the bundled document."""
    out = {}
    for t in seed_doc.tasks():
        roles: dict[str, list[str]] = {"lead": [], "support": [], "shared": []}
        for r in t.responsibilities:
            roles[r.role].append(seed_doc.agencies[r.agency].short)
        out[t.path] = roles
    return out


@pytest.fixture(autouse=True)
def _fresh_folder(tmp_path_factory, monkeypatch):
    """Every test runs in an empty folder, so `kg build` never leaves its marker in the checkout
    and the default graph of a command is never a previous test's build."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.fixture(scope="session")
def two_docs(seed_doc) -> tuple[kg.Document, kg.Document]:
    """The bundled document and a Guangdong style fixture: two jurisdictions, two named graphs."""
    return seed_doc, kg.parse(FIXTURES / "styles" / "guangdong_fuze.txt")
