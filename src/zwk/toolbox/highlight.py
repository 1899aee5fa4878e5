"""Safe highlighting of search matches: the text is escaped piece by piece, only <mark> is added."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from zwk.toolbox import search_terms


def highlight(text: str, query: str) -> SafeString:
    terms = search_terms.query_terms(query or "")
    if not terms:
        return escape(text or "")
    out = []
    pos = 0
    for match in search_terms.WORD_RE.finditer(text or ""):
        out.append(escape(text[pos : match.start()]))
        word = match.group(0)
        if search_terms.term_matches(search_terms.normalize(word), terms):
            out.append(f"<mark>{escape(word)}</mark>")
        else:
            out.append(escape(word))
        pos = match.end()
    out.append(escape((text or "")[pos:]))
    return mark_safe("".join(out))
