"""References to other documents in a document's text: 文号 (根据苏政发〔2023〕18号) and titles in
《》 (《国家标准化发展纲要》).

The graph records each as written (``kg:citation``) and links the document it names when that
document is in the same graph (``kg:cites``), by its 文号 or its title.
"""

from __future__ import annotations

import re

from kg.lexicon.words import CITATION_LEAD_INS, alternation
from kg.model import Document

# A 文号 inside running text: the issuer's abbreviation (1-8 characters), the year in brackets of
# any form, the number. Words that lead into a reference are not part of the abbreviation.
_WENHAO = re.compile(r"([\u4e00-\u9fff]{1,8})[〔\[（【(]\s*((?:19|20)\d\d)\s*[〕\]）】)]\s*第?\s*(\d+)\s*号")
_LEAD_IN = re.compile(f"^.*(?:{alternation(CITATION_LEAD_INS)})")
_TITLE = re.compile(r"《([^《》\n]{2,80})》")


def normalise_wenhao(text: str) -> str:
    """苏政发[2023]第18号 → 苏政发〔2023〕18号: the one form 文号 are compared in."""
    m = _WENHAO.search(text)
    return f"{m[1]}〔{m[2]}〕{m[3]}号" if m else text


def citations(doc: Document) -> list[str]:
    """Every 文号 and 《title》 the document's title, preamble and parts name, other than its own
    文号, once each in order of first mention."""
    texts = [doc.title or "", doc.preamble]
    for section in doc.sections:
        texts.append(f"{section.title or ''}\n{section.text}")
        texts.extend(t.text for t in section.walk())
    own = normalise_wenhao(doc.identifier) if doc.identifier else None
    found: list[str] = []
    for text in texts:
        for m in sorted([*_WENHAO.finditer(text), *_TITLE.finditer(text)], key=lambda m: m.start()):
            if m.re is _TITLE:
                ref = f"《{m[1]}》"
            else:
                ref = f"{_LEAD_IN.sub('', m[1]) or m[1]}〔{m[2]}〕{m[3]}号"
            if ref != own and ref not in found:
                found.append(ref)
    return found
