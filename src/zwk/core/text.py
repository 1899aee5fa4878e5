"""Plain text from what people type: one cleaning for messages, posts, cards, names, titles.

Stored text is escaped on display and sent as text/plain, so nothing here is ever rendered as
HTML; the cleaning keeps the stored text itself plain and readable: markup removed, entities
decoded once, control and invisible formatting characters (zero-width, bidi overrides)
dropped, white space tidied, length bounded.

- ``plain_text``: markup off, nothing else (titles and summaries of rich-text pages, search).
- ``clean_text``: several lines – spaces within a line collapsed, at most one blank line.
- ``clean_line``: one line – all white space collapsed to single spaces.
"""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

_BLANK_LINES = re.compile(r"\n{3,}")
_DROPPED = {"Cc", "Cf", "Cs"}  # control, format (zero-width, bidi), lone surrogates


def plain_text(value: str) -> str:
    """Text content without any markup (entities decoded once, no-break spaces as spaces)."""
    return html.unescape(nh3.clean(value or "", tags=set(), attributes={})).replace("\xa0", " ")


def _clean(value: str) -> str:
    text = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = plain_text(text)
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in _DROPPED)


def clean_text(value: str, *, max_length: int | None = None) -> str:
    """Plain text of several lines (see the module), cut to ``max_length`` characters."""
    lines = [" ".join(line.split()) for line in _clean(value).split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return text[:max_length] if max_length is not None else text


def clean_line(value: str, *, max_length: int | None = None) -> str:
    """Plain text on one line, cut to ``max_length`` characters."""
    text = " ".join(_clean(value).split())
    return text[:max_length] if max_length is not None else text
