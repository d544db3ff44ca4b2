"""Shared fixtures: the bundled document parsed and built once per session."""

from __future__ import annotations

import ipaddress
import os
import socket
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


class NetworkBlocked(OSError):
    """Raised by the suite's socket guard: kg tried to reach a machine other than this one."""


def _loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if not isinstance(host, str):
        return True  # AF_UNIX paths (bytes) and abstract sockets stay on this machine
    if host in ("localhost", "") or "/" in host:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name: resolving and reaching it would be outbound


def _guarded(connect):
    def guard(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address):
            raise NetworkBlocked(f"outbound connection to {address!r} blocked in the test suite")
        return connect(self, address)

    return guard


# The whole suite runs with outbound connections refused (loopback stays open for the browser
# and server tests), so a test that makes kg reach the network fails instead of passing online.
socket.socket.connect = _guarded(socket.socket.connect)  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded(socket.socket.connect_ex)  # type: ignore[method-assign]


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


# A corpus of seven documents from three provinces (Shandong: the bundled plan, Jinan's
# implementation of it, a Jinan 工作要点, a Weifang 分工方案, a Huangdao district plan; Jiangsu;
# Guangdong), for cross-document answers.
CORPUS = [
    "corpus/jinan_biaozhunhua_shishi.txt",  # Jinan's implementation of the bundled plan
    "styles/jiangsu_shishi_fangan.txt",
    "styles/guangdong_fuze.txt",
    "styles/jinan_gongzuo_yaodian.txt",
    "styles/fenggong_table.txt",
    "styles/county_issuer.txt",
]


@pytest.fixture(scope="session")
def corpus_docs(seed_doc) -> list[kg.Document]:
    return [seed_doc] + [kg.parse(FIXTURES / p) for p in CORPUS]


@pytest.fixture(scope="session")
def corpus_graph(corpus_docs):
    return kg.to_graph(corpus_docs)


@pytest.fixture(scope="session")
def corpus_file(corpus_graph, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("corpus") / "graph.ttl"
    corpus_graph.serialize(path, format="turtle")
    return str(path)


@pytest.fixture(scope="session")
def two_docs(seed_doc) -> tuple[kg.Document, kg.Document]:
    """The bundled document and a Guangdong style fixture: two jurisdictions, two named graphs."""
    return seed_doc, kg.parse(FIXTURES / "styles" / "guangdong_fuze.txt")
