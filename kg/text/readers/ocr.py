"""OCR for PDF pages without a text layer, when the user asks (``--ocr``) and has Debian's
``tesseract-ocr`` with Simplified Chinese (``tesseract-ocr-chi-sim``); never a requirement.

The page is rendered by pdfplumber (pypdfium2, which it already uses) and read by the
``tesseract`` program, whose TSV output gives each word with its box: words become lines with
their left and right edges, so the PDF reader joins wrapped lines as it does for a text layer.
Tesseract writes spaces between Chinese characters; they are removed.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from kg.errors import InputError

LANGUAGE = "chi_sim"
RESOLUTION = 300
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
_CJK_SPACE = re.compile(rf"(?<={_CJK}) +| +(?={_CJK})")


def available() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return "--ocr needs Debian's tesseract-ocr and tesseract-ocr-chi-sim (apt-get install them)"
    langs = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, check=False)
    if LANGUAGE not in langs.stdout.split():
        return "--ocr needs Simplified Chinese for tesseract: apt-get install tesseract-ocr-chi-sim"
    return None


def page_lines(page: Any) -> list[tuple[str, float, float, float, float]]:
    """The lines tesseract reads on a page: (text, left, right, size, top), in PDF points."""
    image = page.to_image(resolution=RESOLUTION).original
    scale = 72 / RESOLUTION
    with tempfile.TemporaryDirectory(prefix="kg-ocr-") as folder:
        png = Path(folder) / "page.png"
        image.save(png)
        run = subprocess.run(
            ["tesseract", str(png), "stdout", "-l", LANGUAGE, "tsv"],
            capture_output=True,
            text=True,
            check=False,
        )
    if run.returncode != 0:
        raise InputError(f"tesseract could not read a page: {run.stderr.strip().splitlines()[-1:]}")
    lines: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(run.stdout), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and (row.get("text") or "").strip():
            lines.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(row)
    out = []
    for words in lines.values():
        text = _CJK_SPACE.sub("", " ".join(w["text"] for w in words))
        left = min(int(w["left"]) for w in words) * scale
        right = max(int(w["left"]) + int(w["width"]) for w in words) * scale
        size = max(int(w["height"]) for w in words) * scale
        top = min(int(w["top"]) for w in words) * scale
        out.append((top, text, left, right, size))
    return [(text, left, right, size, top) for top, text, left, right, size in sorted(out)]
