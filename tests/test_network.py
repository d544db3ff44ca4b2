"""No network unless asked: graphs load without fetching, SERVICE needs --allow-service, and the
suite itself runs with outbound connections refused (tests/conftest.py)."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from tests.conftest import NetworkBlocked

SERVICE = """SELECT ?s WHERE {
  SERVICE <http://192.0.2.1/sparql> { ?s ?p ?o }
}
"""


def test_the_suite_refuses_outbound_connections_and_keeps_loopback():
    with socket.socket() as s, pytest.raises(NetworkBlocked):
        s.connect(("192.0.2.1", 80))
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=5):
            pass


@pytest.mark.parametrize(
    "context",
    [
        '"https://schema.org/"',
        '["https://schema.org/", {"n": "http://x/n"}]',
        '{"@import": "http://x/c"}',
        '{"n": {"@id": "http://x/n", "@context": "http://x/scoped"}}',
    ],
)
def test_a_jsonld_graph_with_a_remote_context_is_refused_without_fetching(tmp_path, context):
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": ' + context + ', "@id": "http://x/a", "n": "v"}')
    with pytest.raises(kg.GraphError, match="remote document .*kg never fetches"):
        kg.load_graph(path)


def test_a_jsonld_graph_with_its_context_inline_loads(tmp_path):
    path = tmp_path / "inline.jsonld"
    path.write_text(
        '{"@context": {"n": {"@id": "http://x/n", "@container": "@set"}}, "@id": "http://x/a", "n": ["v"]}'
    )
    assert len(kg.load_graph(path)) == 1


def test_a_query_with_service_is_refused_unless_allowed(tmp_path, seed_graph):
    rq = tmp_path / "remote.rq"
    rq.write_text(SERVICE)
    with pytest.raises(kg.QueryError, match="SERVICE.*--allow-service"):
        kg.query(seed_graph, str(rq))
    result = CliRunner().invoke(cli, ["query", str(rq), "--sample"])
    assert result.exit_code == 1 and "--allow-service" in result.output
    # allowed, the engine does try the endpoint: here the suite's guard refuses the connection
    with pytest.raises(kg.QueryError, match="blocked"):
        kg.query(seed_graph, str(rq), allow_service=True)


def test_the_word_service_in_a_comment_or_string_is_not_a_service_clause(tmp_path, seed_graph):
    rq = tmp_path / "local.rq"
    rq.write_text('# SERVICE <http://x/>\nSELECT ?s WHERE { ?s ?p "SERVICE <http://x/>" }\n')
    assert kg.query(seed_graph, str(rq)).rows == []
