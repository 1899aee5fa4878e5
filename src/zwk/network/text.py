"""Cleaning what people write into messages and posts: plain text only."""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(value: str) -> str:
    """Plain text: tags removed, control characters dropped, newlines normalised.

    Output is stored as text and escaped on display (and sent as text/plain mail), so the
    tag stripping is for readability – nothing here is ever rendered as HTML.
    """
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = html.unescape(nh3.clean(text, tags=set(), attributes={}))
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C").replace(
        "\xa0", " "
    )
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_line(value: str) -> str:
    return " ".join(clean_text(value).split())
