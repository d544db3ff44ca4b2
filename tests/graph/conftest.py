"""A small corpus of the style fixtures, copied into a folder a test may change."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"
STYLES = sorted((FIXTURES / "styles").glob("*.txt"))[:5]


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for p in STYLES:
        (folder / p.name).write_bytes(p.read_bytes())
    return folder
