"""Brackets: split lists and sentences only outside （…）, never inside STES（科学、技术）."""

from __future__ import annotations

from collections.abc import Iterator


def outside_brackets(text: str) -> Iterator[tuple[int, str]]:
    """Each character of normalised text that stands outside （…）, with its index: lists and
    sentences split there, never inside STES（科学、技术）."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "（":
            depth += 1
        elif ch == "）":
            depth = max(0, depth - 1)
        elif depth == 0:
            yield i, ch


def split_outside_brackets(text: str, separators: str) -> list[tuple[int, int]]:
    """[start, end) of the pieces between separators that stand outside brackets."""
    cuts = [i for i, ch in outside_brackets(text) if ch in separators]
    starts = [0] + [c + 1 for c in cuts]
    ends = cuts + [len(text)]
    return list(zip(starts, ends))
