"""Make kg/data/radicals.csv: each CJK radical code point → the ideograph it stands for.

PDF text layers often map a glyph that a CJK font shares between a radical and an ideograph
(人 and ⼈, 民 and ⺠) to the radical's code point, so text extracted from a PDF reads
``⼈⺠政府``. Kangxi radicals (U+2F00–U+2FD5) have NFKC decompositions and need no table; the
CJK Radicals Supplement (U+2E80–U+2EF3) has none, so this script takes, for each of its code
points, the unified ideograph that the Noto CJK SC fonts draw with the same glyph.

Run: python scripts/make_radicals.py > kg/data/radicals.csv  (needs fontTools and
Debian's fonts-noto-cjk; both only to make the file, never at run time).
"""

from __future__ import annotations

import sys

from fontTools.ttLib import TTCollection

FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)


def main() -> None:
    found: dict[int, set[int]] = {}
    for path in FONTS:
        for font in TTCollection(path).fonts:
            if not font["name"].getDebugName(1).endswith(" SC"):
                continue
            cmap = font.getBestCmap()
            by_glyph: dict[str, list[int]] = {}
            for cp, glyph in cmap.items():
                if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF:
                    by_glyph.setdefault(glyph, []).append(cp)
            for cp in range(0x2E80, 0x2F00):
                glyph = cmap.get(cp)
                if glyph in by_glyph:
                    found.setdefault(cp, set()).update(by_glyph[glyph])
    sys.stdout.write("radical,ideograph\n")
    for cp in sorted(found):
        if len(found[cp]) == 1:
            sys.stdout.write(f"{chr(cp)},{chr(next(iter(found[cp])))}\n")


if __name__ == "__main__":
    main()
