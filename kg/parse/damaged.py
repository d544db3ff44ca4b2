"""Item markers lost to mojibake: ``？。ǘ┩`` where the original had （二）.

A page decoded with the wrong code page turns the full-width brackets and numeral of a marker
into a question mark and a run of characters no Chinese sentence holds (Bopomofo, IPA and
accented Latin letters, box drawing, small form variants). Such a line that goes on with a
responsibility clause is an item whose number is lost: the parser reads it as the item after
the one before it, and says so with a warning, since the number is a guess.
"""

from __future__ import annotations

import re

# ？ (or U+FFFD) at the line start, an optional 。, then the debris of the bracket and numeral
_DEBRIS = "\u0080-\u024f\u0250-\u02af\u2500-\u257f\u3100-\u312f\ufe50-\ufe6f"
_DAMAGED = re.compile(
    rf"^[?？\ufffd]+[。.．]?(?=.{{0,3}}[{_DEBRIS}])[{_DEBRIS}?？\ufffd\u4e00-\u9fff]{{0,4}}[{_DEBRIS}]+"
)


def damaged_marker(line: str) -> str | None:
    """The damaged marker at the start of a line (``？。ǘ┩``), None when the line has none."""
    m = _DAMAGED.match(line)
    return m.group() if m and len(line) > m.end() else None
